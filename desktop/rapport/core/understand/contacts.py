"""The client's work contacts: "left a voicemail for her assistant Kim" -> Kim, assistant.

Not family (people), not someone introduced (introductions): the people who work with or
for the client, named with their role. The roles and the words that say them are
resources/work_roles.json. Four phrasings cover the notes:

- the role after a possessive, then the name: "her assistant Kim", "his office manager is
  Deb", "your CFO Beth", "my boss Alan" when the client says it (a quoted or chat line);
- the name, then the role in brackets or after a comma: "Linda Pratt (office mgr)", "Greta
  Lindahl (assistant to Dr. Omar Siddiqui)", "Kim, her assistant";
- the role, then the name in brackets: "Purchasing (Monica Reyes)";
- a heading line: "Adjuster: Kyle (Harbor Mutual)".

The user's own colleagues ("our CFO", "my PM Sam") are not the client's contacts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from rapport.core.understand.programs import compile_regex
from rapport.core.understand.resources import read_resource
from rapport.core.understand.wordlists import word_list

__all__ = ["WorkContact", "find_contacts"]


@dataclass(frozen=True, slots=True)
class WorkContact:
    """Someone at the client's office the note names by role (an assistant, the CFO...)."""

    name: str
    role: str  # a key of resources/work_roles.json: assistant, cfo, office manager...
    start: int
    end: int


@cache
def _roles() -> tuple[dict[str, str], str]:
    """Each way of saying a role -> the role, and a regex alternation of them, longest first."""
    data = json.loads(read_resource("work_roles.json"))["roles"]
    words = {said: role for role, saids in data.items() for said in saids}
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return words, alternation


# Case-sensitive inside the case-blind patterns: a name is capitalised ("Beth", not "by").
# Accented letters are letters: "her assistant Benoît", "Zoë Ng (office mgr)".
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_NAME = rf"(?-i:(?:Dr\.?\s+)?[{_UP}][{_LOW}'’-]+(?:\s+[{_UP}][{_LOW}'’-]+){{0,2}})"
_LOWER_NAME = r"(?-i:[a-z][a-z'’-]+)"  # a dictated note's name, if it is a first name


_HEADS = "manager|mgr|lead|director|guy|gal|person|coordinator|supervisor|chef|partner"


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    _, roles = _roles()
    owner = r"(?P<own>her|his|their|your|my|[A-Z][a-z]+'s)"
    cue = r"(?:,\s*|\s+)(?:is\s+(?:a\s+(?:guy|woman|gal|lady)\s+named\s+)?|named\s+|called\s+)?"
    # a second role word before the name: "her boss the CFO Rex Pardo", "moe's boss the
    # area vp is a guy named rex"
    again = rf"(?:\s+the\s+(?:[a-z]+\s+)?(?:{roles})\b)?"
    return (
        # her assistant Kim / his office manager is Deb / Carla's CFO, Dana Wu
        compile_regex(
            rf"\b{owner}\s+(?:new\s+)?(?P<role>{roles})\b{again}{cue}"
            rf"(?P<name>{_NAME}|{_LOWER_NAME})",
            re.IGNORECASE,
        ),
        # Linda Pratt (office mgr) / Greta Lindahl (assistant to Dr. Siddiqui) / Kim, her assistant
        compile_regex(
            rf"(?P<name>{_NAME})\s*(?:\((?:[^()\n]{{0,30}}?,\s*)?(?:their\s+|her\s+|his\s+)?"
            rf"(?P<role>{roles})\b[^()\n]{{0,40}}\)|,\s+(?:her|his|their)\s+(?P<role2>{roles})\b)",
        ),
        # Family: a role said as what the person runs, then its head noun ("his shop mgr Rui",
        # "her yard manager Pete", "their dispatch lead Hannah", "his web guy Rafa")
        compile_regex(
            rf"\b{owner}\s+(?:new\s+)?(?P<role>[a-z]+(?:-[a-z]+)?\s+(?:{_HEADS}))\b{cue}"
            rf"(?P<name>{_NAME})",
            re.IGNORECASE,
        ),
        # Purchasing (Monica Reyes)
        compile_regex(rf"\b(?P<role>{roles})\s*\((?P<name>{_NAME})\)", re.IGNORECASE),
        # Adjuster: Kyle (Harbor Mutual)
        compile_regex(rf"(?m)^\s*(?P<role>{roles})\s*:\s*(?P<name>{_NAME})", re.IGNORECASE),
    )


_NOT_ROLE_NAMES = word_list("contacts._NOT_ROLE_NAMES")
_SIGN_OFF = compile_regex(r"(?:^|[\s.!])(?:-|\u2013|\u2014|~)\s*$")


def _signed(body: str, start: int, end: int) -> bool:
    """A name and role after a dash that end the note: its writer's signature."""
    return not body[end:].strip() and _SIGN_OFF.search(body, max(0, start - 4), start) is not None


def find_contacts(
    body: str,
    not_contacts: Iterable[str],
    is_name: Callable[[str], bool],
    theirs: Callable[[int], bool],
) -> list[WorkContact]:
    """The work contacts the note names. ``not_contacts``: first names that are the client
    or the family; ``is_name(word)``: whether a lower-case word is a first name (dictated
    notes); ``theirs(pos)``: whether the words at ``pos`` are the client's own (so "my boss"
    is the client's boss)."""
    said_as, _ = _roles()
    skip = {n.lower() for n in not_contacts if n}
    found: dict[str, WorkContact] = {}
    for pattern in _patterns():
        for m in pattern.finditer(body):
            own = (m.groupdict().get("own") or "").lower()
            if own in ("my", "our") and not theirs(m.start()):
                continue  # the user's own boss or colleague
            name = m.group("name").strip(" ,.")
            if name[:1].islower():
                if not is_name(name):
                    continue
                name = name.capitalize()
            parts = name.split()
            while parts and parts[-1].lower() in _NOT_ROLE_NAMES:
                parts.pop()
            if not parts or parts[0].lower() in _NOT_ROLE_NAMES:
                continue
            name = " ".join(parts)
            first = (
                parts[1] if parts[0].lower().rstrip(".") == "dr" and len(parts) > 1 else parts[0]
            )
            bare = " ".join(parts[1:]) if first is not parts[0] else name  # "Dr. Ines Vera"
            if first.lower() in skip or name.lower() in skip or bare.lower() in skip:
                continue
            if _signed(body, m.start("name"), m.end()):
                continue  # "- Rina (asst.)": the assistant who wrote the note signs it
            said = (m.groupdict().get("role") or m.groupdict().get("role2") or "").lower()
            said = " ".join(said.split())
            spelled = said.replace(" mgr", " manager").replace("biz ", "business ")
            role = said_as.get(said) or said_as.get(spelled, spelled)
            key = first.lower()
            if key not in found:
                found[key] = WorkContact(name, role, m.start("name"), m.start("name") + len(name))
    return sorted(found.values(), key=lambda c: c.start)
