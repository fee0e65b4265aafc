"""The user's own to-dos in a note: promises, call-backs, replies, thanks, follow-ups.

A sentence is cut into clauses (dashes, colons, "and"/"+"/"," before a verb, "and" between
two dated promises), then each clause is a task when it is the user speaking: an imperative
("Send her the brochure Monday"), a cue ("I'll", "I promised", "I owe him", "need to",
"Follow up:", "Remind me to") or the consequence of a condition ("if she doesn't answer in a
few days, call her"). "Needs delivery by March" (the client needs) and "Call with Maria" (a
meeting header) are not tasks; "No follow-up needed" and "Nothing to do" cancel.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rapport.core.capture_text import LazyRegex, Span, split_spans, words
from rapport.core.dates import DateMention

__all__ = ["TaskContext", "TaskFound", "find_tasks"]

_MEETING_NOUNS = words("call meeting mtg chat session convo lunch coffee")
# Words that name a kind of meeting before a meeting noun: "intro mtg", "kickoff call".
_MEETING_KINDS = words("intro follow check kickoff kick-off discovery touch sync")
# Verbs that take what was asked for when said alone: "resend + confirm" after "resend the
# invoice?", "sending tmrw" after "asking for the deck".
_TAKES_THING = words("send resend get schedule share forward fix update finalize sign review")
_VERBS = words(
    "send email e-mail mail call text ring phone reply respond thank set setup schedule book "
    "follow check confirm get order buy pick draft prepare write introduce intro connect ping "
    "remind share forward fwd invite loop reach look find ask try return circle touch review "
    "update fix finalize submit pull put arrange reschedule research dm message drop deliver "
    "ship give pass talk meet visit contact sign file renew bring grab plan push move cancel "
    "print post add create make build sort start finish chase nudge escalate figure verify "
    "sync organize coordinate hand tell let fu f/u run double-check prep do take revise "
    "compile gather scan pay swing"
)
# Phone spellings of a verb: "thx Jen" is "Thank Jen".
_ALIASES = {"thx": "thank", "thnx": "thank", "ty": "thank", "txt": "text",
            "fwd": "forward", "resched": "reschedule"}  # fmt: skip
_BARE_OK = words("reply respond call text email follow fu f/u")
_NOUN_NEXT = words("is was has had are were went looks seems came will would 's from")
_PAST_START = words("called emailed texted sent left met spoke talked replied gave closed")
_GERUNDS = {"sending": "send", "emailing": "email", "calling": "call", "texting": "text",
            "scheduling": "schedule", "setting": "set", "following": "follow",
            "checking": "check", "getting": "get", "ordering": "order", "booking": "book",
            "drafting": "draft", "preparing": "prepare", "writing": "write", "mailing": "mail",
            "shipping": "ship", "dropping": "drop", "putting": "put", "pulling": "pull",
            "introducing": "introduce", "reaching": "reach", "looping": "loop",
            "buying": "buy", "picking": "pick", "inviting": "invite"}  # fmt: skip
_VERB_ALT = "|".join(sorted((re.escape(v) for v in _VERBS), key=len, reverse=True))
_VERB_ALT += "|" + "|".join(_ALIASES)
_COORD = LazyRegex(
    rf",\s+(?:and\s+|then\s+)?(?=(?:to\s+)?(?:re-?)?(?:{_VERB_ALT})\b)"
    rf"|\s+(?:and|&|\+)\s+(?:then\s+)?(?=(?:to\s+)?(?:re-?)?(?:{_VERB_ALT})\b)",
    re.IGNORECASE,
)
_SEPARATORS = LazyRegex(r"\s+-+\s+|(?<=\w):\s+|\s*\(\s*(?=[A-Za-z]+ (?:him|her)\b)")
_LIST_AND = LazyRegex(r"\s+and\s+(?=(?:a|an|the|my|our|some|his|her|their|\d+)\b)", re.I)
# "Send spec sheets Monday, quote by 4/30": one verb, two dated things.
_LIST_SEVERAL = LazyRegex(
    r"\s+and\s+(?=(?:a|an|the|my|our|some|his|her|their|\d+)\b)|,\s+(?:and\s+)?(?=[\w$])"
    r"|\s+\+\s+(?=[\w$])",
    re.I,
)
_SUBJECTS = words("i we he she they it you there that this who which")
# "Wants 3 quotes by Friday" is the client asking (a key point), not a line of the user's.
_NOT_OURS = _SUBJECTS | words(
    "wants want needs need asked asks requested expects expecting awaiting waiting got has have "
    "had received sent signed approved"
)
# What a bare "<thing> by <date>" line asks the user to deliver ("CMA by Thurs.").
_DELIVERABLES = words(
    "cma quote quotes proposal proposals deck contract pricing report sow estimate agreement "
    "samples invoice docs paperwork forms list sheet sheets plan summary draft specs brochure "
    "catalog comps listings redlines agenda recap numbers analysis comparison illustration "
    "illustrations application binder addendum"
)
_INTRO_TITLE = LazyRegex(
    r"^(?:send|give|make|do|intro)\s+(?P<who>(?-i:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?))\s+"
    r"(?:(?:an?|the)\s+)?(?:(?:e-?mail|quick)\s+)?(?:intro(?:duction)?\s+)?to\s+(?P<to>.+)$",
    re.IGNORECASE,
)
_LIST_PLUS = LazyRegex(r"\s+\+\s+(?=(?:a|an|the|my|our)\b)", re.IGNORECASE)
_LEAD_IN = LazyRegex(r"^(?:(?:and|then|also|so|but|pls|please|just|oh|ok|ps|p\.s\.)\s+)+", re.I)
_FOLLOW_CUE = LazyRegex(
    r"^(?:follow[\s-]?up|f/u|fu|next\s+steps?|action\s+items?|to[\s-]?do|tasks?|reminder|"
    r"remind\s+(?:me|myself)(?:\s+to)?|note\s+to\s+self|nts|memo)\b\s*[:\-]?\s*",
    re.IGNORECASE,
)
_PROMISE_CUE = LazyRegex(
    r"^(?:(?:i|we|you)\s+)?(?:(?:just\s+|also\s+)?promised(?:\s+to)?|owe|committed\s+to|"
    r"agreed\s+to|offered\s+to|(?:told|promised)\s+\w+\s+(?:i|we)(?:'d|\s+would|'ll|\s+will)|"
    r"said\s+(?:i|we)(?:'d|\s+would|'ll|\s+will))\s+",
    re.IGNORECASE,
)
_WILL_CUE = LazyRegex(
    r"^(?:i'll|i\s+will|we'll|we\s+will|i'd|i'm\s+going\s+to|i\s+am\s+going\s+to|i'm\s+gonna|"
    r"gonna|will|going\s+to|i\s+can|i\s+shall)\s+",
    re.IGNORECASE,
)
_NEED_CUE = LazyRegex(
    r"^(?:(?:i|we)\s+)?(?:need\s+to|have\s+to|must|should|gotta|got\s+to|want\s+to|plan\s+to|"
    r"ought\s+to)\s+",
    re.IGNORECASE,
)
_HEADER = LazyRegex(
    r"^(?:(?:quick|brief|phone|zoom|intro|first|follow[\s-]?up|quarterly|weekly|monthly|"
    r"great|good)\s+)?(?:call|phone|meeting|mtg|visit|check[\s-]in|catch[\s-]up|chat|convo|"
    r"touch[\s-]base|lunch|coffee|dinner|demo|screen(?:ing)?|interview)\s+(?:with|w/|w)\b",
    re.IGNORECASE,
)
_NEGATED = LazyRegex(
    r"\b(?:no\s+(?:follow[\s-]?up|action|need|next\s+steps?|tasks?)|nothing\s+(?:to\s+do|else|"
    r"needed|for\s+now)|don't\s+need\s+to|n/a)\b",
    re.IGNORECASE,
)
_CONDITION = LazyRegex(r"^if\b(?P<cond>[^,]{3,80}),\s*(?:then\s+)?(?P<rest>.+)$", re.I | re.S)
_PAREN = LazyRegex(r"\s*\([^)]*\)")
_TRAILING = LazyRegex(
    r"(?:\s+|^)(?:lol|pls|please|asap|too|as\s+well|as\s+promised|thx|thanks|again\s+too)\s*$"
    r"|[\s,;:.!?]+$|\s+(?:by|on|before|until|till|for|at|due|the|and|&|\+|w/|with|re:?)$",
    re.IGNORECASE,
)
_OBJECT_PRONOUN = LazyRegex(
    r"\b(him|them)\b|\bher\b(?=\s+(?:a|an|the|our|my|this|that|these|those|some|back|up|about|re\b|with|w/|to|on|in|again|know|\d)|\s*$)",
    re.I,
)
_HAVE_IT = LazyRegex(r"have\s+(?:it|them|this|the)\b", re.IGNORECASE)
_THING_PRONOUN = LazyRegex(
    r"^(\w+(?:\s+(?:over|out|up))?)\s+(it|them|one|this|that|these|those)\b(\s+up\b)?", re.I
)


@dataclass(slots=True)
class TaskFound:
    title: str
    kind: str
    due: date | None
    start: int
    end: int
    promised: bool = False


@dataclass(slots=True)
class TaskContext:
    """What the task finder needs to know about the rest of the note."""

    today: date
    dates: list[DateMention]
    contact_before: Callable[[int], str | None]  # first name of who "him"/"her" means
    request_before: Callable[[int], str | None]  # what "it" means: "a trial"
    referrers: set[str] = field(default_factory=set)  # lower-case first names
    leads: set[str] = field(default_factory=set)
    inbound_from: str | None = None


def base_verb(word: str) -> str | None:
    """The task verb a clause starts with ('Sending' -> 'send', 'thx' -> 'thank', 'rerun' ->
    'rerun'), or None. A verb with "re" before it is a verb again: resend, rerun, revisit."""
    low = word.lower().rstrip(",.:;!")
    if low in _VERBS:
        return low
    if _ALIASES.get(low):
        return _ALIASES[low]
    again = low[3:] if low.startswith("re-") else low[2:] if low.startswith("re") else ""
    if len(again) >= 3 and again in _VERBS:
        return low
    return _GERUNDS.get(low)


def find_tasks(sentences: list[Span], ctx: TaskContext) -> list[TaskFound]:
    tasks: list[TaskFound] = []
    seen: set[str] = set()
    for sentence in sentences:
        carried = ""
        for piece in split_spans(sentence, _SEPARATORS):
            cue = _FOLLOW_CUE.fullmatch(piece.text)
            if cue is not None:
                carried = piece.text  # "Follow up: email her the case study" is one task
                continue
            for task in _tasks_in_piece(piece, ctx, carried):
                key = task.title.lower()
                if key not in seen:
                    seen.add(key)
                    tasks.append(task)
    return tasks


def _dates_in(ctx: TaskContext, start: int, end: int) -> list[DateMention]:
    return [d for d in ctx.dates if start <= d.start and d.end <= end]


def _due(mentions: list[DateMention]) -> date | None:
    days = [d.value for d in mentions if d.kind != "time" and d.value is not None]
    times = [d.value for d in mentions if d.kind == "time" and d.value is not None]
    return days[0] if days else times[0] if times else None


def _tasks_in_piece(piece: Span, ctx: TaskContext, carried: str = "") -> list[TaskFound]:
    if _NEGATED.search(piece.text):
        return []
    lead = _LEAD_IN.match(piece.text)
    if lead:
        piece = Span(piece.start + lead.end(), piece.end, piece.text[lead.end() :])
    cond = _CONDITION.match(piece.text)
    cond_due: date | None = None
    if cond:
        cond_due = _due(_dates_in(ctx, piece.start, piece.start + cond.end("cond")))
        offset = cond.start("rest")
        piece = Span(piece.start + offset, piece.end, piece.text[offset:])
    if _HEADER.match(piece.text) and not _dates_in(ctx, piece.start, piece.end):
        return []
    parts = split_spans(piece, _COORD)
    found: list[TaskFound] = []
    cue = "follow" if carried else ""
    for part in parts:
        part, cue = _with_cue(part, cue)
        subparts = [part]
        several = len(_dates_in(ctx, part.start, part.end)) > 1
        listed = False
        if cue in ("promise", "will", "need"):
            # "a corrected invoice by EOD and a discount proposal in two weeks": two promises
            subparts = split_spans(part, _LIST_AND if several else _LIST_PLUS)
        elif several and base_verb(part.text.split(" ", 1)[0]):
            subparts = _split_after_dates(part, ctx)  # "Send specs Monday, quote by 4/30"
            listed = len(subparts) > 1
        verb = ""
        for k, sub in enumerate(subparts):
            task, verb = _task_from(sub, cue, verb if k else "", ctx, bool(cond), listed)
            if task is not None:
                if cond and task.due is None:
                    task.due = cond_due
                found.append(task)
    # "Fix + reply today": a trailing date covers the undated verbs before it.
    for k in range(len(found) - 2, -1, -1):
        if found[k].due is None and found[k + 1].due is not None and not cond:
            found[k].due = found[k + 1].due
    return found


def _with_cue(part: Span, inherited: str) -> tuple[Span, str]:
    """Strip a cue ("I'll", "Promised", "Follow up:") and say which kind it was."""
    text = part.text
    cue = ""
    for _ in range(2):  # "Reminder: you promised ..." has two
        for name, pattern in (
            ("follow", _FOLLOW_CUE),
            ("promise", _PROMISE_CUE),
            ("will", _WILL_CUE),
            ("need", _NEED_CUE),
        ):
            m = pattern.match(text)
            if m:
                cue = name if cue in ("", "follow") else cue
                text = text[m.end() :]
                break
        else:
            break
    if text.lower().startswith("to "):
        text = text[3:]
    start = part.start + len(part.text) - len(text)
    return Span(start, part.end, text), cue or (inherited if inherited != "follow" else "")


def _task_from(
    part: Span,
    cue: str,
    shared_verb: str,
    ctx: TaskContext,
    conditional: bool,
    listed: bool = False,
) -> tuple[TaskFound | None, str]:
    text = part.text
    first = text.split(" ", 1)[0] if text else ""
    verb = base_verb(first)
    rest_words = text.lower().split()
    prefix, body = "", part
    if first.lower() in _PAST_START and cue == "":
        return None, ""
    if verb is not None and len(rest_words) > 1 and rest_words[1] in _NOUN_NEXT:
        verb = None  # "Order is late", "Email from Lisa"
    if verb is None and shared_verb and (cue or (listed and _shares_verb(part, ctx))):
        verb, prefix = shared_verb, shared_verb + " "  # "... and a discount proposal"
    elif verb is None and cue in ("will", "need", "promise") and _HAVE_IT.match(text):
        skip = len(first) + 1  # "I'll have it to him", "said I'd have it by Friday": sending it
        verb, prefix, body = "send", "send ", Span(part.start + skip, part.end, text[skip:])
    elif verb is None and cue == "promise":
        verb, prefix = "send", "send "  # "Promised the updated SOW"
    elif verb is None and cue == "" and _deliverable_due(part, ctx):
        verb, prefix = "send", "send "  # "CMA by Thurs."
    elif verb is None and cue == "will" and first.lower() == "have":
        verb = "have"
    elif verb is None and cue == "follow":
        verb, prefix = "follow", "follow up "
    if verb is None:
        return None, ""
    title = _title(prefix, body, ctx)
    thing = ctx.request_before(part.start)
    if thing and title.lower() in _TAKES_THING:
        title = f"{title} {thing}"  # "sending tmrw" after "asking for the deck"
    parts = title.lower().split()
    undated = not _dates_in(ctx, part.start, part.end)
    if (
        len(parts) >= 2
        and parts[1] in _MEETING_NOUNS
        and undated
        and (len(parts) == 2 or parts[0] in _MEETING_KINDS)
    ):
        return None, ""  # "Intro call", "Phone call", "Intro mtg via Ellen": the meeting held
    if not title or (len(title.split()) == 1 and verb not in _BARE_OK and cue != "follow"):
        return None, ""
    who = ctx.contact_before(part.start)
    low = title.lower()
    if verb == "follow" and low in ("follow up", "follow"):
        title = f"Follow up with {who}" if who else "Follow up"
    elif verb in ("reply", "respond") and len(title.split()) == 1:
        sender = ctx.inbound_from or who
        title = f"Reply to {sender}" if sender else title
    elif (low.startswith("call back") or low == "call") and who:
        title = f"Call {who} back"
    elif low.startswith("try again") and who:
        title = f"Try {who} again"
    intro = _INTRO_TITLE.match(title)
    if intro and (verb == "intro" or "intro" in title.lower()):
        # "Send Aaron an intro to Lisa Wong" / "Intro Laura to Mark": introduce one to the other
        verb, title = "introduce", f"Introduce {intro.group('who')} to {intro.group('to')}"
    due = _due(_dates_in(ctx, part.start, part.end))
    kind = _kind(verb, title, cue, ctx, conditional)
    return TaskFound(title, kind, due, part.start, part.end, cue in ("promise", "will")), verb


def _split_after_dates(part: Span, ctx: TaskContext) -> list[Span]:
    """Cut a list only where an item has just ended with its date: "Send refs by mon + demo
    invite for next Thurs" is two things, "Send the SOC2 + SSO docs Mon" is one."""
    ends = {d.end - part.start for d in _dates_in(ctx, part.start, part.end)}
    pieces: list[Span] = []
    start = 0
    for m in _LIST_SEVERAL.finditer(part.text):
        if m.start() not in ends and m.start() - 1 not in ends:
            continue
        piece = part.text[start : m.start()].strip()
        if piece:
            offset = part.start + part.text.index(piece, start)
            pieces.append(Span(offset, offset + len(piece), piece))
        start = m.end()
    rest = part.text[start:].strip()
    if rest:
        offset = part.start + part.text.index(rest, start)
        pieces.append(Span(offset, offset + len(rest), rest))
    return pieces


def _undated_words(part: Span, ctx: TaskContext) -> list[str]:
    text = part.text
    for d in sorted(_dates_in(ctx, part.start, part.end), key=lambda d: -d.start):
        text = text[: d.start - part.start] + " " + text[d.end - part.start :]
    return [w.strip(".,;:!?()").lower() for w in text.split() if w.strip(".,;:!?()")]


def _shares_verb(part: Span, ctx: TaskContext) -> bool:
    """A listed piece takes the verb before it when it is a short thing, not a new clause."""
    rest = _undated_words(part, ctx)
    return 0 < len(rest) <= 6 and rest[0] not in _SUBJECTS


def _deliverable_due(part: Span, ctx: TaskContext) -> bool:
    """'CMA by Thurs.', 'Quote by 4/30': a short dated line naming something to deliver."""
    if not _dates_in(ctx, part.start, part.end):
        return False
    rest = _undated_words(part, ctx)
    return 0 < len(rest) <= 4 and rest[-1] in _DELIVERABLES and rest[0] not in _NOT_OURS


def _title(prefix: str, body: Span, ctx: TaskContext) -> str:
    """A short imperative: the clause without its date words, asides and filler."""
    out = body.text
    for d in sorted(_dates_in(ctx, body.start, body.end), key=lambda d: -d.start):
        lo, hi = d.start - body.start, d.end - body.start
        out = out[:lo] + " " + out[hi:]
    out = _PAREN.sub("", prefix + out)
    out = re.sub(r"\bw/\s*", "with ", out)
    out = re.sub(r"\s+\+\s+", " and ", out)
    for _ in range(3):
        out = _TRAILING.sub("", out.strip())
    words_ = out.split()
    if not words_:
        return ""
    verb = base_verb(words_[0])
    if verb in ("fu", "f/u"):
        words_[0:1] = ["follow", "up"]
    elif verb is not None and words_[0].lower().rstrip(",.:;!") in (
        _GERUNDS.keys() | _ALIASES.keys()
    ):
        words_[0] = verb
    out = _resolve_things(" ".join(words_), ctx, body.start)
    who = ctx.contact_before(body.start)
    if who:
        out = _OBJECT_PRONOUN.sub(who, out, count=1)
        out = re.sub(r"^(return)\s+(?:his|her)\s+call", rf"\1 {who}'s call", out, flags=re.I)
    out = " ".join(out.split())
    if len(out) > 90:
        out = out[:89].rsplit(" ", 1)[0] + "…"
    return out[:1].upper() + out[1:]


def _resolve_things(title: str, ctx: TaskContext, pos: int) -> str:
    """'Set it up' after 'She asked for a trial' -> 'Set up a trial'."""
    m = _THING_PRONOUN.match(title)
    if m is None:
        return title
    thing = ctx.request_before(pos)
    if not thing:
        return title
    verb = m.group(1) + (" up" if m.group(3) else "")
    return f"{verb} {thing}{title[m.end() :]}"


def _kind(verb: str, title: str, cue: str, ctx: TaskContext, conditional: bool) -> str:
    low = title.lower()
    names = set(re.findall(r"[a-z][a-z'-]+", low))
    if verb == "thank" or "thank you" in low or "thank-you" in low:
        if names & ctx.referrers or "referral" in low or "intro" in low:
            return "thank_referrer"
        return "thank_you"
    if (
        verb in ("reply", "respond")
        or "get back to" in low
        or re.search(r"\bcall\b.*\bback\b", low)
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
    if re.search(r"\b(?:flowers|gift|bottle|basket|present|card)\b", low) and verb in (
        "send", "get", "buy", "order", "pick", "mail", "drop",
    ):  # fmt: skip
        return "gift"
    if verb == "check" and re.match(r"check\s+(?:in|on|back)", low):
        return "check_in" if "back" not in low else "follow_up"
    if names & ctx.leads and verb in ("email", "call", "text", "contact"):
        return "follow_up"
    if verb in ("call", "try", "phone", "ring"):
        return "call"
    return "todo"
