"""Which known client a note is about: exact, misspelt ("Bob Smtih"), or by first name.

Matching order: the whole name (accents and case folded), then a close spelling (difflib
ratio), then a first name or nickname ("Bob" for Robert, "Roz P." for Rosalind Park; the
nicknames are resources/nicknames.json and the public nickname table
resources/nicknames_names.csv) when it points at one client; of several, the one of that very
first name, then of a name it is a nickname of, then the most recently contacted. Then, each
only when it points at exactly one client: the start or end of a client's first name ("Gwen"
for Gwendolyn, "Seun" for Oluwaseun), the client's company said in part or with a suffix
("Vance Chiro" for Vance Chiropractic), a surname alone ("Szabo", "Mrs.
Szabo"). Anything else is a new client (``id`` None).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from itertools import compress
from operator import add
from typing import overload

from rapport.core.names import fold, fold_all
from rapport.core.understand.resources import read_resource

__all__ = [
    "ClientIndex",
    "ClientMatch",
    "KnownClient",
    "first_name_closeness",
    "match_client",
    "name_keys",
    "one_client",
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
    """The book's client a note's name stands for (None: new), how it was found, and the
    other candidates with their scores."""

    client: KnownClient | None
    how: str  # exact, close, first_name, company, surname, new
    candidates: tuple[tuple[KnownClient, float], ...]


@cache
def _own_tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The project's own table (resources/nicknames.json), nickname -> formal names and
    formal name -> nicknames."""
    data = json.loads(read_resource("nicknames.json"))
    table = {nick: tuple(formal) for nick, formal in data["nicknames"].items()}
    reverse: dict[str, list[str]] = {}
    for nick, formals in table.items():
        for formal in formals:
            reverse.setdefault(formal, []).append(nick)
    return table, {formal: tuple(nicks) for formal, nicks in reverse.items()}


@cache
def _public_table() -> str:
    """The public table of resources/nicknames_names.csv (Apache-2.0, see
    nicknames_names.LICENSE.txt), one line "formal,has_nickname,nick" each, with a newline
    before the first: looked up by string search as the clients' names are, since a dry run
    reads it once per start and asks it a few names."""
    return "\n" + read_resource("nicknames_names.csv")


_HAS = ",has_nickname,"


@lru_cache(maxsize=4096)  # every first name a user types, in a long session
def _formal_names(nick: str) -> tuple[str, ...]:
    """The formal first names ``nick`` is short for: the project's own table first, then the
    public one."""
    found = list(_own_tables()[0].get(nick, ()))
    text = _public_table()
    needle = f"{_HAS}{nick}\n"
    hit = text.find(needle)
    while hit >= 0:
        formal = text[text.rfind("\n", 0, hit) + 1 : hit]
        if formal not in found:
            found.append(formal)
        hit = text.find(needle, hit + 1)
    return tuple(found)


@lru_cache(maxsize=4096)
def _nicknames_of(formal: str) -> tuple[str, ...]:
    """The nicknames of the formal first name ``formal``, in both tables."""
    found = list(_own_tables()[1].get(formal, ()))
    text = _public_table()
    needle = f"\n{formal}{_HAS}"
    hit = text.find(needle)
    while hit >= 0:
        start = hit + len(needle)
        nick = text[start : text.find("\n", start)]
        if nick not in found:
            found.append(nick)
        hit = text.find(needle, start)
    return tuple(found)


def _forms(formal: str) -> tuple[str, ...]:
    """A formal name and its forms that differ in the last vowel, the other gender's or
    language's (Theodore, Theodora; Antonio, Antonia; Francisco, Francisca): a nickname of one
    is a nickname of the others ("Teddie" for Theodora)."""
    if len(formal) >= 5 and formal[-1] in "aeo":
        stem = formal[:-1]
        return (formal, *(stem + end for end in "aeo" if stem + end != formal))
    return (formal,)


def _spellings(first: str) -> tuple[str, ...]:
    """A pet name's other spellings of its ending: "teddie", "teddy" and "teddi" are one name
    (Billie/Billy, Freddie/Freddy, Bobbi/Bobby)."""
    for end in ("ie", "y", "i"):
        if first.endswith(end) and len(first) > len(end) + 2:
            stem = first[: -len(end)]
            return tuple(stem + other for other in ("ie", "y", "i"))
    return (first,)


def name_keys(first: str) -> frozenset[str]:
    """The first names ``first`` may stand for: itself and, for a nickname, the formal names
    ("sam" -> sam, samuel, samantha), whichever way its pet ending is spelt ("teddie" as
    "teddy"). Two first names are the same person's when their keys meet ("Bob" and
    "Robert", "Roz" and "Rosalind")."""
    keys = {first}
    for spelling in _spellings(first):
        for formal in _formal_names(spelling):
            keys.update(_forms(formal))
    return frozenset(keys)


def same_first_name(a: str, b: str) -> bool:
    """Whether two folded first names may be the same person's (Bob, Robert)."""
    return a == b or not name_keys(a).isdisjoint(name_keys(b))


@lru_cache(maxsize=8192)  # a first name against every first name of a large book
def first_name_closeness(said: str, theirs: str) -> int:
    """How near the folded first name ``said`` is to a client's ``theirs``: 3 the same name
    (or its pet ending spelt otherwise: Teddie, Teddy), 2 a nickname of it or the name it is
    a nickname of (Bob, Robert; Bill, William), 1 only joined through a third name (Bill and
    Will, both William's; the public table's Robert and William share "Bill"), 0 not the same
    first name."""
    if said == theirs or theirs in _spellings(said):
        return 3
    if not same_first_name(said, theirs):
        return 0
    if theirs in _formal_forms(said) or said in _formal_forms(theirs):
        return 2
    return 1


@lru_cache(maxsize=4096)
def _formal_forms(first: str) -> frozenset[str]:
    """The formal names ``first`` is a nickname of, in each of their forms."""
    return frozenset(
        form
        for spelling in _spellings(first)
        for f in _formal_names(spelling)
        for form in _forms(f)
    )


def _first(name: str) -> str:
    parts = fold(name).split()
    return parts[0] if parts else ""


def _recent(client: KnownClient) -> float:
    return client.last_contact.timestamp() if client.last_contact else 0.0


class ClientIndex(Sequence[KnownClient]):
    """Known clients prepared for matching many notes (the capture window, as the user types).

    Folded names, exact-name and first-name look-ups are built once (each the first time it
    is asked for), and close spellings already computed for a name are remembered, so
    understanding the same note again while the user types costs microseconds rather than a
    scan of every client. A plain list of clients matches the same way; it is only indexed
    for that one call. ``ClientIndex.lazy`` indexes names without the records, which are
    made only for the clients a note matches (one note against 5,000 clients on the command
    line need not build 5,000 records).
    """

    CACHE = 512  # close-spelling results kept (each distinct name typed costs one scan)

    def __init__(self, known: Sequence[KnownClient]) -> None:
        clients = tuple(known)
        self._setup(
            [client.name for client in clients],
            [client.company for client in clients],
            clients.__getitem__,
        )
        self._made: list[KnownClient | None] = list(clients)

    @classmethod
    def lazy(
        cls, names: Sequence[str], companies: Sequence[str], client: Callable[[int], KnownClient]
    ) -> ClientIndex:
        """Clients ``client(i)`` for i in range(len(names)), made when first needed; the
        i-th has name ``names[i]`` and company ``companies[i]``."""
        index = cls.__new__(cls)
        index._setup(names, companies, client)
        index._made = [None] * len(names)
        return index

    def _setup(
        self, names: Sequence[str], companies: Sequence[str], client: Callable[[int], KnownClient]
    ) -> None:
        self._make = client
        self._companies = companies
        self._folded = fold_all(names)
        self._lengths = list(map(len, self._folded))
        self._stride = max(self._lengths, default=0) + 1  # near_lengths's table
        # Folded names hold no newline: one string to filter every name at C speed (close),
        # and to find a name or a first name in it (line i is the i-th client's).
        self._joined = "\n".join(self._folded)
        self._framed = f"\n{self._joined}\n"
        self._framed_companies: str | None = None  # the same for companies, when first asked
        self._by_first: set[str] | None = None  # the first names, when first asked
        self._letters: list[Counter[str] | None] = [None] * len(self._folded)
        self._close: dict[str, tuple[tuple[KnownClient, float], ...]] = {}

    def _client(self, position: int) -> KnownClient:
        client = self._made[position]
        if client is None:
            client = self._made[position] = self._make(position)
        return client

    def __len__(self) -> int:
        return len(self._folded)

    @overload
    def __getitem__(self, index: int) -> KnownClient: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[KnownClient]: ...
    def __getitem__(self, index: int | slice) -> KnownClient | Sequence[KnownClient]:
        if isinstance(index, slice):
            return tuple(self._client(i) for i in range(len(self))[index])
        return self._client(range(len(self))[index])

    def same_clients(self, known: Sequence[KnownClient]) -> bool:
        """Whether ``known`` is exactly the clients indexed (so the index can be reused)."""
        return len(known) == len(self) and tuple(known) == tuple(self)

    def _lines(self, start: str, framed: str | None = None) -> list[int]:
        """The positions of the folded names that begin with ``start`` (which ends with
        the space or newline after a word), found at C speed: looking names up costs a
        one-shot dry run no table of 5,000 names, and a typed note microseconds."""
        framed = self._framed if framed is None else framed
        found = []
        line = 0
        at = 0
        # Searched without the newline before it: a needle that starts with the commonest
        # character is found at the speed of a scan of every line.
        hit = framed.find(start, 1)
        while hit >= 0:
            if framed[hit - 1] == "\n":
                line += framed.count("\n", at, hit)
                found.append(line - 1)
                at = hit
            hit = framed.find(start, hit + 1)
        return found

    def exact(self, key: str) -> list[KnownClient]:
        return [self._client(i) for i in self._lines(f"{key}\n")]

    def same_first(self, first: str, last: str | None) -> list[KnownClient]:
        """Clients whose first name is ``first``, or a name it is a nickname of, or a
        nickname of it ("Marty" for Martin Cole, "Bob" for Robert); with ``last``, only those
        of that surname, or whose surname starts with it when it is an initial ("Ted B.")."""
        # A client's first name meets ``first`` when it is one of name_keys(first), or a
        # nickname of one of them (name_keys of both meet: same_first_name).
        keys = name_keys(first)
        firsts = set(keys)
        for key in keys:
            for form in _forms(key):  # the nicknames of each form of a formal name
                for nickname in _nicknames_of(form):
                    firsts.update(_spellings(nickname))
        positions: set[int] = set()
        for word in firsts & self.first_words():
            positions.update(self._lines(f"{word} "))
            positions.update(self._lines(f"{word}\n"))
        found = []
        for i in sorted(positions):
            surname = self._folded[i].split()[-1]
            initial = last is not None and len(last) == 1
            if last is None or surname == last or (initial and surname.startswith(last)):
                found.append(self._client(i))
        return found

    def first_words(self) -> set[str]:
        """The book's first names: a first name stands for dozens of nicknames and their
        spellings, and only those the book has are looked for (each a scan of every name)."""
        if self._by_first is None:
            self._by_first = {name.partition(" ")[0] for name in self._folded}
        return self._by_first

    def part_of_first(self, first: str, last: str | None) -> list[KnownClient]:
        """Clients whose first name starts or ends with ``first``, a name of four letters or
        more said short: its start ("Gwen" for Gwendolyn, "Stan" for Stanislav) or its end
        ("Seun" for Oluwaseun, "Emeka" for Chukwuemeka); with ``last``, of that surname or
        initial as ``same_first``."""
        if len(first) < 4:
            return []  # "Al", "Jo", "Ann": said short, too many names start so
        found = []
        for i in self._lines_containing(first):
            words = self._folded[i].split()
            own = words[0] if len(words) > 1 else ""
            if own == first or len(own) < len(first) + 2:
                continue
            if not (own.startswith(first) or own.endswith(first)):
                continue
            surname = words[-1]
            if last is None or surname == last or (len(last) == 1 and surname.startswith(last)):
                found.append(self._client(i))
        return found

    def _lines_containing(self, part: str) -> list[int]:
        """The positions of the folded names holding ``part`` anywhere."""
        found: list[int] = []
        line = 0
        at = 0
        hit = self._joined.find(part)
        while hit >= 0:
            line += self._joined.count("\n", at, hit)
            at = hit
            if not found or found[-1] != line:
                found.append(line)
            hit = self._joined.find(part, hit + 1)
        return found

    def by_surname(self, surname: str) -> list[KnownClient]:
        """Clients of two names or more whose last name is ``surname``."""
        found = []
        for i in self._lines_containing(f" {surname}"):
            words = self._folded[i].split()
            if len(words) > 1 and words[-1] == surname:
                found.append(self._client(i))
        return found

    def by_name_run(self, words: Sequence[str]) -> tuple[list[KnownClient], list[KnownClient]]:
        """i16cl4. Clients whose name holds the folded ``words`` (two or more) as its last
        words ("garcia lopez" for María García López: two surnames said without the given
        name) and those holding them as its first words ("jose luis" for José Luis Fernández
        Ruiz: a compound given name without the surnames); the name has more words."""
        said = " ".join(words)
        tails, heads = [], []
        for i in self._lines_containing(said):
            name = self._folded[i]
            if len(name.split()) <= len(words):
                continue
            if name.endswith(f" {said}"):
                tails.append(self._client(i))
            elif name.startswith(f"{said} "):
                heads.append(self._client(i))
        return tails, heads

    def by_first_surname(self, surname: str) -> list[KnownClient]:
        """i16cl4. Clients of three names or more whose next to last name is ``surname``: the
        first of two surnames, said alone ("Sra. García" for María García López)."""
        found = []
        for i in self._lines_containing(f" {surname} "):
            words = self._folded[i].split()
            if len(words) > 2 and words[-2] == surname:
                found.append(self._client(i))
        return found

    def company_starts(self, word: str) -> bool:
        """Whether a client's company starts with the folded ``word``."""
        return bool(self._lines(f"{word} ", self._framed_company_names()))

    def _framed_company_names(self) -> str:
        if self._framed_companies is None:
            self._framed_companies = "\n{}\n".format("\n".join(fold_all(self._companies)))
        return self._framed_companies

    def by_company_words(self, key: str) -> list[KnownClient]:
        """Clients whose company is ``key`` said in part or with a suffix: the company's first
        word, then words that each start one of its later words in order ("vance chiro" for
        Vance Chiropractic, "pruitt lanes" for Pruitt Bowling Lanes, "okafor moving and
        storage inc" for Okafor Moving & Storage)."""
        words = [w for w in key.replace("&", " ").split() if w not in _COMPANY_FILLER]
        if len(words) < 2:
            return []
        found = []
        for i in self._lines(f"{words[0]} ", self._framed_company_names()):
            company = fold(self._companies[i]).replace("&", " ").split()
            theirs = [w for w in company[1:] if w not in _COMPANY_FILLER]
            at = 0
            fits = True
            for word in words[1:]:
                while at < len(theirs) and not (
                    theirs[at].startswith(word) and (len(word) >= 3 or word == theirs[at])
                ):
                    at += 1
                if at == len(theirs):
                    fits = False
                    break
                at += 1
            if fits:
                found.append(self._client(i))
        return found

    def by_company(self, key: str) -> list[KnownClient]:
        if not key:  # a company that folds to nothing (only spaces): none, however written
            return [
                self._client(i)
                for i, company in enumerate(self._companies)
                if company and not fold(company)
            ]
        return [self._client(i) for i in self._lines(f"{key}\n", self._framed_company_names())]

    def close(self, key: str) -> tuple[tuple[KnownClient, float], ...]:
        """Clients whose name is a close spelling of ``key``, best first (at most five)."""
        cached = self._close.get(key)
        if cached is not None:
            return cached
        size = len(key)
        letters = Counter(key)
        key_set = set(key)
        # Each name without the key's letters, all names at once: what is left cannot be
        # matched, a bound computed in C for every name before any Python-level work.
        drop = dict.fromkeys(map(ord, key_set))
        drop.pop(ord("\n"), None)  # the names' separator stays
        rest = self._joined.translate(drop).split("\n") if self._folded else []
        found: list[tuple[KnownClient, float]] = []
        # The bounds SequenceMatcher's real_quick_ratio and quick_ratio compute, without
        # building a matcher for the thousands of names that cannot be close.
        near = near_lengths(size, self._lengths, map(len, rest), self._stride)
        for i in near:
            length = self._lengths[i]
            total = size + length
            name = self._folded[i]
            # Letters of either name missing from the other cannot be matched (a set is
            # built far faster than a Counter).
            name_set = set(name)
            shared = min(
                size - sum(ch not in name_set for ch in key),
                length - sum(ch not in key_set for ch in name),
            )
            if 2.0 * shared / total < CLOSE_ENOUGH:
                continue
            theirs = self._letters[i]
            if theirs is None:
                theirs = self._letters[i] = Counter(name)
            if 2.0 * (letters & theirs).total() / total < CLOSE_ENOUGH:
                continue
            # Imported only when a name gets this far (most notes' names never do).
            from difflib import SequenceMatcher

            ratio = SequenceMatcher(None, key, name).ratio()
            if ratio >= CLOSE_ENOUGH:
                found.append((self._client(i), ratio))
        found.sort(key=lambda cr: (cr[1], _recent(cr[0])), reverse=True)
        result = tuple(found[:5])
        if len(self._close) >= self.CACHE:
            self._close.pop(next(iter(self._close)))
        self._close[key] = result
        return result


# Words a company is said with or without: "Okafor Moving and Storage, Inc." is "Okafor Moving &
# Storage"; "the Pruitt lanes".
_COMPANY_FILLER = frozenset(
    ["and", "the", "of", "inc", "llc", "ltd", "co", "corp", "company", "group", "llp", "pllc"]
)


def near_lengths(size: int, lengths: Sequence[int], rests: Iterable[int], stride: int) -> list[int]:
    """The positions i of the names that may be a close spelling of a key of ``size``
    characters, by their lengths alone: ``lengths[i]`` (below ``stride``) and, of it,
    ``rests[i]`` characters that are not in the key. That is SequenceMatcher's
    real_quick_ratio ``2 * min(size, length) / (size + length)`` and the letters either
    name can share, ``2 * (length - rest) / (size + length)``, both at least CLOSE_ENOUGH.

    A one-shot dry run scans all 5,000 names for each name a note holds: the test is a
    table of every (length, rest) made for this size (a row per length), and the names
    are run through it by ``map`` and ``compress``, at C speed."""
    table: list[bool] = []
    for length in range(stride):
        total = size + length
        if 2.0 * min(size, length) / total < CLOSE_ENOUGH:
            table += [False] * stride
            continue
        # The largest rest that meets the second bound (it falls as the rest grows): from
        # the exact estimate, checked with the same float arithmetic as the definition.
        most = int(length - CLOSE_ENOUGH * total / 2.0)
        while most < length and 2.0 * (length - most - 1) / total >= CLOSE_ENOUGH:
            most += 1
        while most >= 0 and 2.0 * (length - most) / total < CLOSE_ENOUGH:
            most -= 1
        most = max(min(most, stride - 1), -1)
        table += [True] * (most + 1) + [False] * (stride - most - 1)
    codes = map(add, map(stride.__mul__, lengths), rests)
    return list(compress(range(len(lengths)), map(table.__getitem__, codes)))


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
            # the same first name before a nickname of it, before a name only a chain of
            # nicknames joins ("Robert" is Robert Henderson before William Harper, by "Bill")
            said = words[0]
            same.sort(
                key=lambda c: (first_name_closeness(said, _first(c.name)), _recent(c)),
                reverse=True,
            )
            return ClientMatch(same[0], "first_name", tuple((c, 0.8) for c in same[:5]))
        unique = one_client(index, words)
        if unique is not None:
            return unique
    for company in companies:
        by_company = index.by_company(fold(company))
        if by_company:
            by_company.sort(key=_recent, reverse=True)
            return ClientMatch(by_company[0], "company", tuple((c, 0.6) for c in by_company[:5]))
    return ClientMatch(None, "new", ())


def one_client(index: ClientIndex, words: Sequence[str]) -> ClientMatch | None:
    """The one client a name the book does not hold points at: a first name said short
    ("Gwen", "Seun P."), the client's company said in part ("Vance Chiro"), a surname alone
    ("Szabo"). Two clients or more fitting is no choice (the note says no more)."""
    last = words[-1] if len(words) > 1 else None
    if last is None or len(last) == 1 or len(words) == 2:
        part = index.part_of_first(words[0], last.rstrip(".") if last else None)
        if len(part) == 1:
            return ClientMatch(part[0], "first_name", ((part[0], 0.7),))
    if len(words) >= 2 and all(len(w) > 1 for w in words):
        tails, heads = index.by_name_run(words)
        if len(tails) == 1 and not heads:
            return ClientMatch(tails[0], "surname", ((tails[0], 0.6),))
        if len(heads) == 1 and not tails:
            return ClientMatch(heads[0], "first_name", ((heads[0], 0.7),))
    company = index.by_company_words(" ".join(words))
    if len(company) == 1:
        return ClientMatch(company[0], "company", ((company[0], 0.6),))
    if len(words) == 1:
        surname = index.by_surname(words[0]) or index.by_first_surname(words[0])
        if len(surname) == 1:
            return ClientMatch(surname[0], "surname", ((surname[0], 0.6),))
    return None
