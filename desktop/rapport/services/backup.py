"""Backups of the book: now, automatically once a day, pruned, and restored.

When they happen:
- when the window starts and the newest backup is more than a day old (in the background),
  and before ``rapport import`` writes (same rule); scripts can run ``rapport backup``;
- before every schema migration (store/engine_sqlite.py);
- before every restore: the book being replaced is kept as a ``before-restore`` backup.

Where: the ``backup_dir`` setting, or ``backups/`` in the data directory. Files are named
``rapport-YYYYMMDD-HHMMSS-REASON.db``, are 0600 in a 0700 folder, and are complete SQLite
databases (open one with any SQLite tool).

Retention (setting ``backup_retention``, default 7 daily, 4 weekly, 12 monthly) prunes
only automatic backups; backups the user made and those taken before a migration or a
restore are never deleted by Rapport.

An automatic backup is made only of a healthy book: ``PRAGMA quick_check`` runs first, so
a damaged database never pushes good backups out of the retention window.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from rapport import clock, paths
from rapport.core.retention import parse_retention, to_keep
from rapport.services import settings
from rapport.services.book import close_book, current_book, open_book
from rapport.services.damaged import POINTER, backups_in, folders_of
from rapport.services.damaged import DamagedBookError as DamagedBookError
from rapport.services.damaged import check_backup as check_backup
from rapport.services.damaged import damaged_book_error as damaged_book_error
from rapport.services.damaged import newest_good_backup as newest_good_backup
from rapport.services.damaged import restore_advice as restore_advice
from rapport.services.errors import ServiceError
from rapport.store import backup as store_backup
from rapport.store import engine, engines
from rapport.store.errors import NotADatabaseError, StoreError, raise_named, reading_error

BackupFile = store_backup.BackupFile  # what the window lists
AUTO = "auto"
MANUAL = "manual"
AUTO_EVERY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class AutoBackup:
    path: Path | None
    pruned: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    why_not: str = ""


@dataclass(frozen=True, slots=True)
class Restored:
    source: Path
    kept: Path | None  # the book as it was before, kept as a backup


def _require_file_backups() -> None:
    if not engine.current().file_backups:
        raise ServiceError("backups cover the local book; back up a server database with its tools")


def _book_dir() -> Path:
    book = current_book()
    if book is None:
        raise ServiceError("no book is open")
    return book.data_dir


def backup_folder() -> Path:
    custom = settings.get("backup_dir")
    if isinstance(custom, str) and custom.strip():
        return Path(custom).expanduser()
    return paths.backups_dir(_book_dir())


def list_backups(data_dir: Path | None = None) -> list[store_backup.BackupFile]:
    """Backups of the book, newest first, from every folder they may be in."""
    if data_dir is None:
        folders = [backup_folder(), *folders_of(_book_dir())]
    else:
        folders = folders_of(data_dir)
    return backups_in(folders)


def team_export(target: str | Path | None = None) -> Path:
    """A team book's stand-in for a backup: a JSON export of what this member can see.

    The book itself is the server's to back up (``pg_dump``); the export imports into a
    personal book. ``target`` is a file or a folder (default: the backup folder).
    """
    from rapport.services.export import export_json

    if target is not None and not Path(target).expanduser().is_dir():
        destination = Path(target).expanduser()
    else:
        folder = Path(target).expanduser() if target is not None else backup_folder()
        paths.ensure_private_dir(folder)
        destination = store_backup.unique_target(folder, MANUAL, clock.now()).with_suffix(".json")
    return export_json(destination)[0]


def backup_now(target: str | Path | None = None, reason: str = MANUAL) -> Path:
    """A backup of the open book to ``target``, or a new file in the backup folder."""
    _require_file_backups()
    if target is not None:
        destination = Path(target).expanduser()
        if destination.is_dir():
            destination = store_backup.unique_target(destination, reason, clock.now())
    else:
        folder = backup_folder()
        destination = store_backup.unique_target(folder, reason, clock.now())
        _remember_folder(folder)
    try:
        return engine.current().backup_to(destination)
    except paths.DataDirError as exc:
        raise ServiceError(str(exc).replace("data directory", "backup folder")) from None
    except Exception as exc:
        raise_named(exc)


def _remember_folder(folder: Path) -> None:
    data_dir = _book_dir()
    pointer = data_dir / POINTER
    if folder == paths.backups_dir(data_dir):
        pointer.unlink(missing_ok=True)
        return
    try:
        with paths.private_umask():
            pointer.write_text(str(folder.resolve()) + "\n", encoding="utf-8")
    except OSError:
        pass  # only a convenience for finding backups of a damaged book


def auto_backup_if_due(now: datetime | None = None) -> AutoBackup:
    """Back up when the newest backup is over a day old and the book is healthy; prune."""
    if not engine.current().file_backups:
        return AutoBackup(None, why_not="not a local book")
    now = now or clock.now()
    newest = next((b for b in list_backups() if b.reason != "damaged"), None)
    if newest is not None and now - newest.when < AUTO_EVERY:
        return AutoBackup(None, why_not="recent")
    from rapport.services.book import is_empty

    problems = engine.current().quick_check()
    if problems:
        return AutoBackup(None, problems=problems, why_not="damaged")
    if is_empty():
        return AutoBackup(None, why_not="empty")
    folder = backup_folder()
    path = engine.current().backup_to(store_backup.unique_target(folder, AUTO, now))
    _remember_folder(folder)
    return AutoBackup(path, prune(folder))


def prune(folder: Path | None = None) -> list[Path]:
    """Delete the automatic backups that the retention setting no longer keeps."""
    folder = folder or backup_folder()
    autos = [b for b in store_backup.list_backups(folder) if b.reason == AUTO]
    daily, weekly, monthly = parse_retention(settings.get("backup_retention"))
    keep = to_keep([b.when for b in autos], daily, weekly, monthly)
    removed = []
    for index, item in enumerate(autos):
        if index not in keep:
            item.path.unlink(missing_ok=True)
            removed.append(item.path)
    return removed


def restore(path: str | Path, progress: store_backup.Progress | None = None) -> Restored:
    """Replace the open book with the backup at ``path``; the current book is kept first.

    ``progress(done, total)`` follows the copy of the backup's pages (after the current
    book was kept). Call ``reopen_book()`` afterwards on the thread that owns the book (it
    migrates a backup from an older Rapport). Room for the kept book and the restored
    one is checked first: a disk too full for both refuses before anything is written.
    """
    _require_file_backups()
    source = Path(path).expanduser()
    check_backup(source, _book_dir())
    live = paths.database_path(_book_dir())
    if source.resolve() == live.resolve():
        raise ServiceError("that is the book itself, not a backup of it")
    folder = backup_folder()
    # The kept book goes to the backup folder; the backup's pages pass through the -wal
    # and then into the book's file.
    size = store_backup.file_size(source)
    store_backup.require_space([(folder, store_backup.file_size(live)), (live.parent, 2 * size)])
    try:
        kept: Path | None = backup_now(reason="before-restore")
    except NotADatabaseError:
        kept = _keep_damaged(live, folder)  # too damaged for the backup API: a raw copy
    try:
        engine.current().restore_from(source, progress)
    except Exception as exc:
        raise_named(exc, live)
    return Restored(source, kept)


def reopen_book() -> None:
    data_dir = _book_dir()
    close_book()
    open_book(data_dir)


def recover_damaged(data_dir: Path, source: str | Path) -> Restored:
    """The book in ``data_dir`` cannot be opened: restore ``source`` in its place, open.

    The restored book is written beside the damaged one and takes its name in one
    rename, so the damaged file stays where it is until the new book is complete: a
    restore that fails (a full disk) or is killed leaves the book as it was. The
    damaged file is never deleted: it is kept in the backup folder as
    ``rapport-...-damaged.db`` (with its -wal), where a specialist tool may still read it.
    """
    source = Path(source).expanduser()
    check_backup(source, data_dir)
    live = paths.database_path(data_dir)
    folder = paths.ensure_private_dir(paths.backups_dir(data_dir))
    store_backup.require_space([(data_dir, store_backup.file_size(source))])
    kept: list[Path | None] = []
    try:
        engines.choose(live).restore_to_file(
            source, before_swap=lambda: kept.append(_set_aside(live, folder))
        )
    except OSError as exc:
        raise reading_error(exc, live) from exc
    open_book(data_dir)
    return Restored(source, kept[0] if kept else None)


def _set_aside(live: Path, folder: Path) -> Path | None:
    """Keep the damaged book as a ``-damaged`` backup while it still has its name.

    The file is linked (no copy, no space needed) and its -wal, -journal and -shm are
    moved with it, so the restored book that takes its name never meets a journal that
    belongs to the damaged one.
    """
    if not live.exists():
        return None
    target = store_backup.unique_target(folder, "damaged", clock.now())
    try:
        os.link(live, target)
    except OSError:  # another disk, or a file system without hard links
        try:
            shutil.copy2(live, target)
        except BaseException:
            target.unlink(missing_ok=True)  # no half copy posing as a backup
            raise
    os.chmod(target, 0o600)
    for suffix in ("-wal", "-journal", "-shm"):
        part = live.with_name(live.name + suffix)
        if part.exists():
            destination = target.with_name(target.name + suffix)
            shutil.move(str(part), destination)
            os.chmod(destination, 0o600)
    return target


def _keep_damaged(live: Path, folder: Path) -> Path | None:
    """Keep the unreadable book's files as they are (a raw copy: the API cannot read it)."""
    if not live.exists():
        return None
    paths.ensure_private_dir(folder)
    target = store_backup.unique_target(folder, "damaged", clock.now())
    for suffix in ("", "-wal", "-shm"):
        part = live.with_name(live.name + suffix)
        if not part.exists():
            continue
        destination = target.with_name(target.name + suffix)
        shutil.copy2(part, destination)
        os.chmod(destination, 0o600)
    return target


def damage_behind(exc: BaseException) -> NotADatabaseError | None:
    """The damaged book behind an unexpected failure: SQLite's quick check, the schema.

    Damaged pages can give rows back with the wrong types (a name read as NULL), and a
    book changed with an SQLite tool can hold a view where a table should be; both fail
    deep in the code, far from the database. When the open book fails its quick check
    or its schema is not the one the migrations make, that is the error to show, with
    the backup that restores it, not a traceback; with a healthy book a bug stays a bug.
    """
    book_engine = engine.current_or_none()
    if current_book() is None or book_engine is None or isinstance(exc, StoreError):
        return None
    try:
        problems = [p for p in book_engine.quick_check() if not p.startswith("***")]
        if problems:
            return NotADatabaseError(
                f"the database file is damaged ({problems[0]}); restore a backup (rapport restore)"
            )
        differences = book_engine.schema_problems()
    except Exception:  # only a diagnosis: the original error is shown if it fails
        return None
    if not differences:
        return None
    return NotADatabaseError(
        f"the book's schema is not the one Rapport makes ({differences[0]}); restore a "
        "backup (rapport restore)"
    )
