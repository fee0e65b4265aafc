"""Calendar arithmetic for the date grammar: month ends, week starts, quarters, holidays.

Pure functions over ``datetime.date``; ``dates_rules`` turns phrases into calls to them.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = [
    "add_months",
    "end_of_month",
    "holiday_on",
    "next_occurrence",
    "quarter_end",
    "week_start",
]


def end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def next_occurrence(today: date, month: int, day: int, year: int | None) -> date | None:
    if year is not None:
        year = year + 2000 if year < 100 else year
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for y in (today.year, today.year + 1, today.year + 2):
        try:
            candidate = date(y, month, day)
        except ValueError:
            continue  # Feb 29 outside a leap year
        if candidate >= today:
            return candidate
    return None


def quarter_end(year: int, quarter: int) -> date:
    return end_of_month(year, quarter * 3)


def thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def easter(year: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_on(name: str, year: int) -> date | None:
    name = name.lower()
    if name.startswith(("christmas", "xmas")):
        return date(year, 12, 25)
    if name.startswith("thanksgiving"):
        return thanksgiving(year)
    if name.startswith("new year"):
        return date(year, 1, 1)
    if name.startswith("easter"):
        return easter(year)
    if name.startswith("halloween"):
        return date(year, 10, 31)
    if name.startswith("valentine"):
        return date(year, 2, 14)
    if name.startswith("labor"):
        first = date(year, 9, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7)
    if name.startswith("memorial"):
        last = date(year, 5, 31)
        return last - timedelta(days=last.weekday())
    if "july" in name:
        return date(year, 7, 4)
    return None  # "the holidays": no honest day
