"""Thank-you note drafts that show you listened.

A draft has a greeting by first name, an opening for the occasion, two or three key points
of the last conversation *restated* (not pasted: "Needs delivery by March" becomes "making
sure delivery lands by March"), one personal touch from the facts ("Good luck to Jake at
the tournament!"), a closing and the user's signature.

The words live in ``resources/note_templates.json``: several templates per occasion, the
rules that restate a key point, and the personal-touch phrasings. The template is chosen
from the client and the day, so two clients written to on the same day get different
cards and the same client gets a different one next time. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from rapport.core.ages import age_on
from rapport.core.cards import OCCASIONS
from rapport.core.gift_catalogue import Taxonomy
from rapport.core.records import Client, Fact, Interaction, Person

MAX_POINTS = 3
RECENT_DAYS = 14  # an event heard about this recently is still ahead ("Good luck...")
TOUCH_CATEGORIES = ("interest", "preference", "personal", "family", "other")
MEALS = ("lunch", "dinner", "breakfast", "coffee", "drinks", "brunch", "golf", "a round")

# Said when the user has no signature yet (the note window has the field to set it).
UNSIGNED = "Set your name or signature in the note window so the card is signed."


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS_DAYS = _wordset(
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday"
)
_DETERMINERS = _wordset(
    "a an the my our your his her their some any this that these those all both each"
)


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: re.Pattern[str]
    say: str
    kind: str  # promise or topic


@dataclass(frozen=True)
class NoteTemplates:
    occasions: dict[str, dict[str, Any]]
    rules: tuple[Rule, ...]
    fixups: tuple[tuple[re.Pattern[str], str], ...]
    touch: dict[str, Any]

    def label(self, occasion: str) -> str:
        return str(self.occasions[occasion].get("label", occasion))


def parse_templates(data: dict[str, Any]) -> NoteTemplates:
    occasions = data["occasions"]
    missing = [o for o in OCCASIONS if not occasions.get(o, {}).get("templates")]
    if missing:
        raise ValueError(f"note templates missing for {', '.join(missing)}")
    rules = tuple(
        Rule(re.compile(rule["match"], re.IGNORECASE), rule["say"], rule.get("kind", "topic"))
        for rule in data.get("restate", [])
    )
    fixups = tuple((re.compile(a), b) for a, b in data.get("fixups", []))
    return NoteTemplates(occasions, rules, fixups, data.get("touch", {}))


@dataclass(slots=True)
class NoteDraft:
    client: str
    occasion: str
    greeting: str
    body: str
    closing: str
    points: list[str] = field(default_factory=list)  # as restated in the card
    key_points: list[str] = field(default_factory=list)  # as they were noted
    personal_touch: str | None = None
    template: str = ""
    interaction_id: int | None = None
    notes: list[str] = field(default_factory=list)  # what the user should know

    @property
    def text(self) -> str:
        return "\n\n".join(part for part in (self.greeting, self.body, self.closing) if part)


# -- restating key points --------------------------------------------------------------------
_PRONOUNS = (
    (r"\bhe's\b|\bshe's\b|\bthey're\b", "you're"),
    (r"\bhimself\b|\bherself\b|\bthemselves\b", "yourself"),
    (r"\bhis\b|\btheir\b", "your"),
    (r"\bher\b(?=\s+(?!to\b|for\b|by\b|about\b|and\b|on\b|at\b|in\b)[a-z])", "your"),
    (r"\bher\b|\bhim\b|\bthem\b", "you"),
    (r"\bhe\b|\bshe\b|\bthey\b", "you"),
)


def _to_second_person(text: str) -> str:
    for pattern, replacement in _PRONOUNS:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text


def gerund(verb: str) -> str:
    """call -> calling, set -> setting, prepare -> preparing, tie -> tying."""
    v = verb.lower()
    if v.endswith("ing") and len(v) > 5:
        return v  # already a gerund: a "sailing" tag is "get out sailing", not "sailinging"
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return v[:-1] + "ing"
    if (
        len(v) <= 4
        and len(v) >= 3
        and v[-1] not in "aeiouwxy"
        and v[-2] in "aeiou"
        and v[-3] not in "aeiou"
    ):
        return v + v[-1] + "ing"
    return v + "ing"


def _with_article(phrase: str) -> str:
    """'proposal by Friday' -> 'the proposal by Friday'; 'my notes' stays."""
    first = phrase.split(" ", 1)[0]
    if first.lower() in _DETERMINERS or first[:1].isdigit() or first[:1].isupper():
        return phrase
    return "the " + phrase


def _lower_first(text: str, proper: set[str]) -> str:
    """Lower-case the first letter unless the first word is a name or an acronym."""
    first = text.split(" ", 1)[0]
    word = re.sub(r"[^\w]", "", first)
    if not word or word.isupper() or word.lower() in _MONTHS_DAYS or word in proper:
        return text
    if len(word) > 1 and any(ch.isupper() for ch in word[1:]):
        return text  # iPhone, McKinsey
    return text[:1].lower() + text[1:]


_PRONOUN_BE = re.compile(
    r"^(?:he|she|they)(?:\s+|(?=['’]))(is|was|has|are|were|have|['’]s)\b", re.IGNORECASE
)
_YOU_FORM = {"is": "are", "was": "were", "has": "have", "are": "are", "were": "were",
             "have": "have", "'s": "are", "’s": "are"}  # fmt: skip


def restate(
    point: str, templates: NoteTemplates, client: Client, proper: set[str] | None = None
) -> tuple[str, str]:
    """A key point as a phrase to put in a sentence, and whether it is a promise or topic."""
    text, kind, _rewritten = _restate(point, templates, client, proper)
    return text, kind


def _restate(
    point: str, templates: NoteTemplates, client: Client, proper: set[str] | None = None
) -> tuple[str, str, bool]:
    """``restate``, and whether a rule rewrote the point (else it is said as noted)."""
    proper = proper or set()
    text = " ".join(point.strip().rstrip(".!;").split())
    for pattern, replacement in templates.fixups:
        text = pattern.sub(replacement, text)
    names = {client.first_name, client.name, *client.name.split()[:1]}
    if client.first_name:
        names.add(client.first_name[:1] + ".")  # the client noted by an initial: "Y. wants"
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"^{re.escape(name)}\s+(?=[a-z])", "", text)
    # "She is thinking about moving" is said back as "you are thinking about moving".
    text = _PRONOUN_BE.sub(lambda m: "you " + _YOU_FORM[m.group(1).lower()], text)
    text = re.sub(r"^(?:he|she|they)\s+", "", text, flags=re.IGNORECASE)
    for rule in templates.rules:
        match = rule.pattern.match(text)
        if not match:
            continue
        parts = {
            # The point's first word loses its sentence capital ("Budget approved...").
            k: _to_second_person(_lower_first(v, proper) if match.start(k) == 0 else v or "")
            for k, v in match.groupdict().items()
        }
        if "x" in parts:
            parts["the_x"] = _with_article(parts["x"])
        if "v" in parts:
            parts["v_ing"] = gerund(parts["v"])
        return rule.say.format_map(_Blank(parts)), rule.kind, True
    phrase = _lower_first(_to_second_person(text), proper)
    return (f"how {phrase}" if _is_clause(phrase) else phrase), "topic", False


_FINITE = _wordset(
    "is are was were has have had will can could should would does did goes went gets got "
    "says said wants needs likes loves thinks plans hopes starts started meets opens closes "
    "begins ends launches requires expects moves ships renews signs runs owns works lives "
    "plays coaches teaches does makes takes keeps sells buys builds drives flies rides sings "
    "reads writes collects travels"
)


def _is_clause(phrase: str) -> bool:
    """'your daughter starts college': a sentence, read as 'how your daughter starts...'."""
    words = phrase.lower().split()
    if any(w in _FINITE for w in words[1:8]):
        return True
    return (
        len(words) > 2
        and words[0] in ("your", "you", "the", "my", "our")
        and words[2].endswith("s")
        and not words[2].endswith("ss")
    )


class _Blank(dict[str, str]):
    """format_map values that are missing read as nothing."""

    def __missing__(self, key: str) -> str:
        return ""


def join_words(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return f"{', '.join(items[:-1])}, and {items[-1]}"


# Points that are the user's own to-do list, not something to write to the client.
_INTERNAL = re.compile(r"\b(?:due|overdue|owe|owed|remind|to-?do|f/u)\b", re.IGNORECASE)
# A point longer than this makes a card read like minutes: two points then, not three.
_LONG_POINT_WORDS = 7


def pick_points(key_points: Sequence[str]) -> list[str]:
    """Two or three points worth restating: the first ones noted (usually the main ones),
    each cut to its first clause, leaving out the user's own reminders ("pricing due
    today")."""
    points = []
    for point in key_points:
        text = point.strip().rstrip(".!;")
        if not text or _INTERNAL.search(text):
            continue
        points.append(re.split(r"\s*[;,]\s+|\s+[-–—]\s+", text, maxsplit=1)[0])
    chosen = points[:MAX_POINTS]
    if any(len(p.split()) > _LONG_POINT_WORDS for p in chosen):
        chosen = chosen[:2]
    return chosen


# -- saying only what reads well --------------------------------------------------------------
# A restated point goes into a sentence of the card only when it reads as the writer's own
# words to the client. Note shorthand, the narrator's "me" and "I", a third person's
# narration, headings and cut-off text are the note's, not a card's: such a point is left
# out (the card says less rather than paste it).
_SHORTHAND = _wordset(
    "lvm vm vmail txt tmrw tmw tmr fyi eod eow eom asap pls plz thx mtg mtgs b4 thru abt "
    "w bc re cc fwd attendees agenda subject to-do todo lol ppl yrs yr mos wks wk hrs mins qty "
    "approx"
)
_NARRATOR = _wordset("me i i'm i'll i've i'd we we're we'll our us myself")
_DANGLING = _wordset(
    "and or but the a an to of for with by from at in on about your my our their his her as "
    "that which who if so than then because into onto via per"
)
# ... and a person noted by an initial ("asked J. for the deck") is the note's shorthand too
_NOT_CARD_CHARS = re.compile(
    r"[:@()+&#=/\\…→<>\[\]|*~^?!;\"]|->|\.\.|\d+[a-z]+\b|\bw/|(?<![\w.])[A-Z]\.(?=\s|$)"
)
MAX_POINT_WORDS = 14
# "he's got three boys" said back as "you are got...", a word twice: a rewrite gone wrong
_MISMATCHED = re.compile(
    r"\b(?:are|is) got\b|\b(\w+) \1\b"
    # a reply in a thread taken for a thing promised: "getting the glad you're ok over"
    r"|\b(?:the|you) (?:glad|sorry|happy|thanks|thank|ok|okay|yes|no|great|awesome|noted|sure)\b",
    re.IGNORECASE,
)
_HOW_SUBJECTS = _wordset("you your the a an their this that these those")


def well_formed(phrase: str, client: Client) -> bool:
    """Whether a restated point reads as the card's own words (see above)."""
    words = re.findall(r"[\w'’]+", phrase.lower())
    if not words or len(words) > MAX_POINT_WORDS or _NOT_CARD_CHARS.search(phrase):
        return False
    if _MISMATCHED.search(phrase):
        return False
    bare = [re.split(r"['’]s$", w)[0] for w in words]  # "tmrw's" is tmrw
    if any(w in _SHORTHAND for w in bare) or any(w.replace("’", "'") in _NARRATOR for w in words):
        return False
    if words[-1] in _DANGLING or words[0] in ("and", "or", "but"):
        return False
    if words[0] == "how" and len(words) > 1 and words[1] not in _HOW_SUBJECTS:
        # "how you are moving" is a clause the card made; "how loved the clerestory" is a
        # note's subjectless sentence pasted behind it
        second = phrase.split()[1] if len(phrase.split()) > 1 else ""
        if not second[:1].isupper():
            return False
    names = {n.lower() for n in client.name.split()}
    return not names & set(words)


def _names_a_thing(phrase: str) -> bool:
    """A point no rule rewrote is said as noted only when it names a thing ("the move to
    Ogden", "your daughter's recital") or is the card's own clause ("how you are ..."): a
    note's fragment ("plays to a 6 handicap", "big Bucs fan", "all good") is not."""
    first = phrase.split(" ", 1)[0].lower()
    return first in _THING_STARTS or (first == "how" and well_formed(phrase, _NOBODY))


_THING_STARTS = _wordset("the your a an this that these those our")
_NOBODY = Client(id=0, name="")


def _task_promises(interaction: Interaction | None) -> list[str]:
    """The promises the user made in the conversation, as quick capture typed them
    ("Send the revised proposal"): restated only as they were made."""
    extracted = interaction.extracted if interaction is not None else None
    if not isinstance(extracted, dict):
        return []
    out = []
    for task in extracted.get("tasks") or ():
        if isinstance(task, dict) and task.get("kind") == "promise" and task.get("title"):
            out.append(str(task["title"]))
    return out


# -- choosing deterministically --------------------------------------------------------------
def _seed(*parts: object) -> int:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big")


def template_index(client_id: int, day: date, occasion: str, count: int) -> int:
    """Client and day pick the template: neighbours in the book differ on the same day,
    and the same client rotates from one note to the next."""
    return (client_id + day.toordinal() + OCCASIONS.index(occasion)) % count


def _choose(options: Sequence[str], *seed: object) -> str:
    return options[_seed(*seed) % len(options)] if options else ""


# -- the personal touch ----------------------------------------------------------------------
def _fact_day(fact: Fact) -> date | None:
    stamp = fact.source_at or fact.created_at or fact.confirmed_at
    return stamp.date() if isinstance(stamp, datetime) else None


def _find_event(
    text: str, touch: dict[str, Any], tags: Sequence[str] = ()
) -> tuple[dict[str, Any], str] | None:
    lowered = f" {text.lower()} "
    # "the state tournament", "the baseball tournament": a word that says which one.
    adjectives = set(touch.get("event_adjectives", [])) | {t for t in tags if " " not in t}
    for event in touch.get("events", []):
        for word in event["words"]:
            match = re.search(rf"(\w+)?\s*\b{re.escape(word)}s?\b", lowered)
            if match:
                before = match.group(1)
                phrase = f"{before} {word}" if before in adjectives else word
                return event, phrase
    return None


def _tag_text(tag: str, category: str) -> str:
    if category == "teams":
        return " ".join(
            w.upper() if w in ("fc", "lsu", "usc") else w.capitalize() for w in tag.split()
        )
    return tag


def personal_touch(
    facts: Sequence[Fact],
    people: Sequence[Person],
    client: Client,
    templates: NoteTemplates,
    taxonomy: Taxonomy,
    today: date,
    interaction_id: int | None = None,
) -> tuple[str | None, Fact | None]:
    """One personal line from the facts: an event first, then an interest, then a hello."""
    touch = templates.touch
    people_by_id = {p.id: p for p in people}
    usable = [f for f in facts if f.category in TOUCH_CATEGORIES]
    # Heard in this very conversation first, then the freshest.
    usable.sort(
        key=lambda f: (
            f.source_interaction_id != interaction_id or interaction_id is None,
            -(_fact_day(f) or date.min).toordinal(),
            -f.id,
        )
    )
    seed = (client.id, today.isoformat())
    for fact in usable:
        found = _find_event(fact.text, touch, fact.tags)
        if found is None:
            continue
        event, phrase = found
        person = people_by_id.get(fact.person_id) if fact.person_id else None
        day = _fact_day(fact)
        fresh = day is not None and (today - day).days <= RECENT_DAYS
        when = "future" if fresh else "past"
        who = "person" if person is not None else "self"
        line = _choose(event.get(f"{when}_{who}", []), *seed, fact.id)
        if line:
            name = person.label if person else client.first_name
            return line.format(name=name, event=phrase), fact
    for fact in usable:
        person = people_by_id.get(fact.person_id) if fact.person_id else None
        for tag in fact.tags:
            category = taxonomy.categories.get(tag, "")
            if category in ("dietary", ""):
                continue
            by_category = touch.get("interests", {}).get(category)
            if not by_category:
                continue
            options = by_category.get("person" if person else "self", [])
            line = _choose(options, *seed, fact.id)
            if line:
                name = person.label if person else client.first_name
                text = _tag_text(tag, category)
                return line.format(name=name, tag=text, tag_ing=gerund(text)), fact
    if not facts:
        return None, None  # nothing known: a plain note, said so by compose()
    for person in people:
        is_pet = person.relation in ("dog", "cat", "pet")
        if not person.name or (not is_pet and (age_on(person, today) or 99) < 5):
            continue
        options = touch.get("pet" if is_pet else "person", [])
        line = _choose(options, *seed, person.id)
        if line:
            return line.format(name=person.name), None
    return None, None


_NEWS = re.compile(
    r"\b(promot\w*|new (?:role|job|position|title)|award\w*|anniversar\w*|graduat\w*|engage\w*|"
    r"married|wedding|new baby|baby|launch\w*|opened|opening|retir\w*|closed|won|milestone|"
    r"record year|raised|acquired|expan\w+|made partner)\b",
    re.IGNORECASE,
)


def find_news(
    key_points: Sequence[str],
    facts: Sequence[Fact],
    templates: NoteTemplates,
    client: Client,
    proper: set[str],
) -> tuple[str | None, str | None]:
    """What to congratulate on: a key point or a recent fact that sounds like news."""
    for point in key_points:
        if _NEWS.search(point):
            return restate(point, templates, client, proper)[0], point
    recent = sorted(
        (f for f in facts if f.category not in ("sensitive", "dietary")),
        key=lambda f: -(_fact_day(f) or date.min).toordinal(),
    )
    for fact in recent:
        if fact.person_id is None and _NEWS.search(fact.text):
            return restate(fact.text, templates, client, proper)[0], None
    return None, None


# -- composing -------------------------------------------------------------------------------
def when_text(happened: datetime | None, today: date, belated: bool = False) -> str:
    """'today', 'yesterday', 'on Tuesday' (this past week) or 'on November 10'."""
    if happened is None:
        return ""
    day = happened.date()
    gap = (today - day).days
    if not belated and gap == 0:
        return "today"
    if not belated and gap == 1:
        return "yesterday"
    if not belated and 1 < gap < 7:
        return f"on {day:%A}"
    return f"on {day:%B} {day.day}"


_TITLE_TAIL = re.compile(
    r"\s+(?:with|w/|about|re:?|regarding|to\s+discuss|for)\s+|\s+[-–—:(]\s*", re.IGNORECASE
)


def meeting_text(interaction: Interaction | None) -> str:
    """What the meeting was, to thank for: "lunch at Rosa's", "the call", "our meeting"."""
    if interaction is None:
        return "our conversation"
    title = " ".join(interaction.title.split()).rstrip(".")
    # "Breakfast with Aisha about the gala" thanks for "breakfast": who and what follow
    # in the card's own words, and the client's name in their own card reads oddly.
    title = _TITLE_TAIL.split(title, maxsplit=1)[0].strip()
    lowered = title.lower()
    if lowered.startswith(MEALS):
        return lowered[:1] + title[1:]
    return {
        "call": "the call",
        "email": "your note",
        "voicemail": "your message",
        "text": "your message",
        "meeting": "our meeting",
    }.get(interaction.kind, "our conversation")


def _proper_words(client: Client, people: Sequence[Person], raw: str) -> set[str]:
    """Words that keep their capital: names, and words capitalized mid-sentence in the notes."""
    words = {w for p in people if p.name for w in p.name.split()}
    words |= set(client.name.split())
    words |= set(re.findall(r"(?<=[a-z,;:] )([A-Z][\w'’-]+)", raw))
    return words


def compose(
    templates: NoteTemplates,
    taxonomy: Taxonomy,
    client: Client,
    occasion: str,
    today: date,
    *,
    interaction: Interaction | None = None,
    facts: Sequence[Fact] = (),
    people: Sequence[Person] = (),
    signature: str = "",
    lead: str | None = None,
    gift: str | None = None,
    news: str | None = None,
) -> NoteDraft:
    """The draft for ``client`` on ``occasion``, about ``interaction`` when there is one."""
    if occasion not in OCCASIONS:
        raise ValueError(f"occasion must be one of {', '.join(OCCASIONS)}")
    options = templates.occasions[occasion]["templates"]
    template = options[template_index(client.id, today, occasion, len(options))]
    notes: list[str] = []

    key_points = pick_points(interaction.key_points) if interaction else []
    if interaction is not None and not key_points:
        # A note that was heard as facts only ("she is thinking about moving the warehouse"):
        # what the client said at this meeting is in the facts it left.
        key_points = pick_points(
            [
                f.text
                for f in facts
                if f.source_interaction_id == interaction.id
                and f.category not in ("sensitive", "dietary")
            ]
        )
    proper = _proper_words(client, people, interaction.raw_text if interaction else "")
    if occasion == "congratulations" and not news:
        news, used = find_news(
            interaction.key_points if interaction else [], facts, templates, client, proper
        )
        key_points = [p for p in key_points if p != used]
    restated = [
        (text, kind)
        for text, kind, rewritten in (_restate(p, templates, client, proper) for p in key_points)
        if well_formed(text, client) and (rewritten or _names_a_thing(text))
    ]
    promises = [text for text, kind in restated if kind == "promise"]
    if not promises:
        # No promise in the key points: the promises capture typed, said as they were made
        # ("Send pricing by Friday" is "getting the pricing over to you", not a proposal).
        made = [restate(t, templates, client, proper) for t in _task_promises(interaction)]
        promises = [text for text, kind in made if kind == "promise" and well_formed(text, client)]
        promises = promises[: MAX_POINTS - len(restated)] if len(restated) < MAX_POINTS else []
        restated += [(text, "promise") for text in promises]
    topics = [text for text, kind in restated if kind == "topic"]
    if interaction is None:
        notes.append(f"No conversation with {client.first_name} is recorded: no points to restate.")
    elif not key_points:
        notes.append("The conversation has no key points: add them to restate what you heard.")

    touch, _fact = personal_touch(
        facts, people, client, templates, taxonomy, today, interaction.id if interaction else None
    )
    if not facts:
        notes.append(
            f"No facts about {client.first_name} yet: this is a plain note without a personal "
            "touch. Add what they care about (family, interests) for the next one."
        )

    values = _Blank(
        first=client.first_name,
        meeting=meeting_text(interaction),
        when=when_text(
            interaction.happened_at if interaction else None, today, occasion == "belated"
        ),
        topics=join_words(topics),
        promises=join_words(promises),
        lead=lead or "someone in your network",
        gift=gift or "the thoughtful gift",
        news=news or "your wonderful news",
    )
    values["Promises"] = values["promises"][:1].upper() + values["promises"][1:]
    values["is_are"] = "are" if len(promises) > 1 else "is"
    known = {"referral_thanks": lead, "gift_thanks": gift, "congratulations": news}
    values["Topics"] = values["topics"][:1].upper() + values["topics"][1:]

    def say(key: str) -> str:
        text = str(template.get(key, "")).format_map(values)
        return " ".join(text.split()).replace(" .", ".")

    plain = occasion in known and not known[occasion] and template.get("opening_plain")
    first_paragraph = [say("opening_plain" if plain else "opening")]
    if topics:
        first_paragraph.append(say("topics"))
    if promises:
        first_paragraph.append(say("promises"))
    if not restated:
        first_paragraph.append(say("no_points"))
    second_paragraph = [line for line in (touch, say("closing")) if line]
    body = "\n\n".join(" ".join(p) for p in (first_paragraph, second_paragraph) if p)
    signoff = say("signoff")
    signature = signature.strip()
    if not signature:
        notes.append(UNSIGNED)
    # A signature that brings its own sign-off ("Warmly,\nSam") replaces the template's.
    first_line = signature.splitlines()[0].strip() if signature else ""
    if first_line.endswith(",") and len(first_line.split()) <= 4:
        closing = signature
    else:
        closing = f"{signoff}\n{signature}" if signature else signoff
    return NoteDraft(
        client=client.name,
        occasion=occasion,
        greeting=say("greeting"),
        body=body,
        closing=closing,
        points=[text for text, _kind in restated],
        key_points=key_points,
        personal_touch=touch,
        template=str(template.get("id", "")),
        interaction_id=interaction.id if interaction else None,
        notes=notes,
    )
