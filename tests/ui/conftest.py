"""Window fixtures: a real MainWindow over a fresh book, and a way to drive modal forms."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


@pytest.fixture
def sample_book(data_dir: Path) -> Iterator[Path]:
    from rapport.services import clients, facts, interactions, people, tasks
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    bob = clients.create_client("Bob Smith", company="Acme Supply")
    people.add_person(bob.id, "Jake", "son", age=12)
    facts.add_fact(bob.id, "Vegetarian", "dietary", ["vegetarian"])
    interactions.add_interaction(bob.id, "meeting", "2026-11-10 12:30", "Lunch at Rosa's")
    tasks.add_task("Send the revised proposal", bob.id, "2026-11-20", "promise")
    clients.create_client("Maria Gonzalez", company="Peachtree Partners")
    clients.create_client("Anna Schmidt", company="Schmidt GmbH")
    try:
        yield data_dir
    finally:
        close_book()


def shown_window(qtbot: Any, active: bool = False) -> Iterator[Any]:
    """A real MainWindow over the open book, shown (and activated when ``active``), once
    Today has been read after the first paint; the worker is drained afterwards."""
    from rapport.services.book import current_book
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    book = current_book()
    assert book is not None
    worker = Worker()
    win = MainWindow(book, worker)
    qtbot.addWidget(win)
    win.show()
    if active:
        win.activateWindow()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.today_view.data is not None)  # read after the first paint
    yield win
    worker.wait(5000)


@pytest.fixture
def window(qtbot: Any, sample_book: Path) -> Iterator[Any]:
    yield from shown_window(qtbot)


@pytest.fixture
def answer_modal(qtbot: Any) -> Callable[[Callable[[QWidget], None]], None]:
    """Queue a function that fills in the next modal dialog once it is open. If it fails,
    the dialog is closed, so that the test fails instead of hanging in the dialog's loop."""

    def queue(fill: Callable[[QWidget], None]) -> None:
        def act() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(10, act)
                return
            try:
                fill(dialog)
            except BaseException:
                dialog.close()
                raise

        QTimer.singleShot(0, act)

    return queue
