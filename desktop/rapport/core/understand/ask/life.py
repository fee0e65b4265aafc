"""Ask-about rules for life changes (a new school or job, a move, a new house, boat or
puppy, a family business) and for things being learnt (lessons, a new hobby).
"""

from __future__ import annotations

import re

from rapport.core.understand.ask.context import Candidate, Context, gerund, place

_STARTED = re.compile(
    r"\bstart(?:ed|ing|s)\s+(?:at\s+|in\s+)?("
    r"(?:[A-Z][\w&'.]*)(?:\s+(?:[A-Z][\w&'.]*|of))*|college|school|university|kindergarten|"
    r"preschool|daycare|high school|middle school|grad school|law school|med school|"
    r"(?:a|his|her|their|my) new (?:job|role|position))"
)
_ACCEPTED = re.compile(
    r"\b(?:got into|accepted (?:to|into|at)|admitted to|committed to)\s+"
    r"((?:[A-Z][\w&'.]*)(?:\s+(?:[A-Z][\w&'.]*|of))*)"
)
_NEW_JOB = re.compile(r"\b(?:new job|new role|new position|promot(?:ed|ion)|got the job)\b", re.I)
_MOVE = re.compile(
    r"\b(?:moved|moving|relocat\w+|new (?:house|home|place|apartment|condo)|"
    r"bought a (?:house|home|place)|house[- ]hunting|closing on)\b(?!\s+(?:forward|on|ahead))",
    re.I,
)
_RENOVATION = re.compile(r"\b(?:renovat\w+|remodel\w*)\b", re.I)
_BUILDING = re.compile(r"\bbuilding (?:a |their |his |her )?(?:new )?(?:house|home)\b", re.I)
_BOUGHT = re.compile(
    r"\b(?:bought|got|picked up) (?:a|an|their|his|her) (?:new )?(boat|car|truck|motorcycle|rv|"
    r"camper|cabin|lake house|beach house|vacation home|ski condo)\b",
    re.I,
)
_ABROAD = re.compile(r"\bstudying abroad in ((?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*))", re.I)
_APPLYING = re.compile(
    r"\bapplying (?:to|for) (colleges?|universities|grad school|law school|med school|"
    r"medical school|business school|MBA programs?)\b",
    re.I,
)
_NEW_PET = re.compile(
    r"\b(?:new|adopted (?:a|another)|got (?:a|another)) (?:rescue )?(puppy|dog|kitten|cat)\b",
    re.I,
)
_MADE_TEAM = re.compile(
    r"\bmade (the )?((?:[a-z-]+ ){0,2}(?:team|squad|all-stars?)|varsity)\b", re.I
)
_OWNS = re.compile(
    r"\b(runs|owns|opened|is opening|just opened|started) (?:a|an|her|his|their|the) "
    r"((?:[a-z]+ ){0,2}(?:bakery|restaurant|shop|store|cafe|café|business|company|practice|"
    r"studio|gym|salon|bar|brewery|winery|farm|firm|clinic|food truck))\b",
    re.I,
)


def life(c: Context) -> Candidate | None:
    text = c.heard.text
    made = _MADE_TEAM.search(text)
    if made:
        team = f"{made.group(1) or ''}{made.group(2)}".strip()
        return Candidate("life", [c.fill("How {be} {name} enjoying {team}?", team=team)])
    accepted = _ACCEPTED.search(text)
    if accepted:
        school = accepted.group(1).strip()
        return Candidate("life", [c.fill("{be} {name} excited about {school}?", school=school)])
    started = _STARTED.search(text)
    if started:
        what = started.group(1).strip()
        if re.match(r"(?:a|his|her|their|my) new", what):
            job = "the new job" if c.s.client else f"{c.s.possessive} new job"
            return Candidate("life", [f"How is {job} going?"])
        if c.tense() == "future" and re.search(r"\b(?:starting|starts)\b", text):
            return Candidate(
                "life", [c.fill("{be} {name} looking forward to starting {what}?", what=what)]
            )
        return Candidate(
            "life",
            [
                c.fill("How {be} {name} liking {what}?", what=what),
                c.fill("How {be} {name} finding {what}?", what=what),
            ],
        )
    if _NEW_JOB.search(text):
        if c.s.client:
            return Candidate(
                "life", ["How is the new role going?", "How are you settling into the new role?"]
            )
        return Candidate(
            "life",
            [
                c.fill("How is {pos} new job going?"),
                c.fill("How {be} {name} settling into the new job?"),
            ],
        )
    abroad = _ABROAD.search(text)
    if abroad:
        where = abroad.group(1)
        return Candidate("life", [c.fill("How {be} {name} liking {where}?", where=where)])
    applying = _APPLYING.search(text)
    if applying:
        what = applying.group(1).lower()
        what = "college" if what.startswith(("college", "universit")) else what
        owned = "your" if c.s.client else c.s.possessive
        return Candidate("life", [f"How are {owned} {what} applications going?"])
    if _BUILDING.search(text):
        house = "the new house" if c.s.client else f"{c.s.possessive} new house"
        return Candidate("life", [f"How is {house} coming along?"])
    bought = _BOUGHT.search(text)
    if bought:
        thing = bought.group(1).lower()
        return Candidate("life", [f"How is the new {'RV' if thing == 'rv' else thing}?"])
    pet = _NEW_PET.search(text)
    if pet:
        return Candidate("life", [f"How is the new {pet.group(1).lower()} settling in?"])
    if _RENOVATION.search(text):
        if c.tense(default_days=120) == "past":
            return Candidate("life", ["How did the renovation turn out?"])
        return Candidate("life", ["How is the renovation coming along?"])
    if _MOVE.search(text):
        if re.search(r"\bhouse[- ]hunting\b", text, re.I):
            return Candidate("life", ["How is the house hunt going?"])
        where_to = place(text, c.s)
        moved = re.search(
            r"\b(?:moved|bought|new (?:house|home|place|apartment|condo))\b", text, re.I
        )
        if moved and c.tense() != "future":
            where = f"in {where_to}" if where_to else "into the new place"
            return Candidate("life", [c.fill("{be} {name} settled {where}?", where=where)])
        move = "the move" if c.s.client else f"{c.s.possessive} move"
        return Candidate("life", [f"How is {move} coming along?"], day=c.seen.day)
    owns = _OWNS.search(text)
    if owns:
        what = owns.group(2).lower()
        if owns.group(1).lower() in ("runs", "owns"):
            return Candidate("interest", [c.fill("How is {pos} {what} doing?", what=what)], None, 3)
        return Candidate("life", [f"How is the new {what} doing?"])
    return None


_LEARNING = re.compile(
    r"\blearning (?:to |how to )?((?:play (?:the )?)?[A-Za-z]+(?: (?!and\b|in\b|at\b|with\b)"
    r"[a-z]+)?)"
)
_LESSONS = re.compile(
    r"\b([a-z]+ )(lessons|classes|class|camp)\b",
)
_LESSON_STOP = {"the", "a", "his", "her", "their", "my", "some", "new", "taking", "starting", "in"}


_TOOK_UP = re.compile(
    r"\b(?:took up|taking up|started playing|got into) ((?-i:[a-z]+(?: [a-z]+)?))\b", re.I
)


def learning(c: Context) -> Candidate | None:
    text = c.heard.text
    took_up = _TOOK_UP.search(text)
    if took_up:
        hobby = took_up.group(1)
        if hobby.split()[0] in ("a", "an", "the", "his", "her", "their", "my"):
            return None
        owned = "the" if c.s.client else c.s.possessive
        return Candidate("learning", [f"How is {owned} {hobby} going?"])
    learning = _LEARNING.search(text)
    if learning:
        words = learning.group(1).split()
        if words[0] == "play":
            words = [w for w in words[1:] if w != "the"]
        elif re.search(r"\blearning (?:to|how to) ", text):
            words[-1] = gerund(words[-1])
        activity = " ".join(words)
        if not activity or activity in _LESSON_STOP:
            return None
        if c.s.client:
            return Candidate("learning", [f"How is the {activity} coming along?"])
        return Candidate(
            "learning",
            [
                c.fill("How is {pos} {activity} coming along?", activity=activity),
                c.fill("How {be} {name} getting on with {activity}?", activity=activity),
            ],
        )
    lessons = _LESSONS.search(text)
    if lessons:
        words = [w for w in lessons.group(1).split() if w not in _LESSON_STOP]
        if not words:
            return None
        what = " ".join([*words, lessons.group(2)])
        owned = f"the {what}" if c.s.client else f"{c.s.possessive} {what}"
        if lessons.group(2) == "camp":
            if c.tense() == "past":
                return Candidate("learning", [f"How was {owned}?"], c.seen.day)
            return Candidate(
                "learning", [c.fill("{be} {name} excited about {what}?", what=what)], c.seen.day
            )
        verb = "is" if lessons.group(2) == "class" else "are"
        return Candidate("learning", [f"How {verb} {owned} going?"])
    return None
