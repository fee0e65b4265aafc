"""Thank-you notes: draft one from what the book knows, save it, mark it sent.

Marking a card sent closes what it answered: the conversation's ``thanked_at`` (the
Today view's "thank-you to write" item) and, for thanks for a referral, the introduction's
``thanked_at``. It also logs a conversation of kind ``card`` with the card's text, so the
history shows the note went out and search finds what it said.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache

from rapport import clock, resources
from rapport.core import cards as card_sizes
from rapport.core import notes as core
from rapport.core import records as r
from rapport.services import convert, indexing, settings
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.gifts import taxonomy
from rapport.services.interactions import refresh_last_contact
from rapport.services.undo import Snapshot
from rapport.services.validate import one_of, required_text
from rapport.store import models as m
from rapport.store.db import transaction

# The conversations a thank-you can be about (a gift we gave or a card we sent is not).
CONVERSATION_KINDS = ("meeting", "call", "email", "voicemail", "text", "note")


@cache
def templates() -> core.NoteTemplates:
    text = resources.path("note_templates.json").read_text("utf-8")
    return core.parse_templates(json.loads(text))


def signature() -> str:
    """How the user signs: the signature setting, else their name."""
    return str(settings.get("signature") or settings.get("user_name") or "").strip()


def _interaction(client_id: int, interaction_id: int | None) -> m.Interaction | None:
    if interaction_id is not None:
        row = m.Interaction.get_or_none(m.Interaction.id == interaction_id)
        if row is None or row.client_id != client_id:
            raise NotFoundError(f"no conversation {interaction_id} with this client")
        return row
    recent = list(
        m.Interaction.select()
        .where(m.Interaction.client == client_id, m.Interaction.kind.in_(CONVERSATION_KINDS))
        .order_by(m.Interaction.happened_at.desc(), m.Interaction.id.desc())
        .limit(5)
    )
    # The last conversation; only when it says nothing at all (a bare logged call) does a
    # slightly older one with key points give the note something to restate.
    if recent and (recent[0].key_points or recent[0].raw_text.strip()):
        return recent[0]
    with_points = [row for row in recent[:3] if row.key_points]
    return with_points[0] if with_points else (recent[0] if recent else None)


def conversations(client_id: int, limit: int = 20) -> list[r.Interaction]:
    """Recent conversations a note can be about, newest first."""
    query = (
        m.Interaction.select()
        .where(m.Interaction.client == client_id, m.Interaction.kind.in_(CONVERSATION_KINDS))
        .order_by(m.Interaction.happened_at.desc(), m.Interaction.id.desc())
        .limit(limit)
    )
    return [convert.interaction(row) for row in query]


def _lead_for(client_id: int) -> str | None:
    """Who this client introduced most recently (thanks for a referral)."""
    intro = (
        m.Introduction.select()
        .where(m.Introduction.referrer == client_id)
        .order_by(
            m.Introduction.thanked_at.is_null(False),
            m.Introduction.introduced_on.desc(),
            m.Introduction.id.desc(),
        )
        .first()
    )
    if intro is None:
        return None
    lead = m.Client.get_or_none(m.Client.id == intro.lead_id)
    return lead.name if lead else None


def draft_note(
    client_id: int,
    occasion: str = "after_meeting",
    interaction_id: int | None = None,
    lead: str | None = None,
    gift: str | None = None,
    news: str | None = None,
    signed: str | None = None,
) -> core.NoteDraft:
    """The draft for a client: the last conversation (or the one given), their facts;
    signed with ``signed`` (the note window's field as typed) or the saved signature."""
    one_of(occasion, card_sizes.OCCASIONS, "The note's occasion")
    client_row = m.Client.get_or_none(m.Client.id == client_id)
    if client_row is None:
        raise NotFoundError(f"no client with id {client_id}")
    interaction = _interaction(client_id, interaction_id)
    people = [convert.person(p) for p in m.Person.select().where(m.Person.client == client_id)]
    facts = [convert.fact(f) for f in m.Fact.select().where(m.Fact.client == client_id)]
    if occasion == "referral_thanks" and lead is None:
        lead = _lead_for(client_id)
    return core.compose(
        templates(),
        taxonomy(),
        convert.client(client_row),
        occasion,
        clock.today(),
        interaction=convert.interaction(interaction) if interaction else None,
        facts=facts,
        people=people,
        signature=signature() if signed is None else signed,
        lead=lead,
        gift=gift,
        news=news,
    )


def _card(card_id: int) -> m.Card:
    row = m.Card.get_or_none(m.Card.id == card_id)
    if row is None:
        raise NotFoundError(f"no card with id {card_id}")
    return row


def save_card(
    client_id: int,
    body: str,
    occasion: str = "after_meeting",
    card_size: str = card_sizes.DEFAULT_SIZE,
    interaction_id: int | None = None,
    card_id: int | None = None,
) -> r.Card:
    """Save the user's text (a new card, or changes to an unsent one)."""
    body = required_text(body, "The note")
    one_of(occasion, card_sizes.OCCASIONS, "The note's occasion")
    try:
        size = card_sizes.card_size(card_size).key
    except card_sizes.CardSizeError as exc:
        raise ValidationError(str(exc)) from None
    with transaction():
        if m.Client.get_or_none(m.Client.id == client_id) is None:
            raise NotFoundError(f"no client with id {client_id}")
        if interaction_id is not None:
            _interaction(client_id, interaction_id)
        if card_id is None:
            row = m.Card.create(
                client=client_id,
                interaction=interaction_id,
                occasion=occasion,
                body=body,
                card_size=size,
                created_at=clock.now(),
            )
        else:
            row = _card(card_id)
            if row.client_id != client_id:
                raise ValidationError("that card belongs to another client")
            if row.sent_at is not None:
                raise ValidationError("this card was already sent; start a new one")
            row.body, row.occasion, row.card_size = body, occasion, size
            row.interaction_id = interaction_id
            row.save()
    return convert.card(row)


def mark_sent(card_id: int, when: datetime | None = None) -> r.Card:
    """The card went out: close the thank-you it answers and log it in the history."""
    with transaction():
        row = _card(card_id)
        if row.sent_at is not None:
            raise ValidationError("this card is already marked sent")
        stamp = when or clock.now()
        row.sent_at = stamp
        row.save()
        if row.interaction_id is not None:
            m.Interaction.update(thanked_at=stamp).where(
                m.Interaction.id == row.interaction_id, m.Interaction.thanked_at.is_null()
            ).execute()
        if row.occasion == "referral_thanks":
            intro = (
                m.Introduction.select()
                .where(
                    m.Introduction.referrer == row.client_id, m.Introduction.thanked_at.is_null()
                )
                .order_by(m.Introduction.introduced_on.desc(), m.Introduction.id.desc())
                .first()
            )
            if intro is not None:
                intro.thanked_at = stamp
                intro.save()
                # The card is the thank-you: its "Thank X for the introduction" task is done
                # too, or Today keeps asking for a note that already went out.
                from rapport.services.introductions import finish_tasks

                finish_tasks(intro.id, ("thank_referrer",), stamp)
        label = templates().label(row.occasion)
        logged = m.Interaction.create(
            client=row.client_id,
            kind="card",
            happened_at=stamp,
            title=f"Card sent: {label.lower()}",
            raw_text=row.body,
            key_points=[],
            thanked_at=stamp,
            created_at=clock.now(),
        )
        indexing.interaction(logged)
        refresh_last_contact(row.client_id)
    return convert.card(row)


def list_cards(client_id: int) -> list[r.Card]:
    query = m.Card.select().where(m.Card.client == client_id).order_by(m.Card.id.desc())
    return [convert.card(row) for row in query]


def unsent_card(client_id: int, interaction_id: int | None) -> r.Card | None:
    """The draft the user saved and has not sent yet, to pick up where they left off."""
    query = m.Card.select().where(m.Card.client == client_id, m.Card.sent_at.is_null())
    query = query.where(
        m.Card.interaction.is_null()
        if interaction_id is None
        else m.Card.interaction == interaction_id
    )
    row = query.order_by(m.Card.id.desc()).first()
    return convert.card(row) if row else None


def delete_card(card_id: int) -> Snapshot:
    with transaction():
        row = _card(card_id)
        snap = Snapshot(label="card")
        snap.add([row])
        row.delete_instance()
    return snap
