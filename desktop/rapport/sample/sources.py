"""The sample book's raw material: the JSON files in resources/demo and text made from them.

Both the hand-curated book (sample/demo.py) and the scaled generator
(sample/scale.py) draw names, companies, interests and conversation templates
from here, so a new template or interest shows up in both. Every choice goes through the
caller's ``random.Random`` so a seed always gives the same text.
"""

from __future__ import annotations

import functools
import itertools
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from rapport import resources
from rapport.core.names import fold

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def read_json(name: str) -> Any:
    """One file of resources/demo, parsed."""
    text = resources.path("demo", name).read_text(encoding="utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class Sources:
    names: dict[str, list[str]]
    companies: dict[str, Any]
    interests: list[dict[str, Any]]
    extras: dict[str, Any]  # dietary, business, preference and sensitive facts, gift words
    family: dict[str, Any]
    kind_weights: dict[str, int]
    templates: dict[str, list[dict[str, Any]]]  # by interaction kind
    conversation: dict[str, Any]
    promises: dict[str, list[str]]
    industries: dict[str, dict[str, Any]] = field(default_factory=dict)
    interest_by_tag: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def kid_interests(self) -> list[dict[str, Any]]:
        return [i for i in self.interests if i.get("kids")]


@functools.cache
def load() -> Sources:
    """All sources, read once per process (they are small and never change at run time)."""
    interests = read_json("interests.json")
    conversations = read_json("conversations.json")
    companies = read_json("companies.json")
    templates: dict[str, list[dict[str, Any]]] = {}
    for template in conversations["templates"]:
        templates.setdefault(template["kind"], []).append(template)
    return Sources(
        names=read_json("names.json"),
        companies=companies,
        interests=interests["interests"],
        extras={k: v for k, v in interests.items() if k != "interests"},
        family=read_json("family.json"),
        kind_weights=conversations["kind_weights"],
        templates=templates,
        conversation=conversations,
        promises=read_json("promises.json"),
        industries={i["name"]: i for i in companies["industries"]},
        interest_by_tag={i["tag"]: i for i in interests["interests"]},
    )


def read_book() -> dict[str, Any]:
    """The hand-curated book (not cached: it is read once per demo load)."""
    return read_json("book.json")  # type: ignore[no-any-return]


@dataclass
class Who:
    """What conversation text needs to know about a client."""

    first: str
    company: str
    industry: dict[str, Any]
    interests: list[dict[str, Any]] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Talk:
    """One generated conversation, before it has a client id or an interaction id."""

    kind: str
    title: str
    text: str
    points: list[str]
    inbound: bool  # the client wrote or called us: it may await a reply


class Clock:
    """Days and times relative to today; nothing it returns is later than ``now``."""

    def __init__(self, today: date, now: datetime) -> None:
        self.today = today
        self.now = now

    def at(self, days_ago: int, hour: int = 12, minute: int = 0) -> datetime:
        moment = datetime.combine(self.today - timedelta(days=days_ago), time(hour, minute))
        return self.cap(moment)

    def day(self, days_from_today: int) -> date:
        return self.today + timedelta(days=days_from_today)

    def cap(self, moment: datetime) -> datetime:
        """Never in the future: a meeting "today at 10:30" run at 9:00 happened at 9:00."""
        return moment if moment <= self.now else self.now

    def business_time(self, rng: random.Random, days_ago: int) -> datetime:
        minutes = rng.randrange(7 * 60 + 30, 18 * 60 + 30, 5)
        return self.at(days_ago, minutes // 60, minutes % 60)


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def slug(text: str) -> str:
    return _NOT_SLUG.sub("", fold(text))


def fill(template: str, values: dict[str, Any]) -> str:
    """A template with its blanks filled; an empty blank leaves no double space."""
    return " ".join(template.format_map(values).split())


def talk_line(rng: random.Random, who: Who) -> str:
    if not who.interests or rng.random() < 0.4:
        return ""
    interest = rng.choice(who.interests)
    return fill(rng.choice(interest["talk"]), {"first": who.first})


def blanks(src: Sources, rng: random.Random, who: Who, when: date) -> dict[str, Any]:
    """The values a conversation or promise template may use."""
    return {
        "first": who.first,
        "company": who.company,
        "industry": who.industry["name"],
        "topic": rng.choice(who.industry["topics"]),
        "detail": rng.choice(who.industry["details"]),
        "seats": rng.choice(src.conversation["seats"]),
        "weekday": rng.choice(src.conversation["weekdays"]),
        "month": MONTHS[(when.month - 1 + rng.randint(1, 5)) % 12],
        "person": rng.choice(who.people) if who.people else "the family",
        "talk": talk_line(rng, who),
    }


def kind_picker(src: Sources) -> tuple[list[str], list[int]]:
    """Kinds and cumulative weights for ``rng.choices(kinds, cum_weights=...)``."""
    kinds = list(src.kind_weights)
    return kinds, list(itertools.accumulate(src.kind_weights[k] for k in kinds))


def compose(src: Sources, rng: random.Random, who: Who, kind: str, when: date) -> Talk:
    """A conversation of ``kind`` with ``who``: title, raw text and two or three key points."""
    template = rng.choice(src.templates[kind])
    values = blanks(src, rng, who, when)
    points = template["points"]
    if len(points) > 2:
        keep = sorted(rng.sample(range(len(points)), rng.randint(2, min(3, len(points)))))
        points = [points[i] for i in keep]
    return Talk(
        kind=kind,
        title=fill(template["title"], values),
        text=fill(template["text"], values),
        points=[fill(p, values) for p in points],
        inbound=template.get("direction") == "in" or kind == "voicemail",
    )


def promise_title(src: Sources, rng: random.Random, who: Who, kind: str, when: date) -> str:
    values = blanks(src, rng, who, when)
    values["channel"] = rng.choice(("voicemail", "email", "message"))
    return fill(rng.choice(src.promises[kind]), values)
