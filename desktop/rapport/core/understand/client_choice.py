"""Whom a note is about: the client chosen among the names it says, with the company said next
to it and the family that is theirs.

The first full name that is not family, a lead, a referrer or a colleague ("her boss Jim Doe")
is the client; "w/ Director Hannah Goldstein" is a title, not a colleague. Family another named
person owns ("Rita has 3 kids") is not the client's. Matching the chosen name to a known client
is ``clients``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapport.core.understand.clients import same_first_name  # as known-client matching does
from rapport.core.understand.mentions import HELPERS, NameMention, first_names
from rapport.core.understand.people import FamilyMember
from rapport.core.understand.programs import compile_regex, rx
from rapport.core.understand.text import LazyRegex

if TYPE_CHECKING:
    from rapport.core.understand.intros import Introduction

__all__ = ["choose_client", "clients_family", "company_of", "plausible"]


_COMPANY_AFTER = LazyRegex(
    r"\s*(?:\((?P<inner>[^)]{2,60})\)|(?:,\s*)?(?:@|at|from|of)\s+"
    r"(?P<co>[A-Z][\w&'.-]*(?:[ \t]+[A-Z][\w&'.-]*){0,3}))"
)
# "her boss Jim Doe", "their CFO Mark Stevens": colleagues, not whom the note is about.
_ROLE_BEFORE = LazyRegex(
    r"\b(?:boss|cfo|ceo|coo|cto|vp|assistant|ea|colleague|coworker|manager|director|"
    r"lead|partner|buddy|friend|neighbou?r|replacement|mgr|supervisor|super|foreman|rep)\s+$",
    re.IGNORECASE,
)


_TITLE_WORD = compile_regex(r"^(?:dr|mr|mrs|ms|prof)\.?\s+", re.IGNORECASE)


def plausible(mention: NameMention, fulls: set[str]) -> bool:
    """A lone capitalised word is a name if it is a known first name or someone's first name."""
    if mention.full or mention.titled:
        return True
    low = mention.first.lower()
    return low in first_names() or low in fulls


def choose_client(
    body: str, names: list[NameMention], family: list[FamilyMember], intros: list[Introduction]
) -> NameMention | None:
    """Whom the note is about: the first full name that is not family, a lead or a referrer."""
    family_names = {p.name.lower() for p in family if p.name}
    excluded = set(family_names)
    for intro in intros:
        said = (intro.referrer if intro.lead_is_subject else intro.name) or ""
        excluded.add(said)
        excluded.add(_TITLE_WORD.sub("", said))  # "Dr. Ostrow": the mention is "Ostrow"
    excluded = {e.lower() for e in excluded if e}
    # Family: who sent the client, said again by the first name ("Sent by Rob Ito (thanks
    # Rob!) - new lead Ines Vidal"): no more the client than when named in full
    senders = {
        i.referrer.split()[0].lower()
        for i in intros
        if i.lead_is_subject and i.referrer and " " in i.referrer
    }
    excluded |= {n.name.lower() for n in names if not n.full and n.first.lower() in senders}
    fulls = {n.first.lower() for n in names if n.full}
    # "Arrangements for Walter Greeley (passed 8/24) ... his daughter Carol Greeley-Hunt": the
    # one who died is not whom the note is for; the next of kin named in full is, family or not
    # ("Harold Jenkins passed away. Send his wife Marjorie a card": with no one else named in
    # full, the client who died is still whom the note is about)
    pool = _candidates(body, names, excluded, family_names)
    deceased = {n.name.lower() for n in names if n.full and _deceased(body, n)}
    if deceased:
        family_full = {n.name.lower() for n in names if n.full and n.name.lower() not in deceased}
        kin = _candidates(body, names, (excluded - family_full) | deceased, family_names)
        pool = kin if any(n.full for n in kin) else pool
    referrers = [i for i in intros if not i.lead_is_subject and i.referrer and " " in i.referrer]
    chosen: NameMention | None = _field_client(body, pool)
    # i16cl3. Family: an introduction that is about its lead ("Priya, meet Colm Dwyer. Colm -
    # Priya Raman is ...", "Hey Odette - Bram Visser, Bram - Odette Lam"): the lead named in
    # full is the client, though another full name is said first
    subjects = [i.name.lower() for i in intros if i.lead_is_subject and " " in i.name]
    if subjects and chosen is None:
        chosen = next((n for n in pool if n.full and n.name.lower() == subjects[0]), None)
    if chosen is None and referrers:
        chosen = next((n for n in pool if n.name == referrers[0].referrer), None)
    if chosen is None:
        # "Mr. Okafor", "Dr. Chen's office": a titled surname names someone as surely as a full name
        chosen = next((n for n in pool if n.full or n.titled), None)
        lone = next((n for n in pool if not n.full and n.first.lower() in first_names()), None)
        if chosen is not None and lone is not None and lone.start < chosen.start:
            # "Texts w/ Ada (Harbor Lofts, Ada Pike)": the first name said first, then in full
            # right after it
            chosen = next(
                (
                    n
                    for n in pool
                    if n.full
                    and n.first == lone.first
                    and 0 < n.start - lone.end <= 40
                    and not rx(r"[.;!?\n]").search(body[lone.end : n.start])
                ),
                chosen,
            )
        chosen = _person_over_place(body, chosen, pool)
        if chosen is not None and chosen.full:
            chosen = _salient(body, chosen, pool)
            chosen = _placement(body, chosen, pool)
            chosen = _relative_about(body, chosen, names, family)
    if chosen is None:
        chosen = next((n for n in pool if plausible(n, fulls)), None)
    chosen = _account_holder(body, chosen, pool)
    if chosen is not None and not chosen.full and not chosen.titled:
        better = next((n for n in pool if n.full and n.first == chosen.first), None)
        chosen = better or chosen
    elif chosen is not None and chosen.titled and not chosen.full:
        # "Dr. Patel's clinic (Anjali Patel, cardiology)": the full name, once it is said
        surname = chosen.name.lower()
        better = next((n for n in pool if n.full and n.name.split()[-1].lower() == surname), None)
        # i16cl4. Family: a family name said first, then the whole name right after it ("Mr
        # Lim, Lim Wei Jie, ...", "Madam Tan - Tan Ah Kow"): the whole name
        better = better or next(
            (
                n
                for n in pool
                if n.full
                and n.first.lower() == surname
                and 0 < n.start - chosen.end <= 24
                and not rx(r"[.;!?\n]").search(body[chosen.end : n.start])
            ),
            None,
        )
        chosen = better or chosen
    return chosen


# i16cl4. Family: a work tool's or a Markdown note's field that says who the client is
# ("Client: Cascade Bank / Lisa Amundsen", "**Customer:** Ana Ruiz", "| Client | Ana Ruiz |"),
# though attendees or a colleague are named before it
_CLIENT_FIELD = LazyRegex(
    r"^[ \t>*|-]*\**(?:client|customer)s?\**[ \t]*(?::|\|)\**[ \t]*", re.IGNORECASE | re.MULTILINE
)


def _field_client(body: str, pool: list[NameMention]) -> NameMention | None:
    field = _CLIENT_FIELD.search(body)
    if field is None:
        return None
    line_end = body.find("\n", field.end())
    line_end = len(body) if line_end == -1 else line_end
    on_line = [n for n in pool if field.end() <= n.start < line_end and (n.full or n.titled)]
    person = next((n for n in on_line if n.first.lower() in first_names()), None)
    return person or next(iter(on_line), None)


_HEADING_WORD = LazyRegex(r"[^\W\d_]+")


def _account_holder(
    body: str, chosen: NameMention | None, pool: list[NameMention]
) -> NameMention | None:
    """i16cl3. Family: a pasted thread or record filed under an account, a channel or a
    household ("#acct-fernhill-cider", "Customer Success > Halvorsen Dental Group", "the
    Okonkwo residence"): the person whose surname the heading names is the client, not the
    first one to speak (a colleague posting about them)."""
    if chosen is None or not body:
        return chosen
    line_end = body.find("\n")
    if not 0 < line_end <= 80:
        return chosen  # a heading is a short first line of its own
    heading = body[:line_end]
    words_ = {w.lower() for w in _HEADING_WORD.findall(heading)}

    def named(n: NameMention) -> bool:
        return n.full and n.name.split()[-1].lower() in words_

    if named(chosen) or (chosen.start < len(heading) and chosen.full):
        return chosen
    holders = [n for n in pool if named(n) and n.start > line_end]
    if len({n.name for n in holders}) != 1:
        return chosen
    return holders[0]


_ATTENDEES = LazyRegex(
    r"^[ \t]*(?:attendees|who|present|participants|in\s+the\s+room)[ \t]*:", re.I | re.M
)
_PLACE_CUE = LazyRegex(
    r"(?:@|\b(?:at|(?<!goes\s)by|in|inside|visit(?:ed)?|tour(?:ed)?|walk-?thru|walkthrough|the|for))"
    r"\s+$",
    re.IGNORECASE,
)
_HEADING_AFTER = LazyRegex(r"[ \t]*(?:[-\u2013\u2014:|]|,(?=[^\n]{0,30}\b(?:owner|met)\b))[ \t]*")


def _person_over_place(
    body: str, chosen: NameMention | None, pool: list[NameMention]
) -> NameMention | None:
    """ "Stopped by Black Lotus Tattoo, saw Vinnie Caruso", "Tour @ Willow Creek Barn - Kayla
    Brooks", "Walkthru @ Jefferson Elem w/ Ron Baptiste": a capitalised name no first name
    starts is a company or a place when a person's full name follows; the person is the client."""
    if chosen is None or not chosen.full:
        return chosen
    person = _talked_about(body, chosen, pool)
    if person is not None:
        return person
    if chosen.first.lower() in first_names():
        return chosen
    attendees = _ATTENDEES.search(body, chosen.end)
    if attendees is not None and "\n" not in body[: chosen.start]:
        # "Kickoff - Greenfield Cold Storage\nAttendees: Marco Reyes (ops director), ...": the
        # heading names the company, the first one attending is whom the note is about
        return next((n for n in pool if n.start > attendees.end() and (n.full or n.titled)), chosen)
    heading = _HEADING_AFTER.match(body, chosen.end)
    if heading is not None:
        # "Blue Fern Florals - Ada Pike": a heading's business, then the person on its line
        line_end = body.find("\n", heading.end())
        line_end = len(body) if line_end == -1 else line_end
        person = next((n for n in pool if n.full and heading.end() <= n.start < line_end), None)
        if person is not None and (
            person.first.lower() in first_names() or _business_over_person(chosen, person)
        ):
            return person
    line_end = body.find("\n", chosen.end)
    line_end = len(body) if line_end == -1 else line_end
    met = next(
        (
            n
            for n in pool
            if n.full
            and chosen.end <= n.start < line_end
            and _MET_WITH.search(body, max(0, n.start - 40), n.start)
        ),
        None,
    )
    if met is not None and _HEADING_BREAK.search(body, chosen.end, met.start):
        # i16hh. Family: a heading's venue or event, then whom the user met there ("Lakeside
        # Park - lunch with Bo Whitley", "Dome Fest Wednesday - long lunch with Marcus Feld")
        return met
    if not _PLACE_CUE.search(body, max(0, chosen.start - 14), chosen.start):
        return chosen  # "Best leads were Earl Whitcomb": a person the first-name list lacks
    person = next((n for n in pool if n.full and n.start > chosen.start), None)
    return person or chosen


def _talked_about(body: str, chosen: NameMention, pool: list[NameMention]) -> NameMention | None:
    """i16cl4. Family: a heading's company or project, an event's or a vessel's capitalised
    words, a title-cased sentence's words: no word of them is said again, while a person named
    in full after them (a known first name) is talked about again by that first name."""
    if _times_said(body, chosen) or _surname_said(body, chosen):
        return None
    later = [n for n in pool if n.full and n.start > chosen.start]
    again = 2 if chosen.first.lower() in first_names() else 1
    person = next(
        (n for n in later if n.first.lower() in first_names() and _times_said(body, n) >= again),
        None,
    )
    if person is not None or again == 2:
        return person  # "Hollis Precision": a word the first-name list has; said twice more
    # a person the first-name list lacks ("Rajan Subramaniam", "Dr. Adaeze Okonkwo"), said
    # again by the first name or the surname
    return next((n for n in later if _times_said(body, n) or _surname_said(body, n)), None)


def _surname_said(body: str, mention: NameMention) -> bool:
    last = mention.name.split()[-1]
    rest = body[mention.end :]
    return last in rest and re.search(rf"\b{re.escape(last)}\b", rest) is not None


_MET_WITH = LazyRegex(
    r"\b(?:lunch|dinner|coffee|breakfast|brunch|drinks|meeting|mtg|call|visit|walkthrough|"
    r"walk-?thru|tour|chat|session|consult)\s+(?:w/|with)\s+$|\b(?:met|saw)\s+(?:with\s+)?$",
    re.IGNORECASE,
)
_HEADING_BREAK = LazyRegex(r"\s[-\u2013\u2014|:]\s|:\s")


def _business_over_person(business: NameMention, person: NameMention) -> bool:
    """ "Shear Bliss Grooming - Tawny Reed", "Red Oak Detailing | Cass Imrie": a heading's name of
    three words or more, or one ending in a trade's "-ing" word, is the business when a
    two-word name follows it, though the first-name list lacks both first words."""
    words_ = business.name.split()
    trade = len(words_) >= 2 and words_[-1].lower().endswith("ing")
    return (len(words_) >= 3 or trade) and len(person.name.split()) == 2


def _relative_about(
    body: str, chosen: NameMention, names: list[NameMention], family: list[FamilyMember]
) -> NameMention:
    """ "Met w/ Walter Greeley's daughter Carol Greeley-Hunt about his estate. Carol wants ...
    Carol is the contact": a relative named in full is whom the note is about when the note
    goes on about them and never names the first person again."""
    if _times_said(body, chosen):
        return chosen
    for mention in names:
        if not mention.full or mention.start <= chosen.start:
            continue
        kin = any(
            p.name and p.name.lower() in (mention.name.lower(), mention.first.lower())
            and p.start < mention.start <= p.end + 2
            for p in family
        )  # fmt: skip
        if kin and _times_said(body, mention) >= 2:
            return mention
    return chosen


def _candidates(
    body: str, names: list[NameMention], excluded: set[str], family_names: set[str]
) -> list[NameMention]:
    return [
        n for n in names
        if n.name.lower() not in excluded
        and not (not n.full and n.first.lower() in family_names)
        and (_hiring(body, n.start) or not _colleague(body, n.start))
        and not _quoted(body, n)
        and not _TAKEN_BACK.match(body, n.end)
        and not _helper(body, n)
    ]  # fmt: skip


_HELPER_WORDS = "|".join(sorted(HELPERS))
# i16cl4. Family: who helps at the meeting ("Interpreter Rosa Diaz joined", "with the
# translator Ana Melo", "Rosa Diaz (interpreter)"): never whom the note is about
_HELPER_BEFORE = LazyRegex(rf"\b(?:{_HELPER_WORDS})[ \t]*[:(-]?[ \t]*$", re.IGNORECASE)
_HELPER_AFTER = LazyRegex(
    rf"(?:'s)?[ \t]*[(,-][ \t]*(?:the|our|my|an?)?[ \t]*(?:{_HELPER_WORDS})\b"
    # a colleague of the user's own team, said in brackets ("Priya Nair (our PM)")
    r"|[ \t]*\([ \t]*(?:our|my)[ \t]+(?!client|customer|contact)",
    re.IGNORECASE,
)


def _helper(body: str, mention: NameMention) -> bool:
    return bool(
        _HELPER_BEFORE.search(body, max(0, mention.start - 16), mention.start)
        or _HELPER_AFTER.match(body, mention.end)
    )


# A name taken back as soon as it is said: "Ida Rowe? no - Ida Lund", "no wait it was",
# "I mean", "sorry", "scratch that"
_TAKEN_BACK = LazyRegex(
    # i16cl4: the verb said before the correction ("Mama Bisi called, I mean Mrs Adebisi Lawal")
    r"(?:[ \t]+(?:called|rang|phoned|texted|came|said|says|wants|came\s+in))?"
    r"[ \t]*[?,]?[ \t]*(?:-[ \t]*)?(?:no+\b[ \t,.-]*(?:wait\b|sorry\b|it'?s\b|it\s+was\b|-)|"
    r"i\s+mean\b|sorry\b|correction\b|scratch\s+that\b)",
    re.IGNORECASE,
)


_OPEN_QUOTES = "'\"\u2018\u201c"
_CLOSE_QUOTES = "'\"\u2019\u201d"


def _quoted(body: str, mention: NameMention) -> bool:
    """ "Sail covers - 'Sea Fever'": a name in quotes names a boat, a shop or a show."""
    return (
        mention.full
        and body[mention.start - 1 : mention.start] in tuple(_OPEN_QUOTES)
        and body[mention.end : mention.end + 1] in tuple(_CLOSE_QUOTES)
    )


def _salient(body: str, chosen: NameMention, pool: list[NameMention]) -> NameMention:
    """A heading's project ("Kickoff - Greenleaf Co-housing") is never said again; the person
    the note goes on about ("Ruth pushing for ...", "Ruth's husband Dan") is."""
    if _said_again(body, chosen) or body[chosen.end : chosen.end + 1] != "\n":
        return chosen
    later = (n for n in pool if n.full and n.start > chosen.start)
    return next((n for n in later if _said_again(body, n, 2)), chosen)


def _said_again(body: str, mention: NameMention, times: int = 1) -> bool:
    return _times_said(body, mention) >= times


def _times_said(body: str, mention: NameMention) -> int:
    rest = body[mention.end :]
    if mention.first not in rest:
        return 0  # not said again: no pattern made of the name to compile
    first = re.escape(mention.first)
    return len(re.findall(rf"\b{first}\b", rest))


# "the late Walter Greeley", "obituary for Ann Ruiz", "Walter Greeley (passed 8/24)",
# "Ann Ruiz, who passed away Sunday": the one who died
_DECEASED_BEFORE = LazyRegex(
    r"\b(?:the\s+late|in\s+memory\s+of|estate\s+of|memorial\s+for|obituary\s+for|obit\s+for|"
    r"funeral\s+for|remembrance\s+of|deceased:?)\s+$",
    re.I,
)
_DECEASED_AFTER = LazyRegex(
    r"(?:'s)?\s*(?:\(\s*(?:passed|died|d\.|deceased|dec'd|rip)\b|[,-]?\s*(?:who\s+)?"
    r"(?:passed\s+away|passed\s+on|passed\s+(?:last|this|on|yesterday|\d)|died|is\s+deceased)\b)",
    re.I,
    needs="passed died d. deceased dec'd rip",
)


def _deceased(body: str, mention: NameMention) -> bool:
    if _DECEASED_BEFORE.search(body, max(0, mention.start - 24), mention.start):
        return True
    return _DECEASED_AFTER.match(body, mention.end) is not None


# A recruiter's note: the candidate placed or put forward, and the hiring manager (the client)
_CANDIDATE_BEFORE = LazyRegex(
    r"\b(?:placed|placing|submitted|submitting|presented|candidate)\s+(?:candidate\s+)?$", re.I
)
_HIRING_BEFORE = LazyRegex(r"\bhiring\s+(?:mgr|manager|lead|contact)\.?:?,?\s+(?:is\s+)?$", re.I)


def _hiring(body: str, start: int) -> bool:
    return _HIRING_BEFORE.search(body, max(0, start - 24), start) is not None


def _placement(body: str, chosen: NameMention, pool: list[NameMention]) -> NameMention:
    """ "placed Aaron Blake at Summit CU, hiring mgr Dolores Finch": the note is about whichever
    of the two it goes on to talk about; the hiring manager, who pays, when it is as much."""
    if not _CANDIDATE_BEFORE.search(body, max(0, chosen.start - 24), chosen.start):
        return chosen
    manager = next((n for n in pool if n.full and _hiring(body, n.start)), None)
    if manager is None or _times_said(body, chosen) > _times_said(body, manager):
        return chosen
    return manager


# "mtg w/ Director Hannah Goldstein", "spoke w/ managing partner Rosa Alvarez": a title
_TITLE_AFTER = LazyRegex(
    r"\b(?:w/|with|met|meet|meeting|mtg|from|call|called|emailed|texted|spoke\s+to|talked\s+to)"
    r"\s+(?:(?!(?:his|her|their|my|our|the|a)\s)[a-z]+(?:'s)?\s+)?$",
    re.I,
)


def _colleague(body: str, start: int) -> bool:
    """'her boss Jim Doe' is a colleague; 'mtg w/ Director Hannah Goldstein' is a title."""
    role = _ROLE_BEFORE.search(body, max(0, start - 24), start)
    if role is None:
        # "moe's boss the area vp is a guy named rex pardo": an owned role, then the name
        return _ROLE_NAMED.search(body, max(0, start - 70), start) is not None
    if body[max(0, role.start() - 1) : role.start()] == "(":
        return False  # "Helix Dental (CEO Andre Baptiste)": the client's own title
    if _A_SALES_LEAD.search(body, max(0, role.start() - 12), role.end()):
        return False  # "new lead Ines Vidal": a prospect, the client, not a team's lead
    before = body[max(0, role.start() - 3) : role.start()].strip()
    if not before or before[-1] in ".;:!?\n-":
        return False  # "... overheating again. partner Nisha Patel wants a quote": a title
    if _THE_ROLE.search(body, max(0, role.start() - 20), role.start()) and not _ROLE_OWNER.search(
        body, max(0, role.start() - 30), role.start()
    ):
        return False  # "the choir director ida lund": no one's colleague, her title
    titled = _TITLE_AFTER.search(body, max(0, role.start() - 24), role.start())
    return not titled


_A_SALES_LEAD = LazyRegex(r"\b(?:new|hot|warm|good|great|sales|inbound|a)\s+lead\s+$", re.I)
_ROLE_NAMED = LazyRegex(
    r"(?:\b(?:his|her|their)|\w's)\s+(?:boss|cfo|ceo|coo|cto|vp|assistant|colleague|coworker|"
    r"manager|supervisor|partner)\b[^.;!?\n]{0,45}\b(?:named|called|is)\s+$",
    re.I,
)
_THE_ROLE = LazyRegex(r"\bthe\s+(?:[\w-]+\s+)?$", re.I)
# Whose the role is: "her boss", "Moe's boss the area vp", "their CFO", "our rep"
_ROLE_OWNER = LazyRegex(r"(?:\b(?:his|her|their|my|our|its)|\w's)\s+(?:[\w-]+\s+){0,3}$", re.I)


def clients_family(
    family: list[FamilyMember],
    client: NameMention | None,
    body: str = "",
    in_book: str | None = None,
) -> list[FamilyMember]:
    """Drop the family of someone else the note names: "Dr. Gupta's office mgr Rita. Rita has
    3 kids" are not the doctor's children. ``in_book``: the client's name in the user's book,
    when the note names them otherwise ("Quintero ... Rafa's wife Marisol": Rafael Quintero's)."""
    if client is None:
        return family
    family = _not_kin_of_the_dead(family, client, body)
    own = {w.lower() for w in client.name.split()}
    firsts = [client.first.lower()]
    if in_book:
        own |= {w.lower() for w in in_book.split()}
        firsts.append(in_book.split()[0].lower())

    def clients(owner: str) -> bool:
        low = owner.lower()
        household = low.endswith("s") and (low[:-1] in own or low[:-2] in own)  # "the Hales"
        return (
            low in own
            or household
            or any(same_first_name(low, first) or low[:3] == first[:3] for first in firsts)
        )  # Rob, Robert

    # "Hector's wife Maria had a baby boy": the child of the client's spouse is the client's
    spouses = {
        p.name.lower()
        for p in family
        if p.name and p.relation in ("wife", "husband", "partner")
        and (p.owner is None or clients(p.owner))
    }  # fmt: skip
    # i16hh. Family: the spouse's parents and siblings ("Dom's dad built the place", "to see
    # Emeka's mother") are the client's in-laws, another household's, not on the client's card
    return [
        p
        for p in family
        if p.owner is None
        or clients(p.owner)
        or (p.owner.lower() in spouses and p.relation not in _IN_LAWS)
    ]


_IN_LAWS = frozenset(["mother", "father", "brother", "sister", "parent", "sibling"])


def company_of(body: str, client: NameMention, names: list[NameMention]) -> str:
    for mention in [client] + [n for n in names if n.first == client.first and n is not client]:
        m = _COMPANY_AFTER.match(body, mention.end)
        if m is None:
            continue
        if m.group("inner"):
            inner = m.group("inner").split(",")[-1].strip()
            if inner[:1].isupper() and not any(ch.isdigit() for ch in inner):
                return inner
        elif m.group("co") and not m.group("co").endswith("'s"):
            return _company_words(m.group("co"))
    return ""


# Words that end in a dot inside a company's name ("Acme Co. Supply", "J. Crew").
_NAME_ABBREVIATIONS = {"co", "corp", "inc", "ltd", "bros", "mfg", "intl", "assoc", "st", "mt"}


def _company_words(text: str) -> str:
    """'Coastal Freight. Her' is 'Coastal Freight': a sentence ends at a dot unless the
    word is an abbreviation or an initial."""
    kept: list[str] = []
    for word in text.split():
        kept.append(word)
        stem = word.rstrip(".")
        if word.endswith(".") and stem.lower() not in _NAME_ABBREVIATIONS and len(stem) > 1:
            break
    return " ".join(kept).rstrip(".")


def _not_kin_of_the_dead(
    family: list[FamilyMember], client: NameMention, body: str
) -> list[FamilyMember]:
    """ "Met w/ his daughter Carol Greeley-Hunt and son Mike" when Carol, next of kin, is the
    client: she is not her own daughter, and the family said with her is the deceased's."""
    own = next((p for p in family if p.start <= client.start < p.end + 40 and p.name
                and p.name.lower() == client.first.lower()), None)  # fmt: skip
    if own is None or not body:
        return family
    start = max(body.rfind(stop, 0, own.start) for stop in ".;\n")
    ends = [i for i in (body.find(stop, client.end) for stop in ".;\n") if i != -1]
    end = min(ends) if ends else len(body)
    return [p for p in family if not (p.owner is None and start < p.start < end)]
