"""Action items laid out as a form, where the layout says whose each item is and when it is due.

Family: a table of action items pasted from a meeting tool or a spreadsheet ("| Owner | Item |
Due |", "Who | What | When"), and a list item that names its owner and its deadline as dash-
separated parts after the thing ("1. Send the revised contract - me - by EOW", "- confirm the
venue – Dana – Fri"). A row or an item whose owner is someone else is their action, never the
user's; the user's own gets the deadline of its column or its part, and a row of the user's
with no verb ("ISPM-15 certs + pricing") is still one of their to-dos.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapport.core.understand.mentions import first_names
from rapport.core.understand.programs import rx
from rapport.core.understand.tasks.words import OWN_CUE, THEIR_CUE
from rapport.core.understand.text import LazyRegex, Span
from rapport.core.understand.wordlists import word_list

__all__ = ["FormItem", "form_items"]


@dataclass(frozen=True, slots=True)
class FormItem:
    """One row or list item of a form: where it is, whether it is the user's, and its parts."""

    start: int
    end: int
    mine: bool
    item: Span  # the thing to do
    due: Span | None  # the part or the cell that says when


_OWNER_HEADERS = word_list("tasks.forms._OWNER_HEADERS")
_ITEM_HEADERS = word_list("tasks.forms._ITEM_HEADERS")
_DUE_HEADERS = word_list("tasks.forms._DUE_HEADERS")
# The words that name the user as an owner, besides OWN_CUE's ("I", "myself", "me (Dana)")
_ME_WORDS = frozenset({"i", "me", "myself", "us", "we", "our side", "our team", "mine"})
_SEPARATOR_ROW = LazyRegex(r"[\s|:=+-]*")
_CELL = LazyRegex(r"[^|\n]+")
_LINE = LazyRegex(r"[^\n]+")
# A list item in dash-separated parts: bullet, the thing, then one to three short parts
_DASHED = LazyRegex(r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+(?P<rest>[^\n]+)")
_DASH = LazyRegex(r"[ \t]+[-–—][ \t]+")
_ASIDE = LazyRegex(r"\s*\([^)]*\)\s*$")
# An owner part: a person's name or two ("Noor", "Dr. Lee", "Evangeline & Theo"), or the user
_NAME = r"(?:(?:dr|mr|mrs|ms)\.?\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?"
_OWNER_PART = LazyRegex(rf"{_NAME}(?:\s*(?:/|\+|&|and)\s*{_NAME})*")


def _owner_is_me(cell: str) -> bool | None:
    """True: the user; False: someone else; None: no owner said ("—", "TBD")."""
    said = _ASIDE.sub("", cell).strip().lower().rstrip(".:")
    if not said or not any(c.isalpha() for c in said) or said in ("tbd", "n/a", "na", "?"):
        return None
    if said in _ME_WORDS or OWN_CUE.fullmatch(said):
        return True
    # "me + Kendra", "Kendra/me": the user shares it
    return said.startswith(("me ", "me/", "me,", "me+")) or said.endswith((" + me", " & me", "/me"))


def _cells(body: str, line: re.Match[str]) -> list[Span]:
    return [
        Span(c.start() + len(c.group()) - len(c.group().lstrip()),
             c.end() - (len(c.group()) - len(c.group().rstrip())),
             c.group().strip())
        for c in _CELL.finditer(body, line.start(), line.end())
        if c.group().strip()
    ]  # fmt: skip


def _table_items(body: str) -> list[FormItem]:
    out: list[FormItem] = []
    columns: tuple[int, int, int | None] | None = None  # owner, item, due
    status: int | None = None  # the column that says whether the row is done
    for line in _LINE.finditer(body):
        text = line.group()
        if "|" not in text:
            columns = None
            continue
        if _SEPARATOR_ROW.fullmatch(text):
            continue
        cells = _cells(body, line)
        names = [rx(r"[\s_-]+").sub("", c.text.lower().strip(" *_:#()")) for c in cells]
        owner = next((k for k, n in enumerate(names) if n in _OWNER_HEADERS), None)
        item = next((k for k, n in enumerate(names) if n in _ITEM_HEADERS), None)
        if owner is not None and item is not None:
            due = next((k for k, n in enumerate(names) if n in _DUE_HEADERS), None)
            columns = (owner, item, due)
            status = next((k for k, n in enumerate(names) if n in _STATUS_HEADERS), None)
            continue
        if columns is None or len(cells) <= max(c for c in columns if c is not None):
            continue
        mine = _owner_is_me(cells[columns[0]].text)
        if mine is None:
            continue
        mine = mine and not _row_done(cells, status)
        due_cell = cells[columns[2]] if columns[2] is not None else None
        out.append(FormItem(line.start(), line.end(), mine, cells[columns[1]], due_cell))
    return out


# Family: a tracker's status column ("Status", "State", "Done?") whose cell says the row is done
# ("Done", "Complete", "Sent", "Closed", "✓"): what was done already is no to-do of the user's
_STATUS_HEADERS = frozenset({"status", "state", "progress", "done", "done?", "complete"})
_DONE_CELLS = frozenset(
    {"done", "complete", "completed", "closed", "sent", "resolved", "finished", "shipped",
     "delivered", "signed", "paid", "x", "[x]", "✓", "✔", "✅", "yes", "y"}
)  # fmt: skip


def _row_done(cells: list[Span], status: int | None) -> bool:
    if status is None or status >= len(cells):
        return False
    return cells[status].text.strip(" *_.!").lower() in _DONE_CELLS


def _dashed_items(body: str) -> list[FormItem]:
    """ "1. Send the revised contract - me - by EOW": the thing, its owner, maybe its day."""
    out: list[FormItem] = []
    for line in _LINE.finditer(body):
        m = _DASHED.match(body, line.start(), line.end())
        if m is None:
            continue
        start = m.start("rest")
        cuts = list(_DASH.finditer(body, start, line.end()))
        if not 1 <= len(cuts) <= 3:
            continue
        parts = [Span(start, cuts[0].start(), body[start : cuts[0].start()])]
        for k, cut in enumerate(cuts):
            end = cuts[k + 1].start() if k + 1 < len(cuts) else line.end()
            parts.append(Span(cut.end(), end, body[cut.end() : end]))
        if len(parts[0].text.split()) < 2:
            continue  # "Me - send ...", "Dana - call": an owner's heading first (find.py reads it)
        owner = next((p for p in parts[1:] if _owner_said(p.text)), None)
        if owner is None:
            continue
        mine = _owner_is_me(owner.text)
        if mine is None:
            continue
        rest = [p for p in parts[1:] if p is not owner]
        due = None
        if rest:
            due = Span(rest[0].start, rest[-1].end, body[rest[0].start : rest[-1].end])
        out.append(FormItem(line.start(), line.end(), mine, parts[0], due))
    return out


def _owner_said(text: str) -> bool:
    """A part that names who does it: the user, the other side, or people by first name."""
    said = _ASIDE.sub("", text).strip()
    if _owner_is_me(said) or THEIR_CUE.fullmatch(said):
        return True
    if _OWNER_PART.fullmatch(said) is None or len(said.split()) > 4:
        return False
    names = [w for w in rx(r"\s*(?:/|\+|&|\band\b)\s*").split(said) if w]
    return all(_TITLED.match(n) or n.split()[0].lower() in first_names() for n in names)


_TITLED = LazyRegex(r"(?:dr|mr|mrs|ms)\.?\s", re.IGNORECASE)


def form_items(body: str) -> list[FormItem]:
    """The rows of action-item tables and the owner-tagged list items of the note, in order."""
    if "|" not in body and " - " not in body and "–" not in body and "—" not in body:
        return []
    found = _table_items(body) if "|" in body else []
    return sorted(found + _dashed_items(body), key=lambda f: f.start)
