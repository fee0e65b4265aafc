"""Two people editing the same client or task on a team book: no lost update.

A form reads what it edits with its version (``Editing``) and saves with it. On a team book
the save takes the row's lock and reads its version again (``store.db.row_version``): when
another member saved in between and changed what the form shows, the save is refused with
``EditConflictError`` naming what they changed and who; saving again with the error's
``now`` replaces theirs with yours (the user chose), cancelling keeps theirs. A book in a
file has one writer: nothing is read or checked there, and saving behaves as it always has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rapport.services.errors import EditConflictError
from rapport.store import models as m
from rapport.store.db import row_version


@dataclass(frozen=True, slots=True)
class Editing:
    """What a form opened: the record as it read it, and its version (None in a file)."""

    record: Any  # r.Client or r.Task
    version: int | None


def opened(model: type[m.BaseModel], shown: Any, read: Callable[[], Any]) -> Editing:
    """What a form opens over ``shown`` (the record on screen): on a team book the row's
    version and the record read afresh after it; in a file ``shown`` itself, unread."""
    found = row_version(model, shown.id)
    if found is None:
        return Editing(shown, None)
    return Editing(read(), found[0])


class Save:
    """A form's save with what it opened (``Editing``), called with the form's values:
    ``save(id, since=..., **values)`` (``clients.update_client``, ``tasks.update_task``).

    A save refused because another member changed the row keeps what the book holds
    now: saving again replaces theirs with yours, as the refusal says.
    """

    def __init__(self, save: Callable[..., Any], since: Editing) -> None:
        self._save = save
        self.since = since

    def __call__(self, values: dict[str, Any]) -> Any:
        try:
            return self._save(self.since.record.id, since=self.since, **values)
        except EditConflictError as exc:
            self.since = exc.now  # type: ignore[assignment]  # an Editing
            raise


def check(
    model: type[m.BaseModel],
    since: Editing | None,
    current: Callable[[], Any],
    fields: Mapping[str, str],
    what: Callable[[Any], str],
) -> None:
    """Inside the save's transaction: refuse it when the row changed under the form.

    ``fields`` are the record's attributes the form saves, with the words that name them;
    a change of others only (a colleague's note moving the last contact) is no conflict.
    """
    if since is None or since.version is None:
        return
    found = row_version(model, since.record.id)
    if found is None or found[0] == since.version:
        return
    version, by = found
    now = current()
    changed = [
        label for name, label in fields.items() if getattr(now, name) != getattr(since.record, name)
    ]
    if not changed:
        return
    raise EditConflictError(
        f"{by} changed {_listed(changed)} of {what(now)} since you opened it: "
        "save again to replace theirs with yours, or cancel to keep theirs",
        changed,
        by,
        Editing(now, version),
    )


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
