"""People around a client (family, pets) and their yearly dates."""

from __future__ import annotations

from typing import Any

from rapport import clock
from rapport.core import control_chars
from rapport.core import records as r
from rapport.services import addresses, convert, indexing
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.undo import Snapshot, unindex
from rapport.services.validate import known_fields, month_day, optional_date, required_text
from rapport.services.when import parse_past_day
from rapport.store import models as m
from rapport.store.db import transaction

EDITABLE = ("name", "relation", "birthday", "age", "age_as_of", "notes", "address")


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    known_fields(fields, EDITABLE, "person")
    data = {key: control_chars.clean_value(value) for key, value in fields.items()}
    if "address" in data:
        data.update(addresses.row_values(addresses.as_address(data.pop("address"))))
    if "name" in data:
        data["name"] = (data["name"] or "").strip() or None
    if "relation" in data:
        data["relation"] = (data["relation"] or "").strip().lower()
    if "notes" in data:
        data["notes"] = (data["notes"] or "").strip()
    if "birthday" in data:
        data["birthday"] = parse_past_day(data["birthday"], "birthday")
    if "age_as_of" in data:
        data["age_as_of"] = optional_date(data["age_as_of"], "age as of")
    if data.get("birthday") and data["birthday"] > clock.today():
        raise ValidationError("a birthday cannot be in the future")
    if data.get("age_as_of") and data["age_as_of"] > clock.today():
        raise ValidationError("an age cannot be known as of a future day")
    if data.get("age") is not None:
        try:
            age = int(data["age"])
        except (TypeError, ValueError):
            raise ValidationError("an age must be a whole number of years") from None
        if not 0 <= age <= 130:
            raise ValidationError("an age must be between 0 and 130")
        data["age"] = age
        data.setdefault("age_as_of", clock.today())
    return data


def _row(person_id: int) -> m.Person:
    row = m.Person.get_or_none(m.Person.id == person_id)
    if row is None:
        raise NotFoundError(f"no person with id {person_id}")
    return row


def add_person(client_id: int, name: str | None, relation: str, **fields: Any) -> r.Person:
    data = _clean({"name": name, "relation": relation, **fields})
    if not data.get("name") and not data.get("relation"):
        raise ValidationError("a person needs a name or a relation")
    with transaction():
        if m.Client.get_or_none(m.Client.id == client_id) is None:
            raise NotFoundError(f"no client with id {client_id}")
        row = m.Person.create(client=client_id, **data)
        indexing.person(row)
    return convert.person(row)


def update_person(person_id: int, **fields: Any) -> r.Person:
    data = _clean(fields)
    with transaction():
        row = _row(person_id)
        for key, value in data.items():
            setattr(row, key, value)
        row.updated_at = clock.now()
        row.save()
        indexing.person(row)
    return convert.person(row)


def delete_person(person_id: int) -> Snapshot:
    with transaction():
        row = _row(person_id)
        snap = Snapshot(label=f"{row.name or row.relation}")
        snap.add([row])
        snap.add(m.Fact.select().where(m.Fact.person == person_id))
        snap.add(m.ImportantDate.select().where(m.ImportantDate.person == person_id))
        for model in (m.Task, m.Gift):
            for other in model.select(model.id).where(model.person == person_id):
                snap.relinks.append((model, other.id, "person", person_id))
        unindex(snap)
        row.delete_instance()
    return snap


def add_date(
    client_id: int,
    label: str,
    month: int,
    day: int,
    year: int | None = None,
    person_id: int | None = None,
) -> r.ImportantDate:
    label = required_text(label, "A date's label").lower()
    month, day, year = month_day(month, day, year)
    with transaction():
        row = m.ImportantDate.create(
            client=client_id, person=person_id, label=label, month=month, day=day, year=year
        )
    about = _row(person_id).name if person_id else None
    return convert.important_date(row, about)


def delete_date(date_id: int) -> Snapshot:
    with transaction():
        row = m.ImportantDate.get_or_none(m.ImportantDate.id == date_id)
        if row is None:
            raise NotFoundError(f"no date with id {date_id}")
        snap = Snapshot(label=f"date {row.label}")
        snap.add([row])
        row.delete_instance()
    return snap
