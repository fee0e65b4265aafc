"""Every write from the window runs on its worker, never on the GUI thread (issue 17).

Each commit to the book calls ``book.on_commit``'s listeners on the thread that wrote;
the tests below record that thread while they click through the window's writes (the
profile pane's Done, Reopen, deletes and "still true", the gifts tab, the Client menu's
New client, Archive and Delete, Ctrl+Z, a recorded message) and fail when any commit
came from the GUI thread: a write there would freeze the window for as long as a busy
book makes it wait (up to the 15 s busy timeout behind another program's import).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from rapport.services import clients, gifts, interactions, tasks
from rapport.services.errors import NotFoundError
from rapport.ui import messages
from rapport.ui.dialogs import ClientDialog
from tests.ui.form_helpers import click_save, wait_saved
from tests.ui.write_threads import Commits, recorded_commits

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def commits(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Commits]:
    """Commits recorded once the window has settled; every confirmation answered yes."""
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    wait_saved(qtbot, window)
    with recorded_commits() as recorded:
        yield recorded


def _row_of(section: Any, title: str) -> None:
    """Put the cursor on the row whose first column says ``title``."""
    for row in range(section.proxy.rowCount()):
        index = section.proxy.index(row, 0)
        if index.data() == title:
            section.table.setCurrentIndex(index)
            return
    raise AssertionError(f"no row {title!r}")


def _click_saving(qtbot: Any, window: Any, button: Any) -> None:
    """Click ``button``: the window says "Saving…" at once, then the write comes back."""
    qtbot.mouseClick(button, LEFT)
    assert window.statusBar().currentMessage() == "Saving…"
    wait_saved(qtbot, window)


def test_the_profile_panes_writes_run_on_the_worker(
    window: Any, qtbot: Any, commits: Commits
) -> None:
    bob = clients.resolve("Bob Smith").id
    window.open_client(bob)
    pane = window.profile
    task_id = pane.current.tasks[0].id

    pane.tabs.setCurrentWidget(pane.tasks)
    _row_of(pane.tasks, "Send the revised proposal")
    qtbot.mouseClick(pane.done_button, LEFT)
    assert pane.saving and not pane.done_button.isEnabled()  # no second Done meanwhile
    assert window.statusBar().currentMessage() == "Saving…"
    wait_saved(qtbot, window)
    assert tasks.get_task(task_id).status == "done"
    assert window.statusBar().currentMessage() == "Done: Send the revised proposal."
    window._done_note_panel.hide()  # the offer to tell Bob: not taken up
    _row_of(pane.tasks, "Send the revised proposal")
    assert pane.done_button.text() == "Reopen"
    _click_saving(qtbot, window, pane.done_button)
    assert tasks.get_task(task_id).status == "open"

    pane.tabs.setCurrentWidget(pane.facts)
    _row_of(pane.facts, "Vegetarian")
    window.still_true_action.trigger()  # Ctrl+Y
    wait_saved(qtbot, window)
    assert window.statusBar().currentMessage() == "Marked as still true."
    _click_saving(qtbot, window, pane.facts.delete_button)
    assert clients.profile(bob).facts == []
    pane.tabs.setCurrentWidget(pane.people)
    _row_of(pane.people, "Jake")
    _click_saving(qtbot, window, pane.people.delete_button)
    assert clients.profile(bob).people == []
    pane.tabs.setCurrentWidget(pane.history)
    pane.history.table.setCurrentIndex(pane.history.proxy.index(0, 0))
    _click_saving(qtbot, window, pane.history.delete_button)
    assert interactions.history(bob) == []
    pane.tabs.setCurrentWidget(pane.tasks)
    _row_of(pane.tasks, "Send the revised proposal")
    _click_saving(qtbot, window, pane.tasks.delete_button)
    assert clients.profile(bob).tasks == []
    assert pane.current.tasks == []  # the pane shows the book as it is now

    assert window.undo_action.text() == "&Undo delete task “Send the revised proposal”"
    window.undo_action.trigger()  # Ctrl+Z
    qtbot.waitUntil(lambda: window.undoing is None)  # the task back, on the worker
    assert [t.title for t in clients.profile(bob).tasks] == ["Send the revised proposal"]

    assert commits.off_gui >= 8
    assert commits.on_gui == [], "a write ran on the GUI thread:\n" + "\n".join(commits.on_gui)


def test_the_gifts_tabs_writes_run_on_the_worker(window: Any, qtbot: Any, commits: Commits) -> None:
    bob = clients.resolve("Bob Smith").id
    window.open_client(bob)
    window.gift_ideas_action.trigger()  # Ctrl+G
    tab = window.profile.gifts
    first = tab.ideas.current()
    assert first is not None
    _click_saving(qtbot, window, tab.ideas.plan_button)
    assert [(g.title, g.status) for g in gifts.list_gifts(bob)] == [(first.title, "planned")]
    tab.log.table.setCurrentIndex(tab.log.proxy.index(0, 0))
    _click_saving(qtbot, window, tab.mark_given_button)
    assert [g.status for g in gifts.list_gifts(bob)] == ["given"]
    assert tab.log.model.record(0).status == "given"
    tab.log.table.setCurrentIndex(tab.log.proxy.index(0, 0))
    _click_saving(qtbot, window, tab.log.delete_button)
    assert gifts.list_gifts(bob) == [] and tab.log.model.rowCount() == 0
    budget = tab.ideas.budget
    budget.setCurrentIndex((budget.currentIndex() + 1) % budget.count())  # the user picks
    wait_saved(qtbot, window)

    assert commits.off_gui >= 4
    assert commits.on_gui == [], "a write ran on the GUI thread:\n" + "\n".join(commits.on_gui)


def test_the_client_menus_writes_run_on_the_worker(
    window: Any, qtbot: Any, answer_modal: Any, commits: Commits
) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        qtbot.keyClicks(dialog.name, "Dana White")
        click_save(qtbot, dialog)

    answer_modal(fill)
    window.new_client_action.trigger()  # Ctrl+Shift+N
    wait_saved(qtbot, window)
    dana = clients.resolve("Dana White")
    assert window.profile.current.client.id == dana.id  # opened once the list is read
    assert window.statusBar().currentMessage() == "Added Dana White."

    window.archive_action.trigger()  # Ctrl+Shift+A
    assert window.saving_client and window.statusBar().currentMessage() == "Saving…"
    window.archive_action.trigger()  # again meanwhile: not a second archive
    wait_saved(qtbot, window)
    assert clients.get_client(dana.id).archived
    assert window.statusBar().currentMessage() == "Archived Dana White."
    names = [row.name for row in window.client_list.model.records()]
    assert "Dana White" not in names  # the list, read on the worker, moved on from her

    window.open_client(dana.id)  # shown with the archived clients
    assert window.archive_action.text() == "Un&archive client"
    window.archive_action.trigger()
    wait_saved(qtbot, window)
    assert not clients.get_client(dana.id).archived
    assert window.statusBar().currentMessage() == "Unarchived Dana White."

    window.delete_client_action.trigger()  # Ctrl+Shift+Delete
    assert window.statusBar().currentMessage() == "Saving…"
    wait_saved(qtbot, window)
    with pytest.raises(NotFoundError):
        clients.get_client(dana.id)
    assert window.profile.client_id != dana.id
    assert window.statusBar().currentMessage().startswith("Deleted ")
    window.undo_action.trigger()  # Ctrl+Z
    qtbot.waitUntil(lambda: window.undoing is None)
    assert clients.get_client(dana.id).name == "Dana White"

    assert commits.off_gui >= 5
    assert commits.on_gui == [], "a write ran on the GUI thread:\n" + "\n".join(commits.on_gui)


def test_a_message_recorded_from_the_client_menu_is_written_on_the_worker(
    window: Any, qtbot: Any, answer_modal: Any, commits: Commits
) -> None:
    from rapport.ui.followup_dialogs import InboundDialog

    window.open_client(clients.resolve("Anna Schmidt").id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, InboundDialog)
        qtbot.keyClicks(dialog.summary, "Can we move the visit?")
        click_save(qtbot, dialog)

    answer_modal(fill)
    window.record_message_action.trigger()  # Ctrl+Shift+M
    wait_saved(qtbot, window)
    assert "Can we move the visit?" in window.profile.overview.toPlainText()

    assert commits.off_gui >= 1
    assert commits.on_gui == [], "a write ran on the GUI thread:\n" + "\n".join(commits.on_gui)
