"""Reminders for the running window: what came due, and the counts the tray shows.

Three indexed queries (open tasks due by today, open tasks that track a message,
unanswered messages) feed the pure rules in ``core.reminders``. The window calls
``check`` every few minutes, so it reads only what can be due, never the whole book.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peewee import JOIN

from rapport import clock
from rapport.core import records as r
from rapport.core import reminders as rules
from rapport.services import convert
from rapport.store import models as m


@dataclass(frozen=True, slots=True)
class Check:
    """One look at the book: what came due since the last look, and today's counts."""

    due: list[rules.Reminder]
    counts: rules.TodayCounts


def open_items(today: date) -> tuple[list[r.Task], list[r.Inbound]]:
    """Open tasks that are due by ``today`` (snooze over) and every unanswered message."""
    task_rows = (
        m.Task.select(m.Task, m.Client.name.alias("client_name"))
        .join(m.Client, JOIN.LEFT_OUTER, on=(m.Task.client == m.Client.id))
        .where(
            (m.Task.status == "open")
            & (m.Task.due <= today)
            & (m.Task.snoozed_until.is_null() | (m.Task.snoozed_until <= today))
        )
        .objects()
    )
    tasks = [convert.task(row, convert.joined_text(row, "client_name")) for row in task_rows]
    # A reply that an open task tracks is reminded through that task, due whenever.
    tracking: dict[int, int] = dict(
        convert.tuples(
            m.Task.select(m.Task.inbound, m.Task.id).where(
                (m.Task.status == "open") & m.Task.inbound.is_null(False)
            )
        )
    )
    inbound = []
    for row in (
        m.Inbound.select(m.Inbound, m.Client.name.alias("client_name"))
        .join(m.Client, on=(m.Inbound.client == m.Client.id))
        .where(m.Inbound.answered_at.is_null())
        .objects()
    ):
        name = convert.joined_text(row, "client_name")
        inbound.append(convert.inbound(row, name, tracking.get(row.id)))
    return tasks, inbound


def check(since: datetime | None, now: datetime | None = None) -> Check:
    """What came due after ``since`` up to ``now`` (default: the clock), and today's counts."""
    now = now or clock.now()
    tasks, inbound = open_items(now.date())
    return Check(
        rules.came_due(tasks, inbound, since, now),
        rules.today_counts(tasks, inbound, now.date()),
    )
