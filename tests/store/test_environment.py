"""A book that cannot be read because of its disk is named for that, never called damaged.

Only a file SQLite finds corrupt (or that is not a database, or is empty) is a damaged
book; a full disk, a forbidden or read-only file, a busy or failing disk each say what
they are, and the book is left as it was.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest

from rapport.services import backup, clients, search
from rapport.services.book import check_book, close_book, open_book
from rapport.store import files, readonly
from rapport.store.backup import InvalidBackupError
from rapport.store.errors import (
    DatabaseBusyError,
    DiskFullError,
    DiskIOError,
    NotADatabaseError,
    ReadOnlyError,
    StoreError,
    reading_error,
    translate,
)
from tests.pgserver import BOOK_FILE, NOT_UTF8


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # what SQLite sets on the errors it raises
    return error


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (_sqlite_error("database or disk is full", 13), DiskFullError, "the disk is full"),
        (_sqlite_error("database is locked", 5), DatabaseBusyError, "busy"),
        (_sqlite_error("disk I/O error", 10), DiskIOError, "I/O error"),
        (_sqlite_error("attempt to write a readonly database", 8), ReadOnlyError, "cannot"),
        (_sqlite_error("unable to open database file", 14), ReadOnlyError, "cannot"),
        (_sqlite_error("file is not a database", 26), NotADatabaseError, "cannot be read"),
        (_sqlite_error("database disk image is malformed", 11), NotADatabaseError, "malformed"),
        (OSError(errno.ENOSPC, "No space left on device"), DiskFullError, "the disk is full"),
        (OSError(errno.EACCES, "Permission denied"), ReadOnlyError, "permission denied"),
        (OSError(errno.EROFS, "Read-only file system"), ReadOnlyError, "read-only disk"),
        (OSError(errno.EIO, "Input/output error"), DiskIOError, "I/O error"),
        (OSError(errno.EBUSY, "Device or resource busy"), DatabaseBusyError, "busy"),
    ],
)
def test_each_failure_to_read_a_book_has_its_name(
    tmp_path: Path, error: Exception, kind: type[StoreError], words: str
) -> None:
    named = reading_error(error, tmp_path / "rapport.db")
    assert type(named) is kind and words in str(named)


def test_an_io_error_on_a_full_disk_is_the_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite reports a full disk while reading a WAL book as an I/O error (the -shm
    file cannot grow): the free space beside the file tells the two apart."""
    io_error = _sqlite_error("disk I/O error", 4874)  # SQLITE_IOERR_SHMSIZE
    monkeypatch.setattr("shutil.disk_usage", lambda _p: _Usage(0))
    assert isinstance(reading_error(io_error, tmp_path / "rapport.db"), DiskFullError)
    monkeypatch.setattr("shutil.disk_usage", lambda _p: _Usage(10 << 30))
    assert isinstance(reading_error(io_error, tmp_path / "rapport.db"), DiskIOError)


class _Usage:
    def __init__(self, free: int) -> None:
        self.free = free


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_a_book_that_cannot_be_opened_for_reading_is_not_called_damaged(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_book(data_dir)
    clients.create_client("Bob Smith")
    backup.backup_now()
    close_book()
    live = data_dir / "rapport.db"
    digest = _digest(live)
    real_open = Path.open

    def refusing(self: Path, *args: object, **kwargs: object) -> object:
        if self == live:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refusing)
    for attempt in (open_book, check_book):
        with pytest.raises(ReadOnlyError, match="permission denied") as caught:
            attempt(data_dir)
        assert not isinstance(caught.value, NotADatabaseError)
        assert "restore" not in str(caught.value)
    monkeypatch.undo()
    assert _digest(live) == digest
    open_book(data_dir)
    try:
        assert [c.name for c in clients.list_clients()] == ["Bob Smith"]
    finally:
        close_book()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB disk of its own (tmpfs), for filling up for real; skipped where the tests
    may not mount one (not root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("a small disk can be mounted only by root")
    try:
        yield mount
    finally:
        close_book()
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path) -> None:
    with (disk / "filler").open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\x00" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_a_full_disk_is_named_and_the_book_left_untouched(small_disk: Path) -> None:
    data_dir = small_disk / "data"
    open_book(data_dir)
    for n in range(40):
        clients.create_client(f"Client {n}", notes="x" * 500)
    saved = backup.backup_now()
    close_book()
    live = data_dir / "rapport.db"
    for sidecar in ("rapport.db-wal", "rapport.db-shm"):
        (data_dir / sidecar).unlink(missing_ok=True)  # as after a clean close
    digest = _digest(live)
    _fill(small_disk)
    for attempt in (open_book, check_book):
        with pytest.raises(DiskFullError, match="the disk is full"):
            attempt(data_dir)
    # Every command, and the window's check before its first paint, say so in one line.
    for command in (["clients"], ["check"], ["--startup-check"]):
        done = subprocess.run(
            [sys.executable, "-m", "rapport", "--data-dir", str(data_dir), *command],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=False,
        )
        assert done.returncode == 1, command
        assert done.stderr.count("\n") == 1 and "the disk is full" in done.stderr, command
        assert "damaged" not in done.stderr and "restore" not in done.stderr, command
    # Following the old advice (restore) must not cost the book either.
    with pytest.raises(DiskFullError, match="the disk is full"):
        backup.recover_damaged(data_dir, saved)
    assert _digest(live) == digest
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".partial")]
    (small_disk / "filler").unlink()
    open_book(data_dir)
    assert len(clients.list_clients()) == 40


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_an_empty_book_file_is_a_damaged_book_naming_the_newest_backup(data_dir: Path) -> None:
    open_book(data_dir)
    clients.create_client("Bob Smith")
    saved = backup.backup_now()
    close_book()
    for sidecar in ("rapport.db-wal", "rapport.db-shm"):
        (data_dir / sidecar).unlink(missing_ok=True)
    (data_dir / "rapport.db").write_bytes(b"")
    for attempt in (open_book, check_book):
        with pytest.raises(backup.DamagedBookError) as caught:
            attempt(data_dir)
        assert caught.value.newest_backup == saved
        assert f"rapport restore {saved}" in str(caught.value)
    assert (data_dir / "rapport.db").stat().st_size == 0, "not silently made a new book"


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_a_new_book_exists_only_whole(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first start that fails while making the schema leaves no empty rapport.db (which
    would read as a damaged book), and no partial file."""
    from rapport.store import migrations

    def full(_database: peewee.Database, _version: int) -> None:
        raise peewee.OperationalError("database or disk is full")

    monkeypatch.setattr(migrations, "migrate", full)
    with pytest.raises(DiskFullError):
        open_book(data_dir)
    assert sorted(p.name for p in data_dir.iterdir()) == []
    monkeypatch.undo()
    open_book(data_dir)
    try:
        clients.create_client("Bob Smith")
        assert readonly.read_user_version(data_dir / "rapport.db") > 0
    finally:
        close_book()


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_a_damaged_search_index_reads_as_a_damaged_book(data_dir: Path) -> None:
    """Random bytes over the search index's own pages: SQLite says 'vtable constructor
    failed', which is damage to the book, not a bug."""
    open_book(data_dir)
    clients.create_client("Bob Smith", company="Acme")
    close_book()
    path = data_dir / "rapport.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'search_index_config'"
    ).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(random.Random(1).randbytes(page_size))
    open_book(data_dir)
    try:
        with pytest.raises(peewee.DatabaseError) as caught:
            search.search("bob")
        assert "vtable constructor failed" in str(caught.value)
        named = translate(caught.value)
        assert isinstance(named, NotADatabaseError) and "damaged" in str(named)
    finally:
        close_book()


def test_stale_partial_files_go_and_one_being_written_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer killed halfway (a real SIGKILL) leaves its partial file; it is removed
    once stale, while a partial file another writer holds is kept however old."""
    folder = tmp_path / "backups"
    folder.mkdir()
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from rapport.store.files import partial_beside\n"
        "with partial_beside(Path(sys.argv[1])) as partial:\n"
        "    partial.write_bytes(b'half a backup')\n"
        "    Path(str(partial) + '-journal').write_bytes(b'its journal')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", script, str(folder / "rapport-x-manual.db")], check=False
    )
    assert killed.returncode == -9
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 2 and left[0].endswith(".partial")
    assert files.remove_stale_partials(folder) == [], "too fresh to judge"
    with files.partial_beside(folder / "rapport-y-manual.db") as being_written:
        later = being_written.stat().st_mtime + files.STALE_AFTER + 1
        removed = files.remove_stale_partials(folder, now=later)
        assert sorted(p.name for p in removed) == left
        assert being_written.exists(), "a partial file someone holds is not touched"
    assert list(folder.iterdir()) == []


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_damaged_bytes_in_the_schema_read_as_a_damaged_book(data_dir: Path) -> None:
    """SQLite's message about a damaged schema quotes its bytes, which may not be text:
    Python then fails to decode the message itself (UnicodeDecodeError, a traceback)."""
    open_book(data_dir)
    clients.create_client("Bob Smith")
    saved = backup.backup_now()
    close_book()
    path = data_dir / "rapport.db"
    data = path.read_bytes()
    sql = b'CREATE INDEX "task_status"'
    at = data.index(sql)
    path.write_bytes(data[:at] + b'CREATE IND\xee\xff "task_status"' + data[at + len(sql) :])
    with pytest.raises(backup.DamagedBookError) as caught:
        open_book(data_dir)
    assert caught.value.newest_backup == saved
    with pytest.raises(InvalidBackupError, match="damaged"):
        backup.check_backup(path)
    # The dry run's standard-library read gives way to opening, which explains.
    assert readonly.known_clients(path) is None


@pytest.mark.sqlite_only(reason=NOT_UTF8)
def test_a_text_that_is_not_utf8_is_damage_found_by_check(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes overwritten inside a row's text pass SQLite's integrity check; reading the
    row (an export) fails. The failure is one line naming damage, and check finds it."""
    from rapport.cli import main
    from rapport.services import dbcheck
    from rapport.store.models import db

    clients.create_client("Bob Smith", notes="likes jazz")
    db.execute_sql("UPDATE client SET notes = CAST(X'6C696B6573EEFF' AS TEXT)")
    report = dbcheck.check_database()
    assert report.integrity == ["a text in client.notes is not valid UTF-8"]
    assert not report.ok
    close_book()
    code = main(["--data-dir", str(book), "export", "--format", "json", str(tmp_path / "x.json")])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "damaged (a text in it is not valid UTF-8)" in err


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_a_damaged_row_failing_far_from_the_database_is_named_damage(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Damaged pages can give a row back with a NULL name, which then fails in the name
    matching (AttributeError), far from SQLite. When the book fails its quick check, the
    command says it is damaged, in one line naming the backup; a bug stays a bug."""
    from rapport.cli import main

    open_book(data_dir)
    clients.create_client("Dana Whitfield")
    saved = backup.backup_now()
    close_book()
    path = data_dir / "rapport.db"
    # A NULL where the schema says NOT NULL, as a damaged record can read.
    for step in ("drop", "write", "restore"):
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA writable_schema = ON")
        if step == "write":
            conn.execute("UPDATE client SET name = NULL")
        else:
            old, new = ('"name" TEXT NOT NULL', '"name" TEXT')[:: 1 if step == "drop" else -1]
            conn.execute(
                "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE name = 'client'",
                (f"{old},", f"{new},"),
            )
        conn.commit()
        conn.close()
    for command in (["brief", "Dana"], ["capture", "--dry-run", "met Dana"], ["clients"]):
        code = main(["--data-dir", str(data_dir), *command])
        err = capsys.readouterr().err
        assert code == 1 and err.count("\n") == 1, command
        assert "damaged (NULL value in client.name)" in err
        assert f"rapport restore {saved}" in err
    close_book()


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_a_view_in_a_tables_place_fails_a_command_in_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A book changed with an SQLite tool (a view where the task table was) gave
    tracebacks in tasks and today; the failure now names the schema difference."""
    from rapport.cli import main

    open_book(data_dir)
    clients.create_client("Dana Whitfield")
    saved = backup.backup_now()
    close_book()
    conn = sqlite3.connect(data_dir / "rapport.db")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE task")
    conn.execute("CREATE VIEW task AS SELECT * FROM client")
    conn.commit()
    conn.close()
    for command in (["tasks"], ["today"]):
        code = main(["--data-dir", str(data_dir), *command])
        err = capsys.readouterr().err
        assert code == 1 and err.count("\n") == 1, command
        assert "schema is not the one Rapport makes ('task' is a view, not a table)" in err
        assert f"rapport restore {saved}" in err
    close_book()
