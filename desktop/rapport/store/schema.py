"""The shape of a book's schema, and how it differs from the one Rapport makes.

A backup offered for restore, and the book ``rapport check`` looks at, must have the
schema that the migrations make: the same tables with the same columns, links and
indexes, the same search index, and nothing else (no trigger, no view). A trigger
that deletes every client at the next capture, or a view where a table should be,
passes SQLite's integrity check; comparing the whole schema finds it.

The reference is made by creating the current schema in an in-memory database, so it
follows the models without a copy to keep up to date. Tables are compared by what
matters to reading and writing them (column names, types, NOT NULL, defaults, primary
keys, foreign keys, indexed column lists), not by their SQL text, so that a book that
climbed the migration ladder (columns added at the end, indexes named by the migrator)
matches a book created at the current version.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache

import peewee

from rapport.store import search
from rapport.store.models import MODELS

# SQLite's own objects (sqlite_sequence, sqlite_stat1 after ANALYZE), not the schema's.
_INTERNAL = "sqlite_"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    not_null: bool
    default: str | None
    primary_key: int


@dataclass(frozen=True, slots=True)
class Index:
    columns: tuple[str | None, ...]  # None for an expression
    unique: bool
    partial: bool


@dataclass(frozen=True, slots=True)
class Link:
    column: str
    table: str
    to: str | None
    on_update: str
    on_delete: str


@dataclass(frozen=True, slots=True)
class Table:
    columns: frozenset[Column]
    links: frozenset[Link]
    indexes: frozenset[Index]
    virtual: str | None  # a virtual table's module and arguments, normalized


@dataclass(frozen=True, slots=True)
class Shape:
    """A database's schema, as compared: every object by name and kind."""

    kinds: tuple[tuple[str, str], ...]  # (name, "table" | "view" | "trigger" | "index")
    tables: tuple[tuple[str, Table], ...]
    index_names: tuple[tuple[str, str], ...]  # (index, its table)
    trigger_tables: tuple[tuple[str, str], ...]  # (trigger, its table)

    def kind_of(self, name: str) -> str | None:
        return dict(self.kinds).get(name)


def read_shape(conn: sqlite3.Connection) -> Shape:
    """The schema of the main database of ``conn`` (read-only queries)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master").fetchall()
    kinds: list[tuple[str, str]] = []
    tables: list[tuple[str, Table]] = []
    index_names: list[tuple[str, str]] = []
    trigger_tables: list[tuple[str, str]] = []
    for kind, name, table, sql in rows:
        if name.startswith(_INTERNAL):
            continue
        kinds.append((name, kind))
        if kind == "index":
            index_names.append((name, table))
        elif kind == "trigger":
            trigger_tables.append((name, table))
        elif kind == "table":
            tables.append((name, _table(conn, name, sql or "")))
    return Shape(
        tuple(sorted(kinds)), tuple(sorted(tables)), tuple(index_names), tuple(trigger_tables)
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table(conn: sqlite3.Connection, name: str, sql: str) -> Table:
    quoted = _quote(name)
    columns = frozenset(
        Column(row[1], (row[2] or "").upper(), bool(row[3]), row[4], row[5])
        for row in conn.execute(f"PRAGMA main.table_info({quoted})")
    )
    links = frozenset(
        Link(row[3], row[2], row[4], row[5].upper(), row[6].upper())
        for row in conn.execute(f"PRAGMA main.foreign_key_list({quoted})")
    )
    indexes = []
    for row in conn.execute(f"PRAGMA main.index_list({quoted})").fetchall():
        index_name, unique, origin, partial = row[1], row[2], row[3], row[4]
        if origin == "pk":
            continue  # the primary key, compared with the columns
        info = conn.execute(f"PRAGMA main.index_info({_quote(index_name)})").fetchall()
        indexes.append(Index(tuple(r[2] for r in info), bool(unique), bool(partial)))
    virtual = None
    if sql.upper().startswith("CREATE VIRTUAL TABLE"):
        virtual = _SPACES.sub(" ", sql[sql.upper().index(" USING ") + 7 :].replace('"', "'"))
        virtual = virtual.lower().strip()
    return Table(columns, links, frozenset(indexes), virtual)


@cache
def reference() -> Shape:
    """The schema the migrations make for a new book at the current version."""
    memory = peewee.SqliteDatabase(":memory:")
    try:
        # peewee's stubs leave out sort_models (a module function of peewee.py, not in __all__).
        for model in peewee.sort_models([*MODELS, search.SearchDoc]):  # type: ignore[attr-defined]
            # A schema manager of its own: the models stay bound to the user's book.
            type(model._schema)(model, database=memory).create_all(safe=False)
        return read_shape(memory.connection())
    finally:
        memory.close()


def differences(actual: Shape, expected: Shape | None = None) -> list[str]:
    """How ``actual`` differs from ``expected`` (the reference), in words; [] if alike."""
    expected = expected or reference()
    found: list[str] = []
    have, want = dict(actual.kinds), dict(expected.kinds)
    for name, kind in sorted(want.items()):
        if kind == "index":
            continue  # indexes are compared by their columns, whatever their names
        if name not in have:
            found.append(f"the {kind} {name!r} is missing")
        elif have[name] != kind:
            found.append(f"{name!r} is a {have[name]}, not a {kind}")
    triggers = dict(actual.trigger_tables)
    for name, kind in sorted(have.items()):
        if kind == "index" or name in want:
            continue
        if kind == "trigger":
            found.append(
                f"it has a trigger {name!r} on {triggers[name]} that Rapport does not make"
            )
        else:
            found.append(f"it has a {kind} {name!r} that Rapport does not make")
    tables = dict(actual.tables)
    for name, table in expected.tables:
        if name in tables:
            found.extend(_table_differences(name, tables[name], table))
    return found


def _table_differences(name: str, actual: Table, expected: Table) -> list[str]:
    found: list[str] = []
    if actual.virtual != expected.virtual:
        found.append(f"the search index {name!r} is defined differently")
    have = {column.name: column for column in actual.columns}
    want = {column.name: column for column in expected.columns}
    for column in sorted(want.keys() - have.keys()):
        found.append(f"{name} has no column {column!r}")
    for column in sorted(have.keys() - want.keys()):
        found.append(f"{name} has a column {column!r} that Rapport does not make")
    for column in sorted(have.keys() & want.keys()):
        if have[column] != want[column]:
            found.append(
                f"{name}.{column} is {_describe(have[column])}, not {_describe(want[column])}"
            )
    if actual.links != expected.links:
        found.append(f"the links of {name} to other tables differ from Rapport's")
    for index in sorted(expected.indexes - actual.indexes, key=repr):
        found.append(f"{name} lacks its index on {_columns(index)}")
    for index in sorted(actual.indexes - expected.indexes, key=repr):
        found.append(f"{name} has an index on {_columns(index)} that Rapport does not make")
    return found


def _describe(column: Column) -> str:
    words = [column.type or "untyped"]
    if column.not_null:
        words.append("NOT NULL")
    if column.primary_key:
        words.append("PRIMARY KEY")
    if column.default is not None:
        words.append(f"DEFAULT {column.default}")
    return " ".join(words)


def _columns(index: Index) -> str:
    names = ", ".join(name or "an expression" for name in index.columns)
    return f"({names}){' UNIQUE' if index.unique else ''}{' (partial)' if index.partial else ''}"
