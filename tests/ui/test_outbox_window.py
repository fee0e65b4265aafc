"""The window while the team book's server is away: it says so, keeps the notes typed,
and saves them in order when the server is back (a real server stopped and started)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.pgserver import PgServer, TeamBook
from tests.ui.capture_helpers import open_capture, save_with_keys, type_note
from tests.ui.conftest import shown_window

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _saved_notes(team: TeamBook) -> list[tuple[str, bool, bool]]:
    """(text, private, carries a capture key) of alice's conversations, in saved order."""
    with team.server.connect("alice", team.database) as conn:
        rows = conn.execute(
            "SELECT raw_text, private, capture_key IS NOT NULL FROM interaction ORDER BY id"
        ).fetchall()
    return [(str(text), bool(private), bool(keyed)) for text, private, keyed in rows]


def test_notes_saved_while_the_team_server_is_away_are_kept_then_saved_in_order(
    team_book: TeamBook, pg_outage: PgServer, qtbot: Any
) -> None:
    from rapport.services import clients, outbox

    clients.create_client("Dana Reyes")
    clients.create_client("Bo Chan")
    shown = shown_window(qtbot)
    window = next(shown)
    assert window.client_list is not None  # the Clients page read while the server is there
    capture = open_capture(window, qtbot)  # and the clients capture matches against
    capture.close()
    status = window.outbox_status()
    qtbot.waitUntil(lambda: window.book_watch is not None and window.book_watch.timer.isActive())

    pg_outage.stop()
    # The window notices by itself (its look at the book), before anything is saved.
    server = f"{pg_outage.socket_dir}:{pg_outage.port}"
    qtbot.waitUntil(lambda: status.text().startswith(f"Team server away ({server})"), timeout=5000)

    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch with Dana Reyes. Send her the brochure by Friday.")
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    assert status.text() == f"Team server away ({server}): 1 capture waiting"

    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Coffee with Bo Chan, he is thinking of selling the farm.")
    capture.only_me.click()
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    assert status.text() == f"Team server away ({server}): 2 captures waiting"
    kept = outbox.waiting()
    assert [(k.text[:6], k.private) for k in kept] == [("Lunch ", False), ("Coffee", True)]
    assert kept[0].understanding is not None and kept[0].understanding["client"]["name"] == (
        "Dana Reyes"
    )

    pg_outage.start()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "2 captures saved to the team book.",
        timeout=15000,
    )
    assert status.text() == "" and outbox.waiting() == []
    assert _saved_notes(team_book) == [
        ("Lunch with Dana Reyes. Send her the brochure by Friday.", False, True),
        ("Coffee with Bo Chan, he is thinking of selling the farm.", True, True),
    ]
    # What the window understood went with the note: the promise is a task.
    with team_book.server.connect("alice", team_book.database) as conn:
        titles = [title for (title,) in conn.execute("SELECT title FROM task")]
    assert any("brochure" in title.lower() for title in titles), titles
    next(shown, None)


def test_a_note_whose_save_was_cut_off_at_the_commit_is_saved_once(
    team_book: TeamBook, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server committed, then the connection died before it said so: the window keeps
    the note (the user was not told it is saved) with the key its save carried, and
    sending it finds it saved: one conversation, not two."""
    from rapport.services import clients
    from rapport.store import postgres

    clients.create_client("Dana Reyes")
    shown = shown_window(qtbot)
    window = next(shown)
    assert window.client_list is not None
    committed = postgres.TeamDatabase.commit

    def commit_then_lost(self: Any) -> None:
        committed(self)
        raise postgres.cannot_reach(self.database, None)

    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch with Dana Reyes about the renewal.")
    monkeypatch.setattr(postgres.TeamDatabase, "commit", commit_then_lost)
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    monkeypatch.setattr(postgres.TeamDatabase, "commit", committed)
    status = window.outbox_status()
    assert status.text().endswith(": 1 capture waiting")
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "1 capture saved to the team book.",
        timeout=15000,
    )
    assert [text for text, _, _ in _saved_notes(team_book)] == [
        "Lunch with Dana Reyes about the renewal."
    ]
    next(shown, None)


def test_a_capture_left_waiting_that_the_server_refuses_is_named_in_the_status_bar(
    team_book: TeamBook, qtbot: Any
) -> None:
    """Captures left in the outbox by an earlier run are sent when the window opens; one
    the server cannot take (its --client names nobody) is set aside, named, for review."""
    from rapport.services import outbox

    outbox.keep("Lunch with him about the renewal.", None, None, client="Zed")
    shown = shown_window(qtbot)
    window = next(shown)
    status = window.outbox_status()
    qtbot.waitUntil(lambda: status.text() == "1 capture could not be sent —")
    assert status.review_button.isVisible()
    assert status.label.toolTip().startswith("the capture typed ")
    assert status.label.toolTip().endswith(
        "(\"Lunch with him about the renewal.\") was not saved: no client matches 'Zed'"
    )
    assert [item.refused for item in outbox.waiting()] == ["no client matches 'Zed'"]
    next(shown, None)
