"""The quick-capture draft, saving a note with its draft, and understanding with a cache."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from rapport.services import capture, clients, drafts
from rapport.store import models as m
from rapport.store.errors import ReadOnlyError
from tests.pgserver import READ_ONLY_FILE


def test_no_draft_at_first(book: Path) -> None:
    assert drafts.load_draft() is None


def test_save_load_replace_and_discard(book: Path) -> None:
    drafts.save_draft("Lunch w/ Bob")
    drafts.save_draft("Lunch w/ Bob Smith", {"id": None, "name": " Dana  White ", "company": "X"})
    draft = drafts.load_draft()
    assert draft is not None
    assert draft.text == "Lunch w/ Bob Smith"
    assert draft.client == {"id": None, "name": "Dana White", "company": "X"}
    assert m.Draft.select().count() == 1  # one draft per book, replaced
    drafts.discard_draft()
    assert drafts.load_draft() is None


def test_nothing_typed_means_no_draft(book: Path) -> None:
    drafts.save_draft("Lunch")
    assert drafts.save_draft("   \n") is None
    assert drafts.load_draft() is None


def test_a_damaged_client_hint_is_forgotten(book: Path) -> None:
    m.Draft.create(text="Call with Ann", client_hint="{not json")
    draft = drafts.load_draft()
    assert draft is not None and draft.text == "Call with Ann" and draft.client is None


@pytest.mark.sqlite_only(reason=READ_ONLY_FILE)
def test_a_read_only_book_refuses_the_draft_with_a_store_error(book: Path) -> None:
    drafts.save_draft("first words")
    m.db.execute_sql("PRAGMA query_only = 1")
    try:
        with pytest.raises(ReadOnlyError):
            drafts.save_draft("more words")
    finally:
        m.db.execute_sql("PRAGMA query_only = 0")
    draft = drafts.load_draft()
    assert draft is not None and draft.text == "first words"


def test_save_note_saves_and_forgets_the_draft_together(book: Path) -> None:
    bob = clients.create_client("Bob Smith", company="Acme")
    text = "Lunch w/ Bob Smith. I will send pricing by Friday."
    drafts.save_draft(text)
    result = drafts.save_note(text, capture.understand_note(text), [0])
    assert result.client_name == "Bob Smith" and result.saved.client_id == bob.id
    assert [(t.title, t.due.isoformat() if t.due else None) for t in result.tasks] == [
        ("Send pricing", "2026-11-20")
    ]
    assert drafts.load_draft() is None


def test_a_failed_save_keeps_the_draft(book: Path) -> None:
    text = "Quick call, she wants pricing."
    drafts.save_draft(text)
    understanding = capture.understand_note(text)
    understanding["client"] = {"id": 999, "name": "Gone", "company": ""}
    with pytest.raises(Exception, match="no client with id 999"):
        drafts.save_note(text, understanding, [])
    draft = drafts.load_draft()
    assert draft is not None and draft.text == text
    assert m.Interaction.select().count() == 0


def test_understand_with_a_client_index_and_a_chosen_client(book: Path) -> None:
    maria = clients.create_client("Maria Gonzalez", company="Peachtree")
    index = capture.client_index()
    assert [c.name for c in index] == ["Maria Gonzalez"]
    found = capture.understand_with("Coffee with Maria. Dad in the hospital - be gentle.", index)
    assert found["client"]["id"] == maria.id
    assert capture.understand_with("", index)["client"] is None  # empty is not refused
    chosen = capture.understand_with(
        "Quick coffee, her dad is in the hospital - be gentle.",
        index,
        {"id": maria.id, "name": "Maria Gonzalez", "company": "Peachtree"},
    )
    assert chosen["client"]["id"] == maria.id and chosen["client"]["match"] == "chosen"
    titles = [s["title"] for s in chosen["suggestions"]]
    assert "Write a thank-you note to Maria" in titles and "Check in on Maria" in titles


def test_a_note_without_messages_or_introductions_needs_no_follow_through(book: Path) -> None:
    # Plain notes save whether or not the follow-through services are installed.
    text = "Lunch w/ Bob Smith. Son Jake, 12, plays baseball."
    saved = capture.save_capture(text, capture.understand_note(text))
    assert saved.introduction_ids == [] and saved.inbound_id is None


def test_the_client_index_is_reused_until_the_clients_change(book: Path) -> None:
    clients.create_client("Bob Smith")
    first = capture.client_index()
    assert capture.client_index() is first
    clients.create_client("Maria Gonzalez")
    second = capture.client_index()
    assert second is not first and len(second) == 2
    clients.update_client(clients.resolve("Bob Smith").id, company="Acme")
    assert capture.client_index() is not second  # a changed company counts too


@pytest.mark.skipif(
    importlib.util.find_spec("rapport.services.inbound") is None,
    reason="needs services.inbound (follow-through branch)",
)
def test_a_voicemail_note_saves_with_its_reply(book: Path) -> None:
    text = "Voicemail from Priya Raman asking about pricing, call her back tomorrow."
    result = drafts.save_note(text, capture.understand_note(text), [])
    assert result.saved.inbound_id is not None and result.tasks  # the reply to make
