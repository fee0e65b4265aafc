"""The pre-call brief: what to remember about a client, composed from their profile.

Pure: it takes the records of one client (``records.Profile``) and today's date and
returns a ``Brief`` that the window, the printed page and ``rapport brief --json`` all
show. Ages come from ``core.ages``, the follow-through numbers from ``core.promises``,
the questions from ``core/understand/ask/about.py``; this module adds what a fact's source is, which
facts may be stale, and which dates are coming up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from rapport.core import followup as fu
from rapport.core import promises
from rapport.core.ages import age_on
from rapport.core.formats import full_date
from rapport.core.promises import PromiseScore
from rapport.core.records import (
    Client,
    Fact,
    Gift,
    ImportantDate,
    Inbound,
    Interaction,
    Introduction,
    Person,
    Profile,
    Task,
)
from rapport.core.understand.ask import about as ask_about
from rapport.core.understand.ask.about import Question
from rapport.core.understand.dates import when
from rapport.core.understand.mentions import women_and_men

# A fact nobody has confirmed for longer than this may no longer be true.
STALE_AFTER_YEARS = 1
UPCOMING_DAYS = 60
LAST_CONVERSATIONS = 3
# Promises done longer ago than the follow-through window no longer show one by one.
PROMISE_WINDOW_DAYS = promises.WINDOW_DAYS


@dataclass(frozen=True, slots=True)
class PersonLine:
    person: Person
    age: int | None
    cares_about: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FactLine:
    fact: Fact
    stale: bool
    source: str  # "Lunch at Rosa's (meeting), Nov 10, 2026" or "added Nov 3, 2026"


@dataclass(frozen=True, slots=True)
class PromiseLine:
    task: Task
    outcome: str  # kept, late, open (see core.promises.outcome)


@dataclass(frozen=True, slots=True)
class Upcoming:
    label: str  # "Jake's birthday", "Anniversary"
    kind: str  # birthday, anniversary...
    about: str | None
    day: date
    in_days: int
    turning: int | None = None  # the age they turn, or the anniversary's years


# Which open task of an introduction stands for which step of its chain.
STEP_TASK_KINDS = {
    "thank_referrer": "thank_referrer",
    "email_lead": "introduction",
    "call_lead": "call",
}
INTRO_CALL_AFTER_DAYS = 3


@dataclass(frozen=True, slots=True)
class IntroStepLine:
    title: str
    state: str  # done, due (today or before), later
    day: date | None  # when done, or from when it is due


@dataclass(frozen=True, slots=True)
class IntroLine:
    """One introduction the client is part of, and the steps of its chain not already
    listed as open tasks of the brief (those are said once, under "Open tasks")."""

    intro: Introduction
    steps: list[IntroStepLine] = field(default_factory=list)
    in_tasks: int = 0  # open steps left out because the brief's open tasks show them


@dataclass
class Brief:
    client: Client
    today: date
    introduced_by: str | None = None
    interests: list[str] = field(default_factory=list)
    people: list[PersonLine] = field(default_factory=list)
    facts: list[FactLine] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    open_tasks: list[Task] = field(default_factory=list)
    promises: list[PromiseLine] = field(default_factory=list)
    score: PromiseScore = field(default_factory=lambda: PromiseScore(0, 0, 0))
    awaiting_reply: list[Inbound] = field(default_factory=list)
    gifts_given: list[Gift] = field(default_factory=list)
    upcoming: list[Upcoming] = field(default_factory=list)
    ask_about: list[Question] = field(default_factory=list)
    introductions: list[IntroLine] = field(default_factory=list)
    work_contacts: list[str] = field(default_factory=list)  # "her assistant Kim"

    @property
    def stale_count(self) -> int:
        return sum(1 for line in self.facts if line.stale)


# -- the pieces -------------------------------------------------------------------------------
def author(role: str | None) -> str:
    """How a team book's member is named: the role, capitalised when it is a plain word
    ("alice" -> "Alice"); "" for a book in a file."""
    if not role:
        return ""
    return role.capitalize() if role.isalpha() and role.islower() else role


def by_line(role: str | None) -> str:
    """ " · by Alice" after a line a team member wrote; "" on a personal book."""
    return f" · by {author(role)}" if role else ""


def is_stale(fact: Fact, today: date) -> bool:
    """True when the fact was last confirmed (or recorded) over a year ago: confirmed on
    2025-11-18, it is still fresh on 2026-11-18 and possibly stale the day after."""
    stamp = fact.confirmed_at or fact.created_at
    if stamp is None:
        return False
    return today > plus_years(stamp.date(), STALE_AFTER_YEARS)


def plus_years(day: date, years: int) -> date:
    """The same day ``years`` later (29 February becomes the 28th in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def fact_source(fact: Fact) -> str:
    """Where a fact came from, in words: the conversation and its date, or when it was
    added by hand."""
    if fact.source_interaction_id is not None and fact.source_at is not None:
        what = fact.source_title or (fact.source_kind or "conversation").capitalize()
        kind = f" ({fact.source_kind})" if fact.source_title and fact.source_kind else ""
        return f"{what}{kind}, {full_date(fact.source_at)}"
    if fact.created_at is not None:
        return f"added {full_date(fact.created_at)}"
    return "added by hand"


def cares_about(facts: Sequence[Fact], person: Person | None) -> list[str]:
    """What a person (or, with None, the client) cares about: the interest tags of facts
    about them, in the order first heard; facts without tags give nothing here."""
    seen: list[str] = []
    for fact in sorted(facts, key=lambda f: (f.created_at or datetime.min, f.id)):
        if fact.category in ("dietary", "business"):
            continue
        mine = fact.person_id == (person.id if person else None)
        if not mine:
            continue
        for tag in fact.tags:
            if tag not in seen:
                seen.append(tag)
    return seen


def upcoming_dates(
    dates: Sequence[ImportantDate],
    people: Sequence[Person],
    client: Client,
    today: date,
    within_days: int = UPCOMING_DAYS,
) -> list[Upcoming]:
    """Yearly dates in the next ``within_days`` days (today included), soonest first.

    Birthdays come from the dates list and from people's birthdays, once each.
    """
    names = {p.id: p.label for p in people}
    found: list[Upcoming] = []
    covered: set[int | None] = set()
    for item in dates:
        day = when.next_month_day(today, item.month, item.day)
        if item.label == "birthday":
            covered.add(item.person_id)
        about = item.about or (names.get(item.person_id) if item.person_id else None)
        turning = day.year - item.year if item.year else None
        found.append(_upcoming(item.label, about, day, today, turning, client))
    for person in people:
        if person.birthday is None or person.id in covered:
            continue
        day = when.next_month_day(today, person.birthday.month, person.birthday.day)
        turning = day.year - person.birthday.year
        found.append(_upcoming("birthday", person.label, day, today, turning, client))
    soon = [u for u in found if u.in_days <= within_days]
    return sorted(soon, key=lambda u: (u.in_days, u.label))


def _upcoming(
    label: str, about: str | None, day: date, today: date, turning: int | None, client: Client
) -> Upcoming:
    if about:
        text = f"{about}'s {label}"
    elif label == "birthday":
        text = f"{client.first_name}'s birthday"
    else:
        text = label[:1].upper() + label[1:]
    if turning is not None and turning <= 0:
        turning = None
    return Upcoming(text, label, about, day, (day - today).days, turning)


def promise_lines(tasks: Sequence[Task], today: date) -> list[PromiseLine]:
    """Promises worth seeing: every open one, and those done in the follow-through window;
    late ones first, then open by due date, then kept."""
    lines = []
    for task in tasks:
        outcome = promises.outcome(task, today)
        if outcome is None:
            continue
        done_at = task.done_at if task.status == "done" else None
        if done_at is not None and (today - done_at.date()).days > PROMISE_WINDOW_DAYS:
            continue
        lines.append(PromiseLine(task, outcome))
    order = {"late": 0, "open": 1, "kept": 2}
    return sorted(lines, key=lambda p: (order[p.outcome], p.task.due or today, p.task.id))


def intro_lines(
    introductions: Sequence[Introduction],
    open_tasks: Sequence[Task],
    today: date,
    call_after_days: int = INTRO_CALL_AFTER_DAYS,
) -> list[IntroLine]:
    """Each introduction with where its chain stands: done steps, steps due, steps to come.

    A step whose task is among ``open_tasks`` is left out: the brief lists that task
    already, and the same thing in other words twice reads as two things to do.
    """
    listed = {(t.introduction_id, t.kind) for t in open_tasks if t.introduction_id is not None}
    lines = []
    for intro in introductions:
        steps = []
        in_tasks = 0
        for step in fu.intro_steps(intro, today, call_after_days):
            if step.done_at is not None:
                steps.append(IntroStepLine(step.title, "done", step.done_at.date()))
            elif (intro.id, STEP_TASK_KINDS.get(step.key)) in listed:
                in_tasks += 1
            elif step.due is not None:
                state = "due" if step.due <= today else "later"
                steps.append(IntroStepLine(step.title, state, step.due))
        if intro.lead_answered_at is not None:
            answered = intro.lead_answered_at.date()
            steps.append(IntroStepLine(f"{intro.lead} answered", "done", answered))
        lines.append(IntroLine(intro, steps, in_tasks))
    return lines


def conversations(interactions: Sequence[Interaction]) -> list[Interaction]:
    """The conversations with the client, latest first. A card the user sent is in the
    history, but it is not a conversation: it would push out the last thing they said."""
    return sorted(
        (i for i in interactions if i.kind != "card"), key=lambda i: i.happened_at, reverse=True
    )


def person_lines(profile: Profile, today: date) -> list[PersonLine]:
    """The client's people with their ages today and what each cares about."""
    return [PersonLine(p, age_on(p, today), cares_about(profile.facts, p)) for p in profile.people]


# -- the whole brief --------------------------------------------------------------------------
ACRONYM_ROLES = frozenset({"ceo", "cfo", "coo", "cto", "cno", "vp", "hr", "gm", "pm"})


def contact_lines(client: Client) -> list[str]:
    """The client's work contacts as the brief says them: "her assistant Kim", "his CFO Dana
    Wu" ("their" when the first name does not say which)."""
    women, men = women_and_men()
    first = client.first_name.lower()
    whose = "her" if first in women else "his" if first in men else "their"
    lines = []
    for contact in client.contacts:
        role = contact.role.upper() if contact.role in ACRONYM_ROLES else contact.role
        lines.append(
            " ".join(w for w in (whose, role, contact.name) if w) if role else contact.name
        )
    return lines


def compose(profile: Profile, today: date, call_after_days: int = INTRO_CALL_AFTER_DAYS) -> Brief:
    """The brief of one client from their profile records (``call_after_days``: the
    setting that says when an introduction's silent lead is to be called)."""
    client = profile.client
    introduced_by = client.referred_by
    if not introduced_by:
        for intro in profile.introductions:
            if intro.lead_id == client.id and intro.referrer:
                introduced_by = intro.referrer
                break
    talks = conversations(profile.interactions)
    facts = sorted(
        profile.facts,
        key=lambda f: (f.source_at or f.created_at or datetime.min, f.id),
        reverse=True,
    )
    open_tasks = [t for t in profile.tasks if t.status != "done"]
    open_tasks.sort(key=lambda t: (t.due is None, t.due or today, t.id))
    return Brief(
        client=client,
        today=today,
        introduced_by=introduced_by,
        interests=cares_about(profile.facts, None),
        people=person_lines(profile, today),
        facts=[FactLine(f, is_stale(f, today), fact_source(f)) for f in facts],
        interactions=talks[:LAST_CONVERSATIONS],
        open_tasks=open_tasks,
        promises=promise_lines(profile.tasks, today),
        score=promises.score(profile.tasks, today),
        awaiting_reply=sorted(
            (i for i in profile.inbound if i.answered_at is None), key=lambda i: i.received_at
        ),
        gifts_given=sorted(
            (g for g in profile.gifts if g.status == "given"),
            key=lambda g: (g.given_on or date.min, g.id),
            reverse=True,
        ),
        upcoming=upcoming_dates(profile.dates, profile.people, client, today),
        ask_about=ask_about.questions(
            client, profile.people, profile.facts, talks[: ask_about.RECENT_INTERACTIONS], today
        ),
        introductions=intro_lines(profile.introductions, open_tasks, today, call_after_days),
        work_contacts=contact_lines(client),
    )
