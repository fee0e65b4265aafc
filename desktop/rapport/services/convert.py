"""Rows to records: the one place that knows both the models and core/records."""

from __future__ import annotations

from typing import Any

from peewee import Case

from rapport.core import records as r
from rapport.core.postal import PostalAddress, from_parts
from rapport.store import models as m


def real_dates() -> Any:
    """The yearly dates whose month, day and year make a day of the calendar.

    Imports check this (services/dump.py); a book written by an older import may still
    hold month 13, 30 February or year 99999. Those rows stay in the book (the JSON
    export keeps them) but are left out of what is shown and computed (the profile, the
    brief, the calendar and vCard exports), which would otherwise fail on them.
    """
    d = m.ImportantDate
    last_day = Case(d.month, [(2, 29), (4, 30), (6, 30), (9, 30), (11, 30)], 31)
    return (
        d.month.between(1, 12)
        & (d.day >= 1)
        & (d.day <= last_day)
        & (d.year.is_null() | d.year.between(1, 9999))
    )


def postal_address(row: m.Client | m.Person) -> PostalAddress:
    """The address parts stored on a Client or Person row."""
    return from_parts(row.address_lines, row.city, row.region, row.postcode, row.country)


def client(row: m.Client, referred_by: str | None = None) -> r.Client:
    return r.Client(
        id=row.id,
        name=row.name,
        company=row.company,
        role=row.role,
        emails=list(row.emails),
        phones=list(row.phones),
        address=postal_address(row),
        how_we_met=row.how_we_met,
        referred_by_id=row.referred_by_id,
        referred_by=referred_by,
        cadence_days=row.cadence_days,
        notes=row.notes,
        last_contact_at=row.last_contact_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        archived_at=row.archived_at,
        contacts=work_contacts(row.contacts),
    )


def work_contacts(value: Any) -> list[r.WorkContact]:
    """The client's work contacts as stored (a JSON list of {"name", "role"}); anything
    else in the column (an older or hand-edited book) is left out, never an error."""
    out = []
    for item in value if isinstance(value, list) else ():
        if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
            role = item.get("role")
            out.append(r.WorkContact(item["name"].strip(), role if isinstance(role, str) else ""))
    return out


def person(row: m.Person) -> r.Person:
    return r.Person(
        id=row.id,
        client_id=row.client_id,
        name=row.name,
        relation=row.relation,
        birthday=row.birthday,
        age=row.age,
        age_as_of=row.age_as_of,
        notes=row.notes,
        address=postal_address(row),
    )


def fact(row: m.Fact, about: str | None = None, source: m.Interaction | None = None) -> r.Fact:
    return r.Fact(
        id=row.id,
        client_id=row.client_id,
        text=row.text,
        category=row.category,
        tags=list(row.tags),
        person_id=row.person_id,
        about=about,
        source_interaction_id=row.source_id,
        source_kind=source.kind if source else None,
        source_at=source.happened_at if source else None,
        created_at=row.created_at,
        confirmed_at=row.confirmed_at,
        source_title=source.title if source else "",
    )


def interaction(row: m.Interaction) -> r.Interaction:
    return r.Interaction(
        id=row.id,
        client_id=row.client_id,
        kind=row.kind,
        happened_at=row.happened_at,
        title=row.title,
        raw_text=row.raw_text,
        key_points=list(row.key_points),
        thanked_at=row.thanked_at,
        created_at=row.created_at,
        extracted=row.extracted if isinstance(row.extracted, dict) else None,
    )


def task(row: m.Task, client_name: str | None = None) -> r.Task:
    return r.Task(
        id=row.id,
        title=row.title,
        kind=row.kind,
        due=row.due,
        status=row.status,
        client_id=row.client_id,
        client=client_name,
        person_id=row.person_id,
        interaction_id=row.interaction_id,
        introduction_id=row.introduction_id,
        inbound_id=row.inbound_id,
        promised=row.promised,
        notes=row.notes,
        done_at=row.done_at,
        snoozed_until=row.snoozed_until,
        late_notice_at=row.late_notice_at,
        created_at=row.created_at,
        progress_at=row.progress_at,
    )


def inbound(row: m.Inbound, client_name: str | None = None) -> r.Inbound:
    return r.Inbound(
        id=row.id,
        client_id=row.client_id,
        channel=row.channel,
        received_at=row.received_at,
        client=client_name,
        summary=row.summary,
        answered_at=row.answered_at,
        interaction_id=row.interaction_id,
    )


def introduction(row: m.Introduction, lead: str, referrer: str | None) -> r.Introduction:
    return r.Introduction(
        id=row.id,
        lead_id=row.lead_id,
        lead=lead,
        referrer_id=row.referrer_id,
        referrer=referrer or row.referrer_name or None,
        note=row.note,
        introduced_on=row.introduced_on,
        thanked_at=row.thanked_at,
        contacted_at=row.contacted_at,
        lead_answered_at=row.lead_answered_at,
        called_at=row.called_at,
    )


def gift(row: m.Gift, for_name: str | None = None) -> r.Gift:
    return r.Gift(
        id=row.id,
        client_id=row.client_id,
        title=row.title,
        status=row.status,
        person_id=row.person_id,
        for_name=for_name,
        occasion=row.occasion,
        given_on=row.given_on,
        cost_cents=row.cost_cents,
        reaction=row.reaction,
        notes=row.notes,
        tags=list(row.tags),
        interaction_id=row.interaction_id,
    )


def important_date(row: m.ImportantDate, about: str | None = None) -> r.ImportantDate:
    return r.ImportantDate(
        id=row.id,
        client_id=row.client_id,
        label=row.label,
        month=row.month,
        day=row.day,
        year=row.year,
        person_id=row.person_id,
        about=about,
    )


def card(row: m.Card) -> r.Card:
    return r.Card(
        id=row.id,
        client_id=row.client_id,
        occasion=row.occasion,
        body=row.body,
        card_size=row.card_size,
        interaction_id=row.interaction_id,
        created_at=row.created_at,
        sent_at=row.sent_at,
    )
