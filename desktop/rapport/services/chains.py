"""What finishing (or reopening) a task means for the record it came from.

A reply task belongs to an inbound message, an introduction's tasks to its chain (thank the
referrer, email the lead, call the lead). Marking the task done from anywhere (Today, the
profile, ``rapport done``) must move the chain along, and reopening it must move it back,
so the two never disagree. Called inside the task's write transaction.
"""

from __future__ import annotations

from datetime import datetime

from rapport.store import models as m

# Which stamp of an introduction each of its task kinds sets.
INTRO_STAMP = {"thank_referrer": "thanked_at", "introduction": "contacted_at", "call": "called_at"}


def task_done(row: m.Task) -> None:
    if row.inbound_id is not None:
        m.Inbound.update(answered_at=row.done_at).where(
            m.Inbound.id == row.inbound_id, m.Inbound.answered_at.is_null()
        ).execute()
    stamp = INTRO_STAMP.get(row.kind)
    if row.introduction_id is not None and stamp is not None:
        field = getattr(m.Introduction, stamp)
        changed = (
            m.Introduction.update({field: row.done_at})
            .where(m.Introduction.id == row.introduction_id, field.is_null())
            .execute()
        )
        if changed and row.done_at is not None:
            log_lead_contact(row.introduction_id, stamp, row.done_at)


def log_lead_contact(intro_id: int, stamp: str, when: datetime) -> None:
    """Emailing or calling a lead is the first contact: it goes into the lead's history."""
    from rapport.services.interactions import add_interaction

    kind = {"contacted_at": "email", "called_at": "call"}.get(stamp)
    intro = m.Introduction.get_or_none(m.Introduction.id == intro_id)
    if kind is None or intro is None:
        return
    referrer = intro.referrer.name if intro.referrer is not None else intro.referrer_name
    by = f" ({referrer}'s introduction)" if referrer else ""
    title = f"Introduction {kind}{by}" if kind == "email" else f"Follow-up call{by}"
    add_interaction(intro.lead_id, kind, when, title=title)


def task_reopened(row: m.Task) -> None:
    if row.inbound_id is not None:
        m.Inbound.update(answered_at=None).where(m.Inbound.id == row.inbound_id).execute()
    stamp = INTRO_STAMP.get(row.kind)
    if row.introduction_id is not None and stamp is not None:
        field = getattr(m.Introduction, stamp)
        m.Introduction.update({field: None}).where(
            m.Introduction.id == row.introduction_id
        ).execute()
