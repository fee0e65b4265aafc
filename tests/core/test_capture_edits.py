"""The user's chip edits: keyed by what an item is, applied to every fresh understanding."""

from __future__ import annotations

from datetime import date

from rapport.core.understand.edits import (
    CaptureEdits,
    accepted_suggestions,
    apply_edits,
    item_key,
)
from rapport.core.understand.pipeline import understand

WED = date(2026, 11, 18)
NOTE = (
    "Lunch w/ Bob Smith. Son Jake, 12, plays travel baseball. Bob hates the new parking "
    "garage. Dad in the hospital - be gentle. Promised the revised proposal by Friday."
)


def test_keys_name_items_by_their_words() -> None:
    assert item_key("people", {"name": "Jake", "relation": "son"}) == "jake"
    assert item_key("people", {"name": None, "relation": "father"}) == "=father"
    assert item_key("facts", {"text": "Loves  Golf."}) == "loves golf"
    assert item_key("tasks", {"title": "Send pricing", "due": "2026-11-20"}) == "send pricing"
    assert item_key("dates", {"label": "birthday", "about": "Susan"}) == "birthday|susan"
    assert item_key("key_points", "Needs delivery by March.") == "needs delivery by march"
    assert item_key("inbound", {"channel": "voicemail", "from": "Jim"}) == "voicemail"


def test_edits_apply_to_a_fresh_understanding_of_a_longer_note() -> None:
    first = understand(NOTE, WED)
    edits = CaptureEdits()
    garage = next(f for f in first["facts"] if "garage" in f["text"])
    edits.remove("facts", garage)
    edits.change("tasks", first["tasks"][0], due="2026-11-24")
    father = next(p for p in first["people"] if p["relation"] == "father")
    edits.change("people", father, relation="mother")

    again = understand(NOTE + " Wife Susan loves Napa cabs.", WED)
    shown = apply_edits(again, edits)
    assert not any("garage" in f["text"] for f in shown["facts"])
    assert any("Napa" in f["text"] for f in shown["facts"])
    assert shown["tasks"][0]["due"] == "2026-11-24"
    assert {p["relation"] for p in shown["people"]} >= {"mother", "son", "wife"}
    # The understanding itself is left as it was.
    assert any("garage" in f["text"] for f in again["facts"])
    assert again["tasks"][0]["due"] == "2026-11-20"


def test_rewording_an_item_drops_the_edit() -> None:
    edits = CaptureEdits()
    edits.remove("facts", next(f for f in understand(NOTE, WED)["facts"] if "garage" in f["text"]))
    reworded = understand(NOTE.replace("parking garage", "parking lot"), WED)
    assert any("parking lot" in f["text"] for f in apply_edits(reworded, edits)["facts"])


def test_the_chosen_client_replaces_the_understood_one() -> None:
    edits = CaptureEdits()
    edits.choose_client({"id": 7, "name": " Robert  Smith ", "company": "Acme"})
    shown = apply_edits(understand(NOTE, WED), edits)
    assert shown["client"]["id"] == 7 and shown["client"]["name"] == "Robert Smith"
    assert shown["client"]["match"] == "chosen"
    edits.choose_client(None)
    assert apply_edits(understand(NOTE, WED), edits)["client"]["name"] == "Bob Smith"


def test_suggestions_thank_you_ticked_by_default_others_not() -> None:
    result = understand(NOTE, WED)
    kinds = [s["kind"] for s in result["suggestions"]]
    edits = CaptureEdits()
    assert [kinds[i] for i in accepted_suggestions(result, edits)] == ["thank_you"]
    check_in = next(s for s in result["suggestions"] if s["kind"] == "check_in")
    thank_you = next(s for s in result["suggestions"] if s["kind"] == "thank_you")
    edits.tick(check_in, True)
    edits.tick(thank_you, False)
    assert [kinds[i] for i in accepted_suggestions(result, edits)] == ["check_in"]
    assert len(apply_edits(result, edits)["suggestions"]) == len(result["suggestions"])


def test_removing_the_message_awaiting_reply() -> None:
    result = understand("Voicemail from Jim Doe, wants a callback about pricing.", WED)
    assert result["inbound"] is not None
    edits = CaptureEdits()
    edits.remove("inbound", result["inbound"])
    assert apply_edits(result, edits)["inbound"] is None


def test_clear_and_empty() -> None:
    edits = CaptureEdits()
    assert edits.empty
    edits.remove("key_points", "Budget approved")
    edits.choose_client({"name": "Dana"})
    assert not edits.empty
    edits.clear()
    assert edits.empty
