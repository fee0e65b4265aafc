"""A to-do clause's own dates and lists, for the task finder: which dates a clause says, its
due date, where a list of dated things splits ("Send specs Monday, quote by 4/30"), and the
verb a bare dated line implies ("CMA by Thurs." is a thing to send).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from rapport.core.understand.dates.find import DateMention
from rapport.core.understand.mentions import first_names
from rapport.core.understand.programs import rx
from rapport.core.understand.tasks.words import DELIVERABLES, NOT_OURS, SUBJECTS
from rapport.core.understand.text import LazyRegex, Span
from rapport.core.understand.wordlists import word_list

__all__ = [
    "appointment_due",
    "dates_in",
    "deadline_of",
    "deliverable_due",
    "due_of",
    "shares_verb",
    "split_after_dates",
    "thing_dates",
    "undated_words",
]


# ---- a clause's dates and lists -------------------------------------------------------------


def dates_in(dates: list[DateMention], start: int, end: int) -> list[DateMention]:
    # the dates are in note order: start where the piece starts (a long thread has hundreds)
    out = []
    for d in dates[bisect_left(dates, start, key=_start) :]:
        if d.start >= end:
            break
        if d.end <= end:
            out.append(d)
    return out


def _start(d: DateMention) -> int:
    return d.start


def due_of(mentions: list[DateMention]) -> date | None:
    mentions = _without_their_due(mentions)
    days = [d.value for d in mentions if d.kind != "time" and d.value is not None]
    times = [d.value for d in mentions if d.kind == "time" and d.value is not None]
    return days[0] if days else times[0] if times else None


# Family (brief i16tr): a date the other side's thing is due ("bid due 7/15, needs our steel
# #s by Fri", "bid due 9/15 - get it in by 9/14") beside the day the user's part is wanted by:
# the user's deadline is the one said with "by"/"before", not the thing's "due"
_THEIR_DUE = LazyRegex(r"due\s", re.IGNORECASE)
_BY_DAY = LazyRegex(r"(?:by|before|b4|no\s+later\s+than|nlt)\s", re.IGNORECASE)


def _without_their_due(mentions: list[DateMention]) -> list[DateMention]:
    if len(mentions) < 2 or not any(_BY_DAY.match(d.text) and d.value for d in mentions):
        return mentions
    return [d for d in mentions if not _THEIR_DUE.match(d.text)]


# Family: several dates in one to-do clause, one of them its deadline. A date that names the
# thing ("confirm the Saturday slot today", "the agenda for the March 30 board meeting by Fri",
# "the 3/20 install date") is part of what is sent or booked: a determiner before it and a noun
# after it. A date the thing is for ("workshop dates for Nov - send by Thurs") is its topic
# when another date is said; an urgency ("ASAP (tmrw)") gives way to the day said with it.
_DETERMINED = LazyRegex(r"(?:^|\s)(?:the|our|your|his|her|their|my)\s+$", re.IGNORECASE)
_DATE_DETERMINED = LazyRegex(r"^(?:for\s+)?(?:the|our|your|his|her|their|my)\s", re.IGNORECASE)
_NOUN_AFTER = LazyRegex(
    r"[ \t]+(?!(?:by|to|with|w|at|and|or|for|from|in|on|before|after|until|til|till|so|but|then|"
    r"if|when|am|pm|noon|morning|afternoon|evening|night|eod|eow|cob|latest|is|was|are|will|"
    r"works?)\b)[a-z][\w-]*",
)
_FOR_DATE = LazyRegex(r"^for\s", re.IGNORECASE)
_URGENT = LazyRegex(r"^(?:asap|a\.s\.a\.p\.?|right\s+away|immediately)$", re.IGNORECASE)


def thing_dates(body: str, mentions: list[DateMention]) -> set[int]:
    """The starts of the dates in a to-do clause that are not its deadline but part of the thing
    or its topic (empty when the clause says one date only, or none names its deadline)."""
    if len(mentions) < 2:
        return set()
    out: set[int] = set()
    for d in mentions:
        before = max(0, d.start - 8)
        named = _DATE_DETERMINED.match(d.text) or _DETERMINED.search(body, before, d.start)
        if named and _NOUN_AFTER.match(body, d.end):
            out.add(d.start)  # "the Friday delivery slot"
        elif _FOR_DATE.match(d.text) or _URGENT.match(d.text.strip()):
            out.add(d.start)  # "dates for Nov", "ASAP"
    return out if len(out) < len(mentions) else set()


def deadline_of(body: str, mentions: list[DateMention]) -> date | None:
    """A to-do clause's due date: its first date that is not part of the thing it names."""
    thing = thing_dates(body, mentions)
    return due_of([d for d in mentions if d.start not in thing])


# Where a list goes on right after an item's date: "the fee agreement EOD and first slate of
# candidates by next fri" (no determiner needed once a date has closed the item).
_AFTER_DATE = LazyRegex(r"\s+and\s+(?=[\w$])|,\s+(?:and\s+)?(?=[\w$])|\s+[+&]\s+(?=[\w$])", re.I)


def split_after_dates(part: Span, dates: list[DateMention]) -> list[Span]:
    """Cut a list only where an item has just ended with its date: "Send refs by mon + demo
    invite for next Thurs" is two things, "Send the SOC2 + SSO docs Mon" is one."""
    ends = {d.end - part.start for d in dates_in(dates, part.start, part.end)}
    pieces: list[Span] = []
    start = 0
    for m in _AFTER_DATE.finditer(part.text):
        if m.start() not in ends and m.start() - 1 not in ends:
            continue
        piece = part.text[start : m.start()].strip()
        if piece:
            offset = part.start + part.text.index(piece, start)
            pieces.append(Span(offset, offset + len(piece), piece))
        start = m.end()
    rest = part.text[start:].strip()
    if rest:
        offset = part.start + part.text.index(rest, start)
        pieces.append(Span(offset, offset + len(rest), rest))
    return pieces


def undated_words(part: Span, dates: list[DateMention]) -> list[str]:
    text = part.text
    for d in sorted(dates_in(dates, part.start, part.end), key=lambda d: -d.start):
        text = text[: d.start - part.start] + " " + text[d.end - part.start :]
    return [w.strip(".,;:!?()").lower() for w in text.split() if w.strip(".,;:!?()")]


_WHOSE = word_list("tasks.deadlines._WHOSE")


def _named_party(text: str, rest: list[str]) -> int | None:
    """Where "to"/"from" starts a capitalised party of two or three words ("from John Deere
    Financial", "to Bayside Realty"): the index of "to"/"from" in ``rest``, else None."""
    for k in (len(rest) - 3, len(rest) - 4):
        if k < 1 or rest[k] not in ("to", "from"):
            continue
        said = re.search(
            rf"\b{rest[k]}\s+((?:[A-Z][\w&'.-]*\s*){{{len(rest) - k - 1}}})", text, re.IGNORECASE
        )
        if said is not None and all(w[:1].isupper() for w in said.group(1).split()):
            return k
    return None


_FINITE = word_list("tasks.deadlines._FINITE")


def shares_verb(part: Span, dates: list[DateMention]) -> bool:
    """A listed piece takes the verb before it when it is a short thing, not a new clause
    ("reunion is 6/27 in Savannah" is a clause)."""
    rest = undated_words(part, dates)
    return 0 < len(rest) <= 6 and rest[0] not in SUBJECTS and not _FINITE & set(rest)


_SENT_OUT = LazyRegex(r"(?:[a-z][\w#'-]*\s){1,3}out")
_AWAY = LazyRegex(r"(?:til|till|until|thru|through|for|all|this|the\s+rest)\b", re.IGNORECASE)
_NOT_SENT_OUT = word_list("tasks.deadlines._NOT_SENT_OUT")


def _name(text: str) -> bool:
    """A person opens the line: "Dave out Fri" is someone away, not a thing sent."""
    first = text.split(" ", 1)[0].strip(".,:;").lower()
    return first in first_names()


def deliverable_due(part: Span, dates: list[DateMention]) -> str | None:
    """'CMA by Thurs.', 'Quote by 4/30': a short dated line naming something to deliver; the
    verb it implies: send it, or get it ("GDPR addendum from legal by 1/15")."""
    if not dates_in(dates, part.start, part.end):
        return None
    rest = undated_words(part, dates)
    # "rates for 2027 lanes due 1/8": a deadline said, maybe theirs
    said_due = rx(r"\bdue\b", re.IGNORECASE).search(part.text) is not None
    rest = [w for w in rest if w not in ("+", "&", "and", "due", "is", "are")]
    said = " ".join(rest)
    if said.startswith(("back ", "on ")) or rx(r"\b(?:back|on)[\s-]?order").search(said):
        return None  # "back order til 4/6", "parts on order": a status, not a thing to deliver
    verb = "send"
    if _SENT_OUT.fullmatch(said) and not _AWAY.match(dates_in(dates, part.start, part.end)[0].text):
        # Family: a thing going out on its day, no verb said ("trial cylinders out Fri", "loaner
        # out tmrw AM", "samples out ASAP (Mon)"): the user sends it. Not someone away ("Dave
        # out till the 20th", "she's out Fri"), not a status ("sold out", "out of stock").
        thing = rest[:-1]
        if thing[0] not in NOT_OURS and thing[0] not in _NOT_SENT_OUT and not _name(part.text):
            return verb
        return None
    if len(rest) >= 3 and rest[-2] in ("to", "from"):
        verb = "get" if rest[-2] == "from" else verb
        rest = rest[:-2]  # "pricing to Marcus by Thurs"
    elif len(rest) >= 4 and rest[-3] in ("to", "from") and rest[-2] in _WHOSE:
        verb = "get" if rest[-3] == "from" else verb
        rest = rest[:-3]  # "samples to her office Thurs", "specs from the GC by 1/15"
    elif len(rest) >= 4 and not said_due and (named := _named_party(part.text, rest)) is not None:
        verb = "get" if rest[named] == "from" else verb
        rest = rest[:named]  # "financing options from John Deere Financial by next Fri"
    if 0 < len(rest) <= 4 and rest[-1] in DELIVERABLES and rest[0] not in NOT_OURS:
        return verb
    # "quote on 12 cases by EOW", "proposal for the west wing by the 9th": the thing, then what
    # it is for
    if (
        2 < len(rest) <= 6
        and not said_due
        and rest[0] in DELIVERABLES
        and rest[1] in ("on", "for", "of")
    ):
        return verb  # ... or what it holds: "samples of the orange wines Tues"
    return None


# Appointments the user keeps with the client, named by a noun and a date: "Tour Sat the 12th",
# "stager walk-thru Apr 14", "fitting Tues 2pm". The client's own events ("closing 12/18",
# "wedding in June", "board mtg 3/4") are not on the list: they are facts, not the user's to-do.
_APPOINTMENTS = word_list("tasks.deadlines._APPOINTMENTS")
_NOT_MINE = word_list("tasks.deadlines._NOT_MINE")


def appointment_due(part: Span, dates: list[DateMention]) -> bool:
    """A short dated line that names an appointment the user keeps: a task as it stands."""
    if not dates_in(dates, part.start, part.end):
        return False
    rest = [w for w in undated_words(part, dates) if w not in ("at", "@", "on", "for", "w/")]
    if not 0 < len(rest) <= 4 or rx(r"\bdue\b", re.IGNORECASE).search(part.text):
        return False
    if rest[0] in NOT_OURS or rest[0] in _NOT_MINE:
        return False
    said = " ".join(rest).replace("site visit", "site-visit")
    return any(w in _APPOINTMENTS for w in said.split())
