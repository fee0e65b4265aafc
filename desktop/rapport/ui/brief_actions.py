"""File > Print brief… / Export brief as PDF… and Client > Fact still true, installed at start.

The actions exist from the first paint (their shortcuts work and the menus list them),
but the brief's view, printing and PDF code (ui/brief_view.py, render/brief_print.py) are
imported when one is used. They are enabled while the profile shows a client; the
profile pane itself is built after the window first paints (``window.profileCreated``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction

from rapport.ui.qt_names import set_shortcut


def _action(window: Any, text: str, keys: str, slot: Callable[[], Any], tip: str) -> QAction:
    action = QAction(text, window)
    set_shortcut(action, keys)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _print(window: Any) -> None:
    from rapport.ui import brief_view

    brief_view.print_brief(window)


def _export(window: Any) -> None:
    from rapport.ui import brief_view

    brief_view.export_pdf(window)


def install_brief_actions(window: Any) -> None:
    """File > Print brief… / Export brief as PDF…, Client > Fact still true."""
    window.print_brief_action = _action(
        window, "&Print brief…", "Ctrl+P", lambda: _print(window), "Print the one-page brief"
    )
    window.export_brief_action = _action(
        window,
        "&Export brief as PDF…",
        "Ctrl+Shift+E",
        lambda: _export(window),
        "Save the one-page brief as a PDF",
    )
    window.still_true_action = _action(
        window,
        "Fact still &true",
        "Ctrl+Y",
        lambda: window.profile.confirm_selected_fact(),
        "The selected fact (or the oldest unconfirmed one) is still true",
    )
    window.file_menu.insertAction(window.file_menu_tools, window.print_brief_action)
    window.file_menu.insertAction(window.file_menu_tools, window.export_brief_action)
    window.client_menu.addSeparator()
    window.client_menu.addAction(window.still_true_action)

    def update(_index: int = 0) -> None:
        profile = window.built_profile()
        shown = profile is not None and profile.current is not None
        for action in (
            window.print_brief_action,
            window.export_brief_action,
            window.still_true_action,
        ):
            action.setEnabled(shown)

    def connect() -> None:
        window.profile.stack.currentChanged.connect(update)
        update()

    if window.built_profile() is not None:
        connect()
    else:
        window.profileCreated.connect(connect)
        update()
