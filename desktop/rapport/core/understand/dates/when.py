"""When something heard in a note happens: "in May", "this weekend", "next week", "June 2".

The brief asks "How was Scotland?" only once the trip is over and "Are you all set for
Scotland?" before it. Notes give times loosely and relative to the day they were heard,
so this module reads the common phrasings relative to that day. It is deliberately
small: anything it cannot read is ``None`` and the caller falls back to the age of the
note. It also says when the wording itself places the thing in the past ("got back
from", "last week") or as still going on ("is training for").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
# Middle of each season in the northern hemisphere, as (month, day).
SEASONS = {"spring": (4, 15), "summer": (7, 15), "fall": (10, 15), "autumn": (10, 15)}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "a couple of": 2,
    "a few": 3,
    "couple of": 2,
    "few": 3,
}

# "May" and "March" are words too ("we may", "march on"): they count as months only
# when capitalised; other month names count in any case.
_MONTH_RE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|january|february|april|june|july|august|september|october|november|december)"
    r"(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?"
)
_ABBR_DAY_RE = re.compile(
    r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.I
)
_RELATIVE_RE = re.compile(
    r"\bin\s+(\d+|a couple of|a few|an?|one|two|three|four|five|six)\s+(day|week|month)s?\b", re.I
)
_WEEKDAY_RE = re.compile(
    r"\b(?:on\s+|this\s+|next\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_RECURRING_RE = re.compile(r"\b(?:each|every)\s+(?:year|fall|autumn|spring|summer|winter)\b", re.I)

PAST_MARKERS = re.compile(
    r"\b(?:got back|came back|just back|back from|returned|went|was|were|had|did|"
    r"last (?:week|weekend|month|year|night)|yesterday|earlier this (?:week|month)|"
    r"passed away|died|broke|tore|just (?:had|got|finished|won|made|started|moved|"
    r"launched|retired|graduated|opened|adopted|bought))\b",
    re.I,
)
ONGOING_MARKERS = re.compile(
    r"\b(?:is|are|'s|'re)\s+(?:\w+ly\s+)?(?:training|learning|recovering|working|"
    r"studying|renovating|remodeling|planning|preparing|starting|taking|playing|"
    r"building|looking|hunting)\b|\bin (?:the )?(?:middle|process) of\b|\bstill\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class When:
    """What the wording says about timing. ``day`` is the best guess of the date."""

    day: date | None = None
    past: bool = False  # the wording places it before the day it was heard
    ongoing: bool = False  # "is training for", "is recovering"
    recurring: bool = False  # "each fall": not one event


def next_month_day(after: date, month: int, day: int) -> date:
    """The first ``month``/``day`` on or after ``after`` (29 Feb falls back to the 28th)."""
    for year in (after.year, after.year + 1, after.year + 2):
        last = calendar.monthrange(year, month)[1]
        candidate = date(year, month, min(day, last))
        if candidate >= after:
            return candidate
    return date(after.year + 1, month, min(day, 28))  # pragma: no cover - unreachable


def read(text: str, heard_on: date) -> When:
    """When the thing in ``text`` (heard on ``heard_on``) happens, as far as it says."""
    lower = text.lower()
    recurring = bool(_RECURRING_RE.search(text))
    past = bool(PAST_MARKERS.search(text))
    ongoing = bool(ONGOING_MARKERS.search(text))
    day = None if recurring else _day(text, lower, heard_on, past)
    return When(day=day, past=past, ongoing=ongoing, recurring=recurring)


def _day(text: str, lower: str, heard: date, past: bool) -> date | None:
    if "tomorrow" in lower:
        return heard + timedelta(days=1)
    if re.search(r"\b(?:today|tonight|this morning|this afternoon)\b", lower):
        return heard
    if "yesterday" in lower:
        return heard - timedelta(days=1)
    if re.search(r"\bnext weekend\b", lower):
        return _saturday_after(heard) + timedelta(days=7)
    if re.search(r"\b(?:this|the) weekend\b", lower):
        return _saturday_after(heard)
    if re.search(r"\blast weekend\b", lower):
        return _saturday_after(heard) - timedelta(days=7)
    if re.search(r"\bnext week\b", lower):
        return heard + timedelta(days=7)
    if re.search(r"\blast week\b", lower):
        return heard - timedelta(days=7)
    if re.search(r"\bnext month\b", lower):
        return heard + timedelta(days=30)
    if re.search(r"\blast month\b", lower):
        return heard - timedelta(days=30)
    if re.search(r"\bnext year\b", lower):
        return heard + timedelta(days=365)
    relative = _RELATIVE_RE.search(lower)
    if relative:
        count_text, unit = relative.group(1), relative.group(2)
        count = int(count_text) if count_text.isdigit() else NUMBER_WORDS.get(count_text, 1)
        days = {"day": 1, "week": 7, "month": 30}[unit] * count
        return heard + timedelta(days=days)
    abbr = _ABBR_DAY_RE.search(text)
    if abbr:
        month = MONTH_ABBR[_abbr(abbr.group(1))]
        return _month_day(heard, month, int(abbr.group(2)), past, mid=False)
    month_match = _MONTH_RE.search(text)
    if month_match:
        month = MONTHS[month_match.group(1).lower()]
        if month_match.group(2):
            return _month_day(heard, month, int(month_match.group(2)), past, mid=False)
        return _month_day(heard, month, 20, past, mid=True)
    for season, (month, day) in SEASONS.items():
        if re.search(rf"\b(?:this|next|in the|in)\s+{season}\b", lower):
            return next_month_day(heard, month, day)
    weekday = _WEEKDAY_RE.search(lower)
    if weekday:
        wanted = WEEKDAYS[weekday.group(1).lower()]
        ahead = (wanted - heard.weekday()) % 7 or 7
        if past:
            return heard - timedelta(days=(heard.weekday() - wanted) % 7 or 7)
        return heard + timedelta(days=ahead)
    return None


def _abbr(text: str) -> str:
    key = text.lower().rstrip(".")
    return "sept" if key == "sept" else key[:3]


def _month_day(heard: date, month: int, day: int, past: bool, mid: bool) -> date | None:
    try:
        date(2000, month, day)
    except ValueError:
        return None
    if past:
        # "was in May" heard in June: this year's May, or last year's if May is ahead.
        candidate = date(heard.year, month, min(day, calendar.monthrange(heard.year, month)[1]))
        if candidate > heard:
            candidate = date(heard.year - 1, month, min(day, 28 if month == 2 else day))
        return candidate
    if mid and month == heard.month:
        # "in May" heard on 3 May: this May, even when the 20th is still ahead.
        return date(heard.year, month, day)
    return next_month_day(heard, month, day)


def _saturday_after(day: date) -> date:
    """The coming Saturday (the day itself on a Saturday; yesterday's on a Sunday)."""
    if day.weekday() == 6:
        return day - timedelta(days=1)
    return day + timedelta(days=(5 - day.weekday()) % 7)
