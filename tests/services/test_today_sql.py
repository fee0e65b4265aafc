"""Today's statements written once in store/sql.py give the rows, in the order, of the
peewee queries they replace (kept here as the reference), on a generated book with the
cases it may lack, on several days, on both engines."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from peewee import JOIN, Case, fn

from rapport.core import followup as fu
from rapport.core import records as r
from rapport.core.yearly import month_days_within
from rapport.sample import demo
from rapport.services import clients, inbound, interactions, tasks
from rapport.store import models as m
from rapport.store import sql
from rapport.store.rows import fetch

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines

DAYS = (date(2026, 11, 18), date(2026, 12, 24), date(2027, 3, 1))


def _tasks(day: date, horizon: date) -> list[tuple[Any, ...]]:
    promise = (m.Task.promised == True) | (m.Task.kind == "promise")  # noqa: E712

    def open_tasks(*conditions: Any) -> Any:
        return (
            m.Task.select(
                m.Task.id,
                m.Task.title,
                m.Task.kind,
                m.Task.due,
                m.Task.client,
                m.Client.name,
                m.Task.introduction,
                m.Task.inbound,
                m.Task.promised,
                m.Task.snoozed_until,
                m.Task.late_notice_at,
                m.Task.created_at,
                m.Task.progress_at,
            )
            .join(m.Client, JOIN.LEFT_OUTER, on=(m.Task.client == m.Client.id))
            .where(
                m.Task.status == "open",
                *conditions,
                m.Task.snoozed_until.is_null() | (m.Task.snoozed_until <= day),
                m.Client.archived_at.is_null(),
                m.Task.inbound.is_null() | (m.Task.kind != "reply"),
            )
        )

    return fetch(open_tasks(m.Task.due <= horizon)) + fetch(
        open_tasks(m.Task.due > horizon, promise)
    )


def _awaiting(since: Any, until: Any, answered: bool) -> list[tuple[Any, ...]]:
    reply = m.Task.alias()
    reply_task = (
        reply.select(reply.id)
        .where(reply.inbound == m.Inbound.id)
        .order_by(reply.status.desc(), reply.id.desc())
        .limit(1)
    )
    query = (
        m.Inbound.select(
            m.Inbound.id,
            m.Inbound.client,
            m.Client.name,
            m.Inbound.channel,
            m.Inbound.received_at,
            m.Inbound.summary,
            reply_task,
        )
        .join(m.Client, on=(m.Inbound.client == m.Client.id))
        .where(m.Client.archived_at.is_null())
        .order_by(m.Inbound.received_at, m.Inbound.id)
    )
    if not answered:
        query = query.where(m.Inbound.answered_at.is_null())
    if since is not None:
        query = query.where(m.Inbound.received_at >= since, m.Inbound.received_at < until)
    return fetch(query)


def _unthanked(before: datetime) -> list[tuple[Any, ...]]:
    query = (
        m.Interaction.select(
            m.Interaction.id,
            m.Interaction.client,
            m.Client.name,
            m.Interaction.title,
            m.Interaction.happened_at,
        )
        .join(m.Client, JOIN.CROSS)
        .where(
            m.Interaction.client == m.Client.id,
            m.Interaction.kind.in_(r.INTERACTION_KINDS),
            m.Interaction.thanked_at.is_null(),
            m.Client.archived_at.is_null(),
            m.Interaction.happened_at < before,
        )
        .order_by(m.Interaction.happened_at.desc(), m.Interaction.id.desc())
    )
    return fetch(query)


def _dates(by_month: dict[int, list[int]]) -> list[tuple[Any, ...]]:
    window = None
    for month, days in by_month.items():
        clause = (m.ImportantDate.month == month) & (m.ImportantDate.day.in_(days))
        window = clause if window is None else (window | clause)
    query = (
        m.ImportantDate.select(
            m.ImportantDate.id,
            m.ImportantDate.client,
            m.Client.name,
            m.ImportantDate.label,
            m.ImportantDate.month,
            m.ImportantDate.day,
            m.ImportantDate.year,
            m.Person.id,
            m.Person.client,
            m.Person.name,
            m.Person.relation,
            m.Person.birthday,
            m.Person.age,
            m.Person.age_as_of,
        )
        .join(m.Client, on=(m.ImportantDate.client == m.Client.id))
        .switch(m.ImportantDate)
        .join(m.Person, JOIN.LEFT_OUTER, on=(m.ImportantDate.person == m.Person.id))
        .where(window, m.Client.archived_at.is_null())
    )
    return fetch(query)


def _promise_sums(today: date, client_id: int | None) -> tuple[int, int, int]:
    since = today - timedelta(days=90)
    task = m.Task
    done = task.status == "done"
    finished = fn.COALESCE(fn.DATE(task.done_at), task.due)
    counted = task.due.between(since, today) | finished.between(since, today)

    def total(condition: Any) -> Any:
        return fn.COALESCE(fn.SUM(Case(None, [(condition, 1)], 0)), 0)

    query = task.select(
        total(done & counted & (finished <= task.due)),
        total(
            (done & counted & (finished > task.due))
            | (~done & task.due.between(since, today - timedelta(days=1)))
        ),
        total(~done & (task.due >= today)),
    ).where(
        (task.promised == True) | (task.kind == "promise"),  # noqa: E712
        (task.due >= since) | (task.done_at >= datetime.combine(since, time.min)),
    )
    if client_id is not None:
        query = query.where(task.client == client_id)
    kept, late, still_open = fetch(query)[0]
    return int(kept), int(late), int(still_open)


def test_todays_written_statements_read_what_the_peewee_queries_read(book: Path) -> None:
    demo.load_demo(clients=60, notes=400, seed=7)
    # What the generated book may lack: an archived client's open task and message, a
    # snoozed task, a reply task, a promise due far ahead.
    gone = clients.create_client("Gil Gone").id
    tasks.add_task("Call Gil", gone, "2026-11-10", "todo", allow_past=True)
    inbound.record_inbound(gone, "email", "2026-11-01 09:00", "Are you there?")
    interactions.add_interaction(gone, "meeting", "2026-10-30 12:00", "Lunch with Gil")
    m.Client.update(archived_at="2026-11-02 10:00:00").where(m.Client.id == gone).execute()
    sam = clients.create_client("Sam Snooze").id
    snoozed = tasks.add_task("Send the deck", sam, "2026-11-12", "promise", allow_past=True)
    m.Task.update(snoozed_until=date(2026, 12, 1)).where(m.Task.id == snoozed.id).execute()
    tasks.add_task("Deliver the plan", sam, "2027-05-01", "promise")
    inbound.record_inbound(sam, "text", "2026-11-15 08:00", "Quick question")
    for when in ("2026-11-03 12:00", "2026-12-02 18:00", "2027-02-10 09:30"):  # to thank for
        interactions.add_interaction(sam, "meeting", when, f"Meeting on {when[:10]}")
    some = [row.id for row in m.Client.select(m.Client.id).limit(3)]
    rows = {"tasks": 0, "unthanked": 0, "dates": 0}  # none of the comparisons is of nothing
    for day in DAYS:
        horizon = fu.add_business_days(day, 1)
        found = sql.today_tasks(horizon, day)
        assert found == _tasks(day, horizon), day
        rows["tasks"] += len(found)
        before = datetime.combine(day + timedelta(days=1), time.min)
        found = sql.unthanked(r.INTERACTION_KINDS, before)
        assert found == _unthanked(before), day
        rows["unthanked"] += len(found)
        by_month: dict[int, list[int]] = {}
        for month, mday in month_days_within(day, 14):
            by_month.setdefault(month, []).append(mday)
        found = sql.dates_within(by_month)
        assert found == _dates(by_month), day
        rows["dates"] += len(found)
        since = day - timedelta(days=90)
        yesterday, from_moment = day - timedelta(days=1), datetime.combine(since, time.min)
        for client_id in (None, *some):
            found = sql.promise_sums(since, day, yesterday, from_moment, client_id)
            assert found == _promise_sums(day, client_id), (day, client_id)
    assert sql.awaiting_replies() == _awaiting(None, None, False)
    assert sql.awaiting_replies() != []  # the book has messages to answer
    since, until = datetime(2026, 10, 1), datetime(2026, 11, 20)
    for answered in (False, True):
        assert sql.awaiting_replies(since, until, answered) == _awaiting(since, until, answered)
    assert all(rows.values()), rows
    assert sorted(sql.cadences_in_use()) == sorted(
        {row.cadence_days for row in m.Client.select() if (row.cadence_days or 0) > 0}
    )
