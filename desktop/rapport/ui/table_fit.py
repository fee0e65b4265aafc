"""How every table of the window sizes its columns and shows a cut cell in full.

Columns take the width of their content; the text column (a fact, a task's title, a
conversation's title) takes the rest of the row. When the row is too narrow for all of
it, the text column keeps at least ``TEXT_SHARE`` of the width (or all it needs) and the
widest other columns give way first, so a long "From" never squeezes the fact itself to
three letters. A cell cut short ("Send the signed cont…") shows its whole text in a
tooltip (``FullTextDelegate``), above the column's own tooltip if it has one.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

TEXT_SHARE = 0.45  # of the row the text column keeps, when it needs that much
PADDING = 12  # around a cell's text (the style's margins and a little air)


def content_widths(table: QTableView) -> dict[int, int]:
    """What each shown column needs for its header and its rows."""
    header = table.horizontalHeader()
    widths: dict[int, int] = {}
    model = table.model()
    if model is None:
        return widths
    for column in range(model.columnCount()):
        if not table.isColumnHidden(column):
            widths[column] = max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
    return widths


def fit_columns(
    table: QTableView,
    stretch: int,
    wants: Mapping[int, int] | None = None,
    content: Mapping[int, int] | None = None,
) -> dict[int, int]:
    """Size the columns of ``table`` to their content, ``stretch`` taking the rest.

    ``wants`` are widths the caller asks for at least (Today's sections share theirs so
    their columns line up); ``content`` is ``content_widths`` measured already (a resize
    need not ask every cell again). Returns the widths set, the text column's included.
    """
    header = table.horizontalHeader()
    widths = dict(content) if content is not None else content_widths(table)
    for column, width in (wants or {}).items():
        if column in widths:
            widths[column] = max(widths[column], width)
    if stretch not in widths:
        return widths
    room = max(table.viewport().width(), 1)
    text_need = widths.pop(stretch)
    keep = min(text_need, int(room * TEXT_SHARE))
    fitted = _share(widths, room - keep)
    for column in range(header.count()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        elif column in fitted:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, fitted[column])
    fitted[stretch] = max(room - sum(fitted.values()), 0)
    return fitted


def _share(widths: dict[int, int], budget: int) -> dict[int, int]:
    """The widths, the widest cut first until they fit in ``budget`` (water filling)."""
    if sum(widths.values()) <= budget or not widths:
        return dict(widths)
    floor = 40
    ordered = sorted(widths.values())
    left, cap = budget, floor
    for position, width in enumerate(ordered):
        rest = len(ordered) - position
        if width * rest >= left:
            cap = max(left // rest, floor)
            break
        left -= width
    return {column: min(width, cap) for column, width in widths.items()}


class FullTextDelegate(QStyledItemDelegate):
    """Paints as usual; a cell whose text does not fit shows all of it as its tooltip."""

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        tip = full_text_tip(view, option, index)
        if tip:
            QToolTip.showText(event.globalPos(), tip, view.viewport(), option.rect)
        else:
            QToolTip.hideText()
            event.ignore()
        return True


def is_cut(
    view: QAbstractItemView,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> bool:
    """Does the cell show less than its text (elided to "…")?"""
    text = str(index.data() or "")
    if not text:
        return False
    styled = QStyleOptionViewItem(option)
    styled.text = text
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, styled, view) + 1
    need = styled.fontMetrics.horizontalAdvance(text) + 2 * margin
    return need > option.rect.width()


def full_text_tip(
    view: QAbstractItemView,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> str:
    """The tooltip of a cell: its whole text when cut, then the column's own tip."""
    own = index.data(Qt.ItemDataRole.ToolTipRole)
    parts = []
    if is_cut(view, option, index):
        parts.append(str(index.data()))
    if own:
        parts.append(str(own))
    return "\n\n".join(parts)


def install(table: QTableView) -> FullTextDelegate:
    """Give ``table`` the full-text tooltips (returns the delegate, parented to it)."""
    delegate = FullTextDelegate(table)
    table.setItemDelegate(delegate)
    return delegate


def tooltip_at(table: QTableView, index: QModelIndex) -> str:
    """What hovering ``index`` shows (for tests and for accessibility)."""
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.rect = table.visualRect(index)
    option.font = table.font()
    option.fontMetrics = table.fontMetrics()
    return full_text_tip(table, option, index)
