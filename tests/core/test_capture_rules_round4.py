"""General rules added after scoring capture on the round-4 notes (50 written blind).

One test (or a few parametrised cases) per rule, each on made-up text that is in no labelled
set, so each rule is checked for what it says rather than for one note.
"""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.understand.author import author_alias
from rapport.core.understand.dates.find import find_dates
from rapport.core.understand.pipeline import understand
from tests.core.capture_probe import WED
from tests.core.capture_probe import titles as _titles


def _due(text: str, today: date = WED) -> str | None:
    found = [m for m in find_dates(text, today) if m.value is not None]
    return found[0].value.isoformat() if found and found[0].value else None


# ---- dates -----------------------------------------------------------------------------------


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


# ---- the user writing about themself in the third person -------------------------------------


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("Dana met w/ Olu Bassey at the expo. Dana to send the brochure Fri.", "Dana"),
        ("Call notes (Reza): Tim Ng wants a demo. Reza to book it next week.", "Reza"),
        ("Rep: Carla. Visited Ann Poole. Carla will mail samples Monday.", "Carla"),
        # a note in the first person has its own author: Karen's item is hers
        ("Per Karen: Ann Poole called. Karen to send the catalog; I'll call Ann.", None),
        # a name with no to-do of its own is only the one who met
        ("Dana met w/ Olu Bassey at the expo. Olu loves golf.", None),
    ],
)
def test_author_alias(text: str, alias: str | None) -> None:
    assert author_alias(text) == alias


def test_third_person_author_items_are_tasks() -> None:
    text = (
        "Priya had coffee with Tom Reyes (Reyes Plumbing). Priya to send the service plan by Fri "
        "and to book a site visit next Tues."
    )
    titles = _titles(understand(text, WED))
    assert ("Send the service plan", "2026-11-20") in titles
    assert understand(text, WED)["client"]["name"] == "Tom Reyes"


def test_someone_elses_item_stays_theirs() -> None:
    text = "Per Karen: Tom Reyes called. Karen to send him the catalog. I'll call Tom Friday."
    titles = [t for t, _ in _titles(understand(text, WED))]
    assert not any("catalog" in t.lower() for t in titles)


# ---- names and interests ---------------------------------------------------------------------


def test_customer_abbreviation_is_not_part_of_the_name() -> None:
    out = understand("Cust Earl Whitaker in for an oil change. Call him Fri.", WED)
    assert out["client"]["name"] == "Earl Whitaker"


def test_a_casino_theme_is_not_a_poker_habit() -> None:
    out = understand("Call w/ Nina Park re: holiday party, wants a casino theme.", WED)
    assert not any("poker" in f["tags"] for f in out["facts"])
    out = understand("Nina Park loves casinos, goes to Vegas every spring.", WED)
    assert any("poker" in f["tags"] for f in out["facts"])
