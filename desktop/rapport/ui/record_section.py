"""A list of records with Add / Edit / Delete: one widget for each tab of the profile.

Each list opens in the order its records are read in (``sort_column``/``sort_order``:
tasks by due date, facts newest first), its columns fit their content with the text
column taking the rest (ui/table_fit.py), and a cut cell shows its whole text on hover.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rapport.ui import table_fit
from rapport.ui.table_model import Column, RecordRole, RecordTableModel, SortRole


class RecordSection(QWidget):
    addRequested = Signal()
    editRequested = Signal(object)
    deleteRequested = Signal(object)
    activated = Signal(object)

    def __init__(
        self,
        noun: str,
        columns: Sequence[Column[Any]],
        empty_text: str,
        parent: QWidget | None = None,
        stretch_column: int = 0,
        extra_buttons: Sequence[QPushButton] = (),
        sort_column: int = 0,
        sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
    ) -> None:
        super().__init__(parent)
        self.noun = noun
        self.model: RecordTableModel[Any] = RecordTableModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)

        self.add_button = QPushButton(f"Add {noun}…")
        self.add_button.setAccessibleName(f"Add {noun}")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName(f"Edit {noun}")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName(f"Delete {noun}")
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button.clicked.connect(lambda: self._emit_current(self.editRequested))
        self.delete_button.clicked.connect(lambda: self._emit_current(self.deleteRequested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        for button in extra_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)

        self.table = QTableView()
        self.table.setAccessibleName(noun.capitalize() + " list")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The header shows the order the rows open in (sorting without choosing a column
        # would sort the first one Z to A).
        self.table.horizontalHeader().setSortIndicator(sort_column, sort_order)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.stretch_column = stretch_column
        self._content: dict[int, int] | None = None  # measured once per set of rows
        table_fit.install(self.table)
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(lambda _i: self._emit_current(self.editRequested))
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        for key, signal in (
            (QKeySequence.StandardKey.Delete, self.deleteRequested),
            (QKeySequence(Qt.Key.Key_Return), self.editRequested),
            (QKeySequence(Qt.Key.Key_Enter), self.editRequested),
        ):
            shortcut = QShortcut(key, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda s=signal: self._emit_current(s))

        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.stack)
        self._update_buttons()

    def set_rows(self, rows: Sequence[Any]) -> None:
        current = self.current()
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self._content = None
        self.fit_columns()
        if current is not None:
            self.select(getattr(current, "id", None))
        self._update_buttons()

    def fit_columns(self) -> None:
        """Columns to their content, the text column taking the rest (ui/table_fit.py)."""
        if self._content is None:
            self._content = table_fit.content_widths(self.table)
        table_fit.fit_columns(self.table, self.stretch_column, content=self._content)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def current(self) -> Any:
        index = self.table.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def select(self, record_id: int | None) -> None:
        if record_id is None:
            return
        row = self.model.row_of(record_id)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _emit_current(self, signal: Any) -> None:
        record = self.current()
        if record is not None:
            signal.emit(record)

    def _update_buttons(self, *_args: QModelIndex) -> None:
        has = self.current() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
