"""The lists of the Today page: their columns, colours, empty lines, and one list widget.

Each section is a titled table over a ``RecordTableModel`` (rows are the plain records
services/today.py returns) or, when empty, one line saying so ("Nothing overdue. Nice.").
Tables show at most ``MAX_VISIBLE`` rows and scroll inside; the page scrolls between
sections. Up and Down step from the last row of one section to the first of the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rapport import clock
from rapport.core.counts import counted
from rapport.core.formats import day_label, kind_text, stamp_label
from rapport.ui import table_fit, theme
from rapport.ui.table_model import Column, RecordRole, RecordTableModel

if TYPE_CHECKING:
    from rapport.core.followup import OutOfTouch
    from rapport.core.yearly import Upcoming
    from rapport.services.today import AwaitingReply, ThankYou, TodayTask

MAX_VISIBLE = 8


def hint_color() -> QColor:
    """The key hints' colour: quieter than the text, yet readable on the window's own
    background, light or dark (the disabled grey was pale grey on grey)."""
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    mix = 0.7  # of the text colour: over 7:1 against the background, light or dark
    return QColor(
        round(text.red() * mix + back.red() * (1 - mix)),
        round(text.green() * mix + back.green() * (1 - mix)),
        round(text.blue() * mix + back.blue() * (1 - mix)),
    )


# Rows the table is given at a time (more as it scrolls): a neglected book can have a
# thousand clients out of touch, and laying them all out would stall the page.
BATCH = 50


def day_text(day: date | None, today: date) -> str:
    return "" if day is None else day_label(day, today)


# -- task lists -------------------------------------------------------------------------------
def _task_due(item: TodayTask) -> str:
    today = item.today
    if item.days_late:
        return f"{day_text(item.due, today)} · {counted(item.days_late, 'day')} late"
    return day_text(item.due, today)


def _task_color(item: TodayTask) -> QColor | None:
    from rapport.core import followup as fu  # (imported once Today has rows to show)

    if item.state == fu.OVERDUE:
        return theme.warning_color()
    if item.state == fu.AT_RISK:
        return theme.caution_color()
    return None


def _task_tip(item: TodayTask) -> str | None:
    draft = item.draft
    if draft:
        return f"Press C to copy the running-late note:\n\n{draft}"
    return None


def _task_kind(item: TodayTask) -> str:
    task = item.task
    kind = "promise" if task.kind == "promise" or task.promised else kind_text(task.kind)
    if task.late_notice_at:
        return f"{kind} · client told {day_label(task.late_notice_at, item.today)}"
    return kind


TASK_COLUMNS: list[Column[TodayTask]] = [
    Column("Task", lambda t: t.task.title, color=_task_color, tooltip=_task_tip),
    Column("Client", lambda t: t.task.client or ""),
    Column("Due", _task_due, sort=lambda t: t.due, color=_task_color),
    Column("Kind", _task_kind),
]


# -- replies ----------------------------------------------------------------------------------
def _reply_color(item: AwaitingReply) -> QColor | None:
    from rapport.core import followup as fu

    if item.age.level == fu.WARNING:
        return theme.warning_color()
    if item.age.level == fu.CAUTION:
        return theme.caution_color()
    return None


def _reply_waiting(item: AwaitingReply) -> str:
    from rapport.core import followup as fu

    text = item.age.label
    if item.age.level == fu.WARNING:
        return f"{text} · past one business day"
    if item.age.level == fu.CAUTION:
        return f"{text} · answer today"
    return text


def _received(item: AwaitingReply) -> str:
    return stamp_label(item.since, clock.today())


REPLY_COLUMNS: list[Column[AwaitingReply]] = [
    Column("Client", lambda a: a.client, color=_reply_color),
    Column(
        "Message",
        lambda a: a.channel + (f": {a.summary}" if a.summary else ""),
        tooltip=lambda a: a.summary or None,
    ),
    Column("Received", _received, sort=lambda a: a.since),
    Column("Waiting", _reply_waiting, sort=lambda a: a.age.hours, color=_reply_color),
]
CAME_IN_COLUMNS: list[Column[AwaitingReply]] = [
    Column("Client", lambda a: a.client),
    Column("Message", lambda a: a.channel + (f": {a.summary}" if a.summary else "")),
    Column("Received", _received, sort=lambda a: a.since),
]


# -- thank-yous, dates, cadence ---------------------------------------------------------------
THANKS_COLUMNS: list[Column[ThankYou]] = [
    Column("Client", lambda t: t.client),
    Column("Meeting", lambda t: t.title or "Meeting"),
    Column("When", lambda t: day_label(t.since, clock.today()), sort=lambda t: t.since),
    Column(
        "Waiting",
        lambda t: "today" if t.days == 0 else counted(t.days, "day"),
        color=lambda t: theme.warning_color() if t.days > 1 else None,
    ),
]
DATE_COLUMNS: list[Column[Upcoming]] = [
    Column("Date", lambda u: u.text),
    Column("When", lambda u: u.when_text, sort=lambda u: u.in_days),
    Column("Client", lambda u: u.client),
]
TOUCH_COLUMNS: list[Column[OutOfTouch]] = [
    Column("Client", lambda o: o.client),
    Column(
        "Last contact",
        lambda o: day_label(o.last_contact, clock.today()) if o.last_contact else "never",
        sort=lambda o: o.last_contact,
    ),
    Column("Since", lambda o: counted(o.days, "day"), sort=lambda o: o.days),
    Column("Cadence", lambda o: f"every {o.cadence_days} days"),
    Column(
        "Overdue by",
        lambda o: counted(o.overdue_by, "day"),
        sort=lambda o: o.overdue_by,
        color=lambda o: theme.warning_color() if o.overdue_by > o.cadence_days else None,
    ),
]


class Section(QWidget):
    """A titled list of one kind of Today row, or the line that says it is empty."""

    rowActivated = Signal(object)  # double-click: the record
    stepOut = Signal(int)  # -1 above the first row, +1 below the last
    focused = Signal()

    def __init__(
        self,
        key: str,
        title: str,
        columns: Sequence[Column[Any]],
        empty_text: str,
        hint: str = "",
        stretch: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.title = title
        self.columns = columns
        # Widths the page asks for at least: sections with the same columns share them,
        # so Client, Due and Kind line up from one section to the next.
        self.wants: dict[int, int] = {}
        self._content: dict[int, int] | None = None  # measured once per set of rows
        self.setObjectName(f"today_{key}")
        self.model: RecordTableModel[Any] = RecordTableModel(columns, self, batch=BATCH)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.hint = hint
        self.table = QTableView()
        self.table.setAccessibleName(title)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setFrameShape(QFrame.Shape.StyledPanel)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # Columns fit their rows once per set_rows (_fit_columns) rather than at every
        # layout, as ResizeToContents would: each measure asks every cell a dozen questions.
        # Measuring the rows on show is enough.
        header.setResizeContentsPrecision(MAX_VISIBLE)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self._stretch = stretch
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.doubleClicked.connect(lambda _i: self._emit_activated())
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        table_fit.install(self.table)
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("todayEmpty")
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.empty.setContentsMargins(4, 0, 0, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.header)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        self.set_rows([])

    # -- rows --------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        current = self.current()
        position = max(self.table.currentIndex().row(), 0)
        self.model.set_rows(rows)
        self._content = None
        count = len(rows)
        self._show_header()
        self.table.setVisible(bool(count))
        self.empty.setVisible(not count)
        self._fit_columns()
        self._fit_height()
        if count and current is not None:
            row = self.model.row_of(getattr(current, "id", -1))
            # The row acted on is gone (done, snoozed): keep the cursor where it was, so
            # D, D, D walks down the list.
            self.select_row(row if row is not None else min(position, count - 1))

    def _show_header(self) -> None:
        count = self.model.total()
        hint = f" <span style='color:{hint_color().name()}'>{self.hint}</span>"
        self.header.setText(
            f"<b>{self.title}</b>"
            + (f" ({count})" if count else "")
            + (hint if count and self.hint else "")
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._show_header()  # the hints' colour follows light and dark at once

    def content_widths(self) -> dict[int, int]:
        """What each column needs for this section's rows (nothing when empty)."""
        if not self.model.rowCount():
            return {}
        if self._content is None:
            self._content = table_fit.content_widths(self.table)
        return self._content

    def share_widths(self, wants: dict[int, int]) -> None:
        self.wants = dict(wants)
        self._fit_columns()

    def _fit_columns(self) -> None:
        if not self.model.rowCount():
            return
        table_fit.fit_columns(self.table, self._stretch, self.wants, self.content_widths())

    def _fit_height(self) -> None:
        rows = min(self.model.total(), MAX_VISIBLE)
        row_height = self.table.verticalHeader().defaultSectionSize()
        frame = self.table.frameWidth() * 2
        height = self.table.horizontalHeader().sizeHint().height() + rows * row_height + frame
        self.table.setFixedHeight(height)
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if self.model.total() > MAX_VISIBLE
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.table.setVerticalScrollBarPolicy(policy)

    def count(self) -> int:
        return self.model.total()

    def current(self) -> Any:
        index = self.table.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.total():
            return
        self.model.show_up_to(row)
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def enter(self, from_below: bool = False) -> bool:
        """Take the keyboard focus, on the first row (or the last, coming from below)."""
        if not self.count():
            return False
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.select_row(self.count() - 1 if from_below else 0)
        # Also when the window is not active yet (focus then arrives later, if ever).
        self.focused.emit()
        return True

    def clear_cursor(self) -> None:
        self.table.setCurrentIndex(self.model.index(-1, -1))
        self.table.clearSelection()

    def _emit_activated(self) -> None:
        record = self.current()
        if record is not None:
            self.rowActivated.emit(record)

    # -- keys ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        elif watched is self.table:
            if event.type() == QEvent.Type.FocusIn:
                if not self.table.currentIndex().isValid():
                    self.select_row(0)
                self.focused.emit()
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                row = self.table.currentIndex().row()
                modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                if modifiers == Qt.KeyboardModifier.NoModifier:
                    if event.key() == Qt.Key.Key_Down and row == self.model.rowCount() - 1:
                        self.model.show_up_to(row + 1)  # the next batch, if there is one
                    if event.key() == Qt.Key.Key_Down and row == self.count() - 1:
                        self.stepOut.emit(1)
                        return True
                    if event.key() == Qt.Key.Key_Up and row <= 0:
                        self.stepOut.emit(-1)
                        return True
        return super().eventFilter(watched, event)
