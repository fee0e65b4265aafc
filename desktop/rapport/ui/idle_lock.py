"""The idle lock: an encrypted book closes after N minutes without use (off by default).

After the set minutes without a key press, click or mouse move anywhere in the app, an
encrypted book is closed and its key forgotten, the window's pages are hidden and the
passphrase asked again (``ui/privacy.py``'s unlock dialog); the book reopens after it.
A plain book is never locked (there is nothing to unlock it with). The minutes are a
Preferences › Privacy setting kept in window.ini.

Built with the window; the services it needs load only when it locks (after the first
paint: SQLCipher's driver is not loaded for a plain book).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleLock(QObject):
    """After N minutes without a key press, click or mouse move, an encrypted book is
    closed, the window's pages hidden and the passphrase asked again (off by default:
    Preferences › Privacy)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        self._watching = False

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, interval: int) -> None:
        self._watch(interval > 0)
        if interval <= 0:
            self.timer.stop()
            return
        self.timer.setInterval(interval)
        self.timer.start()

    def _watch(self, on: bool) -> None:
        """Every event of the app passes this filter while the lock is on, and none
        while it is off (the default): no cost for those who do not use it."""
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.timer.isActive() and not self.locked:
            self.timer.start()  # from zero again
        return False

    def lock_now(self) -> None:
        from rapport.services import book, encryption
        from rapport.ui import messages
        from rapport.ui.privacy import UnlockDialog

        window = self.window
        current = book.current_book()
        if self.locked or current is None or not encryption.status(current.data_dir).encrypted:
            return
        if QApplication.activeModalWidget() is not None:  # a form or a dialog is open
            self.timer.start()
            return
        self.locked = True
        pages = window.centralWidget()
        pages.setVisible(False)  # nothing of the book stays on the screen
        encryption.lock(current.data_dir)
        dialog = UnlockDialog(current.data_dir, window)
        dialog.intro.setText(
            "Rapport locked your book after a while without use. Enter its "
            "passphrase to open it again."
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            window.quit_app()
            return
        try:
            book.open_book(current.data_dir)
        except Exception as exc:
            messages.show_error(window, exc, "open the book")
            window.quit_app()
            return
        self.locked = False
        pages.setVisible(True)
        window.reload()
        self.timer.start()
