"""Preferences of this window on this computer (theme, tray), kept in the book's window.ini.

Book-wide settings that the command line also reads (name, signature, cadence...) live
in the database through ``services.settings``; these only change how the window behaves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings

from rapport.paths import DATABASE_URL_VARIABLE, team_url_refusal
from rapport.ui.appearance import THEMES


@dataclass(slots=True)
class WindowPrefs:
    theme: str = "system"
    start_in_tray: bool = False
    close_to_tray: bool = False
    notifications: bool = True
    # Close an encrypted book and ask its passphrase again after this many idle minutes
    # (0: never, the default).
    idle_lock_minutes: int = 0
    # The team book this window opens when no --database-url names one (no password:
    # paths.team_url_refusal); read at start only (team_url_at_start).
    team_url: str = ""

    @classmethod
    def load(cls, settings: QSettings) -> WindowPrefs:
        default = cls()
        theme = str(settings.value("appearance/theme", default.theme))
        return cls(
            theme=theme if theme in THEMES else default.theme,
            start_in_tray=_bool(settings.value("tray/start_in_tray", default.start_in_tray)),
            close_to_tray=_bool(settings.value("tray/close_to_tray", default.close_to_tray)),
            notifications=_bool(settings.value("notifications/enabled", default.notifications)),
            idle_lock_minutes=_minutes(settings.value("privacy/idle_lock_minutes", 0)),
            team_url=str(settings.value(TEAM_URL_KEY, "") or ""),
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue("appearance/theme", self.theme)
        settings.setValue("tray/start_in_tray", self.start_in_tray)
        settings.setValue("tray/close_to_tray", self.close_to_tray)
        settings.setValue("notifications/enabled", self.notifications)
        settings.setValue("privacy/idle_lock_minutes", self.idle_lock_minutes)
        if self.team_url:
            settings.setValue(TEAM_URL_KEY, self.team_url)
        else:
            settings.remove(TEAM_URL_KEY)
        settings.sync()


def _minutes(value: object) -> int:
    try:
        return max(0, min(int(str(value)), 24 * 60))
    except ValueError:
        return 0


def _bool(value: object) -> bool:
    # An ini file gives back "true"/"false" strings.
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


TEAM_URL_KEY = "team/url"


def team_url_at_start(data_dir: Path) -> None:
    """Before the book opens: the team book Preferences keep, unless ``--database-url`` or
    RAPPORT_DATABASE_URL names one (or none: an empty variable keeps the file)."""
    if DATABASE_URL_VARIABLE in os.environ:
        return
    settings = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
    url = str(settings.value(TEAM_URL_KEY, "") or "").strip()
    if url and team_url_refusal(url) is None:
        os.environ[DATABASE_URL_VARIABLE] = url


LAST_SEEN_KEY = "reminders/last_seen"


def last_seen(settings: QSettings) -> datetime | None:
    """The moment the window last looked for reminders (None: never)."""
    value = settings.value(LAST_SEEN_KEY)
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def set_last_seen(settings: QSettings, moment: datetime) -> None:
    settings.setValue(LAST_SEEN_KEY, moment.isoformat(timespec="seconds"))
    settings.sync()
