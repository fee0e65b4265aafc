"""Who wrote the note, when the user writes about themself in the third person.

"Jordan met w/ Priscilla Okafor ... Jordan to send the questionnaire by EOW", "Site mtg notes
(Luis): ... Luis to send alt pricing", "Salesperson: Mike R. ... Mike to call Shondra Thurs":
the name is the user's own, so "<name> to <verb>" is the user's to-do. A note that speaks in
the first person ("Per Karen: ... Karen to send her the catalog; I need to ...") has its own
author and the name is someone else's, whose item stays theirs.
"""

from __future__ import annotations

import re

from rapport.core.understand.text import LazyRegex

__all__ = ["author_alias", "strip_author"]

_NAME = r"(?P<name>[A-Z][a-z]{2,})"
# "Jordan met w/", "Kim had lunch with", "Marcy met with", "Tom visited"
_MET = LazyRegex(
    rf"(?:^|[.:;\n]\s*){_NAME}(?:\s+[A-Z]\.?)?\s+(?:met|visited|had\s+(?:lunch|coffee|dinner|a\s+"
    r"(?:call|meeting|mtg|visit))|called\s+on|stopped\s+by|toured)\b"
)
# "notes (Luis):", "Salesperson: Mike R.", "Rep: Dana", "AE: Sam"
_BYLINE = LazyRegex(
    r"(?:\b(?:notes?|mtg|meeting)\s*\(\s*(?P<name>[A-Z][a-z]{2,})\s*\)|\b(?:[Ss]alesperson|[Ss]ales\s+rep"
    r"|[Rr]ep|AE|[Aa]dvisor|[Aa]gent|[Aa]uthor)\s*:\s*(?P<name2>[A-Z][a-z]{2,}))"
)
_FIRST_PERSON = LazyRegex(r"\b(?:i|i'm|i'll|i've|i'd|me|my|we|we'll|we're|our|us)\b", re.I)


def author_alias(text: str) -> str | None:
    """The first name the note's author goes by, when the note is in the third person."""
    if _FIRST_PERSON.search(text):
        return None
    for pattern in (_BYLINE, _MET):
        for m in pattern.compiled.finditer(text):
            name = m.group("name") or m.groupdict().get("name2") or ""
            # the author's own to-dos say so: "<name> to send ..."
            if re.search(rf"\b{re.escape(name)}\s+(?:to|will|needs\s+to)\s+[a-z]", text):
                return name
    return None


def strip_author(text: str, alias: str | None) -> int:
    """How many characters of ``text`` are "<alias> to " (0 when it does not start so)."""
    if not alias:
        return 0
    m = re.match(rf"{re.escape(alias)}\s+(?:to|will|needs\s+to)\s+(?=[a-z])", text)
    return m.end() if m else 0
