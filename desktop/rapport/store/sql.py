"""Every statement Rapport writes as SQL text rather than as a peewee query, in one place.

peewee's models are the way to the database (``store/models.py``). A statement is
written here by hand only when peewee cannot say it (a PRAGMA, FTS5's commands and
MATCH, SQLite's TEMP schema) or when building it with peewee at each call costs more
than running it on a path that is timed; each says which. Services call the functions
here, never ``execute_sql``. The schema migrations keep theirs in
``store/migrations.py``, where each is part of one rung of the ladder.

Statements are written with ``?`` parameters; ``param`` adapts them to the open
database's style.
"""

from __future__ import annotations

from typing import Any

import peewee

from rapport.store import models as m

# The database itself, or the models' proxy to the open one.
Db = peewee.Database | peewee.DatabaseProxy


def param(database: Db, text: str) -> str:
    """``text``, written with ``?`` parameters, in ``database``'s parameter style."""
    return text if database.param == "?" else text.replace("?", database.param)


def like(column: peewee.Node, word: str) -> Any:
    """``column`` contains ``word``, LIKE's wildcards in it taken literally.

    peewee's ``contains`` escapes nothing, and its ESCAPE clause is not portable: the
    ESCAPE part is written here (an SQL fragment inside a peewee query)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return peewee.NodeList((column, peewee.SQL("LIKE"), f"%{escaped}%", peewee.SQL("ESCAPE '\\'")))


# -- SQLite's pragmas: peewee has no query for them -------------------------------------------
def user_version(database: Db) -> int:
    """The schema version SQLite keeps in the file's header (a PRAGMA)."""
    return int(database.execute_sql("PRAGMA user_version").fetchone()[0])


def set_user_version(database: Db, version: int) -> None:
    # A PRAGMA takes no parameters: the version is an int, written into the text.
    database.execute_sql(f"PRAGMA user_version = {int(version)}")


def integrity_check(database: Db, limit: int) -> list[str]:
    """SQLite's full structural check: ["ok"] or up to ``limit`` problems (a PRAGMA)."""
    return [row[0] for row in database.execute_sql(f"PRAGMA integrity_check({int(limit)})")]


def quick_check(database: Db, limit: int) -> list[str]:
    """SQLite's fast structural check: ["ok"] or up to ``limit`` problems (a PRAGMA)."""
    return [row[0] for row in database.execute_sql(f"PRAGMA quick_check({int(limit)})")]


def foreign_key_check(database: Db) -> list[tuple[str, int, str]]:
    """(table, rowid, parent table) of every row pointing at a missing row (a PRAGMA)."""
    return [
        (table, rowid, parent)
        for table, rowid, parent, _fk in database.execute_sql("PRAGMA foreign_key_check")
    ]


def data_version(database: Db) -> int:
    """SQLite's count of other connections' commits, seen by this one (a PRAGMA; it reads
    no table and costs microseconds)."""
    return int(database.execute_sql("PRAGMA data_version").fetchone()[0])


# -- the hot path of a save: written once, not rebuilt by peewee at every call ----------------
def _in_marks(count: int) -> str:
    return ", ".join("?" * count)


def last_happened_at(client_id: int, kinds: tuple[str, ...]) -> Any:
    """The latest ``happened_at`` of the client's conversations of ``kinds`` (as stored).

    Every save of a conversation asks this; building the SELECT with peewee cost more
    than SQLite takes to run it (a save is timed: p95 <= 10 ms on the big book).
    """
    statement = (
        'SELECT MAX("happened_at") FROM "interaction" WHERE "client_id" = ? '
        f'AND "kind" IN ({_in_marks(len(kinds))})'
    )
    row = m.db.execute_sql(param(m.db, statement), (client_id, *kinds)).fetchone()
    return m.Interaction.happened_at.python_value(row[0])


# Quick capture's save reads these at every save. Each is written once rather than built
# by peewee at each call: building a SELECT from its query tree cost more than SQLite
# takes to run it, and a save is timed (p95 <= 10 ms on the big book).
def client_name(client_id: int) -> tuple[int, str, str] | None:
    """(id, name, name_key) of the client, or None."""
    statement = 'SELECT "id", "name", "name_key" FROM "client" WHERE "id" = ?'
    row = m.db.execute_sql(param(m.db, statement), (client_id,)).fetchone()
    return None if row is None else (int(row[0]), row[1], row[2])


def client_of_key(name_key: str) -> int | None:
    """The id of a client of that folded name, or None."""
    statement = 'SELECT "id" FROM "client" WHERE "name_key" = ? LIMIT 1'
    row = m.db.execute_sql(param(m.db, statement), (name_key,)).fetchone()
    return None if row is None else int(row[0])


def clients_named(client_ids: list[int]) -> dict[int, tuple[str, int | None]]:
    """{id: (name, referred_by id)} of these clients (an introduction's lead and referrer)."""
    statement = (
        'SELECT "id", "name", "referred_by_id" FROM "client" '
        f'WHERE "id" IN ({_in_marks(len(client_ids))})'
    )
    return {
        int(row[0]): (row[1], row[2])
        for row in m.db.execute_sql(param(m.db, statement), client_ids)
    }


def people_of(client_id: int) -> list[m.Person]:
    """The client's people, as model instances."""
    statement = 'SELECT * FROM "person" WHERE "client_id" = ?'
    return list(m.Person.raw(param(m.db, statement), client_id))


def facts_of(client_id: int) -> list[m.Fact]:
    """The client's facts, as model instances."""
    statement = 'SELECT * FROM "fact" WHERE "client_id" = ?'
    return list(m.Fact.raw(param(m.db, statement), client_id))


def important_date(client_id: int, label: str, person_id: int | None) -> m.ImportantDate | None:
    """The client's (or their person's) date of that label, or None."""
    statement = 'SELECT * FROM "important_date" WHERE "client_id" = ? AND "label" = ? '
    if person_id is None:
        query = m.ImportantDate.raw(
            param(m.db, statement + 'AND "person_id" IS NULL LIMIT 1'), client_id, label
        )
    else:
        query = m.ImportantDate.raw(
            param(m.db, statement + 'AND "person_id" = ? LIMIT 1'), client_id, label, person_id
        )
    return next(iter(query), None)


def open_task_titles(client_id: int) -> list[tuple[int, str, Any]]:
    """(id, title, due as stored) of the client's open tasks that have a title."""
    statement = (
        'SELECT "id", "title", "due" FROM "task" '
        'WHERE "client_id" = ? AND "status" = \'open\' AND "title" != \'\''
    )
    return [tuple(row) for row in m.db.execute_sql(param(m.db, statement), (client_id,))]


def open_introductions_of_lead(client_id: int, day: Any) -> list[m.Introduction]:
    """The lead's introductions not yet answered, made on or before ``day`` (as stored).

    A message recorded with every quick capture asks this.
    """
    statement = (
        'SELECT * FROM "introduction" WHERE "lead_id" = ? AND "lead_answered_at" IS NULL '
        'AND "introduced_on" <= ?'
    )
    return list(m.Introduction.raw(param(m.db, statement), client_id, day))


# Quick capture's undo (services/capture_undo.py) reads the rows a save may change, as
# plain tuples in the model's column order, before and after it: written once for the
# same reason (it runs inside the timed save), and without peewee's row conversion,
# which it does only for the rows that changed.
def columns(model: type[m.BaseModel]) -> list[str]:
    """The model's columns, id first: the order of the rows read below."""
    return [field.column_name for field in model._meta.sorted_fields]


def _all(model: type[m.BaseModel]) -> str:
    return ", ".join(f'"{column}"' for column in columns(model))


Raw = tuple[Any, ...]  # a row as the driver gives it, columns in the model's order


def rows_where_in(model: type[m.BaseModel], column: str, values: list[Any]) -> list[Raw]:
    """Every column of the rows whose ``column`` is one of ``values``."""
    if not values:
        return []
    table = model._meta.table_name
    marks = _in_marks(len(values))
    statement = f'SELECT {_all(model)} FROM "{table}" WHERE "{column}" IN ({marks})'
    return list(m.db.execute_sql(param(m.db, statement), values))


def ids_where_in(model: type[m.BaseModel], column: str, values: list[Any]) -> list[int]:
    """The ids of the rows whose ``column`` is one of ``values``."""
    if not values:
        return []
    table = model._meta.table_name
    statement = f'SELECT "id" FROM "{table}" WHERE "{column}" IN ({_in_marks(len(values))})'
    return [int(row[0]) for row in m.db.execute_sql(param(m.db, statement), values)]


def rows_after(model: type[m.BaseModel], highest: int) -> list[Raw]:
    """Every column of the rows with an id above ``highest``, by id."""
    table = model._meta.table_name
    statement = f'SELECT {_all(model)} FROM "{table}" WHERE "id" > ? ORDER BY "id"'
    return list(m.db.execute_sql(param(m.db, statement), (highest,)))


def highest_ids(models: list[type[m.BaseModel]]) -> list[int]:
    """The highest id of each table, 0 for an empty one, in one statement (one round
    trip instead of one per table)."""
    parts = ", ".join(f'(SELECT MAX(id) FROM "{model._meta.table_name}")' for model in models)
    row = m.db.execute_sql(f"SELECT {parts}").fetchone()
    return [int(value or 0) for value in row]
