"""The window notices what other programs write to its book, while it is open.

A ``rapport capture`` from a hotkey, a script or a second command line writes to the
same book as the running window. ``BookWatch`` asks the book (services/book_watch.py) whether
someone else committed since the last look: when the window is activated, and every few
seconds while it is shown. When so, it emits ``changed`` once; the window then reads again
what it shows (ui/main_window.py ``refresh_from_book``), keeping the selection, the
scroll position and the typed filter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from rapport.services import book_watch

# How often a shown window looks (a look is one PRAGMA: microseconds).
LOOK_MS = 3000


class BookWatch(QObject):
    changed = Signal()
    # The team book's server did not answer the look ("host:port"; ui/outbox_status.py).
    away = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.version: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_MS)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Start watching (the book is open): this look is the baseline."""
        self.version = self._read()
        self.timer.setInterval(book_watch.look_ms(LOOK_MS))
        self.window.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.window.removeEventFilter(self)

    def rebase(self) -> None:
        """The window is about to read again all it shows (after its own save): what was
        committed until now will be in that read, so the next look starts from here (the
        window's own saves, made on its worker's connection, are not read twice)."""
        version = self._read()
        if version is not None:
            self.version = version

    def look(self) -> bool:
        """Look now; True (and ``changed`` emitted) when another program wrote."""
        version = self._read()
        if version is None:
            return False
        if self.version is None:
            self.version = version
            return False
        if version == self.version:
            return False
        self.version = version
        self.changed.emit()
        return True

    def _tick(self) -> None:
        if self.window.isVisible():  # hidden in the tray: the activation will look
            self.look()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            self.look()
        return False

    def _read(self) -> int | None:
        from rapport.services.errors import ServerAwayError

        try:
            return book_watch.data_version()
        except ServerAwayError as exc:
            self.away.emit(exc.where)
            return None
        except Exception:  # busy or closing: the next look (or the next read) tells
            return None
