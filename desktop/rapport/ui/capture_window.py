"""Quick capture: type a note, see what Rapport understood as chips, fix them, save.

The note is understood again a moment after each pause in typing (``UNDERSTAND_MS``),
against the book's clients fetched once when the window opens, and shown as chips grouped
by kind. The user's fixes on the chips are kept apart (core/understand/edits.py has the rule:
an edit follows its item, recognised by kind and words, while the user types elsewhere)
and applied to every fresh understanding. The text and the chosen client are saved as a
draft a moment after each pause (``DRAFT_MS``), restored when the window opens again and
forgotten in the same transaction that saves the note. Ctrl+Enter saves, Esc closes and
keeps the draft. Problems (no client, a read-only disk) are said inline; nothing is lost.

The window is built once and reused: opening it again only re-reads the clients and the
draft, so it appears at once from the main window, the tray or ``rapport capture``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import (
    QKeySequence,
    QPaintEvent,
    QShortcut,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rapport.core.understand.clients import ClientIndex
from rapport.core.understand.edits import GROUPS, CaptureEdits, accepted_suggestions, apply_edits
from rapport.core.understand.language import foreign_language, only_english
from rapport.core.understand.text import MAX_CHARS
from rapport.ui import messages, theme
from rapport.ui.capture_chips import Chip
from rapport.ui.capture_client import ClientPicker
from rapport.ui.capture_panel import ChipsPanel, span_of
from rapport.ui.capture_parts import NoteEdit, NoticeLine
from rapport.ui.capture_style import stylesheet
from rapport.ui.worker import Worker

KIND_WORDS = {
    "meeting": "A meeting",
    "call": "A call",
    "email": "An email",
    "voicemail": "A voicemail",
    "text": "A text",
    "note": "A note",
}
UNDERSTAND_MS = 250
DRAFT_MS = 500


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
    # The team book's server was away: the note went to the outbox (services.outbox.Kept).
    kept = Signal(object)
    # A capture the team book refused, edited here and saved (or kept) again: it left the
    # outbox (its key; ui/outbox_review.py).
    replaced = Signal(str)
    busyWaiting = Signal(str)  # from the worker's thread: the save waits for an import

    def __init__(self, parent: QWidget | None = None, worker: Worker | None = None) -> None:
        super().__init__(parent)
        self._worker = worker  # saves run on it, so a busy book never freezes the window
        self.saving = False
        self._sending: tuple[str, dict[str, Any], list[int], bool, str] = ("", {}, [], False, "")
        self.setObjectName("CaptureWindow")
        self.setWindowTitle("Quick capture")
        self.setModal(False)
        self.known = ClientIndex([])
        self.understanding: dict[str, Any] = empty_understanding()
        self.understood_text = ""
        self.edits = CaptureEdits()
        self._draft_failed = False
        self._drafts = DraftNumbers()
        self._loading = False
        self._refresh_pending = False
        # The outbox key of a capture the team book refused, being edited here to save
        # again (``edit_refused``); None for a new note.
        self.replacing: str | None = None

        self.editor = NoteEdit()
        self.client_picker = ClientPicker()
        self.chips_area = ChipsPanel(self.edits)
        self.notice = NoticeLine()
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
        # On a team book: the note and all it teaches stay its author's (the server hides
        # them from the other members). Shown only there (see open_capture).
        self.only_me = QCheckBox("Only me")
        self.only_me.setToolTip(
            "Keep this note and everything understood from it to yourself: "
            "the rest of the team does not see it"
        )
        self.only_me.setVisible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.only_me)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.addWidget(self.editor, 2)
        layout.addWidget(self.client_picker)
        layout.addWidget(self.chips_area, 5)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.setStyleSheet(stylesheet())
        theme.follow_palette(self, self._restyle)
        self.resize(720, 680)

        self.understand_timer = QTimer(self)
        self.understand_timer.setSingleShot(True)
        self.understand_timer.setInterval(UNDERSTAND_MS)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_MS)
        self._connect_signals()
        # Quitting the app (or the session ending) with text typed in the last half second:
        # the draft is written before the book closes.
        app = QCoreApplication.instance()
        self._follows_quit = app is not None
        if app is not None:
            app.aboutToQuit.connect(self._flush_draft)
        self._render()

    def _connect_signals(self) -> None:
        self.busyWaiting.connect(self._show_busy_wait)
        self.editor.textChanged.connect(self._on_text_changed)
        self.understand_timer.timeout.connect(self.understand_now)
        self.draft_timer.timeout.connect(self.save_draft_now)
        self.client_picker.chosen.connect(self._on_client_chosen)
        self.client_picker.highlightRequested.connect(self.highlight)
        self.chips_area.highlightRequested.connect(self.highlight)
        self.chips_area.rebuilt.connect(self._after_rebuild)
        self.chips_area.removedChanged.connect(self._on_chip_removed)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.save)

    def _on_chip_removed(self, said: str) -> None:
        if said:
            self.notice.say("removed", "info", f"Removed {said}. Ctrl+Z brings it back.")
        else:
            self.notice.drop("removed")

    # -- opening and closing ---------------------------------------------------------------
    def open_capture(self, client_name: str | None = None) -> None:
        """Show the window with the draft left last time; ``client_name`` presets the client."""
        from rapport.services import book, drafts

        self.only_me.setVisible(book.is_team_book())
        draft = None
        # Text in the window is the newest there is (this window is the draft's only
        # writer, and a draft that could not be written is only here): the book's draft
        # fills an empty window, after a restart or a crash.
        if self.editor.document().isEmpty():
            try:
                draft = drafts.load_draft()
            except Exception as exc:
                if messages.user_message(exc) is None:
                    raise
                self.notice.say("draft", "warning", f"The draft could not be read: {_why(exc)}")
        if draft is not None and draft.text:
            self._load(draft.text, draft.client, understand=False)
            when = draft.updated_at.strftime("%H:%M") if draft.updated_at else ""
            self.notice.say("draft", "info", f"Your unsaved note from {when} is back.")
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

    def edit_refused(self, item: Any) -> bool:
        """A capture the team book refused (a ``services.outbox.KeptCapture`` set aside):
        its text here to fix and save again; once saved (or kept while the server is
        away), it leaves the outbox. False, and nothing changed, when the window holds
        another note."""
        if not self.editor.document().isEmpty() and self.replacing != item.key:
            return False
        self.replacing = item.key
        self._load(item.text, None)
        self.open_capture(item.client)
        self.only_me.setChecked(item.private)
        self.notice.say(
            "refused",
            "warning",
            f"The team book refused this note: {item.refused}. Fix it and save it again.",
        )
        return True

    def _forget_replaced(self) -> None:
        """The refused note edited here is saved (or kept again): out of the outbox."""
        from rapport.services import outbox

        key, self.replacing = self.replacing, None
        if key is None:
            return
        try:
            outbox.forget(key)
        except Exception as exc:  # saved all the same: Review… still lists the old one
            if messages.user_message(exc) is None:
                raise
        self.replaced.emit(key)

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
        from rapport.services.errors import ServerAwayError

        try:
            self.known = capture.client_index()
        except ServerAwayError as exc:
            # The clients read before still match names; the note goes to the outbox.
            self.notice.say(
                "known",
                "warning",
                f"{_why(exc)} The note will be kept on this computer until it is back.",
            )
        except Exception as exc:
            self.known = ClientIndex([])
            self.notice.say("known", "warning", f"Your clients could not be read: {_why(exc)}")
        else:
            self.notice.drop("known")
        self.client_picker.set_known(list(self.known))
        self.understand_now()

    def _load(self, text: str, client: dict[str, Any] | None, understand: bool = True) -> None:
        self._loading = True
        try:
            self.edits.clear()
            self.chips_area.forget_removed()
            if client:
                self.edits.choose_client(client)
            self.editor.setPlainText(text)
        finally:
            self._loading = False
        if understand:
            self.understand_now()

    def reject(self) -> None:
        """Esc or Close: nothing is asked, the text stays as a draft."""
        self._flush_draft()
        super().reject()

    def _flush_draft(self) -> None:
        if self.draft_timer.isActive():
            self.save_draft_now()

    def shutdown(self) -> None:
        """Write a pending draft, then stop the timers and close (the app is closing)."""
        self._flush_draft()
        self.understand_timer.stop()
        self.draft_timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._follows_quit:  # once (the window may close twice)
            self._follows_quit = False
            app.aboutToQuit.disconnect(self._flush_draft)
        self.hide()

    # -- understanding ---------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        self.save_button.setEnabled(not self.saving and not self.editor.document().isEmpty())
        if self._loading:
            return
        if self.replacing is not None and self.editor.document().isEmpty():
            # The refused note's text was cleared: it stays in the outbox (Review…), and
            # what is typed now is a new note, not its replacement.
            self.replacing = None
            self.notice.drop("refused")
        self.notice.drop("save")
        if self.notice.level("draft") == "info":
            self.notice.drop("draft")  # "your note is back": read, and typing goes on
        self.understand_timer.start()
        self.draft_timer.start()

    def understand_now(self) -> None:
        from rapport.services import capture

        self.understand_timer.stop()
        text = self.editor.toPlainText()
        self.understood_text = text
        self.save_button.setEnabled(bool(text.strip()) and not self.saving)
        if not text.strip():
            self.understanding = empty_understanding()
        else:
            try:
                self.understanding = capture.understand_with(text, self.known, self.edits.client)
            except Exception as exc:  # a bug in understanding must not cost the note
                self.understanding = empty_understanding()
                self.notice.say("understand", "warning", f"Could not read this note: {exc!r}")
            else:
                self.notice.drop("understand")
        if self.understanding.get("truncated"):
            self.notice.say(
                "truncated",
                "info",
                f"A long note: people, dates and tasks are read from the first {MAX_CHARS:,} "
                "characters; the whole text is saved.",
            )
        else:
            self.notice.drop("truncated")
        language = foreign_language(text) if text.strip() else None
        if language:
            self.notice.say("language", "info", only_english(language))
        else:
            self.notice.drop("language")
        self._render()

    # -- chips -----------------------------------------------------------------------------
    @property
    def chips(self) -> list[Chip]:
        return self.chips_area.chips

    def _render(self) -> None:
        u = self.understanding
        found = u.get("client") or {}
        shown_client = (
            apply_edits({"client": found}, self.edits)["client"]
            if found or self.edits.client
            else None
        )
        self.client_picker.show_client(
            shown_client,
            list(found.get("candidates") or []),
            span_of(found),
            self.edits.client is not None,
        )
        self._update_title(shown_client)
        self.chips_area.show_understanding(u, self.understood_text)

    def _restyle(self) -> None:
        """The palette changed (light, dark): the style sheet's colours and the chips' rich
        text are built from it, so build them again. A chip whose editor is in use is left
        as it is (rebuilding would drop what is being typed); the style sheet recolours it."""
        self.setStyleSheet(stylesheet())
        for slot, (level, text) in list(self.notice.notices.items()):
            self.notice.say(slot, level, text)  # its colours are in its rich text
        focus = QApplication.focusWidget()
        if focus is None or not self.chips_area.isAncestorOf(focus):
            self.chips_area.show_understanding(self.understanding, self.understood_text)

    def _after_rebuild(self) -> None:
        self._update_summary(apply_edits(self.understanding, self.edits))
        picker = self.client_picker
        chain: list[QWidget] = [self.editor, picker.button, picker.search, picker.new_button]
        chain += [picker.new_name, picker.new_company, picker.add_button]
        chain += self.chips_area.focusables()
        chain += [self.save_button, self.close_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def highlight(self, span: Any) -> None:
        """Shade the words of the note a chip came from (None: clear)."""
        if span:
            self.editor.shade(self.understood_text, int(span[0]), int(span[1]))
        else:
            self.editor.clear_shade()

    # -- client ----------------------------------------------------------------------------
    def _on_client_chosen(self, client: dict[str, Any] | None) -> None:
        self.edits.choose_client(client)
        self.notice.drop("save")
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
            self.client_picker.start_pick(name)
            self.notice.say("save", "warning", f"{_why(exc)} Choose whom the note is about above.")
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
        if self.understood_text.strip():
            # How the conversation will be filed (a meeting leaves a thank-you owed).
            parts.insert(0, KIND_WORDS.get(str(shown.get("kind")), "A note"))
        if ticked:
            parts.append(f"{ticked} suggestion{'s' if ticked != 1 else ''} ticked")
        self.summary.setText(" · ".join(parts))

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        """Save on the worker: the window keeps painting (and says so) while the book is busy.

        The result comes back on this thread: ``saved`` is emitted and the window closes.
        """
        from rapport.services import book, drafts, outbox

        if self.saving:
            return  # Ctrl+Enter again while the first save is under way
        text = self.editor.toPlainText()
        if not text.strip():
            self.notice.say("save", "error", "There is nothing to save yet: type the note first.")
            return
        if text != self.understood_text:
            self.understand_now()
        shown = apply_edits(self.understanding, self.edits)
        client = shown.get("client")
        if not client or (client.get("id") is None and not client.get("name")):
            self.notice.say(
                "save",
                "error",
                "Whom is this note about? Type a client's name above, or add a new client.",
            )
            self.client_picker.require()
            return
        accepted = accepted_suggestions(self.understanding, self.edits)
        private = not self.only_me.isHidden() and self.only_me.isChecked()
        # A save that waits behind another program's import says so here (the listener is
        # called on the worker's thread; the signal brings the message to this one).
        book.on_busy_wait("capture", self.busyWaiting.emit)
        self._set_saving(True)
        # What the save sends: kept in the outbox as it is if the team server is away,
        # with its key, so that a save cut off after the server's commit is saved once.
        key = outbox.new_key()
        self._sending = (text, shown, accepted, private, key)
        self.worker.submit(
            lambda _context: drafts.save_note(text, shown, accepted, private=private, key=key),
            name="save the note",
            on_done=self._save_done,
            on_error=self._save_failed,
        )

    @property
    def worker(self) -> Worker:
        if self._worker is None:  # on its own (``rapport capture``): a worker of its own
            self._worker = Worker(self)
        return self._worker

    def _set_saving(self, saving: bool) -> None:
        """The note is on its way to the book: say so, and take no edits or saves meanwhile."""
        self.saving = saving
        self.draft_timer.stop()
        self.editor.setReadOnly(saving)
        self.save_button.setEnabled(not saving and not self.editor.document().isEmpty())
        self.save_button.setText("Saving…" if saving else "Save")
        if saving:
            self.notice.say("save", "info", "Saving…")
        else:
            self.notice.drop("save")

    def _show_busy_wait(self, message: str) -> None:
        if self.saving:
            self.notice.say("save", "info", message[:1].upper() + message[1:] + "…")

    def _save_done(self, result: Any) -> None:
        self._set_saving(False)
        self._forget_replaced()
        self.reset()
        self.saved.emit(result)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        from rapport.services.errors import ServerAwayError

        self._set_saving(False)
        if isinstance(exc, ServerAwayError):
            self._keep_for_later(exc)
            return
        if messages.user_message(exc) is None:
            messages.show_error(self, exc, "save the note")
            return
        self.notice.say("save", "error", f"Not saved: {_why(exc)} Your note is still here.")
        self.save_draft_now()

    def _keep_for_later(self, away: BaseException) -> None:
        """The team book's server is away: keep the note, as the save would have sent it,
        in the outbox on this computer (sent when the server is back). When even that
        cannot be written the note stays here, said as a failed save."""
        from rapport.services import outbox

        text, shown, accepted, private, key = self._sending
        try:
            kept = outbox.keep(text, shown, accepted, private=private, key=key)
        except Exception as exc:
            if messages.user_message(exc) is None:
                raise
            self.notice.say(
                "save", "error", f"Not saved: {_why(away)} {_why(exc)} Your note is still here."
            )
            return
        self._forget_replaced()
        self.reset()
        self.kept.emit(kept)
        self.accept()

    def reset(self) -> None:
        """Empty the window for the next note (after a save)."""
        self.draft_timer.stop()
        self.notice.clear_all()
        self._draft_failed = False
        self.only_me.setChecked(False)  # each note is shared unless said otherwise
        self._load("", None)

    # -- drafts ----------------------------------------------------------------------------
    def save_draft_now(self) -> None:
        """Keep the text as the draft, on the worker: a book busy with another program's
        import never freezes the window while the user types.

        Drafts are numbered as they are taken; the worker writes one only while it is still
        the newest (an older one still queued behind a busy book is skipped), and runs them
        in order, so an older draft never overwrites a newer one. At quit the app waits for
        the worker (app.py), so the last draft is written before the book closes.
        """
        from rapport.services import drafts

        self.draft_timer.stop()
        text = self.editor.toPlainText()
        client = dict(self.edits.client) if self.edits.client else None
        numbers = self._drafts  # not the window: the job may outlive it (a crash, a quit)
        number = numbers.take()
        self.worker.submit(
            lambda _context: numbers.write(number, lambda: drafts.save_draft(text, client)),
            name="keep the draft",
            on_done=self._draft_kept,
            on_error=self._draft_not_kept,
        )

    def _draft_kept(self, written: bool) -> None:
        if written and self._draft_failed:
            self._draft_failed = False
            self.notice.drop("draft")

    def _draft_not_kept(self, exc: BaseException) -> None:
        if messages.user_message(exc) is None:
            messages.show_error(self, exc, "keep the draft")
            return
        from rapport.services.errors import ServerAwayError

        if not self._draft_failed:  # said once, not at every pause
            self._draft_failed = True
            if isinstance(exc, ServerAwayError):  # the server is named once, above
                self.notice.say(
                    "draft",
                    "warning",
                    "While the team server is away your draft stays in this window; "
                    "Save keeps the note on this computer.",
                )
                return
            self.notice.say(
                "draft",
                "warning",
                f"Your draft cannot be kept on disk ({_why(exc).rstrip('.')}); "
                "it stays in this window until you save or close it.",
            )

    def notice_text(self) -> str:
        return self.notice.plain()


class DraftNumbers:
    """The drafts taken on the GUI thread, numbered; the worker writes only the newest.

    A plain object (no Qt): the worker's thread reads it even after the window is gone.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._newest = 0

    def take(self) -> int:
        with self._lock:
            self._newest += 1
            return self._newest

    def write(self, number: int, save: Callable[[], object]) -> bool:
        """Run ``save`` if draft ``number`` is still the newest taken (on the worker's
        thread); False when a newer draft was taken since (it is queued after this one)."""
        with self._lock:
            if number != self._newest:
                return False
        save()
        return True


def _why(exc: BaseException) -> str:
    message = messages.user_message(exc) or str(exc)
    message = message.strip()
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."
