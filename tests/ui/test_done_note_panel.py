"""Closing the loop: D on a kept promise offers the message that tells the client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from rapport.services import clients, interactions, tasks
from rapport.ui.done_note_panel import DoneNotePanel
from tests.ui.conftest import shown_window
from tests.ui.form_helpers import wait_saved


@pytest.fixture
def promises(qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from rapport.services.book import close_book, open_book

    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18")
    open_book(data_dir)
    dana = clients.create_client("Dana Whitfield", emails=["dana@example.com"])
    tasks.add_task("Send the revised pricing for the Q1 rollout", dana.id, "2026-11-18", "promise")
    tasks.add_task("Introduce Dana to Mark Chen", dana.id, "2026-11-18", "promise")
    tasks.add_task("Water the plants", None, "2026-11-18", "todo")
    yield from shown_window(qtbot, active=True)
    close_book()


def _panel(win: Any) -> DoneNotePanel:
    panel = getattr(win, "_done_note_panel", None)
    assert isinstance(panel, DoneNotePanel)
    return panel


def _focus_due_today(win: Any, title: str) -> Any:
    section = win.today_view.sections["due_today"]
    section.enter()
    titles = [item.task.title for item in section.model.records()]
    section.select_row(titles.index(title))
    return section.table


def test_d_on_a_promise_offers_the_message_and_copy_records_it(promises: Any, qtbot: Any) -> None:
    win = promises
    table = _focus_due_today(win, "Send the revised pricing for the Q1 rollout")
    task_id = win.today_view.sections["due_today"].current().id
    qtbot.keyClick(table, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: not win.today_view.saving)  # saved on the worker
    assert tasks.get_task(task_id).status == "done"
    panel = _panel(win)
    assert panel.isVisible() and not panel.isModal()
    body = panel.text.toPlainText()
    assert "Dana" in body and "Whitfield" not in body
    assert "the revised pricing for the Q1 rollout is" in body and "in your inbox" in body
    dana = clients.resolve("Dana Whitfield").id
    before = len(interactions.history(dana))
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == body
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)  # again at once
    qtbot.waitUntil(lambda: panel.recorded is not None)  # noted on the worker
    told = interactions.history(dana)
    assert len(told) == before + 1
    assert told[0].kind == "note" and told[0].raw_text == body
    assert told[0].title.startswith("Told Dana it's done")
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert len(interactions.history(dana)) == before + 1  # told once, not once per click
    assert "history notes they were told" in panel.status.text()
    # Clicking Copy may have made the panel the active window (the platform decides, and
    # when it does depends on the load): the user goes back to the list, as they would
    # with the mouse, so the list's shortcuts reach it. Then D finishes the next row, and
    # the panel follows with that promise's message.
    win.activateWindow()
    table.setFocus()
    qtbot.waitUntil(lambda: QGuiApplication.focusObject() is table)
    following = win.today_view.sections["due_today"].current()
    qtbot.keyClick(table, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: not win.today_view.saving)  # saved on the worker
    assert tasks.get_task(following.id).status == "done"
    assert panel.text.toPlainText() != body and panel.status.text() == ""
    # Done stays undoable, also the one whose client was told.
    win.undo_action.trigger()
    qtbot.waitUntil(lambda: win.undoing is None)  # undone on the worker
    assert tasks.get_task(following.id).status == "open"
    win.undo_action.trigger()
    qtbot.waitUntil(lambda: win.undoing is None)  # undone on the worker
    assert tasks.get_task(task_id).status == "open"


class _MailCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_email_it_opens_a_mailto_with_the_edited_text(promises: Any, qtbot: Any) -> None:
    win = promises
    table = _focus_due_today(win, "Introduce Dana to Mark Chen")
    qtbot.keyClick(table, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: not win.today_view.saving)  # saved on the worker
    panel = _panel(win)
    assert "I've set up the introduction to Mark Chen" in panel.text.toPlainText()
    panel.text.selectAll()
    qtbot.keyClicks(panel.text, "Dana, you and Mark are connected & ready.")
    catcher = _MailCatcher()
    QDesktopServices.setUrlHandler("mailto", catcher, "open")
    try:
        qtbot.mouseClick(panel.email_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("mailto")
    [url] = catcher.urls
    qtbot.waitUntil(lambda: panel.recorded is not None)  # noted on the worker
    text = bytes(url.toEncoded()).decode("ascii")
    assert text.startswith("mailto:dana@example.com?subject=")
    assert "body=Dana%2C%20you%20and%20Mark%20are%20connected%20%26%20ready." in text
    dana = clients.resolve("Dana Whitfield").id
    told = interactions.history(dana)[0]
    assert told.kind == "email" and told.raw_text == "Dana, you and Mark are connected & ready."


def test_the_panel_shown_by_d_leaves_the_keyboard_on_the_list(promises: Any, qtbot: Any) -> None:
    win = promises
    table = _focus_due_today(win, "Send the revised pricing for the Q1 rollout")
    qtbot.keyClick(table, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: not win.today_view.saving)  # saved on the worker
    panel = _panel(win)
    assert panel.isVisible()
    # Nothing touched in between: D again goes to the list and finishes the next row.
    qtbot.waitUntil(lambda: QGuiApplication.focusObject() is table)
    following = win.today_view.sections["due_today"].current()
    qtbot.keyClick(table, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: not win.today_view.saving)
    assert tasks.get_task(following.id).status == "done"


def test_a_chore_offers_nothing(promises: Any, qtbot: Any) -> None:
    win = promises
    table = _focus_due_today(win, "Water the plants")
    qtbot.keyClick(table, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: not win.today_view.saving)  # saved on the worker
    assert getattr(win, "_done_note_panel", None) is None


def test_done_in_the_tasks_tab_offers_it_too(promises: Any, qtbot: Any) -> None:
    win = promises
    dana = clients.resolve("Dana Whitfield").id
    win.open_client(dana)
    section = win.profile.tasks
    win.profile.tabs.setCurrentWidget(section)
    titles = [section.model.record(row).title for row in range(section.model.rowCount())]
    row = titles.index("Send the revised pricing for the Q1 rollout")
    section.table.setCurrentIndex(section.proxy.mapFromSource(section.model.index(row, 0)))
    qtbot.mouseClick(win.profile.done_button, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, win)  # done on the worker, then the panel
    panel = _panel(win)
    assert "in your inbox" in panel.text.toPlainText()
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.recorded is not None)  # noted on the worker
    assert interactions.history(dana)[0].title.startswith("Told Dana it's done")
