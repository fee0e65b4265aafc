"""Replies owed, introductions, snooze, late notes, progress, away mode: the services."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from rapport.services import (
    away,
    clients,
    followup,
    inbound,
    interactions,
    introductions,
    settings,
    tasks,
)
from rapport.services import today as today_service
from rapport.services.book import close_book, open_book
from rapport.services.errors import NotFoundError, ValidationError
from rapport.store import migrations
from tests.pgserver import OLD_FILE

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines

# RAPPORT_TODAY is 2026-11-18, a Wednesday (tests/conftest.py).


@pytest.fixture
def bob(book: Path) -> int:
    return clients.create_client("Bob Smith").id


def test_due_and_snooze_dates_in_words(bob: int) -> None:
    task = tasks.add_task("Send pricing", bob, "friday", "promise")
    assert task.due == date(2026, 11, 20)
    assert tasks.snooze_task(task.id, "next week").snoozed_until == date(2026, 11, 23)
    assert tasks.snooze_task(task.id, "in 3 days").snoozed_until == date(2026, 11, 21)
    assert tasks.update_task(task.id, due="2026-12-01").due == date(2026, 12, 1)
    with pytest.raises(ValidationError, match="not a date I understand"):
        tasks.snooze_task(task.id, "whenever")
    with pytest.raises(ValidationError, match="already past"):
        tasks.add_task("Send pricing", bob, "yesterday")


def test_bad_snoozes_change_nothing(bob: int) -> None:
    task = tasks.add_task("Send pricing", bob, "2026-11-20", "promise")
    with pytest.raises(ValidationError, match="after today"):
        tasks.snooze_task(task.id, "today")
    tasks.complete_task(task.id)
    with pytest.raises(ValidationError, match="reopen it before snoozing"):
        tasks.snooze_task(task.id, "tomorrow")
    with pytest.raises(NotFoundError, match="no task with id 999"):
        tasks.snooze_task(999, "tomorrow")
    after = tasks.get_task(task.id)
    assert (after.status, after.snoozed_until) == ("done", None)
    reopened = tasks.reopen_task(task.id)
    assert reopened.status == "open" and reopened.done_at is None


def test_late_notice_moves_the_promise_and_progress_is_recorded(bob: int) -> None:
    task = tasks.add_task("Send the revised proposal", bob, "2026-11-18", "promise")
    note, new_date = followup.late_draft(task.id)
    assert "Bob" in note and new_date == date(2026, 11, 20)
    sent = followup.mark_late_notice_sent(task.id)
    assert sent.due == date(2026, 11, 20) and sent.late_notice_at is not None
    with pytest.raises(ValidationError, match="already past"):
        followup.mark_late_notice_sent(task.id, "2026-11-02")
    progressed = followup.record_progress(task.id, "Numbers from finance are in")
    assert progressed.progress_at is not None
    assert progressed.notes.endswith("2026-11-18: Numbers from finance are in")
    edited = tasks.update_task(tasks.add_task("Other", bob, "2026-12-01").id, notes="Started")
    assert edited.progress_at is not None


def test_inbound_message_creates_a_reply_task_and_answering_closes_it(bob: int) -> None:
    message = inbound.record_inbound(bob, "email", "2026-11-17 16:00", "Can we move Friday?")
    reply = tasks.get_task(message.task_id)
    assert (reply.kind, reply.due, reply.inbound_id) == ("reply", date(2026, 11, 18), message.id)
    history = interactions.history(bob)
    assert [(i.kind, i.title) for i in history] == [("email", "Can we move Friday?")]
    assert clients.get_client(bob).last_contact_at is not None
    assert [m.id for m in inbound.list_awaiting()] == [message.id]

    tasks.complete_task(reply.id)  # done from the task list answers the message
    assert inbound.get_inbound(message.id).answered_at is not None
    assert inbound.list_awaiting() == []
    tasks.reopen_task(reply.id)
    assert inbound.get_inbound(message.id).answered_at is None

    answered = inbound.mark_answered(message.id)
    assert answered.answered_at is not None
    assert tasks.get_task(reply.id).status == "done"
    with pytest.raises(ValidationError, match="already answered"):
        inbound.mark_answered(message.id)
    with pytest.raises(NotFoundError):
        inbound.mark_answered(999)
    with pytest.raises(ValidationError, match="future"):
        inbound.record_inbound(bob, "text", "2026-11-20 09:00")


def test_answer_everything_from_one_client(bob: int) -> None:
    inbound.record_inbound(bob, "voicemail", "2026-11-16 09:00")
    inbound.record_inbound(bob, "text", "2026-11-17 09:00")
    other = clients.create_client("Maria Gonzalez").id
    inbound.record_inbound(other, "email", "2026-11-17 10:00")
    assert len(inbound.answer_client(bob)) == 2
    assert [m.client for m in inbound.list_awaiting()] == ["Maria Gonzalez"]


def test_introduction_chain(book: Path) -> None:
    maria = clients.create_client("Maria Gonzalez").id
    tom = clients.create_client("Tom Lee").id
    intro = introductions.create_introduction(tom, referrer_id=maria, note="Hardware chain")
    chain = {t.kind: t for t in tasks.list_tasks()}
    assert chain["thank_referrer"].client_id == maria
    assert chain["thank_referrer"].due == chain["introduction"].due == date(2026, 11, 18)
    assert chain["introduction"].client_id == tom
    assert clients.get_client(tom).referred_by == "Maria Gonzalez"
    assert [i.id for i in introductions.list_introductions(maria)] == [intro.id]

    introductions.mark_thanked(intro.id)
    assert tasks.get_task(chain["thank_referrer"].id).status == "done"
    tasks.complete_task(chain["introduction"].id)  # emailing Tom, done from the task list
    emailed = introductions.get_introduction(intro.id)
    assert emailed.contacted_at is not None
    assert [i.kind for i in interactions.history(tom)] == ["email"]

    # Three days of silence: Today creates the call, once.
    assert introductions.ensure_call_tasks(date(2026, 11, 20)) == []
    (call,) = introductions.ensure_call_tasks(date(2026, 11, 21))
    assert call.kind == "call" and call.due == date(2026, 11, 21)
    assert introductions.ensure_call_tasks(date(2026, 11, 22)) == []
    # Tom calls back: the lead answered, the call is no longer needed.
    inbound.record_inbound(tom, "call", "2026-11-18 17:00")
    assert introductions.get_introduction(intro.id).lead_answered_at is not None
    assert tasks.get_task(call.id).status == "done"
    with pytest.raises(ValidationError, match="already"):
        introductions.mark_lead_answered(intro.id)


def test_introduction_refusals(book: Path) -> None:
    tom = clients.create_client("Tom Lee").id
    with pytest.raises(ValidationError, match="introduce themselves"):
        introductions.create_introduction(tom, referrer_id=tom)
    with pytest.raises(NotFoundError):
        introductions.create_introduction(tom, referrer_id=999)
    with pytest.raises(ValidationError, match="future"):
        introductions.create_introduction(tom, referrer_name="Jo", introduced_on="2026-12-01")
    assert tasks.list_tasks() == []
    # A referrer who is not a client: the thank-you task sits with the lead.
    introductions.create_introduction(tom, referrer_name="Jo Park")
    kinds = {t.kind: t.client_id for t in tasks.list_tasks()}
    assert kinds == {"thank_referrer": tom, "introduction": tom}


def test_the_call_wait_is_a_setting(book: Path) -> None:
    settings.set_value("intro_call_after_days", 1)
    tom = clients.create_client("Tom Lee").id
    intro = introductions.create_introduction(tom, referrer_name="Jo Park")
    introductions.mark_contacted(intro.id)
    assert len(introductions.ensure_call_tasks(date(2026, 11, 19))) == 1


def test_away_mode(bob: int, monkeypatch: pytest.MonkeyPatch) -> None:
    tasks.add_task("Send pricing", bob, "2026-11-18", "promise")
    with pytest.raises(ValidationError, match="before the first"):
        away.set_away("2026-11-20", "2026-11-25")
    with pytest.raises(ValidationError, match="already past"):
        away.set_away("2026-11-17", "2026-11-10")
    with pytest.raises(ValidationError, match="name"):
        away.set_away("friday", backup_contact="dana@example.com")
    period = away.set_away("next friday", "tomorrow", "Dana Lee", "dana@example.com")
    assert (period.start, period.until) == (date(2026, 11, 19), date(2026, 11, 27))
    assert "Dana Lee at dana@example.com" in away.reply_text().email

    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-23")  # away: nothing fires
    inbound.record_inbound(bob, "voicemail", "2026-11-23 10:00", "Call me")
    data = today_service.today()
    assert data.overdue == [] and data.away is not None and data.away.active
    assert data.away.held == 1
    assert data.awaiting_reply[0].age.level == "away"
    assert data.title_text() == "away until Nov 27"

    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-30")  # back: what came in
    back = today_service.today()
    assert back.away is not None and back.away.back
    assert [m.channel for m in back.away.came_in] == ["voicemail"]
    assert back.awaiting_reply[0].age.level == "caution"
    assert [t.task.title for t in back.overdue] == ["Send pricing"]
    away.end_away()
    assert away.get_away() is None and today_service.today().away is None


def test_follow_through_per_client_and_overall(bob: int, monkeypatch: pytest.MonkeyPatch) -> None:
    other = clients.create_client("Maria Gonzalez").id
    kept = tasks.add_task("Send pricing", bob, "2026-11-18", "promise")
    late = tasks.add_task("Send the deck", other, "2026-11-18", "promise")
    tasks.add_task("Not a promise", bob, "2026-11-18", "todo")
    tasks.complete_task(kept.id)
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-20")
    tasks.complete_task(late.id)
    assert (followup.follow_through(bob).kept, followup.follow_through(bob).late) == (1, 0)
    overall = followup.follow_through()
    assert (overall.kept, overall.late, overall.label()) == (1, 1, "50% kept on time (1 of 2)")


def test_the_score_counted_in_sql_is_cores_on_a_generated_book(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """follow_through counts in one SQL statement what core/promises.score counts over the
    task records: the same kept / late / open on a demo book, for the whole book and per
    client, on days before, inside and after its promises (so every case of the window
    occurs: kept, kept late, open past due, not due yet, done outside the window)."""
    from rapport.core.promises import score
    from rapport.sample import demo
    from rapport.services import convert
    from rapport.store import models as m

    demo.load_demo(clients=40, notes=300, seed=3)
    # Cases the demo may not make: done with no done_at, and reopened with one kept.
    some = [row.id for row in m.Task.select(m.Task.id).limit(4)]
    m.Task.update(status="done", done_at=None, promised=True).where(m.Task.id == some[0]).execute()
    m.Task.update(status="open", kind="promise").where(m.Task.id == some[1]).execute()
    every = [convert.task(row) for row in m.Task.select()]
    promises = [t for t in every if t.promised or t.kind == "promise"]
    assert sum(t.status == "done" for t in promises) > 10 and len(promises) > 40
    client_ids = sorted({t.client_id for t in promises if t.client_id is not None})[:5]
    judged = 0
    for day in ("2026-06-01", "2026-10-15", "2026-11-18", "2026-12-24", "2027-04-01"):
        monkeypatch.setenv("RAPPORT_TODAY", day)
        today = date.fromisoformat(day)
        expected = score(every, today)
        assert followup.follow_through() == expected, day
        judged += expected.judged + expected.open
        for client_id in client_ids:
            own = [t for t in every if t.client_id == client_id]
            assert followup.follow_through(client_id) == score(own, today), (day, client_id)
    assert judged > 25  # the days chosen really judge promises


@pytest.mark.sqlite_only(reason=OLD_FILE)
def test_a_version_3_book_gains_the_follow_through_columns(data_dir: Path) -> None:
    open_book(data_dir)
    bob = clients.create_client("Bob Smith").id
    tasks.add_task("Send pricing", bob, "2026-11-20", "promise")
    close_book()
    conn = sqlite3.connect(data_dir / "rapport.db")
    conn.execute("DROP INDEX task_done_at")
    conn.execute("ALTER TABLE task DROP COLUMN progress_at")
    conn.execute("PRAGMA user_version = 3")  # the schema just before step 4
    conn.commit()
    conn.close()
    open_book(data_dir)
    try:
        assert migrations.SCHEMA_VERSION >= 4
        task = tasks.list_tasks()[0]
        assert task.title == "Send pricing" and task.progress_at is None
        assert followup.record_progress(task.id).progress_at is not None
    finally:
        close_book()
    conn = sqlite3.connect(data_dir / "rapport.db")
    try:
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(task)")}
        assert "task_done_at" in indexes
    finally:
        conn.close()


def test_archived_clients_stay_off_today(bob: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from rapport.services import people

    monkeypatch.setenv("RAPPORT_TODAY", "2026-06-01")
    tasks.add_task("Send pricing", bob, "2026-06-02", "promise")
    interactions.add_interaction(bob, "meeting", "2026-06-01 10:00", "Lunch")
    inbound.record_inbound(bob, "voicemail", "2026-06-01 09:00")
    people.add_date(bob, "birthday", 11, 20)
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18")
    before = today_service.today()
    assert before.overdue and before.awaiting_reply and before.thank_yous and before.dates
    assert before.out_of_touch
    clients.set_archived(bob, True)
    after = today_service.today()
    assert after.overdue == after.awaiting_reply == after.thank_yous == []
    assert after.dates == after.out_of_touch == []
