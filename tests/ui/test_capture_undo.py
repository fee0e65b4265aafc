"""A chip removed by mistake in the capture window comes back with Ctrl+Z."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from rapport.services import clients
from tests.ui.capture_helpers import (
    chip_with,
    chips,
    open_capture,
    save_with_keys,
    type_note,
)

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def test_ctrl_z_brings_back_a_removed_chip_and_it_is_saved(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch w/ Bob Smith. Bob loves golf. Send pricing by Friday.")
    golf = chip_with(capture, "facts", "golf")
    golf.setFocus()
    qtbot.keyClick(golf, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not chips(capture, "facts"))
    assert "Ctrl+Z brings it back" in capture.notice.plain()
    pricing = chip_with(capture, "tasks", "pricing")
    assert pricing.hasFocus()
    qtbot.keyClick(pricing, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(chips(capture, "facts")))
    assert chip_with(capture, "facts", "golf").hasFocus()
    assert "brings it back" not in capture.notice.plain()
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    facts = {f.text for f in clients.profile(clients.resolve("Bob Smith").id).facts}
    assert any("golf" in text for text in facts)


def test_ctrl_z_in_the_note_still_undoes_typing(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch w/ Bob Smith. Bob loves golf.")
    golf = chip_with(capture, "facts", "golf")
    golf.setFocus()
    qtbot.keyClick(golf, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not chips(capture, "facts"))
    capture.editor.setFocus()
    qtbot.keyClicks(capture.editor, " xyz")
    qtbot.keyClick(capture.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "xyz" not in capture.editor.toPlainText()
