"""Driving the capture window in tests: open it, type into it, find its chips."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt


def open_capture(window: Any, qtbot: Any) -> Any:
    """Ctrl+N's action, then wait until the window is up and has read the clients."""
    window.quick_capture_action.trigger()
    capture = window.capture.capture_window
    qtbot.waitExposed(capture)
    qtbot.waitUntil(lambda: len(capture.known) > 0)
    return capture


def type_note(capture: Any, qtbot: Any, text: str) -> None:
    """Type like a user (ASCII only) and wait for the understanding of what was typed."""
    qtbot.keyClicks(capture.editor, text)
    wait_understood(capture, qtbot)


def wait_understood(capture: Any, qtbot: Any) -> None:
    qtbot.waitUntil(
        lambda: (
            capture.understood_text == capture.editor.toPlainText()
            and not capture.understand_timer.isActive()
        )
    )


def chips(capture: Any, group: str) -> list[Any]:
    return [chip for chip in capture.chips if chip.group == group]


def chip_with(capture: Any, group: str, words: str) -> Any:
    found = [chip for chip in chips(capture, group) if words.lower() in _text(chip).lower()]
    assert len(found) == 1, [_text(c) for c in chips(capture, group)]
    return found[0]


def _text(chip: Any) -> str:
    check = getattr(chip, "check", None)
    return check.text() if check is not None else chip.text


def save_with_keys(capture: Any, qtbot: Any) -> None:
    """Ctrl+Enter, then wait for the save on the worker to come back (saved or refused)
    and for the main window to show it (it reads the book again on the worker)."""
    qtbot.keyClick(capture.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window = capture.parentWidget()
    qtbot.waitUntil(lambda: not capture.saving and not getattr(window, "reads_under_way", 0))
