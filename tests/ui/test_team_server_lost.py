"""The team book's server goes away while the window is open (a restart, the network
down, the laptop asleep), a real server stopped and started mid-session: the status bar
says so the moment a read or write finds it away, the entries that need the book grey
with the tip they have at the start, a capture goes to the outbox, an edit stays in its
form with what was typed, and everything comes back by itself when the server does."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.pgserver import PgServer, TeamBook
from tests.ui.capture_helpers import save_with_keys, type_note
from tests.ui.conftest import shown_window

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def open_window(team_book: TeamBook, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Dana Reyes (with a task due today) in the team book, the window open on it; the
    window's own looks at the book wait for the test (the action under test is what finds
    the server away), the outbox's look for the server's return comes quickly."""
    from rapport import clock
    from rapport.services import clients, tasks
    from rapport.ui import outbox_status

    monkeypatch.setattr(outbox_status, "LOOK_MS", 200)
    dana = clients.create_client("Dana Reyes", company="Harbor Lane")
    tasks.add_task("Send Dana the renewal quote", dana.id, clock.today(), "promise")
    shown = shown_window(qtbot)
    window = next(shown)
    qtbot.waitUntil(lambda: window.book_watch is not None)
    window.book_watch.timer.stop()
    window.dana = dana.id
    yield window
    next(shown, None)


def _server(pg: PgServer) -> str:
    return f"{pg.socket_dir}:{pg.port}"


def _why(pg: PgServer) -> str:
    return f"The team book's server ({_server(pg)}) cannot be reached"


def test_new_client_after_the_team_server_went_away_says_so_and_comes_back_by_itself(
    open_window: Any, pg_outage: PgServer, qtbot: Any, answer_modal: Any
) -> None:
    window = open_window
    action = window.new_client_action
    button = window.toolbar.widgetForAction(action)
    assert action.isEnabled()
    pg_outage.stop()

    # The click is what finds the server away: said in the status bar, no box.
    qtbot.mouseClick(button, LEFT)
    assert QApplication.activeModalWidget() is None
    said = window.statusBar().currentMessage()
    assert said == "Could not add a client: the team server is away."
    status = window.outbox_status()
    assert status.text() == (
        f"Team server away ({_server(pg_outage)}): captures are kept on this computer"
    )
    # The entries that need the book are off with the tip they have at the start.
    needs_book = window.book_actions()
    assert window.team_copy_action in needs_book  # File › Copy a personal book…
    assert [a.text() for a in needs_book if a.isEnabled()] == []
    assert all(a.statusTip().startswith(_why(pg_outage)) for a in needs_book)
    assert not button.isEnabled() and window.quick_capture_action.isEnabled()
    # Today's and the list's own New client button: said, no box.
    window.new_client()
    assert QApplication.activeModalWidget() is None
    assert window.statusBar().currentMessage().startswith(_why(pg_outage))

    pg_outage.start()  # back: nothing to do for the user
    qtbot.waitUntil(lambda: action.isEnabled(), timeout=15000)
    assert status.text() == ""
    assert action.statusTip() == "Add a client by hand"
    assert [a.text() for a in needs_book if not a.isEnabled()] == []
    assert window.statusBar().currentMessage() == "The team book's server is back."

    def add(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.name, "Sam Ortega")
        qtbot.mouseClick(dialog.save_button, LEFT)

    answer_modal(add)
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Added Sam Ortega.")
    assert window.client_list.model.rowCount() == 2


def test_a_client_edit_typed_while_the_team_server_is_lost_stays_in_its_form_and_saves_once_back(
    open_window: Any, pg_outage: PgServer, qtbot: Any, answer_modal: Any
) -> None:
    window = open_window
    window.open_client(window.dana)
    profile = window.profile
    qtbot.waitUntil(lambda: profile.current is not None)
    seen: dict[str, str] = {}

    def edit(dialog: QWidget) -> None:
        dialog.company.selectAll()
        qtbot.keyClicks(dialog.company, "Harbor Freight Partners")
        pg_outage.stop()
        qtbot.mouseClick(dialog.save_button, LEFT)
        # Refused in place: the form stays open with what was typed, and says why.
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=15000)
        seen["error"] = dialog.error_label.text()
        seen["status"] = window.outbox_status().text()
        seen["new client"] = str(window.new_client_action.isEnabled())
        assert dialog.isVisible() and dialog.company.text() == "Harbor Freight Partners"
        pg_outage.start()
        # The window's look finds it back; the form says so, in place.
        qtbot.waitUntil(lambda: dialog.saving_label.isVisible(), timeout=15000)
        seen["back"] = dialog.saving_label.text()
        qtbot.mouseClick(dialog.save_button, LEFT)

    answer_modal(edit)
    qtbot.mouseClick(profile.edit_client_button, LEFT)
    assert seen["error"] == (
        f"{_why(pg_outage)}: what you typed stays here. Save again once it is back; "
        "Rapport says so here."
    )
    assert seen["status"].startswith(f"Team server away ({_server(pg_outage)})")
    assert seen["new client"] == "False"
    assert seen["back"] == "The team book's server is back: Save to keep your changes."
    qtbot.waitUntil(lambda: "Harbor Freight Partners" in profile.header.text(), timeout=10000)
    assert window.new_client_action.isEnabled()
    window.worker.wait(5000)


def test_todays_done_while_the_team_server_is_lost_is_said_and_works_once_it_is_back(
    open_window: Any, pg_outage: PgServer, qtbot: Any
) -> None:
    window = open_window
    view = window.today_view
    section = view.sections["due_today"]
    assert [t.task.title for t in section.model.records()] == ["Send Dana the renewal quote"]
    section.enter()
    section.select_row(0)
    done = view.row_buttons[view.done_action]
    pg_outage.stop()
    qtbot.mouseClick(done, LEFT)
    qtbot.waitUntil(lambda: not view.saving, timeout=15000)
    assert QApplication.activeModalWidget() is None
    said = window.statusBar().currentMessage()
    assert said.startswith("Could not complete the task: the team server is away.")
    assert section.count() == 1  # not done: still listed, to do again
    assert window.outbox_status().text().startswith(f"Team server away ({_server(pg_outage)})")

    pg_outage.start()
    qtbot.waitUntil(lambda: window.new_client_action.isEnabled(), timeout=15000)
    section.enter()
    section.select_row(0)
    qtbot.mouseClick(done, LEFT)
    qtbot.waitUntil(lambda: section.count() == 0, timeout=10000)
    window.worker.wait(5000)


def test_a_capture_while_the_team_server_is_lost_is_kept_and_saved_once_it_is_back(
    open_window: Any, pg_outage: PgServer, team_book: TeamBook, qtbot: Any
) -> None:
    from rapport.services import outbox

    window = open_window
    window.open_client(window.dana)
    profile = window.profile
    qtbot.waitUntil(lambda: profile.current is not None)
    history = profile.history.model.rowCount()
    pg_outage.stop()
    window.quick_capture_action.trigger()
    capture = window.capture.capture_window
    qtbot.waitExposed(capture)
    type_note(capture, qtbot, "Lunch with Dana Reyes, she wants the renewal quote by Friday.")
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible(), timeout=15000)
    assert QApplication.activeModalWidget() is None
    status = window.outbox_status()
    assert status.text() == f"Team server away ({_server(pg_outage)}): 1 capture waiting"
    assert [kept.text[:17] for kept in outbox.waiting()] == ["Lunch with Dana R"]
    assert not window.new_client_action.isEnabled()

    pg_outage.start()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "1 capture saved to the team book.",
        timeout=15000,
    )
    assert outbox.waiting() == []
    # The open profile reads again by itself: the conversation is in its history.
    qtbot.waitUntil(lambda: profile.history.model.rowCount() == history + 1, timeout=10000)
    qtbot.waitUntil(lambda: window.new_client_action.isEnabled())
    with team_book.server.connect("alice", team_book.database) as conn:
        rows = conn.execute("SELECT raw_text FROM interaction").fetchall()
    assert rows == [("Lunch with Dana Reyes, she wants the renewal quote by Friday.",)]
    window.worker.wait(5000)


def test_the_profiles_edit_client_while_the_team_server_is_lost_is_said_without_a_box(
    open_window: Any, pg_outage: PgServer, qtbot: Any, answer_modal: Any
) -> None:
    window = open_window
    window.open_client(window.dana)
    profile = window.profile
    qtbot.waitUntil(lambda: profile.current is not None)
    pg_outage.stop()
    qtbot.mouseClick(profile.edit_client_button, LEFT)  # the form reads first: away
    assert QApplication.activeModalWidget() is None
    said = window.statusBar().currentMessage()
    assert said.startswith("Could not open the client form: the team server is away.")
    assert not window.new_client_action.isEnabled()

    pg_outage.start()
    qtbot.waitUntil(lambda: window.new_client_action.isEnabled(), timeout=15000)
    opened: list[str] = []

    def look(dialog: QWidget) -> None:
        opened.append(dialog.windowTitle())
        dialog.reject()

    answer_modal(look)
    qtbot.mouseClick(profile.edit_client_button, LEFT)
    assert opened == ["Edit client"]
    window.worker.wait(5000)


def test_a_search_that_finds_the_team_server_lost_says_so_and_searches_once_it_is_back(
    open_window: Any, pg_outage: PgServer, qtbot: Any
) -> None:
    window = open_window
    pg_outage.stop()
    search = window.search_controller
    qtbot.keyClicks(search.box, "dana")  # the search itself finds the server away
    page = search.page
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.server_away, timeout=10000)
    assert QApplication.activeModalWidget() is None
    assert page.server_away.text().startswith(f"<h3>{_why(pg_outage)}</h3>")
    assert "searches for “dana” as soon as it is back" in page.server_away.text()
    assert window.outbox_status().text().startswith(f"Team server away ({_server(pg_outage)})")
    assert not window.new_client_action.isEnabled()

    pg_outage.start()
    qtbot.waitUntil(lambda: page.model.result_count() >= 1, timeout=15000)
    assert page.current_result() is not None
    assert page.current_result().client == "Dana Reyes"
    window.worker.wait(5000)


def test_the_profiles_mark_done_while_the_team_server_is_lost_is_said_and_works_once_back(
    open_window: Any, pg_outage: PgServer, qtbot: Any
) -> None:
    window = open_window
    window.open_client(window.dana)
    profile = window.profile
    qtbot.waitUntil(lambda: profile.current is not None)
    profile.tabs.setCurrentWidget(profile.tasks)
    task = profile.current.tasks[0]
    profile.tasks.select(task.id)
    assert profile.done_button.isEnabled()
    pg_outage.stop()
    qtbot.mouseClick(profile.done_button, LEFT)  # saved on the window's worker: away
    qtbot.waitUntil(lambda: not profile.saving, timeout=15000)
    assert QApplication.activeModalWidget() is None
    said = window.statusBar().currentMessage()
    assert said.startswith("Could not complete the task: the team server is away.")
    assert profile.tasks.current().status == "open"  # not done: to do again
    assert window.outbox_status().text().startswith(f"Team server away ({_server(pg_outage)})")

    pg_outage.start()
    qtbot.waitUntil(lambda: window.new_client_action.isEnabled(), timeout=15000)
    profile.tasks.select(task.id)
    qtbot.mouseClick(profile.done_button, LEFT)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Done: "), timeout=10000)
    window.worker.wait(5000)


def test_a_window_of_its_own_says_the_team_server_is_away_in_the_same_words(
    open_window: Any, qtbot: Any, answer_modal: Any
) -> None:
    """A window of its own over the main one (the season's cards, the note composer):
    its box says it in the window's words, and the main window says so too."""
    from PySide6.QtWidgets import QDialog

    from rapport.services.errors import ServerAwayError
    from rapport.ui import messages

    window = open_window
    own = QDialog(window)
    own.show()
    qtbot.waitExposed(own)
    seen: list[str] = []

    def read(box: QWidget) -> None:
        seen.extend([box.text(), box.informativeText()])
        box.accept()

    answer_modal(read)
    away = ServerAwayError("cannot reach the team book at db: gone", "db.example.com:5432")
    messages.show_error(own, away, "log the cards on their clients")
    assert seen == [
        "Could not log the cards on their clients.",
        "The team book's server (db.example.com:5432) cannot be reached: do it again once "
        "it is back.",
    ]
    assert window.outbox_status().text().startswith("Team server away (db.example.com:5432)")
    assert not window.new_client_action.isEnabled()
    own.close()
    window.worker.wait(5000)
