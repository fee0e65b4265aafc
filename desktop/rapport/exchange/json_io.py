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
value types and ranges (a whole number within its column's bounds, a text among its
column's words, a date between ``MIN_YEAR`` and ``MAX_YEAR``, a list of texts), unique ids,
every reference pointing at a row of the file, and the caller's checks of whole rows
(a yearly date's month and day). Every problem is listed with where it is (up to
``MAX_ERRORS``), and nothing is written. Control characters in texts are removed
(core/control_chars.py), as at every entry point.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeGuard

from rapport.core.control_chars import clean, clean_value
from rapport.exchange.common import ExchangeError

FORMAT = "rapport"
VERSION = 1
# A pasted e-mail in a conversation can be long; a field of a megabyte is not a note.
MAX_TEXT_CHARS = 1024 * 1024
KINDS = ("id", "key", "fk", "int", "bool", "text", "date", "datetime", "list", "json")
# Dates and times of a book: births a century back, promises and plans a century on.
MIN_YEAR = 1800
MAX_YEAR = 2200
# Problems listed at most; a file with more is broken as a whole.
MAX_ERRORS = 20


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    name: str
    kind: str
    nullable: bool = False
    # Must the file carry it? (False when the database has a default or derives it.)
    required: bool = True
    references: str | None = None
    # Bounds of a whole number, both included; the words a text may be.
    low: int | None = None
    high: int | None = None
    choices: tuple[str, ...] | None = None


TableSpec = dict[str, ColumnSpec]
Schema = dict[str, TableSpec]
# A check of a whole decoded row: why it cannot be imported, or None.
RowCheck = Callable[[dict[str, Any]], str | None]


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


def load(
    text: str,
    schema: Schema,
    schema_version: int | None = None,
    row_checks: Mapping[str, RowCheck] | None = None,
) -> Document:
    """The validated document; ExchangeError listing every problem (where and why).

    ``schema_version``: the book's; an export of a newer schema is refused (a document
    that does not say is read as the book's own).
    ``row_checks``: per table, a check of each whole decoded row.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "it may be cut short"
        ) from None
    except RecursionError:
        raise ExchangeError("the JSON is nested too deeply to be a Rapport export") from None
    except ValueError as exc:
        # Python refuses to read an integer of more than 4,300 digits (CVE-2020-10735).
        raise ExchangeError(f"the file holds a value that cannot be read ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError('this JSON file is not a Rapport export (no "format": "rapport")')
    version = data.get("version")
    if not _whole(version) or version < 1:
        raise ExchangeError("the export has no valid format version")
    if version > VERSION:
        raise ExchangeError(
            f"this export was made by a newer Rapport (export format {version}; this version "
            f"reads up to {VERSION}); update Rapport to import it"
        )
    found = data.get("schema_version")
    if schema_version is not None and found is not None:
        if not _whole(found) or found < 1:
            raise ExchangeError("the export has no valid schema_version")
        if found > schema_version:
            raise ExchangeError(
                f"this export was made by a newer Rapport (database schema {found}; this "
                f"version knows up to {schema_version}); update Rapport to import it"
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
    errors: list[str] = []
    for table, spec in schema.items():
        rows = tables.get(table, [])
        if not isinstance(rows, list):
            errors.append(f"table {table!r} is not a list of rows")
            continue
        check = (row_checks or {}).get(table)
        document.tables[table] = _rows(
            table, spec, rows, keys.setdefault(table, set()), check, errors
        )
        if len(errors) > MAX_ERRORS:
            break
    if not errors:
        _check_references(document, schema, keys, errors)
    if errors:
        raise ExchangeError(_listed(errors))
    return document


def _listed(errors: list[str]) -> str:
    if len(errors) == 1:
        return errors[0]
    shown = errors[:MAX_ERRORS]
    more = len(errors) - len(shown)
    text = f"the export has {len(errors) if not more else 'over ' + str(MAX_ERRORS)} problems:"
    return text + "".join(f"\n  - {error}" for error in shown) + ("\n  - ..." if more else "")


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _rows(
    table: str,
    spec: TableSpec,
    rows: list[Any],
    seen: set[Any],
    check: RowCheck | None,
    errors: list[str],
) -> list[dict[str, Any]]:
    primary = next((c for c in spec.values() if c.kind in ("id", "key")), None)
    decoded: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        if len(errors) > MAX_ERRORS:
            break
        where = f"table {table!r}, row {number}"
        if not isinstance(row, dict):
            errors.append(f"{where} is not an object")
            continue
        extra = sorted(set(row) - set(spec))
        if extra:
            errors.append(f"{where} has a column this Rapport does not know: {extra[0]!r}")
            continue
        out: dict[str, Any] = {}
        good = True
        for name, column in spec.items():
            if name not in row:
                if column.required:
                    errors.append(f"{where} has no {name!r}")
                    good = False
                continue
            try:
                out[name] = _decode(column, row[name], where)
            except ExchangeError as exc:
                errors.append(str(exc))
                good = False
        if not good:
            continue
        if check is not None:
            problem = check(out)
            if problem is not None:
                errors.append(f"{where}: {problem}")
                continue
        if primary is not None:
            key = out.get(primary.name)
            if key in seen:
                errors.append(f"{where}: {primary.name} {key!r} appears twice")
                continue
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
        if not _whole(value):
            raise ExchangeError(f"{where} must be a whole number")
        low = column.low if column.low is not None else (-(2**63) if kind == "int" else 1)
        high = column.high if column.high is not None else 2**63 - 1
        if not low <= value <= high:
            shown = str(value) if len(str(value)) <= 20 else f"a number of {len(str(value))} digits"
            raise ExchangeError(f"{where}: {shown} is out of range ({low} to {high})")
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
        value = clean(value)
        if column.choices is not None and value not in column.choices:
            raise ExchangeError(
                f"{where}: {value[:40]!r} is not one of {', '.join(column.choices)}"
            )
        return value
    if kind == "date":
        if not isinstance(value, str):
            raise ExchangeError(f"{where} must be a date like 2026-11-18")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ExchangeError(f"{where}: {value[:40]!r} is not a real date") from None
        _check_year(day.year, where)
        return day
    if kind == "datetime":
        if not isinstance(value, str):
            raise ExchangeError(f"{where} must be a time like 2026-11-18T09:30:00")
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ExchangeError(f"{where}: {value[:40]!r} is not a real time") from None
        if moment.tzinfo is not None:
            raise ExchangeError(f"{where}: times are local, without a time zone")
        _check_year(moment.year, where)
        return moment
    if kind == "list":
        if not isinstance(value, list):
            raise ExchangeError(f"{where} must be a list")
        if not all(isinstance(item, str) for item in value):
            raise ExchangeError(f"{where} must be a list of texts")
        if any(len(item) > MAX_TEXT_CHARS for item in value):
            raise ExchangeError(f"{where} holds an item that is too long")
        return [clean(item) for item in value]
    try:
        size = len(json.dumps(value))
    except ValueError as exc:
        raise ExchangeError(f"{where} cannot be read ({exc})") from None
    if size > MAX_TEXT_CHARS:
        raise ExchangeError(f"{where} is too large")
    return clean_value(value)


def _check_year(year: int, where: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ExchangeError(f"{where}: the year {year} is not between {MIN_YEAR} and {MAX_YEAR}")


def _check_references(
    document: Document, schema: Schema, keys: dict[str, set[Any]], errors: list[str]
) -> None:
    for table, spec in schema.items():
        refs = [c for c in spec.values() if c.kind == "fk" and c.references]
        for number, row in enumerate(document.tables.get(table, []), start=1):
            for column in refs:
                value = row.get(column.name)
                if value is not None and value not in keys.get(column.references or "", ()):
                    errors.append(
                        f"table {table!r}, row {number}: {column.name} points at "
                        f"{column.references} {value}, which is not in the file"
                    )
                    if len(errors) > MAX_ERRORS:
                        return
