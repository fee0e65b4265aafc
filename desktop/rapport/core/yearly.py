"""Yearly dates coming up: birthdays and anniversaries, said the way a person would say them.

"Jake turns 13 on Nov 24", "Bob Smith's birthday on Dec 2", "Maria's 20th anniversary on
Jan 5". Ages come from a birth year when one is known, else from an age heard in
conversation and the day it was heard (``Person.age``/``age_as_of``): a boy who was 12
when his father mentioned him turns 13 on the first birthday after that day.

**29 February** in a year without one is celebrated (and reminded) on **28 February**:
a reminder a day early never misses the party, one a day late can.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from rapport.core.records import ImportantDate, Person

WINDOW_DAYS = 14


def occurrence(month: int, day: int, year: int) -> date:
    """The day a yearly date falls on in ``year`` (29 Feb becomes 28 Feb in common years)."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def next_occurrence(month: int, day: int, today: date) -> date:
    """The next time the date comes round, today included."""
    this_year = occurrence(month, day, today.year)
    return this_year if this_year >= today else occurrence(month, day, today.year + 1)


def month_days_within(today: date, days: int = WINDOW_DAYS) -> list[tuple[int, int]]:
    """(month, day) pairs stored in the book that fall in ``today``..``today + days``.

    Includes (2, 29) when 28 February of a common year is in the window, so a query by
    month and day finds the leap-day birthdays that are celebrated on the 28th.
    """
    pairs = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        pairs.append((day.month, day.day))
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            pairs.append((2, 29))
    return pairs


def _birthdays_between(month: int, day: int, after: date, until: date) -> int:
    """How many times the birthday falls in (after, until]."""
    count = 0
    for year in range(after.year, until.year + 1):
        when = occurrence(month, day, year)
        if after < when <= until:
            count += 1
    return count


def turning(item: ImportantDate, person: Person | None, on: date) -> int | None:
    """The age (or number of years) reached on ``on``, when it can be known."""
    if item.year is not None:
        years = on.year - item.year
        return years if years > 0 else None
    if item.label != "birthday" or person is None:
        return None
    if person.birthday is not None:
        years = on.year - person.birthday.year
        return years if years > 0 else None
    if person.age is None or person.age_as_of is None:
        return None
    return person.age + _birthdays_between(item.month, item.day, person.age_as_of, on)


@dataclass(frozen=True, slots=True)
class Upcoming:
    id: int  # the ImportantDate id (0 for a birthday kept on the person only)
    client_id: int
    client: str
    about: str  # "Jake", "Bob's son", "Bob Smith"
    label: str  # birthday, anniversary...
    date: date
    in_days: int
    turning: int | None
    person_id: int | None = None

    @property
    def text(self) -> str:
        when = f"{self.date:%b} {self.date.day}"
        if self.label == "birthday":
            if self.turning is not None:
                return f"{self.about} turns {self.turning} on {when}"
            return f"{possessive(self.about)} birthday on {when}"
        if self.turning is not None:
            return f"{possessive(self.about)} {ordinal(self.turning)} {self.label} on {when}"
        return f"{possessive(self.about)} {self.label} on {when}"

    @property
    def when_text(self) -> str:
        if self.in_days == 0:
            return "today"
        if self.in_days == 1:
            return "tomorrow"
        return f"in {self.in_days} days"


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def about_whom(client: str, person: Person | None) -> str:
    """Who a date is about: the person's name, "Bob's son" when unnamed, else the client."""
    if person is None:
        return client
    if person.name:
        return person.name
    first = client.split()[0] if client.split() else client
    return f"{possessive(first)} {person.relation or 'family'}"


def person_birthdays(people: Iterable[Person]) -> list[ImportantDate]:
    """Birthdays kept on people (with a birth date) as yearly dates."""
    return [
        ImportantDate(
            id=0,
            client_id=p.client_id,
            label="birthday",
            month=p.birthday.month,
            day=p.birthday.day,
            year=p.birthday.year,
            person_id=p.id,
            about=p.name,
        )
        for p in people
        if p.birthday is not None
    ]


def upcoming(
    dates: Iterable[ImportantDate],
    people: Mapping[int, Person],
    client_names: Mapping[int, str],
    today: date,
    within: int = WINDOW_DAYS,
) -> list[Upcoming]:
    """Dates in the next ``within`` days (today included), soonest first.

    A person's birthday recorded both as a date and on the person shows once; a client
    missing from ``client_names`` (archived) is skipped.
    """
    seen: set[tuple[int | None, int, str, int, int]] = set()
    found = []
    for item in dates:
        client = client_names.get(item.client_id)
        if client is None:
            continue
        key = (item.person_id, item.client_id, item.label, item.month, item.day)
        if key in seen:
            continue
        seen.add(key)
        when = next_occurrence(item.month, item.day, today)
        in_days = (when - today).days
        if in_days > within:
            continue
        person = people.get(item.person_id) if item.person_id is not None else None
        found.append(
            Upcoming(
                id=item.id,
                client_id=item.client_id,
                client=client,
                about=about_whom(client, person),
                label=item.label,
                date=when,
                in_days=in_days,
                turning=turning(item, person, when),
                person_id=item.person_id,
            )
        )
    found.sort(key=lambda u: (u.date, u.client.casefold(), u.about))
    return found
