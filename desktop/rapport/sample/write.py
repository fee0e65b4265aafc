"""Writing a generated book fast: precomputed ids, ``insert_many`` batches, bulk indexing.

Rows are plain dicts keyed by field name. Ids are handed out up front (one past the
largest id already in each table, read inside the load's transaction, which holds the
write lock) so that rows can point at each other before anything is written. ``flush``
writes what is pending, parents before children, and indexes the new rows with the same
document text as the row-at-a-time services (``indexing.index_rows``).

The writer opens no transaction of its own: the caller wraps the whole load in one.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from peewee import fn

from rapport.services import indexing
from rapport.services.interactions import CONTACT_KINDS, refresh_last_contact
from rapport.store import models as m

# Parents before children, so every foreign key points at a row already written.
ORDER = m.BOOK_MODELS
# Rows per executemany call: bounds the memory of one call, not a database limit.
_ROWS_PER_CALL = 5_000


class Cancelled(Exception):
    """Raised inside the load's transaction when the user cancels, so it rolls back."""


class BookWriter:
    """Collects new rows and writes them in bulk; counts what it wrote."""

    def __init__(self, now: datetime) -> None:
        self._now = now
        self._next = {model: _max_id(model) + 1 for model in ORDER}
        self._rows: dict[type[m.RecordModel], list[dict[str, Any]]] = {model: [] for model in ORDER}
        self._columns = {model: _columns(model, now) for model in ORDER}
        self._last_contact: dict[int, datetime] = {}
        self.counts: Counter[type[m.RecordModel]] = Counter()

    def new_id(self, model: type[m.RecordModel]) -> int:
        """Reserve an id now (for rows that must be pointed at before they are added)."""
        new = self._next[model]
        self._next[model] = new + 1
        return new

    def add(self, model: type[m.RecordModel], **fields: Any) -> int:
        """Queue one row and return its id; fields by name (``client``, not ``client_id``)."""
        if "id" not in fields:
            fields["id"] = self.new_id(model)
        if model is m.Interaction and fields["kind"] in CONTACT_KINDS:
            client_id = fields["client"]
            latest = self._last_contact.get(client_id)
            if latest is None or fields["happened_at"] > latest:
                self._last_contact[client_id] = fields["happened_at"]
        self._rows[model].append(fields)
        return int(fields["id"])

    @property
    def pending(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

    def flush(self) -> None:
        """Write everything pending, then index it."""
        clients = {row["id"]: row for row in self._rows[m.Client]}
        # The services' rule (interactions.refresh_last_contact), applied before the insert.
        late: list[int] = []
        for client_id, latest in self._last_contact.items():
            row = clients.get(client_id)
            if row is not None:
                row["last_contact_at"] = latest
            else:
                late.append(client_id)
        self._last_contact.clear()
        for model in ORDER:
            rows = self._rows[model]
            if not rows:
                continue
            _insert(model, rows, *self._columns[model])
            indexing.index_rows(model, rows)
            self.counts[model] += len(rows)
            self._rows[model] = []
        # A conversation added for a client written by an earlier flush.
        for client_id in late:
            refresh_last_contact(client_id)


def _insert(
    model: type[m.RecordModel],
    rows: list[dict[str, Any]],
    names: list[str],
    fields: list[Any],
    defaults: list[Callable[[], Any]],
) -> None:
    """A bulk insert: one prepared statement, executed for many rows.

    peewee writes the statement (so it stays portable) but building ``insert_many``'s
    per-value SQL nodes costs several times more than SQLite's own work at 100,000 rows;
    the values go through each field's ``db_value`` exactly as peewee would convert them.
    """
    placeholders = [None] * len(fields)
    sql, params = model.insert_many([placeholders], fields=fields).sql()
    if len(params) != len(fields):  # every value must be a bound parameter
        raise RuntimeError(f"unexpected insert statement for {model.__name__}: {sql}")
    convert = [field.db_value for field in fields]
    values = [
        tuple(
            to_db(row[name] if name in row else make())
            for name, make, to_db in zip(names, defaults, convert, strict=True)
        )
        for row in rows
    ]
    cursor = m.db.cursor()
    for start in range(0, len(values), _ROWS_PER_CALL):
        cursor.executemany(sql, values[start : start + _ROWS_PER_CALL])


def _max_id(model: type[m.RecordModel]) -> int:
    return int(model.select(fn.MAX(model._meta.primary_key)).scalar() or 0)


def _same(value: Any) -> Any:
    return value


def _columns(
    model: type[m.RecordModel], now: datetime
) -> tuple[list[str], list[Any], list[Callable[[], Any]]]:
    """Field names, fields and a default maker per column, in the model's order."""
    names: list[str] = []
    fields: list[Any] = []
    defaults: list[Callable[[], Any]] = []
    for fld in model._meta.sorted_fields:
        names.append(fld.name)
        fields.append(fld)
        default = fld.default
        if default is datetime.now:
            # Timestamps follow RAPPORT_TODAY like everything else the demo writes.
            defaults.append(functools.partial(_same, now))
        elif callable(default):
            defaults.append(default)
        else:
            defaults.append(functools.partial(_same, default))
    return names, fields, defaults
