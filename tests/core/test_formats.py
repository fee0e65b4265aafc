"""Dates as people read them, the same on every platform."""

from __future__ import annotations

from datetime import date, datetime

from rapport.core.formats import (
    ago,
    day_label,
    day_month,
    full_date,
    kind_text,
    met_text,
    short_day,
    soon,
    stamp_label,
)


def test_days_without_leading_zeros() -> None:
    day = date(2026, 11, 3)
    assert day_month(day) == "Nov 3"
    assert full_date(day) == "Nov 3, 2026"
    assert short_day(day) == "Tue Nov 3"
    assert full_date(datetime(2026, 11, 3, 14, 5)) == "Nov 3, 2026"


def test_ago_and_soon() -> None:
    assert [ago(d) for d in (0, 1, 12, 90, 800)] == [
        "today",
        "yesterday",
        "12 days ago",
        "3 months ago",
        "2 years ago",
    ]
    assert [soon(d) for d in (0, 1, 5)] == ["today", "tomorrow", "in 5 days"]


def test_how_we_met_is_introduced_once() -> None:
    assert met_text("the Denver expo") == "Met: the Denver expo"
    assert met_text("Met at the Denver  expo") == "Met at the Denver expo"
    assert met_text("Referred by Ana") == "Referred by Ana"


def test_day_label_is_how_every_table_says_a_day() -> None:
    today = date(2026, 12, 7)  # a Monday
    assert day_label(today, today) == "today"
    assert day_label(date(2026, 12, 8), today) == "tomorrow"
    assert day_label(date(2026, 12, 6), today) == "yesterday"
    assert day_label(date(2026, 12, 11), today) == "Fri Dec 11"
    assert day_label(datetime(2026, 3, 2, 9, 30), today) == "Mon Mar 2"
    assert day_label(date(2025, 12, 7), today) == "Sun Dec 7, 2025"
    assert day_label(date(2027, 1, 4), today) == "Mon Jan 4, 2027"
    assert stamp_label(datetime(2026, 11, 10, 12, 30), today) == "Tue Nov 10 12:30"
    assert kind_text("thank_referrer") == "thank referrer"
