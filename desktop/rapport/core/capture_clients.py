"""Which client a note is about: the name it chooses, and which known client that is.

Choosing: the first full name that is not family, a lead, a referrer or a colleague ("her
boss Jim Doe"); the company said next to it; the family that is the client's. Matching: exact,
misspelt ("Bob Smtih"), or by first name.

Matching order: the whole name (accents and case folded), then a close spelling (difflib
ratio), then a first name or nickname ("Bob" for Robert) when it points at one client, or
at the most recently contacted of several. Anything else is a new client (``id`` None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rapport.core.capture_names import NameMention, first_names
from rapport.core.capture_people import FamilyMember
from rapport.core.capture_text import LazyRegex
from rapport.core.names import fold

if TYPE_CHECKING:
    from rapport.core.capture_intros import Introduction

__all__ = [
    "ClientMatch",
    "KnownClient",
    "choose_client",
    "clients_family",
    "company_of",
    "match_client",
    "plausible",
    "same_first_name",
]

CLOSE_ENOUGH = 0.84  # SequenceMatcher ratio for a misspelt full name ("Bob Smtih")


@dataclass(frozen=True, slots=True)
class KnownClient:
    """A client already in the book, as the services layer passes it to capture."""

    id: int
    name: str
    company: str = ""
    last_contact: datetime | None = None


@dataclass(frozen=True, slots=True)
class ClientMatch:
    client: KnownClient | None
    how: str  # exact, close, first_name, company, new
    candidates: tuple[tuple[KnownClient, float], ...]


_NICKNAMES = {
    "bob": "robert", "bobby": "robert", "rob": "robert", "robbie": "robert", "bill": "william",
    "will": "william", "billy": "william", "jim": "james", "jimmy": "james", "mike": "michael",
    "dave": "david", "steve": "steven", "tom": "thomas", "tommy": "thomas", "dan": "daniel",
    "danny": "daniel", "chris": "christopher", "liz": "elizabeth", "beth": "elizabeth",
    "kate": "katherine", "katie": "katherine", "jen": "jennifer", "jenny": "jennifer",
    "sam": "samuel", "alex": "alexander", "joe": "joseph", "tony": "anthony",
    "nick": "nicholas", "matt": "matthew", "andy": "andrew", "drew": "andrew",
    "greg": "gregory", "ed": "edward", "eddie": "edward", "rick": "richard",
    "rich": "richard", "dick": "richard", "pat": "patrick", "sue": "susan", "meg": "megan",
    "peggy": "margaret", "maggie": "margaret", "ben": "benjamin", "ken": "kenneth",
    "ron": "ronald", "don": "donald", "larry": "lawrence", "jeff": "jeffrey",
    "tim": "timothy", "vince": "vincent", "zach": "zachary", "josh": "joshua",
    "jon": "jonathan", "nate": "nathan", "phil": "philip", "deb": "deborah",
    "debbie": "deborah", "cathy": "catherine", "kathy": "kathleen", "pam": "pamela",
    "barb": "barbara", "fred": "frederick", "charlie": "charles", "chuck": "charles",
    "hank": "henry", "jack": "john", "johnny": "john", "ted": "edward", "stan": "stanley",
}  # fmt: skip


def _first(name: str) -> str:
    parts = fold(name).split()
    return parts[0] if parts else ""


def same_first_name(a: str, b: str) -> bool:
    """'bob' and 'robert' are one first name (both folded, lower case)."""
    return a == b or _NICKNAMES.get(a, a) == _NICKNAMES.get(b, b)


def _recent(client: KnownClient) -> float:
    return client.last_contact.timestamp() if client.last_contact else 0.0


def match_client(
    mentions: Sequence[str], companies: Sequence[str], known: Sequence[KnownClient]
) -> ClientMatch:
    """The known client best meant by the note's name ``mentions`` (most likely first)."""
    if not known:
        return ClientMatch(None, "new", ())
    from difflib import SequenceMatcher  # only when there are clients to compare with

    folded = [(client, fold(client.name)) for client in known]
    for mention in mentions:
        key = fold(mention)
        if not key:
            continue
        exact = [c for c, name in folded if name == key]
        if exact:
            exact.sort(key=_recent, reverse=True)
            return ClientMatch(exact[0], "exact", tuple((c, 1.0) for c in exact))
        if " " in key:
            close: list[tuple[KnownClient, float]] = []
            for client, name in folded:
                matcher = SequenceMatcher(None, key, name)
                if (
                    matcher.real_quick_ratio() < CLOSE_ENOUGH
                    or matcher.quick_ratio() < CLOSE_ENOUGH
                ):
                    continue
                ratio = matcher.ratio()
                if ratio >= CLOSE_ENOUGH:
                    close.append((client, ratio))
            if close:
                close.sort(key=lambda cr: (cr[1], _recent(cr[0])), reverse=True)
                return ClientMatch(close[0][0], "close", tuple(close[:5]))
        first = key.split()[0]
        last = key.split()[-1] if " " in key else None
        same = [
            c for c, name in folded
            if same_first_name(first, name.split()[0] if name else "")
            and (last is None or name.split()[-1] == last)
        ]  # fmt: skip
        if same:
            same.sort(key=_recent, reverse=True)
            return ClientMatch(same[0], "first_name", tuple((c, 0.8) for c in same[:5]))
    for company in companies:
        key = fold(company)
        by_company = [c for c, _ in folded if c.company and fold(c.company) == key]
        if by_company:
            by_company.sort(key=_recent, reverse=True)
            return ClientMatch(by_company[0], "company", tuple((c, 0.6) for c in by_company[:5]))
    return ClientMatch(None, "new", ())


# ---- choosing the client from the note's names ---------------------------------------------
_COMPANY_AFTER = LazyRegex(
    r"\s*(?:\((?P<inner>[^)]{2,60})\)|(?:,\s*)?(?:@|at|from|of)\s+(?P<co>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,3}))"
)
# "her boss Jim Doe", "their CFO Mark Stevens": colleagues, not whom the note is about.
_ROLE_BEFORE = LazyRegex(
    r"\b(?:boss|cfo|ceo|coo|cto|vp|assistant|ea|colleague|coworker|manager|director|"
    r"lead|partner|buddy|friend|neighbou?r|replacement)\s+$",
    re.IGNORECASE,
)


def plausible(mention: NameMention, fulls: set[str]) -> bool:
    """A lone capitalised word is a name if it is a known first name or someone's first name."""
    if mention.full:
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
        excluded.add((intro.referrer if intro.lead_is_subject else intro.name) or "")
    excluded = {e.lower() for e in excluded if e}
    fulls = {n.first.lower() for n in names if n.full}
    pool = [
        n for n in names
        if n.name.lower() not in excluded
        and not (not n.full and n.first.lower() in family_names)
        and not _colleague(body, n.start)
    ]  # fmt: skip
    referrers = [i for i in intros if not i.lead_is_subject and i.referrer and " " in i.referrer]
    chosen: NameMention | None = None
    if referrers:
        chosen = next((n for n in pool if n.name == referrers[0].referrer), None)
    if chosen is None:
        chosen = next((n for n in pool if n.full), None)
    if chosen is None:
        chosen = next((n for n in pool if plausible(n, fulls)), None)
    if chosen is not None and not chosen.full:
        better = next((n for n in pool if n.full and n.first == chosen.first), None)
        chosen = better or chosen
    return chosen


_TITLE_AFTER = LazyRegex(
    r"\b(?:w/|with|met|meet|meeting|mtg|from|call|called|emailed|texted)\s+$", re.I
)


def _colleague(body: str, start: int) -> bool:
    """'her boss Jim Doe' is a colleague; 'mtg w/ Director Hannah Goldstein' is a title."""
    role = _ROLE_BEFORE.search(body, max(0, start - 24), start)
    if role is None:
        return False
    titled = body[role.start()].isupper() and _TITLE_AFTER.search(
        body, max(0, role.start() - 12), role.start()
    )
    return not titled


def clients_family(family: list[FamilyMember], client: NameMention | None) -> list[FamilyMember]:
    """Drop the family of someone else the note names: "Dr. Gupta's office mgr Rita. Rita has
    3 kids" are not the doctor's children."""
    if client is None:
        return family
    own = {w.lower() for w in client.name.split()}
    first = client.first.lower()

    def clients(owner: str) -> bool:
        low = owner.lower()
        return low in own or same_first_name(low, first) or low[:3] == first[:3]  # Rob, Robert

    return [p for p in family if p.owner is None or clients(p.owner)]


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
            return m.group("co").strip().rstrip(".")
    return ""
