"""Messages that wait for the user's answer: "Voicemail from Jim", "she emailed asking".

Only messages *to* the user count. "I left him a VM", "LVM for Ann", "Called Susan, LVM",
"Emailed Claire the proposal" and "Texted w/ Marcus" are the user's own doing. LVM ("left
voicemail") is inbound only when someone left it: "LVM from Frank", "Frank LVM re: renewal".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapport.core.capture_text import LazyRegex

__all__ = ["InboundFound", "find_inbound"]


@dataclass(frozen=True, slots=True)
class InboundFound:
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
}  # fmt: skip
_NAME = r"(?:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}|[Hh]e|[Ss]he|[Tt]hey)"
_OFFICE = r"(?:'s\s+(?:assistant|office|ea|admin|team|secretary|wife|husband|partner))?"
_PATTERNS = (
    LazyRegex(
        r"\b(?P<ch>missed\s+call|phone\s+call|voice\s*mail|voicemail|vm|lvm|e-?mail|text|txt|sms|"
        rf"message|msg|whatsapp|imessage|call)s?\s+(?:back\s+)?from\s+(?:(?:the|his|her)\s+)?(?P<who>{_NAME})?",
        re.IGNORECASE,
    ),
    LazyRegex(
        rf"(?P<who>{_NAME}){_OFFICE}(?:\s+\w+)?\s+left\s+(?:me\s+|us\s+)?(?:a\s+|an\s+)?"
        r"(?P<ch>(?i:voice\s*mail|voicemail|vm|message|msg))\b"
    ),
    LazyRegex(
        rf"(?P<who>{_NAME}){_OFFICE}\s+(?:just\s+|finally\s+)?(?P<ch>(?i:e-?mailed|texted|called|"
        r"messaged|rang|pinged|dm'?d))\b(?!\s+(?:him|her|them|back)\b)"
    ),
    LazyRegex(
        rf"(?P<who>{_NAME}){_OFFICE}\s+sent\s+(?:me|us)\s+(?:an?\s+)?"
        r"(?P<ch>(?i:e-?mail|text|message))\b"
    ),
    LazyRegex(
        r"(?:^|[.;!\n]\s*|\s-\s)(?P<ch>texted|e-?mailed|called|messaged)\s+"
        r"(?:me\b|asking\b|wanting\b|to\s+ask\b)",
        re.IGNORECASE,
    ),
    LazyRegex(rf"\b(?P<ch>voice\s*mail|voicemail|vm)\s*[-:]\s*(?P<who>{_NAME})", re.IGNORECASE),
    LazyRegex(rf"(?P<who>{_NAME})\s*-?\s+(?P<ch>(?i:lvm))\b(?!\s+(?:for|w/|with|to)\b)"),
)
# Who did it: the user when the sentence starts with their own verb ("Called Susan, LVM").
_USER_DID = LazyRegex(
    r"(?:^|[.;!\n]\s*)(?:i\s+)?(?:called|rang|tried|texted|emailed|left)\b[^.;!\n]*$", re.I
)
_NOT_PEOPLE = frozenset(
    {"i", "we", "you", "lunch", "call", "met", "coffee", "meeting", "mtg", "quick", "email", "text"}
)


def find_inbound(text: str, limit: int) -> InboundFound | None:
    """The first message in ``text[:limit]`` that waits for the user's answer, if any."""
    best: InboundFound | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text, 0, limit):
            who = m.groupdict().get("who")
            if who and who.split()[0].lower() in _NOT_PEOPLE:
                continue
            if pattern is _PATTERNS[-1] and _USER_DID.search(text, 0, m.start()):
                continue  # "Called Susan Park, LVM": the user left it
            pronoun = (who or "").lower() in ("he", "she", "they")
            called = pattern is _PATTERNS[2] and m.group("ch").lower() == "called"
            if called and pronoun and not _asks(text, m.end()):
                continue  # "he called" alone: a conversation, not a message
            channel = _CHANNELS.get(" ".join(m.group("ch").lower().split()), "voicemail")
            sender = None if not who or who.lower() in ("he", "she", "they") else who
            found = InboundFound(channel, sender, m.start(), m.end())
            if best is None or found.start < best.start:
                best = found
            break
    return best


def _asks(text: str, pos: int) -> bool:
    return bool(
        re.match(r"\s*(?:me\s+)?(?:about|re|asking|to\s+ask|wanting|because)\b", text[pos:], re.I)
    )
