"""Introductions in a note: who introduced the user to whom, and who referred the client.

"Mike introduced me to Dana", "Rachel (referred by Frank)", "Greta looped in Arjun", "Renee
cc'd me on an email to her GC, Frank", "Referred by Dr. Paul Lin." (the lead is the client).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapport.core.understand.mentions import NOT_NAMES, NameMention, first_names, is_word_surname
from rapport.core.understand.text import LazyRegex

__all__ = ["Introduction", "find_introductions"]


@dataclass(frozen=True, slots=True)
class Introduction:
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
            if index == 2:
                # "Prospect: Harold Beaumont, 67, referred by Nina": the name nearest the referral
                said = [n for n in names if n.full and m.start("lead") <= n.start < m.start("ref")]
                lead = said[-1].name if said else lead
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
    return found


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
    r"\b|(?:my|our)\s+way\b|over\b|along\b))?(?=\s*(?:[.;,:)!\n-]|$|since|because|as|for|after))",
    re.IGNORECASE,
)
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
        if after is not None and not re.search(r"[.;!?\n]", text[m.end() : after.start]):
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
        said = [n for n in names if clause < n.start and n.end <= m.start()]
        # "Said Tomas at Bay Tile sent her to us": a capitalised name right before says who
        before = next((n for n in said if person(n)), said[0] if said else None)
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
        if lead is None or re.search(r"[.;!?\n]", text[m.end() : lead.start]):
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
