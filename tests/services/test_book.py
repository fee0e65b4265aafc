"""Checking a book before the window paints, and opening it after (services/book.py)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rapport.services.backup import DamagedBookError
from rapport.services.book import check_book, close_book, current_book, open_book
from rapport.store import migrations
from rapport.store.errors import NewerDatabaseError
from tests.pgserver import BOOK_FILE
from tests.safety import pin_version

pytestmark = pytest.mark.sqlite_only(reason=BOOK_FILE)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _closed_book(data_dir: Path, version: int | None = None) -> Path:
    """A book made by ``open_book`` and closed again, optionally pinned at ``version``."""
    open_book(data_dir)
    close_book()
    path = data_dir / "rapport.db"
    if version is not None:
        pin_version(path, version)
    return path


def test_a_current_book_is_checked_and_left_for_later(data_dir: Path) -> None:
    path = _closed_book(data_dir)
    before = _digest(path)

    book = check_book(data_dir)

    assert (book.data_dir, book.database_path) == (data_dir, path)
    assert current_book() is None  # checked, not opened
    assert _digest(path) == before
    try:
        assert open_book(book.data_dir) == book
    finally:
        close_book()


def test_a_newer_book_is_refused_by_the_check_untouched(data_dir: Path) -> None:
    path = _closed_book(data_dir, migrations.SCHEMA_VERSION + 1)
    before = _digest(path)

    with pytest.raises(NewerDatabaseError, match="newer version of Rapport"):
        check_book(data_dir)

    assert current_book() is None
    assert _digest(path) == before


def test_a_damaged_book_is_refused_by_the_check_with_the_backup_to_restore(
    data_dir: Path,
) -> None:
    data_dir.mkdir(mode=0o700)
    path = data_dir / "rapport.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)

    with pytest.raises(DamagedBookError, match="damaged or not a Rapport database"):
        check_book(data_dir)

    assert path.read_bytes().startswith(b"these are my notes")


def test_a_new_book_is_created_and_opened_by_the_check(data_dir: Path) -> None:
    try:
        book = check_book(data_dir)
        assert current_book() == book
        assert book.database_path.is_file()
    finally:
        close_book()


def test_an_older_book_is_migrated_by_the_check_before_the_window_shows(data_dir: Path) -> None:
    path = _closed_book(data_dir, migrations.SCHEMA_VERSION - 1)
    try:
        check_book(data_dir)
        assert current_book() is not None
    finally:
        close_book()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    finally:
        conn.close()


def test_checking_a_book_loads_no_database_layer(data_dir: Path) -> None:
    _closed_book(data_dir)
    code = (
        "import sys; from rapport.services.book import check_book; "
        f"check_book({str(data_dir)!r}); "
        "print(sorted(m for m in sys.modules if m == 'peewee' "
        "or m.startswith(('rapport.store.', 'rapport.sample', 'rapport.bench'))))"
    )
    env = {k: v for k, v in os.environ.items() if k != "RAPPORT_DATABASE_URL"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(
        [
            "rapport.store.engine",
            "rapport.store.engine_server",
            "rapport.store.engine_sqlite",
            "rapport.store.engines",
            "rapport.store.errors",
            "rapport.store.files",
            "rapport.store.migrations",
            "rapport.store.readonly",
        ]
    )
