"""Preferences › Team book: a URL kept for the window (never a password), used at start."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from rapport.paths import DATABASE_URL_VARIABLE
from rapport.ui.settings_dialog import SettingsDialog
from rapport.ui.window_prefs import WindowPrefs, team_url_at_start
from tests.ui.form_helpers import click_save

URL = "postgresql://alice@db.example.com:5432/team"


def test_the_team_book_url_is_kept_without_a_password_and_applies_at_restart(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    errors: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        for typed in ("postgresql://alice:secret@db.example.com/team", "mysql://x/team"):
            dialog.team_url.clear()
            qtbot.keyClicks(dialog.team_url, typed)
            click_save(qtbot, dialog)
            errors.append(dialog.error_label.text())
            assert dialog.isVisible()
        dialog.team_url.clear()
        qtbot.keyClicks(dialog.team_url, URL)
        click_save(qtbot, dialog)

    answer_modal(fill)
    window.preferences_action.trigger()
    assert errors == [
        "Leave the password out of the team book's URL: put it in ~/.pgpass",
        "A team book's URL starts with postgresql:// (postgresql://ROLE@HOST:PORT/DB)",
    ]
    assert WindowPrefs.load(window.settings).team_url == URL
    assert "secret" not in Path(window.settings.fileName()).read_text()
    assert "when Rapport restarts" in window.statusBar().currentMessage()

    def disconnect(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        assert dialog.team_url.text() == URL
        dialog.team_url.clear()
        click_save(qtbot, dialog)

    answer_modal(disconnect)
    window.preferences_action.trigger()
    assert WindowPrefs.load(window.settings).team_url == ""
    assert "team" not in Path(window.settings.fileName()).read_text()


def _keep(data_dir: Path, url: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
    WindowPrefs(team_url=url).save(settings)


def test_the_kept_team_book_opens_unless_the_command_names_a_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _keep(tmp_path, URL)
    monkeypatch.delenv(DATABASE_URL_VARIABLE, raising=False)
    team_url_at_start(tmp_path)
    assert os.environ[DATABASE_URL_VARIABLE] == URL
    monkeypatch.setenv(DATABASE_URL_VARIABLE, "")  # named: the book in the file
    team_url_at_start(tmp_path)
    assert os.environ[DATABASE_URL_VARIABLE] == ""


def test_a_kept_url_with_a_password_written_by_hand_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _keep(tmp_path, "postgresql://alice@db.example.com/team?password=secret")
    monkeypatch.delenv(DATABASE_URL_VARIABLE, raising=False)
    team_url_at_start(tmp_path)
    assert DATABASE_URL_VARIABLE not in os.environ
