"""The window reads again on its worker after a save, and shows only the newest read
(ui/window_reads.py, MainWindow.reload_soon)."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QTableView

from rapport.services import client_list, clients, tasks
from rapport.services import today as today_service
from rapport.ui.client_list import COL_COMPANY, COL_LAST, COL_NAME, COL_OPEN


def _names(window: Any) -> list[str]:
    return [row.name for row in window.client_list.model.records()]


def _settled(window: Any, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: window.reads_under_way == 0)


def test_after_a_save_the_reads_run_on_the_worker_not_the_gui_thread(
    window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    window.client_list  # noqa: B018 (the Clients page, built)
    readers: dict[str, list[str]] = {"listing": [], "today": [], "profile": []}

    def spy(name: str, read: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            readers[name].append(threading.current_thread().name)
            return read(*args, **kwargs)

        return run

    monkeypatch.setattr(client_list, "listing", spy("listing", client_list.listing))
    monkeypatch.setattr(today_service, "today", spy("today", today_service.today))
    monkeypatch.setattr(clients, "profile", spy("profile", clients.profile))
    bob = clients.resolve("Bob Smith").id
    window.open_client(bob)
    readers["profile"].clear()  # opening a client reads it here, as before

    def save(_context: Any) -> None:
        clients.create_client("Carol Diaz", company="Coastal Freight")
        tasks.add_task("Call Bob back", bob, "2026-11-20", "todo")

    # A save on the worker, then what the capture window's saved note does.
    window.worker.submit(save, on_done=lambda _r: window.reload_soon(profile=True))
    qtbot.waitUntil(lambda: "Carol Diaz" in _names(window))
    _settled(window, qtbot)
    main = threading.main_thread().name
    assert readers["listing"] and readers["today"] and readers["profile"]
    assert main not in readers["listing"] + readers["today"] + readers["profile"]
    assert "Call Bob back" in [t.title for t in window.profile.current.tasks]
    assert window.counts_label.text().startswith("4 clients")


def test_a_read_done_in_place_meanwhile_wins_over_an_older_read_on_the_worker(
    window: Any, qtbot: Any
) -> None:
    window.client_list  # noqa: B018
    window.reload_soon(profile=True)
    # The worker reads the book as it is now; its result waits in the event queue.
    window.worker.wait(10000)
    clients.create_client("Carol Diaz", company="Coastal Freight")
    window.reload()  # read here, after: newer than what the worker read
    assert "Carol Diaz" in _names(window)
    _settled(window, qtbot)  # the older read arrives now, and is dropped
    assert "Carol Diaz" in _names(window)
    assert window.counts_label.text().startswith("4 clients")


def test_a_read_asked_after_a_save_on_the_worker_shows_it(window: Any, qtbot: Any) -> None:
    window.client_list  # noqa: B018
    window.reload_soon()
    window.worker.wait(10000)  # the first read is done (not shown yet)
    window.worker.submit(
        lambda _context: clients.create_client("Carol Diaz", company="Coastal Freight")
    )
    window.reload_soon()
    _settled(window, qtbot)
    assert "Carol Diaz" in _names(window)


def test_the_watch_does_not_read_the_windows_own_save_again(window: Any, qtbot: Any) -> None:
    window.client_list  # noqa: B018
    qtbot.waitUntil(lambda: window.book_watch is not None)
    window.worker.submit(
        lambda _context: clients.create_client("Carol Diaz", company="Coastal Freight"),
        on_done=lambda _r: window.reload_soon(profile=True),
    )
    qtbot.waitUntil(lambda: "Carol Diaz" in _names(window))
    _settled(window, qtbot)
    # The save was made on the worker's connection: without the window saying it has read
    # everything since, the watch would take it for another program's and read again.
    assert not window.book_watch.look()


def test_the_list_measures_a_column_as_qt_does_cell_by_cell(window: Any, qtbot: Any) -> None:
    for number, (name, company) in enumerate(
        [
            ("Al Wu", "X"),
            ("Maximiliana Wolfeschlegelsteinhausen", "Ltd"),
            ("Bo", "The Very Long Company Name of Northern Industries"),
            ("Iiiiiiiiiiiiiiiiiiii", "WWWWWWWW"),
        ]
    ):
        made = clients.create_client(name, company=company)
        for _ in range(number * 4):
            tasks.add_task("Something", made.id, "2026-11-20", "todo")
    window.reload()
    window.show_page(window.clients_page)
    table = window.client_list.table
    for column in (COL_NAME, COL_COMPANY, COL_LAST, COL_OPEN):
        assert table.sizeHintForColumn(column) == QTableView.sizeHintForColumn(table, column)
