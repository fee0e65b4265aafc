"""Telling the user: errors they can act on, bugs with details, confirmations.

Every modal question in the window goes through these functions, so tests replace
them (monkeypatch) instead of fighting a blocking dialog.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6 import QtWidgets
from PySide6.QtWidgets import QWidget

# QMessageBox is read when a box opens: making its type (and its five enums) at import
# would cost the window's first paint (ui/qt_names.py).


def user_message(exc: BaseException) -> str | None:
    """The message for an error of the environment or of input; None for a bug."""
    from rapport.paths import DataDirError
    from rapport.services.errors import ServiceError, StoreError, translate

    if isinstance(exc, ServiceError | StoreError | DataDirError):
        return str(exc)
    translated = translate(exc)
    if translated is not None:
        return str(translated)
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return None


def server_away(server: str) -> str:
    """How the window says that the team book's server is away (the status bar's tips,
    Today, the search page, a form): one phrase, said the same everywhere."""
    return f"The team book's server ({server or 'the team server'}) cannot be reached"


def _window_told(parent: QWidget | None) -> Any:
    """The main window ``parent`` is in (or over, for a dialog): the one that says the
    team server is away (``server_lost``); None for a widget on its own."""
    widget = parent
    while widget is not None:
        if callable(getattr(widget, "server_lost", None)):
            return widget
        widget = widget.parentWidget()
    return None


def tell_server_away(parent: QWidget | None, exc: BaseException, doing: str = "") -> bool:
    """``exc`` is the team server gone away (a ``ServerAwayError``): the window is told
    (its status bar, its book entries off until the server is back: ui/main_window.py
    ``server_lost``) and True; False for any other error, or no window to tell."""
    from rapport.services.errors import ServerAwayError

    if not isinstance(exc, ServerAwayError):
        return False
    window = _window_told(parent)
    if window is None:
        return False
    window.server_lost(exc.where, doing)
    return True


def guarded(parent: QWidget, slot: Callable[[], Any], doing: str = "do that") -> Callable[[], None]:
    """``slot`` for a menu entry, shortcut or button: when what it reads or writes finds
    the team server away, the window says so (never a box, never a lost traceback)."""

    def run() -> None:
        try:
            slot()
        except Exception as exc:
            if not tell_server_away(parent, exc, doing):
                raise

    return run


def show_error(parent: QWidget | None, exc: BaseException, doing: str = "do that") -> None:
    message = user_message(exc)
    if tell_server_away(parent, exc, doing):
        window = _window_told(parent)
        if parent is None or parent.window() is window:
            return  # said in the window's status bar, where it happened; no box
        # A window of its own (the season's cards, the note composer): said there too,
        # in the same words, what it holds kept in it.
        message = f"{server_away(getattr(exc, 'where', ''))}: do it again once it is back"
    box = QtWidgets.QMessageBox(parent)
    if message is not None:
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle("Rapport")
        box.setText(f"Could not {doing}.")
        box.setInformativeText(_sentence(message))
    else:
        box.setIcon(QtWidgets.QMessageBox.Icon.Critical)
        box.setWindowTitle("Rapport: unexpected error")
        box.setText(f"Could not {doing} because of a bug in Rapport.")
        box.setInformativeText("Your saved data is safe. Please report this with the details.")
        details = getattr(exc, "__traceback_text__", None) or "".join(
            traceback.format_exception(exc)
        )
        box.setDetailedText(details)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str = "Delete") -> bool:
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(QtWidgets.QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    ok = box.addButton(action, QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def info(parent: QWidget | None, title: str, text: str) -> None:
    QtWidgets.QMessageBox.information(parent, title, text)


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
