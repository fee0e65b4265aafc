"""Promise follow-through: the "running late" note, progress, and the follow-through score.

The draft itself is core/drafts.py; here it gets the client's first name and the user's
signature, and sending it is recorded: the promise moves to the new date the note gave
(the client now expects it then), and its at-risk window restarts from today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rapport import clock
from rapport.core import records as r
from rapport.core.drafts import done_note, late_note, mailto_url
from rapport.core.followup import proposed_new_date
from rapport.core.names import first_name
from rapport.core.promises import WINDOW_DAYS, PromiseScore, is_promise
from rapport.services import convert, interactions, settings
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.tasks import get_task
from rapport.services.when import parse_day
from rapport.store import models as m
from rapport.store import sql
from rapport.store.db import transaction


def _row(task_id: int) -> m.Task:
    row = m.Task.get_or_none(m.Task.id == task_id)
    if row is None:
        raise NotFoundError(f"no task with id {task_id}")
    return row


def draft_for(task: r.Task, today: date | None = None, sender: str | None = None) -> str:
    """The running-late note for ``task`` (which names its client)."""
    today = today or clock.today()
    if sender is None:
        sender = str(settings.get("user_name") or "")
    first = (task.client or "").split()[0] if (task.client or "").split() else ""
    return late_note(task, first, proposed_new_date(task, today), today, sender)


def late_draft(task_id: int) -> tuple[str, date]:
    """The note and the new date it offers, for one task."""
    task = get_task(task_id)
    today = clock.today()
    return draft_for(task, today), proposed_new_date(task, today)


def mark_late_notice_sent(task_id: int, new_due: date | str | None = None) -> r.Task:
    """The client was told: record it and move the due date to the date promised anew."""
    with transaction():
        row = _row(task_id)
        if row.status == "done":
            raise ValidationError(f"task {task_id} is already done")
        today = clock.today()
        day = parse_day(new_due, "the new date") if new_due not in (None, "") else None
        if day is None:
            day = proposed_new_date(convert.task(row), today)
        if day < today:
            raise ValidationError(f"the new date {day.isoformat()} is already past")
        stamp = clock.now()
        row.late_notice_at = stamp
        row.due = day
        row.snoozed_until = None
        row.updated_at = stamp
        row.save()
    return get_task(task_id)


def record_progress(task_id: int, note: str = "") -> r.Task:
    """Progress made on a promise (keeps it off "at risk"); a note is added to the task."""
    with transaction():
        row = _row(task_id)
        if row.status == "done":
            raise ValidationError(f"task {task_id} is already done")
        stamp = clock.now()
        text = (note or "").strip()
        if text:
            line = f"{stamp:%Y-%m-%d}: {text}"
            row.notes = f"{row.notes}\n{line}".strip() if row.notes else line
        row.progress_at = stamp
        row.updated_at = stamp
        row.save()
    return get_task(task_id)


def follow_through(client_id: int | None = None) -> PromiseScore:
    """Promises kept on time over the last 90 days, for one client or the whole book.

    core/promises.py's ``score`` counted in SQL: one row of three sums instead of the
    2,400 promises of the big book's window read into records and counted in Python
    (17 of Today's 30 ms). The cases are ``score``'s, written over the same columns:
    a done promise counts when its due day or the day it was finished (the due day when
    it has no ``done_at``) falls in the window, kept when finished by the due day; an
    open one is late once its due day is past (back to the window's start), open before.
    tests/services/test_followthrough.py checks the sums against ``score`` on a demo book.
    """
    return score_of(sql.read_one_by_one([follow_through_read(client_id)])[0])


def follow_through_read(client_id: int | None = None) -> sql.Read:
    """``follow_through`` as a read, to send with others (``sql.read_together``); its
    rows are ``score_of``'s."""
    today = clock.today()
    since = today - timedelta(days=WINDOW_DAYS)
    # Written once in store/sql.py: peewee built it in 0.7 ms of Today's read.
    return sql.read_promise_sums(
        since, today, today - timedelta(days=1), datetime.combine(since, time.min), client_id
    )


def score_of(rows: list[sql.Raw]) -> PromiseScore:
    return PromiseScore(*sql.promise_sums_of(rows))


# -- closing the loop -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DoneMessage:
    """The message that tells a client their promise is kept, ready to copy or email."""

    task_id: int
    client_id: int
    client: str
    email: str  # the client's first address, "" when the book has none
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        return mailto_url(self.email, self.subject, self.body)


TOLD_CHANNELS = ("copy", "email")


def done_message(task_id: int) -> DoneMessage | None:
    """The "done, as promised" message for a task, or None when the task is not a
    promise to a client (nobody is waiting to hear)."""
    row = _row(task_id)
    task = convert.task(row)
    if not is_promise(task) or row.client_id is None:
        return None
    client = m.Client.get_by_id(row.client_id)
    note = done_note(task, first_name(client.name))
    emails = [str(e).strip() for e in (client.emails or []) if str(e).strip()]
    return DoneMessage(
        task.id, client.id, client.name, emails[0] if emails else "", note.subject, note.body
    )


def record_told(task_id: int, channel: str, body: str | None = None) -> r.Interaction:
    """The client was told the promise is kept: a conversation in their history, an
    ``email`` when it went through the mail program, a ``note`` when the message was
    copied (sent by whatever means the user chose, so last contact is not guessed).
    ``body`` is the message as the user edited it, else the draft."""
    if channel not in TOLD_CHANNELS:
        raise ValidationError(f"unknown way to tell the client {channel!r}")
    message = done_message(task_id)
    if message is None:
        raise ValidationError(f"task {task_id} is not a promise to a client")
    first = first_name(message.client) or message.client
    return interactions.add_interaction(
        message.client_id,
        "email" if channel == "email" else "note",
        title=f"Told {first} it's done: {message.subject}",
        raw_text=(body or "").strip() or message.body,
    )
