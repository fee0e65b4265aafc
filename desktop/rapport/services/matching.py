"""Is this imported contact someone the book already knows? By email, then by name.

An email address shared with a client settles it. Otherwise the name: the same name
(case and accents aside), the same words in another order ("Smith Bob"), or a close
spelling ("Bob Smtih") through ``core.names.match_name``. A prefix is not a match on
import ("Bob" is not "Bob Smith"). A name that fits several clients equally well is
ambiguous: the contact is skipped with the candidates named, rather than guessed.

A close spelling is only trusted when the emails do not disagree ("Ann Lee" with
ann@a.com is not "Anne Lee" with anne@b.com), and only against the book: two entries of
one file with slightly different names are two people (exact names and emails still
merge them).

Fuzzy matching only compares names that share a whole word, and skips words that
hundreds of names share, so a 10,000-contact file is matched in seconds, not hours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapport.core.names import CLOSE_ENOUGH, fold, match_name

# A word shared by more names than this says little about who someone is.
COMMON_WORD = 200


@dataclass(frozen=True, slots=True)
class Match:
    how: str  # email, name, similar, ambiguous, none
    client_id: int | None = None
    name: str = ""
    candidates: tuple[str, ...] = ()


@dataclass
class ClientMatcher:
    by_email: dict[str, int] = field(default_factory=dict)
    by_key: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    by_word: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    names: dict[int, str] = field(default_factory=dict)
    emails_of: dict[int, set[str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, str, list[str]]]) -> ClientMatcher:
        matcher = cls()
        for client_id, name, emails in rows:
            matcher.add(client_id, name, emails)
        return matcher

    def add(self, client_id: int, name: str, emails: Iterable[str], fuzzy: bool = True) -> None:
        """Index a client; ``fuzzy=False`` for one of the file's own entries (see above)."""
        self.names[client_id] = name
        self.add_emails(client_id, emails)
        key = fold(name)
        self.by_key[key].append((client_id, name))
        if fuzzy:
            for word in set(key.split()):
                if len(word) >= 2:
                    self.by_word[word].append((client_id, name))

    def add_emails(self, client_id: int, emails: Iterable[str]) -> None:
        known = self.emails_of.setdefault(client_id, set())
        for email in emails:
            clean = email.strip().casefold()
            if clean:
                self.by_email.setdefault(clean, client_id)
                known.add(clean)

    def named(self, name: str) -> int | None:
        """The one client with exactly this name (case and accents aside), else None."""
        exact = self.by_key.get(fold(name), [])
        return exact[0][0] if len(exact) == 1 else None

    def match(self, name: str, emails: Iterable[str]) -> Match:
        for email in emails:
            found = self.by_email.get(email.strip().casefold())
            if found is not None:
                return Match("email", found, self.names.get(found, ""))
        key = fold(name)
        exact = self.by_key.get(key, [])
        if len(exact) == 1:
            return Match("name", exact[0][0], exact[0][1])
        if len(exact) > 1:
            return Match("ambiguous", None, "", tuple(n for _i, n in exact[:5]))
        mine = {e.strip().casefold() for e in emails if e.strip()}
        return self._similar(name, key, mine)

    def _conflict(self, client_id: int, emails: set[str]) -> bool:
        theirs = self.emails_of.get(client_id, set())
        return bool(emails and theirs and not emails & theirs)

    def _similar(self, name: str, key: str, emails: set[str]) -> Match:
        words = [w for w in set(key.split()) if len(w) >= 2]
        candidates: dict[int, str] = {}
        for word in words:
            bucket = self.by_word.get(word, [])
            if len(bucket) <= COMMON_WORD:
                candidates.update(c for c in bucket if not self._conflict(c[0], emails))
        if not candidates:
            return Match("none")
        # quick_ratio is an upper bound of ratio: a cheap way to drop hopeless names.
        plausible = [
            (cid, cname)
            for cid, cname in candidates.items()
            if SequenceMatcher(None, key, fold(cname), autojunk=False).quick_ratio() >= CLOSE_ENOUGH
        ]
        found = [
            m
            for m in match_name(name, plausible)
            if m.how in ("exact", "close")
            or (m.how == "words" and len(fold(m.name).split()) == len(key.split()))
        ]
        if not found:
            return Match("none")
        best = [m for m in found if m.score == found[0].score]
        if len(best) > 1:
            return Match("ambiguous", None, "", tuple(m.name for m in best[:5]))
        return Match("similar", found[0].id, found[0].name)
