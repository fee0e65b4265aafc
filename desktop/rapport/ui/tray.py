"""The system tray: Quick capture, Today (with counts), Open, Quit, and notifications.

The tray menu is built from the window's own actions each time it opens, so an action
another part of the window adds later (``quick_capture_action``, a Today page) shows
up without this module knowing about it. Without a system tray (some desktops, the
offscreen platform) the same controller keeps the menu logic and the reminders, and
notifications are simply not shown: closing the window then always quits.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon

from rapport.core.reminders import Notice, TodayCounts
from rapport.ui import theme
from rapport.ui.appearance import app_icon
from rapport.ui.reminder_timer import ReminderTimer
from rapport.ui.window_prefs import WindowPrefs

NOTICE_MS = 15000


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def close_hides(close_to_tray: bool, tray_shown: bool, quitting: bool) -> bool:
    """Whether closing the window should hide it in the tray rather than quit.

    Only when the user chose so, a tray icon is really there to bring it back, and the
    close is not part of quitting (Quit in a menu, the session ending).
    """
    return close_to_tray and tray_shown and not quitting


def quit_application() -> None:
    """Leave the event loop (tests replace this)."""
    QApplication.quit()


class TrayController(QObject):
    """Owns the tray icon (when there is a tray), its menu and the reminder timer."""

    def __init__(self, window: Any, available: bool | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.prefs = WindowPrefs.load(window.settings)
        self.counts = TodayCounts()
        self.notices: list[Notice] = []  # what was announced, newest last

        self.today_action = QAction("&Today", self)
        self.today_action.triggered.connect(self.show_today)
        self.open_action = QAction("&Open Rapport", self)
        self.open_action.triggered.connect(self.window.raise_window)
        self.quit_action = QAction("&Quit Rapport", self)
        self.quit_action.triggered.connect(self.window.quit_app)
        self.today_action.setIcon(
            theme.icon("view-calendar-day", QStyle.StandardPixmap.SP_FileDialogInfoView)
        )
        self.open_action.setIcon(app_icon())
        self.quit_action.setIcon(
            theme.icon("application-exit", QStyle.StandardPixmap.SP_DialogCloseButton)
        )
        self.menu = QMenu("Rapport", window)
        self.menu.setObjectName("trayMenu")
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.rebuild_menu()

        self.icon: QSystemTrayIcon | None = None
        if tray_available() if available is None else available:
            self.icon = QSystemTrayIcon(app_icon(), self)
            self.icon.setToolTip("Rapport")
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._on_activated)
            self.icon.messageClicked.connect(self.show_today)
            self.icon.show()
        # Quitting from the tray with the window hidden must not depend on a last window.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(self.icon is None)

        self.timer = ReminderTimer(window.settings, parent=self)
        self.timer.enabled = self.prefs.notifications
        self.timer.due.connect(self.notify)
        self.timer.countsChanged.connect(self.set_counts)

    # -- menu ------------------------------------------------------------------------------
    def capture_action(self) -> QAction | None:
        action = getattr(self.window, "quick_capture_action", None)
        return action if isinstance(action, QAction) else None

    def today_page_action(self) -> QAction | None:
        """The window's own Today action or page, when the window has one."""
        action = getattr(self.window, "today_action", None)
        if isinstance(action, QAction):
            return action
        actions: list[QAction] = self.window.page_actions.actions()
        for page_action in actions:
            if page_action.text().replace("&", "").strip().lower() == "today":
                return page_action
        return None

    @Slot()
    def rebuild_menu(self) -> None:
        self.menu.clear()
        capture = self.capture_action()
        if capture is not None:
            self.menu.addAction(capture)
        self.today_action.setText(f"&Today — {self.counts.text()}")
        self.menu.addAction(self.today_action)
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

    def menu_texts(self) -> list[str]:
        return [a.text().replace("&", "") for a in self.menu.actions() if not a.isSeparator()]

    @Slot(object)
    def set_counts(self, counts: TodayCounts) -> None:
        self.counts = counts
        self.today_action.setText(f"&Today — {counts.text()}")
        if self.icon is not None:
            tip = "Rapport" if not counts.total else f"Rapport: {counts.text()}"
            self.icon.setToolTip(tip)

    # -- actions ---------------------------------------------------------------------------
    @Slot()
    def show_today(self) -> None:
        self.window.raise_window()
        page = self.today_page_action()
        if page is not None:
            page.trigger()

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            if self.window.isVisible() and self.window.isActiveWindow():
                self.window.hide()
            else:
                self.window.raise_window()

    @Slot(object)
    def notify(self, notice: Notice) -> None:
        """A desktop notification (when there is a tray) and a line in the status bar."""
        self.notices.append(notice)
        if self.icon is not None and self.icon.isVisible():
            self.icon.showMessage(
                notice.title, notice.body, QSystemTrayIcon.MessageIcon.Information, NOTICE_MS
            )
        if self.window.isVisible():
            first = notice.body.splitlines()[0].lstrip("• ") if notice.body else ""
            self.window.statusBar().showMessage(f"{notice.title}: {first}", NOTICE_MS)

    # -- preferences -----------------------------------------------------------------------
    @property
    def shown(self) -> bool:
        return self.icon is not None and self.icon.isVisible()

    def close_hides(self, quitting: bool) -> bool:
        return close_hides(self.prefs.close_to_tray, self.shown, quitting)

    def starts_hidden(self) -> bool:
        """Start minimised to the tray: only when the user chose so and a tray is there."""
        return self.prefs.start_in_tray and self.shown

    def apply(self, prefs: WindowPrefs) -> None:
        self.prefs = prefs
        self.timer.enabled = prefs.notifications

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.icon is not None:
            self.icon.hide()
