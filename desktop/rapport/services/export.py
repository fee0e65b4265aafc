"""Writing the book out: JSON (everything), CSV (clients and tasks), vCard, iCalendar.

Files are written next to their final name and renamed into place, so a crash or a full
disk never leaves half an export under the user's file name; they are created 0600,
since they hold the same private notes as the book.

CSV is two tables. ``rapport export book.csv`` writes ``book-clients.csv`` and
``book-tasks.csv`` beside each other; exporting to an existing folder writes
``clients.csv`` and ``tasks.csv`` inside it.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from rapport import __version__, clock
from rapport.core import postal
from rapport.exchange import csv_io, ics, json_io, vcard
from rapport.exchange.common import ContactIn, DateIn, PersonIn
from rapport.paths import private_umask
from rapport.services import convert, dump, settings
from rapport.services.errors import ValidationError
from rapport.store import engine
from rapport.store import models as m
from rapport.store.db import transaction
from rapport.store.migrations import SCHEMA_VERSION

T = TypeVar("T")

Progress = Callable[[int, int], None]
SUFFIXES = {".json": "json", ".csv": "csv", ".vcf": "vcard", ".vcard": "vcard", ".ics": "ics"}


def format_of(path: Path) -> str:
    if path.is_dir():
        return "csv"
    found = SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise ValidationError(
            f"cannot tell the format from {path.name!r}; add --format json, csv, vcard or ics"
        )
    return found


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, readable by the owner only."""
    if not path.parent.is_dir():
        raise ValidationError(f"the folder {path.parent} does not exist")
    partial = path.with_name(f".{path.name}.partial")
    try:
        with private_umask():
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    return path


def write_private_rendered(path: Path, render: Callable[[Path], T]) -> T:
    """Have ``render`` write a file (a PDF through Qt), then put it at ``path`` as exports
    are written: 0600 whatever the umask, and atomically, so a failure leaves no half file
    and an existing file at ``path`` is replaced whole (its old permissions with it)."""
    with private_umask(), tempfile.TemporaryDirectory(prefix="rapport-") as folder:
        scratch = Path(folder) / path.name
        result = render(scratch)
        write_private(path, scratch.read_bytes())
    return result


@contextmanager
def snapshot() -> Iterator[None]:
    """A read transaction: one consistent view of the book, without blocking writers."""
    with engine.current().snapshot():
        yield


def book_id() -> str:
    """A random id for this book, made once: calendar and card UIDs stay stable with it."""
    value = settings.get("book_id")
    if isinstance(value, str) and value:
        return value
    value = uuid.uuid4().hex[:16]
    with transaction():
        m.Setting.insert(key="book_id", value=value).on_conflict(
            conflict_target=[m.Setting.key], update={m.Setting.value: value}
        ).execute()
    return value


def json_header() -> dict[str, Any]:
    """What a JSON export says of itself before its tables."""
    return {
        "format": json_io.FORMAT,
        "version": json_io.VERSION,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": clock.now().isoformat(timespec="seconds"),
    }


def export_json(path: Path, progress: Progress | None = None) -> list[Path]:
    header = json_header()
    with snapshot():  # one consistent view, even while another program writes
        tables = dump.dump_tables()
    text = json_io.dump(header, tables)
    return [write_private(path, text.encode("utf-8"))]


def _csv_paths(path: Path) -> tuple[Path, Path]:
    if path.is_dir():
        return path / "clients.csv", path / "tasks.csv"
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    return (
        stem.with_name(f"{stem.name}-clients.csv"),
        stem.with_name(f"{stem.name}-tasks.csv"),
    )


def export_csv(path: Path, progress: Progress | None = None) -> list[Path]:
    clients_path, tasks_path = _csv_paths(path)
    today = clock.today()
    with snapshot():
        # Looked up by optional links too (a client nobody referred: None, no name).
        names: dict[int | None, str] = dict(
            convert.tuples(m.Client.select(m.Client.id, m.Client.name))
        )
        client_rows = [
            [
                c.id,
                c.name,
                c.company,
                c.role,
                c.emails,
                c.phones,
                postal.one_line(convert.postal_address(c)),
                c.how_we_met,
                names.get(c.referred_by_id, ""),
                c.cadence_days,
                c.notes,
                c.last_contact_at,
                c.created_at,
                c.archived_at,
                c.address_lines,
                c.city,
                c.region,
                c.postcode,
                c.country,
            ]
            for c in m.Client.select().order_by(m.Client.name_key, m.Client.id)
        ]
        task_rows = []
        for t in m.Task.select().order_by(m.Task.due.asc(nulls="LAST"), m.Task.id):
            status = t.status
            if status == "open" and t.snoozed_until and t.snoozed_until > today:
                status = "snoozed"
            task_rows.append(
                [
                    t.id,
                    t.title,
                    names.get(t.client_id, ""),
                    t.client_id,
                    t.kind,
                    status,
                    t.due,
                    t.promised,
                    t.snoozed_until,
                    t.done_at,
                    t.notes,
                    t.created_at,
                ]
            )
    return [
        write_private(
            clients_path,
            csv_io.write_table(csv_io.RAPPORT_CLIENT_HEADER, client_rows).encode("utf-8"),
        ),
        write_private(
            tasks_path, csv_io.write_table(csv_io.RAPPORT_TASK_HEADER, task_rows).encode("utf-8")
        ),
    ]


def export_vcard(path: Path, progress: Progress | None = None) -> list[Path]:
    book = book_id()
    with snapshot():
        people: dict[int, list[PersonIn]] = {}
        for p in m.Person.select().order_by(m.Person.id):
            if p.name:
                people.setdefault(p.client_id, []).append(PersonIn(p.name, p.relation))
        dates: dict[int, list[DateIn]] = {}
        for d in m.ImportantDate.select().where(
            m.ImportantDate.person.is_null(), convert.real_dates()
        ):
            dates.setdefault(d.client_id, []).append(DateIn(d.label, d.month, d.day, d.year))
        contacts = [
            ContactIn(
                name=c.name,
                company=c.company,
                role=c.role,
                emails=list(c.emails),
                phones=list(c.phones),
                address_lines=c.address_lines,
                city=c.city,
                region=c.region,
                postcode=c.postcode,
                country=c.country,
                notes=c.notes,
                people=people.get(c.id, []),
                dates=dates.get(c.id, []),
                uid=f"client-{c.id}@{book}.rapport",
            )
            for c in m.Client.select().order_by(m.Client.name_key, m.Client.id)
        ]
    text = vcard.write(contacts)
    return [write_private(path, text.encode("utf-8"))]


def export_ics(path: Path, progress: Progress | None = None) -> list[Path]:
    book = book_id()
    with snapshot():
        clients: dict[int | None, m.Client] = {
            c.id: c for c in m.Client.select(m.Client.id, m.Client.name, m.Client.company)
        }
        todos = [
            ics.TodoOut(
                uid=f"task-{t.id}@{book}.rapport",
                title=t.title,
                due=t.due,
                description=_task_description(clients.get(t.client_id), t.notes),
                category="Promise" if t.promised else t.kind.replace("_", " ").capitalize(),
                last_modified=t.updated_at,
            )
            for t in m.Task.select().where(m.Task.status == "open").order_by(m.Task.id)
        ]
        persons = {p.id: p for p in m.Person.select()}
        yearly: list[ics.YearlyOut] = []
        has_birthday_date: set[int] = set()
        for d in m.ImportantDate.select().where(convert.real_dates()).order_by(m.ImportantDate.id):
            client = clients.get(d.client_id)
            person = persons.get(d.person_id) if d.person_id else None
            if person is not None and d.label == "birthday":
                has_birthday_date.add(person.id)
            yearly.append(
                ics.YearlyOut(
                    uid=f"date-{d.id}@{book}.rapport",
                    summary=_date_summary(d.label, client, person),
                    month=d.month,
                    day=d.day,
                    year=d.year,
                    description=_who(client),
                    category=d.label.capitalize(),
                )
            )
        for person in persons.values():
            if person.birthday and person.id not in has_birthday_date:
                client = clients.get(person.client_id)
                yearly.append(
                    ics.YearlyOut(
                        uid=f"person-birthday-{person.id}@{book}.rapport",
                        summary=_date_summary("birthday", client, person),
                        month=person.birthday.month,
                        day=person.birthday.day,
                        year=person.birthday.year,
                        description=_who(client),
                        category="Birthday",
                    )
                )
    data = ics.write(todos, yearly, clock.now())
    return [write_private(path, data)]


def _who(client: m.Client | None) -> str:
    if client is None:
        return ""
    return f"{client.name} · {client.company}" if client.company else client.name


def _task_description(client: m.Client | None, notes: str) -> str:
    parts = [f"For {_who(client)}" if client else "", notes or ""]
    return "\n\n".join(part for part in parts if part)


def _date_summary(label: str, client: m.Client | None, person: m.Person | None) -> str:
    owner = client.name if client else "?"
    if person is not None:
        name = person.name or f"{owner}'s {person.relation}"
        relation = f" ({owner}'s {person.relation})" if person.name and person.relation else ""
        return f"{name}'s {label}{relation}"
    return f"{owner}'s {label}"


EXPORTERS: dict[str, Callable[[Path, Progress | None], list[Path]]] = {
    "json": export_json,
    "csv": export_csv,
    "vcard": export_vcard,
    "ics": export_ics,
}
