"""Gift ideas that fit the person: ranked from what the client and their people care about.

The catalogue (``resources/gifts.json``) hangs concrete ideas off the interest tags of
``resources/interests.json``. For one client this module turns facts into *signals* (who
cares about which tag, how strongly, and the fact that says so), pairs each signal with the
catalogue's ideas for that tag, and ranks them:

- strength of the fact: its category (an interest counts more than a passing remark), how
  recently it was heard or confirmed, and how often it came up;
- who it is for: a child gets child ideas, an adult adult ones; a pet's interest becomes the
  client's ("Max, their dog");
- the occasion (an idea that does not suit it sinks) and the user's budget (ideas above it
  are dropped, cheaper ones kept a little lower);
- restrictions: a dietary or sensitive fact excludes ideas by what they contain ("sober"
  excludes ``alcohol``, "nut allergy" excludes ``nuts``); which restriction excludes what is
  data in the catalogue, not code;
- never twice: an idea whose title is the same as, or close to, one in the gift log is never
  proposed again.

Everything here is pure: the catalogue and the interest taxonomy come in parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus

from rapport.core.ages import age_on
from rapport.core.gift_catalogue import (
    AUDIENCES,
    OCCASIONS,
    PRICE_BANDS,
    GiftCatalogue,
    Idea,
    Restriction,
    Taxonomy,
    _norm,
    _wordset,
    parse_catalogue,
    parse_taxonomy,
    same_gift,
)
from rapport.core.names import fold
from rapport.core.records import Client, Fact, Gift, Person

# The catalogue's vocabulary is part of this module's interface (callers rank and parse).
__all__ = [
    "AUDIENCES",
    "OCCASIONS",
    "PRICE_BANDS",
    "GiftCatalogue",
    "GiftIdea",
    "GiftSuggestions",
    "Idea",
    "Restriction",
    "Taxonomy",
    "parse_catalogue",
    "parse_taxonomy",
    "rank_ideas",
    "same_gift",
    "search_url",
]

SEARCH_URL = "https://www.google.com/search?q="

# How much a fact of each category says about what someone would enjoy.
CATEGORY_WEIGHT = {
    "interest": 1.0,
    "preference": 0.85,
    "personal": 0.7,
    "family": 0.6,
    "other": 0.6,
    "dietary": 0.45,  # a vegan cookbook is a fine idea, but not the first one
    "business": 0.3,
    "sensitive": 0.0,  # never a gift hook, only a restriction
}
PARENT_WEIGHT = 0.6  # a Cubs fan would like a baseball book, a bit less than Cubs things
HALF_LIFE_DAYS = 365.0  # a fact heard a year ago counts half
REPEAT_BONUS = 0.35  # each further mention of the same interest adds this much of itself
CHILD_RELATIONS = ("son", "daughter", "child", "grandson", "granddaughter", "grandchild")
PET_RELATIONS = {"dog": "dogs", "cat": "cats", "pet": None}
ADULT_AGE = 18


# -- who the ideas are for -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Recipient:
    person_id: int | None  # None: the client
    name: str
    age: int | None
    stage: str  # adult, child or unknown


@dataclass(slots=True)
class Signal:
    tag: str
    recipient: Recipient
    fact: Fact | None
    because: str
    strength: float
    # Reached only through these narrower tags ("music" through "violin"): the broad
    # tag's ideas that belong to another of its specialties (a karaoke microphone is
    # singing) do not fit. Empty: the broad tag was heard itself.
    through: frozenset[str] = frozenset()


def recipients(
    client: Client, people: Sequence[Person], today: date
) -> dict[int | None, Recipient]:
    out: dict[int | None, Recipient] = {None: Recipient(None, client.first_name, None, "adult")}
    for person in people:
        if person.relation in PET_RELATIONS:
            continue  # a pet's interests are the client's (see signals)
        age = age_on(person, today)
        if age is not None:
            stage = "child" if age < ADULT_AGE else "adult"
        elif person.relation in CHILD_RELATIONS:
            stage = "unknown"
        else:
            stage = "adult"
        out[person.id] = Recipient(person.id, person.label, age, stage)
    return out


# Words a fact about someone often starts with; "plays travel baseball" then reads on
# from "Jake, 12, ". Anything else keeps its capital ("Yankees fan") after a colon.
_CONTINUES = _wordset(
    "plays loves likes enjoys collects is has had does goes runs swims rides just recently "
    "started wants big huge avid crazy obsessed really into learning takes made makes got "
    "was will"
)


def because_text(fact: Fact, person: Person | None, age: int | None) -> str:
    """The fact as the reason: "Jake, 12, plays travel baseball" (the age only when the
    fact does not say it already: "Mia (9) just started violin")."""
    text = fact.text.strip().rstrip(".")
    if person is None:
        return text
    if age is not None and re.search(rf"(?<![\d.]){age}(?![\d.])", text):
        age = None
    label = person.label
    if person.name:
        match = re.search(rf"\b{re.escape(person.name)}\b", text, re.IGNORECASE)
        if match:
            rest = text[match.end() :]
            if age is None:
                return text
            if rest.startswith(" ") and not rest.startswith(" ("):
                return f"{text[: match.end()]}, {age},{rest}"
            return f"{text} ({label} is {age})"
    first = text.split(" ", 1)[0].lower()
    if first in _CONTINUES:
        who = f"{label}, {age}," if age is not None else label
        return f"{who} {text[:1].lower()}{text[1:]}"
    detail = f"{person.relation}, {age}" if age is not None else person.relation
    return f"{label} ({detail}): {text}"


def _recency(fact: Fact, today: date) -> float:
    stamp = fact.confirmed_at or fact.created_at or fact.source_at
    if stamp is None:
        return 0.5
    days = max((today - stamp.date()).days, 0)
    return max(0.2, float(0.5 ** (days / HALF_LIFE_DAYS)))


def find_tags(text: str, taxonomy: Taxonomy) -> list[str]:
    """Interest tags a fact's text names, for facts typed without tags."""
    padded = f" {_norm(text)} "
    found = [
        tag
        for tag, phrases in taxonomy.synonyms.items()
        if any(f" {phrase} " in padded for phrase in phrases)
    ]
    # "fly fishing" also says "fishing": keep the narrow tag, its parent follows from it.
    implied = {parent for tag in found for parent in taxonomy.ancestors(tag)}
    return [tag for tag in found if tag not in implied]


def signals(
    client: Client,
    people: Sequence[Person],
    facts: Sequence[Fact],
    taxonomy: Taxonomy,
    today: date,
) -> list[Signal]:
    """Who cares about what, strongest fact first, one signal per (recipient, tag)."""
    who = recipients(client, people, today)
    person_by_id = {p.id: p for p in people}
    Entry = tuple[float, Fact | None, str, str | None]  # weight, fact, because, through
    collected: dict[tuple[int | None, str], list[Entry]] = {}

    def add(
        pid: int | None,
        tag: str,
        weight: float,
        fact: Fact | None,
        because: str,
        through: str | None = None,
    ) -> None:
        collected.setdefault((pid, tag), []).append((weight, fact, because, through))

    for fact in facts:
        weight = CATEGORY_WEIGHT.get(fact.category, 0.6) * _recency(fact, today)
        if weight <= 0:
            continue
        person = person_by_id.get(fact.person_id) if fact.person_id else None
        pid = person.id if person is not None else None
        age = age_on(person, today) if person is not None else None
        if person is not None and person.relation in PET_RELATIONS:
            pid = None  # "Max loves the beach": a gift for the client that Max can share
        because = because_text(fact, person, age)
        tags = list(fact.tags) or find_tags(fact.text, taxonomy)
        # "violin, music": music is what violin implies, a parent, not a second interest.
        implied = {parent for tag in tags for parent in taxonomy.ancestors(tag)}
        for tag in (t for t in tags if t not in implied):
            add(pid, tag, weight, fact, because)
            for depth, parent in enumerate(taxonomy.ancestors(tag), start=1):
                add(pid, parent, weight * PARENT_WEIGHT**depth, fact, because, tag)
    for person in people:
        pet_tag = PET_RELATIONS.get(person.relation)
        if pet_tag:
            pet = f"{person.label} is {client.first_name}'s {person.relation}"
            add(None, pet_tag, 0.7, None, pet)

    out = []
    for (pid, tag), heard in collected.items():
        heard.sort(key=lambda h: -h[0])
        best, source, because, _via = heard[0]
        strength = min(best * 2, best + REPEAT_BONUS * sum(h[0] for h in heard[1:]))
        vias = {h[3] for h in heard}
        through = frozenset() if None in vias else frozenset(v for v in vias if v)
        out.append(Signal(tag, who[pid], source, because, strength, through))
    out.sort(key=lambda s: (-s.strength, s.tag))
    return out


def restrictions_for(
    people: Sequence[Person],
    facts: Sequence[Fact],
    catalogue: GiftCatalogue,
    taxonomy: Taxonomy,
) -> tuple[dict[int | None, set[str]], list[str]]:
    """What each recipient must not get (``alcohol``, ``nuts``...), and why, in words."""
    excluded: dict[int | None, set[str]] = {}
    household: set[str] = set()
    names: dict[int | None, str] = {p.id: p.label for p in people}
    reasons: list[str] = []
    for fact in facts:
        padded = f" {_norm(fact.text)} "
        for tag, rule in catalogue.restrictions.items():
            phrases = (*rule.phrases, *taxonomy.synonyms.get(tag, ()))
            if tag not in fact.tags and not any(f" {p} " in padded for p in phrases):
                continue
            excluded.setdefault(fact.person_id, set()).update(rule.excludes)
            if rule.household:
                household.update(rule.excludes)
            reasons.append(_ruled_out(tag, rule.excludes, names.get(fact.person_id)))
    for pid in [None, *(p.id for p in people)]:
        excluded.setdefault(pid, set()).update(household)
    return excluded, list(dict.fromkeys(reasons))


def _ruled_out(tag: str, excludes: Sequence[str], who: str | None) -> str:
    """ "Not proposed: gifts with meat, fish or shellfish (vegetarian)."."""
    things = list(excludes)
    listed = things[0] if len(things) == 1 else f"{', '.join(things[:-1])} or {things[-1]}"
    whose = f"{who}: {tag}" if who else tag
    return f"Not proposed: gifts with {listed} ({whose})."


def _specialty_of_another(
    idea: Idea, signal: Signal, taxonomy: Taxonomy, tags_of: dict[str, frozenset[str]]
) -> bool:
    """A broad tag's idea that names another of its specialties than the one heard: a
    karaoke microphone (singing) for a child who just started violin."""
    if not signal.through:
        return False
    named = tags_of.get(idea.title)
    if named is None:
        named = frozenset(find_tags(f"{idea.title} {idea.search}", taxonomy))
        tags_of[idea.title] = named
    fitting = set(signal.through) | {signal.tag}
    for tag in signal.through:
        fitting.update(taxonomy.ancestors(tag))
    return bool(named - fitting)


# -- ranking ---------------------------------------------------------------------------------
@dataclass(slots=True)
class GiftIdea:
    title: str
    for_name: str
    because: str
    tags: list[str]
    search_url: str
    price: str
    occasion: str
    occasions: list[str]
    audience: str
    score: float
    person_id: int | None = None
    fact_id: int | None = None
    general: bool = False
    already_given: bool = False


@dataclass(slots=True)
class GiftSuggestions:
    client: str
    occasion: str
    budget: str
    ideas: list[GiftIdea]
    general: bool  # nothing known about their tastes: general ideas only
    notes: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (title, why not)


def search_url(words: str) -> str:
    return SEARCH_URL + quote_plus(" ".join(words.split()))


def _budget_factor(price: str, budget: str) -> float | None:
    gap = PRICE_BANDS.index(budget) - PRICE_BANDS.index(price)
    if gap < 0:
        return None  # over budget
    return (1.0, 0.85, 0.7)[gap]


def _audience_factor(idea: Idea, who: Recipient) -> float | None:
    if idea.audience == "any":
        return 1.0
    if who.stage == "unknown":
        return 0.7
    return 1.0 if idea.audience == who.stage else None


def _occasion_fit(idea: Idea, occasion: str) -> tuple[float, str]:
    if occasion == "any":
        return 1.0, idea.occasions[0]
    if occasion in idea.occasions or "any" in idea.occasions:
        return 1.0, occasion
    return 0.5, idea.occasions[0]


def rank_ideas(
    catalogue: GiftCatalogue,
    taxonomy: Taxonomy,
    client: Client,
    people: Sequence[Person],
    facts: Sequence[Fact],
    gift_log: Iterable[Gift],
    today: date,
    occasion: str = "any",
    budget: str = "medium",
    limit: int = 10,
) -> GiftSuggestions:
    """The best ``limit`` ideas for the client and their people, most fitting first."""
    if occasion not in OCCASIONS:
        raise ValueError(f"occasion must be one of {', '.join(OCCASIONS)}")
    budget = budget if budget in PRICE_BANDS else "medium"
    logged = [g.title for g in gift_log]
    found = signals(client, people, facts, taxonomy, today)
    excluded, reasons = restrictions_for(people, facts, catalogue, taxonomy)
    result = GiftSuggestions(client.name, occasion, budget, [], general=not found)
    candidates: dict[str, tuple[float, GiftIdea, tuple[int | None, str]]] = {}
    seen_skips: set[str] = set()
    tags_of: dict[str, frozenset[str]] = {}

    def skip(title: str, why: str) -> None:
        if title not in seen_skips:
            seen_skips.add(title)
            result.skipped.append((title, why))

    for signal in found:
        who = signal.recipient
        for idea in catalogue.by_tag.get(signal.tag, ()):
            if _specialty_of_another(idea, signal, taxonomy, tags_of):
                continue
            factor = _scored(idea, who, excluded, budget, logged, skip)
            if factor is None:
                continue
            fit, fits = _occasion_fit(idea, occasion)
            score = signal.strength * factor * fit
            key = fold(idea.title)
            if key in candidates and candidates[key][0] >= score:
                continue
            candidates[key] = (
                score,
                GiftIdea(
                    title=idea.title,
                    for_name=who.name,
                    because=signal.because,
                    tags=list(idea.tags),
                    search_url=search_url(idea.search),
                    price=idea.price,
                    occasion=fits,
                    occasions=list(idea.occasions),
                    audience=idea.audience,
                    score=round(score, 3),
                    person_id=who.person_id,
                    fact_id=signal.fact.id if signal.fact else None,
                ),
                (who.person_id, signal.tag),
            )
    result.ideas = _diverse(list(candidates.values()), limit)
    if len(result.ideas) < limit:
        general = _general(catalogue, client, excluded, budget, logged, occasion, skip)
        floor = result.ideas[-1].score if result.ideas else None
        for extra in general[: limit - len(result.ideas)]:
            if floor is not None:
                # General ideas come after every idea about this client's own people.
                extra.score = min(extra.score, floor)
            result.ideas.append(extra)
    if result.general:
        result.notes.append(
            f"Nothing is known yet about what {client.first_name} or their people enjoy; "
            "these are general ideas. Add facts (interests, family) for better ones."
        )
    result.notes += reasons
    return result


def _scored(
    idea: Idea,
    who: Recipient,
    excluded: dict[int | None, set[str]],
    budget: str,
    logged: Sequence[str],
    skip: Any,
) -> float | None:
    """The idea's fit for this recipient apart from the fact's strength; None: never."""
    # A gift goes through the client, so what the client must not have is out for all.
    banned = excluded.get(who.person_id, set()) | excluded.get(None, set())
    clash = banned.intersection(idea.contains)
    if clash:
        skip(idea.title, f"excluded ({', '.join(sorted(clash))})")
        return None
    if _already_logged(idea.title, tuple(logged)):
        skip(idea.title, "already in the gift log")
        return None
    budget_factor = _budget_factor(idea.price, budget)
    if budget_factor is None:
        skip(idea.title, f"over the {budget} budget")
        return None
    audience = _audience_factor(idea, who)
    if audience is None:
        return None
    return budget_factor * audience


@lru_cache(maxsize=8192)
def _already_logged(title: str, logged: tuple[str, ...]) -> bool:
    return any(same_gift(title, other) for other in logged)


def _diverse(
    scored: list[tuple[float, GiftIdea, tuple[int | None, str]]], limit: int
) -> list[GiftIdea]:
    """Best first, but each further idea on the same person and interest counts less,
    so ten baseball ideas do not crowd out the wine the client mentioned.

    Each picked idea's ``score`` becomes the discounted score it was picked with, so the
    scores a script reads never rise down the list (the order is the ranking).
    """
    remaining = sorted(scored, key=lambda s: (-s[0], s[1].title))
    picked: list[GiftIdea] = []
    used: dict[tuple[int | None, str], int] = {}
    while remaining and len(picked) < limit:
        best_i = max(
            range(len(remaining)),
            key=lambda i: (remaining[i][0] * 0.55 ** used.get(remaining[i][2], 0), -i),
        )
        score, idea, group = remaining.pop(best_i)
        if picked:
            # Rounding can lift a discounted score a hair above the one before it.
            idea.score = min(round(score * 0.55 ** used.get(group, 0), 3), picked[-1].score)
        else:
            idea.score = round(score, 3)
        used[group] = used.get(group, 0) + 1
        picked.append(idea)
    return picked


def _general(
    catalogue: GiftCatalogue,
    client: Client,
    excluded: dict[int | None, set[str]],
    budget: str,
    logged: Sequence[str],
    occasion: str,
    skip: Any,
) -> list[GiftIdea]:
    who = Recipient(None, client.first_name, None, "adult")
    out = []
    for idea in catalogue.general:
        factor = _scored(idea, who, excluded, budget, logged, skip)
        if factor is None:
            continue
        fit, fits = _occasion_fit(idea, occasion)
        out.append(
            GiftIdea(
                title=idea.title,
                for_name=who.name,
                because=idea.why or "A thoughtful choice for anyone",
                tags=[],
                search_url=search_url(idea.search),
                price=idea.price,
                occasion=fits,
                occasions=list(idea.occasions),
                audience=idea.audience,
                score=round(0.2 * factor * fit, 3),
                general=True,
            )
        )
    out.sort(key=lambda g: (-g.score, g.title))
    return out
