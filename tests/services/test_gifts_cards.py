"""The gift log, ranked ideas through the service, and cards: draft, save, mark sent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rapport.services import cards, clients, facts, gifts, interactions, people, settings
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.undo import restore
from rapport.store import search

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def bob(book: Path) -> int:
    client = clients.create_client("Bob Smith")
    jake = people.add_person(client.id, "Jake", "son", age=12)
    facts.add_fact(client.id, "Jake plays travel baseball", "interest", ["baseball"], jake.id)
    return client.id


def test_gift_life_cycle_idea_planned_given(bob: int) -> None:
    jake = clients.profile(bob).people[0]
    idea = gifts.gift_ideas(bob, "birthday").ideas[0]
    assert idea.for_name == "Jake"
    planned = gifts.plan_idea(bob, idea, "birthday")
    assert planned.status == "planned" and planned.person_id == jake.id
    assert planned.interaction_id is None, "a planned gift is not in the history yet"
    assert "Because: Jake, 12" in planned.notes
    given = gifts.mark_given(planned.id, "2026-11-17", reaction="He loved it", cost="$24.50")
    assert (given.status, given.given_on, given.cost_cents) == ("given", date(2026, 11, 17), 2450)
    history = interactions.history(bob)
    assert [(i.kind, i.title) for i in history] == [("gift", f"Gift for Jake: {idea.title}")]
    assert "Reaction: He loved it" in history[0].key_points
    assert clients.get_client(bob).last_contact_at is not None
    # The idea is never proposed again.
    assert idea.title not in [i.title for i in gifts.gift_ideas(bob, "birthday", limit=50).ideas]
    # Editing the gift keeps its history entry in step.
    gifts.update_gift(given.id, title="Signed baseball", given_on="2026-11-16")
    entry = interactions.history(bob)[0]
    assert entry.title == "Gift for Jake: Signed baseball"
    assert entry.happened_at.date() == date(2026, 11, 16)
    assert {h.kind for h in search.search("signed baseball")} == {"gift", "interaction"}
    # Back to planned: it leaves the history.
    gifts.update_gift(given.id, status="planned")
    assert interactions.history(bob) == []


def test_delete_gift_with_undo(bob: int) -> None:
    gift = gifts.add_gift(bob, "Cubs cap", occasion="thank_you")
    assert gift.status == "given" and gift.given_on == date(2026, 11, 18)
    snapshot = gifts.delete_gift(gift.id)
    assert gifts.list_gifts(bob) == []
    assert interactions.history(bob) == []
    restore(snapshot)
    back = gifts.list_gifts(bob)
    assert [g.title for g in back] == ["Cubs cap"]
    assert back[0].interaction_id is not None
    assert [i.kind for i in interactions.history(bob)] == ["gift"]


def test_deleting_the_history_entry_keeps_the_gift(bob: int) -> None:
    gift = gifts.add_gift(bob, "Cubs cap")
    snapshot = interactions.delete_interaction(gift.interaction_id or 0)
    assert gifts.list_gifts(bob)[0].interaction_id is None
    restore(snapshot)
    assert gifts.list_gifts(bob)[0].interaction_id == gift.interaction_id


def test_gift_input_is_checked(bob: int) -> None:
    with pytest.raises(ValidationError, match="cannot be empty"):
        gifts.add_gift(bob, "  ")
    with pytest.raises(ValidationError, match="not an amount"):
        gifts.add_gift(bob, "Book", cost="about 20")
    with pytest.raises(ValidationError, match="occasion"):
        gifts.add_gift(bob, "Book", occasion="xmas")
    other = clients.create_client("Ann Lee")
    stranger = people.add_person(other.id, "Zoe", "daughter")
    with pytest.raises(ValidationError, match="not one of this client's people"):
        gifts.add_gift(bob, "Book", person_id=stranger.id)
    with pytest.raises(NotFoundError):
        gifts.gift_ideas(9999)
    assert gifts.list_gifts(bob) == []


def test_budget_setting_is_honoured(bob: int) -> None:
    facts.add_fact(bob, "Plays golf every Saturday", "interest", ["golf"])
    settings.set_value("gift_budget", "low")
    assert {i.price for i in gifts.gift_ideas(bob, limit=30).ideas} == {"low"}
    settings.set_value("gift_budget", "high")
    assert "high" in {i.price for i in gifts.gift_ideas(bob, limit=30).ideas}


def test_note_marked_sent_closes_the_thank_you(bob: int) -> None:
    settings.set_value("user_name", "Sam Carter")
    meeting = interactions.add_interaction(
        bob, "meeting", "2026-11-18 12:30", "Lunch at Rosa's", "", ["Needs delivery by March"]
    )
    assert meeting.thanked_at is None
    draft = cards.draft_note(bob, "after_meeting")
    assert draft.interaction_id == meeting.id
    assert draft.closing.endswith("Sam Carter")
    assert "making sure delivery lands by march" in draft.body.lower()
    card = cards.save_card(bob, draft.text + "\nPS: edited", "after_meeting", "5x7", meeting.id)
    assert cards.unsent_card(bob, meeting.id) == card
    card = cards.save_card(bob, "Edited again", "after_meeting", "a2", meeting.id, card.id)
    assert card.body == "Edited again" and card.card_size == "a2"
    sent = cards.mark_sent(card.id)
    assert sent.sent_at is not None
    thanked = next(i for i in interactions.history(bob) if i.id == meeting.id)
    assert thanked.thanked_at == sent.sent_at
    logged = [i for i in interactions.history(bob) if i.kind == "card"]
    assert logged and logged[0].raw_text == "Edited again"
    assert cards.unsent_card(bob, meeting.id) is None
    with pytest.raises(ValidationError, match="already"):
        cards.mark_sent(card.id)
    with pytest.raises(ValidationError, match="already sent"):
        cards.save_card(bob, "x", card_id=card.id)


def test_the_note_thanks_for_the_last_meeting_even_without_key_points(bob: int) -> None:
    older = interactions.add_interaction(
        bob, "meeting", "2026-11-17 12:30", "Lunch", "", ["Needs delivery by March"]
    )
    coffee = interactions.add_interaction(
        bob, "meeting", "2026-11-18 09:00", "Coffee", "Coffee with Bob. Talked about Ogden.", []
    )
    assert cards.draft_note(bob).interaction_id == coffee.id
    # A bare log with nothing said leaves the note to the meeting that has points.
    interactions.add_interaction(bob, "call", "2026-11-18 16:00", "Call", "", [])
    assert cards.draft_note(bob).interaction_id == older.id


def test_referral_thanks_names_the_lead(bob: int) -> None:
    from rapport.store import models as m

    lead = clients.create_client("Dana White")
    intro = m.Introduction.create(lead=lead.id, referrer=bob, introduced_on=date(2026, 11, 10))
    draft = cards.draft_note(bob, "referral_thanks")
    assert "Dana White" in draft.body
    card = cards.save_card(bob, draft.text, "referral_thanks")
    cards.mark_sent(card.id)
    assert m.Introduction.get_by_id(intro.id).thanked_at is not None


def test_card_input_is_checked(bob: int) -> None:
    with pytest.raises(ValidationError, match="unknown card size"):
        cards.save_card(bob, "Hi", card_size="b5")
    with pytest.raises(ValidationError, match="cannot be empty"):
        cards.save_card(bob, " ")
    other = clients.create_client("Ann Lee")
    talk = interactions.add_interaction(other.id, "call", title="Catch-up")
    with pytest.raises(NotFoundError):
        cards.draft_note(bob, interaction_id=talk.id)
