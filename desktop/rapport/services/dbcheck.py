"""Checking the book: SQLite's own checks, broken links, and the search index.

``check_database`` runs ``PRAGMA integrity_check`` (every page and index of the file),
``PRAGMA foreign_key_check`` (rows pointing at rows that are gone) and the search index
check. ``repair`` rebuilds the search index, the one part that can be rebuilt from the
rest; damage to the tables themselves is a case for ``rapport restore``.

Merge note: the search index check lives in ``index_problems()`` below, built on what
store/search.py and services/indexing.py offer. When ``services.search.check_index()`` and
``rebuild_index()`` arrive from the search branch, swap them in there and in ``repair``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import peewee

from rapport.services import indexing
from rapport.store import models as m
from rapport.store import search
from rapport.store.db import is_sqlite, transaction
from rapport.store.errors import StoreError, translate

# Title a document must carry for the rows whose title is a column (a cheap content check).
_TITLE_COLUMN = {m.Client: "name", m.Task: "title", m.Fact: "text"}


@dataclass
class IndexReport:
    missing: int = 0  # rows with no document
    stale: int = 0  # documents of rows that are gone, or with an old title
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.errors)


@dataclass
class CheckReport:
    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    index: IndexReport = field(default_factory=IndexReport)

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.foreign_keys and self.index.ok

    def lines(self) -> list[str]:
        out = [
            "database file: ok"
            if not self.integrity
            else f"database file: DAMAGED ({len(self.integrity)} problems): {self.integrity[0]}",
            "links between records: ok"
            if not self.foreign_keys
            else f"links between records: {len(self.foreign_keys)} broken, "
            f"for example {self.foreign_keys[0]}",
        ]
        index = self.index
        if index.ok:
            out.append("search index: ok")
        else:
            parts = []
            if index.missing:
                parts.append(f"{index.missing} records not indexed")
            if index.stale:
                parts.append(f"{index.stale} out-of-date entries")
            parts += index.errors
            out.append("search index: " + "; ".join(parts) + " (rapport check --repair fixes it)")
        return out


def index_problems() -> IndexReport:
    """How far the FTS index is from the tables it indexes."""
    report = IndexReport()
    if not search.available():
        return report
    actual = {
        rowid: title
        for rowid, title in search.SearchDoc.select(
            search.SearchDoc.rowid, search.SearchDoc.title
        ).tuples()
    }
    expected: set[int] = set()
    for model, kind in indexing.KIND_OF_MODEL.items():
        column = _TITLE_COLUMN.get(model)
        fields = [model.id] + ([getattr(model, column)] if column else [])
        for row in model.select(*fields).tuples().iterator():
            rowid = search.doc_rowid(kind, row[0])
            expected.add(rowid)
            if rowid not in actual:
                report.missing += 1
            elif column and actual[rowid] != row[1]:
                report.stale += 1
    report.stale += len(set(actual) - expected)
    try:
        with transaction():
            m.db.execute_sql("INSERT INTO search_index(search_index) VALUES('integrity-check')")
    except (peewee.DatabaseError, StoreError) as exc:
        report.errors.append(f"the index itself is damaged ({exc})")
    return report


def check_database() -> CheckReport:
    report = CheckReport()
    try:
        if is_sqlite():
            rows = m.db.execute_sql("PRAGMA integrity_check(50)").fetchall()
            report.integrity = [] if [r[0] for r in rows] == ["ok"] else [r[0] for r in rows]
            for table, rowid, parent, _fk in m.db.execute_sql("PRAGMA foreign_key_check"):
                report.foreign_keys.append(f"{table} {rowid} points at a missing {parent}")
        if not report.integrity:
            report.index = index_problems()
    except peewee.DatabaseError as exc:
        error = translate(exc)
        if error is None:
            raise
        report.integrity.append(str(error))
    return report


def repair() -> int:
    """Rebuild the search index in one transaction; returns the number of documents."""
    with transaction():
        return indexing.rebuild()
