"""The window's tables show their text: the order they open in, their column widths,
tooltips for cut cells, one way of saying dates, kinds in words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QTableView, QToolTip

from rapport.services import clients, facts, gifts, interactions, introductions, people, tasks
from rapport.ui import table_fit
from tests.ui.conftest import shown_window

LONG_TITLE = (
    "Quarterly planning session with the whole procurement committee about the fleet "
    "tracking rollout, the pricing tiers and the data-retention questions"
)
LONG_FACT = "Coaches his daughter's under-twelve soccer team every Saturday morning in spring"

# A tooltip shown on the offscreen platform says it cannot raise itself.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture
def bob(qtbot: Any, sample_book: Path) -> Iterator[Any]:
    """Bob's profile with people, facts from conversations, tasks and gifts; shown wide."""
    bob = clients.resolve("Bob Smith").id
    people.add_person(bob, "Zoe", "daughter")
    people.add_person(bob, "Anna", "wife")
    early = interactions.add_interaction(
        bob,
        "call",
        "2026-11-02 09:00",
        "Early call about the renewal of the service contract",
        key_points=[LONG_FACT, LONG_TITLE, "Wants the pricing in writing by Friday"],
    )
    late = interactions.add_interaction(bob, "meeting", "2026-11-17 15:00", LONG_TITLE)
    facts.add_fact(bob, "Plays golf", "interest", source_id=early.id)
    facts.add_fact(bob, LONG_FACT, "interest", source_id=late.id)
    tasks.add_task("Undated follow-up", bob)
    tasks.add_task("Send the case study", bob, "2026-11-25")
    tasks.add_task("Renewal call", bob, "2027-01-06")
    done = tasks.add_task("Already sent", bob, "2026-11-19")
    tasks.complete_task(done.id)
    gifts.add_gift(bob, "Wine", given_on="2026-06-01")
    gifts.add_gift(bob, "Book", given_on="2026-10-01")
    for window in shown_window(qtbot):
        window.resize(1280, 860)
        window.open_client(bob)
        yield window


def _column(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _show(window: Any, tab: Any, qtbot: Any) -> QTableView:
    window.profile.tabs.setCurrentWidget(tab)
    table = tab.table if hasattr(tab, "table") else tab.log.table
    qtbot.waitUntil(lambda: table.isVisible())
    return table


def _hover_tip(qtbot: Any, table: QTableView, row: int, column: int) -> str:
    """What the real view shows when the mouse rests on a cell (its tooltip event)."""
    if QToolTip.isVisible():
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())
    rect = table.visualRect(table.model().index(row, column))
    pos = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, table.viewport().mapToGlobal(pos))
    QApplication.sendEvent(table.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_profile_lists_open_in_a_chosen_order(bob: Any, qtbot: Any) -> None:
    profile = bob.profile
    people_table = _show(bob, profile.people, qtbot)
    header = people_table.horizontalHeader()
    assert header.isSortIndicatorShown()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.AscendingOrder,
    )
    assert _column(people_table, 1) == ["daughter", "son", "wife"]

    facts_table = _show(bob, profile.facts, qtbot)
    header = facts_table.horizontalHeader()
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert header.model().headerData(header.sortIndicatorSection(), Qt.Orientation.Horizontal) == (
        "From"
    )
    shown = _column(facts_table, 0)
    # Added by hand today, then the newest conversation's fact, then the older one.
    assert shown == ["Vegetarian", LONG_FACT, "Plays golf"]

    tasks_table = _show(bob, profile.tasks, qtbot)
    header = tasks_table.horizontalHeader()
    assert header.model().headerData(header.sortIndicatorSection(), Qt.Orientation.Horizontal) == (
        "Due"
    )
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert _column(tasks_table, 0) == [
        "Send the revised proposal",
        "Send the case study",
        "Renewal call",
        "Undated follow-up",
        "Already sent",
    ]

    gift_table = _show(bob, profile.gifts, qtbot)
    assert _column(gift_table, 0)[:2] == ["Book", "Wine"]  # the latest gift first


def test_dates_read_one_way_and_kinds_in_words(bob: Any, qtbot: Any) -> None:
    profile = bob.profile
    tasks_table = _show(bob, profile.tasks, qtbot)
    assert _column(tasks_table, 1)[:3] == ["Fri Nov 20", "Wed Nov 25", "Wed Jan 6, 2027"]
    facts_table = _show(bob, profile.facts, qtbot)
    assert (
        _column(facts_table, 4)[2]
        == "Early call about the renewal of the service contract, Mon Nov 2"
    )
    assert _column(facts_table, 5)[0] == "today"
    history = _show(bob, profile.history, qtbot)
    assert "Tue Nov 10 12:30" in _column(history, 0)
    gift_table = _show(bob, profile.gifts, qtbot)
    assert _column(gift_table, 4)[:2] == ["Thu Oct 1", "Mon Jun 1"]
    for column in (tasks_table, facts_table, history, gift_table):
        for row_text in (_column(column, c) for c in range(column.model().columnCount())):
            assert not any("2026-" in (text or "") for text in row_text)

    lead = clients.create_client("Tom Lee")
    introductions.create_introduction(lead.id, referrer_id=clients.resolve("Bob Smith").id)
    bob.profile.refresh()
    assert "thank referrer" in _column(_show(bob, profile.tasks, qtbot), 2)
    bob.today_view.refresh()
    due = bob.today_view.sections["due_today"]
    kinds = [due.model.index(r, 3).data() for r in range(due.model.rowCount())]
    assert "thank referrer" in kinds and not any("_" in k for k in kinds)


def test_the_fact_keeps_its_room_and_a_cut_cell_shows_in_full(bob: Any, qtbot: Any) -> None:
    table = _show(bob, bob.profile.facts, qtbot)
    room = table.viewport().width()
    fact_width = table.columnWidth(0)
    from_width = table.columnWidth(4)
    # The long "From" (a conversation's title) no longer takes the row from the fact.
    assert fact_width >= 0.4 * room
    assert from_width < fact_width
    assert sum(table.columnWidth(c) for c in range(6)) <= room
    row = _column(table, 0).index(LONG_FACT)
    tip = _hover_tip(qtbot, table, row, 4)
    assert tip == f"{LONG_TITLE}, yesterday"
    # A cell that shows whole has no tooltip of its own.
    assert _hover_tip(qtbot, table, row, 1) == ""


def test_history_title_is_not_cut_when_there_is_room(bob: Any, qtbot: Any) -> None:
    table = _show(bob, bob.profile.history, qtbot)
    titles = _column(table, 2)
    row = titles.index("Early call about the renewal of the service contract")
    index = table.model().index(row, 2)
    assert table_fit.tooltip_at(table, index) == ""
    title_width = table.columnWidth(2)
    assert title_width >= min(table.sizeHintForColumn(2), int(0.45 * table.viewport().width()))


def test_todays_task_sections_line_up(qtbot: Any, sample_book: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-16")
    maria = clients.create_client("Maria Gonzalez-Villanueva de la Cruz").id
    tasks.add_task("Email", maria, "2026-11-17", "promise")
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18")
    tasks.add_task("Call", clients.resolve("Bob Smith").id, "2026-11-18", "thank_referrer")
    for window in shown_window(qtbot):
        window.resize(1100, 800)
        view = window.today_view
        qtbot.waitUntil(lambda v=view: v.sections["due_today"].table.isVisible())
        overdue = view.sections["overdue"].table
        today = view.sections["due_today"].table
        for column in (1, 2, 3):  # Client, Due, Kind
            assert overdue.columnViewportPosition(column) == today.columnViewportPosition(column)
            assert overdue.columnWidth(column) == today.columnWidth(column)
        # The long client name shows whole in both.
        assert today.columnWidth(1) >= overdue.sizeHintForColumn(1)


def test_client_list_shows_company_names_whole(qtbot: Any, sample_book: Path) -> None:
    clients.create_client("Ann Lee", company="Riverside Children's Hospital Foundation")
    for window in shown_window(qtbot):
        window.resize(1280, 860)
        table = window.client_list.table
        window.show_page(window.clients_page)
        qtbot.waitUntil(table.isVisible)
        assert not table.isColumnHidden(1)
        assert table.columnWidth(1) >= table.sizeHintForColumn(1)
        row = _column(table, 1).index("Riverside Children's Hospital Foundation")
        assert _hover_tip(qtbot, table, row, 1) == ""


def test_a_cut_today_cell_shows_its_whole_text(qtbot: Any, sample_book: Path) -> None:
    long_title = "Send the signed contract " + "and the appendix " * 12
    tasks.add_task(long_title.strip(), clients.resolve("Bob Smith").id, "2026-11-18")
    for window in shown_window(qtbot):
        window.resize(700, 700)
        section = window.today_view.sections["due_today"]
        qtbot.waitUntil(lambda s=section: s.table.isVisible())
        table = section.table
        titles = [section.model.index(r, 0).data() for r in range(section.model.rowCount())]
        row = titles.index(long_title.strip())
        assert _hover_tip(qtbot, table, row, 0) == long_title.strip()
        assert table.columnWidth(0) < table.fontMetrics().horizontalAdvance(long_title)
