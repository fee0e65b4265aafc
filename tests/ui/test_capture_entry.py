"""The ways into quick capture: Ctrl+N, the toolbar, a second launch, the window alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from rapport.services import clients, drafts
from rapport.services.book import close_book, open_book
from rapport.ui.capture_entry import client_from_args, saved_text
from tests.ui.capture_helpers import open_capture, save_with_keys, type_note

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def test_ctrl_n_is_quick_capture_first_in_file_and_the_toolbar(window: Any, qtbot: Any) -> None:
    action = window.quick_capture_action
    assert action.shortcut() == QKeySequence("Ctrl+N")
    assert window.file_menu.actions()[0] is action
    assert window.toolbar.actions()[0] is action
    assert not action.icon().isNull()
    assert window.new_action.shortcut() == QKeySequence("Ctrl+Shift+N")
    assert window.new_action.text() == "&New client…"
    capture = open_capture(window, qtbot)
    assert capture.isVisible() and capture.editor.hasFocus()
    assert capture.windowTitle() == "Quick capture"


def test_the_window_is_built_at_idle_and_reused(window: Any, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: window.capture.capture_window is not None, timeout=5000)
    built = window.capture.capture_window
    assert not built.isVisible()
    assert open_capture(window, qtbot) is built
    built.reject()
    assert open_capture(window, qtbot) is built


def test_each_opening_reads_the_clients_again(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    capture.reject()
    clients.create_client("Priya Raman", company="Northgate")
    capture = open_capture(window, qtbot)
    qtbot.waitUntil(lambda: any(c.name == "Priya Raman" for c in capture.known))
    type_note(capture, qtbot, "Call with Priya Raman about the renewal.")
    assert capture.client_picker.current["id"] == clients.resolve("Priya Raman").id


def test_a_second_launch_opens_it_in_the_running_app(window: Any, qtbot: Any) -> None:
    from rapport.app import handle_message

    maria = clients.resolve("Maria Gonzalez")
    handle_message(window, "capture --client 'Maria Gonzalez'")
    capture = window.capture.capture_window
    qtbot.waitExposed(capture)
    qtbot.waitUntil(lambda: capture.client_picker.current is not None)
    assert capture.client_picker.current["id"] == maria.id
    assert capture.windowTitle() == "Quick capture — Maria Gonzalez"
    capture.reject()
    window.on_remote_capture("")
    qtbot.waitExposed(capture)


def test_an_unknown_client_from_the_command_line_is_asked_about(window: Any, qtbot: Any) -> None:
    window.on_remote_capture("--client Zelda")
    capture = window.capture.capture_window
    qtbot.waitExposed(capture)
    assert "Zelda" in capture.notice_text()
    assert capture.client_picker.search.text() == "Zelda"


def test_saving_refreshes_the_open_profile(window: Any, qtbot: Any) -> None:
    bob = clients.resolve("Bob Smith")
    window.open_client(bob.id)
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Call with Bob Smith. I will send the price list tomorrow.")
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    titles = [t.title for t in window.profile.tasks.model.records()]
    assert "Send the price list" in titles
    assert "Send the price list (Nov 19)" in window.capture.toast.label.text()


def test_client_from_args() -> None:
    assert client_from_args("--client 'Bob Smith'") == "Bob Smith"
    assert client_from_args("--client=Bob") == "Bob"
    assert client_from_args('--client "O\'Neill"') == "O'Neill"
    assert client_from_args("") is None
    assert client_from_args("--client") is None


def test_saved_text_lists_a_few_tasks() -> None:
    from datetime import date

    from rapport.core.records import Task
    from rapport.services.capture import SavedCapture
    from rapport.services.drafts import SavedNote

    tasks = [
        Task(id=i, title=f"Task {i}", due=date(2026, 11, 20) if i == 1 else None)
        for i in range(1, 6)
    ]
    note = SavedNote(SavedCapture(1, 2, [1, 2, 3, 4, 5]), "Bob Smith", tasks)
    assert saved_text(note) == (
        "Saved the note about Bob Smith · 5 tasks: Task 1 (Nov 20); Task 2; Task 3…."
    )


# -- the window alone (`rapport capture` when Rapport is not running) -----------------------
def _book_with_bob(data_dir: Path) -> None:
    open_book(data_dir)
    clients.create_client("Bob Smith", company="Acme Supply")
    close_book()


def _capture_window() -> Any:
    from rapport.ui.capture_window import CaptureWindow

    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, CaptureWindow)]
    return found[-1] if found else None


def test_run_capture_window_alone_saves_and_exits(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rapport import app
    from rapport.ui import single_instance

    _book_with_bob(data_dir)
    monkeypatch.setattr(single_instance, "send", lambda *_a, **_k: False)
    seen: dict[str, Any] = {}

    def act() -> None:
        window = _capture_window()
        if window is None or not window.isVisible() or not len(window.known):
            QTimer.singleShot(20, act)
            return
        seen["main windows"] = [
            w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"
        ]
        window.editor.setPlainText("Lunch w/ Bob Smith. I will send the samples by Friday.")
        window.save()

    QTimer.singleShot(0, act)
    assert app.run_capture_window(str(data_dir), None) == 0
    assert seen["main windows"] == []
    assert "Saved the note about Bob Smith · 1 task: Send the samples (Nov 20)." in (
        capsys.readouterr().out
    )
    open_book(data_dir)
    try:
        bob = clients.resolve("Bob Smith")
        assert [t.title for t in clients.profile(bob.id).tasks] == ["Send the samples"]
        assert drafts.load_draft() is None
    finally:
        close_book()


def test_run_capture_window_alone_closes_and_keeps_the_draft(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport import app
    from rapport.ui import single_instance

    _book_with_bob(data_dir)
    monkeypatch.setattr(single_instance, "send", lambda *_a, **_k: False)

    def act() -> None:
        window = _capture_window()
        if window is None or not window.isVisible():
            QTimer.singleShot(20, act)
            return
        window.editor.setPlainText("Half a thought about Bob")
        window.reject()

    QTimer.singleShot(0, act)
    assert app.run_capture_window(str(data_dir), "Bob Smith") == 0
    open_book(data_dir)
    try:
        draft = drafts.load_draft()
        assert draft is not None and draft.text == "Half a thought about Bob"
        assert draft.client is not None and draft.client["name"] == "Bob Smith"
    finally:
        close_book()


def test_run_capture_window_hands_over_to_a_running_app(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport import app
    from rapport.ui import single_instance

    data_dir.mkdir(parents=True)
    running = single_instance.SingleInstance(data_dir)
    assert running.acquire()
    sent: list[str] = []
    monkeypatch.setattr(
        single_instance, "send", lambda _dir, message, *_a: sent.append(message) or True
    )
    try:
        assert app.run_capture_window(str(data_dir), "Bob Smith") == 0
    finally:
        running.release()
    assert sent == ["capture --client 'Bob Smith'"]
