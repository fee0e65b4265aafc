"""The open window shows what another program writes to its book: a real second process
(``rapport capture``) writes, the window's watch notices it and reads again in place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from rapport.services import clients

WATCH_MS = 15_000  # the watch looks every 3 s; a loaded machine may start the process slowly


def _capture(data_dir: Path, *args: str) -> None:
    """``rapport capture`` in its own process, as a desktop hotkey would run it."""
    result = subprocess.run(
        [sys.executable, "-m", "rapport", "--data-dir", str(data_dir), "capture", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _listed(window: Any) -> list[str]:
    return [row.name for row in window.client_list.model.records()]


def test_a_client_captured_by_the_command_line_appears_in_the_open_window(
    window: Any, qtbot: Any, sample_book: Path
) -> None:
    for number in range(60):  # enough to scroll
        clients.create_client(f"Filler {number:02d}", company="Padding Inc")
    window.reload()
    maria = clients.resolve("Maria Gonzalez").id
    window.open_client(maria)
    listing = window.client_list
    table = listing.table
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() > 0)
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum() // 2)
    scrolled = table.verticalScrollBar().value()
    window.profile.tabs.setCurrentIndex(1)  # People

    _capture(
        sample_book,
        "Met Zelda Quigley of Quigley Farms at the fair. I'll send her the brochure today.",
    )
    _capture(sample_book, "--client", "maria", "Call with Maria. Her son Leo plays chess.")

    qtbot.waitUntil(lambda: "Zelda Quigley" in _listed(window), timeout=WATCH_MS)
    qtbot.waitUntil(
        lambda: "Leo" in [p.name for p in window.profile.current.people], timeout=WATCH_MS
    )
    assert listing.current_client_id() == maria  # the selection stays
    assert window.profile.client_id == maria
    assert window.profile.tabs.currentIndex() == 1  # the profile keeps its tab
    assert table.verticalScrollBar().value() == scrolled  # and where the list was scrolled
    qtbot.waitUntil(
        lambda: any(
            row.task.title == "Send Zelda the brochure" for row in window.today_view.data.due_today
        ),
        timeout=WATCH_MS,
    )
    assert window.counts_label.text().startswith("64 clients")


def test_a_typed_filter_stays_and_shows_the_new_client(
    window: Any, qtbot: Any, sample_book: Path
) -> None:
    listing = window.client_list
    window.show_page(window.clients_page)
    qtbot.keyClicks(listing.filter, "quig")
    assert _listed(window) == []

    _capture(sample_book, "Met Zelda Quigley of Quigley Farms at the fair.")
    window.activateWindow()  # coming back to the window looks at once

    qtbot.waitUntil(lambda: _listed(window) == ["Zelda Quigley"], timeout=WATCH_MS)
    assert listing.filter.text() == "quig"
    assert listing.table.isVisible()
    qtbot.keyClick(listing.filter, Qt.Key.Key_Down)  # the list is usable as before
    assert listing.current_client_id() == clients.resolve("Zelda Quigley").id
