"""A capture the team book refuses, in the window: set aside while the rest are sent, then
edited in the capture window and saved again, or discarded after a question (a real
PostgreSQL; the outbox a real file)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.pgserver import TeamBook
from tests.ui.capture_helpers import save_with_keys, wait_understood
from tests.ui.conftest import shown_window

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

REFUSED = "Lunch with him about the renewal."


def _notes(team: TeamBook) -> list[tuple[str, str]]:
    """(client, text) of alice's conversations on the server, in saved order."""
    with team.server.connect("alice", team.database) as conn:
        rows = conn.execute(
            "SELECT c.name, i.raw_text FROM interaction i JOIN client c ON c.id = i.client_id "
            "ORDER BY i.id"
        ).fetchall()
    return [(str(name), str(text)) for name, text in rows]


def _one_refused_one_sent(team: TeamBook, qtbot: Any) -> tuple[Any, Iterator[Any]]:
    from rapport.services import clients, outbox

    clients.create_client("Dana Reyes")
    outbox.keep(REFUSED, None, None, client="Zed")  # names nobody: the server refuses it
    outbox.keep("Coffee with Dana Reyes about the farm.", None, None)
    shown = shown_window(qtbot)
    window = next(shown)
    status = window.outbox_status()
    qtbot.waitUntil(lambda: status.review_button.isVisible(), timeout=10000)
    return window, shown


def test_a_refused_capture_is_set_aside_the_rest_sent_and_it_is_edited_and_saved_again(
    team_book: TeamBook, qtbot: Any, answer_modal: Callable[[Callable[[QWidget], None]], None]
) -> None:
    from rapport.services import outbox

    window, shown = _one_refused_one_sent(team_book, qtbot)
    status = window.outbox_status()
    # The capture typed after the refused one went on.
    assert _notes(team_book) == [("Dana Reyes", "Coffee with Dana Reyes about the farm.")]
    assert status.text() == "1 capture could not be sent —"
    assert status.review_button.text() == "Review…"
    assert "no client matches 'Zed'" in status.label.toolTip()

    seen: dict[str, Any] = {}

    def review(dialog: QWidget) -> None:
        seen["listed"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        seen["why"] = dialog.why.text()
        seen["text"] = dialog.text.toPlainText()
        qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)

    answer_modal(review)
    qtbot.mouseClick(status.review_button, Qt.MouseButton.LeftButton)
    assert len(seen["listed"]) == 1 and seen["listed"][0].endswith(f"· {REFUSED}")
    assert seen["why"] == "The team book said: no client matches 'Zed'."
    assert seen["text"] == REFUSED

    capture = window.capture.capture_window
    qtbot.waitExposed(capture)
    assert capture.editor.toPlainText() == REFUSED
    assert "refused this note: no client matches 'Zed'" in capture.notice_text()
    # Fixed: the client chosen by hand, a word added; saved to the team book.
    qtbot.waitUntil(lambda: len(capture.known) > 0)
    assert capture.client_picker.search.text() == "Zed"  # as the command line named it
    qtbot.keyClick(capture.client_picker.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(capture.client_picker.search, "Dana")
    qtbot.keyClick(capture.client_picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: capture.client_picker.current is not None)
    capture.editor.moveCursor(capture.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(capture.editor, " She signs Monday.")
    wait_understood(capture, qtbot)
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    assert _notes(team_book) == [
        ("Dana Reyes", "Coffee with Dana Reyes about the farm."),
        ("Dana Reyes", f"{REFUSED} She signs Monday."),
    ]
    assert outbox.waiting() == [] and capture.replacing is None
    assert status.text() == "" and not status.review_button.isVisible()
    next(shown, None)


def test_a_refused_capture_is_discarded_only_once_confirmed(
    team_book: TeamBook, qtbot: Any, answer_modal: Callable[[Callable[[QWidget], None]], None]
) -> None:
    from rapport.services import outbox

    window, shown = _one_refused_one_sent(team_book, qtbot)
    status = window.outbox_status()
    said: list[str] = []

    def answer(button: str) -> Callable[[QWidget], None]:
        def click(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            said.append(box.text())
            chosen = [b for b in box.buttons() if b.text() == button]
            assert len(chosen) == 1, [b.text() for b in box.buttons()]
            chosen[0].click()

        return click

    def review(dialog: QWidget) -> None:
        answer_modal(answer("Cancel"))
        qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
        assert dialog.list.count() == 1  # kept: the question was answered No
        answer_modal(answer("Discard"))
        qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
        assert dialog.list.count() == 0 and dialog.why.text() == "Nothing is waiting for review."
        assert not dialog.discard_button.isEnabled()
        dialog.reject()

    answer_modal(review)
    qtbot.mouseClick(status.review_button, Qt.MouseButton.LeftButton)
    assert len(said) == 2 and REFUSED in said[0]
    assert outbox.waiting() == []
    assert status.text() == "" and not status.review_button.isVisible()
    assert _notes(team_book) == [("Dana Reyes", "Coffee with Dana Reyes about the farm.")]
    next(shown, None)
