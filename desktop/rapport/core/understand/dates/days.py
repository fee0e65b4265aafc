"""Calendar arithmetic the date grammar's handlers use: month lengths, month steps, quarters
and the holidays with a fixed rule. Plain ``datetime``; no ``calendar`` (and so no locale) on
the capture path.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = [
    "add_months",
    "days_in_month",
    "easter",
    "end_of_month",
    "holiday_on",
    "next_occurrence",
    "quarter_end",
    "thanksgiving",
    "week_start",
]

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """The number of days in ``month`` (what the calendar module's monthrange gives),
    without importing calendar (and locale) on the capture path."""
    if not 1 <= month <= 12:
        raise ValueError(f"bad month number {month}; must be 1-12")
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if leap else _MONTH_DAYS[month - 1]


def end_of_month(year: int, month: int) -> date:
    return date(year, month, days_in_month(year, month))


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


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
    if name.endswith(" eve") and not name.startswith("new year"):
        day = holiday_on(name[:-4], year)  # "christmas eve": the day before the holiday
        return day - timedelta(days=1) if day is not None else None
    if name.startswith("new year") and name.endswith("eve"):
        return date(year, 12, 31)
    if name.startswith("hogmanay"):
        return date(year, 12, 31)
    if name.startswith("boxing"):
        return date(year, 12, 26)
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
