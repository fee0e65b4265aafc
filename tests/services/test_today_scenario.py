"""The issue's scenario: notes captured on day 0, Today read on day 3.

Day 0 is Monday 2026-11-16, day 3 Thursday 2026-11-19. Quick capture is another issue;
the same records are made here through the services it will call.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rapport.services import (
    clients,
    inbound,
    interactions,
    introductions,
    people,
    tasks,
)
from rapport.services import today as today_service

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines

DAY0, DAY3 = "2026-11-16", "2026-11-19"


@pytest.fixture
def book_on_day3(book: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    ids: dict[str, int] = {}
    # Three weeks earlier: a promise with a long window, untouched since.
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-01")
    anna = clients.create_client("Anna Schmidt", company="Schmidt GmbH")
    ids["window"] = tasks.add_task(
        "Get pricing for the 2027 contract", anna.id, "2026-11-24", "promise"
    ).id
    # A client last heard from in August.
    sofia = clients.create_client("Sofia Rossi")
    interactions.add_interaction(sofia.id, "call", "2026-08-01 15:00", "Catch-up call")
    ids["sofia"] = sofia.id

    monkeypatch.setenv("RAPPORT_TODAY", DAY0)
    bob = clients.create_client("Bob Smith", company="Acme Supply")
    ids["bob"] = bob.id
    ids["lunch"] = interactions.add_interaction(
        bob.id, "meeting", f"{DAY0} 12:30", "Lunch at Rosa's"
    ).id
    ids["proposal"] = tasks.add_task(
        "Send the revised proposal", bob.id, "2026-11-18", "promise"
    ).id
    ids["pricing"] = tasks.add_task("Send pricing", bob.id, "2026-11-20", "promise").id
    jake = people.add_person(bob.id, "Jake", "son", age=12)
    people.add_date(bob.id, "birthday", 11, 24, person_id=jake.id)
    maria = clients.create_client("Maria Gonzalez")
    ids["maria"] = maria.id
    voicemail = inbound.record_inbound(maria.id, "voicemail", f"{DAY0} 09:10", "About the renewal")
    ids["voicemail"] = voicemail.id
    tom = clients.create_client("Tom Lee")
    ids["tom"] = tom.id
    intro = introductions.create_introduction(tom.id, referrer_id=maria.id)
    ids["intro"] = intro.id
    introductions.mark_contacted(intro.id)  # the email to Tom went out on day 0

    monkeypatch.setenv("RAPPORT_TODAY", DAY3)
    return ids


def test_day_3_lists_what_needs_doing(book_on_day3: dict[str, int]) -> None:
    ids = book_on_day3
    data = today_service.today()
    assert data.date == date(2026, 11, 19)

    overdue = {item.task.title: item for item in data.overdue}
    # An overdue promise, and the referrer not yet thanked (both due earlier).
    assert overdue["Send the revised proposal"].days_late == 1
    assert overdue["Send the revised proposal"].draft is not None
    assert overdue["Thank Maria for introducing Tom Lee"].task.client == "Maria Gonzalez"
    assert overdue["Thank Maria for introducing Tom Lee"].days_late == 3

    # At risk: due tomorrow, and one three quarters through its window with no progress.
    at_risk = {item.id: item for item in data.at_risk}
    assert set(at_risk) == {ids["pricing"], ids["window"]}
    draft = at_risk[ids["pricing"]].draft
    assert draft is not None and draft.startswith(("Hi Bob", "Hello Bob"))
    assert "the pricing" in draft and "Tuesday, Nov 24" in draft
    assert at_risk[ids["pricing"]].new_due == date(2026, 11, 24)

    # The voicemail waits 3 days, past one business day.
    (reply,) = data.awaiting_reply
    assert (reply.client, reply.channel, reply.age.days) == ("Maria Gonzalez", "voicemail", 3)
    assert reply.age.level == "warning"
    assert tasks.get_task(reply.task_id).kind == "reply"

    # The lead did not answer the email for 3 days: a call task, due today.
    call = [item for item in data.due_today if item.task.kind == "call"]
    assert [item.task.title for item in call] == ["Call Tom Lee: no answer to the email yet"]
    assert call[0].task.introduction_id == ids["intro"]
    assert [t.id for t in data.created] == [call[0].id]

    assert [(t.client, t.id) for t in data.thank_yous] == [("Bob Smith", ids["lunch"])]
    assert [u.text for u in data.dates] == ["Jake turns 13 on Nov 24"]
    assert data.dates[0].in_days == 5
    assert [(o.client, o.days, o.cadence_days) for o in data.out_of_touch] == [
        ("Sofia Rossi", 110, 60)
    ]
    assert data.counts["overdue"] == 2 and data.counts["replies_late"] == 1
    assert data.title_text().startswith("2 overdue · 1 due today · 2 at risk")


def test_the_call_task_is_made_once(book_on_day3: dict[str, int]) -> None:
    first = today_service.today()
    second = today_service.today()
    assert len(first.created) == 1 and second.created == []
    calls = [t for t in tasks.list_tasks(include_done=True) if t.kind == "call"]
    assert len(calls) == 1
    # Done, it stays done: reading Today again does not make another.
    tasks.complete_task(calls[0].id)
    assert today_service.today().created == []
    assert introductions.get_introduction(book_on_day3["intro"]).called_at is not None


def test_acting_on_day_3_empties_the_lists(book_on_day3: dict[str, int]) -> None:
    ids = book_on_day3
    data = today_service.today()
    for item in data.overdue + data.due_today + data.at_risk:
        tasks.complete_task(item.id)
    inbound.mark_answered(ids["voicemail"])
    interactions.mark_thanked(ids["lunch"])
    interactions.add_interaction(ids["sofia"], "call", "2026-11-19 10:00", "Caught up")
    after = today_service.today()
    assert after.overdue == after.due_today == after.at_risk == []
    assert after.awaiting_reply == [] and after.thank_yous == [] and after.out_of_touch == []
    assert after.dates  # a birthday is not a chore
    assert introductions.get_introduction(ids["intro"]).thanked_at is not None
    # The promise done on its day counts as kept; the late one as late.
    assert (after.score.kept, after.score.late) == (2, 1)
