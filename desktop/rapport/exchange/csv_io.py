"""CSV: contacts in from Google Contacts, Outlook or any spreadsheet; tables out, made safe.

Google and Outlook exports are recognised by their header row, with the column names
those programs really write:

- Google Contacts (since 2023): ``First Name, Middle Name, Last Name, ..., Organization Name,
  Organization Title, Birthday, Notes, Labels, E-mail 1 - Label, E-mail 1 - Value, Phone 1 -
  Value, Address 1 - Formatted, Relation 1 - Label, Relation 1 - Value, Event 1 - Label,
  Event 1 - Value, Website 1 - Value, Custom Field 1 - Label ...``; several values in one
  cell are separated by `` ::: ``.
- Google Contacts (legacy "Google CSV"): ``Name, Given Name, Additional Name, Family Name, ...,
  E-mail 1 - Type, E-mail 1 - Value, Organization 1 - Name, Organization 1 - Title ...``.
- Outlook: ``Title, First Name, Middle Name, Last Name, Suffix, Company, Department, Job Title,
  Business Street ... Mobile Phone ... Anniversary ... Birthday ... Children ... E-mail Address,
  E-mail Type, E-mail Display Name, E-mail 2 Address ... Notes ... Referred By ... Spouse ...
  Web Page``; dates are month/day/year and ``0/0/00`` means none. Outlook's "Unicode" CSV is
  UTF-16 and tab-separated; both are handled.

Any other CSV is "generic": the user maps each column to a field (``guess_mapping`` proposes
one from the header names). Commas, semicolons and tabs are recognised as separators.

Writing: every cell that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a line break) gets a leading apostrophe (OWASP's advice against CSV
injection), and files start with a UTF-8 BOM so that Excel reads accents right. Reading
a Rapport export takes the apostrophe off again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from rapport.core.followup import MAX_CADENCE_DAYS
from rapport.core.postal import PostalAddress, from_parts, parse_address
from rapport.exchange.common import (
    ContactIn,
    ExchangeError,
    ParseResult,
    PersonIn,
    Skipped,
    check_contact,
    one_line,
    parse_day,
    relation_word,
)

# The targets a generic CSV column can be mapped to, with what the window shows.
FIELDS: dict[str, str] = {
    "ignore": "(ignore)",
    "name": "Full name",
    "first_name": "First name",
    "middle_name": "Middle name",
    "last_name": "Last name",
    "company": "Company",
    "role": "Role / job title",
    "email": "Email",
    "phone": "Phone",
    "address": "Address",
    "street": "Address: street",
    "city": "Address: city",
    "region": "Address: state / region",
    "postcode": "Address: postcode / ZIP",
    "country": "Address: country",
    "birthday": "Birthday",
    "how_we_met": "How we met",
    "notes": "Notes",
    "referred_by": "Referred by (a client's name)",
    "cadence_days": "Keep-in-touch cadence (days)",
    "archived": "Archived on",
}
# Header words that suggest a target, checked in order (first match wins).
_GUESSES: tuple[tuple[str, str], ...] = (
    # English first, then the commonest French, German and Spanish spreadsheet headers.
    ("first", "first_name"),
    ("given", "first_name"),
    ("prénom", "first_name"),
    ("prenom", "first_name"),
    ("vorname", "first_name"),
    ("middle", "middle_name"),
    ("last", "last_name"),
    ("family", "last_name"),
    ("surname", "last_name"),
    ("nachname", "last_name"),
    ("apellido", "last_name"),
    ("mail", "email"),
    ("courriel", "email"),
    ("correo", "email"),
    ("phone", "phone"),
    ("mobile", "phone"),
    ("portable", "phone"),
    ("cell", "phone"),
    ("tel", "phone"),
    ("company", "company"),
    ("org", "company"),
    ("employer", "company"),
    ("société", "company"),
    ("societe", "company"),
    ("firma", "company"),
    ("empresa", "company"),
    ("title", "role"),
    ("role", "role"),
    ("position", "role"),
    ("job", "role"),
    ("formatted", "address"),
    ("street", "street"),
    ("straße", "street"),
    ("strasse", "street"),
    ("country", "country"),
    ("pays", "country"),
    ("city", "city"),
    ("town", "city"),
    ("ville", "city"),
    ("stadt", "city"),
    ("state", "region"),
    ("province", "region"),
    ("region", "region"),
    ("county", "region"),
    ("zip", "postcode"),
    ("postal", "postcode"),
    ("postcode", "postcode"),
    ("plz", "postcode"),
    ("code postal", "postcode"),
    ("address", "address"),
    ("adresse", "address"),
    ("direcci", "address"),
    ("birth", "birthday"),
    ("geburt", "birthday"),
    ("naissance", "birthday"),
    ("met", "how_we_met"),
    ("note", "notes"),
    ("comment", "notes"),
    ("remarque", "notes"),
    ("name", "name"),
    ("nom", "name"),
)
RAPPORT_CLIENT_HEADER = (
    "id",
    "name",
    "company",
    "role",
    "emails",
    "phones",
    "address",
    "how_we_met",
    "referred_by",
    "cadence_days",
    "notes",
    "last_contact",
    "created",
    "archived",
    # Since addresses have parts (the "address" column above is their one-line form,
    # the only one in older exports).
    "street",
    "city",
    "region",
    "postcode",
    "country",
)
# The header of Rapport's own CSV before addresses had parts: still recognised.
RAPPORT_CLIENT_HEADER_V1 = RAPPORT_CLIENT_HEADER[:14]
# The tasks table written beside the clients table: not contacts, so never imported as
# such (a user re-importing both files would otherwise be asked to map task columns).
RAPPORT_TASK_HEADER = (
    "id",
    "title",
    "client",
    "client_id",
    "kind",
    "status",
    "due",
    "promised",
    "snoozed_until",
    "done_at",
    "notes",
    "created",
)
TASKS_TABLE_MESSAGE = (
    "this is the tasks table of a Rapport CSV export, not contacts. Import the clients "
    "table beside it (…-clients.csv) for the contacts, or a Rapport JSON export to bring "
    "back everything, tasks included"
)
_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# Contacts exports have a few dozen columns (Outlook about 90, Google about 60 with
# several emails and phones); past this a file is not an address book.
MAX_COLUMNS = 1000
_MULTI = re.compile(r"\s*:::\s*")
OUTLOOK_PHONES = (
    "Mobile Phone",
    "Business Phone",
    "Business Phone 2",
    "Home Phone",
    "Home Phone 2",
    "Primary Phone",
    "Company Main Phone",
    "Other Phone",
    "Car Phone",
)


def read_table(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows; the separator (comma, semicolon, tab) is taken from the header."""
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(row) > MAX_COLUMNS:
                raise ExchangeError(
                    f"line {reader.line_num} of the CSV has {len(row):,} columns; Rapport reads "
                    f"contacts files of up to {MAX_COLUMNS:,} columns. Keep the columns you "
                    "need (names, emails, phones...) and import that file"
                )
            if any(cell.strip() for cell in row):
                rows.append(row)
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            message = f"a field is longer than {csv.field_size_limit() // 1024} K characters"
        raise ExchangeError(
            f"line {reader.line_num} of the CSV cannot be read ({message}); nothing was imported"
        ) from None
    if not rows:
        raise ExchangeError("the CSV file is empty")
    header = [cell.strip().removeprefix("\ufeff") for cell in rows[0]]
    return header, rows[1:]


def detect(header: Sequence[str]) -> str:
    names = set(header)
    if {"E-mail 1 - Value", "Phone 1 - Value"} & names or "Organization Name" in names:
        if "Given Name" in names or ("Name" in names and "First Name" not in names):
            return "google-legacy"
        return "google"
    if "E-mail Address" in names and "First Name" in names and "Last Name" in names:
        return "outlook"
    if tuple(header[: len(RAPPORT_CLIENT_HEADER_V1)]) == RAPPORT_CLIENT_HEADER_V1:
        return "rapport"
    if tuple(header[: len(RAPPORT_TASK_HEADER)]) == RAPPORT_TASK_HEADER:
        return "rapport-tasks"
    return "generic"


def guess_mapping(header: Sequence[str]) -> dict[str, str]:
    """A proposed target for each column (``ignore`` when nothing fits)."""
    if tuple(header[: len(RAPPORT_CLIENT_HEADER_V1)]) == RAPPORT_CLIENT_HEADER_V1:
        own = {"emails": "email", "phones": "phone"}
        return {col: own.get(col, col if col in FIELDS else "ignore") for col in header}
    mapping: dict[str, str] = {}
    for column in header:
        key = column.lower()
        mapping[column] = next((target for word, target in _GUESSES if word in key), "ignore")
    targets = set(mapping.values())
    if "first_name" in targets and "last_name" not in targets:
        # "Nom" beside "Prénom" (French), "Name" beside "First name": the family name.
        # Read as a full name it would win over the first name, which would be lost.
        for column, target in mapping.items():
            if target == "name" and "full" not in column.lower():
                mapping[column] = "last_name"
    return mapping


def parse(
    text: str,
    mapping: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    day_first: bool = False,
) -> ParseResult:
    """The contacts of a CSV file; ``day_first`` reads 3/4/1980 as 3 April (the user's order)."""
    header, rows = read_table(text)
    flavour = detect(header)
    if flavour == "rapport-tasks":
        raise ExchangeError(TASKS_TABLE_MESSAGE)
    if mapping is not None:
        unknown = {target for target in mapping.values() if target not in FIELDS}
        if unknown:
            raise ExchangeError(f"unknown field(s) in the column mapping: {', '.join(unknown)}")
        columns = set(header)
        missing = [column for column in mapping if column not in columns]
        if missing:
            raise ExchangeError(f"the file has no column named {missing[0]!r}")
        flavour = "rapport" if flavour == "rapport" else "generic"
    elif flavour in ("generic", "rapport"):
        mapping = guess_mapping(header)
    convert = {
        "google": _google,
        "google-legacy": _google,
        "outlook": _outlook,
    }.get(flavour)
    result = ParseResult(flavour=flavour)
    if convert is None and not any(
        t in ("name", "first_name", "last_name") for t in (mapping or {}).values()
    ):
        raise ExchangeError(
            "no column holds a name; map a column to 'Full name' or to first and last name"
        )
    for number, row in enumerate(rows, start=2):
        if progress is not None and number % 500 == 0:
            progress(number, len(rows) + 1)
        cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
        where = f"row {number}"
        if flavour == "rapport":
            cells = {key: _unneutralise(value) for key, value in cells.items()}
        contact = (
            convert(cells, day_first) if convert else _generic(cells, mapping or {}, day_first)
        )
        contact.where = where
        problem = check_contact(contact)
        if problem is None and convert is None:
            problem = _client_columns(cells, mapping or {}, contact)
        if problem is not None:
            result.skipped.append(Skipped(where, contact.name[:80], problem))
            continue
        result.contacts.append(contact)
    return result


def _split(value: str) -> list[str]:
    parts = _MULTI.split(value) if ":::" in value else re.split(r"\s*[;\n]\s*", value)
    return [one_line(part) for part in parts if part.strip()]


def _emails(value: str) -> list[str]:
    return [part for part in re.split(r"[\s,;]+|:::", value) if "@" in part]


def _join_name(*parts: str) -> str:
    return one_line(" ".join(part for part in parts if part))


def _add_unique(target: list[str], values: Iterable[str]) -> None:
    for value in values:
        if value and value.casefold() not in {v.casefold() for v in target}:
            target.append(value)


def _numbered(cells: dict[str, str], prefix: str, suffixes: Sequence[str]) -> list[list[str]]:
    """Values of 'Prefix 1 - Suffix' columns for n = 1, 2, ... in order."""
    found: list[list[str]] = []
    n = 1
    while any(f"{prefix} {n} - {s}" in cells for s in suffixes):
        found.append([cells.get(f"{prefix} {n} - {s}", "") for s in suffixes])
        n += 1
    return found


def _google(cells: dict[str, str], day_first: bool = False) -> ContactIn:
    get = cells.get
    name = (
        one_line(get("Name") or "")
        or _join_name(
            get("First Name") or get("Given Name") or "",
            get("Middle Name") or get("Additional Name") or "",
            get("Last Name") or get("Family Name") or "",
            get("Name Suffix") or "",
        )
        or one_line(get("File As") or get("Nickname") or "")
    )
    company = one_line(get("Organization Name") or get("Organization 1 - Name") or "")
    contact = ContactIn(
        name=name,
        company=company,
        role=one_line(get("Organization Title") or get("Organization 1 - Title") or ""),
    )
    for _label, value in _numbered(cells, "E-mail", ("Label", "Value")) or _numbered(
        cells, "E-mail", ("Type", "Value")
    ):
        _add_unique(contact.emails, _split(value))
    for _label, value in _numbered(cells, "Phone", ("Label", "Value")) or _numbered(
        cells, "Phone", ("Type", "Value")
    ):
        _add_unique(contact.phones, _split(value))
    contact.set_address(_google_address(cells))
    notes = [get("Notes") or ""]
    for _label, value in _numbered(cells, "Website", ("Label", "Value")) + _numbered(
        cells, "Website", ("Type", "Value")
    ):
        notes += [f"Website: {url}" for url in _split(value)]
    for label, value in _numbered(cells, "Custom Field", ("Label", "Value")):
        if value:
            notes.append(f"{label or 'Note'}: {value}")
    contact.notes = "\n".join(note for note in notes if note).strip()
    birthday = parse_day(get("Birthday") or "", day_first)
    if birthday is not None:
        birthday.label = "birthday"
        contact.dates.append(birthday)
    relations = _numbered(cells, "Relation", ("Label", "Value")) or _numbered(
        cells, "Relation", ("Type", "Value")
    )
    for label, value in relations:
        for person in _split(value):
            contact.people.append(PersonIn(person, relation_word(label)))
    events = _numbered(cells, "Event", ("Label", "Value")) or _numbered(
        cells, "Event", ("Type", "Value")
    )
    for label, value in events:
        day = parse_day(value, day_first)
        if day is not None:
            day.label = relation_word(label.lstrip("* ")) or "date"
            contact.dates.append(day)
    if not contact.name:
        contact.name = company or (contact.emails[0] if contact.emails else "")
    return contact


def _outlook(cells: dict[str, str], day_first: bool = False) -> ContactIn:
    get = cells.get
    name = _join_name(
        get("First Name") or "",
        get("Middle Name") or "",
        get("Last Name") or "",
        get("Suffix") or "",
    )
    contact = ContactIn(
        name=name,
        company=one_line(get("Company") or ""),
        role=one_line(get("Job Title") or ""),
    )
    for key in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"):
        # Exchange accounts write X.500 paths here ("/o=ExchangeLabs/..."): not addresses.
        _add_unique(contact.emails, _emails(get(key) or ""))
    _add_unique(contact.phones, [one_line(get(key) or "") for key in OUTLOOK_PHONES])
    # The home first: a card goes to the home (Outlook lists Business first).
    for kind in ("Home", "Business", "Other"):
        address = from_parts(
            [
                line
                for part in ("Street", "Street 2", "Street 3")
                for line in (get(f"{kind} {part}") or "").splitlines()
            ],
            one_line(get(f"{kind} City") or ""),
            one_line(get(f"{kind} State") or ""),
            one_line(get(f"{kind} Postal Code") or ""),
            one_line(get(f"{kind} Country/Region") or get(f"{kind} Country") or ""),
        )
        if not address.is_empty():
            contact.set_address(address)
            break
    notes = [get("Notes") or ""]
    if get("Web Page"):
        notes.append(f"Website: {get('Web Page')}")
    contact.notes = "\n".join(note for note in notes if note).strip()
    if get("Referred By"):
        contact.how_we_met = f"Referred by {one_line(get('Referred By') or '')}"
    for key, label in (("Birthday", "birthday"), ("Anniversary", "anniversary")):
        day = parse_day(get(key) or "", day_first)
        if day is not None:
            day.label = label
            contact.dates.append(day)
    if get("Spouse"):
        contact.people.append(PersonIn(one_line(get("Spouse") or ""), "spouse"))
    for child in re.split(r"[,;]", get("Children") or ""):
        if child.strip():
            contact.people.append(PersonIn(one_line(child), "child"))
    if not contact.name:
        contact.name = contact.company or (contact.emails[0] if contact.emails else "")
    return contact


def _generic(cells: dict[str, str], mapping: dict[str, str], day_first: bool = False) -> ContactIn:
    by_target: dict[str, list[str]] = {}
    for column, target in mapping.items():
        value = cells.get(column, "")
        if target != "ignore" and value:
            by_target.setdefault(target, []).append(value)

    def text(target: str, sep: str = " ") -> str:
        return sep.join(by_target.get(target, []))

    name = one_line(text("name")) or _join_name(
        text("first_name"), text("middle_name"), text("last_name")
    )
    contact = ContactIn(
        name=name,
        company=one_line(text("company")),
        role=one_line(text("role")),
        how_we_met=text("how_we_met", "\n").strip(),
        notes=text("notes", "\n").strip(),
    )
    contact.set_address(_generic_address(by_target, set(mapping.values())))
    for value in by_target.get("email", []):
        _add_unique(contact.emails, _emails(value))
    for value in by_target.get("phone", []):
        _add_unique(contact.phones, _split(value))
    for value in by_target.get("birthday", []):
        day = parse_day(value, day_first)
        if day is not None:
            day.label = "birthday"
            contact.dates.append(day)
    return contact


def _google_address(cells: dict[str, str]) -> PostalAddress:
    """Google's first address: its parts when the file has them, else its one
    "Formatted" text read into parts (Google writes the parts and the formatted text)."""
    get = cells.get
    parts = from_parts(
        (get("Address 1 - Street") or "").splitlines()
        + (get("Address 1 - Extended Address") or "").splitlines()
        + (get("Address 1 - PO Box") or "").splitlines(),
        one_line(get("Address 1 - City") or ""),
        one_line(get("Address 1 - Region") or ""),
        one_line(get("Address 1 - Postal Code") or ""),
        one_line(get("Address 1 - Country") or ""),
    )
    if not parts.is_empty():
        return parts
    return parse_address(get("Address 1 - Formatted") or "")


_ADDRESS_PARTS = ("street", "city", "region", "postcode", "country")


def _generic_address(by_target: dict[str, list[str]], targets: set[str]) -> PostalAddress:
    """An address from mapped columns. Without part columns, the address column is read
    into parts; with a street column, the parts are the columns (Rapport's own export
    writes both: its "address" column is the one-line form); with other part columns
    only, the address column holds the street lines."""
    whole = "\n".join(by_target.get("address", []))
    if not targets & set(_ADDRESS_PARTS):
        return parse_address(whole)
    if "street" in targets:
        streets = [line for value in by_target.get("street", []) for line in value.splitlines()]
    else:
        streets = whole.splitlines()

    def part(name: str) -> str:
        return one_line(" ".join(by_target.get(name, [])))

    return from_parts(streets, part("city"), part("region"), part("postcode"), part("country"))


def _client_columns(
    cells: dict[str, str], mapping: dict[str, str], contact: ContactIn
) -> str | None:
    """The columns mapped to what Rapport keeps beside the contact (Rapport's own export
    writes them): referrer, cadence, archive date. Why the row cannot be imported, or None.
    """
    value = {target: "" for target in ("referred_by", "cadence_days", "archived")}
    for column, target in mapping.items():
        if target in value and not value[target]:
            value[target] = cells.get(column, "")
    contact.referred_by = one_line(value["referred_by"])
    cadence = value["cadence_days"]
    if cadence:
        if not cadence.isdigit() or not 1 <= int(cadence) <= MAX_CADENCE_DAYS:
            return f"the cadence {cadence!r} is not a number of days from 1 to {MAX_CADENCE_DAYS}"
        contact.cadence_days = int(cadence)
    archived = value["archived"]
    if archived:
        try:
            contact.archived_at = datetime.fromisoformat(archived)
        except ValueError:
            return f"the archived date {archived!r} is not a date and time"
    return None


# -- writing -------------------------------------------------------------------------------
def neutralise(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if value.startswith(_DANGEROUS_START):
        return "'" + value
    return value


def _unneutralise(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(_DANGEROUS_START):
        return value[1:]
    return value


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    return str(value)


def write_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text (CRLF, as RFC 4180 and Excel expect) with every cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(cell(value)) for value in row])
    return "\ufeff" + buffer.getvalue()
