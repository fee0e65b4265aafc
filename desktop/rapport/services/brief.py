"""The pre-call brief of one client, read in a fixed handful of queries.

``brief(client_id)`` loads only what the brief shows (the last conversations, open tasks
and promises, unanswered messages, gifts given...) with one query per kind, joined
where a name or a source is needed, never one query per row, and hands the records to
``core.brief.compose``. The window composes the same brief from the profile it already
has (``compose_profile``), so both always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TypeVar

from peewee import JOIN, fn

from rapport import clock
from rapport.core import records as r
from rapport.core.brief import INTRO_CALL_AFTER_DAYS, Brief, compose
from rapport.core.understand.ask import about as ask_about
from rapport.services import convert, settings
from rapport.services.errors import NotFoundError
from rapport.store import models as m
from rapport.store.db import authors, authors_query, has_authors
from rapport.store.rows import by_ids_together


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


Signed = TypeVar("Signed", r.Fact, r.Interaction)


def signed(records: list[Signed], model: type[m.BaseModel]) -> list[Signed]:
    """``records`` (facts or conversations) with ``by``, their author: on a team book only
    (a book in a file has one author, and its records come back as they are)."""
    return signed_by(records, authors(model, [record.id for record in records]))


def signed_by(records: list[Signed], by: dict[int, str]) -> list[Signed]:
    """``records`` with ``by``, their author, from {id: author} ({} for a book in a file)."""
    if not by:
        return records
    return [replace(record, by=by.get(record.id)) for record in records]


def brief_profile(client_id: int) -> r.Profile:
    """The part of a client's profile the brief needs: nine indexed queries."""
    found = brief_profiles([client_id])
    if client_id not in found:
        raise NotFoundError(f"no client with id {client_id}")
    return found[client_id]


# How many clients one round of ``brief_profiles`` asks about (SQL variables per query).
PROFILES_AT_ONCE = 500


def brief_profiles(client_ids: Sequence[int]) -> dict[int, r.Profile]:
    """``brief_profile`` of many clients at once (the phone's cards): the same nine
    queries for up to PROFILES_AT_ONCE clients, not nine per client. Unknown ids are
    left out."""
    found: dict[int, r.Profile] = {}
    ids = list(dict.fromkeys(client_ids))
    for start in range(0, len(ids), PROFILES_AT_ONCE):
        found.update(_profiles(ids[start : start + PROFILES_AT_ONCE]))
    return found


def _clients(ids: list[int]) -> Any:
    referrer = m.Client.alias()
    return (
        m.Client.select(m.Client, referrer.name.alias("referrer_name"))
        .join(referrer, JOIN.LEFT_OUTER, on=(m.Client.referred_by == referrer.id))
        .where(m.Client.id.in_(ids))
        .objects()
    )


def _people(ids: list[int]) -> Any:
    return m.Person.select().where(m.Person.client.in_(ids)).order_by(m.Person.id)


def _recent_ids(ids: list[int]) -> Any:
    """The ids of the last few conversations of each client (a window over each client's
    history)."""
    rank = (
        fn.ROW_NUMBER()
        .over(
            partition_by=[m.Interaction.client],
            order_by=[m.Interaction.happened_at.desc(), m.Interaction.id.desc()],
        )
        .alias("rank")
    )
    ranked = m.Interaction.select(m.Interaction, rank).where(m.Interaction.client.in_(ids))
    return (
        m.Interaction.select(ranked.c.id)
        .from_(ranked)
        .where(ranked.c.rank <= ask_about.RECENT_INTERACTIONS)
    )


def _recent_interactions(ids: list[int]) -> Any:
    """The last few conversations of each client."""
    return (
        m.Interaction.select()
        .where(m.Interaction.id.in_(_recent_ids(ids)))
        .order_by(m.Interaction.happened_at.desc(), m.Interaction.id.desc())
    )


def _facts(ids: list[int]) -> Any:
    source = m.Interaction.alias()
    return (
        m.Fact.select(m.Fact, source.id, source.kind, source.happened_at, source.title)
        .join(source, JOIN.LEFT_OUTER, on=(m.Fact.source == source.id))
        .where(m.Fact.client.in_(ids))
        .order_by(m.Fact.created_at.desc(), m.Fact.id.desc())
    )


def _tasks(ids: list[int]) -> Any:
    promised = (m.Task.promised == True) | (m.Task.kind == "promise")  # noqa: E712
    return (
        m.Task.select()
        .where(m.Task.client.in_(ids), (m.Task.status == "open") | promised)
        .order_by(m.Task.due.asc(nulls="LAST"), m.Task.id)
    )


def _inbound(ids: list[int]) -> Any:
    return (
        m.Inbound.select()
        .where(m.Inbound.client.in_(ids), m.Inbound.answered_at.is_null())
        .order_by(m.Inbound.received_at, m.Inbound.id)
    )


def _introductions(ids: list[int]) -> Any:
    """The introductions the clients are part of, as the lead or as the referrer (as the
    window's profile has them), with both names."""
    intro_referrer, intro_lead = m.Client.alias(), m.Client.alias()
    return (
        m.Introduction.select(
            m.Introduction,
            intro_lead.name.alias("lead_name"),
            intro_referrer.name.alias("referrer_client"),
        )
        .join(intro_lead, on=(m.Introduction.lead == intro_lead.id))
        .switch(m.Introduction)
        .join(intro_referrer, JOIN.LEFT_OUTER, on=(m.Introduction.referrer == intro_referrer.id))
        .where(m.Introduction.lead.in_(ids) | m.Introduction.referrer.in_(ids))
        .order_by(m.Introduction.introduced_on.desc(), m.Introduction.id.desc())
        .objects()
    )


def _gifts(ids: list[int]) -> Any:
    return (
        m.Gift.select()
        .where(m.Gift.client.in_(ids), m.Gift.status == "given")
        .order_by(m.Gift.given_on.desc(nulls="LAST"), m.Gift.id.desc())
    )


def _dates(ids: list[int]) -> Any:
    return (
        m.ImportantDate.select()
        .where(m.ImportantDate.client.in_(ids), convert.real_dates())
        .order_by(m.ImportantDate.month, m.ImportantDate.day, m.ImportantDate.id)
    )


def _fact_authors(ids: list[int]) -> Any:
    return authors_query(m.Fact, m.Fact.select(m.Fact.id).where(m.Fact.client.in_(ids)))


def _interaction_authors(ids: list[int]) -> Any:
    return authors_query(m.Interaction, _recent_ids(ids))


_READS = (
    ("brief.clients", _clients),
    ("brief.people", _people),
    ("brief.interactions", _recent_interactions),
    ("brief.facts", _facts),
    ("brief.tasks", _tasks),
    ("brief.inbound", _inbound),
    ("brief.introductions", _introductions),
    ("brief.gifts", _gifts),
    ("brief.dates", _dates),
)
# On a team book, the authors of the same facts and conversations (``signed``).
_AUTHORS = (("brief.fact_authors", _fact_authors), ("brief.talk_authors", _interaction_authors))


def _profiles(ids: list[int]) -> dict[int, r.Profile]:
    # Each read's SQL is built once per count of ids (store/rows.by_ids): peewee built
    # the nine in half of a brief's CPU at every brief. They are sent together: on a team
    # book one round trip to the server (with the authors), not eleven.
    reads = _READS + _AUTHORS if has_authors() else _READS
    rows, people, talks, facts, tasks, inbound, intros, gifts, dates, *by = by_ids_together(
        [(key, make, ids) for key, make in reads]
    )
    profiles = {
        row.id: r.Profile(client=convert.client(row, convert.joined_text(row, "referrer_name")))
        for row in rows
    }
    if not profiles:
        return {}
    names: dict[int | None, str] = {}
    for p in people:
        person = convert.person(p)
        names[person.id] = person.label
        profiles[p.client_id].people.append(person)
    for i in talks:
        profiles[i.client_id].interactions.append(convert.interaction(i))
    for f in facts:
        profiles[f.client_id].facts.append(
            convert.fact(f, names.get(f.person_id), f.source if f.source_id is not None else None)
        )
    for t in tasks:
        if t.client_id is None:  # never: the query asks for these clients' tasks
            continue
        profile = profiles[t.client_id]
        profile.tasks.append(convert.task(t, profile.client.name))
    for ib in inbound:
        profile = profiles[ib.client_id]
        profile.inbound.append(convert.inbound(ib, profile.client.name))
    for link in intros:
        intro = convert.introduction(
            link,
            convert.joined_text(link, "lead_name") or "",
            convert.joined_text(link, "referrer_client"),
        )
        for client_id in {link.lead_id, link.referrer_id}:
            if client_id in profiles:
                profiles[client_id].introductions.append(intro)
    for g in gifts:
        profiles[g.client_id].gifts.append(convert.gift(g, names.get(g.person_id)))
    for d in dates:
        profiles[d.client_id].dates.append(convert.important_date(d, names.get(d.person_id)))
    # Each profile's facts and conversations, signed by the authors read with them.
    fact_by, talk_by = ({int(i): str(a) for i, a in found} for found in by) if by else ({}, {})
    signed_facts = iter(signed_by([f for p in profiles.values() for f in p.facts], fact_by))
    signed_talks = iter(signed_by([i for p in profiles.values() for i in p.interactions], talk_by))
    for profile in profiles.values():
        profile.facts[:] = [next(signed_facts) for _ in profile.facts]
        profile.interactions[:] = [next(signed_talks) for _ in profile.interactions]
    return profiles
