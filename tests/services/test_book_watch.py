"""The book's change counter moves for another program's writes, not for our own."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from rapport.services import clients
from rapport.services.book_watch import data_version


def test_another_connections_commit_changes_the_version_ours_do_not(book: Path) -> None:
    start = data_version()
    clients.create_client("Our Own Write")
    assert data_version() == start  # what this connection writes is not news to it

    url = os.environ.get("RAPPORT_DATABASE_URL")  # a team book (tests/pgserver.py)
    if url:
        import psycopg

        with psycopg.connect(url) as other:
            other.execute(
                "update client set company = 'Elsewhere Ltd' where name = %s", ("Our Own Write",)
            )
    else:
        other = sqlite3.connect(book / "rapport.db")
        try:
            with other:
                other.execute(
                    "update client set company = 'Elsewhere Ltd' where name = ?",
                    ("Our Own Write",),
                )
        finally:
            other.close()

    # A team book hears of the commit from the server (LISTEN/NOTIFY): within a moment.
    deadline = time.monotonic() + 5
    while data_version() == start and time.monotonic() < deadline:
        time.sleep(0.02)
    assert data_version() != start
