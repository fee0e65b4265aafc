"""Reading many rows fast: a peewee query's rows as the driver gives them, dates
converted by the engine's parsers.

peewee converts every column of every row through its field objects, about 15 µs a row;
Today reads a few thousand rows on a big book and has 50 ms in all. Queries here are
still built with peewee (so they stay portable); only the row conversion is ours, and
the engine says how its driver gives dates back (``Engine.date_parsers``: SQLite's ISO
text goes straight to ``fromisoformat``; ``day`` and ``moment`` take any form).

Measured against peewee's own conversion (``query.tuples()``) on the big book, Today
called alternately one way and the other in one process, 60 calls each, three runs on a
loaded 2-core machine (the results are identical): p50 / p95 156 / 385 against
214 / 449 ms, 183 / 446 against 214 / 510 ms, 266 / 485 against 305 / 611 ms; peewee's
conversion costs Today 15 to 37 % at p50 against its 50 ms goal, so this stays.

``by_ids`` goes one step further for a read asked about a few ids (the brief's nine):
its SQL text is built by peewee once per count of ids, and only the ids change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from rapport.store import engine, sql
from rapport.store import models as m


def fetch(query: Any) -> list[tuple[Any, ...]]:
    """The rows of a peewee query as the driver returns them (no field conversion)."""
    return list(m.db.execute(query).fetchall())


# -- a query's SQL text built once -----------------------------------------------------------
# peewee builds a query's SQL from its tree at every execution: for the brief's nine reads
# of whole rows (every column named, aliases, a window, a CASE), half of the brief's CPU
# (5 of 10 ms on the big book), against 0.6 ms for SQLite to run them. A read whose text
# depends only on how many ids it asks about is built once per database kind and count.
_SHAPES: dict[tuple[Any, ...], tuple[str, list[Any], list[tuple[int, int]]] | None] = {}
_SENTINEL = -(10**15)  # ids no row has: where each id goes in the built parameters
FEW_IDS = 8  # texts kept for up to this many ids (one per count and key)


def by_ids(key: str, make: Callable[[list[int]], Any], ids: list[int]) -> Any:
    """``make(ids)``, a peewee query, ready to iterate as peewee would (models, joins,
    tuples), its SQL built once for ``key`` and this many ids on this kind of database.

    The text is built from ``make`` over stand-in ids; every other value of the query
    (a status, a limit) is kept from that build, so ``make`` must give the same ones
    at every call: only the ids may change. A query whose ids cannot be told apart in
    its parameters is built by peewee every time."""
    query, text, values = _built(key, make, ids)
    if text is None:
        return query
    query._cursor_wrapper = query._get_cursor_wrapper(m.db.execute_sql(text, values))
    return query


def by_ids_together(
    reads: Sequence[tuple[str, Callable[[list[int]], Any], list[int]]],
) -> list[Any]:
    """``by_ids`` of each (key, make, ids), in order, all sent the way the open book's
    engine sends several reads at once (``sql.read_together``): on a team book, one
    round trip to the server instead of one a read; a file runs them one by one."""
    built = [_built(key, make, ids) for key, make, ids in reads]
    statements: list[sql.Read] = []
    for query, text, values in built:
        if text is None:
            text, values = query.sql()
        statements.append((text, list(values)))
    for (query, _text, _values), found in zip(built, sql.read_together(statements), strict=True):
        query._cursor_wrapper = query._get_cursor_wrapper(_Fetched(found, _description(query)))
    return [query for query, _text, _values in built]


def _built(
    key: str, make: Callable[[list[int]], Any], ids: list[int]
) -> tuple[Any, str | None, list[Any]]:
    """``make(ids)`` with its SQL text and parameters when kept for its shape (else None,
    and the query is to run as peewee builds it)."""
    if len(ids) > FEW_IDS:  # a batch (the phone's cards): built as usual, texts not kept
        return make(ids), None, []
    database = m.db.obj
    shape = (type(database), database.param, database.quote, key, len(ids))
    if shape not in _SHAPES:
        stand_ins = [_SENTINEL - index for index in range(len(ids))]
        text, values = make(stand_ins).sql()
        places = [
            (place, _SENTINEL - value)
            for place, value in enumerate(values)
            if type(value) is int and _SENTINEL - len(ids) < value <= _SENTINEL
        ]
        whole = {index for _place, index in places} == set(range(len(ids)))
        _SHAPES[shape] = (text, list(values), places) if whole else None
    query = make(ids)
    kept = _SHAPES[shape]
    if kept is None:
        return query, None, []
    text, values, places = kept
    values = list(values)
    for place, index in places:
        values[place] = ids[index]
    return query, text, values


class _Fetched:
    """Rows already read, as the cursor peewee's result wrappers read them from: its
    ``description`` names each column as the driver would where peewee reads the name
    (an alias), the rest by their column."""

    def __init__(self, rows: list[tuple[Any, ...]], description: list[tuple[str]]) -> None:
        self._rows = iter(rows)
        self.description = description

    def fetchone(self) -> tuple[Any, ...] | None:
        return next(self._rows, None)

    def close(self) -> None:
        self._rows = iter(())


def _description(query: Any) -> list[tuple[str]]:
    names = []
    for node in query._returning:
        if node.is_alias():
            names.append((node._alias,))
        else:
            names.append((getattr(node.unwrap(), "column_name", "?"),))
    return names


def day(value: Any) -> date | None:
    if value is None:
        return None
    if type(value) is str:  # SQLite: 'YYYY-MM-DD' (the common case, checked first)
        return date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def moment(value: Any) -> datetime | None:
    if value is None:
        return None
    if type(value) is str:  # SQLite: 'YYYY-MM-DD HH:MM:SS[.ffffff]'
        return datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def month_day_text(value: Any) -> str | None:
    """'11-24' for a birthday, without building a date (a filter over thousands of rows)."""
    if value is None:
        return None
    if isinstance(value, date):
        return f"{value.month:02d}-{value.day:02d}"
    return str(value)[5:10]


def parsers() -> tuple[Any, Any]:
    """(day, moment) converters for non-None values, the fastest this database allows.

    SQLite gives ISO text, which the C-level ``fromisoformat`` parses directly (3x faster
    than going through ``day``/``moment`` on thousands of rows); elsewhere, the generic ones.
    """
    return engine.current().date_parsers()
