"""Two people editing the same client or task on a team book: no lost update.

A form reads what it edits with its version (``Editing``) and saves with it (``Save``). On a
team book the save takes the row's lock and reads its version again (``edit_check``): when
another member saved in between and changed what the form shows, the save is refused with
``EditConflictError`` naming what they changed and who; saving again with the error's
``now`` replaces theirs with yours (the user chose), cancelling keeps theirs. A book in a
file has one writer: nothing is read or checked there, and saving behaves as it always has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rapport.services.errors import EditConflictError


@dataclass(frozen=True, slots=True)
class Editing:
    """What a form opened: the record as it read it, and its version (None in a file)."""

    record: Any  # r.Client or r.Task
    version: int | None


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
