"""Due dates in note text: a small grammar over ``datetime``, no third-party parser.

Quick capture needs "by Friday", "EOD", "in two weeks", "end of month", "3/15" and "Q1" turned
into one calendar day relative to *today*, fast and predictably. ``find_dates`` locates every
date expression in a text (with the preposition before it, so a task title can drop it);
``parse_due`` turns a phrase into a ``date``.

The rules and the choices behind them (what "next Friday" or "Q1" means) live in
``dates_rules``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from rapport.core.capture_text import LazyRegex

if TYPE_CHECKING:
    from rapport.core.dates_handlers import Handler

__all__ = ["DateMention", "find_dates", "parse_due"]


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
def _rules() -> tuple[tuple[LazyRegex, Handler, tuple[str, ...]], ...]:
    # The grammar is loaded on first use (importing capture, the hotkey path, stays cheap) and
    # each pattern compiled the first time a note has one of its trigger words.
    from rapport.core.dates_rules import RULES_SRC, TRIGGERS

    return tuple(
        (LazyRegex(src, re.IGNORECASE), handler, TRIGGERS.get(handler, ("",)))
        for src, handler in RULES_SRC
    )


@cache
def _prep_before() -> re.Pattern[str]:
    from rapport.core.dates_handlers import PREP_BEFORE

    return PREP_BEFORE


def find_dates(text: str, today: date) -> list[DateMention]:
    """Every date expression in ``text``, left to right, never overlapping (longest wins)."""
    found: list[tuple[int, int, date | None, str]] = []
    low = text.lower()
    for pattern, handler, triggers in _rules():
        if not any(t in low for t in triggers):
            continue
        for m in pattern.finditer(text):
            result = handler(m, today)
            if result is not None:
                found.append((m.start(), m.end(), result[0], result[1]))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    mentions: list[DateMention] = []
    last_end = -1
    for start, end, value, kind in found:
        if start < last_end:
            continue
        prep = _prep_before().search(text, max(0, start - 16), start)
        if prep is not None and prep.end() == start and prep.start() >= last_end:
            start = prep.start()
        mentions.append(DateMention(start, end, text[start:end], value, kind))
        last_end = end
    return mentions


def parse_due(phrase: str, today: date) -> date | None:
    """The day that ``phrase`` (or the first date expression in it) names, or None.

    >>> parse_due("by Friday", date(2026, 11, 18))
    datetime.date(2026, 11, 20)
    """
    for mention in find_dates(phrase, today):
        if mention.value is not None:
            return mention.value
    return None
