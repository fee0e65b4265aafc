"""The capture window's "Only me" on a team book: typed, ticked, saved, hidden from bob."""

from __future__ import annotations

from typing import Any

import pytest

from tests.pgserver import TeamBook
from tests.ui.capture_helpers import save_with_keys, type_note

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def test_only_me_keeps_the_note_from_the_rest_of_the_team(team_book: TeamBook, qtbot: Any) -> None:
    from rapport.services import clients
    from rapport.ui.capture_window import CaptureWindow

    clients.create_client("Dana Reyes")
    capture = CaptureWindow()
    qtbot.addWidget(capture)
    capture.open_capture()
    qtbot.waitExposed(capture)
    assert capture.only_me.isVisible() and not capture.only_me.isChecked()
    type_note(capture, qtbot, "Coffee with Dana Reyes, she is interviewing at a rival firm.")
    capture.only_me.click()
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    assert not capture.only_me.isChecked()  # the next note is shared again
    with team_book.server.connect("alice", team_book.database) as conn:
        assert conn.execute("SELECT private FROM interaction").fetchall() == [(True,)]
    with team_book.server.connect("bob", team_book.database) as conn:
        assert conn.execute("SELECT count(*) FROM interaction").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM client").fetchone() == (1,)  # Dana is shared


def test_a_book_in_a_file_has_no_only_me(book: Any, qtbot: Any) -> None:
    from rapport.ui.capture_window import CaptureWindow

    capture = CaptureWindow()
    qtbot.addWidget(capture)
    capture.open_capture()
    qtbot.waitExposed(capture)
    assert capture.only_me.isHidden()
    capture.reject()
