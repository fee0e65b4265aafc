"""A client's last contact, derived from their conversations and refreshed in each write.

Below both services/interactions.py (which saves conversations) and services/undo.py
(which restores them), so that neither imports the other to keep it right.
"""

from __future__ import annotations

from rapport.core import records as r
from rapport.store import sql

# Kinds that are contact with the client: they reset the keep-in-touch clock.
# A private note is not contact.
CONTACT_KINDS = tuple(kind for kind in r.INTERACTION_KINDS if kind != "note")


def refresh_last_contact(client_id: int) -> None:
    """Recompute the client's last contact from their conversations (inside a write)."""
    sql.refresh_last_contact(client_id, CONTACT_KINDS)
