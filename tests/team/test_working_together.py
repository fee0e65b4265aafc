"""Working together on a team book: another member's save reaches the open window."""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

import pytest

from tests.pgserver import TeamBook

BOS_NOTE = "Met Bo Chan of Chan Farms at the fair. I'll send him the brochure today."


def _bob_captures(team: TeamBook, note: str = BOS_NOTE) -> None:
    """bob saves a note from his own ``rapport`` (another program, another role)."""
    result = subprocess.run(
        [sys.executable, "-m", "rapport", "--database-url", team.url("bob"), "capture", note],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_change_counter_hears_other_members_not_our_own_saves(team_book: TeamBook) -> None:
    from rapport.services import book_watch, clients

    first = book_watch.data_version()
    clients.create_client("Our Own Client")
    time.sleep(0.2)  # what the server would have pushed by now
    assert book_watch.data_version() == first
    _bob_captures(team_book)
    deadline = time.monotonic() + 5
    while book_watch.data_version() == first and time.monotonic() < deadline:
        time.sleep(0.05)
    assert book_watch.data_version() > first


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_colleagues_new_client_appears_in_the_open_window_within_two_seconds(
    team_book: TeamBook, qtbot: Any
) -> None:
    from rapport.services import clients
    from tests.ui.conftest import shown_window

    clients.create_client("Ann Lee")
    shown = shown_window(qtbot)
    window = next(shown)
    qtbot.waitUntil(lambda: window.book_watch is not None and window.book_watch.timer.isActive())
    assert window.book_watch.timer.interval() <= 1000

    def listed() -> list[str]:
        return [row.name for row in window.client_list.model.records()]

    qtbot.waitUntil(lambda: "Ann Lee" in listed())
    _bob_captures(team_book)
    qtbot.waitUntil(lambda: "Bo Chan" in listed(), timeout=2000)
    next(shown, None)  # the worker drained
