"""A task's title and kind, from the clause that says it: "Send her the brochure Monday" is
"Send Anna the brochure" (dates, asides and filler out, pronouns resolved), a promise.

``find`` finds the clauses; this module words them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from rapport.core.understand.programs import rx
from rapport.core.understand.tasks.deadlines import (
    dates_in,
    thing_dates,
)
from rapport.core.understand.tasks.things import thing_said_before
from rapport.core.understand.tasks.words import (
    ALIASES,
    GERUNDS,
    OBJECT_PRONOUN,
    PAREN,
    THING_PRONOUN,
    TRAILING,
    base_verb,
)
from rapport.core.understand.text import Span

if TYPE_CHECKING:
    from rapport.core.understand.tasks.model import TaskContext

__all__ = ["resolve_things", "task_kind", "task_title"]

_AFTER_THING = frozenset(
    {"by", "before", "on", "at", "in", "to", "asap", "today", "tomorrow", "tmrw", "and", "this"}
)
# A title runs to its thing, not into what is said of it: ", which I committed to ...", ", who
# signs", ", which is due ..."
_RELATIVE_CLAUSE = rx(r",\s*(?:which|who)\b.*$", re.IGNORECASE | re.DOTALL)
_TASK_SIGNS = rx(
    "[\U0001f4c5\u23f3\U0001f6eb\u2795\u2705\U0001f53c\u23eb\U0001f53d\u23ec\U0001f501\U0001f4c6]"
    r"\ufe0f?|\[\[\s*\]\]|(?<![\w#])#[A-Za-z][\w/-]*(?=\s*$)"
)
_URGENT_WORD = rx(r"(?:asap|a\.s\.a\.p\.?|right\s+away|immediately)\s*$", re.IGNORECASE)


def task_title(prefix: str, body: Span, ctx: TaskContext) -> str:
    """A short imperative: the clause without its date words, asides and filler."""
    out = body.text
    mentions = dates_in(ctx.dates, body.start, body.end)
    thing = thing_dates(ctx.body, mentions)
    for d in sorted(mentions, key=lambda d: -d.start):
        lo, hi = d.start - body.start, d.end - body.start
        if out[hi : hi + 2] in ("'s", "’s"):
            continue  # "with next week's order", "to Tuesday's delivery": the date names a thing
        if d.start in thing and not _URGENT_WORD.match(d.text):
            continue  # "confirm the Saturday slot", "dates for Nov": the thing, not its deadline
        out = out[:lo] + " " + out[hi:]
    out = PAREN.sub("", prefix + out)
    out = _RELATIVE_CLAUSE.sub("", out)  # "the lease draft, which we agreed to finalize"
    out = rx(r"~~[^~\n]*~~").sub(" ", out)  # struck-out words are no longer said
    # (brief i16tr2) a Markdown task's signs are no words of it: the Obsidian Tasks and Todoist
    # marks (📅 due, ⏳ scheduled, 🔼 priority, 🔁 repeat), an emptied [[date link]], a closing
    # #tag ("send deck #todo"); not a number ("PO #4471")
    out = _TASK_SIGNS.sub(" ", out)
    out = rx(r"\bw/\s*").sub("with ", out)
    out = rx(r"\s+\+\s+").sub(" and ", out)
    for _ in range(3):
        out = TRAILING.sub("", out.strip())
    words_ = out.split()
    if not words_:
        return ""
    verb = base_verb(words_[0])
    if verb in ("fu", "f/u"):
        words_[0:1] = ["follow", "up"]
    elif verb is not None and words_[0].lower().rstrip(",.:;!") in (
        GERUNDS.keys() | ALIASES.keys()
    ):
        words_[0] = verb
    out = named_object(resolve_things(" ".join(words_), ctx, body.start), ctx, body.start)
    out = rx(r"\s+([,;])").sub(r"\1", " ".join(out.split()))  # "to Grant by 9/18, cc" - no gap
    if len(out) > 90:
        out = out[:89].rsplit(" ", 1)[0] + "…"
    return out[:1].upper() + out[1:]


def named_object(
    title: str, ctx: TaskContext, pos: int, users: Collection[str] = frozenset()
) -> str:
    """Whom "him", "her" or "them" means in a title, named: "Call her back" -> "Call Dana
    back", "return his call" -> "return Tom's call" (the person the note named before ``pos``;
    the pronoun, when said, picks the gender); never one of ``users``, the names the note is
    written for (the user is not whom the pronoun means)."""
    said = OBJECT_PRONOUN.search(title)
    who = ctx.contact_before(pos, said.group().lower() if said else None)
    if who and who not in users:
        title = OBJECT_PRONOUN.sub(who, title, count=1)
        title = rx(r"^(return)\s+(?:his|her)\s+call", re.I).sub(rf"\1 {who}'s call", title)
    return title


def resolve_things(title: str, ctx: TaskContext, pos: int) -> str:
    """'Set it up' after 'She asked for a trial' -> 'Set up a trial'."""
    m = THING_PRONOUN.match(title)
    if m is None:
        return title
    thing = ctx.request_before(pos) or (
        thing_said_before(ctx, pos) if m.group(3).lower() == "it" else None
    )
    if not thing:
        return title
    after = title[m.end() :].split(None, 1)
    if m.group("to") and after and after[0].lower() not in _AFTER_THING:
        return title  # "call him that day": "that" is not the thing
    verb = m.group("verb") + (m.group("to") or "") + (" up" if m.group("up") else "")
    return f"{verb} {thing}{title[m.end() :]}"


def task_kind(verb: str, title: str, cue: str, ctx: TaskContext, conditional: bool) -> str:
    low = title.lower()
    names = set(rx(r"[a-z][a-z'-]+").findall(low))
    if verb == "thank" or "thank you" in low or "thank-you" in low:
        if names & ctx.referrers or "referral" in low or "intro" in low:
            return "thank_referrer"
        return "thank_you"
    if (
        verb in ("reply", "respond")
        or "get back to" in low
        or rx(r"\bcall\b.*\bback\b").search(low)
    ):
        return "reply"
    if verb == "return" and "call" in low:
        return "reply"
    if ctx.inbound_from and verb in ("call", "email", "text") and ctx.inbound_from.lower() in names:
        return "reply"
    if verb in ("introduce", "intro", "connect") or "in touch" in low:
        return "introduction"
    if conditional or verb in (
        "follow",
        "fu",
        "f/u",
        "circle",
        "touch",
        "reach",
        "nudge",
        "chase",
        "ping",
    ):
        return "follow_up"
    if cue in ("promise", "will"):
        return "promise"
    # a present left unnamed ("send something nice", "get her a little something") is a gift
    gift = r"\b(?:flowers|gift|bottle|basket|present|card|something\s+(?:nice|special|small|sweet)"
    if rx(gift + r"|little\s+something)\b").search(low) and verb in (
        "send", "get", "buy", "order", "pick", "mail", "drop",
    ):  # fmt: skip
        return "gift"
    if verb == "check" and rx(r"check\s+(?:in|on|back)").match(low):
        return "check_in" if "back" not in low else "follow_up"
    if names & ctx.leads and verb in ("email", "call", "text", "contact"):
        return "follow_up"
    if verb in ("call", "try", "phone", "ring"):
        return "call"
    return "todo"
