"""The ways into quick capture, and what the app does once a note is saved.

``CaptureEntry`` gives the main window its Quick capture action (Ctrl+N, first in the
File menu and the toolbar; the tray menu picks it up), answers ``rapport capture`` sent
by a second launch, builds the capture window at idle after the main window has painted
(so opening it later costs only a show) and, after a save, refreshes the window and says
what was saved with a way to open the client and to undo the save (which also goes on
the main window's undo stack: Edit ▸ Undo save of the note about Bob Smith, Ctrl+Z).
``run_standalone`` is the small window ``rapport capture`` starts when Rapport is not
running: the capture window alone, which closes on save, so there is nothing to undo.
"""

from __future__ import annotations

import shlex
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton

from rapport.core.counts import counted
from rapport.core.formats import day_month
from rapport.ui.qt_names import set_shortcut

WARM_MS = 300  # after the main window's first paint: build the capture window then
TOAST_MS = 12000
GEOMETRY_KEY = "captureGeometry"
WARM_NOTE = "Lunch w/ Bob Smith. Son Jake, 12, plays baseball. Send pricing by Friday."


def client_from_args(rest: str) -> str | None:
    """The NAME of ``--client NAME`` in a message a second launch sent ("capture ...")."""
    try:
        words = shlex.split(rest)
    except ValueError:
        words = rest.split()
    for position, word in enumerate(words):
        if word == "--client" and position + 1 < len(words):
            return words[position + 1]
        if word.startswith("--client="):
            return word.split("=", 1)[1]
    return None


def saved_text(result: Any) -> str:
    """'Saved the note about Bob Smith · 2 tasks: Send the proposal (Nov 20), …'."""
    tasks = result.tasks
    text = f"Saved the note about {result.client_name}"
    if result.saved.created_client:
        text += " (new client)"
    elif result.saved.joined_client:
        text += " (a colleague had just added them: saved to their client)"
    if tasks:
        listed = [t.title + (f" ({day_month(t.due)})" if t.due else "") for t in tasks[:3]]
        more = "…" if len(tasks) > 3 else ""
        text += f" · {len(tasks)} task{'s' if len(tasks) != 1 else ''}: " + "; ".join(listed)
        text += more
    return text + "."


def kept_text(kept: Any) -> str:
    """What the standalone window says of a note kept while the team server is away."""
    waiting = f"{counted(kept.waiting, 'capture')} waiting"
    return (
        f"The team book at {kept.where} is away: the note is kept on this computer "
        f"({waiting}) and saved to the team book when the server is back."
    )


class SavedToast(QFrame):
    """A line in the status bar after a save: what was saved, Open client and Undo."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("captureToast")
        self.client_id: int | None = None
        self.undoable: Any = None  # the save's capture_undo.CaptureUndo
        self.label = QLabel()
        self.label.setObjectName("captureToastText")
        self.open_button = QPushButton("Open client")
        self.open_button.setAccessibleName("Open the client of the saved note")
        self.open_button.clicked.connect(self._open)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo the save of the note")
        self.undo_button.setToolTip("Take the whole save back (Ctrl+Z)")
        self.undo_button.clicked.connect(self._undo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.undo_button)
        window.undone.connect(self._undone)
        window.undoRefused.connect(self._refused)
        self.window_ = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        window.statusBar().addWidget(self, 1)
        self.hide()

    def show_saved(self, result: Any) -> None:
        self.client_id = result.saved.client_id
        self.undoable = result.saved.undo
        self.undo_button.setVisible(self.undoable is not None)
        text = saved_text(result)
        self.label.setText(text)
        self.label.setToolTip(text)
        self.window_.statusBar().clearMessage()  # a message would hide this line
        self.show()
        self.timer.start(TOAST_MS)

    def _open(self) -> None:
        if self.client_id is not None:
            self.window_.raise_window()
            self.window_.open_client(self.client_id)
        self.hide()

    def _undo(self) -> None:
        stack = self.window_.undo_stack
        if any(step is self.undoable for step in stack):
            # On the worker: the window says what was undone, or why it cannot be.
            self.window_.undo(self.undoable)
        else:  # Ctrl+Z was refused for it already, or a restored backup forgot it
            self.window_.statusBar().showMessage("That save can no longer be undone.", 8000)
            self.undo_button.hide()  # nothing left to click

    def _refused(self, step: Any) -> None:
        if step is self.undoable:  # refused for good: nothing left to click
            self.undo_button.hide()

    def _undone(self, step: Any) -> None:
        if step is self.undoable:  # by this button or by Ctrl+Z: the line is out of date
            self.undoable = None
            self.timer.stop()
            self.hide()


class CaptureEntry(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.capture_window: Any = None
        self.action = QAction("Quick &capture…", window)
        set_shortcut(self.action, "Ctrl+N")
        self.action.setToolTip("Quick capture: type a note after a meeting (Ctrl+N)")
        self.action.setStatusTip("Type a note; Rapport picks out people, dates and promises")
        self.action.triggered.connect(lambda _checked=False: self.open())
        menu_first = window.file_menu.actions()[0] if window.file_menu.actions() else None
        window.file_menu.insertAction(menu_first, self.action)
        toolbar_first = window.toolbar.actions()[0] if window.toolbar.actions() else None
        window.toolbar.insertAction(toolbar_first, self.action)
        window.toolbar.insertSeparator(toolbar_first)
        self.toast = SavedToast(window)
        window.undone.connect(self._undone)
        window.painted.connect(lambda: QTimer.singleShot(WARM_MS, self, self.warm))

    def warm(self) -> None:
        """Build the window and wake the understanding up while the user is reading."""
        if self.capture_window is not None:
            return  # the user was quicker: opened already, nothing left to warm
        from rapport import clock
        from rapport.core.understand.pipeline import understand
        from rapport.services import book, capture, capture_dry
        from rapport.services.errors import StoreError

        self._window()
        current = book.current_book()
        if current is not None:
            # The whole grammar, not only the patterns the note below uses: from the
            # programs kept beside the book, a few milliseconds (the first start compiles).
            capture_dry.warm_grammar(current.data_dir)
        # The first understanding loads the interest catalogue; the clients indexed now
        # are reused by the first opening if nothing changed.
        try:
            understand(WARM_NOTE, clock.today(), capture.client_index())
        except StoreError:  # warming is a nicety: the opening will say what went wrong
            return

    def _window(self) -> Any:
        if self.capture_window is None:
            from rapport.ui.capture_window import CaptureWindow

            self.capture_window = CaptureWindow(self.window, self.window.worker)
            self.capture_window.saved.connect(self._saved)
            self.capture_window.kept.connect(self.window.outbox_status().kept)
            # Kept because the server is away: the window says so (its book entries off).
            self.capture_window.kept.connect(lambda kept: self.window.server_lost(kept.server))
            self.capture_window.replaced.connect(self.window.outbox_status().recount)
            self.capture_window.finished.connect(lambda _code: self._remember_geometry())
            geometry = self.window.settings.value(GEOMETRY_KEY)
            if isinstance(geometry, QByteArray) and not geometry.isEmpty():
                self.capture_window.restoreGeometry(geometry)
        return self.capture_window

    def open(self, client_name: str | None = None) -> Any:
        window = self._window()
        window.open_capture(client_name)
        return window

    def edit_refused(self, item: Any) -> bool:
        """A capture the team book refused, in the capture window to fix and save again
        (ui/outbox_review.py); False when the window holds another note."""
        return bool(self._window().edit_refused(item))

    def on_remote(self, rest: str) -> None:
        """``rapport capture [--client NAME]`` with no text, from a second launch."""
        self.open(client_from_args(rest))

    def shutdown(self) -> None:
        """The main window is closing for good: keep the draft, close, stop every timer."""
        if self.capture_window is not None:
            self.capture_window.shutdown()

    def _remember_geometry(self) -> None:
        if self.capture_window is not None:
            self.window.settings.setValue(GEOMETRY_KEY, self.capture_window.saveGeometry())

    def _saved(self, result: Any) -> None:
        window = self.window
        window.reload_soon(profile=True)  # read on the worker, after the save
        if result.saved.undo is not None:
            window.remember_undo(result.saved.undo)
        self.toast.show_saved(result)
        tray = getattr(getattr(window, "desktop", None), "tray", None)
        if not window.isVisible() and tray is not None and tray.shown and tray.icon is not None:
            # Captured from the tray with the window hidden: say it where the user looks.
            tray.icon.showMessage("Rapport", saved_text(result))

    def _undone(self, step: Any) -> None:
        """A save was undone: its text becomes the draft again, to fix and save anew (the
        wrong client, a misheard date). A note being typed meanwhile is never replaced."""
        text = getattr(step, "note_text", "")
        capture = self.capture_window
        if not text or (capture is not None and not capture.editor.document().isEmpty()):
            return
        from rapport.services import drafts

        def offer(_context: Any) -> bool:
            # On the worker, after any draft the capture window queued before: a draft
            # there is newer than the undone note and stays.
            if drafts.load_draft() is not None:
                return False
            drafts.save_draft(text)
            return True

        def offered(done: bool) -> None:
            if done:
                self.window.statusBar().showMessage(
                    f"{step.done} Quick capture (Ctrl+N) has the note again to fix and save.",
                    10000,
                )

        # The undo is done; offering the text again is a nicety: a failure is not said.
        self.window.worker.submit(
            offer, name="offer the note again", on_done=offered, on_error=lambda _exc: None
        )


def run_standalone(app: QApplication, instance: Any, data_dir: Any, client: str | None) -> int:
    """The capture window alone (Rapport is not running); returns when it saves or closes."""
    from rapport.ui.capture_window import CaptureWindow

    settings = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
    window = CaptureWindow(None)
    geometry = settings.value(GEOMETRY_KEY)
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)

    def saved(result: Any) -> None:
        print(saved_text(result), flush=True)

    def finished(_code: int) -> None:
        settings.setValue(GEOMETRY_KEY, window.saveGeometry())
        settings.sync()
        QTimer.singleShot(0, app.quit)

    def message(text: str) -> None:
        # Another `rapport capture` (or `rapport`) while this window is open: show it.
        command, _, rest = text.partition(" ")
        window.open_capture(client_from_args(rest) if command == "capture" else None)

    def kept(result: Any) -> None:
        print(kept_text(result), flush=True)

    window.saved.connect(saved)
    window.kept.connect(kept)
    window.finished.connect(finished)
    instance.messageReceived.connect(message)
    window.open_capture(client)
    app.exec()
    window.worker.wait(5000)  # the draft kept at closing is written before the book closes
    instance.messageReceived.disconnect(message)
    window.deleteLater()
    return 0
