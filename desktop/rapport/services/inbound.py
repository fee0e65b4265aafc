"""Messages awaiting the user's reply: voicemail, email, texts, missed calls.

Recording one creates its reply task (due the next business day) in the same
transaction; answering it closes the task, and finishing the task answers it
(services/chains.py), so Today, the profile and ``rapport tasks`` always agree.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rapport import clock
from rapport.core import records as r
from rapport.core.followup import next_business_day
from rapport.services import convert, indexing
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.validate import one_of, optional_datetime, required_text
from rapport.store import models as m
from rapport.store import sql
from rapport.store.db import transaction

REPLY_TITLES = {
    "voicemail": "Call {name} back (voicemail)",
    "call": "Return {name}'s call",
    "email": "Answer {name}'s email",
    "text": "Reply to {name}'s text",
}


def _row(inbound_id: int) -> m.Inbound:
    row = m.Inbound.get_or_none(m.Inbound.id == inbound_id)
    if row is None:
        raise NotFoundError(f"no message with id {inbound_id}")
    return row


def _record(row: m.Inbound) -> r.Inbound:
    client = m.Client.get_or_none(m.Client.id == row.client_id)
    task = (
        m.Task.select(m.Task.id)
        .where(m.Task.inbound == row.id)
        .order_by(m.Task.status.desc(), m.Task.id.desc())
        .first()
    )
    return convert.inbound(row, client.name if client else None, task.id if task else None)


def get_inbound(inbound_id: int) -> r.Inbound:
    return _record(_row(inbound_id))


def record_inbound(
    client_id: int,
    channel: str,
    received_at: datetime | str | None = None,
    summary: str = "",
    interaction_id: int | None = None,
) -> r.Inbound:
    """A message from the client that waits for an answer, with its reply task."""
    from rapport.services import interactions

    one_of(channel, r.INBOUND_CHANNELS, "A message's channel")
    when = optional_datetime(received_at, "when it arrived") or clock.now()
    if when.date() > clock.today():
        raise ValidationError("a message cannot arrive in the future")
    with transaction():
        client = m.Client.get_or_none(m.Client.id == client_id)
        if client is None:
            raise NotFoundError(f"no client with id {client_id}")
        if interaction_id is None:
            # The message is also part of the history (and contact: it resets the cadence).
            interaction_id = interactions.add_interaction(
                client_id,
                channel,
                when,
                title=(summary or "").strip()[:80] or f"{channel.capitalize()} from {client.name}",
                raw_text=summary or "",
            ).id
        data, task_id = write_inbound(
            client_id, client.name, channel, when, summary, interaction_id
        )
    # The reply task just written is the message's only task.
    return convert.inbound(m.Inbound(**data), client.name, task_id)


def write_inbound(
    client_id: int,
    client_name: str,
    channel: str,
    when: datetime,
    summary: str,
    interaction_id: int | None,
    reply_title: str | None = None,
    reply_due: date | None = None,
    open_introductions: list[m.Introduction] | None = None,
) -> tuple[dict[str, Any], int]:
    """The message and its reply task, inside the caller's transaction (client checked).

    ``reply_title``/``reply_due`` replace the standard wording and the next business day
    (quick capture: the note's own reply task). Returns the message's data and the reply
    task's id. ``open_introductions``: the client's introductions as a lead
    not yet answered, when the caller read them in this transaction (else read here).
    """
    from rapport.services import introductions, tasks

    data = sql.insert(
        m.Inbound,
        {
            "client": client_id,
            "channel": channel,
            "received_at": when,
            "summary": (summary or "").strip(),
            "interaction": interaction_id,
        },
    )
    indexing.data(m.Inbound, data)
    task = tasks.insert_task(
        reply_title or required_text(REPLY_TITLES[channel].format(name=client_name), "title"),
        client_id,
        reply_due or next_business_day(when.date()),
        "reply",
        False,
        notes=data["summary"],
        inbound_id=data["id"],
        interaction_id=interaction_id,
    )
    # A lead who writes or calls has answered the introduction.
    introductions.leads_answered(client_id, when, open_introductions)
    return data, int(task["id"])


def mark_answered(inbound_id: int, when: datetime | None = None) -> r.Inbound:
    """The user answered: the message leaves "replies owed" and its task is done."""
    with transaction():
        row = _row(inbound_id)
        if row.answered_at is not None:
            raise ValidationError(
                f"message {inbound_id} was already answered on {row.answered_at:%b %-d}"
            )
        stamp = when or clock.now()
        row.answered_at = stamp
        row.save()
        m.Task.update(status="done", done_at=stamp, snoozed_until=None, updated_at=stamp).where(
            m.Task.inbound == inbound_id, m.Task.status == "open"
        ).execute()
    return _record(row)


def answer_client(client_id: int) -> list[r.Inbound]:
    """Mark every message the client is waiting on as answered (one call answers all)."""
    with transaction():
        ids = [
            row.id
            for row in m.Inbound.select(m.Inbound.id).where(
                m.Inbound.client == client_id, m.Inbound.answered_at.is_null()
            )
        ]
        return [mark_answered(inbound_id) for inbound_id in ids]


def list_awaiting(client_id: int | None = None) -> list[r.Inbound]:
    """Unanswered messages, oldest first, with their reply task ids (two queries)."""
    query = (
        m.Inbound.select(m.Inbound, m.Client.name)
        .join(m.Client, on=(m.Inbound.client == m.Client.id))
        .where(m.Inbound.answered_at.is_null())
        .order_by(m.Inbound.received_at, m.Inbound.id)
    )
    waiting = m.Inbound.select(m.Inbound.id).where(m.Inbound.answered_at.is_null())
    if client_id is not None:
        query = query.where(m.Inbound.client == client_id)
        waiting = waiting.where(m.Inbound.client == client_id)
    rows = list(query)
    task_of = reply_tasks(waiting) if rows else {}
    out = []
    for row in rows:
        out.append(convert.inbound(row, row.client.name, task_of.get(row.id)))
    return out


def reply_tasks(inbound_ids: Any) -> dict[int, int]:
    """The open (else latest) reply task of each message, in one query.

    ``inbound_ids`` is a list of ids or a query selecting them (no limit on how many).
    """
    found: dict[int, int] = {}
    for task_id, inbound_id in convert.tuples(
        m.Task.select(m.Task.id, m.Task.inbound)
        .where(m.Task.inbound.in_(inbound_ids))
        .order_by(m.Task.status.desc(), m.Task.id)
    ):
        found.setdefault(inbound_id, task_id)
    return found
