"""Reading the book with the standard library alone: its version, and the dry runs' names.

Opening the book (store/engine_sqlite.py) first reads its schema version here, before anything
writes to the file; the window does the same before its first paint and loads the
database layer only after it (services/book.py ``check_book``).

``rapport capture --dry-run TEXT`` is what a desktop hotkey runs: it matches the note's
names against the book's clients and writes nothing. Loading the database layer (peewee,
the models, the search index) for one read would cost more than the reading, so this
module reads the client list through ``sqlite3`` in read-only mode.

Both stay for what they were measured to save (the big book, a loaded 2-core machine,
alternating with a variant reaching the book through peewee instead): the window's
paint ratio against a bare window, four runs of 5 to 9 pairs, was 1.58, 1.60, 1.39,
1.51x with this reading against 2.09, 1.47, 1.59, 2.14x opening the book before the
paint (goal 1.5x); ``capture --dry-run`` against ``python -c "import peewee"``, medians
of 11, 1.70x against 2.52x (goal 2x). They are reached through the SQLite engine
(``store/engine_sqlite.py``: ``check_header``, ``clients_before_opening``).

Only a book that is certainly readable this way is: an SQLite file at exactly the schema
version this Rapport writes (the engine chooser sends a server book elsewhere). For
anything else (no book, another version, a damaged or locked file) the functions return
None and the caller opens the book the usual way, which migrates, refuses or explains as
it always does. The rows are those ``services.capture.known_clients`` reads, in the same order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rapport.store.errors import NewerDatabaseError, NotADatabaseError, reading_error

SQLITE_HEADER = b"SQLite format 3\x00"
# services.capture.known_clients reads the same rows through peewee (a test checks it).
KNOWN_CLIENTS_SQL = (
    "SELECT id, name, company, last_contact_at FROM client WHERE archived_at IS NULL ORDER BY id"
)
Row = tuple[int, str, str, str | None]


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to ``path``, closed after the block.

    Reading a WAL book creates its -wal and -shm files when they are missing (at the
    first statement, not at connect), so the whole block runs under a private umask.
    """
    from rapport.paths import private_umask

    with private_umask():
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            yield conn
        finally:
            conn.close()


def read_user_version(path: Path) -> int:
    """The schema version of an existing file (0 for none), read without writing to it.

    Only a missing file is a new book (0). An empty file, one that is not an SQLite
    database, or one SQLite finds corrupt, is refused with NotADatabaseError (a damaged
    book); any other failure to read it (a full disk, no permission, a read-only folder,
    a busy or failing disk) is refused with the StoreError that names it, so that a
    healthy book is never called damaged.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise reading_error(exc, path) from exc
    if not header:
        raise NotADatabaseError(f"{path} is empty (0 bytes): the book it held is gone")
    if header != SQLITE_HEADER:
        raise NotADatabaseError(f"{path} is not a Rapport database; it was left untouched")
    try:
        with _reading(path) as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as exc:
        raise reading_error(exc, path) from exc
    except UnicodeDecodeError as exc:  # SQLite's message quotes damaged schema bytes
        raise NotADatabaseError(f"{path} is damaged (its schema cannot be read)") from exc


def checked_version(path: Path) -> int:
    """``read_user_version``, with a book written by a newer Rapport refused too."""
    return refuse_newer(read_user_version(path))


def refuse_newer(version: int) -> int:
    """``version``, or NewerDatabaseError when a newer Rapport wrote the book."""
    from rapport.store.migrations import SCHEMA_VERSION

    if version > SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"this database was written by a newer version of Rapport (schema {version}, "
            f"this version knows {SCHEMA_VERSION}); update Rapport to open it. "
            "The file was left untouched."
        )
    return version


def known_clients(path: Path) -> list[Row] | None:
    """(id, name, company, last contact as stored) of every active client, or None."""
    from rapport.store.migrations import SCHEMA_VERSION

    if not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        with _reading(path) as conn:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return None
            return conn.execute(KNOWN_CLIENTS_SQL).fetchall()  # rows are tuples
    except (OSError, sqlite3.Error, UnicodeDecodeError):  # damaged: opening explains
        return None


def text_setting(path: Path, key: str) -> str | None:
    """A text setting of the book (``services.settings``), or None when unset or unreadable
    this way (the caller then falls back as it would with no book)."""
    import json

    if not path.is_file():
        return None
    try:
        with _reading(path) as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    except (OSError, sqlite3.Error, UnicodeDecodeError):
        return None
    try:
        value = json.loads(row[0]) if row and row[0] is not None else None
    except ValueError:
        return None
    return value if isinstance(value, str) else None
