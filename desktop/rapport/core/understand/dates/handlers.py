"""What each date phrase means: one handler per kind of expression, from a regex match and
*today* to a day.

``rules`` pairs each handler with its regex; ``find.find_dates`` runs them.

Choices, written down because every team argues about them:
- A bare weekday ("Friday", "by Fri", "on Monday") is the next such day *after* today: said on
  a Friday, "Friday" means a week later. "this Friday" said on a Friday means today.
- "next <weekday>" is that weekday in next calendar week (weeks start on Monday): on Wednesday
  2026-11-18 "next Friday" is 2026-11-27 and "next Monday" 2026-11-23.
- "this week" / "end of week" is this week's Friday (next week's when today is a weekend day);
  "next week" is next week's Monday; "end of next week" its Friday; "weekend" its Saturday.
- "in a couple of days" is +2, "in a few days" / "in the next few days" +3, "a few weeks" +21:
  the app needs a concrete day to remind on, and the user can move it.
- "end of month" is its last day, "next month" the 1st of next month, a month alone ("in March",
  "by March") the 1st of that month, "end of March" its last day, "mid-March" the 15th.
- Q1..Q4 mean the last day of that quarter (this year's unless already past).
- Month and day without a year ("Dec 1", "3/15", US order) mean the next such day, today included.
- "before the holidays", "after the holidays" are recognised but have no honest day: ``None``;
  "after Labor Day" is the next working day after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from rapport.core.understand.dates.days import (
    add_months,
    days_in_month,
    end_of_month,
    holiday_on,
    next_occurrence,
    quarter_end,
    week_start,
)
from rapport.core.understand.dates.words import WEEKDAY_NUMBERS, count_of
from rapport.core.understand.programs import compile_regex

__all__ = ["PREP_BEFORE", "Handler"]  # and the on_* handlers

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Misspelt month names the grammar accepts, by their own spelling (the rest go by the first
# three letters: "octobr" is "oct")
MISSPELT_MONTHS = {"mrch": 3, "marh": 3, "apirl": 4, "aprl": 4, "agust": 8, "augst": 8}
MISSPELT_MONTHS |= {"setpember": 9}
# Short weekday forms that are also English words ("sat down", "the sun") count only after
# a preposition or "this"/"next", or at the end of a clause after a verb's object ("call him
# back mon", "text Sat.") where the word cannot be the verb or the noun.
_SHORT_NEEDS_PREP = {"mon", "wed", "sat", "sun"}
_CLAUSE_END = compile_regex(
    r"\.?(?:\s*(?:[.,;:!?)+&/]|->|$|#(?=\w))|\s*\n|\s+@?\s*\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m|p\.m)\b"
    r"|\s+(?:and|or|if|am|pm|morning|afternoon|eod|cob|to|re|about|for|with|w/|at|@)(?!\w))",
    re.IGNORECASE,
)
# after a full stop the grammar's pattern took: the next sentence's first word or the note's end
_SENTENCE_AFTER = compile_regex(r"\s+\S|\s*$")
_NOT_AFTER = frozenset(
    {"the", "a", "an", "we", "he", "she", "they", "i", "you", "who", "in", "and", "just"}
    | {"had", "have", "then", "was"}
)
_END_OF_DAY = compile_regex(r"\b(?:eod|e\.o\.d|cob|end\s+of\s+day)\b", re.IGNORECASE)
PREP_BEFORE = compile_regex(
    r"\b(?:by|on|before|b4|until|till|til|due|for|around|no\s+later\s+than|nlt|latest|from)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)

Handler = Callable[[re.Match[str], date], "tuple[date | None, str] | None"]


def on_weekday(m: re.Match[str], today: date) -> tuple[date | None, str] | None:
    raw = m.group("wd").lower()
    mod = " ".join((m.group("mod") or "").lower().split()) or ("next" if m.group("next2") else "")
    after_prep = PREP_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
    clocked = m.group("clock") is not None  # "call Mon 2pm her time": surely a day
    if raw in _SHORT_NEEDS_PREP and not (mod or after_prep or clocked or _clause_final(m)):
        return None
    target = WEEKDAY_NUMBERS[raw[:3]]
    if m.group("plus") and not mod:
        # "Thursday week" (British): a week after the coming Thursday
        ahead = (target - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead + 7), "day"
    if mod in ("next", "nxt"):
        return week_start(today) + timedelta(days=7 + target), "day"
    ahead = (target - today.weekday()) % 7
    # "COB Thu" said on a Thursday is today's close of business; a bare "Thu" is next week's.
    same_day = mod.startswith("this") or _END_OF_DAY.search(m.group(0)) is not None
    if ahead == 0 and not same_day:
        ahead = 7
    return today + timedelta(days=ahead), "day"


def on_weekday_date(
    m: re.Match[str], today: date, day_first: bool = False
) -> tuple[date | None, str] | None:
    """'Fri the 13th', 'Thurs 6/10', 'Tue Dec 1': the date decides; the weekday, when the date
    gives only a day of the month, picks the month whose such day falls on that weekday."""
    raw = m.group("wd").lower()
    after_prep = PREP_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
    if raw in _SHORT_NEEDS_PREP and not after_prep and not m.group("day") and not m.group("day2"):
        return None  # "photos Mon 1/4": like a bare "Mon", the word stays a word; 1/4 is the date
    if m.group("m"):
        return on_numeric(m, today, day_first)
    if m.group("mon"):
        value = next_occurrence(today, _month_of(m), int(m.group("mday")), None)
        return (value, "day") if value else None
    day = int(m.group("day") or m.group("day2"))
    if not 1 <= day <= 31:
        return None
    target = WEEKDAY_NUMBERS[m.group("wd").lower()[:3]]
    first_fit = None
    month_start = today.replace(day=1)
    for offset in range(12):
        first = add_months(month_start, offset)
        if day > days_in_month(first.year, first.month):
            continue
        candidate = first.replace(day=day)
        if candidate < today:
            continue
        if candidate.weekday() == target:
            return candidate, "day"
        first_fit = first_fit or candidate
    return (first_fit, "day") if first_fit else None


def on_week_from(m: re.Match[str], today: date) -> tuple[date | None, str]:
    """'a week from Friday' (the coming Friday, then a week), 'two weeks from tomorrow'."""
    weeks = count_of(m.group("k")) * (2 if m.group("unit").lower().startswith("fortnight") else 1)
    raw = (m.group("wd") or "").lower()
    base = m.group("base").lower()
    if raw:
        ahead = (WEEKDAY_NUMBERS[raw[:3]] - today.weekday()) % 7 or 7
        start = today + timedelta(days=ahead)
    else:
        start = today + timedelta(days=0 if base in ("today", "now") else 1)
    return start + timedelta(days=7 * weeks), "day"


def _clause_final(m: re.Match[str]) -> bool:
    """'call back mon', 'reply Mon,': a short weekday closing a clause, not a word in it."""
    before = m.string[max(0, m.start() - 12) : m.start()].lower().split()
    if not before or before[-1] in _NOT_AFTER:
        return False
    if m.group(0).endswith(".") and _SENTENCE_AFTER.match(m.string, m.end()):
        return True  # "send the draft Mon. She asked...": the rule took the sentence's full stop
    return _CLAUSE_END.match(m.string, m.end()) is not None


def on_nth_week(m: re.Match[str], today: date) -> tuple[date | None, str]:
    """'first wk of Jan' -> Jan 1, 'second week of March' -> March 8, 'last week of June' -> the
    24th: the week's first day, like "early March" is the 1st."""
    month = _month_of(m)
    year = today.year if month >= today.month else today.year + 1
    which = m.group("nth").lower()
    if which in ("last", "final"):
        return max(today, end_of_month(year, month) - timedelta(days=6)), "week"
    index = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}.get(which, 3)
    return max(today, date(year, month, 1 + 7 * index)), "week"


def _month_of(m: re.Match[str]) -> int:
    raw = m.group("mon").lower()
    return MISSPELT_MONTHS.get(raw) or _MONTHS[raw[:3]]


def on_month_day(m: re.Match[str], today: date) -> tuple[date | None, str] | None:
    year = m.group("year")
    value = next_occurrence(today, _month_of(m), int(m.group("day")), int(year) if year else None)
    return (value, "day") if value else None


def on_numeric(
    m: re.Match[str], today: date, day_first: bool = False
) -> tuple[date | None, str] | None:
    """'3/15', '6/10/27': month first, or day first when the user's order says so
    (``order.py``); a pair that cannot be read in that order is no date."""
    month, day = int(m.group("m")), int(m.group("d"))
    if day_first:
        month, day = day, month
    year = m.group("y")
    stamp = m.string[max(0, m.start() - 1) : m.start()] == "["  # a chat export's "[14/04/2026,"
    if year and month > 12 and 1 <= day <= 12 and month <= 31 and not stamp:
        # (brief i16tr2) "14/01/2027" in a month-first book: a full date that can only be read
        # day first is that day (a second-language writer's order); "24/7" stays no date
        month, day = day, month
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    value = next_occurrence(today, month, day, int(year) if year else None)
    return (value, "day") if value else None


def on_dotted(m: re.Match[str], today: date) -> tuple[date | None, str] | None:
    """'12.01.2027', '3.2.27': day first whatever the user's order (the dotted form is the
    day-month countries'); a pair that is no day of a month is no date ("v2.14.3")."""
    day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year += 2000 if year < 100 else 0
    try:
        return date(year, month, day), "day"
    except ValueError:
        return None


def on_weekday_after_next(m: re.Match[str], today: date) -> tuple[date | None, str] | None:
    """'next next Monday': that day of the week after next."""
    return _weekday_weeks_on(m, today, 2), "day"


def on_weekday_of_next_week(m: re.Match[str], today: date) -> tuple[date | None, str] | None:
    """'Friday of next week': that day of the week after this one."""
    return _weekday_weeks_on(m, today, 1), "day"


def _weekday_weeks_on(m: re.Match[str], today: date, weeks: int) -> date:
    """The day of the week ``m`` names ("wd"), ``weeks`` weeks after this one."""
    return week_start(today) + timedelta(
        days=7 * weeks + WEEKDAY_NUMBERS[m.group("wd").lower()[:3]]
    )


def on_iso(m: re.Match[str], today: date) -> tuple[date | None, str] | None:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
    except ValueError:
        return None


def on_ordinal(m: re.Match[str], today: date) -> tuple[date | None, str] | None:
    day = int(m.group("day") or m.group("day2"))
    if not 1 <= day <= 31:
        return None
    month_start = today.replace(day=1)
    for offset in range(3):  # this month if still ahead, else the next month that has the day
        first = add_months(month_start, offset)
        if day <= days_in_month(first.year, first.month):
            candidate = first.replace(day=day)
            if candidate >= today:
                return candidate, "day"
    return None


def on_day_of_month(m: re.Match[str], today: date) -> tuple[date | None, str] | None:
    """'the 15th of next month', 'until 20 of this month': that day of the month named."""
    day = int(m.group("day"))
    first = today.replace(day=1)
    if m.group("which").lower() != "this":
        first = add_months(first, 1)
    if not 1 <= day <= days_in_month(first.year, first.month):
        return None
    return first.replace(day=day), "day"


def on_today(m: re.Match[str], today: date) -> tuple[date | None, str]:
    return today, "day"


def on_time_today(m: re.Match[str], today: date) -> tuple[date | None, str]:
    return today, "time"


def on_tomorrow(m: re.Match[str], today: date) -> tuple[date | None, str]:
    text = m.group(0).lower()
    if "after" in text:
        return today + timedelta(days=2), "day"
    return today + timedelta(days=1), "day"


def on_yesterday(m: re.Match[str], today: date) -> tuple[date | None, str]:
    return today - timedelta(days=1), "day"


def on_this_week(m: re.Match[str], today: date) -> tuple[date | None, str]:
    text = m.group(0).lower()
    monday = week_start(today)
    if today.weekday() >= 5:  # on a weekend "this week" is already the next one
        monday += timedelta(days=7)
    if any(w in text for w in ("weekend", "wknd", "w/e")) and "by" not in text:
        return max(today, monday + timedelta(days=5)), "week"
    return monday + timedelta(days=4), "week"


def on_next_week(m: re.Match[str], today: date) -> tuple[date | None, str]:
    pos = " ".join((m.group("pos") or "").lower().split())
    monday = week_start(today) + timedelta(days=7)
    if m.group("wk").lower() in ("weekend", "wknd"):
        return monday + timedelta(days=5), "week"
    if pos in ("mid", "middle of"):
        return monday + timedelta(days=2), "week"
    if pos in ("late", "end of", "the end of"):
        return monday + timedelta(days=4), "week"
    return monday, "week"


def on_week_after_next(m: re.Match[str], today: date) -> tuple[date | None, str]:
    return week_start(today) + timedelta(days=14), "week"


def on_this_month(m: re.Match[str], today: date) -> tuple[date | None, str]:
    if "mid" in m.group(0).lower():
        return max(today, today.replace(day=15)), "month"
    return end_of_month(today.year, today.month), "month"


def on_next_month(m: re.Match[str], today: date) -> tuple[date | None, str]:
    pos = " ".join((m.group("pos") or "").lower().split())
    first = add_months(today.replace(day=1), 1)
    if pos in ("mid", "middle of"):
        return first.replace(day=15), "month"
    if pos in ("late", "end of", "the end of"):
        return end_of_month(first.year, first.month), "month"
    if pos:  # "early next month": its first working day, not a Sunday the 1st
        while first.weekday() >= 5:
            first += timedelta(days=1)
    return first, "month"


# Family (brief i16due): a run of months after "for" is the period a thing covers ("the bank
# statements for Jan and Feb", "invoices for March-April", "for Oct through Dec"), no due
_MONTH_RUN_AFTER = compile_regex(
    r"\s*(?:and|&|,|-|–|to|through|thru)\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)


def on_month_only(m: re.Match[str], today: date) -> tuple[date | None, str] | None:
    raw = m.group("mon")
    mod = " ".join((m.group("mod") or "").lower().split())
    if mod == "for" and _MONTH_RUN_AFTER.match(m.string, m.end()):
        return None
    if raw.lower() == "may" and not raw[0].isupper() and mod in ("", "in", "by", "for"):
        return None  # "she may", "by may be": too risky in lower case
    month = _month_of(m)
    year = today.year if month >= today.month else today.year + 1
    if mod == "next" and month == today.month:
        year += 1
    if mod.endswith("end of") or mod == "late":
        return end_of_month(year, month), "month"
    if mod in ("mid", "middle of"):
        return max(today, date(year, month, 15)), "month"
    return max(today, date(year, month, 1)), "month"


_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_QUARTER_WORDS |= {"fourth": 4, "4th": 4}


def on_quarter(m: re.Match[str], today: date) -> tuple[date | None, str]:
    quarter = int(m.group("q")) if m.group("q") else _QUARTER_WORDS[m.group("qw").lower()]
    raw_year = (m.group("y") or "").lstrip("'")
    if raw_year:
        year = int(raw_year)
        return quarter_end(year + 2000 if year < 100 else year, quarter), "quarter"
    end = quarter_end(today.year, quarter)
    return (end if end >= today else quarter_end(today.year + 1, quarter)), "quarter"


def on_this_quarter(m: re.Match[str], today: date) -> tuple[date | None, str]:
    quarter = (today.month - 1) // 3 + 1
    if "next" in m.group(0).lower():
        first = add_months(date(today.year, quarter * 3, 1), 1)
        return first, "quarter"
    return quarter_end(today.year, quarter), "quarter"


def on_year_end(m: re.Match[str], today: date) -> tuple[date | None, str]:
    year = m.group("y")
    return date(int(year) if year else today.year, 12, 31), "year"


def on_next_year(m: re.Match[str], today: date) -> tuple[date | None, str]:
    return date(today.year + 1, 1, 1), "year"


def on_duration(m: re.Match[str], today: date) -> tuple[date | None, str] | None:
    groups = m.groupdict()
    number = groups.get("n") or groups.get("n2") or ""
    count = count_of(number)
    unit = (groups.get("unit") or groups.get("unit2") or "").lower()
    vague = any(w in number.lower() for w in ("few", "couple", "several"))
    kind = "vague" if vague else "duration"
    if unit.startswith(("h",)):
        # "within 48 hours": two days; "in 2 hours": today
        return (today + timedelta(days=count // 24), "duration") if count >= 24 else (today, "time")
    if unit.startswith(("business", "biz", "working")):
        day, left = today, count
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        return day, kind
    if unit.startswith("d"):
        return today + timedelta(days=count), kind
    if unit.startswith("w"):
        return today + timedelta(weeks=count), kind
    if unit.startswith("f"):  # "in a fortnight"
        return today + timedelta(weeks=2 * count), kind
    return add_months(today, count), kind


def on_holiday(m: re.Match[str], today: date) -> tuple[date | None, str]:
    prep = m.group("prep").lower()
    name = " ".join(m.group("h").lower().split())
    if name == "holidays" and prep in ("by", "before", "b4", "until", "till"):
        # "before the holidays", "by the holidays": a deadline, the last weekday before
        # Christmas Eve (offices close for the season then); "after the holidays" stays vague
        eve = date(today.year, 12, 23)
        eve = eve if eve >= today else date(today.year + 1, 12, 23)
        while eve.weekday() >= 5:
            eve -= timedelta(days=1)
        return eve, "day"
    if holiday_on(name, today.year) is None:
        return None, "vague"  # "after the holidays": no honest day
    value = holiday_on(name, today.year)
    if value is not None and value < today:
        value = holiday_on(name, today.year + 1)
    if value is not None and prep in ("before", "b4"):
        value -= timedelta(days=1)
    elif value is not None and prep == "after":
        # "call back after Labor Day": the next working day after it
        value += timedelta(days=1)
        while value.weekday() >= 5:
            value += timedelta(days=1)
    return value, "day"


def on_first_of_month(m: re.Match[str], today: date) -> tuple[date | None, str]:
    """ "by the first of the month": the next first (today when it is the first)."""
    if today.day == 1:
        return today, "day"
    return add_months(today.replace(day=1), 1), "day"
