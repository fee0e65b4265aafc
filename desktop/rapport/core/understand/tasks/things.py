"""What "it" means in a task said after its thing (brief i16tr2).

Second-language, phone and spoken notes name the thing first and act on "it" after a comma:
"next next week they will come back for the campus tour, i have to book it", "the hearse is due
its MOT on the 29th, book it in", "the boiler is leaking again, must check it tmrw". When no
request says what "it" is (``TaskContext.request_before``), the thing is the last noun phrase
with an article or a possessive in the same sentence before the task, not a date ("on the
29th") nor a time word ("the morning"), nor a person or place word ("the office"): the title
says it ("Book the campus tour", "Book the MOT in").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapport.core.understand.tasks.deadlines import dates_in
from rapport.core.understand.tasks.rows import CLAUSE_WORDS
from rapport.core.understand.text import LazyRegex
from rapport.core.understand.wordlists import word_list

if TYPE_CHECKING:
    from rapport.core.understand.tasks.model import TaskContext

__all__ = ["thing_said_before"]

_PHRASE = LazyRegex(
    r"\b(?:the|a|an|its|his|her|their|our|my)\s+(?P<np>(?:[a-z][\w-]*\s+){0,2}[A-Za-z][\w-]*)",
    re.IGNORECASE,
)
_SENTENCE_START = LazyRegex(r"[.!?\n]")
_NOT_THINGS = word_list("tasks.things.NOT_THINGS")
_STOPS = CLAUSE_WORDS | word_list("tasks.things.STOPS")
_WINDOW = 200


def thing_said_before(ctx: TaskContext, pos: int) -> str | None:
    """The thing "it" stands for in the task at ``pos``, said earlier in its sentence."""
    body = ctx.body
    lo = max(0, pos - _WINDOW)
    starts = [m.end() for m in _SENTENCE_START.finditer(body, lo, pos)]
    start = starts[-1] if starts else lo
    last: str | None = None
    at = start
    while (m := _PHRASE.search(body, at, pos)) is not None:
        words = m.group("np").split()
        # "the hearse is due its MOT": the phrase stops before a verb
        cut = next(
            (
                k
                for k, w in enumerate(words)
                if w.lower() in _STOPS or (k and w.lower().endswith("ed"))  # "jammed"
            ),
            len(words),
        )
        at = m.start("np") + len(" ".join(words[: max(cut, 1)]))
        words = words[:cut]
        if not words:
            continue
        if words[-1].lower() in _NOT_THINGS or any(w.lower() in _NOT_THINGS for w in words[:1]):
            continue
        end = m.start("np") + len(" ".join(words))
        if any(d.start < end and m.start() < d.end for d in dates_in(ctx.dates, start, pos)):
            continue  # "on the 29th", "the week after": when, not what
        last = "the " + " ".join(words)
    return last
