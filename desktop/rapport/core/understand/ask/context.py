"""The words the ask-about rules share: whom a question is about, what was heard, and
the context a rule reads (the note, when it happens, today) to word its question.

See ``about.py`` for how the questions are chosen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rapport.core.understand.dates import when

PLURAL_RELATIONS = {"kids", "twins", "boys", "girls"}
NOT_PLACES = (
    set(when.MONTHS)
    | set(when.WEEKDAYS)
    | {"i", "the", "a", "christmas", "easter", "thanksgiving", "new", "st", "mr", "mrs", "dr"}
)


@dataclass(frozen=True, slots=True)
class Subject:
    """Whom a question is about, as the question names them."""

    name: str  # "you", "Jake", "your father", "Max and Leo"
    possessive: str  # "your", "Jake's", "your father's", "Max and Leo's"
    key: str  # one key per person, so a list does not ask three things about Jake
    plural: bool = False
    client: bool = False

    @property
    def be(self) -> str:
        return "are" if self.plural or self.client else "is"

    @property
    def do(self) -> str:
        return "do" if self.plural or self.client else "does"

    @property
    def has(self) -> str:
        return "have" if self.plural or self.client else "has"


YOU = Subject("you", "your", "client", client=True)


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") and name.lower() in PLURAL_RELATIONS else "'s")


@dataclass(frozen=True, slots=True)
class Heard:
    """One thing heard about the client: a fact or a conversation's key point."""

    text: str
    heard_on: date
    subject: Subject = YOU
    category: str = "personal"
    tags: tuple[str, ...] = ()
    fact_id: int | None = None
    interaction_id: int | None = None
    business: bool = False


@dataclass
class Candidate:
    """A question a rule can ask, in one or more phrasings (best first)."""

    topic: str
    phrasings: list[str]
    day: date | None = None  # when the thing happens or happened, if known
    weight: float | None = None


@dataclass
class Context:
    """What a rule reads: the note, what its wording says about timing, and today."""

    heard: Heard
    seen: when.When
    today: date
    s: Subject = field(init=False)

    def __post_init__(self) -> None:
        self.s = self.heard.subject

    def fill(self, template: str, **extra: str) -> str:
        s = self.s
        text = template.format(name=s.name, pos=s.possessive, be=s.be, do=s.do, has=s.has, **extra)
        return text[0].upper() + text[1:]

    def tense(self, default_days: int = 4) -> str:
        """past, future or ongoing, from the date when there is one, else the wording."""
        day = self.seen.day
        if day is not None and not self.seen.recurring:
            return "past" if day < self.today else "future"
        if self.seen.past:
            return "past"
        if self.seen.ongoing:
            return "ongoing"
        age = (self.today - self.heard.heard_on).days
        return "past" if age >= default_days else "future"


Rule = Callable[[Context], "Candidate | None"]
"""A rule recognises one kind of news and words a question about it, or returns None."""


def word_list(text: str, sep: str | None = None) -> tuple[str, ...]:
    """A long word list written as one string (easier to read than 70 quoted items)."""
    return tuple(text.split(sep))


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def gerund(verb: str) -> str:
    """fish -> fishing, drive -> driving, swim -> swimming."""
    if verb.endswith("ing"):
        return verb
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if (
        len(verb) <= 4
        and len(verb) >= 3
        and verb[-1] not in "aeiouwxy"
        and verb[-2] in "aeiou"
        and verb[-3] not in "aeiou"
    ):
        return verb + verb[-1] + "ing"
    return verb + "ing"


_PLACE = re.compile(
    r"\b(?:to|in|from|through|around|visiting|across)\s+"
    r"((?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|de|del|la))*)"
)


def place(text: str, subject: Subject) -> str | None:
    """The first place the text names after to/in/from ("Scotland", "New York")."""
    for match in _PLACE.finditer(text):
        found = match.group(1).strip(" .'’")
        words = found.split()
        while words and words[-1].lower() in ("of", "de", "del", "la"):
            words.pop()
        found = " ".join(words)
        first = words[0].lower() if words else ""
        if not found or first in NOT_PLACES or found == subject.name:
            continue
        return found
    return None
