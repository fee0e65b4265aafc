"""Messages that wait for the user's answer: "Voicemail from Jim", "she emailed asking".

Only messages *to* the user count. "I left him a VM", "LVM for Ann", "Called Susan, LVM",
"Emailed Claire the proposal" and "Texted w/ Marcus" are the user's own doing. LVM ("left
voicemail") is the user's only when the note says so: "LVM for Ann", "LVM w/ Pat", "Called
Susan, LVM", or "no callback yet" after it; "Frank LVM re: renewal", "LVM: Dave wants a quote"
are messages waiting. A call the user took ("Call from Marcus - talked 20 min") awaits nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapport.core.understand.programs import rx
from rapport.core.understand.text import LazyRegex
from rapport.core.understand.wordlists import word_list

__all__ = ["InboundFound", "answered_on_top", "find_inbound"]


@dataclass(frozen=True, slots=True)
class InboundFound:
    """A message the client left (a voicemail, a mail, a text, a call) and who sent it."""

    channel: str  # voicemail, email, text, call
    sender: str | None  # as written; None when the note does not say (the client)
    start: int
    end: int


_CHANNELS = {
    "voicemail": "voicemail", "voice mail": "voicemail", "vm": "voicemail", "lvm": "voicemail",
    "message": "voicemail", "msg": "voicemail", "email": "email", "e-mail": "email",
    "mail": "email", "emailed": "email", "e-mailed": "email", "text": "text", "txt": "text",
    "sms": "text", "texted": "text", "whatsapp": "text", "imessage": "text",
    "messaged": "text", "dm": "text", "dm'd": "text", "call": "call", "missed call": "call",
    "phone call": "call", "called": "call", "rang": "call", "pinged": "text",
    "lm": "voicemail", "ring": "call", "wrote": "email", "phoned": "call", "telephoned": "call",
}  # fmt: skip
# Case-sensitive even inside IGNORECASE patterns: "from Bob about pricing" is from Bob.
# "Dr. Brian Castellano": the title is not the sender's name
_NAME = (
    r"(?:(?i:dr|mr|mrs|ms|prof)\.?\s+)?"
    r"(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}(?:\s+[A-Z]\.(?=\s))?|[Hh]e|[Ss]he|[Tt]hey)"
)
_ASIDE = r"(?:\s*\([^)\n]{1,40}\))?"  # "Jason (Brightwave) texted me"
_WHEN = r"(?:\s+(?:yesterday|today|last\s+night|this\s+morning|mon|tue|wed|thu|fri|sat|sun)[a-z]*)?"
_OFFICE = (
    r"(?:'s\s+(?:office\s+|practice\s+)?(?:assistant|office|ea|admin|team|secretary|wife|husband|"
    r"partner|manager|mgr|nurse|paralegal|coordinator))?"
)
# "Voicemail frm Lupe", "email fr Dana": phone spellings of "from"
_FROM = r"(?:from|frm|fr)"
# When it came, said between the message and its sender: "a voicemail at 8:40 this morning
# from Mrs. Long", "an email yesterday from Dana"
_SAID_AT = (
    r"(?:\s+(?:at\s+\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?|this\s+(?:morning|afternoon|evening)|"
    r"yesterday|last\s+night|today|earlier)){0,2}"
)
# A call or note the user makes is not a message: "thank-you call from the ED", "intro email"
_NOT_A_MESSAGE = r"(?<!thank-you\s)(?<!thank\syou\s)(?<!follow-up\s)(?<!intro\s)(?<!sales\s)"
_PATTERNS: tuple[LazyRegex, ...] = (
    LazyRegex(
        rf"\b{_NOT_A_MESSAGE}(?P<ch>missed\s+call|phone\s+call|voice\s*mail|voicemail|vm|lvm|lm|e-?mail|"
        r"text|txt|sms|message|msg|whatsapp|imessage|dm|call)s?(?:\s+back)?"
        r"(?:\s+(?:in|came\s+in|come\s+in|coming\s+in))?"
        # i16ip: taken for the boss or said in the passive of a formal memo ("Voicemail for A.
        # from X", "An email was received this morning from X")
        r"(?:\s+for\s+(?-i:[A-Z]\.|[A-Z][a-z]+)|\s+(?:was|were|has\s+been)\s+received)?"
        # "sent the email from my phone": the user's own message
        rf"{_SAID_AT}\s+{_FROM}\s+(?!(?:my|our)\b)(?:(?:the|his|her)\s+)?(?P<who>{_NAME})?",
        re.IGNORECASE,
    ),
    LazyRegex(
        rf"(?P<who>{_NAME}){_ASIDE}{_OFFICE}(?:\s+\w+)?\s+left\s+(?:me\s+|us\s+)?(?:a\s+|an\s+)?"
        r"(?P<ch>(?i:voice\s*mail|voicemail|vm|message|msg))\b"
    ),
    LazyRegex(
        rf"(?:(?P<who>{_NAME}){_ASIDE}|\((?P<who2>{_NAME})\)|(?P<who3>{_NAME}),[^,.;\n]{{3,60}},)"
        rf"{_OFFICE}\s+(?:just\s+|finally\s+)?(?P<ch>(?i:e-?mailed|texted|"
        r"called|phoned|telephoned|messaged|rang|pinged|dm'?d|"
        r"wrote(?=\s+(?:in|me|us|to\s+(?:me|us))\b)))\b"
        r"(?!\s+(?:him|her|them|out|in\s+sick|off)\b)"
        # "texted back: can we push ...?": a reply that asks waits; "texted back, all good" not
        r"(?!\s+back\b(?![^\n?]{0,100}\?))"
    ),
    LazyRegex(
        rf"(?P<who>{_NAME}){_OFFICE}\s+sent\s+(?:(?:me|us)\s+|"
        # i16in: "She sent an email last wk asking to ...": to the user when it asks something
        r"(?=(?i:(?:over\s+)?(?:an?\s+)?(?:e-?mail|text|message)\b[^.;!?\n]{0,30}?\b(?:asking|"
        r"wanting|wants|about|re|to\s+ask|question)\b)))(?i:over\s+)?(?:an?\s+)?"
        r"(?P<ch>(?i:e-?mail|text|message))\b(?!\s+to\s+(?!me\b|us\b))"
    ),
    LazyRegex(
        r"(?:^|[.;!\n]\s*|\s-\s)(?P<ch>texted|e-?mailed|called|messaged)\s+"
        r"(?:me\b|asking\b|wanting\b|to\s+ask\b)",
        re.IGNORECASE,
    ),
    LazyRegex(rf"\b(?P<ch>voice\s*mail|voicemail|vm|lvm)\s*[-:]\s*(?P<who>{_NAME})", re.IGNORECASE),
    LazyRegex(rf"(?P<who>{_NAME})\s*[-:]?\s+(?P<ch>(?i:lvm))\b"),
    LazyRegex(r"\b(?P<ch>lvm)\b", re.IGNORECASE),
    # "Carlos Mejia txt: truck broke down", "Dana email: can we push?": the message, quoted
    LazyRegex(rf"(?P<who>{_NAME})\s+(?P<ch>(?i:txt|text|sms|e-?mail|vm|voicemail))\s*:\s"),
    # "quote request via email: Trevor Buckley", "inquiry came in by text"
    LazyRegex(
        r"\b(?:request|inquiry|enquiry|lead|question|rfq|order)\s+(?:came\s+in\s+)?"
        r"(?:via|by|over|through|thru)\s+(?P<ch>e-?mail|text|txt|voicemail|vm)\b",
        re.IGNORECASE,
        needs="mail text txt vm",
    ),
    # "kyle brandt emailed sat asking for the floorplan": a sender typed in lower case
    LazyRegex(
        r"(?:^|[.;!\n]\s*|\s-\s|:\s*)(?P<low>[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)\s+"
        rf"(?P<ch>emailed|e-mailed|texted|called|messaged){_WHEN}"
        r"(?:\s+(?:me\b|asking\b|about\b|re\b|to\s+ask\b|wanting\b)"
        # "patty lindqvist called this morning she got my name from jim": dictated run-on, the
        # caller's own clause after it
        r"|\s*[;,.]?\s*(?:she|he|they)\s+(?!said\b|told\b)\w)"
    ),
    # "Voicemail of Rogelio Fuentes", "message of Mrs. Kowalska": "of" for "from" (non-native)
    LazyRegex(
        rf"\b(?P<ch>voice\s*mail|voicemail|vm|(?:text\s+)?message|msg|e-?mail)\s+of\s+(?P<who>{_NAME})",
        re.IGNORECASE,
    ),
    # Family: a voicemail pasted from the phone's transcript, its header opening a line with
    # what the app adds between the word and the message or sender ("Voicemail transcript
    # (0:52): hi it's ...", "VM to text, Tue 9:05 AM, from Ana Ruiz:", "voice mail (auto):")
    LazyRegex(
        r"(?im)^[ \t]*[\[(]?(?:new\s+)?(?P<ch>voice\s*mail|vm)\b"
        r"(?:\([^)\n]{0,24}\)|\d{1,2}:\d\d|[^:\n.!?()])*?"
        rf"(?:\b(?:from|frm|fr)\s+(?P<who>{_NAME})|:)"
    ),
)
# Words without which each pattern cannot match (lower case): a note about a lunch compiles
# and runs none of them.
# Family: a message taken for the user asking for a call ("She asked Marcus to call her back
# by Wednesday", "He asked that you call him before Friday"): a call waits for the user
_PATTERNS += (
    # Family: the message verb in its base form, as non-native and dictated notes drop the
    # "-ed", with a time already past after it: "Hung Tran from Tran Fabrication call me this
    # morning", "Dee text me last night", "he email us yesterday"
    LazyRegex(
        rf"(?P<who>{_NAME}){_ASIDE}(?:\s+(?:from|of|at|@)\s+[^.;!?\n]{{1,40}}?)?\s+"
        r"(?P<ch>(?i:call|text|e-?mail|ring|message))\s+(?i:me|us)\s+"
        r"(?i:this\s+(?:morning|afternoon|evening)|yesterday|last\s+night|earlier|today)\b"
    ),
    LazyRegex(
        r"\b(?:asked|wants|would\s+like|needs)\s+(?:that\s+)?(?:you|(?-i:[A-Z][a-z]+))\s+"
        r"(?:to\s+)?(?P<ch>call)\s+(?:him|her|them)\b",
        re.IGNORECASE,
    ),
)
_ASKED_TO_CALL = _PATTERNS[-1]
# i16in. Family: a message's channel in brackets between its sender and its words, as a phone
# or a chat export writes it ("Dana (text, 9:14am): can we push to 3?", "Ravi Shah (email):")
_PATTERNS += (
    LazyRegex(
        rf"(?P<who>{_NAME})\s*\((?P<ch>(?i:text|txt|sms|e-?mail|voice\s*mail|vm|whatsapp|imessage|"
        r"dm))\b[^)\n]{0,30}\)\s*:"
    ),
)
# Family: a message the user has not answered yet ("She sent an email last wk asking to
# downgrade - havent replied yet", "a text Friday I haven't answered")
_UNANSWERED = LazyRegex(
    r"\b(?P<ch>e-?mail|text|txt|message|msg|voice\s*mail|vm|dm)s?\b[^.;!?\n]{0,80}?"
    r"\b(?:i\s+)?(?:haven'?t|havent|have\s+not|i\s+(?:still\s+)?need\s+to|yet\s+to)\s+(?:replied|"
    r"responded|answered|gotten\s+back|got\s+back|reply|respond|answer)",
    re.IGNORECASE,
)
# i16in. Family: a missed call said any way ("missed call - Bo Grady", "2 missed calls from
# Hector", "missed her call"): a call waits
_PATTERNS += (
    LazyRegex(
        r"\b(?P<ch>missed\s+(?:a\s+|an\s+|\d+\s+|two\s+|three\s+|(?:his|her|their)\s+)?calls?)\b"
        rf"(?:\s*(?:[-:–—,(]|from|fr|frm)\s*(?:(?:the|his|her)\s+)?(?P<who>{_NAME})?)?",
        re.IGNORECASE,
    ),
    _UNANSWERED,
    # Family: a pasted e-mail thread, its subject line first ("Re: Re: Fwd: holiday order"),
    # whose message asks the user something: it waits for the user's answer
    LazyRegex(
        r"\A\s*(?P<ch>re|fwd?|fw)\s*:(?:[^?]{0,400}?)\b(?:can|could|would|will|do|are|did|"
        r"any\s+chance)\s+(?:you|u)\b[^?\n]{0,120}\?",
        re.IGNORECASE,
    ),
)
_TRIGGERS = (
    ("from", "frm", "fr "),
    ("left",),
    ("mailed", "texted", "called", "messaged", "rang", "pinged", "dm", "wrote", "phoned"),
    ("sent",),
    ("texted", "mailed", "called", "messaged"),
    ("vm", "voice"),
    ("lvm",),
    ("lvm",),
    ("txt", "text", "sms", "mail", "vm", "voicemail"),
    ("via", "by", "over", "through", "thru"),
    ("mailed", "texted", "called", "messaged"),
    (" of ",),
    ("voice", "vm"),
    ("morning", "afternoon", "evening", "yesterday", "last night", "earlier", "today"),
    ("call",),
    ("text", "txt", "sms", "mail", "vm", "voice", "whatsapp", "imessage", "dm"),
    ("missed",),
    ("replied", "responded", "answered", "reply", "respond", "answer", "gotten back", "got back"),
    ("re", "fw"),
)
_NO_REPLY = LazyRegex(
    r"\bno\s+(?:reply|response|answer|need\s+to\s+(?:reply|respond|answer|call\s+back))"
    r"\s*(?:needed|necessary|required)?\b|\bfyi\s+only\b|\bdoesn'?t\s+need\s+a\s+(?:reply|response)",
    needs="no fyi doesn",
)
# "LVM for Ann", "LVM w/ Pat", "LVM him": the user left it.
_LVM_FOR = LazyRegex(r"\s*(?:for|w/|with|to|him|her|them|on\s+(?:his|her))\b", re.IGNORECASE)
# Waiting on them after the user's voicemail: "no answer", "no callback yet", "try again Fri".
_NO_ANSWER = LazyRegex(
    r"\bno\s+(?:answer|callback|call\s+back|reply|response|pick\s*up)|\btry\s+(?:again|him|her)"
    r"|\bwill\s+try|\bdidn'?t\s+pick",
    re.IGNORECASE,
)
_LEFT_THEM = LazyRegex(r"\bleft\s+(?:him|her|them|a|an)\b[^.;\n]{0,8}$", re.IGNORECASE)
# A call the user took: "Call from Marcus - talked 20 min", "Farid called - we spoke".
_TALKED = LazyRegex(
    r"\b(?:talked|spoke|chatted|discussed|caught\s+up|went\s+(?:over|through|thru)|"
    r"walked\s+(?:him|her|them)\s+through)\b",
    re.IGNORECASE,
)
_TYPED = LazyRegex(
    r"\b(?:linkedin|slack|teams|facebook|fb|instagram|ig|whatsapp|signal|wechat|text|chat|"
    r"dm|direct|portal|web|website|online)\s+(?:msg|message)?\s*$",
    re.IGNORECASE,
)
# i16in. Family: what was asked for, sent back ("emailed the signed lease back, all done",
# "texted back the signed form"): the exchange is closed
_RETURNED = LazyRegex(
    r"[^.;!?\n]{0,40}?\b(?:back\b[\s,-]*(?:all\s+|it'?s\s+)?(?:done|set|signed|complete|"
    r"countersigned|filed)|back\s+(?:the\s+)?signed\b|signed\b[^.;!?\n]{0,25}\bback\b)",
    re.IGNORECASE,
)
# i16ip. Family: "called" for a visit in formal and British English ("Dr. X called at the
# workshop", "called at the shop in person", "called on his way back from the fair", "called
# round", "called in person"): someone came by, nothing waits for an answer. Not "called at
# 9:40" or "called on Monday" (the telephone, when).
_VISITED = LazyRegex(
    r"\s+(?:in\s+person\b|at\s+(?:the|our|my|his|her|their|this)\s+(?!\d|weekend\b|"
    r"end\b|start\b|beginning\b|last\b|moment\b|time\b|same\b)|on\s+(?:his|her|"
    r"their)\s+way\b|on\s+(?:me|us)\b|round\b|in\s+(?:at|on)\b|by\s+(?:the|our|my)\s+"
    r"(?:shop|office|house|store|studio|workshop|gallery|showroom|yard|clinic)\b)",
    re.IGNORECASE,
)
_LOW_NOT_SENDERS = word_list("inbound._LOW_NOT_SENDERS")
_TAKEN_FOR = LazyRegex(r"\sfor\s", re.IGNORECASE)
# i16ip: the telephone's verbs in formal and British English ("phoned", "telephoned")
_CALLED = frozenset(("called", "phoned", "telephoned"))
_SPOKEN = frozenset(("call", "phone call", "rang", "missed call")) | _CALLED
_USER_SENT = LazyRegex(
    r"(?:^|[.;!\n]\s*)(?:i\s+)?(?:sent|emailed|texted|left|wrote)\b[^.;!\n]*$", re.IGNORECASE
)
# Who did it: the user when the sentence starts with their own verb ("Called Susan, LVM").
_USER_DID = LazyRegex(
    r"(?:^|[.;!\n]\s*)(?:i\s+)?(?:called|rang|tried|texted|emailed|left)\b[^.;!\n]*$", re.I
)
_NOT_PEOPLE = frozenset(
    {"i", "we", "you", "lunch", "call", "met", "coffee", "meeting", "mtg", "quick", "email", "text"}
    | {"new", "got", "another", "a", "an", "the", "old", "urgent", "lvm", "vm", "re", "fyi"}
)


def find_inbound(text: str, limit: int) -> InboundFound | None:
    """The first message in ``text[:limit]`` that waits for the user's answer, if any."""
    best: InboundFound | None = None
    low_text = text[:limit].lower()
    if _NO_REPLY.search(low_text):
        return None  # "got an email from Chloe ... no reply needed": nothing awaits an answer
    for pattern, triggers in zip(_PATTERNS, _TRIGGERS, strict=True):
        if not any(word in low_text for word in triggers):
            continue
        for m in pattern.finditer(text, 0, limit):
            groups = m.groupdict()
            who = groups.get("who") or groups.get("who2") or groups.get("who3")
            low = groups.get("low")
            if low is not None:
                if low.split()[0] in _LOW_NOT_SENDERS:
                    continue
                who = None if low in ("he", "she", "they") else _title(low)
            if who and who.split()[0].lower() in _NOT_PEOPLE:
                continue
            kind = " ".join(m.group("ch").lower().split())
            if kind.startswith("missed"):
                kind = "missed call"  # "missed 2 calls", "missed her call"
            elif kind in ("re", "fw", "fwd"):
                kind = "email"  # a pasted thread's subject line
            if kind == "lvm" and "from" not in m.group().lower() and _users_voicemail(text, m):
                continue  # "Called Susan Park, LVM", "LVM for Ann": the user left it
            if kind in ("vm", "voicemail", "voice mail") and _LEFT_THEM.search(
                text, max(0, m.start() - 20), m.start()
            ):
                continue  # "left him a vm - Dave Kim"
            if pattern is _UNANSWERED and _USER_SENT.search(text, 0, m.start()):
                continue  # "sent her an email Monday, haven't heard": the user's own message
            if kind in _SPOKEN and _talked_after(text, m.end()):
                continue
            if (
                pattern is _PATTERNS[0]
                and kind in ("message", "msg")
                and _TAKEN_FOR.search(m.group())
            ):
                continue  # i16ip: "Msg for Cody from the front counter": a note passed on by hand
            if kind in _CALLED and _VISITED.match(text, m.end()):
                continue  # "called at the shop", "called on his way back": came in person
            if _RETURNED.match(text, m.end()):
                continue  # "emailed the signed lease back, all done": nothing awaits
            if pattern is _ASKED_TO_CALL and _TALKED.search(text, 0, m.start()):
                continue  # "Spoke w/ Mr. Okafor on behalf of Dana ... asked that Dana call him"
            pronoun = (who or "").lower() in ("he", "she", "they")
            called = pattern is _PATTERNS[2] and m.group("ch").lower() in _CALLED
            if called and pronoun and not _asks(text, m.end()):
                continue  # "he called" alone: a conversation, not a message
            channel = _CHANNELS.get(kind, "voicemail")
            if (
                channel == "voicemail"
                and kind in ("message", "msg")
                and _TYPED.search(text, max(0, m.start() - 16), m.start())
            ):
                channel = "text"  # "a LinkedIn msg from Raj": typed, not spoken
            title = rx(r"(?i:dr|mr|mrs|ms|prof)(\.?)\s+").match(who or "")
            if title and who and (title.group(1) or " " in who[title.end() :]):
                who = who[title.end() :]  # "Dr. Brian Castellano", "Dr. Lim"; "Mrs Hale" stays
            sender = None if not who or who.lower() in ("he", "she", "they") else who
            found = InboundFound(channel, sender, m.start(), m.end())
            if best is None or found.start < best.start:
                best = found
            break
    if best is None or best.channel == "email":
        heading = _voicemail_heading(text, limit)
        best = (
            heading
            if heading is not None and (best is None or heading.start <= best.start)
            else best
        )
    return best if best is not None else _pasted_message(text, limit)


# i16in3. Family: a voicemail pasted under the phone's heading line, the word with what the app
# adds and no sentence ("Visual voicemail transcript", "Voicemail (visual) · Meg Orr · Mar 4 ·
# 0:47", "New voicemail - 0:52"): a voicemail, before any "From:" line under it
_VOICEMAIL_HEADING = LazyRegex(
    r"(?im)\A[ \t]*(?:visual\s+|new\s+)?(?P<ch>voice\s*mail|vm)\b(?:[ \t]+transcri\w*)?"
    r"(?:[ \t]*\([^)\n]{0,24}\))?(?:[ \t]*[·•|–—-][ \t]*(?P<who>(?-i:[A-Z][\w'-]+(?:[ \t]+"
    r"[A-Z][\w'-]+){0,2})))?[^\n.!?\"“]{0,60}$"
)


def _voicemail_heading(text: str, limit: int) -> InboundFound | None:
    m = _VOICEMAIL_HEADING.match(text, 0, limit)
    if m is None:
        return None
    who = m.group("who")
    return InboundFound(
        "voicemail",
        who if who and who.split()[0].lower() not in _MONTHS else None,
        m.start(),
        m.end(),
    )


_MONTHS = frozenset(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
                     "nov", "dec", "january", "february", "march", "april", "june", "july",
                     "august", "september", "october", "november", "december"))  # fmt: skip
# i16in3. Family: a message pasted from the phone without the word "text" that asks the user
# something and has no reply of the user's after it: the other side's own chat lines ("Name:
# ...", a time or an emoji between the name and the colon: "Ola Berg (Tue 9:02am):", "Kim Soto
# 🌸:"), a message that opens by saying who writes ("hey!! it's Jo Park", "this is Al Roy"), or
# a forwarded text quoted ('fwd from Bea Lund: "can u ..."'). Not a pasted e-mail (its own
# stage reads those).
_CHAT_LINE = LazyRegex(
    r"(?m)^[ \t]*(?:\[[^\]\n]{1,40}\][ \t]*)?(?P<who>[A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]*){0,2}|"
    r"(?i:me|i|you))(?:[ \t]*\([^)\n]{1,30}\))?[ \t]*[^\w\s:\n]{0,6}[ \t]*:[ \t]+(?P<msg>\S[^\n]*)$"
)
_ME = frozenset(("me", "i", "you"))
_ASKS_USER = LazyRegex(
    r"\?|\b(?:can|could|would|will)\s+(?:you|u|ya)\b|\blmk\b|\blet\s+me\s+know\b|\bcan\s+(?:i|we)\b",
    re.IGNORECASE,
)
_WHO_WRITES = LazyRegex(
    r"\A[^\w\n]{0,12}(?:(?:hey|hi|hello|hiya)\b[^\w\n]{0,12})?(?:it'?s|it’s|this\s+is)\s+"
    r"(?P<who>(?-i:[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+)?))\b(?!'s)",
    re.IGNORECASE,
)
_FORWARDED_TEXT = LazyRegex(
    r"\b(?:fwd|fw|forwarded)\s+(?:text\s+|msg\s+|message\s+)?from\s+(?P<who>(?-i:[A-Z][\w'-]+"
    r"(?:[ \t]+[A-Z][\w'-]+)?))\s*:\s*[\"“]",
    re.IGNORECASE,
)
_MAIL_HEADER = LazyRegex(r"(?im)^[ \t>]*(?:from|to|subject|sent|cc|date)\s*:")


def _pasted_message(text: str, limit: int) -> InboundFound | None:
    if _MAIL_HEADER.search(text, 0, limit):
        return None
    if ":" in text[:limit]:
        lines = [
            m
            for m in _CHAT_LINE.finditer(text, 0, limit)
            if m.group("who").split()[0].lower() not in _NOT_SPEAKERS
        ]
        theirs = [m for m in lines if m.group("who").lower() not in _ME]
        speakers = {" ".join(m.group("who").lower().split()) for m in theirs}
        if len(theirs) >= 2 and len(speakers) == 1 and lines[-1] is theirs[-1]:
            mine = [m for m in lines if m.group("who").lower() in _ME]
            asked = [m for m in theirs if not mine or m.start() > mine[-1].start()]
            if any(_ASKS_USER.search(m.group("msg")) for m in asked):
                last = theirs[-1]
                return InboundFound("text", last.group("who"), last.start(), last.end())
    who = _WHO_WRITES.match(text, 0, limit)
    if who is not None and _ASKS_USER.search(text, who.end(), limit):
        return InboundFound("text", who.group("who"), who.start("who"), who.end())
    fwd = _FORWARDED_TEXT.search(text, 0, limit)
    if fwd is not None:
        return InboundFound("text", fwd.group("who"), fwd.start(), fwd.end())
    return None


_NOT_SPEAKERS = frozenset(
    ("note", "notes", "re", "subject", "attendees", "next", "action", "todo", "to", "from", "cc",
     "date", "when", "where", "who", "what", "why", "tasks", "task", "update", "status", "ps",
     "p.s", "fyi", "nb", "agenda", "summary", "decisions", "owners", "personal", "budget",
     "timeline", "history", "family", "background", "gift", "referral", "them", "us")
)  # fmt: skip


def _users_voicemail(text: str, m: re.Match[str]) -> bool:
    if _LVM_FOR.match(text, m.end()) or _USER_DID.search(text, 0, m.start()):
        return True
    return _NO_ANSWER.search(text, m.end(), m.end() + 80) is not None


def _talked_after(text: str, pos: int) -> bool:
    """A conversation follows the call on its line: the user took it."""
    line_end = text.find("\n", pos)
    end = min(pos + 100, line_end if line_end >= 0 else len(text))
    return _TALKED.search(text, pos, end) is not None


def _title(raw: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in raw.split())


def _asks(text: str, pos: int) -> bool:
    return bool(
        rx(r"\s*(?:me\s+)?(?:about|re|asking|to\s+ask|wanting|because)\b", re.I).match(text[pos:])
    )


# i16ip. Family: a pasted thread whose newest message, on top above the older one's header
# ("-----Original Message-----", "From: ...", "On ... wrote:"), is the user's own answer ("I'll
# email the sheet tomorrow", "confirmed", "as promised I've set up ..."), with no question in it:
# the older message is answered, nothing waits (a reply pasted from Outlook or a CRM with the
# client's mail quoted under it).
_OLDER_HEADER = LazyRegex(
    r"(?im)^[ \t>]*(?:-{3,}[ \t]*(?:original|forwarded)\s+message[ \t-]*$|"
    r"on\b[^\n]{0,80}\bwrote:[ \t]*$|from:[ \t])"
)
_HEADER_LINE = LazyRegex(
    r"(?i)^[ \t>]*(?:(?:from|to|cc|bcc|subject|sent|date|re|fw|fwd)\s*:|-{3,}[ \t]*"
    r"(?:(?:original|forwarded)\s+message[ \t-]*)?$)"
)
_ANSWER = LazyRegex(
    r"\b(?:I'll|I\s+will|I\s+shall|I've|I\s+have\s+(?:set|sent|attached|put|asked)|confirmed|"
    r"as\s+promised|no\s+problem\s+at\s+all|done)\b",
    re.IGNORECASE,
)
_ASKS = LazyRegex(
    r"\b(?:can\s+you|could\s+you|would\s+you|let\s+me\s+know|pls|please\s+(?:send|confirm|"
    r"advise|call|get|let))\b",
    re.IGNORECASE,
)


def answered_on_top(text: str, limit: int) -> bool:
    """The note is a pasted thread whose top message is the user's answer to the one below."""
    if "wrote:" not in text and "rom:" not in text and "---" not in text:
        return False
    for m in _OLDER_HEADER.finditer(text, 0, limit):
        body = [
            line
            for line in text[: m.start()].splitlines()
            if line.strip() and not _HEADER_LINE.match(line) and not line.lstrip().startswith(">")
        ]
        if sum(len(line.split()) for line in body) < 6:
            continue  # the top message's own header, not an older message under it
        top = "\n".join(body)
        return "?" not in top and bool(_ANSWER.search(top)) and not _ASKS.search(top)
    return False
