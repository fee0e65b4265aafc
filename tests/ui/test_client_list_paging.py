"""The client list of a big book: a page at a time, more as it scrolls, sorted in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from rapport.sample import demo
from rapport.services import client_list, clients
from rapport.ui.client_list import COL_NAME, COL_OPEN, ClientList
from rapport.ui.client_list_model import PAGE
from rapport.ui.table_model import IdRole


@pytest.fixture
def big_list(qtbot: Any, book: Path) -> Iterator[ClientList]:
    demo.load_demo(clients=PAGE * 2 + 50, notes=PAGE * 2, seed=3)
    widget = ClientList()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    widget.refresh()
    qtbot.waitExposed(widget)
    yield widget


def _ids(widget: ClientList) -> list[int]:
    model = widget.model
    return [model.index(row, 0).data(IdRole) for row in range(model.rowCount())]


def test_first_page_only_then_more_as_it_scrolls(big_list: ClientList, qtbot: Any) -> None:
    model = big_list.model
    total = clients.count_clients()
    assert model.total == total > PAGE * 2
    assert model.rowCount() == PAGE and model.canFetchMore()
    big_list.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE)
    while model.canFetchMore():
        model.fetchMore()
    whole = [row.id for row in client_list.page(client_list.ClientQuery(), 0, total)]
    assert _ids(big_list) == whole
    assert [row.id for row in clients.list_clients()] == whole


def test_going_to_a_client_far_down_loads_up_to_it(big_list: ClientList) -> None:
    last = client_list.page(client_list.ClientQuery(), big_list.model.total - 1, 1)[0]
    assert big_list.select_client(last.id)
    assert big_list.current_client_id() == last.id
    assert big_list.model.rowCount() == big_list.model.total


def test_header_click_sorts_in_sql_and_filter_reads_again(
    big_list: ClientList, qtbot: Any, qtmodeltester: Any
) -> None:
    big_list.table.sortByColumn(COL_OPEN, Qt.SortOrder.DescendingOrder)
    counts = [row.open_tasks for row in big_list.model.records()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    big_list.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    name = big_list.model.record(PAGE - 1).name
    qtbot.keyClicks(big_list.filter, name.split()[-1].lower())
    assert name in [row.name for row in big_list.model.records()]
    assert big_list.model.total == len(big_list.model.records()) < PAGE
    qtmodeltester.check(big_list.model)
