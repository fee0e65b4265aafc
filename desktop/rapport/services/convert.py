"""Rows to records: the one place that knows both the models and core/records.

``record`` fills a record (a dataclass of core/records.py) from a model row by name: each
field from the row's column of the same name, a link's ``x_id`` from its foreign key
``x``, lists copied. What a row does not hold (a joined client's name, the address built
from its parts) the caller gives. The functions below say only that much per record.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

from peewee import BaseQuery, Case, ForeignKeyField

from rapport.core import records as r
from rapport.core.postal import PostalAddress, from_parts
from rapport.store import models as m

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


# peewee's stubs give ``tuples()`` and ``dicts()`` the query's own type, whose rows would
# be models: these two say what such a query yields (each row converted by its fields).
def tuples(query: BaseQuery) -> Iterator[tuple[Any, ...]]:
    """The rows of a query as tuples (``query.tuples()``)."""
    return cast("Iterator[tuple[Any, ...]]", iter(query.tuples()))


def dicts(query: BaseQuery) -> Iterator[dict[str, Any]]:
    """The rows of a query as dicts by field name (``query.dicts()``)."""
    return cast("Iterator[dict[str, Any]]", iter(query.dicts()))


def joined_text(row: m.BaseModel, alias: str) -> str | None:
    """A text column a query added to a model's rows under ``alias`` (a joined client's
    name, with ``.objects()``): peewee sets it as a plain attribute no type declares."""
    value: object = getattr(row, alias, None)
    return value if isinstance(value, str) else None


def real_dates() -> Any:
    """The yearly dates whose month, day and year make a day of the calendar.

    Imports check this (services/dump.py); a book written by an older import may still
    hold month 13, 30 February or year 99999. Those rows stay in the book (the JSON
    export keeps them) but are left out of what is shown and computed (the profile, the
    brief, the calendar and vCard exports), which would otherwise fail on them.
    """
    d = m.ImportantDate
    last_day = Case(d.month, [(2, 29), (4, 30), (6, 30), (9, 30), (11, 30)], 31)
    return (
        d.month.between(1, 12)
        & (d.day >= 1)
        & (d.day <= last_day)
        & (d.year.is_null() | d.year.between(1, 9999))
    )


def postal_address(row: m.Client | m.Person) -> PostalAddress:
    """The address parts stored on a Client or Person row."""
    return from_parts(row.address_lines, row.city, row.region, row.postcode, row.country)


# -- the generic mapping ------------------------------------------------------------------
@cache
def _plan(kind: type[DataclassInstance], model: type[m.BaseModel]) -> tuple[_Source, ...]:
    """Which of the row's values fills each field of ``kind`` it holds (once per pair)."""
    columns = model._meta.fields
    plan: list[_Source] = []
    for f in dataclasses.fields(kind):
        column = columns.get(f.name)
        if column is not None and not isinstance(column, ForeignKeyField):
            key = f.name
        elif f.name.endswith("_id") and isinstance(columns.get(f.name[:-3]), ForeignKeyField):
            key, column = f.name[:-3], columns[f.name[:-3]]
        else:
            continue  # not a column of the row: given by the caller, else the default
        plan.append(_Source(f.name, key, isinstance(column, m.ListField)))
    return tuple(plan)


@dataclasses.dataclass(frozen=True, slots=True)
class _Source:
    field: str  # the record's field
    key: str  # the row's value (peewee's ``__data__``, keyed by field name)
    is_list: bool  # a JSON list column: copied, [] when empty


def record(kind: type[R], row: m.BaseModel, **given: Any) -> R:
    """The ``kind`` record of ``row``; ``given`` fills (or overrides) fields by name.

    A column the query did not select reads as None, as the model's own attribute does.
    """
    data = row.__data__
    values: dict[str, Any] = {
        s.field: (list(data.get(s.key) or ()) if s.is_list else data.get(s.key))
        for s in _plan(kind, type(row))
        if s.field not in given
    }
    values.update(given)
    return kind(**values)


# -- per record: what the row does not hold ----------------------------------------------------
def client(row: m.Client, referred_by: str | None = None) -> r.Client:
    # (``address`` is the legacy free-text column: the record's is built from the parts.)
    return record(
        r.Client,
        row,
        address=postal_address(row),
        referred_by=referred_by,
        contacts=work_contacts(row.contacts),
    )


def work_contacts(value: Any) -> list[r.WorkContact]:
    """The client's work contacts as stored (a JSON list of {"name", "role"}); anything
    else in the column (an older or hand-edited book) is left out, never an error."""
    out = []
    for item in value if isinstance(value, list) else ():
        if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
            role = item.get("role")
            out.append(r.WorkContact(item["name"].strip(), role if isinstance(role, str) else ""))
    return out


def person(row: m.Person) -> r.Person:
    return record(r.Person, row, address=postal_address(row))


def fact(row: m.Fact, about: str | None = None, source: m.Interaction | None = None) -> r.Fact:
    return record(
        r.Fact,
        row,
        about=about,
        source_interaction_id=row.source_id,
        source_kind=source.kind if source else None,
        source_at=source.happened_at if source else None,
        source_title=source.title if source else "",
    )


def interaction(row: m.Interaction) -> r.Interaction:
    extracted = row.extracted
    return record(r.Interaction, row, extracted=extracted if isinstance(extracted, dict) else None)


def task(row: m.Task, client_name: str | None = None) -> r.Task:
    return record(r.Task, row, client=client_name)


def inbound(
    row: m.Inbound, client_name: str | None = None, task_id: int | None = None
) -> r.Inbound:
    """The message; ``task_id`` is its reply task (the caller looked it up, or made it)."""
    return record(r.Inbound, row, client=client_name, task_id=task_id)


def introduction(row: m.Introduction, lead: str, referrer: str | None) -> r.Introduction:
    return record(r.Introduction, row, lead=lead, referrer=referrer or row.referrer_name or None)


def gift(row: m.Gift, for_name: str | None = None) -> r.Gift:
    return record(r.Gift, row, for_name=for_name)


def important_date(row: m.ImportantDate, about: str | None = None) -> r.ImportantDate:
    return record(r.ImportantDate, row, about=about)


def card(row: m.Card) -> r.Card:
    return record(r.Card, row)
