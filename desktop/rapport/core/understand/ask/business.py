"""Ask-about rules for business key points: plans with a month ("Did the March delivery
plan hold?"), problems they raised ("Are the invoice errors sorted out now?"), hiring,
expansion, trials and launches.
"""

from __future__ import annotations

import calendar
import re

from rapport.core.understand.ask.context import Candidate, Context
from rapport.core.understand.dates import when

_QUARTER_END = {"Q1": (3,), "Q2": (6,), "Q3": (9,), "Q4": (12,)}
_PLAN_NOUNS = (
    r"deliver(?:y|ies)|rollout|roll-out|launch|go-live|go live|install(?:ation)?|migration|"
    r"shipment|expansion|opening|upgrade|implementation|pilot|trial|audit|renewal|cutover|"
    r"construction|move"
)
_MONTH_WORDS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|Q[1-4]"
)
_DEADLINE = re.compile(
    rf"\b({_PLAN_NOUNS})\b[^.;]*?\b(?:by|in|before|until|for)\s+(?:the\s+)?(?:end of\s+)?"
    rf"(?:early\s+|mid-?\s*|late\s+)?({_MONTH_WORDS})\b"
    rf"|\b({_MONTH_WORDS})\s+({_PLAN_NOUNS})\b"
)
_PROBLEM = re.compile(
    r"\b(?:unhappy|frustrated|annoyed|upset|concerned|worried|complain(?:ed|ing|s)?|"
    r"issues?|problems?|trouble)\s+(?:with|about|over)\s+(?:the |their |our |his |her |its )?"
    r"((?-i:[a-z][a-z -]{2,40}?))(?=[,.;:!?)]|\s+(?:and|but|so|because|since|which|that|again)\b|$)"
    r"|\b((?-i:[a-z]+) (?:errors|delays|outages|backorders))\b",
    re.I,
)
_PRONOUNS = {"us", "me", "you", "him", "her", "them", "it", "this", "that", "everything"}
_PLAN = {
    "deliveries": "delivery",
    "roll-out": "rollout",
    "go live": "go-live",
    "install": "installation",
}


def business(c: Context) -> Candidate | None:
    text = c.heard.text
    deadline = _DEADLINE.search(text)
    if deadline:
        noun = (deadline.group(1) or deadline.group(4)).lower()
        noun = _PLAN.get(noun, noun)
        month_text = deadline.group(2) or deadline.group(3)
        if month_text in _QUARTER_END:
            month = _QUARTER_END[month_text][0]
        else:
            month = when.MONTHS[month_text.lower()]
        first = when.next_month_day(c.heard.heard_on.replace(day=1), month, 1)
        end = first.replace(day=calendar.monthrange(first.year, month)[1])
        if end < c.today:
            return Candidate(
                "business",
                [
                    f"Did the {month_text} {noun} plan hold?",
                    f"How did the {month_text} {noun} go?",
                ],
                day=end,
            )
        return Candidate(
            "business",
            [
                f"Is the {month_text} {noun} still on track?",
                f"How is the {month_text} {noun} looking?",
            ],
        )
    problem = _PROBLEM.search(text)
    if problem:
        thing = (problem.group(1) or problem.group(2) or "").strip()
        words = thing.split()
        if not words or set(words) <= _PRONOUNS or words[0] in _PRONOUNS:
            return None
        plural = words[-1].endswith("s") and not words[-1].endswith("ss")
        verb = "Are" if plural else "Is"
        return Candidate(
            "business", [f"{verb} the {thing} sorted out now?", f"Did the {thing} get sorted out?"]
        )
    if re.search(r"\bhiring\b", text, re.I):
        return Candidate("business", ["How is the hiring going?"])
    expansion = re.search(
        r"\bexpan(?:ding|sion)\s+(?:into|to|in)\s+((?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*))",
        text,
        re.I,
    )
    if expansion:
        return Candidate("business", [f"How is the expansion into {expansion.group(1)} going?"])
    new_site = re.search(
        r"\b(?:opening|building|moving to) a new (office|plant|warehouse|store|location|"
        r"facility|branch|headquarters)\b",
        text,
        re.I,
    )
    if new_site:
        return Candidate("business", [f"How is the new {new_site.group(1).lower()} coming along?"])
    pilot = re.search(r"\b(trial|pilot)\b", text, re.I)
    if pilot:
        return Candidate("business", [f"How is the {pilot.group(1).lower()} going?"])
    launch = re.search(r"\blaunch(?:ed|ing|es)?\b", text, re.I)
    if launch:
        if re.search(r"\blaunched\b", text, re.I) or c.tense() == "past":
            return Candidate("business", ["How did the launch go?"])
        return Candidate("business", ["Is the launch still on track?"])
    return None


# Hobbies: a question that is always natural, for when there is no news.
