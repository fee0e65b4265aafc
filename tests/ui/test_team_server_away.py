"""The window of a team book starts while the team server is away (a real server stopped
and started): it opens, says so, keeps captures, and fills in by itself once it is back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.pgserver import PgServer, TeamBook
from tests.ui.capture_helpers import save_with_keys, type_note

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@pytest.fixture
def away_at_start(
    team_book: TeamBook, pg_outage: PgServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TeamBook]:
    """Dana Reyes in the team book, the book closed, then the server stopped; the window's
    tries come quickly (the backoff's shape is the same)."""
    from rapport.services import clients
    from rapport.services.book import close_book
    from rapport.ui import server_wait

    clients.create_client("Dana Reyes")
    close_book()
    pg_outage.stop()
    monkeypatch.setattr(server_wait, "FIRST_TRY_MS", 100)
    monkeypatch.setattr(server_wait, "LONGEST_MS", 400)
    yield team_book


def _window(qtbot: Any) -> Any:
    """The window as app.py starts it: the book checked, the window shown."""
    from rapport.services.book import check_book
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    book = check_book()
    window = MainWindow(book, Worker())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_opens_while_the_team_server_is_away_and_fills_in_when_it_is_back(
    away_at_start: TeamBook, pg_outage: PgServer, qtbot: Any
) -> None:
    from rapport.services import book, outbox

    window = _window(qtbot)
    server = f"{pg_outage.socket_dir}:{pg_outage.port}"
    assert window.book.away == server and book.current_book() is None
    status = window.outbox_status()
    qtbot.waitUntil(lambda: window.server_wait is not None)
    assert status.text() == f"Team server away ({server}): captures are kept on this computer"
    header = window.today_view.header
    assert header.server_away.isVisible()
    assert f"server ({server}) cannot be reached" in header.server_away_text.text()
    assert "tries again by itself" in header.server_away_text.text()
    # It keeps trying, on the worker, less and less often.
    qtbot.waitUntil(lambda: window.server_wait.tries >= 3, timeout=5000)
    assert window.server_wait.delay == 400 and window.waiting_for_server()

    # The Clients page says so too (no error box: a modal would hold the test here).
    window.show_page(window.clients_page)
    listed = window.client_list
    assert listed.stack.currentWidget() is listed.server_away
    assert f"Team server away ({server})" in listed.server_away.text()

    # A capture goes to the outbox (the client named by hand: none could be read).
    window.quick_capture_action.trigger()
    capture = window.capture.capture_window
    qtbot.waitExposed(capture)
    qtbot.waitUntil(lambda: capture.notice.isVisible())
    type_note(capture, qtbot, "Lunch with Dana Reyes, she wants the renewal quote by Friday.")
    capture.save_draft_now()  # the draft cannot go to the book: said once, shortly
    qtbot.waitUntil(lambda: "your draft stays in this window" in capture.notice_text())
    assert capture.notice_text().lower().count("cannot reach the team book") == 1
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    assert status.text() == f"Team server away ({server}): 1 capture waiting"
    assert [kept.text[:17] for kept in outbox.waiting()] == ["Lunch with Dana R"]

    pg_outage.start()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "1 capture saved to the team book.",
        timeout=15000,
    )
    assert book.current_book() is not None and not window.waiting_for_server()
    assert status.text() == "" and outbox.waiting() == []
    qtbot.waitUntil(lambda: window.today_view.data is not None)
    assert not header.server_away.isVisible()
    qtbot.waitUntil(lambda: listed.stack.currentWidget() is listed.table)
    qtbot.waitUntil(lambda: listed.model.rowCount() == 1)
    with away_at_start.server.connect("alice", away_at_start.database) as conn:
        rows = conn.execute(
            "SELECT c.name, i.raw_text FROM interaction i JOIN client c ON c.id = i.client_id"
        ).fetchall()
    assert rows == [("Dana Reyes", "Lunch with Dana Reyes, she wants the renewal quote by Friday.")]
    window.worker.wait(5000)


def test_try_again_now_opens_the_book_at_once_when_the_server_is_back(
    away_at_start: TeamBook, pg_outage: PgServer, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services import book, capture
    from rapport.services.errors import ServerAwayError
    from rapport.ui import server_wait

    monkeypatch.setattr(server_wait, "FIRST_TRY_MS", 600_000)  # only the button tries
    window = _window(qtbot)
    qtbot.waitUntil(lambda: window.server_wait is not None)
    button = window.today_view.header.retry_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.server_wait.tries == 1 and not window.server_wait._trying)
    assert window.waiting_for_server()  # still away: tried and said
    pg_outage.start()
    # Back, but the book is not opened (and checked) yet: nothing on the window's thread
    # reads it meanwhile, nor waits for the server; only the worker's try opens it.
    with pytest.raises(ServerAwayError, match="cannot reach the team book at"):
        capture.client_index()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.today_view.data is not None)
    assert book.current_book() is not None and window.outbox_status().text() == ""
    assert window.today_view.header.server_away.isHidden()
    window.worker.wait(5000)
