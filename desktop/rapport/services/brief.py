"""The pre-call brief of one client, read in a fixed handful of queries.

``brief(client_id)`` loads only what the brief shows (the last conversations, open tasks
and promises, unanswered messages, gifts given...) with one query per kind, joined
where a name or a source is needed, never one query per row, and hands the records to
``core.brief.compose``. The window composes the same brief from the profile it already
has (``compose_profile``), so both always agree.
"""

from __future__ import annotations

from peewee import JOIN

from rapport import clock
from rapport.core import ask_about
from rapport.core import records as r
from rapport.core.brief import INTRO_CALL_AFTER_DAYS, Brief, compose
from rapport.services import convert, settings
from rapport.services.errors import NotFoundError
from rapport.store import models as m
from rapport.store.db import authors


def brief(client_id: int) -> Brief:
    """The brief of ``client_id`` as of today (``RAPPORT_TODAY`` honoured)."""
    profile = brief_profile(client_id)
    return compose(profile, clock.today(), _call_after_days(profile))


def compose_profile(profile: r.Profile) -> Brief:
    """The brief from a full profile the caller already holds (no query)."""
    return compose(profile, clock.today(), _call_after_days(profile))


def _call_after_days(profile: r.Profile) -> int:
    """The setting the introductions' call steps need (read only when there are some)."""
    if not profile.introductions:
        return INTRO_CALL_AFTER_DAYS
    return int(settings.get("intro_call_after_days") or INTRO_CALL_AFTER_DAYS)


def sign(records: list[r.Fact] | list[r.Interaction], model: type[m.BaseModel]) -> None:
    """Fill ``by`` (the author) of facts or conversations: on a team book only."""
    by = authors(model, [record.id for record in records])
    for record in records:
        record.by = by.get(record.id)


def brief_profile(client_id: int) -> r.Profile:
    """The part of a client's profile the brief needs: nine indexed queries."""
    referrer = m.Client.alias()
    row = (
        m.Client.select(m.Client, referrer.name.alias("referrer_name"))
        .join(referrer, JOIN.LEFT_OUTER, on=(m.Client.referred_by == referrer.id))
        .where(m.Client.id == client_id)
        .objects()
        .first()
    )
    if row is None:
        raise NotFoundError(f"no client with id {client_id}")
    client = convert.client(row, row.referrer_name)
    people = [
        convert.person(p)
        for p in m.Person.select().where(m.Person.client == client_id).order_by(m.Person.id)
    ]
    names = {p.id: p.label for p in people}
    talks = [
        convert.interaction(i)
        for i in m.Interaction.select()
        .where(m.Interaction.client == client_id)
        .order_by(m.Interaction.happened_at.desc())
        .limit(ask_about.RECENT_INTERACTIONS)
    ]
    source = m.Interaction.alias()
    fact_rows = (
        m.Fact.select(m.Fact, source.id, source.kind, source.happened_at, source.title)
        .join(source, JOIN.LEFT_OUTER, on=(m.Fact.source == source.id))
        .where(m.Fact.client == client_id)
        .order_by(m.Fact.created_at.desc())
    )
    facts = [
        convert.fact(f, names.get(f.person_id), f.source if f.source_id is not None else None)
        for f in fact_rows
    ]
    promised = (m.Task.promised == True) | (m.Task.kind == "promise")  # noqa: E712
    tasks = [
        convert.task(t, client.name)
        for t in m.Task.select()
        .where(m.Task.client == client_id, (m.Task.status == "open") | promised)
        .order_by(m.Task.due.asc(nulls="LAST"), m.Task.id)
    ]
    inbound = [
        convert.inbound(i, client.name)
        for i in m.Inbound.select()
        .where(m.Inbound.client == client_id, m.Inbound.answered_at.is_null())
        .order_by(m.Inbound.received_at)
    ]
    # The introductions the client is part of, as the lead or as the referrer (as the
    # window's profile has them), with both names.
    intro_referrer, intro_lead = m.Client.alias(), m.Client.alias()
    introductions = [
        convert.introduction(i, i.lead_name, i.referrer_client)
        for i in m.Introduction.select(
            m.Introduction,
            intro_lead.name.alias("lead_name"),
            intro_referrer.name.alias("referrer_client"),
        )
        .join(intro_lead, on=(m.Introduction.lead == intro_lead.id))
        .switch(m.Introduction)
        .join(intro_referrer, JOIN.LEFT_OUTER, on=(m.Introduction.referrer == intro_referrer.id))
        .where((m.Introduction.lead == client_id) | (m.Introduction.referrer == client_id))
        .order_by(m.Introduction.introduced_on.desc(), m.Introduction.id.desc())
        .objects()
    ]
    gifts = [
        convert.gift(g, names.get(g.person_id))
        for g in m.Gift.select()
        .where(m.Gift.client == client_id, m.Gift.status == "given")
        .order_by(m.Gift.given_on.desc(nulls="LAST"), m.Gift.id.desc())
    ]
    dates = [
        convert.important_date(d, names.get(d.person_id))
        for d in m.ImportantDate.select()
        .where(m.ImportantDate.client == client_id, convert.real_dates())
        .order_by(m.ImportantDate.month, m.ImportantDate.day)
    ]
    sign(facts, m.Fact)
    sign(talks, m.Interaction)
    return r.Profile(
        client=client,
        people=people,
        facts=facts,
        interactions=talks,
        tasks=tasks,
        inbound=inbound,
        introductions=introductions,
        gifts=gifts,
        dates=dates,
    )
