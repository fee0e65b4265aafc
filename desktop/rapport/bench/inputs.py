"""What ``rapport bench`` times its operations on: varied inputs drawn from the book itself.

A benchmark that repeats one query measures a cache. These inputs change on every
repetition and come from the book being measured, so they match what is really there:
search queries made of clients' and people's names, interests, companies, word prefixes
and two-word combinations; clients picked at random (a few hundred notes or a handful);
and meeting notes written from templates about real clients, their children and their
interests, with the dates, promises and messages quick capture understands. Everything
is drawn from one ``random.Random(seed)``: the same book and seed give the same inputs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from rapport.services.convert import tuples
from rapport.store import models as m

# Templates of meeting notes. {client} a full name, {first} their first name, {company},
# {kid}/{age}/{relation} one of their people, {interest} a tag they care about,
# {day} a weekday, {month}/{date} a date, {other} another client's full name.
NOTES = (
    "Lunch w/ {client} ({company}). {relation_cap} {kid}, {age}, plays {interest}. "
    "Promised revised proposal by {day}.",
    "Call with {first}. Wants pricing for the renewal by next {day}; I said I'd send it.",
    "Met {client} at the {interest} fundraiser. {relation_cap} {kid} starts college in the "
    "fall. Follow up in two weeks.",
    "{first} left a voicemail about the contract, call back tomorrow.",
    "Coffee with {client} of {company}. Loves {interest}. {kid}'s birthday is {month} {date}. "
    "Send the case study by Friday.",
    "Email from {client}: asks for the onboarding checklist. Reply by end of day.",
    "Quick note: {other} introduced me to {client}. Thank {other_first} and send {first} "
    "our deck this week.",
    "Meeting with {first} and their team at {company}. Budget approved for Q{quarter}. "
    "{relation_cap} {kid} is into {interest}. Will send the timeline on {day}.",
    "Dinner with {client}. Just back from a {interest} trip; {relation} {kid} turned {age} "
    "last week. Promised to introduce them to a good accountant.",
    "Texted {first} about the {month} workshop. Needs the invoice resent; do it {day}.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "next Monday", "next week")
MONTHS = ("January", "March", "April", "June", "September", "October", "December")
FALLBACK_INTERESTS = ("golf", "baseball", "wine", "fly fishing", "sailing", "chess")


@dataclass(frozen=True)
class BenchInputs:
    queries: list[str]
    client_ids: list[int]
    notes: list[str]
    note_clients: dict[str, int]  # whom each note is about (when it names nobody clearly)
    largest_client: int | None  # the client with the most conversations


def _client_sample(rng: random.Random, count: int) -> list[tuple[int, str, str]]:
    ids = [cid for (cid,) in tuples(m.Client.select(m.Client.id))]
    chosen = rng.sample(ids, min(count, len(ids)))
    rows = {
        cid: (cid, name, company)
        for cid, name, company in tuples(
            m.Client.select(m.Client.id, m.Client.name, m.Client.company).where(
                m.Client.id.in_(chosen)
            )
        )
    }
    return [rows[cid] for cid in chosen if cid in rows]


def _people_of(client_ids: list[int]) -> dict[int, list[tuple[str, str, int | None]]]:
    out: dict[int, list[tuple[str, str, int | None]]] = {}
    query = tuples(
        m.Person.select(m.Person.client, m.Person.name, m.Person.relation, m.Person.age).where(
            m.Person.client.in_(client_ids), m.Person.name.is_null(False)
        )
    )
    for client_id, name, relation, age in query:
        out.setdefault(client_id, []).append((name, relation, age))
    return out


def _interests_of(client_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    query = tuples(
        m.Fact.select(m.Fact.client, m.Fact.tags).where(
            m.Fact.client.in_(client_ids), m.Fact.category == "interest"
        )
    )
    for client_id, tags in query:
        tag_list = m.Fact.tags.python_value(tags) if isinstance(tags, str) else tags
        out.setdefault(client_id, []).extend(tag_list or [])
    return out


def _largest_client() -> int | None:
    from peewee import fn

    row = (
        m.Interaction.select(m.Interaction.client, fn.COUNT(m.Interaction.id).alias("n"))
        .group_by(m.Interaction.client)
        .order_by(fn.COUNT(m.Interaction.id).desc())
        .limit(1)
        .tuples()
        .first()
    )
    return int(row[0]) if row else None


def _queries(
    rng: random.Random,
    clients: list[tuple[int, str, str]],
    people: dict[int, list[tuple[str, str, int | None]]],
    interests: dict[int, list[str]],
    count: int,
) -> list[str]:
    """Names, name prefixes, interests, companies and two-word queries, shuffled."""
    tags = sorted({tag for found in interests.values() for tag in found}) or list(
        FALLBACK_INTERESTS
    )
    out: list[str] = []
    for cid, name, company in clients:
        words = name.replace(".", "").split()
        first, last = words[0], words[-1]
        kids = [p for p in people.get(cid, []) if p[1] in ("son", "daughter")]
        tag = rng.choice(interests.get(cid) or tags)
        shapes = [
            name,  # a full name
            first.lower(),  # a first name, as typed
            last[: rng.randint(3, max(3, len(last)))].lower(),  # a last name being typed
            f"{first} {last[:3]}".lower(),  # two words, the second unfinished
            tag,  # an interest
            tag[: max(3, len(tag) - 2)],  # an interest being typed
            company.split()[-1].lower() if company else tag,  # a company word
        ]
        if kids:
            kid = rng.choice(kids)[0]
            shapes.append(f"{kid} {tag.split()[0][:5]}".lower())  # "jake basebal"
        out.append(rng.choice(shapes))
    while len(out) < count and out:
        out.append(rng.choice(out))
    rng.shuffle(out)
    return out[:count]


def _notes(
    rng: random.Random,
    clients: list[tuple[int, str, str]],
    people: dict[int, list[tuple[str, str, int | None]]],
    interests: dict[int, list[str]],
    count: int,
) -> dict[str, int]:
    notes: dict[str, int] = {}
    for index in range(count):
        cid, name, company = clients[index % len(clients)]
        _oid, other, _oc = clients[(index * 7 + 3) % len(clients)]
        kids = [p for p in people.get(cid, []) if p[1] in ("son", "daughter")] or [
            ("Sam", "son", 12)
        ]
        kid, relation, age = rng.choice(kids)
        values = {
            "client": name,
            "first": name.split()[0],
            "company": company or "their company",
            "kid": kid,
            "relation": relation,
            "relation_cap": relation.capitalize(),
            "age": age if age is not None else rng.randint(6, 17),
            "interest": rng.choice(interests.get(cid) or list(FALLBACK_INTERESTS)),
            "day": rng.choice(WEEKDAYS),
            "month": rng.choice(MONTHS),
            "date": rng.randint(1, 28),
            "other": other,
            "other_first": other.split()[0],
            "quarter": rng.randint(1, 4),
        }
        notes[NOTES[index % len(NOTES)].format_map(values)] = cid
    return notes


def make_inputs(count: int, seed: int = 1) -> BenchInputs:
    """``count`` queries, clients and notes (at least; inputs repeat on a tiny book)."""
    rng = random.Random(seed)
    clients = _client_sample(rng, count)
    if not clients:
        return BenchInputs([], [], [], {}, None)
    ids = [cid for cid, _n, _c in clients]
    people = _people_of(ids)
    interests = _interests_of(ids)
    notes = _notes(rng, clients, people, interests, count)
    client_ids = [rng.choice(ids) for _ in range(count)] if len(ids) < count else list(ids)
    return BenchInputs(
        queries=_queries(rng, clients, people, interests, count),
        client_ids=client_ids[:count],
        notes=list(notes),
        note_clients=notes,
        largest_client=_largest_client(),
    )
