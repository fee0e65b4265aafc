"""Names: folding for sorting and look-up, and finding the client a user meant.

"bob smi", "Bob Smtih" and "bob" (when only one Bob) all mean Bob Smith. The rules are
shared by the command line's CLIENT argument, quick capture and the window's pickers.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
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


# What str.split() takes for whitespace in ASCII text besides the space and the newline.
_OTHER_SPACE = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"


def fold_all(texts: Sequence[str]) -> list[str]:
    """``[fold(text) for text in texts]``; thousands of names at C speed when they are
    ASCII with single spaces between words (almost every book), where folding is
    lower-casing: a one-shot ``rapport capture --dry-run`` folds all its clients' names."""
    joined = "\n".join(texts)
    if (
        joined.isascii()
        and joined.count("\n") == len(texts) - 1  # no text holds a newline
        and "  " not in joined
        and " \n" not in joined
        and "\n " not in joined
        and not joined.startswith(" ")
        and not joined.endswith(" ")
        and not any(space in joined for space in _OTHER_SPACE)
    ):
        return joined.lower().split("\n")
    return [fold(text) for text in texts]


def first_name(full_name: str) -> str:
    parts = full_name.split()
    return parts[0] if parts else full_name


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A candidate's name matched by a query: its id, how it matched and how closely (0..1)."""

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
