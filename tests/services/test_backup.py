"""Backups: made safely and privately, pruned by retention, checked before a restore."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from rapport.services import backup, clients, settings
from rapport.services.book import close_book, current_book, open_book
from rapport.store import migrations
from rapport.store.backup import InvalidBackupError, list_backups
from rapport.store.errors import DiskFullError, NotADatabaseError
from tests.pgserver import FILE_BACKUP
from tests.safety import book_content, integrity

pytestmark = pytest.mark.sqlite_only(reason=FILE_BACKUP)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corrupt_middle_page(path: Path) -> None:
    """Overwrite bytes in the middle of a page that holds rows (not the header page)."""
    size = path.stat().st_size
    page = 4096
    middle = (size // page // 2) * page
    with path.open("r+b") as fh:
        fh.seek(middle + 100)
        fh.write(random.Random(size).randbytes(2000))


def test_backup_now_is_private_and_complete(book: Path) -> None:
    clients.create_client("Bob Smith")
    path = backup.backup_now()
    assert path.parent == book / "backups"
    assert _mode(path.parent) == 0o700 and _mode(path) == 0o600
    assert integrity(path) == "ok"
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT name FROM client").fetchall() == [("Bob Smith",)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    second = backup.backup_now()
    assert second != path, "two backups in one second do not overwrite each other"


def test_backup_folder_from_the_setting_and_found_again_without_the_book(
    book: Path, tmp_path: Path
) -> None:
    clients.create_client("Bob Smith")
    elsewhere = tmp_path / "usb" / "rapport-backups"
    settings.set_value("backup_dir", str(elsewhere))
    path = backup.backup_now()
    assert path.parent == elsewhere and _mode(elsewhere) == 0o700
    close_book()
    # A damaged book cannot read its settings: a pointer file remembers the folder.
    assert backup.newest_good_backup(book) == path
    open_book(book)


def test_automatic_backup_once_a_day(book: Path) -> None:
    assert backup.auto_backup_if_due().why_not == "empty", "an empty book is not backed up"
    clients.create_client("Bob Smith")
    now = datetime(2026, 11, 18, 9, 0)
    first = backup.auto_backup_if_due(now)
    assert first.path is not None and first.path.name == "rapport-20261118-090000-auto.db"
    assert backup.auto_backup_if_due(now + timedelta(hours=23)).why_not == "recent"
    later = backup.auto_backup_if_due(now + timedelta(hours=25))
    assert later.path is not None


def test_retention_prunes_only_automatic_backups(book: Path) -> None:
    clients.create_client("Bob Smith")
    folder = book / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    start = datetime(2026, 11, 18, 9, 0)
    for day in range(1, 200):
        (folder / f"rapport-{start - timedelta(days=day):%Y%m%d-%H%M%S}-auto.db").touch()
    manual = folder / f"rapport-{start - timedelta(days=300):%Y%m%d-%H%M%S}-manual.db"
    manual.touch()
    migration = folder / "rapport-20250101-000000-before-migration-v1.db"
    migration.touch()
    result = backup.auto_backup_if_due(start)
    assert result.path is not None and result.pruned
    autos = [b for b in list_backups(folder) if b.reason == "auto"]
    assert len(autos) <= 7 + 4 + 12
    assert [b.when.date() for b in autos[:7]] == [
        (start - timedelta(days=n)).date() for n in range(7)
    ]
    assert manual.exists() and migration.exists()
    settings.set_value("backup_retention", {"daily": 2, "weekly": 0, "monthly": 0})
    backup.prune()
    assert len([b for b in list_backups(folder) if b.reason == "auto"]) == 2


def test_restore_brings_the_backup_back_and_keeps_the_current_book(book: Path) -> None:
    clients.create_client("Before")
    saved = backup.backup_now()
    clients.create_client("After")
    restored = backup.restore(saved)
    backup.reopen_book()
    assert [c.name for c in clients.list_clients()] == ["Before"]
    assert restored.kept is not None and restored.kept.name.endswith("-before-restore.db")
    # The restore can itself be undone.
    backup.restore(restored.kept)
    backup.reopen_book()
    assert [c.name for c in clients.list_clients()] == ["After", "Before"]
    assert (book / "rapport.db").stat().st_mode & 0o777 == 0o600


def test_a_restore_reports_the_pages_it_copies(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rapport.store import backup as store_backup

    monkeypatch.setattr(store_backup, "STEP_PAGES", 4)  # several steps for a small book
    for number in range(60):
        clients.create_client(f"Client {number}", notes="x" * 2000)
    saved = backup.backup_now()
    clients.create_client("After")
    steps: list[tuple[int, int]] = []

    backup.restore(saved, lambda done, total: steps.append((done, total)))
    backup.reopen_book()

    assert len(steps) > 3
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)
    assert steps[-1][0] == steps[-1][1] > 0  # every page, then done
    assert "After" not in {c.name for c in clients.list_clients()}


def _make(path: Path, version: int, tables: tuple[str, ...] = ()) -> Path:
    conn = sqlite3.connect(path)
    for table in tables:
        conn.execute(f"CREATE TABLE {table} (x)")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return path


def test_files_that_are_not_good_backups_are_refused_and_the_book_is_untouched(
    book: Path, tmp_path: Path
) -> None:
    for n in range(300):
        clients.create_client(f"Keep Me {n}", notes="x" * 300)
    good = backup.backup_now()
    damaged = tmp_path / "damaged.db"
    shutil.copy(good, damaged)
    corrupt_middle_page(damaged)
    cases = {
        tmp_path / "notes.txt": "not a database file",
        _make(tmp_path / "newer.db", migrations.SCHEMA_VERSION + 1, ("client",)): "newer version",
        _make(tmp_path / "other.db", 1, ("stuff",)): "not a Rapport book",
        _make(tmp_path / "zero.db", 0, ("client",)): "not a Rapport book",
        damaged: "damaged",
        tmp_path / "missing.db": "does not exist",
        tmp_path: "is a folder",
    }
    (tmp_path / "notes.txt").write_text("hello")
    before = book_content(book)
    for path, message in cases.items():
        with pytest.raises(InvalidBackupError, match=message):
            backup.restore(path)
    assert book_content(book) == before
    assert not list((book / "backups").glob("*before-restore*")), "nothing kept: nothing done"
    with pytest.raises(backup.ServiceError, match="the book itself"):
        backup.restore(book / "rapport.db")


def test_restoring_an_older_backup_migrates_it(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clients.create_client("Old Times")
    old = backup.backup_now()
    ran: list[int] = []
    # One more rung on top of the real ladder, whatever its height today.
    base = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, lambda database: ran.append(1)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", base + 1)
    close_book()
    open_book(book)  # the book climbs one version
    backup.restore(old)  # its check migrates a copy in memory, to compare the schema
    ran.clear()
    backup.reopen_book()
    assert ran == [1], "the older backup was migrated when reopened"
    assert [c.name for c in clients.list_clients()] == ["Old Times"]


def test_a_corrupt_page_is_found_and_no_backup_is_made_of_it(book: Path) -> None:
    for n in range(400):
        clients.create_client(f"Client {n}", notes="x" * 500)
    good = backup.backup_now()
    close_book()
    live = book / "rapport.db"
    corrupt_middle_page(live)
    open_book(book)  # the header is fine: the damage is deeper
    result = backup.auto_backup_if_due(datetime.now() + timedelta(days=2))
    assert result.path is None and result.why_not == "damaged" and result.problems
    assert [b.path for b in backup.list_backups() if b.reason == "auto"] == []
    assert backup.newest_good_backup(book) == good


def test_a_file_that_is_not_a_book_names_the_backup_that_restores_it(book: Path) -> None:
    clients.create_client("Bob Smith")
    good = backup.backup_now()
    close_book()
    live = book / "rapport.db"
    for sidecar in ("rapport.db-wal", "rapport.db-shm"):
        (book / sidecar).unlink(missing_ok=True)
    live.write_bytes(b"my tax notes, saved over the database by mistake\n" * 100)
    digest = _digest(live)
    with pytest.raises(backup.DamagedBookError) as caught:
        open_book(book)
    assert caught.value.newest_backup == good
    assert f"rapport restore {good}" in str(caught.value)
    assert isinstance(caught.value, NotADatabaseError)
    assert _digest(live) == digest, "the bad file is never overwritten"
    restored = backup.recover_damaged(book, good)
    try:
        assert [c.name for c in clients.list_clients()] == ["Bob Smith"]
        assert restored.kept is not None and _digest(restored.kept) == digest
        assert restored.kept.parent == book / "backups" and _mode(restored.kept) == 0o600
        assert current_book() is not None
    finally:
        close_book()
    open_book(book)


def test_newest_good_backup_skips_damaged_ones(book: Path) -> None:
    clients.create_client("Bob Smith")
    older = backup.backup_now()
    newer = backup.backup_now()
    corrupt_middle_page(newer)
    newer.write_bytes(b"garbage")
    assert backup.newest_good_backup(book) == older


def _tampered(good: Path, tmp_path: Path, name: str, *sql: str) -> Path:
    path = tmp_path / name
    shutil.copy(good, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def test_a_backup_whose_schema_differs_is_refused_whole(book: Path, tmp_path: Path) -> None:
    """Only the schema the migrations make is restored: a trigger that would delete every
    client at the next capture, a view in a table's place, a column or an index more or
    less are each refused by name, before anything changes."""
    clients.create_client("Bob Smith")
    good = backup.backup_now()
    cases = {
        _tampered(
            good,
            tmp_path,
            "trigger.db",
            "CREATE TRIGGER wipe AFTER INSERT ON interaction BEGIN DELETE FROM client; END",
        ): "trigger 'wipe' on interaction",
        _tampered(
            good, tmp_path, "view.db", "DROP TABLE task", "CREATE VIEW task AS SELECT * FROM client"
        ): "'task' is a view, not a table",
        _tampered(
            good, tmp_path, "column.db", "ALTER TABLE client ADD COLUMN secret TEXT"
        ): "client has a column 'secret'",
        _tampered(good, tmp_path, "index.db", "DROP INDEX task_due"): "task lacks its index on",
        _tampered(
            good, tmp_path, "unique.db", "CREATE UNIQUE INDEX one_name ON client(name)"
        ): r"client has an index on \(name\) UNIQUE",
    }
    before = book_content(book)
    for path, message in cases.items():
        with pytest.raises(InvalidBackupError, match=message):
            backup.restore(path)
    assert book_content(book) == before
    assert not list((book / "backups").glob("*before-restore*"))


def test_an_old_backup_is_compared_once_migrated_and_restored(book: Path) -> None:
    """A backup from before the read indexes (schema 4) lacks them, as it should: the
    comparison is made after the migrations a reopening would run (on a copy)."""
    clients.create_client("Bob Smith", company="Acme")
    old = backup.backup_now()
    conn = sqlite3.connect(old)
    for index in ("client_archived_at_name_key", "person_birthday", "client_cadence_days"):
        conn.execute(f"DROP INDEX {index}")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    digest = _digest(old)
    assert backup.check_backup(old) == 4
    assert _digest(old) == digest, "checking migrates a copy, never the file"
    backup.restore(old)
    backup.reopen_book()
    assert [c.name for c in clients.list_clients()] == ["Bob Smith"]


def test_a_backup_with_another_page_size_is_restored(book: Path, tmp_path: Path) -> None:
    """SQLite cannot copy pages of another size into a book in WAL mode ('readonly');
    such a backup, whole and healthy, is restored all the same."""
    clients.create_client("Bob Smith")
    saved = backup.backup_now()
    other = tmp_path / "big-pages.db"
    shutil.copy(saved, other)
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    conn.close()
    clients.create_client("After")
    backup.restore(other)
    backup.reopen_book()
    assert [c.name for c in clients.list_clients()] == ["Bob Smith"]
    assert integrity(book / "rapport.db") == "ok"
    assert not [p for p in book.iterdir() if p.name.endswith(".partial")]


def test_a_restore_without_room_is_refused_before_anything_changes(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.store import backup as store_backup

    clients.create_client("Bob Smith")
    saved = backup.backup_now()
    clients.create_client("After")
    before = book_content(book)

    class Usage:
        free = 1 << 20  # a megabyte: less than the kept book, the copy and the margin

    monkeypatch.setattr(store_backup.shutil, "disk_usage", lambda _folder: Usage())
    with pytest.raises(DiskFullError, match=r"the disk is full.*nothing was changed"):
        backup.restore(saved)
    assert book_content(book) == before
    assert not list((book / "backups").glob("*before-restore*"))
    close_book()
    (book / "rapport.db").write_bytes(b"damaged")
    for sidecar in ("rapport.db-wal", "rapport.db-shm"):
        (book / sidecar).unlink(missing_ok=True)
    with pytest.raises(DiskFullError):
        backup.recover_damaged(book, saved)
    assert (book / "rapport.db").read_bytes() == b"damaged", "not moved aside"
    assert not list((book / "backups").glob("*-damaged.db"))


_KILLED_RESTORE = """
import os, signal, sys
from pathlib import Path
from rapport.services import backup
from rapport.store import backup as store_backup

def killed(partial, target):
    os.kill(os.getpid(), signal.SIGKILL)  # the moment before the swap

store_backup.replace_with = killed
backup.recover_damaged(Path(sys.argv[1]), sys.argv[2])
"""


def test_a_restore_killed_over_a_damaged_book_leaves_it_to_restore_again(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real SIGKILL halfway through a restore over a damaged book: the book file is
    the damaged one as it was (no half-written file, no journal beside it), the next
    command names the backup again, and the partial file goes once stale."""
    import subprocess
    import sys

    from rapport.store import files

    clients.create_client("Bob Smith")
    saved = backup.backup_now()
    close_book()
    live = book / "rapport.db"
    for sidecar in ("rapport.db-wal", "rapport.db-shm"):
        (book / sidecar).unlink(missing_ok=True)
    live.write_bytes(b"\x00" * 5000)
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_RESTORE, str(book), str(saved)], check=False
    )
    assert killed.returncode == -9
    assert live.read_bytes() == b"\x00" * 5000
    assert not (book / "rapport.db-journal").exists()
    assert [p for p in book.iterdir() if p.name.endswith(".partial")], "left by the kill"
    with pytest.raises(backup.DamagedBookError) as caught:
        open_book(book)
    assert caught.value.newest_backup == saved
    monkeypatch.setattr(files, "STALE_AFTER", 0.0)
    backup.recover_damaged(book, saved)
    try:
        assert [c.name for c in clients.list_clients()] == ["Bob Smith"]
        assert not [p for p in book.iterdir() if p.name.endswith(".partial")]
    finally:
        close_book()
    open_book(book)


def test_a_whole_book_kept_as_damaged_is_offered_for_restore(book: Path) -> None:
    """A book set aside as '-damaged' by an older Rapport after a full disk (or a stopped
    restore) may be whole: the damaged-book advice finds it when it passes the checks."""
    clients.create_client("Bob Smith")
    kept = backup.backup_now()
    whole = kept.with_name(kept.name.replace("-manual.db", "-damaged.db"))
    kept.rename(whole)
    close_book()
    for sidecar in ("rapport.db-wal", "rapport.db-shm"):
        (book / sidecar).unlink(missing_ok=True)
    (book / "rapport.db").write_bytes(b"")  # what the failed restore left
    with pytest.raises(backup.DamagedBookError) as caught:
        open_book(book)
    assert caught.value.newest_backup == whole
    assert f"rapport restore {whole}" in str(caught.value)


def test_a_backup_with_a_text_that_is_not_utf8_is_refused(book: Path, tmp_path: Path) -> None:
    """Random bytes inside a row's text pass SQLite's integrity check, and the restored
    book would fail its first export; the restore reads every row first and refuses."""
    clients.create_client("Bob Smith", notes="likes jazz")
    good = backup.backup_now()
    bad = _tampered(
        good, tmp_path, "text.db", "UPDATE client SET notes = CAST(X'6C696B6573EEFF' AS TEXT)"
    )
    before = book_content(book)
    with pytest.raises(InvalidBackupError, match=r"damaged \(a text in client.notes is not valid"):
        backup.restore(bad)
    assert book_content(book) == before
