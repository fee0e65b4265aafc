"""Days typed by the user: ISO dates or natural language ("tomorrow", "next week", "fri").

The grammar itself is quick capture's (``core/understand/dates/find.parse_due``); this
module is the one place the due, snooze and away fields go through, so they all understand
the same words and refuse the same nonsense with the same message.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from datetime import date, datetime

from rapport import clock
from rapport.core.understand.dates.order import date_order as _order_of
from rapport.services.errors import ServerAwayError, ValidationError

EXAMPLES = "tomorrow, friday, next week, in 3 days or 2026-12-01"
# For one run: `rapport --date-order dmy ...` sets it; it wins over the book's setting.
ORDER_VARIABLE = "RAPPORT_DATE_ORDER"
# The book's date order as last read (used while a team book's server is away).
_last_setting: str | None = None


def date_order(setting: str | None = None) -> str:
    """How numeric dates are read, "mdy" (3/4 is March 4) or "dmy" (3 April): the run's
    RAPPORT_DATE_ORDER, else the book's ``date_order`` setting (``setting`` when the caller
    read it already), else the locale (core/understand/dates/order.py)."""
    if setting is None:
        setting = _book_setting()
    return _order_of(os.environ.get(ORDER_VARIABLE), setting, os.environ)


def day_first(setting: str | None = None) -> bool:
    return date_order(setting) == "dmy"


def _book_setting() -> str | None:
    from rapport.store.models import db

    if db.obj is None or db.is_closed():
        return None  # no book open (a dry run without one): the run's choice or the locale
    from rapport.services import settings

    global _last_setting
    # A team book's server away: the notes typed meanwhile read dates as before.
    with suppress(ServerAwayError):
        _last_setting = str(settings.get("date_order") or "") or None
    return _last_setting


def _words(value: date | str | None, what: str = "date") -> date | str | None:
    """A day given as such or as an ISO date, None when empty, else the typed words to read
    (spaces tidied); an ISO-looking date that is not real (2026-02-30) is refused."""
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
        # Looks like an ISO date but is not a real one: say so, don't guess.
        raise ValidationError(f"{what} {text!r} is not a real date (use YYYY-MM-DD)")
    return text


def parse_day(
    value: date | str | None, what: str = "date", today: date | None = None
) -> date | None:
    """The day ``value`` names, None when empty; a phrase that names no day is refused."""
    text = _words(value, what)
    if not isinstance(text, str):
        return text
    try:
        from rapport.core.understand.dates.find import parse_due
    except ImportError:  # a build without quick capture's grammar: say so, never guess
        raise ValidationError(f"{what} {text!r}: use a date like 2026-12-01") from None
    day = parse_due(text, today or clock.today(), day_first())
    if day is None:
        raise ValidationError(f"{what} {text!r} is not a date I understand (try {EXAMPLES})")
    return day


def required_day(value: date | str | None, what: str = "date") -> date:
    day = parse_day(value, what)
    if day is None:
        raise ValidationError(f"{what} is missing (try {EXAMPLES})")
    return day


def parse_past_day(value: date | str | None, what: str = "date") -> date | None:
    """A day that has happened, typed as a person would write a birthday: 2014-03-03,
    March 3, 2014, 3 Mar 2014, 3/14/2014. The year is required: "March 3" alone is a
    yearly date, not a birthday, and is refused with a message saying so."""
    text = _words(value, what)
    if not isinstance(text, str):
        return text
    try:
        from rapport.core.understand.dates.find import find_dates
    except ImportError:  # a build without quick capture's grammar
        raise ValidationError(f"{what} {text!r}: use a date like 2014-03-03") from None
    mentions = find_dates(text, clock.today(), day_first())
    whole = len(mentions) == 1 and mentions[0].text.strip(" ,.") == text.strip(" ,.")
    if not whole or not mentions[0].exact or mentions[0].value is None:
        raise ValidationError(
            f"{what} {text!r} is not a date I understand (try March 3, 2014 or 2014-03-03)"
        )
    if not any(len(word) == 4 and word.isdigit() for word in re.split(r"\W+", text)):
        raise ValidationError(f"{what} {text!r} needs its year (like March 3, 2014)")
    return mentions[0].value
