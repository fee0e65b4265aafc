"""The quick-capture draft: the note being typed, kept in the book so nothing typed is lost.

The capture window saves the text (and the client the user chose, if any) a moment after
each pause in typing, restores it when it opens again, and discards it once the note is
saved. There is one draft per book: quick capture is one window, and the command line
and the window share it (a second capture opens the same window, never a second draft).

``client`` is what the user chose in the window, as a small dict: ``{"id": 5, "name":
"Bob Smith"}`` for a client of the book, ``{"id": None, "name": "Dana White", "company":
"Orbit"}`` for a new one. It is stored as JSON in ``Draft.client_hint``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rapport import clock
from rapport.core import records as r
from rapport.services import convert
from rapport.services.capture import SavedCapture, save_capture
from rapport.store import models as m
from rapport.store.db import transaction


@dataclass(frozen=True, slots=True)
class DraftNote:
    text: str
    client: dict[str, Any] | None
    updated_at: datetime


def load_draft() -> DraftNote | None:
    """The draft left by the last capture window, or None."""
    row = m.Draft.select().order_by(m.Draft.updated_at.desc(), m.Draft.id.desc()).first()
    if row is None:
        return None
    return DraftNote(row.text or "", _client(row.client_hint), row.updated_at)


def save_draft(text: str, client: dict[str, Any] | None = None) -> DraftNote | None:
    """Keep ``text`` as the draft (replacing the previous one); nothing typed: no draft.

    Raises ``store.errors.StoreError`` when the book cannot be written (read-only, full).
    """
    if not text.strip() and not client:
        discard_draft()
        return None
    hint = json.dumps(_clean_client(client), ensure_ascii=False) if client else ""
    stamp = clock.now()
    with transaction():
        row = m.Draft.select().order_by(m.Draft.updated_at.desc(), m.Draft.id.desc()).first()
        if row is None:
            row = m.Draft.create(text=text, client_hint=hint, updated_at=stamp)
        else:
            row.text, row.client_hint, row.updated_at = text, hint, stamp
            row.save()
        # One draft per book: older rows (from an older version, two windows) go.
        m.Draft.delete().where(m.Draft.id != row.id).execute()
    return DraftNote(text, _client(hint), stamp)


def discard_draft() -> None:
    """Forget the draft (the note was saved, or the user emptied it)."""
    with transaction():
        m.Draft.delete().execute()


@dataclass(frozen=True, slots=True)
class SavedNote:
    """What the capture window tells the user after saving: whom, and the tasks made."""

    saved: SavedCapture
    client_name: str
    tasks: list[r.Task]


def save_note(
    text: str,
    understanding: dict[str, Any],
    accepted_suggestions: list[int],
    *,
    private: bool = False,
    key: str | None = None,
) -> SavedNote:
    """Save the captured note and forget its draft, in one transaction (``private``: only
    its author sees it, on a team book; ``key``: the capture's key, services/outbox.py).

    Either the note is saved and the draft gone, or nothing changed and the draft is still
    there: a failed save never loses the text, a saved note never comes back as a draft.
    """
    with transaction():
        saved = save_capture(
            text, understanding, accepted_suggestions=accepted_suggestions, private=private,
            key=key,
        )  # fmt: skip
        m.Draft.delete().execute()
    name = m.Client.get_by_id(saved.client_id).name
    rows = m.Task.select().where(m.Task.id.in_(saved.task_ids or [0])).order_by(m.Task.id)
    return SavedNote(saved, name, [convert.task(row, name) for row in rows])


def _clean_client(client: dict[str, Any] | None) -> dict[str, Any]:
    if not client:
        return {}
    out: dict[str, Any] = {"id": None, "name": "", "company": ""}
    if client.get("id") is not None:
        out["id"] = int(client["id"])
    out["name"] = " ".join(str(client.get("name") or "").split())
    out["company"] = " ".join(str(client.get("company") or "").split())
    return out


def _client(hint: str | None) -> dict[str, Any] | None:
    """The chosen client kept with the draft; a damaged hint is forgotten, not fatal."""
    if not hint:
        return None
    try:
        value = json.loads(hint)
    except ValueError:
        return None
    if not isinstance(value, dict) or not (value.get("id") is not None or value.get("name")):
        return None
    try:
        return _clean_client(value)
    except (TypeError, ValueError):
        return None
