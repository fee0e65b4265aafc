"""Conversations: meetings, calls, emails, voicemails, notes, gifts and cards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rapport import clock
from rapport.core import control_chars
from rapport.core import records as r
from rapport.core.formats import day_month
from rapport.services import convert, indexing
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.last_contact import CONTACT_KINDS as CONTACT_KINDS
from rapport.services.last_contact import refresh_last_contact as refresh_last_contact
from rapport.services.undo import Snapshot, unindex
from rapport.services.validate import known_fields, one_of, optional_datetime
from rapport.store import models as m
from rapport.store.db import transaction

# Kinds after which a thank-you note is owed by default (a conversation logged by hand).
# Quick capture owes one after any kind when its thank-you suggestion is ticked: Today
# lists every conversation whose thank-you is owed, whatever its kind.
THANK_YOU_KINDS = ("meeting",)


def _row(interaction_id: int) -> m.Interaction:
    row = m.Interaction.get_or_none(m.Interaction.id == interaction_id)
    if row is None:
        raise NotFoundError(f"no conversation with id {interaction_id}")
    return row


def add_interaction(
    client_id: int,
    kind: str,
    happened_at: datetime | str | None = None,
    title: str = "",
    raw_text: str = "",
    key_points: Sequence[str] = (),
    extracted: dict[str, Any] | None = None,
) -> r.Interaction:
    one_of(kind, r.INTERACTION_KINDS, "A conversation's kind")
    title, raw_text = control_chars.clean(title or ""), control_chars.clean(raw_text or "")
    key_points = control_chars.clean_list(key_points)
    when = optional_datetime(happened_at, "when it happened") or clock.now()
    if not (title or "").strip() and not (raw_text or "").strip():
        raise ValidationError("a conversation needs a title or some notes")
    with transaction():
        if m.Client.get_or_none(m.Client.id == client_id) is None:
            raise NotFoundError(f"no client with id {client_id}")
        row = m.Interaction.create(
            client=client_id,
            kind=kind,
            happened_at=when,
            title=(title or "").strip(),
            raw_text=raw_text or "",
            key_points=[p.strip() for p in key_points if p.strip()],
            extracted=extracted,
            # Only a meeting leaves a thank-you owed; everything else starts settled.
            thanked_at=None if kind in THANK_YOU_KINDS else when,
            created_at=clock.now(),
        )
        indexing.interaction(row)
        refresh_last_contact(client_id)
    return convert.interaction(row)


def update_interaction(interaction_id: int, **fields: Any) -> r.Interaction:
    allowed = {"kind", "happened_at", "title", "raw_text", "key_points"}
    known_fields(fields, allowed, "conversation")
    fields = {key: control_chars.clean_value(value) for key, value in fields.items()}
    with transaction():
        row = _row(interaction_id)
        if "kind" in fields:
            row.kind = one_of(fields["kind"], r.INTERACTION_KINDS, "A conversation's kind")
        if "happened_at" in fields:
            row.happened_at = optional_datetime(fields["happened_at"]) or row.happened_at
        if "title" in fields:
            row.title = (fields["title"] or "").strip()
        if "raw_text" in fields:
            row.raw_text = fields["raw_text"] or ""
        if "key_points" in fields:
            row.key_points = [p.strip() for p in fields["key_points"] if p.strip()]
        row.save()
        indexing.interaction(row)
        refresh_last_contact(row.client_id)
    return convert.interaction(row)


def mark_thanked(interaction_id: int, when: datetime | None = None) -> r.Interaction:
    """The thank-you for this conversation went out (or the user says none is needed)."""
    with transaction():
        row = _row(interaction_id)
        row.thanked_at = when or clock.now()
        row.save()
    return convert.interaction(row)


def delete_interaction(interaction_id: int) -> Snapshot:
    with transaction():
        row = _row(interaction_id)
        snap = Snapshot(label=f"{row.kind} of {day_month(row.happened_at)}")
        snap.add([row])
        for model, field in (
            (m.Fact, "source"),
            (m.Task, "interaction"),
            (m.Inbound, "interaction"),
            (m.Introduction, "interaction"),
            (m.Card, "interaction"),
            (m.Gift, "interaction"),
        ):
            column = getattr(model, field)
            for other in model.select(model.id).where(column == interaction_id):
                snap.relinks.append((model, other.id, field, interaction_id))
        unindex(snap)
        client_id = row.client_id
        row.delete_instance()
        refresh_last_contact(client_id)
    return snap


def history(client_id: int, kinds: Sequence[str] | None = None) -> list[r.Interaction]:
    query = m.Interaction.select().where(m.Interaction.client == client_id)
    if kinds:
        query = query.where(m.Interaction.kind.in_(list(kinds)))
    return [
        convert.interaction(i)
        for i in query.order_by(m.Interaction.happened_at.desc(), m.Interaction.id.desc())
    ]
