"""Preferences through the real dialog: saved, explained when refused, read back."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from rapport.services import book, settings
from rapport.ui import settings_dialog, theme
from rapport.ui.appearance import apply_theme
from rapport.ui.capture_chips import parse_due_text
from rapport.ui.settings_dialog import SettingsDialog
from rapport.ui.window_prefs import WindowPrefs
from tests.ui.form_helpers import click_save


@pytest.fixture(autouse=True)
def _system_theme_after() -> Iterator[None]:
    yield
    apply_theme("system")  # the palette is app-wide: leave it as other tests expect


def _pick(combo: QComboBox, key: str) -> None:
    combo.setCurrentIndex(combo.findData(key))


def test_preferences_are_saved_and_read_back(
    window: Any, qtbot: Any, answer_modal: Any, tmp_path: Path
) -> None:
    backups = tmp_path / "my backups"
    errors: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        qtbot.keyClicks(dialog.user_name, "Dana Whitfield")
        dialog.signature.setPlainText("Warmly,\nDana")
        dialog.cadence.setValue(45)
        dialog.intro_call_after.setValue(8)
        _pick(dialog.gift_budget, "high")
        _pick(dialog.card_size, "5x7")
        qtbot.keyClicks(dialog.backup_dir, "relative/folder")
        dialog.keep_daily.setValue(10)
        dialog.keep_weekly.setValue(0)
        dialog.keep_monthly.setValue(24)
        _pick(dialog.theme, "dark")
        dialog.notifications.setChecked(False)
        click_save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        assert dialog.isVisible(), "a refused value keeps the dialog open"
        dialog.backup_dir.setText(str(backups))
        click_save(qtbot, dialog)

    answer_modal(fill)
    assert window.preferences_action.shortcut().toString() == "Ctrl+,"
    window.preferences_action.trigger()

    assert errors and "full path" in errors[0]
    saved = settings.get_all()
    assert saved["user_name"] == "Dana Whitfield"
    assert saved["signature"] == "Warmly,\nDana"
    assert saved["default_cadence_days"] == 45
    assert saved["intro_call_after_days"] == 8
    assert saved["gift_budget"] == "high"
    assert saved["card_size"] == "5x7"
    assert saved["backup_dir"] == str(backups)
    assert saved["backup_retention"] == {"daily": 10, "weekly": 0, "monthly": 24}
    prefs = WindowPrefs.load(window.settings)
    assert prefs.theme == "dark" and prefs.notifications is False
    assert theme.is_dark(), "the theme applies at once"
    assert window.desktop.tray.timer.enabled is False
    assert window.statusBar().currentMessage() == "Preferences saved."

    seen: dict[str, Any] = {}

    def read_back(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        seen.update(
            name=dialog.user_name.text(),
            signature=dialog.signature.toPlainText(),
            cadence=dialog.cadence.value(),
            budget=dialog.gift_budget.currentData(),
            card=dialog.card_size.currentData(),
            folder=dialog.backup_dir.text(),
            monthly=dialog.keep_monthly.value(),
            theme=dialog.theme.currentData(),
            notifications=dialog.notifications.isChecked(),
        )
        dialog.reject()

    answer_modal(read_back)
    window.preferences_action.trigger()
    assert seen == {
        "name": "Dana Whitfield",
        "signature": "Warmly,\nDana",
        "cadence": 45,
        "budget": "high",
        "card": "5x7",
        "folder": str(backups),
        "monthly": 24,
        "theme": "dark",
        "notifications": False,
    }


def test_preferences_save_on_the_worker_saying_saving(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    """As every form of the window: Save says "Saving…" and takes no edits while the
    window's worker writes; the GUI thread writes nothing to the book."""
    writers: list[str] = []

    def wrote() -> None:
        writers.append(threading.current_thread().name)

    seen: dict[str, Any] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        qtbot.keyClicks(dialog.user_name, "Dana Whitfield")
        _pick(dialog.theme, "dark")
        book.on_commit(wrote)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["saving"] = dialog.saving
        seen["button"] = (dialog.save_button.text(), dialog.save_button.isEnabled())
        seen["said"] = (dialog.saving_label.text(), dialog.saving_label.isVisibleTo(dialog))
        seen["field"] = dialog.user_name.isEnabled()

    answer_modal(fill)
    try:
        assert window.preferences_action.trigger() is None  # returns once the form closed
    finally:
        book.off_commit(wrote)
    assert seen == {
        "saving": True,
        "button": ("Saving…", False),
        "said": ("Saving…", True),
        "field": False,
    }
    assert settings.get("user_name") == "Dana Whitfield"
    assert writers and threading.main_thread().name not in writers
    assert WindowPrefs.load(window.settings).theme == "dark"
    assert theme.is_dark()
    assert window.statusBar().currentMessage() == "Preferences saved."


def test_cancel_changes_nothing(window: Any, qtbot: Any, answer_modal: Any) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        qtbot.keyClicks(dialog.user_name, "Someone Else")
        _pick(dialog.theme, "dark")
        dialog.reject()

    answer_modal(fill)
    window.preferences_action.trigger()
    assert settings.get("user_name") == ""
    assert WindowPrefs.load(window.settings).theme == "system"
    assert not theme.is_dark()


def test_window_prefs_survive_a_restart(window: Any, qtbot: Any) -> None:
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    WindowPrefs(theme="light", close_to_tray=True, notifications=False).save(window.settings)
    again = MainWindow(window.book, Worker())
    qtbot.addWidget(again)
    prefs = again.desktop.tray.prefs
    assert (prefs.theme, prefs.close_to_tray, prefs.notifications) == ("light", True, False)
    assert again.desktop.tray.timer.enabled is False


def test_choose_folder_fills_the_field(
    qtbot: Any, book: Path, monkeypatch: Any, tmp_path: Path
) -> None:
    monkeypatch.setattr(settings_dialog, "choose_folder", lambda _parent, _start: str(tmp_path))
    dialog = SettingsDialog(None, values=settings.get_all(), prefs=WindowPrefs(), tray=False)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.backup_dir.text() == str(tmp_path)
    assert not dialog.close_to_tray.isEnabled(), "no tray: the tray options are off"


def test_every_control_has_an_accessible_name(qtbot: Any, book: Path) -> None:
    dialog = SettingsDialog(None, values=settings.get_all(), prefs=WindowPrefs())
    qtbot.addWidget(dialog)
    kinds = (QLineEdit, QPlainTextEdit, QSpinBox, QComboBox, QCheckBox)
    controls = [w for w in dialog.findChildren(QWidget) if isinstance(w, kinds)]
    # Inner editors of spin and combo boxes belong to their parent control.
    controls = [w for w in controls if not isinstance(w.parent(), QSpinBox | QComboBox)]
    assert len(controls) >= 14
    unnamed = [type(w).__name__ for w in controls if not w.accessibleName()]
    assert unnamed == []


def test_the_date_order_is_chosen_in_preferences_and_read_back(
    window: Any, qtbot: Any, answer_modal: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16 item 6: "Dates like 3/4" says what the system gives and saves the choice."""
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    seen: dict[str, Any] = {}

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        combo = dialog.date_order
        seen["labels"] = [combo.itemText(i) for i in range(combo.count())]
        seen["first"] = combo.currentData()
        _pick(combo, "mdy")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    answer_modal(choose)
    window.preferences_action.trigger()
    assert seen["first"] == ""
    assert seen["labels"][0] == "Same as the system (day first: 3/4 is 3 April)"
    assert settings.get("date_order") == "mdy"

    def read_back(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        seen["again"] = dialog.date_order.currentData()
        dialog.reject()

    answer_modal(read_back)
    window.preferences_action.trigger()
    assert seen["again"] == "mdy"


def test_a_capture_chips_due_date_reads_the_books_order(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RAPPORT_DATE_ORDER", raising=False)
    today = date(2026, 11, 18)
    settings.update({"date_order": "mdy"})
    assert parse_due_text("3/4", today) == (True, date(2027, 3, 4))
    settings.update({"date_order": "dmy"})
    assert parse_due_text("3/4", today) == (True, date(2027, 4, 3))
