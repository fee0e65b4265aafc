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
from rapport.store.rows import moment, month_day_text, parsers

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


def candidate_reads(day: date) -> list[sql.Read]:
    """``candidate_tasks``' two reads, to send with others (``sql.read_together``)."""
    return sql.read_today_tasks(fu.add_business_days(day, 1), day)


def candidates_from(soon: list[sql.Raw], later: list[sql.Raw]) -> list[r.Task]:
    """``candidate_tasks`` from the rows of its two reads."""
    return _tasks(soon + later)


def awaiting(
    now: datetime,
    away: fu.Away | None,
    since: datetime | None = None,
    until: datetime | None = None,
    include_answered: bool = False,
) -> list[AwaitingReply]:
    return awaiting_from(sql.awaiting_replies(since, until, include_answered), now, away)


def awaiting_from(rows: list[sql.Raw], now: datetime, away: fu.Away | None) -> list[AwaitingReply]:
    """``awaiting`` from the rows of ``sql.read_awaiting_replies``."""
    out = []
    for iid, cid, name, channel, received_at, summary, task_id in rows:
        received = moment(received_at)
        assert received is not None
        age = fu.reply_age(received, now, away)
        out.append(AwaitingReply(iid, cid, name, channel, received, summary, age, task_id))
    return out


def came_in(away: fu.Away, now: datetime) -> list[AwaitingReply]:
    """Messages that arrived during the away period, answered or not."""
    return awaiting_from(sql.awaiting_replies(*_away_days(away), answered=True), now, away)


def came_in_read(away: fu.Away) -> sql.Read:
    """``came_in``'s read, to send with others; ``awaiting_from`` its rows."""
    return sql.read_awaiting_replies(*_away_days(away), answered=True)


def _away_days(away: fu.Away) -> tuple[datetime, datetime]:
    return (
        datetime.combine(away.start, time.min),
        datetime.combine(away.until + timedelta(days=1), time.min),
    )


def thank_yous(day: date) -> list[ThankYou]:
    return thank_yous_from(sql.read_one_by_one([thank_yous_read(day)])[0], day)


def thank_yous_read(day: date) -> sql.Read:
    """``thank_yous``' read, to send with others; ``thank_yous_from`` its rows."""
    # Every kind (a call whose thank-you was ticked in capture too).
    before = datetime.combine(day + timedelta(days=1), time.min)
    return sql.read_unthanked(r.INTERACTION_KINDS, before)


def thank_yous_from(rows: list[sql.Raw], day: date) -> list[ThankYou]:
    out = []
    for iid, cid, name, title, happened in rows:
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
    dates, born = sql.read_one_by_one(upcoming_reads(day))
    return upcoming_from(dates, born, day)


def _wanted(day: date) -> tuple[dict[int, list[int]], set[str]]:
    """The next two weeks' days, {month: [day, ...]}, and as 'MM-DD'."""
    pairs = month_days_within(day, DATES_WITHIN)
    by_month: dict[int, list[int]] = {}
    for month, mday in pairs:
        by_month.setdefault(month, []).append(mday)
    return by_month, {f"{month:02d}-{mday:02d}" for month, mday in pairs}


def upcoming_reads(day: date) -> list[sql.Read]:
    """``upcoming_dates``' two reads (the yearly dates, the people born on those days), to
    send with others; ``upcoming_from`` their rows."""
    by_month, wanted = _wanted(day)
    # Birthdays kept on people: no month/day column to index. SQLite compares the
    # 'MM-DD' of the stored text; other databases read the dates and Python compares.
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
    text, params = born_query.sql()
    return [sql.read_dates_within(by_month), (text, list(params))]


def upcoming_from(dates: list[sql.Raw], born_rows: list[sql.Raw], day: date) -> list[Upcoming]:
    """``upcoming_dates`` from the rows of ``upcoming_reads``."""
    _by_month, wanted = _wanted(day)
    names: dict[int, str] = {}
    people: dict[int, r.Person] = {}
    dated = []
    for values in dates:
        did, cid, name, label, month, mday, year = values[:7]
        names[cid] = name
        pid = values[7]
        if pid is not None:
            people[pid] = _person(values[7:])
        dated.append(r.ImportantDate(did, cid, label, month, mday, year, pid))
    born = []
    for values in born_rows:
        if month_day_text(values[4]) in wanted:
            person = _person(values[:7])
            people[person.id] = person
            names[person.client_id] = values[7]
            born.append(person)
    return upcoming(dated + person_birthdays(born), people, names, day, DATES_WITHIN)


def out_of_touch(day: date, default_cadence: int) -> list[fu.OutOfTouch]:
    # The cadences in use (a handful of values), each with its cutoff, so that SQLite
    # returns only the clients past theirs instead of every client for Python to sort out.
    read = out_of_touch_read(day, default_cadence, sql.cadences_in_use())
    return out_of_touch_from(sql.read_one_by_one([read])[0], day, default_cadence)


def out_of_touch_read(day: date, default_cadence: int, cadences: list[int]) -> sql.Read:
    """``out_of_touch``'s read, given the cadences in use (``sql.read_cadences_in_use``),
    to send with others; ``out_of_touch_from`` its rows."""

    def before(days: int) -> datetime:
        return datetime.combine(day - timedelta(days=days), time.min)

    return sql.read_clients_out_of_touch(
        before(default_cadence), {cadence: before(cadence) for cadence in cadences}
    )


def out_of_touch_from(rows: list[sql.Raw], day: date, default_cadence: int) -> list[fu.OutOfTouch]:
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
