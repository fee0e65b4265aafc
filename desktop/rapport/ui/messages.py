"""Telling the user: errors they can act on, bugs with details, confirmations.

Every modal question in the window goes through these functions, so tests replace
them (monkeypatch) instead of fighting a blocking dialog.
"""

from __future__ import annotations

import traceback

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


def show_error(parent: QWidget | None, exc: BaseException, doing: str = "do that") -> None:
    message = user_message(exc)
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
