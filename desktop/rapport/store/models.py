"""The peewee models of the book. Only store/ and services/ import this module.

Dates a user thinks of as days (due dates, birthdays) are ``DateField``; moments
(when a call happened, when a message arrived) are naive local ``DateTimeField``.
Lists (emails, tags, key points) are JSON text so that the schema stays portable.
"""

from __future__ import annotations

import json
from typing import Any

from peewee import (
    AutoField,
    BooleanField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from rapport import clock

db = DatabaseProxy()


class JSONField(TextField):
    """A JSON value stored as text (portable across SQLite and PostgreSQL)."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def python_value(self, value: Any) -> Any:
        if value is None or value == "":
            return None
        return json.loads(value)


class ListField(JSONField):
    """A JSON list that reads back as ``[]`` rather than None."""

    def db_value(self, value: Any) -> str:
        return json.dumps(list(value or ()), ensure_ascii=False, separators=(",", ":"))

    def python_value(self, value: Any) -> list[Any]:
        return list(json.loads(value)) if value else []


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


# The models also declare, as annotations only, the columns peewee adds by itself (the
# ``id`` primary key and the ``<field>_id`` of each foreign key), so that type checkers
# know them; peewee ignores annotations, the tables are unchanged.
class RecordModel(BaseModel):
    """A table whose rows are numbered by ``id`` (all but the keyed Setting and SchemaInfo)."""

    id: AutoField[int]


class Client(RecordModel):
    name = TextField()
    # Case- and accent-folded name: what sorting, prefix lookup and matching use.
    name_key = TextField(index=True)
    company = TextField(default="")
    role = TextField(default="")
    emails = ListField(default=list)
    phones = ListField(default=list)
    # The free-text address of books before version 6, emptied by the migration that
    # parsed it into the parts below (kept: older databases have the column NOT NULL).
    address = TextField(default="")
    # The postal address in parts (core/postal.py): street lines newline-separated.
    address_lines = TextField(default="")
    city = TextField(default="")
    region = TextField(default="")
    postcode = TextField(default="")
    country = TextField(default="")
    how_we_met = TextField(default="")
    referred_by = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="referrals")
    referred_by_id: IntegerField[int | None]
    # Indexed: Today asks which cadences are in use before finding who is out of touch.
    cadence_days = IntegerField(null=True, index=True)
    notes = TextField(default="")
    # Kept by the services whenever an interaction is written: the out-of-touch list
    # and the client list read it without scanning 100,000 interactions.
    last_contact_at = DateTimeField(null=True, index=True)
    created_at = DateTimeField(default=clock.now)
    updated_at = DateTimeField(default=clock.now)
    archived_at = DateTimeField(null=True, index=True)
    # Work contacts: [{"name": "Kim", "role": "assistant"}] (not family: see Person).
    contacts = JSONField(default=list)

    class Meta:
        # The client list, a page at a time (services/client_list.py): active clients by
        # name or by last contact, read in index order with no sort.
        indexes = (
            (("archived_at", "name_key"), False),
            (("archived_at", "last_contact_at"), False),
            # Today's clients out of touch: every column it reads, so the filter over the
            # active clients runs in the index without reading their rows.
            (("archived_at", "cadence_days", "last_contact_at", "created_at", "name"), False),
        )


class Person(RecordModel):
    client = ForeignKeyField(Client, on_delete="CASCADE", backref="people")
    client_id: IntegerField[int]
    name = TextField(null=True)
    relation = TextField(default="")
    # Indexed: Today's birthdays read only the people who have one.
    birthday = DateField(null=True, index=True)
    # An age heard in conversation, and the day it was true: "12" becomes 13 a year on.
    age = IntegerField(null=True)
    age_as_of = DateField(null=True)
    notes = TextField(default="")
    # A home of their own (a grown child, a parent), for a card sent to them.
    address_lines = TextField(default="")
    city = TextField(default="")
    region = TextField(default="")
    postcode = TextField(default="")
    country = TextField(default="")
    created_at = DateTimeField(default=clock.now)
    updated_at = DateTimeField(default=clock.now)


class Interaction(RecordModel):
    client = ForeignKeyField(Client, on_delete="CASCADE", backref="interactions")
    client_id: IntegerField[int]
    kind = TextField(default="note")
    happened_at = DateTimeField()
    title = TextField(default="")
    raw_text = TextField(default="")
    key_points = ListField(default=list)
    # What quick capture understood from raw_text, as shown to the user when saved.
    extracted = JSONField(null=True)
    # When the thank-you for this meeting was sent (or dismissed); None while owed.
    thanked_at = DateTimeField(null=True)
    created_at = DateTimeField(default=clock.now)
    # The key a capture kept in the outbox while a team book's server was away was given
    # when typed (services/outbox.py): unique, so that sending it twice saves it once.
    capture_key = TextField(null=True, unique=True)

    class Meta:
        indexes = ((("client", "happened_at"), False), (("kind", "thanked_at"), False))


class Fact(RecordModel):
    client = ForeignKeyField(Client, on_delete="CASCADE", backref="facts")
    client_id: IntegerField[int]
    person = ForeignKeyField(Person, null=True, on_delete="CASCADE", backref="facts")
    person_id: IntegerField[int | None]
    text = TextField()
    category = TextField(default="personal")
    tags = ListField(default=list)
    source = ForeignKeyField(Interaction, null=True, on_delete="SET NULL", backref="facts")
    source_id: IntegerField[int | None]
    created_at = DateTimeField(default=clock.now)
    confirmed_at = DateTimeField(default=clock.now)


class Introduction(RecordModel):
    lead = ForeignKeyField(Client, on_delete="CASCADE", backref="introduced_by")
    lead_id: IntegerField[int]
    referrer = ForeignKeyField(Client, null=True, on_delete="SET NULL", backref="introduced")
    referrer_id: IntegerField[int | None]
    referrer_name = TextField(default="")
    note = TextField(default="")
    introduced_on = DateField()
    thanked_at = DateTimeField(null=True)
    contacted_at = DateTimeField(null=True)
    lead_answered_at = DateTimeField(null=True)
    called_at = DateTimeField(null=True)
    interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
    interaction_id: IntegerField[int | None]
    created_at = DateTimeField(default=clock.now)

    class Meta:
        # Today's "call the lead" check: introductions contacted, not answered, not called.
        indexes = ((("called_at", "lead_answered_at", "contacted_at"), False),)


class Inbound(RecordModel):
    client = ForeignKeyField(Client, on_delete="CASCADE", backref="inbound")
    client_id: IntegerField[int]
    channel = TextField()
    received_at = DateTimeField()
    summary = TextField(default="")
    answered_at = DateTimeField(null=True, index=True)
    interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
    interaction_id: IntegerField[int | None]


class Task(RecordModel):
    client = ForeignKeyField(Client, null=True, on_delete="CASCADE", backref="tasks")
    client_id: IntegerField[int | None]
    person = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    person_id: IntegerField[int | None]
    interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL", backref="tasks")
    interaction_id: IntegerField[int | None]
    introduction = ForeignKeyField(Introduction, null=True, on_delete="CASCADE", backref="tasks")
    introduction_id: IntegerField[int | None]
    inbound = ForeignKeyField(Inbound, null=True, on_delete="SET NULL", backref="tasks")
    inbound_id: IntegerField[int | None]
    title = TextField()
    kind = TextField(default="todo")
    due = DateField(null=True, index=True)
    # open or done; "snoozed" is derived from snoozed_until so it wakes up by itself.
    status = TextField(default="open", index=True)
    promised = BooleanField(default=False)
    notes = TextField(default="")
    # Indexed for the follow-through score: promises finished in the last 90 days.
    done_at = DateTimeField(null=True, index=True)
    snoozed_until = DateField(null=True)
    # When the user sent the "running late" message for this promise.
    late_notice_at = DateTimeField(null=True)
    # When the user last recorded progress on it: a promise without progress late in its
    # window is "at risk" (core/followup.py).
    progress_at = DateTimeField(null=True)
    created_at = DateTimeField(default=clock.now)
    updated_at = DateTimeField(default=clock.now)

    class Meta:
        indexes = (
            (("client", "status"), False),
            (("status", "due"), False),
            # The follow-through score (services/followup.py), counted in the index:
            # promises due in the window or later, and those done in it.
            (("due", "promised", "kind", "status", "done_at"), False),
            (("done_at", "due", "promised", "kind", "status"), False),
        )


class Gift(RecordModel):
    client = ForeignKeyField(Client, on_delete="CASCADE", backref="gifts")
    client_id: IntegerField[int]
    person = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    person_id: IntegerField[int | None]
    title = TextField()
    # idea -> planned -> given
    status = TextField(default="given")
    occasion = TextField(default="")
    given_on = DateField(null=True)
    cost_cents = IntegerField(null=True)
    reaction = TextField(default="")
    notes = TextField(default="")
    tags = ListField(default=list)
    # The "gift" conversation logged in the history when the gift was given.
    interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
    interaction_id: IntegerField[int | None]
    created_at = DateTimeField(default=clock.now)


class ImportantDate(RecordModel):
    client = ForeignKeyField(Client, on_delete="CASCADE", backref="dates")
    client_id: IntegerField[int]
    person = ForeignKeyField(Person, null=True, on_delete="CASCADE", backref="dates")
    person_id: IntegerField[int | None]
    label = TextField()
    month = IntegerField()
    day = IntegerField()
    year = IntegerField(null=True)

    class Meta:
        indexes = ((("month", "day"), False),)


class Card(RecordModel):
    """A note drafted for a client (thank-you, congratulations...) and when it was sent."""

    client = ForeignKeyField(Client, on_delete="CASCADE", backref="cards")
    client_id: IntegerField[int]
    interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
    interaction_id: IntegerField[int | None]
    occasion = TextField(default="thank_you")
    body = TextField(default="")
    card_size = TextField(default="a2")
    created_at = DateTimeField(default=clock.now)
    sent_at = DateTimeField(null=True)


class Setting(BaseModel):
    """User settings shared by the window and the command line (signature, cadence...)."""

    key = TextField(primary_key=True)
    value = JSONField(null=True)


class Draft(RecordModel):
    """Quick-capture text autosaved as it is typed, so a crash never loses a note."""

    text = TextField(default="")
    client_hint = TextField(default="")
    updated_at = DateTimeField(default=clock.now)


class SchemaInfo(BaseModel):
    """Schema version where the database has no PRAGMA user_version (PostgreSQL)."""

    key = TextField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "rapport_meta"


# The tables of the book, parents before children: inserting in this order satisfies
# every foreign key (undo, bulk loads and imports rely on it).
BOOK_MODELS: tuple[type[RecordModel], ...] = (
    Client,
    Person,
    Interaction,
    Fact,
    Introduction,
    Inbound,
    Task,
    Gift,
    ImportantDate,
    Card,
)
MODELS: tuple[type[BaseModel], ...] = (*BOOK_MODELS, Setting, Draft)
