"""The team book's server away, said in the status bar; the outbox sent when it is back.

While the server of a team book cannot be reached, the window keeps working on what it
shows, a capture saved meanwhile goes to the outbox on this computer (ui/capture_window.py,
services/outbox.py), and the status bar says so: "Team server away (db.example.com:5432):
2 captures waiting". The window learns it from its look at the book (ui/book_watch.py) or
from a save that failed. From then on, every few seconds, the worker sends what waits
(a look at the server when nothing does); once the server is back the captures are saved
in order and the status bar says "2 captures saved to the team book", and the window
reads the book again. A capture the server refuses stops the sending and is named; it is
tried again when the next capture is kept or the server goes away and comes back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from rapport.ui import messages

# How often the window asks whether the server is back (on the worker: a round trip).
LOOK_MS = 3000
SAID_MS = 10000


def captures(count: int) -> str:
    return f"{count} capture{'' if count == 1 else 's'}"


class OutboxStatus(QObject):
    sent = Signal(object)  # services.outbox.Sent, once captures were saved

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("outboxStatus")
        self.label.setAccessibleName("Team server status")
        window.statusBar().addPermanentWidget(self.label)
        self.label.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_MS)
        self.timer.timeout.connect(self.look)
        self.away = False
        self.server = ""
        self.waiting = 0
        self.failed = ""
        self._looking = False
        # The window started while the server was away and the book is not open yet
        # (ui/server_wait.py): nothing is sent before it is, and checked as opening checks.
        self.held = False

    def wait_for_book(self, server: str) -> None:
        """The window waits for the team server to open the book: said, nothing sent."""
        from rapport.services import outbox

        self.held, self.away, self.server = True, True, server
        self.waiting = len(outbox.waiting())
        self._show()

    def start(self) -> None:
        """The book is open: captures left waiting by an earlier run are sent too."""
        from rapport.services import outbox

        if outbox.team_url() is None:
            return
        self.held = self.away = False  # the book just opened: the server is there
        self.waiting = len(outbox.waiting())
        self._show()
        if self.waiting:
            self.timer.start()
            self.look()

    def server_away(self, server: str) -> None:
        """The window found the server away (a look at the book, a failed read)."""
        if not self.away or server != self.server:
            self.away, self.server = True, server
            self._show()
        if not self.held:
            self.timer.start()

    def kept(self, kept: Any) -> None:
        """A capture went to the outbox (a ``services.outbox.Kept``)."""
        self.away, self.server, self.waiting, self.failed = True, kept.server, kept.waiting, ""
        self._show()
        if not self.held:
            self.timer.start()

    def look(self) -> None:
        """On the worker: send what waits, or ask whether the server is back."""
        from rapport.services import outbox

        if self._looking or self.held:
            return
        self._looking = True
        self.window.worker.submit(
            lambda _context: outbox.send(),
            name="send the captures kept while the team server was away",
            on_done=self._looked,
            on_error=self._look_failed,
        )

    def _looked(self, sent: Any) -> None:
        self._looking = False
        self.away, self.server, self.waiting, self.failed = (
            sent.away, sent.server, sent.waiting, sent.failed
        )  # fmt: skip
        if sent.saved:
            self.window.statusBar().showMessage(
                f"{captures(sent.saved)} saved to the team book.", SAID_MS
            )
            self.window.refresh_from_book()
            self.sent.emit(sent)
        if not sent.away:
            self.timer.stop()  # back: sent, or stopped at a capture the server refused
        self._show()

    def _look_failed(self, exc: BaseException) -> None:
        self._looking = False
        if messages.user_message(exc) is None:
            self.timer.stop()
            messages.show_error(self.window, exc, "send the captures kept")
            return
        self.failed = messages.user_message(exc) or ""
        self._show()

    def text(self) -> str:
        return "" if self.label.isHidden() else self.label.text()

    def _show(self) -> None:
        if self.failed:
            text = f"Team book: {self.failed}; {captures(self.waiting)} waiting"
        elif self.away and self.waiting:
            text = f"Team server away ({self.server}): {captures(self.waiting)} waiting"
        elif self.away:
            text = f"Team server away ({self.server}): captures are kept on this computer"
        else:
            self.label.hide()
            return
        self.label.setText(text)
        self.label.setToolTip(text)
        self.label.show()
