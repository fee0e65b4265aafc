"""Quick capture: type a note, see what Rapport understood as chips, fix them, save.

The note is understood again a moment after each pause in typing (``UNDERSTAND_MS``),
against the book's clients fetched once when the window opens, and shown as chips grouped
by kind. The user's fixes on the chips are kept apart (core/capture_edits.py has the rule:
an edit follows its item, recognised by kind and words, while the user types elsewhere)
and applied to every fresh understanding. The text and the chosen client are saved as a
draft a moment after each pause (``DRAFT_MS``), restored when the window opens again and
forgotten in the same transaction that saves the note. Ctrl+Enter saves, Esc closes and
keeps the draft. Problems (no client, a read-only disk) are said inline; nothing is lost.

The window is built once and reused: opening it again only re-reads the clients and the
draft, so it appears at once from the main window, the tray or ``rapport capture``.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QPaintEvent,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from rapport.core.capture_clients import ClientIndex
from rapport.core.capture_edits import (
    GROUPS,
    CaptureEdits,
    accepted_suggestions,
    apply_edits,
    item_key,
)
from rapport.core.capture_text import MAX_CHARS
from rapport.ui import messages
from rapport.ui.capture_chips import Chip, PersonChip, SuggestionChip, TaskChip
from rapport.ui.capture_client import ClientPicker
from rapport.ui.capture_style import notice_colour, stylesheet
from rapport.ui.flow_layout import FlowLayout, flow_policy

UNDERSTAND_MS = 250
DRAFT_MS = 500

TITLES = {
    "people": "People",
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
PLACEHOLDER = (
    "Lunch w/ Bob Smith (Acme). Son Jake, 12, plays travel baseball. "
    "Needs delivery by March. Promised revised proposal by Friday."
)


def empty_understanding() -> dict[str, Any]:
    return {
        "client": None,
        **{group: [] for group in GROUPS if group != "inbound"},
        "inbound": None,
        "kind": "note",
        "truncated": False,
    }


class CaptureWindow(QDialog):
    saved = Signal(object)  # services.drafts.SavedNote

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CaptureWindow")
        self.setWindowTitle("Quick capture")
        self.setModal(False)
        self.known = ClientIndex([])
        self.understanding: dict[str, Any] = empty_understanding()
        self.understood_text = ""
        self.edits = CaptureEdits()
        self.chips: list[Chip] = []
        self.notices: dict[str, tuple[str, str]] = {}  # slot -> (level, text)
        self._draft_failed = False
        self._loading = False
        self._refresh_pending = False

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("captureText")
        self.editor.setAccessibleName("Note")
        self.editor.setPlaceholderText(PLACEHOLDER)
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * 5 + 14)
        self.client_picker = ClientPicker()
        self.chips_area = QScrollArea()
        self.chips_area.setObjectName("chipsArea")
        self.chips_area.setWidgetResizable(True)
        self.chips_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.chips_area.setAccessibleName("What Rapport understood")
        self.notice = QLabel()
        self.notice.setObjectName("captureNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.hide()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Close and keep the text for later (Esc)")
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save the note and everything ticked (Ctrl+Enter)")
        for button in (self.close_button, self.save_button):
            # Enter in a chip's editor must not save: only Ctrl+Enter does.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.addWidget(self.editor, 2)
        layout.addWidget(self.client_picker)
        layout.addWidget(self.chips_area, 3)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.setStyleSheet(stylesheet())
        self.resize(700, 620)

        self.understand_timer = QTimer(self)
        self.understand_timer.setSingleShot(True)
        self.understand_timer.setInterval(UNDERSTAND_MS)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_MS)
        self._connect_signals()
        self._render()

    def _connect_signals(self) -> None:
        self.editor.textChanged.connect(self._on_text_changed)
        self.understand_timer.timeout.connect(self.understand_now)
        self.draft_timer.timeout.connect(self.save_draft_now)
        self.client_picker.chosen.connect(self._on_client_chosen)
        self.client_picker.highlightRequested.connect(self.highlight)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.save)

    # -- opening and closing ---------------------------------------------------------------
    def open_capture(self, client_name: str | None = None) -> None:
        """Show the window with the draft left last time; ``client_name`` presets the client."""
        from rapport.services import drafts

        try:
            draft = drafts.load_draft()
        except Exception as exc:
            draft = None
            self._say("draft", "warning", f"Your last draft could not be read: {_why(exc)}")
        if draft is not None and draft.text != self.editor.toPlainText():
            self._load(draft.text, draft.client, understand=False)
            when = draft.updated_at.strftime("%H:%M") if draft.updated_at else ""
            self._say("draft", "info", f"Your unsaved note from {when} is back.")
        if client_name:
            self.choose_client_named(client_name)
        already_shown = self.isVisible()
        self.show()
        self.raise_()
        self.activateWindow()
        self.editor.setFocus()
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        # The clients are read once per opening, once the window is on screen (paintEvent),
        # so that reading 5,000 of them never delays the window itself.
        self._refresh_pending = True
        if already_shown:
            QTimer.singleShot(0, self._refresh_if_pending)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._refresh_pending:
            QTimer.singleShot(0, self._refresh_if_pending)

    def _refresh_if_pending(self) -> None:
        if self._refresh_pending:
            self._refresh_pending = False
            self.refresh_known()

    def refresh_known(self) -> None:
        from rapport.services import capture

        try:
            self.known = capture.client_index()
        except Exception as exc:
            self.known = ClientIndex([])
            self._say("known", "warning", f"Your clients could not be read: {_why(exc)}")
        else:
            self.notices.pop("known", None)
        self.client_picker.set_known(list(self.known))
        self.understand_now()

    def _load(self, text: str, client: dict[str, Any] | None, understand: bool = True) -> None:
        self._loading = True
        try:
            self.edits.clear()
            if client:
                self.edits.choose_client(client)
            self.editor.setPlainText(text)
        finally:
            self._loading = False
        if understand:
            self.understand_now()

    def reject(self) -> None:
        """Esc or Close: nothing is asked, the text stays as a draft."""
        if self.draft_timer.isActive():
            self.draft_timer.stop()
            self.save_draft_now()
        super().reject()

    # -- understanding ---------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        self.save_button.setEnabled(not self.editor.document().isEmpty())
        if self._loading:
            return
        self.notices.pop("save", None)
        if self.notices.get("draft", ("",))[0] == "info":
            self.notices.pop("draft")  # "your note is back": read, and typing goes on
            self._show_notices()
        self.understand_timer.start()
        self.draft_timer.start()

    def understand_now(self) -> None:
        from rapport.services import capture

        self.understand_timer.stop()
        text = self.editor.toPlainText()
        self.understood_text = text
        self.save_button.setEnabled(bool(text.strip()))
        if not text.strip():
            self.understanding = empty_understanding()
        else:
            try:
                self.understanding = capture.understand_with(text, self.known, self.edits.client)
            except Exception as exc:  # a bug in understanding must not cost the note
                self.understanding = empty_understanding()
                self._say("understand", "warning", f"Could not read this note: {exc!r}")
            else:
                self.notices.pop("understand", None)
        if self.understanding.get("truncated"):
            self._say(
                "truncated",
                "info",
                f"A long note: people, dates and tasks are read from the first {MAX_CHARS:,} "
                "characters; the whole text is saved.",
            )
        else:
            self.notices.pop("truncated", None)
        self._render()

    # -- chips -----------------------------------------------------------------------------
    def _render(self, focus_at: int | None = None) -> None:
        u = self.understanding
        shown = apply_edits(u, self.edits)
        found = u.get("client") or {}
        self.client_picker.show_client(
            shown.get("client"),
            list(found.get("candidates") or []),
            _span(found),
            self.edits.client is not None,
        )
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
            title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
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
            hint = QLabel(
                EMPTY_HINT
                if not self.understood_text.strip()
                else "Nothing picked out yet. Keep typing, or save the note as it is."
            )
            hint.setObjectName("emptyHint")
            hint.setWordWrap(True)
            grid.addWidget(hint, 0, 0, 1, 2)
            row = 1
        grid.setRowStretch(row, 1)
        self.chips_area.setWidget(panel)  # the old panel and its chips are deleted
        self._update_title(shown.get("client"))
        self._update_summary(shown)
        self._update_tab_order()
        self._show_notices()
        if focus_at is not None:
            targets = [c for c in self.chips if c.focusPolicy() != Qt.FocusPolicy.NoFocus]
            if targets:
                targets[min(focus_at, len(targets) - 1)].setFocus()
            else:
                self.editor.setFocus()

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
            chip.highlightRequested.connect(self.highlight)
            chips.append(chip)
        return chips

    def _make_chip(self, group: str, item: Any, value: Any) -> Chip:
        span = _span(value) if isinstance(value, dict) else self._find(str(value))
        chip: Chip
        if group == "tasks":
            chip = TaskChip(value, span)
            chip.dueChanged.connect(
                lambda day, i=item: self.edits.change(
                    "tasks", i, due=day.isoformat() if day else None
                )
            )
        elif group == "people":
            chip = PersonChip(value, span)
            chip.relationChanged.connect(
                lambda rel, i=item: self.edits.change("people", i, relation=rel)
            )
        elif group == "suggestions":
            chip = SuggestionChip(value, self.edits.is_ticked(item))
            chip.toggled.connect(lambda on, i=item: self.edits.tick(i, on))
            return chip
        else:
            text, tip = _describe(group, value)
            chip = Chip(group, text, span=span, tooltip=tip, accessible=f"{TITLES[group]}: {text}")
        chip.removeRequested.connect(lambda g=group, i=item, c=chip: self._remove(g, i, c))
        return chip

    def _remove(self, group: str, item: Any, chip: Chip) -> None:
        focusable = [c for c in self.chips if c.focusPolicy() != Qt.FocusPolicy.NoFocus]
        position = focusable.index(chip) if chip in focusable else 0
        self.edits.remove(group, item)
        self.highlight(None)
        QTimer.singleShot(0, lambda: self._render(focus_at=position))

    def _find(self, words: str) -> tuple[int, int] | None:
        start = self.understood_text.find(words.strip())
        return (start, start + len(words.strip())) if start >= 0 and words.strip() else None

    def _update_tab_order(self) -> None:
        picker = self.client_picker
        chain: list[QWidget] = [self.editor, picker.button, picker.search, picker.new_button]
        chain += [picker.new_name, picker.new_company, picker.add_button]
        for chip in self.chips:
            if chip.focusPolicy() != Qt.FocusPolicy.NoFocus:
                chain.append(chip)
            chain += [w for w in (getattr(chip, n, None) for n in _EDITORS) if w is not None]
        chain += [self.save_button, self.close_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def highlight(self, span: Any) -> None:
        """Shade the words of the note a chip came from (None: clear)."""
        if not span:
            self.editor.setExtraSelections([])
            return
        text = self.understood_text
        if text != self.editor.toPlainText() or not 0 <= int(span[0]) <= int(span[1]) <= len(text):
            return  # the note changed since: the offsets are stale
        start, end = (_utf16(text, int(span[0])), _utf16(text, int(span[1])))
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        colour = QColor(self.palette().highlight().color())
        colour.setAlpha(90)
        fmt.setBackground(colour)
        selection.cursor = cursor  # type: ignore[attr-defined]
        selection.format = fmt  # type: ignore[attr-defined]
        self.editor.setExtraSelections([selection])

    # -- client ----------------------------------------------------------------------------
    def _on_client_chosen(self, client: dict[str, Any] | None) -> None:
        self.edits.choose_client(client)
        self.notices.pop("save", None)
        self.understand_now()  # suggestions name the client chosen
        self.client_picker.focus()
        self.draft_timer.start()

    def choose_client_named(self, name: str) -> bool:
        """Preset the client from ``rapport capture --client NAME``; False if none matches."""
        from rapport.services import clients

        try:
            client = clients.resolve(name, include_archived=False)
        except Exception as exc:
            if messages.user_message(exc) is None:
                raise
            self.client_picker.start_pick()
            self.client_picker.search.setText(name)
            self._say("save", "warning", f"{_why(exc)} Choose whom the note is about above.")
            return False
        self.edits.choose_client({"id": client.id, "name": client.name, "company": client.company})
        self.draft_timer.start()
        self.understand_now()
        return True

    def _update_title(self, client: dict[str, Any] | None) -> None:
        if client and client.get("name"):
            new = " (new client)" if client.get("id") is None else ""
            self.setWindowTitle(f"Quick capture — {client['name']}{new}")
        elif self.understood_text.strip():
            self.setWindowTitle("Quick capture — whom is it about?")
        else:
            self.setWindowTitle("Quick capture")

    def _update_summary(self, shown: dict[str, Any]) -> None:
        counts = [
            (len(shown.get("people") or []), "person", "people"),
            (len(shown.get("facts") or []), "fact", "facts"),
            (len(shown.get("dates") or []), "date", "dates"),
            (len(shown.get("tasks") or []), "task", "tasks"),
        ]
        ticked = len(accepted_suggestions(self.understanding, self.edits))
        parts = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
        if ticked:
            parts.append(f"{ticked} suggestion{'s' if ticked != 1 else ''} ticked")
        self.summary.setText(" · ".join(parts))

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        from rapport.services import drafts

        text = self.editor.toPlainText()
        if not text.strip():
            self._say("save", "error", "There is nothing to save yet: type the note first.")
            return
        if text != self.understood_text:
            self.understand_now()
        shown = apply_edits(self.understanding, self.edits)
        client = shown.get("client")
        if not client or (client.get("id") is None and not client.get("name")):
            self._say(
                "save",
                "error",
                "Whom is this note about? Type a client's name above, or add a new client.",
            )
            self.client_picker.require()
            return
        accepted = accepted_suggestions(self.understanding, self.edits)
        try:
            result = drafts.save_note(text, shown, accepted)
        except Exception as exc:
            if messages.user_message(exc) is None:
                messages.show_error(self, exc, "save the note")
                return
            self._say("save", "error", f"Not saved: {_why(exc)} Your note is still here.")
            self.save_draft_now()
            return
        self.reset()
        self.saved.emit(result)
        self.accept()

    def reset(self) -> None:
        """Empty the window for the next note (after a save)."""
        self.draft_timer.stop()
        self.notices.clear()
        self._draft_failed = False
        self._load("", None)

    # -- drafts ----------------------------------------------------------------------------
    def save_draft_now(self) -> None:
        from rapport.services import drafts

        self.draft_timer.stop()
        try:
            drafts.save_draft(self.editor.toPlainText(), self.edits.client)
        except Exception as exc:
            if messages.user_message(exc) is None:
                raise
            if not self._draft_failed:  # said once, not at every pause
                self._draft_failed = True
                self._say(
                    "draft",
                    "warning",
                    f"Your draft cannot be kept on disk ({_why(exc).rstrip('.')}); "
                    "it stays in this window until you save or close it.",
                )
            return
        if self._draft_failed:
            self._draft_failed = False
            self.notices.pop("draft", None)
            self._show_notices()

    # -- notices ---------------------------------------------------------------------------
    def _say(self, slot: str, level: str, text: str) -> None:
        self.notices[slot] = (level, text)
        self._show_notices()

    def _show_notices(self) -> None:
        import html

        order = {"error": 0, "warning": 1, "info": 2}
        lines = [
            f"<span style='color:{notice_colour(level)}'>{html.escape(text)}</span>"
            for level, text in sorted(self.notices.values(), key=lambda lt: order[lt[0]])
        ]
        self.notice.setText("<br>".join(lines))
        self.notice.setVisible(bool(lines))

    def notice_text(self) -> str:
        return " ".join(text for _level, text in self.notices.values())


_EDITORS = ("due_edit", "relation", "check")


def _span(item: dict[str, Any]) -> tuple[int, int] | None:
    span = item.get("span")
    if isinstance(span, list | tuple) and len(span) == 2:
        return int(span[0]), int(span[1])
    return None


def _utf16(text: str, index: int) -> int:
    """A Python string index as a Qt text position (UTF-16 code units)."""
    prefix = text[:index]
    return index if prefix.isascii() else len(prefix.encode("utf-16-le")) // 2


def _describe(group: str, value: Any) -> tuple[str, str]:
    """A chip's text and tooltip for the kinds that have no editor."""
    if group == "facts":
        tags = value.get("tags") or []
        about = value.get("about")
        text = str(value.get("text") or "").rstrip(".")
        tip = f"About {about}" if about else "About the client"
        tip += f" · {value.get('category')}" + (f" · tags: {', '.join(tags)}" if tags else "")
        return text + ("  " + " ".join(f"#{t}" for t in tags) if tags else ""), tip
    if group == "dates":
        from datetime import date

        try:
            day = date(2000, int(value["month"]), int(value["day"]))
            when = f"{day:%b} {day.day}"
        except (KeyError, TypeError, ValueError):
            when = "?"
        about = value.get("about")
        label = str(value.get("label") or "date")
        return (f"{about}'s {label}" if about else label.capitalize()) + f" · {when}", "Every year"
    if group == "inbound":
        sender = value.get("from")
        channel = str(value.get("channel") or "message")
        return (
            channel.capitalize() + (f" from {sender}" if sender else ""),
            "Saved as awaiting your reply, with a task to answer it",
        )
    if group == "introductions":
        referrer = value.get("referrer")
        return (
            str(value.get("name")) + (f" · introduced by {referrer}" if referrer else ""),
            "Saved as a new client, with thank-you and reach-out tasks",
        )
    return str(value).rstrip(" ."), "A business point of the conversation"


def _why(exc: BaseException) -> str:
    message = messages.user_message(exc) or str(exc)
    message = message.strip()
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."
