"""A client's last contact, derived from their conversations and refreshed in each write.

Below both services/interactions.py (which saves conversations) and services/undo.py
(which restores them), so that neither imports the other to keep it right.
"""

from __future__ import annotations

from datetime import datetime

from peewee import fn

from rapport.core import records as r
from rapport.store import models as m
from rapport.store import prepared
from rapport.store.db import is_sqlite

# Kinds that are contact with the client: they reset the keep-in-touch clock.
# A private note is not contact.
CONTACT_KINDS = tuple(kind for kind in r.INTERACTION_KINDS if kind != "note")


def refresh_last_contact(client_id: int) -> None:
    """Recompute the client's last contact from their conversations (inside a write)."""
    if is_sqlite():
        # Every save of a conversation asks this: the SQL is written once, not rebuilt.
        last = m.db.execute_sql(_LAST_CONTACT, (client_id, *CONTACT_KINDS)).fetchone()[0]
        last = m.Interaction.happened_at.python_value(last)
    else:
        last = (
            m.Interaction.select(fn.MAX(m.Interaction.happened_at))
            .where(m.Interaction.client == client_id, m.Interaction.kind.in_(CONTACT_KINDS))
            .scalar()
        )
    if isinstance(last, str):
        last = datetime.fromisoformat(last)
    prepared.update(m.Client, client_id, {"last_contact_at": last})


_LAST_CONTACT = (
    'SELECT MAX("happened_at") FROM "interaction" WHERE "client_id" = ? '
    f'AND "kind" IN ({", ".join("?" * len(CONTACT_KINDS))})'
)
