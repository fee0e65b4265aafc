"""Reading many rows fast: a query's plain tuples, with dates converted by hand.

peewee converts every column of every row through its field objects, about 15 µs a row;
Today reads a few thousand rows on a big book and has 50 ms in all. Queries here are
still built with peewee (so they stay portable); only the row conversion is ours.
SQLite hands back text for dates and PostgreSQL hands back ``date``/``datetime``
objects: both are accepted.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rapport.store import engine
from rapport.store import models as m


def fetch(query: Any) -> list[tuple[Any, ...]]:
    """The rows of a peewee query as the driver returns them (no field conversion)."""
    return list(m.db.execute(query).fetchall())


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
