"""Colours and icons that follow the system palette (light or dark) and theme."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle, QWidget


def is_dark() -> bool:
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def warning_color() -> QColor:
    """Overdue, late, waiting too long: readable on both light and dark windows."""
    return QColor("#ff8a80") if is_dark() else QColor("#b3261e")


def caution_color() -> QColor:
    """Due soon, at risk."""
    return QColor("#ffd180") if is_dark() else QColor("#9a6700")


def good_color() -> QColor:
    return QColor("#8fd19e") if is_dark() else QColor("#1e7b34")


def secondary_color() -> QColor:
    """Secondary text (a source, a date, a snippet): between text and background, so it
    stays readable on light and dark windows where the disabled colour is too faint."""
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    return QColor(
        (text.red() * 3 + base.red() * 2) // 5,
        (text.green() * 3 + base.green() * 2) // 5,
        (text.blue() * 3 + base.blue() * 2) // 5,
    )


def muted_color() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


def icon(theme_name: str, fallback: QStyle.StandardPixmap | str) -> QIcon:
    """The desktop theme's icon when there is one, else Qt's built-in one.

    ``fallback`` is a ``QStyle.StandardPixmap`` or its name ("SP_FileIcon"): by name,
    QStyle (slow to import, a class of many enums) is only loaded when a fallback is used.
    """
    themed = QIcon.fromTheme(theme_name)
    if not themed.isNull():
        return themed
    style = QApplication.style()
    if style is None:
        return QIcon()
    if isinstance(fallback, str):
        from PySide6.QtWidgets import QStyle

        return style.standardIcon(QStyle.StandardPixmap[fallback])
    return style.standardIcon(fallback)


def palette_key() -> tuple[int, ...]:
    """The application palette's colours that explicit colours are derived from."""
    palette = QGuiApplication.palette()
    roles = QPalette.ColorRole
    key = [palette.color(role).rgba() for role in (roles.Window, roles.WindowText, roles.Base)]
    key += [palette.color(role).rgba() for role in (roles.Text, roles.Link)]
    key.append(palette.color(QPalette.ColorGroup.Disabled, roles.Text).rgba())
    return tuple(key)


class _PaletteFollower(QObject):
    """Calls ``restyle`` once after the application palette changed (see follow_palette)."""

    def __init__(self, widget: QWidget, restyle: Callable[[], None]) -> None:
        super().__init__(widget)
        self.restyle = restyle
        self.key = palette_key()
        self.pending = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
            and not self.pending
            and palette_key() != self.key
        ):
            # After the change has reached every widget, and once for a burst of events.
            self.pending = True
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        self.pending = False
        key = palette_key()
        if key != self.key:
            self.key = key
            self.restyle()


def follow_palette(widget: QWidget, restyle: Callable[[], None]) -> None:
    """Call ``restyle`` whenever the application palette changes (light, dark, system).

    For what a palette cannot recolour by itself: colours written into HTML or a style
    sheet when it was built. Qt sends windows ApplicationPaletteChange and their children
    PaletteChange; either one, with the palette's colours really changed, runs ``restyle``
    once (a style sheet's own palette changes do not: the colours compared are the app's).
    ``widget`` is a window, or a widget whose colours no style sheet sets: Qt sends no
    PaletteChange to a widget whose style sheet fixes its colours, so follow its window.
    """
    _PaletteFollower(widget, restyle)
