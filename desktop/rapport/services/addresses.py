"""Postal addresses of clients and their people, who a letter goes to, and who sends it.

The parts live on the Client and Person rows (``address_lines`` newline-separated, city,
region, postcode, country); the sender's name and address, and the home country that
decides whether a country line is printed, are book settings (Preferences, shared with
the command line): ``return_name``, ``return_address`` (the parts as JSON) and
``home_country``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rapport import clock
from rapport.core.names import first_name
from rapport.core.postal import PostalAddress, from_mapping, parse_address, problem, tidy
from rapport.services import convert, indexing, settings
from rapport.services.errors import NotFoundError, ValidationError
from rapport.store import models as m
from rapport.store.db import transaction

PARTS = ("address_lines", "city", "region", "postcode", "country")
# The relations whose person shares the client's home and name on an envelope.
PARTNER_RELATIONS = ("spouse", "wife", "husband", "partner")


class NoAddressError(Exception):
    """A letter for someone whose address the book does not have."""


@dataclass(frozen=True)
class MailingTarget:
    client_id: int
    person_id: int | None
    name: str  # "Dana Whitfield" (or the person's name)
    household: str  # "Bob & Alice Smith" when the client has a spouse/partner, else ""
    address: PostalAddress


of_row = convert.postal_address


def row_values(address: PostalAddress) -> dict[str, str]:
    """An address as the columns of a Client or Person row, cleaned and checked."""
    clean = clean_address(address)
    return {
        "address_lines": "\n".join(clean.lines),
        "city": clean.city,
        "region": clean.region,
        "postcode": clean.postcode,
        "country": clean.country,
    }


def as_address(value: object) -> PostalAddress:
    """An address given to a service: a PostalAddress, its parts as a mapping, or free
    text (parsed); None is no address."""
    if isinstance(value, PostalAddress):
        return value
    if value is None:
        return PostalAddress()
    if isinstance(value, dict):
        return from_mapping(value)
    if isinstance(value, str):
        return parse_address(value)
    raise ValidationError("an address is its parts (lines, city, region, postcode, country)")


def clean_address(address: PostalAddress) -> PostalAddress:
    """The address tidied (core/postal.tidy); refused (ValidationError) when a part is
    too long or it has too many lines."""
    clean = tidy(address)
    why = problem(clean)
    if why:
        raise ValidationError(why)
    return clean


def _client(client_id: int) -> m.Client:
    row = m.Client.get_or_none(m.Client.id == client_id)
    if row is None:
        raise NotFoundError(f"no client with id {client_id}")
    return row


def _person(person_id: int) -> m.Person:
    row = m.Person.get_or_none(m.Person.id == person_id)
    if row is None:
        raise NotFoundError(f"no person with id {person_id}")
    return row


def client_address(client_id: int) -> PostalAddress:
    return of_row(_client(client_id))


def set_client_address(client_id: int, address: PostalAddress) -> None:
    _set_address(lambda: _client(client_id), address, indexing.client)


def person_address(person_id: int) -> PostalAddress:
    return of_row(_person(person_id))


def set_person_address(person_id: int, address: PostalAddress) -> None:
    _set_address(lambda: _person(person_id), address, indexing.person)


Row = TypeVar("Row", m.Client, m.Person)


def _set_address(
    load: Callable[[], Row], address: PostalAddress, index: Callable[[Row], None]
) -> None:
    """Write ``address`` on the row ``load`` reads, in one transaction, and index it again."""
    values = row_values(address)
    with transaction():
        row = load()
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = clock.now()
        row.save()
        index(row)


def household_name(client_name: str, partner_name: str) -> str:
    """ "Bob & Alice Smith" for Bob Smith and Alice (Smith); "Bob Smith & Alice Jones"
    when their family names differ."""
    client_words = client_name.split()
    partner_words = partner_name.split()
    if not client_words or not partner_words:
        return ""
    if len(client_words) == 1:
        return f"{client_name.strip()} & {' '.join(partner_words)}"
    family = client_words[-1]
    if len(partner_words) == 1 or partner_words[-1].casefold() == family.casefold():
        partner_given = " ".join(partner_words[:-1]) if len(partner_words) > 1 else partner_words[0]
        return f"{' '.join(client_words[:-1])} & {partner_given} {family}"
    return f"{' '.join(client_words)} & {' '.join(partner_words)}"


def _partner(client_id: int) -> m.Person | None:
    return (
        m.Person.select()
        .where(
            m.Person.client == client_id,
            m.Person.relation.in_(PARTNER_RELATIONS),
            m.Person.name.is_null(False),
            m.Person.name != "",
        )
        .order_by(m.Person.id)
        .get_or_none()
    )


def mailing_target(client_id: int, person_id: int | None = None) -> MailingTarget:
    """Who a letter for this client (or one of their people) goes to, and where.

    A person without an address of their own is written to at the client's (the same
    home). Raises NoAddressError ("add Dana's address first") when there is none.
    """
    client = _client(client_id)
    if person_id is not None:
        person = _person(person_id)
        if person.client_id != client_id:
            raise NotFoundError(f"person {person_id} is not one of {client.name}'s people")
        name = person.name or f"{client.name}'s {person.relation}".strip()
        address = of_row(person)
        if address.is_empty():
            address = of_row(client)
        if address.is_empty():
            raise NoAddressError(f"add {first_name(name)}'s address first")
        return MailingTarget(client_id, person_id, name, "", address)
    address = of_row(client)
    if address.is_empty():
        raise NoAddressError(f"add {first_name(client.name)}'s address first")
    partner = _partner(client_id)
    household = household_name(client.name, partner.name) if partner and partner.name else ""
    return MailingTarget(client_id, None, client.name, household, address)


def return_address() -> tuple[str, PostalAddress]:
    """(sender name, address) from the book's settings (Preferences)."""
    name = (
        str(settings.get("return_name") or "").strip()
        or str(settings.get("user_name") or "").strip()
    )
    value = settings.get("return_address")
    address = from_mapping(value) if isinstance(value, dict) else PostalAddress()
    return name, address


def home_country() -> str:
    """The user's country as set in Preferences ("" when not set)."""
    return str(settings.get("home_country") or "").strip()
