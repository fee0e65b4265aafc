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
from datetime import date, datetime, time, timedelta
from typing import Any

from peewee import JOIN, fn

from rapport import clock
from rapport.core import followup as fu
from rapport.core import records as r
from rapport.core.drafts import late_note
from rapport.core.promises import PromiseScore, is_promise
from rapport.core.yearly import Upcoming, month_days_within, person_birthdays, upcoming
from rapport.services import away as away_service
from rapport.services import followup, introductions, settings
from rapport.services.rows import day as as_day
from rapport.services.rows import fetch, moment, month_day_text, parsers
from rapport.store import models as m
from rapport.store.db import is_sqlite

DATES_WITHIN = 14


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
class AwaitingReply:
    id: int  # the inbound message's id
    client_id: int
    client: str
    channel: str
    since: datetime
    summary: str
    age: fu.ReplyAge
    task_id: int | None


@dataclass(frozen=True, slots=True)
class ThankYou:
    id: int  # the meeting's id
    client_id: int
    client: str
    title: str
    since: datetime
    days: int


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
    """Everything Today shows, as of ``clock.today()``."""
    day = clock.today()
    now = clock.now()
    values = settings.get_all()
    away = away_service.relevant(away_service.from_setting(values.get("away")), day)
    created = introductions.ensure_call_tasks(day)
    sender = str(values.get("user_name") or "")

    lists: dict[str, list[TodayTask]] = {fu.OVERDUE: [], fu.DUE_TODAY: [], fu.AT_RISK: []}
    held = 0
    for task in _candidate_tasks(day):
        where = fu.standing(task, day, away)
        if where.state == fu.HELD:
            held += 1
        items = lists.get(where.state)
        if items is not None and where.due is not None:
            items.append(TodayTask(task, where.state, where.due, where.days_late, day, sender))
    for items in lists.values():
        items.sort(key=lambda t: (t.due, (t.task.client or "").casefold(), t.task.id))

    awaiting = _awaiting(now, away)
    status = None
    if away is not None:
        back = day > away.until
        came_in = _came_in(away, now) if back else []
        status = AwayStatus(away, away.is_away(day), back, held, came_in)
    default_cadence = int(values.get("default_cadence_days") or 60)
    return Today(
        date=day,
        overdue=lists[fu.OVERDUE],
        due_today=lists[fu.DUE_TODAY],
        at_risk=lists[fu.AT_RISK],
        awaiting_reply=awaiting,
        thank_yous=_thank_yous(day),
        dates=_dates(day),
        out_of_touch=_out_of_touch(day, default_cadence),
        score=followup.follow_through(),
        away=status,
        created=created,
    )


# -- queries ------------------------------------------------------------------------------
# What Today shows and decides on; the notes and links stay in the database (an edit
# reads the whole task), since every column costs on a book with thousands open.
_TASK_COLUMNS = (
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


def _tasks(rows: list[tuple[Any, ...]]) -> list[r.Task]:
    """Light task records from the rows of ``_TASK_COLUMNS`` (positional: thousands of rows)."""
    to_day, to_moment = parsers()
    return [
        r.Task(
            tid,
            title,
            kind,
            to_day(due) if due else None,
            "open",
            cid,
            name,
            None,
            None,
            intro,
            inbound,
            bool(promised),
            "",
            None,
            to_day(snoozed) if snoozed else None,
            to_moment(late) if late else None,
            to_moment(created) if created else None,
            to_moment(progress) if progress else None,
        )
        for (
            tid,
            title,
            kind,
            due,
            cid,
            name,
            intro,
            inbound,
            promised,
            snoozed,
            late,
            created,
            progress,
        ) in rows
    ]


def _candidate_tasks(day: date) -> list[r.Task]:
    """Open, dated, awake tasks that can be on Today: due by the next business day, plus
    every open promise due later (the at-risk window rule can flag one weeks ahead).
    Two range reads of the (status, due) index."""
    horizon = fu.add_business_days(day, 1)
    promise = (m.Task.promised == True) | (m.Task.kind == "promise")  # noqa: E712

    def open_tasks(*conditions: Any) -> Any:
        return (
            m.Task.select(*_TASK_COLUMNS)
            .join(m.Client, JOIN.LEFT_OUTER, on=(m.Task.client == m.Client.id))
            .where(
                m.Task.status == "open",
                *conditions,
                m.Task.snoozed_until.is_null() | (m.Task.snoozed_until <= day),
                m.Client.archived_at.is_null(),
                m.Task.inbound.is_null() | (m.Task.kind != "reply"),
            )
        )

    soon = fetch(open_tasks(m.Task.due <= horizon))
    later = fetch(open_tasks(m.Task.due > horizon, promise))
    return _tasks(soon + later)


def _awaiting(
    now: datetime,
    away: fu.Away | None,
    since: datetime | None = None,
    until: datetime | None = None,
    include_answered: bool = False,
) -> list[AwaitingReply]:
    # The reply task by a correlated look-up on task.inbound_id: a LEFT JOIN with a
    # status condition made SQLite walk the status index instead (100 ms at 20,000 tasks).
    Reply = m.Task.alias()
    reply_task = (
        Reply.select(Reply.id)
        .where(Reply.inbound == m.Inbound.id)
        .order_by(Reply.status.desc(), Reply.id.desc())
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
    if not include_answered:
        query = query.where(m.Inbound.answered_at.is_null())
    if since is not None and until is not None:
        query = query.where(m.Inbound.received_at >= since, m.Inbound.received_at < until)
    out = []
    for iid, cid, name, channel, received_at, summary, task_id in fetch(query):
        received = moment(received_at)
        assert received is not None
        age = fu.reply_age(received, now, away)
        out.append(AwaitingReply(iid, cid, name, channel, received, summary, age, task_id))
    return out


def _came_in(away: fu.Away, now: datetime) -> list[AwaitingReply]:
    """Messages that arrived during the away period, answered or not."""
    since = datetime.combine(away.start, time.min)
    until = datetime.combine(away.until + timedelta(days=1), time.min)
    return _awaiting(now, away, since, until, include_answered=True)


def _thank_yous(day: date) -> list[ThankYou]:
    query = (
        m.Interaction.select(
            m.Interaction.id,
            m.Interaction.client,
            m.Client.name,
            m.Interaction.title,
            m.Interaction.happened_at,
        )
        .join(m.Client, on=(m.Interaction.client == m.Client.id))
        .where(
            m.Interaction.kind == "meeting",
            m.Interaction.thanked_at.is_null(),
            m.Client.archived_at.is_null(),
            m.Interaction.happened_at < datetime.combine(day + timedelta(days=1), time.min),
        )
        .order_by(m.Interaction.happened_at.desc())
    )
    out = []
    for iid, cid, name, title, happened in fetch(query):
        when = moment(happened)
        assert when is not None
        out.append(ThankYou(iid, cid, name, title, when, (day - when.date()).days))
    return out


_PERSON_COLUMNS = (
    m.Person.id,
    m.Person.client,
    m.Person.name,
    m.Person.relation,
    m.Person.birthday,
    m.Person.age,
    m.Person.age_as_of,
)


def _person(values: tuple[Any, ...]) -> r.Person:
    pid, cid, name, relation, birthday, age, as_of = values
    return r.Person(pid, cid, name, relation, as_day(birthday), age, as_day(as_of))


def _dates(day: date) -> list[Upcoming]:
    """Yearly dates and people's birthdays in the next two weeks (two queries)."""
    pairs = month_days_within(day, DATES_WITHIN)
    by_month: dict[int, list[int]] = {}
    for month, mday in pairs:
        by_month.setdefault(month, []).append(mday)
    in_window = None
    for month, days in by_month.items():
        clause = (m.ImportantDate.month == month) & (m.ImportantDate.day.in_(days))
        in_window = clause if in_window is None else (in_window | clause)
    names: dict[int, str] = {}
    people: dict[int, r.Person] = {}
    dated = []
    query = (
        m.ImportantDate.select(
            m.ImportantDate.id,
            m.ImportantDate.client,
            m.Client.name,
            m.ImportantDate.label,
            m.ImportantDate.month,
            m.ImportantDate.day,
            m.ImportantDate.year,
            *_PERSON_COLUMNS,
        )
        .join(m.Client, on=(m.ImportantDate.client == m.Client.id))
        .switch(m.ImportantDate)
        .join(m.Person, JOIN.LEFT_OUTER, on=(m.ImportantDate.person == m.Person.id))
        .where(in_window, m.Client.archived_at.is_null())
    )
    for values in fetch(query):
        did, cid, name, label, month, mday, year = values[:7]
        names[cid] = name
        pid = values[7]
        if pid is not None:
            people[pid] = _person(values[7:])
        dated.append(r.ImportantDate(did, cid, label, month, mday, year, pid))
    # Birthdays kept on people: no month/day column to index. SQLite compares the
    # 'MM-DD' of the stored text; other databases read the dates and Python compares.
    wanted = {f"{month:02d}-{mday:02d}" for month, mday in pairs}
    # CROSS JOIN keeps people as the outer loop (SQLite otherwise walks every client).
    query = (
        m.Person.select(*_PERSON_COLUMNS, m.Client.name)
        .join(m.Client, JOIN.CROSS)
        .where(
            m.Person.client == m.Client.id,
            m.Person.birthday.is_null(False),
            m.Client.archived_at.is_null(),
        )
    )
    if is_sqlite():
        query = query.where(fn.SUBSTR(m.Person.birthday, 6, 5).in_(sorted(wanted)))
    born = []
    for values in fetch(query):
        if month_day_text(values[4]) in wanted:
            person = _person(values[:7])
            people[person.id] = person
            names[person.client_id] = values[7]
            born.append(person)
    return upcoming(dated + person_birthdays(born), people, names, day, DATES_WITHIN)


def _out_of_touch(day: date, default_cadence: int) -> list[fu.OutOfTouch]:
    # One condition per cadence in use (a handful of values), so that SQLite returns only
    # the clients past theirs instead of every client for Python to sort out.
    cadences = [
        c
        for (c,) in m.Client.select(m.Client.cadence_days)
        .where(m.Client.cadence_days > 0)
        .distinct()
        .tuples()
    ]

    def before(days: int) -> datetime:
        return datetime.combine(day - timedelta(days=days), time.min)

    def past(days: int) -> Any:
        cutoff = before(days)
        return (m.Client.last_contact_at < cutoff) | (
            m.Client.last_contact_at.is_null() & (m.Client.created_at < cutoff)
        )

    condition = (m.Client.cadence_days.is_null() | (m.Client.cadence_days <= 0)) & past(
        default_cadence
    )
    for cadence in cadences:
        condition = condition | ((m.Client.cadence_days == cadence) & past(cadence))
    query = m.Client.select(
        m.Client.id,
        m.Client.name,
        m.Client.last_contact_at,
        m.Client.created_at,
        m.Client.cadence_days,
    ).where(m.Client.archived_at.is_null(), condition)
    to_day = parsers()[0]
    return fu.out_of_touch(
        [
            fu.Contactable(
                cid,
                name,
                to_day(last[:10] if isinstance(last, str) else last) if last else None,
                to_day(added[:10] if isinstance(added, str) else added) if added else None,
                cadence,
            )
            for cid, name, last, added, cadence in fetch(query)
        ],
        day,
        default_cadence,
    )
