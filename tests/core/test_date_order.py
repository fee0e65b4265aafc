"""Issue 16 item 6: "3/4" is read in the user's order, month first or day first."""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.understand.dates.find import find_dates, parse_due
from rapport.core.understand.dates.order import date_order, locale_order
from rapport.core.understand.pipeline import understand

WED = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("phrase", "month_first", "day_first"),
    [
        ("3/4", date(2027, 3, 4), date(2027, 4, 3)),
        ("by 3/4", date(2027, 3, 4), date(2027, 4, 3)),
        ("12/1", date(2026, 12, 1), date(2027, 1, 12)),
        ("3/4/27", date(2027, 3, 4), date(2027, 4, 3)),
        ("on 11/12/2026", date(2026, 11, 12), date(2026, 12, 11)),  # a year said is kept
        ("Thu 6/10", date(2027, 6, 10), date(2027, 10, 6)),
        # a pair that cannot be read in the order is no date, never silently the other way
        ("15/3", None, date(2027, 3, 15)),
        ("3/15", date(2027, 3, 15), None),
    ],
)
def test_a_numeric_date_is_read_in_either_order(
    phrase: str, month_first: date | None, day_first: date | None
) -> None:
    assert parse_due(phrase, WED) == month_first
    assert parse_due(phrase, WED, day_first=True) == day_first


def test_words_and_iso_dates_do_not_depend_on_the_order() -> None:
    for phrase in ("March 4", "4 March", "2027-03-04", "next Friday", "in two weeks"):
        assert parse_due(phrase, WED) == parse_due(phrase, WED, day_first=True), phrase
    assert [m.text for m in find_dates("call 3/4, then 2027-05-06", WED, day_first=True)] == [
        "3/4",
        "2027-05-06",
    ]


def test_the_understanding_reads_the_order_it_is_given() -> None:
    note = "Met Bob Smith. I'll send the deck by 3/4. Wife Ann's birthday is 5/6."
    us = understand(note, WED)
    uk = understand(note, WED, day_first=True)
    assert [t.due for t in us.tasks] == [date(2027, 3, 4)]
    assert [t.due for t in uk.tasks] == [date(2027, 4, 3)]


@pytest.mark.parametrize(
    ("environ", "order"),
    [
        ({"LANG": "en_US.UTF-8"}, "mdy"),
        ({"LANG": "en_GB.UTF-8"}, "dmy"),
        ({"LANG": "de_DE.UTF-8"}, "dmy"),
        ({"LANG": "fr_CA"}, "dmy"),
        ({"LANG": "es_PR.UTF-8"}, "mdy"),
        ({"LANG": "fil_PH"}, "mdy"),
        ({"LANG": "de_DE@euro"}, "dmy"),
        ({"LANG": "C.UTF-8"}, "mdy"),  # no country: the order Rapport always read
        ({}, "mdy"),
        ({"LC_ALL": "en_AU.UTF-8", "LANG": "en_US.UTF-8"}, "dmy"),  # LC_ALL wins
        ({"LC_TIME": "en_IE.UTF-8", "LANG": "en_US.UTF-8"}, "dmy"),  # then LC_TIME
        ({"LC_ALL": "", "LC_TIME": "en_US.UTF-8", "LANG": "en_GB.UTF-8"}, "mdy"),  # empty: next
    ],
)
def test_the_locale_gives_the_default_order(environ: dict[str, str], order: str) -> None:
    assert locale_order(environ) == order


@pytest.mark.parametrize(
    ("chosen", "setting", "order"),
    [
        ("dmy", "mdy", "dmy"),  # the run's choice wins over the book's setting
        (None, "dmy", "dmy"),  # then the setting
        ("", "", "mdy"),  # then the locale (en_US below)
        ("MDY ", "dmy", "mdy"),
        ("ymd", "bogus", "mdy"),  # unknown words are ignored, never guessed from
    ],
)
def test_which_order_is_in_force(chosen: str | None, setting: str | None, order: str) -> None:
    assert date_order(chosen, setting, {"LANG": "en_US.UTF-8"}) == order


def test_with_no_choice_nor_setting_the_locale_decides() -> None:
    assert date_order(None, "", {"LANG": "en_GB.UTF-8"}) == "dmy"
    assert date_order("", None, {"LANG": "en_US.UTF-8"}) == "mdy"
