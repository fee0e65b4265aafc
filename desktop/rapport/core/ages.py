"""Ages that stay true: from a birthday, or from an age heard on a given day."""

from __future__ import annotations

from datetime import date

from rapport.core.records import Person


def years_between(start: date, end: date) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def age_on(person: Person, day: date) -> int | None:
    """The person's age on ``day``: "12" heard a year ago is 13 now."""
    if person.birthday is not None:
        return years_between(person.birthday, day)
    if person.age is None:
        return None
    if person.age_as_of is None:
        return person.age
    return person.age + max(years_between(person.age_as_of, day), 0)
