"""Quick capture: a messy meeting note in, the structured understanding out.

``understand(text, today, known_clients)`` returns an ``Understanding`` (``result.py``): the
client, people, facts, dates, tasks, introductions, inbound, key points and suggestions, each
item with its ``span`` (start, end offsets in the note) and, when known clients are given, the
client's book id and candidates. Read it top to bottom: each numbered stage is one call.
Services and the CLI write it as the JSON of ``shared/docs/capture-json.md``.

Pure and fast: stdlib only, regexes compiled once, the interest catalogue loaded on first use.
Only the first ``MAX_CHARS`` characters are analysed for entities (``truncated`` says so), so a
pasted e-mail thread costs the same as a long note.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rapport.core.names import fold
from rapport.core.understand.author import author_alias
from rapport.core.understand.clients import (
    ClientIndex,
    ClientMatch,
    KnownClient,
    match_client,
    one_client,
    same_first_name,
)
from rapport.core.understand.contacts import find_contacts
from rapport.core.understand.dates.find import find_dates
from rapport.core.understand.facts import (
    find_facts,
    find_key_points,
    find_yearly_dates,
)
from rapport.core.understand.inbound import InboundFound, answered_on_top, find_inbound
from rapport.core.understand.interests import InterestMatch, find_interests
from rapport.core.understand.mentions import (
    NOT_NAMES,
    NameMention,
    find_names,
    first_names,
    title_name,
    women_and_men,
)
from rapport.core.understand.programs import rx
from rapport.core.understand.result import (
    Candidate,
    ClientFound,
    Contact,
    Fact,
    Inbound,
    Introduction,
    Person,
    Suggestion,
    Task,
    Understanding,
    YearlyDay,
)
from rapport.core.understand.speech import spoken_corrections
from rapport.core.understand.text import (
    _NOT_SPEAKERS,  # who opens a line but is no one
    MAX_CHARS,
    Email,
    LazyRegex,
    Span,
    chat_turns,
    lower_shouting,
    message_voice,
    normalise,
    pronoun_i,
    quiet_fillers,
    quote_ranges,
    read_email,
    sentences,
    split_dictation,
    title_shouted_names,
)
from rapport.core.understand.zones import Zones, find_zones

__all__ = ["MAX_CHARS", "KnownClient", "Understanding", "suggest", "understand"]

_REQUEST = LazyRegex(
    r"\b(?:ask(?:ed|ing)\s+(?:me\s+)?(?:for|about)|wants?|needs?|requested|would\s+like|looking\s+for|"
    # a wish said as a liking ("she'd love a brochure" + "will do": brief i16tr)
    r"(?:'d|’d|would)\s+love|(?<=\w)(?:'d|’d)\s+like|"
    # a formal note's wish: "wishes to have our estimate in hand", "hopes to receive the plans"
    r"(?:wish(?:es|ed)?|hopes?|hoped)\s+to\s+(?:have|receive|see|get)|would\s+appreciate|"
    # "texted me for a color deck", "emailed us about the W-9": a request by its channel
    r"(?:texted|emailed|e-mailed|messaged|called|pinged|dm'?d)\s+(?:me|us)\s+(?:for|about)|"
    r"interested\s+in|(?:can|could)\s+(?:you|u)\s+(?:pls\s+|please\s+)?(?:re-?)?(?:send|share|forward))"
    r"\s+(?:(?:me|us)\s+)?(?P<np>(?:(?:a|an|the|some|\d+|two|three)\s+)?[a-z][\w-]*(?:\s+[\w-]+){0,5})",
    re.IGNORECASE,
)
_NP_STOP = LazyRegex(
    r"\s+(?:by|before|in|on|to|from|so|because|and|but|asap|soon|shortly|today|tonight|tomorrow|next|this|"
    r"that|which|who|since|until|till|at|if|when|lol|with|w(?=[/\s]|$))\b.*$",
    re.IGNORECASE,
)
_MEETING = LazyRegex(
    r"\b(?:lunch|dinner|coffee|breakfast|brunch|drinks|meeting|mtg|met|call|zoom|demo|visit|"
    r"golf|presentation|spoke|chat|convo|check-in|sat\s+down|ran\s+into|bumped\s+into|"
    r"stopped\s+by|caught\s+up)\b",
    re.IGNORECASE,
)


def understand(
    text: str, today: date, known_clients: Sequence[KnownClient] = (), day_first: bool = False
) -> Understanding:
    """What a free-text meeting note says, stage by stage (``day_first``: "3/4" is 3 April).

    The stages run in the order their results are needed: the client is chosen from the
    people and introductions the note names, a task's person and deadline need the client,
    the dates and any message awaiting reply, and a fact is what a clause says that is not a
    task. Each stage reads the note's text and the earlier stages' results, never later ones.
    """
    # The task, introduction and client-choice rules load with the first note, not on import: the
    # capture window (the hotkey path) only pays for what it shows before the user types.
    from rapport.core.understand.client_choice import choose_client, clients_family
    from rapport.core.understand.interests_learned import Kin, weigh_interests
    from rapport.core.understand.intros import find_introductions
    from rapport.core.understand.people import (
        FamilyMember,
        children_by_their_kin,
        find_family,
        household_listed,
    )

    # 1. normalise: shouting, fillers, run-on dictation, pasted e-mails and chat turns
    note = _normalise(text)
    body, limit = note.body, note.limit
    # 2. mentions: the names said, and the interests (a team is not a person)
    names, interests = _names_and_interests(body, limit)
    # 3. the client, chosen among the names with what the people and introductions say
    family = find_family(body, limit, note.spans, _family_voice(note))
    intros = find_introductions(body, limit, names)
    client = choose_client(body, names, family, intros)
    client = _email_client(body, note.email, names, client) if note.email is not None else client
    client, spouse = _couple(body, client, names, family)
    siblings = _siblings(body, client)
    client = siblings[0] if siblings is not None else client
    if known_clients and (
        client is None
        or match_client([client.name], [], known_clients).how not in ("exact", "close")
    ):
        # Family: a client of the book named first by a first name or nickname, maybe with
        # the surname's initial ("Bev called - ... hubs Carl", "Roz P. + Dr. Hugh Park"):
        # the note is about the client the user already has, not the person named after.
        reach = client.end if client else BOOK_REACH
        kin = frozenset(p.name for p in family if p.name)
        found = _book_mention(body, known_clients, reach, kin)
        if found is None and client is not None and not client.full and not client.titled:
            # i16hh. Family: a colleague named first by a first name the book lacks, the
            # client later ("Diane spoke with the Hendersons ... Rob"): a client of the book
            # said further on (a first name, a household, a whole name) is whom it is about
            found = _book_mention(body, known_clients, BOOK_REACH, kin)
        client = found or client
    client_first = client.first if client else None
    # 4. people and relations: the client's family, the other half of a couple
    if spouse is None and client_first:
        spouse = _plus_partner(body, client_first)
        if spouse is not None and not any(p.name == spouse[0] for p in family):
            family.append(FamilyMember("partner", *spouse))
    # the family of the client as the book knows them: "Quintero ... Rafa's wife" is Rafael's
    in_book = _client(client, body, names, known_clients) if known_clients and client else None
    family = clients_family(family, client, body, in_book.name if in_book and in_book.id else None)
    for listed in household_listed(body, limit, client.first if client else None):
        unnamed = next((p for p in family if p.name is None and p.relation in _CHILDREN), None)
        if any(p.name and listed.name and p.name.lower() == listed.name.lower() for p in family):
            continue
        if unnamed is not None and listed.relation == "child":
            unnamed.name, unnamed.age = listed.name, unnamed.age or listed.age  # "their son"
        else:
            family.append(listed)
    family = children_by_their_kin(
        body, family, [(n.start, n.first) for n in names], client.first if client else None
    )
    if siblings is not None:
        # both are the clients, neither the other's family on the client's card
        said_at = siblings[2]
        family = [
            p
            for p in family
            if p.name not in (client_first, siblings[1]) and not said_at[0] <= p.start < said_at[1]
        ]
    if spouse is not None and not any(p.name == spouse[0] for p in family):
        family.append(FamilyMember("partner", *spouse))
    # work contacts: the others named (a spouse not yet told wife or husband is not one)
    contacts = _contacts(names, family, intros)
    genders = _genders(body, names, family)
    family = _spouse_said(body, spouse, client_first, family)
    # 5. introductions: "Referred by Dr. Paul Lin." alone: the lead is the client
    intros = _leads(intros, client.name if client is not None else "", spouse)
    # the client's work contacts with their roles ("her assistant Kim"): not family, not
    # someone introduced, not in the client's own quoted words
    quoted = quote_ranges(body)
    work_contacts = find_contacts(
        body,
        [client_first or "", *(p.name for p in family if p.name), *(i.name for i in intros)],
        lambda word: word.lower() in first_names(),
        lambda pos: any(a <= pos < b for a, b in [*note.their_turns, *quoted]),
    )
    # 6. inbound: a message that waits for the user's answer
    inbound = _inbound(note)
    # 7. dates, then 8. the user's tasks (whose promise, which deadline)
    dates = find_dates(body, today, day_first)
    tasks = _tasks(note, today, dates, contacts, family, intros, inbound, client_first, genders)
    tasks = _named_for_the_client(tasks, note, client_first)
    # 9. facts and interests, in the clauses that are not tasks; days to remember yearly. The
    # learned second opinion vetoes a mention it scores far below (interests_learned.py).
    other_names = {p.name.lower(): p.name for p in family if p.name}
    other_names |= {n.first.lower(): n.first for n in names if n.first != client_first}
    kin_at = [Kin(p.relation, p.start, p.end) for p in family]
    interests = weigh_interests(interests, body, note.spans, kin_at, client_first, other_names)
    facts, rest = find_facts(
        note.spans,
        [(t.start, t.end) for t in tasks],
        family,
        interests,
        client_first,
        other_names,
        [(a, b) for a, b, said in note.voices if said is _CLIENT_SPEAKS],
    )
    fact_units = [Span(f.start, f.end, body[f.start : f.end]) for f in facts] + rest
    # a day to remember said in a clause only the learned model took as a task is still one
    learned = [Span(t.start, t.end, body[t.start : t.end]) for t in tasks if t.learned]
    yearly = find_yearly_dates(
        sorted(fact_units + learned, key=lambda u: u.start),
        dates,
        family,
        client_first,
        [Span(t.start, t.end, body[t.start : t.end]) for t in tasks if not t.learned],
    )
    found_client = _client(client, body, names, known_clients)
    understood = Understanding(
        client=found_client,
        people=tuple(Person(p.name, p.relation, p.age, (p.start, p.end)) for p in family),
        contacts=tuple(Contact(c.name, c.role, (c.start, c.end)) for c in work_contacts),
        facts=tuple(
            Fact(f.text, f.category, f.about, tuple(f.tags), (f.start, f.end)) for f in facts
        ),
        dates=tuple(YearlyDay(d.label, d.about, d.month, d.day, (d.start, d.end)) for d in yearly),
        tasks=tuple(Task(t.title, t.due, t.kind, t.promised, (t.start, t.end)) for t in tasks),
        introductions=tuple(
            Introduction(i.name, i.referrer or (client.name if client else None), (i.start, i.end))
            for i in intros
        ),
        inbound=None
        if inbound is None
        else Inbound(
            inbound.channel,
            inbound.sender or (client.name if client else None),
            (inbound.start, inbound.end),
        ),
        key_points=tuple(find_key_points(rest)),
        suggestions=(),
        kind=_interaction_kind(body, inbound.channel if inbound else None, inbound),
        truncated=len(note.text) > limit,
    )
    # 10. suggestions: thanks, gifts, check-ins the app proposes on its own
    return replace(understood, suggestions=_suggestions(understood, body, today, client_first))


@dataclass(frozen=True, slots=True)
class _Note:
    """The note as the rules read it: ``body`` is its first ``limit`` characters."""

    text: str
    body: str
    limit: int
    spans: list[Span]  # the sentences and clauses of the body
    email: Email | None  # a pasted e-mail, who wrote it and to whom
    their_turns: list[tuple[int, int]]  # the client's turns of a pasted text thread
    my_turns: list[tuple[int, int]]  # the user's turns
    voices: list[tuple[int, int, frozenset[str]]]  # where "my" or "your" is the client's
    client_wrote: list[tuple[int, int]]  # where a pasted e-mail the client wrote speaks
    zones: Zones  # quoted history, footer, signature, a record's fields (zones.py)

    def voice_at(self, pos: int) -> frozenset[str]:
        return next((words_ for a, b, words_ in self.voices if a <= pos < b), frozenset())


def _normalise(text: str) -> _Note:
    """Stage 1: shouting lowered, fillers quieted, "i" capitalised, run-on dictation split into
    clauses, a pasted thread's turns told apart; only ``MAX_CHARS`` are read for entities."""
    note = pronoun_i(
        spoken_corrections(
            quiet_fillers(
                lower_shouting(
                    title_shouted_names(
                        normalise(text if isinstance(text, str) else str(text)), first_names()
                    )
                )
            )
        )
    )
    note = split_dictation(note, first_names())
    note, their_turns, my_turns = chat_turns(note)
    limit = min(len(note), MAX_CHARS)
    body = note[:limit]
    email = read_email(body)
    voices = _voices(email, their_turns, my_turns) + _message_voice(message_voice(body))
    client_wrote = _client_wrote(email)
    reply = _reply_over_quote(body, email)
    if reply is not None:
        theirs, users = reply
        voices = [(a, b, _CLIENT_SPEAKS) for a, b in theirs] + [
            (a, b, _CLIENT_SPOKEN_TO) for a, b in users
        ]
        # what the user said before and the client quotes back was promised then, not now
        quoting_user = bool(users) and body[users[0][0] : users[0][0] + 1] == ">"
        client_wrote = [*theirs, *users] if quoting_user else theirs
    return _Note(
        note,
        body,
        limit,
        sentences(body),
        email,
        their_turns,
        my_turns,
        voices,
        client_wrote,
        find_zones(body, email),
    )


# i16hh. Family: the client's own words said in a note the user wrote (a voicemail or a remark
# quoted, "Name: ..." and "[Name] ..." turns, "> " lines of a pasted reply): "my wife Ruth"
# there is the client's, as in a pasted e-mail the client wrote; the user's own turn ("Me:",
# "You:") is not theirs.
_SAID_IN_QUOTES = LazyRegex(r"[\"\u201c][^\"\u201c\u201d\n]{12,}[\"\u201d]")
_SPEAKER_LINE = LazyRegex(
    r"^[ \t]*(?:>[ \t]*|\[(?P<bracket>[A-Z][^\]\n]{1,40})\][ \t]*(?![^\n]*?:[ \t])|"
    r"(?:\[[^\]\n]{1,40}\][ \t]*|\d{1,2}:\d{2}(?::\d{2})?[ \t]+)?"
    r"(?P<who>[A-Z][\w.'-]*(?:[ \t]+[\w.'()-]+){0,3}?)"
    r"(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp][Mm])?)?[ \t]*:[ \t]+)"
    r"(?P<msg>\S[^\n]*)$",
    re.MULTILINE,
)
# A message export's header line, then the message under it ("Gil Fernhill  9:33 AM",
# "Greta Halvorsen — Apr 6")
_HEADER_LINE = LazyRegex(
    r"^[ \t]*(?P<who>[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,2})[ \t]*"
    r"(?:[-\u2013\u2014\u00b7|,][ \t]*)?"
    r"(?:\d{1,2}:\d{2}(?:[ \t]*[AaPp][Mm])?|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|"
    r"Jun|Jul|Aug|Sep|Oct|Nov|Dec|Yesterday|Today)[a-z]*\.?(?:[ \t]+\d{1,2}\b[^\n]*)?)[ \t]*$",
    re.MULTILINE,
)
_THE_USER = frozenset(["me", "i", "you", "note", "notes", "subject", "re", "to", "from", "cc"])


def _family_voice(note: _Note) -> Callable[[int], frozenset[str]]:
    """Where "my" and "our" are the client's, for the people stage: the note's voices, and the
    words of someone other than the user said inside it."""
    body = note.body
    quoted = '"' in body or "\u201c" in body
    spans = [m.span() for m in _SAID_IN_QUOTES.finditer(body)] if quoted else []
    for m in _SPEAKER_LINE.finditer(body):
        who = (m.group("who") or m.group("bracket") or "").lower().split()
        said = (m.group("who") or m.group("bracket") or "").split()
        if who and (
            who[0] in _THE_USER or who[0] in _NOT_SPEAKERS or any(w[:1].islower() for w in said)
        ):
            continue  # "Me:", "Voicemail for Gunnar Holt:", "Tour today:": no one's turn
        spans.append(m.span("msg"))
    headers = list(_HEADER_LINE.finditer(body))
    for k, m in enumerate(headers):
        if m.group("who").lower().split()[0] not in _THE_USER:
            spans.append((m.end(), headers[k + 1].start() if k + 1 < len(headers) else len(body)))
    if not spans:
        return note.voice_at

    def voice(pos: int) -> frozenset[str]:
        said = note.voice_at(pos)
        if said or not any(a <= pos < b for a, b in spans):
            return said
        return _CLIENT_SPEAKS

    return voice


def _spouse_said(
    body: str,
    spouse: tuple[str, None, int, int] | None,
    client_first: str | None,
    family: list[FamilyMember],
) -> list[FamilyMember]:
    """ "Mr. & Mrs. Patel (Ravi + Sunita)", "Greg + Carla Novak": a wife or a husband when the
    title or the first names say which (never from a pronoun, which may be the other's)."""
    if spouse is None:
        return family
    said = (
        "wife"
        if _MR_AND_MRS.search(body, 0, spouse[2])
        else _spouse_word(spouse[0], client_first or "")
    )
    for person in family:
        if person.name == spouse[0] and person.relation == "partner":
            person.relation = said or "partner"  # "Robin & Casey Flynn": no cue says which
    return [p for p in family if p.relation]


def _leads(
    intros: list[IntroFound], lead: str, spouse: tuple[str, None, int, int] | None = None
) -> list[IntroFound]:
    """An introduction that names no lead ("Referred by Dr. Paul Lin.") is of the client, and
    so is one whose lead is the client's other half ("Robin & Casey Flynn (referred by ...)")."""
    other = f"{spouse[0]} {lead.split()[-1]}" if spouse is not None and lead else None
    out: list[IntroFound] = []
    for i in intros:
        if not i.name and not (lead and lead != i.referrer):
            continue
        i = i if i.name and i.name != other else replace(i, name=lead)
        if all(o.name != i.name for o in out):  # two ways of saying who sent the client
            out.append(i)
    return out


def _inbound(note: _Note) -> InboundFound | None:
    """Stage 6: the message the note records that waits for the user's answer."""
    body, their_turns, email = note.body, note.their_turns, note.email
    inbound = find_inbound(body, note.limit)
    if inbound is None and their_turns and _asks_last(body, their_turns, note.my_turns):
        # a pasted thread whose last message is the other side asking: it waits for an answer
        inbound = InboundFound("text", None, *their_turns[-1])
    if inbound is None and email is not None and not email.by_user and email.signer:
        # a pasted e-mail the client wrote waits for the user's answer
        inbound = InboundFound("email", body[slice(*email.signer)], *email.signer)
    if inbound is not None and answered_on_top(body, note.limit):
        return None  # i16ip: the user's reply sits on top of the mail it answers
    return inbound


def _tasks(
    note: _Note,
    today: date,
    dates: list[DateMention],
    contacts: list[tuple[int, str]],
    family: list[FamilyMember],
    intros: list[IntroFound],
    inbound: InboundFound | None,
    client_first: str | None,
    genders: dict[str, str],
) -> list[TaskFound]:
    """Stage 8: the user's tasks, each with whom it concerns and its deadline."""
    from rapport.core.understand.tasks.around import (
        asked_myself,
        corrected_dues,
        dues_from_around,
    )
    from rapport.core.understand.tasks.find import TaskContext, find_tasks
    from rapport.core.understand.tasks.learned import weigh_tasks
    from rapport.core.understand.tasks.precision import precise
    from rapport.core.understand.tasks.zoned import (
        due_said_next,
        mind_requests,
        others_items,
        outside_zones,
    )

    body, spans = note.body, note.spans
    everyone = sorted(contacts + [(p.start, p.name) for p in family if p.name])

    def contact_before(pos: int, pronoun: str | None = None) -> str | None:
        before = [first for start, first in contacts if start < pos]
        default = before[-1] if before else client_first
        want = _PRONOUN_GENDER.get((pronoun or "").lower())
        if want is None or default is None or genders.get(default) in (None, want):
            return default
        # "Met Sarah and her husband Dave ... loop him in": him is the man the note named
        fits = [who for start, who in everyone if start < pos and genders.get(who) == want]
        return fits[-1] if fits else default

    requests = _Requests(body)

    def request_before(pos: int) -> str | None:
        last = None
        for m in requests.before(pos):
            np = _NP_STOP.sub("", m.group("np").split(" - ", 1)[0]).strip(" -")
            if np and np.split()[0].lower() not in ("to", "us", "me", "it", "them", "more"):
                last = np
            elif np.lower().startswith("to "):
                last = None  # "Alan wants to meet your team lead. I'll set that up": the meeting
        return last

    def request_due(pos: int) -> date | None:
        found = requests.before(pos)
        last = found[-1] if found else None
        if last is None:
            return None
        end = next((s.end for s in spans if s.start <= last.start() < s.end + 1), pos)
        return next(
            (d.value for d in dates if last.start() <= d.start < min(end, pos) and d.value),
            None,
        )

    inbound_from = _first_name(inbound.sender) if inbound and inbound.sender else client_first
    ctx = TaskContext(
        today,
        dates,
        contact_before,
        request_before,
        referrers={i.referrer.split()[0].lower() for i in intros if i.referrer},
        leads={i.name.split()[0].lower() for i in intros},
        inbound_from=inbound_from if inbound else None,
        quoted=quote_ranges(body),
        turns=note.their_turns + note.client_wrote,
        mine=lambda pos: any(a < pos < b for a, b in note.my_turns),
        request_due=request_due,
        body=body,
        author=author_alias(body),
    )
    # the rules' tasks, then the learned model's veto and additions (tasks/learned.py); none
    # said where no one speaks to the user: quoted history, a footer, a signature, a field
    tasks = outside_zones(weigh_tasks(find_tasks(spans, ctx), spans, ctx), note.zones)
    tasks = mind_requests(spans, dates, tasks)
    tasks = due_said_next(tasks, spans, dates)
    tasks = dues_from_around(asked_myself(tasks, body, dates), spans, dates, body)
    tasks = corrected_dues(tasks, dates, body)
    users = note.zones.users | {(ctx.author or "").lower()}
    # what a careful reader would not file: a step of a task said before, another's list row
    return precise(others_items(tasks, body, users), body, users)


# A task the user wrote to the client speaks to them: "Send you the install quote", "Hold 200
# kg for you", "the estimate to you". On the task list "you" is the client, named.
_YOU_OBJECT = LazyRegex(r"^(?P<verb>[A-Z][a-z]+)\s+you\b(?!')|\b(?P<prep>to|for|with)\s+you\b(?!')")


# Family: what the user's own message asks of its reader, the client ("Please tell your wife
# ...", "Do let me know when ...", "Kindly sign and return the form", "Feel free to call"): an
# imperative opened by a word of asking is the reader's to do, not the user's
_ASKED_OF_THEM = LazyRegex(
    r"\W*(?:please|pls|plz|kindly|do|don't|do\s+not|let\s+me|feel\s+free|be\s+sure|make\s+sure|"
    r"remember|tell\s+your|give\s+your|say\s+(?:hi|hello))\b",
    re.IGNORECASE,
)


def _named_for_the_client(
    tasks: list[TaskFound], note: _Note, client_first: str | None
) -> list[TaskFound]:
    """A task in the user's recap, reply or sent message names the client where it says
    "you"; what it asks of the client is not the user's."""
    out = []
    for task in tasks:
        said = note.body[task.start : task.end]
        if _CLIENT_SPOKEN_TO is note.voice_at(task.start) and _ASKED_OF_THEM.match(said):
            continue  # "Please tell your wife ...", "Do let me know ...": what the client is to do
        if _CLIENT_SPOKEN_TO is note.voice_at(task.start):
            title = (
                _YOU_OBJECT.sub(
                    lambda m: f"{m.group('verb') or m.group('prep')} {client_first}", task.title
                )
                if client_first
                else task.title
            )
            task = replace(task, title=title) if title != task.title else task
        out.append(task)
    return out


def _first_name(sender: str) -> str:
    """How a task names the sender: 'Priya Raman' -> 'Priya'; 'Mrs Hale' stays 'Mrs Hale'."""
    words_ = sender.split()
    titled = words_[0].lower().rstrip(".") in ("dr", "mr", "mrs", "ms", "prof")
    return sender if titled else words_[0]


def suggest(
    understood: Understanding, text: str, today: date, client_name: str | None
) -> tuple[Suggestion, ...]:
    """The suggestions again, for an understanding whose client the user changed.

    "Write a thank-you note to them" becomes "... to Maria" once the window's user says
    the note is about Maria Gonzalez.
    """
    body = lower_shouting(normalise(text if isinstance(text, str) else str(text)))[:MAX_CHARS]
    name = str(client_name or "").split()
    return _suggestions(understood, body, today, name[0] if name else None)


_MET = LazyRegex(
    r"\b(?:lunch|dinner|coffee|breakfast|brunch|drinks|meeting|mtg|met|visit(?:ed)?|demo|"
    r"presentation|sat\s+down|ran\s+into|bumped\s+into|stopped\s+by|caught\s+up|"
    r"(?:golf|round)\s+with|in\s+person|on\s+site|onsite|tour|check-?in)\b",
    re.IGNORECASE,
)
_KINDS = (
    ("call", LazyRegex(r"\b(?:call(?:ed)?|phone|dialed|rang|zoom|teams|video\s+chat)\b", re.I)),
    ("email", LazyRegex(r"\b(?:e-?mail(?:ed)?|wrote\s+(?:to\s+)?(?:me|back))\b", re.I)),
    ("text", LazyRegex(r"\b(?:text(?:ed)?|sms|whatsapp|imessage)\b", re.I)),
)


def _interaction_kind(body: str, channel: str | None, inbound: Any) -> str:
    """What kind of conversation the note records, from how it opens.

    A note that opens with a message awaiting reply is that message; a meal, a visit or
    "met" is a meeting; then calls, emails and texts; anything else is a meeting when the
    note reads like one and a plain note otherwise.
    """
    opening = body.split("\n", 1)[0][:160]
    if inbound is not None and channel and inbound.start < 5:
        return str(channel)
    meeting = _MET.search(opening)
    for kind, pattern in _KINDS:
        found = pattern.search(opening)
        if found and (meeting is None or found.start() < meeting.start()):
            return kind
    if meeting:
        return "meeting"
    return str(channel) if inbound is not None and channel else "note"


def _overlaps(start: int, end: int, spans: Sequence[InterestMatch | FamilyMember]) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def _names_and_interests(body: str, limit: int) -> tuple[list[NameMention], list[InterestMatch]]:
    """Names and interests, settling words that could be both.

    "Red Sox" is a team, not a person; "George Baker" is a person, not baking; a catalogue
    entry that is a whole name ("Bruce Springsteen") stays an interest.
    """
    names = find_names(body, limit)
    interests = find_interests(body)
    kept_names: list[NameMention] = []
    dropped: set[int] = set()
    for name in names:
        inside = [k for k, m in enumerate(interests) if m.start < name.end and name.start < m.end]
        if not inside:
            kept_names.append(name)
            continue
        person = name.full and name.first.lower() in first_names()
        if person and all(
            (interests[k].start, interests[k].end) != (name.start, name.end) for k in inside
        ):
            kept_names.append(name)
            dropped.update(inside)
    # "Jenna Pike, Pike Pilates", "Ray Dunn (Dunn Fitness)": a surname then the interest word,
    # capitalised, names a business
    surnames = {n.name.split()[-1] for n in names if n.full}
    for k, m in enumerate(interests):
        before = body[max(0, m.start - 24) : m.start].split()
        if m.text[:1].isupper() and before and before[-1] in surnames:
            dropped.add(k)
    return kept_names, [m for k, m in enumerate(interests) if k not in dropped]


_CHILDREN = frozenset(["son", "daughter", "child"])
_PRONOUN_GENDER = {"him": "m", "his": "m", "he": "m", "her": "f", "hers": "f", "she": "f"}
_MALE = frozenset(["husband", "son", "father", "brother", "grandson"])
_FEMALE = frozenset(["wife", "daughter", "mother", "sister", "granddaughter"])
_PRONOUN_AFTER = LazyRegex(r"\b(he|his|him|she|her|hers)\b", re.IGNORECASE)
_HONORIFIC_BEFORE = LazyRegex(r"\b(mr|mrs|ms|miss)\.?\s+$", re.IGNORECASE)


_CLIENT_SPEAKS = frozenset({"my", "our"})
_CLIENT_SPOKEN_TO = frozenset({"your"})


def _asks_last(body: str, theirs: list[tuple[int, int]], mine: list[tuple[int, int]]) -> bool:
    last = theirs[-1]
    return (not mine or mine[-1][0] < last[0]) and "?" in body[last[0] : last[1]]


def _client_wrote(email: Email | None) -> list[tuple[int, int]]:
    """Where a pasted e-mail the client wrote speaks: its "I'll" is the client's promise."""
    return [] if email is None or email.by_user else [email.voice]


# Family: a reply written over or under the message it quotes line by line ("> Could you send
# ...", then "Hi Imani, I'll send ..."): the quoted lines are one side's words and the rest the
# other's. Under "Dr. Imani Osei wrote:" they are the client's, and the reply the user's; in
# the client's e-mail quoting without it, or "On Nov 10, you wrote:", the quoted are the user's
_QUOTED_LINES = LazyRegex(r"(?m)^[ \t]*>[^\n]*(?:\n[ \t]*>[^\n]*)*")
_YOU_WROTE = LazyRegex(r"\byou\s+wrote\s*:?\s*$", re.IGNORECASE)
_SOMEONE_WROTE = LazyRegex(r"\bwrote\s*:?\s*$", re.IGNORECASE)


def _reply_over_quote(
    body: str, email: Email | None
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]] | None:
    """Where the client speaks and where the user does, in an e-mail the client wrote that
    quotes the user, or in the user's reply quoting the client's e-mail; None: no such reply."""
    if email is None or email.by_user or ">" not in body:
        return None
    quoted = [m.span() for m in _QUOTED_LINES.finditer(body)]
    if not quoted:
        return None
    start, end = email.voice
    rest: list[tuple[int, int]] = []
    at = start
    for a, b in quoted:
        if at < a:
            rest.append((at, min(a, end)))
        at = max(at, b)
    if at < end:
        rest.append((at, end))
    rest = [(a, b) for a, b in rest if body[a:b].strip()]
    # "On Mon, Pastor Mike Odom wrote:" said before the quoted lines or as their first
    first = body[quoted[0][0] : body.find("\n", quoted[0][0]) % (len(body) + 1)]
    intro = body[max(0, quoted[0][0] - 80) : quoted[0][0]].rstrip()
    said = next((w for w in (intro, first.rstrip()) if _SOMEONE_WROTE.search(w)), "")
    if said and not _YOU_WROTE.search(said):
        return quoted, rest  # the user's reply to the client's message
    return rest, quoted  # the client's message, quoting what the user wrote before


def _voices(
    email: Email | None, theirs: list[tuple[int, int]], mine: list[tuple[int, int]]
) -> list[tuple[int, int, frozenset[str]]]:
    """Where the client speaks ("my son Andres" in their e-mail or their turn of a thread) and
    where the user speaks to the client ("your husband Dave" in the user's recap or reply)."""
    out = [(a, b, _CLIENT_SPEAKS) for a, b in theirs] + [(a, b, _CLIENT_SPOKEN_TO) for a, b in mine]
    if email is not None:
        words_ = _CLIENT_SPOKEN_TO if email.by_user else _CLIENT_SPEAKS
        out.append((email.voice[0], email.voice[1], words_))
    return out


def _message_voice(said: tuple[int, int, bool] | None) -> list[tuple[int, int, frozenset[str]]]:
    """A voicemail or text the client left ("my wife Darla" is theirs), or one the user sent
    them ("your son Barnaby" is theirs)."""
    if said is None:
        return []
    return [(said[0], said[1], _CLIENT_SPOKEN_TO if said[2] else _CLIENT_SPEAKS)]


# "Writing on behalf of Mr. Dwight Lassiter", "From: Greta Lindahl (assistant to Dr. Omar
# Siddiqui)": the assistant writes, the client is whom it is for
_ON_BEHALF = LazyRegex(
    r"\b(?i:on\s+behalf\s+of|(?:executive\s+)?(?:assistant|secretary|ea|scheduler)\s+(?:to|for))"
    r"\s+(?:(?i:mr|mrs|ms|dr)\.?\s+)?(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
)
# i16cl3: an introduction is "X, meet Y", "introducing you to", "Intro: ..." -- not "lovely to
# finally meet Luis" in the user's recap, which is still about whom it greets
_INTRO_EMAIL = LazyRegex(
    r"(?:^|[,\-\u2013\u2014:]\s*)meet\s+[A-Z]|\b(?:introduc\w*|intro(?:'?ing|'?d)?)\s+"
    r"(?:you|us|him|her|them|both)\b|\bintro(?:duction)?\s*:|\bmeet\s+(?:you\s+)?(?:two|both)\b",
    re.IGNORECASE,
)
_TITLE = LazyRegex(r"^(?:(?:mr|mrs|ms|dr|pastor|rev|fr)\.?\s+)", re.IGNORECASE)


def _email_client(
    body: str, email: Email, names: list[NameMention], chosen: NameMention | None
) -> NameMention | None:
    """Whom a pasted e-mail is about: whom the user's own e-mail greets ("Hi Walt,"), or who
    wrote the client's ("Thanks, Denise Harmon", "From: Rosa Delgado", "Pastor Mike Odom
    wrote:"), or whom an assistant writes for. An e-mail introducing people keeps the choice."""
    if _INTRO_EMAIL.search(body, 0, 400):
        return chosen
    behalf = _ON_BEHALF.search(body)
    if behalf is not None:
        where: tuple[int, int] | None = behalf.span("name")
    else:
        where = email.greeted if email.by_user else email.signer
    if where is None:
        return chosen
    start, end = where
    title = _TITLE.match(body, start, end)
    start = title.end() if title is not None else start
    said = next((n for n in names if start <= n.start < end), None)
    if said is not None and (said.full or said.titled or said.first.lower() in first_names()):
        better = next((n for n in names if n.full and n.first == said.first and not n.titled), None)
        if said.titled and not said.full:
            # i16cl3: "Dear Mr. Adebayo" ... "To: Femi Adebayo": the full name the note gives
            better = better or next(
                (n for n in names if n.full and n.name.split()[-1] == said.name), None
            )
        return better if said.titled and better is not None else said
    words_ = body[start:end].split()
    if not words_ or words_[0].lower() in NOT_NAMES:
        # "Hi Marcy,": a greeting's or a signature's word is a name by its place; "From:
        # Unknown (555) 019-4411" names no one
        return chosen
    name = " ".join(words_)
    return NameMention(start, end, name, words_[0], len(words_) > 1, titled=title is not None)


# A couple named together: "Greg + Carla Novak", "jim & barb kowal", "Hal and Edna Brewer", "the
# Parkers (Tim + Joy)", "Mr. & Mrs. Patel (Ravi + Sunita)". The first named is whom the note is
# about and the other their spouse (a note names the one it deals with first).
_MR_AND_MRS = LazyRegex(
    r"\b(?:mr|mister)\.?\s*(?:&|and|\+)\s*(?:mrs|missus|misses)\b", re.IGNORECASE
)
# Said aloud, the surname then the first names: "mister and misses quill abe and dot"
_TITLED_COUPLE = LazyRegex(
    r"\b(?:mr|mister)\.?\s*(?:&|and|\+)\s*(?:mrs|missus|misses)\.?\s+(?P<fam>[A-Za-z][a-z'-]+)"
    r"\s*[,:(-]?\s*(?P<a>[A-Za-z][a-z'-]+)\s*(?:\+|&|and|/)\s*(?P<b>[A-Za-z][a-z'-]+)\b",
    re.IGNORECASE,
)
_COUPLE_BEFORE = LazyRegex(r"(?P<first>[A-Za-z][a-z'-]+)\s*(?:&|\+|and)\s*$")
_FAMILY_COUPLE = LazyRegex(
    r"\b(?:the\s+)?(?P<fam>[A-Z][a-z'-]+?)(?:e?s'?)?"
    # i16hh: "the Ngs' place (Walter + Helen)": the household's home said between
    r"(?:\s+(?:place|house|home|farm|residence|family))?\s*\(\s*(?P<a>[A-Z][a-z'-]+)\s*(?:\+|&|and|,|/)\s*"
    r"(?P<b>[A-Z][a-z'-]+)\s*\)"
)


# A household named by its surname, then the couple's first names, typed or dictated: "at the
# Reyes place, Ana and Luis", "the okonjo's - emeka and grace", "for the Baptiste family: Rose &
# Jean" (the first named is the client, the second the spouse). A plural's "s" is dropped, not
# a surname's own "-es" ("the Reyes place").
_HOUSEHOLD_COUPLE = LazyRegex(
    r"\bthe\s+(?P<fam>[A-Za-z][a-z'-]+?)(?:'s|s'|(?<!e)s)?(?:\s+(?:place|house|home|family|residence|"
    r"farm|job|project|property|household))?\s*(?:,|\s-|:)\s*(?P<a>[A-Za-z][a-z'-]+)\s*"
    r"(?:\+|&|and)\s*(?P<b>[A-Za-z][a-z'-]+)\b",
    re.IGNORECASE,
)


def _household_couple(body: str) -> re.Match[str] | None:
    for m in _HOUSEHOLD_COUPLE.finditer(body, 0, min(len(body), 400)):
        fam = m.group("fam").lower()
        if (
            fam not in NOT_NAMES
            and fam not in first_names()
            and (m.group("a").lower() in first_names() or _capitalised_pair(m))
            and m.group("b").lower() not in NOT_NAMES
        ):
            return m
    return None


def _capitalised_pair(m: re.Match[str]) -> bool:
    """ "the Okpalas, Ike & Grace": a short first name the list lacks, typed as a name
    next to one it has. Family: a household said by its capitalised surname, then two
    capitalised words ("the Abernathys (Clive + Dot)", "Mr. and Mrs. Farrow (Nigel & Prue)",
    "the Kowalczyks - Jerzy and Halina"): the frame says they are its first names, whatever
    the list knows, unless either is a plain word ("the Hales (Kitchen + Bath)")."""
    a, b = m.group("a"), m.group("b")
    if not (a[:1].isupper() and b[:1].isupper()):
        return False
    if b.lower() in first_names():
        return True
    said = m.group(0).lower()
    titled = rx(r"\b(?:mrs|missus|the)\.?\s+$", re.I).search(
        m.string[max(0, m.start() - 8) : m.start()]
    )
    household = (
        titled is not None
        or said.startswith(("the ", "mr"))
        or said[m.end("fam") - m.start() :][:1] in "s'"
    )
    return (
        household
        and m.group("fam")[:1].isupper()
        and m.group("fam") not in (a, b)
        and not {a.lower(), b.lower()} & NOT_NAMES
    )


def _spouse_word(spouse: str, client: str) -> str:
    """'wife' or 'husband' when both first names say it (Carla after Greg), else ''."""
    women, men = women_and_men()
    a, b = spouse.lower(), client.lower()

    def woman(name: str) -> bool:
        # a name the lists lack, with a woman's ending in English ("Odalys", "Ysabelle")
        return name in women or (name not in men and name.endswith(_WOMENS_ENDINGS))

    if woman(a) and b not in women:  # the lists alone say what the client's name is
        return "wife"
    if a in men and b not in men:
        return "husband"
    if b in women and not woman(a):
        return "husband"  # i16hh: "Malhotras (Priya + Dev)": the client is a woman, he is not
    return ""


_WOMENS_ENDINGS = ("a", "ette", "elle", "ille", "anne", "ine", "lyn", "ah")


def _couple(
    body: str, client: NameMention | None, names: list[NameMention], family: list[FamilyMember]
) -> tuple[NameMention | None, tuple[str, None, int, int] | None]:
    """The client and their spouse (name, age, start, end) when the note names a couple."""
    m = _FAMILY_COUPLE.search(body, 0, min(len(body), 400))
    if m is None or (m.group("a").lower() not in first_names() and not _capitalised_pair(m)):
        m = _household_couple(body)
    if m is None:
        said = _TITLED_COUPLE.search(body, 0, min(len(body), 400))
        m = said if said is not None and said.group("a").lower() in first_names() else None
    if m is not None and (m.group("a").lower() in first_names() or _capitalised_pair(m)):
        surname = title_name(m.group("fam"))
        if client is None or client.start >= m.start() or client.name.split()[-1] == surname:
            a, b = title_name(m.group("a")), title_name(m.group("b"))
            spouse_at = (m.start("b"), m.end("b"))
            if client is not None and client.full and client.name.split()[-1] == surname:
                if client.first == b and client.start > m.start():
                    # "the Larkins, Hal + Bea. Met Bea Larkin": the one named in full later
                    # is whom the note deals with
                    return client, (a, None, m.start("a"), m.end("a"))
                if client.end <= m.start("a") and same_first_name(a.lower(), client.first.lower()):
                    # "Mr. and Mrs. Robert Hale (Bob + Liz)": the full name said first stays
                    return client, (b, None, *spouse_at)
            chosen = NameMention(m.start("a"), m.end("a"), f"{a} {surname}", a, True)
            return chosen, (b, None, *spouse_at)
    if client is None or not client.full or len(client.name.split()) != 2:
        return client, None
    before = _COUPLE_BEFORE.search(body, max(0, client.start - 24), client.start)
    if before is None or not (
        before.group("first").lower() in first_names() or _first_name_by_place(body, before)
    ):
        return client, None
    if any(p.start <= before.start() < p.end + 2 for p in family):
        return client, None  # "his wife and Carla Novak": not a couple said together
    first = title_name(before.group("first"))
    surname = client.name.split()[-1]
    chosen = NameMention(before.start("first"), client.end, f"{first} {surname}", first, True)
    return chosen, (client.first, None, client.start, client.start + len(client.first))


_WORD_BEFORE = LazyRegex(r"([^\W\d_][\w'-]*)[ \t]*$")


def _first_name_by_place(body: str, before: re.Match[str]) -> bool:
    """i16hh. Family: a couple said as "Ole and Kristin Haugen", "Tove & Lars Berg": a
    capitalised word the first-name list lacks is the first spouse's first name when it is no
    word of the language and no name's last word is said right before it."""
    first = before.group("first")
    if not first[:1].isupper() or first.lower() in NOT_NAMES or len(first) < 2:
        return False
    prev = _WORD_BEFORE.search(body, max(0, before.start("first") - 20), before.start("first"))
    return prev is None or not prev.group(1)[:1].isupper() or prev.group(1).lower() in NOT_NAMES


# Siblings named together as a household: "the Lund brothers, Sven and Nils", "the okafor
# brothers emeka and chidi", "the Ferris sisters (Jo & Em)". The first named is the client (a
# note names the one it deals with first); the other is a client too, not their family.
_SIBLINGS = LazyRegex(
    r"\bthe\s+(?P<fam>[A-Za-z][\w'-]+(?:\s+[A-Za-z][\w'-]+)?)\s+(?P<rel>brothers|sisters)\b"
    r"\s*[,(:-]?\s*(?P<a>[A-Za-z][a-z'-]+)\s*(?:,|&|\+|and\b)\s*(?P<b>[A-Za-z][a-z'-]+)",
    re.IGNORECASE,
)


def _siblings(
    body: str, client: NameMention | None
) -> tuple[NameMention, str, tuple[int, int]] | None:
    """The client, the sibling's first name and where the siblings are said, when the note
    names siblings together."""
    m = _SIBLINGS.search(body, 0, min(len(body), 400))
    if m is None:
        return None
    fam = m.group("fam").split()
    a, b = m.group("a"), m.group("b")
    if any(w.lower() in NOT_NAMES or w.lower() in first_names() for w in fam):
        return None  # "the two brothers", "the Mike brothers"
    said = [w.lower() in first_names() or w[:1].isupper() for w in (a, b)]
    if any(w.lower() in NOT_NAMES and w.lower() not in first_names() for w in (a, b)) or not any(
        said
    ):
        return None  # "the Reyes brothers and their crew"; one name the list has will do
    surname = " ".join(title_name(w) for w in fam)
    if client is not None and client.start < m.start() and not client.name.endswith(surname):
        return None  # someone named before them is whom the note is about
    first, other = title_name(a), title_name(b)
    chosen = NameMention(m.start("a"), m.end("a"), f"{first} {surname}", first, True)
    return chosen, other, m.span()


# "Nils + Greta's 2 kids", "Nils + Greta -> Maui for their 30th", "he + Ayumi off on a
# cruise": the client
# (or "he"/"she") and a first name joined, then what a couple shares: the other half. Two
# people with initials ("Fred O. + Marty C. both at the lunch") are not a couple.
_COUPLE_SHARES = (
    r"(?:'s\b|(?=[^.;!?\n]{0,40}(?:->|\b(?:\d+(?:st|nd|rd|th)|anniv\w*|honeymoon|married|wedding|"
    r"kids|hosting|host|trip|vacation|cruise)\b)))"
)


def _plus_partner(body: str, client_first: str) -> tuple[str, None, int, int] | None:
    end = min(len(body), 600)
    if "+" not in body[:end] and "&" not in body[:end]:
        return None  # no join: the pattern made of the client's name is not compiled
    pattern = re.compile(
        rf"(?:\b{re.escape(client_first)}|\b[Hh]e|\b[Ss]he)\s*(?:\+|&)\s*(?P<y>[A-Z][a-z'-]+)"
        rf"(?!\s*[A-Z]\.?(?:\s|$)|\s+[A-Z][a-z]){_COUPLE_SHARES}"
    )
    m = pattern.search(body, 0, end)
    if m is None:
        return None
    name = m.group("y")
    name = name[:-2] if name.endswith("'s") else name
    if name.lower() in NOT_NAMES or name == client_first or name.lower() not in first_names():
        return None
    return name, None, m.start("y"), m.start("y") + len(name)


def _genders(body: str, names: list[NameMention], family: list[FamilyMember]) -> dict[str, str]:
    """Whom the note says is a man ("m") or a woman ("f"), by first name: the family word
    ("husband Dave"), an honorific ("Mrs. Ito"), or the pronoun that next follows the name in
    its sentence before anyone else is named ("Sarah Kim and her husband")."""
    found: dict[str, str] = {}
    for p in family:
        if p.name and (p.relation in _MALE or p.relation in _FEMALE):
            found[p.name] = "m" if p.relation in _MALE else "f"
    starts = sorted([n.start for n in names] + [p.start for p in family])
    for n in names:
        if n.first in found:
            continue
        title = _HONORIFIC_BEFORE.search(body, max(0, n.start - 6), n.start)
        if title is not None:
            found[n.first] = "m" if title.group(1).lower() == "mr" else "f"
            continue
        stop = min([s for s in starts if s > n.start] + [n.end + 80, len(body)])
        end = next((k for k in range(n.end, stop) if body[k] in ".;!?\n"), stop)
        said = _PRONOUN_AFTER.search(body, n.end, end)
        if said is not None:
            found[n.first] = _PRONOUN_GENDER[said.group(1).lower()]
    return found


def _contacts(
    names: list[NameMention], family: list[FamilyMember], intros: list[IntroFound]
) -> list[tuple[int, str]]:
    from rapport.core.understand.client_choice import plausible

    family_names = {p.name.lower() for p in family if p.name}
    fulls = {n.first.lower() for n in names if n.full}
    return [
        (n.start, n.first)
        for n in names
        if n.first.lower() not in family_names and plausible(n, fulls)
    ]


def _client(
    client: NameMention | None,
    body: str,
    names: list[NameMention],
    known: Sequence[KnownClient],
) -> ClientFound | None:
    """Whom the note is about, matched against the book's clients when there are any."""
    from rapport.core.understand.client_choice import company_of

    if client is None and not known:
        return None
    company = company_of(body, client, names) if client else ""
    span = (client.start, client.end) if client is not None else None
    if not known:
        assert client is not None
        return ClientFound(client.name, company, None, span)
    mentions = [client.name] if client else []
    mentions += [n.name for n in names if n.full and (client is None or n.name != client.name)]
    matched = match_client(mentions, [company] if company else [], known)
    if matched.client is None and client is None:
        return None
    if matched.how == "first_name" and len(matched.candidates) > 1:
        matched = _said_apart(body, matched)
    return ClientFound(
        name=matched.client.name if matched.client else client.name if client else None,
        company=(matched.client.company if matched.client else "") or company,
        id=matched.client.id if matched.client else None,
        span=span,
        match=matched.how,
        candidates=tuple(
            Candidate(c.id, c.name, c.company, round(score, 3)) for c, score in matched.candidates
        ),
    )


def _said_apart(body: str, matched: ClientMatch) -> ClientMatch:
    """i16hh. Family: look-alike first names in the book ("Nate" for Nathan Greenberg and for
    Ignatius Ferraro): the one client of them whose surname or company's first word the note
    says elsewhere ("Drop-in @ Greenberg's - Nate & Shira") is the one meant."""
    words_ = {w.lower() for w in _A_NAME_WORD.findall(body)}

    def said(client: KnownClient) -> bool:
        surname = fold(client.name).split()[-1:]
        company = fold(client.company).split()[:1]
        return bool({*surname, *company} & words_ - NOT_NAMES)

    told = [(c, score) for c, score in matched.candidates if said(c)]
    if len(told) != 1 or told[0][0] == matched.client:
        return matched
    rest = tuple(cs for cs in matched.candidates if cs[0] != told[0][0])
    return replace(matched, client=told[0][0], candidates=(told[0], *rest))


_A_NAME_WORD = LazyRegex(r"[^\W\d_][\w-]*?(?='s\b|\b)")


# A client of the book named by first name or nickname, then maybe the surname or its
# initial: "Ted B -", "Roz P. +", "Dr. Cat Moore", "Sunil + Meera".
# i16hh: a first name may be hyphenated ("Mei-Ling", "Jean-Luc", "Anne-Marie")
# i16cl4: with the letters of other languages' names ("María", "Lê", "Şükrü", "Nguyễn")
_UP = "A-ZÀ-ÖØ-ÞĀ-ſḀ-ỿ"
_LOW = "a-zß-öø-ÿĀ-ſḀ-ỿ"
_BOOK_MENTION = LazyRegex(
    rf"\b([{_UP}][{_LOW}]{{1,14}}(?:-[{_UP}]?[{_LOW}]{{2,14}})?)\b"
    rf"(?:\s+([{_UP}])\.?(?![\w'])|\s+([{_UP}][{_LOW}]+))?"
)
BOOK_REACH = 200  # when the note names no client, how far a book's first name may be
# The words after a capitalised word that may go on a company's name: "Pruitt lanes", "Okafor
# Moving & Storage", up to a sentence's or a clause's end.
_COMPANY_WORDS = LazyRegex(r"(?:[ \t]+(?:&|[A-Za-z][\w'.-]*))+")
_A_WORD = LazyRegex(r"\S+")
_THE_BEFORE = LazyRegex(r"\bthe\s+$", re.IGNORECASE)
_NAME_BEFORE = LazyRegex(r"\b([A-Z][a-z]+)[ \t]+$")


def _book_mention(
    body: str, known: Sequence[KnownClient], until: int, kin: frozenset[str] = frozenset()
) -> NameMention | None:
    """The first capitalised first name or nickname before ``until`` that is a client's in
    the book (with that surname or initial when one follows) and no one's relative said alone
    (``kin``: "his wife Ann" is not the client Antonia), as the note writes it; else
    the first that names exactly one client another way: the company said in part ("the
    Pruitt lanes"), a surname alone ("Quintero called"), a first name said short ("Gwen")."""
    index = known if isinstance(known, ClientIndex) else ClientIndex(known)
    other: NameMention | None = None
    for m in _BOOK_MENTION.finditer(body, 0, min(until + 40, len(body))):
        if m.start() >= until:
            break
        first = fold(m.group(1))
        initial, surname = m.group(2), m.group(3)
        if first in NOT_NAMES and not surname:
            continue  # "Will", "May", "Cat" alone are words; "Dr. Cat Moore" is a name
        if m.group(1) in kin and not surname:
            continue  # a relative's first name ("his wife Ann", "Ann called too")
        before = _NAME_BEFORE.search(body, max(0, m.start() - 16), m.start())
        if before is not None and before.group(1).lower() not in NOT_NAMES:
            continue  # "Met Tasha Bell": a surname after a name, not "Bell" for William
        same = index.same_first(first, fold(initial or surname or "") or None)
        if not same and surname and surname.lower() in NOT_NAMES and first not in NOT_NAMES:
            same = index.same_first(first, None)  # "Sunil + Meera", "Kenji called"
        if not same:
            if other is None:
                other = _book_other(body, m, index)
            continue
        end = m.end() if initial or (surname and surname.lower() not in NOT_NAMES) else m.end(1)
        written = body[m.start() : end].rstrip(".")
        return NameMention(m.start(), end, written, m.group(1), full=" " in written)
    if other is None:
        other = _book_full_name_lower(body, index, until)
    if other is None and not _A_CAPITAL.search(body, 0, until):
        other = _book_lower(body, index, until)
    return other


# Two words without capitals, each pair of neighbours: "with anneliese kruger she runs"
_LOWER_PAIR = LazyRegex(r"\b(?=([a-z][a-z'-]+)[ \t]+([a-z][a-z'-]+)\b)")


def _book_full_name_lower(body: str, index: ClientIndex, until: int) -> NameMention | None:
    """A client's whole name as the book has it, typed without capitals ("good call with
    anneliese kruger"): the first pair of words before ``until`` that is a client's name."""
    firsts = index.first_words()
    for m in _LOWER_PAIR.finditer(body, 0, until):
        first, last = m.group(1), m.group(2)
        if first in firsts and first not in NOT_NAMES and index.exact(f"{first} {last}"):
            end = body.index(last, m.start() + len(first)) + len(last)
            return NameMention(m.start(), end, body[m.start() : end], first, full=True)
    return None


_A_CAPITAL = LazyRegex(r"[A-Z]")
_LOWER_WORD = LazyRegex(r"\b([a-z][a-z'-]{3,14})\b")


def _book_lower(body: str, index: ClientIndex, until: int) -> NameMention | None:
    """In a note typed or dictated without capitals ("talked to szabo about the boiler",
    "okafor moving called"): the first word that is exactly one client's surname, or starts
    their company said in part, and is no word of the language or anyone's first name."""
    for m in _LOWER_WORD.finditer(body, 0, until):
        word = m.group(1)
        if word in NOT_NAMES or word in first_names():
            continue
        words = _COMPANY_WORDS.match(body, m.end(1))
        if words is not None and index.company_starts(word):
            ends = [w.end() for w in _A_WORD.finditer(body, m.end(1), words.end())][:4]
            for end in reversed(ends):
                written = body[m.start() : end].rstrip(".")
                if len(index.by_company_words(fold(written))) == 1:
                    return NameMention(m.start(), end, written, word, full=True)
        said_as_name = _NAME_CUE_BEFORE.search(body, max(0, m.start() - 12), m.start()) or (
            _NAME_CUE_AFTER.match(body, m.end(1))
        )
        if said_as_name and len(index.by_surname(word)) == 1:
            return NameMention(m.start(), m.end(1), word, word, full=False)
    return None


def _said_as_name(body: str, start: int, end: int) -> bool:
    """A capitalised word alone is a name inside a sentence; as a sentence's or a line's first
    word only after a title or before what a person does or a heading's dash ("Quintero called",
    "Mrs. Szabo", "Petrov - 2 pallets short")."""
    before = body[max(0, start - 3) : start].rstrip(" \t\"'(")
    if before and before[-1] not in ".!?\n:;-":
        return True
    if _NAME_CUE_BEFORE.search(body, max(0, start - 12), start):
        return True
    return bool(_NAME_CUE_AFTER.match(body, end) or _HEADING_DASH.match(body, end))


_HEADING_DASH = LazyRegex(r"[ \t]*(?:[-\u2013\u2014:|,]|$)", re.M)


# Where a word without a capital is said as a person: after a title or a word of contact
# ("mrs szabo", "talked to szabo", "met with quintero"), or before what a person does
# ("szabo called", "quintero wants"); "the young couple", "call the banks" are words.
_NAME_CUE_BEFORE = LazyRegex(
    r"\b(?:to|with|w/|from|met|saw|call|called|email|emailed|text|texted|mr|mrs|ms|dr|miss)"
    r"\.?[ \t]+$",
    re.IGNORECASE,
)
_NAME_CUE_AFTER = LazyRegex(
    r"(?:'s\b|[ \t]+(?:called|calls|wants|wanted|said|says|asked|asks|texted|emailed|needs|"
    r"stopped|dropped|came|left|signed|loved|liked|agreed|approved)\b)"
)


def _book_other(body: str, m: re.Match[str], index: ClientIndex) -> NameMention | None:
    """The words at ``m`` when they name exactly one client of the book by its company said in
    part, a surname alone or a first name said short (``clients.one_client``)."""
    first = m.group(1)
    words = _COMPANY_WORDS.match(body, m.end(1))
    if words is not None and index.company_starts(first.lower()):
        # the longest run of words that is the client's company said in part
        ends = [w.end() for w in _A_WORD.finditer(body, m.end(1), words.end())][:4]
        for end in reversed(ends):
            written = body[m.start() : end].rstrip(".")
            if len(index.by_company_words(fold(written))) == 1:
                return NameMention(m.start(), end, written, first, full=True)
    low = first.lower()
    if low in NOT_NAMES or (low in first_names() and not m.group(2)) or m.group(3):
        # "Grant", "Will": a word or someone's first name; "Pruitt Hardware": a company the
        # book does not have, not the client Dana Pruitt
        return None
    initial = m.group(2)
    # "the Okafors want a quote": the household of the one client of that surname
    household = low.endswith("s") and _THE_BEFORE.search(body, max(0, m.start() - 4), m.start())
    if household and len(index.by_surname(low[:-1])) == 1:
        return NameMention(m.start(), m.end(1) - 1, first[:-1], first[:-1], full=False)
    key = [low, initial.lower()] if initial else [low]
    if not initial and not _said_as_name(body, m.start(), m.end(1)):
        return None  # "Price is too high": a sentence's first word, not the client Tom Price
    if one_client(index, key) is None:
        return None
    end = m.end() if initial else m.end(1)
    written = body[m.start() : end].rstrip(".")
    return NameMention(m.start(), end, written, first, full=" " in written)


if TYPE_CHECKING:
    from rapport.core.understand.dates.find import DateMention
    from rapport.core.understand.intros import Introduction as IntroFound
    from rapport.core.understand.people import FamilyMember
    from rapport.core.understand.tasks.find import TaskFound


class _Requests:
    """What the client asked for ("asked for a trial", "needs the COI by 8/15"), found once per
    note: a long pasted thread must not be rescanned for every task in it."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.found = list(_REQUEST.finditer(body))
        self.starts = [m.start() for m in self.found]

    def before(self, pos: int) -> list[re.Match[str]]:
        """The requests in ``body[:pos]``, as ``finditer(body, 0, pos)`` would find them."""
        found = self.found[: bisect_left(self.starts, pos)]
        if found and found[-1].end() > pos:  # the one cut by ``pos`` matches what is before it
            cut = _REQUEST.search(self.body, found[-1].start(), pos)
            found = found[:-1] + ([cut] if cut else [])
        return found


def _suggestions(
    understood: Understanding, body: str, today: date, client_first: str | None
) -> tuple[Suggestion, ...]:
    """What the app proposes on its own: thanks, gifts, check-ins. Never the same as a task."""
    out: list[Suggestion] = []
    who = client_first or "them"
    task_titles = " ".join(t.title.lower() for t in understood.tasks)
    first_line = body.split("\n", 1)[0][:200]
    inbound = understood.inbound

    opened_by_message = inbound is not None and inbound.span[0] < 5
    thanked = "thank" in task_titles and who.lower() in task_titles
    if _MEETING.search(first_line) and not opened_by_message and not thanked:
        out.append(Suggestion(f"Write a thank-you note to {who}", today, "thank_you"))
    # An introduction brings its own "thank the referrer" and "reach out" tasks, and a
    # message awaiting reply its reply task (their chips say so): offered again as
    # suggestions, an unticked one would be saved all the same and a ticked one twice.
    if any(f.category == "sensitive" for f in understood.facts):
        out.append(Suggestion(f"Check in on {who}", today + timedelta(days=5), "check_in"))
    gifted: set[str] = set()
    for fact in understood.facts:
        tags = tuple(t for t in fact.tags if t not in gifted)
        if tags and fact.category not in ("dietary", "sensitive") and len(gifted) < 4:
            gifted.update(fact.tags)
            person = fact.about or who
            title = f"Gift idea for {person}: something {tags[0]}"
            out.append(Suggestion(title, None, "gift", tags=tags, gift_for=fact.about))
    return tuple(out)
