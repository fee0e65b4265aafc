"""Introductions in a note: who introduced the user to whom, and who referred the client.

"Mike introduced me to Dana", "Rachel (referred by Frank)", "Greta looped in Arjun", "Renee
cc'd me on an email to her GC, Frank", "Referred by Dr. Paul Lin." (the lead is the client).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapport.core.understand.mentions import NOT_NAMES, NameMention, first_names, is_word_surname
from rapport.core.understand.programs import rx
from rapport.core.understand.text import LazyRegex

__all__ = ["Introduction", "find_introductions"]


@dataclass(frozen=True, slots=True)
class Introduction:
    """A lead the note says someone introduced or referred, and who did."""

    name: str  # the lead
    referrer: str | None  # a name, or None for "he"/"she" (the client)
    start: int
    end: int
    lead_is_subject: bool  # "Rachel (referred by Frank)": the note is about the lead


_N = r"(?:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
# a referrer may be a first name and an initial, as phone notes write them ("Penny A. sent ...")
_WHO = rf"(?:{_N}(?:\s+[A-Z]\.)?|[Hh]e|[Ss]he|[Tt]hey)"
# "her CFO, Victor Osei", "his old friend, Dr. Lee": the role, a comma, then the name
_FILLER = (
    r"(?:(?:his|her|their|a|an|the|my|our|old|good|great|close)\s+){0,2}"
    r"(?:[a-z][a-z'-]*,?\s+|[A-Z]{2,4},?\s+){0,2}?(?![A-Z]{2,4},\s)(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
)
# A name with a lower-case letter ("Frank Ortiz", not "GC"), and an aside after the referrer:
# "Jen Walker (past client) sent over a referral".
_NL = r"(?:[A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*){0,2})"
_ASIDE = r"(?:\s*\([^)\n]{1,40}\))?"
_REFERRED_BY = r"(?:[Rr]eferred\s+(?:over\s+)?by|[Rr]eferral\s+from|[Ii]ntro(?:duced)?\s+by)"
# Who sent a lead, said first: "Sent by", "Via", "Intro from", "Courtesy of", "Thanks to"
_SENT_BY = (
    r"(?:[Ss]ent\s+(?:over\s+)?by|[Vv]ia|[Ii]ntro(?:duction)?\s+from|[Cc]ourtesy\s+of|"
    r"[Tt]hanks\s+to|[Rr]ecommended\s+by|[Rr]ec(?:ommendation)?\s+from|[Ll]ead\s+from|"
    r"[Tt]ip\s+from|[Rr]eferred\s+(?:over\s+)?by|[Rr]eferral\s+from)"
)
# "Judge (ret.) Patricia Keane": a title and an aside before the referrer's name
_TITLED = r"(?:[A-Z][\w.'-]+\s*\([^)\n]{1,12}\)\s*)?"
_INTRO_PATTERNS = (
    LazyRegex(
        rf"(?P<ref>{_WHO}){_ASIDE}(?:\s+(?:introduced|intro'?d|intro-ed|connected|referred|put)|"
        r"(?:'s|\s+is|\s+was)\s+(?:connecting|introducing|putting))\s+"
        rf"(?:me|us)\s+(?:in\s+touch\s+)?(?:to|with|w/)\s+{_FILLER}(?P<lead>{_N})"
    ),
    LazyRegex(
        rf"(?P<ref>{_WHO})\s+(?:introduced|referred|sent|passed)\s+(?P<lead>{_N})\s+"
        r"(?:along\s+)?(?:to\s+(?:me|us)|my\s+way|our\s+way|over)"
    ),
    LazyRegex(
        rf"(?P<lead>{_N})[^.;\n]{{0,40}}?\b(?:[Rr]eferred\s+(?:over\s+)?by|[Rr]eferral\s+from|"
        rf"[Ii]ntro(?:duced)?\s+by|[Ii]ntro(?:duction)?\s+from|via)\s+{_FILLER}(?P<ref>{_N})"
    ),
    LazyRegex(rf"\b[Mm]et\s+(?P<lead>{_N})\s+through\s+{_FILLER}(?P<ref>{_N})"),
    # "Greta looped in her colleague Arjun Mehta", "Renee cc'd me on an email to her GC, Frank
    # Ortiz", "Jen (past client) sent over a referral - her neighbor Marco Rossi"
    LazyRegex(
        rf"(?P<ref>{_WHO}){_ASIDE}\s+(?:looped|brought|pulled)\s+(?:me\s+|us\s+)?in\s+"
        rf"(?:(?:with|w/|on)\s+)?{_FILLER}(?P<lead>{_NL})"
    ),
    LazyRegex(rf"(?P<ref>{_WHO}){_ASIDE}\s+cc'?e?d\s+(?:me|us)\b[^.;\n]{{0,50}}?(?P<lead>{_NL})"),
    LazyRegex(
        rf"(?P<ref>{_WHO}){_ASIDE}\s+(?:sent|passed|gave)\s+(?:me\s+|us\s+)?(?:over\s+|along\s+)?"
        rf"(?:a|another|one)\s+(?:referral|lead)\b[^.;\n]{{0,40}}?(?P<lead>{_NL})"
    ),
    # "Brian Cho referred his neighbor, Dr. Ellen Marsh (dermatologist)": no "to me" needed
    LazyRegex(
        rf"(?P<ref>{_WHO})\s+referred\s+(?:his|her|their|a|an|the|my|our)\s+"
        rf"(?:[a-z][a-z'-]*\s+){{0,2}}?[a-z][a-z'-]*,?\s+(?:(?:Dr|Mr|Mrs|Ms)\.?\s+)?(?P<lead>{_NL})"
    ),
    # "Referred by Kate Moreno: Tony Alvarez, owns 2 pizzerias": the note is about Tony
    LazyRegex(
        rf"{_REFERRED_BY}\s+{_FILLER}{_TITLED}(?P<ref>{_N})\s*[:-]\s*{_FILLER}(?P<lead>{_NL})"
    ),
    # "wants to sponsor again + intro'd me to her friend Carla Diaz": the client introduced
    LazyRegex(
        r"(?:^|[.;!\n,+&:]\s*|\s(?:and|also)\s+|\s-\s+)(?P<ref>)(?:also\s+)?(?:introduced|intro'?d|"
        rf"connected|put)\s+(?:me|us)\s+(?:in\s+touch\s+)?(?:to|with|w/)\s+{_FILLER}(?P<lead>{_NL})"
    ),
    # "Brooke Adams referred a new couple - Tyler Grant & Maya Singh", "Gabriela Stone brought
    # in a new client, Ethan Brooks": the people brought, one or two
    LazyRegex(
        rf"(?P<ref>{_WHO}){_ASIDE}\s+(?:referred|brought\s+(?:in|over|by)|sent\s+(?:over|us|me))"
        r"\s+(?:me\s+|us\s+)?(?:a|an|another|the|one|two)\s+(?:new\s+|young\s+|great\s+)?"
        r"(?:couple|client|family|lead|prospect|buyer|customer|referral|patient)s?\b"
        rf"[^.;\n]{{0,30}}?[,:(-]\s*(?P<lead>{_NL})(?:\s*(?:and|&|\+)\s*(?P<lead2>{_NL}))?"
    ),
    # "Craig Mbeki emailed to intro Dana Whitfield", "Jo texted to connect me with Al Roy"
    LazyRegex(
        rf"(?P<ref>{_WHO}){_ASIDE}\s+(?:emailed|texted|wrote|called|messaged|reached\s+out)\s+"
        r"to\s+(?:intro(?:duce)?|connect)\s+(?:(?:me|us)\s+(?:to|with|w/)\s+)?"
        rf"{_FILLER}(?P<lead>{_NL})"
    ),
    # Family: a note that opens with who sent the lead, then the lead after a colon, a dash or
    # a comma, an aside between ("Sent by Rob Ito (thanks Rob!) - new lead Ines Vidal", "Via
    # Carl Jansen: Mina Park", "Intro from Paula Grant - Dev Malik", "Courtesy of Dr. Lee,
    # Tom Hale"): the lead is whom the note is about.
    LazyRegex(
        rf"(?:^|[.;!\n]\s*|\s-\s){_SENT_BY}\s+{_FILLER}{_TITLED}(?P<ref>{_N}){_ASIDE}\s*[:,-]\s*"
        rf"{_FILLER}(?P<lead>{_NL})"
    ),
    # Family: "X passed my name along to Y", "X gave my number to Y": Y is the lead, and the
    # note is about Y
    LazyRegex(
        rf"(?P<ref>{_WHO}){_ASIDE}\s+(?:passed|gave|sent|forwarded|shared)\s+(?:along\s+|on\s+)?"
        r"(?:my|our)\s+(?:name|number|card|info|details|contact(?:\s+info)?|email)\s+"
        rf"(?:along\s+|on\s+)?to\s+{_FILLER}(?P<lead>{_NL})"
    ),
    # "... intro call. Referred by Dr. Paul Lin.": the lead is whom the note is about
    LazyRegex(rf"(?:^|[.;!\n]\s*|\s-\s)(?P<lead>){_REFERRED_BY}\s+{_FILLER}(?P<ref>{_N})"),
)
_KIN_BROUGHT = LazyRegex(
    r"\bbrought\s+in\s+(?:his|her|their|the)\s+(?:\w+\s+)?(?:grand)?(?:kids?|children|sons?|"
    r"daughters?|boys?|girls?|twins|babies|baby|grandsons?|granddaughters?)\b",
    re.IGNORECASE,
)
# Patterns whose lead is the person the note is about (the client), not someone new.
_SUBJECT_PATTERNS = frozenset(
    {2, 3, 8, len(_INTRO_PATTERNS) - 3, len(_INTRO_PATTERNS) - 2, len(_INTRO_PATTERNS) - 1}
)
# Words without which each pattern cannot match (lower case): most notes introduce no one, and
# then no pattern is compiled or run.
_TRIGGERS = (
    ("introduc", "intro", "connect", "referred", "put"),
    ("introduced", "referred", "sent", "passed"),
    ("referred", "referral", "intro", "via"),
    ("through",),
    ("looped", "brought", "pulled"),
    ("cc",),
    ("referral", "lead"),
    ("referred",),
    ("referred", "referral", "intro"),
    ("introduc", "intro", "connected", "put"),
    ("referred", "brought", "sent"),
    ("intro", "connect"),
    ("sent", "via", "intro", "courtesy", "thanks", "recommend", "rec", "lead", "tip", "referr"),
    ("name", "number", "card", "info", "details", "contact", "email"),
    ("referred", "referral", "intro"),
)


def find_introductions(text: str, limit: int, names: list[NameMention]) -> list[Introduction]:
    """Introductions: 'X introduced me to Y', 'Y (referred by X)', 'X put me in touch with Y'."""
    found: list[Introduction] = []
    seen: set[str] = set()
    known = {n.name.lower(): n.name for n in names}
    low = text[:limit].lower()
    for index, pattern in enumerate(_INTRO_PATTERNS):
        if not any(word in low for word in _TRIGGERS[index]):
            continue
        for m in pattern.finditer(text, 0, limit):
            ref = _clean_name(m.group("ref"), known) if m.group("ref") else None
            if index == len(_INTRO_PATTERNS) - 1:
                # the lead is the client, named elsewhere: filled in once the client is known
                if ref and not any(i.referrer == ref for i in found):
                    found.append(Introduction("", ref, m.start("ref"), m.end(), True))
                continue
            lead = _clean_name(m.group("lead"), known)
            if index == 4 and _KIN_BROUGHT.search(text, m.start(), m.start("lead")):
                continue  # i16in3: "brought in her grandsons Finn and Declan": a visit, no lead
            if index == 2:
                # "Prospect: Harold Beaumont, 67, referred by Nina": the name nearest the referral
                said = [n for n in names if n.full and m.start("lead") <= n.start < m.start("ref")]
                lead = said[-1].name if said else lead
                if not said and lead and lead.split()[0].lower() not in first_names():
                    # i16in3: "Intake call - new client, referred by Dot": a heading is no one;
                    # the lead is the client
                    said_how = m.group().lower()
                    if (
                        ("referr" in said_how or "intro" in said_how)
                        and ref
                        and not any(i.referrer == ref for i in found)
                    ):  # not "Calendar holds via Anjali": a task's go-between
                        found.append(Introduction("", ref, m.start("ref"), m.end(), True))
                    continue
            if not lead or (ref and ref.lower() == lead.lower()):
                continue
            if lead.lower() not in seen:
                seen.add(lead.lower())
                subject = index in _SUBJECT_PATTERNS
                found.append(Introduction(lead, ref, m.start(), m.end(), subject))
            second = m.groupdict().get("lead2")
            other = _clean_name(second, known) if second else None
            if other and other.lower() not in seen:
                seen.add(other.lower())
                found.append(Introduction(other, ref, m.start(), m.end(), False))
    if "intro" in low or "connect" in low:
        _lower_case_leads(text, limit, names, found, seen)
    if "name" in low or "way" in low or "number" in low:
        _who_referred_the_client(text, limit, names, found)
    if _CAME_VIA_WORDS.search(low):
        _came_through(text, limit, names, found)
    if _HANDED_WORDS.search(low):
        _handed_over(text, limit, names, found, seen)
    if any(word in low for word in _HAND_OVER_WORDS):
        _handed_any_way(text, limit, names, found, seen)
    if any(word in low for word in _CAME_REFERRED_WORDS):
        _came_referred(text, limit, names, found)
    if "thank" in low:
        _thanks_for_the_intro(text, limit, names, found, seen)
    if _WANTS_TOO.can_match(low):
        _friend_who_wants(text, limit, names, found, seen)
    if any(word in low for word in _MAIL_WORDS):
        _mail_and_spoken(text, limit, names, found, seen)
    if any(word in low for word in _OFFER_WORDS):
        _offered_hand_over(text, limit, names, found, seen)
    if "referred" in low or "introduced" in low or "recommended" in low:
        _referred_someone(text, limit, names, found, seen)
    if any(word in low for word in _ASIDE_WORDS):
        _referrer_with_an_aside(text, limit, names, found)
    if any(word in low for word in _WRITERS_OWN_WORDS):
        found = [i for i in found if not _writers_own(text, limit, i.name)]
    return found


# i16in3: someone the writer calls their own family ("cc'ing Pam (my wife, ...)", "Pam, my
# wife") is brought into a message, not handed over
_WRITERS_OWN_WORDS = ("my ", "our ")
_WRITERS_OWN = LazyRegex(
    r"(?:\s*[,(]\s*|\s+)(?:my|our)\s+(?:wife|husband|spouse|partner|son|daughter|mom|mum|mother|"
    r"dad|father|brother|sister|hubby|kid)\b",
    re.IGNORECASE,
)


def _writers_own(text: str, limit: int, name: str) -> bool:
    first = name.split()[0] if name else ""
    if not first:
        return False
    return any(
        _WRITERS_OWN.match(text, m.end())
        for m in re.finditer(rf"\b{re.escape(first)}\b", text[:limit])
    )


# Family: the client hands the user someone, said any way but "introduced": "X -> sent me Y",
# "thank her for referring Y", "My friend Y is opening a bakery ... I gave her your number",
# "Y wants the same - I told him you'd call him", a forwarded introduction ("Sabrina, meet
# Pat ..."): Y is the lead, someone new. And the client's own source, said passively or in a
# CRM field ("She was referred to us by Dr. X", "Lead source: Referral - X"): the lead is the
# client.
_HANDED_WORDS = LazyRegex(
    r"\b(?:sent\s+(?:me|us)|referring|your\s+(?:number|name|card|info|details|email)|"
    r"you'?d\s+(?:call|reach|get|be)|you\s+(?:would|will)\s+(?:call|reach)|meet|"
    r"referred\s+to\s+(?:us|me)|referred\s+by|source)\b"
)
_FULL = r"(?:[A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*){1,2})"
_HANDED = (
    LazyRegex(
        rf"(?P<ref>{_WHO}){_ASIDE}\s*(?:→|->|-->|-|–|—)?\s*sent\s+(?:me|us)\s+{_FILLER}(?P<lead>{_FULL})"
    ),
    LazyRegex(rf"(?P<ref>)\b(?:[Ff]or\s+)?referring\s+{_FILLER}(?P<lead>{_NL})"),
)
# the user's details given to someone named just before: the lead is that person
_GAVE_YOURS = LazyRegex(
    r"\b(?:I|we)\s+(?:(?:gave|passed|sent|forwarded)\s+(?:him|her|them)\s+(?:your|my)\s+"
    r"(?:number|name|card|info|details|email|contact)|told\s+(?:him|her|them)\s+"
    r"(?:you'?d|you\s+would|you\s+will|you'?ll)\s+(?:call|reach|get\s+in\s+touch|be\s+in\s+touch))",
    re.IGNORECASE,
)
_MEET = LazyRegex(rf"(?:^|\n)\s*(?P<lead>{_N})\s*(?:,|-|–|—)\s*meet\s+(?P<other>{_N})")
_SOURCE = LazyRegex(
    r"(?:\b(?:he|she|they)\s+(?:was|were|got|had\s+been|has\s+been)\s+referred\s+"
    r"(?:to\s+(?:us|me)\s+)?by|(?:^|\n)\s*(?:[Ll]ead\s+)?[Ss]ource\s*:\s*(?:[Rr]eferral|"
    rf"[Rr]eferred)\s*(?:[-:–—]|from|by)?)\s*{_FILLER}(?P<ref>(?-i:{_N}))",
    re.IGNORECASE,
)


def _handed_over(
    text: str, limit: int, names: list[NameMention], found: list[Introduction], seen: set[str]
) -> None:
    known = {n.name.lower(): n.name for n in names}

    def add(lead: str | None, ref: str | None, start: int, end: int, subject: bool = False) -> None:
        if lead and lead.lower() not in seen and not (ref and ref.lower() == lead.lower()):
            seen.add(lead.lower())
            found.append(Introduction(lead, ref, start, end, subject))

    for pattern in _HANDED:
        for m in pattern.finditer(text, 0, limit):
            ref = _clean_name(m.group("ref"), known) if m.group("ref") else None
            add(_clean_name(m.group("lead"), known), ref, m.start(), m.end())
    for m in _GAVE_YOURS.finditer(text, 0, limit):
        start = max(text.rfind("\n\n", 0, m.start()), m.start() - 250, 0)
        before = [n for n in names if start <= n.start < m.start() and n.full]
        if before:
            add(before[-1].name, None, before[-1].start, m.end())
    for m in _MEET.finditer(text, 0, limit):
        first = _clean_name(m.group("lead"), known)
        if first and " " not in first:  # "Sabrina, meet Pat": the full name said elsewhere
            first = next((n.name for n in names if n.full and n.first == first), first)
        add(first, None, m.start("lead"), m.end(), True)  # a forwarded intro is about the lead
    for m in _SOURCE.finditer(text, 0, limit):
        ref = _clean_name(m.group("ref"), known)
        if ref and not any(i.referrer == ref or i.name == ref for i in found):
            found.append(Introduction("", ref, m.start(), m.end(), True))


# Who sent the client, said from the user's side with a pronoun for the client or no lead at
# all: "New lead via X", "got them through X", "came to us through X", "found us via X", "came
# in on X's recommendation", "X sent them to us", "X (from Y) referred her", "(X there sent
# them)". X is the referrer; the lead is the client, named elsewhere in the note.
_CAME_VIA_WORDS = LazyRegex(r"\b(?:via|through|thru|courtesy|recommend\w*|sent|referred|steered)\b")
_CAME_VIA = LazyRegex(
    r"\b(?:(?:new\s+)?(?:lead|referral|prospect|inquiry|enquiry|client|customer)s?\s+"
    r"(?:via|from|thru|through|courtesy\s+of)|(?:got|found)\s+(?:him|her|them)\s+"
    r"(?:via|through|thru)|(?:came|come|comes|coming)\s+(?:to\s+(?:us|me)\s+|in\s+|over\s+)?"
    r"(?:via|through|thru)|found\s+(?:us|me)\s+(?:via|through|thru))\s+",
    re.IGNORECASE,
)
_ON_RECOMMENDATION = LazyRegex(
    r"\bon\s+(?P<who>(?:(?:Dr|Mr|Mrs|Ms|Prof)\.\s*)?[^.;!?\n]{2,40}?)(?:'s|s'|\u2019s)\s+(?:recommendation|referral|rec|"
    r"suggestion|say-so|advice)\b",
    re.IGNORECASE,
)
_SENT_THEM = LazyRegex(
    r"\b(?:sent|referred|steered|pointed|recommended)\s+(?:him|her|them)\b(?:\s+(?:to\s+(?:us|me)"
    r"\b|(?:my|our)\s+way\b|over\b|along\b))?(?=\s*(?:[.;,:()!\n-]|$|since|because|as|for|after))",
    re.IGNORECASE,
)
# i16in: "Vera Lind's neighbour sent her": Vera is whose neighbour, not the referrer
_OWNER_OF = LazyRegex(r"(?:'s|’s)\s+[a-z]")
_AT_BEFORE = LazyRegex(r"(?:\bat|\bfrom|@)\s*$", re.IGNORECASE)
_TITLE_BEFORE = LazyRegex(r"\b(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+$")


def _came_through(
    text: str, limit: int, names: list[NameMention], found: list[Introduction]
) -> None:
    fulls = {n.first.lower() for n in names if n.full}

    def person(n: NameMention) -> bool:
        return n.full or n.titled or n.first.lower() in first_names() or n.first.lower() in fulls

    def written(n: NameMention) -> str:
        title = _TITLE_BEFORE.search(text, max(0, n.start - 5), n.start) if n.titled else None
        return text[title.start() : n.end] if title is not None else n.name

    refs: list[tuple[str, int, int]] = []
    for m in _CAME_VIA.finditer(text, 0, limit):
        after = next((n for n in names if m.end() <= n.start <= m.end() + 40 and person(n)), None)
        if after is not None and not rx(r"[.;!?\n]").search(text[m.end() : after.start]):
            refs.append((written(after), m.start(), after.end))
    for m in _ON_RECOMMENDATION.finditer(text, 0, limit):
        inside = [n for n in names if m.start("who") <= n.start < m.end("who") and person(n)]
        if inside:
            refs.append((written(inside[-1]), m.start(), m.end()))
    for m in _SENT_THEM.finditer(text, 0, limit):
        clause = max(
            text.rfind(stop, 0, m.start()) for stop in (".", ";", "!", "?", "\n", "(", ":")
        )
        dash = text.rfind(" - ", 0, m.start())
        clause = max(clause, dash + 2 if dash != -1 else -1, m.start() - 60)
        said = [
            n
            for n in names
            if clause < n.start and n.end <= m.start() and not _OWNER_OF.match(text, n.end)
        ]
        # "Said Tomas at Bay Tile sent her to us": a capitalised name right before says who
        before = next((n for n in said if person(n)), said[0] if said else None)
        # i16in3: "Yusra Khoury booked it, Peggy sent her to me": the one right before the verb
        # with nothing between (not a place after "at") sent her
        right = [
            n
            for n in said
            if person(n)
            and "," not in text[n.end : m.start()]
            and not _AT_BEFORE.search(text, max(0, n.start - 5), n.start)
        ]
        before = right[-1] if right else before
        if before is not None:
            refs.append((written(before), before.start, m.end()))
    for ref, start, end in refs:
        if not any(i.referrer == ref or i.name == ref for i in found):
            found.append(Introduction("", ref, start, end, True))


# Who sent the client to the user, said from the client's side: "she got my name from jim okafor",
# "got my name from Sister Mary Claire", "We got your name from our friends Kate and Ben Marsh",
# "lisa brandt from the parks department sent me her way", "Greg Hall sent her my way". The lead
# is the client, whom the note is about (filled in once the client is known).
_NAME_ANY = r"[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,2}"
_GOT_NAME_FROM = LazyRegex(
    r"\b(?:got|gets|had|found)\s+(?:my|our|your)\s+(?:name|number|info|card|details)\s+"
    r"(?:from|through|via)\s+(?:(?:his|her|their|my|our|a|an|the)\s+)?(?:(?:friends?|neighbou?rs?|"
    r"cousin|colleague|boss|client|customer|buddy|pastor|sister|brother|dr\.?|mr\.?|mrs\.?|ms\.?)"
    rf"\s+)*(?P<ref>{_NAME_ANY})",
    re.IGNORECASE,
)
_SENT_MY_WAY = LazyRegex(
    rf"(?P<ref>{_NAME_ANY})(?:\s*\([^)\n]{{1,40}}\))?(?:\s+(?:from|at|@)\s+[^.;\n]{{1,40}}?)?"
    r"\s+sent\s+(?:me\s+(?:his|her|their)\s+way|(?:him|her|them)\s+(?:my|our)\s+way)",
    re.IGNORECASE,
)


# The same said tersely, the referrer left out or a pronoun (phone notes): "sent her my way:
# Yvette Moss, caterer" (the client sent the person named after it), "he sent her my way" (the
# note is about her; "he" is the person named just before).
_PRONOUN_SENT = LazyRegex(
    r"(?:^|[.;!\n,:]\s*|\s-\s+|\s(?:and|also)\s+)(?P<ref>(?:he|she|they)\s+)?sent\s+"
    rf"(?:him|her|them)\s+(?:my|our)\s+way\b(?:\s*[:,-]\s*(?P<lead>(?-i:{_NL})))?",
    re.IGNORECASE,
)


def _who_referred_the_client(
    text: str, limit: int, names: list[NameMention], found: list[Introduction]
) -> None:
    known = {n.name.lower(): n.name for n in names}
    for pattern in (_GOT_NAME_FROM, _SENT_MY_WAY):
        for m in pattern.finditer(text, 0, limit):
            ref = _known_prefix(m.group("ref"), known)
            if ref and not any(i.referrer == ref for i in found):
                found.append(Introduction("", ref, m.start(), m.end(), True))
    for m in _PRONOUN_SENT.finditer(text, 0, limit):
        if any(i.start <= m.start("ref" if m.group("ref") else 0) < i.end for i in found):
            continue  # "Greg Hall sent her my way": already read with its referrer
        if m.group("lead"):
            lead = _clean_name(m.group("lead"), known)
            if lead and lead.lower() not in {i.name.lower() for i in found}:
                found.append(Introduction(lead, None, m.start(), m.end(), False))
        elif m.group("ref"):
            before = [n for n in names if n.end <= m.start("ref")]
            if before and not any(i.referrer == before[-1].name for i in found):
                found.append(Introduction("", before[-1].name, m.start(), m.end(), True))


def _known_prefix(raw: str, known: dict[str, str]) -> str | None:
    """The name a captured run of words starts with: the longest prefix the note names as a
    person, else a capitalised one- or two-word name ("jim okafor she runs" -> Jim Okafor)."""
    words_ = raw.split()
    for n in range(len(words_), 0, -1):
        said = known.get(" ".join(words_[:n]).lower())
        if said:
            return said
    if words_ and words_[0][:1].isupper() and words_[0].lower() not in NOT_NAMES:
        two = words_[:2] if len(words_) > 1 and words_[1][:1].isupper() else words_[:1]
        return " ".join(two)
    return None


# A dictated note types the lead in lower case: "she introduced me to her old colleague marcus
# fenn"; the name rules found the name, the introduction only needs to point at it.
_INTRO_VERB = LazyRegex(
    r"\b(?P<ref>he|she|they|[A-Za-z]+)\s+(?:introduced|intro'?d|connected)\s+(?:me|us)\s+"
    r"(?:to|with|w/)\s+",
    re.IGNORECASE,
)


def _lower_case_leads(
    text: str, limit: int, names: list[NameMention], found: list[Introduction], seen: set[str]
) -> None:
    for m in _INTRO_VERB.finditer(text, 0, limit):
        lead = next(
            (
                n
                for n in names
                if (n.full or n.first.lower() in first_names())
                and m.end() <= n.start <= m.end() + 40
            ),
            None,
        )
        if lead is None or rx(r"[.;!?\n]").search(text[m.end() : lead.start]):
            continue
        if lead.name.lower() in seen:
            continue  # "intro'd me to Helen Cho, facilities @ Westgate Mall": read already
        ref = m.group("ref")
        referrer = None if ref.lower() in ("he", "she", "they") else ref
        if referrer is not None:
            said = [n for n in names if n.end <= m.start("ref") + len(ref) and n.first == ref]
            referrer = said[-1].name if said else referrer
        seen.add(lead.name.lower())
        found.append(Introduction(lead.name, referrer, m.start(), lead.end, False))


def _clean_name(raw: str, known: dict[str, str]) -> str | None:
    parts = [p[:-2] if p.lower().endswith("'s") else p for p in raw.split()]
    while parts and parts[0].lower() in NOT_NAMES:
        parts.pop(0)
    while parts and parts[-1].lower() in NOT_NAMES:
        if len(parts) == 2 and is_word_surname(*parts):
            break  # "Carla Dean"
        parts.pop()
    if not parts or parts[0].lower() in ("he", "she", "they"):
        return None
    name = " ".join(parts)
    return known.get(name.lower(), name)


# i16in. Family: a person handed to the user said with a verb of handing over other than
# "introduced", the user its object or the one told to get in touch ("put me onto", "pointed
# me to", "hooked me up with", "set me up with", "looped in", "said I should call", "suggested
# I reach out to", "told me to ring", "you should talk to my ...", "gave me the name of", "gave
# my card to", "mentioned us to", "gave a reference of"): the lead is the first person named
# after it in the same clause, the referrer the person named before it in the sentence (none:
# the client). The names come from the mentions stage, so a dictated lower-case name counts.
_TO_CONTACT = (
    r"(?:give\s+)?(?:call|ring|phone|e-?mail|text|contact|reach\s+out\s+to|talk\s+to|"
    r"speak\s+(?:to|with)|meet(?:\s+with)?|get\s+in\s+touch\s+with|connect\s+with|look\s+up|"
    r"touch\s+base\s+with|drop\s+(?:a\s+line\s+to|in\s+on))"
)
_CONTACTING = (
    r"(?:calling|ringing|phoning|e-?mailing|texting|contacting|reaching\s+out\s+to|"
    r"talking\s+to|speaking\s+(?:to|with)|meeting(?:\s+with)?|getting\s+in\s+touch\s+with|"
    r"connecting\s+with|looking\s+up)"
)
# words without which none of the family's patterns can match (a plain substring test: a
# word-boundary regex over a long pasted note costs milliseconds)
_HAND_OVER_WORDS = (
    "onto", "on to", "pointed", "steered", "directed", "hooked", "set", "linked", "teed",
    "looped", "cc", "said", "says", "told", "tell", "let", "suggest", "recommend", "thinks",
    "thought", "should", "ought", "gave", "give", "passed", "pass", "mentioned", "reference",
    "referral", "expect", "came up", "comes up", "asked", "wants", "urged", "sent", "shared",
    "forwarded", "handed", "put", "intro", "connect", "number", "contact", "details",
)  # fmt: skip
_LEAD_AFTER = LazyRegex(
    r"\b(?:(?:put|putting|puts)\s+(?:me|us)\s+(?:onto|on\s+to|in\s+contact\s+with)|"
    r"(?:pointed|steered|directed|sent)\s+(?:me|us)\s+(?:to|toward|towards|at|in\s+the\s+"
    r"direction\s+of)|(?:hooked|set|linked|teed|hooking|setting|linking)\s+(?:me|us)\s+up\s+"
    r"with|set\s+(?:me|us)\s+up\s+with|looped\s+in|"
    # "she said i should call", "suggested I reach out to", "told me to ring"
    r"(?:said|says|suggested|suggests|recommended|recommends|thinks|thought|mentioned)\s+(?:that\s+)?"
    rf"(?:i|we)\s+(?:should\s+|could\s+|ought\s+to\s+|might\s+want\s+to\s+|must\s+|need\s+to\s+)?"
    rf"{_TO_CONTACT}|(?:told|tells|asked|wants|urged)\s+(?:me|us)\s+to\s+{_TO_CONTACT}|"
    rf"(?:suggested|recommended)\s+{_CONTACTING}|"
    # in the other side's message: "you should talk to my cousin ..."
    rf"you\s+(?:should|ought\s+to|might\s+want\s+to|must|need\s+to|have\s+to|could)\s+"
    rf"{_TO_CONTACT}\s+(?=(?:my|our)\s)|"
    # "gave me the name of their auditor", "gave my card to his partner", "mentioned us to"
    r"(?:gave|passed|sent|forwarded|shared)\s+(?:me|us)\s+(?:the\s+)?(?:name|number|contact|"
    r"details|e-?mail|info|card)\s+(?:of|for)|(?:gave|passed|sent|forwarded|shared|handed)\s+"
    r"(?:along\s+|on\s+)?(?:my|our|[A-Z][\w.]*'s)\s+(?:name|number|card|info|details|contact|"
    r"e-?mail)(?:\s+(?:along|on))?\s+to|(?:mentioned|recommended|suggested)\s+(?:us|me)\s+to|"
    r"(?:gave|give|passed)\s+(?:me\s+|us\s+)?(?:a\s+|the\s+)?(?:reference|referral)\s+(?:of|for|to)|"
    # an introduction promised or planned ("offered to introduce me to", "will intro us to",
    # "she's going to connect me with"), or made as a noun ("made an email intro to")
    r"(?:will|'ll|would|'d|to|can|could|(?:is|'s|are|am)\s+going\s+to|gonna)\s+"
    r"(?:intro(?:duce)?|connect|put)\s+(?:me|us)\s+(?:in\s+touch\s+)?(?:to|with|w/)|"
    r"(?:made|sent|did|set\s+up)\s+(?:an?|the)\s+(?:e-?mail\s+|warm\s+|quick\s+)?"
    r"(?:intro(?:duction)?|connection)(?:\s+e-?mail)?\s+(?:to|with|for)|warm\s+intro(?:duction)?\s+to|"
    r"cc'?e?d\s+(?:in\s+)?(?=(?:his|her|their)\s))",
    re.IGNORECASE,
)
# the person named before the verb is the one handed over: "Colm Burke is expecting my call",
# "Tomas Reyes's name came up"; said of someone other than the note's first person (the client
# waiting for the user's call is no one new)
_LEAD_BEFORE = LazyRegex(
    r"(?:(?:'s|’s)?\s+(?:is|was|will\s+be)\s+expecting\s+(?:my|our|a|your)\s+(?:call|e-?mail|"
    r"text|note|message|visit)|(?:'s|’s)?\s*(?:'s|’s)\s+name\s+(?:came|comes|has\s+come)\s+up)",
    re.IGNORECASE,
)
# a phone number given for a name: "gave me his friend Arno Veit's number"
_NAME_NUMBER = LazyRegex(
    r"(?:'s|’s)\s+(?:name|number|cell|mobile|e-?mail|contact|details|info|card)\b",
    re.IGNORECASE,
)
# the client told the person the user would be in touch: "she told him I'd call" (the person
# named just before, never the note's first person, who is the client)
_TOLD_THEM = LazyRegex(
    r"\b(?:told|tell|tells|let)\s+(?:him|her|them)\s+(?:know\s+)?(?:that\s+)?(?:i'?d|i\s+would|"
    r"i'?ll|i\s+will|we'?d|we\s+would|we'?ll|we\s+will)\s+(?:be\s+)?(?:call|ring|reach|phone|"
    r"e-?mail|text|contact|follow\s+up|get\s+in\s+touch|be\s+in\s+touch|in\s+touch|"
    r"reaching|calling)|\b(?:told|tell|tells)\s+(?:him|her|them)\s+to\s+expect\s+"
    r"(?:my|our|a)\s+(?:call|e-?mail|text)",
    re.IGNORECASE,
)
# what makes a name that came up a lead: a need of theirs, or the user's call expected
_A_LEAD = LazyRegex(
    r"\b(?:needs|wants|is\s+looking\s+for|could\s+use|might\s+need|is\s+in\s+the\s+market|"
    r"expect(?:s|ing)?\s+(?:my|our|a)\s+call)\b",
    re.IGNORECASE,
)
_ASKED_TO = LazyRegex(r"\b(?:ask|asked|asking|can\s+you|could\s+you)\b[^.;!?\n]*\bto$", re.I)
_ASSISTANT_BEFORE = LazyRegex(
    r"\b(?:assistant|secretary|ea|pa|receptionist|scheduler|admin|front\s+desk)\b", re.IGNORECASE
)
_OFFICE_OF = LazyRegex(
    r"\b(?:his|her|their)\s+office\b(?!\s+(?:manager|mgr|director|head|lead))", re.IGNORECASE
)
_OURS = LazyRegex(r"\b(?:our|my)\b", re.IGNORECASE)
_GAVE_ME = LazyRegex(r"\b(?:gave|passed|sent|forwarded|shared|texted)\s+(?:me|us)\s", re.I)
# the end of a clause ("Mr." and "Dr." before a name are no end)
_STOP = LazyRegex(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bRev)(?<!\bProf)(?<!\bSt)\.|[;!?\n]|\s-\s|"
    r"\bwho\b|\bwhich\b"
)
_SPOUSE_BEFORE = LazyRegex(r"\b(?:husband|wife|hubby|hubs|spouse)\s*,?\s*$", re.I)
_FAMILY = r"husband|wife|hubby|hubs|spouse|son|daughter|kid|mom|mum|mother|dad|father"
_FAMILY_BEFORE = LazyRegex(rf"\b(?:{_FAMILY})\s*,?\s*$", re.I)


# i16ip. Family: an introduction said with "introduce" in any tense or as a noun given, its
# object the user, the user's boss by initial or "him"/"her" ("she introduce me to her colleague
# Mr X" in second-language English, "Eleanor introduced him to her neighbour X" in an
# assistant's note, "would like to introduce A. to her bridge partner, X", "gave me an
# introduction to his neighbour, Mrs. X"), or a contact got from someone ("I got the number of
# X from Y"): the lead is the first person named after it in the clause. Not when the user is
# the one introducing ("I introduced her to Dr. Lee").
_INTRODUCED_TO = LazyRegex(
    r"\b(?:(?:introduc(?:e|es|ed|ing)|intro'?d|intro)\s+(?:me|us|him|her|[A-Z]\.)\s+"
    r"(?:in\s+touch\s+)?(?:to|with|w/)|(?:gave|give|gives|giving|made|make|makes|offered)\s+"
    r"(?:me|us|him|her|[A-Z]\.)\s+(?:an?\s+)?(?:(?:kind|warm|personal)\s+)?"
    r"intro(?:duction)?\s+to|(?:got|get|have|had|received|took)\s+(?:the\s+)?(?:phone\s+)?"
    r"(?:number|contact|details|e-?mail)s?\s+(?:of|for))\s",
    re.IGNORECASE,
)
# the client ("him", "her") introduced to someone, said as a plan or a request, not done: the
# user's side is to introduce the client
_THE_CLIENT_TO_BE = LazyRegex(r"(?:introduce|introduces|introducing|intro)\s+(?:him|her)\b", re.I)
_ASKED_YOU = LazyRegex(
    r"\b(?:(?:can|could|would|will)\s+(?:you|u)|please|pls|plz)\s+(?:please\s+|pls\s+)?$",
    re.IGNORECASE,
)
_BY_THE_USER = LazyRegex(r"\b(?:i|we)(?:'ll|'d|'ve)?\s+(?:[a-z']+\s+){0,3}$", re.IGNORECASE)


def _people(names: list[NameMention]) -> list[NameMention]:
    """The mentions that are people: said in full or with a title, a known first name, or the
    first name of someone the note says in full."""
    fulls = {n.first.lower() for n in names if n.full}
    return [
        n
        for n in names
        if n.full or n.titled or n.first.lower() in first_names() or n.first.lower() in fulls
    ]


def _handed_any_way(
    text: str, limit: int, names: list[NameMention], found: list[Introduction], seen: set[str]
) -> None:
    people = _people(names)

    def add(lead: NameMention, start: int, end: int) -> None:
        if lead.name.lower() in seen or any(i.referrer == lead.name for i in found):
            return
        if not lead.full and any(i.name.split()[:1] == [lead.first] for i in found):
            return  # "Rita Gomez ... Rita is expecting my call": the one said in full
        sentence = max(text.rfind(stop, 0, start) for stop in (".", ";", "!", "?", "\n"))
        before = [n for n in people if sentence < n.start and n.end <= start]
        ref = before[-1].name if before else None
        seen.add(lead.name.lower())
        found.append(Introduction(lead.name, ref, start, end, False))

    handed = [(m, False) for m in _LEAD_AFTER.finditer(text, 0, limit)]
    low = text[:limit].lower()
    if "intro" in low or "number" in low or "contact" in low or "details" in low:
        handed += [(m, True) for m in _INTRODUCED_TO.finditer(text, 0, limit)]
    for m, any_tense in handed:
        if any_tense and not m.group().lower().startswith(("got", "get", "have", "had", "rec")):
            if _BY_THE_USER.search(text, max(0, m.start() - 30), m.start()):
                continue  # "I introduced her to Dr. Lee": the user hands the client over
            if _THE_CLIENT_TO_BE.match(m.group()):
                continue  # "Bill asked D. to introduce him to", "Graham to intro her to": a plan
            if _ASKED_TO.search(text, max(0, m.start() - 40), max(0, m.start() - 1)) or (
                _ASKED_YOU.search(text, max(0, m.start() - 25), m.start())
            ):
                continue  # "asked Lou to introduce me to", "can you introduce me to": a request
        lead = next((n for n in people if m.end() <= n.start <= m.end() + 50), None)
        if lead is None or _STOP.search(text, m.end(), lead.start):
            continue
        if _SPOUSE_BEFORE.search(text, max(0, lead.start - 12), lead.start):
            continue  # "said I should call her husband": family, not someone new
        if _ASSISTANT_BEFORE.search(text, m.end(), lead.start) or _OFFICE_OF.search(
            text, m.end(), lead.start
        ):
            continue  # "told me to call her assistant Kim": the client's office, no one new
        if not m.group().lower().startswith("you") and _OURS.search(text, m.end(), lead.start):
            continue  # "looped in our ops guy Derek": the user's own side
        if _ASKED_TO.search(text, max(0, m.start() - 40), m.start() + 2):
            continue  # "asked Lou to introduce me to his CFO": the user's request, not done
        add(lead, m.start(), lead.end)
    for m in _GAVE_ME.finditer(text, 0, limit):
        lead = next(
            (
                n
                for n in people
                if m.end() <= n.start <= m.end() + 40 and _NAME_NUMBER.match(text, n.end)
            ),
            None,
        )
        if lead is not None and not _STOP.search(text, m.end(), lead.start):
            add(lead, m.start(), lead.end)
    for m in _TOLD_THEM.finditer(text, 0, limit):
        start = max(text.rfind("\n\n", 0, m.start()), m.start() - 200, 0)
        before = [n for n in people if start <= n.start < m.start() and n.full]
        if len(before) > 1 or (before and before[0] is not people[0]):
            add(before[-1], before[-1].start, m.end())
    first = people[0] if people else None
    for n in people:
        if n is first or n.name == (first.name if first else ""):
            continue
        said = _LEAD_BEFORE.match(text, n.end)
        if said is None or _FAMILY_BEFORE.search(text, max(0, n.start - 12), n.start):
            continue
        tail = text[said.end() : min(limit, said.end() + 250)]
        if "name" in said.group().lower() and not (
            _A_LEAD.search(tail)
            or re.search(_CONTACT_THEM + re.escape(n.first) + r"\b", tail, re.IGNORECASE)
        ):
            continue  # "X's name came up" alone: a name merely mentioned
        add(n, n.start, n.end)


# i16in. Family: the client came referred, said from either side with a verb of hearing or
# finding ("heard about us from X", "find us from his neighbour X", "was recommended to us by
# X", "on the recommendation of X") or with the referrer as subject ("X told her about us", "X
# recommended us", "X gave me your name", "X suggested I reach out to you"): X is the
# referrer, the lead the client.
_CAME_REFERRED_WORDS = (
    "heard", "hear", "found", "find", "recommend", "told", "tells", "gave", "passed",
    "suggested", "said", "got", "gets", "had", "referral", "advice", "suggestion", "say-so",
    "sent", "referred", "steered", "pointed", "thought", "felt",
)  # fmt: skip
_REF_AFTER = LazyRegex(
    r"\b(?:(?:heard|hear|hears)\s+(?:about|of)\s+(?:us|me)|(?:found|find|finds)\s+(?:us|me)|"
    r"(?:was|were|came|comes|been)\s+recommended(?:\s+to\s+(?:us|me))?|(?:got|gets|had)\s+"
    r"(?:my|our|your)\s+(?:name|number|info|card|details|contact)|(?:found|find|finds)\s+"
    r"(?:my|our|your)\s+(?:name|number|card))\s+(?:from|through|thru|via|by)\s|"
    r"\bon\s+the\s+(?:recommendation|advice|referral|suggestion)\s+of\s|"
    r"\b(?:i|we)\s+(?:was|were|got)\s+referred\s+to\s+you\s+by\s|"
    # i16ip: sent rather than referred ("She was sent to us by Mrs. Thorne")
    r"\b(?:was|were|been|is|are)\s+sent\s+(?:(?:over\s+)?to\s+(?:us|me)\s+|(?:our|my)\s+way\s+|"
    r"over\s+)?by\s|"
    # "came in on his brother-in-law's recommendation, Tim Ross": the referrer said after
    r"\bon\s+(?:his|her|their|a|the)\s+(?:[a-z][\w'-]*\s+){0,2}?[a-z][\w-]*(?:'s|s'|’s)\s+"
    r"(?:recommendation|referral|advice|suggestion|say-so)\b(?:\s*,\s*)?",
    re.IGNORECASE,
)
_REF_BEFORE = LazyRegex(
    r"(?:\s*\([^)\n]{1,40}\))?\s+(?:also\s+|kindly\s+)?(?:(?:told|tells)\s+(?:him|her|them)\s+"
    r"about\s+(?:us|me)|recommended\s+(?:us|me)\b(?!\s+to\s)|(?:gave|passed)\s+(?:me|us)\s+"
    r"(?:your|ur)\s+(?:name|number|details|info|card|e-?mail|contact)|(?:suggested|said)\s+"
    r"(?:that\s+)?(?:i|we)\s+(?:should\s+)?(?:contact|reach\s+out\s+to|call|e-?mail|write\s+to)"
    r"\s+you|(?:suggested|thought|said|felt)\s+(?:that\s+)?we\s+(?:should\s+)?(?:connect|talk|"
    r"speak|meet|chat)\b(?!\s+with))",
    re.IGNORECASE,
)


def _came_referred(
    text: str, limit: int, names: list[NameMention], found: list[Introduction]
) -> None:
    people = _people(names)
    refs: list[tuple[str, int, int]] = []
    for m in _REF_AFTER.finditer(text, 0, limit):
        after = next((n for n in people if m.end() <= n.start <= m.end() + 45), None)
        if after is not None and not _STOP.search(text, m.end(), after.start):
            refs.append((after.name, m.start(), after.end))
        elif "'" in m.group() or "’" in m.group():
            refs.append(("", m.start(), m.end()))  # a relation of the client's, unnamed
    # "Vera Lind's neighbour sent her over": the client's own relation sent her, unnamed
    for m in _RELATION_SENT.finditer(text, 0, limit):
        refs.append(("", m.start(), m.end()))
    for n in people:
        said = _REF_BEFORE.match(text, n.end)
        if said is not None:
            refs.append((n.name, n.start, said.end()))
    for ref, start, end in refs:
        if not ref and any(i.lead_is_subject for i in found):
            continue  # the client's source is read already
        if not any((i.referrer or "") == ref or i.name == ref for i in found):
            found.append(Introduction("", ref or None, start, end, True))


_RELATION_SENT = LazyRegex(
    r"(?:'s|’s)\s+(?:[a-z][\w'-]*\s+){0,2}?(?:neighbou?r|friend|cousin|sister|brother|"
    r"colleague|coworker|co-worker|boss|aunt|uncle|mother|mom|mum|father|dad|son|daughter|"
    r"pastor|doctor|accountant|lawyer|realtor|agent|landlord|buddy|pal|in-law|sister-in-law|"
    r"brother-in-law|mother-in-law)s?\s+(?:sent|referred|steered|pointed)\s+(?:him|her|them)\b"
)


# i16in. Family: the reply to an e-mail introduction ("Thanks for the intro, Greg!", "thank you
# for connecting us"): the lead is who wrote it when its "From:" line names someone other
# than the one thanked, else the person greeted in it ("Hi Dalia", "Dalia - great to meet
# you"); the one thanked is the referrer.
_THANKS_INTRO = LazyRegex(
    r"\bthanks?(?:\s+you)?(?:\s+(?:so\s+much|again|very\s+much))?\s+for\s+(?:the|this|your|"
    r"making\s+the|the\s+kind)\s+(?:kind\s+)?(?:e-?)?(?:intro(?:duction)?|connection)\b|"
    r"\bthanks?(?:\s+you)?\s+for\s+(?:connecting|introducing)\s+us\b",
    re.IGNORECASE,
)
_FROM_LINE = LazyRegex(r"(?im)^[ \t>]*from\s*:\s*")
_GREETED = LazyRegex(r"\b(?:hi|hello|hey|dear|morning)\s*,?\s*$", re.IGNORECASE)
_MET = LazyRegex(
    r"\s*[,!-]?\s*(?:(?:it'?s\s+)?(?:great|nice|lovely|good|so\s+good|a\s+pleasure|pleased)\s+"
    r"to\s+(?:e-?)?(?:meet|connect))",
    re.IGNORECASE,
)


def _thanks_for_the_intro(
    text: str, limit: int, names: list[NameMention], found: list[Introduction], seen: set[str]
) -> None:
    for m in _THANKS_INTRO.finditer(text, 0, limit):
        thanked = next((n for n in names if m.end() <= n.start <= m.end() + 3), None)
        ref = thanked.name if thanked is not None else None
        lead: NameMention | None = None
        header = None
        for h in _FROM_LINE.finditer(text, 0, m.start()):
            header = h
        if header is not None and not _STOP.search(text, header.end(), header.end() + 1):
            lead = next((n for n in names if header.end() <= n.start <= header.end() + 6), None)
        if lead is None or (ref and lead.first == ref.split()[0]):
            lead = next(
                (
                    n
                    for n in names
                    if m.end() < n.start <= m.end() + 250
                    and n is not thanked
                    and (
                        _GREETED.search(text, max(0, n.start - 10), n.start)
                        or _MET.match(text, n.end)
                    )
                ),
                None,
            )
        if lead is None or lead.name.lower() in seen:
            continue
        full = next((n.name for n in names if n.full and n.first == lead.first), lead.name)
        seen.add(full.lower())
        found.append(Introduction(full, ref, lead.start, lead.end, False))


# i16in. Family: the client's friend, neighbour or colleague who wants what the user sells, and
# whom the user is to contact ("his buddy Stan wants a quote ... call Stan", "her neighbour
# Sam Ruiz needs a new water heater - ring Sam"): a lead passed on without a verb of handing
# over. Both halves are needed: wanting alone is news about someone, and calling alone a task.
_SOCIAL = (
    r"(?:friend|buddy|pal|neighbou?r|colleague|co-?worker|cousin|boss|business\s+partner|"
    r"(?:brother|sister|mother|father)-in-law|in-law|classmate|roommate|landlord|tenant|"
    r"(?:golf|tennis|fishing|hunting|poker|church|gym|running)\s+(?:buddy|pal|friend|partner)|"
    r"old\s+friend|best\s+friend|friend\s+from\s+\w+)"
)
_WANTS_TOO = LazyRegex(
    rf"\b(?:his|her|their)\s+{_SOCIAL}\s*,?\s+(?P<name>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)"
    r"(?:\s*\([^)\n]{1,30}\))?(?:\s+(?:from|at|@)\s+[^.;!?\n]{1,30}?)?\s+(?:also\s+|too\s+)?"
    r"(?:wants|needs|is\s+looking\s+for|is\s+after|is\s+interested\s+in|would\s+like|"
    r"might\s+need|is\s+thinking\s+about|is\s+shopping\s+for|wants\s+to\s+(?:buy|sell|get|redo))\b",
    re.IGNORECASE,
    needs="friend buddy pal neighbor neighbour colleague worker cousin boss partner law classmate "
    "roommate landlord tenant",
)
_CONTACT_THEM = r"\b(?:call|ring|phone|e-?mail|text|contact|reach\s+out\s+to|follow\s+up\s+with)\s+"


def _friend_who_wants(
    text: str, limit: int, names: list[NameMention], found: list[Introduction], seen: set[str]
) -> None:
    for m in _WANTS_TOO.finditer(text, 0, limit):
        lead = next((n for n in names if n.start == m.start("name")), None)
        if lead is None or lead.name.lower() in seen:
            continue
        tail = text[m.end() : min(limit, m.end() + 250)]
        if not re.search(_CONTACT_THEM + re.escape(lead.first) + r"\b", tail, re.IGNORECASE):
            continue
        sentence = max(text.rfind(stop, 0, m.start()) for stop in (".", ";", "!", "?", "\n"))
        before = [n for n in names if sentence < n.start and n.end <= m.start() and n.full]
        seen.add(lead.name.lower())
        found.append(
            Introduction(lead.name, before[-1].name if before else None, m.start(), lead.end, False)
        )


# i16cl3. Family: an e-mail introduction written by a third party to the user and the lead
# ("Introducing you to Y", "I wanted to introduce you to Y", "I'd like you to meet Y", "Y, meet
# X", "X - Y, Y - X"): Y is the lead, and the note is about the lead.
_INTRODUCING_YOU = LazyRegex(
    # said as it is done, not promised ("I'll intro you to Denise" is the user's own task)
    r"(?:(?:^|[.;!?\n]\s*|\b(?:am|I'm)\s+)(?i:introducing|intro'?ing|connecting)|"
    r"\b(?i:wanted|want|'d\s+like|would\s+like|let\s+me|allow\s+me|pleased|delighted)\s+"
    r"(?:to\s+)?(?i:introduce|intro|connect))\s+you\s+(?:two\s+)?"
    rf"(?:to|with|w/)\s+{_FILLER}(?P<lead>{_NL})|"
    r"\b(?i:like|want|wanted)\s+you\s+to\s+meet\s+"
    rf"{_FILLER}(?P<lead2>{_NL})"
)
# "Hey Odette - Bram Visser, Bram - Odette Lam": each named to the other, the first greeted is
# the lead (as in "Sabrina, meet Pat")
_BOTH_WAYS = LazyRegex(
    r"(?:^|\n|\b(?:[Hh]i|[Hh]ey|[Hh]ello|[Dd]ear)\s+|[.!]\s+)(?P<a>[A-Z][a-z][\w'-]*)"
    r"(?:\s+[A-Z][\w'-]+){0,2}\s*[-–—:]\s*(?P<b>[A-Z][a-z][\w'-]*)"
    r"(?:\s+[A-Z][\w'-]+){0,2}\s*[,;.]\s*(?P=b)(?:\s+[A-Z][\w'-]+){0,2}\s*[-–—:]\s*(?P=a)\b"
)
# i16cl3. Family: the writer of a message brings someone into it ("Looping in Y", "cc'ing Y",
# "copying Y", "I've cc'd Y", "Adding Y ... (cc'd)"): Y is the lead, the writer the referrer.
# Said of the user's own side ("cc'ing my colleague") it is no one new.
_BRINGS_IN = LazyRegex(
    r"(?:^|[.;!?\n,:]\s*|\b(?:also|and|am|I'm|I'?ve|I\s+have|I)\s+)(?i:looping|loop(?:ed)?|"
    r"cc'?ing|cc'?e?d|copying|copied)\s+(?:in\s+)?(?:here\s+)?(?!(?:my|our|me|us|you)\b)"
    rf"{_FILLER}(?P<lead>{_NL})|"
    rf"(?:^|[.;!?\n,]\s*)[Aa]dding\s+{_FILLER}(?P<lead2>{_NL})(?=[^.\n]{{0,50}}?(?:\bcc\b|cc'?d|"
    r"\bto\s+(?:this|the)\s+(?:thread|e-?mail|chain|conversation)|\bhere\b))"
)
# i16cl3. Family: the same said aloud, the person handed over named after a relation and what
# they do ("she's putting me in touch with her brother-in-law who owns three car washes, name's
# lyle, lyle pruitt", "he said call his guy at the marina, a fella named Ray Castellano"): the
# lead is the first person named after the relation in the same sentence.
# (other Englishes: "link me up with", "put me through to", "said I must phone", "give his
# cousin a ring")
_HANDS_OVER_SPOKEN = LazyRegex(
    r"\b(?:(?:is|'s|are|'re|am|was|were)\s+(?:putting|connecting|introducing|hooking|setting|"
    r"linking)\s+(?:me|us)\s+(?:up\s+|through\s+)?(?:in\s+touch\s+)?(?:to|with|w/)|(?:will|'ll|"
    r"would|'d|to|can|could|(?:is|'s|are|am)\s+going\s+to|gonna|wants\s+to|offered\s+to)\s+"
    r"(?:intro(?:duce)?|connect|put|hook|set|link)\s+(?:me|us)\s+(?:up\s+|through\s+)?"
    r"(?:in\s+touch\s+)?(?:to|with|w/)|(?:said|says|told\s+me)\s+(?:to\s+|(?:I|we)\s+(?:should|"
    r"could|must|ought\s+to|can)\s+)?(?:call|ring|phone|text|e-?mail|contact|talk\s+to|"
    r"reach\s+out\s+to|give))\s+(?=(?:his|her|their)\s)",
    re.IGNORECASE,
)
_NAMED_AFTER = LazyRegex(r"(?:\bnamed|\bcalled|\bname'?s|\bname\s+is|,|\s-)\s*$", re.IGNORECASE)
_SENTENCE_END = LazyRegex(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)\.|[;!?\n]")
# i16cl3. Family: the writer referred, said in their own message ("Y suggested I reach out",
# "Y recommended you", "Y pointed me to you"): Y is the referrer, the lead the client.
_SUGGESTED_I = LazyRegex(
    # "Fiona Lachlan at Mercy General mentioned you handle ...", "Nadia said you're the person"
    r"(?:\s*\([^)\n]{1,40}\))?(?:\s+(?:at|from|@)\s+[^.;,!?\n]{1,40}?)?\s+(?:mentioned|said|"
    r"told\s+me)\s+(?:that\s+)?you(?:'re|\s+are|\s+were|\s+handle|\s+do|\s+did|\s+can\s+help|"
    r"\s+could\s+help|\s+might\s+be\s+able|\s+specialize|\s+work\s+with|'?d\s+be\s+the)\b|"
    r"(?:\s*\([^)\n]{1,40}\))?(?:\s+(?:at|from|@)\s+[^.;,!?\n]{1,40}?)?\s+(?:suggested|recommended|"
    r"said|thought|told\s+me)\s+(?:that\s+)?"
    r"(?:I|we)\s+(?:should\s+|might\s+|could\s+)?(?:reach\s+out|get\s+in\s+touch|contact\s+you|"
    r"call\s+you|e-?mail\s+you|write\s+(?:to\s+)?you|talk\s+to\s+you|speak\s+(?:to|with)\s+you)\b|"
    r"(?:\s*\([^)\n]{1,40}\))?(?:\s+(?:at|from|@)\s+[^.;,!?\n]{1,40}?)?\s+(?:recommended\s+you|pointed\s+(?:me|us)\s+(?:to|toward|towards)"
    r"\s+you|speaks?\s+(?:very\s+)?highly\s+of\s+you)\b",
    re.IGNORECASE,
)
# i16cl3. Family: someone the writer knows asked to be put in touch with the user ("my
# colleague Ben Adeyemi asked me to put you in touch", "X would love to meet you"): X is the
# lead, the writer the referrer.
_ASKED_TO_MEET = LazyRegex(
    r"(?:\s*\([^)\n]{1,40}\))?\s+(?:asked\s+(?:me\s+)?to\s+(?:put\s+you\s+(?:two\s+)?in\s+touch|"
    r"introduce\s+you|intro\s+you|connect\s+you)|(?:would|'d)\s+(?:love|like)\s+to\s+(?:meet|"
    r"connect\s+with|talk\s+to|speak\s+(?:to|with))\s+you)\b",
    re.IGNORECASE,
)
_MAIL_WORDS = (
    "introduc", "intro", "connect", "meet", "loop", "cc", "copying", "copied", "adding",
    "putting", "put", "hook", "setting", "set", "said", "says", "told", "suggested",
    "recommended", "pointed", "highly", " - ", "mentioned", "asked", "love", "link",
)  # fmt: skip


def _mail_and_spoken(
    text: str, limit: int, names: list[NameMention], found: list[Introduction], seen: set[str]
) -> None:
    people = _people(names)

    def full_of(n: NameMention) -> NameMention:
        if n.full:
            return n
        return next((o for o in people if o.full and o.first == n.first), n)

    def add(lead: NameMention, ref: str | None, start: int, end: int, subject: bool) -> None:
        lead = full_of(lead)
        if lead.name.lower() in seen or any(i.referrer == lead.name for i in found):
            return
        seen.add(lead.name.lower())
        found.append(Introduction(lead.name, ref, start, end, subject))

    known = {n.name.lower(): n.name for n in names}

    def at(start: int, raw: str = "") -> NameMention | None:
        said = next((n for n in people if n.start == start), None)
        if said is not None or not raw:
            return said
        # a name the mentions stage read as a place or a heading ("Looping in Bettina Kraus")
        name = _clean_name(raw, known)
        if name is None or " " not in name:
            return None
        return NameMention(start, start + len(raw), name, name.split()[0], True)

    low = text[:limit].lower()

    def said(*words_: str) -> bool:
        # each phrasing runs only when one of its words is in the note (a long pasted note
        # pays for no regex it cannot match)
        return any(word in low for word in words_)

    for m in _INTRODUCING_YOU.finditer(text, 0, limit) if said("you") else ():
        group = "lead" if m.group("lead") else "lead2"
        lead = at(m.start(group), m.group(group))
        if lead is not None:
            add(lead, None, m.start(group), m.end(), True)
    for m in _BOTH_WAYS.finditer(text, 0, limit) if said("-", "–", "—", ":") else ():
        lead = at(m.start("a"))
        if lead is not None:
            add(lead, None, m.start("a"), m.end(), True)
    bring = said("loop", "cc", "cop", "adding")
    for m in _BRINGS_IN.finditer(text, 0, limit) if bring else ():
        group = "lead" if m.group("lead") else "lead2"
        lead = at(m.start(group), m.group(group))
        if lead is not None:
            add(lead, None, m.start(group), m.end(), False)
    spoken = said("his ", "her ", "their ")
    for m in _HANDS_OVER_SPOKEN.finditer(text, 0, limit) if spoken else ():
        stop = _SENTENCE_END.search(text, m.end(), min(limit, m.end() + 130))
        end = stop.start() if stop is not None else min(limit, m.end() + 130)
        lead = next(
            (
                n
                for n in people
                if m.end() < n.start < end
                and (n.start - m.end() <= 40 or _NAMED_AFTER.search(text, m.end(), n.start))
            ),
            None,
        )
        if lead is None or _FAMILY_BEFORE.search(text, max(0, lead.start - 12), lead.start):
            continue
        if _ASSISTANT_BEFORE.search(text, m.end(), lead.start) or _OFFICE_OF.search(
            text, m.end(), lead.start
        ):
            continue  # "told me to call her assistant Kim": the client's office, no one new
        if _ASKED_TO.search(text, max(0, m.start() - 40), m.start() + 2):
            continue  # "asked Lou to introduce me to his CFO": the user's request, not done
        sentence = max(text.rfind(s, 0, m.start()) for s in (".", ";", "!", "?", "\n"))
        before = [n for n in people if sentence < n.start and n.end <= m.start()]
        add(lead, before[-1].name if before else None, m.start(), lead.end, False)
    for n in people if said("asked", "love", "like") else ():
        asked = _ASKED_TO_MEET.match(text, n.end)
        if asked is not None:
            add(n, None, n.start, asked.end(), False)
    referred = said("suggest", "recommend", "said", "thought", "told", "mention", "point", "high")
    for n in people if referred else ():
        own = _SUGGESTED_I.match(text, n.end)
        if own is not None and not any(
            (i.referrer or "") == n.name or i.name == n.name for i in found
        ):
            found.append(Introduction("", n.name, n.start, own.end(), True))


# i16in3. Family: the client offers to hand over someone named before, the hand-over said with
# a pronoun or no object: "she'll give him my number", "he'd send him my way", "he'll put us in
# touch", "will introduce me", "she'll get me a meeting with him", "will text her to expect my
# call", "he'll tell lyle to call me", "gave her my number, expect a call". The lead is the one
# named in it, else the last person named before it in the sentence or the one before (never the
# note's first person, who is the client, a relative or the client's office); the user's own act
# ("I'll give him my number") is no hand-over.
_OFFER_WORDS = (
    "my number", "our number", "my name", "my card", "my details", "my info", "my contact",
    "my email", "my e-mail", "my way", "our way", "in touch", "introduce", "intro ", "connect",
    "meeting with", "call with", "expect", "to call me", "to call us", "to ring me",
    "to contact me", "will call us", "will call me", "'ll call us", "will ring us", "expecting",
    "talk to", "speak to", "speak with", "talk with", "chat with",
)  # fmt: skip
_HAND_OVER_PRONOUN = LazyRegex(
    r"\b(?:(?:give|gives|gave|giving|pass|passed|send|sent|text|texted|forward|forwarded|share|"
    r"shared)\s+(?:him|her|them)\s+(?:my|our)\s+(?:number|name|card|details|info|contact(?:\s+info)?|"
    r"e-?mail)|(?:send|sent|point|steer|direct)\s+(?:him|her|them)\s+(?:my|our)\s+way|"
    r"put\s+(?:us|me)\s+in\s+touch\b(?!\s+(?:with|w/))|(?:introduce|intro|connect)\s+(?:us|me)\b"
    r"(?!\s+(?:to|with|w/))|get\s+(?:me|us)\s+(?:a\s+)?(?:meeting|call|sit-?down|intro(?:duction)?)"
    r"\s+with\s+(?:him|her|them)\b|(?:tell|text|call|email|e-mail|let)\s+(?:him|her|them)\s+"
    r"(?:\w+\s+){0,2}?(?:to\s+)?expect\s+(?:my|our|a)\s+call|tell\s+(?:him|her|them)\s+to\s+"
    r"(?:call|ring|phone|e-?mail|text|contact)\s+(?:me|us)\b|tell\s+(?P<named>[A-Za-z][\w'-]+)\s+"
    r"to\s+(?:call|ring|phone|e-?mail|text|contact)\s+(?:me|us)\b|"
    # in someone's message to the user: "you should talk to him directly"
    r"you\s+(?:should|ought\s+to|might\s+want\s+to|must|need\s+to|could)\s+(?:also\s+)?"
    r"(?:talk|speak|chat)\s+(?:to|with)\s+(?:him|her|them)\b)",
    re.IGNORECASE,
)
# the same with the one to talk to named: "you should talk to Ines Albrecht in their group too"
_YOU_SHOULD_TALK = LazyRegex(
    r"\byou\s+(?:should|ought\s+to|might\s+want\s+to|must|need\s+to|could)\s+(?:also\s+)?"
    r"(?:talk|speak|chat)\s+(?:to|with)\s+(?:(?:Dr|Mr|Mrs|Ms)\.?\s+)?",
    re.IGNORECASE,
)
# the one who does it, named right before the hand-over ("Tess will text her", "Raj said he'd
# send him"), is not the one handed over
_SUBJECT_GAP = LazyRegex(r"(?:(?!\band\b)[\s\w'’]){0,30}")
# "she's expecting your call" (in the client's words, of the one just named)
_EXPECTING = LazyRegex(
    r"\b(?:he|she|they)(?:'s|’s|\s+is|\s+are|'re|’re|\s+will\s+be)\s+expecting\s+(?:your|my|our|a)\s+"
    r"(?:call|e-?mail|text)",
    re.IGNORECASE,
)
# who does it: the client or someone else, not the user ("I'll give him my number")
_MY_OWN_ACT = LazyRegex(r"\b(?:I|we)\s*(?:'ll|'d|’ll|’d|will|would|can|could|also|just)?\s*$", re.I)
# a hand-over asked for, hoped for or denied: the user's wish, not the client's offer
_NOT_DONE = LazyRegex(
    r"(?:\b(?:ask|asked|asking|asks)\b[^.;!?\n]{0,25}|\b(?:I|we)\s+(?:want|need|hope)\b[^.;!?\n]{0,25}|"
    r"\b(?:hoping|if|whether|please|pls|maybe)\b[^.;!?\n]{0,15}|"
    r"\b(?:not|never|won'?t|didn'?t|doesn'?t|can'?t|wouldn'?t)\s+(?:\w+\s+)?)$",
    re.IGNORECASE,
)
# "agnes will call us": someone the client sent calls the user, said where the client's friend,
# neighbour or a referral was said just before
_WILL_CALL = LazyRegex(
    r"\s*(?:'ll|’ll|\s+will|\s+is\s+going\s+to|\s+is\s+gonna|\s+should)\s+(?:be\s+)?"
    r"(?:call|calling|ring|ringing|contact|contacting|reach\s+out\s+to|e-?mail|text)\s+(?:us|me)\b",
    re.IGNORECASE,
)
_SENT_SOMEONE = LazyRegex(rf"\b(?:{_SOCIAL}|referr\w*|recommend\w*|family)\b", re.IGNORECASE)
_OWNERS = LazyRegex(r"(?:'s|’s)\b")
_PLACE_AFTER = LazyRegex(r"\s+(?:In|At|From|Of|On|With|Near|By)\s.*$")
_RELATIVE_BEFORE = LazyRegex(
    rf"\b(?:{_FAMILY}|assistant|secretary|receptionist|admin|ea|pa)\s*,?\s*$", re.IGNORECASE
)


def _offered_hand_over(
    text: str, limit: int, names: list[NameMention], found: list[Introduction], seen: set[str]
) -> None:
    people = _people(names)
    if not people:
        return
    client = names[0].first.lower()  # the note's first name, person or not

    def full_of(n: NameMention) -> NameMention:
        if n.full:
            return n
        return next((o for o in people if o.full and o.first == n.first), n)

    def handed(n: NameMention) -> bool:
        return (
            n.first.lower() != client
            and not _OWNERS.match(text, n.end)
            and not _RELATIVE_BEFORE.search(text, max(0, n.start - 14), n.start)
        )

    def add(lead: NameMention, start: int, end: int) -> None:
        lead = full_of(lead)
        # a title-cased dictation runs a place into the name ("Her Sister Maeve In Boston")
        name = _PLACE_AFTER.sub("", lead.name)
        if name.lower() in seen or any(i.referrer == name for i in found):
            return
        sentence = max(text.rfind(stop, 0, start) for stop in (".", ";", "!", "?", "\n"))
        before = [n for n in people if sentence < n.start < start and n is not lead]
        ref = before[0].name if before and before[0].first.lower() != client else None
        seen.add(name.lower())
        found.append(Introduction(name, ref, start, end, False))

    def window(start: int) -> int:
        """The start of the sentence before the one ``start`` is in (a paragraph ends it)."""
        stops = [text.rfind(s, 0, start) for s in (".", ";", "!", "?", "\n")]
        one = max(stops)
        two = max(text.rfind(s, 0, max(one, 0)) for s in (".", ";", "!", "?", "\n"))
        paragraph = text.rfind("\n\n", 0, start)
        return max(two, paragraph, start - 300)

    cues = list(_HAND_OVER_PRONOUN.finditer(text, 0, limit))
    if "expecting" in text[:limit].lower():
        cues.extend(_EXPECTING.finditer(text, 0, limit))
    for m in cues:
        if _MY_OWN_ACT.search(text, max(0, m.start() - 12), m.start()):
            continue
        if _NOT_DONE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "I asked her to introduce me", "he won't give her my number"
        if m.groupdict().get("named"):
            named = m.group("named").lower()
            lead = next((n for n in people if n.start == m.start("named")), None) or next(
                (n for n in reversed(people) if n.end <= m.start() and n.first.lower() == named),
                None,
            )
            if lead is not None and handed(lead):
                add(lead, m.start(), m.end())
            continue
        begin = window(m.start())
        said = [
            n
            for n in people
            if begin < n.start
            and n.end <= m.start()
            and handed(n)
            and not _SUBJECT_GAP.compiled.fullmatch(text, n.end, m.start())
        ]
        if said:
            add(said[-1], said[-1].start, m.end())
    for m in _YOU_SHOULD_TALK.finditer(text, 0, limit) if "you" in text[:limit].lower() else ():
        lead = next((n for n in people if m.end() <= n.start <= m.end() + 2), None)
        if lead is not None and lead.full and handed(lead):
            add(lead, m.start(), lead.end)
    for n in people:
        if _OWNERS.match(text, n.end) or not _WILL_CALL.match(text, n.end):
            continue
        # said first with what makes them someone sent ("her friend from church agnes lowe",
        # "she is referring a family, Mr. X"), so not the client calling back
        whole = full_of(n)
        first = next((o for o in people if o.first == whole.first), whole)
        if _RELATIVE_BEFORE.search(text, max(0, first.start - 14), first.start):
            continue
        if _SENT_SOMEONE.search(text, max(0, first.start - 45), first.start):
            add(n, n.start, n.end)


# i16in3. Family: someone referred to the user with a word between the verb and the name ("also
# referred her coworker X", "referred me to X at the bank", "introduced his friend, one X"): the
# lead is the first person named right after.
_REFERRED_OTHER = LazyRegex(
    r"\b(?:referred|introduced|recommended)\s+(?:me|us)\s+to\s+|\b(?:referred|introduced)\s+"
    r"(?:his|her|their)\s+(?:[a-z][\w'-]*\s+){0,2}?[a-z][\w'-]*\s*,?\s+(?:one\s+|a\s+|named\s+)?",
    re.IGNORECASE,
)


def _referred_someone(
    text: str, limit: int, names: list[NameMention], found: list[Introduction], seen: set[str]
) -> None:
    for m in _REFERRED_OTHER.finditer(text, 0, limit):
        lead = next((n for n in names if m.end() <= n.start <= m.end() + 4), None)
        if lead is None or lead.name.lower() in seen:
            continue
        if _BY_THE_USER.search(text, max(0, m.start() - 30), m.start()):
            continue  # i16ip: "I introduced her to Dr. Lee": the user hands the client over
        if _RELATIVE_BEFORE.search(text, max(0, lead.start - 14), lead.start):
            continue
        if any(i.referrer == lead.name for i in found):
            continue
        seen.add(lead.name.lower())
        sentence = max(text.rfind(stop, 0, m.start()) for stop in (".", ";", "!", "?", "\n"))
        before = [n for n in names if sentence < n.start and n.end <= m.start()]
        found.append(
            Introduction(lead.name, before[-1].name if before else None, m.start(), lead.end, False)
        )


# i16in3. Family: the client's own referrer said with an aside between the name and the verb
# ("X, who owns your Dayton shop, suggested I reach out", "X at Voss & Keane gave me your name",
# "Pastor X at Grace Chapel gave me your number"), in a writer's plain present ("my friend x y
# recommend you", "X mentioned you run ...") or as where the client knows the user from ("he
# knows us from his cousin X"): X is the referrer, the lead the client.
_ASIDE_WORDS = ("recommend", "mentioned", "suggested", "gave", "passed", "know", "knew", "heard",
    "hear of", "referral", "'s rec", "tip")  # fmt: skip
_REFERRER_ASIDE = LazyRegex(
    r",\s+(?:who|whose)\s+[^,.;!?\n]{1,70},|\s+(?:at|from|of|@)\s+[^.;,!?\n]{1,40}?"
    r"(?=\s+(?:gave|passed|suggested|said|recommended|mentioned|told|thought|pointed|speaks))"
)
_RECOMMENDS_YOU = LazyRegex(
    r"\s+(?:also\s+)?(?:recommend|recommends|recommended|mentioned|suggested)\s+(?:that\s+)?you\b"
    r"(?!\s+(?:to|call|contact|reach|get|should|could|would|'d|will|'ll))",
    re.IGNORECASE,
)
_KNOWS_US_FROM = LazyRegex(
    r"\b(?:know|knows|knew|heard\s+of|hear\s+of)\s+(?:us|me|about\s+us|about\s+me)\s+"
    r"(?:from|through|thru|via)\s+",
    re.IGNORECASE,
)
_FROM_REFERRAL = LazyRegex(
    r"\b(?:from|via|thru|through)\s+(?P<who>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)(?:'s|’s)\s+"
    r"(?:referral|rec|recommendation|tip)\b"
)


def _referrer_with_an_aside(
    text: str, limit: int, names: list[NameMention], found: list[Introduction]
) -> None:
    people = _people(names)
    refs: list[tuple[str, int, int]] = []
    for n in people:
        aside = _REFERRER_ASIDE.match(text, n.end)
        at = aside.end() if aside is not None else n.end
        said = (
            (_REF_BEFORE.match(text, at) or _SUGGESTED_I.match(text, at)) if aside else None
        ) or _RECOMMENDS_YOU.match(text, at)
        if said is not None:
            refs.append((n.name, n.start, said.end()))
            if aside is not None:
                # "Pastor Greg Holt at Grace Chapel gave me your number": the person, not the
                # place in the aside, sent the client
                found[:] = [
                    i
                    for i in found
                    if not (i.lead_is_subject and not i.name and n.end <= i.start < aside.end())
                ]
    for m in _KNOWS_US_FROM.finditer(text, 0, limit):
        after = next((n for n in people if m.end() <= n.start <= m.end() + 45), None)
        if after is not None and not _STOP.search(text, m.end(), after.start):
            refs.append((after.name, m.start(), after.end))
    for m in _FROM_REFERRAL.finditer(text, 0, limit):
        inside = next((n for n in people if n.start == m.start("who")), None)
        if inside is not None:
            refs.append((inside.name, m.start(), m.end()))
    for ref, start, end in refs:
        if not any((i.referrer or "") == ref or i.name == ref for i in found):
            found.append(Introduction("", ref, start, end, True))
