"""Done, snooze, answered, thank-you written and late note sent, taken back in one step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rapport.services import (
    clients,
    inbound,
    interactions,
    introductions,
    steps,
    tasks,
    today,
)
from rapport.services.errors import ValidationError
from rapport.store import models as m
from tests.services.test_capture_undo import OTHER_WINDOW, line_within

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines


def _open_titles() -> list[str]:
    data = today.today()
    return [t.task.title for t in (*data.overdue, *data.due_today, *data.at_risk)]


def test_done_is_undone_and_names_the_task(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    task = tasks.add_task("Send pricing", bob.id, "2026-11-18", "promise")
    step = steps.complete_task(task.id)
    assert step.action == "done: Send pricing"
    assert tasks.get_task(task.id).status == "done"
    assert "Send pricing" not in _open_titles()
    step.undo()
    again = tasks.get_task(task.id)
    assert (again.status, again.done_at) == ("open", None)
    assert "Send pricing" in _open_titles()


def test_done_of_an_introduction_call_takes_back_the_logged_call(book: Path) -> None:
    lead = clients.create_client("Linda Park")
    referrer = clients.create_client("Dana Whitfield")
    intro = introductions.create_introduction(lead.id, referrer.id)
    email = next(
        t
        for t in tasks.list_tasks(lead.id) + tasks.list_tasks(referrer.id)
        if t.kind == "introduction"
    )
    talks = m.Interaction.select().count()
    step = steps.complete_task(email.id)
    assert m.Interaction.select().count() == talks + 1  # the email went into the history
    assert introductions.get_introduction(intro.id).contacted_at is not None
    step.undo()
    assert m.Interaction.select().count() == talks
    assert introductions.get_introduction(intro.id).contacted_at is None
    assert clients.get_client(lead.id).last_contact_at is None


def test_answered_and_thanked_and_snoozed_are_undone(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    message = inbound.record_inbound(bob.id, "email", "2026-11-17 09:00", "pricing?")
    step = steps.mark_answered(message.id)
    assert step.action == "answered: email from Bob Smith"
    step.undo()
    assert inbound.get_inbound(message.id).answered_at is None
    reply = m.Task.get(m.Task.inbound == message.id)
    assert reply.status == "open"

    meeting = interactions.add_interaction(bob.id, "meeting", "2026-11-17 12:00", "Lunch")
    thanked = steps.mark_thanked(meeting.id)
    assert thanked.action == "thank-you written: Lunch"
    thanked.undo()
    assert m.Interaction.get_by_id(meeting.id).thanked_at is None

    task = tasks.add_task("Call back", bob.id, "2026-11-18")
    snoozed = steps.snooze_task(task.id, "2026-11-25")
    assert tasks.get_task(task.id).snoozed_until is not None
    snoozed.undo()
    assert tasks.get_task(task.id).snoozed_until is None


def test_undo_refuses_when_the_task_was_changed_since(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    task = tasks.add_task("Send pricing", bob.id, "2026-11-18")
    step = steps.complete_task(task.id)
    tasks.reopen_task(task.id)
    with pytest.raises(ValidationError, match="Can't undo done: Send pricing"):
        step.undo()
    assert tasks.get_task(task.id).status == "open"


def test_reopen_is_a_step_too(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    task = tasks.add_task("Send pricing", bob.id, "2026-11-18")
    tasks.complete_task(task.id)
    step = steps.reopen_task(task.id)
    assert step.action == "reopen: Send pricing"
    step.undo()
    assert tasks.get_task(task.id).status == "done"


@pytest.mark.slow
def test_a_step_does_not_take_back_the_same_users_save_in_another_window_meanwhile(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Done on an introduction's e-mail logs it in the history; the other window (another
    process, the same user) saves a note meanwhile. Undoing the step takes back the logged
    e-mail only: on a team book the other window's rows are above the step's marks too."""
    lead = clients.create_client("Linda Park")
    referrer = clients.create_client("Dana Whitfield")
    introductions.create_introduction(lead.id, referrer.id)
    email = next(t for t in tasks.list_tasks(lead.id) if t.kind == "introduction")
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_WINDOW, str(book)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    meanwhile: list[str] = []
    read_marks = steps.highest_ids

    def other_window_saves_before_the_step_ends() -> dict[type[m.RecordModel], int]:
        marks = read_marks()
        if not meanwhile:  # the marks, before the step: the other window saves now
            meanwhile.append(line_within(other, 5))  # (a file makes it wait: "")
        return marks

    try:
        assert line_within(other, 120) == "ready\n"
        monkeypatch.setattr(steps, "highest_ids", other_window_saves_before_the_step_ends)
        step = steps.complete_task(email.id)
        monkeypatch.undo()
        out, err = other.communicate(timeout=120)
    finally:
        if other.poll() is None:
            other.kill()
            other.communicate()
    assert other.returncode == 0, err
    assert "saved" in meanwhile[0] + out
    step.undo()
    assert [c.name for c in clients.list_clients()] == [
        "Cora Vance",
        "Dana Whitfield",
        "Linda Park",
    ]
    assert [i.title for i in m.Interaction.select()] == ["Met Cora Vance about the renewal"]
