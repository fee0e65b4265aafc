"""Whom a note is about, as a learned ranker over the names it says (issue 16).

The rules of ``client_choice`` pick one name; this stage scores every candidate name of the
note (the rules' pick among them) with a handful of named features and weights learned from
the labelled sets by ``tools/train_client_ranker.py`` (``resources/client_ranker.json``), and
keeps the best. The rules' pick is one feature: the model moves away from it only where other
features (a firm's word in the name, a name said once in a heading while another is said again
and again, a surname alone beside the full name) have outweighed it across every labelled set.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rapport.core.understand.clients import KnownClient, match_client
from rapport.core.understand.mentions import NOT_NAMES, NameMention, first_names
from rapport.core.understand.resources import read_resource
from rapport.core.understand.text import LazyRegex
from rapport.core.understand.wordlists import word_list

__all__ = ["FEATURES", "MODEL_FILE", "Candidate", "candidates", "rerank_client", "score", "weights"]

MODEL_FILE = "client_ranker.json"
MAX_CANDIDATES = 8  # the names said first; a long pasted thread names dozens

FEATURES = (
    "rules_pick",  # the name the rules of client_choice chose
    "full",  # two words or more
    "titled",  # "Mr. Okafor": a surname with an honorific
    "three_words",  # three words or more ("Kestrel Home Goods", "Pani Agnieszka Wróblewska")
    "first_known",  # the first word is in the first-name list
    "last_known",  # the last word is in the first-name list (two first names: "Ruth Ann")
    "firm_word",  # a word of a firm's or an organisation's ending ("Peds", "Clinic", "Co")
    "not_name_word",  # a word of the language that is no name ("Show", "Review")
    "earliest",  # the first candidate said
    "position",  # where in the note it is first said (0 start, 1 end)
    "said_again",  # log(1 + times its first word is said after it)
    "surname_again",  # log(1 + times its last word is said after it), full names only
    "cue_with",  # after "with", "w/", "met", "for", "called", "to", "saw"
    "cue_place",  # after "@", "at", "in", "from", "by": a place's or a firm's name
    "line_start",  # the first word of a line
    "first_line",  # on the note's first line (a heading, a subject)
    "paren_after",  # followed by "(": a role, a firm or a nickname in brackets
    "speaker",  # followed by ":" or "<": who speaks in a thread, who wrote an e-mail
    "possessive",  # "Ray's": said as an owner
    "kin_before",  # after a family word ("his wife", "their daughter")
    "part_of_other",  # a shorter form of another candidate ("Adebayo" beside "Femi Adebayo")
    "longer_than_other",  # the longer form of another candidate
    "lower",  # written in lower case
    "book_exact",  # the book holds this name, exactly or misspelt
    "book_first",  # a book client's first name or nickname ("Gwen" for Gwendolyn Marsh)
    "book_other",  # a book client by a surname, a first name said short or a company
    "book_none",  # a book is given and holds no one of this name
)


@dataclass(frozen=True, slots=True)
class Candidate:
    mention: NameMention
    features: tuple[float, ...]


_WITH_BEFORE = LazyRegex(
    r"(?:\b(?:with|w|met|meet|meeting|mtg|for|called|call|to|saw|visited|from|dear|hi|hey|"
    r"thanks)|/)\s*$",
    re.I,
)
_PLACE_BEFORE = LazyRegex(r"(?:@|\b(?:at|in|by|near|inside|of))\s+(?:the\s+)?$", re.I)
_KIN_BEFORE = LazyRegex(
    r"\b(?:wife|husband|hubby|hubs|spouse|son|daughter|kid|kids|child|mom|mum|mother|dad|"
    r"father|sister|brother|grandson|granddaughter|fiance|fiancee|partner|cousin|niece|nephew|"
    r"in-law|twins?)[,:]?\s+$",
    re.I,
)


@cache
def _firm_words() -> frozenset[str]:
    return (
        word_list("mentions._ORG_ENDINGS")
        | word_list("mentions.FIRM_ENDINGS")
        | word_list("client_rank.FIRM_WORDS")
    )


@cache
def weights() -> tuple[float, ...]:
    """The learned weights, one per feature of FEATURES (the file names them)."""
    data = json.loads(read_resource(MODEL_FILE))
    named = data["weights"]
    return tuple(float(named[name]) for name in FEATURES)


@lru_cache(maxsize=1024)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.I)


def _count(word: str, text: str) -> int:
    return len(_word_pattern(word).findall(text)) if word else 0


_BOOK = slice(-4, None)  # the four book features, last in FEATURES


def _book_features(name: str, known: Sequence[KnownClient]) -> tuple[float, ...]:
    how = match_client([name], [], known).how if known else ""
    return (
        1.0 if how in ("exact", "close") else 0.0,
        1.0 if how == "first_name" else 0.0,
        1.0 if how in ("surname", "company") else 0.0,
        1.0 if known and how == "new" else 0.0,
    )


def candidates(
    body: str,
    names: Sequence[NameMention],
    chosen: NameMention | None,
    known: Sequence[KnownClient] = (),
    lookup: bool = True,
) -> list[Candidate]:
    """The names the client may be, each with its features (FEATURES' order); without
    ``lookup`` the book features are left 0 (``rerank_client`` looks up only the names that
    may win)."""
    pool: list[NameMention] = []
    seen: set[str] = set()
    for mention in [*names[: MAX_CANDIDATES * 2], *([chosen] if chosen else [])]:
        key = mention.name.lower()
        if key in seen:
            continue
        seen.add(key)
        pool.append(mention)
    pool.sort(key=lambda m: m.start)
    if chosen is not None and chosen not in pool[:MAX_CANDIDATES]:
        pool = [*pool[: MAX_CANDIDATES - 1], chosen]
    else:
        pool = pool[:MAX_CANDIDATES]
    firsts = first_names()
    firm = _firm_words()
    size = max(len(body), 1)
    earliest = min((m.start for m in pool), default=0)
    newline = body.find("\n")
    first_line_end = size if newline == -1 else newline
    out = []
    for m in pool:
        words = m.name.split()
        low = [w.lower().rstrip(".") for w in words]
        rest = body[m.end :]
        before = body[max(0, m.start - 16) : m.start]
        after = body[m.end : m.end + 3]
        line_start = (
            m.start == 0
            or body[: m.start].rstrip(" \t>-*#").endswith("\n")
            or not (body[: m.start].strip())
        )
        others = [o for o in pool if o is not m]
        name_low = m.name.lower()
        part_of = any(
            name_low != o.name.lower()
            and re.search(rf"(?<!\w){re.escape(name_low)}(?!\w)", o.name.lower())
            for o in others
        )
        longer = any(
            name_low != o.name.lower()
            and re.search(rf"(?<!\w){re.escape(o.name.lower())}(?!\w)", name_low)
            for o in others
        )
        features = (
            1.0 if chosen is not None and m.name == chosen.name else 0.0,
            1.0 if m.full else 0.0,
            1.0 if m.titled else 0.0,
            1.0 if len(words) >= 3 else 0.0,
            1.0 if low and low[0] in firsts else 0.0,
            1.0 if len(low) > 1 and low[-1] in firsts else 0.0,
            1.0 if any(w in firm for w in low) else 0.0,
            1.0 if any(w in NOT_NAMES and w not in firsts for w in low) else 0.0,
            1.0 if m.start == earliest else 0.0,
            m.start / size,
            math.log1p(_count(m.first, rest)),
            math.log1p(_count(words[-1], rest)) if m.full else 0.0,
            1.0 if _WITH_BEFORE.search(before) else 0.0,
            1.0 if _PLACE_BEFORE.search(before) else 0.0,
            1.0 if line_start else 0.0,
            1.0 if m.start < first_line_end else 0.0,
            1.0 if after.lstrip().startswith("(") else 0.0,
            1.0 if after[:1] == ":" or after.lstrip().startswith("<") else 0.0,
            1.0 if after.startswith(("'s", "\u2019s")) else 0.0,
            1.0 if _KIN_BEFORE.search(before) else 0.0,
            1.0 if part_of else 0.0,
            1.0 if longer else 0.0,
            1.0 if body[m.start : m.start + 1].islower() else 0.0,
            *(_book_features(m.name, known) if lookup else (0.0, 0.0, 0.0, 0.0)),
        )
        out.append(Candidate(m, features))
    return out


def score(features: Sequence[float], w: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(features, w, strict=True))


def rerank_client(
    body: str,
    names: Sequence[NameMention],
    chosen: NameMention | None,
    known: Sequence[KnownClient] = (),
) -> NameMention | None:
    """The best-scored candidate; the rules' pick when they chose none or there is no other.

    Looking a name up in a book of thousands costs the most, so the book features are looked
    up only for the rules' pick and the names that could still outscore it whatever the book
    says of them (the same choice as looking every name up)."""
    if chosen is None:
        return None
    pool = candidates(body, names, chosen, known, lookup=False)
    if len(pool) < 2:
        return chosen
    w = weights()
    book_w = w[_BOOK] if known else (0.0,)
    high, low = max(book_w), min(book_w)
    base = [score(c.features, w) for c in pool]
    ours = next(i for i, c in enumerate(pool) if c.features[0])
    floor = base[ours] + low
    contenders = [
        Candidate(c.mention, (*c.features[: _BOOK.start], *_book_features(c.mention.name, known)))
        if known
        else c
        for i, c in enumerate(pool)
        if i == ours or base[i] + high >= floor
    ]
    best = max(contenders, key=lambda c: (score(c.features, w), c.features[0]))
    return best.mention
