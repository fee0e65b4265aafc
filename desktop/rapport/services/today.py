"""The Today view as one call: what is overdue, due, at risk, owed, coming up, drifting.

``today()`` returns plain data for the window and ``rapport today``. It runs a fixed
handful of indexed queries whatever the size of the book (no query per row) and
classifies with core/followup.py, so a book of 5,000 clients answers in milliseconds.
Before reading, it creates the introduction call tasks that have become due (once; see
services/introductions.py): reminders are derived when someone looks, not by a scheduler.

The three task lists are disjoint: a task is overdue, due today or at risk, never two.
Reply tasks are not in them: their messages are listed under ``awaiting_reply``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rapport import clock
from rapport.core import followup as fu
from rapport.core import records as r
from rapport.core.drafts import late_note
from rapport.core.promises import PromiseScore, is_promise
from rapport.core.yearly import Upcoming
from rapport.services import away as away_service
from rapport.services import followup, introductions, settings
from rapport.services import today_queries as q
from rapport.services.today_queries import AwaitingReply, ThankYou
from rapport.store import sql


@dataclass(frozen=True, slots=True)
class TodayTask:
    """A task on Today, with its state and, for a promise, the running-late note."""

    task: r.Task
    state: str  # overdue, due_today, at_risk
    due: date  # the effective due date (after snooze and away, see core/followup)
    days_late: int
    today: date
    sender: str = ""  # the user's name, to sign the note

    @property
    def id(self) -> int:
        return self.task.id

    @property
    def new_due(self) -> date | None:
        """The new date the running-late note offers (promises only)."""
        return fu.proposed_new_date(self.task, self.today) if is_promise(self.task) else None

    @property
    def draft(self) -> str | None:
        """The "running late" note to the client (promises only); written when asked for,
        since a neglected book can have thousands of late promises and nobody reads them all."""
        new_due = self.new_due
        if new_due is None:
            return None
        first = fu.first_name(self.task.client)
        return late_note(self.task, first, new_due, self.today, self.sender)


@dataclass(frozen=True, slots=True)
class AwayStatus:
    away: fu.Away
    active: bool  # away today
    back: bool  # the period is over (Today shows what came in)
    held: int  # tasks that would fire but are held while away
    came_in: list[AwaitingReply] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Today:
    date: date
    overdue: list[TodayTask]
    due_today: list[TodayTask]
    at_risk: list[TodayTask]
    awaiting_reply: list[AwaitingReply]
    thank_yous: list[ThankYou]
    dates: list[Upcoming]
    out_of_touch: list[fu.OutOfTouch]
    score: PromiseScore
    away: AwayStatus | None = None
    created: list[r.Task] = field(default_factory=list)  # call tasks made by this read

    @property
    def counts(self) -> dict[str, int]:
        return {
            "overdue": len(self.overdue),
            "due_today": len(self.due_today),
            "at_risk": len(self.at_risk),
            "awaiting_reply": len(self.awaiting_reply),
            "replies_late": sum(a.age.level == fu.WARNING for a in self.awaiting_reply),
            "thank_yous": len(self.thank_yous),
            "dates": len(self.dates),
            "out_of_touch": len(self.out_of_touch),
        }

    def title_text(self) -> str:
        """'2 overdue · 3 due today' for the window title (empty when all is clear)."""
        if self.away is not None and self.away.active:
            return f"away until {self.away.away.until:%b} {self.away.away.until.day}"
        parts = []
        for key, word in (
            ("overdue", "overdue"),
            ("due_today", "due today"),
            ("at_risk", "at risk"),
            ("awaiting_reply", "to answer"),
        ):
            if self.counts[key]:
                parts.append(f"{self.counts[key]} {word}")
        return " · ".join(parts)


def today() -> Today:
    """Everything Today shows, as of ``clock.today()``.

    Two rounds of reads, each sent together (``sql.read_together``: on a team book one
    round trip to the server each, where they were a dozen): the settings and the
    cadences in use, which the others are asked with; then whether an introduction needs
    its call task and every list. When one does (once an introduction), the task is made
    and the lists are read again, so that they show it."""
    day = clock.today()
    now = clock.now()
    setting_rows, cadence_rows = sql.read_together(
        [settings.all_read(), sql.read_cadences_in_use()]
    )
    values = settings.all_from(setting_rows)
    away = away_service.relevant(away_service.from_setting(values.get("away")), day)
    sender = str(values.get("user_name") or "")
    after = int(values.get("intro_call_after_days") or 0)
    default_cadence = int(values.get("default_cadence_days") or 60)
    back = away is not None and day > away.until
    reads = [
        *q.candidate_reads(day),
        sql.read_awaiting_replies(),
        q.thank_yous_read(day),
        *q.upcoming_reads(day),
        q.out_of_touch_read(day, default_cadence, sql.cadences_of(cadence_rows)),
        followup.follow_through_read(),
    ]
    if away is not None and back:
        reads.append(q.came_in_read(away))
    calls_due, *found = sql.read_together([introductions.calls_due_read(day, after), *reads])
    created: list[r.Task] = []
    if calls_due:  # rare: made once per introduction, then shown
        created = introductions.make_call_tasks(day, after)
        found = sql.read_together(reads)
    soon, later, awaiting_rows, thanks, dated, born, drifting, score, *came = found

    lists: dict[str, list[TodayTask]] = {fu.OVERDUE: [], fu.DUE_TODAY: [], fu.AT_RISK: []}
    held = 0
    for task in q.candidates_from(soon, later):
        where = fu.standing(task, day, away)
        if where.state == fu.HELD:
            held += 1
        items = lists.get(where.state)
        if items is not None and where.due is not None:
            items.append(TodayTask(task, where.state, where.due, where.days_late, day, sender))
    for items in lists.values():
        items.sort(key=lambda t: (t.due, (t.task.client or "").casefold(), t.task.id))

    status = None
    if away is not None:
        came_in = q.awaiting_from(came[0], now, away) if back else []
        status = AwayStatus(away, away.is_away(day), back, held, came_in)
    return Today(
        date=day,
        overdue=lists[fu.OVERDUE],
        due_today=lists[fu.DUE_TODAY],
        at_risk=lists[fu.AT_RISK],
        awaiting_reply=q.awaiting_from(awaiting_rows, now, away),
        thank_yous=q.thank_yous_from(thanks, day),
        dates=q.upcoming_from(dated, born, day),
        out_of_touch=q.out_of_touch_from(drifting, day, default_cadence),
        score=followup.score_of(score),
        away=status,
        created=created,
    )


__all__ = ["AwaitingReply", "AwayStatus", "ThankYou", "Today", "TodayTask", "today"]
