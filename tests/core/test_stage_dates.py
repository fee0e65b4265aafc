"""Stage 6, dates: due dates in text and days to remember every year.

The rules' cases, each on made-up text in no labelled set (several phrasings where a
rule is about a kind of phrase), so a case says what the rule is, not what one note needed.
"""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.understand.dates.find import find_dates
from tests.core.capture_probe import WED
from tests.core.capture_probe import titles as _titles
from tests.core.understood import understand


def _dates(text: str, today: date = WED) -> list[tuple[str, int, int]]:
    return [(d["label"], d["month"], d["day"]) for d in understand(text, today)["dates"]]


def _due(text: str, today: date = WED) -> str | None:
    found = [m for m in find_dates(text, today) if m.value is not None]
    return found[0].value.isoformat() if found and found[0].value else None


def test_for_now_and_by_now_are_not_dates() -> None:
    for text in ("Mtg w/ Al Roy. hold off on the quote for now.", "Mtg w/ Al Roy. send it by now,"):
        assert all(due is None for _, due in _titles(understand(text, WED)))


def test_born_and_just_turned_on_an_ordinal_give_a_birthday() -> None:
    assert _dates("Lunch w/ Ana Ito. new grandbaby (Mia, born 11/2)!") == [("birthday", 11, 2)]
    assert _dates("Lunch w/ Ana Ito. her girl turned 1 on the 15th") == [("birthday", 11, 15)]
    assert _dates("Lunch w/ Ana Ito. baby born Sat, named him Leo") == []


def test_tasks_in_a_shouted_note_keep_their_dates() -> None:
    out = understand("CALL W/ MARCUS WEBB. SEND THE LANE RATES BY FRIDAY", WED)
    assert [(t["due"]) for t in out["tasks"]] == ["2026-11-20"]


def test_a_month_in_brackets_is_not_a_relatives_name() -> None:
    out = understand("Call w/ Ada Obi. she's flying home for her father's 80th bday (Dec 3)", WED)
    assert [(p["relation"], p["name"]) for p in out["people"]] == [("father", None)]
    assert [(d["label"], d["month"], d["day"]) for d in out["dates"]] == [("birthday", 12, 3)]


def test_turning_an_age_on_a_date_is_a_birthday() -> None:
    out = understand("Lunch w/ Cat Hale. She's turning 60 on 3/15 - party in Palm Beach", WED)
    assert [(d["label"], d["month"], d["day"]) for d in out["dates"]] == [("birthday", 3, 15)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("send the deck in a fortnight", "2026-12-02"),
        ("revisit in two fortnights", "2026-12-16"),
    ],
)
def test_fortnight_is_two_weeks(text: str, want: str) -> None:
    assert _due(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("pay the deposit Sat the 5th", "2026-12-05"),  # the 5th that is a Saturday
        ("lunch Mon, the 23rd", "2026-11-23"),
        ("send the quote by Tues 12/8", "2026-12-08"),
        ("ship it Fri Jan 8th", "2027-01-08"),
        ("walkthrough Thu the 19th at 9am", "2026-11-19"),
    ],
)
def test_weekday_with_a_date_goes_by_the_date(text: str, want: str) -> None:
    assert _due(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("deliver by Febuary 3", "2027-02-03"),
        ("closing is Apirl 9", "2027-04-09"),
        ("samples in Mrch", "2027-03-01"),
        ("renewal on Novmber 30", "2026-11-30"),
    ],
)
def test_common_month_misspellings(text: str, want: str) -> None:
    assert _due(text) == want


def test_early_next_month_is_its_first_working_day() -> None:
    # 2026-10-14: next month starts on Sunday 1 November
    assert _due("site walk early next month", date(2026, 10, 14)) == "2026-11-02"
    assert _due("check in next month", date(2026, 10, 14)) == "2026-11-01"


def test_a_shops_anniversary_sale_or_birthday_promo_is_not_a_yearly_date() -> None:
    assert _dates("Met Ed Voss (Voss Tire). Mailers for the May 9 anniversary sale.") == []
    assert _dates("Call with Pia Lund. Birthday promo on Aug 2 for members.") == []
    assert _dates("Call with Pia Lund. Her anniversary is Aug 2.") == [("anniversary", 8, 2)]


def test_years_married_or_celebrated_on_a_day_is_the_couples_anniversary() -> None:
    def whose(text: str) -> list[tuple[str, str | None, int, int]]:
        found = understand(text, WED)["dates"]
        return [(d["label"], d["about"], d["month"], d["day"]) for d in found]

    assert whose(
        "Coffee with Linda Park. She and her husband Tom are celebrating 20 yrs on June 3."
    ) == [("anniversary", None, 6, 3)]
    assert whose("Lunch w/ Ken Ito. Ken and Amy married 15 years on Oct 14.") == [
        ("anniversary", None, 10, 14)
    ]
    assert whose("Call with Ann Cole. Her parents celebrate 50 years on Dec 12.") == [
        ("anniversary", "parents", 12, 12)
    ]
    assert whose("Call with Ann Cole. Her parents' anniversary is Dec 12.") == [
        ("anniversary", "parents", 12, 12)
    ]
    assert (
        whose("Met Rob Lane (Lane HVAC). They're celebrating 20 years in business on May 1.") == []
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Pia Lund (Lund Cranes). book the lift for the week of May 4",
            ("Book the lift", "2027-05-04"),
        ),
        (
            "Pia Lund (Lund Cranes)\nNext steps:\n- inspect the hoist - week of Dec 7",
            ("Inspect the hoist", "2026-12-07"),
        ),
        (
            "Pia Lund (Lund Cranes). ship the booth the week of the 30th",
            ("Ship the booth", "2026-11-30"),
        ),
    ],
)
def test_a_week_named_by_a_day_in_it_is_one_date(text: str, want: tuple[str, str]) -> None:
    titles = _titles(understand(text, WED))
    assert titles == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Pia Lund (Lund Cranes)\n- ship the hoist by ~~Fri~~ Mon 11/23",
            ("Ship the hoist", "2026-11-23"),
        ),
        ("Pia Lund (Lund Cranes). call her ~~tomorrow~~ Monday", ("Call Pia", "2026-11-23")),
    ],
)
def test_a_struck_out_date_is_no_longer_the_date(text: str, want: tuple[str, str]) -> None:
    assert _titles(understand(text, WED)) == [want]


# Issue 16, i16t round: deadlines said as a season, a month's first day or hours
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("send the proposal before the holidays", "2026-12-23"),
        ("have it in by the holidays", "2026-12-23"),
        ("send the proposal by the first of the month", "2026-12-01"),
        ("reply within 48 hours", "2026-11-20"),
        ("call back in 2 hours", "2026-11-18"),
        ("we'll talk after the holidays", None),
    ],
)
def test_deadlines_said_as_a_season_a_months_first_or_hours(text: str, want: str | None) -> None:
    assert _due(text) == want


def test_sometime_leaves_a_title() -> None:
    out = understand("Ann Lee. send the proposal sometime next month", WED)
    assert _titles(out) == [("Send the proposal", "2026-12-01")]


# i16tb: a day of a month named by its place, the ordinal spelled out or not
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("send it by the fifteenth of next month", "2026-12-15"),
        ("the proposal until 20 of this month", "2026-11-20"),
        ("forward it no later than the first of April", "2027-04-01"),
        # held out
        ("due the 5th of the following month", "2026-12-05"),
        ("the thirtieth of this month at the latest", "2026-11-30"),
        ("no later than the twenty-first of December", "2026-12-21"),
        ("she was the first of our clients", None),
    ],
)
def test_a_day_of_a_named_month_is_that_day(text: str, want: str | None) -> None:
    assert _due(text) == want


def test_an_anniversary_that_is_a_holiday_is_that_holidays_day() -> None:
    assert ("anniversary", 2, 14) in _dates("their anniversary is valentine's day, 50 years")
    # held out
    assert ("anniversary", 12, 25) in _dates("Their anniversary is Christmas Day.")
