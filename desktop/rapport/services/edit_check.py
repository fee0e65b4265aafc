"""The version check of a client's or task's save (``services/editing.py`` says why).

Apart from ``editing`` so that forms can hold what they opened without loading the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rapport.services.editing import Editing
from rapport.services.errors import EditConflictError
from rapport.store import models as m
from rapport.store.db import row_version


def opened(model: type[m.BaseModel], shown: Any, read: Callable[[], Any]) -> Editing:
    """What a form opens over ``shown`` (the record on screen): on a team book the row's
    version and the record read afresh after it; in a file ``shown`` itself, unread."""
    found = row_version(model, shown.id)
    if found is None:
        return Editing(shown, None)
    return Editing(read(), found[0])


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
