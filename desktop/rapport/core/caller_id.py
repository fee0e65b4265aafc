"""The caller-ID brief: what a phone shows under a client's name when they call.

Two or three short lines made from the pre-call brief (``core.brief``), for the ``NOTE``
of the client's card in the phone's address book:

    Kids Jake 12 baseball, Emma 9 soccer
    Last: Q1 rollout, trucks by March
    Owe: revised pricing Mon

Pure: it takes a ``Brief`` (composed by ``core.brief.compose`` from the client's profile,
with what must stay off the phone already taken out by ``for_phone``) and returns text.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rapport.core.brief import (
    LAST_CONVERSATIONS,
    Brief,
    PersonLine,
    conversations,
    person_lines,
    promise_lines,
)
from rapport.core.formats import day_month
from rapport.core.records import Profile

CHILDREN = ("son", "daughter", "child")
MAX_PEOPLE = 4
MAX_INTERESTS = 2
MAX_LINE = 80


def for_phone(profile: Profile, include_sensitive: bool = False) -> Profile:
    """The part of a profile that may leave the computer for the phone.

    Facts of the ``sensitive`` category (an illness, a divorce: see core.capture_facts)
    stay off unless the user opted in. This is also the one place where the team book's
    "Only me" items are to be taken out when they exist: every phone card and brief
    line is made from what this returns.
    """
    if include_sensitive:
        return profile
    facts = [f for f in profile.facts if f.category != "sensitive"]
    return replace(profile, facts=facts)


def phone_brief(profile: Profile, today: date) -> Brief:
    """The parts of ``core.brief.compose``'s brief that the caller-ID lines read (people,
    the last conversations, promises), made by the same functions, without the rest
    (questions to ask, stale facts...): a card per client of a big book stays quick."""
    return Brief(
        client=profile.client,
        today=today,
        people=person_lines(profile, today),
        interactions=conversations(profile.interactions)[:LAST_CONVERSATIONS],
        promises=promise_lines(profile.tasks, today),
    )


def _short(text: str, limit: int = MAX_LINE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _person(line: PersonLine, with_relation: bool) -> str:
    words = []
    if with_relation and line.person.name:
        words.append(line.person.relation.capitalize())
    words.append(line.person.label if line.person.name else line.person.relation.capitalize())
    if line.age is not None:
        words.append(str(line.age))
    words += line.cares_about[:MAX_INTERESTS]
    return " ".join(w for w in words if w)


def family_line(brief: Brief) -> str:
    """'Kids Jake 12 baseball, Emma 9 soccer · Wife Ann golf' ('' with no one)."""
    people = [p for p in brief.people if p.person.relation not in ("dog", "cat", "pet")]
    people += [p for p in brief.people if p not in people]
    people = people[:MAX_PEOPLE]
    kids = [p for p in people if p.person.relation in CHILDREN]
    parts = []
    if kids:
        parts.append(
            ("Kids " if len(kids) > 1 else "Kid ")
            + ", ".join(_person(k, with_relation=False) for k in kids)
        )
    parts += [_person(p, with_relation=True) for p in people if p not in kids]
    return _short(" · ".join(parts))


def last_line(brief: Brief) -> str:
    """'Last: Q1 rollout, trucks by March': the last conversation's first key point (its
    title or first words when it has none)."""
    if not brief.interactions:
        return ""
    talk = brief.interactions[0]
    point = next((p for p in talk.key_points if p.strip()), "")
    point = point or talk.title or talk.raw_text
    return _short(f"Last: {point}") if point.strip() else ""


def _due(day: date, today: date) -> str:
    delta = (day - today).days
    if delta < 0:
        return f"late since {day_month(day)}"
    if delta == 0:
        return "today"
    if delta < 7:
        return f"{day:%a}"
    return day_month(day)


def owe_line(brief: Brief) -> str:
    """'Owe: revised pricing Mon': the first open promise (late ones first) and its date."""
    owed = [p for p in brief.promises if p.outcome in ("late", "open")]
    if not owed:
        return ""
    task = owed[0].task
    when = f" {_due(task.due, brief.today)}" if task.due else ""
    more = f" (+{len(owed) - 1})" if len(owed) > 1 else ""
    return _short(f"Owe: {task.title}{when}{more}")


def note(brief: Brief) -> str:
    """The caller-ID lines of ``brief``, one per line; '' when there is nothing to say."""
    return "\n".join(
        line for line in (family_line(brief), last_line(brief), owe_line(brief)) if line
    )
