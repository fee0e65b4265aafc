"""The main window driven like a user: typing, clicking, keys."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from rapport.services import clients
from rapport.ui import messages
from rapport.ui.dialogs import ClientDialog, FactDialog
from tests.ui.form_helpers import click_save, wait_saved


def _names(win: Any) -> list[str]:
    proxy = win.client_list.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_filter_as_you_type_and_open_with_keys(window: Any, qtbot: Any) -> None:
    assert _names(window) == ["Anna Schmidt", "Bob Smith", "Maria Gonzalez"]
    window.filter_action.trigger()
    assert window.client_list.filter.hasFocus()
    qtbot.keyClicks(window.client_list.filter, "acme")
    assert _names(window) == ["Bob Smith"]
    qtbot.keyClick(window.client_list.filter, Qt.Key.Key_Down)
    assert window.profile.current is not None
    assert window.profile.current.client.name == "Bob Smith"
    assert "Jake" in window.profile.overview.toPlainText()
    qtbot.keyClick(window.client_list.table, Qt.Key.Key_Escape)
    assert len(_names(window)) == 3


def test_filter_ignores_accents_and_says_when_nothing_matches(window: Any, qtbot: Any) -> None:
    clients.create_client("José Núñez")
    window.reload()
    qtbot.keyClicks(window.client_list.filter, "nunez")  # typed without accents
    assert _names(window) == ["José Núñez"]
    window.client_list.filter.setText("GÓNZAL")  # pasted with one (keyClicks is ASCII-only)
    assert _names(window) == ["Maria Gonzalez"]
    window.client_list.filter.clear()
    qtbot.keyClicks(window.client_list.filter, "zzz")
    assert window.client_list.stack.currentWidget() is window.client_list.no_match


def test_add_fact_through_the_form_shows_in_profile(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    window.open_client(clients.resolve("Bob Smith").id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, FactDialog)
        qtbot.keyClicks(dialog.text, "Huge fly fishing guy")
        dialog.category.setCurrentText("interest")
        qtbot.keyClicks(dialog.tags, "fly fishing")
        click_save(qtbot, dialog)

    answer_modal(fill)
    window.add_fact_action.trigger()
    texts = [f.text for f in window.profile.facts.model.records()]
    assert "Huge fly fishing guy" in texts
    assert window.profile.tabs.currentWidget() is window.profile.facts
    assert "Huge fly fishing guy" in window.profile.overview.toPlainText()


def test_empty_client_name_is_explained_in_the_form(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        click_save(qtbot, dialog)
        seen.append(dialog.error_label.text())
        assert dialog.isVisible(), "the form stays open to be fixed"
        qtbot.keyClicks(dialog.name, "Dana White")
        qtbot.keyClicks(dialog.company, "Coastal Freight")
        click_save(qtbot, dialog)

    answer_modal(fill)
    window.new_client_action.trigger()
    wait_saved(qtbot, window)  # the list is read again on the worker, then Dana opens
    assert seen and "cannot be empty" in seen[0]
    assert "Dana White" in _names(window)
    assert window.profile.current.client.company == "Coastal Freight"


def test_delete_client_asks_then_undo_brings_it_back(
    window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    questions: list[str] = []
    monkeypatch.setattr(
        messages, "confirm", lambda _p, _t, text, *_a: questions.append(text) or True
    )
    window.open_client(clients.resolve("Bob Smith").id)
    window.delete_client_action.trigger()
    wait_saved(qtbot, window)  # deleted on the worker
    assert questions and "Bob Smith" in questions[0]
    assert "Bob Smith" not in _names(window)
    assert window.undo_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker
    assert "Bob Smith" in _names(window)
    assert [p.name for p in clients.profile(clients.resolve("Bob Smith").id).people] == ["Jake"]


def test_declining_the_confirmation_deletes_nothing(window: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *_a: False)
    window.open_client(clients.resolve("Bob Smith").id)
    window.delete_client_action.trigger()
    assert "Bob Smith" in _names(window)


def test_delete_key_on_a_fact(window: Any, qtbot: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    window.open_client(clients.resolve("Bob Smith").id)
    section = window.profile.facts
    window.profile.tabs.setCurrentWidget(section)
    section.table.setFocus()
    section.table.setCurrentIndex(section.proxy.index(0, 0))
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)
    wait_saved(qtbot, window)  # deleted on the worker
    assert section.model.rowCount() == 0
    assert section.stack.currentWidget() is section.empty


def test_mark_task_done_from_the_profile(window: Any, qtbot: Any) -> None:
    window.open_client(clients.resolve("Bob Smith").id)
    section = window.profile.tasks
    section.table.setCurrentIndex(section.proxy.index(0, 0))
    qtbot.mouseClick(window.profile.done_button, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)  # done on the worker, then the window reads again there
    assert section.model.record(0).status == "done"
    assert "0 open tasks" in window.counts_label.text()


def test_geometry_is_remembered(window: Any, qtbot: Any) -> None:
    from rapport.services.book import current_book
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    hint = window.minimumSizeHint()
    size = (max(720, hint.width() + 10), max(520, hint.height() + 10))
    window.resize(*size)
    window.close()
    again = MainWindow(current_book(), Worker())
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == size


def test_models_pass_the_model_tester(window: Any, qtmodeltester: Any) -> None:
    qtmodeltester.check(window.client_list.model)
    qtmodeltester.check(window.client_list.proxy)
    window.open_client(clients.resolve("Bob Smith").id)
    qtmodeltester.check(window.profile.tasks.model)
    qtmodeltester.check(window.profile.people.model)


def test_reopens_the_last_client(window: Any, qtbot: Any) -> None:
    from rapport.services.book import current_book
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    assert window.profile.current is not None, "a client is shown at start, not a blank pane"
    maria = clients.resolve("Maria Gonzalez").id
    window.open_client(maria)
    window.close()
    again = MainWindow(current_book(), Worker())
    qtbot.addWidget(again)
    assert again.profile.client_id == maria
