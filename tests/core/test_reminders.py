"""The reminder rules: what came due between two looks, counted and worded."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from rapport.core.records import Inbound, Task
from rapport.core.reminders import (
    came_due,
    next_midnight,
    notice,
    task_due_at,
    today_counts,
)

NOW = datetime(2026, 11, 18, 9, 30)


def _task(tid: int, due: str | None, **kw: object) -> Task:
    return Task(
        id=tid,
        title=f"Task {tid}",
        due=date.fromisoformat(due) if due else None,
        client="Bob Smith",
        client_id=1,
        **kw,  # type: ignore[arg-type]
    )


def _message(mid: int, received: str, **kw: object) -> Inbound:
    return Inbound(
        id=mid,
        client_id=2,
        channel="voicemail",
        received_at=datetime.fromisoformat(received),
        client="Maria Gonzalez",
        **kw,  # type: ignore[arg-type]
    )


def test_a_task_comes_due_at_the_start_of_its_day() -> None:
    assert task_due_at(_task(1, "2026-11-18")) == datetime(2026, 11, 18)
    assert task_due_at(_task(1, None)) is None
    assert task_due_at(_task(1, "2026-11-18", status="done")) is None


def test_a_snooze_moves_the_moment_later_never_earlier() -> None:
    snoozed = _task(1, "2026-11-10", snoozed_until=date(2026, 11, 18))
    assert task_due_at(snoozed) == datetime(2026, 11, 18)
    early = _task(2, "2026-11-20", snoozed_until=date(2026, 11, 12))
    assert task_due_at(early) == datetime(2026, 11, 20)


def test_only_what_came_due_between_the_two_looks() -> None:
    tasks = [_task(1, "2026-11-16"), _task(2, "2026-11-17"), _task(3, "2026-11-18")]
    since = datetime(2026, 11, 16, 18, 0)
    due = came_due(tasks, [], since, NOW)
    assert [r.id for r in due] == [2, 3]  # task 1 was due before the last look
    # The next look starts where this one ended: nothing is announced twice.
    assert came_due(tasks, [], NOW, NOW + timedelta(minutes=5)) == []


def test_first_start_announces_nothing() -> None:
    assert came_due([_task(1, "2026-11-18")], [], None, NOW) == []


def test_a_reply_comes_due_the_next_business_day_unless_a_task_tracks_it() -> None:
    messages = [
        _message(1, "2026-11-17T09:00", summary="pricing question"),  # Tue: due Wed
        _message(2, "2026-11-18T08:00"),  # Wed: due Thu, after NOW
        _message(3, "2026-11-17T08:00", task_id=9),  # a reply task speaks for it
        _message(4, "2026-11-16T08:00", answered_at=datetime(2026, 11, 16, 9, 0)),
        _message(5, "2026-11-20T17:00"),  # Friday evening: due Monday
    ]
    due = came_due([], messages, datetime(2026, 11, 17, 18, 0), NOW)
    assert [(r.kind, r.id, r.title) for r in due] == [
        ("reply", 1, "Answer the voicemail: pricing question")
    ]
    thursday = came_due([], messages, NOW, datetime(2026, 11, 19, 8, 0))
    assert [(r.id, r.title, r.label) for r in thursday] == [
        (2, "Answer the voicemail", "Answer the voicemail (Maria Gonzalez)")
    ]
    weekend = came_due([], messages, datetime(2026, 11, 20, 18), datetime(2026, 11, 22, 20))
    assert weekend == []
    monday = came_due([], messages, datetime(2026, 11, 22, 20), datetime(2026, 11, 23, 8))
    assert [r.id for r in monday] == [5]


def test_an_open_task_with_the_message_tracks_it_too() -> None:
    reply_task = _task(5, "2026-11-25", inbound_id=1)
    message = _message(1, "2026-11-17T09:00")
    assert came_due([reply_task], [message], datetime(2026, 11, 18, 8, 0), NOW) == []


def test_today_counts() -> None:
    tasks = [
        _task(1, "2026-11-10"),
        _task(2, "2026-11-18"),
        _task(3, "2026-11-18"),
        _task(4, "2026-11-12", snoozed_until=date(2026, 11, 25)),  # asleep: not counted
        _task(5, "2026-11-11", snoozed_until=date(2026, 11, 18)),  # awake again, still late
    ]
    messages = [_message(1, "2026-11-18T08:00"), _message(2, "2026-11-17T08:00")]
    counts = today_counts(tasks, messages, NOW.date())
    assert (counts.overdue, counts.due_today, counts.replies) == (2, 2, 2)
    assert counts.text() == "2 overdue · 2 due today · 2 to answer"
    assert today_counts([], [], NOW.date()).text() == "nothing due"


def test_notice_wording() -> None:
    tasks = [_task(i, "2026-11-18") for i in range(1, 7)]
    one = notice(came_due(tasks[:1], [], datetime(2026, 11, 17, 20), NOW))
    assert one is not None
    assert one.title == "A task is due"
    assert one.body == "• Task 1 (Bob Smith)"
    promise = _task(9, "2026-11-18", promised=True, kind="promise")
    assert notice(came_due([promise], [], datetime(2026, 11, 17), NOW)).title == (  # type: ignore[union-attr]
        "A promise is due"
    )
    many = notice(
        came_due(tasks, [_message(1, "2026-11-17T09:00")], datetime(2026, 11, 17, 20), NOW)
    )
    assert many is not None
    assert many.title == "6 tasks and 1 reply came due"
    assert many.body.splitlines()[-1] == "and 3 more: see Today"
    away = notice(came_due(tasks[:2], [], datetime(2026, 11, 10), NOW), while_away=True)
    assert away is not None and away.title == "While Rapport was closed, 2 tasks came due"
    assert notice([]) is None


def test_next_midnight() -> None:
    assert next_midnight(NOW) == datetime(2026, 11, 19)
    assert next_midnight(datetime(2026, 12, 31, 23, 59)) == datetime(2027, 1, 1)
