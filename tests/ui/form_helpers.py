"""Driving the window's forms: a form in the window saves on the window's worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt


def click_save(qtbot: Any, dialog: Any) -> None:
    """Click the form's Save and wait for the save to come back: the form has closed, or it
    shows the refusal (a form on its own saves in place, and this returns at once)."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.saving)


def wait_saved(qtbot: Any, window: Any) -> None:
    """Wait for what the window writes on its worker (a Done, a delete, an archive) and for
    the reads it asks for afterwards to show."""
    qtbot.waitUntil(lambda: not window.worker.busy() and window.reads_under_way == 0)
