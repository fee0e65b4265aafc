"""What the understanding of a note gives back: frozen dataclasses, each item with its span.

``pipeline.understand`` returns an ``Understanding``; services and the command line turn it
into the JSON of ``docs/capture-json.md`` (``services/capture_json.py``), so the contract's
field names and null-or-absent rules live at that edge and nowhere in the rules.

A ``span`` is ``(start, end)``: where in the note (after control characters are cleaned)
the item was read, for the capture window to underline it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "Candidate",
    "ClientFound",
    "Contact",
    "Fact",
    "Inbound",
    "Introduction",
    "Person",
    "Suggestion",
    "Task",
    "Understanding",
    "YearlyDay",
]

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A client of the book the note may mean, with how close the match was (0..1)."""

    id: int
    name: str
    company: str
    score: float


@dataclass(frozen=True, slots=True)
class ClientFound:
    """Whom the note is about. ``match`` is None when no book was given to match against
    (then ``id`` is None and there are no candidates); otherwise how the book matched:
    exact, close, first_name, company or new."""

    name: str | None
    company: str
    id: int | None
    span: Span | None
    match: str | None = None
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    """One of the client's family, pets and close relations."""

    name: str | None
    relation: str
    age: int | None
    span: Span


@dataclass(frozen=True, slots=True)
class Contact:
    """One of the client's work contacts ("her assistant Kim"): not family."""

    name: str
    role: str  # a key of resources/work_roles.json: assistant, cfo, office manager...
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Fact:
    """A personal detail worth remembering; ``about`` None is the client."""

    text: str
    category: str
    about: str | None
    tags: tuple[str, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class YearlyDay:
    """A day to remember every year (birthday, anniversary)."""

    label: str
    about: str | None
    month: int
    day: int
    span: Span


@dataclass(frozen=True, slots=True)
class Task:
    """Something the user must do; ``promised`` when the user said they would."""

    title: str
    due: date | None
    kind: str
    promised: bool
    span: Span


@dataclass(frozen=True, slots=True)
class Introduction:
    """Someone the user was introduced to (``name``) and by whom (None: not said)."""

    name: str
    referrer: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Inbound:
    """A message that waits for the user's answer; ``sender`` None when not said."""

    channel: str
    sender: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the app proposes on its own (thanks, a gift, a check-in); never a task.
    A gift idea carries the interest ``tags`` it hangs on and whom it is ``for``."""

    title: str
    due: date | None
    kind: str
    tags: tuple[str, ...] | None = None
    gift_for: str | None = None


@dataclass(frozen=True, slots=True)
class Understanding:
    """Everything one note says, in the order of ``docs/capture-json.md``."""

    client: ClientFound | None
    people: tuple[Person, ...]
    contacts: tuple[Contact, ...]
    facts: tuple[Fact, ...]
    dates: tuple[YearlyDay, ...]
    tasks: tuple[Task, ...]
    introductions: tuple[Introduction, ...]
    inbound: Inbound | None
    key_points: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]
    kind: str  # meeting, call, email, text, voicemail, note
    truncated: bool  # only the first MAX_CHARS characters were read
