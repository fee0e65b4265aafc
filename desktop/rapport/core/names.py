"""Names: folding for sorting and look-up, and finding the client a user meant.

"bob smi", "Bob Smtih" and "bob" (when only one Bob) all mean Bob Smith. The rules are
shared by the command line's CLIENT argument, quick capture and the window's pickers.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# How close a misspelling must be to count as the same name (0..1).
CLOSE_ENOUGH = 0.82


def fold(text: str) -> str:
    """Lower-case, accents removed, spaces collapsed: 'José  Núñez' -> 'jose nunez'."""
    if text.isascii():  # most names: the same result, without Unicode decomposition
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def first_name(full_name: str) -> str:
    parts = full_name.split()
    return parts[0] if parts else full_name


@dataclass(frozen=True, slots=True)
class NameMatch:
    id: int
    name: str
    how: str  # exact, prefix, words, close
    score: float


def match_name(query: str, candidates: Iterable[tuple[int, str]]) -> list[NameMatch]:
    """Candidates that ``query`` may mean, best first; only the best kind of match.

    An exact name beats a prefix ("bob smi"), which beats every word being a prefix of a
    word of the name ("smith bob"), which beats a close spelling ("Bob Smtih").
    """
    q = fold(query)
    if not q:
        return []
    from difflib import SequenceMatcher  # only when names are compared: it is slow to import

    q_words = q.split()
    exact: list[NameMatch] = []
    prefix: list[NameMatch] = []
    words: list[NameMatch] = []
    close: list[NameMatch] = []
    for cid, name in candidates:
        key = fold(name)
        if key == q:
            exact.append(NameMatch(cid, name, "exact", 1.0))
            continue
        if key.startswith(q):
            prefix.append(NameMatch(cid, name, "prefix", len(q) / len(key)))
            continue
        name_words = key.split()
        if all(any(w.startswith(qw) for w in name_words) for qw in q_words):
            words.append(NameMatch(cid, name, "words", len(q) / max(len(key), 1)))
            continue
        if len(q) >= 4:
            ratio = SequenceMatcher(None, q, key, autojunk=False).ratio()
            if ratio >= CLOSE_ENOUGH:
                close.append(NameMatch(cid, name, "close", ratio))
    for group in (exact, prefix, words):
        if group:
            return sorted(group, key=lambda m: (-m.score, m.name))
    return sorted(close, key=lambda m: (-m.score, m.name))
