"""One table model for every list of records: columns are declared, rows are plain lists.

Lists in the window (clients, people, facts, conversations, tasks, gifts) all show
service results. Rather than a model class per list, each declares its ``Column``s and
hands rows to ``RecordTableModel.set_rows``; the model never queries anything.

A list that can be long (a neglected book has a thousand clients out of touch) gives the
model a ``batch``: the view is then shown that many rows and asks for the next batch
(``canFetchMore``/``fetchMore``) as it scrolls, so the view never lays out rows nobody
looks at. ``records()`` and ``row_of`` still cover every row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

T = TypeVar("T")

RecordRole = Qt.ItemDataRole.UserRole + 1  # the record shown on the row
IdRole = Qt.ItemDataRole.UserRole + 2  # the record's id
SortRole = Qt.ItemDataRole.UserRole + 3  # a value that sorts right (dates, numbers)

AnyIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
# The roles data() answers. A view asks for a dozen roles per cell (font, decoration,
# check state...) each time it measures a column; the others are turned away first thing.
ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        RecordRole,
        IdRole,
        SortRole,
    )
)


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    value: Callable[[T], Any]
    sort: Callable[[T], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[T], str | None] | None = None
    color: Callable[[T], QColor | None] | None = None


class RecordTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], parent: Any = None, batch: int = 0) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._batch = batch
        self._shown = 0  # rows the view has been given (all of them without a batch)

    # -- filling ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(len(self._rows), self._batch) if self._batch else len(self._rows)
        self.endResetModel()

    def total(self) -> int:
        """Every row, shown to the view yet or not."""
        return len(self._rows)

    def show_up_to(self, row: int) -> None:
        """Give the view every row up to ``row`` (for moving the cursor there)."""
        while self._shown <= row and self.canFetchMore():
            self.fetchMore()

    def replace_row(self, row: int, record: T) -> None:
        self._rows[row] = record
        if row >= self._shown:
            return
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def record(self, row: int) -> T:
        return self._rows[row]

    def records(self) -> list[T]:
        return list(self._rows)

    def row_of(self, record_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if getattr(record, "id", None) == record_id:
                self.show_up_to(row)
                return row
        return None

    # -- Qt's side -------------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        last = min(len(self._rows), self._shown + self._batch) - 1
        self.beginInsertRows(QModelIndex(), self._shown, last)
        self._shown = last + 1
        self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if role not in ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < self._shown:
            return None
        return cell(self._columns[index.column()], self._rows[row], role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header(self._columns, section, orientation, role)


def cell(column: Column[Any], record: Any, role: int) -> Any:
    """What a model shows for ``record`` in ``column`` in ``role`` (shared by every model)."""
    if role == _DISPLAY:
        value = column.value(record)
        return "" if value is None else str(value)
    if role == SortRole:
        return _sortable(column.sort(record) if column.sort else column.value(record))
    if role == RecordRole:
        return record
    if role == IdRole:
        return getattr(record, "id", None)
    if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
        return column.tooltip(record)
    if role == Qt.ItemDataRole.ForegroundRole and column.color:
        color = column.color(record)
        return QBrush(color) if color is not None else None
    if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


def header(
    columns: Sequence[Column[Any]], section: int, orientation: Qt.Orientation, role: int
) -> Any:
    if (
        orientation == Qt.Orientation.Horizontal
        and role == Qt.ItemDataRole.DisplayRole
        and 0 <= section < len(columns)
    ):
        return columns[section].title
    return None


def _sortable(value: Any) -> Any:
    """Qt sorts QVariants of one type; dates and None become strings that sort right."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
