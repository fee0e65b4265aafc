"""User settings kept in the book, so the window and the command line agree."""

from __future__ import annotations

from typing import Any

from rapport.store import models as m
from rapport.store.db import transaction

DEFAULTS: dict[str, Any] = {
    "user_name": "",
    "signature": "",
    "default_cadence_days": 60,
    "gift_budget": "medium",
    "card_size": "a2",
    "card_font": "",
    "backup_retention": {"daily": 7, "weekly": 4, "monthly": 12},
    "backup_dir": "",
    "intro_call_after_days": 3,
    # A message (voicemail, email, text) not answered this long after it came is due.
    "reply_within_hours": 24,
}


def get(key: str) -> Any:
    row = m.Setting.get_or_none(m.Setting.key == key)
    if row is None or row.value is None:
        return DEFAULTS.get(key)
    return row.value


def get_all() -> dict[str, Any]:
    values = dict(DEFAULTS)
    for row in m.Setting.select():
        if row.value is not None:
            values[row.key] = row.value
    return values


def set_many(values: dict[str, Any]) -> None:
    with transaction():
        for key, value in values.items():
            m.Setting.replace(key=key, value=value).execute()


def set_value(key: str, value: Any) -> None:
    set_many({key: value})
