"""Taking a saved quick capture back in one step: what the save did, recorded as it did it.

``Recorder`` is opened by ``save_capture`` inside its transaction, before anything is
written. It notes the highest id of every book table (whatever the save inserts lies
above it, also the rows other services insert for it: the reply task, the introduction
chain, a lead's new client) and the images of the existing rows the save may change (the
matched client, the clients named as leads or referrers, their people, facts, dates,
open tasks, messages and introductions, and the tasks of those introductions). When the
save is done, ``finish`` compares: the rows above the marks are what the save created
(kept as an ``undo.Snapshot`` of their images), and every watched row that differs is a
change, kept with its image before and after.

``undo_capture`` deletes the created rows and puts the changed fields back, in one
transaction, with the search index following. It refuses (ValidationError) when the user
built on the save since: a row it created was edited, completed or deleted, something
else now points at one (a card for the conversation, a gift for the new person), or a
field it changed was changed again. An undo never destroys later work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NoReturn

from peewee import ForeignKeyField

from rapport.core.names import fold
from rapport.services import indexing
from rapport.services import undo as undo_service
from rapport.services.errors import ValidationError
from rapport.store import models as m
from rapport.store import sql
from rapport.store.db import transaction

Image = dict[str, Any]
# Kept by the services, not by the user: put back only when nothing moved them since.
DERIVED = {(m.Client, "last_contact_at"), (m.Client, "updated_at"), (m.Person, "updated_at")}
DERIVED |= {(m.Task, "updated_at")}


@dataclass
class CaptureUndo:
    """What one save did: rows created (their images), rows changed (before, after)."""

    label: str  # "the note about Bob Smith"
    note_text: str  # what was typed: the window offers it again as the draft
    created: undo_service.Snapshot
    changed: dict[type[m.RecordModel], dict[int, tuple[Image, Image]]] = field(default_factory=dict)

    @property
    def action(self) -> str:
        """What Edit ▸ Undo says it will undo: 'save of the note about Bob Smith'."""
        return f"save of {self.label}"

    @property
    def done(self) -> str:
        return f"Undid the save of {self.label}."

    @property
    def removed_client_ids(self) -> list[int]:
        return self.created.ids(m.Client)

    def undo(self) -> None:
        undo_capture(self)


class Recorder:
    """Opened before a save writes anything, inside its transaction; see the module doc.

    A save is timed (p95 ≤ 10 ms), so the recorder reads plain rows with SQL written once
    (building peewee queries cost more than running them) and turns into images only the
    rows that changed.
    """

    def __init__(
        self,
        client_id: int | None,
        names: Iterable[str],
        reserve: Sequence[tuple[type[m.BaseModel], int]] = (),
    ) -> None:
        """``reserve``: how many rows of each table the save may insert; where the engine
        numbers rows ahead (``sql.read_reserved_ids``: a team book), their ids are taken
        with the marks, after them, so that what the save inserts is above its marks."""
        keys = sorted({fold(n) for n in names if fold(n)})
        self.keys = set(keys)  # the folded names whose clients were looked up
        # The tables the save may write (what it takes ids for; clients when it may make
        # one): on a server ``finish`` reads their new rows without asking if they grew.
        self.likely = {model for model, count in reserve if count > 0}
        if client_id is None or m.Introduction in self.likely:
            self.likely.add(m.Client)
        reads = [sql.read_highest_ids(m.BOOK_MODELS)]
        if keys:
            reads.append(sql.read_ids_where_in(m.Client, "name_key", keys))
        ids_read = sql.read_reserved_ids(reserve)
        if ids_read is not None:
            reads.append(ids_read)
        # On a server the watched rows go in the same batch, their clients named by a
        # subquery (the ids above are known only from its answer): one round trip for all.
        within = _clients_within(client_id, keys) if sql.reads_in_one_trip() else None
        watch = [] if within is None else _watch_within(*within)
        found = sql.read_together([*reads, *watch])  # a team book's server: one round trip
        self.marks = _highest(found[0])
        if ids_read is not None:
            sql.keep_reserved_ids(reserve, found[len(reads) - 1][0])
        ids = {client_id} if client_id is not None else set()
        ids |= {int(row[0]) for row in (found[1] if keys else [])}
        self.ids = sorted(ids)
        if within is None:
            self.before = _watched(sql.read_together(_watch(self.ids)))
        else:
            watched = found[len(reads) :]
            self.before = _watched(watched[:-1], watched[-1]) if self.ids else {}

    def client_name(self, client_id: int) -> tuple[int, str, str] | None:
        """(id, name, name_key) of a client read above (the one the note is about), as
        ``sql.client_name`` reads it, so the save does not ask again (a round trip of every
        save on a team book); None when it was not read."""
        raw = self.before.get(m.Client, {}).get(client_id)
        if raw is None:
            return None
        name, key = (sql.columns(m.Client).index(c) for c in ("name", "name_key"))
        return int(raw[0]), raw[name], raw[key]

    def client_of_key(self, key: str) -> tuple[bool, int | None]:
        """(asked, id): whether the clients of the folded name ``key`` were read above, and
        then the first of them (lowest id, as ``sql.client_of_key`` finds it in a file) or
        None, so that a save naming a lead or a referrer does not ask again (a round trip
        on a team book). Rows the save itself inserts since are its caller's to know."""
        if key not in self.keys:
            return False, None
        column = sql.columns(m.Client).index("name_key")
        clients = self.before.get(m.Client, {})
        found = [row_id for row_id, raw in clients.items() if raw[column] == key]
        return True, min(found) if found else None

    def clients_named(self) -> dict[int, tuple[str, int | None]]:
        """{id: (name, referred_by id)} of the clients read above, as ``sql.clients_named``
        reads them (an introduction's lead and referrer)."""
        name, referred = (sql.columns(m.Client).index(c) for c in ("name", "referred_by_id"))
        return {
            int(row_id): (raw[name], raw[referred])
            for row_id, raw in self.before.get(m.Client, {}).items()
        }

    def open_tasks(self, client_id: int) -> list[tuple[int, str, Any]] | None:
        """(id, title, due as stored) of the client's open tasks with a title, by id, as
        read above (``sql.open_task_titles``'s answer before the save wrote any task); None
        when the client's tasks were not read."""
        if client_id not in self.ids:
            return None
        client, title, status, due = (
            sql.columns(m.Task).index(c) for c in ("client_id", "title", "status", "due")
        )
        return [
            (int(raw[0]), raw[title], raw[due])
            for row_id, raw in sorted(self.before.get(m.Task, {}).items())
            if raw[client] == client_id and raw[status] == "open" and raw[title] != ""
        ]

    def open_introductions_of_lead(self, client_id: int, day: date) -> list[Any] | None:
        """``sql.open_introductions_of_lead`` as read above (before the save wrote any
        introduction), as model instances by id; None when the client was not read."""
        if client_id not in self.ids:
            return None
        found = []
        for _row_id, raw in sorted(self.before.get(m.Introduction, {}).items()):
            image = _image(m.Introduction, raw)
            if image["lead"] != client_id or image["lead_answered_at"] is not None:
                continue
            if image["introduced_on"] <= day:
                row: Any = m.Introduction(__no_default__=1, **image)
                row._dirty.clear()  # as peewee's own rows read from a query
                found.append(row)
        return found

    def rows_of(self, model: type[m.RecordModel], client_id: int) -> list[Any] | None:
        """The client's rows of ``model`` (people, facts) as read above, as model instances
        by id (as ``sql.people_of`` reads them), so the save does not read them again;
        None when the client's rows were not read (a client the save creates)."""
        if client_id not in self.ids:
            return None
        client = sql.columns(model).index("client_id")
        found = []
        for row_id in sorted(self.before.get(model, {})):
            raw = self.before[model][row_id]
            if raw[client] == client_id:
                row: Any = model(__no_default__=1, **_image(model, raw))
                row._dirty.clear()  # as peewee's own rows read from a query
                found.append(row)
        return found

    def finish(self, label: str, text: str) -> CaptureUndo:
        """Still inside the save's transaction: what it created and what it changed."""
        created = undo_service.Snapshot(label)
        # Only the tables the save wrote to are read, with the watched rows: one batch. On
        # a server the tables it was likely to write are read in it at once (this
        # transaction's rows above the marks: an index's end, nothing where nothing was
        # written) with the highest ids, and any other table only if it grew: a round trip
        # fewer, where a file asks which tables grew first.
        watch = _watch(self.ids)
        introduction_tasks = None
        if sql.reads_in_one_trip():
            if self.ids:  # the tasks of the introductions in the same batch, as at the start
                marks = ", ".join("?" * len(self.ids))
                within = f'SELECT "id" FROM "client" WHERE "id" IN ({marks})'
                watch = _watch_within(within, list(self.ids))
            likely = [model for model in self.marks if model in self.likely]
            reads = [sql.read_after(model, self.marks[model]) for model in likely]
            found = sql.read_together([*reads, sql.read_highest_ids(m.BOOK_MODELS), *watch])
            if self.ids:
                introduction_tasks = found.pop()
            grown = [model for model, rows in zip(likely, found, strict=False) if rows]
            new_rows_of = dict(zip(likely, found, strict=False))
            highest = _highest(found[len(likely)])
            more = [g for g, top in highest.items() if g not in likely and top > self.marks[g]]
            if more:  # a table the save was not expected to write (or a colleague's rows)
                reads = [sql.read_after(model, self.marks[model]) for model in more]
                new_rows_of.update(zip(more, sql.read_together(reads), strict=True))
                grown += more
            found = [new_rows_of[model] for model in grown] + found[len(likely) + 1 :]
        else:
            grown = [model for model, top in highest_ids().items() if top > self.marks[model]]
            found = sql.read_together([*(sql.read_after(g, self.marks[g]) for g in grown), *watch])
        for model, new_rows in zip(grown, found, strict=False):
            created.rows[model] = [_image(model, raw) for raw in new_rows]
        record = CaptureUndo(label, text, created)
        after = _watched(found[len(grown) :], introduction_tasks)
        for model, rows in self.before.items():
            now = after.get(model, {})
            for row_id, raw in rows.items():
                if row_id in now and now[row_id] != raw:
                    change = (_image(model, raw), _image(model, now[row_id]))
                    record.changed.setdefault(model, {})[row_id] = change
        return record


Raw = tuple[Any, ...]  # a row as the driver gives it, columns in the model's order

# What a save about some clients may change, read together in this order (``_watch``):
# the clients, their people, facts, dates, messages, the introductions they are in (two
# plain indexed look-ups: an OR across the columns made SQLite scan the table) and their
# tasks (the open ones are kept). The tasks of those introductions are read after, when
# there are any (``_watched``).
_WATCHED: list[tuple[type[m.RecordModel], str]] = [
    (m.Client, "id"),
    (m.Person, "client_id"),
    (m.Fact, "client_id"),
    (m.ImportantDate, "client_id"),
    (m.Inbound, "client_id"),
    (m.Introduction, "lead_id"),
    (m.Introduction, "referrer_id"),
    (m.Task, "client_id"),
]


def _watch(ids: list[int]) -> list[sql.Read]:
    """The reads of the rows a save about these clients may change (none without clients)."""
    if not ids:
        return []
    return [sql.read_where_in(model, column, ids) for model, column in _WATCHED]


def _clients_within(client_id: int | None, keys: list[str]) -> tuple[str, list[Any]] | None:
    """The ids ``Recorder`` watches (the client, the clients of those names) as a subquery."""
    if client_id is None and not keys:
        return None
    text, params = sql.read_ids_where_in(m.Client, "name_key", keys) if keys else ("", [])
    if client_id is None:
        return text, params
    if not keys:
        return 'SELECT "id" FROM "client" WHERE "id" = ?', [client_id]
    return f'{text} OR "id" = ?', [*params, client_id]


def _watch_within(clients: str, params: list[Any]) -> list[sql.Read]:
    """``_watch``'s reads with the clients given by the subquery ``clients``, and then the
    tasks of the introductions they are in (``_watched``'s last read)."""
    reads = [sql.read_where_within(model, column, clients, params) for model, column in _WATCHED]
    introductions = (
        f'SELECT "id" FROM "introduction" WHERE "lead_id" IN ({clients}) '
        f'UNION SELECT "id" FROM "introduction" WHERE "referrer_id" IN ({clients})'
    )
    reads.append(sql.read_where_within(m.Task, "introduction_id", introductions, params * 2))
    return reads


def _watched(
    found: list[list[Raw]], introduction_tasks: list[Raw] | None = None
) -> dict[type[m.RecordModel], dict[int, Raw]]:
    """The rows ``_watch``'s reads found, by table and id (the client's open tasks only),
    with the tasks of the introductions found (read here unless given)."""
    rows: dict[type[m.RecordModel], dict[int, Raw]] = {}
    if not found:
        return rows
    status = sql.columns(m.Task).index("status")
    for (model, column), raws in zip(_WATCHED, found, strict=True):
        if (model, column) == (m.Task, "client_id"):
            raws = [t for t in raws if t[status] == "open"]
        rows.setdefault(model, {}).update((row[0], row) for row in raws)
    if introduction_tasks is None:
        introductions = sorted(rows[m.Introduction])
        introduction_tasks = sql.rows_where_in(m.Task, "introduction_id", introductions)
    rows[m.Task].update((row[0], row) for row in introduction_tasks)
    return rows


def _highest(rows: list[Raw]) -> dict[type[m.RecordModel], int]:
    return dict(zip(m.BOOK_MODELS, sql.highest_ids_of(rows), strict=True))


def _image(model: type[m.RecordModel], raw: Raw) -> Image:
    """A raw row as ``dict(row.__data__)`` would have it: field names, Python values."""
    image: Image = {}
    for field_, value in zip(model._meta.sorted_fields, raw, strict=True):
        image[field_.name] = None if value is None else field_.python_value(value)
    return image


def highest_ids() -> dict[type[m.RecordModel], int]:
    """The highest id of every book table, in one query (a save is timed: keep it cheap)."""
    highest = sql.highest_ids(list(m.BOOK_MODELS))
    return dict(zip(m.BOOK_MODELS, highest, strict=True))


def undo_capture(record: CaptureUndo) -> None:
    """Take the save back: its rows go, the rows it changed are as they were, or refuse."""
    with transaction():
        current = _check(record)
        created = record.created
        undo_service.unindex(created)
        for model in reversed(undo_service.INSERT_ORDER):
            ids = created.ids(model)
            if ids:
                model.delete().where(model.id.in_(ids)).execute()
        for model, rows in record.changed.items():
            for row_id, (before, after) in rows.items():
                _put_back(model, row_id, before, after, current[model][row_id])


def _check(record: CaptureUndo) -> dict[type[m.RecordModel], dict[int, Image]]:
    """Refuse when the user built on the save; returns the changed rows as they are now."""
    created = record.created
    for model in undo_service.INSERT_ORDER:
        images = {row["id"]: row for row in created.rows.get(model, [])}
        if not images:
            continue
        now = {r.id: dict(r.__data__) for r in model.select().where(model.id.in_(list(images)))}
        for row_id, image in images.items():
            if row_id not in now:
                _refuse(record, f"{describe(model, image)} was deleted since")
            if now[row_id] != image:
                _refuse(
                    record, f"{describe(model, image)} {_what_changed(model, image, now[row_id])}"
                )
    for model, fk in _links_into(created):
        target = fk.rel_model
        ids = created.ids(target)
        own = created.ids(model)
        query = model.select().where(fk.in_(ids) & model.id.not_in(own or [0])).limit(1)
        for row in query:
            parent = next(i for i in created.rows[target] if i["id"] == row.__data__[fk.name])
            _refuse(
                record,
                f"{describe(target, parent)} has {describe(model, row.__data__, True)} added since",
            )
    current: dict[type[m.RecordModel], dict[int, Image]] = {}
    for model, rows in record.changed.items():
        now = {r.id: dict(r.__data__) for r in model.select().where(model.id.in_(list(rows)))}
        current[model] = now
        for row_id, (before, after) in rows.items():
            if row_id not in now:
                _refuse(record, f"{describe(model, after)} was deleted since")
            for name in _fields_changed(before, after):
                if (model, name) not in DERIVED and now[row_id].get(name) != after.get(name):
                    _refuse(record, f"{describe(model, after)} was changed again since")
    return current


def _links_into(created: undo_service.Snapshot) -> list[tuple[type[m.RecordModel], Any]]:
    """Every foreign key, of any book table, that points at a table the save added rows to."""
    links = []
    for model in m.BOOK_MODELS:
        for fk in model._meta.sorted_fields:
            if isinstance(fk, ForeignKeyField) and created.ids(fk.rel_model):
                links.append((model, fk))
    # Name the nearest thing built on: "the conversation ... has a card", not "the client".
    return sorted(links, key=lambda link: link[1].rel_model is m.Client)


def _fields_changed(before: Image, after: Image) -> list[str]:
    return [name for name in after if before.get(name) != after.get(name)]


def _put_back(
    model: type[m.RecordModel], row_id: int, before: Image, after: Image, now: Image
) -> None:
    values: dict[Any, Any] = {}
    refresh_contact = False
    for name in _fields_changed(before, after):
        if (model, name) == (m.Client, "last_contact_at"):
            # Always recomputed from the conversations left: a conversation logged since, in
            # the same second as the save, leaves the stamp equal and restoring would lose it.
            refresh_contact = True
        elif now.get(name) == after.get(name):
            values[getattr(model, name)] = before.get(name)
        # else a derived stamp moved since (updated_at): the later value stands.
    if values:
        model.update(values).where(model.id == row_id).execute()
    if refresh_contact:
        from rapport.services.interactions import refresh_last_contact

        refresh_last_contact(row_id)
    if model in indexing.KIND_OF_MODEL:
        row = model.get_or_none(model.id == row_id)
        if row is not None:
            indexing.any_row(row)


def _what_changed(model: type[m.RecordModel], before: Image, now: Image) -> str:
    if model is m.Task and before.get("status") != now.get("status"):
        return "was completed since" if now.get("status") == "done" else "was reopened since"
    if model is m.Interaction and before.get("thanked_at") is None and now.get("thanked_at"):
        return "had its thank-you written since"
    return "was edited since"


def describe(model: type[m.RecordModel], data: Image, indefinite: bool = False) -> str:
    """A row in words: 'the task “Send pricing”', 'a card', 'the voicemail'."""
    article = "a" if indefinite else "the"
    if model is m.Client:
        return f"{article} client {data['name']}"
    noun, title = {
        m.Person: ("person", data.get("name") or data.get("relation")),
        m.Interaction: ("conversation", data.get("title")),
        m.Fact: ("fact", data.get("text")),
        m.Task: ("task", data.get("title")),
        m.Gift: ("gift", data.get("title")),
        m.ImportantDate: ("date", data.get("label")),
        m.Inbound: (str(data.get("channel") or "message"), None),
        m.Introduction: ("introduction", None),
        m.Card: ("card", None),
    }.get(model, (str(model._meta.table_name), None))
    if indefinite and noun[0] in "aeiou":
        article = "an"
    return f"{article} {noun} “{title}”" if title else f"{article} {noun}"


def _refuse(record: CaptureUndo, why: str) -> NoReturn:
    raise ValidationError(f"Can't undo the save of {record.label}: {why}.")
