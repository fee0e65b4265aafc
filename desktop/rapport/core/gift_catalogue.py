"""The gift catalogue and the interest taxonomy, parsed; and when two gifts are the same.

``resources/gifts.json`` hangs concrete ideas off the interest tags of
``resources/interests.json`` (price band, audience, occasions, search words, and what each
idea *contains*, so that restrictions can rule it out) and says which dietary or sensitive
fact excludes what. ``same_gift`` is how the gift log keeps ideas from repeating: titles
that differ only in wording, word order, plurals or spelling count as the same gift.
Pure: the JSON comes in already read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from rapport.core.names import fold

PRICE_BANDS = ("low", "medium", "high")
OCCASIONS = ("thank_you", "birthday", "holiday", "congratulations", "get_well", "any")
AUDIENCES = ("adult", "child", "any")
_WORD = re.compile(r"[a-z0-9]+")


def _norm(text: str) -> str:
    """'Doesn't  Drink!' -> 'doesn t drink': words only, for whole-word phrase search."""
    return " ".join(_WORD.findall(fold(text)))


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- the catalogue ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Idea:
    title: str
    tags: tuple[str, ...]
    price: str
    occasions: tuple[str, ...]
    audience: str
    search: str
    contains: tuple[str, ...] = ()
    why: str = ""  # for general ideas: why it suits anyone


@dataclass(frozen=True, slots=True)
class Restriction:
    tag: str
    excludes: tuple[str, ...]
    phrases: tuple[str, ...]
    household: bool  # an allergy in the house rules the food out for everyone there


@dataclass(frozen=True)
class GiftCatalogue:
    ideas: tuple[Idea, ...]
    general: tuple[Idea, ...]
    restrictions: dict[str, Restriction]
    by_tag: dict[str, tuple[Idea, ...]]


@dataclass(frozen=True)
class Taxonomy:
    """What the gift ranking needs of the interest catalogue: parents, categories, phrases."""

    parents: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    # Each tag's phrases (the tag itself first), folded to plain lower-case words.
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def ancestors(self, tag: str) -> list[str]:
        chain: list[str] = []
        parent = self.parents.get(tag)
        while parent and parent not in chain and parent != tag:
            chain.append(parent)
            parent = self.parents.get(parent)
        return chain


def parse_taxonomy(data: dict[str, Any]) -> Taxonomy:
    parents: dict[str, str] = {}
    categories: dict[str, str] = {}
    synonyms: dict[str, tuple[str, ...]] = {}
    for entry in data.get("interests", []):
        tag = str(entry["tag"])
        categories[tag] = str(entry.get("category", ""))
        if entry.get("parent"):
            parents[tag] = str(entry["parent"])
        phrases = [_norm(tag), *(_norm(str(s)) for s in entry.get("synonyms", ()))]
        synonyms[tag] = tuple(dict.fromkeys(p for p in phrases if p))
    return Taxonomy(parents, categories, synonyms)


def _idea(raw: dict[str, Any], tags: Sequence[str]) -> Idea:
    title = str(raw["title"]).strip()
    price = str(raw.get("price", "medium"))
    audience = str(raw.get("audience", "any"))
    occasions = tuple(raw.get("occasions") or ("any",))
    if price not in PRICE_BANDS:
        raise ValueError(f"gift idea {title!r}: price must be one of {PRICE_BANDS}")
    if audience not in AUDIENCES:
        raise ValueError(f"gift idea {title!r}: audience must be one of {AUDIENCES}")
    bad = [o for o in occasions if o not in OCCASIONS]
    if bad:
        raise ValueError(f"gift idea {title!r}: unknown occasions {bad}")
    return Idea(
        title=title,
        tags=tuple(tags),
        price=price,
        occasions=occasions,
        audience=audience,
        search=str(raw.get("search") or title),
        contains=tuple(raw.get("contains", ())),
        why=str(raw.get("why", "")),
    )


def parse_catalogue(data: dict[str, Any]) -> GiftCatalogue:
    """The catalogue from its JSON; an idea listed under several tags is one idea."""
    merged: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for tag, ideas in data.get("interests", {}).items():
        for raw in ideas:
            key = fold(str(raw["title"]))
            if key in merged:
                merged[key][1].append(tag)
            else:
                merged[key] = (raw, [tag, *raw.get("also", [])])
    ideas = tuple(_idea(raw, tags) for raw, tags in merged.values())
    by_tag: dict[str, list[Idea]] = {}
    for idea in ideas:
        for tag in idea.tags:
            by_tag.setdefault(tag, []).append(idea)
    general = tuple(_idea(raw, ()) for raw in data.get("general", []))
    restrictions = {
        tag: Restriction(
            tag,
            tuple(spec.get("excludes", ())),
            tuple(_norm(str(p)) for p in (tag, *spec.get("phrases", ())) if _norm(str(p))),
            bool(spec.get("household", False)),
        )
        for tag, spec in data.get("restrictions", {}).items()
    }
    return GiftCatalogue(ideas, general, restrictions, {tag: tuple(v) for tag, v in by_tag.items()})


# -- near-duplicate titles ------------------------------------------------------------------
_STOP = _wordset("a an the of for to with and or in on by from his her their my your our set")


@lru_cache(maxsize=4096)
def _title_words(title: str) -> tuple[str, ...]:
    words = []
    for word in _WORD.findall(fold(title)):
        if word in _STOP:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return tuple(words)


def same_gift(a: str, b: str) -> bool:
    """True when two gift titles name the same gift, allowing for wording and plurals.

    "A history of baseball book" = "Baseball history book"; "Personalized golf balls" =
    "Golf balls"; but "Baseball glove" is not "Baseball bat".
    """
    wa, wb = _title_words(a), _title_words(b)
    if not wa or not wb:
        return fold(a) == fold(b)
    sa, sb = set(wa), set(wb)
    in_b = sum(1 for w in sa if w in sb or any(_same_word(w, v) for v in sb))
    if in_b == 0:
        return False  # not one word in common: cheap and common, so decided first
    in_a = sum(1 for w in sb if w in sa or any(_same_word(w, v) for v in sa))
    if in_b == len(sa) and in_a == len(sb):
        return True
    small, covered, large = (sa, in_b, sb) if len(sa) <= len(sb) else (sb, in_a, sa)
    if len(small) >= 2 and covered == len(small) and len(small) / len(large) >= 0.4:
        return True
    common = min(in_a, in_b)
    if common / (len(sa) + len(sb) - common) >= 0.75:
        return True
    return SequenceMatcher(None, " ".join(wa), " ".join(wb), autojunk=False).ratio() >= 0.86


@lru_cache(maxsize=65536)
def _same_word(a: str, b: str) -> bool:
    """Equal, or a spelling variant of a longer word (personalised / personalized)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 2 or a[:2] != b[:2]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.85
