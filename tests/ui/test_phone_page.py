"""Preferences › Phone and the window's publishing, against a real Radicale (issue 21)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QWidget

from rapport.exchange.dav import DavSession
from rapport.services import clients, phone
from rapport.ui import main_window, phone_publisher
from rapport.ui.phone_page import PhoneDialog
from rapport.ui.settings_dialog import SettingsDialog
from tests.dav_server import USERS, DavServer

PASSWORD = USERS["rep"]


@pytest.fixture(autouse=True)
def _quick(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # A save publishes after a quiet moment and a fault retries later: short here.
    monkeypatch.setattr(phone_publisher, "DEBOUNCE_MS", 50)
    monkeypatch.setattr(phone_publisher, "FIRST_RETRY_MS", 60_000)
    phone._session_passwords.clear()
    yield
    phone._session_passwords.clear()


def _cards(config: phone.PhoneConfig) -> int:
    with DavSession(config.url, config.user, PASSWORD) as session:
        return len(session.list(config.addressbook))


def test_preferences_phone_connects_and_the_window_publishes(
    window: Any, qtbot: Any, answer_modal: Any, dav_server: DavServer
) -> None:
    assert window.phone is None  # not set up: nothing of it is loaded
    said: list[str] = []

    def fill_phone(page: QWidget) -> None:
        assert isinstance(page, PhoneDialog)
        assert page.status.text() == "Not set up: nothing is sent anywhere."
        qtbot.keyClicks(page.server, dav_server.url)
        qtbot.keyClicks(page.user, "rep")
        qtbot.keyClicks(page.password, "wrong password")
        qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.connect_button.isEnabled(), timeout=20000)
        said.append(page.status.text())
        page.password.clear()
        qtbot.keyClicks(page.password, PASSWORD)
        qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.status.text().startswith("Connected"), timeout=20000)
        said.append(page.status.text())
        assert page.publish_button.isEnabled() and page.off_button.isEnabled()
        page.reject()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        assert dialog.phone_state.text() == "Not set up: nothing is sent anywhere."
        answer_modal(fill_phone)
        qtbot.mouseClick(dialog.phone_button, Qt.MouseButton.LeftButton)
        said.append(dialog.phone_state.text())
        dialog.cancel()

    answer_modal(fill)
    window.preferences_action.trigger()
    assert said[0] == (
        "phone publishing: the server refused the user name or password (401); "
        "check the user name and password (rapport phone setup)"
    )
    assert "no system keychain here" in said[1]
    assert said[2].startswith("Publishing to rep at 127.0.0.1:") or "published" in said[2]
    # Connected: the window publishes at once, and says so in the status line.
    qtbot.waitUntil(lambda: window.phone.label.text().startswith("Phone: published"), timeout=30000)
    config = phone.load_config()
    assert config is not None and _cards(config) == 3  # the three active clients

    # A save publishes again after a quiet moment: only what changed is sent.
    dav_server.requests.clear()
    clients.create_client("Dana White")
    qtbot.waitUntil(lambda: _cards(config) == 4, timeout=30000)
    assert [m for m, _ in dav_server.writes()] == ["PUT"]

    # The server goes away: said once, the label keeps it, a retry is planned.
    dav_server.stop()
    clients.create_client("Eve Adams")
    qtbot.waitUntil(lambda: "not published" in window.phone.label.text(), timeout=30000)
    assert window.phone.retry.isActive()
    assert "cannot reach the server" in window.statusBar().currentMessage()
    assert "trying again in 1 min" in window.phone.label.toolTip()
    # Typing goes on meanwhile: the window and its worker are free.
    assert not window.worker.busy()
    # Back: the retry converges, and the window says it published again.
    dav_server.start()
    window.phone.retry.timeout.emit()
    qtbot.waitUntil(lambda: window.phone.label.text().startswith("Phone: published"), timeout=30000)
    assert _cards(config) == 5
    assert "published again" in window.statusBar().currentMessage()


def test_nothing_connects_or_shows_before_set_up(window: Any, qtbot: Any, data_dir: Path) -> None:
    qtbot.wait(main_window.PHONE_START_MS + 200)
    assert window.phone is None  # nothing of phone publishing is even loaded
    publisher = window.ensure_phone()  # as Preferences does
    assert not publisher.enabled and publisher.label.text() == ""
    assert not (data_dir / phone.CONFIG_NAME).exists()


def test_a_window_opened_on_a_set_up_book_publishes_at_start_and_at_midnight(
    sample_book: Path, qtbot: Any, dav_server: DavServer
) -> None:
    from tests.ui.conftest import shown_window

    config = phone.setup(dav_server.url, "rep", PASSWORD).config
    opened = shown_window(qtbot)
    window = next(opened)
    try:
        qtbot.waitUntil(lambda: window.phone is not None)
        qtbot.waitUntil(
            lambda: window.phone.label.text().startswith("Phone: published"), timeout=30000
        )
        assert _cards(config) == 3
        assert window.phone.midnight.isActive()  # the next publish, just after midnight
        assert window.phone.midnight.remainingTime() <= 24 * 3600 * 1000 + 2000
        dav_server.requests.clear()
        window.phone.midnight.timeout.emit()
        qtbot.waitUntil(
            lambda: (
                ("PROPFIND", config.addressbook[len(dav_server.url) - 1 :]) in dav_server.requests
            ),
            timeout=30000,
        )
        qtbot.waitUntil(lambda: not window.phone.running, timeout=30000)
        assert dav_server.writes() == []  # nothing changed overnight in this book
    finally:
        next(opened, None)


def test_every_control_of_the_phone_page_is_named(qtbot: Any, book: Path) -> None:
    page = PhoneDialog(object())
    qtbot.addWidget(page)
    controls = [w for w in page.findChildren(QWidget) if isinstance(w, QLineEdit | QCheckBox)]
    # The Close of the dialog's button box is named by its text.
    controls += [b for b in page.findChildren(QPushButton) if b.text() != "Close"]
    assert len(controls) >= 7
    assert [type(w).__name__ for w in controls if not w.accessibleName()] == []
    # Refused before any connection: an address that is not a web address.
    qtbot.keyClicks(page.server, "cloud.example.com")
    qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == (
        "the server address must start with https:// (or http://), not 'cloud.example.com'"
    )


def test_without_a_keychain_the_window_asks_for_the_password_once(
    sample_book: Path, qtbot: Any, dav_server: DavServer
) -> None:
    from tests.ui.conftest import shown_window

    phone.setup(dav_server.url, "rep", PASSWORD)  # the tests' keychain fails: not kept
    phone._session_passwords.clear()  # a new run of Rapport
    opened = shown_window(qtbot)
    window = next(opened)
    try:
        qtbot.waitUntil(lambda: window.phone is not None)
        qtbot.waitUntil(lambda: "not published" in window.phone.label.text(), timeout=30000)
        assert window.statusBar().currentMessage() == (
            "Phone publishing needs the server password again (there is no system keychain "
            "to keep it) (Preferences › Phone)"
        )
        assert not window.phone.retry.isActive()  # waiting for the user, not retrying
        assert dav_server.writes() == []
    finally:
        next(opened, None)
