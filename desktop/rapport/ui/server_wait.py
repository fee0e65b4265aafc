"""The window started while its team book's server was away: it opens, and fills in later.

A team book lives on a server (services/book.py ``check_book``). When that server cannot
be reached as the window starts (stopped, restarting, the network down), the window opens
all the same: the status bar says "Team server away (host:port)…", Today and the client
list say that the server is away and will be tried again, and a capture goes to the outbox
on this computer (ui/capture_window.py, services/outbox.py). ``ServerWait`` tries to open
the book on the window's worker (never on its own thread: a server that does not answer
holds a connection for seconds), first after ``FIRST_TRY_MS``, then less often, up to
``LONGEST_MS`` between tries. Once the book opens, ``opened`` is emitted: the window reads
what it shows, and the outbox is sent, in order (ui/outbox_status.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from rapport.ui import messages

# The first try after the window found the server away, and the longest wait between two.
FIRST_TRY_MS = 2000
LONGEST_MS = 30000


def why(server: str) -> str:
    """One line: why what needs the book is off, and that it comes back by itself."""
    return f"{messages.server_away(server)}: this works again as soon as it is back"


def hold(actions: Sequence[QAction], server: str) -> Callable[[], None]:
    """Turn ``actions`` off, their tips saying why (``why``); what it returns turns each
    back as it was before (on or off, its own tips)."""
    held = [
        (action, action.isEnabled(), action.toolTip(), action.statusTip()) for action in actions
    ]
    for action, _on, _tip, _status in held:
        action.setEnabled(False)
        action.setToolTip(why(server))
        action.setStatusTip(why(server))

    def back() -> None:
        for action, on, tip, status in held:
            action.setEnabled(on)
            action.setToolTip(tip)
            action.setStatusTip(status)

    return back


class ServerWait(QObject):
    opened = Signal()  # the book is open now (services.book.current_book())
    failed = Signal(object)  # the server answered but the book cannot be used (one line)
    tried = Signal()  # a try found the server still away

    def __init__(self, window: Any, directory: Path, server: str) -> None:
        super().__init__(window)
        self.window = window
        self.directory = directory
        self.server = server
        self.delay = FIRST_TRY_MS
        self.tries = 0
        self.done = False
        self._trying = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.try_now)

    def why(self) -> str:
        return why(self.server)

    def show_in(self, window: Any) -> None:
        """Say it in the window: the status bar, Today (with Try again now), the search
        page (what is typed is searched once the book opens), and the entries that need
        the book (``window.book_actions()``) off, their tips saying why, until it opens."""
        from rapport import clock

        window.outbox_status().wait_for_book(self.server)
        window.today_view.header.show_server_away(clock.today(), self.server)
        window.today_view.header.retryRequested.connect(self.try_now)
        window.search_controller.wait_for_server(self.server)
        self.opened.connect(window.search_controller.server_back)
        self.opened.connect(hold(window.book_actions(), self.server))

    def start(self) -> None:
        self.timer.start(self.delay)

    def try_now(self) -> None:
        """Try to open the book now, on the worker (the Try again button, the timer)."""
        from rapport.services import book
        from rapport.services.errors import ServerAwayError

        if self._trying or self.done:
            return
        self.timer.stop()
        self._trying = True
        self.tries += 1
        directory = self.directory

        def open_book(_context: object) -> object:
            try:
                return book.open_book(directory)
            except ServerAwayError as exc:
                # Still away: what is tried meanwhile says so at once (never waiting for
                # the server on the window's thread), until the next try.
                book.wait_for_server(directory, exc)
                raise

        self.window.worker.submit(
            open_book,
            name="open the team book",
            on_done=self._opened,
            on_error=self._failed,
        )

    def _opened(self, _book: object) -> None:
        self._trying = False
        self.done = True
        self.opened.emit()

    def _failed(self, exc: BaseException) -> None:
        from rapport.services.errors import ServerAwayError

        self._trying = False
        if not isinstance(exc, ServerAwayError):
            self.done = True
            self.failed.emit(exc)
            return
        self.server = exc.where or self.server
        self.delay = min(self.delay * 2, LONGEST_MS)
        self.timer.start(self.delay)
        self.tried.emit()
