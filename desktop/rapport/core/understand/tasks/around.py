"""A task's due said around it rather than in it (brief i16tr).

Two families, each only for a task that found no due of its own:

- **Relative to an event** ("send the moodboard before the call", "ask finance before the
  meeting", "send them something after closing", "have him braided the night before"): the
  event's day is the date said with the event's word elsewhere in the note (its heading, its
  line), else, for a meeting the note is about, the note's first coming day; "the night/day
  before" is the day before the last date said ahead of the task.
- **A follow-up that only says when** ("Did I send her the W-9? Send today.", "Flowers to her
  sister? Yes - do it today."): the sentence right after the task says nothing but a day (and
  a yes, or the verb again); that day is the task's, and the follow-up is no task of its own.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rapport.core.understand.tasks.model import TaskFound
from rapport.core.understand.tasks.words import VERB_ALT
from rapport.core.understand.text import LazyRegex, Span

if TYPE_CHECKING:
    from rapport.core.understand.dates.find import DateMention

__all__ = [
    "asked_myself",
    "corrected_dues",
    "dues_from_around",
    "for_the_boss",
    "users_answer_apart",
]

# Words naming an event a task is timed against; the event's own line says its day
_EVENTS = (
    r"call|meeting|mtg|visit|walk[\s-]?through|walkthru|closing|tour|show|trip|appointment|appt"
    r"|presentation|demo|review|lunch|dinner|breakfast|wedding|party|event|launch|opening"
    r"|reopening|interview|session|conference|retreat|inspection|install(?:ation)?|move|pick[\s-]?up"
    r"|shoot|recital|ceremony|funeral|surgery|holiday|vacation|fundraiser|gala|auction|kickoff"
    r"|kick-off|offsite|workshop|training|board\s+meeting|site\s+visit"
)
_RELATIVE_TO_EVENT = LazyRegex(
    r"\b(?P<dir>before|ahead\s+of|prior\s+to|b4|after|in\s+time\s+for)\s+"
    r"(?:(?:the|our|their|his|her|your|my|this|next)\s+)?(?:[a-z'-]+\s+){0,2}?"
    rf"(?P<event>{_EVENTS})s?\b",
    re.IGNORECASE,
)
# "the night before", "the day before": the day before the last date said ahead of the task
_EVE = LazyRegex(
    r"\bthe\s+(?:night|day|evening|morning)\s+before\b(?!\s+(?:the|our|their|his|her|\d))",
    re.IGNORECASE,
)
# A sentence that only says when: "Send today.", "Yes - do it today.", "ok, by Fri!"
_ONLY_WHEN = LazyRegex(
    r"[\s\-–—,:!]*(?:(?:yes|yep|yeah|ok|okay|sure|definitely)\b[\s\-–—,:!.]*)?"
    r"(?:(?:i'll\s+|will\s+|must\s+|need\s+to\s+|gotta\s+)?(?P<verb>[a-z]+)(?:\s+(?:it|them|that))?"
    r"\s+)?$",
    re.IGNORECASE,
)
_VERBS_OF_DOING = frozenset({"do", "send", "get", "call", "order", "book", "email", "text", "ship"})


def dues_from_around(
    tasks: list[TaskFound], sentences: list[Span], dates: list[DateMention], body: str
) -> list[TaskFound]:
    """The tasks with the dues said around them; a follow-up that only dated one is dropped."""
    dated = [d for d in dates if d.value is not None]
    drop: set[int] = set()
    for i, task in enumerate(tasks):
        if task.due is not None:
            continue
        sentence = _sentence_of(sentences, task.start)
        if sentence is None:
            continue
        # from the task's start to its sentence's end: the event is said after the task's verb
        rest = body[task.start : max(task.end, sentence.end)]
        then = _BEFORE_THEN.search(rest)
        if then is not None:
            task.due = _then_due(then, task, dated, body)
            task.title = _BEFORE_THEN.sub("", task.title).strip(" ,")
        if task.due is None and not [
            d for d in dated if task.start <= d.start < task.start + len(rest)
        ]:
            task.due = _event_due(rest, task.start, sentence, sentences, dated, body)
        if task.due is None:
            follow = _follow_up(tasks, i, sentences, sentence, dated, body)
            if follow is not None:
                task.due, index = follow
                if index is not None:
                    drop.add(index)
        if task.due is None and _BRING.match(task.title):
            task.due = _meeting_before(task, dated)
    return [t for i, t in enumerate(tasks) if i not in drop]


# Family (brief i16tr2): what the user is to bring is for the meeting the note dated before it
# ("Site visit @ Thu Apr 9 ... please bring the Velux samples", "Lunch, Tue 17 Feb ... Bring the
# risk survey report", "walk-through Thursday? ... can you also bring the route maps", a
# calendar invitation, a text thread): the last day said before the task, today or later
_BRING = LazyRegex(r"bring\b", re.IGNORECASE)


def _meeting_before(task: TaskFound, dated: list[DateMention]) -> date | None:
    today_on = [d for d in dated if d.start < task.start and d.kind == "day" and d.value]
    return today_on[-1].value if today_on else None


# Family (brief i16tr2): "before then", "b4 then", "by then" point back at the last day the note
# said ("tour Thu 10am. send app pkt b4 then", "health inspector coming 5/19. needs the logs
# printed b4 then", "by next friday and i have to call arthur before then"): that day, or the one
# before it for "before"
_BEFORE_THEN = LazyRegex(r"\s*,?\s*\b(?P<how>before|b4|by|until|till)\s+then\b", re.IGNORECASE)
_THEN_REACH = 400


def _then_due(
    then: re.Match[str], task: TaskFound, dated: list[DateMention], body: str
) -> date | None:
    said = [
        d
        for d in dated
        if task.start - _THEN_REACH <= d.start and d.end <= task.start + then.start()
    ]
    if not said or said[-1].value is None:
        return None
    day = said[-1].value
    return day - timedelta(days=1) if then.group("how").lower() in ("before", "b4") else day


def _sentence_of(sentences: list[Span], pos: int) -> Span | None:
    return next((s for s in sentences if s.start <= pos < s.end + 1), None)


def _event_due(
    rest: str,
    start: int,
    sentence: Span,
    sentences: list[Span],
    dated: list[DateMention],
    body: str,
) -> date | None:
    eve = _EVE.search(rest)
    if eve is not None:
        before = [d for d in dated if d.end <= start]
        return before[-1].value - timedelta(days=1) if before and before[-1].value else None
    m = _RELATIVE_TO_EVENT.search(rest)
    if m is None:
        return None
    event = m.group("event").lower().split()[-1].replace("-", "")
    said_at = start + m.start("event")
    # the event's own words with a day: in the sentence that names the event, the first date
    # after its word ("closing pushed to 2/20"), else the nearest before it ("Thu 19 Mar - call")
    for found in re.finditer(rf"\b{re.escape(event)}", body, re.IGNORECASE):
        if found.start() == said_at:
            continue  # the task's own mention of the event
        named = _sentence_of(sentences, found.start())
        if named is None or named.start == sentence.start:
            continue
        inside = [d for d in dated if named.start <= d.start < named.end]
        later = [d for d in inside if d.start >= found.end()]
        earlier = [d for d in inside if d.end <= found.start()]
        pick = later[0] if later else (earlier[-1] if earlier else None)
        if pick is not None:
            return pick.value
    # the event not named again: a day said just before the task in its sentence ("they fly
    # to Rome Dec 3, send the itinerary before their trip"), else the one day of the sentence
    # right after or before it ("... before their trip. They fly out on Dec 3.")
    same = [d for d in dated if sentence.start <= d.start and d.end <= start]
    if same:
        return same[-1].value
    k = next((i for i, s in enumerate(sentences) if s.start == sentence.start), None)
    if k is not None:
        for near in (sentences[k + 1 : k + 2], sentences[max(0, k - 1) : k]):
            days = [
                d for s in near for d in dated if s.start <= d.start < s.end and d.kind == "day"
            ]
            if len(days) == 1:
                return days[0].value
    if event in ("meeting", "mtg", "call", "visit") and m.group("dir").lower() != "after":
        # a note written ahead of the meeting it is about ("Agenda for Thurs w/ Siobhan"):
        # the first day the note names, when it says one before the task
        first = next((d for d in dated if d.end <= start), None)
        return first.value if first is not None else None
    return None


def _follow_up(
    tasks: list[TaskFound],
    index: int,
    sentences: list[Span],
    sentence: Span,
    dated: list[DateMention],
    body: str,
) -> tuple[date, int | None] | None:
    after = [s for s in sentences if s.start >= sentence.end][:2]
    if len(after) == 2 and any(after[0].start <= t.start < after[0].end for t in tasks):
        after = after[:1]  # a sentence between with a task of its own: the next one is its
    for nxt in after:
        found = _only_when(tasks, index, nxt, dated, body)
        if found is not None:
            return found
    return None


def _only_when(
    tasks: list[TaskFound], index: int, nxt: Span, dated: list[DateMention], body: str
) -> tuple[date, int | None] | None:
    if len(nxt.text.split()) > 6:
        return None
    when = [d for d in dated if nxt.start <= d.start < nxt.end]
    if len(when) != 1:
        return None
    words = (body[nxt.start : when[0].start] + " " + body[when[0].end : nxt.end]).strip(" .!")
    m = _ONLY_WHEN.fullmatch(words + " ") if words else None
    if words and (
        m is None or (m.group("verb") and m.group("verb").lower() not in _VERBS_OF_DOING)
    ):
        return None
    value = when[0].value
    assert value is not None
    # the follow-up's own task (a verb alone: "Send", "Do it") is this task said again
    own = next(
        (
            j
            for j, t in enumerate(tasks)
            if j != index and nxt.start <= t.start < nxt.end and len(t.title.split()) <= 2
        ),
        None,
    )
    return value, own


# Family: a promise checked as a question to self ("- did I send the W-9 to the title co?",
# "Did I ever send Roxanne the W-9??", "did we book the hall yet?"): the user's own step,
# titled as the step ("Send the W-9 to the title co"); only verbs of doing something for a
# client, so "did I mention..." or "did I tell you..." stay questions
_ASKED_MYSELF = LazyRegex(
    r"(?:^|(?<=[\n.!?;:\-*•]))[ \t]*(?:[-*•?][ \t]*)?(?:so\s+|and\s+|wait\s+|hmm\s+)?"
    r"did\s+(?:i|we)\s+(?:ever\s+|already\s+|actually\s+|really\s+)?"
    r"(?P<verb>[a-z]+)\s+(?P<rest>[^?\n]{2,80}?)(?:\s+(?:yet|already|or\s+not))?\s*\?",
    re.IGNORECASE,
)
_DID_I = LazyRegex(r"did\s+(?:i|we)\s+(?:ever\s+|already\s+|actually\s+|really\s+)?", re.I)
_STILL = LazyRegex(r"\s+(?:yet|already|or\s+not)\s*$", re.IGNORECASE)
_TALK = frozenset({"mention", "tell", "say"})
_DOING = frozenset(
    {"send", "file", "pull", "pay", "order", "book", "call", "email", "text", "sign", "submit",
     "invoice", "charge", "return", "forward", "reply", "confirm", "schedule", "renew", "update",
     "ship", "mail", "post", "give", "drop", "request", "promise", "reserve", "cancel", "bill",
     "check", "print", "share", "upload", "register", "quote", "follow", "chase", "remind"}
)  # fmt: skip


def asked_myself(tasks: list[TaskFound], body: str, dates: list[DateMention]) -> list[TaskFound]:
    """The questions to self as the user's tasks: a task the rules or the model found there
    keeps its due and takes the step's wording; a question no one found is added."""
    added: list[TaskFound] = []
    gone: list[TaskFound] = []
    for m in _ASKED_MYSELF.finditer(body):
        verb = m.group("verb").lower()
        if verb in _TALK:
            # "did I mention she has a puppy?", "did I tell you...": the writer talking, no step
            gone += [
                t for t in tasks if m.start() - 12 <= t.start < m.end() and _DID_I.match(t.title)
            ]
        if verb not in _DOING:
            continue
        rest = m.group("rest").strip()
        title = f"{verb.capitalize()} {rest}"
        start, end = m.start("verb"), m.end("rest")
        there = [t for t in tasks if start - 12 <= t.start < end]
        for task in there:
            asked = _DID_I.match(task.title)
            if asked is not None:  # the finder's own wording, names resolved, as a step
                step = _STILL.sub("", task.title[asked.end() :])
                task.title = step[:1].upper() + step[1:]
        if not there:
            due = next((d.value for d in dates if start <= d.start < end and d.value), None)
            there = [TaskFound(title, "todo", due, start, end)]
            added.extend(there)
        for task in there:
            # the answer says when: "did I pull the permit yet? I don't think so, pull it Monday"
            answer = re.search(
                rf"\b{verb}\s+(?:it|them|that)\b[^.!?\n]{{0,30}}", body[m.end() : m.end() + 120]
            )
            if task.due is None and answer is not None:
                lo, hi = m.end() + answer.start(), m.end() + answer.end()
                task.due = next((d.value for d in dates if lo <= d.start < hi and d.value), None)
    return sorted([t for t in tasks if t not in gone] + added, key=lambda t: t.start)


# Family: the user's answer to the client's wish in the same sentence ("dr natarajan wants the
# dosing data, i said i'd drop them off next thursday", "WANTS $4.20/KG, I SAID I'D CHECK WITH
# THE FEEDLOT"): after "wants ...", a clause in the user's own first-person promise is the user's
_USERS_VOICE = LazyRegex(
    r"\s*(?:and\s+|so\s+|but\s+)?(?:i|we)(?:\s+(?:said|told\s+\w+|promised(?:\s+\w+)?)\s+(?:i|we))?"
    r"(?:'ll|'d|’ll|’d|\s+will|\s+would|\s+can|\s+promised\s+to|\s+agreed\s+to)\s+"
    # a step, not a feeling, a maybe or a state ("we'd love to", "I'd rather", "I'll be there")
    r"(?!(?:love|like|rather|prefer|be|have|think|need|want|probably|maybe|see|try|better"
    r"|hate|wait|consider|never|not)\b)\w",
    re.IGNORECASE,
)


def in_the_users_voice(text: str) -> bool:
    """A clause the user says of their own next step: "i said i'd drop them off"."""
    return _USERS_VOICE.match(text) is not None


_A_WISH = LazyRegex(
    r"\b(?:wants?|needs?|asked|asking|requested|would\s+like|hoping|hopes)\b|'d\s+(?:like|love)\b",
    re.IGNORECASE,
)


# Family (brief i16tr2): the answer said without its subject, as second-language and phone
# writers do ("she wants a flat, will call her tomorrow", "asking rate list, have to mail her
# by tmrw", "Anand is looking for a 2BHK, will call him tomorrow"): a modal and a task verb
# right after the comma. It is the user's after a wish, or when its object is the third person
# the clause before spoke of; "he checks with his wife, will confirm Fri" stays his.
_NO_SUBJECT = LazyRegex(
    lambda: (
        r"(?:and\s+|so\s+)?(?:will|shall|'ll|must|have\s+to|has\s+to|need\s+to|gonna"
        rf"|going\s+to)\s+(?:also\s+)?(?P<verb>{VERB_ALT})\b(?P<them>\s+(?:him|her|them)\b)?"
    ),
    re.IGNORECASE,
)
_ANSWER_COMMA = LazyRegex(r",\s*", re.IGNORECASE)


def _answer_cut(text: str) -> re.Match[str] | None:
    for c in _ANSWER_COMMA.finditer(text):
        after = text[c.end() :]
        wish = _A_WISH.search(text, 0, c.start()) is not None
        if in_the_users_voice(after) and wish:
            return c
        bare = _NO_SUBJECT.match(after)
        if bare is not None and (wish or bare.group("them")):
            return c
    return None


def an_answer_without_subject(text: str) -> bool:
    """ "will call her tomorrow" after "she wants a flat": the user's answer, not her wish."""
    return _NO_SUBJECT.match(text) is not None


def users_answer_apart(parts: list[Span]) -> list[Span]:
    """A clause's parts with the user's answer to a wish after a comma its own part ("she
    wants the data, I said I'd drop it off Thu": the wish, then the promise)."""
    out: list[Span] = []
    for part in parts:
        cut = _answer_cut(part.text) if "," in part.text else None
        if cut is None:
            out.append(part)
            continue
        out.append(Span(part.start, part.start + cut.start(), part.text[: cut.start()]))
        out.append(Span(part.start + cut.end(), part.end, part.text[cut.end() :]))
    return out


# Family: a due corrected on a later line ("send the deck Wed.\nEDIT: Thursday", "UPDATE: she
# needs it Fri"): the day after the marker is the due of the task said before it, unless the
# marker's line says a task of its own
_CORRECTION = LazyRegex(
    r"(?:^|(?<=[\n.!?]))[ \t]*(?:\*\*)?(?:edit|edited|update|updated|upd|correction|corrected)"
    r"(?:\*\*)?[ \t]*[:\-–—][ \t]*(?P<rest>[^\n]{0,60})",
    re.IGNORECASE,
)


def corrected_dues(tasks: list[TaskFound], dates: list[DateMention], body: str) -> list[TaskFound]:
    for m in _CORRECTION.finditer(body):
        lo, hi = m.start("rest"), m.end("rest")
        said = [d for d in dates if lo <= d.start < hi and d.value is not None and d.kind == "day"]
        if len(said) != 1 or any(lo <= t.start < hi for t in tasks):
            continue
        before = [t for t in tasks if t.end <= m.start()]
        if before:
            before[-1].due = said[0].value
    return tasks


# Family: an assistant's words for the boss, who is the user, named by an initial ("D. to
# send the contract today", "D. promised Greg a budget by Thursday"): the boss's step is the
# user's, as "Jordan to send ..." is in a note Jordan wrote (author.strip_author)
_BOSS_TO = LazyRegex(r"(?-i:[A-Z])\.[ \t]+(?:to|will|needs[ \t]+to|has[ \t]+to)[ \t]+(?=[a-z])")
_BOSS_PROMISED = LazyRegex(r"(?-i:[A-Z])\.[ \t]+(?=promised[ \t]+\w)")


def for_the_boss(text: str) -> tuple[int, str]:
    """How many characters of ``text`` name the boss before their step, and the step's cue
    ("will" for "D. to send", "" when the words left say it: "promised Greg a budget")."""
    m = _BOSS_TO.match(text)
    if m is not None:
        return m.end(), "will"
    m = _BOSS_PROMISED.match(text)
    return (m.end(), "") if m is not None else (0, "")
