"""The window of a team book starts while the team server is away (a real server stopped
and started): it opens, says so, keeps captures, and fills in by itself once it is back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.pgserver import PgServer, TeamBook
from tests.ui.capture_helpers import save_with_keys, type_note
from tests.ui.conftest import shown_window

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


def test_search_while_the_team_server_is_away_says_so_in_place_and_searches_once_it_is_back(
    away_at_start: TeamBook, pg_outage: PgServer, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from rapport.ui import server_wait

    monkeypatch.setattr(server_wait, "FIRST_TRY_MS", 600_000)  # only the button tries
    window = _window(qtbot)
    qtbot.waitUntil(lambda: window.server_wait is not None)
    server = window.server_wait.server
    search = window.search_controller
    qtbot.keyClicks(search.box, "dana")
    page = search.page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page)
    # Said on the results page, where the results would be; no box, no failure.
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.server_away)
    assert QApplication.activeModalWidget() is None
    assert f"The team book's server ({server}) cannot be reached" in page.server_away.text()
    assert "searches for “dana” as soon as it is back" in page.server_away.text()
    assert "failed" not in page.status.text().lower()
    assert page.model.result_count() == 0
    # Typing on changes what it will search for; Esc goes back as ever.
    qtbot.keyClicks(search.box, " rey")
    qtbot.waitUntil(lambda: "“dana rey”" in page.server_away.text())

    pg_outage.start()
    qtbot.mouseClick(window.today_view.header.retry_button, Qt.MouseButton.LeftButton)
    # Back: the words typed meanwhile are searched by themselves.
    qtbot.waitUntil(lambda: page.model.result_count() >= 1, timeout=10000)
    assert page.stack.currentWidget() is page.tree
    assert page.current_result() is not None
    assert page.current_result().client == "Dana Reyes"
    window.worker.wait(5000)


def test_new_client_and_the_book_actions_are_off_while_the_team_server_is_away_and_say_why(
    away_at_start: TeamBook, pg_outage: PgServer, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from rapport.ui import server_wait

    monkeypatch.setattr(server_wait, "FIRST_TRY_MS", 600_000)  # only the button tries
    window = _window(qtbot)
    qtbot.waitUntil(lambda: window.server_wait is not None)
    server = window.server_wait.server
    action = window.new_client_action
    button = window.toolbar.widgetForAction(action)
    assert not action.isEnabled() and not button.isEnabled()
    why = f"The team book's server ({server}) cannot be reached"
    assert action.toolTip().startswith(why) and action.statusTip().startswith(why)
    # The real button, the shortcut and the menu entry do nothing (no box, no dialog).
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    action.trigger()
    assert QApplication.activeModalWidget() is None
    # Asked for from elsewhere (Today's or the client list's button): said in the status line.
    window.new_client()
    assert QApplication.activeModalWidget() is None
    assert window.statusBar().currentMessage().startswith(why)
    # The other entries that need the book are off too, and say why.
    needs_book = [
        window.sample_action,
        window.data_actions.import_action,
        window.data_actions.export_action,
        window.data_actions.backup_action,
        window.data_actions.restore_action,
        window.data_actions.check_action,
        window.season_cards_action,
        window.today_view.away_action,
        window.today_view.refresh_action,
    ]
    assert [a.text() for a in needs_book if a.isEnabled()] == []
    assert all(a.statusTip().startswith(why) for a in needs_book)
    # Quick capture still works (the outbox keeps it).
    assert window.quick_capture_action.isEnabled()

    pg_outage.start()
    qtbot.mouseClick(window.today_view.header.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.waiting_for_server(), timeout=10000)
    assert action.isEnabled() and button.isEnabled()
    assert action.statusTip() == "Add a client by hand"
    assert [a.text() for a in needs_book if not a.isEnabled()] == []
    assert window.data_actions.import_action.statusTip().startswith("Import contacts")
    qtbot.waitUntil(lambda: window.today_view.data is not None)
    window.worker.wait(5000)


def test_a_first_search_while_the_team_server_is_away_says_so_and_searching_works_once_back(
    team_book: TeamBook, pg_outage: PgServer, qtbot: Any
) -> None:
    """The window opened with the server there, then it went away before the first search:
    that search says so in place, and the search thread lives on to search what is typed
    by then once it is back, by itself."""
    from PySide6.QtWidgets import QApplication

    from rapport.services import clients

    clients.create_client("Dana Reyes")
    shown = shown_window(qtbot)
    window = next(shown)
    assert window.client_list is not None  # the Clients page read while the server is there
    status = window.outbox_status()
    qtbot.waitUntil(lambda: window.book_watch is not None and window.book_watch.timer.isActive())
    pg_outage.stop()
    server = f"{pg_outage.socket_dir}:{pg_outage.port}"
    qtbot.waitUntil(lambda: status.text().startswith(f"Team server away ({server})"), timeout=5000)

    search = window.search_controller
    qtbot.keyClicks(search.box, "dana")
    page = search.page
    # Said where the results would be, as while the window waits at the start.
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.server_away, timeout=5000)
    assert f"The team book's server ({server}) cannot be reached" in page.server_away.text()
    assert "searches for “dana” as soon as it is back" in page.server_away.text()
    assert QApplication.activeModalWidget() is None
    qtbot.keyClicks(search.box, " rey")
    qtbot.waitUntil(lambda: "“dana rey”" in page.server_away.text())

    pg_outage.start()
    # Back (the window's look finds it): what was typed is searched by itself.
    qtbot.waitUntil(lambda: page.model.result_count() >= 1, timeout=15000)
    assert status.text() == ""
    assert page.current_result() is not None
    assert page.current_result().client == "Dana Reyes"
    next(shown, None)
