"""The window on the desktop: icon, theme, tray and reminders, Preferences, action icons.

``MainWindow`` calls ``DesktopIntegration(window)`` once at the end of its set-up; all
of the desktop behaviour lives here and in the modules it uses (tray, reminder_timer,
settings_dialog, appearance), so the window itself only asks two questions of it:
should closing hide the window (``close_hides``), and should it start hidden.

The theme and the action icons are set before the window first paints; the tray icon,
its menu and the reminder timer come right after the paint (or at once when the window
starts hidden in the tray), so that the window shows without waiting for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction

from rapport.ui import theme
from rapport.ui.appearance import app_icon, apply_theme, install_icon_fallbacks
from rapport.ui.qt_names import set_by_name, set_shortcut
from rapport.ui.window_prefs import WindowPrefs

if TYPE_CHECKING:
    from rapport.ui.tray import TrayController

# Window action attribute -> (freedesktop icon name, the name of Qt's built-in fallback,
# a QStyle.StandardPixmap). Actions that other parts of the window add later get their
# icon when they are present. Fallbacks by name: QStyle is only loaded if one is needed.
ACTION_ICONS: dict[str, tuple[str, str]] = {
    "quick_capture_action": ("document-new", "SP_FileIcon"),
    "new_action": ("contact-new", "SP_FileDialogNewFolder"),
    "new_client_action": ("contact-new", "SP_FileDialogNewFolder"),
    "edit_client_action": ("document-edit", "SP_FileDialogDetailedView"),
    "log_action": ("mail-message-new", "SP_FileDialogContentsView"),
    "add_task_action": ("appointment-new", "SP_FileDialogListView"),
    "archive_action": ("folder", "SP_DirClosedIcon"),
    "delete_client_action": ("edit-delete", "SP_TrashIcon"),
    "undo_action": ("edit-undo", "SP_ArrowBack"),
    "filter_action": ("edit-find", "SP_FileDialogContentsView"),
    "sample_action": ("document-open", "SP_DialogOpenButton"),
    "quit_action": ("application-exit", "SP_DialogCloseButton"),
    "preferences_action": ("preferences-system", "SP_ComputerIcon"),
    "shortcuts_action": ("help-keyboard-shortcuts", "SP_DialogHelpButton"),
    "about_action": ("help-about", "SP_MessageBoxInformation"),
}
# Pages by their title (other parts of the window add theirs with add_page).
PAGE_ICONS: dict[str, tuple[str, str]] = {
    "Clients": ("system-users", "SP_DirHomeIcon"),
    "Today": ("view-calendar-day", "SP_FileDialogInfoView"),
}
# The first look for reminders waits until the window has painted and settled.
FIRST_LOOK_MS = 1500


class DesktopIntegration(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.prefs = prefs = WindowPrefs.load(window.settings)
        self.theme = apply_theme(prefs.theme)
        window.setWindowIcon(app_icon())
        install_icon_fallbacks()
        self._tray: TrayController | None = None

        self.preferences_action = QAction("&Preferences…", window)
        set_shortcut(self.preferences_action, "Ctrl+,")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.setStatusTip("Your name and signature, defaults, backups, theme")
        self.preferences_action.triggered.connect(self.open_preferences)
        window.preferences_action = self.preferences_action
        window.edit_menu.addSeparator()
        window.edit_menu.addAction(self.preferences_action)
        apply_action_icons(window)
        set_by_name(window.toolbar, "toolButtonStyle", "ToolButtonTextBesideIcon")
        # Actions and pages that later set-up steps add get their icons once all is built.
        QTimer.singleShot(0, self, lambda: apply_action_icons(window))
        self.first_look = QTimer(self)
        self.first_look.setSingleShot(True)
        self.first_look.timeout.connect(self._first_look)
        self.first_look.start(FIRST_LOOK_MS)
        painted = getattr(window, "painted", None)
        if painted is not None:
            painted.connect(lambda: self.tray)

    def _first_look(self) -> None:
        """The reminders' first look, once the book is open (just after the first paint,
        which a slow start may bring later than FIRST_LOOK_MS)."""
        from rapport.services.book import current_book

        if current_book() is None:
            self.first_look.start(FIRST_LOOK_MS // 5)
            return
        self.tray.start()

    @property
    def tray(self) -> TrayController:
        """The tray icon, its menu and the reminder timer (built when first needed)."""
        if self._tray is None:
            from rapport.ui.tray import TrayController

            self._tray = TrayController(self.window)
        return self._tray

    def close_hides(self, quitting: bool) -> bool:
        """Closing the window hides it in the tray (never before the tray is there)."""
        return self._tray is not None and self._tray.close_hides(quitting=quitting)

    def stop(self) -> None:
        if self._tray is not None:
            self._tray.stop()

    def open_preferences(self) -> bool:
        from rapport.ui.settings_dialog import open_preferences

        return open_preferences(self.window)

    def apply(self, prefs: WindowPrefs) -> None:
        """Take the Preferences dialog's window choices into effect at once."""
        self.prefs = prefs
        if prefs.theme != self.theme:
            self.theme = apply_theme(prefs.theme)  # each page follows it (theme.follow_palette)
        self.tray.apply(prefs)
        idle_lock = getattr(self.window, "idle_lock", None)
        if idle_lock is not None:
            idle_lock.set_minutes(prefs.idle_lock_minutes)

    def starts_hidden(self) -> bool:
        # Only worth building the tray now when the user asked to start in it.
        return self.prefs.start_in_tray and self.tray.starts_hidden()


def apply_action_icons(window: Any) -> None:
    """Icons for the window's known actions and pages that have none yet."""
    targets: list[tuple[Any, tuple[str, str]]] = [
        (getattr(window, name, None), spec) for name, spec in ACTION_ICONS.items()
    ]
    for action in window.page_actions.actions():
        spec = PAGE_ICONS.get(action.text().replace("&", "").strip())
        if spec is not None:
            targets.append((action, spec))
    for action, (theme_name, fallback) in targets:
        if isinstance(action, QAction) and action.icon().isNull():
            action.setIcon(theme.icon(theme_name, fallback))
