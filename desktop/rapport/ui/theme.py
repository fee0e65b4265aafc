"""Colours and icons that follow the system palette (light or dark) and theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle


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

        fallback = getattr(QStyle.StandardPixmap, fallback)
    return style.standardIcon(fallback)
