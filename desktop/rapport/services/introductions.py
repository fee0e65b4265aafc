"""Introductions: thank the referrer, email the lead today, call when the lead stays silent.

Creating an introduction creates its first two tasks. The call task cannot be created
then (it depends on silence to come), and reminders never depend on a scheduler, so
``ensure_call_tasks`` creates it when Today or the command line next looks, once: it
checks inside the write transaction that no call task exists for the introduction.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from peewee import SQL, fn

from rapport import clock
from rapport.core import records as r
from rapport.core.followup import (
    call_due_on,
    call_lead_title,
    email_lead_title,
    thank_referrer_title,
)
from rapport.services import chains, convert, settings, tasks
from rapport.services.clients import client_names
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.validate import required_text
from rapport.services.when import parse_day
from rapport.store import models as m
from rapport.store import sql
from rapport.store.db import transaction


def _row(intro_id: int) -> m.Introduction:
    row = m.Introduction.get_or_none(m.Introduction.id == intro_id)
    if row is None:
        raise NotFoundError(f"no introduction with id {intro_id}")
    return row


def _records(rows: list[m.Introduction]) -> list[r.Introduction]:
    names = client_names({ref for row in rows for ref in (row.lead_id, row.referrer_id)})
    return [
        convert.introduction(
            row,
            names.get(row.lead_id, "?"),
            None if row.referrer_id is None else names.get(row.referrer_id),
        )
        for row in rows
    ]


def get_introduction(intro_id: int) -> r.Introduction:
    return _records([_row(intro_id)])[0]


def create_introduction(
    lead_id: int,
    referrer_id: int | None = None,
    referrer_name: str = "",
    note: str = "",
    introduced_on: date | str | None = None,
    interaction_id: int | None = None,
) -> r.Introduction:
    """Record that someone introduced ``lead_id``; adds "thank the referrer" and "email"."""
    today = clock.today()
    day = parse_day(introduced_on, "the introduction's date") or today
    if day > today:
        raise ValidationError("an introduction cannot be dated in the future")
    if referrer_id is not None and referrer_id == lead_id:
        raise ValidationError("a client cannot introduce themselves")
    with transaction():
        intro, _task_rows = write_introduction(
            lead_id, referrer_id, referrer_name, note, day, interaction_id
        )
    return intro


def write_introduction(
    lead_id: int,
    referrer_id: int | None,
    referrer_name: str,
    note: str,
    day: date,
    interaction_id: int | None,
    *,
    known: dict[int, tuple[str, int | None]] | None = None,
) -> tuple[r.Introduction, list[dict[str, Any]]]:
    """The introduction and its first tasks, written inside the caller's transaction.

    Returns the introduction and the data of the tasks it created ("thank the referrer"
    when there is one, then "email the lead"), so that quick capture can reword them
    without reading them back. ``day`` is checked by the caller. ``known``: {id: (name,
    referred_by id)} of clients the caller read in this transaction (quick capture's undo
    record), not read again, and kept up to date with the lead's referrer set here.
    """
    wanted = [lead_id] if referrer_id is None else [lead_id, referrer_id]
    known = {} if known is None else known
    missing = [client_id for client_id in wanted if client_id not in known]
    found = {**known, **(sql.clients_named(missing) if missing else {})}
    if lead_id not in found:
        raise NotFoundError(f"no client with id {lead_id}")
    lead_name, lead_referred_by = found[lead_id]
    referrer_client = None
    if referrer_id is not None:
        if referrer_id not in found:
            raise NotFoundError(f"no client with id {referrer_id} to be the referrer")
        referrer_client = found[referrer_id][0]
    data = sql.insert(
        m.Introduction,
        {
            "lead": lead_id,
            "referrer": referrer_id,
            "referrer_name": (referrer_client or referrer_name or "").strip(),
            "note": (note or "").strip(),
            "introduced_on": day,
            "interaction": interaction_id,
            "created_at": clock.now(),
        },
    )
    if referrer_id is not None and lead_referred_by is None:
        # The one column: nobody reads the answer (on a team book it goes to the server
        # with the next statement); reading and saving the whole row was two round trips.
        sql.update(m.Client, lead_id, {"referred_by": referrer_id})
        known[lead_id] = (lead_name, referrer_id)
    intro = convert.introduction(m.Introduction(**data), lead_name, referrer_client)
    today = clock.today()
    created = []
    if intro.referrer:
        created.append(
            tasks.insert_task(
                required_text(thank_referrer_title(intro), "A task's title"),
                referrer_id if referrer_id is not None else lead_id,
                today,
                "thank_referrer",
                False,
                introduction_id=intro.id,
                interaction_id=interaction_id,
            )
        )
    created.append(
        tasks.insert_task(
            required_text(email_lead_title(intro), "A task's title"),
            lead_id,
            today,
            "introduction",
            False,
            notes=intro.note,
            introduction_id=intro.id,
            interaction_id=interaction_id,
        )
    )
    return intro, created


def introduce(
    lead_id: int,
    referrer: str,
    note: str = "",
    introduced_on: date | str | None = None,
) -> r.Introduction:
    """An introduction by ``referrer`` as typed: a client when it names one, else a name."""
    from rapport.services.clients import resolve

    text = (referrer or "").strip()
    if not text:
        raise ValidationError("say who made the introduction")
    try:
        found = resolve(text)
    except NotFoundError:
        return create_introduction(lead_id, None, text, note, introduced_on)
    return create_introduction(lead_id, found.id, "", note, introduced_on)


def list_introductions(client_id: int | None = None) -> list[r.Introduction]:
    """Introductions (of or by ``client_id``), newest first."""
    query = m.Introduction.select().order_by(
        m.Introduction.introduced_on.desc(), m.Introduction.id.desc()
    )
    if client_id is not None:
        query = query.where(
            (m.Introduction.lead == client_id) | (m.Introduction.referrer == client_id)
        )
    return _records(list(query))


def _stamp(intro_id: int, field: str, kinds: tuple[str, ...], when: datetime | None) -> Any:
    with transaction():
        row = _row(intro_id)
        if getattr(row, field) is not None:
            raise ValidationError(f"introduction {intro_id} already has that marked")
        stamp = when or clock.now()
        setattr(row, field, stamp)
        row.save()
        finish_tasks(intro_id, kinds, stamp)
        chains.log_lead_contact(intro_id, field, stamp)
    return get_introduction(intro_id)


def finish_tasks(intro_id: int, kinds: tuple[str, ...], stamp: datetime) -> None:
    """Close the introduction's open tasks of ``kinds`` (inside the caller's transaction)."""
    m.Task.update(status="done", done_at=stamp, snoozed_until=None, updated_at=stamp).where(
        m.Task.introduction == intro_id, m.Task.kind.in_(kinds), m.Task.status == "open"
    ).execute()


def mark_thanked(intro_id: int, when: datetime | None = None) -> r.Introduction:
    return _stamp(intro_id, "thanked_at", ("thank_referrer",), when)  # type: ignore[no-any-return]


def mark_contacted(intro_id: int, when: datetime | None = None) -> r.Introduction:
    return _stamp(intro_id, "contacted_at", ("introduction",), when)  # type: ignore[no-any-return]


def mark_called(intro_id: int, when: datetime | None = None) -> r.Introduction:
    return _stamp(intro_id, "called_at", ("call",), when)  # type: ignore[no-any-return]


def mark_lead_answered(intro_id: int, when: datetime | None = None) -> r.Introduction:
    """The lead answered: no call is needed any more (an open call task is closed)."""
    return _stamp(intro_id, "lead_answered_at", ("call",), when)  # type: ignore[no-any-return]


def lead_heard_from(client_id: int, when: datetime) -> None:
    """The client wrote or called: for their open introductions, the lead has answered."""
    with transaction():
        leads_answered(client_id, when)


def leads_answered(
    client_id: int, when: datetime, rows: list[m.Introduction] | None = None
) -> None:
    """``lead_heard_from`` inside the caller's transaction; ``rows``: the client's open
    introductions as a lead (``sql.open_introductions_of_lead``) when the caller has them."""
    if rows is None:
        day = m.Introduction.introduced_on.db_value(when.date())
        rows = sql.open_introductions_of_lead(client_id, day)
    for row in rows:
        row.lead_answered_at = when
        row.save()
        finish_tasks(row.id, ("call",), when)


def _calls_missing(cutoff: date) -> Any:
    """Introductions whose lead was emailed on or before ``cutoff``, silent, and no call task."""
    has_call = m.Task.select(m.Task.id).where(
        (m.Task.introduction == m.Introduction.id) & (m.Task.kind == "call")
    )
    return m.Introduction.select().where(
        m.Introduction.contacted_at.is_null(False),
        m.Introduction.contacted_at < datetime.combine(cutoff + timedelta(days=1), time.min),
        m.Introduction.lead_answered_at.is_null(),
        m.Introduction.called_at.is_null(),
        ~fn.EXISTS(has_call),
    )


def ensure_call_tasks(today: date | None = None) -> list[r.Task]:
    """Create the "call the lead" task of every introduction that now needs one (once)."""
    today = today or clock.today()
    after = int(settings.get("intro_call_after_days") or 0)
    if not sql.read_one_by_one([calls_due_read(today, after)])[0]:
        return []  # the common case: a read, no write
    return make_call_tasks(today, after)


def calls_due_read(today: date, after: int) -> sql.Read:
    """A read with a row when some introduction needs its call task now (its lead emailed
    ``after`` days before ``today`` or earlier: the setting ``intro_call_after_days``), to
    send with others; ``make_call_tasks`` then makes them."""
    query = _calls_missing(today - timedelta(days=after)).select(SQL("1")).limit(1)
    text, params = query.sql()
    return text, list(params)


def make_call_tasks(today: date, after: int) -> list[r.Task]:
    """``ensure_call_tasks``' write, once ``calls_due_read`` found some are due."""
    cutoff = today - timedelta(days=after)
    created = []
    with transaction():
        rows = list(_calls_missing(cutoff))  # again, under the write lock: never twice
        for intro in _records(rows):
            due = call_due_on(intro, after) or today
            created.append(
                tasks.add_task(
                    call_lead_title(intro),
                    intro.lead_id,
                    due,
                    "call",
                    promised=False,
                    notes=f"Emailed on {intro.contacted_at:%b %-d}; no answer since.",
                    introduction_id=intro.id,
                    allow_past=True,
                )
            )
    return created
