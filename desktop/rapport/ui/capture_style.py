"""How the capture window looks: calm chips tinted by kind, readable on light and dark.

Each kind of chip gets a faint tint of its own colour and a slightly stronger border, so
the groups read at a glance without shouting; the focused chip gets the palette's focus
colour. Built from the palette at the time the window opens (the theme may change).
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette

from rapport.ui import theme

# Kind -> (red, green, blue) of its tint.
TINTS: dict[str, tuple[int, int, int]] = {
    "people": (66, 133, 244),
    "facts": (52, 168, 83),
    "dates": (161, 66, 244),
    "tasks": (230, 160, 0),
    "inbound": (234, 67, 53),
    "introductions": (0, 160, 180),
    "key_points": (128, 128, 128),
    "suggestions": (128, 128, 128),
}


def stylesheet() -> str:
    dark = theme.is_dark()
    fill, edge = (0.22, 0.55) if dark else (0.10, 0.45)
    warning = theme.warning_color().name()
    caution = theme.caution_color().name()
    muted = soft_text()
    parts = [
        "QFrame#chip { border: 1px solid palette(mid); border-radius: 12px; }",
        "QFrame#chip:focus { border: 2px solid palette(highlight); }",
        "QToolButton#chipRemove { border: none; padding: 0 3px; font-weight: bold; }",
        f"QLabel#chipCaption, QLabel#clientHow, QLabel#summary {{ color: {muted}; }}",
        "QLabel#groupTitle { font-weight: 600; padding-top: 5px; }",
        f"QLabel#emptyHint {{ color: {muted}; padding: 8px 2px; }}",
        "QLineEdit#dueEdit { padding: 0 4px; }",
        f'QLineEdit#dueEdit[invalid="true"] {{ border: 2px solid {warning}; }}',
        f'QLineEdit#clientSearch[required="true"] {{ border: 2px solid {warning}; }}',
        "QToolButton#clientChip { border: 1px solid palette(highlight); border-radius: 12px;"
        " padding: 3px 10px; font-weight: 600; }",
        "QToolButton#clientChip:focus { border: 2px solid palette(highlight); }",
        f'QToolButton#clientChip[new="true"] {{ border-style: dashed; border-color: {caution}; }}',
        "QToolButton#clientChip::menu-indicator { image: none; width: 0; }",
        'QFrame#chip[group="suggestions"] { border-style: dashed; background: transparent; }',
    ]
    for group, (r, g, b) in TINTS.items():
        if group == "suggestions":
            continue
        parts.append(
            f'QFrame#chip[group="{group}"] {{ background: rgba({r},{g},{b},{fill});'
            f" border-color: rgba({r},{g},{b},{edge}); }}"
        )
    # Last, so that it wins over the tints: where the keyboard is must always show.
    parts.append("QFrame#chip[group]:focus { border: 2px solid palette(highlight); }")
    return "\n".join(parts)


def soft_text() -> str:
    """Secondary text: the palette's text, lighter, but still easy to read (the disabled
    colour the rest of the app uses for muted rows is too faint for sentences)."""
    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    return f"rgba({colour.red()},{colour.green()},{colour.blue()},0.68)"


def soft_hex() -> str:
    """The same secondary colour as a plain #rrggbb (rich text has no transparency)."""
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    mix = [
        round(0.62 * t + 0.38 * b)
        for t, b in (
            (text.red(), back.red()),
            (text.green(), back.green()),
            (text.blue(), back.blue()),
        )
    ]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def notice_colour(level: str) -> str:
    if level == "error":
        return theme.warning_color().name()
    if level == "warning":
        return theme.caution_color().name()
    return soft_text()
