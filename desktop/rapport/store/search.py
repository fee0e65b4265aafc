"""Full-text search over the whole book: the engine's index, and SQLite's FTS5 one.

The functions the services call (``index``, ``unindex``, ``search``...) ask the book's
engine for its index (``Engine.search_index``): ``Fts5Index`` below for a book in a file,
``store/search_pg.py``'s for a team book on PostgreSQL, none elsewhere (the services then
read with LIKE, ``store/search_text.like_search``). The rest of this text is FTS5's.

One FTS5 table holds a document per searchable row (client, person, fact, interaction,
task, gift, inbound message). A document's rowid encodes the row it indexes: the kind
in the high bits, ordered by how much a kind matters in results (clients highest,
conversations lowest), and the row's id in the low 40 bits. Keeping the index in sync
is a keyed REPLACE or DELETE inside the same transaction as the write, and "the
matches in rowid order, highest first" is a free ranking by kind, then newest.

How a query is read (``search``):

1. User text never reaches MATCH as syntax. It is cut into words (letters and digits
   only) and each becomes a quoted term, so quotes, ``*``, ``-``, ``NEAR``,
   parentheses and a typed ``AND``/``OR`` are just text.
2. Every word must appear in one document. Words first match whole (stemmed:
   "tournament" finds "tournaments"), which costs next to nothing even for the
   commonest word. When that gives few results, the word being typed (the last one,
   unless the text ends with a space) is read as a prefix too ("basebal" finds
   baseball); a prefix costs a merge of every matching word's postings, so it is only
   paid when needed. If nothing matches, every word becomes a prefix ("tourn jake").
3. Up to ``RANK_CAP`` matches are ranked by BM25 with the title weighing ten times the
   body and clients and people ahead. A query so common that it matches more than that
   is not worth ranking: its matches come by kind, newest first, which costs nothing.
4. When no single document has every word, the words may be spread over one client's
   documents ("jake tourn": Jake is Bob's son, the tournament is in a note about Bob):
   the clients having every word somewhere come back with their matching documents.
5. When a word matches nothing at all, it is replaced by the closest indexed word
   sharing its first two letters ("basball" -> baseball), a cheap typo tolerance.

Snippets and titles carry ``MARK_START``/``MARK_END`` around the matched words
(``store/search_text.py``, which also ranks what LIKE finds when the database is not
SQLite).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, NamedTuple, TypeVar

from playhouse.sqlite_ext import FTS5Model, RowIDField, SearchField

from rapport.store import engine, sql
from rapport.store.errors import NotADatabaseError, driver_errors, is_read_only, translate
from rapport.store.models import db

# A document's key (kind and row id), the same on every engine: from search_text.
from rapport.store.search_text import BITS_KIND as BITS_KIND
from rapport.store.search_text import ID_BITS as ID_BITS
from rapport.store.search_text import ID_MASK as ID_MASK
from rapport.store.search_text import KIND_BITS as KIND_BITS
from rapport.store.search_text import MARK_END as MARK_END
from rapport.store.search_text import MARK_START as MARK_START
from rapport.store.search_text import Hit as Hit
from rapport.store.search_text import doc_of as doc_of
from rapport.store.search_text import doc_rowid as doc_rowid
from rapport.store.search_text import like_search as like_search
from rapport.store.search_text import mark, snippet
from rapport.store.search_text import words_of as words_of

KINDS = ("client", "person", "fact", "interaction", "task", "gift", "inbound", "card")
TITLE_WEIGHT = 10.0
# Above this many matches a query is not ranked by relevance (see the docstring).
RANK_CAP = 1500
# Whole-word matches enough not to look for the typed word as a prefix as well.
ENOUGH = 20
# How many clients the spread-over-documents fallback looks at, at most.
SPREAD_CLIENTS = 20


class SearchDoc(FTS5Model):
    rowid = RowIDField()
    title = SearchField()
    body = SearchField()
    client_id = SearchField(unindexed=True)

    class Meta:
        database = db
        table_name = sql.SEARCH_TABLE
        options = {  # noqa: RUF012 - peewee reads this Meta attribute once
            "tokenize": "porter unicode61 remove_diacritics 2",
            "prefix": "2 3",
        }


def available() -> bool:
    """The open book's search index is SQLite's FTS5 (its structure checks, the staged
    import's documents); ``has_index`` says whether the book has a search index at all."""
    book = engine.current_or_none()
    return book is not None and book.full_text


def _index() -> engine.SearchIndex | None:
    book = engine.current_or_none()
    return None if book is None else book.search_index()


def has_index() -> bool:
    """The open book's engine has full-text search of its own (else ``like_search``)."""
    return _index() is not None


# -- what the services call: the engine's index, whichever it is --------------------------------
def index(kind: str, ref_id: int, client_id: int | None, title: str, body: str = "") -> None:
    """Add or replace the document of one row. Call inside the write's transaction."""
    found = _index()
    if found is not None:
        found.index((kind, ref_id, client_id, title, body))


def index_many(docs: Iterable[engine.SearchRow]) -> int:
    """Add or replace many documents ``(kind, ref_id, client_id, title, body)`` at once
    (sample data, imports). Call inside the write's transaction."""
    found = _index()
    return 0 if found is None else found.index_many(docs)


def unindex(kind: str, ref_ids: Iterable[int]) -> None:
    found = _index()
    if found is not None:
        found.unindex(kind, ref_ids)


def clear() -> None:
    found = _index()
    if found is not None:
        found.clear()


def indexed_rowids() -> set[int]:
    """Every rowid in the index (for the consistency check)."""
    found = _index()
    return set() if found is None else found.indexed_rowids()


def indexed_titles() -> dict[int, str]:
    """{rowid: title} of every document the user can see (for the consistency check)."""
    found = _index()
    return {} if found is None else found.indexed_titles()


def search(text: str, limit: int = 50, per_kind: int | None = None) -> list[Hit]:
    """Documents matching ``text`` best first (see the module docstring for the rules).

    With ``per_kind``, no kind takes more than that many places, so that a grouped list
    shows some of every kind that matches.
    """
    found = _index()
    return [] if found is None else found.search(text, limit, per_kind)


def optimize() -> None:
    """Tidy the index after a rebuild (FTS5 merges its segments)."""
    found = _index()
    if found is not None:
        found.optimize()


def words_differing() -> int:
    """Counts of the book's words that differ from the documents (``rapport check``)."""
    found = _index()
    return 0 if found is None else found.words_differing()


def warm() -> None:
    """Make this thread's connection ready to search (``engine.SearchIndex.warm``)."""
    found = _index()
    if found is not None:
        found.warm()


class Fts5Index:
    """``engine.SearchIndex`` on SQLite: one FTS5 table (``SearchDoc``)."""

    def index(self, doc: engine.SearchRow) -> None:
        kind, ref_id, client_id, title, body = doc
        sql.fts_replace((doc_rowid(kind, ref_id), title or "", body or "", client_id))

    def index_many(self, docs: Iterable[engine.SearchRow], batch: int = 5000) -> int:
        """One prepared REPLACE executed for every document, in batches."""
        count = 0
        rows: list[sql.Doc] = []
        for kind, ref_id, client_id, title, body in docs:
            rows.append((doc_rowid(kind, ref_id), title or "", body or "", client_id))
            if len(rows) >= batch:
                sql.fts_replace_many(rows)
                count += len(rows)
                rows = []
        if rows:
            sql.fts_replace_many(rows)
            count += len(rows)
        return count

    def unindex(self, kind: str, ref_ids: Iterable[int]) -> None:
        rowids = [doc_rowid(kind, ref_id) for ref_id in ref_ids]
        for start in range(0, len(rowids), 500):
            SearchDoc.delete().where(SearchDoc.rowid.in_(rowids[start : start + 500])).execute()

    def clear(self) -> None:
        SearchDoc.delete().execute()

    def indexed_rowids(self) -> set[int]:
        return sql.fts_rowids()

    def indexed_titles(self) -> dict[int, str]:
        return dict(SearchDoc.select(SearchDoc.rowid, SearchDoc.title).tuples())

    def search(self, text: str, limit: int, per_kind: int | None) -> list[Hit]:
        words = words_of(text)
        if not words:
            return []
        typing = not (text or "").endswith((" ", "\t", "\n"))
        found, used = _find(words, typing, limit, per_kind)
        return _with_text(found, used)

    def optimize(self) -> None:
        """Merge the index's segments: fewer b-trees to read on every query afterwards."""
        sql.fts_optimize()

    def words_differing(self) -> int:
        """FTS5 keeps its own counts inside its structure (``integrity``)."""
        return 0

    def warm(self) -> None:
        """Nothing to make ready: SQLite's statements are compiled where they run, in this
        process, in microseconds (a plain book's search must not pay for a server's)."""


FTS5 = Fts5Index()


@dataclass(frozen=True, slots=True)
class IndexIntegrity:
    problem: str | None  # None when the index structure is sound
    read_only: bool = False  # the book could not be written, so a copy was checked


def integrity() -> IndexIntegrity:
    """FTS5's own integrity check of the index structure.

    FTS5 runs it as a write (an INSERT of a command). A book that cannot be written is
    checked through a copy in memory instead, so a read-only book is checked, not
    reported damaged. Other failures of the environment (busy, a full or failing disk)
    are raised as such: they say nothing about the index.
    """
    if not available():
        return IndexIntegrity(None)
    try:
        sql.fts_integrity_check()
    except Exception as exc:  # the check reports corruption as an error
        if is_read_only(exc):
            return IndexIntegrity(_integrity_of_a_copy(), read_only=True)
        error = translate(exc)
        if error is not None and not isinstance(error, NotADatabaseError):
            raise error from exc
        return IndexIntegrity(str(exc))
    return IndexIntegrity(None)


def _integrity_of_a_copy() -> str | None:
    key = getattr(db.obj, "key", None)  # an encrypted book copies into memory with its key
    if key is not None:
        from rapport.store import cipher

        copy = cipher.connect(":memory:", key)
    else:
        copy = sqlite3.connect(":memory:")
    try:
        db.connection().backup(copy)
        sql.fts_integrity_check(copy)
    except driver_errors() as exc:
        return str(exc)
    finally:
        copy.close()
    return None


def integrity_problem() -> str | None:
    """FTS5's own integrity check: None when the index structure is sound."""
    return integrity().problem


# -- reading user text ------------------------------------------------------------------------
def term(word: str, prefix: bool) -> str:
    """One quoted FTS5 term; a prefix only from two letters up (one letter would expand
    to a large part of the vocabulary).

    Family: a word's start ending in "y" after a vowel ("ray" for Raymond, "rey" for
    Reyes, "may" for Mayfield). The porter stemmer rewrites a prefix term as it does a
    word, and its final y becomes i ("ray"* is read as "rai"*), while the indexed words'
    stems keep the y ("raymond", "rey" from "reyes"): such a start found nothing. With an
    "e" after it, the stemmer takes the e back off and leaves the y ("raye" is "ray"), so
    the term is read both ways: what it matched before, and the stems that keep the y."""
    if not (prefix and len(word) >= 2):
        return f'"{word}"'
    if word.endswith("y") and any(vowel in word[:-1] for vowel in "aeiou"):
        return f'("{word}"* OR "{word}e"*)'
    return f'"{word}"*'


def match_expression(words: Sequence[str], prefix: str = "all") -> str | None:
    """A safe FTS5 query of quoted terms; ``prefix`` is "all", "last" or "none"."""
    if not words:
        return None
    last = len(words) - 1
    terms = [
        term(word, prefix == "all" or (prefix == "last" and i == last))
        for i, word in enumerate(words)
    ]
    # An explicit AND: FTS5 joins a bracketed term (see ``term``) to others only with one
    return " AND ".join(terms)


# -- searching --------------------------------------------------------------------------------
class _Found(NamedTuple):
    """A match before its text is read: ranking only needs the key and the score.

    A tuple whose first item is the rowid, as the rows the index returns are: the share
    per kind is taken from those rows, and only the matches kept are made (a ranked
    query reads up to 240 rows for at most 60 results)."""

    rowid: int
    client_id: int | None
    score: float = 0.0
    spread: bool = False

    @property
    def kind(self) -> str:
        return doc_of(self.rowid)[0]


# BM25 scaled up for these kinds (it is negative: lower is better), so that clients and
# people come ahead. client_id is read with the text of the few chosen, not while ranking.
BOOSTS = {KIND_BITS["client"]: 1.6, KIND_BITS["person"]: 1.3}


def _find(
    words: list[str], typing: bool, limit: int, per_kind: int | None
) -> tuple[list[_Found], list[str]]:
    # Whole (stemmed) words first: cheap even for the commonest word.
    found, count = _all_in_one(match_expression(words, "none"), limit, per_kind)
    if typing and count < ENOUGH and len(words[-1]) >= 2:
        # The word being typed may be unfinished: read it as a prefix too.
        more, _ = _all_in_one(match_expression(words, "last"), limit, per_kind)
        found = _merge(found, more, limit, per_kind)
    if not found and len(words) > 1:
        found, _ = _all_in_one(match_expression(words, "all"), limit, per_kind)
    if not found and len(words) > 1:
        found = _spread(words, limit, per_kind)
    if found:
        return found, words
    corrected = _corrected(words)
    if corrected == words:
        return [], words
    found, _ = _all_in_one(match_expression(corrected, "all"), limit, per_kind)
    if not found and len(corrected) > 1:
        found = _spread(corrected, limit, per_kind)
    return found, corrected


def _rows(rows: Iterable[tuple[int, None, float]]) -> list[_Found]:
    return [_Found(rowid, None, score) for rowid, _client_id, score in rows]


def _all_in_one(
    expression: str | None, limit: int, per_kind: int | None
) -> tuple[list[_Found], int]:
    """Documents having every term, and how many there are (up to RANK_CAP + 1)."""
    if expression is None:
        return [], 0
    count = sql.fts_count(expression, RANK_CAP + 1)
    if count == 0:
        return [], 0
    # With a share per kind, read a few times more rows than shown, to fill the shares.
    take = limit if per_kind is None else limit * 4
    if count <= RANK_CAP:
        ranked = sql.fts_ranked(expression, take, TITLE_WEIGHT, BOOSTS, ID_BITS)
        return _rows(_cap(ranked, limit, per_kind)), count
    # Too common to rank: by kind, newest first, straight off the index.
    if per_kind is None or "*" in expression:
        # (A prefix term costs a merge of its postings per statement: just one statement.)
        return _rows(_cap(sql.fts_newest(expression, take), limit, per_kind)), count
    found: list[_Found] = []
    for bits in sorted(BITS_KIND, reverse=True):
        if len(found) >= limit:
            break
        low, high = bits << ID_BITS, (bits << ID_BITS) | ID_MASK
        found += _rows(sql.fts_newest(expression, min(per_kind, limit - len(found)), (low, high)))
    return found, count


def _merge(
    first: Sequence[_Found], then: Sequence[_Found], limit: int, per_kind: int | None
) -> list[_Found]:
    seen = {found.rowid for found in first}
    return _cap([*first, *(f for f in then if f.rowid not in seen)], limit, per_kind)


Row = TypeVar("Row", bound=tuple[Any, ...])


def _cap(found: Sequence[Row], limit: int, per_kind: int | None) -> list[Row]:
    """The first ``limit`` of ``found`` (rowid first in each), no kind more than
    ``per_kind`` times."""
    if per_kind is None:
        return list(found[:limit])
    taken: dict[str, int] = {}
    out = []
    for item in found:
        kind = BITS_KIND.get(item[0] >> ID_BITS, "other")  # the kind of the rowid
        if taken.get(kind, 0) < per_kind:
            taken[kind] = taken.get(kind, 0) + 1
            out.append(item)
            if len(out) >= limit:
                break
    return out


def _spread(words: Sequence[str], limit: int, per_kind: int | None) -> list[_Found]:
    """Clients having every word in some document, with those documents.

    Each word's matches are read once with their client, and the documents shown are
    taken from those: the stored row of a match (where client_id is kept) is read once.
    A word found nowhere spreads over no client: that is known from one row of the index,
    before the stored rows of another word's matches are read (a few ms for a common
    word: "anita hikin" read the clients of every Anita's documents to find "hikin"
    nowhere, 5.9 ms of CPU, now 1.2).
    """
    if not all(sql.fts_any(term(word, True)) for word in words):
        return []
    clients: set[int] | None = None
    matches: dict[int, int] = {}  # rowid -> client id, for every word's matches
    for word in sorted(words, key=len, reverse=True):  # longer words match fewer rows
        found: set[int] = set()
        for rowid, client_id in sql.fts_matches_with_client(term(word, True)):
            if client_id in (None, ""):
                continue
            matches[rowid] = int(client_id)
            found.add(int(client_id))
        clients = found if clients is None else clients & found
        if not clients:
            return []
    assert clients is not None
    chosen = set(sorted(clients)[:SPREAD_CLIENTS])
    rowids = sorted((r for r, c in matches.items() if c in chosen), reverse=True)
    rows = [_Found(rowid, matches[rowid], 0.0, True) for rowid in rowids[: limit * 4]]
    return _cap(rows, limit, per_kind)


def _with_text(found: Sequence[_Found], words: Sequence[str]) -> list[Hit]:
    """Hits with their titles and snippets, matched words marked: read for the chosen
    documents only (by rowid, which costs a lookup each)."""
    if not found:
        return []
    texts = {
        rowid: (title or "", body or "", client_id)
        for rowid, title, body, client_id in sql.fts_texts([f.rowid for f in found])
    }
    hits = []
    for item in found:
        title, body, client_id = texts.get(item.rowid, ("", "", None))
        kind, ref_id = doc_of(item.rowid)
        hits.append(
            Hit(
                kind=kind,
                ref_id=ref_id,
                client_id=int(client_id) if client_id not in (None, "") else None,
                title=mark(title, words)[0],
                snippet=snippet(body, words)[0],
                rank=item.score,
                spread=item.spread,
            )
        )
    return hits


def _corrected(words: Sequence[str]) -> list[str]:
    """Each word that matches nothing replaced by the closest indexed word, if close."""
    out = []
    for word in words:
        if len(word) < 4 or _matches_anything(word):
            out.append(word)
            continue
        out.append(_closest_term(word) or word)
    return out


def _matches_anything(word: str) -> bool:
    return sql.fts_any(term(word, True))


def _closest_term(word: str) -> str | None:
    start = word[:2]
    end = start[:-1] + chr(ord(start[-1]) + 1)
    best, best_ratio = None, 0.8
    for candidate in sql.fts_terms(start, end, len(word) - 2, len(word) + 2):
        ratio = SequenceMatcher(None, word, candidate, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best
