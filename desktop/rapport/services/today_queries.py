"""The queries behind Today: a fixed handful, indexed, whatever the size of the book.

Rows are read as plain tuples (store/rows.py) and turned into light records here;
the rules that sort them into lists live in core/followup.py and core/yearly.py.
Plans were checked with EXPLAIN QUERY PLAN on a 5,000-client book: every list reads an
index range (task status+due, inbound answered_at, interaction kind+thanked_at,
important_date month+day, client archived_at, task done_at, the people who have a
birthday) except the clients out of touch, a single pass over the client table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from peewee import JOIN

from rapport.core import followup as fu
from rapport.core import records as r
from rapport.core.yearly import Upcoming, month_days_within, person_birthdays, upcoming
from rapport.store import engine, sql
from rapport.store import models as m
from rapport.store.rows import day as as_day
from rapport.store.rows import fetch, moment, month_day_text, parsers

DATES_WITHIN = 14


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


def _tasks(rows: list[tuple[Any, ...]]) -> list[r.Task]:
    """Light task records from the rows of ``sql.today_tasks`` (positional: thousands of
    rows). What Today shows and decides on; the notes and links stay in the database (an
    edit reads the whole task), since every column costs on a book with thousands open."""
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


def candidate_tasks(day: date) -> list[r.Task]:
    """Open, dated, awake tasks that can be on Today: due by the next business day, plus
    every open promise due later (the at-risk window rule can flag one weeks ahead).
    Two range reads of the (status, due) index."""
    return _tasks(sql.today_tasks(fu.add_business_days(day, 1), day))


def awaiting(
    now: datetime,
    away: fu.Away | None,
    since: datetime | None = None,
    until: datetime | None = None,
    include_answered: bool = False,
) -> list[AwaitingReply]:
    out = []
    for iid, cid, name, channel, received_at, summary, task_id in sql.awaiting_replies(
        since, until, include_answered
    ):
        received = moment(received_at)
        assert received is not None
        age = fu.reply_age(received, now, away)
        out.append(AwaitingReply(iid, cid, name, channel, received, summary, age, task_id))
    return out


def came_in(away: fu.Away, now: datetime) -> list[AwaitingReply]:
    """Messages that arrived during the away period, answered or not."""
    since = datetime.combine(away.start, time.min)
    until = datetime.combine(away.until + timedelta(days=1), time.min)
    return awaiting(now, away, since, until, include_answered=True)


def thank_yous(day: date) -> list[ThankYou]:
    # Every kind (a call whose thank-you was ticked in capture too).
    before = datetime.combine(day + timedelta(days=1), time.min)
    out = []
    for iid, cid, name, title, happened in sql.unthanked(r.INTERACTION_KINDS, before):
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


def upcoming_dates(day: date) -> list[Upcoming]:
    """Yearly dates and people's birthdays in the next two weeks (two queries)."""
    pairs = month_days_within(day, DATES_WITHIN)
    by_month: dict[int, list[int]] = {}
    for month, mday in pairs:
        by_month.setdefault(month, []).append(mday)
    names: dict[int, str] = {}
    people: dict[int, r.Person] = {}
    dated = []
    for values in sql.dates_within(by_month):
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
    born_query = (
        m.Person.select(*_PERSON_COLUMNS, m.Client.name)
        .join(m.Client, JOIN.CROSS)
        .where(
            m.Person.client == m.Client.id,
            # ">= year 1" rather than "IS NOT NULL": the same rows, through the index.
            m.Person.birthday >= date(1, 1, 1),
            m.Client.archived_at.is_null(),
        )
    )
    month_day = engine.current().month_day(m.Person.birthday)
    if month_day is not None:
        born_query = born_query.where(month_day.in_(sorted(wanted)))
    born = []
    for values in fetch(born_query):
        if month_day_text(values[4]) in wanted:
            person = _person(values[:7])
            people[person.id] = person
            names[person.client_id] = values[7]
            born.append(person)
    return upcoming(dated + person_birthdays(born), people, names, day, DATES_WITHIN)


def out_of_touch(day: date, default_cadence: int) -> list[fu.OutOfTouch]:
    # The cadences in use (a handful of values), each with its cutoff, so that SQLite
    # returns only the clients past theirs instead of every client for Python to sort out.
    cadences = sql.cadences_in_use()

    def before(days: int) -> datetime:
        return datetime.combine(day - timedelta(days=days), time.min)

    rows = sql.clients_out_of_touch(
        before(default_cadence), {cadence: before(cadence) for cadence in cadences}
    )
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
            for cid, name, last, added, cadence in rows
        ],
        day,
        default_cadence,
    )
