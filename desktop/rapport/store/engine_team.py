"""A team book on PostgreSQL behind the engine seam (``store/engine.py``).

Chosen for a ``postgresql://`` URL (``store/engines.py``). Like the generic server engine
it has no file (backups are the server's: ``pg_dump``), but it opens through
``store/postgres.py`` (the team's schema, its privacy rules, a newer schema refused) and
searches with the server's own index (``store/search_pg.py``). Loading this module loads
neither peewee nor psycopg: ``open`` does, for a team book only.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapport.store.engine_server import ServerEngine

if TYPE_CHECKING:
    import peewee

    from rapport.store.engine import SearchIndex


class TeamEngine(ServerEngine):
    """A PostgreSQL database shared by a team (``rapport team setup``)."""

    name = "team"
    # The rows this transaction inserted (``postgres.SAVED_IN``, filled by the server):
    # not the connected role's, which the same member's other window shares.
    own_rows = "saved_in = pg_current_xact_id()"
    reads_in_one_trip = True  # psycopg's pipeline (``read_together``)
    # How often the window asks ``change_counter`` (it reads what the server pushed).
    look_ms = 1000

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._listener: Any = None

    def __repr__(self) -> str:
        from rapport.store.postgres import where

        return f"{type(self).__name__}({where(self.url)})"  # no password

    def open(self, backup_dir: Path | None) -> peewee.Database:
        from rapport.store.postgres import open_team

        return open_team(self.url)

    def stored_version(self, database: peewee.Database) -> int:
        from rapport.store.postgres import stored_version

        return stored_version(database)

    def highest_ids(self, models: Sequence[type[peewee.Model]]) -> list[int]:
        from rapport.store.postgres import highest_ids

        return highest_ids(models)

    def read_together(self, reads: Sequence[tuple[str, list[Any]]]) -> list[list[tuple[Any, ...]]]:
        """All sent before the first answer is awaited: one round trip to the server."""
        from rapport.store.postgres import read_together

        return read_together(reads)

    def reserve_ids(self, tables: Sequence[tuple[str, int]]) -> tuple[str, list[Any]] | None:
        """``nextval`` of each table's sequence, as many times as asked, in one statement:
        the save's INSERTs then need no answer and go with its next statement."""
        from rapport.store.postgres import reserve_ids_read

        return reserve_ids_read(tables)

    def schema_problems(self) -> list[str]:
        """Tables, columns, links, indexes, triggers and privacy policies against what the
        migrations and ``rapport team setup`` make (``store/schema_pg.py``)."""
        from rapport.store.schema_pg import problems

        return problems()

    def change_counter(self) -> int:
        """Commits by other members (or other programs) heard since the first call."""
        if self._listener is None:
            from rapport.store.postgres import ChangeListener

            self._listener = ChangeListener(self.url)
            weakref.finalize(self, self._listener.close)
        return int(self._listener.count())

    def search_index(self) -> SearchIndex | None:
        """tsvector and pg_trgm on the server (``store/search_pg.py``)."""
        from rapport.store.search_pg import TEAM_INDEX

        return TEAM_INDEX

    def folded(self, column: peewee.Node) -> Any:
        """``column`` without case or accents, as ``core.names.fold`` writes it
        (PostgreSQL's ``unaccent``, which ``rapport team setup`` installs)."""
        import peewee

        return peewee.fn.LOWER(peewee.fn.unaccent(column))

    def folded_contains(self, column: peewee.Node, word: str) -> Any:
        from rapport.store.sql import like

        return like(self.folded(column), word)

    def record_version(self, database: peewee.Database, version: int) -> None:
        from rapport.store.models import SchemaInfo

        SchemaInfo.insert(key="schema_version", value=str(version)).on_conflict(
            conflict_target=[SchemaInfo.key], update={SchemaInfo.value: str(version)}
        ).execute()
