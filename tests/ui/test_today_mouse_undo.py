"""Today and the Tasks tab by mouse (right-click menus, row buttons) and Edit ▸ Undo."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from rapport.services import clients, inbound, interactions, tasks
from rapport.ui.today_sections import hint_color
from tests.ui.conftest import shown_window
from tests.ui.form_helpers import click_save, wait_saved

# A menu shown on the offscreen platform says it cannot raise itself or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing"
)


@pytest.fixture
def busy(qtbot: Any, sample_book: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-16")
    bob = clients.resolve("Bob Smith").id
    maria = clients.resolve("Maria Gonzalez").id
    tasks.add_task("Email the deck", bob, "2026-11-17", "promise")
    tasks.add_task("Book the venue", maria, "2026-11-18", "todo")
    inbound.record_inbound(maria, "voicemail", "2026-11-16 09:00", "Renewal terms")
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18")
    yield from shown_window(qtbot, active=True)


def _right_click(qtbot: Any, table: Any, row: int, choose: str | None) -> list[str]:
    """Right-click ``row`` of ``table``; return the menu's items, choosing ``choose``."""
    seen: list[str] = []

    def act() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, act)
            return
        items = [a for a in menu.actions() if not a.isSeparator()]
        seen.extend(a.text().replace("&", "") for a in items)
        chosen = next((a for a in items if a.text().replace("&", "") == choose), None)
        menu.close()
        if chosen is not None:
            chosen.trigger()

    QTimer.singleShot(0, act)
    viewport = table.viewport()
    pos = table.visualRect(table.model().index(row, 0)).center()
    # The right button's press, then the context-menu event the platform sends with it.
    qtbot.mousePress(viewport, Qt.MouseButton.RightButton, pos=pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    qtbot.mouseRelease(viewport, Qt.MouseButton.RightButton, pos=pos)
    qtbot.waitUntil(lambda: bool(seen))
    window = table.window()
    qtbot.waitUntil(lambda: not window.today_view.saving)  # a chosen step saves on the worker
    # The offscreen platform leaves the closed menu active: the window takes it back.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return seen


def _undo_text(win: Any) -> str:
    return win.undo_action.text().replace("&", "")


def test_right_click_a_task_offers_the_keys_actions_and_done_is_undone(
    busy: Any, qtbot: Any
) -> None:
    view = busy.today_view
    section = view.sections["overdue"]
    task_id = section.model.record(0).id
    items = _right_click(qtbot, section.table, 0, "Mark done")
    assert items[:2] == ["Mark done", "Snooze…"]
    assert "Open client" in items and "Copy running-late note" in items
    assert "Late note sent" in items
    assert "Mark answered" not in items and "Thank-you written" not in items
    assert tasks.get_task(task_id).status == "done"
    assert section.count() == 0
    assert busy.undo_action.isEnabled()
    assert _undo_text(busy) == "Undo done: Email the deck"
    busy.undo_action.trigger()
    qtbot.waitUntil(lambda: busy.undoing is None)  # undone on the worker
    assert tasks.get_task(task_id).status == "open"
    assert [t.task.title for t in section.model.records()] == ["Email the deck"]
    assert not busy.undo_action.isEnabled()


def test_right_click_a_reply_offers_answered_and_its_undo(busy: Any, qtbot: Any) -> None:
    section = busy.today_view.sections["replies"]
    message_id = section.model.record(0).id
    items = _right_click(qtbot, section.table, 0, "Mark answered")
    assert items[0] == "Mark answered"
    assert "Snooze…" not in items and "Mark done" not in items
    assert inbound.get_inbound(message_id).answered_at is not None
    assert _undo_text(busy) == "Undo answered: voicemail from Maria Gonzalez"
    qtbot.keyClick(busy, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: busy.undoing is None)  # undone on the worker
    assert inbound.get_inbound(message_id).answered_at is None
    assert section.count() == 1


def test_the_row_bar_acts_on_the_selected_row(busy: Any, qtbot: Any) -> None:
    view = busy.today_view
    section = view.sections["due_today"]
    section.enter()
    titles = [t.task.title for t in section.model.records()]
    row = titles.index("Book the venue")
    section.select_row(row)
    done = view.row_buttons[view.done_action]
    assert done.isVisible() and done.text() == "Mark done"
    assert not view.row_buttons[view.answered_action].isVisible()
    assert "Book the venue" in view.row_label.text()
    qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not busy.today_view.saving)  # saved on the worker
    venue = next(t for t in tasks.list_tasks(include_done=True) if t.title == "Book the venue")
    assert venue.status == "done"
    assert _undo_text(busy) == "Undo done: Book the venue"
    view.sections["replies"].enter()
    answered = view.row_buttons[view.answered_action]
    assert answered.isVisible()
    assert not view.row_buttons[view.done_action].isVisible()  # Answered says it
    assert not view.row_buttons[view.snooze_action].isVisible()


def test_thank_you_written_is_undone(busy: Any, qtbot: Any) -> None:
    section = busy.today_view.sections["thank_yous"]
    meeting = section.model.record(0)
    table = section.table
    section.enter()
    qtbot.keyClick(table, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: not busy.today_view.saving)  # saved on the worker
    assert interactions.history(meeting.client_id)[0].thanked_at is not None
    assert _undo_text(busy).startswith("Undo thank-you written: ")
    busy.undo_action.trigger()
    qtbot.waitUntil(lambda: busy.undoing is None)  # undone on the worker
    assert interactions.history(meeting.client_id)[0].thanked_at is None
    assert section.count() == 1


def test_snooze_from_the_menu_is_undone(busy: Any, qtbot: Any, answer_modal: Any) -> None:
    section = busy.today_view.sections["overdue"]
    task_id = section.model.record(0).id

    def fill(dialog: Any) -> None:
        qtbot.keyClicks(dialog.phrase, "next week")
        click_save(qtbot, dialog)

    answer_modal(fill)
    _right_click(qtbot, section.table, 0, "Snooze…")
    qtbot.waitUntil(lambda: tasks.get_task(task_id).snoozed_until is not None)
    assert _undo_text(busy) == "Undo snooze: Email the deck"
    busy.undo_action.trigger()
    qtbot.waitUntil(lambda: busy.undoing is None)  # undone on the worker
    assert tasks.get_task(task_id).snoozed_until is None
    assert section.count() == 1


def test_tasks_tab_says_reopen_for_a_done_task_and_reopens_it(busy: Any, qtbot: Any) -> None:
    bob = clients.resolve("Bob Smith").id
    busy.open_client(bob)
    profile = busy.profile
    profile.tabs.setCurrentWidget(profile.tasks)
    table = profile.tasks.table
    titles = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    row = titles.index("Email the deck")
    table.setCurrentIndex(table.model().index(row, 0))
    assert profile.done_button.text() == "Mark done"
    qtbot.mouseClick(profile.done_button, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, busy)  # done on the worker
    deck = next(t for t in tasks.list_tasks(bob, include_done=True) if t.title == "Email the deck")
    assert deck.status == "done"
    assert _undo_text(busy) == "Undo done: Email the deck"
    profile.tasks.select(deck.id)
    assert profile.done_button.text() == "Reopen"
    items = _right_click(qtbot, table, table.currentIndex().row(), "Reopen")
    assert items == ["Reopen", "Edit…", "Delete"]
    wait_saved(qtbot, busy)  # reopened on the worker
    assert tasks.get_task(deck.id).status == "open"
    assert _undo_text(busy) == "Undo reopen: Email the deck"
    profile.tasks.select(deck.id)
    assert profile.done_button.text() == "Mark done"
    busy.undo_action.trigger()  # the reopen taken back: done again
    qtbot.waitUntil(lambda: busy.undoing is None)  # undone on the worker
    assert tasks.get_task(deck.id).status == "done"
    busy.undo_action.trigger()  # and the done: open
    qtbot.waitUntil(lambda: busy.undoing is None)  # undone on the worker
    assert tasks.get_task(deck.id).status == "open"


def _contrast(one: QColor, two: QColor) -> float:
    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(color.redF())
            + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF())
        )

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _with_palette(window: str, text: str, check: Callable[[], None]) -> None:
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    old = QGuiApplication.palette()
    palette = QPalette(old)
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
    app.setPalette(palette)
    try:
        check()
    finally:
        app.setPalette(old)


@pytest.mark.parametrize(("window", "text"), [("#efefef", "#000000"), ("#2b2b2b", "#f0f0f0")])
def test_key_hints_are_readable_in_light_and_dark(
    window: str, text: str, busy: Any, qtbot: Any
) -> None:
    def check() -> None:
        color = hint_color()
        assert _contrast(color, QColor(window)) >= 4.5
        section = busy.today_view.sections["overdue"]
        # The palette changed, nothing re-read: the hint follows with the change event.
        qtbot.waitUntil(lambda: color.name() in section.header.text())

    _with_palette(window, text, check)


def test_right_click_outside_the_rows_opens_nothing(busy: Any) -> None:
    view = busy.today_view
    section = view.sections["overdue"]
    assert view.row_menu(section, QPoint(5, section.table.viewport().height() + 50)) is None
