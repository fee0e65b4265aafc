"""What the capture window offers and the user ticks is what is saved (issue 15, item 14).

Every suggestion kind the understanding makes, on every kind of conversation, through the
real save path: ticked, it becomes what its words say (a thank-you owed on Today, a task of
that title and day); unticked, it does not. A suggestion must never repeat what a chip
already brings (the introduction's chain, the message's reply task): unticked it would be
saved all the same, ticked it would be saved twice.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rapport import clock
from rapport.core import records as r
from rapport.services import capture, clients, tasks, today
from rapport.store import models as m

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines

# Notes whose understanding offers every kind of suggestion the core makes.
NOTES = (
    "Lunch with Dana Reyes (Acme). Her husband was in the hospital last week. "
    "Her son Jake plays soccer.",
    "Call with Marcus Webb. He asked for the renewal quote.",
    "Email from Lena Ortiz asking about the renewal quote.",
    "Coffee with Sam Lee. He introduced me to Kim Park from Northwind.",
)


def _offers() -> list[tuple[str, dict[str, Any]]]:
    """(note, suggestion) for every suggestion the notes' understandings offer."""
    out = []
    for text in NOTES:
        for suggestion in capture.understand_note(text)["suggestions"]:
            out.append((text, suggestion))
    return out


def _outcome(saved: capture.SavedCapture, suggestion: dict[str, Any]) -> bool:
    """Whether the save holds what the suggestion's words say."""
    if suggestion["kind"] == "thank_you":
        owed = [t.id for t in today.today().thank_yous]
        return saved.interaction_id in owed
    due = date.fromisoformat(suggestion["due"]) if suggestion["due"] else None
    return any(
        t.title == suggestion["title"] and t.kind == suggestion["kind"] and t.due == due
        for t in tasks.list_tasks(client_id=saved.client_id)
        if t.status == "open"
    )


def test_the_notes_offer_every_kind_of_suggestion(book: Path) -> None:
    kinds = {s["kind"] for _text, s in _offers()}
    assert kinds == {"thank_you", "check_in", "gift"}


@pytest.mark.parametrize("kind", r.INTERACTION_KINDS)
def test_each_ticked_suggestion_is_saved_as_it_says_and_an_unticked_one_is_not(
    book: Path, kind: str
) -> None:
    cases = 0
    for n, (text, offered) in enumerate(_offers()):
        for ticked in (True, False):
            client = clients.create_client(f"Client {kind} {n} {ticked}")
            understanding = capture.understand_note(text, client)
            understanding["kind"] = kind
            suggestions = understanding["suggestions"]
            index = next(i for i, s in enumerate(suggestions) if s == offered)
            accepted = (index,) if ticked else ()
            saved = capture.save_capture(text, understanding, accepted_suggestions=accepted)
            assert m.Interaction.get_by_id(saved.interaction_id).kind == kind
            assert _outcome(saved, offered) is ticked, (kind, offered["title"], ticked)
            # Nothing else was made of the suggestions: only the note's own tasks.
            others = [s for i, s in enumerate(suggestions) if i != index]
            assert not any(_outcome(saved, s) for s in others), (kind, offered["title"])
            cases += 1
    assert cases == 2 * len(_offers())


def test_a_call_with_its_thank_you_ticked_is_on_today_until_the_note_is_sent(
    book: Path,
) -> None:
    text = "Call with Marcus Webb. He asked for the renewal quote."
    understanding = capture.understand_note(text)
    assert understanding["kind"] == "call"
    [offer] = [s for s in understanding["suggestions"] if s["kind"] == "thank_you"]
    assert offer["title"] == "Write a thank-you note to Marcus"
    saved = capture.save_capture(text, understanding)  # the window's defaults: ticked
    [owed] = today.today().thank_yous
    assert (owed.id, owed.client) == (saved.interaction_id, "Marcus Webb")
    from rapport.services import interactions

    interactions.mark_thanked(saved.interaction_id, clock.now())
    assert today.today().thank_yous == []


def test_an_introduction_and_a_message_bring_their_tasks_once(book: Path) -> None:
    """The chain and the reply task come with their chips, not as suggestions too."""
    intro = "Coffee with Sam Lee. He introduced me to Kim Park from Northwind."
    message = "Email from Lena Ortiz asking about the renewal quote."
    for text in (intro, message):
        understanding = capture.understand_note(text)
        offered = {s["kind"] for s in understanding["suggestions"]}
        assert not offered & {"thank_referrer", "follow_up", "reply"}
        everything = range(len(understanding["suggestions"]))
        capture.save_capture(text, understanding, accepted_suggestions=everything)
    open_kinds = sorted(t.kind for t in tasks.list_tasks() if t.status == "open")
    assert open_kinds == ["introduction", "reply", "thank_referrer"]
