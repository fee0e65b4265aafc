"""Stage 1 for dictated notes: what the speaker took back.

Speech corrects itself as it goes ("delivery is Tuesday, no wait, it's Thursday", "send him,
sorry, send her the forms", "ready by Nov 30, actually let's say Dec 4"), and a typed note
never does. The rules downstream read the first value as well as the second, so the first one
wins (the wrong day as the due date, a task to the wrong person, a second task made of the
correction). ``spoken_corrections`` blanks what was taken back, same length, so every span
still points into the note as written.
"""

from __future__ import annotations

import re

from rapport.core.understand.dates.words import ORDINALS
from rapport.core.understand.text import LazyRegex

__all__ = ["spoken_corrections"]

_ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY_OF_MONTH = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?|(?:(?:twenty|thirty)[\s-]+)?(?:" + _ORDINAL_WORDS + r"))"
)
_CLOCK = r"(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock)|noon|midday)"
# A day said aloud: a weekday (with its date), a day of the month, a month and its day, a
# day said by name; or a time of day. Only a value of one of these kinds is taken back by one
# of the same kind after it.
_DAY = (
    r"(?:(?:next|this)\s+)?(?:"
    + _WEEKDAY
    + r"(?:,?\s+(?:the\s+)?"
    + _DAY_OF_MONTH
    + r"\b)?(?:\s+(?:morning|afternoon|evening|night))?"
    + r"|(?:the\s+)?"
    + _DAY_OF_MONTH
    + r"(?:\s+of\s+"
    + _MONTH
    + r")?"
    + r"|"
    + _MONTH
    + r"\.?\s+(?:the\s+)?"
    + _DAY_OF_MONTH
    + r"|today|tomorrow|tonight|"
    + _CLOCK
    + r")"
)
_PRONOUN = r"(?:him|her|them)"
# The words that take back what was just said ("no", "no wait", "sorry", "I mean",
# "actually", "scratch that"), maybe followed by a lead-in to the new value ("it's", "make
# it", "let's say"); a short aside may come between them ("no wait, that's Thanksgiving
# week, make it the 30th").
_TAKE_BACK = r"(?:no+|nope|wait|sorry|i\s+mean|actually|correction|scratch\s+that|or\s+rather)"
_LEAD_IN = r"(?:it'?s|it\s+is|make\s+(?:it|that)|let'?s\s+(?:say|make\s+it)|say|call\s+it)"
_CORRECTION = LazyRegex(
    r"(?<![\w'-])(?:(?:on|by)\s+)?(?P<old>(?P<kind_day>"
    + _DAY
    + r")|(?P<verb>[a-z]+\s+)?(?P<kind_pronoun>"
    + _PRONOUN
    + r"))(?![\w'-])"
    r"\s*[,.;-]?\s*" + _TAKE_BACK + r"(?:\s*,?\s*" + _TAKE_BACK + r")*"
    r"\s*[,.;:-]?\s*"
    r"(?:(?P<aside>[^,.;:\n?!]{1,40}),\s*(?=" + _LEAD_IN + r"\s))?"
    r"(?:" + _LEAD_IN + r"\s+)?"
    r"(?P<new>(?P<new_day>"
    + _DAY
    + r")|(?P<new_verb>[a-z]+\s+)?(?P<new_pronoun>"
    + _PRONOUN
    + r"))(?![\w'-])",
    re.IGNORECASE,
    needs="no wait sorry mean actually correction scratch rather",
)


# The take-back words alone: the full pattern runs only near one (a long pasted note pays for
# a word search, not for the pattern tried at every word)
_MARKER = LazyRegex(
    r"(?<![\w'-])" + _TAKE_BACK + r"(?![\w'-])",
    re.IGNORECASE,
    needs="no wait sorry mean actually correction scratch rather",
)


def _near_markers(text: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    last = -1
    for marker in _MARKER.finditer(text):
        if marker.start() < last:
            continue
        m = _CORRECTION.search(
            text, max(0, marker.start() - 60), min(len(text), marker.end() + 120)
        )
        if m is not None and m.end("old") <= marker.start() and m.start("new") >= marker.end():
            found.append(m)
            last = m.end()
    return found


def spoken_corrections(text: str) -> str:
    """``text`` with every value the speaker took back blanked, with the words that took it
    back, same length: "Tuesday, no wait, it's Thursday" reads "Thursday"."""
    chars: list[str] | None = None
    for m in _near_markers(text):
        if m.group("kind_day") is not None:
            if m.group("new_day") is None:
                continue
        else:
            if m.group("new_pronoun") is None:
                continue
            verb, new_verb = m.group("verb"), m.group("new_verb")
            # "send him, sorry, send her": the verb said again goes with the new pronoun;
            # "call him, I mean her": the verb stays with the one pronoun left
            if new_verb is not None and (verb is None or verb.lower() != new_verb.lower()):
                continue
        if m.group("aside") is not None and m.group("kind_day") is None:
            continue
        start = m.start("old") if m.group("new_verb") else m.start("kind_pronoun")
        if m.group("kind_day") is not None:
            start = m.start("old")
        end = m.start("new")
        if chars is None:
            chars = list(text)
        chars[start:end] = " " * (end - start)
    return "".join(chars) if chars is not None else text
