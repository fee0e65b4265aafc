"""The client list's model: rows fetched a page at a time as the list scrolls.

A book of 5,000 clients is never read whole. The model knows how many clients match
(``total``) and holds the first pages; Qt's ``canFetchMore``/``fetchMore`` ask for the
next page when the view scrolls near the end. Filtering and sorting happen in SQL
(services/client_list.py): typing a word or clicking a column header reads the first
page again, in the new order. Going to a client that is not loaded yet (reopening the
last client, a search result) loads the pages up to it.

After a save or another program's write the window reads the first rows on its worker
(ui/window_reads.py) and hands them over whole (``apply``): one reset, with each cell's
text already made, so that the view measures and paints the rows without a query or a
date formatted on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rapport.services import client_list
from rapport.services.client_list import ClientRow
from rapport.ui.table_model import ROLES, Column, cell, header
from rapport.ui.window_reads import Latest, ListRead

AnyIndex = QModelIndex | QPersistentModelIndex
PAGE = 200
# Column number -> how services/client_list.py sorts it.
SORT_KEYS = ("name", "company", "last_contact", "open_tasks")
DISPLAY = int(Qt.ItemDataRole.DisplayRole)


class ClientListModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column[ClientRow]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[ClientRow] = []
        self._texts: list[tuple[str, ...]] = []  # what each cell shows, made with the rows
        self._positions: dict[int, int] = {}
        self.query = client_list.ClientQuery()
        self.total = 0  # clients matching the query, loaded or not
        self.loaded = False  # read at least once (an empty book reads as 0)
        self.reads = Latest()  # a read in place, or a newer one, makes older ones stale

    # -- what is shown ---------------------------------------------------------------------
    def set_query(self, **changes: Any) -> None:
        """Change the filter text, sort or archived flag and read the first page again."""
        self.query = client_list.ClientQuery(**{**self.query.__dict__, **changes})
        self.reload()

    def reload(self) -> None:
        self.reads.take()
        # Read before the reset: a read that fails (the team server away) leaves the rows
        # shown as they were, never a reset begun and not ended.
        total = client_list.count(self.query)
        rows = client_list.page(self.query, 0, PAGE) if total else []
        texts = list(self.prepare(rows))
        self.beginResetModel()
        self.total, self._rows, self._texts = total, rows, texts
        self._positions = {row.id: index for index, row in enumerate(self._rows)}
        self.loaded = True
        self.endResetModel()

    def prepare(self, rows: Sequence[ClientRow]) -> tuple[tuple[str, ...], ...]:
        """What each cell of ``rows`` shows (no Qt: the worker calls it with its read)."""
        columns = self._columns
        return tuple(
            tuple("" if (v := c.value(row)) is None else str(v) for c in columns) for row in rows
        )

    def apply(self, read: ListRead, ticket: int) -> bool:
        """Show rows read on the worker for ``ticket``; False (nothing changed) when a newer
        read was asked for since, or the query changed meanwhile."""
        listing = read.listing
        if not self.reads.newest(ticket) or listing.query != self.query:
            return False
        self.beginResetModel()
        self.total = listing.total
        self._rows = list(listing.rows)
        self._texts = list(read.texts)
        self._positions = {row.id: index for index, row in enumerate(self._rows)}
        self.loaded = True
        self.endResetModel()
        return True

    def record(self, row: int) -> ClientRow:
        return self._rows[row]

    def records(self) -> list[ClientRow]:
        """The rows loaded so far."""
        return list(self._rows)

    def column_texts(self, column: int) -> list[str]:
        """What ``column`` shows on each row loaded so far."""
        return [texts[column] for texts in self._texts]

    def loaded_row(self, client_id: int) -> int | None:
        """The row of a client among those loaded so far (never reads more)."""
        return self._positions.get(client_id)

    def row_of(self, client_id: int) -> int | None:
        """The row of a client, loading the pages up to it; None when not listed."""
        row = self._positions.get(client_id)
        if row is not None or len(self._rows) >= self.total:
            return row
        position = client_list.position(self.query, client_id)
        if position is None:
            return None
        while len(self._rows) <= position and self.canFetchMore():
            self.fetchMore()
        return self._positions.get(client_id)

    # -- Qt's side -------------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = client_list.page(self.query, len(self._rows), PAGE)
        # A client added or removed since the count: trust what the page says.
        more = [row for row in more if row.id not in self._positions]
        if not more:
            self.total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        for offset, row in enumerate(more):
            self._positions[row.id] = first + offset
        self._rows.extend(more)
        self._texts.extend(self.prepare(more))
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_KEYS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (SORT_KEYS[column], descending) != (self.query.sort, self.query.descending):
            self.set_query(sort=SORT_KEYS[column], descending=descending)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == DISPLAY:
            return self._texts[index.row()][index.column()]
        return cell(self._columns[index.column()], self._rows[index.row()], role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header(self._columns, section, orientation, role)
