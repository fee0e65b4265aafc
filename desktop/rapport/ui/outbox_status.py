"""The team book's server away, said in the status bar; the outbox sent when it is back.

While the server of a team book cannot be reached, the window keeps working on what it
shows, a capture saved meanwhile goes to the outbox on this computer (ui/capture_window.py,
services/outbox.py), and the status bar says so: "Team server away (db.example.com:5432):
2 captures waiting". The window learns it from its look at the book (ui/book_watch.py) or
from a save that failed. From then on, every few seconds, the worker sends what waits
(a look at the server when nothing does); once the server is back the captures are saved
in order and the status bar says "2 captures saved to the team book", and the window
reads the book again. A capture the server refuses is set aside (the rest are sent on, in
order) and the status bar says "1 capture could not be sent — Review…": the button opens
the captures set aside (ui/outbox_review.py), to edit one in the capture window and save
it again, or to discard it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton

from rapport.core.counts import counted
from rapport.ui import messages

# How often the window asks whether the server is back (on the worker: a round trip).
LOOK_MS = 3000
SAID_MS = 10000


def captures(count: int) -> str:
    return counted(count, "capture")


class OutboxStatus(QObject):
    sent = Signal(object)  # services.outbox.Sent, once captures were saved
    # A look found the server back after it was away (ui/main_window.py): the Sent.
    back = Signal(object)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("outboxStatus")
        self.label.setAccessibleName("Team server status")
        window.statusBar().addPermanentWidget(self.label)
        self.label.hide()
        self.review_button = QPushButton("Review…")
        self.review_button.setObjectName("outboxReview")
        self.review_button.setFlat(True)
        self.review_button.setAutoDefault(False)
        self.review_button.setToolTip("The captures the team book refused: edit or discard")
        self.review_button.clicked.connect(lambda _checked=False: self.review())
        window.statusBar().addPermanentWidget(self.review_button)
        self.review_button.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_MS)
        self.timer.timeout.connect(self.look)
        self.away = False
        self.server = ""
        self.waiting = 0  # captures to be sent
        self.refused = 0  # captures the server refused, set aside for the user
        self.refusal = ""  # the newest refusal, named (the label's tooltip)
        self.failed = ""
        self._looking = False
        # The window started while the server was away and the book is not open yet
        # (ui/server_wait.py): nothing is sent before it is, and checked as opening checks.
        self.held = False

    def wait_for_book(self, server: str) -> None:
        """The window waits for the team server to open the book: said, nothing sent."""

        self.held, self.away, self.server = True, True, server
        self.recount()

    def start(self) -> None:
        """The book is open: captures left waiting by an earlier run are sent too."""
        from rapport.services import outbox

        if outbox.team_url() is None:
            return
        self.held = self.away = False  # the book just opened: the server is there
        self.recount()
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
        self.away, self.server, self.failed = True, kept.server, ""
        self.recount()
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
        was_away = self.away
        self.away, self.server, self.waiting, self.refused = (
            sent.away, sent.server, sent.waiting, sent.refused
        )  # fmt: skip
        self.failed = ""
        if sent.failed:
            self.refusal = sent.failed
        if sent.saved:
            self.window.statusBar().showMessage(
                f"{captures(sent.saved)} saved to the team book.", SAID_MS
            )
            self.window.refresh_from_book()
            self.sent.emit(sent)
        if not sent.away:
            self.timer.stop()  # back: all sent (those the server refused set aside)
        self._show()
        if was_away and not sent.away:
            self.back.emit(sent)

    def recount(self) -> None:
        """Count again what the outbox holds (a capture kept, one set aside discarded or
        saved again edited): it is a small file on this computer."""
        from rapport.services import outbox

        kept = outbox.waiting()
        self.refused = sum(1 for item in kept if item.refused)
        self.waiting = len(kept) - self.refused
        self._show()

    def review(self) -> None:
        """The captures set aside, to edit and save again or discard (a dialog)."""
        from rapport.ui.outbox_review import OutboxReview

        OutboxReview(self.window).exec()
        self.recount()

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
        parts = []
        if self.failed:
            parts.append(f"Team book: {self.failed}; {captures(self.waiting)} waiting")
        elif self.away and self.waiting:
            parts.append(f"Team server away ({self.server}): {captures(self.waiting)} waiting")
        elif self.away:
            parts.append(f"Team server away ({self.server}): captures are kept on this computer")
        if self.refused:
            parts.append(f"{captures(self.refused)} could not be sent —")
        self.review_button.setVisible(bool(self.refused))
        if not parts:
            self.label.hide()
            return
        text = " · ".join(parts)
        self.label.setText(text)
        self.label.setToolTip(self.refusal if self.refused and self.refusal else text)
        self.label.show()
