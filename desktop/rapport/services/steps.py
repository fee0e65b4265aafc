"""Done, snoozed, answered, thanked: each a step the window's Edit ▸ Undo can take back.

``complete_task``, ``reopen_task``, ``snooze_task``, ``mark_answered``, ``mark_thanked``
and ``late_note_sent`` do what the services of the same name do, in the same one
transaction, and also note what they changed: the images of the rows they may touch
(the task, its message, its introduction, the client's row) before and after, and the
rows they created (finishing an introduction's call logs the call in the lead's history).
The ``Step`` they return is an ``undo.Undoable``: its ``undo`` puts those rows back and
deletes the created ones, in one transaction, and refuses (ValidationError) when the user
changed them since, so that an undo never destroys later work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, NoReturn, TypeVar

from rapport.core import records as r
from rapport.services import followup, inbound, indexing, interactions, tasks
from rapport.services import undo as undo_service
from rapport.services.capture_undo import describe, highest_ids
from rapport.services.errors import ValidationError
from rapport.store import models as m
from rapport.store import sql
from rapport.store.db import transaction

T = TypeVar("T")
Image = dict[str, Any]
Rows = dict[type[m.RecordModel], dict[int, Image]]
# Stamps the services keep: a later value stands (not a reason to refuse the undo).
DERIVED = {"updated_at"}


@dataclass
class Step(Generic[T]):
    """One undoable change of state; ``result`` is what the service returned."""

    action: str  # what Edit ▸ Undo names: "done: Send pricing"
    done: str  # what the status bar says once undone: "Reopened “Send pricing”."
    result: T
    before: Rows = field(default_factory=dict)
    after: Rows = field(default_factory=dict)
    created: undo_service.Snapshot = field(default_factory=lambda: undo_service.Snapshot(""))

    @property
    def removed_client_ids(self) -> list[int]:
        return []

    def undo(self) -> None:
        undo_step(self)


# -- the steps --------------------------------------------------------------------------------
def complete_task(task_id: int) -> Step[r.Task]:
    watch = _task_rows(task_id)
    return _record(watch, lambda: tasks.complete_task(task_id), "done", "Reopened")


def reopen_task(task_id: int) -> Step[r.Task]:
    watch = _task_rows(task_id)
    return _record(watch, lambda: tasks.reopen_task(task_id), "reopen", "Done again:")


def snooze_task(task_id: int, until: date | str) -> Step[r.Task]:
    watch = _task_rows(task_id)
    return _record(watch, lambda: tasks.snooze_task(task_id, until), "snooze", "Unsnoozed")


def late_note_sent(task_id: int, new_due: date | str | None = None) -> Step[r.Task]:
    watch = _task_rows(task_id)
    return _record(
        watch,
        lambda: followup.mark_late_notice_sent(task_id, new_due),
        "late note sent",
        "Late note taken back:",
    )


def mark_answered(inbound_id: int) -> Step[r.Inbound]:
    def watch() -> list[tuple[type[m.RecordModel], list[int]]]:
        row = m.Inbound.get_or_none(m.Inbound.id == inbound_id)
        ids = [t.id for t in m.Task.select(m.Task.id).where(m.Task.inbound == inbound_id)]
        return [(m.Inbound, [inbound_id]), (m.Task, ids), (m.Client, _ids(row, "client_id"))]

    def label() -> str:
        row = m.Inbound.get_or_none(m.Inbound.id == inbound_id)
        client = m.Client.get_or_none(m.Client.id == row.client_id) if row else None
        return f"{row.channel if row else 'message'} from {client.name if client else '?'}"

    return _record(
        watch, lambda: inbound.mark_answered(inbound_id), "answered", "Not answered:", label
    )


def mark_thanked(interaction_id: int) -> Step[r.Interaction]:
    def watch() -> list[tuple[type[m.RecordModel], list[int]]]:
        row = m.Interaction.get_or_none(m.Interaction.id == interaction_id)
        return [(m.Interaction, [interaction_id]), (m.Client, _ids(row, "client_id"))]

    def label() -> str:
        row = m.Interaction.get_or_none(m.Interaction.id == interaction_id)
        return (row.title or row.kind) if row else "conversation"

    return _record(
        watch,
        lambda: interactions.mark_thanked(interaction_id),
        "thank-you written",
        "Thank-you to write again:",
        label,
    )


# -- recording --------------------------------------------------------------------------------
Watch = Callable[[], list[tuple[type[m.RecordModel], list[int]]]]


def _ids(row: Any, name: str) -> list[int]:
    value = getattr(row, name, None) if row is not None else None
    return [value] if value is not None else []


def _task_rows(task_id: int) -> Watch:
    """The task, the message it answers, the introduction it moves, their clients."""

    def watch() -> list[tuple[type[m.RecordModel], list[int]]]:
        row = m.Task.get_or_none(m.Task.id == task_id)
        intro = _ids(row, "introduction_id")
        clients = _ids(row, "client_id")
        for found in m.Introduction.select().where(m.Introduction.id.in_(intro or [0])):
            clients += _ids(found, "lead_id")
        return [
            (m.Task, [task_id]),
            (m.Inbound, _ids(row, "inbound_id")),
            (m.Introduction, intro),
            (m.Client, clients),
        ]

    return watch


def _record(
    watch: Watch,
    do: Callable[[], T],
    verb: str,
    undone: str,
    label: Callable[[], str] | None = None,
) -> Step[T]:
    """Run ``do`` in one transaction, noting the watched rows and the rows created."""
    with transaction():
        marks = highest_ids()
        watched = watch()
        before = _images(watched)
        what = label() if label is not None else ""
        result = do()
        if not what:
            what = getattr(result, "title", "") or ""
        created = undo_service.Snapshot(what)
        for model, highest in highest_ids().items():
            if highest > marks[model]:
                # the step's own rows: not another window's committed meanwhile
                created.add(
                    model.select().where(sql.made_after(model, marks[model])).order_by(model.id)
                )
        after = _images(watched)
    short = what if len(what) <= 50 else what[:49] + "…"
    step: Step[T] = Step(f"{verb}: {short}", f"{undone} “{short}”.", result, created=created)
    for model, rows in before.items():
        for row_id, image in rows.items():
            now = after.get(model, {}).get(row_id)
            if now is not None and now != image:
                step.before.setdefault(model, {})[row_id] = image
                step.after.setdefault(model, {})[row_id] = now
    return step


def _images(watched: list[tuple[type[m.RecordModel], list[int]]]) -> Rows:
    images: Rows = {}
    for model, ids in watched:
        if ids:
            for row in model.select().where(model.id.in_(ids)):
                images.setdefault(model, {})[row.id] = dict(row.__data__)
    return images


# -- undoing ----------------------------------------------------------------------------------
def undo_step(step: Step[Any]) -> None:
    """Put the rows back as they were before the step, in one transaction, or refuse."""
    with transaction():
        for model in undo_service.INSERT_ORDER:
            images = {row["id"]: row for row in step.created.rows.get(model, [])}
            if not images:
                continue
            now = {x.id: dict(x.__data__) for x in model.select().where(model.id.in_(list(images)))}
            for row_id, image in images.items():
                if now.get(row_id) != image:
                    _refuse(step, f"{describe(model, image)} was changed or deleted since")
        current: Rows = {}
        for model, rows in step.after.items():
            now = {x.id: dict(x.__data__) for x in model.select().where(model.id.in_(list(rows)))}
            current[model] = now
            for row_id, after in rows.items():
                if row_id not in now:
                    _refuse(step, f"{describe(model, after)} was deleted since")
                for name in _changed(step.before[model][row_id], after):
                    if name not in DERIVED and now[row_id].get(name) != after.get(name):
                        _refuse(step, f"{describe(model, after)} was changed again since")
        contacts = {row["client"] for row in step.created.rows.get(m.Interaction, [])}
        undo_service.unindex(step.created)
        for model in reversed(undo_service.INSERT_ORDER):
            ids = step.created.ids(model)
            if ids:
                model.delete().where(model.id.in_(ids)).execute()
        for model, rows in step.before.items():
            for row_id, before in rows.items():
                after, latest = step.after[model][row_id], current[model][row_id]
                changes = {
                    getattr(model, name): before.get(name)
                    for name in _changed(before, after)
                    # The last contact is recomputed below; a stamp moved since stands.
                    if not (model is m.Client and name == "last_contact_at")
                    and latest.get(name) == after.get(name)
                }
                if changes:
                    model.update(changes).where(model.id == row_id).execute()
                if model is m.Client:
                    contacts.add(row_id)
                if model in indexing.KIND_OF_MODEL:
                    row = model.get_or_none(model.id == row_id)
                    if row is not None:
                        indexing.any_row(row)
        for client_id in contacts:
            interactions.refresh_last_contact(client_id)


def _changed(before: Image, after: Image) -> list[str]:
    return [name for name in after if before.get(name) != after.get(name)]


def _refuse(step: Step[Any], why: str) -> NoReturn:
    raise ValidationError(f"Can't undo {step.action}: {why}.")
