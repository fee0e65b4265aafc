"""Ages that stay true as time passes."""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.ages import age_on, years_between
from rapport.core.records import Person


def _person(**fields: object) -> Person:
    return Person(1, 1, "Jake", "son", **fields)  # type: ignore[arg-type]


def test_twelve_heard_a_year_ago_is_thirteen_now() -> None:
    jake = _person(age=12, age_as_of=date(2025, 11, 10))
    assert age_on(jake, date(2026, 11, 18)) == 13
    assert age_on(jake, date(2026, 11, 9)) == 12  # not a full year yet
    assert age_on(jake, date(2025, 11, 10)) == 12


def test_age_heard_long_ago_keeps_counting() -> None:
    assert age_on(_person(age=12, age_as_of=date(2020, 6, 1)), date(2026, 11, 18)) == 18


def test_birthday_wins_over_a_heard_age() -> None:
    jake = _person(birthday=date(2014, 3, 14), age=99, age_as_of=date(2020, 1, 1))
    assert age_on(jake, date(2026, 3, 13)) == 11
    assert age_on(jake, date(2026, 3, 14)) == 12


def test_leap_day_birthday() -> None:
    leap = _person(birthday=date(2012, 2, 29))
    assert age_on(leap, date(2026, 2, 28)) == 13
    assert age_on(leap, date(2026, 3, 1)) == 14


def test_unknown_age_and_age_without_date() -> None:
    assert age_on(_person(), date(2026, 11, 18)) is None
    assert age_on(_person(age=40), date(2026, 11, 18)) == 40


def test_a_date_before_the_age_was_heard_does_not_go_negative() -> None:
    assert age_on(_person(age=12, age_as_of=date(2026, 11, 18)), date(2026, 1, 1)) == 12


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        (date(2000, 1, 1), date(2000, 12, 31), 0),
        (date(2000, 1, 1), date(2001, 1, 1), 1),
        (date(2000, 12, 31), date(2026, 12, 30), 25),
    ],
)
def test_years_between(start: date, end: date, years: int) -> None:
    assert years_between(start, end) == years
