"""When the disk is full or the book read-only, a write fails with a message, whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.services import clients, exchange
from rapport.store.errors import DiskFullError, ReadOnlyError
from rapport.store.models import db
from tests.pgserver import BOOK_FILE
from tests.safety import book_content, integrity, vcard


def _fill_the_disk() -> None:
    """The database may not grow by a single page: SQLite's own 'disk is full'."""
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_disk_full_fails_a_write_with_a_message_and_writes_nothing(
    book: Path, tmp_path: Path
) -> None:
    clients.create_client("Bob Smith")
    before = book_content(book)
    _fill_the_disk()
    with pytest.raises(DiskFullError, match="the disk is full"):
        for n in range(500):
            clients.create_client(f"Client {n}", notes="x" * 2000)
    path = tmp_path / "many.vcf"
    path.write_text("".join(vcard(f"Person {n}", extra=f"NOTE:{'y' * 3000}") for n in range(300)))
    plan = exchange.preview_import(path)
    with pytest.raises(DiskFullError):
        exchange.apply_import(plan)
    db.execute_sql("PRAGMA max_page_count = 1073741823")
    after = book_content(book)
    # The clients that fitted before the disk filled up are there, whole; the import is not.
    assert [line for line in after if "Person " in line] == []
    client_rows = [line for line in before if line.startswith('INSERT INTO "client"')]
    assert all(line in after for line in client_rows)
    assert integrity(book / "rapport.db") == "ok"


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_a_read_only_book_fails_with_a_message(book: Path) -> None:
    clients.create_client("Bob Smith")
    db.execute_sql("PRAGMA query_only = 1")
    try:
        with pytest.raises(ReadOnlyError, match="read-only"):
            clients.create_client("Ann Lee")
    finally:
        db.execute_sql("PRAGMA query_only = 0")
    assert [c.name for c in clients.list_clients()] == ["Bob Smith"]
