"""Which known client a note is about: exact, misspelt ("Bob Smtih"), or by first name.

Matching order: the whole name (accents and case folded), then a close spelling (difflib
ratio), then a first name or nickname ("Bob" for Robert) when it points at one client, or
at the most recently contacted of several. Anything else is a new client (``id`` None).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import overload

from rapport.core.names import fold

__all__ = ["ClientIndex", "ClientMatch", "KnownClient", "match_client"]

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


def _canonical_first(first: str) -> str:
    """The first name a nickname stands for ("bob" -> "robert"); itself otherwise."""
    return _NICKNAMES.get(first, first)


def _recent(client: KnownClient) -> float:
    return client.last_contact.timestamp() if client.last_contact else 0.0


class ClientIndex(Sequence[KnownClient]):
    """Known clients prepared for matching many notes (the capture window, as the user types).

    Folded names, exact-name and first-name look-ups are built once, and close spellings
    already computed for a name are remembered, so understanding the same note again while
    the user types costs microseconds rather than a scan of every client. A plain list of
    clients matches the same way; it is only indexed for that one call.
    """

    CACHE = 512  # close-spelling results kept (each distinct name typed costs one scan)

    def __init__(self, known: Sequence[KnownClient]) -> None:
        self._clients = tuple(known)
        self._folded = [fold(client.name) for client in self._clients]
        self._by_name: dict[str, list[int]] = {}
        self._by_first: dict[str, list[int]] = {}
        for position, name in enumerate(self._folded):
            self._by_name.setdefault(name, []).append(position)
            first = name.split()[0] if name else ""
            self._by_first.setdefault(_canonical_first(first), []).append(position)
        self._letters: list[Counter[str] | None] = [None] * len(self._clients)
        self._close: dict[str, tuple[tuple[KnownClient, float], ...]] = {}
        self._by_company: dict[str, list[int]] | None = None  # built the first time asked

    def __len__(self) -> int:
        return len(self._clients)

    @overload
    def __getitem__(self, index: int) -> KnownClient: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[KnownClient]: ...
    def __getitem__(self, index: int | slice) -> KnownClient | Sequence[KnownClient]:
        return self._clients[index]

    def same_clients(self, known: Sequence[KnownClient]) -> bool:
        """Whether ``known`` is exactly the clients indexed (so the index can be reused)."""
        return len(known) == len(self._clients) and tuple(known) == self._clients

    def exact(self, key: str) -> list[KnownClient]:
        return [self._clients[i] for i in self._by_name.get(key, ())]

    def same_first(self, first: str, last: str | None) -> list[KnownClient]:
        """Clients whose first name is ``first`` (or the name it is a nickname of)."""
        found = []
        for i in self._by_first.get(_canonical_first(first), ()):
            if last is None or self._folded[i].split()[-1] == last:
                found.append(self._clients[i])
        return found

    def by_company(self, key: str) -> list[KnownClient]:
        if self._by_company is None:
            self._by_company = {}
            for position, client in enumerate(self._clients):
                if client.company:
                    self._by_company.setdefault(fold(client.company), []).append(position)
        return [self._clients[i] for i in self._by_company.get(key, ())]

    def close(self, key: str) -> tuple[tuple[KnownClient, float], ...]:
        """Clients whose name is a close spelling of ``key``, best first (at most five)."""
        cached = self._close.get(key)
        if cached is not None:
            return cached
        from difflib import SequenceMatcher  # only when there are clients to compare with

        size = len(key)
        letters = Counter(key)
        key_set = set(key)
        found: list[tuple[KnownClient, float]] = []
        for i, name in enumerate(self._folded):
            # The bounds SequenceMatcher's real_quick_ratio and quick_ratio compute, without
            # building a matcher for the thousands of names that cannot be close.
            total = size + len(name)
            if not total or 2.0 * min(size, len(name)) / total < CLOSE_ENOUGH:
                continue
            # A cheaper bound first: letters of one name missing from the other cannot be
            # matched (a set is built far faster than a Counter, for 5,000 names).
            name_set = set(name)
            shared = min(
                size - sum(ch not in name_set for ch in key),
                len(name) - sum(ch not in key_set for ch in name),
            )
            if 2.0 * shared / total < CLOSE_ENOUGH:
                continue
            theirs = self._letters[i]
            if theirs is None:
                theirs = self._letters[i] = Counter(name)
            if 2.0 * (letters & theirs).total() / total < CLOSE_ENOUGH:
                continue
            ratio = SequenceMatcher(None, key, name).ratio()
            if ratio >= CLOSE_ENOUGH:
                found.append((self._clients[i], ratio))
        found.sort(key=lambda cr: (cr[1], _recent(cr[0])), reverse=True)
        result = tuple(found[:5])
        if len(self._close) >= self.CACHE:
            self._close.pop(next(iter(self._close)))
        self._close[key] = result
        return result


def match_client(
    mentions: Sequence[str], companies: Sequence[str], known: Sequence[KnownClient]
) -> ClientMatch:
    """The known client best meant by the note's name ``mentions`` (most likely first)."""
    if not known:
        return ClientMatch(None, "new", ())
    index = known if isinstance(known, ClientIndex) else ClientIndex(known)
    for mention in mentions:
        key = fold(mention)
        if not key:
            continue
        exact = index.exact(key)
        if exact:
            exact.sort(key=_recent, reverse=True)
            return ClientMatch(exact[0], "exact", tuple((c, 1.0) for c in exact))
        if " " in key:
            close = index.close(key)
            if close:
                return ClientMatch(close[0][0], "close", close)
        words = key.split()
        same = index.same_first(words[0], words[-1] if len(words) > 1 else None)
        if same:
            same.sort(key=_recent, reverse=True)
            return ClientMatch(same[0], "first_name", tuple((c, 0.8) for c in same[:5]))
    for company in companies:
        by_company = index.by_company(fold(company))
        if by_company:
            by_company.sort(key=_recent, reverse=True)
            return ClientMatch(by_company[0], "company", tuple((c, 0.6) for c in by_company[:5]))
    return ClientMatch(None, "new", ())
