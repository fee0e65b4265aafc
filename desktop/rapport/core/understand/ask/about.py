"""Two or three things to ask about before a call, from what the client told us.

"How did Jake's tournament go?", "How is your father recovering?", "How was Scotland?",
"Did the March delivery plan hold?". Each rule (news.py, life.py,
business.py, hobbies.py) recognises one kind of news in a
fact or a conversation's key point (health, an event, a trip, a milestone, a life
change, something being learnt, a business deadline or problem, a hobby) and words a
question about it for the person it concerns, in the right tense: before the trip it
asks whether they are all set, after it how it was.

The rules prefer saying nothing to saying something awkward: a note they cannot word
cleanly gives no question, topics nobody should raise (a divorce, a lawsuit) are never
asked about, and news goes stale (nobody asks about a tournament from last spring).
Recent news and news about the client's people rank first; at most one business
question and one hobby question make the list, and the openings are varied.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rapport.core.records import Client, Fact, Interaction, Person
from rapport.core.understand.ask.business import business
from rapport.core.understand.ask.context import (
    NOT_PLACES,
    PLURAL_RELATIONS,
    YOU,
    Candidate,
    Context,
    Heard,
    Rule,
    Subject,
    possessive,
)
from rapport.core.understand.ask.hobbies import interest
from rapport.core.understand.ask.life import learning, life
from rapport.core.understand.ask.news import event, health, loss, milestone, travel
from rapport.core.understand.dates import when

LIMIT = 3
RECENT_INTERACTIONS = 5

# How long after the news (or after the event, when its date is known) a question stays
# natural, in days, and how much each kind of news weighs against the others.
MAX_AGE = {
    "loss": 60,
    "health": 120,
    "event": 45,
    "travel": 90,
    "milestone": 90,
    "life": 150,
    "learning": 150,
    "business": 120,
    "interest": 100_000,
}
WEIGHT = {
    "loss": 10.0,
    "health": 10.0,
    "event": 8.0,
    "milestone": 8.0,
    "travel": 7.0,
    "life": 6.5,
    "learning": 5.0,
    "business": 4.0,
    "interest": 2.0,
}
SKIPPED_CATEGORIES = {"dietary", "preference"}
NEVER_ASK = re.compile(
    r"\b(?:divorc\w*|separat(?:ed|ing|ion)|affair|lawsuit|sued|suing|bankrupt\w*|arrest\w*|"
    r"DUI|miscarriage|custody|fired|laid off|layoffs?|let go|jail|prison|probation)\b",
    re.I,
)

RELATIONS = {
    "mom": "mother",
    "mum": "mother",
    "mother": "mother",
    "dad": "father",
    "father": "father",
    "wife": "wife",
    "husband": "husband",
    "partner": "partner",
    "fiance": "fiancé",
    "fiancé": "fiancé",
    "fiancee": "fiancée",
    "fiancée": "fiancée",
    "son": "son",
    "daughter": "daughter",
    "brother": "brother",
    "sister": "sister",
    "grandson": "grandson",
    "granddaughter": "granddaughter",
    "grandmother": "grandmother",
    "grandma": "grandmother",
    "grandfather": "grandfather",
    "grandpa": "grandfather",
    "kids": "kids",
    "children": "kids",
    "twins": "twins",
    "boys": "boys",
    "girls": "girls",
    "dog": "dog",
    "cat": "cat",
    "puppy": "puppy",
    "kitten": "kitten",
}
_RELATION_RE = re.compile(
    r"\b(?:(his|her|their|my|our)\s+)?(" + "|".join(sorted(RELATIONS, key=len, reverse=True)) + r")"
    # "mother-in-law" is not "mother"
    r"\b(?!-in-law)(?:,?\s+((?-i:[A-Z][a-z]+)(?:\s+and\s+(?-i:[A-Z][a-z]+))?)\b)?",
    re.I,
)


# -- who a note is about ----------------------------------------------------------------------
def person_subject(person: Person) -> Subject:
    if person.name:
        return Subject(person.name, possessive(person.name), f"person:{person.id}")
    return relation_subject(person.relation or "family", f"person:{person.id}")


def relation_subject(relation: str, key: str | None = None) -> Subject:
    relation = RELATIONS.get(relation.lower(), relation.lower())
    if relation in PLURAL_RELATIONS:
        owner = "the" if relation == "twins" else "your"
        return Subject(f"{owner} {relation}", f"{owner} {relation}'", key or relation, plural=True)
    return Subject(f"your {relation}", f"your {relation}'s", key or relation)


def subject_of(text: str, people: Sequence[Person], person_id: int | None) -> Subject:
    """Who ``text`` is about: a named person it mentions, the fact's person, a relation, or
    the client."""
    named = [p for p in people if p.name and re.search(rf"\b{re.escape(p.name)}\b", text)]
    named.sort(key=lambda p: text.find(p.name or ""))
    if len(named) >= 2:
        first, second = named[0].name or "", named[1].name or ""
        both = f"{first} and {second}"
        return Subject(both, possessive(both), f"people:{named[0].id}+{named[1].id}", plural=True)
    if person_id is not None:
        for person in people:
            if person.id == person_id:
                return person_subject(person)
    if named:
        return person_subject(named[0])
    match = _RELATION_RE.search(text)
    if match is not None and re.search(r"\bwith\s+$", text[: match.start()], re.I):
        return YOU  # "a cruise with his wife": the client's news, shared
    if match is not None:
        relation = RELATIONS[match.group(2).lower()]
        name = match.group(3)
        if name and name.split()[0].lower() not in NOT_PLACES:
            plural = " and " in name  # "her twins, Max and Leo"
            return Subject(name, possessive(name), f"name:{name.lower()}", plural=plural)
        same = [p for p in people if RELATIONS.get(p.relation, p.relation) == relation]
        if len(same) == 1:
            return person_subject(same[0])
        return relation_subject(relation)
    return YOU


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    topic: str
    score: float
    subject: str
    fact_id: int | None = None
    interaction_id: int | None = None


PERSONAL_RULES: tuple[Rule, ...] = (
    loss,
    health,
    milestone,
    travel,
    life,
    event,
    learning,
    interest,
)
# Key points are mostly business, but a logged conversation can carry personal news too
# ("Father back in hospital"); only the hobby rule is left out, as it would read
# "reviewing the books" as reading.
BUSINESS_RULES: tuple[Rule, ...] = (business, *PERSONAL_RULES[:-1])


# -- choosing -------------------------------------------------------------------------------
def candidates(heard: Heard, today: date) -> list[Question]:
    """The question this note gives, in one or more phrasings (or none); the first rule
    that recognises the note words it."""
    if heard.category in SKIPPED_CATEGORIES or NEVER_ASK.search(heard.text):
        return []
    context = Context(heard, when.read(heard.text, heard.heard_on), today)
    rules = BUSINESS_RULES if heard.business else PERSONAL_RULES
    for rule in rules:
        found = rule(context)
        if found is None:
            continue
        score = _score(found, heard, today)
        if score is None:
            return []
        return [
            Question(
                text=text,
                topic=found.topic,
                score=score,
                subject=heard.subject.key,
                fact_id=heard.fact_id,
                interaction_id=heard.interaction_id,
            )
            for text in found.phrasings
        ]
    return []


def _score(found: Candidate, heard: Heard, today: date) -> float | None:
    reference = heard.heard_on
    if found.day is not None and found.day > today:
        if (found.day - today).days > 400:
            return None
        ahead = (found.day - today).days
        recency = 2.5 if ahead <= 30 else 1.0
    else:
        if found.day is not None:
            reference = found.day  # "was in May", "last year": the event, not the telling
        age = (today - reference).days
        if age > MAX_AGE[found.topic]:
            return None
        recency = 3.0 if age <= 14 else 2.0 if age <= 45 else 1.0 if age <= 120 else 0.0
    weight = found.weight if found.weight is not None else WEIGHT[found.topic]
    person = 1.5 if not heard.subject.client and found.topic != "business" else 0.0
    return weight + recency + person


def choose(options: Sequence[Sequence[Question]], limit: int = LIMIT) -> list[Question]:
    """The best ``limit`` questions, one per thing heard (each with its phrasings): varied
    openings, not three about one person nor two on one topic about them (the fall told
    in a call and kept as a fact is one piece of news), at most one about business and
    one about a hobby (and that one only to make up two)."""
    groups = sorted((g for g in options if g), key=lambda g: -g[0].score)
    chosen: list[Question] = []
    openings: set[str] = set()
    per_subject: dict[str, int] = {}
    topics: dict[str, int] = {}
    asked: set[tuple[str, str]] = set()
    for group in groups:
        if len(chosen) >= limit:
            break
        first = group[0]
        if first.topic == "interest" and len(chosen) >= 2:
            continue
        if first.topic in ("business", "interest") and topics.get(first.topic, 0) >= 1:
            continue
        if per_subject.get(first.subject, 0) >= 2:
            continue
        if (first.subject, first.topic) in asked:
            continue  # the same news heard twice (a fact and the talk it came from)
        texts = {q.text for q in chosen}
        fresh = [q for q in group if q.text not in texts]
        if not fresh:
            continue
        pick = next((q for q in fresh if _opening(q.text) not in openings), fresh[0])
        chosen.append(pick)
        openings.add(_opening(pick.text))
        per_subject[first.subject] = per_subject.get(first.subject, 0) + 1
        topics[first.topic] = topics.get(first.topic, 0) + 1
        asked.add((first.subject, first.topic))
    return chosen


def _opening(text: str) -> str:
    return " ".join(text.lower().split()[:2])


def heard_from(
    client: Client,
    people: Sequence[Person],
    facts: Sequence[Fact],
    interactions: Sequence[Interaction],
    today: date,
) -> list[Heard]:
    """Everything recent enough to ask about: facts, and the key points of the last
    conversations (newest first)."""
    heard: list[Heard] = []
    for fact in facts:
        when_heard = fact.source_at or fact.created_at
        day = when_heard.date() if when_heard is not None else today
        business = fact.category == "business"
        subject = YOU if business else subject_of(fact.text, people, fact.person_id)
        heard.append(
            Heard(
                text=fact.text,
                heard_on=day,
                subject=subject,
                category=fact.category,
                tags=tuple(fact.tags),
                fact_id=fact.id,
                interaction_id=fact.source_interaction_id,
                business=business,
            )
        )
    recent = sorted(interactions, key=lambda i: i.happened_at, reverse=True)
    for talk in recent[:RECENT_INTERACTIONS]:
        for point in talk.key_points:
            heard.append(
                Heard(
                    text=point,
                    heard_on=talk.happened_at.date(),
                    subject=subject_of(point, people, None),
                    category="business",
                    interaction_id=talk.id,
                    business=True,
                )
            )
    return heard


def questions(
    client: Client,
    people: Sequence[Person],
    facts: Sequence[Fact],
    interactions: Sequence[Interaction],
    today: date,
    limit: int = LIMIT,
) -> list[Question]:
    options = [
        candidates(item, today) for item in heard_from(client, people, facts, interactions, today)
    ]
    return choose(options, limit)


def ask_about(
    client: Client,
    people: Sequence[Person],
    facts: Sequence[Fact],
    interactions: Sequence[Interaction],
    today: date,
    limit: int = LIMIT,
) -> list[str]:
    """Two or three questions to ask on the next call, best first."""
    return [q.text for q in questions(client, people, facts, interactions, today, limit)]
