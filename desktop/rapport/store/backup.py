"""Backups through SQLite's online backup API, never a copy of the live file.

A file copy of a WAL database can miss committed pages still in the -wal file; the
backup API reads a consistent snapshot while other connections keep working. Restoring
runs the same API the other way, from the backup file into the live database's own
connection, so that every other connection (the window, a command line) sees the
restored book at its next read instead of a file swapped under its feet.

A file offered for restore is checked first, read-only: SQLite's header, ``PRAGMA
integrity_check``, a schema version this Rapport knows and the whole schema the
migrations make (``store/schema.py``). Restoring over a book that cannot be opened
writes a new file beside it and renames it into place (``store/files.py``).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import peewee

from rapport.paths import ensure_private_dir, private_umask
from rapport.store import migrations, schema, sql
from rapport.store.errors import (
    DiskFullError,
    NotADatabaseError,
    StoreError,
    database_errors,
    driver_errors,
    reading_error,
)
from rapport.store.files import partial_beside, remove_stale_partials, replace_with
from rapport.store.readonly import SQLITE_HEADER

# Pages copied per step when a restore reports its progress (4 MB with 4 KB pages).
STEP_PAGES = 1024
# Free space kept beyond what a backup or a restore writes (SQLite's journals, the system).
SPACE_MARGIN = 2 << 20
Progress = Callable[[int, int], None]
# Python's sqlite3 when a text column holds bytes that are not UTF-8.
_UNDECODABLE = re.compile(r"Could not decode to UTF-8 column '([^']*)'")
SEARCH_TABLE = sql.SEARCH_TABLE
_NAME = re.compile(r"^rapport-(\d{8}-\d{6})(?:-(\d+))?-([a-z0-9-]+)\.db$")


class InvalidBackupError(StoreError):
    """A file that cannot be restored; the message says why."""


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    when: datetime
    reason: str  # auto, manual, before-restore, before-migration-v1, damaged
    size: int


def backup_to(database: peewee.SqliteDatabase, target: Path) -> Path:
    """Write a consistent copy of ``database`` to ``target`` (created 0600)."""
    ensure_private_dir(target.parent)
    remove_stale_partials(target.parent)  # a backup program killed there before
    # A partial file of its own (unique, 0600, locked while written): two programs
    # backing up in the same second must not write into, or delete, each other's
    # half-written file, and one killed halfway leaves only a partial file, removed later.
    key = key_of(database)
    with partial_beside(target) as partial:
        with private_umask():
            if key is not None:  # an encrypted book: the backup is encrypted with its key
                from rapport.store import cipher

                cipher.backup(database.connection(), partial, key)
            else:
                dest = sqlite3.connect(str(partial))
                try:
                    database.connection().backup(dest)
                    # A backup is one self-contained file: no -wal beside it.
                    dest.execute("PRAGMA journal_mode=DELETE")
                finally:
                    dest.close()
        replace_with(partial, target)
    return target


def key_of(database: peewee.Database | None) -> bytes | None:
    """The data key of an encrypted book's database (None for a plain one)."""
    return getattr(database, "key", None)


def _open_file(path: Path, key: bytes | None, *, read_only: bool = True) -> sqlite3.Connection:
    """A connection to a book or backup file: plain with sqlite3, encrypted with ``key``.

    A file without SQLite's header is opened with the key of the open book, when there
    is one (an encrypted book's backups share its key).
    """
    if key is not None and not _has_header(path):
        from rapport.store import cipher

        return cipher.connect(path, key, read_only=read_only)
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(str(path))


def _has_header(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return True  # let SQLite say what is wrong with it


def backup_name(reason: str, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"rapport-{stamp}-{reason}.db"


def unique_target(folder: Path, reason: str, when: datetime) -> Path:
    """A new file name in ``folder``: two backups in one second do not overwrite."""
    target = folder / backup_name(reason, when)
    number = 2
    while target.exists():
        target = folder / f"rapport-{when:%Y%m%d-%H%M%S}-{number}-{reason}.db"
        number += 1
    return target


def backup_before_migration(
    database: peewee.SqliteDatabase, backup_dir: Path, version: int
) -> Path:
    return backup_to(
        database, unique_target(backup_dir, f"before-migration-v{version}", datetime.now())
    )


def list_backups(folder: Path) -> list[BackupFile]:
    """Rapport's backups in ``folder``, newest first (other files are ignored)."""
    found: list[BackupFile] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            when = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupFile(path, when, match.group(3), size))
    found.sort(key=lambda b: (b.when, b.path.name), reverse=True)
    return found


def check_file(path: Path, schema_version: int, tables: set[str], key: bytes | None = None) -> int:
    """The schema version of a restorable file; InvalidBackupError with the reason if not.

    With ``key`` (the open book is encrypted), an encrypted backup is read with it.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise InvalidBackupError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise InvalidBackupError(f"{path} is a folder, not a backup file") from None
    except OSError as exc:
        raise InvalidBackupError(f"cannot read {path}: {exc.strerror}") from None
    if header != SQLITE_HEADER and key is None:
        raise InvalidBackupError(f"{path.name} is not a database file, so not a Rapport backup")
    try:
        conn = _open_file(path, key)
    except driver_errors() as exc:
        if header != SQLITE_HEADER:
            raise InvalidBackupError(
                f"{path.name} is neither a backup of this encrypted book nor a database file"
            ) from None
        raise InvalidBackupError(f"{path.name} cannot be opened: {exc}") from None
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
        if problems != ["ok"]:
            raise InvalidBackupError(
                f"{path.name} is damaged ({problems[0]}); choose another backup"
            )
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if version > schema_version:
            raise InvalidBackupError(
                f"{path.name} was made by a newer version of Rapport (schema {version}); "
                "update Rapport to restore it"
            )
        missing = sorted(tables - present)
        if version < 1 or missing:
            what = f"it has no {missing[0]!r} table" if missing else "it has no schema version"
            raise InvalidBackupError(f"{path.name} is not a Rapport book ({what})")
        differences = schema.differences(_migrated_shape(conn, path, version, key))
        unreadable = [] if differences else undecodable_text(conn)
        if unreadable:
            raise InvalidBackupError(
                f"{path.name} is damaged ({unreadable[0]}); choose another backup"
            )
    except driver_errors() as exc:
        error = reading_error(exc, path)
        if not isinstance(error, NotADatabaseError):
            raise error from exc  # the disk, not the backup: say so
        raise InvalidBackupError(f"{path.name} is damaged ({exc}); choose another backup") from None
    except UnicodeDecodeError:  # SQLite's message quotes damaged bytes of the schema
        raise InvalidBackupError(
            f"{path.name} is damaged (its schema cannot be read); choose another backup"
        ) from None
    finally:
        conn.close()
    if differences:
        more = f" (and {len(differences) - 2} more)" if len(differences) > 2 else ""
        raise InvalidBackupError(
            f"{path.name} does not have the schema Rapport makes: "
            f"{'; '.join(differences[:2])}{more}; it was not restored"
        )
    return version


def _migrated_shape(
    conn: sqlite3.Connection, path: Path, version: int, key: bytes | None = None
) -> schema.Shape:
    """The schema of the file behind ``conn`` once the migrations brought it up to date.

    A backup at the current version is read as it is; an older one is copied into
    memory and migrated there (the file is not touched), as reopening it would (an
    encrypted one into memory encrypted with the same key: pages copy between one key).
    """
    if version == migrations.SCHEMA_VERSION:
        return schema.read_shape(conn)
    if key is not None and not _has_header(path):
        from rapport.store.cipher import CipherDatabase

        memory: peewee.SqliteDatabase = CipherDatabase(":memory:", key)
    else:
        memory = peewee.SqliteDatabase(":memory:")
    try:
        conn.backup(memory.connection())
        try:
            migrations.migrate(memory, version)
        except peewee.DatabaseError as exc:
            raise InvalidBackupError(
                f"{path.name} cannot be brought up to this version of Rapport ({exc})"
            ) from None
        return schema.read_shape(memory.connection())
    finally:
        memory.close()


def undecodable_text(conn: sqlite3.Connection) -> list[str]:
    """Where a text of the book is not UTF-8 (bytes overwritten inside a row).

    SQLite's integrity check passes such a row; reading it (an export, a brief) fails.
    Every row of every table of the book is read once, as an export would; the search
    index's shadow tables are read through the index itself.
    """
    found: list[str] = []
    for table, _shape in schema.reference().tables:
        if table.startswith(f"{SEARCH_TABLE}_"):
            continue
        try:
            for _row in conn.execute(f'SELECT * FROM "{table}"'):
                pass
        except sqlite3.OperationalError as exc:
            column = _UNDECODABLE.search(str(exc))
            if column is None:
                raise
            found.append(f"a text in {table}.{column.group(1)} is not valid UTF-8")
    return found


def restore_into(
    source: Path, database: peewee.SqliteDatabase, progress: Progress | None = None
) -> None:
    """Replace the live database's content with ``source`` through the backup API.

    With ``progress``, the pages are copied a step at a time and ``progress(done, total)``
    told after each; the live book takes the new content only when all are copied. A
    backup with pages of another size than the live book's is first copied at the live
    book's page size (SQLite cannot change the page size of a book in WAL mode).
    """
    key = key_of(database)
    if key is not None and _has_header(source):
        with _encrypted_copy(source, Path(database.database), key) as copy:
            restore_into(copy, database, progress)
        return
    live_page_size = sql.page_size(database)
    src = _open_file(source, key)
    try:
        if int(src.execute("PRAGMA page_size").fetchone()[0]) == live_page_size:
            _copy_pages(src, database.connection(), progress)
        else:
            with partial_beside(Path(database.database)) as scratch:
                with private_umask():
                    resized = (
                        _open_file(scratch, key, read_only=False)
                        if key is not None
                        else sqlite3.connect(str(scratch))
                    )
                try:
                    src.backup(resized)
                    resized.execute(f"PRAGMA page_size = {live_page_size}")
                    resized.execute("VACUUM")
                    _copy_pages(resized, database.connection(), progress)
                finally:
                    resized.close()
    finally:
        src.close()
    sql.set_wal(database)


@contextmanager
def _encrypted_copy(source: Path, beside: Path, key: bytes) -> Iterator[Path]:
    """A plain backup (made before the book was encrypted) as an encrypted scratch file
    beside the book, with the book's key: it restores into the encrypted book from there
    (SQLite's backup API copies pages only between files of one key)."""
    from rapport.store import cipher

    with partial_beside(beside) as scratch:
        cipher.convert(source, scratch, source_key=None, target_key=key, wal=False)
        yield scratch


def _copy_pages(
    src: sqlite3.Connection, dest: sqlite3.Connection, progress: Progress | None
) -> None:
    if progress is None:
        src.backup(dest)
        return
    src.backup(
        dest,
        pages=STEP_PAGES,
        progress=lambda _status, remaining, total: progress(total - remaining, total),
    )


def restore_to_file(
    source: Path, target: Path, before_swap: Callable[[], None], key: bytes | None = None
) -> None:
    """Put a copy of ``source`` (0600, WAL) at ``target`` in one step.

    The copy is written beside ``target`` and synced; ``before_swap()`` runs then (it
    keeps the file being replaced), and the copy takes ``target``'s name by a rename.
    Until that rename ``target`` is left as it was: a restore that fails or is killed
    leaves the old file in place and at most a partial file, removed later.
    """
    if key is not None and _has_header(source):
        with _encrypted_copy(source, target, key) as copy:
            restore_to_file(copy, target, before_swap, key)
        return
    encrypted = key is not None
    src = _open_file(source, key)
    try:
        with partial_beside(target) as partial:
            with private_umask():
                dest = (
                    _open_file(partial, key, read_only=False)
                    if encrypted
                    else sqlite3.connect(str(partial))
                )
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode=wal")
            finally:
                dest.close()  # the last connection: its -wal is checkpointed and removed
            before_swap()
            replace_with(partial, target)
    finally:
        src.close()


def require_space(needs: list[tuple[Path, int]]) -> None:
    """DiskFullError unless each folder's disk has room for the bytes it will receive.

    Folders on one disk add up. The message says how much is needed and where; it is
    checked before anything is written, so a refusal changes nothing.
    """
    by_disk: dict[int, tuple[Path, int]] = {}
    for folder, size in needs:
        try:
            device = folder.stat().st_dev
        except OSError:
            continue  # not there yet: created on the disk of its parent, checked there
        known = by_disk.get(device)
        by_disk[device] = (known[0] if known else folder, (known[1] if known else 0) + size)
    for folder, size in by_disk.values():
        wanted = size + max(size // 10, SPACE_MARGIN)
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            continue
        if free < wanted:
            raise DiskFullError(
                f"the disk is full: this needs about {_megabytes(wanted)} free in {folder}, "
                f"only {_megabytes(free)} is; free some space and try again (nothing was "
                "changed)"
            )


def _megabytes(size: int) -> str:
    return f"{max(size, 1 << 20) / (1 << 20):.0f} MB"


def file_size(path: Path) -> int:
    """The bytes of a database file and of its -wal, as far as they can be read."""
    total = 0
    for suffix in ("", "-wal"):
        with suppress(OSError):
            total += path.with_name(path.name + suffix).stat().st_size
    return total


def quick_check(database: sql.Db) -> list[str]:
    """SQLite's quick_check on the live database: [] when healthy."""
    try:
        rows = sql.quick_check(database, 20)
    except database_errors() as exc:
        return [str(exc)]  # damage bad enough to stop the check itself
    return [] if rows == ["ok"] else rows
