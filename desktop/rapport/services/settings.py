"""User settings kept in the book, so the window and the command line agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rapport.core import control_chars, postal
from rapport.services.errors import ValidationError
from rapport.services.validate import one_of
from rapport.store import models as m
from rapport.store import sql
from rapport.store.db import transaction

GIFT_BUDGETS = ("low", "medium", "high")
CARD_FONTS = ("", "handwriting", "serif", "sans")
# The card sizes of CLI.md: A2 (4.25x5.5 in), A6, 4x6 postcard, 5x7, US Letter.
CARD_SIZES = ("a2", "a6", "4x6", "5x7", "letter")
RETENTION_KINDS = ("daily", "weekly", "monthly")
DATE_ORDERS = ("", "mdy", "dmy")

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
    # The sender on envelopes (services/addresses.py): a name ("" = user_name), the
    # address parts as JSON, and the country whose letters need no country line.
    "return_name": "",
    "return_address": {},
    "home_country": "",
    # How "3/4" is read (capture, date fields, a contacts file's birthdays): "mdy" (March 4),
    # "dmy" (3 April), "" from the locale (services/when.py date_order).
    "date_order": "",
    # A message (voicemail, email, text) not answered this long after it came is due.
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


def all_read() -> sql.Read:
    """``get_all``'s read, to send with others (``sql.read_together``); ``all_from`` its
    rows."""
    text, params = m.Setting.select(m.Setting.key, m.Setting.value).sql()
    return text, list(params)


def all_from(rows: list[sql.Raw]) -> dict[str, Any]:
    """``get_all`` from the rows of ``all_read``."""
    values = dict(DEFAULTS)
    to_value = m.Setting.value.python_value
    for key, stored in rows:
        value = to_value(stored)
        if value is not None:
            values[key] = value
    return values


def set_many(values: dict[str, Any]) -> None:
    with transaction():
        for key, value in values.items():
            m.Setting.insert(key=key, value=value).on_conflict(
                conflict_target=[m.Setting.key], update={m.Setting.value: value}
            ).execute()


def set_value(key: str, value: Any) -> None:
    set_many({key: value})


def update(values: dict[str, Any]) -> dict[str, Any]:
    """Check and save several settings at once (the Preferences dialog); returns them all.

    Nothing is written when one value is refused: the message says which and why.
    """
    clean = {key: _clean(key, value) for key, value in values.items()}
    set_many(clean)
    return get_all()


def _clean(key: str, value: Any) -> Any:
    if key not in DEFAULTS:
        raise ValidationError(f"there is no setting called {key!r}")
    if key in ("user_name", "return_name", "home_country"):
        text = " ".join(control_chars.clean(str(value or "")).split())
        if len(text) > postal.MAX_PART:
            raise ValidationError(
                f"{key.replace('_', ' ')} is longer than {postal.MAX_PART} characters"
            )
        return text
    if key == "return_address":
        return _address(value)
    if key == "card_font":
        # The note window's font choices (render/card_print.FONT_CHOICES); "" is the default.
        return one_of(str(value or "").strip(), CARD_FONTS, "The card font")
    if key == "signature":
        return "\n".join(line.rstrip() for line in str(value or "").strip().splitlines())
    if key == "default_cadence_days":
        return _whole(value, 1, 3650, "The keep-in-touch cadence", "days")
    if key == "intro_call_after_days":
        return _whole(value, 1, 365, "The days before calling a lead", "days")
    if key == "date_order":
        return one_of(str(value or "").strip().lower(), DATE_ORDERS, "The date order")
    if key == "gift_budget":
        return one_of(str(value), GIFT_BUDGETS, "The gift budget")
    if key == "card_size":
        return one_of(str(value), CARD_SIZES, "The card size")
    if key == "backup_dir":
        return _folder(value)
    if key == "backup_retention":
        return _retention(value)
    return value


def _address(value: Any) -> dict[str, Any]:
    if isinstance(value, postal.PostalAddress):
        address = value
    elif isinstance(value, dict):
        address = postal.from_mapping(value)
    elif isinstance(value, str):
        address = postal.parse_address(value)
    elif value is None:
        address = postal.PostalAddress()
    else:
        raise ValidationError("the return address must be its parts (lines, city, ...)")
    address = postal.tidy(address)
    why = postal.problem(address)
    if why:
        raise ValidationError(f"the return address: {why}")
    return address.as_dict()


def _whole(value: Any, low: int, high: int, what: str, unit: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{what} must be a whole number") from None
    if not low <= number <= high:
        raise ValidationError(f"{what} must be between {low} and {high} {unit}".rstrip())
    return number


def _folder(value: Any) -> str:
    text = str(value or "").strip()
    if not text:
        return ""  # the default: the backups folder inside the data folder
    path = Path(text).expanduser()
    if not path.is_absolute():
        raise ValidationError(f"the backup folder must be a full path, not {text!r}")
    if path.exists() and not path.is_dir():
        raise ValidationError(f"the backup folder {path} is a file, not a folder")
    return str(path)


def _retention(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise ValidationError("backup retention needs daily, weekly and monthly counts")
    unknown = set(value) - set(RETENTION_KINDS)
    if unknown:
        raise ValidationError(f"unknown backup retention: {', '.join(sorted(unknown))}")
    default = DEFAULTS["backup_retention"]
    counts = {
        kind: _whole(value.get(kind, default[kind]), 0, 1000, f"The {kind} backups to keep", "")
        for kind in RETENTION_KINDS
    }
    if not any(counts.values()):
        raise ValidationError("keep at least one backup (daily, weekly or monthly)")
    return counts
