"""Two small parts of the capture window: the note editor and the line of notices.

``NoteEdit`` is the text box; it can shade the words a chip came from (the understanding
gives Python string offsets, Qt counts UTF-16 units: an emoji before the words shifts
them). ``NoticeLine`` says what the user should know, in slots so that one problem is
said once and cleared when it is over: errors first, then warnings, then information.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QWidget

from rapport.ui.capture_style import notice_colour

PLACEHOLDER = (
    "Lunch w/ Bob Smith (Acme). Son Jake, 12, plays travel baseball. "
    "Needs delivery by March. Promised revised proposal by Friday."
)
LEVELS = {"error": 0, "warning": 1, "info": 2}


class NoteEdit(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureText")
        self.setAccessibleName("Note")
        self.setPlaceholderText(PLACEHOLDER)
        self.setTabChangesFocus(True)  # Tab goes on to the chips
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 5 + 14)

    def shade(self, text: str, start: int, end: int) -> None:
        """Shade ``text[start:end]``, ``text`` being what the editor holds (else nothing)."""
        if text != self.toPlainText() or not 0 <= start <= end <= len(text):
            self.clear_shade()  # the note changed since: the offsets are stale
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(utf16(text, start))
        cursor.setPosition(utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        shade = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        colour = QColor(self.palette().highlight().color())
        colour.setAlpha(90)
        fmt.setBackground(colour)
        shade.cursor = cursor
        shade.format = fmt
        self.setExtraSelections([shade])

    def clear_shade(self) -> None:
        self.setExtraSelections([])


def utf16(text: str, index: int) -> int:
    """A Python string index as a Qt text position (UTF-16 code units)."""
    prefix = text[:index]
    return index if prefix.isascii() else len(prefix.encode("utf-16-le")) // 2


class NoticeLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureNotice")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName("Messages")
        self.notices: dict[str, tuple[str, str]] = {}  # slot -> (level, text)
        self.hide()

    def say(self, slot: str, level: str, text: str) -> None:
        self.notices[slot] = (level, text)
        self._show()

    def drop(self, *slots: str) -> None:
        if any(self.notices.pop(slot, None) for slot in slots):
            self._show()

    def level(self, slot: str) -> str | None:
        found = self.notices.get(slot)
        return found[0] if found else None

    def clear_all(self) -> None:
        self.notices.clear()
        self._show()

    def plain(self) -> str:
        return " ".join(text for _level, text in self.notices.values())

    def _show(self) -> None:
        lines = [
            f"<span style='color:{notice_colour(level)}'>{html.escape(text)}</span>"
            for level, text in sorted(self.notices.values(), key=lambda lt: LEVELS[lt[0]])
        ]
        self.setText("<br>".join(lines))
        self.setVisible(bool(lines))
