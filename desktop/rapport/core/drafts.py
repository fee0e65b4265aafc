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
