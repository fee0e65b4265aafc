"""Search results grouped by kind, as a two-level item model, and how a row is drawn.

Top-level rows are the groups ("Facts (3)"), not selectable; their children are the
results. Column 0 is the result (its title, and the snippet under it, matched words in
bold: ``HighlightDelegate``), column 1 the client.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from rapport.services.search import KIND_LABELS, MARK_END, MARK_START, Result, group
from rapport.ui import theme

AnyIndex = QModelIndex | QPersistentModelIndex
ResultRole = Qt.ItemDataRole.UserRole + 1  # the Result on a result row (None on a group)
MarkedRole = Qt.ItemDataRole.UserRole + 2  # the row as rich text, matches in bold
COL_RESULT, COL_CLIENT = 0, 1
_GROUP = 0  # internal id of group rows; a result's is its group's row + 1


def marked_html(text: str) -> str:
    """Escape ``text`` and turn the search marks into bold."""
    escaped = html.escape(text)
    return escaped.replace(MARK_START, "<b>").replace(MARK_END, "</b>")


class SearchResultsModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, list[Result]]] = []

    # -- filling ---------------------------------------------------------------------------
    def set_results(self, results: Sequence[Result]) -> None:
        self.beginResetModel()
        self._groups = group(results)
        self.endResetModel()

    def result_count(self) -> int:
        return sum(len(items) for _, items in self._groups)

    def results(self) -> list[Result]:
        return [result for _, items in self._groups for result in items]

    def result_index(self, position: int) -> QModelIndex:
        """The index of the ``position``-th result (in display order), or invalid."""
        for row, (_kind, items) in enumerate(self._groups):
            if position < len(items):
                return self.index(position, 0, self.index(row, 0))
            position -= len(items)
        return QModelIndex()

    def position_of(self, index: AnyIndex) -> int | None:
        """Where a result row stands among all results (groups not counted)."""
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        group_row = index.internalId() - 1
        return sum(len(items) for _, items in self._groups[:group_row]) + index.row()

    # -- Qt's side -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            kind, items = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == COL_RESULT:
                return f"{KIND_LABELS[kind]} ({len(items)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        result = self._groups[index.internalId() - 1][1][index.row()]
        if role == ResultRole:
            return result
        if index.column() == COL_CLIENT:
            if role == Qt.ItemDataRole.DisplayRole:
                name = result.client or ""
                return f"{name} (archived)" if result.archived and name else name
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{result.title} — {result.snippet}" if result.snippet else result.title
        if role == MarkedRole:
            title = marked_html(result.title_marked)
            if result.snippet and result.snippet != result.title:
                return f"{title}<br><small>{marked_html(result.snippet_marked)}</small>"
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.snippet or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Result", "Client")[section] if 0 <= section < 2 else None
        return None


class HighlightDelegate(QStyledItemDelegate):
    """Draws a result's rich text (title, then snippet) with the matched words in bold."""

    def _document(self, option: QStyleOptionViewItem, text: str, selected: bool) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = option.palette.color(role).name()
        muted = color if selected else theme.secondary_color().name()
        document.setDefaultStyleSheet(f"body {{ color: {color}; }} small {{ color: {muted}; }}")
        document.setHtml(f"<body>{text}</body>")
        document.setTextWidth(option.rect.width())
        return document

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        text = index.data(MarkedRole)
        if text is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self._document(option, text, selected)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        document.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        text = index.data(MarkedRole)
        base = super().sizeHint(option, index)
        if text is None:
            return base
        lines = 2 if "<br>" in text else 1
        height = option.fontMetrics.lineSpacing() * lines + 8
        return QSize(base.width(), max(base.height(), height))
