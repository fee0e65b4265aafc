"""Schema versions: a fresh database gets the current schema; older ones climb a ladder.

The version lives in ``PRAGMA user_version`` (a ``rapport_meta`` row elsewhere). Each
rung of the ladder runs in its own transaction that also records the new version, so a
crash between rungs leaves a database that the next start continues from. A backup is
taken before the first rung (see store/db.py).

To change the schema: change the models, then append a step to ``STEPS`` that brings a
database of the previous version to the new one with ``playhouse.migrate`` operations.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee

from rapport.store import search
from rapport.store.models import MODELS, SchemaInfo

Step = Callable[[peewee.Database], None]


def _v2_follow_through(database: peewee.Database) -> None:
    """Task.progress_at (the at-risk rule) and an index on Task.done_at (the score)."""
    from playhouse.migrate import SchemaMigrator
    from playhouse.migrate import migrate as apply

    migrator = SchemaMigrator.from_database(database)
    apply(
        migrator.add_column("task", "progress_at", peewee.DateTimeField(null=True)),
        migrator.add_index("task", ("done_at",), False),
    )


# STEPS[n] upgrades a database of version n + 1 to version n + 2. Version 1 is the
# first released schema, created whole by create_schema().
STEPS: list[Step] = [_v2_follow_through]
SCHEMA_VERSION = 1 + len(STEPS)


def create_schema(database: peewee.Database) -> None:
    database.create_tables(MODELS)
    if isinstance(database, peewee.SqliteDatabase):
        database.create_tables([search.SearchDoc])
    else:
        database.create_tables([SchemaInfo])


def stored_version(database: peewee.Database) -> int:
    if isinstance(database, peewee.SqliteDatabase):
        return int(database.execute_sql("PRAGMA user_version").fetchone()[0])
    if not database.table_exists(SchemaInfo._meta.table_name):
        return 0
    row = SchemaInfo.get_or_none(SchemaInfo.key == "schema_version")
    return int(row.value) if row else 0


def _record_version(database: peewee.Database, version: int) -> None:
    if isinstance(database, peewee.SqliteDatabase):
        database.execute_sql(f"PRAGMA user_version = {int(version)}")
    else:
        SchemaInfo.replace(key="schema_version", value=str(version)).execute()


def migrate(database: peewee.Database, current: int) -> None:
    if current == 0:
        with database.atomic():
            create_schema(database)
            _record_version(database, SCHEMA_VERSION)
        return
    for version in range(current, SCHEMA_VERSION):
        with database.atomic():
            STEPS[version - 1](database)
            _record_version(database, version + 1)
