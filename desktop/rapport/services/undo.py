"""Deleting with undo: a deletion returns a snapshot that puts everything back.

The snapshot holds the deleted rows (with their ids, so links from elsewhere still
point at them) and the links that the deletion cleared (``SET NULL`` foreign keys), and
restoring it is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from rapport.services import indexing
from rapport.services.last_contact import refresh_last_contact
from rapport.store import models as m
from rapport.store import search
from rapport.store.db import transaction

# Parents before children, so that restoring satisfies every foreign key.
INSERT_ORDER = m.BOOK_MODELS


class Undoable(Protocol):
    """One step on the window's undo stack: a deletion (Snapshot), a saved capture..."""

    @property
    def action(self) -> str:
        """What Edit ▸ Undo names: 'delete client Bob Smith'."""
        ...

    @property
    def done(self) -> str:
        """What the status bar says once undone: 'Restored client Bob Smith.'"""
        ...

    @property
    def removed_client_ids(self) -> list[int]:
        """Clients that undoing removes (a profile showing one closes)."""
        ...

    def undo(self) -> None: ...


@dataclass
class Snapshot:
    """What a deletion removed; ``label`` says it to the user ("client Bob Smith")."""

    label: str
    rows: dict[type[m.RecordModel], list[dict[str, Any]]] = field(default_factory=dict)
    relinks: list[tuple[type[m.RecordModel], int, str, int]] = field(default_factory=list)

    def add(self, rows: Any) -> None:
        for row in rows:
            self.rows.setdefault(type(row), []).append(dict(row.__data__))

    def ids(self, model: type[m.RecordModel]) -> list[int]:
        return [row["id"] for row in self.rows.get(model, [])]

    @property
    def action(self) -> str:
        return f"delete {self.label}"

    @property
    def done(self) -> str:
        return f"Restored {self.label}."

    @property
    def removed_client_ids(self) -> list[int]:
        return []

    def undo(self) -> None:
        restore(self)


def unindex(snapshot: Snapshot) -> None:
    for model, kind in indexing.KIND_OF_MODEL.items():
        ids = snapshot.ids(model)
        if ids:
            search.unindex(kind, ids)


def restore(snapshot: Snapshot) -> None:
    """Undo the deletion that produced ``snapshot``."""
    with transaction():
        for model in INSERT_ORDER:
            rows = snapshot.rows.get(model, [])
            for start in range(0, len(rows), 200):
                model.insert_many(rows[start : start + 200]).execute()
        for model, row_id, field_name, value in snapshot.relinks:
            model.update({getattr(model, field_name): value}).where(model.id == row_id).execute()
        for model in INSERT_ORDER:
            ids = snapshot.ids(model)
            if ids and model in indexing.KIND_OF_MODEL:
                for row in model.select().where(model.id.in_(ids)):
                    indexing.any_row(row)
        # Derived columns follow the restored rows (the last contact of a client).
        for client_id in {row["client"] for row in snapshot.rows.get(m.Interaction, [])}:
            refresh_last_contact(client_id)
