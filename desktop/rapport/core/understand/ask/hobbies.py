"""The hobby question for when there is no news: "How are the Yankees doing this
season?", "Read any good mysteries lately?", "How is Peter's golf game these days?".
Always natural, never urgent, so it ranks last and only fills a short list.
"""

from __future__ import annotations

import re

from rapport.core.understand.ask.context import NOT_PLACES, Candidate, Context

_FAN_OF = re.compile(r"\bfan of (?:the )?((?:[A-Z][\w.'-]*\s?){1,3})")
_FAN = re.compile(r"((?:[A-Z][\w.'-]*\s){1,3})fan\b")
_FAN_ADJECTIVES = {"big", "huge", "die-hard", "diehard", "lifelong", "massive", "avid", "real"}
_HOBBIES: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"\bgolf", re.I),
        "How is your golf game these days?",
        "How is {pos} golf game these days?",
    ),
    (
        re.compile(r"\bfly[- ]fish|\bfishing\b|\bangler", re.I),
        "Been out fishing lately?",
        "{has} {name} been out fishing lately?",
    ),
    (
        re.compile(r"\bhunt(?:s|ing|er)\b", re.I),
        "Any luck hunting this season?",
        "{has} {name} had any luck hunting this season?",
    ),
    (
        re.compile(
            r"\b(?:marathons?|runners?|5ks?|10ks?|half-marathons?|(?:trail|distance) running|"
            r"(?:loves|enjoys|into|took up|avid) running|running (?:club|group))\b",
            re.I,
        ),
        "Any races coming up?",
        "{do} {name} have any races coming up?",
    ),
    (
        re.compile(r"\b(?:cycl(?:ing|ist)|biking|bike rides?)\b", re.I),
        "Been out on the bike lately?",
        "{has} {name} been out on the bike lately?",
    ),
    (
        re.compile(r"\bhik(?:e|es|ing|er)\b", re.I),
        "Done any good hikes lately?",
        "{has} {name} done any good hikes lately?",
    ),
    (
        re.compile(r"\bmyster(?:y|ies)\b", re.I),
        "Read any good mysteries lately?",
        "{has} {name} read any good mysteries lately?",
    ),
    (
        re.compile(r"\b(?:reads|reading|reader|novels?|books?)\b", re.I),
        "Read any good books lately?",
        "{has} {name} read any good books lately?",
    ),
    (
        re.compile(r"\bbrisket\b", re.I),
        "Smoked any good brisket lately?",
        "{has} {name} smoked anything good lately?",
    ),
    (
        re.compile(r"\b(?:bbq|barbecue|grill(?:ing)?|smok(?:es|ing|er))\b", re.I),
        "Cooked anything good on the grill lately?",
        "{has} {name} grilled anything good lately?",
    ),
    (
        re.compile(r"\b(?:cook(?:s|ing)?|bak(?:es|ing))\b", re.I),
        "Cooked anything good lately?",
        "{has} {name} cooked anything good lately?",
    ),
    (
        re.compile(r"\bwines?\b", re.I),
        "Tried any good wines lately?",
        "{has} {name} tried any good wines lately?",
    ),
    (
        re.compile(r"\b(?:vinyl|records)\b", re.I),
        "Found any good records lately?",
        "{has} {name} found any good records lately?",
    ),
    (
        re.compile(r"\bgarden(?:s|ing|er)?\b", re.I),
        "How is the garden doing?",
        "How is {pos} garden doing?",
    ),
    (
        re.compile(r"\bski(?:s|ing|er)?\b", re.I),
        "Any ski trips planned this season?",
        "{has} {name} got any ski trips planned?",
    ),
    (re.compile(r"\btennis\b", re.I), "How is your tennis game?", "How is {pos} tennis going?"),
    (
        re.compile(
            r"\b(baseball|softball|soccer|football|basketball|hockey|lacrosse|volleyball)\b", re.I
        ),
        "",
        "How is {pos} {sport} season going?",
    ),
    (re.compile(r"\b(?:swim(?:s|ming|mer)?)\b", re.I), "", "How is {pos} swimming going?"),
    (re.compile(r"\b(?:dance[sr]?|dancing|ballet)\b", re.I), "", "How is {pos} dancing going?"),
    (
        re.compile(r"\b(piano|guitar|violin|cello|drums)\b", re.I),
        "",
        "How is {pos} {sport} coming along?",
    ),
    (
        re.compile(r"\btravel(?:s|ing|ling)?\b", re.I),
        "Any trips coming up?",
        "{do} {name} have any trips coming up?",
    ),
]


def interest(c: Context) -> Candidate | None:
    text = c.heard.text
    fan = _FAN_OF.search(text) or _FAN.search(text)
    if fan:
        words = [w for w in (fan.group(1) or "").split() if w.lower() not in _FAN_ADJECTIVES]
        team = " ".join(words).strip(" .,'-")
        if team and team != c.s.name and team.lower() not in NOT_PLACES:
            # "the Yankees are", "the Red Sox are", but "Liverpool is"
            plural = team.endswith(("s", "Sox"))
            the = "the " if plural else ""
            verb = "are" if plural else "is"
            return Candidate("interest", [f"How {verb} {the}{team} doing this season?"])
    haystack = " ".join([text, *c.heard.tags])
    for pattern, for_client, for_person in _HOBBIES:
        match = pattern.search(haystack)
        if match is None:
            continue
        template = for_client if c.s.client else for_person
        if not template:
            continue
        sport = (match.group(1) if match.groups() else match.group(0)).lower()
        return Candidate("interest", [c.fill(template, sport=sport)])
    return None
