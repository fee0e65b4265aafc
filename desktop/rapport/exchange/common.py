"""What every format module shares: the parsed contact, limits, and decoding text safely.

Imported files are untrusted. Before any parser sees a byte, the file's size is checked
(a single 20 MB line keeps vobject busy for more than ten seconds), the text is decoded
strictly (UTF-8 with or without a BOM, UTF-16 with a BOM; Windows-1252 or Latin-1 only when
the user says so) and every field is held to a size. Links found in a file (``http:``,
``file:``) are kept as text: nothing here or later opens them.

This package does no database work: parsers return plain dataclasses and writers take
plain data; ``services/exchange.py`` does the matching and the one transaction.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from rapport.core.postal import PostalAddress, from_parts, problem

# Contacts files (vCard, CSV). A full JSON export of a large book is bigger by nature.
MAX_CONTACTS_FILE_BYTES = 20 * 1024 * 1024
MAX_JSON_FILE_BYTES = 256 * 1024 * 1024
# One field of an imported contact (a note, an address). Longer means a broken or
# hostile file, not a contact.
MAX_FIELD_CHARS = 64 * 1024
MAX_NAME_CHARS = 300

ENCODINGS_AFTER_ASKING = ("cp1252", "latin-1")


class ExchangeError(ValueError):
    """A file that cannot be imported as a whole; the message is for the user."""


class EncodingNeeded(ExchangeError):
    """The file is not UTF-8; reading it as Windows-1252 needs the user's say-so."""

    suggestion = "cp1252"


@dataclass(slots=True)
class DateIn:
    """A yearly date from a file: a birthday, an anniversary."""

    label: str
    month: int
    day: int
    year: int | None = None


@dataclass(slots=True)
class PersonIn:
    """Someone in a contact's life, as a file names them (a child, a spouse)."""

    name: str
    relation: str = ""
    birthday: date | None = None


@dataclass(slots=True)
class ContactIn:
    """One contact read from a file, normalised, before it meets the book."""

    name: str
    company: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    # The postal address in parts, named as the client's columns (``address`` reads and
    # writes them as one PostalAddress).
    address_lines: str = ""
    city: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""
    notes: str = ""
    how_we_met: str = ""
    people: list[PersonIn] = field(default_factory=list)
    dates: list[DateIn] = field(default_factory=list)
    # Only Rapport's own CSV export has these: the referrer's name (linked to the client
    # of that name, in the book or the file), the keep-in-touch cadence, when archived.
    referred_by: str = ""
    cadence_days: int | None = None
    archived_at: datetime | None = None
    # Where it came from, for messages: "card 12 (line 140)", "row 7".
    where: str = ""
    # A stable identifier when exporting (vCard UID); ignored on import.
    uid: str = ""

    @property
    def address(self) -> PostalAddress:
        return from_parts(self.address_lines, self.city, self.region, self.postcode, self.country)

    def set_address(self, address: PostalAddress) -> None:
        self.address_lines = "\n".join(address.lines)
        self.city, self.region = address.city, address.region
        self.postcode, self.country = address.postcode, address.country


@dataclass(slots=True)
class Skipped:
    where: str
    name: str
    reason: str


@dataclass(slots=True)
class ParseResult:
    contacts: list[ContactIn] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # google, google-legacy, outlook, rapport, generic (CSV); 3.0 or 4.0 (vCard)
    flavour: str = ""


def read_bytes(path: Path, limit: int = MAX_CONTACTS_FILE_BYTES) -> bytes:
    """The file's bytes, refused before reading when it is larger than ``limit``."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ExchangeError(f"{path} does not exist") from None
    except OSError as exc:
        raise ExchangeError(f"cannot read {path}: {exc.strerror}") from None
    if not path.is_file():
        raise ExchangeError(f"{path} is not a file")
    if size > limit:
        raise ExchangeError(
            f"{path.name} is {_megabytes(size)}; the limit for this kind of file is "
            f"{_megabytes(limit)}. Split it into smaller files and import them one by one."
        )
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit: a file that grew since stat() is caught too.
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ExchangeError(f"cannot read {path}: {exc.strerror}") from None
    if len(data) > limit:
        raise ExchangeError(f"{path.name} is larger than {_megabytes(limit)}")
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Without ``encoding``: BOMs, then strict UTF-8, else ask."""
    if encoding:
        return _decode_as(data, encoding), _canonical(encoding)
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data, "utf-8-sig"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16"), "utf-16"
    if b"\x00" in data[:65536]:
        raise ExchangeError(
            "this is not a text file (it contains binary data); export the contacts as "
            "vCard (.vcf) or CSV and import that"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingNeeded(
            f"the file is not UTF-8 text (byte {exc.start} cannot be read). Files saved on "
            "Windows are often Windows-1252; to read it that way, import it with "
            "--encoding cp1252"
        ) from None
    return _clean_text(text), "utf-8"


def _canonical(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ExchangeError(
            f"unknown encoding {encoding!r}; use utf-8, cp1252, latin-1 or utf-16"
        ) from None
    if _canonical(encoding) == "utf-8" and data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ExchangeError(
            f"the file cannot be read as {_canonical(encoding)} (byte {exc.start}); "
            "try another --encoding"
        ) from None
    return _clean_text(text)


def _clean_text(text: str) -> str:
    if "\x00" in text:
        raise ExchangeError("this is not a text file (it contains NUL characters)")
    return text.removeprefix("\ufeff")


def too_long(value: str, limit: int = MAX_FIELD_CHARS) -> bool:
    return len(value) > limit


def size_text(chars: int) -> str:
    if chars >= 1024 * 1024:
        return f"{chars / (1024 * 1024):.1f} M characters"
    if chars >= 1024:
        return f"{chars // 1024} K characters"
    return f"{chars} characters"


def one_line(value: str) -> str:
    return " ".join(value.split())


def check_contact(contact: ContactIn) -> str | None:
    """Why this contact cannot be imported (a size or a missing name), or None."""
    if not contact.name.strip():
        return "no name"
    if len(contact.name) > MAX_NAME_CHARS:
        return f"the name is {size_text(len(contact.name))} long (the limit is {MAX_NAME_CHARS})"
    for label, value in (
        ("company", contact.company),
        ("role", contact.role),
        ("address", contact.address_lines),
        ("notes", contact.notes),
        ("how we met", contact.how_we_met),
    ):
        if too_long(value):
            return (
                f"the {label} is {size_text(len(value))} long "
                f"(the limit is {size_text(MAX_FIELD_CHARS)})"
            )
    why = problem(contact.address)
    if why:
        return why
    for value in (*contact.emails, *contact.phones):
        if len(value) > 320:
            return f"an email or phone is {size_text(len(value))} long"
    for person in contact.people:
        if len(person.name) > MAX_NAME_CHARS:
            return "a related person's name is too long"
    return None


RELATION_WORDS: dict[str, str] = {
    # What files call a relation -> Rapport's relation word (core.records.RELATIONS).
    "child": "child",
    "children": "child",
    "kid": "child",
    "son": "son",
    "daughter": "daughter",
    "spouse": "spouse",
    "wife": "wife",
    "husband": "husband",
    "partner": "partner",
    "domestic partner": "partner",
    "sweetheart": "partner",
    "parent": "parent",
    "mother": "mother",
    "father": "father",
    "sibling": "sibling",
    "brother": "brother",
    "sister": "sister",
    "grandchild": "grandchild",
    "grandson": "grandson",
    "granddaughter": "granddaughter",
    "pet": "pet",
    "dog": "dog",
    "cat": "cat",
    "friend": "friend",
    "relative": "relative",
    "kin": "relative",
    "assistant": "assistant",
    "manager": "manager",
}


def relation_word(label: str) -> str:
    """'_$!<Child>!$_' or 'Child' or 'CHILD' -> 'child'; unknown labels are kept, folded."""
    text = label.strip()
    if text.startswith("_$!<") and text.endswith(">!$_"):
        text = text[4:-4]
    key = " ".join(text.lower().replace("-", " ").split())
    return RELATION_WORDS.get(key, key[:40])


def parse_day(text: str, day_first: bool = False) -> DateIn | None:
    """A birthday as files write it: 1980-05-17, 19800517, --05-17, --0517, 5/17/1980
    (17/5/1980 with ``day_first``: the user's date order, services/when.py)."""
    value = text.strip()
    if not value or value in ("0/0/00", "0/0/0000"):
        return None
    value = value.split("T", 1)[0]
    year: int | None
    try:
        if value.startswith("--"):
            digits = value[2:].replace("-", "")
            if len(digits) != 4 or not digits.isdigit():
                return None
            year, month, day = None, int(digits[:2]), int(digits[2:])
        elif "/" in value:
            # Outlook writes its CSV export's dates in the user's order: month/day/year in
            # US English, day/month/year in most other places.
            parts = value.split("/")
            if len(parts) != 3:
                return None
            month, day, year = int(parts[0]), int(parts[1]), int(parts[2])
            if day_first:
                month, day = day, month
            if year < 100:
                return None
        else:
            digits = value.replace("-", "")
            if len(digits) != 8 or not digits.isdigit():
                return None
            year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
        date(year or 2000, month, day)
    except ValueError:
        return None
    if year is not None and not 1800 <= year <= 2200:
        return None
    return DateIn("", month, day, year)
