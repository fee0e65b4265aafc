"""The user's tasks read against the zones of a pasted text (``understand/zones.py``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapport.core.understand.mentions import first_names
from rapport.core.understand.text import LazyRegex

if TYPE_CHECKING:
    from rapport.core.understand.tasks.model import TaskFound
    from rapport.core.understand.zones import Zones

__all__ = ["not_groups_steps", "others_items", "outside_zones"]


def outside_zones(tasks: list[TaskFound], zones: Zones) -> list[TaskFound]:
    """Family: what is said where no one speaks to the user as a to-do is none of the user's:
    what the user's own older message, quoted under the client's reply, asked of the client
    ("Please review the fee section"), a disclaimer or automated footer
    ("notify the sender and delete it"), a sign-off and signature ("Thx, Gary", a phone number
    that is no call-back), a record's value fields ("Status: In progress", "Last activity:
    Call - 3/6")."""
    tasks = not_groups_steps(tasks)
    if not zones.zones:
        return tasks
    return [t for t in tasks if not zones.silent(t.start)]


# Family: an action item given to a team, a department or the other side rather than a person
# ("Brightwater IT to provision VPN accounts", "Legal to review the MSA", "Client to send the
# W-9", "their AP team to confirm the PO"): that side's step, as "Dr. Brenner to check ..." is
_GROUP_TO_DO = LazyRegex(
    r"^(?:(?:the|their|our|your)\s+)?(?:(?-i:[A-Z][\w&'.-]*)\s+){0,2}"
    r"(?:it|ap|ar|hr|ops|legal|finance|accounting|procurement|purchasing|security|compliance|"
    r"engineering|client|customer|vendor|supplier|carrier|lender|bank|landlord|tenant|buyer|seller|"
    r"board|committee|(?:[\w&'-]+\s+)?(?:team|dept|department|office|side))\s+to\s+(?!me\b|us\b)[a-z]+",
    re.IGNORECASE,
)


def not_groups_steps(tasks: list[TaskFound]) -> list[TaskFound]:
    return [t for t in tasks if t.promised or _GROUP_TO_DO.match(t.title) is None]


# Family: an action item given to a person by name ("- Gary: sign the MSA", "2. Ada Byrne: send
# the lane volumes") in a list that names no "Me:" owner: that person's step, unless the name
# is the user's own (whom the client's mail greets, who signs the user's mail, the note's
# author); the owner's name alone is no task
_NAMED_ITEM = LazyRegex(
    r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]*(?P<name>(?-i:[A-Z])[\w'-]+)(?:[ \t]+(?-i:[A-Z])[\w'-]+)?"
    r"[ \t]*:[ \t]*$"
)


_ME_MARKED = LazyRegex(r"\b([A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)?\s*\((?:me|myself)\)")


def others_items(
    tasks: list[TaskFound], body: str, users: frozenset[str] | set[str]
) -> list[TaskFound]:
    # the user named among those present: "Sam (me)", "Sam Ortiz (me)"
    users = set(users) | {m.group(1).lower() for m in _ME_MARKED.finditer(body)}
    keep: list[TaskFound] = []
    for task in tasks:
        line = body.rfind("\n", 0, task.start) + 1
        item = _NAMED_ITEM.compiled.fullmatch(body, line, task.start)
        name = item.group("name").lower() if item is not None else ""
        if name and name in first_names() and name not in users:
            continue
        if body[task.end : task.end + 1] == ":" and _NAMED_ITEM.compiled.fullmatch(
            body, line, task.end + 1
        ):
            continue  # "- Sam Ortiz: send the SOW": the owner's name, not a to-do of its own
        keep.append(task)
    return keep
