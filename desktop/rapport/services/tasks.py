"""Tasks and promises: create, edit, done, reopen, snooze, delete."""

from __future__ import annotations

from datetime import date
from typing import Any

from rapport import clock
from rapport.core import control_chars
from rapport.core import records as r
from rapport.services import chains, convert, edit_check, indexing
from rapport.services.editing import Editing
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.undo import Snapshot, unindex
from rapport.services.validate import known_fields, one_of, required_text
from rapport.services.when import parse_day
from rapport.store import models as m
from rapport.store import sql
from rapport.store.db import transaction


def _row(task_id: int) -> m.Task:
    row = m.Task.get_or_none(m.Task.id == task_id)
    if row is None:
        raise NotFoundError(f"no task with id {task_id}")
    return row


def _record(row: m.Task) -> r.Task:
    name = None
    if row.client_id:
        client = m.Client.get_or_none(m.Client.id == row.client_id)
        name = client.name if client else None
    return convert.task(row, name)


def get_task(task_id: int) -> r.Task:
    return _record(_row(task_id))


def add_task(
    title: str,
    client_id: int | None = None,
    due: date | str | None = None,
    kind: str = "todo",
    promised: bool | None = None,
    notes: str = "",
    interaction_id: int | None = None,
    introduction_id: int | None = None,
    inbound_id: int | None = None,
    person_id: int | None = None,
    allow_past: bool = False,
) -> r.Task:
    title = required_text(control_chars.clean(title or ""), "A task's title")
    notes = control_chars.clean(notes or "")
    one_of(kind, r.TASK_KINDS, "A task's kind")
    due_date = parse_day(due, "due date")
    if due_date is not None and due_date < clock.today() and not allow_past:
        raise ValidationError(f"the due date {due_date.isoformat()} is already past")
    with transaction():
        if client_id is not None and m.Client.get_or_none(m.Client.id == client_id) is None:
            raise NotFoundError(f"no client with id {client_id}")
        data = insert_task(
            title,
            client_id,
            due_date,
            kind,
            kind == "promise" if promised is None else promised,
            notes=notes,
            interaction_id=interaction_id,
            introduction_id=introduction_id,
            inbound_id=inbound_id,
            person_id=person_id,
        )
    return _record(m.Task(**data))


def insert_task(
    title: str,
    client_id: int | None,
    due: date | None,
    kind: str,
    promised: bool,
    *,
    notes: str = "",
    interaction_id: int | None = None,
    introduction_id: int | None = None,
    inbound_id: int | None = None,
    person_id: int | None = None,
) -> dict[str, Any]:
    """Write and index one checked task inside the caller's transaction; its row data.

    What ``add_task`` writes once it has checked its input, for services that create
    tasks as part of a larger write (a message's reply task, an introduction's chain)
    and have checked the client already: no second look-up, no savepoint of its own.
    """
    stamp = clock.now()
    data = sql.insert(
        m.Task,
        {
            "title": control_chars.clean(title),
            "client": client_id,
            "due": due,
            "kind": kind,
            "promised": promised,
            "notes": control_chars.clean(notes or "").strip(),
            "interaction": interaction_id,
            "introduction": introduction_id,
            "inbound": inbound_id,
            "person": person_id,
            "created_at": stamp,
            "updated_at": stamp,
        },
    )
    indexing.data(m.Task, data)
    return data


# What the task form saves, in the words a refused save names them with.
FORM_FIELDS = {
    "title": "the title",
    "due": "the due date",
    "kind": "the kind",
    "notes": "the notes",
    "promised": "the promise",
    "client_id": "the client",
    "status": "whether it is done",
}


def editing_task(shown: r.Task) -> Editing:
    """The task as a form opens it (``shown``: as on screen), to save with
    ``update_task(since=...)``: read afresh with its version on a team book."""
    return edit_check.opened(m.Task, shown, lambda: get_task(shown.id))


def update_task(task_id: int, *, since: Editing | None = None, **fields: Any) -> r.Task:
    """Save ``fields``; with ``since`` (what the form opened), refused with
    ``EditConflictError`` when another member changed the task meanwhile (team book)."""
    allowed = {"title", "due", "kind", "notes", "promised", "client_id"}
    known_fields(fields, allowed, "task")
    fields = {key: control_chars.clean_value(value) for key, value in fields.items()}
    with transaction():
        edit_check.check(
            m.Task, since, lambda: get_task(task_id), FORM_FIELDS, lambda t: f"“{t.title}”"
        )
        row = _row(task_id)
        if "title" in fields:
            row.title = required_text(fields["title"], "A task's title")
        if "due" in fields:
            row.due = parse_day(fields["due"], "due date")
        if "kind" in fields:
            row.kind = one_of(fields["kind"], r.TASK_KINDS, "A task's kind")
        if "notes" in fields:
            notes = (fields["notes"] or "").strip()
            if notes != row.notes:
                # Writing on the task is progress (core/followup: at-risk promises).
                row.progress_at = clock.now()
            row.notes = notes
        if "promised" in fields:
            row.promised = bool(fields["promised"])
        if "client_id" in fields:
            row.client = fields["client_id"]
        row.updated_at = clock.now()
        row.save()
        indexing.task(row)
    return _record(row)


def complete_task(task_id: int) -> r.Task:
    with transaction():
        row = _row(task_id)
        if row.status == "done":
            raise ValidationError(f"task {task_id} is already done")
        row.status = "done"
        row.done_at = clock.now()
        row.snoozed_until = None
        row.updated_at = row.done_at
        row.save()
        chains.task_done(row)
    return _record(row)


def reopen_task(task_id: int) -> r.Task:
    with transaction():
        row = _row(task_id)
        if row.status != "done":
            raise ValidationError(f"task {task_id} is not done")
        row.status = "open"
        row.done_at = None
        row.updated_at = clock.now()
        row.save()
        chains.task_reopened(row)
    return _record(row)


def snooze_task(task_id: int, until: date | str) -> r.Task:
    """Hide the task until ``until`` (a date, ISO text or "tomorrow", "next week"...)."""
    with transaction():
        row = _row(task_id)
        if row.status == "done":
            raise ValidationError(f"task {task_id} is done; reopen it before snoozing")
        day = parse_day(until, "snooze date")
        if day is None:
            raise ValidationError("snooze needs a date")
        if day <= clock.today():
            raise ValidationError(f"snooze until a day after today (not {day.isoformat()})")
        row.snoozed_until = day
        row.updated_at = clock.now()
        row.save()
    return _record(row)


def delete_task(task_id: int) -> Snapshot:
    with transaction():
        row = _row(task_id)
        snap = Snapshot(label=f"task “{row.title[:40]}”")
        snap.add([row])
        unindex(snap)
        row.delete_instance()
    return snap


def list_tasks(
    client_id: int | None = None, include_done: bool = False, limit: int | None = None
) -> list[r.Task]:
    """Open tasks (and done ones with ``include_done``): soonest due first, undated last."""
    query = m.Task.select(m.Task, m.Client.id, m.Client.name).left_outer_join(
        m.Client, on=(m.Task.client == m.Client.id)
    )
    if client_id is not None:
        query = query.where(m.Task.client == client_id)
    if not include_done:
        query = query.where(m.Task.status == "open")
    query = query.order_by(
        m.Task.status.desc(), m.Task.due.asc(nulls="LAST"), m.Task.created_at, m.Task.id
    )
    if limit:
        query = query.limit(limit)
    out = []
    for row in query:
        client = getattr(row, "client", None)
        out.append(convert.task(row, client.name if client is not None else None))
    return out
