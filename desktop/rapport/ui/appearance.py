"""How the app looks on the desktop: its icon and the light, dark or system colour scheme."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from rapport import resources

THEMES = ("system", "light", "dark")
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

_icon: QIcon | None = None


def app_icon() -> QIcon:
    """Rapport's icon with every rendered size, so each place picks a crisp one."""
    global _icon
    if _icon is None:
        folder = resources.path("icons")
        icon = QIcon()
        for size in ICON_SIZES:
            icon.addFile(str(folder.joinpath(f"rapport-{size}.png")))
        _icon = icon
    return _icon


def apply_theme(name: str) -> str:
    """Switch the whole app to the light, dark or system colour scheme; returns the name used.

    Qt 6.8+ can ask the platform for a scheme (Windows, macOS, recent GNOME/KDE honour
    it); where the platform does not, a palette does the job. "system" follows the
    desktop's own setting, including when the user changes it later.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return "system"
    name = name if name in THEMES else "system"
    hints = QGuiApplication.styleHints()
    if name == "system":  # the usual start: no Qt.ColorScheme, see ui/qt_names.py
        if hasattr(hints, "setColorScheme"):
            hints.unsetColorScheme()
        QApplication.setPalette(QPalette())  # nothing resolved: the platform's palette
        return name
    schemes = QtCore.Qt.ColorScheme
    wanted = schemes.Dark if name == "dark" else schemes.Light
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(wanted)
    if hasattr(hints, "setColorScheme") and hints.colorScheme() == wanted:
        QApplication.setPalette(QPalette())
        return name
    if app.style().name().lower() == "windowsvista":  # ignores palettes
        app.setStyle("Fusion")
    QApplication.setPalette(dark_palette() if wanted == schemes.Dark else light_palette())
    return name


def light_palette() -> QPalette:
    style = QApplication.style()
    return style.standardPalette() if style is not None else QPalette()


def dark_palette() -> QPalette:
    """A calm dark palette with readable disabled text and a visible focus colour."""
    p = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2b2d30",
        roles.WindowText: "#e6e6e6",
        roles.Base: "#1e1f22",
        roles.AlternateBase: "#26282b",
        roles.ToolTipBase: "#3c3f41",
        roles.ToolTipText: "#e6e6e6",
        roles.PlaceholderText: "#8c8c8c",
        roles.Text: "#e6e6e6",
        roles.Button: "#35373a",
        roles.ButtonText: "#e6e6e6",
        roles.BrightText: "#ffffff",
        roles.Light: "#4a4d50",
        roles.Midlight: "#3e4144",
        roles.Mid: "#2f3134",
        roles.Dark: "#1b1c1e",
        roles.Shadow: "#000000",
        roles.Highlight: "#2f6f8f",
        roles.HighlightedText: "#ffffff",
        roles.Link: "#7cc4e4",
        roles.LinkVisited: "#b59ddb",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        p.setColor(disabled, role, QColor("#7a7a7a"))
    p.setColor(disabled, roles.Highlight, QColor("#3c3f41"))
    return p


def install_icon_fallbacks() -> None:
    """Rapport's own line icons answer ``QIcon.fromTheme`` where the desktop theme has none.

    Windows, macOS and bare Linux sessions have no freedesktop icon theme; these SVGs
    (vector, so crisp at any scale) stand in, and a real theme's icons still win.
    """
    folder = resources.path("icons", "actions")
    path = str(folder)
    if path not in QIcon.fallbackSearchPaths():
        QIcon.setFallbackSearchPaths([*QIcon.fallbackSearchPaths(), path])
