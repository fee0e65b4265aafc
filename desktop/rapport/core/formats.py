"""Dates as people read them ("Nov 3", "Nov 3, 2026"), portable across platforms.

strftime's "%-d" (day without a leading zero) does not exist on Windows, so the day is
spelled out by hand here and everywhere else calls these.
"""

from __future__ import annotations

from datetime import date


def day_month(day: date) -> str:
    """'Nov 3'."""
    return f"{day:%b} {day.day}"


def full_date(day: date) -> str:
    """'Nov 3, 2026'."""
    return f"{day:%b} {day.day}, {day.year}"
