"""A yearly day written the European way, for the dates field (i16ip).

Family: a birthday or anniversary written day first with dots ("birthday is 12.01.", "23.4. -
turns 60", "born 03.11.1961", "bday 8.9") or with a slash when the day cannot be a month
("anniversary 14/02"), as German, Dutch, Scandinavian, Slavic and other second-language writers
and European phone settings write it. The date grammar (``dates/``) reads "12/01" in the
writer's order; this reads only the dotted days and the unambiguous slashed ones it leaves
unread, next to the day's label.
"""

from __future__ import annotations

import re

from rapport.core.understand.text import LazyRegex

__all__ = ["european_day"]

_DAY = LazyRegex(
    r"(?<![\d.,:/])(?P<day>[0-3]?\d)(?:\.(?P<dm>[01]?\d)\.(?:(?:19|20)\d\d\b|(?!\d))|"
    r"\.(?P<dm2>[01]?\d)(?![\d.,:%\w])(?!\s*(?:k|m|mil|million|bn|billion|percent|pct|x|hours?|"
    r"hrs?|years?|yrs?|months?|weeks?|days?|kg|km|lbs?|miles?)\b)|/(?P<sm>[01]?\d)(?![\d/]))",
    re.IGNORECASE,
)
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_BEFORE = 30  # the window around the label the other days are looked for in (facts.py)
_AFTER = 45


def european_day(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(month, day, where it ends in ``text``) of the European day nearest the label said at
    ``text[start:end]``, preferring one after it; None when there is none."""
    if "." not in text and "/" not in text:
        return None
    best: tuple[int, int, int] | None = None
    best_gap = _AFTER + _BEFORE + 1
    for m in _DAY.finditer(text, max(0, start - _BEFORE), min(len(text), end + _AFTER)):
        day = int(m.group("day"))
        slashed = m.group("sm") is not None
        month = int(m.group("dm") or m.group("dm2") or m.group("sm"))
        if slashed and day <= 12:
            continue  # "12/01": either order, the grammar's to read
        if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN[month - 1]):
            continue
        gap = m.start() - end if m.start() >= end else (start - m.end()) + _AFTER
        if gap < best_gap:
            best, best_gap = (month, day, m.end()), gap
    return best
