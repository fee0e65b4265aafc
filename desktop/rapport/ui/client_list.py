"""The client list: filter as you type, sortable, keyboard first, with an empty state."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rapport.core.names import fold
from rapport.services.clients import ClientRow
from rapport.ui.table_model import Column, IdRole, RecordTableModel, SortRole


def _last_contact(row: ClientRow) -> str:
    if row.last_contact_at is None:
        return "never"
    return _days_ago(row.last_contact_at)


def _days_ago(when: datetime) -> str:
    from rapport import clock

    days = (clock.today() - when.date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 60:
        return f"{days} days ago"
    return when.strftime("%b %Y")


COL_NAME, COL_COMPANY, COL_LAST, COL_OPEN = range(4)
COLUMNS: list[Column[ClientRow]] = [
    Column("Name", lambda c: c.name, sort=lambda c: fold(c.name)),
    Column("Company", lambda c: c.company, sort=lambda c: fold(c.company)),
    Column("Last contact", _last_contact, sort=lambda c: c.last_contact_at),
    Column("Open", lambda c: c.open_tasks or "", sort=lambda c: c.open_tasks, align_right=True),
]


class ClientFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose name or company contains every typed word (accents ignored)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._keys: list[str] = []
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model: RecordTableModel[ClientRow]) -> None:  # type: ignore[override]
        super().setSourceModel(model)
        model.modelReset.connect(self._rebuild_keys)
        self._rebuild_keys()

    def _rebuild_keys(self) -> None:
        model = self.sourceModel()
        self._keys = [
            fold(f"{row.name} {row.company}")
            for row in (model.records() if model is not None else [])
        ]

    def set_text(self, text: str) -> None:
        # Qt 6.10 replaced invalidateFilter() with a begin/end pair.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        key = self._keys[source_row] if source_row < len(self._keys) else ""
        return all(word in key for word in self._words)


class ClientList(QWidget):
    """Emits ``clientSelected`` as the current row changes and ``loadSampleRequested``."""

    clientSelected = Signal(int)
    loadSampleRequested = Signal()
    newClientRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RecordTableModel[ClientRow] = RecordTableModel(COLUMNS, self)
        self.proxy = ClientFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter clients  (Ctrl+Shift+L)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter clients")
        self.filter.textChanged.connect(self._on_filter)
        self.filter.returnPressed.connect(self._focus_first)
        self.filter.installEventFilter(self)

        self.table = QTableView()
        self.table.setAccessibleName("Clients")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_COMPANY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_LAST, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_OPEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self.empty = self._empty_state()
        self.no_match = QLabel("No client matches this filter.\nPress Esc to clear it.")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setEnabled(False)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.no_match)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.stack)

    def _empty_state(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.addStretch(1)
        text = QLabel(
            "<h3>Your book is empty</h3>"
            "<p>Add your first client with <b>Ctrl+Shift+N</b>,<br>"
            "or look around a sample book first.</p>"
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout.addWidget(text)
        sample = QPushButton("Load the sample book")
        sample.setAccessibleName("Load the sample book")
        sample.clicked.connect(self.loadSampleRequested)
        new = QPushButton("New client…")
        new.clicked.connect(self.newClientRequested)
        layout.addWidget(sample, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(new, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return panel

    # -- data ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ClientRow], keep_id: int | None = None) -> None:
        keep = keep_id if keep_id is not None else self.current_client_id()
        self.model.set_rows(rows)
        self.proxy.sort(self.proxy.sortColumn(), self.proxy.sortOrder())
        self._update_state()
        if keep is not None:
            self.select_client(keep)

    def current_client_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select_client(self, client_id: int) -> bool:
        row = self.model.row_of(client_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    # -- slots -----------------------------------------------------------------------------
    def _on_filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_state()
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _focus_first(self) -> None:
        if self.proxy.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.proxy.index(0, 0))
            self.table.setFocus()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.clientSelected.emit(current.data(IdRole))

    def _update_state(self) -> None:
        if self.model.rowCount() == 0:
            self.stack.setCurrentWidget(self.empty)
        elif self.proxy.rowCount() == 0:
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the filter walks into the list, as in a mail client's search box.
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)  # type: ignore[attr-defined]
        ):
            self._focus_first()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape and self.filter.text():
            self.filter.clear()
            self.table.setFocus()
            return
        super().keyPressEvent(event)
