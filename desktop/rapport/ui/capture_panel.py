"""The chips of the capture window, grouped by kind, rebuilt from each understanding.

``ChipsPanel.show_understanding`` lays out one row per kind that has items (people,
facts, dates, tasks, the message awaiting reply, introductions, key points, suggestions),
each a flow of chips. What the user does on a chip goes straight into the window's
``CaptureEdits``; removing a chip rebuilds the panel and moves the focus to the next
chip, so Delete, Delete, Delete clears a row from the keyboard; Ctrl+Z in the panel brings
back the chips removed, last first (a slip of the × costs nothing).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QWidget

from rapport.core.understand.edits import GROUPS, CaptureEdits, item_key
from rapport.ui.capture_chips import Chip, PersonChip, SuggestionChip, TaskChip
from rapport.ui.capture_style import soft_hex
from rapport.ui.flow_layout import FlowLayout, flow_policy

TITLES = {
    "people": "People",
    "contacts": "Work contacts",
    "facts": "Worth remembering",
    "dates": "Dates",
    "tasks": "To do",
    "inbound": "Awaiting reply",
    "introductions": "Introductions",
    "key_points": "Key points",
    "suggestions": "Suggestions",
}
EMPTY_HINT = (
    "Type what happened, the way you would jot it down: whom you met, their family and "
    "what they care about, what you promised and by when. The chips appear as you type; "
    "fix any that are wrong, then <b>Ctrl+Enter</b> saves. <b>Esc</b> closes and keeps "
    "your text for later."
)
NOTHING_YET = "Nothing picked out yet. Keep typing, or save the note as it is."
EDITORS = ("due_edit", "relation", "check")  # the editors a chip may carry, in tab order
TAGS_SHOWN = 3


class ChipsPanel(QScrollArea):
    highlightRequested = Signal(object)  # a (start, end) span of the note, or None
    rebuilt = Signal()  # the chips changed (the window updates its summary and tab order)
    removedChanged = Signal(str)  # what the last removal took ("" once nothing is left to undo)

    def __init__(self, edits: CaptureEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chipsArea")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName("What Rapport understood")
        self.edits = edits
        self.understanding: dict[str, Any] = {}
        self.text = ""
        self.chips: list[Chip] = []
        # Removed chips, last on top: (group, item key, position, what it said).
        self._removed: list[tuple[str, Any, int, str]] = []
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_remove)

    def show_understanding(self, understanding: dict[str, Any], text: str) -> None:
        self.understanding = understanding
        self.text = text
        self._build()

    def focusables(self) -> list[QWidget]:
        """The chips and their editors, in the order Tab visits them."""
        chain: list[QWidget] = []
        for chip in self.chips:
            if chip.focusPolicy() != Qt.FocusPolicy.NoFocus:
                chain.append(chip)
            chain += [w for w in (getattr(chip, name, None) for name in EDITORS) if w is not None]
        return chain

    # -- building ----------------------------------------------------------------------------
    def _build(self, focus_at: int | None = None) -> None:
        panel = QWidget()
        panel.setObjectName("chipsPanel")
        grid = QGridLayout(panel)
        grid.setContentsMargins(0, 4, 4, 4)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        self.chips = []
        row = 0
        for group in GROUPS:
            chips = self._chips_of(group)
            if not chips:
                continue
            title = QLabel(TITLES[group])
            title.setObjectName("groupTitle")
            holder = QWidget()
            holder.setSizePolicy(flow_policy())
            flow = FlowLayout(holder)
            for chip in chips:
                flow.addWidget(chip)
            grid.addWidget(title, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(holder, row, 1)
            self.chips += chips
            row += 1
        if row == 0:
            hint = QLabel(NOTHING_YET if self.text.strip() else EMPTY_HINT)
            hint.setObjectName("emptyHint")
            hint.setWordWrap(True)
            grid.addWidget(hint, 0, 0, 1, 2)
            row = 1
        grid.setRowStretch(row, 1)
        self.setWidget(panel)  # the old panel and its chips are deleted
        self.rebuilt.emit()
        if focus_at is not None:
            targets = [c for c in self.chips if c.focusPolicy() != Qt.FocusPolicy.NoFocus]
            if targets:
                targets[min(focus_at, len(targets) - 1)].setFocus()
            else:
                self.focusPreviousChild()

    def _chips_of(self, group: str) -> list[Chip]:
        items = self.understanding.get(group)
        if group == "inbound":
            items = [items] if items else []
        chips: list[Chip] = []
        for item in items or []:
            if group != "suggestions" and self.edits.is_removed(group, item):
                continue
            key = (group, item_key(group, item))
            value = {**item, **self.edits.changed.get(key, {})} if isinstance(item, dict) else item
            chip = self._make_chip(group, item, value)
            chip.highlightRequested.connect(self.highlightRequested)
            chips.append(chip)
        return chips

    def _make_chip(self, group: str, item: Any, value: Any) -> Chip:
        span = span_of(value) if isinstance(value, dict) else self._find(str(value))
        chip: Chip
        if group == "tasks":
            chip = TaskChip(value, span)
            chip.dueChanged.connect(
                lambda day, i=item: self.edits.change(
                    "tasks", i, due=day.isoformat() if day else None
                )
            )
            chip.wordsEdited.connect(
                lambda words, i=item, c=chip: self._reword("tasks", i, c, title=words)
            )
        elif group == "people":
            chip = PersonChip(value, span)
            chip.relationChanged.connect(
                lambda rel, i=item: self.edits.change("people", i, relation=rel)
            )
        elif group == "suggestions":
            chip = SuggestionChip(value, self.edits.is_ticked(item))
            chip.toggled.connect(lambda on, i=item: self._tick(i, on))
            return chip
        else:
            text, rich, tip = describe(group, value)
            words = str(value.get("text") or "") if group == "facts" else None
            chip = Chip(
                group,
                text,
                span=span,
                tooltip=tip,
                accessible=f"{TITLES[group]}: {text}",
                words=words,
            )
            if rich != html.escape(text):
                chip.label.setTextFormat(Qt.TextFormat.RichText)
                chip.label.setText(rich)
            if words is not None:
                chip.wordsEdited.connect(
                    lambda new, i=item, c=chip: self._reword("facts", i, c, text=new)
                )
        chip.removeRequested.connect(lambda g=group, i=item, c=chip: self._remove(g, i, c))
        return chip

    def _reword(self, group: str, item: Any, chip: Chip, **fields: str) -> None:
        """The user rewrote a chip's words: kept as an edit of that item, saved as typed."""
        self.edits.change(group, item, **fields)
        focusable = [c for c in self.chips if c.focusPolicy() != Qt.FocusPolicy.NoFocus]
        position = focusable.index(chip) if chip in focusable else 0
        # Later, not now: the chip asking is one of the widgets the rebuild deletes.
        QTimer.singleShot(0, lambda: self._build(focus_at=position))

    def _tick(self, suggestion: dict[str, Any], on: bool) -> None:
        self.edits.tick(suggestion, on)
        self.rebuilt.emit()  # the summary counts the ticks

    def _remove(self, group: str, item: Any, chip: Chip) -> None:
        focusable = [c for c in self.chips if c.focusPolicy() != Qt.FocusPolicy.NoFocus]
        position = focusable.index(chip) if chip in focusable else 0
        self.edits.remove(group, item)
        self._removed.append((group, item_key(group, item), position, chip.accessibleName()))
        self.removedChanged.emit(chip.accessibleName())
        self.highlightRequested.emit(None)
        # Later, not now: the chip asking is one of the widgets the rebuild deletes.
        QTimer.singleShot(0, lambda: self._build(focus_at=position))

    def undo_remove(self) -> bool:
        """Bring back the chip removed last (Ctrl+Z); False when there is none."""
        while self._removed:
            group, key, position, _said = self._removed.pop()
            if (group, key) in self.edits.removed:
                self.edits.removed.discard((group, key))
                self.removedChanged.emit(self._removed[-1][3] if self._removed else "")
                self._build(focus_at=position)
                return True
        self.removedChanged.emit("")
        return False

    def forget_removed(self) -> None:
        """A new note (or a saved one): nothing of the last one to bring back."""
        self._removed.clear()
        self.removedChanged.emit("")

    def _find(self, words: str) -> tuple[int, int] | None:
        words = words.strip()
        start = self.text.find(words) if words else -1
        return (start, start + len(words)) if start >= 0 else None


def span_of(item: dict[str, Any]) -> tuple[int, int] | None:
    span = item.get("span")
    if isinstance(span, list | tuple) and len(span) == 2:
        return int(span[0]), int(span[1])
    return None


def describe(group: str, value: Any) -> tuple[str, str, str]:
    """A chip's plain text, its rich text (tags softer) and tooltip, for kinds without editors."""
    e = html.escape
    if group == "facts":
        tags = list(value.get("tags") or [])
        about = value.get("about")
        text = str(value.get("text") or "").rstrip(" .")
        tip = (f"About {about}" if about else "About the client") + f" · {value.get('category')}"
        if tags:
            tip += f"\nInterests: {', '.join(tags)} (gift and note ideas use them)"
        shown = " ".join(f"#{t}" for t in tags[:TAGS_SHOWN]) + (" …" if len(tags) > 3 else "")
        plain = text + (f"  {shown}" if tags else "")
        soft = f"&nbsp; <span style='color:{soft_hex()}'>{e(shown)}</span>"
        rich = e(text) + (soft if tags else "")
        return plain, rich, tip
    if group == "dates":
        try:
            day = date(2000, int(value["month"]), int(value["day"]))
            when = f"{day:%b} {day.day}"
        except (KeyError, TypeError, ValueError):
            when = "?"
        about = value.get("about")
        label = str(value.get("label") or "date")
        text = (f"{about}'s {label}" if about else label.capitalize()) + f" · {when}"
        return text, e(text), "Remembered every year"
    if group == "inbound":
        sender = value.get("from")
        text = str(value.get("channel") or "message").capitalize()
        text += f" from {sender}" if sender else ""
        return text, e(text), "Saved as awaiting your reply, with a task to answer it"
    if group == "contacts":
        role = str(value.get("role") or "")
        text = str(value.get("name") or "") + (f" · {role}" if role else "")
        return text, e(text), "Saved on the client as a work contact (not family)"
    if group == "introductions":
        referrer = value.get("referrer")
        text = str(value.get("name")) + (f" · introduced by {referrer}" if referrer else "")
        return text, e(text), "Saved as a new client, with thank-you and reach-out tasks"
    text = str(value).strip().rstrip(".")
    return text, e(text), "A business point of the conversation (for the thank-you note)"
