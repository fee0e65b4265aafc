"""What the client wants from the user by a day (brief i16tr2).

A client's want with a deadline is the user's to-do, however it is written: "Ingrid wants the
care plan emailed by Fri", "wants the ticketing add-on quoted by 10/15", "needs the chem logs
printed b4 then", "wants rough mixes by Fri", "he would like a technician on site no later
than Wednesday", as phone notes, e-mails and second-language writers put it ("she is wanting
the quotation until Friday"). The thing and a participle after it make the verb ("the care plan
emailed" -> "Email the care plan"); a thing alone is sent ("Send rough mixes").

Not the user's: the user's own want ("I need the signed form by Friday": the client's to
send), a want to do something ("wants to close by Friday", "needs his wife to sign"), a
clause in the thing ("wants whatever she decides by Fri"), or what the note already files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from rapport.core.understand.tasks.deadlines import dates_in
from rapport.core.understand.tasks.rows import CLAUSE_WORDS
from rapport.core.understand.tasks.words import base_verb
from rapport.core.understand.text import LazyRegex
from rapport.core.understand.wordlists import word_list

if TYPE_CHECKING:
    from rapport.core.understand.dates.find import DateMention
    from rapport.core.understand.tasks.model import TaskFound

__all__ = ["wanted_by_a_day"]

_WANT = LazyRegex(
    r"\b(?:wants?|wanted|wanting|needs?|needed|needing|would\s+like"
    r"|requires?|required|requested|requesting|asked\s+for|asking\s+for|asking)\s+"
    r"(?!(?:to|me|us|you|him|her|them|it|that|if|whether|what|when|how|more|some\s+time)\b)",
    re.IGNORECASE,
)
_DEADLINE = LazyRegex(r"(?:by|before|b4|no\s+later\s+than|nlt|until|till)\b", re.IGNORECASE)
_USERS_OWN = LazyRegex(r"\b(?:i|we)\s+$", re.IGNORECASE)
_CLAUSE_END = LazyRegex(r"[,.;!?\n(]|\s[-–]\s|\band\s+(?:i|we|she|he|they)\b", re.IGNORECASE)
_IRREGULAR = {"done": "do", "sent": "send", "made": "make", "built": "build", "brought": "bring",
              "redone": "redo", "cut": "cut", "drawn": "draw", "written": "write"}  # fmt: skip
_NOT_WANTED = word_list("tasks.wants.NOT_WANTED")
# the client's own acts or a third party's ("wants the contract signed", "the loan approved")
_THEIR_ACTS = word_list("tasks.wants.THEIR_ACTS")
_AFTER_PARTICIPLE = frozenset({"to", "over", "out", "back", "in", "up", "off"})
_MAX_WORDS = 10


def wanted_by_a_day(
    body: str,
    dates: list[DateMention],
    tasks: list[TaskFound],
    make: Callable[..., TaskFound],
) -> list[TaskFound]:
    """Tasks for the client's wants the note gives a day ("wants the plan emailed by Fri")."""
    if not dates or not _WANT.can_match(body):
        return []
    added: list[TaskFound] = []
    for want in _WANT.finditer(body):
        if _USERS_OWN.search(body, max(0, want.start() - 4), want.start()):
            continue  # "I need the signed form by Friday": the client's to send
        stop = _CLAUSE_END.search(body, want.end())
        end = stop.start() if stop else len(body)
        said = [d for d in dates_in(dates, want.end(), end + 1) if d.value is not None]
        day = next((d for d in said if _DEADLINE.match(d.text)), None)
        if day is None:
            continue
        if any(t.start < day.end and want.start() < t.end for t in tasks + added):
            continue
        title = _title(body[want.end() : day.start])
        if title:
            added.append(make(title, "todo", day.value, want.start(), day.end))
    return added


def _title(thing: str) -> str | None:
    words = thing.split()
    if not words or len(words) > _MAX_WORDS:
        return None
    low = [w.lower().strip(",.:;!?'\"()") for w in words]
    # (a participle is no clause: "the care plan emailed", "the invoice sent to her")
    clause = [w for w in low if w in CLAUSE_WORDS and _participle(w) is None]
    if clause or low[0] in _NOT_WANTED or low[-1] in _NOT_WANTED:
        return None  # "wants whatever she decides by Fri", "wants a decision by Friday"
    if base_verb(words[0]) is not None and low[0] not in ("quote", "price", "estimate"):
        return None  # "needs call back by 5": the main finder's
    for k in range(1, len(words)):
        verb = _participle(low[k])
        tail = low[k + 1 :]
        if verb is None or (tail and tail[0] not in _AFTER_PARTICIPLE) or len(tail) > 4:
            continue
        # "the care plan emailed": "Email the care plan"; "the invoice sent to her accountant":
        # "Send the invoice to her accountant"
        thing = " ".join(words[:k] + words[k + 1 :])
        return f"{verb.capitalize()} {thing}"
    # "wants the loan approved": a participle no task verb; "wants 6 cellos by Aug": an order
    # the client places, its delivery a date of the sale (measured: more extras than tasks)
    return None


def _participle(word: str) -> str | None:
    """The task verb a participle is made of ("emailed" -> "email", "quoted" -> "quote")."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _THEIR_ACTS:
        return None
    if not word.endswith("ed") or len(word) < 5:
        return None
    for stem in (word[:-2], word[:-1], word[:-3]):  # emailed, quoted, shipped
        verb = base_verb(stem)
        if verb is not None:
            return verb
    return None
