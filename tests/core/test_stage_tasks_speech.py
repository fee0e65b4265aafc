"""Stage 8, tasks in dictated and transcribed speech: the user's promise as it is said aloud.

Made-up text in no labelled set, in several Englishes and trades, a table per family.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import WED
from tests.core.capture_probe import titles as _titles
from tests.core.understood import understand


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "let me check the stock for Bob Hale and get back to him tomorrow",
            ("Check the stock for Bob Hale", "2026-11-19"),
        ),
        (
            "I need to remember to send Priya Nair the brochure on Friday",
            ("Send Priya Nair the brochure", "2026-11-20"),
        ),
        (
            "the kellys want the deck finished by the end of next month i need to remember to "
            "book the inspector",
            ("Book the inspector", None),
        ),
        ("Met Dan Kerr. Don't forget to call his wife Monday.", ("Call his wife", "2026-11-23")),
        (
            "lunch with mike o'hara, don't forget to email him the deck, his son's birthday is "
            "the ninth of january",
            ("Email Mike the deck", None),
        ),
        (
            "Met Dan Kerr, I'm fixing to send him the invoice end of next week.",
            ("Send Dan the invoice", "2026-11-27"),
        ),
        (
            "Met Dan Kerr. I'd better send him the contract tomorrow.",
            ("Send Dan the contract", "2026-11-19"),
        ),
        ("Met Dan Kerr. I've to ring him back on Tuesday.", ("Ring Dan back", "2026-11-24")),
        (
            "Met Dan Kerr. Make sure to bring the samples Friday.",
            ("Bring the samples", "2026-11-20"),
        ),
    ],
)
def test_a_spoken_lead_in_is_not_the_title(text: str, want: tuple[str, str | None]) -> None:
    assert want in _titles(understand(text, WED))


@pytest.mark.parametrize(
    "text",
    [
        "Met Dan Kerr. Lemme see, he wants the blue one.",
        "Met Dan Kerr. Let me know if he calls.",
        "Met Dan Kerr. let me know when the deck is ready",
        "Met Dan Kerr. Keep us posted on the permit.",
    ],
)
def test_let_me_see_or_know_is_no_promise(text: str) -> None:
    assert _titles(understand(text, WED)) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "I'm gonna, uh, get her the revised plans by Friday, Siobhan Kelly was happy",
            [("Get Siobhan the revised plans", "2026-11-20")],
        ),
        (
            "Met Dan Kerr, I'm going to send him the invoice by Friday.",
            [("Send Dan the invoice", "2026-11-20")],
        ),
        (
            "Saw Ruth Obi, let me price the tanning ledge, um, by Monday.",
            [("Price the tanning ledge", "2026-11-23")],
        ),
        (
            "met the okonkwos, chidi does pottery, uh, I need to send them the lease by friday",
            [("Send Chidi the lease", "2026-11-20")],
        ),
    ],
)
def test_a_hedge_or_a_filler_between_commas_keeps_the_promise_whole(
    text: str, want: list[tuple[str, str]]
) -> None:
    assert _titles(understand(text, WED)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "driving back from the vasquez job need to order the tile friday and email carla "
            "the invoice tonight",
            ("Order the tile", "2026-11-20"),
        ),
        (
            "just left the okafor house need to send ada the invoice friday",
            ("Send ada the invoice", "2026-11-20"),
        ),
        (
            "ok so heading over to the patel site gotta call the inspector tomorrow",
            ("Call the inspector", "2026-11-19"),
        ),
    ],
)
def test_a_clause_opened_by_where_the_speaker_is_ends_before_the_users_modal(
    text: str, want: tuple[str, str]
) -> None:
    assert want in _titles(understand(text, WED))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "I'll drop the paperwork round to Siobhan Murphy Monday, her anniversary is the "
            "twenty first of june",
            [("Drop the paperwork round to Siobhan Murphy", "2026-11-23")],
        ),
        (
            "Met Tom Hale. Send flowers Friday, his wife's birthday is Saturday.",
            [("Send flowers", "2026-11-20")],
        ),
        (
            "Met Tom Hale. I'll get the tile guy out there next week, their daughter ada is at "
            "howard, her birthday is the fifth of may",
            [("Get the tile guy out there", "2026-11-23")],
        ),
    ],
)
def test_a_family_day_said_after_the_task_is_not_part_of_it(
    text: str, want: list[tuple[str, str]]
) -> None:
    out = understand(text, WED)
    assert _titles(out) == want
    assert out["dates"]
