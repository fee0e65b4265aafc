"""A saved quick capture is taken back in one step: Undo on the toast, or Ctrl+Z."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rapport.services import clients, tasks
from rapport.services.dump import dump_tables
from rapport.ui import messages
from tests.ui.capture_helpers import open_capture, save_with_keys, type_note
from tests.ui.form_helpers import wait_saved

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

NEW_CLIENT_NOTE = (
    "Lunch w/ Carol Diaz (Coastal Freight). Her daughter Emma, 8, loves soccer. "
    "Send the brochure by Friday."
)


def _names(win: Any) -> list[str]:
    proxy = win.client_list.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def _save_note(window: Any, qtbot: Any, text: str) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, text)
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    # The window manager gives the main window the keyboard back; offscreen Qt does not.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _book() -> dict[str, Any]:
    """Every table but the draft (an undo offers the note again as the draft)."""
    return {name: rows for name, rows in dump_tables().items() if name != "draft"}


def _thank_yous(window: Any) -> list[str]:
    window.today_view.refresh()
    return [t.title for t in window.today_view.data.thank_yous]


def test_undo_on_the_toast_takes_back_a_note_that_made_a_new_client(
    window: Any, qtbot: Any
) -> None:
    before = _book()
    _save_note(window, qtbot, NEW_CLIENT_NOTE)
    toast = window.capture.toast
    assert toast.isVisible() and toast.undo_button.isVisible()
    assert "Carol Diaz" in _names(window)
    assert "Lunch w/ Carol Diaz (Coastal Freight)" in _thank_yous(window)
    assert window.undo_action.text() == "&Undo save of the note about Carol Diaz"
    assert window.undo_action.isEnabled()

    qtbot.mouseClick(toast.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker

    assert _book() == before, "the book is exactly as it was"
    assert "Carol Diaz" not in _names(window)
    assert "Lunch w/ Carol Diaz (Coastal Freight)" not in _thank_yous(window)
    assert not toast.isVisible()
    qtbot.waitUntil(  # the note offered again as the draft, on the worker
        lambda: (
            window.statusBar()
            .currentMessage()
            .startswith(
                "Undid the save of the note about Carol Diaz. Quick capture (Ctrl+N) has the note"
            )
        )
    )
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "&Undo"
    capture = open_capture(window, qtbot)  # to fix and save again
    assert capture.editor.toPlainText() == NEW_CLIENT_NOTE


def test_ctrl_z_takes_back_a_note_about_a_known_client_and_refreshes_the_profile(
    window: Any, qtbot: Any
) -> None:
    bob = clients.resolve("Bob Smith")
    window.open_client(bob.id)
    before = _book()
    _save_note(
        window,
        qtbot,
        "Call with Bob Smith. His son Jake, 13, now pitches. I will send the price list tomorrow.",
    )
    profile = window.profile
    assert "Send the price list" in [t.title for t in profile.tasks.model.records()]
    assert [(p.name, p.age) for p in profile.people.model.records()] == [("Jake", 13)]
    assert window.undo_action.text() == "&Undo save of the note about Bob Smith"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker

    assert _book() == before
    assert "Send the price list" not in [t.title for t in profile.tasks.model.records()]
    assert [(p.name, p.age) for p in profile.people.model.records()] == [("Jake", 12)]
    assert profile.current is not None and profile.current.client.id == bob.id
    assert not window.capture.toast.isVisible(), "the toast's Undo is spent"
    assert "Undid the save of the note about Bob Smith" in window.statusBar().currentMessage()


def test_saves_and_deletions_share_one_stack_latest_first(
    window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    window.open_client(clients.resolve("Maria Gonzalez").id)
    window.delete_client_action.trigger()
    wait_saved(qtbot, window)  # deleted on the worker
    assert window.undo_action.text() == "&Undo delete client Maria Gonzalez"
    _save_note(window, qtbot, NEW_CLIENT_NOTE)
    assert window.undo_action.text() == "&Undo save of the note about Carol Diaz"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker
    assert "Carol Diaz" not in _names(window) and "Maria Gonzalez" not in _names(window)
    assert window.undo_action.text() == "&Undo delete client Maria Gonzalez"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker
    assert "Maria Gonzalez" in _names(window)
    assert not window.undo_action.isEnabled()


def test_undo_is_refused_when_later_work_depends_on_the_save(
    window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _p, exc, doing="": shown.append(f"{doing}: {exc}")
    )
    _save_note(window, qtbot, NEW_CLIENT_NOTE)
    carol = clients.resolve("Carol Diaz")
    brochure = next(t for t in clients.profile(carol.id).tasks if "brochure" in t.title)
    tasks.complete_task(brochure.id)
    toast = window.capture.toast

    qtbot.mouseClick(toast.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker

    assert len(shown) == 1 and "completed since" in shown[0], shown
    assert shown[0].startswith("undo the save of the note about Carol Diaz")
    assert "Carol Diaz" in _names(window), "nothing was taken back"
    assert not toast.undo_button.isVisible()
    assert not window.undo_action.isEnabled(), "a refused save leaves the stack"


def test_a_refused_ctrl_z_lets_the_next_one_reach_an_older_deletion(
    window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, exc, _d="": shown.append(str(exc)))
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    window.open_client(clients.resolve("Maria Gonzalez").id)
    window.delete_client_action.trigger()
    wait_saved(qtbot, window)  # deleted on the worker
    _save_note(window, qtbot, NEW_CLIENT_NOTE)
    carol = clients.resolve("Carol Diaz")
    tasks.complete_task(next(t.id for t in clients.profile(carol.id).tasks))

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker
    assert len(shown) == 1 and "Carol Diaz" in shown[0] and "completed since" in shown[0]
    assert window.undo_action.text() == "&Undo delete client Maria Gonzalez"
    qtbot.mouseClick(window.capture.toast.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker
    assert window.statusBar().currentMessage() == "That save can no longer be undone."
    assert len(shown) == 1

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker
    assert "Maria Gonzalez" in _names(window) and "Carol Diaz" in _names(window)
