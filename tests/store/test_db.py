"""Opening the database: permissions, pragmas, refusals that leave the file untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from rapport.paths import DataDirError
from rapport.services.book import close_book, open_book
from rapport.store import migrations
from rapport.store.errors import NewerDatabaseError, NotADatabaseError
from rapport.store.models import Client, Person, db
from rapport.store.readonly import read_user_version
from tests.pgserver import BOOK_FILE, OLD_FILE
from tests.safety import pin_version


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_new_book_is_private_and_in_wal_mode(data_dir: Path) -> None:
    open_book(data_dir)
    try:
        Client.create(name="A", name_key="a")  # a write, so the -wal file exists
        assert _mode(data_dir) == 0o700
        database = data_dir / "rapport.db"
        assert _mode(database) == 0o600
        for sidecar in ("rapport.db-wal", "rapport.db-shm"):
            path = data_dir / sidecar
            assert path.exists()
            assert _mode(path) == 0o600
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert read_user_version(database) == migrations.SCHEMA_VERSION
    finally:
        close_book()


def test_foreign_keys_cascade(book: Path) -> None:
    client = Client.create(name="Bob", name_key="bob")
    Person.create(client=client, name="Jake", relation="son")
    client.delete_instance()
    assert Person.select().count() == 0


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_newer_database_is_refused_and_left_byte_identical(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    path = data_dir / "rapport.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NewerDatabaseError, match="newer version of Rapport"):
        open_book(data_dir)
    assert _digest(path) == before
    assert not (data_dir / "rapport.db-wal").exists()


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_non_database_file_is_refused_and_untouched(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    path = data_dir / "rapport.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    before = _digest(path)
    with pytest.raises(NotADatabaseError):
        open_book(data_dir)
    assert _digest(path) == before


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(DataDirError, match="is a file"):
        open_book(target)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_data_dir_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "ro"
    target.mkdir()
    target.chmod(0o500)
    try:
        with pytest.raises(DataDirError, match="read-only"):
            open_book(target)
    finally:
        target.chmod(0o700)


@pytest.mark.sqlite_only(reason=OLD_FILE)
def test_migration_ladder_runs_each_step_in_order(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_book(data_dir)
    close_book()
    ran: list[int] = []

    def step(n: int):  # type: ignore[no-untyped-def]
        def apply(database) -> None:  # type: ignore[no-untyped-def]
            ran.append(n)
            database.execute_sql(f"CREATE TABLE step_{n} (x)")

        return apply

    # Two more rungs on top of the real ladder, whatever its height today.
    base = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, step(1), step(2)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", base + 2)
    open_book(data_dir)
    try:
        assert ran == [1, 2]
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == base + 2
        backups = list((data_dir / "backups").glob(f"*before-migration-v{base}*"))
        assert len(backups) == 1, "a backup precedes the first migration step"
        assert _mode(backups[0]) == 0o600
    finally:
        close_book()


@pytest.mark.sqlite_only(reason=OLD_FILE)
def test_failed_migration_step_leaves_the_previous_version(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_book(data_dir)
    Client.create(name="Kept", name_key="kept")
    close_book()
    pin_version(data_dir / "rapport.db", 1)

    def broken(database) -> None:  # type: ignore[no-untyped-def]
        database.execute_sql("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    base = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", base + 1)
    with pytest.raises(RuntimeError):
        open_book(data_dir)
    close_book()
    conn = sqlite3.connect(data_dir / "rapport.db")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == base
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in tables
        assert conn.execute("SELECT name FROM client").fetchall() == [("Kept",)]
    finally:
        conn.close()


@pytest.mark.sqlite_only(reason=OLD_FILE)
def test_gift_interaction_step_adds_the_link(data_dir: Path) -> None:
    """A book from before gifts linked to their history entry gains the column, data kept."""
    open_book(data_dir)
    Client.create(name="Kept", name_key="kept")
    close_book()
    conn = sqlite3.connect(data_dir / "rapport.db")
    try:
        # SQLite cannot drop a foreign-key column: rebuild the table as version 1 had it.
        conn.execute(
            "CREATE TABLE gift_v1 AS SELECT id, client_id, person_id, title, status, occasion,"
            " given_on, cost_cents, reaction, notes, tags, created_at FROM gift"
        )
        conn.execute("DROP TABLE gift")
        conn.execute("ALTER TABLE gift_v1 RENAME TO gift")
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
    finally:
        conn.close()
    open_book(data_dir)
    try:
        columns = {c.name for c in db.get_columns("gift")}
        assert "interaction_id" in columns
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert [c.name for c in Client.select()] == ["Kept"]
    finally:
        close_book()


def test_data_dir_that_cannot_be_created_is_refused() -> None:
    # /proc refuses new folders even to root, so this runs everywhere.
    with pytest.raises(DataDirError, match="cannot create the data directory"):
        open_book(Path("/proc/rapport-test/data"))


def test_opening_the_book_again_closes_the_connection_it_had(book: Path) -> None:
    """A process opening its book again (a script running commands in one process) left
    the first connection to the garbage collector: psycopg warns of it, and a server
    counts it against its connection limit until then."""
    first = db.connection()
    open_book(book)
    try:
        assert db.connection() is not first
        with pytest.raises(Exception, match="closed"):
            first.execute("SELECT 1")
    finally:
        close_book()
