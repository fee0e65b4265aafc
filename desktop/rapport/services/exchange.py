"""Import and export: read a file, show what it would do, then write it in one transaction.

``preview_import`` parses and validates the whole file and plans every contact: *new*,
*already known* (matched by email or name, see services/matching.py) or *skipped* with
the reason. Nothing is written. ``apply_import`` writes the plan in ONE transaction: if
anything fails or the user cancels, the book is exactly as before. A contacts file is
matched and its rows built before that transaction begins (services/import_write.py),
so the transaction is short and other programs' writes do not time out meanwhile.

The merge rule for a contact the book already knows (services/merge.py): fields that are
empty in the book are filled from the file, people and yearly dates the client does not
have yet are added, and nothing already in the book is changed or removed. Two entries of
the same file with the same email or name become one client the same way.

A full JSON export imported into an empty book restores it exactly (same ids, same
rows). Into a book that has data, its new clients come in with everything recorded about
them (under new ids), and clients the book already knows get their empty fields filled.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapport import clock
from rapport.core import control_chars
from rapport.core.postal import tidy
from rapport.exchange import csv_io, json_io, vcard
from rapport.exchange.common import (
    MAX_CONTACTS_FILE_BYTES,
    MAX_JSON_FILE_BYTES,
    ContactIn,
    ExchangeError,
    Skipped,
    decode,
    read_bytes,
)
from rapport.services import convert, dump, import_write, indexing, merge
from rapport.services.errors import ServiceError, ValidationError
from rapport.services.matching import Match
from rapport.services.when import day_first
from rapport.store import models as m
from rapport.store.db import long_transaction
from rapport.store.migrations import SCHEMA_VERSION

IMPORT_FORMATS = ("vcard", "csv", "json")
EXPORT_FORMATS = ("json", "csv", "vcard", "ics")
NAME_TARGETS = ("name", "first_name", "last_name")
FLAVOUR_NAMES = {
    "google": "Google Contacts CSV",
    "google-legacy": "Google CSV (older format)",
    "outlook": "Outlook CSV",
    "rapport": "Rapport clients CSV",
    "generic": "CSV with columns to map",
}
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "iso8859-1": "Latin-1",
}

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class ImportFailed(ServiceError):
    """A file that cannot be imported; nothing was written."""


class EncodingQuestion(ImportFailed):
    """The file is not UTF-8: ask the user before reading it as Windows-1252."""

    suggestion = "cp1252"


class ImportCancelled(ServiceError):
    def __init__(self) -> None:
        super().__init__("the import was cancelled; nothing was written")


@dataclass(slots=True)
class PlanItem:
    action: str  # new, known, skipped
    name: str
    detail: str = ""
    where: str = ""
    contact: ContactIn | None = None
    match_id: int | None = None


@dataclass
class ImportPlan:
    path: Path
    format: str
    flavour: str
    encoding: str
    items: list[PlanItem] = field(default_factory=list)
    # A CSV's columns, a few sample rows and the column -> field mapping in use.
    columns: list[str] = field(default_factory=list)
    samples: list[list[str]] = field(default_factory=list)
    mapping: dict[str, str] | None = None
    document: json_io.Document | None = None
    # What a JSON import brings besides clients: rows per table.
    extra: dict[str, int] = field(default_factory=dict)
    # Why nothing can be planned yet (a CSV whose mapping names no name column).
    problem: str = ""

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)

    @property
    def needs_mapping(self) -> bool:
        return self.format == "csv" and self.flavour in ("generic", "rapport")

    @property
    def writes_anything(self) -> bool:
        return any(item.action != "skipped" for item in self.items) or any(self.extra.values())

    @property
    def description(self) -> str:
        """'Google Contacts CSV (UTF-8)': what the file was read as."""
        kind = FLAVOUR_NAMES.get(self.flavour, self.flavour or self.format)
        return f"{kind} ({ENCODING_NAMES.get(self.encoding, self.encoding)})"

    def summary(self) -> str:
        text = (
            f"{self.count('new')} new, {self.count('known')} already known, "
            f"{self.count('skipped')} skipped"
        )
        extra = {k: v for k, v in self.extra.items() if v and k != "client"}
        if extra:
            text += " (with " + ", ".join(f"{v} {k} rows" for k, v in extra.items()) + ")"
        return text


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    updated: int
    skipped: int
    rows: dict[str, int] = field(default_factory=dict)


def detect_format(path: Path, head: bytes = b"") -> str:
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix == ".json":
        return "json"
    text = head[:4096].decode("utf-8", "ignore").lstrip("\ufeff \r\n\t")
    if text.upper().startswith("BEGIN:VCARD"):
        return "vcard"
    if text.startswith("{"):
        return "json"
    return "csv"


def preview_import(
    path: str | Path,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read, validate and plan ``path``; writes nothing. Raises ImportFailed for bad files."""
    path = Path(path)
    if format is not None and format not in IMPORT_FORMATS:
        raise ValidationError(f"unknown import format {format!r} (use vcard, csv or json)")
    try:
        format = format or detect_format(path, _head(path))
        limit = MAX_JSON_FILE_BYTES if format == "json" else MAX_CONTACTS_FILE_BYTES
        data = read_bytes(path, limit)
        text, used = decode(data, encoding)
        del data
        if format == "json":
            return _plan_json(path, text, used, progress)
        plan = ImportPlan(path, format, "", used, mapping=mapping)
        if format == "vcard":
            result = vcard.parse(text, progress)
        else:
            header, rows = csv_io.read_table(text)
            plan.columns = header
            plan.samples = [row[: len(header)] for row in rows[:3]]
            if csv_io.detect(header) == "rapport-tasks":
                raise ExchangeError(csv_io.TASKS_TABLE_MESSAGE)
            if csv_io.detect(header) in ("generic", "rapport"):
                plan.mapping = mapping or csv_io.guess_mapping(header)
                if not any(t in NAME_TARGETS for t in plan.mapping.values()):
                    plan.flavour = "generic"
                    plan.problem = "no column holds a name: map one to a name field"
                    return plan
            elif mapping is not None:
                raise ExchangeError(
                    "this is a Google or Outlook export: its columns are known, "
                    "no mapping is needed"
                )
            result = csv_io.parse(text, plan.mapping, progress, day_first())
    except ExchangeError as exc:
        error = EncodingQuestion if getattr(exc, "suggestion", None) else ImportFailed
        raise error(str(exc)) from None
    plan.flavour = result.flavour
    contacts: list[ContactIn] = []
    for contact in result.contacts:
        _clean_contact(contact)
        if contact.name.strip():
            contacts.append(contact)
        else:
            result.skipped.append(Skipped(contact.where, "", "no name"))
    plan.items = _plan_contacts(contacts)
    plan.items += [PlanItem("skipped", s.name, s.reason, s.where) for s in result.skipped]
    return plan


def _clean_contact(contact: ContactIn) -> None:
    """The one rule for control characters (core/control_chars.py), on every text."""
    for name in ("name", "company", "role", "notes", "how_we_met", "referred_by"):
        setattr(contact, name, control_chars.clean(getattr(contact, name)))
    contact.set_address(tidy(contact.address))
    contact.emails = [e for e in control_chars.clean_list(contact.emails) if e]
    contact.phones = [p for p in control_chars.clean_list(contact.phones) if p]
    for person in contact.people:
        person.name = control_chars.clean(person.name)
        person.relation = control_chars.clean(person.relation)
    for day in contact.dates:
        day.label = control_chars.clean(day.label)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(4096)
    except OSError:
        return b""  # read_bytes() reports the problem in words


def _describe(match: Match, contact: ContactIn, target: dict[str, Any] | None) -> str:
    how = {"email": "same email", "name": "same name", "similar": "similar name"}[match.how]
    changes = merge.describe_fills(target, contact) if target else []
    text = f"matches {match.name} ({how})"
    return text + ("; " + "; ".join(changes) if changes else "; nothing new")


def _plan_contacts(contacts: list[ContactIn]) -> list[PlanItem]:
    matcher = merge.book_matcher()
    fields = [getattr(m.Client, f) for f in merge.FILLED_FIELDS]
    existing = {row["id"]: row for row in convert.dicts(m.Client.select(m.Client.id, *fields))}
    planned: dict[int, dict[str, Any]] = {}
    items: list[PlanItem] = []
    for number, contact in enumerate(contacts, start=1):
        match = matcher.match(contact.name, contact.emails)
        if match.how == "ambiguous":
            items.append(
                PlanItem(
                    "skipped",
                    contact.name,
                    "could be " + " or ".join(match.candidates) + "; add it by hand",
                    contact.where,
                    contact,
                )
            )
        elif match.client_id is None:
            temp = -number  # a client this import will create
            matcher.add(temp, contact.name, contact.emails, fuzzy=False)
            planned[temp] = {f: getattr(contact, f) for f in merge.FILLED_FIELDS}
            items.append(
                PlanItem("new", contact.name, _new_detail(contact), contact.where, contact)
            )
        else:
            target = planned.get(match.client_id) or existing.get(match.client_id)
            detail = _describe(match, contact, target)
            if match.client_id < 0:
                detail = detail.replace("matches", "same person as another entry of this file:")
            if target is not None:  # what a later entry of the file finds there
                target.update(merge.merged(target, contact))
            matcher.add_emails(match.client_id, contact.emails)
            items.append(
                PlanItem("known", contact.name, detail, contact.where, contact, match.client_id)
            )
    for item in items:  # once the whole file is known: a referrer may come later in it
        referrer = item.contact.referred_by if item.contact is not None else ""
        if referrer and item.action != "skipped" and matcher.named(referrer) is None:
            item.detail += (
                f"{' · ' if item.detail else ''}referrer {referrer!r} not found, left out"
            )
    return items


def _client_fields(client_id: int) -> dict[str, Any] | None:
    """What the merge rule reads of one client of the book."""
    fields = [getattr(m.Client, f) for f in merge.FILLED_FIELDS]
    query = m.Client.select(*fields).where(m.Client.id == client_id).limit(1)
    return next(convert.dicts(query), None)


def _new_detail(contact: ContactIn) -> str:
    parts = [p for p in (contact.company, contact.emails[0] if contact.emails else "") if p]
    if contact.people:
        parts.append(
            ", ".join(
                f"{p.name} ({p.relation})" if p.relation else p.name for p in contact.people[:3]
            )
        )
    return " · ".join(parts)


def _plan_json(path: Path, text: str, encoding: str, progress: Progress | None) -> ImportPlan:
    document = json_io.load(text, dump.schema(), SCHEMA_VERSION, dump.ROW_CHECKS)
    plan = ImportPlan(path, "json", "Rapport export", encoding, document=document)
    plan.extra = {table: len(rows) for table, rows in document.tables.items()}
    people = Counter(row["client_id"] for row in document.tables.get("person", []))
    talks = Counter(row["client_id"] for row in document.tables.get("interaction", []))
    empty = not m.Client.select(m.Client.id).limit(1).exists()
    matcher = None if empty else merge.book_matcher()
    for row in document.tables.get("client", []):
        counts = [f"{people[row['id']]} people", f"{talks[row['id']]} conversations"]
        where = f"client id {row['id']}"
        contact = merge.contact_of_row(row)
        match = matcher.match(row["name"], row.get("emails") or []) if matcher else Match("none")
        if match.how == "ambiguous":
            plan.items.append(
                PlanItem(
                    "skipped",
                    row["name"],
                    "could be " + " or ".join(match.candidates),
                    where,
                    contact,
                )
            )
        elif match.client_id is None:
            plan.items.append(PlanItem("new", row["name"], " · ".join(counts), where, contact))
        else:
            target = _client_fields(match.client_id)
            detail = _describe(match, contact, target) + "; their history in the file stays out"
            plan.items.append(
                PlanItem("known", row["name"], detail, where, contact, match.client_id)
            )
    if not empty:
        # Settings and drafts of the book win; a merge brings only new clients' rows.
        plan.extra = {"client": plan.count("new")}
    return plan


def apply_import(
    plan: ImportPlan, progress: Progress | None = None, cancel: Cancel | None = None
) -> ImportResult:
    """Write ``plan`` in one transaction; ImportCancelled (nothing written) if cancelled."""
    total = max(1, sum(plan.extra.values()) if plan.format == "json" else len(plan.items))
    done = 0

    def tick(step: int = 1) -> None:
        nonlocal done
        done += step
        if done % 100 == 0:
            if cancel is not None and cancel():
                raise ImportCancelled()
            if progress is not None:
                progress(min(done, total), total)

    if plan.format == "json":
        with long_transaction("the import"):
            result = _apply_json(plan, tick)
            if cancel is not None and cancel():
                raise ImportCancelled()
    else:
        # Matched, merged and built without the write lock, then written in one short
        # transaction (services/import_write.py): captures made meanwhile do not fail.
        prepared = import_write.prepare(plan.items, tick)
        try:
            import_write.stage(prepared)
            if cancel is not None and cancel():
                raise ImportCancelled()
            with long_transaction("the import"):
                added, updated = import_write.write(prepared)
                if cancel is not None and cancel():
                    raise ImportCancelled()
        finally:
            import_write.drop_stage()
        result = ImportResult(added, updated, prepared.skipped)
    if progress is not None:
        progress(total, total)
    return result


def _apply_json(plan: ImportPlan, tick: Callable[[int], None]) -> ImportResult:
    assert plan.document is not None
    empty = not m.Client.select(m.Client.id).limit(1).exists()
    if empty:
        rows = dump.insert_document(plan.document, keep_ids=True, tick=tick)
        indexing.rebuild()
        return ImportResult(rows.get("client", 0), 0, 0, rows)
    matcher = merge.book_matcher()
    matched: dict[int, int | None] = {}
    skipped = updated = 0
    now = clock.now()
    for row in plan.document.tables.get("client", []):
        match = matcher.match(row["name"], row.get("emails") or [])
        if match.how == "ambiguous":
            skipped += 1
            matched[row["id"]] = None  # neither new nor merged: its rows stay out
        elif match.client_id is not None:
            matched[row["id"]] = match.client_id
            if merge.fill(match.client_id, merge.contact_of_row(row), now):
                updated += 1
    before = {model: _max_id(model) for model in dump.TABLES if issubclass(model, m.RecordModel)}
    rows = dump.insert_document(
        plan.document,
        keep_ids=False,
        skip_clients=matched,
        tick=tick,
    )
    # Index what was added: every row with an id above the book's previous highest.
    for model in indexing.KIND_OF_MODEL:
        for row in model.select().where(model.id > before[model]).iterator():
            indexing.any_row(row)
    return ImportResult(rows.get("client", 0), updated, skipped, rows)


def _max_id(model: type[m.RecordModel]) -> int:
    from peewee import fn

    return int(model.select(fn.MAX(model.id)).scalar() or 0)


def export(
    path: str | Path, format: str | None = None, progress: Progress | None = None
) -> list[Path]:
    """Write the book to ``path`` as json, csv, vcard or ics; returns the files written."""
    from rapport.services import export as exporter

    path = Path(path)
    format = format or exporter.format_of(path)
    if format not in EXPORT_FORMATS:
        raise ValidationError(f"unknown export format {format!r} (use json, csv, vcard or ics)")
    return exporter.EXPORTERS[format](path, progress)
