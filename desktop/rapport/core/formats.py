"""Dates as people read them ("Nov 3", "Nov 3, 2026", "3 days ago"), on every platform.

strftime's "%-d" (day without a leading zero) does not exist on Windows, so the day is
spelled out by hand here, and every screen, card and command says dates through these.
"""

from __future__ import annotations

from datetime import date, datetime


def day_month(day: date) -> str:
    """'Nov 3'."""
    return f"{day:%b} {day.day}"


def full_date(day: date) -> str:
    """'Nov 3, 2026'."""
    return f"{day:%b} {day.day}, {day.year}"


def short_day(day: date) -> str:
    """'Tue Nov 3'."""
    return f"{day:%a} {day:%b} {day.day}"


def day_label(day: date | datetime, today: date) -> str:
    """How every table and tab says a day: 'today', 'tomorrow', 'yesterday', otherwise
    'Mon Dec 7', with the year when it is not this year ('Sun Dec 7, 2025')."""
    if isinstance(day, datetime):
        day = day.date()
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    text = short_day(day)
    return text if day.year == today.year else f"{text}, {day.year}"


def stamp_label(when: datetime, today: date) -> str:
    """A moment in a table: the day as ``day_label`` says it, then the time ('today 14:05')."""
    return f"{day_label(when, today)} {when:%H:%M}"


def kind_text(kind: str) -> str:
    """A kind as words: 'thank referrer', not 'thank_referrer'."""
    return kind.replace("_", " ")


def ago(days: int) -> str:
    """'today', 'yesterday', '12 days ago', '3 months ago', '2 years ago'."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 60:
        return f"{days} days ago"
    if days < 730:
        return f"{round(days / 30.4)} months ago"
    return f"{days // 365} years ago"


def soon(days: int) -> str:
    """'today', 'tomorrow', 'in 5 days'."""
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def met_text(how_we_met: str) -> str:
    """'Met: at the expo', but 'Met at the expo' as typed (not 'Met: Met at the expo')."""
    text = " ".join(how_we_met.split())
    first = text.split(" ", 1)[0].rstrip(":,").casefold()
    if first in ("met", "meet", "introduced", "referred"):
        return text
    return f"Met: {text}"
