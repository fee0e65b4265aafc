"""Due dates in note text: a small grammar over ``datetime``, no third-party parser.

Quick capture needs "by Friday", "EOD", "in two weeks", "end of month", "3/15" and "Q1" turned
into one calendar day relative to *today*, fast and predictably. ``find_dates`` locates every
date expression in a text (with the preposition before it, so a task title can drop it);
``parse_due`` turns a phrase into a ``date``.

The grammar is in two modules loaded on the first note: ``rules`` (which regex finds
which kind of phrase) and ``handlers`` (what each phrase means, with the choices behind
"next Friday" or "Q1" written down). ``days`` keeps the calendar arithmetic they share, so
that none of the three imports this module back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, partial
from typing import TYPE_CHECKING

from rapport.core.understand.dates.days import (
    add_months,
    end_of_month,
    holiday_on,
    next_occurrence,
    quarter_end,
    week_start,
)
from rapport.core.understand.dates.words import ORDINALS, WEEKDAY_NUMBERS
from rapport.core.understand.text import LazyRegex

if TYPE_CHECKING:
    from rapport.core.understand.dates.handlers import Handler

__all__ = [
    "DateMention",
    "add_months",
    "end_of_month",
    "find_dates",
    "holiday_on",
    "next_occurrence",
    "parse_due",
    "quarter_end",
    "week_start",
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression found in a text."""

    start: int  # includes a leading preposition ("by", "on", "before"...)
    end: int
    text: str
    value: date | None
    kind: str  # day, time, week, month, quarter, year, duration, vague

    @property
    def exact(self) -> bool:
        """True when the expression names one calendar day (usable for a birthday)."""
        return self.value is not None and self.kind in ("day", "duration")


@cache
def _rules(day_first: bool = False) -> tuple[tuple[LazyRegex, Handler, tuple[str, ...]], ...]:
    # The grammar is loaded on first use (importing capture, the hotkey path, stays cheap) and
    # each pattern compiled the first time a note has one of its trigger words.
    from rapport.core.understand.dates.rules import DAY_FIRST_AWARE, RULES_SRC, TRIGGERS

    return tuple(
        (
            LazyRegex(src, re.IGNORECASE),
            partial(handler, day_first=True)
            if day_first and handler in DAY_FIRST_AWARE
            else handler,
            TRIGGERS.get(handler, ("",)),
        )
        for src, handler in RULES_SRC
    )


@cache
def _prep_before() -> re.Pattern[str]:
    from rapport.core.understand.dates.handlers import PREP_BEFORE

    return PREP_BEFORE


# "swing by Thursday", "stop by tmrw": the "by" is the verb's ("visit"), not "no later than"
_VISIT_BY = LazyRegex(
    r"\b(?:swing|swinging|stop|stopping|drop|dropping|come|coming|pop|popping|run|running)\s+by$",
    re.IGNORECASE,
)


# Family: a date struck out in a pasted markdown note ("ship by ~~Fri~~ Mon 3/9"): no longer
# the date, the one after it is
_STRUCK = LazyRegex(r"~~[^~\n]{1,60}~~")


# Family: a week named by a day in it ("re-inspect - week of Feb 9", "the week of the 14th"):
# one date expression, so that "week of" is neither a title nor a task of its own
_WEEK_OF = LazyRegex(r"\b(?:the\s+)?week\s+of\s+$", re.IGNORECASE)
# Family (brief i16due): notes drop the article ("site check wk after Thanksgiving", "week
# before the 14th"); never "a week after" (seven days on) nor "next week after" (a week named)
_WEEK_AROUND = LazyRegex(
    r"(?:\bthe\s+|(?<!\ba\s)(?<!\bone\s)(?<!\d\s)(?<!next\s)(?<!nxt\s)(?<!this\s)(?<!last\s)\b)"
    r"(?:wk|week)\s+(?:(?P<dir>after|before)\s+)?$",
    re.IGNORECASE,
)
_SIDE = LazyRegex(r"after|before", re.IGNORECASE)  # a holiday's rule reads "after Xmas" itself


# Days of the month said in words, as dictation writes them ("june ninth", "by the twenty
# seventh", "wednesday the eighteenth", "december first"): read as "9th", "27th"... where a
# month, a weekday or "the" before them makes them a date, never "the first thing" or "a
# second look".
_ORDINAL_ALT = "|".join(sorted(ORDINALS, key=len, reverse=True))
_SPELLED_DAY = LazyRegex(
    r"\b(?P<before>(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+(?:the\s+)?"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\s+the\s+"
    r"|(?:by|on|before|after|until|till|for|from|of|around|due)\s+the\s+"
    # "the first of April", "the fifteenth of next month": "of" and a month make it a date
    r"|(?<![\w'])the\s+(?=(?:(?:twenty|thirty)[\s-]+)?[a-z]+\s+of\s+(?:the\s+)?(?:jan|feb|mar|apr"
    r"|may|jun|jul|aug|sep|oct|nov|dec|this\s+month|next\s+month|following\s+month))"
    # Family: the day said before its month without "the", as speech drops it ("twenty third of
    # march", "nineteenth december"): "of" and a month, or a month's full name, make it a date
    # ("may" only after "of": "the first may be")
    r"|(?<![\w'-])(?=(?:(?:twenty|thirty)[\s-]+)?[a-z]+\s+(?:of\s+(?:jan|feb|mar|apr|may|jun|jul"
    r"|aug|sep|oct|nov|dec)|(?:january|february|march|april|june|july|august|september|october"
    r"|november|december)\b)))"
    r"(?P<day>(?:(?P<tens>twenty|thirty)[\s-]+)?(?P<unit>" + _ORDINAL_ALT + r"))\b"
    r"(?!\s+(?:thing|time|week|quarter|half|round|step|floor|grade|place|line|one|of\s+(?!"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|(?:the\s+)?(?:this|next|following)\s+month)))",
    re.IGNORECASE,
    needs="first second third th",
)


def _spelled_days(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with days said in words written in digits, same length (padded after the digits),
    and where each such day is, so that a match ending in the padding ends with the words."""
    regions: list[tuple[int, int]] = []
    chars: list[str] | None = None
    for m in _SPELLED_DAY.finditer(text):
        day = ORDINALS[m.group("unit").lower()]
        if m.group("tens"):
            if day > 9:
                continue
            day += 20 if m.group("tens").lower() == "twenty" else 30
        if day > 31:
            continue
        start, end = m.start("day"), m.end("day")
        suffix = "th" if 10 <= day <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        digits = f"{day}{suffix}"
        if chars is None:
            chars = list(text)
        chars[start:end] = list(digits.ljust(end - start))
        regions.append((start, end))
    return ("".join(chars) if chars is not None else text), regions


# Indian English puts weight on a day with "itself" ("send it by thursday itself", "today
# itself"): part of the date phrase, so that a task title drops it with the day
_EMPHASIS_AFTER = LazyRegex(r"\s+itself\b", re.IGNORECASE)


def find_dates(text: str, today: date, day_first: bool = False) -> list[DateMention]:
    """Every date expression in ``text``, left to right, never overlapping (longest wins).
    ``day_first``: "3/4" is 3 April, not March 4 (the user's order, ``order.py``)."""
    found: list[tuple[int, int, date | None, str]] = []
    said = text
    if "~~" in text:  # struck-out words read as blanks, same length
        text = _STRUCK.sub(lambda m: " " * len(m.group()), text)
    scan, spelled = _spelled_days(text)
    low = scan.lower()
    for pattern, handler, triggers in _rules(day_first):
        if not any(t in low for t in triggers):
            continue
        for m in pattern.finditer(scan):
            result = handler(m, today)
            if result is not None:
                end = m.end()
                # "the twenty seventh" read as "the 27th": the date ends with the words
                end = next((e for s, e in spelled if s < end < e), end)
                found.append((m.start(), end, result[0], result[1]))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    mentions: list[DateMention] = []
    last_end = -1
    for start, end, value, kind in found:
        if start < last_end:
            continue
        week = _WEEK_OF.search(text, max(0, start - 16), start)
        if week is not None and week.end() == start and week.start() >= last_end:
            start, kind = week.start(), "week"  # "week of Feb 9": the week it starts
        around = _WEEK_AROUND.search(text, max(0, start - 20), start)
        side = (around.group("dir") if around else None) or _SIDE.match(text, start)
        if around and side and around.end() == start and around.start() >= last_end and value:
            # "the week after Thanksgiving": the Monday of the next week (before: of the last)
            way = side if isinstance(side, str) else side.group() if side else ""
            step = timedelta(days=7 if way.lower() == "after" else -7)
            if not isinstance(side, str):
                # the holiday's rule read "after New Year's" as the next working day after it
                # (a Monday when it falls on a Friday): the week is the one after the holiday's
                value += timedelta(days=-1 if way.lower() == "after" else 1)
            start, kind, value = around.start(), "week", week_start(value) + step
        # "no later than the " is 18 characters
        prep = _prep_before().search(text, max(0, start - 24), start)
        if (
            prep is not None
            and prep.end() == start
            and prep.start() >= last_end
            and not _VISIT_BY.search(text, max(0, prep.start() - 12), prep.start() + 2)
        ):
            start = prep.start()
        emphasis = _EMPHASIS_AFTER.match(text, end)
        if emphasis is not None:
            end = emphasis.end()  # "by thursday itself": the day, said with weight
        mentions.append(DateMention(start, end, said[start:end], value, kind))
        last_end = end
    if len(mentions) > 1 and ("after" in low or "before" in low):
        mentions = _weekday_around(mentions, text, said)
    return mentions


# Family (brief i16tr2): "the Monday after Thanksgiving", "the Friday before Christmas", "the
# Tuesday after the 14th": that weekday next after (or last before) the day the note names
_THE_BEFORE = LazyRegex(r"\bthe\s+$", re.IGNORECASE)
_BARE_WEEKDAY = LazyRegex(
    r"(?:(?:by|on|before|until|till|b4)\s+)?(?P<the>the\s+)?(?P<wd>mon|tue|wed|thu|fri|sat|sun)"
    r"[a-z]*\.?$",
    re.IGNORECASE,
)
_AROUND_GAP = LazyRegex(r"\s+(?P<dir>after|before)\s+$|\s+$", re.IGNORECASE)
_DIR_LEAD = LazyRegex(r"(?P<dir>after|before)\s", re.IGNORECASE)


def _weekday_around(mentions: list[DateMention], text: str, said: str) -> list[DateMention]:
    out: list[DateMention] = []
    k = 0
    while k < len(mentions):
        day = mentions[k]
        anchor = mentions[k + 1] if k + 1 < len(mentions) else None
        wd = _BARE_WEEKDAY.fullmatch(day.text)
        the = _THE_BEFORE.search(text, max(0, day.start - 4), day.start)
        if wd is not None and wd.group("the"):
            the = wd
        gap = _AROUND_GAP.fullmatch(text[day.end : anchor.start]) if anchor else None
        lead = _DIR_LEAD.match(anchor.text) if anchor and gap and not gap.group("dir") else None
        way = (gap.group("dir") if gap else None) or (lead.group("dir") if lead else None)
        if wd is None or the is None or anchor is None or anchor.value is None or way is None:
            out.append(day)
            k += 1
            continue
        target = WEEKDAY_NUMBERS[wd.group("wd").lower()]
        # "after Thanksgiving" alone is read as the day after (its own "after"): step from there
        value = anchor.value if lead else anchor.value + timedelta(days=1 if way == "after" else -1)
        step = 1 if way.lower() == "after" else -1
        while value.weekday() != target:
            value += timedelta(days=step)
        start = day.start if the is wd else the.start()
        out.append(DateMention(start, anchor.end, said[start : anchor.end], value, "day"))
        k += 2
    return out


def parse_due(phrase: str, today: date, day_first: bool = False) -> date | None:
    """The day that ``phrase`` (or the first date expression in it) names, or None.

    >>> parse_due("by Friday", date(2026, 11, 18))
    datetime.date(2026, 11, 20)
    """
    for mention in find_dates(phrase, today, day_first):
        if mention.value is not None:
            return mention.value
    return None
