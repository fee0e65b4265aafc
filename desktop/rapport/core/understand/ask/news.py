"""Ask-about rules for personal news: a loss, health, milestones, trips and events (life
changes and things being learnt are in life.py). Each rule reads one note and words
one question about it for the person it concerns, in the right tense, or gives nothing
when it cannot word one cleanly.
"""

from __future__ import annotations

import re

from rapport.core.understand.ask.context import (
    NOT_PLACES,
    Candidate,
    Context,
    ordinal,
    place,
    word_list,
)

_LOSS = re.compile(
    r"\b(?:passed away|passed on|died|funeral|lost (?:his|her|their|my) (?:\w+ )?"
    r"(?:mother|father|mom|dad|wife|husband|brother|sister|son|daughter|dog|cat|grandmother|"
    r"grandfather|grandma|grandpa))\b",
    re.I,
)
_SURGERY = re.compile(r"\b(?:surgery|operation|procedure|transplant)\b", re.I)
_BODY = r"(?:arm|leg|wrist|ankle|foot|hand|collarbone|hip|ribs?|nose|finger|toe|back|knee|elbow)"
_RECOVERY = re.compile(
    r"\b(?:surgery|operation|hip replacement|knee replacement|fractur\w*|injur\w*|"
    rf"broke (?:his|her|their|my|an?) {_BODY}|broken {_BODY}|sprain\w*|concussion|"
    r"(?:torn|tore (?:his|her|their|my|an?))\s+(?:acl|mcl|meniscus|ligament|rotator cuff|"
    r"muscle|hamstring|achilles)|accident|recovering|recovery|rehab\w*|physical therapy|"
    r"stitches|hospital\w*|heart attack|(?:had|suffered) a stroke)\b",
    re.I,
)
_ILLNESS = re.compile(
    r"\b(?:sick|ill|illness|cancer|chemo\w*|diagnos\w*|(?:cancer )?treatment for|"
    r"undergoing treatment|in treatment|flu|covid|pneumonia|"
    r"infection|health (?:issue|scare|problem)s?|not (?:doing )?well|under the weather|"
    r"dementia|alzheimer'?s|in poor health)\b",
    re.I,
)


def loss(c: Context) -> Candidate | None:
    if not _LOSS.search(c.heard.text):
        return None
    return Candidate("loss", ["How are you holding up?", "How are you and the family doing?"])


def health(c: Context) -> Candidate | None:
    text = c.heard.text
    if _SURGERY.search(text) and c.seen.day is not None and c.seen.day >= c.today:
        return Candidate(
            "health",
            [c.fill("How {be} {name} feeling about the surgery?")],
            day=c.seen.day,
        )
    if _RECOVERY.search(text):
        if c.s.client:
            return Candidate("health", ["How is the recovery going?", "How are you feeling?"])
        return Candidate(
            "health", [c.fill("How {be} {name} recovering?"), c.fill("How {be} {name} feeling?")]
        )
    if _ILLNESS.search(text):
        if c.s.client:
            return Candidate("health", ["How are you feeling these days?"])
        return Candidate(
            "health", [c.fill("How {be} {name} doing?"), c.fill("How {be} {name} feeling?")]
        )
    return None


_STRONG_EVENTS = word_list(
    "tournament|recital|marathon|half marathon|triathlon|ironman|tryouts|tryout|"
    "try-outs|championship|championships|playoffs|playoff game|audition|regatta|"
    "competition|exams|exam|interview|reunion|fundraiser|gala|concert|showcase|"
    "graduation party|presentation|pitch|race|5k|10k",
    "|",
)
_WEAK_EVENTS = ("game", "match", "meet", "show", "play", "final", "finals")
_EVENT_RE = re.compile(
    r"\b((?:[A-Z][\w'-]*\s+){1,3}|[a-z-]+\s+)?((?i:"
    + "|".join(sorted(_STRONG_EVENTS + _WEAK_EVENTS, key=len, reverse=True))
    + r"))\b"
)
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "my", "our", "your", "big"}
_EVENT_MODIFIERS = set(
    word_list(
        "baseball softball soccer football basketball hockey lacrosse volleyball tennis "
        "golf swim track wrestling gymnastics chess debate robotics dance ballet piano "
        "violin guitar band choir school state regional national district county club "
        "championship playoff spelling science job college big first half bar final class "
        "family rugby cricket running cycling fishing bowling karate judo taekwondo "
        "skating ski sailing horse rodeo art drama theater theatre math dog car talent "
        "fashion trade air boat"
    )
)


def event(c: Context) -> Candidate | None:
    text = c.heard.text
    match = _EVENT_RE.search(text)
    if match is None:
        return None
    event = match.group(2).lower()
    before = (match.group(1) or "").strip()
    if event in _WEAK_EVENTS and (c.seen.day is None or c.seen.recurring):
        return None  # "his golf game": only a dated game is an event
    lower = text.lower()
    if re.search(r"\bevery\b", lower) and "training for" not in lower:
        return None  # "plays in a tournament every month" is a habit, not news
    owner = before.endswith(("'s", "’s")) or before.lower() in _DETERMINERS
    if event in _WEAK_EVENTS and not owner and before.lower() not in _EVENT_MODIFIERS:
        return None  # "wants to play golf": a verb, not "the school play"
    if owner:
        before = ""
    proper = bool(before) and before[0].isupper()
    if proper and match.start(1) == 0:
        proper = False  # a capital at the start of a sentence is just a capital
    if proper:
        words = [w for w in before.split() if w.lower() not in NOT_PLACES or w == "New"]
        if c.s.name in words or not words:
            proper = False
        before = " ".join(words)
    modifier = before.lower() if not proper and before.lower() in _EVENT_MODIFIERS else ""
    if proper:
        event = match.group(2)  # "the Boston Marathon", as written
    bare = " ".join(x for x in (before if proper else modifier, event) if x)
    the = f"the {bare}"
    owned = the if proper or c.s.client else f"{c.s.possessive} {bare}"
    tense = c.tense()
    if "training for" in lower and tense != "past":
        if c.s.client:
            return Candidate("event", [f"How is the training for {the} going?"], day=c.seen.day)
        return Candidate(
            "event", [c.fill("How {be} {name} getting on with the training for {the}?", the=the)]
        )
    if tense == "past":
        if c.s.client:
            return Candidate(
                "event", [f"How did {owned} go?", f"How did you do at {the}?"], day=c.seen.day
            )
        return Candidate(
            "event",
            [f"How did {owned} go?", c.fill("How did {name} do at {the}?", the=the)],
            day=c.seen.day,
        )
    if c.seen.day is not None and (c.seen.day - c.today).days > 30:
        # Months ahead, "ready?" is early: ask whether they look forward to it.
        return Candidate(
            "event", [c.fill("{be} {name} looking forward to {the}?", the=the)], day=c.seen.day
        )
    return Candidate(
        "event",
        [c.fill("{be} {name} ready for {the}?", the=the), f"When is {owned}?"],
        day=c.seen.day,
    )


_TRIP = re.compile(
    r"\b(?:trip|vacation|holiday|honeymoon|cruise|safari|getaway|road trip|headed to|"
    r"heading to|flying to|flies to|going to|off to|travel(?:l)?ing to|visiting|back from|"
    r"returned from|spent (?:a|two|three) weeks? in)\b",
    re.I,
)
_TRIP_ACTIVITY = re.compile(r"\b([a-z]+ing|ski|golf|fishing|road|wine|beach)\s+trip\b", re.I)


def travel(c: Context) -> Candidate | None:
    text = c.heard.text
    if not _TRIP.search(text):
        return None
    where_to = place(text, c.s)
    if re.search(r"\b(?:going to|visiting)\b", text, re.I) and where_to is None:
        return None  # "going to send pricing", "mother is visiting": no trip
    activity_match = _TRIP_ACTIVITY.search(text)
    activity = activity_match.group(1).lower() if activity_match else ""
    if re.search(r"\b(?:back from|got back|returned from|came back)\b", text, re.I):
        tense = "past"
    else:
        tense = c.tense(default_days=10)
    if tense == "past":
        if where_to is None:
            trip = f"{c.s.possessive} trip" if not c.s.client else "the trip"
            return Candidate("travel", [f"How was {trip}?"], day=c.seen.day)
        alt = (
            f"How was the {activity} in {where_to}?"
            if activity.endswith("ing")
            else f"How was the trip to {where_to}?"
        )
        if c.s.client:
            return Candidate("travel", [f"How was {where_to}?", alt], day=c.seen.day)
        return Candidate(
            "travel", [f"How was {c.s.possessive} trip to {where_to}?"], day=c.seen.day
        )
    where = f" for {where_to}" if where_to else " for the trip"
    soon = c.seen.day is not None and (c.seen.day - c.today).days <= 30
    if soon or c.seen.day is None:
        return Candidate(
            "travel",
            [
                c.fill("{be} {name} all set{where}?", where=where),
                c.fill("When {do} {name} leave{where}?", where=where),
            ],
            day=c.seen.day,
        )
    plans = f"the plans for {where_to}" if where_to else "the trip plans"
    return Candidate(
        "travel",
        [f"How are {plans} coming along?", c.fill("{be} {name} looking forward to the trip?")],
        day=c.seen.day,
    )


_TURNS = re.compile(r"\bturn(?:s|ing|ed)\s+(\d{1,3})\b|\b(\d{1,3})(?:st|nd|rd|th)\s+birthday\b")
_ANNIVERSARY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+(?:wedding\s+)?anniversary\b", re.I)
_WEDDING = re.compile(r"\b(?:getting married|wedding|engaged|marrying)\b", re.I)
_RETIRE = re.compile(r"\bretir(?:ed|ing|ement|es|e)\b", re.I)
_GRADUATE = re.compile(r"\bgraduat(?:ed|ing|es|ion|e)\b", re.I)
_BABY = re.compile(
    r"\b(?:expecting|pregnant|baby (?:boy|girl)|new baby|had a baby|was born|newborn|"
    r"first grandchild|new grand(?:son|daughter|child|baby)|(?:had|welcomed) twins|"
    r"became a grand(?:father|mother|parent|pa|ma))\b",
    re.I,
)


def milestone(c: Context) -> Candidate | None:
    text = c.heard.text
    turns = _TURNS.search(text)
    if turns:
        nth = ordinal(int(turns.group(1) or turns.group(2)))
        if c.tense() == "past":
            return Candidate("milestone", [c.fill("How was {pos} {nth}?", nth=nth)], c.seen.day)
        return Candidate("milestone", [c.fill("Any plans for {pos} {nth}?", nth=nth)], c.seen.day)
    anniversary = _ANNIVERSARY.search(text)
    if anniversary:
        nth = ordinal(int(anniversary.group(1)))
        whose = "your" if c.s.client or c.s.plural else c.s.possessive
        if c.tense() == "past":
            return Candidate("milestone", [f"How was {whose} {nth} anniversary?"], c.seen.day)
        return Candidate("milestone", [f"Any plans for {whose} {nth} anniversary?"], c.seen.day)
    if _WEDDING.search(text):
        past_wedding = c.seen.day is not None and c.seen.day < c.today
        if re.search(r"\b(?:got married|wedding was|married last)\b", text, re.I):
            past_wedding = True
        if past_wedding:
            wedding = "the wedding" if c.s.client else f"{c.s.possessive} wedding"
            return Candidate("milestone", [f"How was {wedding}?"], c.seen.day)
        plans = "the wedding plans" if c.s.client else f"the plans for {c.s.possessive} wedding"
        return Candidate("milestone", [f"How are {plans} coming along?"], c.seen.day)
    if _BABY.search(text):
        if re.search(r"\b(?:expecting|pregnant)\b", text, re.I):
            return Candidate("milestone", ["How are the preparations for the baby going?"])
        if re.search(r"\btwins\b", text, re.I):
            return Candidate("milestone", ["How are the twins doing?"])
        grand = "grandbaby" if re.search(r"\bgrand", text, re.I) else "baby"
        return Candidate(
            "milestone",
            [f"How is the new {grand}?", "How is everyone doing with the new baby?"],
        )
    if _RETIRE.search(text):
        if re.search(r"\b(?:retired|retirement)\b", text, re.I) and c.tense() != "future":
            if c.s.client:
                return Candidate("milestone", ["How is retirement treating you?"])
            return Candidate("milestone", [c.fill("How {be} {name} enjoying retirement?")])
        return Candidate("milestone", [c.fill("{be} {name} looking forward to retirement?")])
    if _GRADUATE.search(text):
        if c.tense() == "past":
            return Candidate("milestone", [c.fill("What is next for {name} after graduation?")])
        return Candidate(
            "milestone",
            [c.fill("{be} {name} ready for graduation?"), c.fill("When is {pos} graduation?")],
            c.seen.day,
        )
    return None
