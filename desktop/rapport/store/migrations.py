"""Schema versions: a fresh database gets the current schema; older ones climb a ladder.

The version lives in ``PRAGMA user_version`` (a ``rapport_meta`` row elsewhere). Each
rung of the ladder runs in its own transaction that also records the new version, so a
crash between rungs leaves a database that the next start continues from. A backup is
taken before the first rung (see store/engine_sqlite.py).

To change the schema: change the models, then append a step to ``STEPS`` that brings a
database of the previous version to the new one. Steps are idempotent (a column or index
already there is left alone; data already converted is not converted twice), so a book
that reached part of a later schema by another road still climbs cleanly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee

# Reading SCHEMA_VERSION loads nothing else: peewee, the models and the search index's
# module (with playhouse's FTS5 support) are imported by the code that uses them, so the
# command line can compare a book's version without the database layer.
Step = Callable[["peewee.Database"], None]


def _add_column(database: peewee.Database, table: str, name: str, field: peewee.Field) -> None:
    from playhouse.migrate import SchemaMigrator, migrate

    if name not in {column.name for column in database.get_columns(table)}:
        migrate(SchemaMigrator.from_database(database).add_column(table, name, field))


def _add_index(database: peewee.Database, table: str, columns: tuple[str, ...]) -> None:
    from playhouse.migrate import SchemaMigrator, migrate

    existing = {tuple(index.columns) for index in database.get_indexes(table)}
    if tuple(columns) not in existing:
        migrate(SchemaMigrator.from_database(database).add_index(table, columns, False))


def _gift_interaction(database: peewee.Database) -> None:
    """Version 2: gifts given link to the "gift" conversation that shows them in the history."""
    import peewee

    from rapport.store.models import Gift, Interaction

    field = peewee.ForeignKeyField(
        Interaction, null=True, on_delete="SET NULL", field=Interaction._meta.fields["id"]
    )
    _add_column(database, Gift._meta.table_name, "interaction_id", field)


def _search_rowids_by_kind(database: peewee.Database) -> None:
    """Version 3: search documents keyed by kind in the high bits of their rowid (was
    ``id * 16 + kind code``), so that the index ranks a common query by kind and
    recency for free (store/search.py). Only the keys change; no text is re-read."""
    import peewee

    from rapport.store import search

    if not isinstance(database, peewee.SqliteDatabase):
        return
    already = database.execute_sql(
        f"SELECT 1 FROM search_index WHERE rowid >= {1 << search.ID_BITS} LIMIT 1"
    ).fetchone()
    if already:
        return
    old_codes = {1: "client", 2: "person", 3: "fact", 4: "interaction", 5: "task"}
    old_codes.update({6: "gift", 7: "inbound", 8: "card"})
    case = " ".join(
        f"WHEN {code} THEN {search.KIND_BITS[kind]}" for code, kind in old_codes.items()
    )
    database.execute_sql(
        "CREATE TEMP TABLE search_old AS SELECT rowid AS r, title, body, client_id "
        "FROM search_index"
    )
    database.execute_sql("DELETE FROM search_index")
    database.execute_sql(
        "INSERT INTO search_index(rowid, title, body, client_id) "
        f"SELECT ((CASE r % 16 {case} END) << {search.ID_BITS}) | (r / 16), "
        "title, body, client_id FROM temp.search_old WHERE r % 16 BETWEEN 1 AND 8"
    )
    database.execute_sql("DROP TABLE temp.search_old")


def _follow_through(database: peewee.Database) -> None:
    """Version 4: Task.progress_at (the at-risk rule) and an index on Task.done_at (the score)."""
    import peewee

    _add_column(database, "task", "progress_at", peewee.DateTimeField(null=True))
    _add_index(database, "task", ("done_at",))


def _read_indexes(database: peewee.Database) -> None:
    """Version 5: indexes for reading a big book in pages and Today without scans: the
    client list by name and by last contact, cadences in use, birthdays, introductions
    waiting for a call."""
    _add_index(database, "client", ("archived_at", "name_key"))
    _add_index(database, "client", ("archived_at", "last_contact_at"))
    _add_index(database, "client", ("cadence_days",))
    _add_index(database, "person", ("birthday",))
    _add_index(database, "introduction", ("called_at", "lead_answered_at", "contacted_at"))


ADDRESS_PARTS = ("address_lines", "city", "region", "postcode", "country")


def _postal_addresses(database: peewee.Database) -> None:
    """Version 6: clients and people have a postal address in parts; a client's old
    free-text address is parsed into them (core/postal.py keeps every character it does
    not understand in the street lines) and emptied."""
    import peewee

    from rapport.core.postal import parse_address

    for table in ("client", "person"):
        for name in ADDRESS_PARTS:
            _add_column(database, table, name, peewee.TextField(default=""))
    rows = database.execute_sql(
        "SELECT id, address, address_lines, city, region, postcode, country FROM client "
        "WHERE address <> ''"
    ).fetchall()
    for client_id, text, *parts in rows:
        parsed = parse_address(text)
        if any(parts):
            # Parts already there (a book that reached them by another road): the old
            # text joins the street lines rather than overwrite anything.
            lines = "\n".join(line for line in (parts[0], text.strip()) if line)
            values = [lines, *parts[1:]]
        else:
            values = ["\n".join(parsed.lines), parsed.city, parsed.region, parsed.postcode]
            values.append(parsed.country)
        database.execute_sql(
            "UPDATE client SET address = '', address_lines = ?, city = ?, region = ?, "
            "postcode = ?, country = ? WHERE id = ?".replace("?", database.param),
            (*values, client_id),
        )


def _work_contacts(database: peewee.Database) -> None:
    """Version 7: a client's work contacts ("her assistant Kim"), a JSON list on the client."""
    from rapport.store.models import JSONField

    _add_column(database, "client", "contacts", JSONField(default=list))


def _capture_keys(database: peewee.Database) -> None:
    """Version 8: a conversation saved from the outbox carries the key its capture was
    given when typed (services/outbox.py), unique, so that sending it twice keeps one."""
    import peewee

    _add_column(database, "interaction", "capture_key", peewee.TextField(null=True, unique=True))


def _today_indexes(database: peewee.Database) -> None:
    """Version 9: covering indexes for Today: the follow-through score counted in the
    index (promises by due day and by day done) and the clients out of touch filtered
    in it."""
    _add_index(database, "task", ("due", "promised", "kind", "status", "done_at"))
    _add_index(database, "task", ("done_at", "due", "promised", "kind", "status"))
    _add_index(
        database, "client", ("archived_at", "cadence_days", "last_contact_at", "created_at", "name")
    )


# STEPS[n] upgrades a database of version n + 1 to version n + 2. Version 1 is the
# first released schema, created whole by create_schema().
STEPS: list[Step] = [
    _gift_interaction,
    _search_rowids_by_kind,
    _follow_through,
    _read_indexes,
    _postal_addresses,
    _work_contacts,
    _capture_keys,
    _today_indexes,
]
SCHEMA_VERSION = 1 + len(STEPS)


def create_schema(database: peewee.Database) -> None:
    import peewee

    from rapport.store import search
    from rapport.store.models import MODELS, SchemaInfo

    database.create_tables(MODELS)
    if isinstance(database, peewee.SqliteDatabase):
        database.create_tables([search.SearchDoc])
    else:
        database.create_tables([SchemaInfo])


def stored_version(database: peewee.Database) -> int:
    import peewee

    if isinstance(database, peewee.SqliteDatabase):
        from rapport.store import sql

        return sql.user_version(database)
    from rapport.store.models import SchemaInfo

    if not database.table_exists(SchemaInfo._meta.table_name):
        return 0
    row = SchemaInfo.get_or_none(SchemaInfo.key == "schema_version")
    return int(row.value) if row else 0


def _record_version(database: peewee.Database, version: int) -> None:
    import peewee

    if isinstance(database, peewee.SqliteDatabase):
        from rapport.store import sql

        sql.set_user_version(database, version)
    else:
        from rapport.store.models import SchemaInfo

        SchemaInfo.insert(key="schema_version", value=str(version)).on_conflict(
            conflict_target=[SchemaInfo.key], update={SchemaInfo.value: str(version)}
        ).execute()


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
