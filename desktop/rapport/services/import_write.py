"""Writing a contacts import (vCard, CSV) all or nothing, without holding the book for long.

Other programs write the same book while an import runs (quick capture from a hotkey,
the window): SQLite lets one writer at a time and the others wait up to
``store.engine_sqlite.BUSY_TIMEOUT`` seconds. Writing 200,000 contacts row by row took more than a
minute inside one transaction, and captures failed. So the work is split:

1. ``prepare`` (no write lock; it only reads): every contact is matched against the
   book, entries of the file that are one person are merged, and every row to insert is
   built with its values converted for the database and its search document written,
   with staging ids counted from 1.
2. ``stage`` (no lock on the book): on SQLite the rows go into TEMP tables of the
   connection, which live in its own temporary database.
3. ``write`` (one transaction, short): what another program added since step 1 is
   matched against the new contacts (the same email or name: merged, not duplicated),
   each table's highest id becomes the offset of the staged ids, and the rows move into
   the book with one INSERT ... SELECT per table, done inside SQLite; then the known
   clients' empty fields and new emails, phones, people and dates.

A failure or a cancel anywhere rolls the transaction back: the import stays one
transaction, all or nothing, as before. The measured lock time for 200,000 contacts is
in docs/RELIABILITY.md (seconds, against the 15 s busy timeout; over a minute before).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from peewee import DatabaseError, fn

from rapport import clock
from rapport.core.names import fold
from rapport.exchange.common import ContactIn
from rapport.services import convert, indexing, merge
from rapport.services.matching import ClientMatcher
from rapport.store import engine, search, sql
from rapport.store import models as m

# Rows per executemany call: bounds the memory of one call, not a database limit.
_ROWS_PER_CALL = 5_000


@dataclass(slots=True)
class _New:
    """A client the import creates: the file's entries for them merged into one."""

    temp: int  # negative, while the import is planned
    contact: ContactIn
    stage: int = 0  # its id while staged (from 1); the book's id is this plus an offset
    # Per table, the rows' database values with id and client blank (``build_rows``),
    # and per searchable table each row's search (title, body).
    rows: dict[type[m.RecordModel], list[list[Any]]] = field(default_factory=dict)
    docs: dict[type[m.RecordModel], list[tuple[str, str]]] = field(default_factory=dict)


@dataclass
class Prepared:
    """Everything the write needs, built without the write lock."""

    max_client_id: int
    new: list[_New] = field(default_factory=list)
    # Known clients that may get something (fields, emails, phones, people, dates).
    fills: list[tuple[int, ContactIn]] = field(default_factory=list)
    # (client, referrer): temp ids for new clients, book ids for known ones.
    links: list[tuple[int, int]] = field(default_factory=list)
    skipped: int = 0
    now: datetime = field(default_factory=clock.now)
    # The rows wait in TEMP tables of the connection (``stage``), not in ``new``.
    staged: bool = False


def prepare(items: list[Any], tick: Callable[[int], None]) -> Prepared:
    """Match and merge every planned item (``PlanItem``s) against the book as it is now."""
    matcher = merge.book_matcher()
    prepared = Prepared(max_client_id=_max_id(m.Client))
    columns = [getattr(m.Client, f) for f in merge.FILLED_FIELDS]
    existing = {row["id"]: row for row in convert.dicts(m.Client.select(m.Client.id, *columns))}
    pending: dict[int, _New] = {}
    named: list[tuple[int, str]] = []
    for number, item in enumerate(items, start=1):
        tick(1)
        contact = item.contact
        if item.action == "skipped" or contact is None:
            prepared.skipped += 1
            continue
        match = matcher.match(contact.name, contact.emails)
        if match.how == "ambiguous":
            prepared.skipped += 1
            continue
        if match.client_id is None:
            target = -number
            matcher.add(target, contact.name, contact.emails, fuzzy=False)
            pending[target] = _New(target, _copy(contact))
            prepared.new.append(pending[target])
        elif match.client_id < 0:  # another entry of this file: one new client
            target = match.client_id
            _absorb(pending[target].contact, contact)
            matcher.add_emails(target, contact.emails)
        else:
            target = match.client_id
            row = existing.get(target)
            if row is None or merge.fills(row, contact) or contact.people or contact.dates:
                prepared.fills.append((target, contact))
                if row is not None:
                    row.update(merge.merged(row, contact))
            matcher.add_emails(target, contact.emails)
        if contact.referred_by:
            named.append((target, contact.referred_by))
    today = clock.today()
    next_stage: dict[Any, int] = dict.fromkeys(_MODELS, 1)
    for item in prepared.new:
        build_rows(item, prepared.now, today, next_stage)
    for target, referrer_name in named:  # once the whole file is known
        referrer = matcher.named(referrer_name)
        if referrer is not None and referrer != target:
            prepared.links.append((target, referrer))
    return prepared


def _copy(contact: ContactIn) -> ContactIn:
    return dataclasses.replace(
        contact,
        emails=list(contact.emails),
        phones=list(contact.phones),
        people=list(contact.people),
        dates=list(contact.dates),
    )


def _absorb(into: ContactIn, contact: ContactIn) -> None:
    """The merge rule between two entries of the file (the first one is the book's)."""
    have = {f: getattr(into, f) for f in merge.FILLED_FIELDS}
    for name, value in merge.merged(have, contact).items():
        setattr(into, name, value)
    into.people.extend(contact.people)
    into.dates.extend(contact.dates)


def write(prepared: Prepared) -> tuple[int, int]:
    """Write ``prepared`` inside the caller's transaction; (clients added, updated)."""
    now = prepared.now
    late = convert.tuples(
        m.Client.select(m.Client.id, m.Client.name, m.Client.emails).where(
            m.Client.id > prepared.max_client_id
        )
    )
    redirect: dict[int, int] = {}
    new = prepared.new
    fills = list(prepared.fills)
    skipped: list[int] = []
    late_rows = list(late)
    if late_rows:
        # Written by another program since ``prepare``: the same person is merged.
        others = ClientMatcher.from_rows(late_rows)
        keep: list[_New] = []
        for item in new:
            match = others.match(item.contact.name, item.contact.emails)
            if match.how in ("email", "name") and match.client_id is not None:
                redirect[item.temp] = match.client_id
                fills.append((match.client_id, item.contact))
                skipped.append(item.stage)
            else:
                keep.append(item)
        new = keep
    # A staged row's id plus its table's offset is its id in the book.
    offsets = dict(zip(_MODELS, engine.current().highest_ids(_MODELS), strict=True))
    for item in new:
        redirect[item.temp] = item.stage + offsets[m.Client]
    if prepared.staged:
        _copy_staged(offsets, skipped)
    else:
        _insert_rows(new, offsets)
    updated: set[int] = set()
    targets = {client_id for client_id, _ in fills}
    alive = (
        {row_id for (row_id,) in convert.tuples(m.Client.select(m.Client.id))} if targets else set()
    )
    for client_id, contact in fills:
        # A client deleted meanwhile is not brought back by a merge into it.
        if client_id in alive and merge.fill(client_id, contact, now):
            updated.add(client_id)
    created = {redirect[item.temp] for item in new}
    for target, referrer in prepared.links:
        client_id = redirect.get(target, target)
        referrer_id = redirect.get(referrer, referrer)
        if client_id == referrer_id:
            continue
        query = m.Client.update(referred_by=referrer_id).where(
            (m.Client.id == client_id) & m.Client.referred_by.is_null()
        )
        if query.execute() and client_id not in created:
            updated.add(client_id)
    return len(new), len(updated)


# The tables a new client's rows go into, parents first.
_MODELS: tuple[type[m.RecordModel], ...] = (m.Client, m.Person, m.ImportantDate)
_SEARCHED: tuple[type[m.RecordModel], ...] = (m.Client, m.Person)


def build_rows(item: _New, now: datetime, today: date, next_stage: dict[Any, int]) -> None:
    """The rows of one new client as the database stores them, with staging ids (from 1
    in each table; the write adds the table's highest id): the slow part of writing
    (folding, converting, search text), done before the lock."""
    contact = item.contact
    client = {
        "name": contact.name,
        "name_key": fold(contact.name),
        "created_at": now,
        "updated_at": now,
        "archived_at": contact.archived_at,
        **{f: getattr(contact, f) for f in merge.FILLED_FIELDS},
    }
    item.stage = next_stage[m.Client]
    next_stage[m.Client] += 1
    item.rows = {m.Client: [], m.Person: [], m.ImportantDate: []}
    item.docs = {m.Client: [], m.Person: []}
    _add(item, m.Client, client, next_stage)
    seen_people: set[str] = set()
    for person in contact.people:
        key = fold(person.name or "")
        if not person.name or key in seen_people:
            continue
        seen_people.add(key)
        birthday = person.birthday if person.birthday and person.birthday <= today else None
        row = {
            "name": person.name,
            "relation": person.relation.lower(),
            "birthday": birthday,
            "created_at": now,
            "updated_at": now,
        }
        _add(item, m.Person, row, next_stage)
    seen_dates: set[tuple[str, int, int]] = set()
    for day in contact.dates:
        label = (day.label or "date").lower()
        if (label, day.month, day.day) in seen_dates:
            continue
        seen_dates.add((label, day.month, day.day))
        date_row = {"label": label, "month": day.month, "day": day.day, "year": day.year}
        _add(item, m.ImportantDate, date_row, next_stage)


def _add(
    item: _New, model: type[m.RecordModel], row: dict[str, Any], next_stage: dict[Any, int]
) -> None:
    """One row's database values in column order, with its staging id and client."""
    if model is m.Client:
        row_id = item.stage
    else:
        row_id = next_stage[model]
        next_stage[model] += 1
    values = []
    for f in model._meta.sorted_fields:
        if f.name == "id":
            value: Any = row_id
        elif f.name == "client":
            value = item.stage
        elif f.name in row:
            value = f.db_value(row[f.name])
        else:
            value = f.db_value(f.default() if callable(f.default) else f.default)
        # What sqlite3's default adapter would do, once, here rather than under the lock.
        if isinstance(value, datetime):
            value = value.isoformat(" ")
        elif isinstance(value, date):
            value = value.isoformat()
        values.append(value)
    item.rows[model].append(values)
    if model in _SEARCHED:
        item.docs[model].append(indexing.DOC_OF_MODEL[model](row))


def stage(prepared: Prepared) -> None:
    """Copy the built rows into TEMP tables of this connection, where the engine can.

    TEMP tables live in the connection's own temporary database: writing them takes no
    lock on the book, so other programs write on while they fill. ``write`` then moves
    them into the book with one INSERT ... SELECT per table, done inside the database.
    """
    if not engine.current().stages_imports:
        return
    drop_stage()
    sql.stage_import(
        _MODELS,
        lambda model: (row for item in prepared.new for row in item.rows[model]),
        (
            (position, row[0], item.stage, title or "", body or "")
            for item in prepared.new
            for position, model in enumerate(_SEARCHED)
            for row, (title, body) in zip(item.rows[model], item.docs[model], strict=True)
        ),
    )
    prepared.staged = True
    for item in prepared.new:  # the rows are in the database now
        item.rows = {}
        item.docs = {}


def drop_stage() -> None:
    """Remove the TEMP tables of an import (after it, or before the next one)."""
    if not engine.current().stages_imports:
        return
    # The error that stopped the import is the one to report; TEMP tables go with the
    # connection anyway.
    with contextlib.suppress(DatabaseError):
        sql.drop_import_stage(_MODELS)


def _copy_staged(offsets: dict[type[m.RecordModel], int], skipped: list[int]) -> None:
    """Move the staged rows into the book (inside the write's transaction)."""
    docs = []
    if search.available():
        docs = [
            (search.KIND_BITS[indexing.KIND_OF_MODEL[model]] << search.ID_BITS, offsets[model])
            for model in _SEARCHED
        ]
    sql.copy_import_stage(_MODELS, offsets, skipped, docs)


def _insert_rows(new: list[_New], offsets: dict[type[m.RecordModel], int]) -> None:
    """Without staging (not SQLite): the built rows, ids shifted, one prepared INSERT
    per table executed for every row, then the search documents."""
    client_offset = offsets[m.Client]
    for model in _MODELS:
        fields = model._meta.sorted_fields
        names = [f.name for f in fields]
        client_at = names.index("client") if "client" in names else None
        statement, params = model.insert_many([[None] * len(fields)], fields=fields).sql()
        if len(params) != len(fields):  # every value must be a bound parameter
            raise RuntimeError(f"unexpected insert statement for {model.__name__}: {statement}")
        values: list[list[Any]] = []
        docs: list[tuple[str, int, int | None, str, str]] = []
        kind = indexing.KIND_OF_MODEL.get(model)
        for item in new:
            client_id = item.stage + client_offset
            item_docs = item.docs.get(model, [])
            for position, staged in enumerate(item.rows[model]):
                row = list(staged)
                row[0] += offsets[model]
                if client_at is not None:
                    row[client_at] = client_id
                values.append(row)
                if kind is not None:
                    docs.append((kind, row[0], client_id, *item_docs[position]))
        cursor = m.db.cursor()
        for start in range(0, len(values), _ROWS_PER_CALL):
            cursor.executemany(statement, values[start : start + _ROWS_PER_CALL])
        search.index_many(docs)


def _max_id(model: type[m.RecordModel]) -> int:
    return int(model.select(fn.MAX(model._meta.primary_key)).scalar() or 0)
