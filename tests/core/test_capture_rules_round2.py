"""General rules added after scoring capture on the round-2 notes (150 written blind).

One test (or a few parametrised cases) per rule, each on made-up text that is in no labelled
set, so each rule is checked for what it says rather than for one note.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rapport.core.capture import understand

WED = date(2026, 11, 18)


def _client(text: str) -> str | None:
    client = understand(text, WED)["client"]
    return client["name"] if client else None


def _inbound(text: str) -> tuple[str, str | None] | None:
    found = understand(text, WED)["inbound"]
    return (found["channel"], found["from"]) if found else None


def _titles(out: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(t["title"], t["due"]) for t in out["tasks"]]


# ---- whom the note is about ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Review w/ Mr. Adeyemi (Adeyemi Foods). his oldest got into Clemson.", "Adeyemi"),
        ("Dr Whitcombe called about the recall, call him back Mon", "Whitcombe"),
        ("Ms. Lindqvist (Greta) wants the forms by Fri", "Greta Lindqvist"),
        ("Dr. Osei's kids are going as Power Rangers lol. PO next week", "Osei"),
        ("Mrs. & Mr. Sato signed today. Hiro Sato is a golf nut", "Hiro Sato"),
    ],
)
def test_an_honorific_and_a_surname_name_the_client(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Chef Luca Moretti (Osteria) wants pricing by Mon", "Luca Moretti"),
        ("Fleet deal - contact Chief Dana Wolfe at the PD", "Dana Wolfe"),
        ("Spoke w/ managing partner Ines Duarte about the lease", "Ines Duarte"),
        ("QBR w/ Bluewater Retail (Omar Faruk, dir. ops). on-time 97%", "Omar Faruk"),
        ("Report due to Gates Fdn 8/15. program officer Lena Park wants data", "Lena Park"),
        ("cook out. floor mgr Tony Ruiz covering. Owner Ana Bell wants a call", "Ana Bell"),
        ("harvest call Ruth Amsel Amsel Vineyards frost damage", "Ruth Amsel"),
    ],
)
def test_titles_companies_and_staff_around_the_clients_name(text: str, want: str) -> None:
    assert _client(text) == want


def test_a_lower_case_noun_said_twice_is_not_a_name() -> None:
    text = "retention bonus dispute - Gail Ortiz says the retention terms changed. call her Mon"
    assert _client(text) == "Gail Ortiz"


# ---- messages waiting for the user -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("VM frm Nadia Kerr re the lease. call back tmrw", ("voicemail", "Nadia Kerr")),
        ("email fr Tom Hale - wants the deck", ("email", "Tom Hale")),
        ("Rosa Diaz txt: running late, can we push to 3?", ("text", "Rosa Diaz")),
        ("Dr. Lim's office manager emailed, they need the COI", ("email", "Lim")),
        ("Counsel for the seller (Burke) emailed re dates", ("email", "Burke")),
        ("Jon Wu, the buyer from Ohio, texted asking for photos", ("text", "Jon Wu")),
        ("quote request via email: Ken Ito (Ito Farms), 40 pallets", ("email", None)),
    ],
)
def test_more_ways_a_message_arrives(text: str, want: tuple[str, str | None]) -> None:
    got = _inbound(text)
    assert got is not None
    assert got[0] == want[0]
    if want[1] is not None:
        assert got[1] == want[1]


@pytest.mark.parametrize(
    "text",
    [
        "Lunch w/ Ada Moss. her line cook called out sick again, staffing is tight",
        "Send receipt + thank-you call from the ED this week - Ann Hu",
        "Mtg w/ Ray Coe. intro email from me to his CFO tomorrow",
    ],
)
def test_calls_the_user_makes_and_calling_out_sick_are_not_messages(text: str) -> None:
    assert _inbound(text) is None
