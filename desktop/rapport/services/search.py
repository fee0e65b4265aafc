"""Searching the whole book, and keeping the search index honest.

``search(query, limit)`` returns results across clients, people, facts, conversations,
tasks, gifts and messages, best first, each with its client's name (joined in one
query), a plain title and snippet for scripts, and marked ones (``MARK_START`` /
``MARK_END`` around matched words) for the window to bold. On SQLite it reads the FTS5
index (see ``store/search.py`` for how queries are understood); on another database
(``RAPPORT_DATABASE_URL``) it falls back to LIKE over the same documents.

``rebuild_index()`` is for ``rapport check``: the check (``services/dbcheck.py``) lists
problems (rows missing from the index, entries pointing at deleted rows, a damaged
index) and the rebuild fixes all of them in one transaction.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any, TypedDict

from peewee import OP, Expression, Value

from rapport.services import indexing
from rapport.store import models as m
from rapport.store import search as fts
from rapport.store import sql
from rapport.store.db import transaction

MARK_START, MARK_END = fts.MARK_START, fts.MARK_END
# What the window's search box asks for as the user types (ui/search_view.py; the bench
# times the same).
AS_YOU_TYPE_LIMIT = 60
AS_YOU_TYPE_PER_KIND = 8
KINDS = ("client", "person", "fact", "interaction", "task", "gift", "inbound")
# What a user calls each kind, for group headers and the command line.
KIND_LABELS = {
    "client": "Clients",
    "person": "People",
    "fact": "Facts",
    "interaction": "Conversations",
    "task": "Tasks",
    "gift": "Gifts",
    "inbound": "Messages",
}


class ResultJSON(TypedDict):
    """A search result as ``rapport search --json`` prints it (CLI.md), plus ref_id."""

    kind: str
    client: str | None
    client_id: int | None
    title: str
    snippet: str
    ref_id: int


@dataclass(frozen=True, slots=True)
class Result:
    kind: str
    client: str | None
    client_id: int | None
    title: str
    snippet: str
    ref_id: int
    title_marked: str = ""
    snippet_marked: str = ""
    archived: bool = False
    spread: bool = False  # the words were found across the client's documents

    def as_dict(self) -> ResultJSON:
        """The CLI.md search result, plus ref_id."""
        return {
            "kind": self.kind,
            "client": self.client,
            "client_id": self.client_id,
            "title": self.title,
            "snippet": self.snippet,
            "ref_id": self.ref_id,
        }


def plain(text: str) -> str:
    """Text without the match marks."""
    return text.replace(MARK_START, "").replace(MARK_END, "")


def _tidy(text: str) -> str:
    return " ".join(text.split())


def search(query: str, limit: int = 50, per_kind: int | None = None) -> list[Result]:
    """Everything matching ``query``, best first; never raises on odd input. With
    ``per_kind``, no kind takes more than that many of the places (for grouped lists)."""
    if not fts.words_of(query):
        return []
    if fts.has_index():
        hits = fts.search(query, limit, per_kind)
    else:
        hits = fts.like_search(_like_documents(query, limit), query, limit)
    ids = {hit.client_id for hit in hits if hit.client_id is not None}
    clients = sql.clients_shown(sorted(ids)) if ids else {}
    results = []
    for hit in hits:
        if hit.client_id is not None and hit.client_id not in clients:
            continue  # an index entry left behind by a deleted client: `rapport check` fixes it
        name, archived = (
            clients.get(hit.client_id, (None, False)) if hit.client_id else (None, False)
        )
        title, snippet = _tidy(hit.title), _tidy(hit.snippet)
        results.append(
            Result(
                kind=hit.kind,
                client=name,
                client_id=hit.client_id,
                title=plain(title),
                snippet=plain(snippet),
                ref_id=hit.ref_id,
                title_marked=title,
                snippet_marked=snippet,
                archived=archived,
                spread=hit.spread,
            )
        )
    return results


# Columns the LIKE fallback looks in, per model (the text of its search document).
_LIKE_COLUMNS = {
    m.Client: ("name", "company", "role", "emails", "phones", "how_we_met", "notes"),
    m.Person: ("name", "relation", "notes"),
    m.Fact: ("text", "tags"),
    m.Interaction: ("title", "raw_text", "key_points"),
    m.Task: ("title", "notes"),
    m.Gift: ("title", "occasion", "reaction", "notes", "tags"),
    m.Inbound: ("channel", "summary"),
}


def _contains(column: Any, word: str) -> Expression:
    """column LIKE '%word%', case-insensitive; the pattern is passed as it is (a list
    column's converter would otherwise JSON-encode it). Words hold no % or _."""
    return Expression(column, OP.ILIKE, Value(f"%{word}%", converter=str))


def _like_documents(query: str, limit: int) -> Iterator[indexing.Document]:
    """Rows having every word in one of their columns (LIKE is case-insensitive)."""
    words = fts.words_of(query)
    for model, names in _LIKE_COLUMNS.items():
        columns = [getattr(model, name) for name in names]
        per_word = [
            reduce(operator.or_, [_contains(col, word) for col in columns]) for word in words
        ]
        condition = reduce(operator.and_, per_word)
        for row in model.select().where(condition).limit(limit * 4):
            yield indexing.document(row)


# -- keeping the index honest ---------------------------------------------------------------
def rebuild_index(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the search index from the tables in one transaction; returns the number of
    documents indexed."""
    if not fts.has_index():
        return 0
    with transaction():
        count = indexing.rebuild()
    fts.optimize()
    if progress is not None:
        progress(count, count)
    return count


def warm() -> None:
    """Make this thread's connection ready to search: on a team book, the server's first
    calls of the search's functions made now (tens of milliseconds on a new connection)
    rather than inside the user's first searches; nothing on a book in a file. The window's
    search thread calls it once it starts, after the first paint; ``rapport bench`` before
    timing, as the window does."""
    fts.warm()


def interrupter() -> Callable[[], None]:
    """A function that cancels the query running on this thread's connection; the window
    calls it from the GUI thread when a newer keystroke makes a search stale."""
    connection = m.db.connection()
    stop = getattr(connection, "interrupt", None)
    return stop if callable(stop) else (lambda: None)


def group(results: Sequence[Result]) -> list[tuple[str, list[Result]]]:
    """Results grouped by kind, groups in ``KINDS`` order, best first within a group."""
    grouped: dict[str, list[Result]] = {}
    for result in results:
        grouped.setdefault(result.kind, []).append(result)
    return [(kind, grouped[kind]) for kind in KINDS if kind in grouped]
