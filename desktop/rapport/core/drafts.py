"""Short messages drafted for the user to copy: "running late" notes and away auto-replies.

The wording varies from one promise to the next (the same client should not get the same
sentence twice in a row) but is deterministic: the same promise always gets the same
draft, so tests and the user's copy-paste agree. Every late note says what is late, the
new date, and sorry, and greets the client by first name.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

from rapport.core.records import Task

# Verbs that start a task title but not the thing promised: "Send the proposal" -> "the
# proposal", so the note reads "the proposal I promised you".
_LEADING_VERBS = frozenset(
    [
        "send",
        "email",
        "mail",
        "share",
        "deliver",
        "provide",
        "give",
        "forward",
        "finish",
        "prepare",
        "write",
        "get",
        "draft",
        "put",
        "make",
        "find",
        "look",
        "do",
        "check",
        "run",
        "compile",
        "pull",
        "dig",
        "book",
        "set",
        "schedule",
    ]
)

_LATE = (
    "Hi {first},\n\nI'm running a little behind on {what}. You'll have it by {new}. "
    "I'm sorry for the delay, and thank you for your patience.\n\n{sign}",
    "Hi {first},\n\nA quick note so you're not left waiting: {what} is taking me longer than "
    "I said. I'll get it to you by {new}. My apologies.\n\n{sign}",
    "Hello {first},\n\nI owe you {what} and I'm late with it, sorry about that. "
    "I'll have it to you by {new}.\n\n{sign}",
    "Hi {first},\n\nI wanted to be upfront: {what} won't be ready when I promised. "
    "I'm sorry. You can count on it by {new}.\n\n{sign}",
)
_EARLY = (
    "Hi {first},\n\nA heads-up before the deadline: {what} will take me a little longer than "
    "I said. You'll have it by {new}. Sorry for the change, and thanks for understanding."
    "\n\n{sign}",
    "Hi {first},\n\nI'd rather tell you early: I need a bit more time on {what}. "
    "I'll have it to you by {new}. Apologies for the shift.\n\n{sign}",
    "Hello {first},\n\nJust letting you know ahead of time that {what} is running a little "
    "behind. Expect it by {new}. Sorry, and thank you for your patience.\n\n{sign}",
)


def what_was_promised(title: str) -> str:
    """'Send the revised proposal' -> 'the revised proposal'; 'pricing' -> 'the pricing'."""
    words = title.strip().rstrip(".!").split()
    if len(words) == 1 and words[0].lower() in _LEADING_VERBS:
        return "what I promised you"  # "Send": nothing to name
    if len(words) > 1 and words[0].lower() in _LEADING_VERBS:
        words = words[1:]
        if words and words[0].lower() in ("over", "out", "up") and len(words) > 1:
            words = words[1:]
        if words and words[0].lower() in ("you", "him", "her", "them") and len(words) > 1:
            words = words[1:]
        words = _without_addressee(words)
    if not words:
        return "what I promised you"
    text = " ".join(words)
    first = words[0].lower()
    if first in ("the", "a", "an", "my", "our", "your", "his", "her", "their", "that", "those"):
        return text[0].lower() + text[1:] if not words[0].isupper() else text
    return f"the {text[0].lower() + text[1:] if not words[0].isupper() else text}"


_DETERMINERS = ("the", "a", "an", "my", "our", "your", "his", "her", "their", "that", "those")


def _without_addressee(words: list[str]) -> list[str]:
    """'Michael the claims mock-up' -> 'the claims mock-up': the note is written to the
    person the task names after its verb, so their name is not part of what is owed."""
    names = 0
    while names < len(words) and words[names][:1].isupper() and not words[names].isupper():
        names += 1
    if names == 0 or names > 3 or names == len(words):
        return words
    rest = words[names]
    if rest.lower() in _DETERMINERS or (
        rest[:1].islower() and rest not in ("to", "about", "on", "for", "with", "and", "at")
    ):
        return words[names:]
    return words


def day_text(day: date) -> str:
    """'Friday, Nov 27': a date nobody misreads, in either day-month order."""
    return f"{day:%A}, {day:%b} {day.day}"


def _pick(options: tuple[str, ...], seed: str) -> str:
    return options[zlib.crc32(seed.encode("utf-8")) % len(options)]


def late_note(task: Task, first_name: str, new_date: date, today: date, sender: str = "") -> str:
    """The "running late" message to the client about ``task``, ready to copy."""
    late = task.due is not None and task.due < today
    template = _pick(_LATE if late else _EARLY, f"{task.id}:{task.title}")
    return template.format(
        first=first_name or "there",
        what=what_was_promised(task.title),
        new=day_text(new_date),
        sign=sender.strip() or "Best regards",
    ).strip()


@dataclass(frozen=True, slots=True)
class AutoReply:
    email: str  # to paste as the mail auto-responder
    voicemail: str  # to read as the voicemail greeting


def auto_reply(
    start: date, until: date, back: date, backup_name: str, backup_contact: str, sender: str = ""
) -> AutoReply:
    """The away message: when, when back, and who to reach meanwhile."""
    span = f"from {day_text(start)} to {day_text(until)}"
    backup = ""
    spoken_backup = ""
    if backup_name.strip():
        how = f" at {backup_contact.strip()}" if backup_contact.strip() else ""
        backup = f" If it can't wait, please contact {backup_name.strip()}{how}."
        spoken_backup = f" If it's urgent, please reach {backup_name.strip()}{how}."
    email = (
        f"Thank you for your message. I'm away {span} with limited access to email, and I "
        f"will reply when I'm back on {day_text(back)}.{backup}"
    )
    if sender.strip():
        email += f"\n\n{sender.strip()}"
    who = f"You've reached {sender.strip()}. " if sender.strip() else "Hello. "
    voicemail = (
        f"{who}I'm away {span} and back on {day_text(back)}. Please leave a message and I'll "
        f"call you back when I return.{spoken_backup}"
    )
    return AutoReply(email=email, voicemail=voicemail)


# -- closing the loop: "it's done, as promised" ----------------------------------------------
# What a finished promise was, read from the verb its title starts with (and the task's
# kind when the title does not say): something sent lands in their inbox; a call or an
# introduction is something the writer set up; anything else is simply done.
_SENT_VERBS = frozenset(
    ["send", "email", "e-mail", "mail", "share", "forward", "deliver", "provide", "give"]
)
_SET_UP_VERBS = frozenset(["schedule", "book", "arrange", "organize", "organise", "plan"])
_INTRO_VERBS = frozenset(["introduce", "connect", "intro"])
# Past participles for "I've reviewed the contract": irregular ones spelled out.
_PARTICIPLES = {
    "do": "done",
    "find": "found",
    "get": "got",
    "make": "made",
    "write": "written",
    "run": "run",
    "put": "put",
    "set": "set",
    "dig": "dug",
    "send": "sent",
    "think": "thought",
    "read": "read",
    "pay": "paid",
    "buy": "bought",
    "bring": "brought",
    "take": "taken",
    "speak": "spoken",
}
_REGULAR_VERBS = frozenset(
    [
        "review",
        "update",
        "fix",
        "finish",
        "check",
        "revise",
        "prepare",
        "draft",
        "compile",
        "pull",
        "submit",
        "file",
        "sign",
        "order",
        "confirm",
        "look",
        "research",
        "renew",
        "correct",
        "change",
        "complete",
        "reach",
        "follow",
        "print",
        "ask",
        "call",
        "phone",
        "price",
        "quote",
        "process",
        "request",
        "clean",
        "open",
        "close",
        "add",
        "sort",
        "resolve",
        "handle",
    ]
)

_INBOX = (
    "{first}, {what} {be} in your inbox, as promised.",
    "{first}, as promised, {what} {be} now in your inbox.",
    "Hi {first}, {what} {be} in your inbox, as I promised.",
)
_SET_UP = (
    "{first}, I've set up {what}, as promised.",
    "{first}, as promised, I've set up {what}.",
    "Hi {first}, I've set up {what}, as I promised.",
)
_DID = (
    "{first}, I've {did}, as promised.",
    "{first}, as promised, I've {did}.",
    "Hi {first}, I've {did}, as I promised.",
)
_DONE = (
    "{first}, {what} {be} done, as promised.",
    "{first}, as promised, {what} {be} done.",
    "Hi {first}, {what} {be} done, as I promised.",
)


@dataclass(frozen=True, slots=True)
class DoneNote:
    """The message that tells the client a promise is kept: ``body`` to copy or send,
    ``subject`` for an email, ``kind`` what the promise was (sent, set_up, did, done)."""

    subject: str
    body: str
    kind: str


def _participle(verb: str) -> str:
    verb = verb.lower()
    if verb in _PARTICIPLES:
        return _PARTICIPLES[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _verb_of(title: str) -> str:
    words = title.strip().split()
    return words[0].lower().strip(",.:;") if words else ""


def _be(what: str) -> str:
    """'is' for 'the pricing', 'are' for 'the slides' (a plain plural last word)."""
    head = what.split(" for ")[0].split(" on ")[0].split(" about ")[0].split(" to ")[0]
    last = head.split()[-1].lower() if head.split() else ""
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3
    return "are" if plural else "is"


def _rest_after_verb(title: str) -> str:
    """'Call the underwriter about the claim' -> 'the underwriter about the claim'."""
    words = title.strip().rstrip(".!").split()[1:]
    if len(words) > 1 and words[0].lower() in ("up", "out", "over"):
        words = words[1:]
    return " ".join(words)


def done_kind(task: Task) -> str:
    """sent, set_up, did or done: which way the note says it."""
    verb = _verb_of(task.title)
    if verb in _SENT_VERBS:
        return "sent"
    if verb in _INTRO_VERBS or verb in _SET_UP_VERBS or (verb == "set" and " up" in task.title):
        return "set_up"
    if task.kind == "introduction":
        return "set_up"
    rest = _rest_after_verb(task.title)
    if (verb in _REGULAR_VERBS or verb in _PARTICIPLES) and rest:
        return "did"
    return "done"


def _object_of_setup(title: str, verb: str) -> str:
    words = title.strip().rstrip(".!").split()
    if verb in _INTRO_VERBS:
        rest = words[1:]
        # "Introduce Dana to Mark Chen": the note is to Dana; what is set up is the
        # introduction to whoever follows "to" (or the one named, "Introduce Mark Chen").
        lowered = [w.lower() for w in rest]
        for joint in ("to", "with"):
            if joint in lowered:
                rest = rest[lowered.index(joint) + 1 :]
                break
        return f"the introduction to {' '.join(rest)}" if rest else "the introduction"
    if verb == "set" and len(words) > 2 and words[1].lower() == "up":
        words = words[2:]
    elif verb in _SET_UP_VERBS:
        words = words[1:]
    return _with_determiner(" ".join(words)) if words else "what I promised you"


def _with_determiner(text: str) -> str:
    words = text.split()
    if not words:
        return text
    first = words[0]
    # "Mark Chen's referral" keeps its capitals; "Pricing for Q1" -> "the pricing for Q1".
    proper = len(words) > 1 and words[1][:1].isupper()
    lowered = first if first.isupper() or proper else first[:1].lower() + first[1:]
    text = " ".join([lowered, *words[1:]])
    if lowered.lower() in _DETERMINERS or lowered.lower() in ("some", "this", "these"):
        return text
    return text if proper else f"the {text}"


def done_note(task: Task, first_name: str) -> DoneNote:
    """The short message that tells the client ``task`` (a promise) is done."""
    first = first_name.strip() or "Hello"
    kind = done_kind(task)
    verb = _verb_of(task.title)
    seed = f"{task.id}:{task.title}"
    if kind == "sent" and what_was_promised(task.title) == "what I promised you":
        what = "what I promised you"
        body = f"{first}, what I promised you is in your inbox."
    elif kind == "sent":
        what = what_was_promised(task.title)
        body = _pick(_INBOX, seed).format(first=first, what=what, be=_be(what))
    elif kind == "set_up":
        what = _object_of_setup(task.title, verb)
        if verb not in _INTRO_VERBS | _SET_UP_VERBS | {"set"}:
            what = f"the introduction to {task.title.strip().rstrip('.!')}"
        body = _pick(_SET_UP, seed).format(first=first, what=what)
    elif kind == "did":
        rest = _rest_after_verb(task.title)
        words = _without_addressee(rest.split())
        rest = " ".join(words) if words else rest
        what = rest
        body = _pick(_DID, seed).format(first=first, did=f"{_participle(verb)} {rest}")
    else:
        what = _with_determiner(task.title.strip().rstrip(".!")) or "what I promised you"
        body = _pick(_DONE, seed).format(first=first, what=what, be=_be(what))
    body = body.replace("Hi Hello,", "Hello,")
    subject = _subject(what)
    return DoneNote(subject=subject, body=body, kind=kind)


def _subject(what: str) -> str:
    words = what.split()
    if words and words[0].lower() in ("the", "a", "an", "my", "our"):
        words = words[1:]
    text = " ".join(words) or "Done"
    return text[0].upper() + text[1:] if not text[:1].isupper() else text


def mailto_url(to: str, subject: str, body: str) -> str:
    """A ``mailto:`` link with the subject and body filled, every part percent-encoded
    (RFC 6068: a space is %20, a line break %0D%0A), for the user's mail program."""
    from urllib.parse import quote

    def enc(text: str) -> str:
        return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")

    return f"mailto:{quote(to.strip(), safe='@')}?subject={enc(subject)}&body={enc(body)}"
