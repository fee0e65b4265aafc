"""Reminder queries over a real book: only open, due, awake tasks and unanswered messages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from rapport.services import clients, reminders, tasks
from rapport.store import models as m

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 18, 9, 30)


def test_check_reads_what_came_due_and_counts(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    maria = clients.create_client("Maria Gonzalez")
    late = tasks.add_task("Call about the invoice", bob.id, "2026-11-10", allow_past=True)
    today = tasks.add_task("Send the proposal", bob.id, "2026-11-18", "promise")
    tasks.add_task("Next week", bob.id, "2026-11-25")
    tasks.add_task("No date", bob.id)
    done = tasks.add_task("Done already", bob.id, "2026-11-18")
    tasks.complete_task(done.id)
    asleep = tasks.add_task("Asleep", None, "2026-11-12", allow_past=True)
    tasks.snooze_task(asleep.id, "2026-11-20")
    m.Inbound.create(client=maria.id, channel="email", received_at=datetime(2026, 11, 17, 8))
    m.Inbound.create(
        client=maria.id,
        channel="text",
        received_at=datetime(2026, 11, 15, 8),
        answered_at=datetime(2026, 11, 15, 9),
    )

    result = reminders.check(datetime(2026, 11, 17, 18, 0), NOW)
    assert [(r.kind, r.title, r.client) for r in result.due] == [
        ("reply", "Answer the email", "Maria Gonzalez"),
        ("task", "Send the proposal", "Bob Smith"),
    ]
    assert result.due[1].id == today.id and result.due[1].promised
    counts = result.counts
    assert (counts.overdue, counts.due_today, counts.replies) == (1, 1, 1)
    assert ("task", late.id) not in [(r.kind, r.id) for r in result.due]


def test_a_message_is_owed_by_the_next_business_day(book: Path) -> None:
    """The same rule as Today's reply colours: a Friday voicemail is due Monday."""
    maria = clients.create_client("Maria Gonzalez")
    m.Inbound.create(client=maria.id, channel="voicemail", received_at=datetime(2026, 11, 20, 16))
    saturday = datetime(2026, 11, 21, 10)
    monday = datetime(2026, 11, 23, 9)
    assert reminders.check(datetime(2026, 11, 20, 17), saturday).due == []
    assert [r.kind for r in reminders.check(saturday, monday).due] == ["reply"]


def test_a_task_tracking_the_message_speaks_for_it(book: Path) -> None:
    maria = clients.create_client("Maria Gonzalez")
    message = m.Inbound.create(client=maria.id, channel="email", received_at=datetime(2026, 11, 17))
    tasks.add_task("Reply about pricing", maria.id, "2026-11-19", "reply", inbound_id=message.id)
    result = reminders.check(datetime(2026, 11, 17, 12), NOW)
    assert result.due == []
    assert result.counts.replies == 1  # still awaiting an answer
