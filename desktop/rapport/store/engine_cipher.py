"""The encrypted book's engine: ``SqliteEngine`` over SQLCipher (``store/cipher.py``).

Everything a book in a file does (WAL, FTS5 search, migrations, online backups, the
checks) works the same; what differs is the driver and its key. Connections are
SQLCipher's with the book's raw data key; the version before opening is read with the
key; backups are encrypted with the same key (``store/backup.py`` reads the key off
the database); a backup offered for restore is read with it.

The engine is chosen (``install`` registers its chooser with ``store/engines.py``) for
a book whose key this process has unlocked (``store/unlocked.py``) and whose file does
not start with SQLite's header. An encrypted book that is still locked is refused
earlier, by ``services/book.py`` (``BookLockedError``), before any engine is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rapport.store import engines, unlocked
from rapport.store.engine import Engine
from rapport.store.engine_sqlite import BUSY_TIMEOUT, FOLD_FUNCTION, PRAGMAS, SqliteEngine
from rapport.store.readonly import SQLITE_HEADER

if TYPE_CHECKING:
    import peewee


class CipherEngine(SqliteEngine):
    """The book at ``path``, encrypted with ``key`` (32 bytes, SQLCipher 4, AES-256)."""

    name = "sqlcipher"
    header = b""  # an encrypted file starts with SQLCipher's random salt

    def __init__(self, path: Path, key: bytes) -> None:
        super().__init__(path)
        self.key = key

    def check_header(self) -> int | None:
        from rapport.store import cipher
        from rapport.store.errors import reading_error
        from rapport.store.readonly import refuse_newer

        try:
            return refuse_newer(cipher.user_version(self.file, self.key))
        except cipher.DatabaseError as exc:
            raise reading_error(exc, self.file) from exc

    def connect(self, path: Path) -> peewee.SqliteDatabase:
        from rapport.core.names import fold
        from rapport.store.cipher import CipherDatabase
        from rapport.store.models import db

        database = CipherDatabase(
            str(path), self.key, pragmas=PRAGMAS, timeout=BUSY_TIMEOUT, lock_type="IMMEDIATE"
        )
        database.register_function(fold, FOLD_FUNCTION, 1, True)
        db.initialize(database)
        return database

    def check_backup(self, path: Path) -> int:
        from rapport.store import migrations
        from rapport.store.backup import SEARCH_TABLE, check_file
        from rapport.store.models import MODELS

        tables = {model._meta.table_name for model in MODELS} | {SEARCH_TABLE}
        return check_file(path, migrations.SCHEMA_VERSION, tables, self.key)

    def restore_to_file(self, source: Path, before_swap: Callable[[], None]) -> None:
        from rapport.store.backup import restore_to_file

        restore_to_file(source, self.file, before_swap, key=self.key)


def _encrypted_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return len(header) == len(SQLITE_HEADER) and header != SQLITE_HEADER


def choose(path: Path, url: str | None) -> Engine | None:
    """The cipher engine for an unlocked encrypted book at ``path`` (else None)."""
    if url:
        return None
    key = unlocked.key_for(path)
    if key is None or not _encrypted_file(path):
        return None
    return CipherEngine(path, key)


def install() -> None:
    """Register ``choose`` with the engines (once)."""
    engines.unregister(choose)
    engines.register(choose)
