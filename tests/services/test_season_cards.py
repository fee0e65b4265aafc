"""A season's cards in the services: which clients, what each card reads, logging all or
nothing; and the "done, as promised" message of a kept promise."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.services import clients, facts, followup, interactions, people, season_cards, tasks
from rapport.services.errors import ValidationError
from rapport.store import models as m

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def clientele(book: Path) -> dict[str, int]:
    ids = {}
    for name, company in (
        ("Ann Lee", "Acme"),
        ("Bo Chan", ""),
        ("Cy Ford", "Acme"),
        ("Di Ray", ""),
    ):
        ids[name] = clients.create_client(name, company=company).id
    people.add_date(ids["Ann Lee"], "birthday", 11, 30)  # today is 2026-11-18
    people.add_date(ids["Bo Chan"], "birthday", 3, 2)
    interactions.add_interaction(ids["Cy Ford"], "meeting", "2026-10-05 12:00", "Lunch at Rosa's")
    interactions.add_interaction(ids["Di Ray"], "meeting", "2026-09-20 12:00", "Coffee")
    facts.add_fact(ids["Cy Ford"], "Loves golf", "interest", ["golf"])
    archived = clients.create_client("Ed Gone", company="Acme")
    clients.set_archived(archived.id, True)
    return ids


def _names(picked: list[season_cards.Pickable]) -> list[str]:
    return [p.name for p in picked]


def test_picking_the_clients(clientele: dict[str, int]) -> None:
    assert _names(season_cards.pick_clients("all")) == ["Ann Lee", "Bo Chan", "Cy Ford", "Di Ray"]
    assert _names(season_cards.pick_clients("search", "acme")) == ["Ann Lee", "Cy Ford"]
    assert _names(season_cards.pick_clients("birthday_month")) == ["Ann Lee"]
    assert _names(season_cards.pick_clients("met_quarter")) == ["Cy Ford"]  # Q4 began Oct 1
    chosen = [clientele["Di Ray"], clientele["Bo Chan"], 9999]
    assert _names(season_cards.pick_clients("chosen", chosen=chosen)) == ["Bo Chan", "Di Ray"]
    with pytest.raises(ValidationError, match="type a few letters"):
        season_cards.pick_clients("search", "  ")


def test_drafting_uses_the_facts_and_the_last_meeting(clientele: dict[str, int]) -> None:
    seen: list[tuple[int, int]] = []
    ids = [clientele["Cy Ford"], clientele["Ann Lee"]]
    cards = season_cards.draft_cards(
        ids, "thank_you", signed="Sam", progress=lambda d, t: seen.append((d, t))
    )
    assert [c.client for c in cards] == ["Cy Ford", "Ann Lee"]
    assert "Lunch at Rosa's" in cards[0].text or "lunch at Rosa's" in cards[0].text
    assert "golf" in cards[0].text
    assert seen[-1] == (4, 4)
    with pytest.raises(season_cards.CancelledError):
        season_cards.draft_cards(
            ids * 10, "holiday", progress=lambda d, t: None, cancelled=lambda: True
        )


def test_logging_a_batch_is_all_or_nothing_and_flags_the_next(clientele: dict[str, int]) -> None:
    ann, bo = clientele["Ann Lee"], clientele["Bo Chan"]
    before = m.Interaction.select().count()
    with pytest.raises(ValidationError, match="no client with id 9999"):
        season_cards.log_sent(
            [season_cards.SentCard(ann, "Dear Ann"), season_cards.SentCard(9999, "Dear nobody")],
            "holiday",
        )
    assert m.Interaction.select().count() == before and m.Card.select().count() == 0
    season_cards.log_sent([season_cards.SentCard(ann, "Dear Ann,\n\nHappy holidays!")], "holiday")
    logged = interactions.history(ann)[0]
    assert (logged.kind, logged.title) == ("card", "Holiday card sent")
    assert season_cards.sent_this_year([ann, bo], "holiday") == {ann}
    assert season_cards.sent_this_year([ann, bo], "new_year") == set()
    flagged = {c.client: c.already_sent for c in season_cards.draft_cards([ann, bo], "holiday")}
    assert flagged == {"Ann Lee": True, "Bo Chan": False}


def test_telling_the_client_a_promise_is_kept(clientele: dict[str, int]) -> None:
    ann = clientele["Ann Lee"]
    clients.update_client(ann, emails=["ann@example.com"])
    promise = tasks.add_task("Send the renewal quote", ann, None, "promise")
    chore = tasks.add_task("Book the venue", ann, None, "todo")
    message = followup.done_message(promise.id)
    assert message is not None and message.email == "ann@example.com"
    assert "the renewal quote is" in message.body and "Ann" in message.body
    assert message.mailto.startswith("mailto:ann@example.com?subject=Renewal%20quote&body=")
    assert followup.done_message(chore.id) is None
    told = followup.record_told(promise.id, "email", "Ann, the quote is in your inbox.")
    assert told.kind == "email" and told.raw_text == "Ann, the quote is in your inbox."
    assert clients.get_client(ann).last_contact_at is not None
    with pytest.raises(ValidationError):
        followup.record_told(chore.id, "copy")
