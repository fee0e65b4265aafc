"""Writing one imported contact into the book: a new client, or the empty fields of one.

The merge rule, shared by every import format: fields that are empty in the book
(company, role, address, how we met, notes, and from Rapport's own CSV the cadence and
the referrer) are filled from the file; emails and phones the client does not have yet
are added to their lists (after the book's own); people and yearly dates the
client does not have yet are added (people compared by name, dates by label and day);
nothing already in the book is changed or removed (a client archived in the file but
not in the book stays active). Call these inside the import's transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rapport import clock
from rapport.core.names import fold
from rapport.core.postal import parse_address
from rapport.exchange.common import ContactIn
from rapport.services import convert, indexing
from rapport.services.matching import ClientMatcher
from rapport.store import models as m

# The postal address's columns: filled together, only when the book has none of them
# (two halves of different addresses never make one).
ADDRESS_FIELDS = ("address_lines", "city", "region", "postcode", "country")
CONTACT_FIELDS = ("company", "role", "emails", "phones", *ADDRESS_FIELDS, "how_we_met", "notes")
# What the merge rule fills: the contact fields, and the cadence of Rapport's own CSV.
FILLED_FIELDS = (*CONTACT_FIELDS, "cadence_days")
# Lists the merge adds to: a known client's new email or phone joins the ones they have.
LIST_FIELDS = ("emails", "phones")


def book_matcher() -> ClientMatcher:
    """Every client of the book, indexed for matching (one query)."""
    rows = convert.tuples(m.Client.select(m.Client.id, m.Client.name, m.Client.emails))
    return ClientMatcher.from_rows(rows)


def _key(name: str, value: str) -> str:
    """What makes two emails (case) or two phones (punctuation, spaces) the same."""
    if name == "emails":
        return value.strip().casefold()
    return "".join(ch for ch in value if ch.isdigit() or ch == "+") or value.strip()


def new_items(name: str, have: list[str], given: list[str]) -> list[str]:
    """The emails or phones of ``given`` that ``have`` does not hold yet, in order."""
    seen = {_key(name, value) for value in have}
    found: list[str] = []
    for value in given:
        key = _key(name, value)
        if key and key not in seen:
            seen.add(key)
            found.append(value)
    return found


def fills(existing: dict[str, Any], contact: ContactIn) -> list[str]:
    """The fields the merge rule would change: empty in the book and given in the file,
    or (emails, phones) holding a value the book's list does not have yet."""
    changed = []
    book_has_address = any(existing.get(name) for name in ADDRESS_FIELDS)
    for name in FILLED_FIELDS:
        given = getattr(contact, name)
        if name in ADDRESS_FIELDS and book_has_address:
            continue
        if name in LIST_FIELDS:
            if new_items(name, existing.get(name) or [], given):
                changed.append(name)
        elif not existing.get(name) and given:
            changed.append(name)
    return changed


def merged(existing: dict[str, Any], contact: ContactIn) -> dict[str, Any]:
    """The new values of the fields ``fills`` names: lists keep the book's items first."""
    values: dict[str, Any] = {}
    for name in fills(existing, contact):
        given = getattr(contact, name)
        if name in LIST_FIELDS:
            have = list(existing.get(name) or [])
            values[name] = have + new_items(name, have, given)
        else:
            values[name] = given
    return values


def describe_fills(existing: dict[str, Any], contact: ContactIn) -> list[str]:
    """What the merge would do, in words: "fills company", "adds email bo@x.org"."""
    filled: list[str] = []
    added: list[str] = []
    for name in fills(existing, contact):
        have = existing.get(name) or []
        if name in LIST_FIELDS and have:
            for value in new_items(name, have, getattr(contact, name)):
                added.append(f"{name[:-1]} {value}")
        elif name in ADDRESS_FIELDS:
            if "address" not in filled:
                filled.append("address")
        else:
            filled.append(name.replace("_", " "))
    parts = [f"fills {', '.join(filled)}"] if filled else []
    return parts + ([f"adds {', '.join(added)}"] if added else [])


def contact_of_row(row: dict[str, Any]) -> ContactIn:
    """A client row of a JSON export, as an imported contact (for matching and filling)."""
    fields: dict[str, Any] = {
        f: row.get(f) or ([] if f in ("emails", "phones") else "") for f in CONTACT_FIELDS
    }
    contact = ContactIn(name=row["name"], **fields)
    if row.get("address") and contact.address.is_empty():
        # An export from before addresses had parts: its free text, parsed.
        contact.set_address(parse_address(row["address"]))
    return contact


def create(contact: ContactIn, now: datetime) -> m.Client:
    row = m.Client.create(
        name=contact.name,
        name_key=fold(contact.name),
        created_at=now,
        updated_at=now,
        archived_at=contact.archived_at,
        **{f: getattr(contact, f) for f in FILLED_FIELDS},
    )
    indexing.client(row)
    add_people_and_dates(row.id, contact, new=True)
    return row


def fill(client_id: int, contact: ContactIn, now: datetime) -> bool:
    """Apply the merge rule to a client of the book; True when anything changed."""
    row = m.Client.get_by_id(client_id)
    existing = {f: getattr(row, f) for f in FILLED_FIELDS}
    changed = False
    for name, value in merged(existing, contact).items():
        setattr(row, name, value)
        changed = True
    if changed:
        row.updated_at = now
        row.save()
        indexing.client(row)
    return add_people_and_dates(client_id, contact) or changed


def add_people_and_dates(client_id: int, contact: ContactIn, new: bool = False) -> bool:
    """Add the people and yearly dates the client does not have yet (``new``: has none)."""
    if not contact.people and not contact.dates:
        return False
    known_people: set[str] = set()
    known_dates: set[tuple[str, int, int]] = set()
    if not new:
        known_people = {
            fold(name or "")
            for (name,) in convert.tuples(
                m.Person.select(m.Person.name).where(m.Person.client == client_id)
            )
        }
        known_dates = set(
            convert.tuples(
                m.ImportantDate.select(
                    m.ImportantDate.label, m.ImportantDate.month, m.ImportantDate.day
                ).where(m.ImportantDate.client == client_id, m.ImportantDate.person.is_null())
            )
        )
    added = False
    today = clock.today()
    for person in contact.people:
        if not person.name or fold(person.name) in known_people:
            continue
        birthday = person.birthday if person.birthday and person.birthday <= today else None
        row = m.Person.create(
            client=client_id, name=person.name, relation=person.relation.lower(), birthday=birthday
        )
        indexing.person(row)
        known_people.add(fold(person.name))
        added = True
    for day in contact.dates:
        label = (day.label or "date").lower()
        if (label, day.month, day.day) in known_dates:
            continue
        m.ImportantDate.create(
            client=client_id, label=label, month=day.month, day=day.day, year=day.year
        )
        known_dates.add((label, day.month, day.day))
        added = True
    return added


def link_referrers(linked: list[tuple[int, str]], matcher: ClientMatcher) -> set[int]:
    """Point each (client, referrer's name) at the client of that name, where the client
    has no referrer yet; the ids of the clients that got one. A name that fits no client,
    or several, links nothing."""
    changed: set[int] = set()
    for client_id, referrer_name in linked:
        referrer = matcher.named(referrer_name)
        if referrer is None or referrer == client_id:
            continue
        query = m.Client.update(referred_by=referrer).where(
            (m.Client.id == client_id) & m.Client.referred_by.is_null()
        )
        if query.execute():
            changed.add(client_id)
    return changed
