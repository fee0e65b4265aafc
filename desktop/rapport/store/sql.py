"""Every statement Rapport writes as SQL text rather than as a peewee query, in one place.

peewee's models are the way to the database (``store/models.py``). A statement is
written here by hand only when peewee cannot say it (a PRAGMA, FTS5's commands and
MATCH, SQLite's TEMP schema) or when building it with peewee at each call costs more
than running it on a path that is timed; each says which. Services call the functions
here, never ``execute_sql``. The schema migrations keep theirs in
``store/migrations.py``, where each is part of one rung of the ladder. The SQLite
engine's reading of files through plain ``sqlite3`` keeps its statements beside it too:
``store/readonly.py`` runs before peewee may load (the first paint, the hotkey's dry
run), and ``store/backup.py`` and ``store/schema.py`` read backup files and schemas on
connections peewee never sees.

Statements are written with ``?`` parameters; ``param`` adapts them to the open
database's style.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

import peewee

from rapport.store import engine
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


def page_size(database: Db) -> int:
    """The bytes of a page of the database file (a PRAGMA)."""
    return int(database.execute_sql("PRAGMA page_size").fetchone()[0])


def set_wal(database: Db) -> None:
    """Write-ahead logging again (a restore through the backup API copies the backup's
    journal mode in with its pages; a PRAGMA)."""
    database.execute_sql("PRAGMA journal_mode=wal")


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


def refresh_last_contact(client_id: int, kinds: tuple[str, ...]) -> None:
    """Set the client's ``last_contact_at`` to the latest ``happened_at`` of their
    conversations of ``kinds`` (inside a write).

    On a team book one UPDATE reading the latest in place, sent with the transaction's
    next statement (``TeamDatabase.write_later``): nobody reads its answer, where reading
    the latest first was a round trip of every save of a conversation. On a file, the read
    then the write, as before (the same value: the column's type is the same on the
    server; SQLite keeps the value as peewee writes it).
    """
    database = m.db.obj
    write_later = getattr(database, "write_later", None)
    if write_later is None:
        last = last_happened_at(client_id, kinds)
        if isinstance(last, str):
            last = datetime.fromisoformat(last)
        update(m.Client, client_id, {"last_contact_at": last})
        return
    statement = (
        'UPDATE "client" SET "last_contact_at" = (SELECT MAX("happened_at") FROM "interaction" '
        f'WHERE "client_id" = ? AND "kind" IN ({_in_marks(len(kinds))})) WHERE "id" = ?'
    )
    write_later(param(database, statement), (client_id, *kinds, client_id))


# -- single-row writes of a save ---------------------------------------------------------------
# A save inserts a handful of rows; peewee builds every INSERT from its query tree again,
# which cost several times what SQLite takes to run it. Measured on the big book, the
# save's p50 / p95 with these against peewee's create/update, alternating save by save
# in one process (three runs of 300 each, on a loaded 2-core machine): 2.1 / 7.0 against
# 3.3 / 9.8 ms, 2.8 / 10.6 against 6.4 / 13.8 ms, 5.6 / 15.4 against 7.7 / 19.5 ms.
# ``insert`` writes exactly what ``model.create(**values)`` would write (the model's
# defaults filled in, every value converted by its field's ``db_value``) with one
# statement text kept per model and set of columns, and returns the row's data as the
# created instance's ``__data__`` would hold it. ``update`` sets some columns of one row
# the same way. The new row's id is the cursor's ``lastrowid``, or comes back through
# RETURNING where the database has it (peewee's ``returning_clause``: PostgreSQL).
Data = dict[str, Any]
# Statements by (parameter style, [RETURNING,] model, columns).
_insert_sql: dict[tuple[str, bool, type[m.BaseModel], tuple[str, ...]], str] = {}
_update_sql: dict[tuple[str, type[m.BaseModel], tuple[str, ...]], str] = {}


def _column(model: type[m.BaseModel], name: str) -> str:
    return f'"{model._meta.fields[name].column_name}"'


def insert(model: type[m.BaseModel], values: Data) -> Data:
    """Insert one row as ``model.create(**values)`` does; its data (field names), with id.

    Given an id taken ahead for this transaction (``keep_reserved_ids``: a team book's
    save), the INSERT needs no answer and goes to the server with the next statement."""
    data = model._meta.get_default_dict()
    data.update(values)
    database = m.db.obj
    reserved = getattr(database, "reserved_id", None)
    row_id = None if reserved is None or "id" in data else reserved(model._meta.table_name)
    if row_id is not None:
        data["id"] = row_id
        statement, params = _insert_statement(model, data, database, returning=False)
        database.write_later(statement, params)
        return data
    returning = bool(database.returning_clause)
    statement, params = _insert_statement(model, data, database, returning=returning)
    cursor = m.db.execute_sql(statement, params)
    data["id"] = cursor.fetchone()[0] if returning else cursor.lastrowid
    return data


def _insert_statement(
    model: type[m.BaseModel], data: Data, database: Any, *, returning: bool
) -> tuple[str, list[Any]]:
    names = tuple(data)
    key = (database.param, returning, model, names)
    statement = _insert_sql.get(key)
    if statement is None:
        columns = ", ".join(_column(model, name) for name in names)
        marks = ", ".join("?" * len(names))
        statement = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
        if returning:
            statement += ' RETURNING "id"'
        statement = _insert_sql[key] = param(database, statement)
    fields = model._meta.fields
    return statement, [fields[name].db_value(data[name]) for name in names]


def read_reserved_ids(counts: Sequence[tuple[type[m.BaseModel], int]]) -> Read | None:
    """The read that takes new ids ahead for rows a write is about to insert (``counts``:
    how many of each table at most), for ``read_together``; None where the engine has no
    use for it (a file: an INSERT's id comes back without a round trip)."""
    current = engine.current_or_none()
    if current is None or not any(count > 0 for _model, count in counts):
        return None
    # every table asked about, none too: the same text at every save (a statement the
    # server plans once a connection, not at every call)
    return current.reserve_ids([(model._meta.table_name, count) for model, count in counts])


def keep_reserved_ids(
    counts: Sequence[tuple[type[m.BaseModel], int]], row: Sequence[Sequence[int]]
) -> None:
    """Keep the ids ``read_reserved_ids`` read (its one row) for this transaction's
    ``insert``s; an id not used is a gap in the table's numbering, as a rolled-back
    insert leaves one."""
    tables = [model._meta.table_name for model, _count in counts]
    keep = getattr(m.db.obj, "keep_ids", None)
    if keep is not None:
        keep({table: [int(i) for i in ids] for table, ids in zip(tables, row, strict=True)})


def update(model: type[m.BaseModel], row_id: int, values: Data) -> None:
    """Set ``values`` (field names) on the row ``row_id``, converted as peewee would."""
    names = tuple(values)
    database = m.db.obj
    key = (database.param, model, names)
    statement = _update_sql.get(key)
    if statement is None:
        sets = ", ".join(f"{_column(model, name)} = ?" for name in names)
        statement = f'UPDATE "{model._meta.table_name}" SET {sets} WHERE "id" = ?'
        statement = _update_sql[key] = param(database, statement)
    fields = model._meta.fields
    params = [*(fields[name].db_value(values[name]) for name in names), row_id]
    # Nobody reads its answer: on a team book it goes to the server with the transaction's
    # next statement instead of in a round trip of its own (``TeamDatabase.write_later``).
    write_later = getattr(database, "write_later", None)
    if write_later is not None:
        write_later(statement, params)
    else:
        m.db.execute_sql(statement, params)


# Quick capture's save reads these at every save. Each is written once rather than built
# by peewee at each call: building a SELECT from its query tree cost more than SQLite
# takes to run it, and a save is timed (p95 <= 10 ms on the big book). Measured on the
# big book, median per call, alternating with the peewee query doing the same job (400
# random clients, load 5 on 2 cores): client_name 14 against 194 us, client_of_key 9
# against 111, people_of 119 against 355, facts_of 138 against 299, important_date 27
# against 207, open_task_titles 9 against 188, last_happened_at 44 against 335.
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


def clients_shown(client_ids: list[int]) -> dict[int, tuple[str, bool]]:
    """{id: (name, archived)} of these clients: what a search result shows of its client.
    Each search as you type reads it (search p95 <= 5 ms on the big book): peewee built
    the SELECT in about 0.3 ms of the heaviest searches' 5 to 6."""
    statement = (
        'SELECT "id", "name", "archived_at" IS NOT NULL FROM "client" '
        f'WHERE "id" IN ({_in_marks(len(client_ids))})'
    )
    return {
        int(row[0]): (row[1], bool(row[2]))
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


# -- Today (services/today_queries.py) -----------------------------------------------------------
# Today's reads are written once: building them from peewee's query trees cost 2 to 3 ms
# of Today's 17 at every read, more than SQLite takes to run most of them. Each is the
# statement peewee built (the same joins, conditions and order, so the same plan).
_TODAY_TASKS = (
    'SELECT "t1"."id", "t1"."title", "t1"."kind", "t1"."due", "t1"."client_id", "t2"."name", '
    '"t1"."introduction_id", "t1"."inbound_id", "t1"."promised", "t1"."snoozed_until", '
    '"t1"."late_notice_at", "t1"."created_at", "t1"."progress_at" '
    'FROM "task" AS "t1" LEFT OUTER JOIN "client" AS "t2" ON ("t1"."client_id" = "t2"."id") '
    'WHERE "t1"."status" = ? AND {due} '
    'AND ("t1"."snoozed_until" IS NULL OR "t1"."snoozed_until" <= ?) '
    'AND "t2"."archived_at" IS NULL AND ("t1"."inbound_id" IS NULL OR "t1"."kind" != ?)'
)
_SOON = _TODAY_TASKS.format(due='"t1"."due" <= ?')
_LATER = _TODAY_TASKS.format(due='"t1"."due" > ? AND ("t1"."promised" = ? OR "t1"."kind" = ?)')


def today_tasks(horizon: Any, day: Any) -> list[Raw]:
    """The open, awake tasks of active clients (replies to messages left out) that can be
    on Today: due by ``horizon``, then the promises due after it (two range reads of the
    (status, due) index). Columns: id, title, kind, due, client id, client name,
    introduction id, inbound id, promised, snoozed_until, late_notice_at, created_at,
    progress_at."""
    soon, later = (_rows(read) for read in read_today_tasks(horizon, day))
    return soon + later


def read_today_tasks(horizon: Any, day: Any) -> list[Read]:
    """``today_tasks``' two reads, for ``read_together``: their rows, one after the other,
    are ``today_tasks``'."""
    return [
        (_SOON, ["open", horizon, day, "reply"]),
        (_LATER, ["open", horizon, True, "promise", day, "reply"]),
    ]


def _rows(read: Read) -> list[Raw]:
    text, params = read
    return list(m.db.execute_sql(param(m.db, text), params))


def awaiting_replies(since: Any = None, until: Any = None, answered: bool = False) -> list[Raw]:
    """(id, client id, client name, channel, received_at, summary, reply task id) of the
    messages of active clients not answered (or all, with ``answered``), received between
    ``since`` and ``until`` when given, oldest first. The reply task by a correlated
    look-up on task.inbound_id: a LEFT JOIN with a status condition made SQLite walk the
    status index instead (100 ms at 20,000 tasks)."""
    return _rows(read_awaiting_replies(since, until, answered))


def read_awaiting_replies(since: Any = None, until: Any = None, answered: bool = False) -> Read:
    """``awaiting_replies`` as a read for ``read_together``."""
    where = '"t2"."archived_at" IS NULL'
    values: list[Any] = []
    if not answered:
        where += ' AND "t1"."answered_at" IS NULL'
    if since is not None and until is not None:
        where += ' AND "t1"."received_at" >= ? AND "t1"."received_at" < ?'
        values += [since, until]
    statement = (
        'SELECT "t1"."id", "t1"."client_id", "t2"."name", "t1"."channel", "t1"."received_at", '
        '"t1"."summary", (SELECT "t3"."id" FROM "task" AS "t3" WHERE "t3"."inbound_id" = '
        '"t1"."id" ORDER BY "t3"."status" DESC, "t3"."id" DESC LIMIT 1) '
        'FROM "inbound" AS "t1" INNER JOIN "client" AS "t2" ON ("t1"."client_id" = "t2"."id") '
        f'WHERE {where} ORDER BY "t1"."received_at", "t1"."id"'
    )
    return statement, values


def dates_within(month_days: dict[int, list[int]]) -> list[Raw]:
    """The yearly dates of active clients on these days ({month: [day, ...]}), each with
    its person when it has one: (id, client id, client name, label, month, day, year,
    then the person's id, client id, name, relation, birthday, age, age_as_of or NULLs)."""
    return _rows(read_dates_within(month_days))


def read_dates_within(month_days: dict[int, list[int]]) -> Read:
    """``dates_within`` as a read for ``read_together``."""
    window = " OR ".join(
        f'("t1"."month" = ? AND "t1"."day" IN ({_in_marks(len(days))}))'
        for days in month_days.values()
    )
    statement = (
        'SELECT "t1"."id", "t1"."client_id", "t2"."name", "t1"."label", "t1"."month", '
        '"t1"."day", "t1"."year", "t3"."id", "t3"."client_id", "t3"."name", "t3"."relation", '
        '"t3"."birthday", "t3"."age", "t3"."age_as_of" FROM "important_date" AS "t1" '
        'INNER JOIN "client" AS "t2" ON ("t1"."client_id" = "t2"."id") '
        'LEFT OUTER JOIN "person" AS "t3" ON ("t1"."person_id" = "t3"."id") '
        f'WHERE ({window}) AND "t2"."archived_at" IS NULL'
    )
    values = [value for month, days in month_days.items() for value in (month, *days)]
    return statement, values


_PROMISE_SUMS = (
    # kept: done, counted in the window, finished by the due day
    'SELECT COALESCE(SUM(CASE WHEN "t1"."status" = ? AND {counted} AND {finished} <= "t1"."due" '
    "THEN 1 ELSE 0 END), 0), "
    # late: done, counted, finished after the due day; or open and due in the window, past
    'COALESCE(SUM(CASE WHEN ("t1"."status" = ? AND {counted} AND {finished} > "t1"."due") '
    'OR (NOT ("t1"."status" = ?) AND "t1"."due" BETWEEN ? AND ?) THEN 1 ELSE 0 END), 0), '
    # open: not done, due today or later
    'COALESCE(SUM(CASE WHEN NOT ("t1"."status" = ?) AND "t1"."due" >= ? THEN 1 ELSE 0 END), 0) '
    'FROM "task" AS "t1" WHERE ("t1"."promised" = ? OR "t1"."kind" = ?) '
    'AND ("t1"."due" >= ? OR "t1"."done_at" >= ?)'
).format(
    counted='("t1"."due" BETWEEN ? AND ? OR COALESCE(DATE("t1"."done_at"), "t1"."due") '
    "BETWEEN ? AND ?)",
    finished='COALESCE(DATE("t1"."done_at"), "t1"."due")',
)


def promise_sums(
    since: Any, today: Any, yesterday: Any, since_moment: Any, client_id: int | None
) -> tuple[int, int, int]:
    """(kept, late, still open) of the promises (``services/followup.follow_through``'s
    cases; core/promises.py's ``score``), of one client or all, in one row: two index
    range reads (due from ``since`` on, done from ``since_moment`` on)."""
    return promise_sums_of(
        _rows(read_promise_sums(since, today, yesterday, since_moment, client_id))
    )


def read_promise_sums(
    since: Any, today: Any, yesterday: Any, since_moment: Any, client_id: int | None
) -> Read:
    """``promise_sums`` as a read for ``read_together``; ``promise_sums_of`` its rows."""
    window = (since, today, since, today)
    values: list[Any] = ["done", *window, "done", *window, "done", since, yesterday]
    values += ["done", today, True, "promise", since, since_moment]
    statement = _PROMISE_SUMS
    if client_id is not None:
        statement += ' AND "t1"."client_id" = ?'
        values.append(client_id)
    return statement, values


def promise_sums_of(rows: list[Raw]) -> tuple[int, int, int]:
    kept, late, still_open = rows[0]
    return int(kept), int(late), int(still_open)


def unthanked(kinds: Sequence[str], before: Any) -> list[Raw]:
    """(id, client id, client name, title, happened_at) of the conversations of active
    clients not thanked for, of these kinds, before ``before``, newest first. CROSS JOIN
    keeps the conversations as the outer loop, read through the (kind, thanked_at) index:
    with an INNER JOIN SQLite chose to walk every active client and each one's
    conversations (all 100,000 on the big book: 60 ms of Today's 75). Every kind is
    listed: the IN keeps the (kind, thanked_at) index in use."""
    return _rows(read_unthanked(kinds, before))


def read_unthanked(kinds: Sequence[str], before: Any) -> Read:
    """``unthanked`` as a read for ``read_together``."""
    statement = (
        'SELECT "t1"."id", "t1"."client_id", "t2"."name", "t1"."title", "t1"."happened_at" '
        'FROM "interaction" AS "t1" CROSS JOIN "client" AS "t2" '
        f'WHERE "t1"."client_id" = "t2"."id" AND "t1"."kind" IN ({_in_marks(len(kinds))}) '
        'AND "t1"."thanked_at" IS NULL AND "t2"."archived_at" IS NULL '
        'AND "t1"."happened_at" < ? ORDER BY "t1"."happened_at" DESC, "t1"."id" DESC'
    )
    return statement, [*kinds, before]


def cadences_in_use() -> list[int]:
    """The keep-in-touch cadences clients have (a handful of values), from the covering
    cadence index."""
    return cadences_of(_rows(read_cadences_in_use()))


def read_cadences_in_use() -> Read:
    """``cadences_in_use`` as a read for ``read_together``; ``cadences_of`` its rows."""
    return 'SELECT DISTINCT "cadence_days" FROM "client" WHERE "cadence_days" > ?', [0]


def cadences_of(rows: list[Raw]) -> list[int]:
    return [row[0] for row in rows]


def clients_out_of_touch(default_cutoff: Any, cutoffs: dict[int, Any]) -> list[Raw]:
    """(id, name, last_contact_at, created_at, cadence_days) of the active clients whose
    last contact (their creation, when never contacted) is before the cutoff of their
    cadence: ``cutoffs[cadence]``, else ``default_cutoff`` (no cadence of their own).

    One comparison per client against a CASE over the cadences in use, read from the
    covering (archived_at, cadence_days, last_contact_at, created_at, name) index;
    peewee built the same filter as one OR branch per cadence, which cost more to build
    than SQLite takes to run it.
    """
    return _rows(read_clients_out_of_touch(default_cutoff, cutoffs))


def read_clients_out_of_touch(default_cutoff: Any, cutoffs: dict[int, Any]) -> Read:
    """``clients_out_of_touch`` as a read for ``read_together``."""
    cases = " ".join('WHEN "cadence_days" = ? THEN ?' for _ in cutoffs)
    statement = (
        'SELECT "id", "name", "last_contact_at", "created_at", "cadence_days" FROM "client" '
        'WHERE "archived_at" IS NULL AND COALESCE("last_contact_at", "created_at") < '
        + (f"CASE {cases} ELSE ? END" if cutoffs else "?")  # no cadence in use: the default
    )
    values = [value for pair in cutoffs.items() for value in pair]
    return statement, [*values, default_cutoff]


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


Read = tuple[str, list[Any]]  # a SELECT written with ``?`` parameters, and its parameters


def rows_where_in(model: type[m.BaseModel], column: str, values: list[Any]) -> list[Raw]:
    """Every column of the rows whose ``column`` is one of ``values``."""
    if not values:
        return []
    statement, params = read_where_in(model, column, values)
    return list(m.db.execute_sql(param(m.db, statement), params))


def read_where_in(model: type[m.BaseModel], column: str, values: list[Any]) -> Read:
    """``rows_where_in`` as a statement for ``read_together`` (``values`` not empty)."""
    table = model._meta.table_name
    marks = _in_marks(len(values))
    return f'SELECT {_all(model)} FROM "{table}" WHERE "{column}" IN ({marks})', list(values)


def read_where_within(
    model: type[m.BaseModel], column: str, select: str, params: list[Any]
) -> Read:
    """``read_where_in`` with the values given by a subquery (``select``, its parameters)."""
    table = model._meta.table_name
    return f'SELECT {_all(model)} FROM "{table}" WHERE "{column}" IN ({select})', list(params)


def made_after(model: type[m.RecordModel], highest: int) -> Any:
    """The condition (for a peewee query) of the rows of ``model`` the current transaction
    inserted, numbered above ``highest``: ``Engine.own_rows`` where others insert meanwhile."""
    condition = model.id > highest
    current = engine.current_or_none()
    if current is not None and current.own_rows:
        condition &= peewee.SQL(current.own_rows)
    return condition


def read_after(model: type[m.BaseModel], highest: int) -> Read:
    """``rows_after`` as a statement for ``read_together``."""
    table = model._meta.table_name
    current = engine.current_or_none()
    own = f" AND {current.own_rows}" if current is not None and current.own_rows else ""
    return f'SELECT {_all(model)} FROM "{table}" WHERE "id" > ?{own} ORDER BY "id"', [highest]


def reads_in_one_trip() -> bool:
    """The open book's engine answers reads sent together in one round trip (a team
    book's server): one more statement in a batch costs less than one more batch."""
    current = engine.current_or_none()
    return current is not None and current.reads_in_one_trip


def read_together(reads: Sequence[Read]) -> list[list[Raw]]:
    """The rows of each read, in order, sent the way the open book's engine sends several
    reads at once: a team book's server gets them all before answering the first (one
    round trip instead of one a read, ``Engine.read_together``); a file runs them one by
    one (SQLite has no round trip to save)."""
    current = engine.current_or_none()
    if current is None:
        return read_one_by_one(reads)
    return current.read_together(reads)


def read_one_by_one(reads: Sequence[Read]) -> list[list[Raw]]:
    """``read_together`` for an engine that gains nothing by sending reads together."""
    return [list(m.db.execute_sql(param(m.db, text), params)) for text, params in reads]


def ids_where_in(model: type[m.BaseModel], column: str, values: list[Any]) -> list[int]:
    """The ids of the rows whose ``column`` is one of ``values``."""
    if not values:
        return []
    statement, params = read_ids_where_in(model, column, values)
    return [int(row[0]) for row in m.db.execute_sql(param(m.db, statement), params)]


def read_ids_where_in(model: type[m.BaseModel], column: str, values: list[Any]) -> Read:
    """``ids_where_in`` as a statement for ``read_together`` (``values`` not empty)."""
    table = model._meta.table_name
    marks = _in_marks(len(values))
    return f'SELECT "id" FROM "{table}" WHERE "{column}" IN ({marks})', list(values)


def rows_after(model: type[m.BaseModel], highest: int) -> list[Raw]:
    """Every column of the rows with an id above ``highest``, by id."""
    statement, params = read_after(model, highest)
    return list(m.db.execute_sql(param(m.db, statement), params))


def highest_ids(models: Sequence[type[peewee.Model]]) -> list[int]:
    """The highest id of each table, 0 for an empty one, in one statement (one round
    trip instead of one per table)."""
    text, params = read_highest_ids(models)
    return highest_ids_of(list(m.db.execute_sql(text, params)))


def read_highest_ids(models: Sequence[type[peewee.Model]]) -> Read:
    """``highest_ids`` as a statement for ``read_together``; ``highest_ids_of`` its rows."""
    parts = ", ".join(f'(SELECT MAX(id) FROM "{model._meta.table_name}")' for model in models)
    return f"SELECT {parts}", []


def highest_ids_of(rows: list[Raw]) -> list[int]:
    return [int(value or 0) for value in rows[0]]


# -- SQLite FTS5, the search index (store/search.py) -------------------------------------------
# peewee has no query for MATCH with bm25's column weights, for FTS5's commands (an
# INSERT of the command into the table of the same name) or for its vocabulary table, and
# its REPLACE costs more to build than to run for a save that indexes several rows.
SEARCH_TABLE = "search_index"
_REPLACE = f'REPLACE INTO "{SEARCH_TABLE}" (rowid, title, body, client_id) VALUES (?, ?, ?, ?)'
_INTEGRITY_CHECK = f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES('integrity-check')"
_MATCH = f"FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?"
Doc = tuple[int, str, str, "int | None"]  # rowid, title, body, client id


def fts_replace(doc: Doc) -> None:
    """Add or replace one document."""
    m.db.execute_sql(_REPLACE, doc)


def fts_replace_many(docs: list[Doc]) -> None:
    """Add or replace many documents: one prepared statement executed for each."""
    m.db.cursor().executemany(_REPLACE, docs)


def fts_rowids() -> set[int]:
    """Every document's rowid."""
    return {row[0] for row in m.db.execute_sql(f"SELECT rowid FROM {SEARCH_TABLE}")}


def fts_integrity_check(connection: Any = None) -> None:
    """FTS5's own check of the index structure (it raises what it finds), on the open
    book or on a copy of it (a plain ``sqlite3`` connection)."""
    if connection is None:
        m.db.execute_sql(_INTEGRITY_CHECK)
    else:
        connection.execute(_INTEGRITY_CHECK)


def fts_optimize() -> None:
    """Merge the index's segments: fewer b-trees to read on every query afterwards."""
    m.db.execute_sql(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES('optimize')")


def fts_count(expression: str, cap: int) -> int:
    """How many documents match ``expression``, counted up to ``cap``."""
    statement = f"SELECT count(*) FROM (SELECT 1 {_MATCH} LIMIT ?)"
    return int(m.db.execute_sql(statement, [expression, cap]).fetchone()[0])


def fts_ranked(
    expression: str, take: int, title_weight: float, boosts: dict[int, float], id_bits: int
) -> list[tuple[int, None, float]]:
    """(rowid, None, score) of the best ``take`` matches by BM25, best (lowest) first.

    The title weighs ``title_weight`` times the body; a document whose rowid's high bits
    (above ``id_bits``) are a key of ``boosts`` has its score scaled by it (BM25 is
    negative: scaling up moves it ahead). Ranking reads the index alone: selecting
    client_id here would read the stored row of every match."""
    cases = " ".join(f"WHEN {bits:d} THEN {float(scale)!r}" for bits, scale in boosts.items())
    statement = (
        f"SELECT rowid, NULL, bm25({SEARCH_TABLE}, {float(title_weight)!r}, 1.0, 0.0) "
        f"* (CASE rowid >> {id_bits:d} {cases} ELSE 1.0 END) AS score "
        f"{_MATCH} ORDER BY score LIMIT ?"
    )
    return list(m.db.execute_sql(statement, [expression, take]))


def fts_newest(
    expression: str, take: int, between: tuple[int, int] | None = None
) -> list[tuple[int, None, float]]:
    """(rowid, None, 0.0) of matches by rowid, highest first (no ranking: free), those
    with a rowid ``between`` two bounds when given."""
    statement = f"SELECT rowid, NULL, 0.0 {_MATCH}"
    params: list[Any] = [expression]
    if between is not None:
        statement += " AND rowid BETWEEN ? AND ?"
        params += list(between)
    return list(m.db.execute_sql(statement + " ORDER BY rowid DESC LIMIT ?", [*params, take]))


# FTS5 keeps each document's columns in its content table, named after the index, as
# (id = rowid, c0 = title, c1 = body, c2 = client_id): FTS5's documented shadow table.
_CONTENT = f"{SEARCH_TABLE}_content"


def fts_matches_with_client(expression: str) -> list[tuple[int, Any]]:
    """(rowid, client_id as stored) of every match, in no particular order.

    Read from the content table in one statement, with the matches' rowids from the index:
    asked for ``client_id``, FTS5 reads each match's stored row with a statement of its
    own and returns every column of it, title and body too (about 8,000 instructions a
    match; this way 5,500, the same pairs: 49.1 -> 33.3 M instructions for the 1,000 to
    3,000 matches of six words of the big book)."""
    statement = f"SELECT id, c2 FROM {_CONTENT} WHERE id IN (SELECT rowid {_MATCH})"
    return list(m.db.execute_sql(statement, [expression]))


def fts_any(expression: str) -> bool:
    """Whether anything matches."""
    return m.db.execute_sql(f"SELECT 1 {_MATCH} LIMIT 1", [expression]).fetchone() is not None


def fts_texts(rowids: list[int]) -> list[tuple[int, str | None, str | None, Any]]:
    """(rowid, title, body, client_id) of these documents (a lookup each)."""
    statement = (
        f"SELECT rowid, title, body, client_id FROM {SEARCH_TABLE} "
        f"WHERE rowid IN ({_in_marks(len(rowids))})"
    )
    return list(m.db.execute_sql(statement, rowids))


def fts_terms(start: str, end: str, shortest: int, longest: int) -> list[str]:
    """Indexed words from ``start`` up to (not including) ``end``, of a length between.

    The vocabulary is FTS5's fts5vocab table, made per connection in TEMP (no disk)."""
    m.db.execute_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms "
        f"USING fts5vocab(main, {SEARCH_TABLE}, 'row')"
    )
    cursor = m.db.execute_sql(
        "SELECT term FROM temp.search_terms WHERE term >= ? AND term < ? "
        "AND length(term) BETWEEN ? AND ?",
        [start, end, shortest, longest],
    )
    return [row[0] for row in cursor]


# -- an import's staging (services/import_write.py) -------------------------------------------
# SQLite's TEMP schema (per connection, taking no lock on the book) and INSERT ... SELECT
# between it and main with ids shifted in SQL: peewee has no query for a TEMP copy of a
# table or for qualifying tables with their schema, and it would convert every value of
# up to 200,000 rows again (the import built them already converted).
_IMPORT_PREFIX = "rapport_import_"


def _stage_of(model: type[m.RecordModel]) -> str:
    return f"{_IMPORT_PREFIX}{model._meta.table_name}"


def _quoted(name: str) -> str:
    return f'"{name}"'


def stage_import(
    models: Sequence[type[m.RecordModel]],
    rows_of: Callable[[type[m.RecordModel]], Iterable[Sequence[Any]]],
    docs: Iterable[tuple[int, int, int, str, str]],
) -> None:
    """Fill TEMP tables shaped like ``models`` with ``rows_of(model)`` (every column, in
    order, ids counted from 1) and one of search documents (kind position, staged row id,
    staged client id, title, body), in a transaction of the TEMP database only."""
    cursor = m.db.cursor()
    begun = not m.db.in_transaction()
    if begun:
        cursor.execute("BEGIN DEFERRED")  # touches only the TEMP database
    try:
        for model in models:
            name, table = _stage_of(model), model._meta.table_name
            cursor.execute(f'CREATE TEMP TABLE "{name}" AS SELECT * FROM main."{table}" WHERE 0')
            width = len(model._meta.sorted_fields)
            cursor.executemany(
                f'INSERT INTO temp."{name}" VALUES ({_in_marks(width)})', rows_of(model)
            )
        cursor.execute(
            f'CREATE TEMP TABLE "{_IMPORT_PREFIX}doc" '
            "(kind INTEGER, stage_id INTEGER, client_stage INTEGER, title TEXT, body TEXT)"
        )
        cursor.executemany(f'INSERT INTO temp."{_IMPORT_PREFIX}doc" VALUES (?, ?, ?, ?, ?)', docs)
        cursor.execute(f'CREATE TEMP TABLE "{_IMPORT_PREFIX}skip" (id INTEGER PRIMARY KEY)')
        if begun:
            cursor.execute("COMMIT")
    except BaseException:
        if begun:
            cursor.execute("ROLLBACK")
        drop_import_stage(models)
        raise


def drop_import_stage(models: Sequence[type[m.RecordModel]]) -> None:
    """Drop an import's TEMP tables, where they are."""
    cursor = m.db.cursor()
    for name in (
        *(_stage_of(model) for model in models),
        "rapport_import_doc",
        "rapport_import_skip",
    ):
        cursor.execute(f'DROP TABLE IF EXISTS temp."{name}"')


def copy_import_stage(
    models: Sequence[type[m.RecordModel]],
    offsets: dict[type[m.RecordModel], int],
    skipped: list[int],
    docs: list[tuple[int, int]],
) -> None:
    """Move the staged rows into the book, each id plus its table's offset and each
    client id plus the clients' (models[0]'s), leaving out the clients ``skipped`` (staged
    ids) and their rows; then the documents of each searched kind, by kind position:
    ``docs`` holds its rowids' high bits and its table's offset (empty: no index)."""
    cursor = m.db.cursor()
    if skipped:
        cursor.executemany(
            f'INSERT INTO temp."{_IMPORT_PREFIX}skip" VALUES (?)', ((i,) for i in skipped)
        )
    client_offset = offsets[models[0]]
    for model in models:
        names = [f.column_name for f in model._meta.sorted_fields]
        picked = []
        for column in names:
            if column == "id":
                picked.append(f'"id" + {offsets[model]:d}')
            elif column == "client_id":
                picked.append(f'"client_id" + {client_offset:d}')
            else:
                picked.append(f'"{column}"')
        owner = "id" if model is models[0] else "client_id"
        cursor.execute(
            f'INSERT INTO main."{model._meta.table_name}" ({", ".join(map(_quoted, names))}) '
            f'SELECT {", ".join(picked)} FROM temp."{_stage_of(model)}" '
            f'WHERE "{owner}" NOT IN (SELECT id FROM temp."{_IMPORT_PREFIX}skip") ORDER BY "id"'
        )
    for position, (bits, offset) in enumerate(docs):
        cursor.execute(
            f'INSERT INTO main."{SEARCH_TABLE}" (rowid, title, body, client_id) '
            f"SELECT {bits:d} | (stage_id + {offset:d}), title, body, "
            f'client_stage + {client_offset:d} FROM temp."{_IMPORT_PREFIX}doc" '
            f"WHERE kind = {position:d} AND client_stage NOT IN "
            f'(SELECT id FROM temp."{_IMPORT_PREFIX}skip") ORDER BY stage_id'
        )
