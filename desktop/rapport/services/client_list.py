"""The window's client list, a page at a time: filtered, sorted and counted in SQL.

The list never holds the whole book. ``page(query, offset, limit)`` reads the rows the
view is about to show (name, company, last contact, open tasks), ``count(query)`` says
how many there are in all, and ``position(query, client_id)`` where one client sits, so
the list can scroll to it. A query is the words typed in the filter (every word must be
in the name or the company, case and accents ignored), the column sorted by and whether
archived clients are shown.

Every query is indexed except the ones a typed filter or a sort by company or open tasks
asks for, which read the client table once (a few milliseconds for 5,000 clients).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import fn

from rapport.core.names import fold
from rapport.store import models as m
from rapport.store.db import contains, folded
from rapport.store.rows import moment

SORTS = ("name", "company", "last_contact", "open_tasks")


@dataclass(frozen=True, slots=True)
class ClientRow:
    """One line of the client list: just what the list shows and sorts by."""

    id: int
    name: str
    company: str
    last_contact_at: datetime | None
    open_tasks: int
    archived: bool


@dataclass(frozen=True)
class ClientQuery:
    """Which clients the list shows, in which order."""

    text: str = ""
    sort: str = "name"
    descending: bool = False
    include_archived: bool = False

    @property
    def words(self) -> list[str]:
        return fold(self.text).split()


def _open_tasks() -> Any:
    """The client's open tasks, a subquery counted on the (client, status) index."""
    task = m.Task.alias()
    return task.select(fn.COUNT(task.id)).where(task.client == m.Client.id, task.status == "open")


def _filtered(query: ClientQuery, *columns: Any) -> Any:
    select = m.Client.select(*columns)
    if not query.include_archived:
        select = select.where(m.Client.archived_at.is_null())
    for word in query.words:
        select = select.where(
            contains(m.Client.name_key, word) | contains(m.Client.company, word, fold_column=True)
        )
    return select


def _ordered(select: Any, query: ClientQuery, open_tasks: Any) -> Any:
    """Sorted by the query's column, then by name; never contacted comes first ascending."""
    down = query.descending
    if query.sort == "company":
        column = folded(m.Client.company)
        keys = [column.desc() if down else column.asc()]
    elif query.sort == "last_contact":
        column = m.Client.last_contact_at
        keys = [column.desc(nulls="LAST") if down else column.asc(nulls="FIRST")]
    elif query.sort == "open_tasks":
        counted = fn.COALESCE(open_tasks, 0)
        keys = [counted.desc() if down else counted.asc()]
    else:
        keys = [m.Client.name_key.desc() if down else m.Client.name_key.asc()]
    if query.sort != "name":
        keys.append(m.Client.name_key.asc())
    keys.append(m.Client.id.desc() if down and query.sort == "name" else m.Client.id.asc())
    return select.order_by(*keys)


def page(query: ClientQuery, offset: int, limit: int) -> list[ClientRow]:
    """Rows ``offset`` to ``offset + limit`` of the list, in two queries.

    The order is decided on ids alone (an index walk for the name and last-contact
    orders); then the rows of that page are read with their open tasks counted, so only
    the page's clients are counted, not every client to sort them.
    """
    ordered = _ordered(_filtered(query, m.Client.id), query, _open_tasks())
    ordered = ordered.offset(offset).limit(limit)
    ids = [cid for (cid,) in m.db.execute(ordered)]
    if not ids:
        return []
    details = m.Client.select(
        m.Client.id,
        m.Client.name,
        m.Client.company,
        m.Client.last_contact_at,
        m.Client.archived_at,
        _open_tasks(),
    ).where(m.Client.id.in_(ordered))
    rows = {row[0]: row for row in m.db.execute(details).fetchall()}
    out = []
    for cid in ids:
        _id, name, company, last, archived, tasks = rows[cid]
        out.append(
            ClientRow(cid, name, company or "", moment(last), int(tasks), archived is not None)
        )
    return out


def count(query: ClientQuery) -> int:
    """How many clients the list shows in all."""
    return int(_filtered(query, fn.COUNT(m.Client.id)).scalar() or 0)


def position(query: ClientQuery, client_id: int) -> int | None:
    """Where ``client_id`` is in the list (0 first), None when the list does not show it."""
    select = _ordered(_filtered(query, m.Client.id), query, _open_tasks())
    for index, (cid,) in enumerate(m.db.execute(select)):
        if cid == client_id:
            return index
    return None


@dataclass(frozen=True, slots=True)
class Listing:
    """The list's first rows, read in one go off the window's thread (ui/window_reads.py):
    ``rows`` run from the top to at least ``at_least`` rows and the client to keep."""

    query: ClientQuery
    total: int
    rows: tuple[ClientRow, ...]


def listing(
    query: ClientQuery, at_least: int, keep: int | None = None, page_size: int = 200
) -> Listing:
    """The first rows of the list, as many as the view had loaded (``at_least``) and at
    least down to ``keep`` when it is listed, in whole pages (the view fetches on from
    there)."""
    total = count(query)
    if not total:
        return Listing(query, 0, ())
    want = -(-max(at_least, 1) // page_size) * page_size
    rows = page(query, 0, want)
    if keep is not None and len(rows) < total and all(row.id != keep for row in rows):
        where = position(query, keep)
        if where is not None and where >= len(rows):
            further = -(-(where + 1) // page_size) * page_size
            rows += page(query, len(rows), further - len(rows))
    return Listing(query, total, tuple(rows))


def totals(include_archived: bool = False) -> tuple[int, int]:
    """(clients, their open tasks) for the window's status bar, in two counts."""
    clients = m.Client.select(fn.COUNT(m.Client.id))
    tasks = m.Task.select(fn.COUNT(m.Task.id)).where(
        m.Task.status == "open", m.Task.client.is_null(False)
    )
    if not include_archived:
        clients = clients.where(m.Client.archived_at.is_null())
        # Few clients are archived: leave their tasks out rather than join every task.
        archived = m.Client.select(m.Client.id).where(m.Client.archived_at.is_null(False))
        tasks = tasks.where(m.Task.client.not_in(archived))
    return int(clients.scalar() or 0), int(tasks.scalar() or 0)
