"""Facts and preferences about a client or one of their people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rapport import clock
from rapport.core import control_chars
from rapport.core import records as r
from rapport.services import convert, indexing
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.undo import Snapshot, unindex
from rapport.services.validate import known_fields, one_of, required_text
from rapport.store import models as m
from rapport.store.db import transaction


def _tags(tags: Sequence[str] | None) -> list[str]:
    seen: list[str] = []
    for tag in tags or ():
        clean = " ".join(str(tag).lower().split())
        if clean and clean not in seen:
            seen.append(clean)
    return seen


def _row(fact_id: int) -> m.Fact:
    row = m.Fact.get_or_none(m.Fact.id == fact_id)
    if row is None:
        raise NotFoundError(f"no fact with id {fact_id}")
    return row


def _check_person(client_id: int, person_id: int | None) -> str | None:
    if person_id is None:
        return None
    person = m.Person.get_or_none(m.Person.id == person_id)
    if person is None or person.client_id != client_id:
        raise ValidationError("that person is not one of this client's people")
    return person.name or person.relation


def add_fact(
    client_id: int,
    text: str,
    category: str = "personal",
    tags: Sequence[str] | None = None,
    person_id: int | None = None,
    source_id: int | None = None,
) -> r.Fact:
    text = required_text(control_chars.clean(text or ""), "A fact")
    tags = control_chars.clean_list(tags or ())
    one_of(category, r.FACT_CATEGORIES, "A fact's category")
    with transaction():
        if m.Client.get_or_none(m.Client.id == client_id) is None:
            raise NotFoundError(f"no client with id {client_id}")
        about = _check_person(client_id, person_id)
        stamp = clock.now()
        row = m.Fact.create(
            client=client_id,
            person=person_id,
            text=text,
            category=category,
            tags=_tags(tags),
            source=source_id,
            created_at=stamp,
            confirmed_at=stamp,
        )
        indexing.fact(row)
    return convert.fact(row, about)


def update_fact(fact_id: int, **fields: Any) -> r.Fact:
    allowed = {"text", "category", "tags", "person_id"}
    known_fields(fields, allowed, "fact")
    fields = {key: control_chars.clean_value(value) for key, value in fields.items()}
    with transaction():
        row = _row(fact_id)
        if "text" in fields:
            row.text = required_text(fields["text"], "A fact")
        if "category" in fields:
            row.category = one_of(fields["category"], r.FACT_CATEGORIES, "A fact's category")
        if "tags" in fields:
            row.tags = _tags(fields["tags"])
        if "person_id" in fields:
            _check_person(row.client_id, fields["person_id"])
            row.person = fields["person_id"]
        row.confirmed_at = clock.now()
        row.save()
        indexing.fact(row)
        about = _check_person(row.client_id, row.person_id)
    return convert.fact(row, about)


def confirm_fact(fact_id: int) -> r.Fact:
    """The user says it is still true: it is no longer stale."""
    with transaction():
        row = _row(fact_id)
        row.confirmed_at = clock.now()
        row.save()
    return convert.fact(row)


def delete_fact(fact_id: int) -> Snapshot:
    with transaction():
        row = _row(fact_id)
        snap = Snapshot(label=f"fact “{row.text[:40]}”")
        snap.add([row])
        unindex(snap)
        row.delete_instance()
    return snap
