"""Which known client a note is about: exact, misspelt ("Bob Smtih"), or by first name.

Matching order: the whole name (accents and case folded), then a close spelling (difflib
ratio), then a first name or nickname ("Bob" for Robert) when it points at one client, or
at the most recently contacted of several. Anything else is a new client (``id`` None).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rapport.core.names import fold

__all__ = ["ClientMatch", "KnownClient", "match_client"]

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


def _same_first(a: str, b: str) -> bool:
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
            if _same_first(first, name.split()[0] if name else "")
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
