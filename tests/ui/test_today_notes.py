"""Today's thank-you rows lead to the note itself: W opens the note window on that row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from rapport.services import clients, interactions, introductions, tasks
from rapport.ui.note_composer import NoteComposer
from tests.ui.conftest import shown_window


@pytest.fixture
def today(qtbot: Any, sample_book: Path) -> Iterator[Any]:
    maria = clients.resolve("Maria Gonzalez").id
    tom = clients.create_client("Tom Lee").id
    introductions.create_introduction(tom, referrer_id=maria)
    yield from shown_window(qtbot, active=True)


def _sign_and_send(qtbot: Any, seen: dict[str, Any]) -> Any:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, NoteComposer)
        seen["about"] = dialog.conversation.currentData()
        seen["occasion"] = dialog.occasion.currentData()
        seen["text"] = dialog.text.toPlainText()
        dialog.signature.setText("Sam Carter")
        dialog.signature.editingFinished.emit()
        qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)

    return fill


def test_w_on_a_thank_you_row_writes_that_meetings_note(
    today: Any, qtbot: Any, answer_modal: Any
) -> None:
    section = today.today_view.sections["thank_yous"]
    assert "W write the note" in section.hint
    before = section.count()
    assert before > 0
    section.enter()
    meeting = section.current()
    seen: dict[str, Any] = {}
    answer_modal(_sign_and_send(qtbot, seen))
    qtbot.keyClick(section.table, Qt.Key.Key_W)
    assert seen["about"] == meeting.id
    assert seen["occasion"] == "after_meeting"
    thanked = next(i for i in interactions.history(meeting.client_id) if i.id == meeting.id)
    assert thanked.thanked_at is not None
    assert section.count() == before - 1
    assert "sent" in today.statusBar().currentMessage()


def test_w_on_a_thank_the_referrer_task_sends_the_referral_card(
    today: Any, qtbot: Any, answer_modal: Any
) -> None:
    view = today.today_view
    section = view.sections["due_today"]
    rows = section.model.records()
    row = next(i for i, item in enumerate(rows) if item.task.kind == "thank_referrer")
    section.enter()
    section.select_row(row)
    assert view.write_action.isEnabled()
    seen: dict[str, Any] = {}
    answer_modal(_sign_and_send(qtbot, seen))
    qtbot.keyClick(section.table, Qt.Key.Key_W)
    assert seen["occasion"] == "referral_thanks"
    assert "Tom" in seen["text"]
    # The card was the thank-you: the task is done and Today no longer asks for it.
    assert not [t for t in tasks.list_tasks() if t.kind == "thank_referrer" and t.status == "open"]
    assert all(item.task.kind != "thank_referrer" for item in section.model.records())


def test_w_is_off_on_rows_that_ask_for_no_note(today: Any) -> None:
    view = today.today_view
    section = view.sections["replies"]
    if section.count():
        section.enter()
        assert not view.write_action.isEnabled()
    assert "&Write the thank-you…" in [a.text() for a in today.today_menu.actions()]
