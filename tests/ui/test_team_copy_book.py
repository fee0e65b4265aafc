"""File › Copy a personal book into the team book… (``rapport team import-book`` in the
window), against a real PostgreSQL: the folder typed, an encrypted book's passphrase
asked, the result in one line, and Cancel rolling the one transaction back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.encrypted import PASSPHRASE, encryption_setup  # noqa: F401 (autouse)
from tests.pgserver import ADMIN, OWNER, URL_VARIABLE, TeamBook
from tests.ui.conftest import shown_window

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

Answer = Callable[[Callable[[QWidget], None]], None]


def _personal_book(
    team: TeamBook, data_dir: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, *, encrypt: bool
) -> Path:
    """A personal book in ``folder`` (two clients, a conversation and a task each), made
    while the team book is put aside, then the team book open again as before."""
    from rapport.services import clients, encryption, interactions, tasks
    from rapport.services.book import close_book, open_book
    from rapport.store import unlocked

    close_book()
    monkeypatch.delenv(URL_VARIABLE)
    open_book(folder)
    for name in ("Nora Quint", "Otto Brenner"):
        client = clients.create_client(name)
        interactions.add_interaction(
            client.id, "meeting", "2026-11-10 12:30", raw_text=f"Met {name}."
        )
        tasks.add_task(f"Send {name} the brochure", client.id, "2026-11-20")
    if encrypt:
        encryption.encrypt(folder, PASSPHRASE)
    close_book()
    unlocked.forget()
    monkeypatch.setenv(URL_VARIABLE, team.url("alice"))
    open_book(data_dir)
    return folder


def _team_clients(team: TeamBook) -> list[tuple[str, str]]:
    with team.server.connect("bob", team.database) as conn:
        rows = conn.execute("SELECT name, author FROM client ORDER BY name").fetchall()
    return [(str(name), str(author)) for name, author in rows]


def _open_dialog(window: Any) -> None:
    """File › Copy a personal book into the team book… (the real menu entry)."""
    titles = [action.text() for action in window.file_menu.actions()]
    assert "Copy a personal book into the &team book…" in titles, titles
    window.team_copy_action.trigger()


def test_a_personal_book_is_copied_in_from_the_file_menu(
    team_book: TeamBook,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
    answer_modal: Answer,
) -> None:
    folder = _personal_book(team_book, data_dir, tmp_path / "mine", monkeypatch, encrypt=False)
    shown = shown_window(qtbot)
    window = next(shown)
    said: list[str] = []

    def copy(dialog: QWidget) -> None:
        assert not dialog.copy_button.isEnabled()  # no folder yet
        qtbot.keyClicks(dialog.folder, str(folder))
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.job is None, timeout=20000)
        said.append(dialog.said.text())
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    answer_modal(copy)
    _open_dialog(window)
    assert said == ["Copied into the team book: 2 new clients, 0 known (0 updated), 0 left out."]
    # By alice, seen by bob (shared), and the window shows them.
    assert _team_clients(team_book) == [("Nora Quint", "alice"), ("Otto Brenner", "alice")]
    listed = window.client_list
    qtbot.waitUntil(lambda: listed.model.rowCount() == 2)
    next(shown, None)


def test_an_encrypted_personal_book_asks_its_passphrase_then_is_copied(
    team_book: TeamBook,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
    answer_modal: Answer,
) -> None:
    from rapport.ui import privacy

    folder = _personal_book(team_book, data_dir, tmp_path / "mine", monkeypatch, encrypt=True)
    shown = shown_window(qtbot)
    window = next(shown)
    said: list[str] = []
    asked: list[bool] = []

    def unlock(dialog: QWidget) -> None:
        assert isinstance(dialog, privacy.UnlockDialog)
        asked.append(True)
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)

    def copy(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.folder, str(folder))
        answer_modal(unlock)
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.job is None, timeout=20000)
        said.append(dialog.said.text())
        dialog.reject()

    answer_modal(copy)
    _open_dialog(window)
    assert asked == [True]
    assert said == ["Copied into the team book: 2 new clients, 0 known (0 updated), 0 left out."]
    assert [name for name, _ in _team_clients(team_book)] == ["Nora Quint", "Otto Brenner"]
    next(shown, None)


def test_cancel_rolls_the_whole_copy_back(
    team_book: TeamBook,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
    answer_modal: Answer,
) -> None:
    """The copy is held at its first task (the owner holds a lock that lets reads by,
    not writes), after it wrote the clients in its transaction; Cancel, then the lock
    goes: nothing stays."""
    folder = _personal_book(team_book, data_dir, tmp_path / "mine", monkeypatch, encrypt=False)
    shown = shown_window(qtbot)
    window = next(shown)
    said: list[str] = []
    lock = team_book.server.connect(OWNER, team_book.database)
    admin = team_book.server.connect(ADMIN, team_book.database)  # sees every session

    def held() -> bool:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = 'alice' "
            "AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO \"task\"%'"
        ).fetchone()
        return bool(row and row[0])

    def copy(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.folder, str(folder))
        lock.execute("BEGIN")
        lock.execute("LOCK TABLE task IN SHARE MODE")
        try:
            qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(held, timeout=20000)
            assert dialog.close_button.text() == "Cancel"
            qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
            said.append(dialog.said.text())
        finally:
            lock.execute("ROLLBACK")
        qtbot.waitUntil(lambda: dialog.job is None, timeout=20000)
        said.append(dialog.said.text())
        dialog.reject()

    answer_modal(copy)
    try:
        _open_dialog(window)
    finally:
        lock.close()
        admin.close()
    assert said == [
        "Cancelling: nothing copied stays…",
        "Cancelled: nothing was copied (the team book is as it was).",
    ]
    assert _team_clients(team_book) == []
    next(shown, None)


def test_the_entry_is_only_on_a_team_book(window: Any) -> None:
    titles = [action.text() for action in window.file_menu.actions()]
    assert not any("team book" in title for title in titles), titles
    assert getattr(window, "team_copy_action", None) is None
