"""The user's tasks read against the zones of a pasted text (``understand/zones.py``)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from rapport.core.understand.mentions import first_names
from rapport.core.understand.tasks.deadlines import dates_in
from rapport.core.understand.tasks.model import TaskFound
from rapport.core.understand.tasks.words import base_verb
from rapport.core.understand.text import LazyRegex, Span

if TYPE_CHECKING:
    from rapport.core.understand.dates.find import DateMention
    from rapport.core.understand.zones import Zones

__all__ = [
    "due_said_next",
    "mind_requests",
    "not_fragments",
    "not_groups_steps",
    "others_items",
    "outside_zones",
]


def outside_zones(tasks: list[TaskFound], zones: Zones) -> list[TaskFound]:
    """Family: what is said where no one speaks to the user as a to-do is none of the user's:
    what the user's own older message, quoted under the client's reply, asked of the client
    ("Please review the fee section"), a disclaimer or automated footer
    ("notify the sender and delete it"), a sign-off and signature ("Thx, Gary", a phone number
    that is no call-back), a record's value fields ("Status: In progress", "Last activity:
    Call - 3/6")."""
    tasks = not_fragments(not_groups_steps(tasks))
    if not zones.zones:
        return tasks
    return [t for t in tasks if not zones.silent(t.start)]


# Family: an action item given to a team, a department or the other side rather than a person
# ("Brightwater IT to provision VPN accounts", "Legal to review the MSA", "Client to send the
# W-9", "their AP team to confirm the PO"): that side's step, as "Dr. Brenner to check ..." is
_GROUP_TO_DO = LazyRegex(
    r"^(?:(?:the|their|our|your)\s+)?(?:(?-i:[A-Z][\w&'.-]*)\s+){0,2}"
    r"(?:it|ap|ar|hr|ops|legal|finance|accounting|procurement|purchasing|security|compliance|"
    r"engineering|client|customer|vendor|supplier|carrier|lender|bank|landlord|tenant|buyer|seller|"
    r"board|committee|(?:[\w&'-]+\s+)?(?:team|dept|department|office|side))\s+to\s+(?!me\b|us\b)[a-z]+",
    re.IGNORECASE,
)


def not_groups_steps(tasks: list[TaskFound]) -> list[TaskFound]:
    return [t for t in tasks if t.promised or _GROUP_TO_DO.match(t.title) is None]


# Family: an action item given to a person by name ("- Gary: sign the MSA", "2. Ada Byrne: send
# the lane volumes") in a list that names no "Me:" owner: that person's step, unless the name
# is the user's own (whom the client's mail greets, who signs the user's mail, the note's
# author); the owner's name alone is no task
_NAMED_ITEM = LazyRegex(
    r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]*(?P<name>(?-i:[A-Z])[\w'-]+)(?:[ \t]+(?-i:[A-Z])[\w'-]+)?"
    r"[ \t]*:[ \t]*$"
)


_ME_MARKED = LazyRegex(r"\b([A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)?\s*\((?:me|myself)\)")


def others_items(
    tasks: list[TaskFound], body: str, users: frozenset[str] | set[str]
) -> list[TaskFound]:
    # the user named among those present: "Sam (me)", "Sam Ortiz (me)"
    users = set(users) | {m.group(1).lower() for m in _ME_MARKED.finditer(body)}
    keep: list[TaskFound] = []
    for task in tasks:
        line = body.rfind("\n", 0, task.start) + 1
        item = _NAMED_ITEM.compiled.fullmatch(body, line, task.start)
        name = item.group("name").lower() if item is not None else ""
        if name and name in first_names() and name not in users:
            continue
        if body[task.end : task.end + 1] == ":" and _NAMED_ITEM.compiled.fullmatch(
            body, line, task.end + 1
        ):
            continue  # "- Sam Ortiz: send the SOW": the owner's name, not a to-do of its own
        keep.append(task)
    return keep


# Family: a request put to the user with a gerund ("Would you mind sending the rent roll by the
# 23rd?", "do you mind pulling the K-1s", "would you mind terribly emailing me the W-9"): the
# client's ask of the user, titled in the user's verb, with the due its sentence gives
_MIND = LazyRegex(
    r"\b(?:would|do|will)\s+(?:you|u)\s+mind\s+(?:\w+ly\s+)?(?P<verb>[a-z]{3,}ing)\b"
    r"(?P<rest>[^?.!;\n]*)",
    re.IGNORECASE,
)
_REST_STOP = LazyRegex(r"\s+(?:when|if|once|whenever|at\s+your)\b.*$", re.IGNORECASE)


def mind_requests(
    sentences: list[Span], dates: list[DateMention], tasks: list[TaskFound]
) -> list[TaskFound]:
    """``tasks`` with the gerund requests added (see ``_MIND``), in the note's order."""
    added: list[TaskFound] = []
    for sentence in sentences:
        if "mind" not in sentence.text.lower():
            continue  # (the pattern is compiled only for a note that says it)
        for m in _MIND.finditer(sentence.text):
            stem = m.group("verb").lower()[:-3]
            verb = next(
                (
                    v
                    for v in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else "")
                    if v and base_verb(v) is not None
                ),
                None,
            )
            start = sentence.start + m.start("verb")
            end = sentence.start + m.end("rest")
            over = [t for t in tasks + added if t.start < end and start < t.end]
            if verb is None or not all(t.learned or _MIND.search(t.title) for t in over):
                continue  # the note's own task for it
            # a clause the learned model took whole, or a title that keeps the ask's words
            tasks = [t for t in tasks if t not in over]
            said = dates_in(dates, start, end)
            rest, at = "", sentence.start + m.start("rest")
            for d in said:  # the date is the due, not the title
                rest += ctx_text(sentence, at, d.start)
                at = max(at, d.end)
            rest += ctx_text(sentence, at, end)
            rest = _REST_STOP.sub("", " ".join(rest.split())).rstrip(" ,")
            rest = _DANGLING.sub("", rest)
            when = next((d.value for d in said if d.value is not None), None)
            when = when or _due_next(sentences, sentence, dates)
            title = f"{verb[:1].upper()}{verb[1:]} {rest}".strip()
            added.append(TaskFound(title, "todo", when, start, end))
    return sorted(tasks + added, key=lambda t: t.start)


_DANGLING = LazyRegex(r"\s+(?:by|before|on|for|no\s+later\s+than)$", re.IGNORECASE)
# Family: the due said in the next sentence about the thing asked ("We need it by the 23rd.",
# "Ideally before Fri noon.", "By the 23rd if possible")
_DUE_AFTER = LazyRegex(
    r"\s*(?:(?:we|i)(?:'d|\s+would)?\s+(?:need|want|like)\s+(?:it|them|that|those|these)\b"
    r"|(?:ideally|preferably|hopefully)?\s*(?:by|before|no\s+later\s+than)\b)",
    re.IGNORECASE,
)


def ctx_text(sentence: Span, a: int, b: int) -> str:
    return sentence.text[max(0, a - sentence.start) : max(0, b - sentence.start)]


def _due_next(sentences: list[Span], sentence: Span, dates: list[DateMention]) -> date | None:
    after = next((s for s in sentences if s.start > sentence.start), None)
    if after is None or _DUE_AFTER.match(after.text) is None:
        return None
    return next((d.value for d in dates_in(dates, after.start, after.end) if d.value), None)


_ASKS = LazyRegex(r"\b(?:can|could|would|will)\s+(?:you|u)\b|\bplease\b|\bpls\b", re.IGNORECASE)


def due_said_next(
    tasks: list[TaskFound], sentences: list[Span], dates: list[DateMention]
) -> list[TaskFound]:
    """A request with no date of its own takes the one the next sentence gives it ("Could you
    send the deck? Ideally before our board call - Fri noon.", "Please send the W-2s. We need
    them by the 23rd.")."""
    for task in tasks:
        if task.due is not None:
            continue
        sentence = next((s for s in sentences if s.start <= task.start < s.end + 1), None)
        if sentence is not None and _ASKS.search(sentence.text):
            task.due = _due_next(sentences, sentence, dates)
    return tasks


# Family: a title that is a fragment, cut out of a table's cells or a header: a verb of handing
# over with only a field's word or a name after it ("Send Status", "Forward Owner", "Send Ada"):
# no thing to hand over is said (a verb alone, "Quote - Fri", is a to-do in a terse note)
_FRAGMENT = LazyRegex(
    r"(?:send|forward|share|provide|deliver)\s+(?P<word>[A-Za-z]+)", re.IGNORECASE
)
_FIELD_WORDS = frozenset(
    {"status", "owner", "stage", "priority", "notes", "details", "info", "item", "task", "due",
     "date", "name", "contact", "account", "subject", "type"}
)  # fmt: skip


def not_fragments(tasks: list[TaskFound]) -> list[TaskFound]:
    keep: list[TaskFound] = []
    for task in tasks:
        m = _FRAGMENT.fullmatch(task.title.strip(" .:"))
        word = m.group("word") if m is not None else ""
        if word.lower() in _FIELD_WORDS or (word[:1].isupper() and word.lower() in first_names()):
            continue
        keep.append(task)
    return keep
