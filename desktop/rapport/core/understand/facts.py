"""Personal facts, yearly dates and business points of a note.

A note's clauses that are not tasks are sorted into what to remember about the person (a
*fact*: family, interests, dietary needs, sensitive news, personal details) and what was said
about the business (a *key point*: needs, budget, timeline, competitors). Birthdays and
anniversaries with a day become yearly dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapport.core.understand.dates.find import DateMention
from rapport.core.understand.dates.words import AGE_WORDS
from rapport.core.understand.interests import InterestMatch
from rapport.core.understand.mentions import first_names
from rapport.core.understand.programs import rx
from rapport.core.understand.text import LazyRegex, Span, clean_fragment, split_spans
from rapport.core.understand.wordlists import word_list
from rapport.core.understand.yearly_days import european_day

if TYPE_CHECKING:
    from rapport.core.understand.people import FamilyMember

__all__ = ["FactFound", "YearlyDate", "find_facts", "find_key_points", "find_yearly_dates"]


@dataclass(slots=True)
class FactFound:
    """A fact about the client read in the note, with its category, whom it is about and
    its place."""

    text: str
    category: str
    about: str | None
    tags: list[str]
    start: int
    end: int


@dataclass(slots=True)
class YearlyDate:
    """A day that comes back every year (a birthday, an anniversary) and whose it is."""

    label: str
    about: str | None
    month: int
    day: int
    start: int
    end: int


@dataclass(slots=True)
class _Unit:
    """A stretch of the note the facts are read in, with the family and interests said in it."""

    span: Span
    family: list[FamilyMember] = field(default_factory=list)
    interests: list[InterestMatch] = field(default_factory=list)


_UNIT_SPLIT = LazyRegex(r"\s+-+\s+(?!(?:be|keep|go|take)\b)|;\s*|\s*\+\s+(?=[A-Z])")
_SENSITIVE = LazyRegex(
    r"\b(?:hospital|hospice|surgery|passed(?:\s+away)?|died|death|funeral|cancer|chemo|sick|"
    r"illness|ill\b|diagnos\w*|divorc\w*|separated|laid\s+off|lost\s+(?:his|her)\s+(?:job|mom|dad)|"
    r"dementia|alzheimer'?s|stroke|heart\s+attack|rehab|miscarriage|be\s+gentle|be\s+kind|"
    r"be\s+patient|tough\s+time|hard\s+(?:time|for\s+(?:him|her))|struggling|stressed|grieving|"
    r"in\s+(?:our|my)\s+thoughts|keep\s+\w+\s+in\s+(?:my\s+|our\s+)?thoughts|recovering|injur\w*|"
    r"accident|tore|broke\s+(?:his|her)|surgery|sensitive|condolences)\b",
    re.IGNORECASE,
    needs=(
        "hospi surgery passed died death funeral cancer chemo sick ill diagnos divorc "
        "separated laid lost dementia alzheimer stroke heart rehab miscarriage gentle "
        "kind patient tough hard struggling stressed grieving thoughts recovering injur "
        "accident tore broke sensitive condolences"
    ),
)
_DIETARY = LazyRegex(
    r"\b(?:allerg\w*|doesn't\s+eat|does\s+not\s+eat|won't\s+eat|can't\s+eat|"
    r"(?:no|avoids?|avoiding)\s+(?:pork|beef|meat|alcohol|gluten|dairy|shellfish|nuts|peanuts|"
    r"sugar|carbs)|raw\s+fish|diet)\b",
    re.IGNORECASE,
)
_PREFERENCE = LazyRegex(
    r"\b(?:prefers?|likes?|loves?|hates?|dislikes?|favou?rite|can't\s+stand|rather|enjoys?|"
    r"into|big\s+on|not\s+a\s+fan|"
    # how to treat them: "Avoid talking politics", "take it slow with him", "never call
    # before 9"
    r"avoid|steer\s+clear|tread\s+lightly|take\s+it\s+(?:slow|easy)|go\s+easy|"
    r"(?:don'?t|never)\s+(?:mention|bring\s+up|talk\s+about|call\s+(?:before|after)))\b",
    re.IGNORECASE,
)
_PERSONAL = LazyRegex(
    r"\b(?:grew\s+up|lives?\s+in|moved|moving|hometown|born|retir\w*|birthday|bday|b-day|"
    r"anniversary|married|wedding|engaged|pregnant|expecting|baby|vacation|trip|college|"
    r"university|graduat\w*|veteran|vet\b|house|church|new\s+job|promot\w*|kids?|twins|"
    r"played|plays|collects|training|headed|got\s+back|just\s+(?:got|had|started|turned|ran)|"
    r"turns?|turned|adopted|bar\s+mitzvah|bat\s+mitzvah|hajj|ramadan|swedish|brazilian|"
    r"italian|irish|from\s+[A-Z])\b",
)
_BUSINESS = LazyRegex(
    r"\b(?:needs?|wants?|budget|\$|pricing|price|prices|quote|quotes|quoting|timeline|deadline|"
    r"decision|decides|decision[\s-]maker|competitor|competition|vendor|contract|renew\w*|"
    r"delivery|volume|discount\w*|terms|units?|seats|trucks|proposal|order|demo|trial|pilot|"
    r"install\w*|migration|approv\w*|legal|cfo|ceo|board|q[1-4]|interested|unhappy|concerned|"
    r"happy\s+with|going\s+with|sign\w*|closed|invoice\w*|billing|billed|forecast|rfp|sow|msa|"
    r"headcount|expan\w*|launch\w*|project|bid|references?|roi|lease|financing|reschedule|"
    r"push|late|delay\w*)\b",
    re.IGNORECASE,
)
_ASIDE = LazyRegex(r"\(([^()]{3,80})\)")
_ADVICE = LazyRegex(r"^(?:be\s+(?:gentle|kind|patient)|keep\s+\w+\s+in|go\s+easy|take\s+it)", re.I)
_MEETING_ONLY = LazyRegex(
    r"^(?:(?:quick|brief|great|good)\s+)?(?:lunch|dinner|coffee|breakfast|drinks|call|phone|"
    r"zoom|mtg|meeting|met|spoke|ran\s+into|bumped\s+into|sat\s+down|visit|chat|convo|"
    r"check[\s-]in)\b[^.]*$",
    re.IGNORECASE,
)


_CLAUSE_SPLIT = LazyRegex(
    r",\s+|:\s+|\s+(?:and|but)\s+(?=(?:he|she|they|his|her)\b)", re.IGNORECASE
)


def _overlaps(piece: Span, taken: list[tuple[int, int]]) -> bool:
    return any(s <= piece.start < e or piece.start <= s < piece.end for s, e in taken)


def _units(sentences: list[Span], taken: list[tuple[int, int]]) -> list[Span]:
    """Clauses worth sorting: sentences split on ';' and ' - ', minus task clauses."""
    from rapport.core.understand.tasks.words import runon_pieces  # loaded with the first note

    units: list[Span] = []
    for sentence in [piece for s in sentences for piece in runon_pieces(s)]:
        pieces = split_spans(sentence, _UNIT_SPLIT)
        for piece in pieces:
            if _overlaps(piece, taken):
                # "Send him a bottle of wine (he's into Barolo)": the aside is still a fact
                units.extend(
                    Span(piece.start + m.start(1), piece.start + m.end(1), m.group(1))
                    for m in _ASIDE.finditer(piece.text)
                )
                # "He's a huge Real Madrid fan, send a jersey?": the clause beside the task too
                units.extend(
                    clause
                    for clause in split_spans(piece, _CLAUSE_SPLIT)
                    if clause.end - clause.start < piece.end - piece.start
                    and not _overlaps(clause, taken)
                )
                continue
            if units and _ADVICE.match(piece.text) and units[-1].end >= sentence.start:
                last = units[-1]  # "dad in the hospital - be gentle" stays one fact
                units[-1] = Span(last.start, piece.end, f"{last.text} - {piece.text}")
                continue
            units.append(piece)
    return units


def _by_person(
    unit: Span, family: list[FamilyMember], interests: list[InterestMatch]
) -> list[Span]:
    """'wife Tessa rides dressage, their daughter does barrel racing': one fact each, when every
    clause with an interest names its own person (not "son Jake and daughter Mia, both ski")."""
    inside = [p for p in family if unit.start <= p.start < unit.end]
    if len(inside) < 2:
        return [unit]
    clauses = split_spans(unit, _CLAUSE_SPLIT)
    if len(clauses) < 2:
        return [unit]
    for clause in clauses:
        tagged = any(clause.start <= m.start < clause.end for m in interests)
        named = any(clause.start <= p.start < clause.end for p in inside)
        if tagged and not named:
            return [unit]
    if sum(1 for c in clauses if any(c.start <= p.start < c.end for p in inside)) < 2:
        return [unit]
    return clauses


# Whose a pastime is, read back from it to the clause's subject: the writer's ("My son's
# little league game", "I'm a Bears fan myself", "our rep Jim golfs"), or a work contact's
# or a rival's ("his boss", "her competitor's owner") is not the client's.
_WRITER = word_list("facts._WRITER")
_THIRD = word_list("facts._THIRD")
_NOT_THE_CLIENT = word_list("facts._NOT_THE_CLIENT") | word_list("facts._NOT_THE_CLIENT_MORE")
_THE_CLIENT_TOO = word_list("facts._THE_CLIENT_TOO")
_SPEAKS = word_list("facts._SPEAKS")
_WORD = LazyRegex(r"[\w'’]+")


def _someone_elses(
    unit: Span, match: InterestMatch, client_speaks: Sequence[tuple[int, int]]
) -> bool:
    """The nearest subject before the pastime in its clause is the writer or someone other
    than the client and their family ("my wife does pottery too", "his boss races boats").
    Where the client speaks (their e-mail, their turn of a thread) "my" is the client's; a
    name said nearer ("helen's son kevin ... trumpet") is the subject."""
    if len(unit.text) != unit.end - unit.start:
        return False
    theirs = any(a <= unit.start < b for a, b in client_speaks)
    words = [
        w.lower().replace("’", "'") for w in _WORD.findall(unit.text[: match.start - unit.start])
    ]
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        owner = word.removesuffix("'s")
        if word in _THIRD:
            return False
        if owner in _NOT_THE_CLIENT:
            return True  # "his boss", "her competitor's owner", "our rep"
        if owner in first_names():
            # "our rep Jim is a big golfer": the writer's; "helen's son kevin": theirs
            before = set(words[max(0, k - 3) : k])
            return not theirs and bool(before & (_WRITER | _NOT_THE_CLIENT))
        if word in _WRITER:
            if theirs:
                return False
            # "my client loves golf": the one the note is about, said from the writer's side;
            # "I hope the pickleball tournament goes well": the writer only speaks of theirs
            after = words[k + 1] if k + 1 < len(words) else ""
            return after not in _THE_CLIENT_TOO and after not in _SPEAKS
    return False


def find_facts(
    sentences: list[Span],
    taken: list[tuple[int, int]],
    family: list[FamilyMember],
    interests: list[InterestMatch],
    client_first: str | None,
    other_names: dict[str, str],
    client_speaks: Sequence[tuple[int, int]] = (),
) -> tuple[list[FactFound], list[Span]]:
    """Facts about the client and their people; returns them and the clauses left over."""
    facts: list[FactFound] = []
    rest: list[Span] = []
    # their trade goods are no interest; nor a name ("her pitbull Brisket", "their lab Whisky")
    names = {p.name.lower() for p in family if p.name}
    interests = [m for m in interests if not m.trade and m.text.lower() not in names]
    units = [u for unit in _units(sentences, taken) for u in _by_person(unit, family, interests)]
    for unit in units:
        members = [p for p in family if unit.start <= p.start < unit.end]
        tags: list[str] = []
        for match in interests:
            if unit.start <= match.start < unit.end and not _someone_elses(
                unit, match, client_speaks
            ):
                tags.extend(t for t in match.tags if t not in tags)
        text = unit.text
        sensitive = bool(_SENSITIVE.search(text))
        dietary = bool(_DIETARY.search(text)) or any(
            m.category == "dietary" for m in interests if unit.start <= m.start < unit.end
        )
        personal = bool(_PERSONAL.search(text) or _PREFERENCE.search(text))
        plain = not (members or tags or sensitive or dietary)
        if plain and (not personal or _BUSINESS.search(text) or _MEETING_ONLY.match(text)):
            rest.append(unit)
            continue
        if _MEETING_ONLY.match(text) and members and not (tags or sensitive or dietary):
            continue  # "Lunch w/ Victor + his wife Monique": the person is enough
        about = _about(unit, members, client_first, other_names)
        if sensitive:
            category = "sensitive"
        elif dietary:
            category = "dietary"
        elif members and about is not None:
            category = "family"
        elif tags:
            category = "interest"
        elif _PREFERENCE.search(text):
            category = "preference"
        else:
            category = "family" if members else "personal"
        facts.append(FactFound(clean_fragment(text), category, about, tags, unit.start, unit.end))
    return facts, rest


def _about(
    unit: Span, members: list[FamilyMember], client_first: str | None, names: dict[str, str]
) -> str | None:
    """Whom a clause is about: the family member it opens with, another person, or the client."""
    head = unit.text[:40]
    for member in members:
        if member.start - unit.start <= 25:
            return member.name or member.relation
    first = rx(r"([A-Z][\w'-]+)").match(unit.text)
    if first:
        word = first.group(1).removesuffix("'s")
        if client_first and word.lower() == client_first.lower():
            return None
        if word.lower() in names:
            return names[word.lower()]
    if members and rx(r"(?:his|her|their)\s", re.IGNORECASE).match(head):
        return members[0].name or members[0].relation
    return None


_ORDINAL_AGE = (
    r"(?:1?\d?(?:1[123]th|[04-9]th|1st|2nd|3rd)|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)"
    r"(?:ieth|y[\s-]+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))|tenth|"
    r"eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth)"
)
_MONTH_AHEAD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_MILESTONES = (
    # whose, then the ordinal, then what may follow an age (not "his 3rd order", "the 40th
    # floor"; "her 1st birthday" is read by the word)
    r"(?:(?P<couple>(?:\btheir|(?:\band|&|\+)\s+[A-Z][\w'-]*(?:'s|’s)))|(?:'s|’s|\b(?:his|her|my)))\s+"
    rf"(?P<nth>{_ORDINAL_AGE})\b(?=\s*(?:[,(=:!-]|is\b|on\b|coming\b|was\b|falls\b|$))|"
    rf"(?:\(\s*|\bis\s+|\bbe\s+|(?:'s|’s)\s+)(?P<ageon>\d{{1,3}}|{AGE_WORDS})\s+on\s+"
    rf"(?=the\s+\w|\d|{_MONTH_AHEAD})|"
    r"\b(?P<wed>(?:golden|silver|ruby|diamond|pearl|crystal|sapphire|emerald|coral|tin|paper)\s+"
    rf"wedding(?!\s+anniv)|(?:\d{{1,2}}|{AGE_WORDS})\s*(?:yrs?|years?)(?:\s+married|\s*,\s*married\s+"
    rf"(?=\d{{1,2}}/\d{{1,2}}|{_MONTH_AHEAD}\w*\s+\d|(?:on\s+)?the\s+\w)))"
)
# what may stand between a milestone age and its day: "his 50th, Oct 24", "her 40th is Dec 19",
# "sixtieth coming up August 30th", "60th (3/21)", "50th = April 20" (not "80th, back Nov 2")
_AGE_TO_DAY = LazyRegex(r"[\s,(=:-]*(?:(?:is|was|falls|coming\s+up)\s+)?(?:on\s+)?", re.IGNORECASE)
_LABEL = LazyRegex(
    r"\b(?P<label>(?:wedding\s+|work\s+)?anniversar(?:y|ies)|anniv|birthdays?|bdays?|b-days?|b'day)\b|"
    r"\b(?:turns?|turned|turning)\s+(?:\d{1,3}|" + AGE_WORDS + r")\b|\b(?P<born>born)\b|"
    # "celebrating 20 yrs on June 3", "married 15 years Oct 14": a wedding anniversary (not
    # "celebrating 20 years in business")
    r"\b(?P<years>(?:married|celebrat(?:e|es|ed|ing))\s+(?:for\s+)?\d{1,2}\s*(?:yrs?|years?)\b)"
    r"(?!\s+(?:in|at|with|of)\s+(?:business|the\s+(?:company|firm|business)|service)\b)|"
    # i16in3: a milestone age said as an ordinal after whose it is ("Tom's 70th is 5/2", "his
    # 50th, Feb 11", "her sixtieth coming up"), an age said with its day ("(90 on the 3rd!)",
    # "is eighty five on the second of june") and a couple's milestone ("their golden wedding",
    # "twelve years married on", "married 8/14")
     + _MILESTONES,
    re.IGNORECASE,
)
# Whose a couple's anniversary is when the note names the spouse first: the client's.
_SPOUSES = frozenset({"wife", "husband", "partner", "spouse", "fiance", "fiancee"})
# "the Oct 3 anniversary sale", "birthday promo for members": a shop's event, not a person's day
_BUSINESS_EVENT_AFTER = LazyRegex(
    r"\s*(?:-\s*)?(?:sales?|promos?|promotions?|specials?|discounts?|deals?|campaigns?|mailers?|"
    r"coupons?|clearance|blowout|event|events|markdowns?|offers?|menu|club|rewards?)\b",
    re.IGNORECASE,
)
# A day said after a past event: "just turned 1 on the 25th" (said on the 30th) is this month's
_PAST = LazyRegex(r"\b(?:turned|born|was|had|passed|married)\b", re.IGNORECASE)


def find_yearly_dates(
    units: list[Span],
    dates: list[DateMention],
    family: list[FamilyMember],
    client_first: str | None,
    task_units: Sequence[Span] = (),
) -> list[YearlyDate]:
    """Birthdays and anniversaries with a day ("Susan's bday 3/14", "turn 5 on Dec 3").

    i16in3: in the clauses that are tasks (``task_units``) only a day said right after its
    label or age counts ("remember Lea's birthday is 2 September", "a card for her mom (80 on
    the 9th!)"), not a task's due ("bday card by Fri")."""
    found: list[YearlyDate] = []
    strict = {id(u) for u in task_units}
    for unit in sorted([*units, *task_units], key=lambda u: u.start):
        for m in _LABEL.finditer(unit.text):
            if m.group("label") and _BUSINESS_EVENT_AFTER.match(unit.text, m.end()):
                continue
            couple = bool(m.group("years") or m.group("wed") or m.group("couple"))
            raw = (m.group("label") or ("anniversary" if couple else "birthday")).lower()
            label = (
                "work anniversary"
                if raw.startswith("work")
                else ("anniversary" if "anniv" in raw else "birthday")
            )
            pos = unit.start + m.start()
            near = [
                d for d in dates
                if d.exact and unit.start <= d.start < unit.end
                and -30 <= d.start - pos <= 45 and d.kind == "day"
            ]  # fmt: skip
            if m.group("born"):
                # "born 12/22": a calendar date said, not "born Sat" (a weekday to come)
                near = [d for d in near if d.start > pos and any(c.isdigit() for c in d.text)]
            if m.group("nth") or m.group("ageon") or id(unit) in strict:
                said = (
                    m.end("nth")
                    if m.group("nth")
                    else m.end("ageon")
                    if m.group("ageon")
                    else m.end()
                )
                near = [d for d in near if _said_right_after(unit, said, d)]
                if id(unit) in strict and not near:
                    continue
            day = min(near, key=lambda d: abs(d.start - pos), default=None)
            month_day = _month_then_ordinal(unit, pos, dates)
            if month_day is None and day is None:  # i16ip: "birthday is 12.01.", "born 3.11.1961"
                eu = european_day(unit.text, m.start(), m.end())
                month_day = None if eu is None else (eu[0], eu[1], unit.start + eu[2])
            if month_day is not None:
                month, day_of_month, end = month_day
            elif day is not None and day.value is not None:
                month, day_of_month, end = day.value.month, day.value.day, day.end
                if _ORDINAL.fullmatch(day.text) and _PAST.search(
                    unit.text, 0, day.start - unit.start
                ):
                    month = _month_before(month, day_of_month)  # the next 25th is next month's
            else:
                if "happy" in unit.text[: m.start()].lower()[-8:] and label == "birthday":
                    day = next((d for d in dates if d.text.lower() == "today"), None)
                if day is None or day.value is None:
                    continue
                month, day_of_month, end = day.value.month, day.value.day, day.end
            whose = _whose(unit, pos, family, client_first)
            if couple:
                spouses = {p.name or p.relation for p in family if p.relation in _SPOUSES}
                whose = [None if about in spouses else about for about in whose]
            for about in whose:
                if not any(
                    f.label == label
                    and (f.about == about or (f.month, f.day) == (month, day_of_month))
                    for f in found
                ):
                    found.append(YearlyDate(label, about, month, day_of_month, pos, end))
    return found


def _said_right_after(unit: Span, end: int, day: DateMention) -> bool:
    """The day said right after a milestone age (``end`` is the age's end in the unit)."""
    gap = _AGE_TO_DAY.match(unit.text, end)
    return gap is not None and unit.start + gap.end() >= day.start >= unit.start + end


def _month_before(month: int, day: int) -> int:
    """The month before ``month`` when it has a ``day`` (a leap year's February allowed)."""
    before = month - 1 or 12
    return (
        before if day <= (29 if before == 2 else 30 if before in (4, 6, 9, 11) else 31) else month
    )


_ORDINAL = LazyRegex(r"(?:\w+\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)


def _month_then_ordinal(
    unit: Span, pos: int, dates: list[DateMention]
) -> tuple[int, int, int] | None:
    """'anniv is in june - 25 yrs on the 12th': the month said, then the day as an ordinal
    (which alone would mean the next 12th of any month)."""
    month = next(
        (
            d for d in dates
            if d.kind == "month" and d.value is not None
            and unit.start <= d.start < unit.end and 0 <= d.start - pos <= 45
        ),
        None,
    )  # fmt: skip
    if month is None or month.value is None:
        return None
    for d in dates:
        ordinal = _ORDINAL.fullmatch(d.text)
        if ordinal and d.kind == "day" and 0 <= d.start - month.end <= 30:
            return month.value.month, int(ordinal.group(1)), d.end
    return None


# Another couple's day ("her parents' anniversary", "his in-laws celebrate 40 years").
_COUPLE = LazyRegex(
    r"\b(?:his|her|their|my|the)\s+(parents|in-laws|grandparents|folks)\b(?:'s?)?[^.;]*$",
    re.IGNORECASE,
)


def _whose(
    unit: Span, pos: int, family: list[FamilyMember], client_first: str | None
) -> list[str | None]:
    before = [p for p in family if unit.start <= p.start < pos]
    if before:
        last = before[-1]
        group = [p for p in before if p.start == last.start]
        return [p.name or p.relation for p in group]
    couple = _COUPLE.search(unit.text, 0, pos - unit.start)
    if couple:
        return [couple.group(1).lower()]  # "her parents' anniversary": theirs, not hers
    owner = rx(r"((?:[A-Z][\w'-]+\s+)?[A-Z][\w'-]+)'s\s+(?:\d+\w*\s+)?$").search(
        unit.text[: pos - unit.start]
    )
    first = owner.group(1).split()[0] if owner else ""
    if owner and (client_first is None or first.lower() != client_first.lower()):
        return [first]  # "Susan Park's bday": Susan's, not the client's
    return [None]


# A chat export's speaker line: a name (up to four words), perhaps a role in brackets, and the
# time the message was sent ("Name (role) 09:05", "Name, 9:05 AM"): a heading, not a point.
_SPEAKER_LINE = LazyRegex(
    r"^\s*[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}(?:\s*\([^)]{1,40}\))?\s*[,-]?\s*"
    r"\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\s*$"
)


def find_key_points(rest: list[Span], limit: int = 8) -> list[str]:
    """Business points among the clauses that are neither facts nor tasks."""
    points: list[str] = []
    for unit in rest:
        text = unit.text
        if _MEETING_ONLY.match(text) or not _BUSINESS.search(text) or _SPEAKER_LINE.match(text):
            continue
        point = clean_fragment(
            rx(r"^(?:all\s+business|per\s+our\s+convo),?\s*", re.I).sub("", text), 100
        )
        if point and point not in points:
            points.append(point)
        if len(points) >= limit:
            break
    return points
