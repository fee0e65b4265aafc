"""A book on a database server named by ``RAPPORT_DATABASE_URL`` (``store/engine.py``).

playhouse.db_url connects to whatever the URL names (``postgresql://user@host/book``).
The book is not a file: backups are the server's business, search reads with LIKE (no
FTS5), and the schema version is a ``rapport_meta`` row. A dedicated engine for a
server (PostgreSQL's own search, its backups) replaces this one through
``store.engine.register``.

peewee is imported by the methods that use it, as in ``store/engine_sqlite.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapport.store.errors import StoreError

if TYPE_CHECKING:
    import peewee

    from rapport.store.engine import SearchIndex


class ServerEngine:
    """Any database playhouse.db_url reaches, through peewee's portable SQL only."""

    name = "server"
    path: Path | None = None
    full_text = False
    own_rows = ""
    reads_in_one_trip = False  # read_together sends them one by one
    file_backups = False
    stages_imports = False

    def __init__(self, url: str) -> None:
        self.url = url

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url.split('@')[-1]})"  # no password

    def check_header(self) -> int | None:
        return None  # only opening can tell

    def clients_before_opening(self) -> list[tuple[int, str, str, str | None]] | None:
        return None  # a server is reached through the database layer only

    def setting_before_opening(self, key: str) -> str | None:
        return None

    def open(self, backup_dir: Path | None) -> peewee.Database:
        from playhouse.db_url import connect

        from rapport.store import migrations
        from rapport.store.models import db

        database = connect(self.url)
        db.initialize(database)
        database.connect(reuse_if_open=True)
        migrations.migrate(database, migrations.stored_version(database))
        return database

    def backup_to(self, target: Path) -> Path:
        raise StoreError("backups cover the local book; back up a server database with its tools")

    def restore_from(self, source: Path, progress: Callable[[int, int], None] | None) -> None:
        raise StoreError("backups cover the local book; back up a server database with its tools")

    def check_backup(self, path: Path) -> int:
        raise StoreError("backups cover the local book; back up a server database with its tools")

    def restore_to_file(self, source: Path, before_swap: Callable[[], None]) -> None:
        raise StoreError("backups cover the local book; back up a server database with its tools")

    def highest_ids(self, models: Sequence[type[peewee.Model]]) -> list[int]:
        from rapport.store import sql  # the database layer: loaded once a book is open

        return sql.highest_ids(models)

    def read_together(self, reads: Sequence[tuple[str, list[Any]]]) -> list[list[tuple[Any, ...]]]:
        from rapport.store import sql

        return sql.read_one_by_one(reads)  # nothing to gain from sending them together

    def reserve_ids(self, tables: Sequence[tuple[str, int]]) -> tuple[str, list[Any]] | None:
        return None  # an INSERT's id comes back without a round trip of its own

    def quick_check(self) -> list[str]:
        return []  # the server keeps its own files sound

    def integrity_problems(self, limit: int) -> list[str]:
        return []

    def schema_problems(self) -> list[str]:
        return []

    def foreign_key_problems(self) -> list[str]:
        return []  # a server enforces its foreign keys at every write

    def change_counter(self) -> int:
        return 0  # no cheap counter: the window does not learn of others' writes

    def snapshot(self) -> AbstractContextManager[Any]:
        from rapport.store.models import db

        return db.atomic()

    def search_index(self) -> SearchIndex | None:
        return None  # search reads the tables with LIKE

    def folded(self, column: peewee.Node) -> Any:
        """Plain ``lower()``, which leaves accents in place."""
        import peewee

        return peewee.fn.LOWER(column)

    def folded_contains(self, column: peewee.Node, word: str) -> Any:
        import peewee

        from rapport.store.sql import like

        return like(peewee.fn.LOWER(column), word)

    def month_day(self, column: peewee.Node) -> Any | None:
        return None

    def date_parsers(
        self,
    ) -> tuple[Callable[[Any], date | None], Callable[[Any], datetime | None]]:
        from rapport.store.rows import day, moment  # with the database layer

        return day, moment
