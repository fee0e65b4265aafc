"""What to remind the user of: tasks and replies that came due in a window of time.

The window asks "what came due between the last moment I looked and now?" every few
minutes and at midnight, and once at start for everything that came due while it was
closed. The answer depends only on the data and the two moments, so a notification is
never missed (a laptop asleep over midnight catches up on its next look) and never
repeated (the next look starts where this one ended).

A task comes due at the start of its due day, or of the day its snooze runs out when
that is later. A message awaiting a reply comes due ``reply_within`` after it arrived,
unless an open task already tracks the reply (then the task's own due date speaks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rapport.core.followup import next_business_day
from rapport.core.records import Inbound, Task

# How many items a notification names before it says "and N more".
NAMED_IN_NOTICE = 4


@dataclass(frozen=True, slots=True)
class Reminder:
    """One thing that came due: an open task or an unanswered message."""

    kind: str  # "task" or "reply"
    id: int
    title: str
    due_at: datetime
    client: str | None = None
    client_id: int | None = None
    promised: bool = False

    @property
    def label(self) -> str:
        """'Send the proposal (Bob Smith)'."""
        return f"{self.title} ({self.client})" if self.client else self.title


@dataclass(frozen=True, slots=True)
class TodayCounts:
    """The numbers the tray's Today entry shows."""

    overdue: int = 0
    due_today: int = 0
    replies: int = 0

    @property
    def total(self) -> int:
        return self.overdue + self.due_today + self.replies

    def text(self) -> str:
        """'2 overdue · 1 due today · 3 to answer', or 'nothing due'."""
        parts = []
        if self.overdue:
            parts.append(f"{self.overdue} overdue")
        if self.due_today:
            parts.append(f"{self.due_today} due today")
        if self.replies:
            parts.append(f"{self.replies} to answer")
        return " · ".join(parts) if parts else "nothing due"


@dataclass(frozen=True, slots=True)
class Notice:
    """A desktop notification: a title line and a few lines of body."""

    title: str
    body: str


def task_due_at(task: Task) -> datetime | None:
    """The moment an open task comes due: the start of its due (or snooze-end) day."""
    if task.status != "open" or task.due is None:
        return None
    day = task.due
    if task.snoozed_until is not None and task.snoozed_until > day:
        day = task.snoozed_until
    return datetime.combine(day, time.min)


def reply_due_at(message: Inbound) -> datetime | None:
    """A message is owed an answer by the next business day (core/followup.py's rule)."""
    if message.answered_at is not None:
        return None
    return datetime.combine(next_business_day(message.received_at.date()), time.min)


def _reminders(tasks: Iterable[Task], inbound: Iterable[Inbound]) -> list[Reminder]:
    tasks = list(tasks)
    tracked = {t.inbound_id for t in tasks if t.inbound_id is not None and t.status == "open"}
    found: list[Reminder] = []
    for task in tasks:
        due = task_due_at(task)
        if due is not None:
            found.append(
                Reminder(
                    "task", task.id, task.title, due, task.client, task.client_id, task.promised
                )
            )
    for message in inbound:
        due = reply_due_at(message)
        if due is None or message.id in tracked or message.task_id is not None:
            continue
        verb = "Return the call" if message.channel == "call" else f"Answer the {message.channel}"
        summary = message.summary.strip()
        title = f"{verb}: {summary}" if summary else verb
        found.append(Reminder("reply", message.id, title, due, message.client, message.client_id))
    return found


def came_due(
    tasks: Iterable[Task],
    inbound: Iterable[Inbound],
    since: datetime | None,
    now: datetime,
) -> list[Reminder]:
    """Everything that came due after ``since`` and at or before ``now``, oldest first.

    ``since`` None means "never looked" (a first start): nothing is announced then, the
    Today view shows the backlog; announcing a whole book at once helps nobody.
    """
    if since is None or now <= since:
        return []
    due = [r for r in _reminders(tasks, inbound) if since < r.due_at <= now]
    due.sort(key=lambda r: (r.due_at, r.kind, r.id))
    return due


def today_counts(
    tasks: Iterable[Task],
    inbound: Iterable[Inbound],
    today: date,
) -> TodayCounts:
    """Overdue and due-today tasks (snoozed ones wait), and messages awaiting a reply."""
    overdue = due_today = 0
    for task in tasks:
        due = task_due_at(task)
        if due is None or due.date() > today:
            continue
        if task.due is not None and task.due < today:  # late, even if a snooze just ended
            overdue += 1
        else:
            due_today += 1
    replies = sum(1 for message in inbound if message.answered_at is None)
    return TodayCounts(overdue, due_today, replies)


def notice(reminders: Sequence[Reminder], while_away: bool = False) -> Notice | None:
    """The notification for these reminders, or None when there is nothing to say."""
    if not reminders:
        return None
    tasks = sum(1 for r in reminders if r.kind == "task")
    replies = len(reminders) - tasks
    what = _count_words(tasks, replies)
    if while_away:
        title = f"While Rapport was closed, {what} came due"
    elif len(reminders) == 1:
        only = reminders[0]
        if only.kind == "reply":
            title = "A reply is due"
        else:
            title = "A promise is due" if only.promised else "A task is due"
    else:
        title = f"{what[0].upper()}{what[1:]} came due"
    lines = [f"• {r.label}" for r in reminders[:NAMED_IN_NOTICE]]
    if len(reminders) > NAMED_IN_NOTICE:
        lines.append(f"and {len(reminders) - NAMED_IN_NOTICE} more: see Today")
    return Notice(title, "\n".join(lines))


def _count_words(tasks: int, replies: int) -> str:
    parts = []
    if tasks:
        parts.append(f"{tasks} task" + ("s" if tasks != 1 else ""))
    if replies:
        parts.append(f"{replies} repl" + ("ies" if replies != 1 else "y"))
    return " and ".join(parts)


def next_midnight(now: datetime) -> datetime:
    """When the next day's tasks come due."""
    return datetime.combine(now.date() + timedelta(days=1), time.min)
