"""Text plumbing for quick capture: normalising, sentences and clauses, name-like words.

Everything works on character offsets into the note so the window can highlight what each
chip came from. Normalising keeps the text's length (curly quotes and dashes become their
plain forms one for one), so offsets into the normalised text are offsets into the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from rapport.core.understand.programs import compile_regex, rx
from rapport.core.understand.wordlists import word_list

__all__ = [
    "MAX_CHARS",
    "Email",
    "LazyRegex",
    "Span",
    "chat_turns",
    "clean_fragment",
    "is_lower_note",
    "is_name_token",
    "lower_shouting",
    "normalise",
    "paren_ranges",
    "pronoun_i",
    "quiet_fillers",
    "quote_ranges",
    "read_email",
    "sentences",
    "split_dictation",
    "split_spans",
    "title_shouted_names",
    "words",
]

# Entities are looked for in the first MAX_CHARS characters only: a pasted e-mail thread must
# not make capture slow, and what matters in a note is near its top.
MAX_CHARS = 12_000

_SAME_LENGTH = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
        "\t": " ",
        "→": "-",
        "•": "\n",
        "·": "\n",
        "\r": "\n",
    }
)


# Characters that re's IGNORECASE matching takes for an ASCII letter but str.lower() does not
# turn into it (simple case mapping and re/_casefix.py): İ, ı, ſ and the Kelvin sign.
_AS_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


# Every grammar pattern made (module constants), for compile_all.
_MADE: list[LazyRegex] = []


def compile_all() -> int:
    """Compile every grammar pattern not compiled yet; how many were.

    For a program that will understand notes soon (the window, at idle after its first
    paint): a pattern compiled on first use costs its note 0.3-0.5 ms, and the first
    notes a user types use dozens of them, so they took 9-13 ms instead of 2-4 (issue 22)."""
    compiled = 0
    for pattern in _MADE:
        if pattern._compiled is None:
            pattern.compiled  # noqa: B018  # compiling it is the point
            compiled += 1
    return compiled


class LazyRegex:
    """A regex compiled on first use: importing capture must cost a few milliseconds, and
    compiling every pattern of the grammar up front costs tens on a slow machine. The pattern
    may be a function that builds it (a long word list joined on first use, not on import).

    ``needs``: words, space-separated, of which every match contains at least one (lower
    case; the text is compared lower-cased when the pattern ignores case). Until the pattern
    is compiled, a text holding none of them is answered "no match" without compiling: a
    note that never mentions, say, an illness does not pay for the illness pattern (Python
    compiles regexes in Python, a few tenths of a millisecond each).
    """

    __slots__ = ("_compiled", "_flags", "needs", "pattern")

    def __init__(self, pattern: str | Callable[[], str], flags: int = 0, needs: str = "") -> None:
        self.pattern = pattern
        self._flags = flags
        self.needs = tuple(needs.split())
        self._compiled: re.Pattern[str] | None = None
        _MADE.append(self)

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            source = self.pattern if isinstance(self.pattern, str) else self.pattern()
            self._compiled = compile_regex(source, self._flags)
        return self._compiled

    def can_match(self, text: str) -> bool:
        """False only when no match can be in ``text`` (it holds none of ``needs``)."""
        if not self.needs:
            return True
        if self._flags & re.IGNORECASE:
            text = text.lower() if text.isascii() else text.translate(_AS_ASCII).lower()
        return any(word in text for word in self.needs)

    def _skip(self, text: str) -> bool:
        return self._compiled is None and not self.can_match(text)

    def match(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        if self._skip(text):
            return None
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        if self._skip(text):
            return None
        return self.compiled.fullmatch(text)

    def search(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        if self._skip(text):
            return None
        return self.compiled.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**62) -> Iterator[re.Match[str]]:
        if self._skip(text):
            return iter(())
        return self.compiled.finditer(text, pos, endpos)

    def findall(self, text: str) -> list[Any]:
        if self._skip(text):
            return []
        return self.compiled.findall(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        if self._skip(text):
            return text
        return self.compiled.sub(repl, text, count)


def words(text: str) -> frozenset[str]:
    """A word set from a space-separated literal (keeps long lists readable)."""
    return frozenset(text.split())


def normalise(text: str) -> str:
    """Plain quotes, dashes and spaces, same length as ``text``. An arrow, typed "→" or "->",
    is a dash: it points an item to its owner ("me → Barolo") or its deadline ("pricing -> Thu")."""
    return text.translate(_SAME_LENGTH).replace("->", "- ")


# The pronoun typed or dictated in lower case ("i need to send", "i'll call", "i'd have"): the
# user's own voice, which the task rules read from "I". Not "i.e." nor a letter in a list.
_LOWER_I = LazyRegex(r"(?<![\w'.-])i(?=(?:'(?:ll|d|ve|m))?(?![\w.-]|\.\w))")
_PRONOUN_I = LazyRegex(r"(?<![\w'-])I(?=(?:'(?:ll|d|ve|m))?(?![\w-]))")


def pronoun_i(text: str) -> str:
    """The pronoun "i" written as "I", same length: a dictated note speaks in the first person
    in lower case, and "i" read as a word would hide every promise the user made."""
    return _LOWER_I.sub("I", text)


def is_lower_note(text: str) -> bool:
    """True when ``text`` has no capital letter but the pronoun "I": a note typed or dictated
    without capitals, where names and sentences are not told by capitals."""
    return not any(ch.isupper() for ch in _PRONOUN_I.sub("i", text))


# A run of three or more words typed in capitals ("CALL W/ RENEE BOUCHARD - GULF COAST
# PACKAGING"): words, digits and punctuation between them, no lower-case letter.
_SHOUTED = LazyRegex(r"[A-Z][A-Z'-]+(?:[^a-z\n]*?[A-Z][A-Z'-]+){2,}")


def lower_shouting(text: str) -> str:
    """Lower-case the stretches typed in capitals (caps lock, phone shorthand), same length.

    Capitals are how names, places and sentence starts are told apart; a shouted line makes
    every word look like a name ("RENEE BOUCHARD - GULF COAST PACKAGING"). Lower case, it reads
    like any note typed without capitals, which the name rules already handle (first names,
    a surname after them). Short acronyms on their own (ETA, PM, AC) are left alone.
    """

    def lower(m: re.Match[str]) -> str:
        low = m.group().lower()
        return low if len(low) == len(m.group()) else m.group()

    return _SHOUTED.sub(lower, text)


# A person's name typed in capitals inside an ordinary note: "Met JOHN OKAFOR at the expo", a
# card or CRM row "[card] CORNELIUS ADEBAYO | General Manager | ...". Two or three words, each a
# word of letters (not "ASAP", "HVAC" beside a first name).
_SHOUTED_NAME = LazyRegex(
    r"(?<![\w'-])(?P<name>[A-Z][A-Z'-]+(?:[ \t]+[A-Z][A-Z'-]+){1,2})(?![\w'-])"
)
_FIELD_START = LazyRegex(r"[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?$")
_FIELD_END = LazyRegex(r"[ \t]*\|")


def title_shouted_names(text: str, first: frozenset[str]) -> str:
    """Title-case a name typed in capitals (same length) on a line otherwise in lower case:
    one that starts with a first name of the list, or the first field of a card or table row
    ("NAME | title | company"). Shouted lines are left to ``lower_shouting``."""
    chars: list[str] | None = None
    for m in _SHOUTED_NAME.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : len(text) if line_end == -1 else line_end]
        if not any(c.islower() for c in line):
            continue
        parts = m.group("name").split()
        field = _FIELD_START.match(text, line_start, m.start()) and _FIELD_END.match(text, m.end())
        if parts[0].lower() not in first and not field:
            continue
        chars = chars if chars is not None else list(text)
        chars[m.start() : m.end()] = m.group().title()
    return "".join(chars) if chars is not None else text


# Spoken hesitations in dictated notes ("um", "uh", "you know"): they carry nothing, and left in
# they end up inside names and task titles ("Email um"). "let you know" is a promise, kept.
_FILLER = LazyRegex(
    # a comma before the hesitation goes with it ("I'm gonna, uh, get her"): the clause goes on
    r"(?:(?<=\w),[ \t]*)?(?<![\w'-])(?:u+m+|u+h+|e+r+m+|hmm+|"
    r"(?<!let )(?<!let him )(?<!let her )(?<!let them )you know)"
    r"(?![\w'-])[,.]?",
    re.IGNORECASE,
)
# Discourse markers that close a thought in dictation ("so yeah", "so anyway", "oh and"): a
# sentence ends there, as a full stop would end it in a typed note.
_TURN = LazyRegex(
    r"(?<=\w)\s+(?:so\s+yeah|yeah\s+so|so\s+anyway|anyway\s+so|anyways|anyway|oh\s+and|"
    r"oh\s+also|okay\s+so|ok\s+so)(?![\w'-]),?",
    re.IGNORECASE,
)


# A subject after a hesitation starts a new clause ("folake does pottery, uh, I need to send
# them..."): the comma before the hesitation stays, as the clause boundary it is
_SUBJECT_AFTER = LazyRegex(r"\s*(?:I|he|she|they|we|you)(?![\w-])", re.IGNORECASE)


def _quiet_filler(m: re.Match[str]) -> str:
    said = m.group()
    if said.startswith(",") and _SUBJECT_AFTER.match(m.string, m.end()):
        return "," + " " * (len(said) - 1)
    return " " * len(said)


def quiet_fillers(text: str) -> str:
    """Hesitations blanked and spoken turns made full stops, same length as ``text``."""
    text = _FILLER.sub(_quiet_filler, text)
    text = _SPOKEN_MARK.sub(_spoken_mark, text)
    return _TURN.sub(lambda m: "." + " " * (len(m.group()) - 1), text)


# Family: punctuation dictated as words ("...a projection by friday period walter's big into
# model trains comma joan..."): the mark it names, same length. "Period" after a word that
# makes it a span of time ("trial period", "the grace period") stays a word.
_SPOKEN_MARK = LazyRegex(
    r"(?<![\w'])(?<!trial )(?<!grace )(?<!waiting )(?<!cooling )(?<!billing )(?<!the )(?<!a )"
    r"(?<!this )(?<!that )(?<!same )(?<!pay )(?<!time )(?<!probation )(?<!holding )"
    r"(?<!reporting )(?<!rental )(?<!lock )(?<!free )(?<!notice )(?<!open )"
    r"(?P<mark>period|full\s+stop|comma|question\s+mark|exclamation\s+(?:point|mark)|"
    r"new\s+paragraph|new\s+line)(?!\s+(?:of|for|when|where|in|ends?|starts?)\b)(?=\s+[a-z]|\s*$)",
)
_MARKS = {"period": ".", "full": ".", "comma": ",", "question": "?", "exclamation": "!"}


def _spoken_mark(m: re.Match[str]) -> str:
    said = m.group("mark")
    mark = _MARKS.get(said.split()[0], "\n")
    return mark + " " * (len(said) - 1)


# Run-on dictation ("...in the main hall dan said the board votes on the twenty ninth so i have to
# get the proposal to him by the twenty seventh pastor dan is a ham radio guy..."): a new clause
# starts where a subject starts one, and a dictated note has no full stop to show it.
# The subjects: the pronoun I and he/she/they/we, a possessive and a family or date word
# ("his wife", "lorraine's birthday"), and a first name followed by a verb ("dan said").
_FAMILY_HEADS = (
    r"wife|husband|hubby|son|daughter|kids?|boys?|girls?|twins?|dad|mom|mother|father|partner|"
    r"fianc[eé]e?|grand(?:son|daughter|kids?|children)|dogs?|cats?|brother|sister|boss|assistant|"
    r"birthday|anniversary|oldest|youngest"
)
_CLAUSE_VERBS = (
    r"said|says|wants|needs|is|was|has|had|does|did|plays|runs|loves|likes|mentioned|asked|told|"
    r"will|can|should|used|works|lives|coaches|handles|signs|makes|builds|sails|knits|gardens|"
    r"grows|goes|just|also|still|really|got|gets|thinks|hates|collects|rides|fishes|hunts|bakes|"
    r"cooks|paints|sings|swims|golfs|skis|surfs|owns|travels|wanted|agreed|promised|"
    r"'s\s+(?:a|an|into|big|huge|also|really|got|been|getting|going|gonna|always|the|all|not|"
    r"still|just|from|taking|retiring|moving|expecting|turning|doing|starting|coming|training)"
)
_GLUE = word_list("text._GLUE")
_CLAUSE_START = LazyRegex(
    r"(?<=[a-z0-9'%)]) (?=(?:(?:and|so|but|then|also|plus|oh)\s+){0,2}(?:"
    r"I(?=[\s']|$)"
    r"|(?:he|she|they|we)(?:'(?:s|ll|d|ve|re))?\s+(?!and\b|or\b)[a-z]"
    r"|(?:his|her|their|[a-z]+'s)\s+(?:" + _FAMILY_HEADS + r")\b"
    r"|(?P<first>[a-z]+)(?:\s+|(?='s\s))(?:" + _CLAUSE_VERBS + r")\b"
    r"))"
)
_WORD_BEFORE = LazyRegex(r"([a-z'/]+)\W*$")
# Family: a dictated clause of the user's said without its subject ("the liner is cracked need
# to send her a quote", "comes in every day so need to check the pet policy", "all done today
# gotta call him"): a modal with no subject before it. "so"/"and"/"then" before the modal, or a
# participle or a time word before that, ends the clause before ("the crew need to" does not)
_MODAL_START = LazyRegex(
    r"(?<=[a-z0-9'%)]) (?=(?P<conj>(?:so|and|then|also)\s+)?(?:need\s+to|have\s+to|gotta|got\s+to"
    r"|must|should)\s+[a-z])"
)
_NO_SUBJECT_BEFORE = LazyRegex(
    r"(?:[a-z]{3,}ed|done|now|today|again|anyway|too|though|ok|okay|lol|tomorrow|yesterday"
    r"|tonight|morning|afternoon|\d+)"
)
_FAMILY_HEAD = LazyRegex(_FAMILY_HEADS)
# A time said just before the user speaks belongs to what the user says next
_FRONTED_TIME = LazyRegex(
    r" (?:(?:so|and|then) )?(?:first thing )?(?:tomorrow|today|tonight|this (?:morning|afternoon|"
    r"evening|week)|next week|(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?: morning)?$"
)
_TITLES = word_list("text._TITLES")
_POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "your"})


# Family: a dictated note opened by where the speaker is ("driving back from the vasquez job
# need to order the tile", "heading over to the site gotta call the inspector"): the clause
# opened by a participle has no subject, so the modal after it starts the user's own clause
_PARTICIPLE_OPENER = LazyRegex(
    r"(?:just\s+)?(?:driving|heading|walking|leaving|left|finished|finishing|coming|going|sitting|"
    r"parked|waiting|"
    r"on\s+my\s+way)\b[^.;!?\n]{3,80}$"
)
_CLAUSE_OPEN = LazyRegex(
    r"(?:\A|[.;!?\n]\s*)(?:(?:ok|okay|so|right|alright|note\s+to\s+self),?\s+)*"
)


def _opens_with_participle(text: str, pos: int) -> bool:
    """True when the clause that ``pos`` ends opens with a participle of where the speaker is."""
    start = max(0, pos - 90)
    opens = [m.end() for m in _CLAUSE_OPEN.finditer(text, start, pos)]
    if not opens or (start > 0 and opens[0] == start and text[start - 1] not in ".;!?\n"):
        opens = opens[1:]
    if not opens:
        return False
    return _PARTICIPLE_OPENER.fullmatch(text[opens[-1] : pos]) is not None


def split_dictation(text: str, first_names: frozenset[str]) -> str:
    """A lower-case note's run-on clauses ended with ';', same length: each space where a new
    subject starts a clause becomes the boundary a full stop would have been. Notes typed with
    capitals and punctuation are left as they are."""
    if not is_lower_note(text):
        return text
    cuts = []
    for m in _CLAUSE_START.finditer(text):
        first = m.group("first")
        if first is not None and first not in first_names:
            continue
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is not None and (
            before.group(1) in _GLUE
            or _FAMILY_HEAD.fullmatch(before.group(1))
            or before.group(1) in _POSSESSIVES  # "his son's birthday": the clause began a word back
        ):
            continue  # "told him that she", "with his wife", "his wife connie": the clause goes on
        fronted = _FRONTED_TIME.search(text, max(0, m.start() - 40), m.start())
        if fronted is not None and text[m.end() : m.end() + 1] == "I":
            cuts.append(fronted.start())  # "...with dispatch so first thing tomorrow i need to"
            continue
        if before is not None and before.group(1) in _TITLES and before.start() > 0:
            cuts.append(before.start() - 1)  # "...twenty seventh pastor dan is": before the title
            continue
        cuts.append(m.start())
    for m in _MODAL_START.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is None or before.group(1) in _GLUE:
            continue
        if (
            m.group("conj")
            or _NO_SUBJECT_BEFORE.fullmatch(before.group(1))
            or _opens_with_participle(text, m.start())
        ):
            cuts.append(m.start())
    if not cuts:
        return text
    chars = list(text)
    for pos in cuts:
        if chars[pos] == " ":
            chars[pos] = ";"
    return "".join(chars)


# A pasted text or chat thread: one message a line, "Name: message", "[7/27 9:14 PM] Name: ...",
# the user's own lines "Me: ...". Field labels of e-mails, forms and meeting notes are no speakers.
_TURN_LINE = LazyRegex(
    r"^[ \t]*(?:\[[^\]\n]{1,40}\][ \t]*)?(?P<who>[A-Za-z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,2})"
    r"[ \t]*:[ \t]+(?P<msg>\S[^\n]*)$",
    re.MULTILINE,
)
_NOT_SPEAKERS = word_list("text._NOT_SPEAKERS")
# How a reply in a thread opens before it says anything: "no problem,", "haha anytime.", "love
# that!!", "ugh,", "of course!": nothing the user has to do.
_REPLY_OPENER = LazyRegex(
    r"(?:(?:no\s+problem|no\s+worries|of\s+course|you\s+got\s+it|sounds\s+good|love\s+(?:that|it)|"
    r"will\s+do|so\s+sorry|sorry|congrats|congratulations|thanks|thank\s+you|thx|haha|lol|ugh|"
    r"yes|yep|yeah|sure|ok(?:ay)?|great|perfect|awesome|anytime|absolutely|not\s+yet|hi+|hey|"
    r"oh\s+no|wow|omg|break\s+a\s+leg\b[^.!?\n]*"
    r"|(?:tell\s+(?:him|her|them)\s+)?good\s+luck(?:\s+(?:at|on|with|in|to)\b[^.!?\n]*)?)\b"
    r"[ \t,.!?]*)+",  # not the line's end: the next turn stays on its own line
    re.IGNORECASE,
)


Ranges = list[tuple[int, int]]


def chat_turns(text: str) -> tuple[str, Ranges, Ranges]:
    """A pasted thread's turns: the text with the openers of the user's own replies blanked
    (same length), where the other side's messages are (their words, like a quote) and where
    the user's are. A text without two speakers, one of them the user, is returned as it is."""
    turns = []
    for m in _TURN_LINE.finditer(text):
        who = " ".join(m.group("who").lower().split())
        if who in _NOT_SPEAKERS or who.split()[0] in _NOT_SPEAKERS:
            continue
        turns.append((who in ("me", "i", "you"), m))  # WhatsApp exports call the user "You"
    mine = [m for own, m in turns if own]
    theirs = [m for own, m in turns if not own]
    if not mine or not theirs or len(turns) < 3:
        return text, [], []
    chars: list[str] | None = None
    for m in mine:
        if m.start("who") > m.start():  # "[7/28 8:02 AM] Me:": the time stamp says nothing
            chars = chars if chars is not None else list(text)
            chars[m.start() : m.start("who")] = " " * (m.start("who") - m.start())
        opener = _REPLY_OPENER.match(text, m.start("msg"))
        if opener is not None and opener.end() > opener.start():
            chars = chars if chars is not None else list(text)
            chars[opener.start() : opener.end()] = " " * (opener.end() - opener.start())
    out = "".join(chars) if chars is not None else text
    return (
        out,
        [(m.start("msg") - 1, m.end("msg") + 1) for m in theirs],
        [(m.start("msg") - 1, m.end("msg") + 1) for m in mine],
    )


# A message pasted under a heading that says who speaks: the client's own voicemail or text
# ("Voicemail from Dale Ruckert, 2:14 PM: hey it's Dale ... my brother Curtis", "Voicemail
# transcription (1:12): Hey, this is Lyle"), or the user's message sent to the client ("Sent to
# Harriet Quayle, 5:02 PM: ... hope your son Barnaby's match goes well"). The heading is the
# first line up to its first ": ".
_HEADING = LazyRegex(r"\A[ \t]*(?P<head>[^\n]{3,90}?):(?:[ \t]+|$)", re.MULTILINE)
_CALLER_HEADING = LazyRegex(
    r"^(?=.*\b(?:voice\s*-?mail|vm|voice\s+(?:message|memo)|message|msg|text|sms)\b)"
    r"(?=.*\b(?:from|transcri\w*|to\s+text)\b)(?!.*\b(?:left|sent|for|me|my)\b)",
    re.IGNORECASE,
)
_SENT_HEADING = LazyRegex(
    r"^(?:sent|(?:my\s+)?(?:text|message|msg|sms|reply|e-?mail)\s+(?:sent\s+)?)\s*to\s+[A-Z]",
    re.IGNORECASE,
)


def message_voice(text: str) -> tuple[int, int, bool] | None:
    """Where a pasted message speaks and whether the user wrote it (True: "your" is the
    client's) or the client did (False: "my" is the client's); None for any other note."""
    m = _HEADING.match(text)
    if m is None:
        return None
    head = " ".join(m.group("head").split())
    if _SENT_HEADING.match(head):
        return (m.end(), len(text), True)
    if _CALLER_HEADING.match(head):
        return (m.end(), len(text), False)
    return None


@dataclass(frozen=True, slots=True)
class Email:
    """A pasted e-mail: who wrote it and to whom, as far as its greeting, sign-off and headers say.

    ``by_user`` is True when the user wrote it (a recap sent to the client: "Hi Walt, ... I'll
    get you the numbers by Friday. Best, Chris"): the client is whom it greets and "your son" is
    the client's. Otherwise the client wrote it ("Can you send ... Thanks, Denise Harmon"): the
    client is who signs it or the "From:" header, "my son" is theirs, and it awaits an answer.
    """

    by_user: bool
    greeted: tuple[int, int] | None  # the name after "Hi"/"Dear"
    signer: tuple[int, int] | None  # the name under the sign-off, or in "From:"
    voice: tuple[int, int]  # where the author's own words are (their "my", or the user's "your")


_GREETING = LazyRegex(
    r"^[ \t]*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b[ \t]*"
    r"(?P<name>(?:(?:mr|mrs|ms|dr|pastor)\.?[ \t]+)?(?-i:[A-Z][\w'-]+)"
    r"(?:[ \t]+(?-i:[A-Z][\w'-]+))?)?"
    r"(?:there|all|both|team|everyone|folks|guys)?[ \t]*[,!:]?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_SIGN_OFF = LazyRegex(
    r"^[ \t]*(?:best(?:\s+regards)?|thanks(?:\s+so\s+much)?|thank\s+you|many\s+thanks|cheers|"
    r"regards|warm\s+regards|kind\s+regards|sincerely|with\s+sympathy|best\s+wishes|"
    r"take\s+care|talk\s+soon|all\s+the\s+best|warmly|warm\s+wishes|yours|"
    r"(?:yours\s+)?(?:truly|faithfully|sincerely)|speak\s+soon)[ \t]*[,!.]*[ \t]*\n[ \t]*"
    r"(?P<name>(?-i:[A-Z][\w'-]+)(?:[ \t]+(?-i:[A-Z][\w'-]+)){0,2})[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_FROM = LazyRegex(
    r"^[ \t>]*(?:from:[ \t]*(?P<name>(?-i:[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){0,3}))[^\n]*$"
    r"|[ \t>]*on\b[^\n]{0,40}?,?[ \t]+(?P<wrote>(?-i:[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){0,3}))"
    r"[ \t]+wrote:)",
    re.MULTILINE | re.IGNORECASE,
)
# The addressee of an e-mail the user pasted from their sent mail: "To: Harriet Okonedo
# <h@x.org>". Its full name names the client better than the greeting's first name.
_TO = LazyRegex(
    r"^[ \t]*to:[ \t]*(?P<name>(?-i:[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){1,3}))[ \t]*(?:<[^>\n]*>)?"
    r"[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
# The user's own words in a recap ("As promised, I'll get you ...", "I've attached") against the
# client's asks ("Can you send ...", "please confirm", "we'd like a quote").
_USER_SAYS = LazyRegex(
    r"\b(?:I'll|I\s+will|I\s+shall|as\s+promised|as\s+we\s+discussed|I've\s+attached|attached\s+(?:is|are)"
    r"|great\s+(?:seeing|catching\s+up|meeting)|thanks\s+for\s+(?:having|meeting|your\s+time)"
    # Family: the courtesies of a letter the user sends ("Lovely to meet you", "I was sorry to
    # hear about your father", "give my regards to your wife", "I hope the new hives ...")
    r"|(?:lovely|nice|good|wonderful|great)\s+to\s+(?:meet|see)\s+you|sorry\s+to\s+hear"
    r"|(?:give|send)\s+my\s+(?:best|regards|love)|I\s+hope\s+(?:you|your|the))\b",
    re.IGNORECASE,
)
# "please" asks something of the reader, except before a courtesy ("please do not feel obliged
# to reply", "please give my best to Magda", "please don't hesitate to call")
_CLIENT_ASKS = LazyRegex(
    r"\b(?:can\s+you|could\s+you|would\s+you|"
    r"please(?!\s+(?:do\s+not|don't|give\s+my|send\s+my|pass\s+on|feel\s+free|accept))|"
    r"we'd\s+like|we\s+need|I\s+need|let\s+me\s+know|writing\s+on\s+behalf)\b",
    re.IGNORECASE,
)


def read_email(text: str) -> Email | None:
    """The shape of a pasted e-mail in ``text``, or None when it is no e-mail."""
    head = text[:3000]
    greeting = _GREETING.search(head)
    sign = _SIGN_OFF.search(head)
    sent = next(
        (m for m in _FROM.finditer(head) if (m.group("name") or m.group("wrote") or "").lower()
         not in ("me", "you")),
        None,
    )  # fmt: skip
    to = _TO.search(head, 0, 600) if sent is None else None
    if to is not None and _greets_addressee(head, greeting, to):
        # the user's own sent mail: the addressee is the client, "your son" theirs
        end = sign.start() if sign is not None else len(text)
        return Email(True, _span(to), _span(sign), (to.end(), end))
    if greeting is None and sent is None:
        return None
    if sign is None and sent is None:
        return None
    if sent is not None:
        group = "name" if sent.group("name") else "wrote"
        signer = (sent.start(group), sent.end(group))
        end = next((m.start() for m in _FROM.finditer(head, sent.end())), len(text))
        return Email(False, _span(greeting), signer, (sent.end(), end))
    assert sign is not None
    start = greeting.end() if greeting is not None else 0
    body = text[start : sign.start()]
    by_user = len(_USER_SAYS.findall(body)) > len(_CLIENT_ASKS.findall(body))
    return Email(by_user, _span(greeting), _span(sign), (start, sign.start()))


def _greets_addressee(text: str, greeting: re.Match[str] | None, to: re.Match[str]) -> bool:
    """The greeting, if any, speaks to the "To:" header's person ("Hi Harriet", "Dear Mrs.
    Thackeray" to Harriet Okonedo, Philippa Thackeray), not to someone else."""
    if greeting is None or not greeting.group("name"):
        return True
    said = {w.strip(".").lower() for w in greeting.group("name").split()}
    return bool(said & {w.lower() for w in to.group("name").split()})


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    if m is None or not m.group("name"):
        return None
    return (m.start("name"), m.end("name"))


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the note: its offsets and its text."""

    start: int
    end: int
    text: str


_ABBREVIATIONS = word_list("text._ABBREVIATIONS")
_ASIDE = LazyRegex(r"\([^()\n]*\)")
# "Dec. 1" goes on; "timeline Jan. I owe her..." ends a sentence.
_BEFORE_NUMBER = word_list("text._BEFORE_NUMBER")
_BOUNDARY = LazyRegex(r"\n+|(?<=[.!?])[\"')]*\s+|;\s*|\s*->\s*|\s*=>\s*|\s\|\s")
_TRIM = " \t\n-*>•·,:.;!?\"'"


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in " \t\n-*,:;":
        end -= 1
    if start >= end:
        return None
    return Span(start, end, text[start:end])


def paren_ranges(text: str, longest: int = 120) -> list[tuple[int, int]]:
    """Where short balanced asides are: "(they're into wine - esp. Barolo)". An unclosed '('
    (a typo) opens nothing, so one stray bracket cannot swallow the rest of a note."""
    return [(m.start(), m.end()) for m in _ASIDE.finditer(text) if m.end() - m.start() <= longest]


# Someone's words quoted in the note: "..." or '...' (an apostrophe inside a word is not a quote).
_QUOTE = LazyRegex(r"\"[^\"\n]{2,300}\"|(?<![\w'])'(?:[^'\n]|'(?=\w)){2,300}?'(?!\w)")


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Where quoted speech is: "txt from Ray: 'can u resend the invoice?'"."""
    if "'" not in text and '"' not in text:
        return []
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    return any(start < pos < end - 1 for start, end in ranges)


def sentences(text: str) -> list[Span]:
    """Sentences of a note: lines, bullets, '.', '!', '?', ';' and arrows end them (but not
    inside a short aside in brackets)."""
    spans: list[Span] = []
    start = 0
    asides = paren_ranges(text) if "(" in text else []
    for m in _BOUNDARY.finditer(text):
        if asides and "\n" not in m.group() and _inside(asides, m.end()):
            continue
        if m.group().strip().startswith((".",)) or text[m.start() - 1 : m.start()] == ".":
            word = rx(r"([\w.]+)\.$").search(text[max(start, m.start() - 12) : m.start()])
            abbreviation = word.group(1).lower() if word else ""
            if word and (
                abbreviation in _ABBREVIATIONS
                or (abbreviation in _BEFORE_NUMBER and text[m.end() : m.end() + 1].isdigit())
                or (len(abbreviation) == 1 and word.group(1).isupper())
            ):
                continue  # "Dr. Kim", "J. Smith": not the end of a sentence
        span = _trimmed(text, start, m.start())
        if span is not None:
            spans.append(span)
        start = m.end()
    span = _trimmed(text, start, len(text))
    if span is not None:
        spans.append(span)
    return spans


def split_spans(span: Span, pattern: LazyRegex) -> list[Span]:
    """``span`` cut wherever ``pattern`` matches, pieces trimmed."""
    pieces: list[Span] = []
    start = 0
    text = span.text
    asides = paren_ranges(text) if "(" in text else []
    for m in pattern.finditer(text):
        if asides and _inside(asides, m.start()):
            continue  # "Send a gift (they're into wine - esp. Barolo) this week" is one clause
        piece = _trimmed(text, start, m.start())
        if piece is not None:
            pieces.append(Span(span.start + piece.start, span.start + piece.end, piece.text))
        start = m.end()
    piece = _trimmed(text, start, len(text))
    if piece is not None:
        pieces.append(Span(span.start + piece.start, span.start + piece.end, piece.text))
    return pieces


def clean_fragment(text: str, limit: int = 160) -> str:
    """A fragment of the note fit for a chip: spaces collapsed, first letter upper case."""
    text = " ".join(text.split()).strip(" ,;:-")
    text = rx(r"\s*!{2,}").sub("!", text)
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:] if text else text


def is_name_token(token: str) -> bool:
    """A word that looks like part of a name: 'Bob', "O'Neill", 'McDonald', 'Smith-Jones'."""
    if len(token) < 2 or not token[0].isupper():
        return False
    letters = [ch for ch in token if ch.isalpha()]
    return bool(letters) and any(ch.islower() for ch in letters)
