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
