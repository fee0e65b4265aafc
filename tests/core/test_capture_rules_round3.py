"""General rules added after scoring capture on the round-3 notes (60 written blind).

One test (or a few parametrised cases) per rule, each on made-up text that is in no labelled
set, so each rule is checked for what it says rather than for one note.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rapport.core.capture import understand
from rapport.core.capture_text import lower_shouting

WED = date(2026, 11, 18)


def _client(text: str) -> str | None:
    client = understand(text, WED)["client"]
    return client["name"] if client else None


def _titles(out: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(t["title"], t["due"]) for t in out["tasks"]]


# ---- notes typed in capitals -----------------------------------------------------------------


def test_shouted_stretches_are_lowered_but_lone_acronyms_stay() -> None:
    text = "MTG W/ DONNA KESSLER. reply w/ ETA asap, PM visit Tues"
    low = lower_shouting(text)
    assert low == "mtg w/ donna kessler. reply w/ ETA asap, PM visit Tues"
    assert len(low) == len(text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("LUNCH WITH MARCUS WEBB - WEBB FREIGHT. SEND LANE RATES FRIDAY", "Marcus Webb"),
        ("TXT FROM ANGELA PRICE (OFFICE MGR): NEEDS 3 TECHS. call her back", "Angela Price"),
    ],
)
def test_a_client_named_in_capitals_is_found(text: str, want: str) -> None:
    assert _client(text) == want


def test_tasks_in_a_shouted_note_keep_their_dates() -> None:
    out = understand("CALL W/ MARCUS WEBB. SEND THE LANE RATES BY FRIDAY", WED)
    assert [(t["due"]) for t in out["tasks"]] == ["2026-11-20"]


# ---- whom the note is about ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Planner Olivia Brandt brought us a June wedding. thank her", "Olivia Brandt"),
        ("Councilmember Derek Haas wants the revised site plan", "Derek Haas"),
        ("Candidate Mia Lorenz interviewed well at Acme", "Mia Lorenz"),
        ("Broker Sam Whitley called re: the Elm St listing", "Sam Whitley"),
    ],
)
def test_a_role_said_like_a_title_is_not_part_of_the_name(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Hit Northside Dermatology: Dr. Carla Voss wants samples", "Carla Voss"),
        ("Stopped at Bright Path Imaging - Tom Reyes, office mgr", "Tom Reyes"),
        ("Arlene Voss Voss Orchards - 40 acres of apples", "Arlene Voss"),
    ],
)
def test_capitalised_words_before_an_organisation_word_are_not_a_person(
    text: str, want: str
) -> None:
    assert _client(text) == want
