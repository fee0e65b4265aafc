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
from bisect import bisect_left
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rapport.core.understand.author import strip_author
from rapport.core.understand.mentions import first_names
from rapport.core.understand.programs import rx
from rapport.core.understand.tasks.around import (
    an_answer_without_subject,
    for_the_boss,
    users_answer_apart,
)
from rapport.core.understand.tasks.deadlines import (
    appointment_due,
    dates_in,
    deadline_of,
    deliverable_due,
    due_of,
    shares_verb,
    split_after_dates,
)
from rapport.core.understand.tasks.forms import form_items
from rapport.core.understand.tasks.model import TaskContext, TaskFound
from rapport.core.understand.tasks.requests import (
    asked_me_to,
    asked_of_you,
    requested_tasks,
    sent_back,
    terse_items,
    written_for,
)
from rapport.core.understand.tasks.rows import owned_rows
from rapport.core.understand.tasks.spoken import SPOKEN_NEED_CUE, SPOKEN_WILL_CUE
from rapport.core.understand.tasks.titles import named_object, task_kind, task_title
from rapport.core.understand.tasks.wants import wanted_by_a_day
from rapport.core.understand.tasks.words import (
    ACK,
    ADVICE,
    BARE_DATED,
    BARE_OK,
    CONDITION,
    COORD,
    DELIVERABLES,
    FOLLOW_CUE,
    GIFT_TO,
    HAVE_A_TO,
    HAVE_IT,
    HEADER,
    INTRO_TITLE,
    KEEP_ME_TOLD,
    LEAD_IN,
    LIST_AND,
    LIST_PLUS,
    LOG_HEADER,
    MEETING_KINDS,
    MEETING_NOUNS,
    NEED_CUE,
    NEEDS_OBJECT,
    NEGATED,
    NOT_NOW,
    NOT_OURS,
    NOUN_BEFORE_FOR,
    NOUN_NEXT,
    OBJECT_STARTS,
    OTHERS_ACTION,
    OWN_CUE,
    PAST_START,
    PROMISE_CUE,
    SEPARATORS,
    SUBJECTS,
    TAKES_THING,
    THEIR_CUE,
    THEIRS,
    WILL_CUE,
    base_verb,
    delegated,
    new_subject,
    runon_pieces,
)
from rapport.core.understand.text import LazyRegex, Span, split_spans
from rapport.core.understand.wordlists import word_list

if TYPE_CHECKING:
    from rapport.core.understand.dates.find import DateMention

__all__ = ["TaskContext", "TaskFound", "find_tasks"]

_ME = LazyRegex(r"\bme\b", re.IGNORECASE)
_SYMBOLS = LazyRegex(r"^[^\w\s\"'(]+\s*")
_ABOUT = LazyRegex(r"\s(?:re|RE|Re):\s")
# Family: a hashtag opening a line or a clause ("#order wants ...", "#personal wife Kayleigh",
# "#followup drop off the samples"): the note's label for what follows
_HASHTAG = LazyRegex(r"^#[\w-]+[:\s]\s*")


def find_tasks(sentences: list[Span], ctx: TaskContext) -> list[TaskFound]:
    sentences = _time_rejoined(
        [piece for sentence in sentences for piece in runon_pieces(sentence)], ctx
    )
    tasks = _all_tasks(sentences, ctx)
    tasks += requested_tasks(sentences, ctx.dates, tasks, TaskFound)
    tasks += asked_of_you(sentences, ctx.dates, tasks, TaskFound, ctx.mine)
    tasks += terse_items(sentences, ctx.dates, tasks, TaskFound)
    tasks += owned_rows(ctx.body, ctx.dates, tasks, TaskFound)
    tasks += wanted_by_a_day(ctx.body, ctx.dates, tasks, TaskFound)
    users = written_for(sentences)
    asked = asked_me_to(sentences, ctx.dates, tasks, TaskFound, users)
    for task in asked:
        # Family: a request made of the user names whom it concerns like the note's own tasks
        # ("asked me to intro him to our CFO" -> "Intro Tom to our CFO"): on the task list,
        # away from the note, a pronoun names no one; "them" is not the one person who asked
        if _ASKER_PRONOUN.search(task.title):
            task.title = named_object(task.title, ctx, task.start, users)
    tasks += asked
    tasks += sent_back(sentences, ctx.dates, tasks, TaskFound)
    tasks = _by_form(tasks, ctx)
    tasks.sort(key=lambda t: t.start)
    if ctx.turns:
        # in a thread or an e-mail the other side wrote, what it says it will do is its promise,
        # not the user's; what it asks for ("can you send the invoice by fri") stays the user's
        tasks = [
            t for t in tasks
            if not (t.promised and any(a < t.start < b for a, b in ctx.turns))
        ]  # fmt: skip
    if ctx.turns:
        tasks = _answered_in_the_next_turn(tasks, ctx)
    tasks = [t for t in tasks if not _SPEECH.match(ctx.body, t.start)]
    tasks = [t for t in tasks if not _PERMISSION.search(ctx.body, t.start, t.end)]
    tasks = [t for t in tasks if not (ctx.mine(t.start) and _reply_not_promise(t, ctx.body))]
    tasks = [t for t in tasks if not (ctx.mine(t.start) and _told_them(t, ctx.body))]
    tasks = [t for t in tasks if not _DONE_MARK.search(ctx.body, 0, t.start)]
    for task in tasks:
        if task.due is None and task.kind == "gift":
            task.due = _occasion_due(task, ctx)
    _later_deadlines(tasks, ctx)
    tasks = _said_twice_merged(tasks)
    tasks = _follow_through_merged(tasks, ctx.body)
    tasks = [t for t in tasks if not _a_heading(t, ctx)]
    tasks = _outside_records(tasks, ctx)
    if not ctx.quoted:
        return _sender_named(tasks, ctx)
    # Someone else's words in quotes ("'pls call me re the closing'") are the user's task only
    # when the note does not say it in its own words ("call her asap").
    inside = [t for t in tasks if _quoted(ctx, t.start)]
    # ("re-send" and "resend" are one verb)
    own_verbs = {
        t.title.split()[0].lower().replace("-", "") for t in tasks if t not in inside and t.title
    }
    keep: list[TaskFound] = []
    for task in tasks:
        if task in inside:
            if not task.title or task.title.split()[0].lower().replace("-", "") in own_verbs:
                continue
            who = ctx.inbound_from or ctx.contact_before(task.start)
            if who:
                task.title = _ME.sub(who, task.title, count=1)
        keep.append(task)
    return _sender_named(keep, ctx)


def _by_form(tasks: list[TaskFound], ctx: TaskContext) -> list[TaskFound]:
    """The rows and owner-tagged items of a form (``forms.py``): another owner's are not the
    user's; the user's get the deadline their column or part says, and are to-dos without a
    verb too."""
    items = form_items(ctx.body)
    if not items:
        return tasks
    tasks = sorted(tasks, key=lambda t: t.start)
    starts = [t.start for t in tasks]
    in_items: set[int] = set()  # the tasks said inside a row or an item, by index
    kept_in: list[TaskFound] = []
    for item in items:
        row = range(bisect_left(starts, item.start), bisect_left(starts, item.end))
        in_items.update(row)
        if not item.mine:
            continue
        # the row's other cells say whose and when, never a to-do of their own
        inside = [
            tasks[k] for k in row if item.item.start <= tasks[k].start < item.item.end
        ] or _tasks_in_piece(item.item, ctx, "list")
        due = due_of(dates_in(ctx.dates, item.due.start, item.due.end)) if item.due else None
        for task in inside:
            task.due = task.due or due
        kept_in += inside
    return [t for k, t in enumerate(tasks) if k not in in_items] + kept_in


_CONTACT_ME = LazyRegex(
    r"^(call|ring|phone|email|e-mail|text|send|ping|message|get\s+back\s+to)\s+me\b", re.I
)


def _sender_named(tasks: list[TaskFound], ctx: TaskContext) -> list[TaskFound]:
    """The sender's own words in a voicemail or a message: "call me back", "email me a quote"
    is the sender ("Call Rowan back")."""
    if ctx.inbound_from:
        for task in tasks:
            if not task.promised and not ctx.mine(task.start):
                task.title = _CONTACT_ME.sub(rf"\1 {ctx.inbound_from}", task.title, count=1)
    for task in tasks:
        # "Bryce: ping me after Labor Day" in a thread: the speaker ("Ping Bryce")
        said = _SPEAKER.match(ctx.body, ctx.body.rfind("\n", 0, task.start) + 1)
        if (
            said is not None
            and said.end() <= task.start
            and not task.promised
            and said.group("who").lower() not in ("me", "you")
        ):
            task.title = _CONTACT_ME.sub(rf"\1 {said.group('who')}", task.title, count=1)
    return tasks


_ASKER_PRONOUN = LazyRegex(r"\b(?:him|her)\b", re.IGNORECASE)
_SPEAKER = LazyRegex(r"(?:\[[^\]\n]*\]\s*)?(?P<who>(?-i:[A-Z][a-z]+))(?:\s+[A-Z][a-z]+)?:\s")


def _answered_in_the_next_turn(tasks: list[TaskFound], ctx: TaskContext) -> list[TaskFound]:
    """Family: a request in a thread answered by the user's promise in the next turn ("can you
    get a tech out before Thursday?" / "yes, I'll have someone there Wednesday"): one task, the
    promise, with the user's own words and day."""
    turns = sorted(ctx.turns)
    kept: list[TaskFound] = []
    folded: set[int] = set()  # answers that only say when ("yes, tonight" -> "Send")
    for task in tasks:
        if id(task) in folded:
            continue
        turn = next(((a, b) for a, b in turns if a < task.start < b), None)
        if turn is not None and not task.promised:
            later = [t for t in tasks if t.start >= turn[1]]
            answer = later[0] if later else None
            between = any(turn[1] <= a < (answer.start if answer else 0) for a, _ in turns)
            if answer is not None and answer.promised and ctx.mine(answer.start) and not between:
                if len(answer.title.split()) > 1:
                    continue
                task.due, task.promised = answer.due or task.due, True  # the request, as promised
                folded.add(id(answer))
        kept.append(task)
    return kept


# Family: the user's own chat replies ("that's awesome, go Lily!", "noted", "what kind?",
# "glad he's ok"): a reply is a promise only when it says one ("I'll send...", "on it") or
# names a thing with its day ("revised proof - Wed 3pm").
_SENDING = LazyRegex(
    r"\b(?:send|sending|sent|e-?mail|mail|forward|share|get|ship|drop|bring|have|on\s+it|"
    r"will\s+do)\b",
    re.IGNORECASE,
)


# Family: a checklist pasted from a notes app ("- [ ] send the invoice", "[ ] crane for May 4",
# "* [ ] call Earl on the 20th"): an open box is one of the user's to-dos
_OPEN_BOX = LazyRegex(r"^[-*•]?[ \t]*\[[ \t]?\][ \t]*")


# Family: a task list exported from a CRM or a tracker, each line opening with its status in
# brackets ("[open] Send financing options - due 03/18", "[done] Send specs", "[x] bio sent",
# "[ ] calendar holds", "[In progress] site survey"): an open one is a to-do, verb or not; a
# closed one was done
_STATUS_BOX = LazyRegex(r"^[-*•]?[ \t]*\[[ \t]*(?P<status>[^\]\n]{0,14}?)[ \t]*\][ \t]*")
_DONE_STATUS_WORDS = frozenset(
    {"x", "done", "closed", "complete", "completed", "finished", "sent", "won", "lost", "✓", "✔"}
)

_OPEN_STATUS_WORDS = frozenset(
    {"open", "todo", "to do", "to-do", "pending", "new", "in progress", "not started", "next",
     "overdue", "due", "active", "waiting"}
)  # fmt: skip

# Family: a list item marked done ("✔ reset the shelf", "[x] samples sent", "~~call Bo~~")
# is what was done at the visit, not a to-do
_DONE_MARK = LazyRegex(r"(?:^|\n)[ \t]*(?:[-*•][ \t]*)?(?:[✔✓☑✅]|\[[xX]\]|~~)[^\n]*$")


_OTHER_THING = LazyRegex(r"\s(?:and|&|\+)\s|,")


def _said_twice_merged(tasks: list[TaskFound]) -> list[TaskFound]:
    """Family: one thing asked and then promised ("can you send the forms?" ... "I'll send
    them tonight") is one task, with the day either gave."""
    kept: list[TaskFound] = []
    for task in tasks:
        title = task.title.lower()
        same = next((k for k in kept if k.title.lower() == title), None)
        if same is None and " " not in title:
            # "can you send the CE info?" ... "yes, tonight" read as a bare "Send": the
            # answer gives the request its day
            same = next((k for k in reversed(kept) if k.title.lower().split()[0] == title), None)
        if same is None and task.promised and len(title.split()) > 2:
            # "can you send us the updated schedule?" ... "I'll send the updated schedule
            # tonight": the request answered by the user's promise, in the promise's words
            thing = title.split(" ", 1)[1]
            asked = next((k for k in kept if not k.promised and thing in k.title.lower()), None)
            if asked is not None and _OTHER_THING.search(asked.title.lower().replace(thing, " ")):
                asked = None  # "the W-9 and the COI" asked, the COI promised: the W-9 stays
            if asked is not None:
                kept.remove(asked)
                task.due = task.due or asked.due
        if same is None:
            kept.append(task)
        elif same.due is None:
            same.due = task.due
    return kept


# Family: an order in the user's own message of a pasted thread ("Me: file it w/in 24 hrs",
# "Me: turn off the valve under it tonight", "Me: sure, call the office and ask for Deb"): what
# the user tells the other side to do. "Me: will confirm by tmrw", "Me: I'll ship it today",
# "Me: call you at 3" are the user's. An order opens with a verb: a task verb, or a word that
# takes a particle or a thing after it ("turn off", "keep an eye out").
_TURN_LEAD = LazyRegex(
    r"(?:[^\n]*?[ \t\]])?(?:me|you)[ \t]*:[ \t,!.-]*(?:(?:ok(?:ay)?|k|np|sure|yes|yep|great|"
    r"perfect|thanks|thx|ty|no\s+problem|of\s+course|glad\s+[^.!?\n]*)\b[ \t,!.-]*)*",
    re.IGNORECASE,
)
_TO_YOU = LazyRegex(r"\b(?:you|u|ya|i|i'll|i'd|we|we'll|will)\b", re.IGNORECASE)
_VERB_NEXT = word_list("tasks.find._VERB_NEXT")


def _told_them(task: TaskFound, body: str) -> bool:
    line = body.rfind("\n", 0, task.start) + 1
    lead = _TURN_LEAD.compiled.match(body, line)
    if lead is None or lead.end() > task.start:
        return False
    words_ = body[lead.end() : body.find("\n", lead.end()) % (len(body) + 1)].lower().split()
    if not words_ or _TO_YOU.search(body[lead.end() : task.end]):
        return False
    first = words_[0].strip(",.!")
    return base_verb(first) == first or (len(words_) > 1 and words_[1] in _VERB_NEXT)


def _reply_not_promise(task: TaskFound, body: str) -> bool:
    said = body[task.start : task.end]
    # "revised proof - Wed 3pm": a thing with its day is a promise all the same
    return task.title.startswith("Send ") and task.due is None and _SENDING.search(said) is None


# Words said to someone, not a to-do: "Thank you for meeting with me", "Thank you," over a
# signature, "Writing on behalf of Mr. Lassiter", "Sabrina, meet Pat Quinlan" (an introducer
# speaking to both)
_SPEECH = LazyRegex(
    r"(?:thank\s+you\b(?!\s+(?:note|card|letter|gift|basket|email|e-mail|call)s?\b)"
    r"|writing\s+(?:on\s+behalf|to\s+(?:let|ask|follow))"
    # well-wishes in a message: "Give my best to Helen", "say hi to the kids for me"
    r"|give\s+my\s+(?:best|love|regards)|say\s+(?:hi|hello)\s+to\b"
    # greetings passed on: "tell her congrats", "tell Sam happy birthday from me"
    r"|tell\s+\w+\s+(?:i\s+said\s+)?(?:congrats|congratulations|happy\s+\w+|good\s+luck|hi\b|"
    r"hello|thanks|thank\s+you|welcome\s+back|get\s+well)"
    # a sign-off: "Talk soon", "speak to you soon", "see you Friday!", "take care"
    r"|(?:talk|speak|chat)\s+(?:to\s+you\s+)?(?:soon|later)\b|see\s+you\s+(?:soon|then)\b"
    r"|take\s+care\b"
    r"|(?<=[,:]\s)meet\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)
# Family: a permission or a reassurance given to the reader ("please do not feel obliged to
# reply", "no need to call back", "feel free to text me", "don't hesitate to ask"): nothing
# for the user to do
_PERMISSION = LazyRegex(
    r"\b(?:(?:do\s+not|don't|dont|never)\s+(?:feel\s+(?:obliged|obligated|you\s+have)|"
    r"hesitate|worry)|feel\s+free|no\s+(?:need|rush|pressure|obligation)\s+to|"
    r"(?:there's|there\s+is)\s+no\s+(?:need|rush))\b",
    re.IGNORECASE,
)
# "check with our events manager and get back to you tomorrow", "call the utility tomorrow and
# update you": the answer that closes the task before it, not a task of its own
_CLOSES = LazyRegex(
    r"(?:get\s+back\s+to|update|circle\s+back\s+(?:to|with)|report\s+back\s+to)\s+"
    r"(?:you|him|her|them)\b",
    re.IGNORECASE,
)


def _follow_through_merged(tasks: list[TaskFound], body: str) -> list[TaskFound]:
    kept: list[TaskFound] = []
    for task in tasks:
        before = kept[-1] if kept else None
        joined = before is not None and rx(r"[\s,]*(?:and|&|\+|then)?\s*").fullmatch(
            body[before.end : task.start]
        )
        if before is not None and joined and _CLOSES.match(task.title):
            before.due = before.due or task.due
            continue
        kept.append(task)
    return kept


def _quoted(ctx: TaskContext, pos: int) -> bool:
    return any(start < pos < end for start, end in ctx.quoted)


def _all_tasks(sentences: list[Span], ctx: TaskContext) -> list[TaskFound]:
    tasks: list[TaskFound] = []
    seen: set[str] = set()
    block = False  # inside the lines under a "Next steps:" heading
    mine = {m.group("alias") for m in _ME_ALIAS.finditer(ctx.body)}
    owners = bool(mine) or _OWNER_HEADING.search(ctx.body) is not None
    line_cue, line_end = "", -1  # "ME: quote - Thurs; schedule - 2/19": the owner holds the line
    side = ""  # under a side's heading alone on its line ("THEM", "Me:"): whose lines follow
    side_items: bool | None = None  # whether that side's lines are bulleted
    for sentence in sentences:
        if FOLLOW_CUE.fullmatch(sentence.text) and ctx.body[sentence.end : sentence.end + 1] == ":":
            block = True  # "Next steps:" alone on its line: the lines under it are to-dos
            continue
        # (in a pasted thread "Me:" is who speaks, its words maybe quieted away: no heading)
        field = _DUE_FIELD.match(sentence.text)
        if field is not None and ctx.body[max(0, sentence.start - 1) : sentence.start] in (
            "",
            "\n",
        ):
            # "Next step due: 06/19/2026" under "Next step: Send rack layout": the date of the
            # task on the lines just before, no to-do of its own
            due = due_of(dates_in(ctx.dates, sentence.start, sentence.end))
            last = tasks[-1] if tasks else None
            near = last is not None and ctx.body.count("\n", last.end, sentence.start) <= 2
            if last is not None and near and last.due is None:
                last.due = due
            continue
        owner = "" if ctx.turns else _side_heading(ctx.body, sentence)
        if owner:
            side, side_items = owner, None
            continue
        # the side's lines go on to a blank line, or to an unbulleted line after its items
        if side:
            at = max(0, ctx.body.rfind("\n", 0, sentence.start))
            item = _BULLET_BEFORE.search(ctx.body, at, sentence.start) is not None
            side_items = item if side_items is None else side_items
            side = side if _next_line(ctx.body, sentence.start) and item >= side_items else ""
        if _MAIL_HEADER.match(sentence.text) and ctx.body[sentence.start - 1 : sentence.start] in (
            "",
            "\n",
        ):
            continue  # "Subject: Recap of today's water test": the mail's header, no to-do
        block = block and _next_line(ctx.body, sentence.start)
        block = block and not _new_section(ctx.body, sentence)
        carried = "list" if block else ""
        status = _STATUS_BOX.match(sentence.text)
        if status is not None and status.group("status").lower() in _DONE_STATUS_WORDS:
            continue  # "[done] Send monitor specs", "[x] bio sent": what was done already
        if status is not None and status.group("status").lower() not in _OPEN_STATUS_WORDS:
            status = None  # "[Me] I can do Friday": a speaker's label, not a status
        box = _OPEN_BOX.match(sentence.text) or status
        if box is not None:
            # "[ ] invoice for the deposit - today": an open checkbox is a to-do, verb or not
            sentence = Span(sentence.start + box.end(), sentence.end, sentence.text[box.end() :])
            carried = "list"
        if NOT_NOW.search(sentence.text):
            continue
        if sentence.start < line_end and line_cue:
            carried = line_cue
        elif side:
            carried = side
        agreed: date | None = None  # "Thursday works, I'll swing by": the day for what follows
        for piece in _dates_rejoined(split_spans(sentence, SEPARATORS), ctx):
            if carried == "theirs":
                break
            said = dates_in(ctx.dates, piece.start, piece.end)
            if said and _AGREED.match(piece.text.strip()):
                agreed = due_of(said)
                continue
            heading = FOLLOW_CUE.fullmatch(piece.text)
            if heading is not None:
                # "Follow up: email her the case study" is one task; "TODO: weekly update email
                # every Fri", "Action items: - pricing for the module" are to-dos without a verb
                carried = "list" if _TODO_HEADING.match(piece.text) else "follow"
                if carried == "list":  # "TODO: audit - next week; rebate paperwork - 2/6"
                    line_cue, line_end = carried, _line_end(ctx.body, piece.start)
                continue
            if _MY_STEPS.fullmatch(piece.text) and ctx.body[piece.end : piece.end + 1] == ":":
                carried = "promise"  # "Next steps on my side: I'll get you the proposal ..."
                continue
            if OWN_CUE.fullmatch(piece.text) is not None or (
                piece.text in mine and _heading_colon(ctx.body, piece)
            ):
                carried = "promise"  # "Me: fee proposal to Grant by 9/18", "I owe her: ..."
                line_cue, line_end = carried, _line_end(ctx.body, piece.start)
                continue
            speaker = any(a <= piece.end + 1 <= a + 2 for a, _ in ctx.turns)
            if _heading_colon(ctx.body, piece) and speaker and not THEIR_CUE.fullmatch(piece.text):
                # Family: "Bryce: ping me after Labor Day" in a pasted thread: the name says who
                # speaks, not whose action item it is; what they ask of the user is a to-do
                continue
            if _heading_colon(ctx.body, piece) and (
                THEIR_CUE.fullmatch(piece.text)
                or (owners and _PERSON_HEADING.fullmatch(piece.text))
                or _named_owner(piece, ctx)
            ):
                # "Them: Marco to send drawings", "- Jeff: PO by 10/16" in a note that gives each
                # side its actions: the other side's to-dos, not the user's
                carried = "theirs"
                line_cue, line_end = carried, _line_end(ctx.body, piece.start)
                break
            other = OTHERS_ACTION.match(piece.text)
            if (
                other is not None
                and (other.group("title") or other.group("name").lower() in first_names())
                and strip_author(piece.text, ctx.author) == 0
            ):
                continue  # "Dr. Brenner to check with his accountant": someone else's step
            for task in _tasks_in_piece(piece, ctx, carried):
                task.due = task.due or agreed
                key = task.title.lower()
                if key not in seen:
                    seen.add(key)
                    tasks.append(task)
    return tasks


# Family: the user named among the people present by initials or a name and "(me)" ("Present:
# Chinedu Okafor (client), KL (me), RB (our drafter)"): the action lines are given to owners,
# "KL:" the user's, "RB:" and "Chinedu:" theirs
_ME_ALIAS = LazyRegex(r"(?P<alias>\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s*\((?:me|myself)\)")


# Family: action items given to their owners ("ME: ...", "Them: ...", "- me: send ...",
# "Me — send MSA", "1. Me - packet to Monica", "- me → Barolo"): a colon, a dash or an arrow
# after the owner at the start of a line
_OWNER_HEADING = LazyRegex(
    r"(?im)^[\s\-*\d.)]*(?:me|us|them|they|my\s+side)\s*(?::|\s[-–—]\s|\s?(?:→|->|;)\s)"
)
# A person's name as a heading ("Jeff:", "Dr. K:", "Priya Shah:", "Karin/Per:", "Dr. A -")
_ONE_NAME = r"(?:(?:dr|mr|mrs|ms)\.?\s+)?[A-Z][\w'-]*\.?(?:\s+[A-Z][\w'-]*\.?)?"
_PERSON_HEADING = LazyRegex(rf"{_ONE_NAME}(?:\s*(?:/|\+|&)\s*{_ONE_NAME})*")
_AFTER_OWNER = LazyRegex(r"\s*(?::|;|[-–—](?=\s)|→|->)")  # normalise() makes an arrow ";"
_LINE_START = LazyRegex(r"(?:^|\n)[ \t]*(?:[-*•]|\d+[.)])?[ \t]*$")


# Family: the note's own heading read as a to-do: the meeting it records on its first line ("Call
# w/ Gideon Marsh 9/14", "Notes - call with the Okafor-Hales, 18 May", dated today or before or
# not at all) or what kind of record it is ("Visit report - Kessler", "Call recap:", "Site visit
# notes"). "Call with Dana Friday" is a meeting still to come.
_MEETING_HEADING = LazyRegex(r"(?:call|meeting|mtg|zoom|visit|lunch|coffee)\s+(?:with|w/)\s", re.I)
_RECORD_WORDS = frozenset({"report", "notes", "recap", "summary", "minutes", "log", "debrief"})
_HELD_WORDS = frozenset(
    {"visit", "call", "meeting", "mtg", "trip", "site", "service", "inspection", "sales",
     "discovery", "kickoff", "tasting", "walkthrough", "lunch", "demo", "tour"}
)  # fmt: skip


def _a_heading(task: TaskFound, ctx: TaskContext) -> bool:
    line = ctx.body.rfind("\n", 0, task.start) + 1
    if ctx.body[line : task.start].strip(" -*•#") and not ctx.body[line : task.start].strip(
        " -*•#"
    ).lower().startswith(("notes", "recap", "summary")):
        return False
    words = task.title.lower().split()
    head = ctx.body[:400]
    opening = len(head) - len(head.lstrip())  # where the note's first line starts
    first_line = line <= opening
    if first_line and 1 < len(words) <= 3 and words[-1].strip(":") in _RECORD_WORDS:
        return words[-2] in _HELD_WORDS  # "Visit report", "Site visit notes"; not "soil report"
    held = task.due is None or task.due <= ctx.today
    return first_line and held and _MEETING_HEADING.match(task.title) is not None


# Family: a section of the note that records, not one that assigns: the lines under
# "Decisions", "Agreed", "Parking lot", "Background", "Scope" ("- install date Jan 12 (firm)",
# "- not adding the weekend intensive") are what was settled, to-dos only as a promise said
# ("- I'll confirm the venue")
_RECORD_SECTION = LazyRegex(
    r"(?im)^[ \t#*]*(?:decisions?(?:\s+made)?|decided|agreed|agreements|parking\s+lot|background"
    r"|context|scope|discussed|discussion|key\s+points|highlights)[ \t*]*:?[ \t]*$"
)
_ITEM_LINE = LazyRegex(r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]")


def _outside_records(tasks: list[TaskFound], ctx: TaskContext) -> list[TaskFound]:
    sections: list[tuple[int, int]] = []
    for m in _RECORD_SECTION.finditer(ctx.body):
        end = at = m.end() + 1
        while at < len(ctx.body) and _ITEM_LINE.match(ctx.body, at):
            nl = ctx.body.find("\n", at)
            end = at = len(ctx.body) if nl < 0 else nl + 1
        sections.append((m.end(), end))
    if not sections:
        return tasks
    return [t for t in tasks if t.promised or not any(a <= t.start < b for a, b in sections)]


# "Next steps on my side:", "action items for our end:" (and "on your side": the client's)
_MY_STEPS = LazyRegex(
    r"(?:next\s+steps?|action\s+items?|to-?dos?|follow[\s-]?ups?)\s+(?:on|for|from)\s+"
    r"(?:my|our)\s+(?:side|end|part)",
    re.IGNORECASE,
)


# Family: a record's field that gives the deadline of the task above it, exported from a CRM or
# a tracker ("Next step due: 06/19/2026", "Due date: Fri", "Deadline: 3/4", "Task due: EOW")
_DUE_FIELD = LazyRegex(
    r"[ \t]*(?:(?:next\s+steps?|tasks?|actions?|follow[\s-]?up|items?|to-?do)\s+)?"
    r"(?:due(?:\s+(?:date|by|on))?|deadline|target\s+date|by\s+when"
    # (brief i16tr2) a CRM's or a form's date field of the step: "Follow-up date: 14/01",
    # "Next step date:", "Action date:", "Reminder date:"
    r"|(?<=steps\s)date|(?<=step\s)date|(?<=action\s)date|(?<=task\s)date|(?<=up\s)date"
    r"|(?<=-up\s)date|(?<=item\s)date|reminder\s+date|callback\s+date)\s*:",
    re.IGNORECASE,
)


# Family: a side's heading alone on its line, no colon or a colon and nothing after it
# ("THEM", "ME", "Us:", "Client side"): the lines under it, up to a blank line, are that
# side's actions
def _side_heading(body: str, sentence: Span) -> str:
    if body[max(0, sentence.start - 1) : sentence.start] not in ("", "\n"):
        return ""
    if rx(r"[ \t]*:?[ \t]*(?:\n|$)").match(body, sentence.end) is None:
        return ""
    said = sentence.text.strip().rstrip(":")
    if OWN_CUE.fullmatch(said):
        return "promise"
    return "theirs" if THEIR_CUE.fullmatch(said) or rx(r"(?i)client\s+side").fullmatch(said) else ""


def _heading_colon(body: str, piece: Span) -> bool:
    """The piece is an owner heading: a colon after it, or a dash or an arrow when it starts
    its line ("Them — Marisol sends job descriptions", "3. Dr. A - get VAC date")."""
    if body[piece.end : piece.end + 1] == ":":
        return True
    after = _AFTER_OWNER.match(body, piece.end)
    return (
        after is not None
        and body[after.end() - 1 : after.end()] != ":"
        and _LINE_START.search(body, 0, piece.start) is not None
        and _LINE_START.search(body, 0, piece.start).end() == piece.start  # type: ignore[union-attr]
    )


# Family: a list item given to someone by name and a dash ("- Leon - tag out lineset 14",
# "2. Priya – send the floor plan"): their step, even in a note with no "Me:" items
_VERB_AFTER_DASH = LazyRegex(r"\s*[-–—]\s+(?P<verb>[a-z]+)\b")
_BULLET_BEFORE = LazyRegex(r"(?:^|\n)[ \t]*(?:[-*•]|\d+[.)])[ \t]*$")
_NOT_AN_ACTION = frozenset({"the", "a", "an", "is", "was", "our", "my", "his", "her", "their"})


def _named_owner(piece: Span, ctx: TaskContext) -> bool:
    dash = _VERB_AFTER_DASH.match(ctx.body, piece.end)
    return (
        dash is not None
        and _BULLET_BEFORE.search(ctx.body, 0, piece.start) is not None  # an item, no heading
        and dash.group("verb") not in _NOT_AN_ACTION
        and rx(r"[A-Z][a-z'-]+").fullmatch(piece.text) is not None
        and piece.text.lower() in first_names()
        and strip_author(piece.text, ctx.author) == 0
    )


def _line_end(body: str, pos: int) -> int:
    end = body.find("\n", pos)
    return len(body) if end < 0 else end


# What may stand around a date that is a list item's deadline: "- by 2/19", "- Fri noon", "- EOD"
_DEADLINE_REST = LazyRegex(
    r"(?:by|due|before|at|noon|eod|eow|cob|am|pm|\d{1,2}(?::\d\d)?\s*(?:am|pm)?|[\s,.;])*"
)


_SEND_AFTER_DASH = LazyRegex(r"\s*(?:send|email|e-mail|mail|submit|deliver)\b", re.IGNORECASE)


def _blank_dates(text: str, start: int, found: list[DateMention], body: str) -> str:
    """The dates put back into a text whose date words were blanked, offsets unchanged."""
    for d in found:
        text = text[: d.start - start] + body[d.start : d.end] + text[d.end - start :]
    return text


_A_THING = LazyRegex(r"(?:a|an|the|my|our|some|his|her|their|\d+)\s", re.IGNORECASE)


def _dates_rejoined(pieces: list[Span], ctx: TaskContext) -> list[Span]:
    """A date after a dash belongs to the item before it: "revised quote - Fri noon",
    "fume hood quote - Thurs", "trial agreement to Nicole - 12/18" are one dated item each."""
    out: list[Span] = []
    for piece in pieces:
        if out and "-" in ctx.body[out[-1].end : piece.start]:
            found = dates_in(ctx.dates, piece.start, piece.end)
            rest = piece.text
            for d in reversed(found):
                rest = (
                    rest[: d.start - piece.start]
                    + " " * (d.end - d.start)
                    + rest[d.end - piece.start :]
                )
            sent = _SEND_AFTER_DASH.match(rest)
            said = out[-1].text.split(" ", 1)[0].lower()
            if said in NOT_OURS or said in PAST_START or base_verb(said) is not None:
                sent = None  # "Wants a bulk quote - send by Fri": the verb answers the want
            if sent is not None and found:
                # "workshop dates for Nov - send by Thurs": sending is what the item's implied
                # verb says already; the day after the verb is the item's deadline
                rest = " " * sent.end() + rest[sent.end() :]
            if found and _DEADLINE_REST.fullmatch(rest.lower()):
                prev = out.pop()
                text = ctx.body[prev.start : piece.start] + rest
                if sent is not None:
                    text = _blank_dates(text, prev.start, found, ctx.body)
                else:
                    text = ctx.body[prev.start : piece.end]
                out.append(Span(prev.start, piece.end, text))
                continue
        out.append(piece)
    return out


# Family: the header lines of a pasted e-mail ("Subject: Recap of today's test", "Re: pricing",
# "Fwd: quote", "Sent: Monday ..."): what the message is, never a to-do
_MAIL_HEADER = LazyRegex(r"(?:subject|re|fwd?|fw|to|from|cc|bcc|sent|date)\s*:\s", re.IGNORECASE)


# Family: a labelled line after a to-do list, with no bullet ("Personal: he's training for
# Chicago", "Other: she acts in community theater", "Notes: ..."): a new section of the note,
# so the list has ended (a bulleted "- Pricing: revised sheet" is still one of its items)
_SECTION_LABEL = LazyRegex(r"(?P<label>[A-Za-z][\w/&' -]{0,24}?)\s*:\s+\S")


def _new_section(body: str, sentence: Span) -> bool:
    if body[max(0, sentence.start - 1) : sentence.start] not in ("", "\n"):
        return False
    label = _SECTION_LABEL.match(sentence.text)
    if label is None:
        return False
    words = label.group("label")
    return not any(cue.fullmatch(words) for cue in (FOLLOW_CUE, OWN_CUE, THEIR_CUE))


def _next_line(body: str, start: int) -> bool:
    """A sentence that opens the next line of a list (no blank line before it)."""
    before = body[max(0, start - 12) : start].rstrip(" \t-*>•·0123456789.)")
    return before.endswith("\n") and not before.endswith("\n\n")


def _tasks_in_piece(piece: Span, ctx: TaskContext, carried: str = "") -> list[TaskFound]:
    if NEGATED.search(piece.text) or ADVICE.match(piece.text) or NOT_NOW.search(piece.text):
        return []
    tag = _HASHTAG.match(piece.text)
    if tag:  # "#order wants 8 lb weekly", "#followup drop off samples": a label, not a verb
        piece = Span(piece.start + tag.end(), piece.end, piece.text[tag.end() :])
    symbols = _SYMBOLS.match(piece.text)  # "🎉 countersign ..."
    if symbols:
        piece = Span(piece.start + symbols.end(), piece.end, piece.text[symbols.end() :])
    lead = LEAD_IN.match(piece.text)
    if lead:
        piece = Span(piece.start + lead.end(), piece.end, piece.text[lead.end() :])
    fronted = _fronted_date(piece, ctx)
    if fronted is not None:
        # "first thing tomorrow I need to check with dispatch": the time said before the user's
        # own words is the task's due
        rest, due = fronted
        in_rest = _tasks_in_piece(rest, ctx, carried)
        for each in in_rest:
            each.due = each.due or due
        return in_rest
    if ACK.fullmatch(piece.text.strip(" .!")):
        thing = ctx.request_before(piece.start)  # "needs a revised quote by EOD tmrw. on it"
        asked_due = ctx.request_due(piece.start)
        return (
            [TaskFound(f"Send {thing}", "promise", asked_due, piece.start, piece.end, True)]
            if thing
            else []
        )
    cond = CONDITION.match(piece.text)
    cond_due: date | None = None
    if cond:
        cond_due = due_of(dates_in(ctx.dates, piece.start, piece.start + cond.end("cond")))
        offset = cond.start("rest")
        piece = Span(piece.start + offset, piece.end, piece.text[offset:])
    topic = _ABOUT.search(piece.text)  # "Call w/ Nicole re: the party Dec 12": its topic's date
    said_end = piece.start + topic.start() if topic else piece.end
    if LOG_HEADER.match(piece.text) or (
        HEADER.match(piece.text) and not dates_in(ctx.dates, piece.start, said_end)
    ):
        return []
    parts = users_answer_apart(_noun_rejoined(split_spans(piece, COORD), ctx.body))
    found: list[TaskFound] = []
    cue = carried
    theirs = False
    for part in parts:
        if theirs and _ANSWERED.match(part.text) and dates_in(ctx.dates, part.start, part.end):
            theirs = False  # "wants 500 bait stations, ship by the 15th": the user's answer
        if theirs and _SO_BEFORE.search(ctx.body, max(0, part.start - 6), part.start):
            theirs = False  # "wants a quote for the keypad, so get him that by Monday"
        if theirs and an_answer_without_subject(part.text):
            theirs = False  # "wants a flat, will call her tomorrow" (tasks/around.py)
        if THEIRS.match(part.text) or theirs:
            theirs = True  # "want to downsize, look at condos": the client's plan
            continue
        own = strip_author(part.text, ctx.author)
        if own:  # "Jordan to send the answers by EOW", written by Jordan: "I'll send ..."
            part, cue = Span(part.start + own, part.end, part.text[own:]), "will"
        boss, boss_cue = for_the_boss(part.text)  # "D. promised Greg a budget" (tasks/around.py)
        if boss:
            part, cue = Span(part.start + boss, part.end, part.text[boss:]), boss_cue or cue
        part, cue = _with_cue(part, cue)
        subparts = [part]
        several = len(dates_in(ctx.dates, part.start, part.end)) > 1
        listed = False
        if cue in ("promise", "will", "need"):
            # "a corrected invoice by EOD and a discount proposal in two weeks": two promises;
            # "I owe her: training calendar (Tue), admin accounts (today)": three
            # "the sizing quote by the 15th and the permit timeline": a date closes the first
            # thing, what follows "and" is a second one for the same verb
            listed_items = split_after_dates(part, ctx.dates) if several else [part]
            if not several and dates_in(ctx.dates, part.start, part.end):
                things = split_after_dates(part, ctx.dates)
                # "promised to send the particulars by Friday, and to enquire whether ...":
                # a second "to" and its verb is a second promise
                if all(_A_THING.match(t.text) or _TO_VERB.match(t.text) for t in things[1:]):
                    listed_items = things
            subparts = [
                sub
                for item in listed_items
                for sub in split_spans(item, LIST_AND if several else LIST_PLUS)
            ]
        else:
            # "Send specs Monday, quote by 4/30": an item ends with its date; "Mail her the claim
            # forms + a sympathy card today": two things, one verb
            items = (
                split_after_dates(part, ctx.dates)
                if dates_in(ctx.dates, part.start, part.end)
                else [part]
            )
            verb_first = base_verb(part.text.split(" ", 1)[0]) is not None
            subparts = (
                [s for i in items for s in split_spans(i, LIST_PLUS)] if verb_first else items
            )
            listed = len(subparts) > 1 and verb_first
        verb = ""
        for k, sub in enumerate(subparts):
            if k and cue in ("promise", "will", "need") and _TO_VERB.match(sub.text):
                sub = Span(sub.start + 3, sub.end, sub.text[3:])  # "..., and to enquire"
            task, verb = _task_from(sub, cue, verb if k else "", ctx, bool(cond), listed)
            if task is not None:
                if cond and task.due is None:
                    task.due = cond_due
                found.append(task)
    undated = {id(t) for t in found if t.due is None}
    # "Fix + reply today": a trailing date covers the undated verbs before it.
    for k in range(len(found) - 2, -1, -1):
        if found[k].due is None and found[k + 1].due is not None and not cond:
            found[k].due = found[k + 1].due
    # "prepare the schedule and send until Friday": a bare dated verb after an undated task is
    # that task's date, not a task of its own ("pull data Mon, draft by 8/10" keeps both)
    kept: list[TaskFound] = []
    for task in found:
        bare = " " not in task.title and not _bare_ok(task)
        if bare and kept and id(kept[-1]) in undated and kept[-1].due == task.due:
            continue
        kept.append(task)
    # "go onsite Mon am, bring a loaner": what follows a dated to-do after a comma is then too
    for k in range(1, len(kept)):
        comma = ctx.body[kept[k - 1].end : kept[k].start].strip() in (",", "and", ", and")
        # ("a concept sketch by the 30th and a planting list": the date closed the first thing)
        second_thing = _A_THING.match(ctx.body, kept[k].start) is not None
        if kept[k].due is None and kept[k - 1].due is not None and comma and not cond:
            if second_thing and cue in ("promise", "will", "need"):
                continue
            if kept[k].kind == "gift" and _occasion_due(kept[k], ctx) is not None:
                continue  # "book freight by 2/20, card for his bday": by the birthday
            kept[k].due = kept[k - 1].due
    return kept


# Family: a day agreed in a reply ("Thursday works", "Fri at 2 is fine", "tomorrow sounds
# good"): no thing to send, the day of the promise that follows
_AGREED = LazyRegex(
    r"^(?:[\w/:.-]+\s+){1,3}(?:works|work|is\s+(?:fine|good|great|perfect)|sounds\s+(?:good|"
    r"great)|it\s+is)\b[\s!.]*$",
    re.IGNORECASE,
)


_SO_BEFORE = LazyRegex(r",\s+so\s+$", re.IGNORECASE)
# Sending what was just asked, with its day: the user's answer to the client's want
_ANSWERED = LazyRegex(r"(?:ship|send|deliver|mail|email|drop\s+off|quote)\b", re.IGNORECASE)


# Headings of a to-do list (not "Reminder:" or "Follow up:", which introduce one sentence)
_TODO_HEADING = LazyRegex(r"(?:to[\s-]?dos?|tasks?|action\s+items?|next\s+steps?)\b", re.IGNORECASE)
_GO_WHERE = word_list("tasks.find._GO_WHERE")
_RATE = LazyRegex(r"pay\s+\$?[\d,.]+k?\s*(?:/|per\b|an?\s|a\s)", re.IGNORECASE)


def _noun_rejoined(parts: list[Span], body: str) -> list[Span]:
    """'the care plan and price until Thursday': "price" there is a noun (no object follows), so
    the piece stays with the thing before it."""
    out: list[Span] = []
    for part in parts:
        said = part.text.lower().split()
        noun = said and said[0] in NEEDS_OBJECT and not (len(said) > 1 and _object_start(said[1]))
        if out and noun:
            last = out[-1]
            out[-1] = Span(last.start, part.end, body[last.start : part.end])
        else:
            out.append(part)
    return out


# Being present is the promise: "I'd be there too", "I'll be at the closing", "be on site"
_BE_THERE = LazyRegex(r"be\s+(?:there|at|on[\s-]?site|onsite|present|in\s+attendance)\b", re.I)
# "Quote Donna a 20-yr term": the verb, whom it is for, then the thing
_TO_SOMEONE = LazyRegex(r"\S+\s+(?-i:[A-Z][a-z]+)\s+(?:a|an|the|our|her|his|their|\d)\b", re.I)


def _object_start(word: str) -> bool:
    return word in OBJECT_STARTS or word[:1].isdigit()


def _bare_ok(task: TaskFound) -> bool:
    return task.title.lower() in BARE_OK


_FRONT_LEAD = LazyRegex(r"(?:so\s+|and\s+|then\s+)?(?:first\s+thing\s+)?", re.IGNORECASE)
_USER_AFTER = LazyRegex(r"[\s,]*(?=(?:I|we)(?:'ll|'d|\s))")


def _time_rejoined(pieces: list[Span], ctx: TaskContext) -> list[Span]:
    """A piece that is only a time ("so first thing tomorrow") joins the user's words after it."""
    out: list[Span] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if prev is not None and piece.start - prev.end <= 2 and _only_a_time(prev, ctx):
            out[-1] = Span(prev.start, piece.end, ctx.body[prev.start : piece.end])
            continue
        out.append(piece)
    return out


def _only_a_time(piece: Span, ctx: TaskContext) -> bool:
    said = dates_in(ctx.dates, piece.start, piece.end + 1)
    if len(said) != 1 or said[0].value is None:
        return False
    lead = _FRONT_LEAD.compiled.fullmatch(ctx.body, piece.start, said[0].start)
    return lead is not None and not ctx.body[said[0].end : piece.end].strip(" ,.")


def _fronted_date(piece: Span, ctx: TaskContext) -> tuple[Span, date] | None:
    """A piece that opens with a day and then the user speaking: the rest, and the day."""
    said = next(iter(dates_in(ctx.dates, piece.start, piece.end)), None)
    if said is None or said.value is None:
        return None
    lead = _FRONT_LEAD.compiled.fullmatch(ctx.body, piece.start, said.start)
    if lead is None:
        return None
    after = _USER_AFTER.match(ctx.body, said.end, piece.end)
    if after is None:
        return None
    start = after.end()
    return Span(start, piece.end, ctx.body[start : piece.end]), said.value


def _with_cue(part: Span, inherited: str) -> tuple[Span, str]:
    """Strip a cue ("I'll", "Promised", "Follow up:") and say which kind it was."""
    text = part.text
    cue = ""
    for _ in range(2):  # "Reminder: you promised ..." has two
        for name, pattern in (
            ("will", SPOKEN_WILL_CUE),
            ("follow", FOLLOW_CUE),
            ("promise", PROMISE_CUE),
            ("will", WILL_CUE),
            ("need", NEED_CUE),
            ("need", SPOKEN_NEED_CUE),
        ):
            m = pattern.match(text)
            if m:
                cue = name if cue in ("", "follow") else cue
                text = text[m.end() :]
                break
        else:
            break
    if cue:
        text = _AFTER_CUE.sub("", text, count=1)  # "I will also schedule", "I'll just send"
    if text.lower().startswith("to "):
        text = text[3:]
    start = part.start + len(part.text) - len(text)
    return Span(start, part.end, text), cue or (inherited if inherited != "follow" else "")


# Family: a thing with its done status after it ("deposit rcvd", "PO signed", "samples sent"):
# what happened, not a to-do ("get the lease signed" is one)
_DONE_STATUS = LazyRegex(
    r"\s(?:rcvd|rec'?d|received|paid|done|sent|signed|ok'?d|approved|delivered|booked|"
    r"confirmed|cleared|installed|completed)[\s.!]*$",
    re.IGNORECASE,
)
_UNTIL_DONE = LazyRegex(r"\b(?:once|when|after|until|till|if|as\s+soon\s+as)\b", re.I)
# Billing someone: a verb only with whom it bills
_BILLS = frozenset({"invoice", "bill"})
OBJECT_WORDS = frozenset({"him", "her", "them", "me", "us"})
_AFTER_CUE = LazyRegex(r"^(?:also|just|then|still|definitely|quickly|personally)\s+", re.I)
_THEIR_CONTRACTION = LazyRegex(r"(?:he|she|they|you|it)'(?:d|ll|s|re|ve)", re.IGNORECASE)


def _someone_elses(text: str) -> bool:
    """'Sarah to send the PO', 'they'll sign Friday': an item for someone else."""
    head = text.split()[:2]
    if not head:
        return False
    if head[0].lower() in SUBJECTS:
        return True
    if _THEIR_CONTRACTION.fullmatch(head[0]):
        return True  # "she'd send the drawings tonight", "they'll sign Friday"
    return len(head) == 2 and head[0][:1].isupper() and head[1].lower() in ("to", "will")


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
    if first.lower() in PAST_START and cue == "":
        return None, ""
    if KEEP_ME_TOLD.match(text):
        return None, ""  # "let me know if he calls", "do keep us posted": news asked of someone
    if verb is not None and len(rest_words) > 1 and rest_words[1] in NOUN_NEXT:
        verb = None  # "Order is late", "Email from Lisa"
    if (
        verb in _NOUN_VERBS
        and len(rest_words) > 3
        and rest_words[1] in DELIVERABLES
        and rest_words[2] in ("to", "from")
    ):
        verb = None  # "Order forms to Luis by 9/2": a thing to send, the first word its kind
    if (
        verb == "bring"
        and rest_words[1:2] == ["up"]
        and not cue
        and not dates_in(ctx.dates, part.start, part.end)
    ):
        return None, ""  # "bring up the game": a topic to raise when they talk, not a to-do
    if (
        verb is None
        and first.lower() in _BILLS
        and len(rest_words) > 1
        and (
            rest_words[1] in OBJECT_WORDS
            or (text.split()[1][:1].isupper() and first.lower() not in first_names())
        )
    ):
        # "invoice him end of month", "Invoice Amadou Fri" (not "invoice net 30", the terms;
        # not "Bill Hutchins called")
        verb = first.lower()
    if verb in NEEDS_OBJECT and not (
        (len(rest_words) > 1 and _object_start(rest_words[1]))
        or _TO_SOMEONE.match(text)
        or (
            verb == "rush"
            and rest_words[1:2] == ["on"]
            and dates_in(ctx.dates, part.start, part.end)
        )
    ):
        verb = None  # "quote both ways", "price it out"; "Quote by 4/30", "price increase"
    if (
        verb not in (None, "get", "have", "keep")
        and len(rest_words) <= 6
        and _DONE_STATUS.search(text)
        and not _UNTIL_DONE.search(text)
    ):
        return None, ""  # "deposit $1,200 rcvd", "final invoice paid": a record, not a to-do
    if _heading(part, rest_words, ctx):
        return None, ""  # "Phone order - Marguerite Osei ...": what the note records, not a to-do
    if verb is not None and cue == "" and _where_heading(part, rest_words, ctx):
        return None, ""
    if (
        verb is not None
        and len(rest_words) > 1
        and rest_words[1].strip(".:") in _WHEN_NOUNS
        and not dates_in(ctx.dates, part.start, part.end)
    ):
        verb = None  # "Retake day TBD", "Install date pending": a noun compound, not an order
    if cue == "" and appointment_due(part, ctx.dates) and _held_today(part, ctx):
        return None, ""  # "Tour today:" over the note: the appointment it records
    if verb == "debrief" and not (
        len(rest_words) > 1 and (_object_start(rest_words[1]) or rest_words[1] in ("with", "w/"))
    ):
        verb = None  # "debrief with the hiring manager"; not "Debrief after the panel:"
    if verb is None and first.lower() == "have" and delegated(rest_words):
        verb = "have"  # "have accounting reissue the check", "have Luis swap the filter"
    if verb == "go" and not (len(rest_words) > 1 and rest_words[1] in _GO_WHERE):
        verb = None  # "go onsite Mon", "go over the contract"; not "go live", "go blue"
    if ADVICE.match(text):
        return None, ""  # "..., go easy": how to treat them, not a to-do
    if verb == "pay" and _RATE.match(text):
        verb = None  # "pay $32/hr": a rate, not a payment to make
    if verb in NOUN_BEFORE_FOR and len(rest_words) > 2 and rest_words[1] == "for":
        verb = None if rest_words[2][:1].isalpha() and text.split()[2][:1].isupper() else verb
    if verb is not None and len(rest_words) == 1 and ctx.body[part.end : part.end + 1] == ":":
        verb = None  # "email: bcoelho@...", "call: 555-0199": a label, not a to-do
    if verb is None and new_subject(rest_words):
        return None, ""  # "..., also she mentioned her daughter starts kindergarten"
    if verb is None and shared_verb and rest_words[0] in ("cc", "cc:", "bcc", "copy", "copying"):
        return None, ""  # "fee proposal to Grant by 9/18, cc Meera": how it is sent
    if verb is None and shared_verb and (_someone_elses(text) or new_subject(rest_words)):
        # Family: the other side's step said after the user's, its own subject before it ("send
        # the audit report by Thu, he'll share it w/ the committee", "I'll send the estimate
        # and they'll let me know"): it does not take the user's verb
        return None, ""
    if (
        verb is None
        and shared_verb
        and len(rest_words) > 1
        and first.isalpha()
        and first.islower()
        and rest_words[0] not in DELIVERABLES
        and rest_words[1] not in DELIVERABLES
        and (_NAME_WORD.match(text.split()[1]) or rest_words[1] in _PRONOUN_OBJECTS)
        and _plain_verb(first)
        and not any(d.start <= part.start + len(first) + 1 < d.end for d in ctx.dates)
    ):
        # Family: a verb the lists do not know, with whom or what it is for, after a dated to-do
        # ("Call Jason this wk, mention Mei-Ling", "Email Rosa by Friday, cite the invoice"): how
        # to do the task before, not a second one for its verb ("Call mention Mei-Ling")
        return None, ""
    if (
        verb is None
        and shared_verb
        and (cue or (listed and shares_verb(part, ctx.dates)))
        and not (cue == "promise" and _after_to(part, ctx) and _plain_verb(first))
    ):
        verb, prefix = shared_verb, shared_verb + " "  # "... and a discount proposal"
        if shared_verb not in _GIVING and GIFT_TO.match(text):
            verb, prefix = "send", "send "  # "book freight by 2/20, card for his bday"
    elif (
        verb is None
        and cue in ("will", "need", "promise")
        and (HAVE_IT.match(text) or HAVE_A_TO.match(text))
    ):
        skip = len(first) + 1  # "I'll have it to him", "said I'd have it by Friday": sending it
        verb, prefix, body = "send", "send ", Span(part.start + skip, part.end, text[skip:])
    elif verb is None and cue in ("promise", "will", "need") and _BE_THERE.match(text):
        verb = "be"  # "I'd be there too", "I'll be at the inspection", "need to be at the house"
    elif verb is None and cue == "promise" and _after_to(part, ctx) and _plain_verb(first):
        # Family: a promise made with "to" and a verb the word lists do not know ("undertook
        # to furnish", "have promised to replace", "am to telephone"): after "to" the word is
        # the verb, not a thing to send; "committed to delivering": its gerund
        verb = first.lower()
        if verb.endswith("ing") and len(verb) > 5:
            stem = verb[:-3]
            stem = stem[:-1] if stem[-1] == stem[-2] and stem[-1] not in "lsz" else stem
            stem = stem + "e" if stem.endswith(("v", "c", "z", "ur")) else stem
            skip = len(first)
            prefix, body = stem + " ", Span(part.start + skip + 1, part.end, text[skip + 1 :])
            verb = stem
    elif verb is None and cue == "promise" and (reply := _REPLY_LEAD.match(text)) is not None:
        # "Me: for sure, resending the form now": the reply's words, then what it promises
        rest = Span(part.start + reply.end(), part.end, text[reply.end() :])
        return (
            _task_from(rest, cue, shared_verb, ctx, conditional, listed)
            if rest.text
            else (
                None,
                "",
            )
        )
    elif verb is None and cue == "promise" and _NOT_A_THING.match(text):
        return None, ""  # "Me: yes!! sending ...", "Me - NOT pen-testing ...": no thing to send
    elif (
        verb is None
        and cue == "promise"
        and not _PROMISED_BEFORE.search(ctx.body, max(0, part.start - 16), part.start)
        and (doing := _gerund_verb(text)) is not None
    ):
        # "Me: resending quote now", "confirming today by noon": the verb said as it is done
        # (straight after the verb of promising the -ing word is the thing: "promised pricing
        # by Fri" is pricing to send, not a verb "price")
        skip = len(first) + 1
        verb, prefix, body = doing, doing + " ", Span(part.start + skip, part.end, text[skip:])
    elif verb is None and cue == "promise" and rest_words[1:2] and rest_words[1] in _MODALS:
        verb = "be"  # "Me: crew can be there Thursday": what the user's side will do, as said
    elif verb is None and cue == "promise":
        verb, prefix = "send", "send "  # "Promised the updated SOW"
    elif verb is None and cue == "" and _THEIR_CONTRACTION.fullmatch(first):
        return None, ""  # "she'll send the drawings tonight": their promise, not the user's
    elif verb is None and cue == "" and (implied := deliverable_due(part, ctx.dates)):
        verb, prefix = implied, implied + " "  # "CMA by Thurs.", "addendum from legal by 1/15"
    elif verb is None and cue == "" and appointment_due(part, ctx.dates):
        verb = "attend"  # "stager walk-thru Apr 14": the appointment is the task, as said
    elif verb is None and cue == "" and GIFT_TO.match(text) and not _labels(part, ctx):
        verb, prefix = "send", "send "  # "congrats card to Tyler"
    elif (
        verb is None
        and cue == ""
        and len(rest_words) > 2
        and rest_words[1] in ("him", "her", "them")
        and _plain_verb(first)
        and first.isalpha()
        and (first.islower() or first[1:].islower())  # not "FYI her son ..."
        and first.lower() not in PAST_START
        and first.lower() not in _IRREGULAR_PAST
        and not first.lower().endswith(("ed", "s"))
        and first.lower() not in first_names()
        and _SENTENCE_START.search(ctx.body[max(0, part.start - 3) : part.start])
    ):
        # Family: an order to self with a verb the lists do not know, its object a pronoun,
        # opening a sentence ("Walk him thru it Thurs", "Loop her in on the pricing"): the
        # imperative's syntax says it is a to-do
        verb = first.lower()
    elif verb is None and cue == "will" and first.lower() == "have":
        verb = "have"
    elif verb is None and cue == "follow" and _opening_topic(part, ctx):
        return None, ""
    elif verb is None and cue == "follow":
        verb, prefix = "follow", "follow up "
    elif verb is None and cue == "list" and not _someone_elses(text):
        verb = "do"  # "- 529 distribution schedule" under "Next steps:"
    elif (
        verb is None
        and cue in ("need", "will")
        and _plain_verb(first)
        and (
            dates_in(ctx.dates, part.start, part.end)
            # Family: a verb the lists do not know after "need to", "gotta", "must", then its
            # object ("need to clean them", "gotta reseal the deck"): a verb phrase, dated or not
            or (cue == "need" and len(rest_words) > 1 and rest_words[1] in _PRONOUN_OBJECTS)
        )
    ):
        verb = first.lower()  # "need to convert to nonprovisionals by 4/2": a verb, and dated
    if verb is None:
        return None, ""
    relative = _relative_due(body, ctx)
    if relative is not None:
        body = Span(body.start, body.start + relative[1], body.text[: relative[1]])
    title = task_title(prefix, body, ctx).rstrip(" -:;,")  # "revised proof - Wed": no dash left
    thing = ctx.request_before(part.start)
    if thing and title.lower() in TAKES_THING:
        title = f"{title} {thing}"  # "sending tmrw" after "asking for the deck"
    parts = title.lower().split()
    undated = not dates_in(ctx.dates, part.start, part.end)
    if (
        len(parts) >= 2
        and parts[1] in MEETING_NOUNS
        and undated
        and (len(parts) == 2 or parts[0] in MEETING_KINDS)
    ):
        return None, ""  # "Intro call", "Phone call", "Intro mtg via Ellen": the meeting held
    bare = len(title.split()) == 1 and verb not in BARE_OK and cue != "follow"
    if not title or (bare and (undated or verb not in BARE_DATED)):
        return None, ""  # "Send" alone says nothing; "draft by 8/10" or "print tmrw" does
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
    intro = INTRO_TITLE.match(title)
    if intro and (verb == "intro" or "intro" in title.lower()):
        # "Send Aaron an intro to Lisa Wong" / "Intro Laura to Mark": introduce one to the other
        verb, title = "introduce", f"Introduce {intro.group('who')} to {intro.group('to')}"
    due = deadline_of(ctx.body, dates_in(ctx.dates, part.start, part.end))
    if due is None and relative is not None:
        due = relative[0]
    if (
        due is None
        and thing
        and thing.lower() in title.lower()
        and thing.lower() not in text.lower()
    ):
        due = ctx.request_due(part.start)  # "need the COI by 8/15. send it to Deb"
    kind = task_kind(verb, title, cue, ctx, conditional)
    return TaskFound(title, kind, due, part.start, part.end, cue in ("promise", "will")), verb


# Family: what follows the user's "Me:" or an owner's heading that is no thing to send: a
# reply ("yes!!", "for sure", "sounds good"), a clause with its own subject ("I'm out
# Thursday", "we're NOT renewing the booth") or a decision not to do something ("NOT
# pen-testing the guest wifi", "not running TikTok ads")
_NOT_A_THING = LazyRegex(
    r"(?:(?:i|i'm|im|i've|i'd|we|we're|were|we've|it's|that's|there's|he|she|they|"
    r"they're|no|nope|not|nah|sounds|got\s+it)\b(?!-)"
    r"|(?-i:[^\n]{0,24}?\bNOT\b))",
    re.IGNORECASE,
)
_REPLY_LEAD = LazyRegex(
    r"(?:(?:yes|yeah|yep|yup|sure|ok|okay|k|thanks|thank\s+you|thx|ty|cool|great|perfect|"
    r"absolutely|definitely|noted|done|for\s+sure|of\s+course|no\s+problem|np|hi|hey|haha|"
    r"lol|fyi)\b(?!-)[\s,.!:;-]*)+",
    re.IGNORECASE,
)
_MODALS = frozenset({"can", "will", "could", "should", "would", "must", "shall"})
_AFTER_A_VERB = word_list("tasks.find._AFTER_A_VERB")


# Family: the verb of promising just before a clause ("Promised pricing by Fri", "promise
# financing Monday"): what follows is the thing promised, a noun even when it ends in -ing
_PROMISED_BEFORE = LazyRegex(r"\b(?:promised|promise|promises)\s+$", re.IGNORECASE)


def _gerund_verb(text: str) -> str | None:
    """The task verb of a word said as it is done ("resending" -> "resend", "confirming" ->
    "confirm", "pricing it" -> "price"): the "-ing" taken off, then an "e" or a doubled letter
    put back, when the grammar knows the verb, and the word acts as a verb: a thing, a time or
    nothing after it, or "re" before it ("training calendar" is a thing's name)."""
    said = text.split()
    low = said[0].lower().rstrip(",.:;!") if said else ""
    if not low.endswith("ing") or len(low) < 6 or not low.isalpha():
        return None
    after = said[1].lower().strip(",.!") if len(said) > 1 else ""
    if after and after not in _AFTER_A_VERB and not low.startswith("re"):
        return None
    stem = low[:-3]
    for verb in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
        if verb and base_verb(verb) is not None:
            return verb
    return None


def _after_to(part: Span, ctx: TaskContext) -> bool:
    """The clause follows "to": its first word is an infinitive."""
    return _INFINITIVE_BEFORE.search(ctx.body[max(0, part.start - 8) : part.start]) is not None


_NAME_WORD = LazyRegex(r"(?-i:[A-Z][a-z])")
_IRREGULAR_PAST = word_list("tasks.find._IRREGULAR_PAST")
_SENTENCE_START = LazyRegex(r"(?:^|[.!?:;\n]\s*|^\s+)$")
_TO_VERB = LazyRegex(r"to\s+(?-i:[a-z]{3,})\b(?<!\bto\s(?:the|and|him|her))", re.IGNORECASE)
_PRONOUN_OBJECTS = frozenset({"him", "her", "them", "it", "the", "a", "an", "our", "his", "their"})
_INFINITIVE_BEFORE = LazyRegex(r"\bto\s+$", re.IGNORECASE)
# Verbs a card or gift can take from the item before it ("order the banners, card for ...")
_GIVING = word_list("tasks.find._GIVING")
# Family: a deadline said after the to-do, for the thing it named ("... put together a price
# for the scaffolding ... actually the price needs to be to her by next tuesday", "we need a
# certificate of insurance ... Venue needs it by Sept 5", "the drawings have to be in by the
# 20th"): the to-do's due
_LATER_DEADLINE = LazyRegex(
    r"\b(?:the|that|this|our|my)\s+(?P<thing>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+"
    r"(?:needs|need|has|have)\s+to\s+(?:be\s+(?:\w+\s+){0,2}?|go\s+out\s+|get\s+there\s+)"
    r"(?=by|before|no\s+later)"
    r"|\b(?:needs?|wants?)\s+(?P<it>it|them)\s+(?=by|before|no\s+later)"
    # "a written root-cause report, which I committed to deliver by Friday": the user's word
    # on the thing just named
    r"|,\s*(?P<which>which|that)\s+(?:I|we)\s+(?:\w+\s+){1,4}?(?=by|before|no\s+later)",
    re.IGNORECASE,
    needs="need want has have which that",
)


def _later_deadlines(tasks: list[TaskFound], ctx: TaskContext) -> None:
    for m in _LATER_DEADLINE.finditer(ctx.body):
        when = next((d for d in ctx.dates if d.start == m.end() and d.value is not None), None)
        if when is None:
            continue
        before = [t for t in tasks if t.end <= m.start()]
        if m.group("it") or m.group("which"):
            target = before[-1] if before else None
            if m.group("which"):  # the thing named right before the comma
                target = next((t for t in tasks if t.start < m.start() <= t.end + 1), target)
        else:
            head = m.group("thing").split()[-1].lower()
            target = next((t for t in reversed(before) if head in t.title.lower().split()), None)
        if target is not None:
            target.due = when.value


# Family: a to-do dated from the day said before it ("cylinders out Fri, call Junior wk after",
# "Back in 6 weeks; text her a reminder the week before", "demo on the 4th, follow up 2 days
# later"): that day, a day or a week (or a count of them) after or before
_RELATIVE = LazyRegex(
    r"(?:^|[\s,]+)(?:the\s+|a\s+|one\s+)?(?P<n>\d+|two|three|four)?\s*(?P<unit>wks?|weeks?|days?)\s+"
    r"(?P<dir>after|later|before|prior|earlier)\b(?!\s+next)[\s.!]*$",
    re.IGNORECASE,
)
_COUNTS = {"two": 2, "three": 3, "four": 4}


def _relative_due(body: Span, ctx: TaskContext) -> tuple[date, int] | None:
    """The due of a to-do said relative to the day before it, and where its words start."""
    m = _RELATIVE.search(body.text)
    if m is None or dates_in(ctx.dates, body.start, body.end):
        return None
    said = [d.value for d in ctx.dates if d.end <= body.start and d.value is not None]
    if not said:
        return None
    n = m.group("n") or "1"
    count = int(n) if n.isdigit() else _COUNTS[n.lower()]
    days = count * (7 if m.group("unit").lower().startswith("w") else 1)
    sign = 1 if m.group("dir").lower() in ("after", "later") else -1
    return said[-1] + timedelta(days=sign * days), m.start()


# Family: a card or gift for an occasion is due by the occasion ("DS Ari bar mitzvah 12/12 -
# card", "her daughter's wedding 12/19, gift", "card for his bday" after "Ted's bday 1/14"):
# the day said before it on its line, or the birthday or anniversary it names
_OCCASION_NAMED = LazyRegex(r"\b(?:b-?day|birthday|anniversary|anniv)\b", re.IGNORECASE)


def _occasion_due(task: TaskFound, ctx: TaskContext) -> date | None:
    occasion = _OCCASION_NAMED.search(task.title)
    if occasion is not None:
        word = occasion.group().lower()[:4]
        for d in ctx.dates:
            said = ctx.body[max(0, d.start - 14) : d.start].lower()
            if word in said and d.value is not None and d.value >= ctx.today and d.kind == "day":
                return d.value
    line_start = ctx.body.rfind("\n", 0, task.start) + 1
    before = [
        d
        for d in dates_in(ctx.dates, line_start, task.start)
        if d.value is not None and d.kind == "day" and d.value >= ctx.today
    ]
    if (
        before
        and not _A_DEADLINE.match(before[-1].text)
        and ctx.body[before[-1].end : task.start].strip() in ("-", "–", ",", "—", ":")
    ):
        return before[-1].value
    # Family: a card or gift said after the occasion's day ("Ari's bar mitzvah is 6/13, invited!!
    # need to get a gift", "their anniversary is valentine's day ... i should send something
    # nice"): the day the occasion "is" or falls "on", in the lines just before, not a deadline
    told = [
        d
        for d in dates_in(ctx.dates, max(0, task.start - 200), task.start)
        if d.value is not None and d.kind == "day" and d.value >= ctx.today
    ]
    if told and (
        _OCCASION_DAY.search(ctx.body, max(0, told[-1].start - 12), told[-1].start)
        or _OCCASION_DAY_SAID.match(told[-1].text)
    ):
        return told[-1].value
    return None


_OCCASION_DAY = LazyRegex(r"\b(?:is|are|falls|'s)\s+(?:on\s+)?(?:the\s+)?$", re.IGNORECASE)
_OCCASION_DAY_SAID = LazyRegex(r"(?:is|on)\s", re.IGNORECASE)
_A_DEADLINE = LazyRegex(r"(?:by|before|until|till|til|due|no\s+later)\b", re.IGNORECASE)


# Family: a note that opens with "follow up", "note to self" or "memo" and then names the
# meeting or the job it records ("follow up from the brewery visit ...", "note to self on the
# castillo job", "f/u on the Q3 review w/ Dana", "memo re the bakery job", "nts the garcia
# kitchen"): the note's heading, not a to-do. A verb ("note to self: call the bank"), whom to
# follow up with ("follow up with Jen") or a day still to come ("follow up on the proposal
# next week") make it one.
_OPENING_CUE = LazyRegex(
    r"\s*(?:(?:ok(?:ay)?|so|um+|uh+|alright|right|quick)[\s,.]+)*(?:follow[\s-]?up|followup|f/u|fu|"
    r"(?:note|reminder)\s+to\s+(?:self|myself)|nts|memo)[\s:.,-]*(?:(?:um+|uh+|period)[\s,.]+)*",
    re.IGNORECASE,
)
_TOPIC = LazyRegex(
    r"(?:(?:on|from|after|re:?|about|regarding|of|for)\s+)?(?:the|this|that|our|my|an?|[a-z]+'s)\s"
    r"|(?:on|from|after|re:?|about|regarding)\s",
    re.IGNORECASE,
)


# Family: a dictated note opened by "note to self" and then what happened ("note to self met
# with dag at ...", "reminder to self at the dental office the tank ..."): a past verb or a
# place first, the story of the visit, not a follow-up to do
_TO_SELF = LazyRegex(r"\b(?:to\s+(?:self|myself)|nts|memo)\b", re.IGNORECASE)
_NARRATIVE = LazyRegex(
    r"(?:at|in|with|from|on|just|was|were|had|got|saw|met|went|spoke|took|left|came|did|drove"
    r"|ran|sat|swung|[a-z]{2,}ed)\s",
    re.IGNORECASE,
)


def _opening_topic(part: Span, ctx: TaskContext) -> bool:
    opening = _OPENING_CUE.compiled.fullmatch(ctx.body, 0, part.start)
    if opening is None:
        return False
    first = part.text.split(" ", 1)[0].lower()
    to_self = _TO_SELF.search(opening.group())  # not "Follow up on the proposal with Sam"
    if to_self and (first in PAST_START or (_NARRATIVE.match(part.text) and not base_verb(first))):
        return True
    if part.text.strip() and _TOPIC.match(part.text) is None:
        return False
    said = dates_in(ctx.dates, part.start, part.end)
    return all(d.value is None or d.value <= ctx.today for d in said)


# Family: the note's first line naming where the visit was or whom the note is for, an activity
# then "at", "@" or "for" and no object ("Tour @ Willow Creek Barn - Kayla + Marcus", "measure
# at the kowalczyk place, stan and dorothy", "Update for Marcus (my manager): ..."), a dash, a
# comma, a colon or a bracket after it: the note's heading. A day said makes it an appointment
# ("meet at the site Friday"); "stop at the bank and deposit the check" goes on with a verb.
_WHERE_HEADING = LazyRegex(r"[^\n,:(]*?(?:\s+[-–—]\s|\s*[,:(]|\s*\n|\s*$)")


def _where_heading(part: Span, rest_words: list[str], ctx: TaskContext) -> bool:
    if len(rest_words) < 3 or rest_words[1] not in ("at", "@", "for"):
        return False
    if ctx.body[: part.start].strip() or dates_in(ctx.dates, part.start, part.end):
        return False
    return _WHERE_HEADING.compiled.match(ctx.body, part.start) is not None


# A note's heading: how the business came in, then what it is ("Phone order -", "Web inquiry:")
_HEADING_KIND = word_list("tasks.find._HEADING_KIND")
_HEADING_WHAT = word_list("tasks.find._HEADING_WHAT")


def _heading(part: Span, rest_words: list[str], ctx: TaskContext) -> bool:
    if not 2 <= len(rest_words) <= 3 or rest_words[0] not in _HEADING_KIND:
        return False
    if rest_words[-1].strip(":") not in _HEADING_WHAT:
        return False
    line_start = ctx.body.rfind("\n", 0, part.start) + 1
    if ctx.body[line_start : part.start].strip(" -*•"):
        return False
    return rx(r"\s*(?:[-–—:(]|\n|$)").match(ctx.body[part.end :]) is not None


_WHEN_NOUNS = word_list("tasks.find._WHEN_NOUNS")


def _held_today(part: Span, ctx: TaskContext) -> bool:
    """A heading line ("Tour today:", "Showing today - the Lees") naming an appointment dated
    today or before: the meeting the note records, not one to keep."""
    found = dates_in(ctx.dates, part.start, part.end)
    if not found or any(d.value is None or d.value > ctx.today for d in found):
        return False
    line_start = ctx.body.rfind("\n", 0, part.start) + 1
    if ctx.body[line_start : part.start].strip(" -*•#"):
        return False
    return rx(r"\s*(?:[-–—:]|\n|$)").match(ctx.body[part.end :]) is not None


# Verbs that also name a kind of thing before a noun: "order forms", "change order", "test results"
_NOUN_VERBS = word_list("tasks.find._NOUN_VERBS")


def _labels(part: Span, ctx: TaskContext) -> bool:
    """'Assistant's note for Sara:': a heading over what follows, not a card to send ("closing
    gift: they're into camping" still is a gift to send)."""
    said = part.text.lower().split()
    return ctx.body[part.end : part.end + 1] == ":" and ("note" in said or "notes" in said)


# After "need to"/"I'll" the next word is a verb; these say nothing the user will do.
_NOT_DOING = word_list("tasks.find._NOT_DOING")


def _plain_verb(word: str) -> bool:
    low = word.lower()
    return low.isalpha() and len(low) > 2 and low not in _NOT_DOING
