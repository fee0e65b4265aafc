"""What the client asked the user for, with a date: "wants our pricing by Mon", "need life
quotes for both by Wed 10/21".

A dated request for a deliverable (pricing, a quote, records, a proposal...) is a task for the
user unless the note already says the user's own words about it ("send it Mon"). A request
for something that is not a document ("needs delivery by March", "needs 200 seats by Q2") is
the client's business need, a key point; so is a count of quotes to compare ("wants 3 quotes").
When the note has an undated task for the requested thing ("find replacement" after "wants a
replacement by Mon"), that task takes the date the client asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rapport.core.understand.mentions import first_names
from rapport.core.understand.programs import rx
from rapport.core.understand.tasks.deadlines import dates_in
from rapport.core.understand.tasks.words import DELIVERABLES, PAST_START, VERB_ALT, base_verb
from rapport.core.understand.text import LazyRegex, Span
from rapport.core.understand.wordlists import word_list

if TYPE_CHECKING:
    from rapport.core.understand.dates.find import DateMention
    from rapport.core.understand.tasks.model import TaskFound

__all__ = ["asked_me_to", "asked_of_you", "requested_tasks", "sent_back", "terse_items"]

_REQUESTED = LazyRegex(
    r"\b(?:wants|want|needs|need|asked\s+(?:me\s+|us\s+|you\s+)?for|requested|(?:is\s+)?asking\s+for|"
    r"would\s+like|(?<=\w)'d\s+like)\s+(?!to\b|me\b|us\b|it\b|them\b)(?P<thing>[^.;!?\n]{2,90})",
    re.IGNORECASE,
)
_CALLBACK = LazyRegex(
    r"(?:(?P<who>\b(?-i:[A-Z][a-z]+))\s+)?"
    r"\b(?:wants|needs|asked\s+for|requested|would\s+like|asking\s+for)\s+(?:a\s+)?"
    r"(?:call\s*back|callback|return\s+call|call\s+from\s+(?:me|us)"
    # "Vikram wants a call Thurs": a call with its day, no one else to call with
    r"|(?P<plain>call)(?!\s+(?:with|w/|from|to)\b))\b",
    re.IGNORECASE,
    needs="call",
)
# "asked you for": the user, addressed by a hand-off or an e-mail ("He also asked you for a quote")
_ASKED = LazyRegex(
    # "we'd like a quote on 3 more lanes": a polite request is asked of the user too
    r"(?:asked\s+(?:me\s+|us\s+|you\s+)?for|requested|(?:is\s+)?asking\s+for|would\s+like|'d\s+like)",
    re.I,
)
_CUT = LazyRegex(r"\s+-+\s+|,\s+|\s+(?:and|but|so)\s+(?=(?:i|we|he|she|they)\b)", re.IGNORECASE)
_VAGUE = word_list("tasks.requests._VAGUE")
_ANSWERING = ("send", "email", "mail", "forward", "get", "share", "reply", "respond", "resend")


def _answers(title: str) -> bool:
    """A task in the user's own words that answers a request: "Send both", "Reply to Kenji"."""
    return title.lower().startswith(_ANSWERING)


_FILLER = word_list("tasks.requests._FILLER")
_PREPOSITIONS = word_list("tasks.requests._PREPOSITIONS")
_COUNTS = word_list("tasks.requests._COUNTS")


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def requested_tasks(
    sentences: list[Span],
    dates: list[DateMention],
    tasks: list[TaskFound],
    make: Callable[..., Any],
) -> list[TaskFound]:
    """Tasks for dated requests the note's own tasks do not cover (see the module docstring)."""
    added: list[TaskFound] = []
    calls = any("call" in t.title.lower() for t in tasks)
    for sentence in sentences:
        back = None if calls else _CALLBACK.search(sentence.text)
        if back is not None:  # "she wants a callback re: the claim": the user owes a call
            start, end = sentence.start + back.start(), sentence.end
            said = dates_in(dates, start, end)
            when = next((d.value for d in said if d.value is not None), None)
            if not back.group("plain"):
                added.append(make("Call back", "reply", when, start, end))
                calls = True
            elif when is not None:
                who = back.group("who")
                title = f"Call {who}" if who and who.lower() in first_names() else "Call"
                added.append(make(title, "call", when, start, end))
                calls = True
        wants = rx(r"\b(?:want|need|ask|request|would)|'d\s+like", re.IGNORECASE)
        if not wants.search(sentence.text):
            continue
        for m in _REQUESTED.finditer(sentence.text):
            cut = _CUT.search(m.group("thing"))
            end = m.start("thing") + cut.start() if cut else len(sentence.text)
            start = sentence.start + m.start("thing")
            said = dates_in(dates, start, sentence.start + end)
            day = next((d for d in said if d.value is not None and d.kind != "time"), None)
            asked = _ASKED.match(m.group())
            if day is None and asked is None:
                continue  # "needs delivery" said without a date is their business need
            if day is None and any(_answers(t.title) and t.start > start for t in tasks):
                # "asking for the SDS sheets. reply by EOD", "... Send both today": the answer
                # after the request; a promise made before it is about something else
                continue
            stop = day.start - sentence.start if day else end
            obj = sentence.text[m.start("thing") : stop].rstrip(" .!?").split()
            while obj and obj[-1].lower() in _FILLER:
                obj.pop()  # "financing options too"
            while stop != end and len(obj) > 2 and obj[-1].lower() in _DANGLING:
                obj.pop()  # "... as additional insured for our Sept 19 gala": cut at the date
            head = _head(obj)
            if not head:
                continue
            covering = [t for t in tasks + added if head in map(_stem, _words(t.title))]
            if covering:
                for task in covering:  # "find replacement" after "wants a replacement by Mon"
                    task.due = task.due or (day.value if day else None)
                continue
            if head not in DELIVERABLES and head + "s" not in DELIVERABLES:
                continue
            if day is None and head in _VAGUE:
                continue  # "asked for vegetarian options": undated, only a document is surely ours
            first = obj[0].lower()
            if (first.isdigit() and int(first) > 1) or first in _COUNTS:
                continue  # "wants 3 quotes by Friday": quotes to compare, not one to send
            thing = " ".join(w for w in obj if w.lower() != "our").replace(" + ", " and ")
            end_pos = sentence.start + end
            # "Lois asked for financing options too": asked of the user, a task even undated
            added.append(make(f"Send {thing}", "todo", day.value if day else None, start, end_pos))
    return added


def _words(title: str) -> list[str]:
    return rx(r"[a-z0-9][a-z0-9-]*").findall(title.lower())


def _head(obj: list[str]) -> str:
    """The thing asked for: the last word before a preposition ("samples of the line")."""
    kept: list[str] = []
    for word in obj:
        low = word.lower().strip(",:()")
        if low in _PREPOSITIONS and kept:
            break
        kept.append(low)
    content = [w for w in kept if w not in ("+", "&", "and")]
    return _stem(content[-1]) if content else ""


# A request put to the user in the second person, as e-mails and texts make it: "Can you send
# the title commitment to Derek by Friday?", "could you also quote a limited Phase II",
# "please confirm an appointment time by tomorrow", "he asked if you could call him Friday".
# What is asked, to the end of its sentence: a full stop inside the sentence is an abbreviation's
# ("the bill rates for forklift-certified vs. general labor by Thursday", "approx. 20 units"),
# the sentences are cut already where they end
_REST = r"(?:[^?.!;\n]|\.(?=[ \t]*[^\s.!?]))*"
_ASKED_OF_YOU = LazyRegex(
    lambda: (
        r"(?:\b(?:can|could|would|will)\s+(?:you|u)|\basked\s+if\s+(?:you|u)\s+could"
        # Family: the same ask said around "you" ("if you could send ...", "any chance you can
        # come by", "would you be able to reserve one")
        r"|\bif\s+(?:you|u)\s+could|\bchance\s+(?:you|u)\s+(?:can|could)"
        r"|(?:^|(?<=[.!?,;:]\s)|(?<=\bso\s)|(?<=\band\s))(?:please|pls|kindly))"
        r"\s+(?:(?:please|pls|also|kindly|just|quickly|possibly|maybe|be\s+able\s+to)\s+)*"
        # the word after the ask is its verb, known to the grammar or not ("break out the cost",
        # "resend the lookbook"); _NOT_ASKED are the words that are no such verb
        rf"(?P<verb>(?:re-?)?(?:{VERB_ALT})|(?!(?:can|could|would|will|you|please|pls)\b)"
        rf"(?-i:[a-z]{{3,}}))\b(?P<rest>{_REST})"
    ),
    re.IGNORECASE,
    needs="you could please pls kindly can will would",
)
_NOT_ASKED = word_list("tasks.requests._NOT_ASKED")
# A word the grammar does not know is the ask's verb after "you" (not after "please"), when a
# particle or the thing asked for follows it: "break out the cost", "pull together options"
_ACTS_AS_VERB = LazyRegex(
    r"\s+(?:out|up|over|by|in|back|down|off|together|through|around|the|a|an|our|my|his|her|"
    r"their|some|this|these|those|\d)\b",
    re.IGNORECASE,
)
_YOU_ASKED = LazyRegex(r"\b(?:you|u)\b", re.IGNORECASE)
# Requests that are standing instructions or courtesies, not a to-do: "please copy my paralegal",
# "please let me know", "please find attached"
_NOT_A_TODO = word_list("tasks.requests._NOT_A_TODO")
_YOUR = LazyRegex(r"\byour\b", re.IGNORECASE)
# A date in the possessive names a thing ("with next week's order"): it stays in the title
_POSSESSIVE = LazyRegex(r"['’]s\b")
_PRONOUN_OBJECT = LazyRegex(r"\s*(?:it|that|this|them|those|these)\b", re.IGNORECASE)


def asked_of_you(
    sentences: list[Span],
    dates: list[DateMention],
    tasks: list[TaskFound],
    make: Callable[..., Any],
    mine: Callable[[int], bool],
) -> list[TaskFound]:
    """Tasks for what the note asks of "you" (the user) that its own tasks do not say already.
    ``mine(pos)`` is True inside the user's own words (a reply the user wrote), where "can
    you ..." is the user asking the other side."""
    added: list[TaskFound] = []
    for sentence in sentences:
        for m in _ASKED_OF_YOU.finditer(sentence.text):
            verb = m.group("verb").lower()
            start = sentence.start + m.start("verb")
            unknown = base_verb(verb) is None
            if unknown and (
                verb in _NOT_ASKED
                or _YOU_ASKED.search(m.group(0)) is None
                or not _ACTS_AS_VERB.match(m.group("rest"))
            ):
                continue  # "can you believe", "please treat her well", "invoice net 30"
            if verb in _NOT_A_TODO or mine(start) or _PRONOUN_OBJECT.match(m.group("rest")):
                continue  # "can u get it there by Sun": what "it" is, the note says elsewhere
            end = sentence.start + m.end("rest")
            said = dates_in(dates, start, end)
            when = next((d.value for d in said if d.value is not None), None)
            text = sentence.text[m.start("verb") : m.end("rest")]
            for d in reversed(said):  # the date is the due, not the title
                a = d.start - sentence.start - m.start("verb")
                if not _POSSESSIVE.match(text, a + d.end - d.start):  # "next week's order"
                    text = text[:a] + text[a + d.end - d.start :]
            text = _YOUR.sub("our", " ".join(text.split()).rstrip(" ,"))
            if any(t.start <= start < t.end or start <= t.start < end for t in tasks + added):
                continue  # the note's own task for it
            added.append(make(text[:1].upper() + text[1:], "todo", when, start, end))
    return added


# A phone note's to-do without a verb: a thing, maybe who it goes to, a "pls" and a date ("quote
# pls by Thurs", "lease draft by Fri pls", "demo link to Tim tmrw", "ratecard + avails pls by
# Thurs"). The thing goes to someone named, or is asked with "pls".
_TERSE_PIECE = LazyRegex(r"[^,;.!?\n]+")
_TERSE_THING = LazyRegex(
    r"^\s*(?P<thing>(?:[\w'/&+#-]+\s+){0,5}?[\w'/&+#-]+?)\s+(?P<pls>(?:pls|please|plz)\s+)?"
    r"(?:(?:by|due|before|on|for)\s+)?$",
    re.IGNORECASE,
)
_PLS_AFTER = LazyRegex(r"^\s*(?:pls|please|plz)\b", re.IGNORECASE)
_TO_SOMEONE = LazyRegex(r"\bto\s+(?P<name>[A-Z][a-z]+)(?:\s*\+\s*[A-Z][a-z]+)?\s*$")
_NOT_A_THING = word_list("tasks.requests._NOT_A_THING")


def terse_items(
    sentences: list[Span],
    dates: list[DateMention],
    tasks: list[TaskFound],
    make: Callable[..., Any],
) -> list[TaskFound]:
    """Tasks for verbless dated to-dos the note's own tasks do not cover."""
    added: list[TaskFound] = []
    for sentence in sentences:
        for piece in _TERSE_PIECE.finditer(sentence.text):
            start, end = sentence.start + piece.start(), sentence.start + piece.end()
            said = [d for d in dates if start <= d.start < end and d.value is not None]
            if not said or any(t.start < end and start < t.end for t in tasks + added):
                continue
            day = said[-1]
            head = sentence.text[piece.start() : day.start - sentence.start]
            tail = sentence.text[min(day.end - sentence.start, piece.end()) : piece.end()]
            if tail.strip() and not _PLS_AFTER.match(tail):
                continue  # "a big sale Fri for the staff": the date is inside a sentence
            m = _TERSE_THING.match(head)
            if m is None:
                continue
            thing = m.group("thing")
            pieces = thing.lower().split()
            if pieces[0] in _NOT_A_THING or pieces[0].isdigit() or pieces[0] in PAST_START:
                continue  # "spoke to Erik this morning": what happened, not a thing to send
            asked = bool(m.group("pls")) or bool(_PLS_AFTER.match(tail))
            to = _TO_SOMEONE.search(thing)
            named = to is not None and to.group("name").lower() in first_names()
            if not (asked or named):
                continue  # "3PL contract ends 8/31", "list date 1/8": a fact with a date
            verb = base_verb(pieces[0])
            title = thing if verb is not None else f"Send {thing}"
            added.append(make(title[:1].upper() + title[1:], "todo", day.value, start, end))
    return added


# A request put to the user, said by the note: "she asked me to set up a call with our CTO",
# "wants me to send the specs by Fri", "told us to hold the date". What the client then says
# they will do ("and said she'd send the drawings") is theirs.
_ASKED_ME_TO = LazyRegex(
    lambda: (
        r"\b(?:(?:wants|wanted|needs|needed|told|begged|reminded|would\s+like)\s+"
        rf"(?:me|us|you)\s+to\s+(?P<verb>(?:{VERB_ALT}))\b"
        # the request in the present or written without its ending ("she's asking me to come
        # by", "he ask me to check"), as phone and non-native notes put it
        r"|(?:asked|asks|asking|ask)\s+(?:me|us|you)\s+to\s+"
        # Family: after "asked me to" the word is a verb, known to the lists or not ("asked me
        # to hold the raft", "to price the second floor"), unless it is a thing ("to dinner");
        # not after "wants us to" ("wants us to handle shipping": what they want of the firm)
        r"(?P<verb2>(?!(?:the|a|an|his|her|their|my|our|your|this|that|dinner|lunch|coffee"
        r"|drinks|church|bed|school|work)\b)(?-i:[a-z]{3,}))\b)"
        rf"(?P<rest>{_REST})"
        # Family: a thing asked of the user ("she ask me for the catalogue", "asked us for
        # samples by Friday"): the user's to send, not advice or an opinion ("for my opinion")
        r"|\b(?:asked|asks|ask|asking)\s+(?:me|us)\s+for\s+(?P<thing>(?:the|a|an|some|copies"
        rf"|samples|more|another|\d+)\b{_REST})"
    ),
    re.IGNORECASE,
    needs="me us you",
)
# Family: a request to the user reported by whoever wrote the note for them ("He asked that
# Dana call him back Thursday", "asked that you call him before Friday", "asked whether Nadine
# can visit his home next Tuesday", "would like you to ..."): the user is "you", "I", "we", or
# the one the note is written for ("on behalf of Dana", "on Nadine's behalf", "For Tom -",
# "Per Dana's request", "taking notes for Dev").
_ASKED_THAT = LazyRegex(
    lambda: (
        r"(?:\b(?:asked|asks|requested|requests|wants|wanted|would\s+like|wonder(?:s|ed|ing)?)|"
        r"(?:\bwants?|\bwould\s+like|'d\s+like)\s+to\s+know)\s+(?:that|if|whether)\s+"
        r"(?P<who>you|u|I|we|[A-Z][a-z]+)\s+(?:(?:can|could|would|will|please|pls)\s+)?"
        rf"(?P<verb>(?:{VERB_ALT}))\b(?P<rest>{_REST})"
    ),
    needs="that if whether",
)
_WRITTEN_FOR = LazyRegex(
    r"(?i:on\s+behalf\s+of|notes\s+for|covering\s+for|^for|\bper)\s+(?P<name>[A-Z][a-z]+)\b"
    r"|\b(?i:on)\s+(?P<name2>[A-Z][a-z]+)'s\s+(?i:behalf)",
    re.MULTILINE,
)
_DANGLING = frozenset({"for", "on", "at", "to", "of", "with", "before", "by", "our", "the", "a"})
_ASKED_IF = rx(r"\b(?:if|whether)\s")
_THEIR_CLAUSE = LazyRegex(
    r"\s+(?:and|but|so|then)\s+(?:said\s+|says\s+)?(?:she|he|they|we)(?:'d|'ll|\s+(?:would|will|"
    r"said|says|can|could))\b.*$",
    re.IGNORECASE,
)


def written_for(sentences: list[Span]) -> set[str]:
    """The names of whom the note is written for ("on behalf of Dana", "for Dana"): the user,
    as an assistant names them."""
    return {
        m.group("name") or m.group("name2")
        for sentence in sentences
        for m in _WRITTEN_FOR.finditer(sentence.text)
    }


def asked_me_to(
    sentences: list[Span],
    dates: list[DateMention],
    tasks: list[TaskFound],
    make: Callable[..., Any],
    users: set[str],
) -> list[TaskFound]:
    """Tasks for what someone asked the user to do that the note's own tasks do not say
    (``users``: the names the note is written for, ``written_for``)."""
    added: list[TaskFound] = []
    for sentence in sentences:
        asked = [
            *_ASKED_ME_TO.finditer(sentence.text),
            *(
                m
                for m in _ASKED_THAT.finditer(sentence.text)
                if m.group("who").lower() in ("you", "u", "i", "we") or m.group("who") in users
            ),
        ]
        for m in asked:
            if m.groupdict().get("thing"):
                thing = _THEIR_CLAUSE.sub("", m.group("thing"))
                start = sentence.start + m.start("thing")
                end = start + len(thing)
                if any(t.start < end and start < t.end for t in tasks + added):
                    continue
                said = [d for d in dates if start <= d.start < end]
                when = next((d.value for d in said if d.value is not None), None)
                text = _without_dates(thing, said, start)
                added.append(make(f"Send {text}", "todo", when, start, end))
                continue
            vg = "verb2" if m.groupdict().get("verb2") else "verb"
            rest = _THEIR_CLAUSE.sub("", m.group("rest"))
            start = sentence.start + m.start(vg)
            end = sentence.start + m.start("rest") + len(rest)
            # "asked me to hold the raft and send him the forms": the part before the to-do
            # the note already has is a request of its own
            later = [t.start for t in tasks + added if start < t.start < end]
            if (
                later
                and m.re is _ASKED_ME_TO.compiled
                and not any(t.start <= start < t.end for t in tasks + added)
            ):
                said_first = sentence.text[m.start(vg) : min(later) - sentence.start]
                cut = _AND_END.sub("", said_first)
                if len(cut.split()) >= 2 and _JOINED.search(said_first):
                    rest = cut[len(m.group(vg)) :]
                    end = sentence.start + m.start("rest") + len(rest)
            if any(t.start < end and start < t.end for t in tasks + added):
                continue
            if _said_again(m.group(vg), rest, tasks):
                continue  # "asked me to intro her to a CPA -> intro her to Mark this week"
            said = [d for d in dates if start <= d.start < end]
            when = next((d.value for d in said if d.value is not None), None)
            if when is None and _ASKED_IF.search(sentence.text, m.start(), m.start(vg)):
                continue  # "asked if we could look at his policy": a topic, no day to keep
            text = sentence.text[m.start(vg) : m.start("rest") + len(rest)]
            for d in reversed(said):
                a = d.start - sentence.start - m.start(vg)
                if not _POSSESSIVE.match(text, a + min(d.end, end) - d.start):
                    text = text[:a] + text[a + min(d.end, end) - d.start :]
            text = " ".join(text.split()).rstrip(" ,")
            added.append(make(text[:1].upper() + text[1:], "todo", when, start, end))
    return added


_PLAIN = word_list("tasks.requests._PLAIN")
_JOINED = LazyRegex(r"\s(?:and|&|\+)\s+(?:(?:then|also)\s+)?(?:to\s+)?$", re.IGNORECASE)
_AND_END = LazyRegex(r"[\s,]*(?:\b(?:and|then|also|to|&|\+)\s*)*$", re.IGNORECASE)


def _without_dates(text: str, said: list[DateMention], start: int) -> str:
    """The asked-for thing with its dates taken out ("samples by Friday" -> "samples")."""
    for d in reversed(said):
        a, b = d.start - start, d.end - start
        text = text[:a] + text[b:]
    return " ".join(text.split()).rstrip(" ,")


def _said_again(verb: str, rest: str, tasks: list[TaskFound]) -> bool:
    """The note's own task says the same thing: the same verb, or a word of what was asked."""
    asked = {w for w in _words(rest) if len(w) > 3 and w not in _PLAIN}
    for task in tasks:
        said = _words(task.title)
        if said and (said[0][:5] == verb.lower()[:5] or asked & set(said)):  # intro/introduce
            return True
    return False


# Family: a thing the client wants back from the user by a day ("wants the signed SOW back by
# Tuesday", "MSA redline back to him by Wed"): the user's task to send it back.
_BACK = LazyRegex(
    r"(?:\b(?:wants?|needs?|asked\s+for|expects?)\s+)?(?P<thing>(?:(?:the|our|my|his|her|their|a)"
    r"\s+)?[\w#][\w#-]*(?:\s+[\w#][\w#-]*){0,3}?)\s+back(?:\s+to\s+(?:him|her|them|me|(?-i:[A-Z][\w'-]+)))?"
    r"\s+(?=by\b|before\b|on\b|no\s+later\b)",
    re.IGNORECASE,
    needs="back",
)
_NOT_BACK = word_list("tasks.requests._NOT_BACK")


def sent_back(
    sentences: list[Span],
    dates: list[DateMention],
    tasks: list[TaskFound],
    make: Callable[..., Any],
) -> list[TaskFound]:
    """'Send the signed SOW back' for a thing wanted back by a day, unless a task covers it."""
    added: list[TaskFound] = []
    for sentence in sentences:
        for m in _BACK.finditer(sentence.text):
            start, end = sentence.start + m.start("thing"), sentence.start + m.end()
            after = dates_in(dates, end, sentence.end)
            if not after or after[0].value is None:
                continue
            thing = m.group("thing").strip()
            first = thing.lower().split()[0]
            if first in _NOT_BACK or (base_verb(first) is not None and first not in ("quote",)):
                continue
            if any(t.start < after[0].end and start < t.end for t in tasks + added):
                continue
            for owner in ("our ", "my ", "his ", "her ", "their "):
                if thing.lower().startswith(owner):
                    thing = "the " + thing[len(owner) :]
            added.append(make(f"Send {thing} back", "todo", after[0].value, start, after[0].end))
    return added
