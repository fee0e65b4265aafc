"""The complete JSON export: every table of the book, versioned, and read back strictly.

The file is one JSON object::

    {"format": "rapport", "version": 1, "schema_version": 1, "app_version": "0.1.0",
     "exported_at": "2026-11-18T09:30:00",
     "tables": {"client": [{"id": 1, "name": "Bob Smith", ...}, ...], "person": [...], ...}}

One row per line, keys in column order, rows in id order: two exports of the same book
differ only in ``exported_at``, and a diff of two exports reads like a diff of the book.
Dates are ``YYYY-MM-DD``, moments ``YYYY-MM-DDTHH:MM:SS`` in local time; lists and JSON
columns are JSON values. The search index is not exported: it is rebuilt on import.

``load`` checks the whole document against the book's schema (given by the caller, so
this module knows no database) before anything is written: known tables and columns,
value types, unique ids, and every reference pointing at a row of the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from rapport.exchange.common import ExchangeError

FORMAT = "rapport"
VERSION = 1
# A pasted e-mail in a conversation can be long; a field of a megabyte is not a note.
MAX_TEXT_CHARS = 1024 * 1024
KINDS = ("id", "key", "fk", "int", "bool", "text", "date", "datetime", "list", "json")


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    name: str
    kind: str
    nullable: bool = False
    # Must the file carry it? (False when the database has a default or derives it.)
    required: bool = True
    references: str | None = None


TableSpec = dict[str, ColumnSpec]
Schema = dict[str, TableSpec]


@dataclass(slots=True)
class Document:
    header: dict[str, Any]
    # table -> rows of decoded Python values (date, datetime, list...)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return len(self.tables.get(table, []))


def encode_value(kind: str, value: Any) -> Any:
    """A database value as it goes into the file."""
    if value is None:
        return None
    if kind == "datetime" and isinstance(value, datetime):
        return value.isoformat()
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    if kind == "bool":
        return bool(value)
    return value


def dump(header: Mapping[str, Any], tables: Mapping[str, list[dict[str, Any]]]) -> str:
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('"tables": {')
    names = list(tables)
    for position, name in enumerate(names):
        rows = tables[name]
        lines.append(f"{json.dumps(name)}: [")
        body = [_row_text(row) for row in rows]
        lines.extend(f"{text}," for text in body[:-1])
        lines.extend(body[-1:])
        lines.append("]," if position < len(names) - 1 else "]")
    lines.append("}}")
    return "\n".join(lines) + "\n"


def _row_text(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(", ", ": "))


def looks_like_export(text: str) -> bool:
    return text.lstrip()[:1] == "{" and '"format"' in text[:2048]


def load(text: str, schema: Schema) -> Document:
    """The validated document; ExchangeError (with where and why) on the first problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "it may be cut short"
        ) from None
    except RecursionError:
        raise ExchangeError("the JSON is nested too deeply to be a Rapport export") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError('this JSON file is not a Rapport export (no "format": "rapport")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeError("the export has no valid format version")
    if version > VERSION:
        raise ExchangeError(
            f"this export was made by a newer Rapport (export format {version}; this version "
            f"reads up to {VERSION}); update Rapport to import it"
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise ExchangeError('the export has no "tables" object')
    unknown = sorted(set(tables) - set(schema))
    if unknown:
        raise ExchangeError(f"the export has a table this Rapport does not know: {unknown[0]!r}")
    header = {key: value for key, value in data.items() if key != "tables"}
    document = Document(header)
    keys: dict[str, set[Any]] = {}
    for table, spec in schema.items():
        rows = tables.get(table, [])
        if not isinstance(rows, list):
            raise ExchangeError(f"table {table!r} is not a list of rows")
        document.tables[table] = _rows(table, spec, rows, keys.setdefault(table, set()))
    _check_references(document, schema, keys)
    return document


def _rows(table: str, spec: TableSpec, rows: list[Any], seen: set[Any]) -> list[dict[str, Any]]:
    primary = next((c for c in spec.values() if c.kind in ("id", "key")), None)
    decoded: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        where = f"table {table!r}, row {number}"
        if not isinstance(row, dict):
            raise ExchangeError(f"{where} is not an object")
        extra = sorted(set(row) - set(spec))
        if extra:
            raise ExchangeError(f"{where} has a column this Rapport does not know: {extra[0]!r}")
        out: dict[str, Any] = {}
        for name, column in spec.items():
            if name not in row:
                if column.required:
                    raise ExchangeError(f"{where} has no {name!r}")
                continue
            out[name] = _decode(column, row[name], where)
        if primary is not None:
            key = out.get(primary.name)
            if key in seen:
                raise ExchangeError(f"{where}: {primary.name} {key!r} appears twice")
            seen.add(key)
        decoded.append(out)
    return decoded


def _decode(column: ColumnSpec, value: Any, where: str) -> Any:
    where = f"{where}, column {column.name!r}"
    if value is None:
        if column.nullable:
            return None
        raise ExchangeError(f"{where} cannot be empty (null)")
    kind = column.kind
    if kind in ("id", "fk", "int"):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ExchangeError(f"{where} must be a whole number")
        if not -(2**63) <= value < 2**63 or (kind != "int" and value <= 0):
            raise ExchangeError(f"{where} is out of range")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise ExchangeError(f"{where} must be true or false")
        return value
    if kind in ("text", "key"):
        if not isinstance(value, str):
            raise ExchangeError(f"{where} must be text")
        if len(value) > MAX_TEXT_CHARS:
            raise ExchangeError(f"{where} is longer than {MAX_TEXT_CHARS // 1024} K characters")
        if "\x00" in value:
            raise ExchangeError(f"{where} contains a NUL character")
        return value
    if kind == "date":
        if not isinstance(value, str):
            raise ExchangeError(f"{where} must be a date like 2026-11-18")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ExchangeError(f"{where}: {value[:40]!r} is not a real date") from None
    if kind == "datetime":
        if not isinstance(value, str):
            raise ExchangeError(f"{where} must be a time like 2026-11-18T09:30:00")
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ExchangeError(f"{where}: {value[:40]!r} is not a real time") from None
        if moment.tzinfo is not None:
            raise ExchangeError(f"{where}: times are local, without a time zone")
        return moment
    if kind == "list":
        if not isinstance(value, list):
            raise ExchangeError(f"{where} must be a list")
        if any(isinstance(item, str) and len(item) > MAX_TEXT_CHARS for item in value):
            raise ExchangeError(f"{where} holds an item that is too long")
        return value
    if len(json.dumps(value)) > MAX_TEXT_CHARS:
        raise ExchangeError(f"{where} is too large")
    return value


def _check_references(document: Document, schema: Schema, keys: dict[str, set[Any]]) -> None:
    for table, spec in schema.items():
        refs = [c for c in spec.values() if c.kind == "fk" and c.references]
        for number, row in enumerate(document.tables.get(table, []), start=1):
            for column in refs:
                value = row.get(column.name)
                if value is not None and value not in keys.get(column.references or "", ()):
                    raise ExchangeError(
                        f"table {table!r}, row {number}: {column.name} points at "
                        f"{column.references} {value}, which is not in the file"
                    )
