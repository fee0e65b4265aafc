"""Clients: list, find, create, edit, archive, delete (with undo), and the profile."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from peewee import IntegrityError, fn

from rapport import clock
from rapport.core import control_chars
from rapport.core import records as r
from rapport.core.followup import MAX_CADENCE_DAYS
from rapport.core.names import fold, match_name
from rapport.services import addresses, convert, edit_check, indexing
from rapport.services.brief import signed
from rapport.services.client_list import ClientRow
from rapport.services.editing import Editing
from rapport.services.errors import AmbiguousError, NotFoundError, ValidationError
from rapport.services.undo import Snapshot, unindex
from rapport.services.validate import known_fields, month_day, required_text
from rapport.services.when import parse_past_day
from rapport.store import models as m
from rapport.store.db import is_unique_name, transaction

EDITABLE = (
    "name",
    "referred_by",
    "company",
    "role",
    "emails",
    "phones",
    "address",
    "how_we_met",
    "referred_by_id",
    "cadence_days",
    "notes",
    "birthday",
)
# The client's own birthday is a yearly date of theirs (no person) with this label, as
# imports have always stored it; the client form edits it.
BIRTHDAY = "birthday"
_MONTH_DAY = re.compile(r"(?:--)?(\d{1,2})-(\d{1,2})")


def list_clients(include_archived: bool = False) -> list[ClientRow]:
    """Every client, by name, with counts of open tasks, in two queries."""
    open_counts: dict[int, int] = dict(
        convert.tuples(
            m.Task.select(m.Task.client, fn.COUNT(m.Task.id))
            .where(m.Task.status == "open", m.Task.client.is_null(False))
            .group_by(m.Task.client)
        )
    )
    query = m.Client.select(
        m.Client.id, m.Client.name, m.Client.company, m.Client.last_contact_at, m.Client.archived_at
    ).order_by(m.Client.name_key, m.Client.id)
    if not include_archived:
        query = query.where(m.Client.archived_at.is_null())
    return [
        ClientRow(cid, name, company, last, open_counts.get(cid, 0), archived is not None)
        for cid, name, company, last, archived in convert.tuples(query)
    ]


def all_names(except_id: int | None = None) -> list[str]:
    """Every client's name (archived too), for the forms' "already a client" warning."""
    query = m.Client.select(m.Client.name)
    if except_id is not None:
        query = query.where(m.Client.id != except_id)
    return [name for (name,) in m.db.execute(query)]


def count_clients(include_archived: bool = False) -> int:
    query = m.Client.select()
    if not include_archived:
        query = query.where(m.Client.archived_at.is_null())
    return query.count()


def _row(client_id: int) -> m.Client:
    row = m.Client.get_or_none(m.Client.id == client_id)
    if row is None:
        raise NotFoundError(f"no client with id {client_id}")
    return row


def get_client(client_id: int) -> r.Client:
    row = _row(client_id)
    referrer = None
    if row.referred_by_id:
        ref = m.Client.get_or_none(m.Client.id == row.referred_by_id)
        referrer = ref.name if ref else None
    return convert.client(row, referrer)


def resolve(text: str, include_archived: bool = True) -> r.Client:
    """The client that ``text`` names: an id, a name, a unique prefix or a close spelling."""
    query = (text or "").strip()
    if not query:
        raise NotFoundError("no client given")
    if query.isdigit():
        row = m.Client.get_or_none(m.Client.id == int(query))
        if row is not None:
            return get_client(row.id)
    candidates = m.Client.select(m.Client.id, m.Client.name)
    if not include_archived:
        candidates = candidates.where(m.Client.archived_at.is_null())
    matches = match_name(query, convert.tuples(candidates))
    if not matches:
        raise NotFoundError(f"no client matches {query!r}")
    if len(matches) > 1 and matches[0].how != "exact":
        names = [(match.id, match.name) for match in matches[:10]]
        raise AmbiguousError(f"{query!r} matches {len(matches)} clients", names)
    if len(matches) > 1:
        exact = [match for match in matches if match.how == "exact"]
        if len(exact) > 1:
            names = [(match.id, match.name) for match in exact]
            raise AmbiguousError(f"{query!r} matches {len(exact)} clients", names)
    return get_client(matches[0].id)


def parse_birthday(value: Any) -> tuple[int, int, int | None] | None:
    """A client's birthday as typed: with its year (1970-07-04, July 4, 1970) or without
    (July 4, 07-04, --07-04); (month, day, year), None when empty."""
    if isinstance(value, date):
        return value.month, value.day, value.year
    text = " ".join(str(value or "").split())
    if not text:
        return None
    numeric = _MONTH_DAY.fullmatch(text)
    if numeric:
        return month_day(int(numeric[1]), int(numeric[2]), None)
    try:
        day = parse_past_day(text, "birthday")
    except ValidationError as exc:
        if "needs its year" not in str(exc):
            raise
        # "July 4": read in a leap year (29 February is someone's birthday), kept without.
        leap = parse_past_day(f"{text.rstrip(' ,.')}, 2000", "birthday")
        return (leap.month, leap.day, None) if leap else None
    if day is None:
        return None
    if day > clock.today():
        raise ValidationError("a birthday cannot be in the future")
    return day.month, day.day, day.year


def _set_birthday(client_id: int, birthday: tuple[int, int, int | None] | None) -> None:
    """The client's own birthday row made to match (created, changed or removed)."""
    rows = list(
        m.ImportantDate.select()
        .where(
            m.ImportantDate.client == client_id,
            m.ImportantDate.person.is_null(),
            m.ImportantDate.label == BIRTHDAY,
        )
        .order_by(m.ImportantDate.id)
    )
    if birthday is None:
        for row in rows:
            row.delete_instance()
        return
    month, day, year = birthday
    if not rows:
        m.ImportantDate.create(client=client_id, label=BIRTHDAY, month=month, day=day, year=year)
        return
    row = rows[0]
    row.month, row.day, row.year = month, day, year
    row.save()


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    known_fields(fields, EDITABLE, "client")
    data = {key: control_chars.clean_value(value) for key, value in fields.items()}
    if "birthday" in data:
        data["birthday"] = parse_birthday(data["birthday"])
    if "name" in data:
        data["name"] = required_text(data["name"], "A client's name")
        data["name_key"] = fold(data["name"])
    for key in ("emails", "phones"):
        if key in data:
            data[key] = [str(v).strip() for v in data[key] or () if str(v).strip()]
    if "address" in data:
        data.update(addresses.row_values(addresses.as_address(data.pop("address"))))
    for key in ("company", "role", "how_we_met", "notes"):
        if key in data:
            data[key] = (data[key] or "").strip()
    if data.get("cadence_days") is not None:
        try:
            cadence = int(data["cadence_days"])
        except (TypeError, ValueError):
            raise ValidationError("the keep-in-touch cadence must be a number of days") from None
        if not 1 <= cadence <= MAX_CADENCE_DAYS:
            raise ValidationError(
                f"the keep-in-touch cadence must be between 1 and {MAX_CADENCE_DAYS} days"
            )
        data["cadence_days"] = cadence
    if "referred_by" in data:
        # A name typed by the user: it must name exactly one client.
        text = (data.pop("referred_by") or "").strip()
        data["referred_by_id"] = resolve(text).id if text else None
    if "referred_by_id" in data:
        ref = data.pop("referred_by_id")
        if ref is not None and m.Client.get_or_none(m.Client.id == ref) is None:
            raise ValidationError(f"no client with id {ref} to be the referrer")
        data["referred_by"] = ref
    return data


def create_client(name: str, **fields: Any) -> r.Client:
    data = _clean({"name": name, **fields})
    birthday = data.pop("birthday", None)
    try:
        with transaction():
            stamp = clock.now()
            row = m.Client.create(created_at=stamp, updated_at=stamp, **data)
            indexing.client(row)
            if birthday is not None:
                _set_birthday(row.id, birthday)
    except IntegrityError as exc:
        if not is_unique_name(exc):
            raise
        raise ValidationError(
            f"the team book has a client named {data['name']} already: open that one"
        ) from exc
    return get_client(row.id)


# What the client form saves, in the words a refused save names them with.
FORM_FIELDS = {
    "name": "the name",
    "company": "the company",
    "role": "the role",
    "emails": "the emails",
    "phones": "the phones",
    "address": "the address",
    "how_we_met": "how you met",
    "referred_by_id": "who referred them",
    "cadence_days": "the keep-in-touch cadence",
    "notes": "the notes",
}


def editing_client(shown: r.Client) -> Editing:
    """The client as a form opens it (``shown``: as on screen), to save with
    ``update_client(since=...)``: read afresh with its version on a team book."""
    return edit_check.opened(m.Client, shown, lambda: get_client(shown.id))


def update_client(client_id: int, *, since: Editing | None = None, **fields: Any) -> r.Client:
    """Save ``fields``; with ``since`` (what the form opened), refused with
    ``EditConflictError`` when another member changed the client meanwhile (team book)."""
    data = _clean(fields)
    with transaction():
        edit_check.check(
            m.Client, since, lambda: get_client(client_id), FORM_FIELDS, lambda c: c.name
        )
        row = _row(client_id)
        if data.get("referred_by") == client_id:
            raise ValidationError("a client cannot have referred themselves")
        if "birthday" in data:
            _set_birthday(client_id, data.pop("birthday"))
        for key, value in data.items():
            setattr(row, key, value)
        row.updated_at = clock.now()
        row.save()
        indexing.client(row)
    return get_client(client_id)


def set_archived(client_id: int, archived: bool) -> r.Client:
    with transaction():
        row = _row(client_id)
        row.archived_at = clock.now() if archived else None
        row.save()
    return get_client(client_id)


def delete_client(client_id: int) -> Snapshot:
    """Delete a client and everything about them; the snapshot undoes it."""
    with transaction():
        row = _row(client_id)
        snap = Snapshot(label=f"client {row.name}")
        snap.add([row])
        snap.add(m.Person.select().where(m.Person.client == client_id))
        snap.add(m.Interaction.select().where(m.Interaction.client == client_id))
        snap.add(m.Fact.select().where(m.Fact.client == client_id))
        intros = list(m.Introduction.select().where(m.Introduction.lead == client_id))
        snap.add(intros)
        snap.add(m.Inbound.select().where(m.Inbound.client == client_id))
        intro_ids = [i.id for i in intros]
        tasks = m.Task.select().where(
            (m.Task.client == client_id) | (m.Task.introduction.in_(intro_ids or [0]))
        )
        snap.add(tasks)
        snap.add(m.Gift.select().where(m.Gift.client == client_id))
        snap.add(m.ImportantDate.select().where(m.ImportantDate.client == client_id))
        snap.add(m.Card.select().where(m.Card.client == client_id))
        for other in m.Client.select(m.Client.id).where(m.Client.referred_by == client_id):
            snap.relinks.append((m.Client, other.id, "referred_by", client_id))
        for intro in m.Introduction.select(m.Introduction.id).where(
            (m.Introduction.referrer == client_id) & (m.Introduction.lead != client_id)
        ):
            snap.relinks.append((m.Introduction, intro.id, "referrer", client_id))
        unindex(snap)
        row.delete_instance()
    return snap


def profile(client_id: int) -> r.Profile:
    """Everything about one client, a query per kind (no query per row)."""
    client = get_client(client_id)
    people = [
        convert.person(p)
        for p in m.Person.select().where(m.Person.client == client_id).order_by(m.Person.id)
    ]
    names: dict[int | None, str] = {p.id: p.label for p in people}
    interactions_rows = list(
        m.Interaction.select()
        .where(m.Interaction.client == client_id)
        .order_by(m.Interaction.happened_at.desc(), m.Interaction.id.desc())
    )
    by_id: dict[int | None, m.Interaction] = {i.id: i for i in interactions_rows}
    facts = [
        convert.fact(f, names.get(f.person_id), by_id.get(f.source_id))
        for f in m.Fact.select()
        .where(m.Fact.client == client_id)
        .order_by(m.Fact.created_at.desc(), m.Fact.id.desc())
    ]
    tasks = [
        convert.task(t, client.name)
        for t in m.Task.select()
        .where(m.Task.client == client_id)
        .order_by(m.Task.status.desc(), m.Task.due.asc(nulls="LAST"), m.Task.id)
    ]
    inbound = [
        convert.inbound(i, client.name)
        for i in m.Inbound.select()
        .where(m.Inbound.client == client_id)
        .order_by(m.Inbound.received_at.desc(), m.Inbound.id.desc())
    ]
    intro_rows = list(
        m.Introduction.select()
        .where((m.Introduction.lead == client_id) | (m.Introduction.referrer == client_id))
        .order_by(m.Introduction.introduced_on.desc(), m.Introduction.id.desc())
    )
    names_of = client_names({ref for i in intro_rows for ref in (i.lead_id, i.referrer_id)})
    introductions = [
        convert.introduction(
            intro,
            names_of[intro.lead_id],
            None if intro.referrer_id is None else names_of.get(intro.referrer_id),
        )
        for intro in intro_rows
    ]
    gifts = [
        convert.gift(g, names.get(g.person_id))
        for g in m.Gift.select()
        .where(m.Gift.client == client_id)
        .order_by(m.Gift.given_on.desc(nulls="LAST"), m.Gift.id.desc())
    ]
    dates = [
        convert.important_date(d, names.get(d.person_id))
        for d in m.ImportantDate.select()
        .where(m.ImportantDate.client == client_id, convert.real_dates())
        .order_by(m.ImportantDate.month, m.ImportantDate.day, m.ImportantDate.id)
    ]
    cards = [
        convert.card(c)
        for c in m.Card.select().where(m.Card.client == client_id).order_by(m.Card.id.desc())
    ]
    talks = [convert.interaction(i) for i in interactions_rows]
    return r.Profile(
        client=client,
        people=people,
        facts=signed(facts, m.Fact),
        interactions=signed(talks, m.Interaction),
        tasks=tasks,
        inbound=inbound,
        introductions=introductions,
        gifts=gifts,
        dates=dates,
        cards=cards,
    )


def client_names(ids: set[int | None]) -> dict[int, str]:
    """Names of the given client ids, in one query."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(
        convert.tuples(m.Client.select(m.Client.id, m.Client.name).where(m.Client.id.in_(wanted)))
    )
