"""What day it is. ``RAPPORT_TODAY=YYYY-MM-DD`` fixes it for tests, demos and scoring."""

from __future__ import annotations

import os
from datetime import date, datetime


class ClockError(ValueError):
    """RAPPORT_TODAY is set to something that is not a date."""


def today() -> date:
    fixed = os.environ.get("RAPPORT_TODAY")
    if fixed:
        return _fixed_day(fixed)
    return date.today()


def now() -> datetime:
    """The current local time, on the fixed day when RAPPORT_TODAY is set."""
    fixed = os.environ.get("RAPPORT_TODAY")
    current = datetime.now().replace(microsecond=0)
    if fixed:
        if "T" in fixed or " " in fixed.strip():
            try:
                return datetime.fromisoformat(fixed.strip())
            except ValueError:
                raise ClockError(f"RAPPORT_TODAY={fixed!r} is not a date") from None
        return datetime.combine(_fixed_day(fixed), current.time())
    return current


def _fixed_day(text: str) -> date:
    try:
        return datetime.fromisoformat(text.strip()).date()
    except ValueError:
        raise ClockError(f"RAPPORT_TODAY={text!r} is not a date like 2026-11-18") from None
