"""The encrypted book in the window: Preferences › Privacy converts it, and the unlock
dialog asks for the passphrase (or the recovery key) through the real widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

from rapport.services import encryption
from rapport.services.book import close_book, current_book, is_encrypted, open_book
from rapport.store import unlocked
from rapport.ui import privacy
from rapport.ui.settings_dialog import SettingsDialog
from tests.encrypted import (
    CANARY,
    PASSPHRASE,
    FakeKeychain,
    encryption_setup,  # noqa: F401 (autouse)
    holding,
)


def _encrypted_book(data_dir: Path) -> str:
    from rapport.services import clients, interactions

    open_book(data_dir)
    dana = clients.create_client("Dana Whitfield")
    interactions.add_interaction(dana.id, "meeting", "2026-11-10 12:30", CANARY)
    done = encryption.encrypt(data_dir, PASSPHRASE)
    close_book()
    unlocked.forget()
    return done.recovery_key


def _click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_wrong_passphrase_says_so_and_three_make_the_dialog_wait(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _encrypted_book(data_dir)
    monkeypatch.setattr(privacy, "WAIT_MS", 300)
    dialog = privacy.UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember.isEnabled()  # no keychain here: nothing to remember in
    for attempt in range(1, 4):
        dialog.passphrase.clear()
        qtbot.keyClicks(dialog.passphrase, f"wrong guess {attempt}")
        _click(qtbot, dialog.unlock_button)
        assert dialog.isVisible()
        assert "Wrong passphrase" in dialog.message.text()
    assert "3 wrong tries: wait" in dialog.message.text()
    assert not dialog.unlock_button.isEnabled()  # three wrong: a few seconds' wait
    qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=3000)
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    _click(qtbot, dialog.unlock_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert encryption.unlocked_key(data_dir) is not None


def test_remember_on_this_computer_puts_the_key_in_the_keychain(qtbot: Any, data_dir: Path) -> None:
    fake = FakeKeychain()
    keyring.set_keyring(fake)
    _encrypted_book(data_dir)
    dialog = privacy.UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    dialog.remember.setChecked(True)
    _click(qtbot, dialog.unlock_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(fake.entries) == 1
    unlocked.forget()
    assert privacy.ask_to_unlock(None, data_dir)  # the next start asks nothing


def test_forgot_it_uses_the_recovery_key_and_sets_a_new_passphrase(
    qtbot: Any, data_dir: Path
) -> None:
    recovery = _encrypted_book(data_dir)
    dialog = privacy.UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, dialog.forgot)
    assert dialog.recovering and not dialog.passphrase.isVisible()
    assert not dialog.passphrase_label.isVisible() and dialog.recovery.isVisible()
    qtbot.keyClicks(dialog.recovery, recovery.lower())
    qtbot.keyClicks(dialog.new_passphrase, "a brand new passphrase")
    qtbot.keyClicks(dialog.again, "a brand new passphrase")
    _click(qtbot, dialog.unlock_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    unlocked.forget()
    encryption.unlock(data_dir, "a brand new passphrase")


def test_the_window_asks_for_the_passphrase_after_its_first_paint(
    qtbot: Any, data_dir: Path, answer_modal: Any
) -> None:
    from rapport.services.book import check_book
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    _encrypted_book(data_dir)
    book = check_book(data_dir)
    assert book.locked
    painted: list[bool] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, privacy.UnlockDialog)
        painted.append(window.isVisible())
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        _click(qtbot, dialog.unlock_button)

    answer_modal(fill)
    worker = Worker()
    window = MainWindow(book, worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.today_view.data is not None, timeout=10000)
    assert painted == [True] and current_book() is not None
    worker.wait(5000)


def test_preferences_encrypts_the_book_with_progress_and_shows_the_recovery_key(
    window: Any, qtbot: Any, answer_modal: Any, data_dir: Path
) -> None:
    from rapport.services import backup, capture

    capture.save_capture(
        f"Met Bob Smith: {CANARY}", capture.understand_note(f"Met Bob Smith: {CANARY}")
    )
    backup.backup_now()
    # The Clients page is built at idle after the first paint: let it be (a read of the
    # book in the moment the converted copy takes its place would fail, and say so).
    qtbot.waitUntil(lambda: window._client_list is not None, timeout=10000)
    shown: dict[str, str] = {}

    def preferences(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        assert dialog.findChild(QWidget, "encryptionState").text() == "Not encrypted."
        _click(qtbot, dialog.findChild(QPushButton, "encryptButton"))

    def passphrase(dialog: QWidget) -> None:
        assert isinstance(dialog, privacy.NewPassphraseDialog)
        assert dialog.encrypt_backups.isChecked()
        assert "1 backup made before" in dialog.encrypt_backups.text()
        qtbot.keyClicks(dialog.first, PASSPHRASE)
        qtbot.keyClicks(dialog.second, "not the same")
        _click(qtbot, dialog.ok_button)
        shown["mismatch"] = dialog.message.text()
        dialog.second.clear()
        qtbot.keyClicks(dialog.second, PASSPHRASE)
        _click(qtbot, dialog.ok_button)

    def recovery_key() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, privacy.RecoveryKeyDialog):  # the progress dialog first
            QTimer.singleShot(20, recovery_key)
            return
        shown["key"] = dialog.key.text()
        dialog.accept()

    answer_modal(preferences)
    answer_modal(passphrase)
    QTimer.singleShot(0, recovery_key)
    window.preferences_action.trigger()
    qtbot.waitUntil(lambda: "key" in shown, timeout=20000)
    assert shown["mismatch"] == "The two passphrases differ."
    assert len(shown["key"].replace("\n", "-").split("-")) == 8
    assert is_encrypted(data_dir)
    window.desktop.prefs.save(window.settings)  # as Preferences saves it
    assert (data_dir / "window.ini").is_file()  # scanned too
    assert holding(data_dir, CANARY) == []
    assert "encrypted" in window.statusBar().currentMessage()
    window.reload()  # the window reads the encrypted book
    from rapport.services import clients

    assert any(c.name == "Bob Smith" for c in clients.list_clients())


def test_the_export_dialog_says_the_file_is_not_encrypted(qtbot: Any) -> None:
    from rapport.ui.export_dialog import ExportDialog

    plain = ExportDialog(None, "json", encrypted=False)
    encrypted = ExportDialog(None, "json", encrypted=True)
    for dialog in (plain, encrypted):
        qtbot.addWidget(dialog)
        dialog.show()
    assert not plain.not_encrypted.isVisible()
    assert encrypted.not_encrypted.isVisible()
    assert "the exported file will not be" in encrypted.not_encrypted.text()


def _unlocked_window(qtbot: Any, data_dir: Path, answer_modal: Any) -> Any:
    from rapport.services.book import check_book
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    _encrypted_book(data_dir)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, privacy.UnlockDialog)
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        _click(qtbot, dialog.unlock_button)

    answer_modal(fill)
    window = MainWindow(check_book(data_dir), Worker())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.today_view.data is not None, timeout=10000)
    return window


def test_the_idle_lock_closes_the_book_hides_it_and_asks_again(
    qtbot: Any, data_dir: Path, answer_modal: Any
) -> None:
    window = _unlocked_window(qtbot, data_dir, answer_modal)
    assert not window.idle_lock.timer.isActive()  # off by default
    assert not window.idle_lock._watching  # and no event filter costs anything meanwhile
    seen: dict[str, Any] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, privacy.UnlockDialog)
        seen["pages visible"] = window.centralWidget().isVisible()
        seen["book"] = current_book()
        seen["key"] = encryption.unlocked_key(data_dir)
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        _click(qtbot, dialog.unlock_button)

    answer_modal(fill)
    window.idle_lock.set_interval_ms(100)
    qtbot.waitUntil(lambda: "book" in seen and not window.idle_lock.locked, timeout=10000)
    assert seen == {"pages visible": False, "book": None, "key": None}
    assert window.centralWidget().isVisible() and current_book() is not None
    assert window.idle_lock.timer.isActive()  # counting again
    window.idle_lock.set_minutes(0)
    assert not window.idle_lock._watching
    window.worker.wait(5000)


def test_the_idle_lock_minutes_are_a_window_preference(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from rapport.ui.window_prefs import WindowPrefs

    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    assert WindowPrefs.load(settings).idle_lock_minutes == 0
    WindowPrefs(idle_lock_minutes=15).save(settings)
    assert WindowPrefs.load(settings).idle_lock_minutes == 15


def test_preferences_changes_the_passphrase_then_removes_the_encryption(
    qtbot: Any, data_dir: Path, answer_modal: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = _unlocked_window(qtbot, data_dir, answer_modal)
    qtbot.waitUntil(lambda: window._client_list is not None, timeout=10000)  # built at idle

    def open_and_click(name: str) -> None:
        def preferences(dialog: QWidget) -> None:
            assert isinstance(dialog, SettingsDialog)
            assert dialog.findChild(QWidget, "encryptionState").text() == "Encrypted."
            _click(qtbot, dialog.findChild(QPushButton, name))

        answer_modal(preferences)

    def new_passphrase(dialog: QWidget) -> None:
        assert isinstance(dialog, privacy.NewPassphraseDialog)
        assert dialog.encrypt_backups.text() == ""  # nothing to convert: no such choice
        qtbot.keyClicks(dialog.first, "the second passphrase")
        qtbot.keyClicks(dialog.second, "the second passphrase")
        _click(qtbot, dialog.ok_button)

    open_and_click("changePassphraseButton")
    answer_modal(new_passphrase)
    window.preferences_action.trigger()
    qtbot.waitUntil(lambda: "passphrase is changed" in window.statusBar().currentMessage())
    unlocked.forget()
    encryption.unlock(data_dir, "the second passphrase")

    def confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        button = next(b for b in dialog.buttons() if b.text() == "Remove encryption")
        _click(qtbot, button)

    open_and_click("removeEncryptionButton")
    answer_modal(confirm)
    window.preferences_action.trigger()
    qtbot.waitUntil(
        lambda: "no longer encrypted" in window.statusBar().currentMessage(), timeout=20000
    )
    assert not is_encrypted(data_dir) and not (data_dir / "rapport.key").exists()
    assert holding(data_dir, CANARY)  # plain again, as asked
    window.reload()  # the window reads the plain book
    window.worker.wait(5000)
