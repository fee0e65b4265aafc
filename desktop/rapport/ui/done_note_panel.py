"""Closing the loop: after a promise is marked done, the message that tells the client.

A small non-modal window beside the main one: it shows the draft ("Dana, the revised
pricing is in your inbox, as promised."), editable, with Copy and Email it. It opens
without taking the keyboard, so D on Today keeps walking down the list and the panel
simply follows with the next promise's message. Copy or Email it records on the client's
history that they were told (once per message); closing it records nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rapport.core.drafts import mailto_url
from rapport.core.records import Interaction
from rapport.services import followup
from rapport.services.followup import DoneMessage
from rapport.ui import messages
from rapport.ui.worker import Worker

_PANEL = "_done_note_panel"


class DoneNotePanel(QDialog):
    told = Signal(object)  # the Interaction logged on the client's history

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tell the client")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.message: DoneMessage | None = None
        self.recorded: Interaction | None = None
        self.recording: DoneMessage | None = None  # on its way to the book (the worker)
        # What the view that offered the message refreshes once the history has changed.
        self.after_told: Callable[[], None] | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Message to the client")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumWidth(360)
        self.text.setMaximumHeight(110)
        layout.addWidget(self.text)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy")
        self.email_button = QPushButton("&Email it")
        self.close_button = QPushButton("Close")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.email_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.copy_button.clicked.connect(self.copy)
        self.email_button.clicked.connect(self.email)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)

    def offer(self, message: DoneMessage, after_told: Callable[[], None] | None = None) -> None:
        """Show the message for a promise just done (replacing the one before)."""
        self.message, self.recorded, self.after_told = message, None, after_told
        self.heading.setText(f"Done. Let {message.client} know:")
        self.text.setPlainText(message.body)
        self.status.setText("")
        self.email_button.setToolTip(
            f"Opens your mail program with a message to {message.email}"
            if message.email
            else f"No email address for {message.client}: your mail program asks for one"
        )
        self.show()

    def body(self) -> str:
        return self.text.toPlainText().strip()

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self.message is None or clipboard is None or not self.body():
            return
        clipboard.setText(self.body())
        self._record("copy", "Copied. Paste it to them")

    def email(self) -> None:
        if self.message is None or not self.body():
            return
        url = mailto_url(self.message.email, self.message.subject, self.body())
        if not QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii"))):
            self.status.setText("No mail program answered; Copy the message instead.")
            return
        self._record("email", "Opened in your mail program")

    def _record(self, channel: str, said: str) -> None:
        """Note on the client's history that they were told, once per message, on the
        window's worker (a busy book never freezes the window; in place on its own)."""
        message = self.message
        if message is None:
            return
        if self.recorded is not None:
            self.status.setText(f"{said}; {message.client}'s history notes they were told.")
            return
        if self.recording is message:
            return  # a second click while the first is on its way: told once
        body, after_told = self.body(), self.after_told

        def write() -> Interaction:
            return followup.record_told(message.task_id, channel, body)

        def recorded(told: Interaction) -> None:
            if self.recording is message:
                self.recording = None
            if self.message is message:  # not replaced by the next promise meanwhile
                self.recorded = told
                self.status.setText(f"{said}; {message.client}'s history notes they were told.")
            self.told.emit(told)
            if after_told is not None:
                after_told()

        def failed(exc: BaseException) -> None:
            if self.recording is message:
                self.recording = None
            messages.show_error(self, exc, "note that the client was told")

        parent = self.parentWidget()
        worker = getattr(parent, "worker", None) if parent is not None else None
        if not isinstance(worker, Worker):
            try:
                told = write()
            except Exception as exc:
                failed(exc)
                return
            recorded(told)
            return
        self.recording = message
        worker.submit(
            lambda _context: write(),
            name="note that the client was told",
            on_done=recorded,
            on_error=failed,
        )


def offer_done_note(
    parent: QWidget, task_id: int, after_told: Callable[[], None] | None = None
) -> DoneNotePanel | None:
    """After ``task_id`` was marked done: offer its message when it was a promise to a
    client. One panel per window, reused; nothing when nobody is waiting to hear."""
    try:
        message = followup.done_message(task_id)
    except Exception as exc:
        messages.show_error(parent, exc, "draft the message to the client")
        return None
    if message is None:
        return None
    window = parent.window()
    panel = getattr(window, _PANEL, None)
    if not isinstance(panel, DoneNotePanel):
        panel = DoneNotePanel(window)
        setattr(window, _PANEL, panel)
    panel.offer(message, after_told)
    return panel
