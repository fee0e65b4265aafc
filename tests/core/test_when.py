"""Reading when something happens from the loose words of a note."""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.understand.dates.when import next_month_day, read

HEARD = date(2026, 11, 10)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("has a tournament this weekend", date(2026, 11, 14)),
        ("next weekend they are away", date(2026, 11, 21)),
        ("turns 80 next week", date(2026, 11, 17)),
        ("surgery tomorrow", date(2026, 11, 11)),
        ("headed to Scotland in May", date(2027, 5, 20)),
        ("anniversary is June 2", date(2027, 6, 2)),
        ("wedding on Dec 12th", date(2026, 12, 12)),
        ("back in two weeks", date(2026, 11, 24)),
        ("recital on Friday", date(2026, 11, 13)),
        ("moving in the spring", date(2027, 4, 15)),
        ("was in the hospital last week", date(2026, 11, 3)),
    ],
)
def test_days(text: str, day: date) -> None:
    assert read(text, HEARD).day == day


def test_may_the_verb_is_not_a_month() -> None:
    assert read("we may go fishing", HEARD).day is None


def test_habits_are_not_events() -> None:
    seen = read("goes elk hunting in Colorado each fall", HEARD)
    assert seen.recurring and seen.day is None


def test_wording_tense() -> None:
    assert read("just got back from Tuscany", HEARD).past
    assert read("is training for the marathon", HEARD).ongoing
    assert not read("plays travel baseball", HEARD).past


def test_next_month_day_handles_leap_days() -> None:
    assert next_month_day(date(2026, 3, 1), 2, 29) == date(2027, 2, 28)
    assert next_month_day(date(2027, 3, 1), 2, 29) == date(2028, 2, 29)
    assert next_month_day(date(2026, 11, 18), 11, 18) == date(2026, 11, 18)
