"""The outbox: captures typed while a team book's server was away, kept on this computer.

A small SQLite file in the data directory, one per team book and role (``outbox-<digest>
.db``, 0600, in the 0700 data directory), holding one row per capture in the order typed:
the raw text, the "Only me" choice, the author role, when it was typed, what the window
had understood and the user ticked (or, from the command line, ``--client`` and
``--accept``, understood when sent), a key made when it was typed, and why the server
refused it when it did (set aside for the user to edit or discard, the rest sent on; a
file from before has no such column: it is added on the first write). Each row is
written in one transaction with ``synchronous=FULL``, so a capture the user was told is
kept survives a kill or a power cut. ``services/outbox.py`` sends them to the server.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from rapport.paths import create_private_file
from rapport.store.errors import StoreError, reading_error

_SCHEMA = """
CREATE TABLE IF NOT EXISTS capture (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- the order typed
  key TEXT NOT NULL UNIQUE,               -- carried to the server: saved once
  book TEXT NOT NULL,                     -- the server and database (no password)
  author TEXT NOT NULL,                   -- the role it is saved as
  typed_at TEXT NOT NULL,                 -- ISO time, the note's time in the book
  text TEXT NOT NULL,
  private INTEGER NOT NULL,
  understanding TEXT,                     -- JSON the window showed; NULL: understand when sent
  accepted TEXT,                          -- JSON list of suggestion indexes, or NULL
  client TEXT,                            -- the command line's --client, or NULL
  accept TEXT NOT NULL DEFAULT '',        -- the command line's --accept
  refused TEXT                            -- why the server refused it; NULL: to be sent
)
"""
_COLUMNS = (
    "seq, key, book, author, typed_at, text, private, understanding, accepted, client, accept"
)


@dataclass(frozen=True, slots=True)
class KeptCapture:
    """One capture waiting in the outbox."""

    seq: int
    key: str
    book: str
    author: str
    typed_at: datetime
    text: str
    private: bool
    understanding: dict[str, Any] | None
    accepted: list[int] | None
    client: str | None
    accept: str
    refused: str = ""  # why the server refused it (one line); "" while it is to be sent


def new_key() -> str:
    """A capture's key: made where it is typed, unique without asking the server."""
    return uuid.uuid4().hex


def outbox_path(data_dir: Path, book: str, author: str) -> Path:
    """The outbox of ``author`` on the team book ``book`` (a URL without password)."""
    digest = hashlib.sha256(f"{author}\0{book}".encode()).hexdigest()[:16]
    return data_dir / f"outbox-{digest}.db"


class Outbox:
    """The outbox file at ``path`` (made, private, on the first capture kept)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _connection(self, write: bool) -> Iterator[sqlite3.Connection]:
        try:
            if write:
                create_private_file(self.path)
            with closing(sqlite3.connect(self.path, isolation_level=None, timeout=10)) as conn:
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    if write:
                        conn.execute(_SCHEMA)
                        if not _has_refused(conn):  # an outbox written before
                            conn.execute("ALTER TABLE capture ADD COLUMN refused TEXT")
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
        except (sqlite3.Error, OSError) as exc:
            raise _error(exc, self.path) from exc

    def add(
        self,
        *,
        book: str,
        author: str,
        typed_at: datetime,
        text: str,
        private: bool,
        understanding: dict[str, Any] | None,
        accepted: list[int] | None,
        client: str | None = None,
        accept: str = "",
        key: str | None = None,
    ) -> KeptCapture:
        """Keep one capture (one transaction): the row, with its key (``key``: the one
        a save that may have reached the server carried; else a new one)."""
        key = key or new_key()
        with self._connection(write=True) as conn:
            cursor = conn.execute(
                "INSERT INTO capture (key, book, author, typed_at, text, private, "
                "understanding, accepted, client, accept) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    book,
                    author,
                    typed_at.isoformat(),
                    text,
                    int(private),
                    None if understanding is None else json.dumps(understanding, default=str),
                    None if accepted is None else json.dumps(accepted),
                    client,
                    accept,
                ),
            )
            seq = int(cursor.lastrowid or 0)
        return KeptCapture(
            seq, key, book, author, typed_at, text, private, understanding, accepted, client,
            accept,
        )  # fmt: skip

    def waiting(self) -> list[KeptCapture]:
        """The captures kept, oldest first."""
        if not self.path.exists():
            return []
        with self._connection(write=False) as conn:
            if not _has_table(conn):
                return []
            refused = "refused" if _has_refused(conn) else "NULL"
            rows = conn.execute(
                f"SELECT {_COLUMNS}, {refused} FROM capture ORDER BY seq"
            ).fetchall()
        return [_kept(row) for row in rows]

    def count(self) -> int:
        if not self.path.exists():
            return 0
        with self._connection(write=False) as conn:
            if not _has_table(conn):
                return 0
            return int(conn.execute("SELECT count(*) FROM capture").fetchone()[0])

    def remove(self, key: str) -> None:
        """Forget a capture the server has committed (or the user discarded)."""
        with self._connection(write=True) as conn:
            conn.execute("DELETE FROM capture WHERE key = ?", (key,))

    def refuse(self, key: str, why: str) -> None:
        """Set a capture the server refused aside, saying why: it is not sent again
        until the user edits it (saved anew) or discards it."""
        with self._connection(write=True) as conn:
            conn.execute("UPDATE capture SET refused = ? WHERE key = ?", (why, key))


def _has_table(conn: sqlite3.Connection) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'capture'"
        ).fetchone()
    )


def _has_refused(conn: sqlite3.Connection) -> bool:
    return any(row[1] == "refused" for row in conn.execute("PRAGMA table_info(capture)"))


def _kept(row: tuple[Any, ...]) -> KeptCapture:
    (seq, key, book, author, typed_at, text, private, understanding, accepted, client, accept,
     refused) = row  # fmt: skip
    return KeptCapture(
        int(seq),
        str(key),
        str(book),
        str(author),
        datetime.fromisoformat(typed_at),
        str(text),
        bool(private),
        None if understanding is None else json.loads(understanding),
        None if accepted is None else [int(i) for i in json.loads(accepted)],
        client,
        str(accept or ""),
        str(refused or ""),
    )


def _error(exc: Exception, path: Path) -> StoreError:
    error = reading_error(exc, path)
    return StoreError(f"the outbox on this computer cannot be used: {error}")
