"""A team book's search thread starts after the window's first paint with its connection
made ready to search (``search.warm``: the server's first calls of the search's functions,
tens of milliseconds a new connection's first searches paid); a book in a file starts no
thread for it. Searching then works as ever."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from tests.pgserver import TeamBook
from tests.ui.conftest import shown_window

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _warmed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The threads ``search.warm`` ran on (the real one, called through)."""
    from rapport.services import search

    ran: list[str] = []
    warm = search.warm

    def recording() -> None:
        ran.append(threading.current_thread().name)
        warm()

    monkeypatch.setattr(search, "warm", recording)
    return ran


def test_a_team_books_search_thread_is_ready_after_the_first_paint_and_searches(
    team_book: TeamBook, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services import clients

    clients.create_client("Dana Reyes", company="Harbor Lane")
    ran = _warmed(monkeypatch)
    shown = shown_window(qtbot)
    window = next(shown)
    search = window.search_controller
    qtbot.waitUntil(lambda: ran == ["search"], timeout=10000)  # on the search thread
    qtbot.keyClicks(search.box, "dana")
    qtbot.waitUntil(lambda: search.page.model.result_count() >= 1, timeout=10000)
    assert search.page.current_result().client == "Dana Reyes"
    assert ran == ["search"]  # once
    next(shown, None)


def test_a_book_in_a_file_starts_no_search_thread_to_warm(
    sample_book: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.ui import main_window

    ran = _warmed(monkeypatch)
    monkeypatch.setattr(main_window, "SEARCH_WARM_MS", 0)
    shown = shown_window(qtbot)
    window = next(shown)
    qtbot.wait(200)
    assert ran == [] and window.search_controller.runner._thread is None
    next(shown, None)
