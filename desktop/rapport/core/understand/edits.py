"""The user's fixes to an understood note, kept while the note is still being typed.

The capture window understands the note again at every pause in typing, and every item
of the understanding is rebuilt each time. So the fixes the user makes on the chips
(remove a wrong fact, change a due date or a relation, tick a suggestion, choose the
client) live here, apart from the understanding, and are applied to each fresh one.

The rule: an edit belongs to an item, recognised by its kind and its words, not by where
it sits in the note:

- a person by name (by relation when the note gives no name): ``("people", "jake")``;
- a fact or a key point by its text, a task or a suggestion by its title, a date by its
  label and whom it is about, an introduction by the name introduced, the message
  awaiting reply by its channel.

An edit therefore follows its item while the user types anywhere else. Rewriting the
words the item came from makes a different item, which appears without the edit (a
removed fact whose sentence is rewritten comes back: it says something new). The client
the user chose holds for the whole note, whatever the text says later, until the user
chooses again. Suggestions start ticked for the thank-you note after a meeting and
unticked otherwise; a tick or untick by the user is kept like any other edit.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from rapport.core.names import fold

__all__ = ["GROUPS", "CaptureEdits", "apply_edits", "item_key"]

# Kinds of items, in the order the window shows them (the client comes first, alone).
GROUPS = (
    "people",
    "contacts",
    "facts",
    "dates",
    "tasks",
    "inbound",
    "introductions",
    "key_points",
    "suggestions",
)

Key = tuple[str, str]


def _words(value: Any) -> str:
    return fold(str(value or "")).rstrip(" .;,:!")


def item_key(group: str, item: Any) -> str:
    """What identifies ``item`` of ``group`` across re-understandings of the same note."""
    if group == "key_points":
        return _words(item)
    if not isinstance(item, dict):
        return _words(item)
    if group == "people":
        return _words(item.get("name")) or "=" + _words(item.get("relation"))
    if group == "contacts":
        return _words(item.get("name"))
    if group == "facts":
        return _words(item.get("text"))
    if group in ("tasks", "suggestions"):
        return _words(item.get("title"))
    if group == "dates":
        return f"{_words(item.get('label'))}|{_words(item.get('about'))}"
    if group == "introductions":
        return _words(item.get("name"))
    if group == "inbound":
        return _words(item.get("channel"))
    return _words(item)


@dataclass
class CaptureEdits:
    """Everything the user changed on the chips of one note."""

    removed: set[Key] = field(default_factory=set)
    changed: dict[Key, dict[str, Any]] = field(default_factory=dict)
    ticked: dict[str, bool] = field(default_factory=dict)  # suggestion key -> ticked
    client: dict[str, Any] | None = None  # {"id", "name", "company"}; None: as understood

    def remove(self, group: str, item: Any) -> None:
        self.removed.add((group, item_key(group, item)))

    def is_removed(self, group: str, item: Any) -> bool:
        return (group, item_key(group, item)) in self.removed

    def change(self, group: str, item: Any, **fields: Any) -> None:
        self.changed.setdefault((group, item_key(group, item)), {}).update(fields)

    def tick(self, suggestion: dict[str, Any], on: bool) -> None:
        self.ticked[item_key("suggestions", suggestion)] = bool(on)

    def is_ticked(self, suggestion: dict[str, Any]) -> bool:
        default = suggestion.get("kind") == "thank_you"
        return self.ticked.get(item_key("suggestions", suggestion), default)

    def choose_client(self, client: dict[str, Any] | None) -> None:
        """The client the note is about, as the user chose it (None: as understood)."""
        if client is None:
            self.client = None
            return
        cid = client.get("id")
        self.client = {
            "id": int(cid) if cid is not None else None,
            "name": " ".join(str(client.get("name") or "").split()),
            "company": " ".join(str(client.get("company") or "").split()),
        }

    def clear(self) -> None:
        self.removed.clear()
        self.changed.clear()
        self.ticked.clear()
        self.client = None

    @property
    def empty(self) -> bool:
        return not (self.removed or self.changed or self.ticked or self.client)


def apply_edits(understanding: dict[str, Any], edits: CaptureEdits) -> dict[str, Any]:
    """A copy of ``understanding`` with the user's edits applied (the input is untouched).

    Items removed are left out, changed fields replace the understood ones, and the
    chosen client replaces the understood one (its candidates are kept for the picker).
    Suggestions are all kept: which are accepted is ``accepted_suggestions``.
    """
    out = copy.deepcopy(understanding)
    if edits.client is not None:
        found = understanding.get("client") or {}
        out["client"] = {
            **edits.client,
            "match": "chosen",
            "candidates": copy.deepcopy(found.get("candidates") or []),
        }
    for group in GROUPS:
        value = out.get(group)
        if group == "inbound":
            if value is None:
                continue
            if (group, item_key(group, value)) in edits.removed:
                out[group] = None
            else:
                value.update(edits.changed.get((group, item_key(group, value)), {}))
            continue
        if group == "suggestions" or not isinstance(value, list):
            continue
        kept = []
        for item in value:
            key = (group, item_key(group, item))
            if key in edits.removed:
                continue
            if isinstance(item, dict):
                item.update(edits.changed.get(key, {}))
            kept.append(item)
        out[group] = kept
    return out


def accepted_suggestions(understanding: dict[str, Any], edits: CaptureEdits) -> list[int]:
    """Indexes of the suggestions that will become tasks (or keep the thank-you owed)."""
    return [
        index
        for index, suggestion in enumerate(understanding.get("suggestions") or [])
        if isinstance(suggestion, dict) and edits.is_ticked(suggestion)
    ]
