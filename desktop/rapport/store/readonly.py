"""Reading the book with the standard library alone, for the command line's dry runs.

``rapport capture --dry-run TEXT`` is what a desktop hotkey runs: it matches the note's
names against the book's clients and writes nothing. Loading the database layer (peewee,
the models, the search index) for one read would cost more than the reading, so this
module reads the client list through ``sqlite3`` in read-only mode.

Only a book that is certainly readable this way is: an SQLite file at exactly the schema
version this Rapport writes, and no ``RAPPORT_DATABASE_URL``. For anything else (no
book, another version, a damaged or locked file) the functions return None and the
caller opens the book the usual way, which migrates, refuses or explains as it always
does. The rows are those ``services.capture.known_clients`` reads, in the same order.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
# services.capture.known_clients reads the same rows through peewee (a test checks it).
KNOWN_CLIENTS_SQL = (
    "SELECT id, name, company, last_contact_at FROM client WHERE archived_at IS NULL ORDER BY id"
)
Row = tuple[int, str, str, str | None]


def known_clients(path: Path) -> list[Row] | None:
    """(id, name, company, last contact as stored) of every active client, or None."""
    from rapport.paths import private_umask
    from rapport.store.migrations import SCHEMA_VERSION

    if os.environ.get("RAPPORT_DATABASE_URL") or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        # SQLite may create the -shm file of a WAL book: private, like every book file.
        with private_umask():
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return None
            return conn.execute(KNOWN_CLIENTS_SQL).fetchall()  # rows are tuples
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None
