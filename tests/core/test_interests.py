"""The interest catalogue: shape of the shipped file and what the finder finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rapport.core.understand.interests import catalogue, find_interests

CATALOGUE = Path(__file__).parents[2] / "resources" / "interests.json"
CATEGORIES = {
    "sports", "teams", "music", "food", "drink", "outdoors", "crafts", "travel", "reading",
    "arts", "games", "tech", "causes", "pets", "wellness", "dietary", "family-activities",
    "collecting",
}  # fmt: skip


def test_catalogue_is_large_stable_and_well_formed() -> None:
    entries = json.loads(CATALOGUE.read_text("utf-8"))["interests"]
    tags = [e["tag"] for e in entries]
    assert len(tags) >= 150
    assert len(tags) == len(set(tags))
    for entry in entries:
        assert re.fullmatch(r"[a-z0-9][a-z0-9 .&'-]*", entry["tag"]), entry["tag"]
        assert entry["category"] in CATEGORIES
        assert entry.get("parent") is None or entry["parent"] in tags
        assert entry["synonyms"] or entry.get("weak") or entry.get("context_synonyms")
    dietary = {e["tag"] for e in entries if e["category"] == "dietary"}
    assert {"vegetarian", "vegan", "gluten-free", "kosher", "halal", "sober"} <= dietary
    assert {"nut allergy", "dairy-free"} <= dietary


def test_every_big_league_has_its_teams() -> None:
    cat = catalogue()
    by_sport: dict[str, int] = {}
    for interest in cat.interests.values():
        if interest.category == "teams" and interest.parent:
            by_sport[interest.parent] = by_sport.get(interest.parent, 0) + 1
    assert by_sport["football"] >= 32
    assert by_sport["basketball"] >= 30
    assert by_sport["baseball"] >= 30
    assert by_sport["hockey"] >= 32


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Her husband Peter is a huge golfer", {"golf"}),
        ("huge fly fishing guy", {"fly fishing", "fishing"}),
        ("season tickets for the Eagles", {"philadelphia eagles", "football"}),
        ("into Napa cabs", {"wine"}),
        ("plays varsity basketball", {"basketball"}),
        ("collects vintage vinyl", {"vinyl", "music"}),
        ("training for the Chicago marathon", {"marathon", "running"}),
        ("smokes brisket every weekend", {"bbq"}),
        ("a mystery novel addict", {"mystery novels", "reading"}),
        ("Beth is gluten-free and doesn't drink", {"gluten-free", "sober"}),
        ("Giants fan, watches every baseball game", {"san francisco giants", "baseball"}),
        ("Big Giants fan", {"new york giants", "football"}),
        ("FÚTBOL every Sunday", {"soccer"}),
        ("avid runner", {"running"}),
        ("loves running", {"running"}),
    ],
)
def test_finds_interests(text: str, want: set[str]) -> None:
    found = {tag for match in find_interests(text) for tag in match.tags}
    assert found == want


@pytest.mark.parametrize(
    "text",
    [
        "Coffee with Beth Howard",
        "Met Anna at the expo",  # not the Mets
        "running 10 min late",
        "the heat in Phoenix was brutal",
        "the Magic of a good demo",
        "not a golfer at all",
        "travel budget approved for Q1",
        "asked for a pilot in Q1",
        "recovering in the hospital",
    ],
)
def test_ignores_look_alikes(text: str) -> None:
    assert find_interests(text) == []


# A word of the catalogue in another sense: "the books" are accounts, and "marathon" says how
# long something else lasted or which swim it was
@pytest.mark.parametrize(
    ("text", "absent", "kept"),
    [
        ("his wife Jo does their books, big into knitting", "reading", "knitting"),
        ("Pam keeps our books and does payroll", "reading", None),
        ("Kai is a marathon swimmer, crossed the Catalina channel", "running", "swimming"),
        ("marathon meeting with the board today", "running", None),
        ("Ed ran the Boston marathon again", None, "running"),
    ],
)
def test_a_word_in_another_sense(text: str, absent: str | None, kept: str | None) -> None:
    tags = {t for m in find_interests(text) for t in m.tags}
    assert absent is None or absent not in tags
    assert kept is None or kept in tags


def test_match_spans_point_into_the_text() -> None:
    text = "Steve is into BBQ and smokes brisket"
    for match in find_interests(text):
        assert text[match.start : match.end] == match.text


def test_lower_case_notes_still_find_team_nicknames() -> None:
    assert {m.tag for m in find_interests("huge eagles fan")} == {"philadelphia eagles"}


# Family (i16pe): an instrument said as a thing in the room, to move, crate or sit on, after
# a determiner or a size, is no pastime; a word in the clause that says someone plays it keeps it.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("estimate: one grand piano and a pool table to move", set()),
        ("their cat sleeps on the piano lol", set()),
        ("need a crate for an upright piano and the old organ", set()),
        ("the old cello goes in the second room", set()),
        ("the piano tuner comes tuesday to tune the grand piano", set()),
        ("his daughter has a piano recital friday", {"piano"}),
        ("she plays the piano every evening", {"piano"}),
        ("loves her old guitar", {"guitar"}),
        ("wants to drop piano for drums", {"piano", "drums"}),
        ("moving the grand piano to the den, she teaches piano on weekends", {"piano"}),
    ],
)
def test_an_instrument_handled_as_a_thing(text: str, want: set[str]) -> None:
    assert {m.tag for m in find_interests(text)} == want
