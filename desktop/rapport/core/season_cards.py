"""A season's cards in one sitting: holiday, new year, birthday and thank-you cards for
many clients, each drafted for its client.

Every card has a greeting by first name, an opening for the occasion, a line recalling
the year's last meeting when there was one ("I really enjoyed lunch at Rosa's in
March."), the personal touch the thank-you notes use (core/notes.personal_touch: "Good
luck to Jake at the tournament!"), a closing, a sign-off and the signature.

The wording lives in ``resources/season_cards.json``. Each part is chosen from the client,
the occasion and the year, so the same client gets the same card if it is drafted again
the same season; and no two consecutive cards of a batch share their opening sentence (a
stack read one after another should not repeat itself) nor their closing. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapport.core.gift_catalogue import Taxonomy
from rapport.core.notes import NoteTemplates, meeting_text, personal_touch
from rapport.core.records import Client, Fact, Interaction, Person

SEASONS = ("holiday", "new_year", "birthday", "thank_you")
# The kinds of conversation worth recalling on a card ("our call in March").
MEMORABLE = ("meeting", "call")


class SeasonError(ValueError):
    """An occasion that is not one of SEASONS."""


@dataclass(frozen=True)
class SeasonWording:
    occasions: dict[str, dict[str, Any]]

    def label(self, occasion: str) -> str:
        return str(self.occasions[occasion]["label"])

    def logged(self, occasion: str) -> str:
        """What the client's history says: "Holiday card sent"."""
        return str(self.occasions[occasion]["logged"])


def parse_wording(data: dict[str, Any]) -> SeasonWording:
    occasions = data["occasions"]
    for key in SEASONS:
        parts = occasions.get(key, {})
        for part in ("greetings", "openings", "memories", "closings", "signoffs"):
            if len(parts.get(part, [])) < (2 if part in ("openings", "closings") else 1):
                raise ValueError(f"season card wording for {key} needs more {part}")
    return SeasonWording(occasions)


def check_season(occasion: str) -> str:
    key = (occasion or "").strip().lower().replace("-", "_").replace(" ", "_")
    key = {"newyear": "new_year", "thankyou": "thank_you", "thanks": "thank_you"}.get(key, key)
    if key not in SEASONS:
        raise SeasonError(
            f"unknown occasion {occasion!r} (occasions: {', '.join(SEASONS).replace('_', '-')})"
        )
    return key


@dataclass(frozen=True, slots=True)
class CardSubject:
    """What the book knows that a card can use, for one client."""

    client: Client
    facts: tuple[Fact, ...] = ()
    people: tuple[Person, ...] = ()
    last_talk: Interaction | None = None  # the latest meeting or call, if any
    sent_this_year: bool = False  # a card for this occasion already went out this year


@dataclass(frozen=True, slots=True)
class SeasonCard:
    client_id: int
    client: str
    occasion: str
    text: str  # the whole card as it prints: greeting, body, sign-off, signature
    opening: str  # the body's first sentence
    touch: str | None  # the personal line from the facts, when there is one
    already_sent: bool  # flagged: a card for this occasion already went out this year


def _seed(*parts: object) -> int:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big")


def _pick(options: Sequence[str], avoid: str, *seed: object) -> str:
    """An option chosen by ``seed``; the next one when it is the one to ``avoid``."""
    index = _seed(*seed) % len(options)
    if options[index] == avoid and len(options) > 1:
        index = (index + 1) % len(options)
    return options[index]


def looks_ahead_to(occasion: str, today: date) -> int:
    """The year a card wishes well: next year for a December holiday or new year card."""
    ahead = occasion in ("holiday", "new_year") and today.month >= 10
    return today.year + 1 if ahead else today.year


def _memory(subject: CardSubject, lines: Sequence[str], today: date, seed: int) -> str:
    talk = subject.last_talk
    if talk is None or talk.kind not in MEMORABLE or not lines:
        return ""
    day = talk.happened_at.date()
    if (today - day).days > 366 or day > today:
        return ""
    meeting = meeting_text(talk)
    meeting = "our call" if meeting == "the call" else meeting
    month = f"{day:%B}" if day.year == today.year else f"{day:%B} {day.year}"
    line = lines[seed % len(lines)]
    return line.format(meeting=meeting, Meeting=meeting[:1].upper() + meeting[1:], month=month)


def draft_card(
    subject: CardSubject,
    occasion: str,
    today: date,
    wording: SeasonWording,
    templates: NoteTemplates,
    taxonomy: Taxonomy,
    signature: str = "",
    previous: SeasonCard | None = None,
) -> SeasonCard:
    """One client's card; ``previous`` is the card before it in the batch (its opening
    and closing are not reused)."""
    occasion = check_season(occasion)
    parts = wording.occasions[occasion]
    client = subject.client
    year = looks_ahead_to(occasion, today)
    values = {"first": client.first_name, "year": year}
    seed = (client.id, occasion, today.year)
    greeting = _pick(parts["greetings"], "", *seed, "greeting").format(**values)
    opening = _pick(
        [o.format(**values) for o in parts["openings"]],
        previous.opening if previous else "",
        *seed,
        "opening",
    )
    memory = _memory(subject, parts["memories"], today, _seed(*seed, "memory"))
    touch, _fact = personal_touch(subject.facts, subject.people, client, templates, taxonomy, today)
    previous_closing = previous.text if previous else ""
    closings = [c.format(**values) for c in parts["closings"]]
    touch_word = touch.split()[0] if touch else ""
    # Not the closing of the card before, nor one that starts as the touch does
    # ("Enjoy your next outing! Enjoy the season...").
    fresh = [c for c in closings if c not in previous_closing and c.split()[0] != touch_word]
    closing = _pick(fresh or closings, "", *seed, "closing")
    signoff = _pick(parts["signoffs"], "", *seed, "signoff")
    body = [" ".join(x for x in (opening, memory) if x), " ".join(x for x in (touch, closing) if x)]
    signature = signature.strip()
    first_line = signature.splitlines()[0].strip() if signature else ""
    if first_line.endswith(",") and len(first_line.split()) <= 4:
        ending = signature  # a signature with its own sign-off ("Warmly,\nSam")
    else:
        ending = f"{signoff}\n{signature}" if signature else signoff
    text = "\n\n".join(part for part in (greeting, *body, ending) if part)
    return SeasonCard(
        client.id, client.name, occasion, text, opening, touch, subject.sent_this_year
    )


def draft_batch(
    subjects: Sequence[CardSubject],
    occasion: str,
    today: date,
    wording: SeasonWording,
    templates: NoteTemplates,
    taxonomy: Taxonomy,
    signature: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> list[SeasonCard]:
    """A card for each subject, in order, no two neighbours opening alike."""
    occasion = check_season(occasion)
    cards: list[SeasonCard] = []
    total = len(subjects)
    for index, subject in enumerate(subjects):
        previous = cards[-1] if cards else None
        cards.append(
            draft_card(subject, occasion, today, wording, templates, taxonomy, signature, previous)
        )
        if progress is not None and (index % 10 == 9 or index + 1 == total):
            progress(index + 1, total)
    return cards


def opening_sentence(text: str) -> str:
    """The first sentence of a card's body (after its greeting line)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = paragraphs[1] if len(paragraphs) > 1 else (paragraphs[0] if paragraphs else "")
    found = re.match(r"\s*(.*?[.!?])(?=\s|$)", body, re.DOTALL)
    return found.group(1) if found else body.strip()
