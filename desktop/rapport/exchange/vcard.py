"""vCard: contacts in (versions 2.1, 3.0 and 4.0, read with vobject) and out (version 4.0).

Reading is done card by card. The text is first cut into cards by their BEGIN/END lines,
so one broken card is skipped with its line number instead of sinking the file, and a
file that ends inside a card (truncated by a failed download or copy) is refused as a
whole. Before vobject sees a card, pictures and sounds (PHOTO, LOGO, SOUND, KEY: often
hundreds of kilobytes of base64 that Rapport does not keep) are dropped, and every other
line is held to a size: vobject needs seconds for a single long line.

Family is written the vCard 4.0 way (RFC 6350 ``RELATED``):
``RELATED;TYPE=child;VALUE=text;X-RAPPORT-RELATION=son:Jake``. ``TYPE`` is the RFC's word
(child, spouse, parent, sibling, kin, friend) when there is one; the parameter
``X-RAPPORT-RELATION`` keeps Rapport's own word (son, wife, dog) for a lossless round trip.
Reading also understands Apple's ``X-ABRELATEDNAMES`` with its ``X-ABLabel``, Android's
``X-ANDROID-CUSTOM`` relation rows and Evolution's ``X-SPOUSE``.

What is left out of a card that is read is listed, never dropped silently nor printed by
vobject on stderr: a line vobject cannot read (its log record is taken from its logger)
and a birthday or anniversary that is not a date are each a skipped item with the reason,
while the rest of the card is imported.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

from rapport.core.postal import PostalAddress, from_parts, parse_address
from rapport.exchange.common import (
    MAX_FIELD_CHARS,
    ContactIn,
    DateIn,
    ExchangeError,
    ParseResult,
    PersonIn,
    Skipped,
    check_contact,
    one_line,
    parse_day,
    relation_word,
    size_text,
)

# Properties that carry binary payloads Rapport does not keep.
DROPPED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
# A logical (unfolded) line longer than this is not a contact field.
MAX_LINE_CHARS = MAX_FIELD_CHARS + 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")

# Rapport's relation word -> the RFC 6350 RELATED type.
RFC_TYPES: dict[str, str] = {
    "son": "child",
    "daughter": "child",
    "child": "child",
    "wife": "spouse",
    "husband": "spouse",
    "spouse": "spouse",
    "partner": "spouse",
    "mother": "parent",
    "father": "parent",
    "parent": "parent",
    "brother": "sibling",
    "sister": "sibling",
    "sibling": "sibling",
    "grandson": "kin",
    "granddaughter": "kin",
    "grandchild": "kin",
    "relative": "kin",
    "friend": "friend",
}
# Android's contact relation types (ContactsContract.CommonDataKinds.Relation).
ANDROID_RELATIONS = {
    "1": "assistant",
    "2": "brother",
    "3": "child",
    "4": "partner",
    "5": "father",
    "6": "friend",
    "7": "manager",
    "8": "mother",
    "9": "parent",
    "10": "partner",
    "12": "relative",
    "13": "sister",
    "14": "spouse",
}


# vobject logs "Skipped line 7, message: ..." on its own stderr handler for every line it
# cannot read. Its logger is given one handler of ours, which hands each record to the
# card being read on this thread (an import preview runs on a worker thread).
VOBJECT_LOGGER = "vobject.base"
_reading = threading.local()
_taking = threading.Lock()


class _LeftOut(logging.Handler):
    """Collects vobject's messages for the card being read; nothing reaches stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        notes = getattr(_reading, "notes", None)
        if notes is not None:
            notes.append(record.getMessage())


def _take_vobject_log() -> None:
    """vobject's log records come to ``_LeftOut`` alone (once per process)."""
    logger = logging.getLogger(VOBJECT_LOGGER)
    with _taking:  # two imports starting at once must not add it twice
        if any(isinstance(handler, _LeftOut) for handler in logger.handlers):
            return
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(_LeftOut())
        logger.propagate = False


def _read_card(vobject: Any, text: str) -> tuple[Any, list[str]]:
    """One card read by vobject, and the lines it skipped (its messages, cleaned)."""
    _reading.notes = []
    try:
        card = vobject.readOne(text, ignoreUnreadable=True)
        notes: list[str] = _reading.notes
    finally:
        _reading.notes = None
    return card, [_skipped_line(note) for note in notes]


def _skipped_line(message: str) -> str:
    """ "Skipped line 7, message: At line 7: Failed to parse line: x" -> a reason."""
    text = one_line(message)
    match = re.search(r"Failed to parse line: (.*)$", text)
    if match:
        return (
            f"a line could not be read: {match.group(1)[:120]!r} (left out; the rest is imported)"
        )
    return f"a line could not be read ({text[:160]}); left out, the rest is imported"


def looks_like_vcard(text: str) -> bool:
    return "BEGIN:VCARD" in text[:4096].upper()


def parse(text: str, progress: Callable[[int, int], None] | None = None) -> ParseResult:
    """Every card of ``text``; broken cards are skipped with a reason, a cut file refused."""
    chunks = list(_cards(text))
    if not chunks:
        raise ExchangeError("no contacts found: the file has no BEGIN:VCARD ... END:VCARD card")
    import vobject  # heavy: only when a vCard is actually read

    _take_vobject_log()
    result = ParseResult(flavour="vCard")
    versions: set[str] = set()
    for number, (line, lines) in enumerate(chunks, start=1):
        where = f"card {number} (line {line})"
        if progress is not None and number % 200 == 0:
            progress(number, len(chunks))
        kept, problem = _prepare(lines)
        name_hint = _name_hint(lines)
        if problem is not None:
            result.skipped.append(Skipped(where, name_hint, problem))
            continue
        left_out: list[str] = []
        try:
            card, left_out = _read_card(vobject, "\r\n".join(kept) + "\r\n")
            contact = _contact(card, left_out)
        except Exception as exc:  # vobject raises many kinds on bad input; it is the file's fault
            reason = one_line(str(exc))[:160] or type(exc).__name__
            result.skipped.append(Skipped(where, name_hint, f"could not be read: {reason}"))
            continue
        contact.where = where
        versions.add(_value(card, "version") or "3.0")
        problem = check_contact(contact)
        if problem is not None:
            result.skipped.append(Skipped(where, contact.name or name_hint, problem))
            continue
        result.contacts.append(contact)
        # The contact is imported; what of it could not be is listed with it.
        result.skipped += [Skipped(where, contact.name, reason) for reason in left_out]
    if versions:
        result.flavour = "vCard " + "/".join(sorted(versions))
    return result


def _cards(text: str) -> Iterable[tuple[int, list[str]]]:
    """(first line number, physical lines) of each top-level card."""
    depth = 0
    start = 0
    current: list[str] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            if depth == 0:
                start, current = number, []
            depth += 1
        if depth > 0:
            current.append(line)
        if word == "END:VCARD" and depth > 0:
            depth -= 1
            if depth == 0:
                yield start, current
    if depth > 0:
        raise ExchangeError(
            f"the file ends in the middle of a contact (the card that starts on line {start} "
            "has no END:VCARD): it looks cut short. Nothing was imported; export it again."
        )


def _prepare(lines: list[str]) -> tuple[list[str], str | None]:
    """The card's lines without pictures; a reason when a field is too long."""
    kept: list[str] = []
    dropping = False
    logical = 0
    for line in lines:
        continuation = line[:1] in (" ", "\t")
        if continuation or (dropping and not _PROPERTY.match(line)):
            if dropping:
                continue
            logical += len(line)
        else:
            match = _PROPERTY.match(line)
            dropping = bool(match and match.group(1).upper() in DROPPED)
            if dropping:
                continue
            logical = len(line)
        if logical > MAX_LINE_CHARS:
            return [], (
                f"a field is {size_text(logical)} long (the limit is {size_text(MAX_FIELD_CHARS)})"
            )
        kept.append(line)
    return kept, None


def _name_hint(lines: list[str]) -> str:
    for line in lines:
        if line.upper().startswith("FN:") or line.upper().startswith("FN;"):
            return one_line(line.split(":", 1)[-1])[:80]
    return ""


def _value(card: Any, key: str) -> str:
    items = card.contents.get(key)
    return _text(items[0].value) if items else ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if _text(v))
    return str(value).strip()


def _contact(card: Any, left_out: list[str]) -> ContactIn:
    """The card as a contact; what of it cannot be read is added to ``left_out``."""
    contents = card.contents
    name = one_line(_value(card, "fn"))
    if not name and "n" in contents:
        n = contents["n"][0].value
        parts = [getattr(n, key, "") for key in ("prefix", "given", "additional", "family")]
        name = one_line(" ".join(_text(part) for part in parts))
    company = ""
    if "org" in contents:
        org = contents["org"][0].value
        company = one_line(_text(org[0] if isinstance(org, list) and org else org))
    if not name:
        name = company
    role = one_line(_value(card, "title") or _value(card, "role"))
    emails = _unique(_strip_scheme(_text(e.value), "mailto:") for e in contents.get("email", []))
    phones = _unique(_strip_scheme(_text(t.value), "tel:") for t in contents.get("tel", []))
    addresses = [_address(a.value) for a in _home_first(contents.get("adr", []))]
    notes = [_text(n.value) for n in contents.get("note", []) if _text(n.value)]
    # Links stay text in the notes: Rapport never opens what a file points at.
    notes += [f"Website: {_text(u.value)}" for u in contents.get("url", []) if _text(u.value)]
    contact = ContactIn(
        name=name,
        company=company,
        role=role,
        emails=emails,
        phones=phones,
        notes="\n\n".join(notes),
    )
    contact.set_address(next((a for a in addresses if not a.is_empty()), PostalAddress()))
    for key, label in (("bday", "birthday"), ("anniversary", "anniversary")):
        for prop in contents.get(key, []):
            day = _day(_text(prop.value), label, left_out)
            if day is not None:
                contact.dates.append(day)
    contact.people.extend(_people(card))
    contact.dates.extend(_apple_dates(card, left_out))
    return contact


# What exporters write for "no date" (Outlook's CSV, some phones): nothing to report.
NO_DATE = ("", "0/0/00", "0/0/0000", "--0000", "00000000", "0000-00-00")


def _day(value: str, label: str, left_out: list[str]) -> DateIn | None:
    """The yearly date ``value`` as ``label``; one that is not a date is listed, not lost."""
    day = parse_day(value)
    if day is not None:
        day.label = label
    elif value.strip() not in NO_DATE:
        left_out.append(
            f"{label} {one_line(value)[:40]!r} is not a date (left out; the rest is imported)"
        )
    return day


def _strip_scheme(value: str, scheme: str) -> str:
    return value[len(scheme) :] if value.lower().startswith(scheme) else value


def _unique(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        clean = one_line(value)
        if clean and clean.casefold() not in {s.casefold() for s in seen}:
            seen.append(clean)
    return seen


def _home_first(props: list[Any]) -> list[Any]:
    """The ADR properties with a home address first (a card goes to the home)."""
    return sorted(props, key=lambda prop: "HOME" not in _param(prop, "TYPE").upper())


def _lines(part: Any) -> list[str]:
    """A structured ADR component's lines: a list's items, a text's lines."""
    if part is None:
        return []
    if isinstance(part, list | tuple):
        return [line for item in part for line in _lines(item)]
    return [line.strip() for line in str(part).splitlines() if line.strip()]


def _address(value: Any) -> PostalAddress:
    """ADR's parts: post office box, extended address and street are the lines; then
    locality, region, postal code and country. Text without parts is read into them."""
    if not hasattr(value, "street"):
        return parse_address(_text(value))
    lines = _lines(value.box) + _lines(value.extended) + _lines(value.street)
    return from_parts(
        lines,
        one_line(_text(value.city)),
        one_line(_text(value.region)),
        one_line(_text(value.code)),
        one_line(_text(value.country)),
    )


def _param(prop: Any, key: str) -> str:
    values = prop.params.get(key.upper()) or []
    return ",".join(str(v) for v in values)


def _people(card: Any) -> list[PersonIn]:
    people: list[PersonIn] = []
    for prop in card.contents.get("related", []):
        value = _text(prop.value)
        kind = _param(prop, "VALUE").lower()
        if not value or (kind != "text" and re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I)):
            continue  # a URI (urn:uuid:..., mailto:...) points at a card, not a name
        relation = _param(prop, "X-RAPPORT-RELATION") or _param(prop, "TYPE").split(",")[0]
        people.append(PersonIn(one_line(value), relation_word(relation)))
    labels = {
        prop.group: _text(prop.value) for prop in card.contents.get("x-ablabel", []) if prop.group
    }
    for prop in card.contents.get("x-abrelatednames", []):
        if _text(prop.value):
            label = labels.get(prop.group, "") if prop.group else ""
            people.append(PersonIn(one_line(_text(prop.value)), relation_word(label)))
    for prop in card.contents.get("x-android-custom", []):
        fields = _text(prop.value).split(";")
        if len(fields) >= 3 and fields[0] == "vnd.android.cursor.item/relation" and fields[1]:
            code = fields[2]
            custom = fields[3] if code == "0" and len(fields) > 3 else None
            kind = custom or ANDROID_RELATIONS.get(code, "")
            people.append(PersonIn(one_line(fields[1]), relation_word(kind)))
    for key in ("x-spouse", "x-evolution-spouse", "x-kaddressbook-x-spousesname"):
        for prop in card.contents.get(key, []):
            if _text(prop.value):
                people.append(PersonIn(one_line(_text(prop.value)), "spouse"))
    return people


def _apple_dates(card: Any, left_out: list[str]) -> list[DateIn]:
    labels = {
        prop.group: _text(prop.value) for prop in card.contents.get("x-ablabel", []) if prop.group
    }
    found: list[DateIn] = []
    for key in ("x-abdate", "x-anniversary", "x-evolution-anniversary"):
        for prop in card.contents.get(key, []):
            label = labels.get(prop.group, "") if key == "x-abdate" else "anniversary"
            day = _day(_text(prop.value), relation_word(label) or "anniversary", left_out)
            if day is not None:
                found.append(day)
    return found


# -- writing -------------------------------------------------------------------------------
def write(contacts: Iterable[ContactIn]) -> str:
    """A vCard 4.0 file of ``contacts`` (CRLF line ends, lines folded as the RFC says)."""
    import vobject

    out: list[str] = []
    for contact in contacts:
        card = vobject.vCard()
        card.add("version").value = "4.0"
        card.add("prodid").value = "-//Rapport//Rapport//EN"
        if contact.uid:
            card.add("uid").value = contact.uid
        card.add("fn").value = contact.name
        words = contact.name.split()
        family = words[-1] if len(words) > 1 else ""
        given = " ".join(words[:-1]) if len(words) > 1 else contact.name
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if contact.company:
            card.add("org").value = [contact.company]
        if contact.role:
            card.add("title").value = contact.role
        for email in contact.emails:
            card.add("email").value = email
        for phone in contact.phones:
            card.add("tel").value = phone
        address = contact.address
        if not address.is_empty():
            adr = card.add("adr")
            adr.value = vobject.vcard.Address(
                street="\n".join(address.lines),
                city=address.city,
                region=address.region,
                code=address.postcode,
                country=address.country,
            )
            adr.type_param = "HOME"
        if contact.notes:
            card.add("note").value = contact.notes
        for day in contact.dates:
            key = {"birthday": "bday", "anniversary": "anniversary"}.get(day.label)
            if key and key not in card.contents:
                card.add(key).value = _day_text(day)
        for person in contact.people:
            if not person.name:
                continue
            prop = card.add("related")
            prop.value = person.name
            rfc = RFC_TYPES.get(person.relation)
            if rfc:
                prop.params["TYPE"] = [rfc]
            prop.params["VALUE"] = ["text"]
            if person.relation:
                prop.params["X-RAPPORT-RELATION"] = [person.relation]
        out.append(card.serialize())
    return "".join(out)


def _day_text(day: DateIn) -> str:
    if day.year:
        return f"{day.year:04d}{day.month:02d}{day.day:02d}"
    return f"--{day.month:02d}{day.day:02d}"
