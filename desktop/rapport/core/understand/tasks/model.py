"""What the task finder works with: the note around a clause (``TaskContext``) and a task
it found (``TaskFound``).

Apart from find.py (which finds the tasks), requests.py (requests made of
the user) and titles.py (the wording of a title) use them: they live here so
that none of the three imports another to name them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rapport.core.understand.dates.find import DateMention


@dataclass(slots=True)
class TaskFound:
    """A task read in the note: its title, kind, due day and place, and whether the user
    promised it."""

    title: str
    kind: str
    due: date | None
    start: int
    end: int
    promised: bool = False
    learned: bool = False  # added by the learned model (tasks/learned.py), not by a rule


@dataclass(slots=True)
class TaskContext:
    """What the task finder needs to know about the rest of the note."""

    today: date
    dates: list[DateMention]
    # first name of who "him"/"her" means at a position (the pronoun, when said, picks the gender)
    contact_before: Callable[..., str | None]
    request_before: Callable[[int], str | None]  # what "it" means: "a trial"
    referrers: set[str] = field(default_factory=set)  # lower-case first names
    leads: set[str] = field(default_factory=set)
    inbound_from: str | None = None
    quoted: list[tuple[int, int]] = field(default_factory=list)  # someone else's words
    request_due: Callable[[int], date | None] = lambda pos: None  # when "it" was asked for
    body: str = ""  # the note, for the layout around a sentence (list lines under a heading)
    author: str | None = None  # the name the user calls themself by ("Jordan to send ...")
    # the other side's messages in a pasted thread ("Tony: I'll send the logo tonight")
    turns: list[tuple[int, int]] = field(default_factory=list)
    mine: Callable[[int], bool] = lambda pos: False  # inside the user's own lines of a thread
