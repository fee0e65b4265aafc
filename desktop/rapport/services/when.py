"""Days typed by the user: ISO dates or natural language ("tomorrow", "next week", "fri").

The grammar itself is quick capture's (``core/dates.parse_due``); this module is the one
place the due, snooze and away fields go through, so they all understand the same words
and refuse the same nonsense with the same message.
"""

from __future__ import annotations

from datetime import date, datetime

from rapport import clock
from rapport.services.errors import ValidationError

EXAMPLES = "tomorrow, friday, next week, in 3 days or 2026-12-01"


def parse_day(
    value: date | str | None, what: str = "date", today: date | None = None
) -> date | None:
    """The day ``value`` names, None when empty; a phrase that names no day is refused."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split())
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    if text[:4].isdigit() and text[4:5] == "-":
        # Looks like an ISO date but is not a real one (2026-02-30): say so, don't guess.
        raise ValidationError(f"{what} {text!r} is not a real date (use YYYY-MM-DD)")
    try:
        from rapport.core.dates import parse_due
    except ImportError:  # a build without quick capture's grammar: say so, never guess
        raise ValidationError(f"{what} {text!r}: use a date like 2026-12-01") from None
    day = parse_due(text, today or clock.today())
    if day is None:
        raise ValidationError(f"{what} {text!r} is not a date I understand (try {EXAMPLES})")
    return day


def required_day(value: date | str | None, what: str = "date") -> date:
    day = parse_day(value, what)
    if day is None:
        raise ValidationError(f"{what} is missing (try {EXAMPLES})")
    return day
