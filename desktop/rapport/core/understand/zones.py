"""The zones of a pasted work text, and whose voice each is.

Text copied out of a mail client, a CRM or a tracker carries parts that nobody wrote to the
user as a to-do: the older message quoted under a reply ("-----Original Message-----", "On
Tue ... wrote:", a second "From: ... Sent:" block), the mail's auto-footer and disclaimer
("If you are not the intended recipient, notify the sender ..."), the sign-off and the
signature under it (a name, a title, "T: 555-201-3344"), and a record's fields ("Status:
Open", "Last activity: Call - 3/6", "Owner: Me"). ``find_zones`` marks them once a note;
later stages read the marks (``Zones.silent``: no to-do of the user's is said there).

Pure and linear: each pattern is anchored to a line and bounded, so a long pasted thread costs
one pass per pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapport.core.understand.text import Email, LazyRegex

__all__ = ["Zone", "Zones", "find_zones"]

# the kinds of zone, and whose voice each is
HISTORY = "history"  # an older message quoted under the newest one: said before, answered since
FOOTER = "footer"  # a disclaimer or an automated line: no one's voice
SIGNATURE = "signature"  # the sign-off and the lines under it: who wrote, how to reach them
FIELD = "field"  # a record's field that is no free text: a value, not a sentence


@dataclass(frozen=True, slots=True)
class Zone:
    """A part of a pasted text of one kind (quoted history, footer, signature, a field) and
    whose voice it is."""

    kind: str
    start: int
    end: int
    voice: str = ""  # whose words: "user", "other", "" (no one's, or not known)


@dataclass(frozen=True, slots=True)
class Zones:
    """The note's zones in order, and the user's first names as its mail says them."""

    zones: tuple[Zone, ...] = ()
    # the user's first names as a pasted mail says them: whom the client's mail greets, or who
    # signs the user's own mail (lower case)
    users: frozenset[str] = frozenset()

    def kind_at(self, pos: int) -> str | None:
        return next((z.kind for z in self.zones if z.start <= pos < z.end), None)

    def silent(self, pos: int) -> bool:
        """No to-do of the user's is said at ``pos``: a footer, a signature, a record's field
        value, or the user's own older message quoted under the other side's reply (what it
        asked was the other side's to do, what it promised the reply takes up again). What the
        other side asked in its own quoted message stays asked."""
        return any(
            z.start <= pos < z.end and (z.kind != HISTORY or z.voice == "user") for z in self.zones
        )


# Family: where a reply's quoted history starts, as mail clients write it: Outlook's separator
# line, Gmail's "On <date>, <name> wrote:", a second header block ("From: ... / Sent: ...")
_HISTORY_MARK = LazyRegex(
    r"^[ \t>]*(?:-{2,}[ \t]*original[ \t]+message[ \t]*-{2,}|_{8,}[ \t]*$"
    r"|on\b[^\n]{4,160}?\bwrote:[ \t]*$"
    r"|from:[^\n]*\n(?:[ \t>]*[^\n]*\n){0,3}?[ \t>]*(?:sent|date):)",
    re.IGNORECASE | re.MULTILINE,
)
# the header lines of a mail, which are no content of the message above a mark
_HEADER_LINE = LazyRegex(
    r"[ \t>]*(?:(?:from|to|cc|bcc|sent|date|subject|re|fw|fwd)[ \t]*:[^\n]*"
    r"|-{2,}[ \t]*forwarded[ \t]+message[ \t]*-*[ \t]*)",
    re.IGNORECASE,
)

# Family: the lines of a disclaimer or an automated message: confidentiality notices, "notify
# the sender", "do not reply to this e-mail", "Sent from my iPhone", "Get Outlook for iOS",
# "unsubscribe"
_FOOTER_LINE = LazyRegex(
    r"(?:\b(?:this|the)[ \t]+(?:e-?mail|message|communication|transmission)\b[^\n]{0,80}?"
    r"\b(?:is|are|may|contains?)\b[^\n]{0,40}?\b(?:confidential|privileged|intended)"
    r"|\bintended[ \t]+recipient|\breceived[ \t]+this\b[^\n]{0,30}?\bin[ \t]+error"
    r"|\bnotify[ \t]+the[ \t]+sender|\b(?:do[ \t]+not|don't)[ \t]+reply[ \t]+to[ \t]+this"
    r"|\bthis[ \t]+is[ \t]+an[ \t]+(?:automated|automatic|auto-generated)"
    r"|^[ \t]*sent[ \t]+from[ \t]+my[ \t]+\w+|^[ \t]*get[ \t]+outlook[ \t]+for\b"
    r"|\bunsubscribe\b|\bconsider[ \t]+the[ \t]+environment[ \t]+before[ \t]+printing)",
    re.IGNORECASE | re.MULTILINE,
)

# Family: a sign-off line ("Best,", "Thanks, Gary", "Thx -Gary", "Kind regards"), or one after
# the last sentence ("... by the 30th? Thx, Gary"): the start of who wrote and how to reach them
_SIGN_OFF_LINE = LazyRegex(
    r"(?:^[ \t]*|(?<=[.!?])[ \t]+)(?:best(?:[ \t]+regards|[ \t]+wishes)?"
    r"|thanks(?:[ \t]+(?:so[ \t]+much|again|all))?"
    r"|thank[ \t]+you|thx|tx|ty|many[ \t]+thanks|cheers|regards|warm[ \t]+regards|kind[ \t]+regards"
    r"|sincerely|yours(?:[ \t]+(?:truly|sincerely))?|talk[ \t]+soon|speak[ \t]+soon|all[ \t]+the"
    r"[ \t]+best|warmly|take[ \t]+care|br|rgds)[ \t]*[!.]*[ \t]*"
    # the name on the same line after a comma or a dash ("Thx, Gary"; "thx Lorenzo" is a to-do)
    r"(?:[,–—~-][ \t]*(?P<name>(?-i:[A-Z][\w'.-]*)(?:[ \t]+(?-i:[A-Z][\w'.-]*)){0,2})?)?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# a signature's line: short, no sentence in it (a name, a title, a company, a phone, a link)
_SIGNATURE_LINE = LazyRegex(r"[ \t]*[^\n.?!]{1,70}(?:\.[a-z]{2,4}[^\n.?!]{0,30})?[ \t]*")

# Family: a contact line with a phone number ("T: 555-201-3344", "Becker Roofing | 555-330-1200",
# "Call back: 555-889-2210"): how to reach someone, no call-back of the user's ("Call Dana
# back" is said in words, never by a number alone)
_CONTACT_LINE = LazyRegex(
    r"^[ \t]*(?P<prefix>[^\n\d]{0,40}?(?:[|:][ \t]*|\b(?:t|m|p|c|f|o|tel|phone|cell|mobile|office"
    r"|direct|fax)\.?[ \t]+))?\+?\(?\d{3}\)?[ \t.-]?\d{3}[ \t.-]?\d{4}\b(?P<tail>[^\n]{0,60})$",
    re.IGNORECASE | re.MULTILINE,
)
# a word of prose around the number ("VM from Dana, call back 555-...", "... - call her re the
# quote"): the line says something, it is no contact line (an address's parts are no prose)
_PROSE = LazyRegex(
    r"(?<![@\w.\-/])(?!(?:cell|office|mobile|fax|direct|phone|tel|ext|main|work|home|www)\b)"
    r"(?-i:[a-z]{3,})\b(?![@.\-])"
)


def _contact_line(m: re.Match[str]) -> bool:
    prefix = (m.group("prefix") or "").strip()
    if _PROSE.search(m.group("tail")):
        return False
    # a field's label ("Call back: 555-889-2210", "Direct line: ...") or a signature's parts
    return (prefix.endswith(":") and len(prefix.split()) <= 3) or not _PROSE.search(prefix)


# Family: a record's field that holds a value, not free text, as a CRM, a ticket or a tracker
# exports it ("Status: Open", "Stage: Proposal", "Last activity: Call - 3/6", "Next step owner:
# Me", "Outcome: Connected"); free-text fields ("Notes:", "Next step:", "Description:") keep
# their to-dos
_FIELD_LINE = LazyRegex(
    r"^[ \t]*(?:(?:deal|ticket|lead|case|task|account|opportunity|next[ \t]+steps?|activity)"
    r"[ \t]+)?"
    r"(?:status|stage|priority|owner|assignee|assigned[ \t]+to|requester|requested[ \t]+by"
    r"|reporter|account|contact|company|opportunity|amount|value|close[ \t]+date|created"
    r"|updated|modified|type|outcome|result|disposition|duration|last[ \t]+(?:activity|contact"
    r"|touch|modified)|source|lead[ \t]+source|industry|pipeline|probability|category|channel"
    r"|rating|score|region|territory|department|phone|mobile|e-?mail|website|sla|severity"
    r"|group|queue|tags?|id|ticket[ \t]*#?|record[ \t]+type|direction)[ \t]*:(?P<value>[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)


_VALUE_WORDS = 4


def find_zones(body: str, email: Email | None = None) -> Zones:
    """The zones of ``body`` where no to-do of the user's is said (see the module's text), and
    the user's names the pasted ``email`` says."""
    zones: list[Zone] = []
    history = _history_start(body)
    if history is not None:
        zones.append(Zone(HISTORY, history, len(body), _history_voice(body, history)))
    end = history if history is not None else len(body)
    at = 0
    while (cue := _FOOTER_CUE.search(body, at, end)) is not None:
        # the footer runs from the start of its first such line to the end of its paragraph
        line = body.rfind("\n", 0, cue.start()) + 1
        line_end = _line_end(body, cue.end(), end)
        if not _footer_line(body[line:line_end]):
            at = line_end + 1  # each line is read whole at most once
            continue
        stop = body.find("\n\n", line_end)
        stop = end if stop < 0 or stop > end else stop
        zones.append(Zone(FOOTER, line, stop))
        at = max(stop, line_end)
    for m in _SIGN_OFF_LINE.finditer(body, 0, end):
        signed = _signature_end(body, m.end(), end)
        if signed is not None:
            zones.append(Zone(SIGNATURE, m.start(), signed))
    zones += [
        Zone(SIGNATURE, m.start(), m.end())
        for m in _CONTACT_LINE.finditer(body, 0, end)
        if _contact_line(m)
    ]
    fields = [
        Zone(FIELD, m.start(), m.end())
        for m in _FIELD_LINE.finditer(body, 0, end)
        if len(m.group("value").split()) <= _VALUE_WORDS  # a value; a sentence may be a to-do
    ]
    if len(fields) >= 2:  # a record has more than one field; one "Status:" line may be a note's
        zones += fields
    return Zones(tuple(sorted(zones, key=lambda z: z.start)), _users(body, email))


def _users(body: str, email: Email | None) -> frozenset[str]:
    if email is None:
        return frozenset()
    said = email.signer if email.by_user else email.greeted
    if said is None:
        return frozenset()
    words = body[said[0] : said[1]].split()
    return frozenset(w.lower() for w in words[:1])


def _history_start(body: str) -> int | None:
    """Where a quoted older message starts, when a newer message stands above it."""
    for m in _HISTORY_MARK.finditer(body):
        above = body[: m.start()]
        lines = [line for line in above.splitlines() if line.strip()]
        if any(_HEADER_LINE.fullmatch(line) is None for line in lines):
            return m.start()
    return None


# a line that says something rather than who or where: it ends the signature
_SAYS = LazyRegex(
    r"[ \t]*(?:[-*•]|\d{1,2}[.)]|(?:also|please|pls|can|could|would|will|i|i'll|i'm|we|we'll"
    r"|let|ps|p\.s\.|btw|and|but|so|if|when|send|call|email|text)\b)",
    re.IGNORECASE,
)


def _signature_line(line: str) -> bool:
    return (
        _SIGNATURE_LINE.fullmatch(line) is not None
        and len(line.split()) <= 8
        and _SAYS.match(line) is None
    )


# who wrote the quoted message ("From: Sam Ortiz", "On Fri, Sam Ortiz <s@x.com> wrote:"), and
# whom the newest message speaks to ("To: Sam Ortiz", "Hi Sam,")
_HISTORY_AUTHOR = LazyRegex(
    r"(?:from:[ \t]*|\bon\b[^\n]{0,80}?,?[ \t]+(?!(?:am|pm)\b)"
    r"(?=(?-i:[A-Z])[\w'.-]*(?:[ \t]+[\w'.-]+){0,3}[ \t]*(?:<[^>\n]*>)?[ \t]*wrote:))"
    r"(?P<name>(?-i:[A-Z])[\w'.-]*)",
    re.IGNORECASE,
)
_ADDRESSEE = LazyRegex(
    r"^[ \t]*(?:to:[ \t]*|(?:hi|hello|hey|dear)[ \t]+)(?P<name>(?-i:[A-Z])[\w'-]*)",
    re.IGNORECASE | re.MULTILINE,
)


def _history_voice(body: str, start: int) -> str:
    """ "user" when the quoted message is the user's own (its author is whom the newest message
    speaks to), "other" when someone else wrote it, "" when neither is said."""
    author = _HISTORY_AUTHOR.search(body, start, start + 400)
    said_to = {m.group("name").lower() for m in _ADDRESSEE.finditer(body, 0, start)}
    if author is None or not said_to:
        return ""
    return "user" if author.group("name").lower() in said_to else "other"


_SIGNATURE_LINES = 8
# the words one of the footer's lines holds: found by a plain scan before the line is read whole
_FOOTER_CUE = LazyRegex(
    r"confidential|privileged|intended|in[ \t]+error|notify|reply[ \t]+to[ \t]+this|automat"
    r"|auto-generated|sent[ \t]+from[ \t]+my|outlook|unsubscribe|environment",
    re.IGNORECASE,
)


def _footer_line(line: str) -> bool:
    return _FOOTER_CUE.search(line) is not None and _FOOTER_LINE.search(line) is not None


def _line_end(body: str, pos: int, end: int) -> int:
    nl = body.find("\n", pos)
    return end if nl < 0 or nl > end else nl


def _signature_end(body: str, at: int, end: int) -> int | None:
    """Where the signature under a sign-off ends: at a blank line, or at the end of the text
    (None when a sentence follows: "Thanks!" and the message goes on)."""
    pos, lines = at, 0
    while pos < end:
        nl = body.find("\n", pos + 1)
        nl = end if nl < 0 or nl > end else nl
        line = body[pos:nl].strip("\n")
        if not line.strip():
            return pos
        if not _footer_line(line) and not _signature_line(line):
            return None
        lines += 1
        if lines > _SIGNATURE_LINES:
            return None  # a signature is a few lines; more is the message going on
        pos = nl
    return end
