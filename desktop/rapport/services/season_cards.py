"""A season's cards: pick the clients, draft a card for each, log the ones sent.

Picking: all active clients, the ones a search finds (every word in the name or the
company, as the client list filters), the ones whose birthday is this month, the ones met
(a meeting or a call) this quarter, or a hand selection. Drafting reads what each card
needs in a few queries per hundred clients (facts, people, last meeting, cards already
sent) and leaves the wording to core/season_cards.py; it reports progress and can be
cancelled, so the window runs it in its worker. Logging the cards that went out is one
transaction: each client gets a sent Card of the occasion and a "Holiday card sent"
conversation of kind ``card`` with the card's text, as a single thank-you card does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache

from rapport import clock, resources
from rapport.core import records as r
from rapport.core import season_cards as core
from rapport.core.cards import DEFAULT_SIZE
from rapport.services import convert, indexing
from rapport.services.cards import signature, templates
from rapport.services.client_list import ClientQuery
from rapport.services.errors import ValidationError
from rapport.services.gifts import taxonomy
from rapport.services.interactions import refresh_last_contact
from rapport.store import models as m
from rapport.store.db import contains, transaction


class CancelledError(Exception):
    """The user stopped the drafting (raised from the progress callback)."""


PICKS = ("all", "search", "birthday_month", "met_quarter", "chosen")
PICK_LABELS = {
    "all": "All active clients",
    "search": "Clients matching a search",
    "birthday_month": "Birthday this month",
    "met_quarter": "Met this quarter",
    "chosen": "Chosen by hand",
}
_CHUNK = 400  # ids per IN (...) list, well under SQLite's variable limit


@cache
def wording() -> core.SeasonWording:
    text = resources.path("season_cards.json").read_text("utf-8")
    return core.parse_wording(json.loads(text))


@dataclass(frozen=True, slots=True)
class Pickable:
    """A client the batch can include."""

    id: int
    name: str
    company: str


def _active() -> object:
    return m.Client.archived_at.is_null()


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def pick_clients(how: str, query: str = "", chosen: Sequence[int] = ()) -> list[Pickable]:
    """The active clients a batch is for, by name."""
    if how not in PICKS:
        raise ValidationError(f"unknown choice of clients {how!r} (choices: {', '.join(PICKS)})")
    today = clock.today()
    select = m.Client.select(m.Client.id, m.Client.name, m.Client.company).where(_active())
    if how == "search":
        if not query.strip():
            raise ValidationError("type a few letters of a name or a company to search for")
        for word in ClientQuery(text=query).words:  # as the client list filters
            select = select.where(
                contains(m.Client.name_key, word)
                | contains(m.Client.company, word, fold_column=True)
            )
    elif how == "birthday_month":
        born = m.ImportantDate.select(m.ImportantDate.client).where(
            m.ImportantDate.person.is_null(),
            m.ImportantDate.label ** "birthday",
            m.ImportantDate.month == today.month,
        )
        select = select.where(m.Client.id.in_(born))
    elif how == "met_quarter":
        since = datetime.combine(quarter_start(today), time.min)
        met = m.Interaction.select(m.Interaction.client).where(
            m.Interaction.kind.in_(core.MEMORABLE), m.Interaction.happened_at >= since
        )
        select = select.where(m.Client.id.in_(met))
    elif how == "chosen":
        ids = list(dict.fromkeys(int(i) for i in chosen))
        found: list[Pickable] = []
        for start in range(0, len(ids), _CHUNK):
            part = select.where(m.Client.id.in_(ids[start : start + _CHUNK]))
            found += [Pickable(*row) for row in convert.tuples(part)]
        return sorted(found, key=lambda p: (p.name.casefold(), p.id))
    rows = convert.tuples(select.order_by(m.Client.name_key, m.Client.id))
    return [Pickable(*row) for row in rows]


def _year_start(today: date) -> datetime:
    return datetime.combine(date(today.year, 1, 1), time.min)


def sent_this_year(client_ids: Sequence[int], occasion: str) -> set[int]:
    """The clients who already got a card for ``occasion`` this calendar year."""
    occasion = core.check_season(occasion)
    since = _year_start(clock.today())
    sent: set[int] = set()
    for start in range(0, len(client_ids), _CHUNK):
        ids = list(client_ids[start : start + _CHUNK])
        sent |= {
            cid
            for (cid,) in convert.tuples(
                m.Card.select(m.Card.client).where(
                    m.Card.client.in_(ids), m.Card.occasion == occasion, m.Card.sent_at >= since
                )
            )
        }
    return sent


def subjects(
    client_ids: Sequence[int],
    occasion: str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[core.CardSubject]:
    """What each card can use, in the order of ``client_ids`` (unknown ids skipped);
    CancelledError as soon as ``cancelled`` says so."""
    occasion = core.check_season(occasion)
    ids = list(dict.fromkeys(int(i) for i in client_ids))
    out: dict[int, core.CardSubject] = {}
    for start in range(0, len(ids), _CHUNK):
        if cancelled is not None and cancelled():
            raise CancelledError
        part = ids[start : start + _CHUNK]
        rows = {
            row.id: convert.client(row) for row in m.Client.select().where(m.Client.id.in_(part))
        }
        facts: dict[int, list[r.Fact]] = {}
        for fact in m.Fact.select().where(m.Fact.client.in_(part)).order_by(m.Fact.id):
            facts.setdefault(fact.client_id, []).append(convert.fact(fact))
        people: dict[int, list[r.Person]] = {}
        for person in m.Person.select().where(m.Person.client.in_(part)).order_by(m.Person.id):
            people.setdefault(person.client_id, []).append(convert.person(person))
        talks: dict[int, r.Interaction] = {}
        for talk in (
            m.Interaction.select()
            .where(m.Interaction.client.in_(part), m.Interaction.kind.in_(core.MEMORABLE))
            .order_by(m.Interaction.happened_at, m.Interaction.id)
        ):
            talks[talk.client_id] = convert.interaction(talk)  # the latest stays
        sent = sent_this_year(part, occasion)
        for cid in part:
            client = rows.get(cid)
            if client is None:
                continue
            out[cid] = core.CardSubject(
                client,
                tuple(facts.get(cid, ())),
                tuple(people.get(cid, ())),
                talks.get(cid),
                cid in sent,
            )
        if progress is not None:
            progress(min(start + len(part), len(ids)), len(ids) * 2)
    return [out[cid] for cid in ids if cid in out]


def draft_cards(
    client_ids: Sequence[int],
    occasion: str,
    signed: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[core.SeasonCard]:
    """A card for each client, in order: reading first (half the progress), then wording."""
    occasion = core.check_season(occasion)
    found = subjects(client_ids, occasion, progress, cancelled)
    total = len(found)

    def wrote(done: int, _total: int) -> None:
        if progress is not None:
            progress(total + done, total * 2)
        if cancelled is not None and cancelled():
            raise CancelledError

    return core.draft_batch(
        found,
        occasion,
        clock.today(),
        wording(),
        templates(),
        taxonomy(),
        signature() if signed is None else signed,
        wrote,
    )


@dataclass(frozen=True, slots=True)
class SentCard:
    """A card of the batch as it went out (the text as the user left it)."""

    client_id: int
    text: str


def log_sent(
    cards: Sequence[SentCard], occasion: str, card_size: str = DEFAULT_SIZE
) -> list[r.Card]:
    """The batch went out: each client's history shows "Holiday card sent" with the text.
    One transaction for the whole batch: all are logged or none."""
    occasion = core.check_season(occasion)
    title = core_title(occasion)
    stamp = clock.now()
    made: list[r.Card] = []
    with transaction():
        known = set()
        ids = [card.client_id for card in cards]
        for start in range(0, len(ids), _CHUNK):
            part = ids[start : start + _CHUNK]
            known |= {
                cid
                for (cid,) in convert.tuples(
                    m.Client.select(m.Client.id).where(m.Client.id.in_(part))
                )
            }
        for card in cards:
            if card.client_id not in known:
                raise ValidationError(f"no client with id {card.client_id}")
            if not card.text.strip():
                raise ValidationError("a card of the batch is empty")
            logged = m.Interaction.create(
                client=card.client_id,
                kind="card",
                happened_at=stamp,
                title=title,
                raw_text=card.text,
                key_points=[],
                thanked_at=stamp,
                created_at=stamp,
            )
            indexing.interaction(logged)
            row = m.Card.create(
                client=card.client_id,
                interaction=None,
                occasion=occasion,
                body=card.text,
                card_size=card_size,
                created_at=stamp,
                sent_at=stamp,
            )
            made.append(convert.card(row))
        for cid in dict.fromkeys(ids):
            refresh_last_contact(cid)
    return made


def core_title(occasion: str) -> str:
    """What the history says for a card of ``occasion``: "Holiday card sent"."""
    return wording().logged(core.check_season(occasion))
