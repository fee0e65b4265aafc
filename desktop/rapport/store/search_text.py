"""The text side of search: a hit, the words of a query, matched words marked in titles
and snippets, and the ranking of what LIKE found on databases without FTS5. Nothing here
reads the database (store/search.py does), so both sides can use it.

Matching here mirrors the index's tokenizer closely enough for display: a document word
matches a query word when it starts with it or shares a stem-like beginning with it,
accents and case ignored.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A search document's key, the same on every engine: its kind in the high bits of the rowid,
# the row's id in the low 40. The higher the bits, the earlier the kind comes in a result
# list that is not ranked by relevance.
KIND_BITS: dict[str, int] = {
    "client": 15,
    "person": 14,
    "fact": 13,
    "task": 12,
    "gift": 11,
    "inbound": 10,
    "interaction": 9,
    "card": 8,
}
BITS_KIND = {bits: kind for kind, bits in KIND_BITS.items()}
ID_BITS = 40
ID_MASK = (1 << ID_BITS) - 1


def doc_rowid(kind: str, ref_id: int) -> int:
    return (KIND_BITS[kind] << ID_BITS) | ref_id


def doc_of(rowid: int) -> tuple[str, int]:
    """The (kind, row id) a document's rowid stands for."""
    return BITS_KIND.get(rowid >> ID_BITS, "other"), rowid & ID_MASK


MARK_START, MARK_END = "\x02", "\x03"
# Letters and digits: what FTS5's unicode61 tokenizer keeps (underscores split words).
WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_WORDS = 8
MAX_WORD_LENGTH = 40


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    ref_id: int
    client_id: int | None
    title: str  # with MARK_START/MARK_END around matched words
    snippet: str  # likewise
    rank: float  # lower is better
    spread: bool = False  # found by words spread over the client's documents


def words_of(text: str) -> list[str]:
    """The words of a query: letters and digits only, lower-cased, once each, at most 8."""
    seen: list[str] = []
    for word in WORD.findall(text or ""):
        word = word.lower()[:MAX_WORD_LENGTH]
        if word not in seen:
            seen.append(word)
    return seen[:MAX_WORDS]


# -- marking matched words --------------------------------------------------------------------
def fold(text: str) -> str:
    """Lower case without accents, as the index's tokenizer sees words."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    """Document words that match query words: starting with one ("tourn"), or sharing a
    stem-like beginning with a longer one ("tournaments" / "tournament")."""
    return _pattern_of(tuple(words))


# A search marks its title and snippet in each of up to 60 results with the same words:
# the pattern is made once per query, not once per text (a tenth of a search's CPU).
@functools.lru_cache(maxsize=32)
def _pattern_of(words: tuple[str, ...]) -> re.Pattern[str]:
    stems = set()
    for word in words:
        word = fold(word)
        stems.add(word if len(word) < 5 else word[: max(4, len(word) - 2)])
    alternatives = "|".join(re.escape(w) for w in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def _spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Where the matching words are in ``text`` (accents ignored)."""
    if text.isascii():
        return [m.span() for m in pattern.finditer(text)]
    # Folding can change lengths: match word by word on the folded form instead (an ASCII
    # word folds to itself but for case, which the pattern ignores: most words of a text
    # holding one dash or accent).
    return [
        t.span()
        for t in WORD.finditer(text)
        if pattern.fullmatch(word if (word := t.group(0)).isascii() else fold(word))
    ]


def _wrap(text: str, spans: Sequence[tuple[int, int]], offset: int = 0) -> str:
    out, last = [], 0
    for start, end in spans:
        start, end = start - offset, end - offset
        if start < 0 or end > len(text):
            continue
        out += [text[last:start], MARK_START, text[start:end], MARK_END]
        last = end
    out.append(text[last:])
    return "".join(out)


def mark(text: str, words: Sequence[str]) -> tuple[str, bool]:
    """``text`` with every matching word wrapped in MARK_START/MARK_END; and whether any
    word matched."""
    if not text or not words:
        return text, False
    spans = _spans(text, _pattern(words))
    return _wrap(text, spans), bool(spans)


def snippet(text: str, words: Sequence[str], size: int = 14) -> tuple[str, bool]:
    """About ``size`` words of ``text`` where most query words match, matches marked,
    with "…" where it was cut; and whether any word matched."""
    text = " ".join(text.split())
    tokens = [t.span() for t in WORD.finditer(text)]
    if not tokens or not words:
        return text, False
    pattern = _pattern(words)
    spans = _spans(text, pattern)
    begin = 0
    if spans:
        # Sets, not the lists: a body of a few hundred words is read for each of up to 60
        # results of every search as you type.
        matched, starts_at = set(spans), {start for start, _ in spans}
        starts = [i for i, (start, _) in enumerate(tokens) if start in starts_at]
        # No window can hold more different matched words than the whole text does.
        most = len({text[a:b].lower() for a, b in tokens if (a, b) in matched})
        best = -1
        for first in starts:  # the window holding the most different matched words
            window = tokens[max(0, first - 2) : max(0, first - 2 + size)]
            found = {text[a:b].lower() for a, b in window if (a, b) in matched}
            if len(found) > best:
                best, begin = len(found), max(0, min(first - 2, len(tokens) - size))
                if best >= most:
                    break
    end = min(len(tokens), begin + size)
    start_at = 0 if begin == 0 else tokens[begin][0]
    stop_at = len(text) if end == len(tokens) else tokens[end - 1][1]
    piece = _wrap(text[start_at:stop_at], [s for s in spans if s[0] >= start_at], start_at)
    return ("…" if begin else "") + piece + ("…" if end < len(tokens) else ""), bool(spans)


# -- without SQLite ---------------------------------------------------------------------------
def like_search(
    documents: Iterable[tuple[str, int, int | None, str, str]], text: str, limit: int = 50
) -> list[Hit]:
    """Rank documents that LIKE found (kind, ref_id, client_id, title, body) for a
    database without FTS5: clients and people first, then matches in titles."""
    words = words_of(text)
    hits: list[Hit] = []
    for kind, ref_id, client_id, title, body in documents:
        title_marked, in_title = mark(title, words)
        body_snippet, _ = snippet(body, words)
        weight = {"client": 0.0, "person": 0.5}.get(kind, 1.0)
        rank = weight + (0.0 if in_title else 2.0)
        hits.append(Hit(kind, ref_id, client_id, title_marked, body_snippet, rank))
    hits.sort(key=lambda h: (h.rank, h.kind, h.ref_id))
    return hits[:limit]
