"""The chips of the capture window: one small widget per thing understood in the note.

A chip is a real widget: Tab reaches it, Delete or Backspace removes it, and while it has
the focus or the mouse it asks the window to highlight the words it came from. Chips
that matter carry an editor: a task's due date (natural language or ISO), a person's
relation; a suggestion is a tick box. A task's title and a fact's text are edited in
place: double-click or F2, Enter keeps the new words, Esc puts the old ones back. The
client gets its own picker (capture_client.py).
Chips only report what the user did; the window keeps the edits (core/understand/edits.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QEnterEvent, QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QToolButton,
    QWidget,
)

from rapport import clock
from rapport.core.formats import day_month
from rapport.core.records import RELATIONS
from rapport.core.understand.dates.find import parse_due

CHIP_MAX_WIDTH = 460  # a long fact wraps rather than pushing the window wider
DUE_TIP = (
    "When it is due: today, fri, next tue, in 2 weeks, Dec 3, 2026-12-03.\n"
    "Empty: no date. Enter or Tab sets it."
)


def due_label(value: date | None, today: date) -> str:
    """'today', 'tomorrow', 'Fri Nov 20': how a due date reads on a chip."""
    if value is None:
        return ""
    days = (value - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if value.year != today.year:
        return f"{value:%a} {day_month(value)}, {value.year}"
    return f"{value:%a} {day_month(value)}"


def parse_due_text(text: str, today: date) -> tuple[bool, date | None]:
    """(understood, day) for what the user typed as a due date; empty means no date."""
    text = text.strip()
    if not text:
        return True, None
    try:
        return True, date.fromisoformat(text)
    except ValueError:
        pass
    found = parse_due(text, today)
    return (found is not None), found


class Chip(QFrame):
    """A removable chip: a label, optional editors, and a remove button."""

    removeRequested = Signal()
    highlightRequested = Signal(object)  # the (start, end) span, or None to clear
    wordsEdited = Signal(str)  # the chip's words as the user rewrote them (editable chips)

    def __init__(
        self,
        group: str,
        text: str,
        *,
        span: tuple[int, int] | None = None,
        removable: bool = True,
        tooltip: str = "",
        accessible: str = "",
        words: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.group = group
        self.text = text
        self.span = span
        # The words the user may rewrite (a task's title, a fact's text); None: not editable.
        self.words = words
        self.words_edit: QLineEdit | None = None
        self.setObjectName("chip")
        self.setProperty("group", group)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if removable else Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(accessible or text)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(CHIP_MAX_WIDTH)
        if words is not None:
            tooltip = (tooltip + "\n" if tooltip else "") + "Double-click or F2 to edit the words"
        if tooltip:
            self.setToolTip(tooltip)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(9, 2, 3 if removable else 9, 2)
        self.row.setSpacing(5)
        self.label = QLabel(text)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setObjectName("chipText")
        # Long text wraps, but on lines as wide as a chip may be, not a narrow column.
        wide = self.label.fontMetrics().horizontalAdvance(text)
        self.label.setWordWrap(wide > CHIP_MAX_WIDTH - 60)
        if self.label.wordWrap():
            self.label.setMinimumWidth(CHIP_MAX_WIDTH - 60)
        self.row.addWidget(self.label, 1)
        self.remove_button: QToolButton | None = None
        if removable:
            button = QToolButton()
            button.setObjectName("chipRemove")
            button.setText("×")
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Delete on the chip does it
            button.setToolTip("Remove (Delete)")
            button.setAccessibleName(f"Remove {text}")
            button.clicked.connect(self.removeRequested)
            self.row.addWidget(button)
            self.remove_button = button

    def add_editor(self, widget: QWidget) -> None:
        """An editor inside the chip, before its remove button."""
        self.row.insertWidget(self.row.count() - (1 if self.remove_button else 0), widget)
        widget.installEventFilter(self)

    # -- editing the words -------------------------------------------------------------------
    def start_editing(self) -> None:
        """Put a line editor with the chip's words in place of its text."""
        if self.words is None or self.words_edit is not None:
            return
        edit = QLineEdit(self.words)
        edit.setObjectName("chipWordsEdit")
        edit.setAccessibleName(f"Edit {self.accessibleName()}")
        edit.setMinimumWidth(
            min(CHIP_MAX_WIDTH - 80, edit.fontMetrics().horizontalAdvance(self.words) + 24)
        )
        edit.installEventFilter(self)
        edit.editingFinished.connect(self._finish_editing)
        self.words_edit = edit
        self.label.hide()
        self.row.insertWidget(self.row.indexOf(self.label), edit, 1)
        edit.show()  # now, not when the layout gets to it: a hidden widget takes no focus
        edit.selectAll()
        edit.setFocus()

    def _finish_editing(self, keep: bool = True) -> None:
        edit = self.words_edit
        if edit is None:
            return
        self.words_edit = None  # once: Enter and the focus leaving both finish an edit
        words = " ".join(edit.text().split())
        edit.removeEventFilter(self)
        edit.hide()
        edit.deleteLater()
        self.label.show()
        self.setFocus()
        if keep and words and words != self.words:
            self.wordsEdited.emit(words)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.words is not None:
            self.start_editing()
            return
        super().mouseDoubleClickEvent(event)

    # -- keyboard and highlighting ----------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_F2 and self.words is not None:
            self.start_editing()
            return
        if self.remove_button is not None and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removeRequested.emit()
            return
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.focusNextChild()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.focusPreviousChild()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.highlightRequested.emit(self.span)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.highlightRequested.emit(None)

    def enterEvent(self, event: QEnterEvent) -> None:
        super().enterEvent(event)
        self.highlightRequested.emit(self.span)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.highlightRequested.emit(None)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.words_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._finish_editing()  # not the window's default button
                return True
            if key == Qt.Key.Key_Escape:
                self._finish_editing(keep=False)  # not closing the window
                return True
        # An editor of the chip getting the focus shows where the chip came from too.
        if event.type() == QEvent.Type.FocusIn:
            self.highlightRequested.emit(self.span)
        elif event.type() == QEvent.Type.FocusOut:
            self.highlightRequested.emit(None)
        return False


class DueEdit(QLineEdit):
    """A due date typed the way people say it: 'fri', 'next tue', 'in 2 weeks', ISO."""

    dueChanged = Signal(object)  # a date, or None for no date

    def __init__(self, value: date | None, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dueEdit")
        self.value = value
        self.setPlaceholderText("no date")
        self.setAccessibleName(f"Due date of {title}")
        self.setProperty("invalid", False)
        self.textChanged.connect(self._fit)
        self._show(value)
        self.editingFinished.connect(self.commit)

    def _fit(self, text: str) -> None:
        # Room for a short date, growing with what the user types ("in two weeks").
        metrics = self.fontMetrics()
        shortest = metrics.horizontalAdvance("Wed Sep 30")
        self.setFixedWidth(max(shortest, metrics.horizontalAdvance(text)) + 18)

    def _show(self, value: date | None) -> None:
        self._shown = due_label(value, clock.today())
        self.setText(self._shown)
        self.setToolTip(DUE_TIP + (f"\n\nNow: {value:%A} {value.isoformat()}" if value else ""))

    def commit(self) -> None:
        text = self.text()
        if text == self._shown:
            self._mark(False)
            return
        understood, value = parse_due_text(text, clock.today())
        if not understood:
            self._mark(True)
            return
        self._mark(False)
        self.value = value
        self._show(value)
        self.dueChanged.emit(value)

    def _mark(self, invalid: bool) -> None:
        if bool(self.property("invalid")) != invalid:
            self.setProperty("invalid", invalid)
            self.style().unpolish(self)
            self.style().polish(self)
        self.setAccessibleDescription("not a date I understand" if invalid else "")


class TaskChip(Chip):
    dueChanged = Signal(object)

    def __init__(self, item: dict[str, Any], span: tuple[int, int] | None) -> None:
        title = str(item.get("title") or "")
        kind = str(item.get("kind") or "")
        label = title + (" (promised)" if item.get("promised") and kind != "promise" else "")
        super().__init__(
            "tasks",
            label,
            span=span,
            accessible=f"Task: {title}",
            tooltip=_kind_tip(kind),
            words=title,
        )
        due = _iso(item.get("due"))
        self.due_edit = DueEdit(due, title)
        self.due_edit.dueChanged.connect(self.dueChanged)
        caption = QLabel("due")
        caption.setObjectName("chipCaption")
        self.add_editor(caption)
        self.add_editor(self.due_edit)


class PersonChip(Chip):
    relationChanged = Signal(str)

    def __init__(self, item: dict[str, Any], span: tuple[int, int] | None) -> None:
        name = str(item.get("name") or "")
        age = item.get("age")
        label = (name or "(name unknown)") + (f", {age}" if age is not None else "")
        super().__init__("people", label, span=span, accessible=f"Person: {label}")
        self.relation = QComboBox()
        self.relation.setObjectName("relationCombo")
        relation = str(item.get("relation") or "")
        # A relation outside the shared list (from an older note) stays choosable.
        extra = [relation] if relation and relation not in RELATIONS else []
        self.relation.addItems([*extra, *RELATIONS])
        if relation:
            self.relation.setCurrentText(relation)
        self.relation.setAccessibleName(f"Relation of {name or 'this person'}")
        self.relation.currentTextChanged.connect(self.relationChanged)
        self.relation.currentTextChanged.connect(lambda _text: self._fit())
        self._fit()
        self.add_editor(self.relation)

    def _fit(self) -> None:
        """As wide as the relation shown (not the longest one it could be): chips stay small."""
        combo = self.relation
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        metrics = combo.fontMetrics()
        text = QSize(metrics.horizontalAdvance(combo.currentText()) + 4, metrics.height())
        size = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, combo)
        combo.setFixedWidth(size.width())


class SuggestionChip(Chip):
    """A suggestion: ticked, it becomes a task (the thank-you: stays owed) when saved."""

    toggled = Signal(bool)

    def __init__(self, item: dict[str, Any], ticked: bool) -> None:
        title = str(item.get("title") or "")
        due = _iso(item.get("due"))
        when = due_label(due, clock.today())
        super().__init__("suggestions", "", removable=False, accessible=f"Suggestion: {title}")
        self.label.hide()
        self.check = QCheckBox(title + (f" · {when}" if when else ""))
        self.check.setObjectName("suggestionCheck")
        self.check.setChecked(ticked)
        self.check.setAccessibleName(f"Suggestion: {title}")
        self.check.setToolTip(
            "Ticked: the thank-you note stays on your Today list until written; "
            "untick it if you already thanked them."
            if item.get("kind") == "thank_you"
            else "Ticked: saved as a task when you save the note."
        )
        self.check.toggled.connect(self.toggled)
        self.add_editor(self.check)


def _iso(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


_KIND_TIPS = {
    "promise": "Something you promised",
    "reply": "A reply they are waiting for",
    "thank_referrer": "Thank whoever introduced you",
    "introduction": "An introduction to make",
    "follow_up": "A follow-up",
    "call": "A call to make",
}


def _kind_tip(kind: str) -> str:
    return _KIND_TIPS.get(kind, "A task from the note")
