"""Tasks a careful reader would not file, taken off the list the rules and the model made.

Two families, each measured on the labelled sets' extra tasks (docs/CAPTURE.md, brief i16tp):

- one piece of work said as a chain of steps ("run the numbers and get back to her by Wed",
  "reprint it by thurs and drop it off myself", "I'll pull three and send them to Aiko"): the
  step that hands the work over or reports back is the same task, not a second one;
- a promise said in someone else's words: a line of older mail quoted with ">" ("> I will send
  you the packing list"), a line of a pasted chat another speaker wrote beside the user's
  ("[10:04] Ollie (service): I'll send the schedule" under "Me: ..." lines);
- a "Send ..." title made of words that are no thing to send: a statement with its own verb
  ("Me: Sat 10am has 1 spot", "Cabinets land Wed"), a question ("9th at 5pm golden hour?"), a
  clause hanging on the one before ("and he needs it back by Friday");
- a list row given to someone else by name ("- [ ] Ana: send the in-service schedule",
  "☐ Marcus Teo: confirm ...", "GIDEON - confirm acreage", "• Jen Walsh — pull the shortlist"):
  that person's step, and the owner's name alone is no task either;
- a record copied out of a work tool (a CRM activity, a ticket, a table row, a log entry): its
  fields are no task ("| Call | Owner: Bree L. | Status: Done", "Activity: Call - Outbound",
  "Status: Not started", "UPDATE 4pm: ...", "ORDER #2291 — P/U Fri") (brief i16tp2);
- a request made in a pasted message ("Could you send your rates?", "any chance you could get
  me the final by Wed?") that the user's own reply answers with a promise of the same thing
  ("I'll send rates today"): one piece of work, filed once, as the promise (brief i16tp2);
- a row marked done or cancelled in the writer's own sign ("DONE: send the contract", "call the
  florist (done)", "email the deck ✔", "[-] cancelled: the demo", "☑ ..."), and an Obsidian
  callout's type read as a verb ("> [!note] Ruth prefers calls"): nothing left to do (brief
  i16tp2);
- words in a work tool that are no work of the user's: a meeting's agenda topics ("Agenda:
  review Q3 numbers, discuss renewal"), a signature's link ("Book a meeting: calendly.com/..."),
  a colleague's comment on a ticket ("Comment (Kai Berg): will order the roller") (brief
  i16tp2);
- the meeting the note reports, said in the present as second-language writers and dictation
  say it ("Today I visit the site of Sr. Fuentes", "this morning we meet Mr. Wong"), and the
  purpose of a meeting that took place ("Met with Dr. Okonkwo to review the planting plan"),
  and the note's opening naming the call it reports ("call with derek and alyssa ...", "Call
  report regarding ..."): done when the note is written (brief i16tp2);
- a task the writer takes back on the same line ("ring her godfather? no - leave it", "send the
  flyer, scratch that", "call Tom... nvm") (brief i16tp2).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from rapport.core.understand.mentions import first_names
from rapport.core.understand.tasks.model import TaskFound
from rapport.core.understand.tasks.words import base_verb
from rapport.core.understand.text import LazyRegex

__all__ = [
    "answered_requests_merged",
    "chained_steps_merged",
    "done_rows_dropped",
    "not_the_users_work_dropped",
    "others_promises_dropped",
    "others_rows_dropped",
    "precise",
    "record_fields_dropped",
    "reported_meetings_dropped",
]


def _holds(low: str, pattern: LazyRegex) -> bool:
    """The lower-cased note holds one of the words every match of ``pattern`` needs."""
    return any(word in low for word in pattern.needs)


def precise(tasks: list[TaskFound], body: str, users: Collection[str]) -> list[TaskFound]:
    """The tasks without the families above (the note's order kept)."""
    tasks = done_rows_dropped(record_fields_dropped(tasks, body), body)
    tasks = reported_meetings_dropped(not_the_users_work_dropped(tasks, body, users), body)
    low = body.lower()
    if _holds(low, _TAKEN_BACK):
        retracted = _holds(low, _RETRACTED)
        tasks = [t for t in tasks if not _taken_back(t, body, retracted)]
    tasks = others_promises_dropped(others_rows_dropped(tasks, body, users), body, users)
    tasks = [t for t in tasks if not _said_not_sent(t, body)]
    return answered_requests_merged(chained_steps_merged(tasks, body), body)


# What joins two steps of one sentence: "and", "&", "+", "then", a comma, a dash
_JOINED = LazyRegex(r"[\s,;]*(?:(?:and|&|\+|then|[-–—])\s*)?(?:then\s+)?", re.IGNORECASE)
_PRONOUN = r"(?:him|her|them|you|u|me|us)"
_THING = r"(?:it|them|that|this|those|these|one|both|all)"
# The step that hands the work of the step before over, or reports back on it: said of "it"
# ("send it by Fri", "drop it off", "get them to Aiko") or a report back to whom the work is
# for ("get back to her", "tell her", "answer him"). A call, a text, "let her know" and a
# hand-over to someone named ("send to owner") stay steps of their own (tests/core/
# test_stage_tasks.py holds them so).
_HANDOFF = LazyRegex(
    r"(?:get\s+back\s+to|circle\s+back\s+(?:to|with)|report\s+back\s+to|update|"
    rf"tell|answer|reply\s+(?:to\s+)?)\s+{_PRONOUN}\b"
    r"|(?:send|get|drop|deliver|bring|take|hand|give|share|email|e-mail|mail|forward|run|"
    rf"submit|post|show)\s+(?:{_PRONOUN}\s+)?{_THING}"
    # "it" is the thing when nothing follows it but a particle, a day or whom it goes to:
    # "send them the loan estimate" hands a new thing over, "send them by Fri" the old one
    r"(?=\s*(?:$|[.,;:!?)]|(?:off|over|out|in|back|across|along|to|by|before|on|for|first|"
    r"tomorrow|tmrw|today|tonight|asap|myself|once|after|when|next|this|\w+day)\b))",
    re.IGNORECASE,
)
_SENTENCE_END = LazyRegex(r"[.!?\n]")


def chained_steps_merged(tasks: list[TaskFound], body: str) -> list[TaskFound]:
    """Family: the hand-over or report-back step said right after a task in the same sentence
    is that task's last step (its day kept when the first step had none)."""
    kept: list[TaskFound] = []
    for task in tasks:
        before = kept[-1] if kept else None
        if before is not None and before.end <= task.start and _chained(before, task, body):
            before.due = before.due or task.due  # the title is the work's, as _CLOSES keeps it
            before.promised = before.promised or task.promised
            continue
        kept.append(task)
    return kept


def _chained(first: TaskFound, then: TaskFound, body: str) -> bool:
    if first.due is not None and then.due is not None and first.due != then.due:
        return False  # two days said: two steps the user will tick off apart
    gap = body[first.end : then.start]
    if _SENTENCE_END.search(gap) or len(gap) > 12:
        return False
    if _JOINED.compiled.fullmatch(gap) is None or not gap.strip():
        return False  # run-on dictation with nothing between: two sentences said as one
    said = body[then.start : then.end]
    return _HANDOFF.compiled.match(said) is not None


# A list row with its owner before a colon or a dash: a bullet or a number, a check box, then
# the owner ("Ana", "Dr. Farrell", "Marcus Teo", "Tomás (Kestrel)", "GIDEON", "[You]")
_ROW = LazyRegex(
    r"[ \t]*(?P<mark>(?:(?:[-*•·▪‣◦]|\d{1,2}[.)])[ \t]*)?(?:\[[ xX]?\]|[☐☑✅❌⏳])?)[ \t]*"
    r"(?P<owner>(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?[ \t]+)?(?-i:[A-Z])[\w'’.-]*"
    r"(?:[ \t]+(?-i:[A-Z])[\w'’-]*)?|\[[A-Za-z ]+\])(?P<role>[ \t]*\([^)\n]{1,40}\))?"
    r"[ \t]*(?::|[-–—→]|->)[ \t]*"
)
_HONORIFIC = LazyRegex(r"(?:Dr|Mr|Mrs|Ms|Prof)\.?\s", re.IGNORECASE)
_SELF = frozenset(
    {"me", "i", "you", "[you]", "[me]", "us", "we", "mine", "my", "our", "myself", "self",
     "me/us", "todo", "to-do", "to do", "next", "note", "notes", "action", "follow"}
)  # fmt: skip


def others_rows_dropped(
    tasks: list[TaskFound], body: str, users: Collection[str]
) -> list[TaskFound]:
    """Family: a list row given to someone else by name is that person's step; the owner's
    name read as a title is no task."""
    users = {u.lower() for u in users if u}
    if not _owners_marked(body, users):
        return tasks  # "- Deb K: send the contract back" in a to-do list: whom it concerns
    keep: list[TaskFound] = []
    for task in tasks:
        line = body.rfind("\n", 0, task.start) + 1
        row = _ROW.compiled.match(body, line)
        if row is not None and not task.promised and _someone_else(row, body, users):
            step = body[row.end() : row.end() + 40].split()
            owner_only = task.start < row.end("owner") and task.end <= row.end()
            if owner_only or (
                task.start >= row.start("owner") and step and base_verb(step[0]) is not None
            ):
                continue
        keep.append(task)
    return keep


# a line's label in capitals, not an owner: "TODO: call Stan", "NOTE - ...", "ASAP: ..."
_LABELS = frozenset(
    {"todo", "to-do", "note", "notes", "next", "fyi", "asap", "urgent", "action", "actions",
     "prep", "followup", "follow-up", "reminder", "task", "tasks", "re", "ps", "nb", "eod",
     "eow", "tbd", "q", "a", "ok", "update", "status", "done", "open", "pending"}
)  # fmt: skip
_USER_OWNER = frozenset({"me", "i", "[you]", "[me]", "myself", "mine", "me/us"})


def _owners_marked(body: str, users: set[str]) -> bool:
    """The list gives its rows an owner: a row of the user's own ("Me: ...", "[You]: ...",
    "ME - ...", the user's name)."""
    for line in body.splitlines():
        row = _ROW.compiled.match(line)
        if row is not None:
            owner = row.group("owner").lower()
            if owner in _USER_OWNER or owner.split()[0] in users:
                return True
    return False


def _someone_else(row: re.Match[str], body: str, users: set[str]) -> bool:
    owner = row.group("owner")
    if not row.group("mark").strip() and not (owner.isupper() and len(owner) > 2):
        return False  # "Jen: send me the file" in a pasted chat is Jen asking the user
    words = owner.replace("[", "").replace("]", "").split()
    if owner.lower() in _SELF or words[0].lower() in _SELF:
        return False
    if any(w.lower().strip(".") in users for w in words):
        return False
    if _HONORIFIC.match(owner) or len(words) == 2 or row.group("role"):
        return True  # "Dr. Farrell", "Marcus Teo", "Tomás (Kestrel)": a person
    if owner.isupper():
        return owner.lower() not in _LABELS  # "GIDEON - confirm acreage" beside "ME - ..."
    return words[0].lower() in first_names()


# A line of a pasted chat or transcript, led by who said it: "[10:04] Ollie (service team): ",
# "00:01:02 Me: "
_SPEAKER = LazyRegex(
    r"[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*|\d{1,2}:\d\d(?::\d\d)?[ \t]+)?"
    r"(?P<who>(?-i:[A-Z])[\w'’.-]*(?:[ \t]+(?-i:[A-Z])[\w'’.-]*){0,2})"
    r"(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*:[ \t]"
)
_QUOTED_LINE = LazyRegex(r"[ \t]*>")
# the speaker's own promise ("I'll send", "we will"), not a request of the user it answers
_FIRST_PERSON = LazyRegex(
    r"\b(?:i'?ll|i\s+will|i\s+shall|we'?ll|we\s+will|i'm\s+going\s+to|we're\s+going\s+to|"
    r"let\s+me|i\s+can)\b",
    re.IGNORECASE,
)
_ASKED = LazyRegex(r"\b(?:can|could|would|will)\s+(?:you|u)\b|\bplease\b|\bpls\b", re.IGNORECASE)


def others_promises_dropped(
    tasks: list[TaskFound], body: str, users: Collection[str]
) -> list[TaskFound]:
    """Family: what someone else says they will do is their promise, not the user's: a line
    of older mail quoted with ">", a line another speaker wrote in a pasted chat that has the
    user's own lines ("Me: ...")."""
    users = {u.lower() for u in users if u}
    speakers = None
    keep: list[TaskFound] = []
    for task in tasks:
        if task.promised:
            line = body.rfind("\n", 0, task.start) + 1
            if _QUOTED_LINE.compiled.match(body, line):
                continue
            said = _SPEAKER.compiled.match(body, line)
            own = body[line : task.end]
            if (
                said is not None
                and said.end() <= task.start
                and _FIRST_PERSON.search(own) is not None
                and _ASKED.search(own) is None
            ):
                if speakers is None:
                    speakers = _user_speaks(body)
                who = said.group("who").lower()
                if speakers and who not in _USER_OWNER and who.split()[0] not in users:
                    continue
        keep.append(task)
    return keep


def _user_speaks(body: str) -> bool:
    for line in body.splitlines():
        said = _SPEAKER.compiled.match(line)
        if said is not None and said.group("who").lower() in _USER_OWNER:
            return True
    return False


# "Send" put before a phrase with no verb of its own ("Me: lease terms by Fri" -> "Send lease
# terms"): wrong when the phrase says something of its own
_OWN_VERB = LazyRegex(
    r"\s(?:has|have|is|are|was|were|land|lands|arrive|arrives|arrived|starts|ends|works)\b",
    re.IGNORECASE,
)
# the household line of a note, not a thing: "Wife Selin + girls Defne 12"
_HOUSEHOLD = LazyRegex(
    r"(?:wife|husband|hubby|partner|fianc[ée]e?|kids?|girls|boys|sons?|daughters?|twins|dog|cat)\b",
    re.IGNORECASE,
)
_HANGING = LazyRegex(r"(?:and|but|so|that|or)\s", re.IGNORECASE)
_ASIDE = LazyRegex(r"\([^)]*\)?")
_SUBORDINATE = LazyRegex(
    r"\b(?:before|after|once|when|until|till|while|because|since|if|as\s+soon\s+as)\b",
    re.IGNORECASE,
)


def _said_not_sent(task: TaskFound, body: str) -> bool:
    if not task.title.startswith("Send "):
        return False
    said = body[task.start : task.end].strip()
    words = said.split()
    if not words or base_verb(words[0]) is not None or words[0].lower() == "have":
        return False  # "send the deck", "have the quote to him by Fri": a verb of handing over
    if said.endswith("?") and _ASKED.search(said) is None:
        return True
    # the phrase's own words: not an aside in brackets, not a clause of time after it ("a demo
    # flight before they leave (their return is the 20th)")
    head = _SUBORDINATE.compiled.split(_ASIDE.sub(" ", said), maxsplit=1)[0].split(",")[0]
    return (
        _HANGING.match(said) is not None
        or _HOUSEHOLD.match(said) is not None
        or _OWN_VERB.search(head) is not None
    )


# The closed vocabulary of a work tool's record: an activity's type, a status, a priority, a
# direction. Said as a field's whole value it names the record, it asks nothing.
_RECORD_VALUES = frozenset(
    {"call", "phone call", "email", "e-mail", "mail", "meeting", "task", "note", "visit", "text",
     "sms", "chat", "letter", "callback", "call back", "follow up", "follow-up", "to do", "todo",
     "open", "closed", "done", "complete", "completed", "not started", "in progress", "pending",
     "waiting", "on hold", "deferred", "cancelled", "canceled", "scheduled", "new", "resolved",
     "high", "medium", "normal", "low", "urgent", "inbound", "outbound", "incoming", "outgoing"}
)  # fmt: skip
# what stands before a field's value: a table cell's bar, or a record's label ("Status:",
# "Activity type -", "Priority =")
_FIELD_BEFORE = LazyRegex(
    r"(?:\||\b(?:activity(?:\s+type)?|type|status|stage|state|priority|outcome|result|direction|"
    r"channel|category|kind|owner|assigned(?:\s+to)?|assignee)\s*[:=\-–—]{1,2})\s*$",
    re.IGNORECASE,
)
_FIELD_AFTER = LazyRegex(r"[ \t]*(?:\n|$|\||[-–—]\s|[,;(])")
# a log entry's heading (its time or day after it) or a record's (its number): "UPDATE 4pm:",
# "EDIT Mon 9:30 -", "ORDER #2291 —", "Ticket #4471:" (capitals are lowered before the stage)
_WHEN = (
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\w*\.?|"
    r"noon|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
)
_LOG_HEADING = LazyRegex(
    rf"(?:update|upd|edit|edited|addendum|correction|later)(?:[ \t]+{_WHEN}){{1,3}}"
    r"|(?:order|ticket|case|job|po|wo|ref|invoice|quote|request|req)[ \t]*#[ \t]*\w+",
    re.IGNORECASE,
)
_LABEL_AFTER = LazyRegex(r"[ \t]*(?::|[-–—]\s)")


def record_fields_dropped(tasks: list[TaskFound], body: str) -> list[TaskFound]:
    """Family: a field of a record copied out of a work tool is no task: a title that runs
    across a table's cells, a field whose value is the record's type or status, a log entry's
    or a record's heading."""
    return [t for t in tasks if not _record_field(t, body)]


def _record_field(task: TaskFound, body: str) -> bool:
    said = body[task.start : task.end]
    if " | " in said or "\t" in said.strip():
        return True  # "Bree L. | Status": two cells of a table row
    line = body.rfind("\n", 0, task.start) + 1
    before = body[line : task.start]
    value = " ".join(said.lower().strip(" .,;:!").split())
    if value in _RECORD_VALUES:
        after = _FIELD_AFTER.compiled.match(body, task.end) is not None
        if after and _FIELD_BEFORE.search(before) is not None:
            return True
    if before.strip(" \t-*•") == "":
        heading = _LOG_HEADING.compiled.fullmatch(said.rstrip(" .,"))
        if heading is not None and _LABEL_AFTER.compiled.match(body, task.end) is not None:
            return True
    return False


# words that say nothing of what the work is: handing over, asking, time, the people
_PLAIN = frozenset(
    {"send", "sending", "sent", "have", "give", "get", "take", "bring", "make", "email", "mail",
     "call", "text", "ring", "phone", "let", "know", "need", "needs", "like", "want", "wants",
     "would", "could", "should", "shall", "will", "also", "just", "some", "chance", "mind",
     "then", "them", "they", "their", "there", "this", "that", "these", "those", "with", "from",
     "into", "about", "before", "after", "your", "yours", "ours", "what", "when", "which",
     "able", "today", "tonight", "tomorrow", "week", "next", "first", "last", "again", "please",
     "thanks", "thank", "over", "back", "soon", "asap", "love", "happy", "sure", "okay", "great",
     "here", "more", "does", "both", "each", "monday", "tuesday", "wednesday", "thursday",
     "friday", "saturday", "sunday", "morning", "afternoon", "evening"}
)  # fmt: skip
# a lower-case word (a name, a month, a contraction says nothing of the work)
_WORDS = LazyRegex(r"(?<![\w'’])[a-z][a-z-]{3,}(?![\w'’])")


def _content(text: str) -> set[str]:
    words = (w.rstrip("s") for w in _WORDS.findall(text))
    return {w for w in words if len(w) >= 4 and w not in _PLAIN and w + "s" not in _PLAIN}


# a request of the user in someone's message: "could you", "pls", "any chance you could"
_ASKED_OF_USER = LazyRegex(
    r"\b(?:can|could|would|will)\s+(?:you|u)\b|\b(?:please|pls|plz|kindly|any\s+chance)\b",
    re.IGNORECASE,
)


def answered_requests_merged(tasks: list[TaskFound], body: str) -> list[TaskFound]:
    """Family: a request made of the user in a pasted message, answered in another line by the
    user's promise of the same thing (a word of what the work is said in both), is that
    promise: the request is dropped, its day kept when the promise has none."""
    promises = [t for t in tasks if t.promised]
    if not promises:
        return tasks
    keep: list[TaskFound] = []
    for task in tasks:
        if not task.promised and task.kind == "todo":
            line = body.rfind("\n", 0, task.start) + 1
            asked = body[line : task.end]
            if _ASKED_OF_USER.search(asked) is not None:
                what = _content(asked)
                answer = next(
                    (
                        p for p in promises
                        if body.rfind("\n", 0, p.start) + 1 != line
                        and what & _content(body[p.start : p.end])
                    ),
                    None,
                )  # fmt: skip
                if answer is not None:
                    answer.due = answer.due or task.due
                    continue
        keep.append(task)
    return keep


_DONE_WORDS = (
    r"(?:done|completed?|finished|cancel+ed|dropped|closed|resolved|sent|paid|booked|sorted|"
    r"handled)"
)
# a row's mark of done or cancelled before it: "DONE: ...", "- [-] cancelled - ...", "✔ ...";
# a mark after it: "... (done)", "... - sent", "... ✓"
_DONE_BEFORE = LazyRegex(
    r"[ \t]*(?:[-*•·][ \t]*)?(?:\[[ xX]?\][ \t]*)?"
    r"(?:(?:(?:done|completed?|finished|cancel+ed|dropped|closed|resolved)[ \t]*[:\-–—!)\]]|"
    r"\[-\]|\[(?:done|x)\]|[✔✓☑✅✗✘❌])[ \t:\-–—]*)+",
    re.IGNORECASE,
)
_DONE_AFTER = LazyRegex(
    rf"[^\S\n]*(?:(?:[-–—:,;|][^\S\n]*|[(\[][^\S\n]*|#){_DONE_WORDS}\b[)\]]?|[✔✓☑✅✗✘]+)"
    r"[^\S\n.!]*[.!]*[^\S\n]*(?:\n|$)",
    re.IGNORECASE,
)
# an Obsidian callout's type ("> [!note] ...", "> [!info]- ...") taken for the verb of a title
_CALLOUT = LazyRegex(
    r"(?:note|info|tip|hint|abstract|summary|tldr|quote|example|warning|caution|important|"
    r"question|success|failure|danger|bug)\]",
    re.IGNORECASE,
)


def done_rows_dropped(tasks: list[TaskFound], body: str) -> list[TaskFound]:
    """Family: a row the writer marked done or cancelled (a word or a sign before it or after
    it), and a callout's type read as a title, are nothing left to do."""
    keep: list[TaskFound] = []
    for task in tasks:
        line = body.rfind("\n", 0, task.start) + 1
        said = body[task.start : task.end]
        if _CALLOUT.compiled.match(said) is not None:
            continue
        mark = _DONE_BEFORE.compiled.match(body, line)
        if mark is not None and mark.end() >= task.start:
            continue
        if (
            _DONE_AFTER.compiled.match(body, task.end) is not None
            or _DONE_AFTER.compiled.search(said.rstrip()) is not None
        ):
            continue
        keep.append(task)
    return keep


# a heading that lists a meeting's topics: "Agenda:", "## Agenda", "**Agenda (from Gretchen):**"
_AGENDA = LazyRegex(
    r"[ \t]*(?:#+[ \t]*)?(?:\*\*)?[ \t]*(?:meeting[ \t]+)?agenda\b", re.IGNORECASE, needs="agenda"
)
_LIST_ROW = LazyRegex(r"[ \t]*(?:[-*•·▪‣◦]|\d{1,2}[.)]|\[[ xX]?\]|☐)")
# a request or a promise said in the row: an agenda row can hold the user's task
_CUE = LazyRegex(
    r"\b(?:can|could|would|will)\s+(?:you|u)\b|\b(?:please|pls|plz|kindly|asked\s+(?:me|us)|"
    r"i'?ll|i\s+will|we'?ll|me\s+to|todo|to\s+do|action)\b|\bme\s*:|→|->",
    re.IGNORECASE,
)
_LINK_AFTER = LazyRegex(
    r"[ \t]*[:\-–—|]?[ \t]*(?:https?://|www\.|[\w-]+\.(?:com|io|me|co|net|org|app|ly)/)",
    re.IGNORECASE,
    needs="http www .com/ .io/ .me/ .co/ .net/ .org/ .app/ .ly/",
)
# a ticket's or a board's comment by someone named: "Comment (Kai Berg):", "Reply from Ana:",
# "Kai Berg commented:"
_COMMENT = LazyRegex(
    r"[ \t]*(?:(?:comment|reply|response)s?[ \t]*(?:\((?P<a>[^)\n]{2,40})\)|"
    r"(?:from|by)[ \t]+(?P<b>[\w.'’-]+(?:[ \t]+[\w.'’-]+)?))|"
    r"(?P<c>(?-i:[A-Z])[\w.'’-]*(?:[ \t]+(?-i:[A-Z])[\w.'’-]*)?)[ \t]+(?:commented|replied))"
    r"[ \t]*(?:\d{1,2}:\d\d[ \t]*(?:am|pm)?)?[ \t]*:",
    re.IGNORECASE,
    needs="comment reply replied response",
)


def not_the_users_work_dropped(
    tasks: list[TaskFound], body: str, users: Collection[str]
) -> list[TaskFound]:
    """Family: in text copied from a work tool, an agenda's topic, a signature's link and a
    colleague's comment on a ticket are no task of the user's (a row that asks the user or
    that the user promises in stays one)."""
    low = body.lower()
    links = _holds(low, _LINK_AFTER)
    agenda = _holds(low, _AGENDA)
    comments = _holds(low, _COMMENT)
    if not (links or agenda or comments):
        return tasks
    users = {u.lower() for u in users if u}
    keep: list[TaskFound] = []
    for task in tasks:
        start = body.rfind("\n", 0, task.start) + 1
        end = body.find("\n", task.end)
        line = body[start : end if end >= 0 else len(body)]
        if links and _LINK_AFTER.compiled.match(body, task.end) is not None:
            continue
        if (agenda or comments) and _CUE.search(line) is None:
            if agenda and _under_agenda(body, start, line):
                continue
            said = _COMMENT.compiled.match(line) if comments else None
            if said is not None and said.end() <= task.start - start:
                who = (said.group("a") or said.group("b") or said.group("c") or "").lower()
                if who and who not in _SELF and who.split()[0] not in users:
                    continue
        keep.append(task)
    return keep


def _under_agenda(body: str, start: int, line: str) -> bool:
    """The line is an agenda's ("Agenda: a, b") or a row of the list under one."""
    if _AGENDA.compiled.match(line) is not None:
        return True
    if _LIST_ROW.compiled.match(line) is None:
        return False
    pos = start
    while pos > 0:
        above = body.rfind("\n", 0, pos - 1) + 1
        text = body[above : pos - 1]
        if _AGENDA.compiled.match(text) is not None:
            return True
        if not text.strip() or _LIST_ROW.compiled.match(text) is None:
            return False  # a blank line or a line of prose ends the list
        pos = above
    return False


# a task taken back right after it, on its line: "? no - leave it", ", scratch that", "... nvm"
_TAKEN_BACK = LazyRegex(
    r"[^\S\n]*[?.!,;:)]*[^\S\n]*(?:[-–—.…]+[^\S\n]*)?(?:(?:no|nah|nope)\b[^\S\n]*[-–—,.:;!]+"
    r"[^\S\n]*(?:leave\s+it|skip\s+it|not\s+needed|don'?t|no\s+need|forget\s+it)|"
    r"scratch\s+that|never\s*mind|nvm|forget\s+(?:it|that)|not\s+needed\s+after\s+all|"
    r"no\s+need\b)",
    re.IGNORECASE,
    needs="leave skip needed don no scratch never nvm forget",
)
_RETRACTED = LazyRegex(
    r"[,;.]?\s*(?:[-–—.…]+\s*)?(?:scratch\s+that|never\s*mind|nvm|forget\s+(?:it|that))\b",
    re.IGNORECASE,
    needs="scratch never nvm forget",
)


def _taken_back(task: TaskFound, body: str, retracted: bool) -> bool:
    if _TAKEN_BACK.compiled.match(body, task.end) is not None:
        return True
    if not retracted:
        return False
    end = body.find("\n", task.start)
    return _RETRACTED.compiled.search(body, task.start, end if end >= 0 else len(body)) is not None


_STOPS = LazyRegex(r"[.!?\n]")
# a full stop that ends no sentence: a title's ("Dr.", "Sra."), an initial's ("D.")
_ABBREVIATED = LazyRegex(
    r"(?:\b(?:mr|mrs|ms|dr|sr|sra|srta|st|jr|prof|capt|mt|no|vs|etc)|\b[A-Z])$", re.IGNORECASE
)


def _sentence_start(body: str, pos: int) -> int:
    stops = [m.start() for m in _STOPS.compiled.finditer(body, max(0, pos - 400), pos)]
    for at in reversed(stops):
        if body[at] != "." or _ABBREVIATED.compiled.search(body, max(0, at - 6), at) is None:
            return at + 1
    return 0 if pos <= 400 or not stops else stops[0] + 1


# "Today I visit", "this morning we meet", "I see ... today": the present of the report
_NOW_SUBJECT = LazyRegex(
    r"\W*(?:(?:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|just\s+now)[\s,]*)?"
    r"(?:i|we)[ \t]+(?:also[ \t]+|just[ \t]+|first[ \t]+)?",
    re.IGNORECASE,
)
_NOW_ONLY = LazyRegex(
    r"\W*(?:today|this\s+(?:morning|afternoon|evening)|yesterday|just\s+now)[\s,]*", re.IGNORECASE
)
_NOW = LazyRegex(
    r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|just\s+now)\b",
    re.IGNORECASE,
)
_MEETING_VERB = LazyRegex(r"(?:meet|visit|see|attend)\b", re.IGNORECASE)
# a meeting that took place, then what it was for: "Met with Dr. X and her husband to ..."
_MET_TO = LazyRegex(
    r"\W*(?:(?:today|this\s+(?:morning|afternoon)|yesterday)[\s,]*)?(?:i\s+|we\s+)?"
    r"(?:met|visited|saw|sat\s+down|spoke|talked)\b(?P<between>[^!?\n]*)\bto\s*$",
    re.IGNORECASE,
    needs="met visited saw sat spoke talked",
)
# what makes the "to" another clause's: a subject or a modal of its own between ("saw rita
# grant i have to mail her ..." in dictation), a request ("asked me to")
_NOT_ONLY_MET = LazyRegex(
    r"\b(?:ask|asked|asks|wants?|need|needs|will|'ll|told|me\s+to|us\s+to|plan|going|i|we|he|"
    r"she|they|have|has|got|gotta|must|should|ought|used)\b",
    re.IGNORECASE,
)


# the note's opening names the call it reports: "call with the Hendricks brothers about ...",
# "Call report regarding ...", "Phone call w/ Dr. Lee -" (a "call with" given a day is to make)
_CALL_HEADING = LazyRegex(
    r"(?:(?:phone|zoom|teams|video|intro|discovery|sales|review)\s+)?(?:call|meeting|mtg|visit)"
    r"\s+(?:(?P<with>with\b|w/)|report\b|notes?\b|summary\b|recap\b|log\b)",
    re.IGNORECASE,
)


def reported_meetings_dropped(tasks: list[TaskFound], body: str) -> list[TaskFound]:
    """Family: the meeting the note reports (said in the present, with the day of the note) and
    what a meeting that took place was for are done, not to do."""
    met_to = _holds(body.lower(), _MET_TO)
    keep: list[TaskFound] = []
    for task in tasks:
        meeting = _MEETING_VERB.compiled.match(body, task.start) is not None
        opening = not body[: task.start].strip()
        if not (meeting or opening or met_to):
            keep.append(task)
            continue
        start = _sentence_start(body, task.start)
        before = body[start : task.start]
        if meeting:
            end = _SENTENCE_END.search(body, task.end)
            sentence = body[start : end.start() if end is not None else len(body)]
            subject = _NOW_SUBJECT.compiled.fullmatch(before) is not None
            first = start == 0 and _NOW_ONLY.compiled.fullmatch(before) is not None
            if (subject or first) and _NOW.search(sentence) is not None:
                continue
        heading = _CALL_HEADING.compiled.match(body, task.start) if opening else None
        if heading is not None and (heading.group("with") is None or task.due is None):
            continue  # "Call with Dana Friday to review the plan": a call still to make
        met = _MET_TO.compiled.fullmatch(before) if met_to else None
        if met is not None and _NOT_ONLY_MET.search(met.group("between")) is None:
            continue
        keep.append(task)
    return keep
