"""The book as tables of plain values, and back: what the JSON export and import stand on.

``schema()`` describes every exported table from the peewee models, so the JSON module
can validate a file without knowing the database. ``dump_tables()`` reads every row in id
order. ``insert_document()`` writes a validated document inside the caller's transaction:
into an empty book with the file's own ids (so export -> import -> export is identical),
or into a book that has data, with new ids and every reference translated.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import peewee

from rapport.core import records as r
from rapport.core.followup import MAX_CADENCE_DAYS
from rapport.core.names import fold
from rapport.core.postal import from_parts, parse_address, problem
from rapport.exchange.json_io import (
    MAX_YEAR,
    MIN_YEAR,
    ColumnSpec,
    Document,
    RowCheck,
    Schema,
    encode_value,
)
from rapport.store import models as m
from rapport.store.migrations import ADDRESS_PARTS
from rapport.store.models import JSONField, ListField

# Parents before children, so every reference points at a row already written.
TABLES: tuple[type[m.BaseModel], ...] = (
    m.Client,
    m.Person,
    m.Interaction,
    m.Fact,
    m.Introduction,
    m.Inbound,
    m.Task,
    m.Gift,
    m.ImportantDate,
    m.Card,
    m.Setting,
    m.Draft,
)
# Columns computed from others: exported for completeness, recomputed on import.
DERIVED = {("client", "name_key")}
# Columns of the book they were written in, not of its export: a capture's outbox key
# (services/outbox.py) says "saved here once"; copied, the same notes imported twice
# would collide on it.
NOT_EXPORTED = {("interaction", "capture_key")}
# What owns a row: rows of a client that matched one already in the book stay out.
OWNER_COLUMN = {"introduction": "lead_id"}
# What an imported value may be, beyond its type (the forms' own rules): a whole
# number's bounds, or the words a text column holds.
BOUNDS: dict[tuple[str, str], tuple[int, int]] = {
    ("client", "cadence_days"): (1, MAX_CADENCE_DAYS),
    ("person", "age"): (0, 130),
    ("important_date", "month"): (1, 12),
    ("important_date", "day"): (1, 31),
    ("important_date", "year"): (MIN_YEAR, MAX_YEAR),
    ("gift", "cost_cents"): (0, 10**12),
}
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("task", "status"): ("open", "done"),
    ("task", "kind"): r.TASK_KINDS,
    ("interaction", "kind"): r.INTERACTION_KINDS,
    ("inbound", "channel"): r.INBOUND_CHANNELS,
    ("gift", "status"): r.GIFT_STATUSES,
}


def _real_yearly_date(row: dict[str, Any]) -> str | None:
    """A yearly date must be a day of the calendar (29 February is, in a leap year)."""
    try:
        date(row["year"] or 2000, row["month"], row["day"])
    except ValueError:
        return f"{row['month']}/{row['day']} is not a real date"
    return None


def _postal_parts(row: dict[str, Any]) -> str | None:
    """A postal address's parts held to the forms' bounds (core/postal.problem)."""
    return problem(from_parts(*(row.get(name) or "" for name in ADDRESS_PARTS)))


def _work_contacts(row: dict[str, Any]) -> str | None:
    """A client's work contacts are a list of {"name": text, "role": text}."""
    value = row.get("contacts", [])
    if not isinstance(value, list) or not all(
        isinstance(c, dict)
        and set(c) <= {"name", "role"}
        and isinstance(c.get("name"), str)
        and isinstance(c.get("role", ""), str)
        for c in value
    ):
        return 'contacts must be a list of {"name": text, "role": text}'
    return None


def _client_row(row: dict[str, Any]) -> str | None:
    return _postal_parts(row) or _work_contacts(row)


ROW_CHECKS: dict[str, RowCheck] = {
    "important_date": _real_yearly_date,
    "client": _client_row,
    "person": _postal_parts,
}


def table_name(model: type[m.BaseModel]) -> str:
    return str(model._meta.table_name)


def _kind(field: peewee.Field) -> str:
    if isinstance(field, peewee.AutoField):
        return "id"
    if isinstance(field, peewee.ForeignKeyField):
        return "fk"
    if isinstance(field, peewee.BooleanField):
        return "bool"
    if isinstance(field, peewee.DateTimeField):
        return "datetime"
    if isinstance(field, peewee.DateField):
        return "date"
    if isinstance(field, ListField):
        return "list"
    if isinstance(field, JSONField):
        return "json"
    if isinstance(field, peewee.TextField):
        return "key" if field.primary_key else "text"
    if isinstance(field, peewee.IntegerField):
        return "int"
    raise TypeError(f"no export kind for {type(field).__name__}")


def schema() -> Schema:
    result: Schema = {}
    for model in TABLES:
        table = table_name(model)
        spec: dict[str, ColumnSpec] = {}
        for field in _exported(model):
            has_default = field.default is not None or field.null
            references = None
            if isinstance(field, peewee.ForeignKeyField):
                references = table_name(field.rel_model)
            spec[field.column_name] = ColumnSpec(
                name=field.column_name,
                kind=_kind(field),
                nullable=bool(field.null),
                required=not has_default
                and (table, field.column_name) not in DERIVED
                and not isinstance(field, peewee.AutoField),
                references=references,
                low=BOUNDS.get((table, field.column_name), (None, None))[0],
                high=BOUNDS.get((table, field.column_name), (None, None))[1],
                choices=CHOICES.get((table, field.column_name)),
            )
        result[table] = spec
    return result


def dump_tables(database: peewee.Database | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every row of every exported table, values ready for JSON, in primary-key order
    (of the open book, or of ``database``: a book read beside it, store/db.py
    ``book_beside``)."""
    spec = schema()
    tables: dict[str, list[dict[str, Any]]] = {}
    for model in TABLES:
        table = table_name(model)
        columns = list(spec[table].values())
        fields = _exported(model)
        query = model.select(*fields).order_by(model._meta.primary_key).tuples()
        rows = query.iterator(database)
        tables[table] = [
            {c.name: encode_value(c.kind, v) for c, v in zip(columns, row, strict=True)}
            for row in rows
        ]
    return tables


def _exported(model: type[m.BaseModel]) -> list[peewee.Field]:
    table = table_name(model)
    return [f for f in model._meta.sorted_fields if (table, f.column_name) not in NOT_EXPORTED]


def _field_by_column(model: type[m.BaseModel]) -> dict[str, peewee.Field]:
    return {f.column_name: f for f in _exported(model)}


def _address_in_parts(values: dict[str, Any]) -> None:
    """A client row of an export from before addresses had parts (schema 5 and older):
    its free-text address read into the parts, as the migration does."""
    text = values.get("address") or ""
    if not text:
        return
    values["address"] = ""
    parts = [values.get(name) or "" for name in ADDRESS_PARTS]
    if any(parts):
        values["address_lines"] = "\n".join(line for line in (parts[0], text.strip()) if line)
        return
    parsed = parse_address(text)
    values["address_lines"] = "\n".join(parsed.lines)
    values["city"], values["region"] = parsed.city, parsed.region
    values["postcode"], values["country"] = parsed.postcode, parsed.country


def insert_document(
    document: Document,
    keep_ids: bool,
    skip_clients: dict[int, int | None] | None = None,
    tick: Callable[[int], None] | None = None,
    keep_unowned: bool = False,
) -> dict[str, int]:
    """Write the document's rows; call inside a transaction. Returns rows written per table.

    ``keep_ids``: the book is empty and the file's ids are kept. Otherwise every row gets a
    new id. ``skip_clients`` maps a file's client id to the book's client that it matched:
    that client's own rows (people, history...) are left out, while references to it from
    written rows (who referred whom) point at the book's client (None: the client stays
    out and references to it are cleared). ``keep_unowned``: rows of no client (tasks)
    come in too (``rapport team import-book``; a merge of a file leaves them out).
    """
    skip_clients = skip_clients or {}
    remap: dict[str, dict[Any, Any]] = {table_name(model): {} for model in TABLES}
    remap["client"].update({k: v for k, v in skip_clients.items() if v is not None})
    written: dict[str, int] = {}
    spec = schema()
    # (model, field name, row id, the file's id it pointed at): links within one table
    # (a client referred by a later client) are set once every row exists.
    deferred: list[tuple[type[m.BaseModel], str, Any, Any]] = []
    for model in TABLES:
        table = table_name(model)
        if not keep_ids and model in (m.Setting, m.Draft):
            continue  # the book's own settings and drafts win over the file's
        fields = _field_by_column(model)
        key = model._meta.primary_key
        assert key, "every table of the book has a primary key"
        primary = key.column_name
        auto_id = isinstance(key, peewee.AutoField)
        batch: list[dict[str, Any]] = []
        count = 0
        for row in document.tables.get(table, []):
            values = dict(row)
            if table == "client":
                values["name_key"] = fold(values["name"])
                _address_in_parts(values)
            if not keep_ids and not _belongs_to_new_client(
                table, values, skip_clients, keep_unowned
            ):
                continue
            later: list[tuple[str, Any]] = []
            keep = True
            for column, value in list(values.items()):
                target = spec[table][column]
                if target.kind != "fk" or value is None:
                    continue
                ref_table = target.references or ""
                if ref_table == table:
                    later.append((column, value))
                    values[column] = None
                elif keep_ids:
                    pass  # the referenced row keeps its id too
                elif value in remap[ref_table]:
                    values[column] = remap[ref_table][value]
                elif target.nullable:
                    values[column] = None  # it pointed at a row that stays out
                else:
                    keep = False
                    break
            if not keep:
                continue
            old_id = values.get(primary)
            data = {fields[column].name: value for column, value in values.items()}
            if keep_ids:
                batch.append(data)
                if len(batch) >= 200:
                    model.insert_many(batch).execute()
                    batch = []
                new_id = old_id
            else:
                if auto_id:
                    data.pop(fields[primary].name, None)
                new_id = model.insert(**data).execute()
            if auto_id:
                remap[table][old_id] = new_id
            deferred.extend((model, fields[c].name, new_id, v) for c, v in later)
            count += 1
            if tick is not None:
                tick(1)
        if batch:
            model.insert_many(batch).execute()
        written[table] = count
    for model, name, row_id, old_ref in deferred:
        target_id = remap[table_name(model)].get(old_ref)
        if target_id is not None:
            key = model._meta.primary_key
            model.update({getattr(model, name): target_id}).where(key == row_id).execute()
    return written


def _belongs_to_new_client(
    table: str, values: dict[str, Any], matched: dict[int, int | None], keep_unowned: bool
) -> bool:
    """In a merge, a row comes in only with a client that is new to the book."""
    if table == "client":
        return values["id"] not in matched
    owner = values.get(OWNER_COLUMN.get(table, "client_id"))
    if owner is None:
        # A task of no client is tied to no one new: left out of a merge, unless asked.
        return keep_unowned
    return owner not in matched


def row_count() -> int:
    return sum(model.select().count() for model in TABLES)
