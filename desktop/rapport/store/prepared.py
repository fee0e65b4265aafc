"""Single-row writes with their SQL written once, for the hot path of a quick-capture save.

A save is timed (issue 9: p95 ≤ 10 ms on a book of 5,000 clients) and inserts a handful
of rows; peewee builds every INSERT from its query tree again, which cost several times
what SQLite takes to run it. ``insert`` writes exactly what ``model.create(**values)``
would write (the model's defaults filled in, every value converted by its field's
``db_value``) with one statement text kept per model and set of columns, and returns the
row's data as the created instance's ``__data__`` would hold it. ``update`` sets some
columns of one row the same way.

Only SQLite gets the written-once SQL (``?`` parameters, ``lastrowid``); any other
database (``RAPPORT_DATABASE_URL``) goes through peewee as before. ``sql`` adapts a
constant read written with ``?`` to the database's parameter style.
"""

from __future__ import annotations

from typing import Any

import peewee

from rapport.store import models as m
from rapport.store import sql as statements

Data = dict[str, Any]

_insert_sql: dict[tuple[type[m.BaseModel], tuple[str, ...]], str] = {}
_update_sql: dict[tuple[type[m.BaseModel], tuple[str, ...]], str] = {}


def _column(model: type[m.BaseModel], name: str) -> str:
    return f'"{model._meta.fields[name].column_name}"'


def sql(text: str) -> str:
    """A statement written with ``?`` parameters, in the open database's style."""
    return statements.param(m.db, text)


def insert(model: type[m.BaseModel], values: Data) -> Data:
    """Insert one row as ``model.create(**values)`` does; its data (field names), with id."""
    if not _has_lastrowid():
        return dict(model.create(**values).__data__)
    data = model._meta.get_default_dict()
    data.update(values)
    names = tuple(data)
    key = (model, names)
    sql = _insert_sql.get(key)
    if sql is None:
        columns = ", ".join(_column(model, name) for name in names)
        marks = ", ".join("?" * len(names))
        sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
        _insert_sql[key] = sql
    fields = model._meta.fields
    cursor = m.db.execute_sql(sql, [fields[name].db_value(data[name]) for name in names])
    data["id"] = cursor.lastrowid
    return data


def update(model: type[m.BaseModel], row_id: int, values: Data) -> None:
    """Set ``values`` (field names) on the row ``row_id``, converted as peewee would."""
    if not _has_lastrowid():
        model.update(**values).where(model._meta.primary_key == row_id).execute()
        return
    names = tuple(values)
    key = (model, names)
    sql = _update_sql.get(key)
    if sql is None:
        sets = ", ".join(f"{_column(model, name)} = ?" for name in names)
        sql = f'UPDATE "{model._meta.table_name}" SET {sets} WHERE "id" = ?'
        _update_sql[key] = sql
    fields = model._meta.fields
    m.db.execute_sql(sql, [*(fields[name].db_value(values[name]) for name in names), row_id])


def _has_lastrowid() -> bool:
    """The driver's ``cursor.lastrowid`` is the new row's id (sqlite3 and its kin)."""
    return isinstance(m.db.obj, peewee.SqliteDatabase)
