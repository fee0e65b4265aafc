"""Plain records of the book: what services return and what core/ rules take.

These dataclasses are the contract between the layers. The store turns its rows into
them, core/ computes on them (due dates, ages, gift ranking, note drafts) and the window
and the command line show them. They carry no database or Qt behaviour. They are frozen
(a changed record is a new one: ``dataclasses.replace``), and built quickly
(``quick_init``): Today and the lists build thousands.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any, TypeVar

from rapport.core.postal import PostalAddress

INTERACTION_KINDS = ("meeting", "call", "email", "voicemail", "text", "note", "gift", "card")
TASK_KINDS = (
    "promise",
    "reply",
    "thank_you",
    "thank_referrer",
    "introduction",
    "follow_up",
    "gift",
    "check_in",
    "call",
    "todo",
)
INBOUND_CHANNELS = ("voicemail", "email", "text", "call")
GIFT_STATUSES = ("idea", "planned", "given")
RELATIONS = (
    "son",
    "daughter",
    "child",
    "wife",
    "husband",
    "partner",
    "mother",
    "father",
    "brother",
    "sister",
    "grandson",
    "granddaughter",
    "grandchild",
    "dog",
    "cat",
    "pet",
)
FACT_CATEGORIES = (
    "family",
    "interest",
    "preference",
    "dietary",
    "sensitive",
    "business",
    "personal",
    "other",
)


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of a record: dates become ISO strings."""
    result: dict[str, Any] = _jsonable(asdict(record))
    return result


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Give a frozen, slotted record an ``__init__`` that stores each field through its
    slot, as fast as a plain class does.

    The ``__init__`` dataclasses writes for a frozen class stores each field with
    ``object.__setattr__`` (its own ``__setattr__`` refuses): on a record of 18 fields
    that made a record cost 4.0 instead of 0.65 µs. This one calls each slot's descriptor
    directly; the arguments, their defaults and default factories are the same
    (``tests/core/test_records.py`` compares the two on every record).
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    scope: dict[str, Any] = {"_MISSING": MISSING}
    params, body = [], []
    for f in fields(cls):  # type: ignore[arg-type]
        scope[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        value = f.name
        if f.default is not MISSING:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            value = f"_factory_{f.name}() if {f.name} is _MISSING else {f.name}"
        else:
            params.append(f.name)
        body.append(f"    _set_{f.name}(self, {value})")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body or ["    pass"])
    exec(source, scope)  # (the source is made above from the field names)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = f"{cls.__name__}({', '.join(names)})"
    cls._dataclass_init = cls.__init__  # type: ignore[attr-defined]  # (compared in tests)
    setattr(cls, "__init__", init)  # noqa: B010 (mypy keeps the dataclass's signature)
    return cls


@quick_init
@dataclass(frozen=True, slots=True)
class WorkContact:
    """Someone who works with or for the client: "her assistant Kim" is Kim, assistant."""

    name: str
    role: str = ""


@quick_init
@dataclass(frozen=True, slots=True)
class Client:
    id: int
    name: str
    company: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    address: PostalAddress = field(default_factory=PostalAddress)
    how_we_met: str = ""
    referred_by_id: int | None = None
    referred_by: str | None = None
    cadence_days: int | None = None
    notes: str = ""
    last_contact_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    archived_at: datetime | None = None
    contacts: list[WorkContact] = field(default_factory=list)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@quick_init
@dataclass(frozen=True, slots=True)
class Person:
    """Someone in a client's life: family, a pet, a close relation."""

    id: int
    client_id: int
    name: str | None
    relation: str
    birthday: date | None = None
    age: int | None = None
    age_as_of: date | None = None
    notes: str = ""
    address: PostalAddress = field(default_factory=PostalAddress)

    @property
    def label(self) -> str:
        """'Jake' or, when the name is unknown, 'son'."""
        return self.name or self.relation


@quick_init
@dataclass(frozen=True, slots=True)
class Fact:
    id: int
    client_id: int
    text: str
    category: str = "personal"
    tags: list[str] = field(default_factory=list)
    person_id: int | None = None
    about: str | None = None
    source_interaction_id: int | None = None
    source_kind: str | None = None
    source_at: datetime | None = None
    created_at: datetime | None = None
    confirmed_at: datetime | None = None
    source_title: str = ""  # the source conversation's title, when it has one
    by: str | None = None  # its author's role, on a team book


@quick_init
@dataclass(frozen=True, slots=True)
class Interaction:
    id: int
    client_id: int
    kind: str
    happened_at: datetime
    title: str = ""
    raw_text: str = ""
    key_points: list[str] = field(default_factory=list)
    thanked_at: datetime | None = None
    created_at: datetime | None = None
    # What quick capture understood from raw_text when it was saved (capture-json.md).
    extracted: dict[str, Any] | None = None
    by: str | None = None  # its author's role, on a team book


@quick_init
@dataclass(frozen=True, slots=True)
class Task:
    id: int
    title: str
    kind: str = "todo"
    due: date | None = None
    status: str = "open"
    client_id: int | None = None
    client: str | None = None
    person_id: int | None = None
    interaction_id: int | None = None
    introduction_id: int | None = None
    inbound_id: int | None = None
    promised: bool = False
    notes: str = ""
    done_at: datetime | None = None
    snoozed_until: date | None = None
    late_notice_at: datetime | None = None
    created_at: datetime | None = None
    # When the user last recorded progress on it (core/followup: at-risk promises).
    progress_at: datetime | None = None

    def status_on(self, today: date) -> str:
        """open, done or snoozed (an open task whose snooze has not run out)."""
        if self.status == "done":
            return "done"
        if self.snoozed_until is not None and self.snoozed_until > today:
            return "snoozed"
        return "open"


@quick_init
@dataclass(frozen=True, slots=True)
class Inbound:
    """A message (voicemail, email, text, missed call) that awaits the user's answer."""

    id: int
    client_id: int
    channel: str
    received_at: datetime
    client: str | None = None
    summary: str = ""
    answered_at: datetime | None = None
    interaction_id: int | None = None
    task_id: int | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Introduction:
    id: int
    lead_id: int
    lead: str
    referrer_id: int | None = None
    referrer: str | None = None
    note: str = ""
    introduced_on: date | None = None
    thanked_at: datetime | None = None
    contacted_at: datetime | None = None
    lead_answered_at: datetime | None = None
    called_at: datetime | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Gift:
    id: int
    client_id: int
    title: str
    status: str = "given"
    person_id: int | None = None
    for_name: str | None = None
    occasion: str = ""
    given_on: date | None = None
    cost_cents: int | None = None
    reaction: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    interaction_id: int | None = None  # the history entry of a given gift


@quick_init
@dataclass(frozen=True, slots=True)
class ImportantDate:
    """A date to remember every year: a birthday, an anniversary."""

    id: int
    client_id: int
    label: str
    month: int
    day: int
    year: int | None = None
    person_id: int | None = None
    about: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Card:
    """A thank-you (or other) note drafted for a client, and whether it was sent."""

    id: int
    client_id: int
    occasion: str
    body: str
    card_size: str = "a2"
    interaction_id: int | None = None
    created_at: datetime | None = None
    sent_at: datetime | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the profile pane shows about one client, fetched in one go."""

    client: Client
    people: list[Person] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    inbound: list[Inbound] = field(default_factory=list)
    introductions: list[Introduction] = field(default_factory=list)
    gifts: list[Gift] = field(default_factory=list)
    dates: list[ImportantDate] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
