"""Gifts: the log (idea → planned → given) and ranked ideas for a client.

A gift marked *given* also logs a conversation of kind ``gift`` in the client's history
("Gave Jake a baseball history book"), linked from the gift. That is what makes it show in
the history, counts as contact for the keep-in-touch clock, and is found by search. Editing
the gift keeps that entry in step; deleting the gift deletes it too (both come back with
undo); moving a gift back to planned removes it.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import cache
from typing import Any

from rapport import clock, resources
from rapport.core import control_chars
from rapport.core import gifts as core
from rapport.core import records as r
from rapport.services import convert, indexing, settings
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.interactions import refresh_last_contact
from rapport.services.undo import Snapshot, unindex
from rapport.services.validate import known_fields, one_of, optional_date, required_text
from rapport.store import models as m
from rapport.store import search
from rapport.store.db import transaction

GIFT_OCCASIONS = tuple(o for o in core.OCCASIONS if o != "any")
EDITABLE = ("title", "status", "person_id", "occasion", "given_on", "cost", "reaction", "notes")


# -- the catalogues --------------------------------------------------------------------------
def _resource_json(name: str) -> dict[str, Any] | None:
    path = resources.path(name)
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def catalogue() -> core.GiftCatalogue:
    data = _resource_json("gifts.json")
    if data is None:
        raise FileNotFoundError("the gift catalogue resources/gifts.json is missing")
    return core.parse_catalogue(data)


@cache
def taxonomy() -> core.Taxonomy:
    """Parents and phrases of the interest catalogue (empty if it is not installed)."""
    data = _resource_json("interests.json")
    return core.parse_taxonomy(data) if data else core.Taxonomy()


# -- ideas -----------------------------------------------------------------------------------
def gift_ideas(
    client_id: int, occasion: str | None = None, limit: int = 10
) -> core.GiftSuggestions:
    """Ranked ideas for the client and their people, never one already in the gift log."""
    occasion = occasion or "any"
    one_of(occasion, core.OCCASIONS, "The occasion")
    client = m.Client.get_or_none(m.Client.id == client_id)
    if client is None:
        raise NotFoundError(f"no client with id {client_id}")
    people = [convert.person(p) for p in m.Person.select().where(m.Person.client == client_id)]
    facts = [convert.fact(f) for f in m.Fact.select().where(m.Fact.client == client_id)]
    log = [convert.gift(g) for g in m.Gift.select().where(m.Gift.client == client_id)]
    budget = str(settings.get("gift_budget") or "medium").lower()
    return core.rank_ideas(
        catalogue(),
        taxonomy(),
        convert.client(client),
        people,
        facts,
        log,
        clock.today(),
        occasion=occasion,
        budget=budget,
        limit=limit,
    )


# -- the log ---------------------------------------------------------------------------------
def _row(gift_id: int) -> m.Gift:
    row = m.Gift.get_or_none(m.Gift.id == gift_id)
    if row is None:
        raise NotFoundError(f"no gift with id {gift_id}")
    return row


_MONEY = re.compile(r"^\$?\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$")


def parse_cost(value: Any) -> int | None:
    """Cents from 25, 25.5, "$25.50" or "" (no cost); refuses "about 20"."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0:
            raise ValidationError("a gift's cost cannot be negative")
        return round(float(value) * 100)
    match = _MONEY.match(str(value).strip())
    if not match:
        raise ValidationError(f"{value!r} is not an amount (write it like 25 or 25.50)")
    cents = (match.group(2) or "0").ljust(2, "0")
    return int(match.group(1)) * 100 + int(cents)


def _clean(client_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    known_fields(fields, EDITABLE, "gift")
    fields = {key: control_chars.clean_value(value) for key, value in fields.items()}
    data: dict[str, Any] = {}
    if "title" in fields:
        data["title"] = required_text(fields["title"], "What the gift is")
    if "status" in fields:
        data["status"] = one_of(fields["status"], r.GIFT_STATUSES, "A gift's status")
    if "occasion" in fields:
        occasion = (fields["occasion"] or "").strip()
        if occasion:
            one_of(occasion, GIFT_OCCASIONS, "A gift's occasion")
        data["occasion"] = occasion
    if "given_on" in fields:
        data["given_on"] = optional_date(fields["given_on"], "the day it was given")
    if "cost" in fields:
        data["cost_cents"] = parse_cost(fields["cost"])
    for key in ("reaction", "notes"):
        if key in fields:
            data[key] = (fields[key] or "").strip()
    if "person_id" in fields:
        pid = fields["person_id"]
        if pid is not None:
            person = m.Person.get_or_none(m.Person.id == pid)
            if person is None or person.client_id != client_id:
                raise ValidationError("that person is not one of this client's people")
        data["person"] = pid
    return data


def _for_name(row: m.Gift) -> str | None:
    if row.person_id is None:
        return None
    person = m.Person.get_or_none(m.Person.id == row.person_id)
    return (person.name or person.relation) if person else None


def _history_text(row: m.Gift, client: m.Client) -> tuple[str, str, list[str]]:
    recipient = _for_name(row) or client.name.split()[0]
    title = f"Gift for {recipient}: {row.title}"
    lines = [f"Gave {recipient} {row.title}."]
    points = []
    if row.occasion:
        points.append(f"Occasion: {row.occasion.replace('_', ' ')}")
    if row.cost_cents is not None:
        points.append(f"Cost: {row.cost_cents / 100:.2f}")
    if row.reaction:
        points.append(f"Reaction: {row.reaction}")
    return title, "\n".join(lines + points), points


def _sync_history(row: m.Gift) -> None:
    """Keep the gift's "gift" conversation in step with it (inside the write)."""
    client = m.Client.get_by_id(row.client_id)
    linked = (
        m.Interaction.get_or_none(m.Interaction.id == row.interaction_id)
        if row.interaction_id
        else None
    )
    if row.status != "given":
        if linked is not None:
            search.unindex("interaction", [linked.id])
            row.interaction = None
            row.save()
            linked.delete_instance()
        return
    title, text, points = _history_text(row, client)
    day = row.given_on or clock.today()
    when = datetime.combine(day, datetime.min.time()).replace(hour=12)
    if linked is None:
        linked = m.Interaction.create(
            client=row.client_id,
            kind="gift",
            happened_at=when,
            title=title,
            raw_text=text,
            key_points=points,
            thanked_at=when,  # a gift we gave owes no thank-you note from us
            created_at=clock.now(),
        )
        row.interaction_id = linked.id
        row.save()
    else:
        linked.happened_at, linked.title, linked.raw_text = when, title, text
        linked.key_points = points
        linked.save()
    indexing.interaction(linked)


def add_gift(client_id: int, title: str, status: str = "given", **fields: Any) -> r.Gift:
    """Log a gift: an idea to remember, one planned, or one given (the default)."""
    data = _clean(client_id, {"title": title, "status": status, **fields})
    if data["status"] == "given" and data.get("given_on") is None:
        data["given_on"] = clock.today()
    with transaction():
        if m.Client.get_or_none(m.Client.id == client_id) is None:
            raise NotFoundError(f"no client with id {client_id}")
        row = m.Gift.create(client=client_id, created_at=clock.now(), **data)
        indexing.gift(row)
        _sync_history(row)
        refresh_last_contact(client_id)
    return convert.gift(row, _for_name(row))


def update_gift(gift_id: int, **fields: Any) -> r.Gift:
    with transaction():
        row = _row(gift_id)
        data = _clean(row.client_id, fields)
        for key, value in data.items():
            setattr(row, key, value)
        if row.status == "given" and row.given_on is None:
            row.given_on = clock.today()
        row.save()
        indexing.gift(row)
        _sync_history(row)
        refresh_last_contact(row.client_id)
    return convert.gift(row, _for_name(row))


def mark_given(
    gift_id: int, given_on: date | str | None = None, reaction: str | None = None, **fields: Any
) -> r.Gift:
    """A planned gift went out: it becomes given (today unless told otherwise)."""
    changes: dict[str, Any] = {"status": "given", "given_on": given_on or clock.today(), **fields}
    if reaction is not None:
        changes["reaction"] = reaction
    return update_gift(gift_id, **changes)


def plan_idea(client_id: int, idea: core.GiftIdea, occasion: str = "") -> r.Gift:
    """Put a proposed idea on the plan, for whom it was proposed."""
    if occasion not in GIFT_OCCASIONS:  # "any" or nothing: the occasion the idea suits
        occasion = idea.occasion if idea.occasion in GIFT_OCCASIONS else ""
    return add_gift(
        client_id,
        idea.title,
        status="planned",
        person_id=idea.person_id,
        occasion=occasion,
        notes=f"Because: {idea.because}" if idea.because else "",
    )


def delete_gift(gift_id: int) -> Snapshot:
    """Delete a gift and its history entry; the snapshot brings both back."""
    with transaction():
        row = _row(gift_id)
        snap = Snapshot(label=f"gift “{row.title[:40]}”")
        if row.interaction_id:
            snap.add(m.Interaction.select().where(m.Interaction.id == row.interaction_id))
        snap.add([row])
        unindex(snap)
        client_id = row.client_id
        row.delete_instance()
        if row.interaction_id:
            m.Interaction.delete().where(m.Interaction.id == row.interaction_id).execute()
        refresh_last_contact(client_id)
    return snap


def list_gifts(client_id: int, status: str | None = None) -> list[r.Gift]:
    """The client's gift log, newest first (planned and ideas, which have no date, first)."""
    query = m.Gift.select().where(m.Gift.client == client_id)
    if status:
        query = query.where(m.Gift.status == one_of(status, r.GIFT_STATUSES, "A gift's status"))
    rows = list(query.order_by(m.Gift.given_on.desc(nulls="FIRST"), m.Gift.id.desc()))
    names: dict[int | None, str] = {
        p.id: p.name or p.relation for p in m.Person.select().where(m.Person.client == client_id)
    }
    return [convert.gift(row, names.get(row.person_id)) for row in rows]
