"""The search box driven like a user: type, wait for results, arrows, Enter, Esc."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rapport.services import clients, facts, interactions, search, tasks
from rapport.ui.search_model import SearchResultsModel


@pytest.fixture
def bob(window: Any) -> int:
    bob = clients.resolve("Bob Smith").id
    interactions.add_interaction(
        bob,
        "call",
        "2026-11-12 09:00",
        "Catch-up call",
        raw_text="He says the tournament in Augusta went well.",
    )
    facts.add_fact(bob, "Loves fly fishing in Montana", "interest", ["fly fishing"])
    return bob


def _results(window: Any) -> int:
    return int(window.search_controller.page.model.result_count())


def _wait_results(window: Any, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: _results(window) > 0, timeout=5000)


def test_type_and_enter_opens_the_fact(window: Any, qtbot: Any, bob: int) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    box = window.search_controller.box
    assert QApplication.focusWidget() is box
    qtbot.keyClicks(box, "monta")
    assert (
        window.pages.currentWidget() is window.search_controller.page
    )  # shown at once, while typing
    assert window.page_actions.checkedAction() is None
    _wait_results(window, qtbot)
    assert "<b>Montana</b>" in window.search_controller.page.model.result_index(0).data(
        Qt.ItemDataRole.UserRole + 2
    )
    qtbot.keyClick(box, Qt.Key.Key_Return)
    profile = window.profile
    assert window.pages.currentWidget() is window.clients_page
    assert window.page_actions.checkedAction().text() == "Clients"
    assert profile.current.client.id == bob
    assert profile.tabs.currentWidget() is profile.facts
    assert profile.facts.current().text == "Loves fly fishing in Montana"


def test_jake_tourn_finds_bob_and_arrows_pick_the_conversation(
    window: Any, qtbot: Any, bob: int
) -> None:
    window.search_action.trigger()
    box = window.search_controller.box
    qtbot.keyClicks(box, "jake tourn")
    _wait_results(window, qtbot)
    found = window.search_controller.page.model.results()
    assert {r.client for r in found} == {"Bob Smith"}
    kinds = [r.kind for r in found]
    assert "person" in kinds and "interaction" in kinds
    # Down from the box walks the results (group rows are skipped) without leaving it.
    target = kinds.index("interaction")
    for _ in range(target):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.hasFocus()
    assert window.search_controller.page.current_result().kind == "interaction"
    qtbot.keyClick(box, Qt.Key.Key_Enter)
    profile = window.profile
    assert profile.tabs.currentWidget() is profile.history
    assert profile.history.current().title == "Catch-up call"
    assert "tournament in Augusta" in profile.history.viewer.toPlainText()


def test_a_task_result_opens_the_tasks_tab(window: Any, qtbot: Any, bob: int) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_controller.box, "revised propo")
    _wait_results(window, qtbot)
    qtbot.keyClick(window.search_controller.box, Qt.Key.Key_Return)
    assert window.profile.tabs.currentWidget() is window.profile.tasks
    assert window.profile.tasks.current().title == "Send the revised proposal"


def test_operators_typed_into_the_box_are_text(window: Any, qtbot: Any, bob: int) -> None:
    window.search_controller.focus()
    qtbot.keyClicks(window.search_controller.box, 'vegetarian" OR NEAR(')
    qtbot.waitUntil(
        lambda: "Nothing matches" in window.search_controller.page.status.text(), timeout=5000
    )
    window.search_controller.box.clear()
    qtbot.keyClicks(window.search_controller.box, '"vegetar')
    _wait_results(window, qtbot)
    assert window.search_controller.page.model.results()[0].title == "Vegetarian"


def test_escape_goes_back_and_the_filter_has_its_own_key(window: Any, qtbot: Any, bob: int) -> None:
    before = window.pages.currentWidget()
    window.search_controller.focus()
    qtbot.keyClicks(window.search_controller.box, "acme")
    _wait_results(window, qtbot)
    qtbot.keyClick(window.search_controller.box, Qt.Key.Key_Escape)
    assert window.search_controller.box.text() == ""
    assert window.pages.currentWidget() is before
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.client_list.filter.hasFocus()
    assert window.filter_action.shortcut().toString() == "Ctrl+Shift+L"
    keys = {k.toString() for k in window.search_action.shortcuts()}
    assert keys == {"Ctrl+K", "Ctrl+F"}


def test_nothing_found_says_so(window: Any, qtbot: Any) -> None:
    window.search_controller.focus()
    qtbot.keyClicks(window.search_controller.box, "zebracorn")
    qtbot.waitUntil(
        lambda: "Nothing matches" in window.search_controller.page.status.text(), timeout=5000
    )
    assert _results(window) == 0


def test_stale_results_are_dropped(window: Any, qtbot: Any, bob: int) -> None:
    controller = window.search_controller
    controller.focus()
    qtbot.keyClicks(controller.box, "acme")
    _wait_results(window, qtbot)
    shown = controller.page.model.results()
    # An answer to an older query arrives late: it must not replace what is shown.
    controller._finished(controller.generation - 1, search.search("vegetarian"))
    assert controller.page.model.results() == shown


def test_runner_answers_only_the_latest_request(window: Any, qtbot: Any, bob: int) -> None:
    runner = window.search_controller.runner
    answers: list[int] = []
    runner.finished.connect(lambda generation, _results: answers.append(generation))
    for generation, query in enumerate(["a", "ac", "acm", "acme"], start=1000):
        runner.request(generation, query)
    qtbot.waitUntil(lambda: 1003 in answers, timeout=5000)
    assert answers[-1] == 1003
    assert all(g in (1000, 1001, 1002, 1003) for g in answers)


def test_search_model_passes_the_model_tester(
    window: Any, qtbot: Any, qtmodeltester: Any, bob: int
) -> None:
    model = SearchResultsModel()
    model.set_results(search.search("bob"))
    assert model.rowCount() >= 1
    qtmodeltester.check(model)
    model.set_results(search.search("jake tourn"))
    qtmodeltester.check(model)
    model.set_results([])
    qtmodeltester.check(model)


def test_a_task_without_a_client_says_so(window: Any, qtbot: Any) -> None:
    tasks.add_task("Renew my own passport")
    window.search_controller.focus()
    qtbot.keyClicks(window.search_controller.box, "passport")
    _wait_results(window, qtbot)
    qtbot.keyClick(window.search_controller.box, Qt.Key.Key_Return)
    assert "no client" in window.statusBar().currentMessage()
