"""Search on a team book (PostgreSQL): the same documents and rules as ``store/search.py``.

The documents (``search_doc``, made by ``store/postgres.py``) are keyed like SQLite's
(the kind in the high bits of the rowid) and hold their text twice: as shown, and folded
(lower case, no accents) for the server to index: a ``tsvector`` under a GIN index (the
``simple`` configuration for every word, so names and prefixes match as typed, plus
``english`` stems for the text); the book's words (``postgres.WORDS_TABLE``, how many
documents hold each) answer whether a word is too common to rank and, by their trigrams
(``pg_trgm``), which words a typo is closest to. Row-level security hides the documents
(and the words) of another member's private rows like the rows themselves.

How a query is read, as on SQLite: user text never reaches the server as syntax (it is
cut into words of letters and digits, each a quoted lexeme); every word must be in one
document, the word being typed as a prefix unless the whole words are in ``ENOUGH``
documents already; when no document has them all, the clients
having every word somewhere come back with their documents ("jake tourn"); a word that
matches nothing is replaced by the closest indexed word ("basball" -> baseball).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from rapport.store import postgres
from rapport.store.engine import SearchRow
from rapport.store.models import db
from rapport.store.search_text import ID_BITS, Hit, doc_of, doc_rowid, fold, mark, snippet, words_of

_WORD = re.compile(r"\w+")
# What the trigram fallback accepts as the same word mistyped.
CLOSE_ENOUGH = 0.7
# How many of the book's words most alike a typo are weighed (``_closest``).
SIMILAR_WORDS = 20

_UPSERT = (
    "INSERT INTO search_doc (rowid, client_id, title, body, title_key, body_key) "
    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (rowid) DO UPDATE SET "
    "client_id = EXCLUDED.client_id, title = EXCLUDED.title, body = EXCLUDED.body, "
    "title_key = EXCLUDED.title_key, body_key = EXCLUDED.body_key"
)


def _row(
    kind: str, ref_id: int, client_id: int | None, title: str, body: str
) -> tuple[object, ...]:
    # PostgreSQL's text holds no NUL (the rows drop theirs: store/postgres.py).
    title, body = (title or "").replace("\x00", ""), (body or "").replace("\x00", "")
    return (doc_rowid(kind, ref_id), client_id, title, body, _key(title), _key(body))


def _key(text: str) -> str:
    """The text folded and cut into words as SQLite's tokenizer cuts it: PostgreSQL's
    parser would keep an e-mail, a host or a path whole ("dana@coastal.com"), so that
    "coastal" found nothing on a team book."""
    return " ".join(_WORD.findall(fold(text)))


# Documents written by one statement each (``index_many``): the book's words are counted
# once a statement (``postgres.WORDS_TABLE``), so 10,000 contacts imported were 10,000
# counts of a document each, one a statement, where a statement of ``_MANY`` is one count.
_MANY = 500
_UPSERT_MANY = (
    "INSERT INTO search_doc (rowid, client_id, title, body, title_key, body_key) "
    "SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[], %s::text[], "
    "%s::text[]) ON CONFLICT (rowid) DO UPDATE SET "
    "client_id = EXCLUDED.client_id, title = EXCLUDED.title, body = EXCLUDED.body, "
    "title_key = EXCLUDED.title_key, body_key = EXCLUDED.body_key"
)


def index_many(docs: Iterable[SearchRow]) -> int:
    rows = [_row(*doc) for doc in docs]
    # A statement may write a row once: a document given twice is written as last given.
    latest = list({row[0]: row for row in rows}.values())
    with db.cursor() as cursor:
        for start in range(0, len(latest), _MANY):
            columns = [list(column) for column in zip(*latest[start : start + _MANY], strict=True)]
            cursor.execute(_UPSERT_MANY, columns)
    return len(rows)


def unindex(kind: str, ref_ids: Iterable[int]) -> None:
    rowids = [doc_rowid(kind, ref_id) for ref_id in ref_ids]
    if rowids:  # nobody reads its answer: it goes with the next statement (write_later)
        db.write_later("DELETE FROM search_doc WHERE rowid = ANY(%s)", (rowids,))


def clear() -> None:
    db.execute_sql("DELETE FROM search_doc")


def indexed_rowids() -> set[int]:
    return {row[0] for row in db.execute_sql("SELECT rowid FROM search_doc")}


def indexed_titles() -> dict[int, str]:
    """{rowid: title} of every document the user can see (for ``rapport check``)."""
    return {
        int(rowid): title for rowid, title in db.execute_sql("SELECT rowid, title FROM search_doc")
    }


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "''") + "'"


def _query(words: Sequence[str], prefix_last: bool, prefix_all: bool) -> tuple[str, list[str]]:
    """SQL for "the document has every word", and its parameters."""
    parts, params = [], []
    last = len(words) - 1
    for i, word in enumerate(words):
        prefix = prefix_all or (prefix_last and i == last)
        simple = _lexeme(word) + (":*" if prefix and len(word) >= 2 else "")
        parts.append("(to_tsquery('simple', %s) || plainto_tsquery('english', %s))")
        params += [simple, word]
    return " && ".join(parts), params


def _typed_query(
    words: Sequence[str], typing: bool, prefix_all: bool
) -> tuple[str, list[str], str, list[str]]:
    """``_query``, the word being typed read as a prefix only when the whole words match
    fewer than ``ENOUGH`` documents (SQLite's rule, ``store/search.py``): decided on the
    server in the same statement (``rapport_enough``, its answer ``e.yes``), so it costs no
    round trip, and a common short word ("co.": 247 documents whole, 63,500 as a prefix) is
    not read as a prefix of thousands of words. SQL and parameters of the decision, then of
    the query (which reads ``e.yes``)."""
    if prefix_all or not typing or len(words[-1]) < 2:
        query, params = _query(words, typing, prefix_all)
        return "NULL::boolean", [], query, params
    whole, whole_params = _query(words, False, False)
    typed, typed_params = _query(words, True, False)
    return (
        f"rapport_enough({whole})",
        whole_params,
        f"CASE WHEN e.yes THEN {whole} ELSE {typed} END",
        [*whole_params, *typed_params],
    )


# A word whose lexeme in the documents is the word itself (the parser keeps it whole), so
# that the book's words count its documents (``postgres.WORDS_TABLE``).
_ONE_LEXEME = re.compile(r"[a-z0-9]+")


def _counted(words: Sequence[str], prefix_last: bool, prefix_all: bool) -> tuple[str, list[object]]:
    """The arguments that let ``rapport_find`` know a query too common to rank from the book's
    words (more than ``RANK_CAP`` documents the member sees hold one word it matches): the
    word and whether it is read as a prefix (``e.yes``: whole, as ``_typed_query`` reads
    it), as SQL and parameters; none when the counts cannot say (several words: how many
    documents hold them all is not counted), and the documents are counted as before."""
    if len(words) != 1 or not _ONE_LEXEME.fullmatch(words[0]):
        return "NULL, false", []
    word = words[0]
    if prefix_all or not prefix_last or len(word) < 2:
        return "%s, %s", [word, prefix_all and len(word) >= 2]
    return "%s, NOT e.yes", [word]


# A result: rowid, client id, score, then its title and text once read.
Found = tuple[int, int | None, float, str | None, str | None]


def _found(
    words: Sequence[str], prefix_last: bool, prefix_all: bool, take: int, cap: tuple[int, int]
) -> list[Found]:
    """The documents having every word, best first, capped as ``_cap`` caps them (``cap``:
    the limit and the most of one kind), with their text: one round trip, where reading
    the matches and then their text took two."""
    cursor = db.execute_sql(*_found_sql(words, prefix_last, prefix_all, take, cap))
    return [
        (int(r), int(c) if c is not None else None, float(s), title, body)
        for r, c, s, title, body in cursor
    ]


def _found_sql(
    words: Sequence[str], prefix_last: bool, prefix_all: bool, take: int, cap: tuple[int, int]
) -> tuple[str, tuple[object, ...]]:
    """``_found``'s statement and its parameters."""
    enough, enough_params, query, params = _typed_query(words, prefix_last, prefix_all)
    counted, counted_params = _counted(words, prefix_last, prefix_all)
    limit, per_kind = cap
    return (
        "SELECT f.rowid, f.client_id, f.score, d.title, d.body FROM ("
        "  SELECT f.*, row_number() OVER (PARTITION BY f.rowid >> "
        f"{ID_BITS} ORDER BY f.n) AS in_kind"
        f"  FROM (SELECT {enough} AS yes OFFSET 0) e, rapport_find({query}, %s, {counted})"
        "  WITH ORDINALITY AS f(rowid, client_id, score, n)"
        ") f JOIN search_doc d ON d.rowid = f.rowid "
        "WHERE f.in_kind <= %s ORDER BY f.n LIMIT %s",
        (*enough_params, *params, take, *counted_params, per_kind, limit),
    )


def search(text: str, limit: int = 50, per_kind: int | None = None) -> list[Hit]:
    """Documents matching ``text`` best first (the rules of ``store/search.py``)."""
    words = words_of(text)
    if not words:
        return []
    words = [fold(word) for word in words]
    typing = not (text or "").endswith((" ", "\t", "\n"))
    take = limit if per_kind is None else limit * 4
    cap = (limit, per_kind if per_kind is not None else limit)
    found, used, spread = _find(words, typing, take, cap)
    return _with_text(_cap(found, limit, per_kind), used, spread)


def _find(
    words: list[str], typing: bool, take: int, cap: tuple[int, int]
) -> tuple[list[Found], list[str], bool]:
    found = _found(words, typing, False, take, cap)
    if not found and len(words) > 1:
        found = _found(words, True, True, take, cap)
    if found:
        return found, words, False
    if len(words) > 1:
        spread = _spread(words, take)
        if spread:
            return spread, words, True
    unmatched = _unmatched(words)
    corrected = [_closest(word) or word if word in unmatched else word for word in words]
    if corrected == words:
        return [], words, False
    found = _found(corrected, True, True, take, cap)
    if found:
        return found, corrected, False
    return (_spread(corrected, take) if len(corrected) > 1 else []), corrected, True


def _unmatched(words: Sequence[str]) -> set[str]:
    """The words of four letters or more that no document has (a typo, perhaps), asked of
    the server in one statement; a shorter word is never corrected, so not asked about."""
    asked = [word for word in dict.fromkeys(words) if len(word) >= 4]
    if not asked:
        return set()
    counted = [word for word in asked if _ONE_LEXEME.fullmatch(word)]  # the book's words
    others = [word for word in asked if word not in counted]
    found = ", ".join(
        (["rapport_known(%s)"] if counted else [])
        + ["EXISTS (SELECT 1 FROM rapport_find(to_tsquery('simple', %s), 1))"] * len(others)
    )
    params: list[object] = ([counted] if counted else []) + [_lexeme(w) + ":*" for w in others]
    row = db.execute_sql(f"SELECT {found}", params).fetchone()
    has = (list(row[0]) if counted else []) + list(row[1 if counted else 0 :])
    return {word for word, known in zip(counted + others, has, strict=True) if not known}


def _closest(word: str) -> str | None:
    """The indexed word closest to ``word`` (a typo): among the book's words the member
    sees, the most alike by their trigrams (``rapport_similar``)."""
    cursor = db.execute_sql("SELECT keys FROM rapport_similar(%s, %s)", (word, SIMILAR_WORDS))
    best, best_ratio = None, CLOSE_ENOUGH
    for (text,) in cursor:
        for candidate in sorted(set(_WORD.findall(text))):
            if candidate[:1] != word[:1] or abs(len(candidate) - len(word)) > 2:
                continue
            ratio = SequenceMatcher(None, word, candidate, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best


def _spread(words: Sequence[str], take: int) -> list[Found]:
    """Documents of the clients having every word in some document of theirs (the first
    20 such clients by id), newest first: one statement (``rapport_spread``), the words
    longest first (they match fewer documents), stopping at the first that leaves no
    client."""
    cursor = db.execute_sql(*_spread_sql(words, take))
    return [(int(rowid), int(client_id), 0.0, None, None) for rowid, client_id in cursor]


def _spread_sql(words: Sequence[str], take: int) -> tuple[str, tuple[object, ...]]:
    """``_spread``'s statement and its parameters."""
    parts: list[str] = []
    params: list[object] = []
    for word in sorted(words, key=len, reverse=True):
        query, query_params = _query([word], True, True)
        parts.append(query)
        params += query_params
    return (
        f"SELECT rowid, client_id FROM rapport_spread(ARRAY[{', '.join(parts)}], %s)",
        (*params, take),
    )


# -- a connection made ready to search -------------------------------------------------------
# A connection's first call of each search function compiles it (PL/pgSQL) and plans its
# statements, and its first statements on the documents and the words load their tables'
# descriptions into the connection's caches: 10 to 30 ms of the server's for each pass at
# its first call (``rapport_find`` 14.4 -> 0.9 ms, ``rapport_enough`` 30 -> 3 ms on the
# second call), which the first searches of every new connection paid: 2 or 3 of the
# bench's 50 (its p95). ``warm`` makes every pass's first call at once, on words the book
# has, in two round trips: the words (one too common to rank, one of a few documents), then
# every pass, each reaching the statements a search can reach (the common word's listing,
# the spread's intersection and its documents, the words' look-ups).
# Such words: the least common over the cap, the first found of a few documents.
_WARM_WORDS = (
    "SELECT (SELECT w.word FROM search_word w WHERE w.owner = '' AND w.docs > %s"
    "  AND w.word ~ '^[a-z]{4,}$' ORDER BY w.docs LIMIT 1),"  # the least of them
    " (SELECT w.word FROM search_word w WHERE w.owner = '' AND w.docs BETWEEN %s AND %s"
    "  AND w.word ~ '^[a-z]{4,}$' AND plainto_tsquery('english', w.word)::text"
    "  = quote_literal(w.word) LIMIT 1)"  # its stem itself: no more documents than counted
)
# Past the cap, and a word of a few documents: few rows read to warm the passes.
_WARM_COMMON = postgres.RANK_CAP
_WARM_FEW = (2, 40)


def warm() -> None:
    """Make this thread's connection ready to search (see above); what it reads is thrown
    away. On a book without the words (an empty one) it does nothing; inside a transaction
    neither (a statement failing there would undo the transaction's work)."""
    if db.in_transaction():
        return
    row = db.execute_sql(_WARM_WORDS, (_WARM_COMMON, *_WARM_FEW)).fetchone()
    common, few = (row[0], row[1]) if row else (None, None)
    cap = (1, 1)
    reads = []
    if few is not None:
        reads += [
            _found_sql([few], True, False, 1, cap),  # the word typed: whole or as a prefix
            _found_sql([few, few], True, False, 1, cap),  # several words
            _spread_sql([few, few], 1),
            ("SELECT rapport_known(%s)", ([few],)),
            ("SELECT keys FROM rapport_similar(%s, %s)", (few, 1)),
        ]
    if common is not None:
        reads.append(_found_sql([common], False, False, 1, cap))  # too common to rank
    if reads:
        db.read_together(reads)


def _cap(found: Sequence[Found], limit: int, per_kind: int | None) -> list[Found]:
    if per_kind is None:
        return list(found[:limit])
    taken: dict[int, int] = {}
    out = []
    for item in found:
        bits = item[0] >> ID_BITS
        if taken.get(bits, 0) < per_kind:
            taken[bits] = taken.get(bits, 0) + 1
            out.append(item)
            if len(out) >= limit:
                break
    return out


def _with_text(found: Sequence[Found], words: Sequence[str], spread: bool) -> list[Hit]:
    if not found:
        return []
    unread = [f[0] for f in found if f[3] is None]  # the text of documents found by client
    texts = {
        int(rowid): (title, body)
        for rowid, title, body in (
            db.execute_sql(
                "SELECT rowid, title, body FROM search_doc WHERE rowid = ANY(%s)", (unread,)
            )
            if unread
            else ()
        )
    }
    hits = []
    for rowid, client_id, score, read_title, read_body in found:
        title, body = texts.get(rowid, (read_title or "", read_body or ""))
        kind, ref_id = doc_of(rowid)
        hits.append(
            Hit(
                kind=kind,
                ref_id=ref_id,
                client_id=client_id,
                title=mark(title, words)[0],
                snippet=snippet(body, words)[0],
                rank=score,
                spread=spread,
            )
        )
    return hits


class PgIndex:
    """``engine.SearchIndex`` on a team book: the functions of this module."""

    def index(self, doc: SearchRow) -> None:
        # Nobody reads its answer: inside a save it goes to the server with the save's next
        # statement, in one round trip (postgres.TeamDatabase.write_later), instead of a
        # round trip of its own (a save indexes 3 to 8 documents).
        db.write_later(_UPSERT, _row(*doc))

    def index_many(self, docs: Iterable[SearchRow]) -> int:
        return index_many(docs)

    def unindex(self, kind: str, ref_ids: Iterable[int]) -> None:
        unindex(kind, ref_ids)

    def clear(self) -> None:
        clear()

    def indexed_rowids(self) -> set[int]:
        return indexed_rowids()

    def indexed_titles(self) -> dict[int, str]:
        # The documents the member sees, as the rows are (row-level security).
        return indexed_titles()

    def search(self, text: str, limit: int, per_kind: int | None) -> list[Hit]:
        return search(text, limit, per_kind)

    def optimize(self) -> None:
        """The server keeps its GIN indexes tidy itself (autovacuum)."""

    def words_differing(self) -> int:
        return postgres.words_differing()

    def warm(self) -> None:
        warm()


TEAM_INDEX = PgIndex()
