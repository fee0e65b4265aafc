"""Checking the book: SQLite's own checks, the schema, broken links, and the search index.

``check_database`` runs ``PRAGMA integrity_check`` (every page and index of the file),
compares the schema with the one the migrations make (``store/schema.py``: a trigger
or a view that Rapport does not make is a difference), ``PRAGMA foreign_key_check``
(rows pointing at rows that are gone) and the search index check. A read-only book is
checked all the same (the index's own check runs on a copy in memory) and said to be
read-only. ``repair`` rebuilds the search index, the one part that can be rebuilt from the
rest; damage to the tables themselves is a case for ``rapport restore``.

On a team book the server keeps its files sound: the schema is read from PostgreSQL's
catalog and compared with what the migrations and ``rapport team setup`` make, the
privacy rules included (``store/schema_pg.py``: a table without row-level security in
force, a policy, trigger or function Rapport does not make), and the search documents
the member can see are compared with the rows.

``index_problems`` is the one check of the search index (``check_index`` says its
findings in words); ``repair`` is ``services.search.rebuild_index``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapport.services import indexing
from rapport.services.search import KIND_LABELS, rebuild_index
from rapport.store import engine, search
from rapport.store import models as m
from rapport.store.errors import NotADatabaseError, database_errors, translate

# Title a document must carry for the rows whose title is a column (a cheap content check).
_TITLE_COLUMN = {m.Client: "name", m.Task: "title", m.Fact: "text"}


@dataclass
class IndexReport:
    missing_by_kind: dict[str, int] = field(default_factory=dict)  # rows with no document
    orphans: int = 0  # documents of rows that are gone
    outdated: int = 0  # documents whose title no longer matches the row
    errors: list[str] = field(default_factory=list)
    read_only: bool = False  # the book cannot be written (its structure checked on a copy)
    words_off: int = 0  # a team book's counts of its words that differ from the documents

    @property
    def missing(self) -> int:
        return sum(self.missing_by_kind.values())

    @property
    def stale(self) -> int:
        return self.orphans + self.outdated

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.errors or self.words_off)

    def problems(self) -> list[str]:
        """The problems in words (empty when the index is right)."""
        out = list(self.errors)
        for kind, count in self.missing_by_kind.items():
            noun = KIND_LABELS[kind].lower() if count != 1 else kind
            out.append(f"{count} {noun} missing from the search index")
        if self.orphans:
            out.append(
                f"{self.orphans} search index entr"
                f"{'y points' if self.orphans == 1 else 'ies point'} at rows that no longer exist"
            )
        if self.outdated:
            out.append(f"{self.outdated} search index entries are out of date")
        if self.words_off:
            out.append(
                f"{self.words_off} of the book's word counts differ from its documents "
                "(the book's owner counts them again with rapport team setup)"
            )
        return out


@dataclass
class CheckReport:
    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    index: IndexReport = field(default_factory=IndexReport)
    schema: list[str] = field(default_factory=list)  # differences from Rapport's schema

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.schema and not self.foreign_keys and self.index.ok

    @property
    def read_only(self) -> bool:
        return self.index.read_only

    def lines(self) -> list[str]:
        read_only = " (read-only: Rapport can read it, not change it)" if self.read_only else ""
        out = [
            f"database file: ok{read_only}"
            if not self.integrity
            else f"database file: DAMAGED ({len(self.integrity)} problems): {self.integrity[0]}",
        ]
        if self.schema:
            more = f" (and {len(self.schema) - 3} more)" if len(self.schema) > 3 else ""
            listed = "; ".join(self.schema[:3])
            out.append(f"schema: differs from what Rapport makes: {listed}{more}")
        elif not self.integrity:
            out.append("schema: ok")
        out += [
            "links between records: ok"
            if not self.foreign_keys
            else f"links between records: {len(self.foreign_keys)} broken, "
            f"for example {self.foreign_keys[0]}",
        ]
        if self.schema or self.integrity:
            out.append("search index: not checked")
        elif self.index.ok:
            out.append("search index: ok")
        else:
            problems = "; ".join(self.index.problems())
            index = self.index
            repairs = index.missing or index.stale or index.errors  # not the words' counts
            repair = " (rapport check --repair fixes it)" if repairs else ""
            out.append(f"search index: {problems}{repair}")
        return out


def index_problems() -> IndexReport:
    """How far the FTS index is from the tables it indexes (nothing to say off SQLite)."""
    report = IndexReport()
    if not search.has_index():
        return report
    if search.available():  # SQLite's FTS5 has a structure of its own to check
        integrity = search.integrity()
        report.read_only = integrity.read_only
        if integrity.problem:
            report.errors.append(f"the search index is damaged ({integrity.problem})")
    # The documents the user can see (on a team book, as the rows are: row-level security;
    # PostgreSQL keeps its own index structure sound).
    actual = search.indexed_titles()
    expected: set[int] = set()
    for model, kind in indexing.KIND_OF_MODEL.items():
        column = _TITLE_COLUMN.get(model)
        fields = [model.id] + ([getattr(model, column)] if column else [])
        for row in model.select(*fields).tuples().iterator():
            rowid = search.doc_rowid(kind, row[0])
            expected.add(rowid)
            if rowid not in actual:
                report.missing_by_kind[kind] = report.missing_by_kind.get(kind, 0) + 1
            elif column and actual[rowid] != row[1]:
                report.outdated += 1
    report.orphans = len(set(actual) - expected)
    # A team book's counts of its words, which decide what is too common to rank and what
    # a typo is corrected to (the documents' own index is the server's to keep sound).
    report.words_off = search.words_differing()
    return report


def check_index() -> list[str]:
    """Problems with the search index, in words; empty when every searchable row is indexed
    once, under its current title, and nothing else is."""
    return index_problems().problems()


def check_database() -> CheckReport:
    """Every check; a failure of the environment (busy, a full disk) is raised as such."""
    report = CheckReport()
    try:
        book = engine.current()
        report.integrity = book.integrity_problems(50)
        if not report.integrity:
            report.schema = book.schema_problems()
        report.foreign_keys = book.foreign_key_problems()
        if not report.integrity and not report.schema:
            # The index is read through the models: only a book of Rapport's schema.
            report.index = index_problems()
    except database_errors() as exc:  # sqlite3's, sqlcipher3's (an encrypted book), peewee's
        error = translate(exc)
        if error is None:
            raise
        if not isinstance(error, NotADatabaseError):
            raise error from exc
        report.integrity.append(str(error))
    return report


def repair() -> int:
    """Rebuild the search index in one transaction; returns the number of documents."""
    return rebuild_index()
