"""Checking user input before anything is written."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from rapport.services.errors import ValidationError


def required_text(value: str | None, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{what} cannot be empty")
    return text


def optional_date(value: date | str | None, what: str = "date") -> date | None:
    """A date from a ``date`` or an ISO string; '2026-02-30' is refused, not shifted."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{what} {text!r} is not a real date (use YYYY-MM-DD)") from None


def optional_datetime(value: datetime | date | str | None, what: str = "time") -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time()).replace(hour=12)
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        day = optional_date(text, what)
        assert day is not None
        return datetime.combine(day, datetime.min.time()).replace(hour=12)


# A note longer than this is refused rather than stored (a pasted mailbox, not a note).
MAX_NOTE_CHARS = 200_000


def check_note(text: str) -> str:
    """A quick-capture note: not empty, not a pasted mailbox."""
    if not text or not text.strip():
        raise ValidationError("there is nothing to capture: the note is empty")
    if len(text) > MAX_NOTE_CHARS:
        raise ValidationError(
            f"the note is {len(text):,} characters long; quick capture takes up to "
            f"{MAX_NOTE_CHARS:,}. Paste the important part."
        )
    return text


def known_fields(fields: Iterable[str], allowed: Iterable[str], what: str) -> None:
    """Refuse an edit that names fields the record does not have ("unknown task fields: x")."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(f"unknown {what} fields: {', '.join(sorted(unknown))}")


def one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValidationError(f"{what} must be one of {', '.join(allowed)} (not {value!r})")
    return value


def month_day(month: int, day: int, year: int | None = None) -> tuple[int, int, int | None]:
    """A yearly date; 29 February is allowed (it is someone's birthday)."""
    try:
        date(year or 2000, int(month), int(day))
    except (TypeError, ValueError):
        raise ValidationError(f"{month}/{day} is not a real date") from None
    return int(month), int(day), year
