"""The book's change counter moves for another program's writes, not for our own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rapport.services import clients
from rapport.services.book_watch import data_version


def test_another_connections_commit_changes_the_version_ours_do_not(book: Path) -> None:
    start = data_version()
    clients.create_client("Our Own Write")
    assert data_version() == start  # what this connection writes is not news to it

    other = sqlite3.connect(book / "rapport.db")
    try:
        with other:
            other.execute(
                "update client set company = 'Elsewhere Ltd' where name = ?", ("Our Own Write",)
            )
    finally:
        other.close()

    assert data_version() != start
