"""Verbless to-dos the user owns by where they stand (brief i16tr2).

A thing with its day and no verb is a to-do when the place it is written says whose it is:
- a row under the user's own list heading ("What I promised:", "I told him:", "For me:",
  "My side:", "Me:", "Next steps:", "TODO"), bulleted, numbered or checkboxed, as work tools,
  Markdown and phone notes write them ("- condition report on the swell box by end of next
  week", "2. a quote on the props before his board meeting on the 24th", "* a layout for the
  range before they fly out on March 6");
- an item of an inline "Next:" line cut by semicolons ("Next: TCO model to Irene by the 25th;
  circle back ...");
- a thing handed on by an arrow to someone named, with its day ("quote -> Jonah by Mon",
  "deck => Priya fri").
The main finder (find.py) reads the rows that start with a verb; these are the rows it skips.
The thing becomes "Send <thing>" unless it is an activity ("seal-strength trial on line 3",
"site visit", "demo"), which is its own title. Rows whose words make a clause (a subject, an
auxiliary: "she'll take it to the committee by Fri") are someone's sentence, not a thing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rapport.core.understand.mentions import first_names
from rapport.core.understand.tasks.deadlines import dates_in, due_of
from rapport.core.understand.tasks.words import OBJECT_STARTS, base_verb
from rapport.core.understand.text import LazyRegex
from rapport.core.understand.wordlists import word_list

if TYPE_CHECKING:
    from rapport.core.understand.dates.find import DateMention
    from rapport.core.understand.tasks.model import TaskFound

__all__ = ["CLAUSE_WORDS", "owned_rows"]

# The user's own list heading, ending its line (a colon, Markdown marks or not; after a
# sentence on the same line: "Chen shop visit. I will do:")
_OWN_HEADING = LazyRegex(
    r"(?im)(?:^|(?<=[.!?])[ \t])[ \t]*(?:#+[ \t]*|[*_]{1,2})?(?:"
    r"(?:what\s+)?(?:i|we)(?:'ve|\s+have)?\s+(?:promised|told\s+(?:him|her|them|\w+)|agreed(?:\s+to)?"
    r"|committed(?:\s+to)?|undertook(?:\s+to)?|offered|owe(?:\s+(?:him|her|them|\w+))?"
    r"|am\s+doing|will\s+(?:do|send)|(?:need|have)\s+to\s+do)"
    r"|(?:what\s+)?(?:i|we)(?:'m|'re)\s+doing|(?:what\s+)?(?:i|we)'ll\s+(?:do|send)"
    r"|(?:for|on|from)\s+me|mine|me|my\s+(?:side|end|part|actions?|action\s+items?|to-?dos?"
    r"|next\s+steps?|tasks?|items?|list)"
    r"|(?:action\s+items?|next\s+steps?|to-?dos?|tasks?|follow[\s-]?ups?)(?:\s*\((?:me|mine|us)\))?"
    r")(?:[*_]{1,2})?[ \t]*:?[ \t]*$"
)
# A list row: a bullet, a number or a checkbox (the "•" of a phone note is a line of its own)
_ROW = LazyRegex(r"(?m)^[ \t]*(?:[-*+]|\d{1,2}[.)])[ \t]+(?:\[[ \t]\][ \t]*)?(?=\S)")
# An inline to-do label and its items on the same line ("Next: a; b; c", "TODO: a; b")
_INLINE_LABEL = LazyRegex(
    r"(?i)\b(?:next(?:\s+steps?)?|action\s+items?|to-?dos?|my\s+side|for\s+me|me)[ \t]*:[ \t]*"
)
# "quote -> Jonah by Mon": a thing, an arrow (normalise() made it a dash), the one it goes to
_ARROW = LazyRegex(r"[ \t]+(?:-|=>)[ \t]+(?P<name>[A-Z][a-z'-]+)\b")
# where the thing ends: its day, a reason, an aside
_THING_END = LazyRegex(
    r"\s*(?:,|\(|;|\s-\s|\b(?:by|before|ahead\s+of|until|till|no\s+later\s+than|nlt|b4|due|"
    r"target(?:ing)?|once|after|when|so\s+that|for\s+(?:the\s+)?(?:meeting|call))\b)",
    re.IGNORECASE,
)
CLAUSE_WORDS = word_list("tasks.rows.CLAUSE_WORDS")
_ACTIVITIES = word_list("tasks.rows.ACTIVITIES")
_NOUN_VERBS = word_list("tasks.rows.NOUN_VERBS")
_NOT_A_THING = word_list("tasks.rows.NOT_A_THING")
_MAX_WORDS = 14


def owned_rows(
    body: str,
    dates: list[DateMention],
    tasks: list[TaskFound],
    make: Callable[..., TaskFound],
) -> list[TaskFound]:
    """Tasks for the dated verbless rows and items the user's own headings give the user."""
    if not dates:
        return []
    added: list[TaskFound] = []
    for start, end, to in _owned_items(body, dates):
        if any(t.start < end and start < t.end for t in tasks + added):
            continue
        task = _thing_task(body, start, end, dates, make, to)
        if task is not None:
            added.append(task)
    return added


def _owned_items(body: str, dates: list[DateMention]) -> list[tuple[int, int, str]]:
    """(start, end, whom it goes to when an arrow says so) of each item the user owns."""
    items: list[tuple[int, int, str]] = []
    for heading in _OWN_HEADING.finditer(body):
        pos = heading.end() + 1
        while pos < len(body):
            row = _ROW.compiled.match(body, pos)
            if row is None:
                break
            end = body.find("\n", row.end())
            end = len(body) if end < 0 else end
            items.append((row.end(), end, ""))
            pos = end + 1
    for label in _INLINE_LABEL.finditer(body):
        # the label's items run to the end of its line or its sentence
        ends = [i for i in (body.find(c, label.end()) for c in ("\n", ". ", "! ", "? ")) if i >= 0]
        line_end = min(ends, default=len(body))
        if body.find(";", label.end(), line_end) < 0:
            continue  # one item only: the main finder reads "Next: send the deck Fri"
        pos = label.end()
        for part in body[pos:line_end].split(";"):
            if part:
                items.append((pos, pos + len(part), ""))
            pos += len(part) + 1
    for arrow in _ARROW.finditer(body):
        if arrow.group("name").lower() not in first_names():
            continue
        if not any(arrow.end() <= d.start <= arrow.end() + 1 for d in dates):
            continue  # "quote -> Jonah by Mon": the day right after the name
        start = max(body.rfind(c, 0, arrow.start()) for c in ";.\n:!?") + 1
        ends = [i for i in (body.find(c, arrow.end()) for c in ";.\n!?") if i >= 0]
        items.append((start, min(ends, default=len(body)), arrow.group("name")))
    return items


def _a_noun(low: list[str]) -> bool:
    """ "price list for 2027", "quote for the pumps": a word that is a verb too, read as the
    thing it names when no object follows it ("quote the pier" is the verb)."""
    return (
        low[0] in _NOUN_VERBS
        and len(low) > 1
        and low[1] not in OBJECT_STARTS
        and not low[1][:1].isdigit()
        and low[1] not in first_names()
    )


def _thing_task(
    body: str,
    start: int,
    end: int,
    dates: list[DateMention],
    make: Callable[..., TaskFound],
    to: str,
) -> TaskFound | None:
    said = [d for d in dates_in(dates, start, end) if d.value is not None]
    if not said:
        return None
    text = body[start:end]
    lead = len(text) - len(text.lstrip())
    text, start = text.strip(), start + lead
    if not text:
        return None
    cut = _THING_END.search(text)
    first_date = said[0].start - start
    stop = min(cut.start() if cut and cut.start() > 0 else len(text), first_date)
    thing = text[:stop].strip(" ,:-")
    words = thing.split()
    if not words or len(words) > _MAX_WORDS:
        return None
    low = [w.lower().strip(",.!?:;'\"()") for w in words]
    if to and base_verb(words[0]) is not None and len(words) == 1:
        # "quote -> Jonah by Mon", "call -> Ana fri": the verb, then whom
        return make(f"{thing[:1].upper()}{thing[1:]} {to}", "todo", due_of(said), start, end)
    if (base_verb(words[0]) is not None and not _a_noun(low)) or low[0] in _NOT_A_THING:
        return None  # a verb's row is the main finder's; "spoke to Erik": what happened
    if low[0] == "i" or low[0].startswith("["):
        return None  # "I'd get him seats": the main finder's; "[You]: ...": a speaker's line
    # ("the three fillies I flagged": "I" inside a thing is a relative clause, not a subject)
    if any(w in CLAUSE_WORDS or w.split("'")[0] in CLAUSE_WORDS for w in low if w != "i"):
        return None  # "she'll take it to the board by Fri": someone's sentence
    if words[0][:1].isupper() and (low[0] in first_names() or low[1:2] == ["to"]):
        return None  # "Jeff PO by Fri", "K to decide on the scanner": the named one's
    due: date | None = due_of(said)
    activity = any(w in _ACTIVITIES for w in low)
    if to:  # "deck -> Jonah": "Send deck to Jonah"
        thing = f"{thing} to {to}"
    title = thing[:1].upper() + thing[1:] if activity else f"Send {thing}"
    return make(title, "todo", due, start, start + len(text))
