"""The thank-you card drafted after every labelled note reads as the writer's own words.

Every note of tests/core/capture_notes_*.jsonl (and the shared dev set when it is there) is
understood as quick capture saves it, and the after-meeting card is composed from that
understanding, once with each template. No sentence of a card may be cut, pasted from the
note (shorthand, headings, the narrator's "me"), or broken; a stock phrase may not be in
every card.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from rapport.core import notes as core
from rapport.core.records import Client, Fact, Interaction, Person
from rapport.services.capture import note_title
from rapport.services.cards import templates
from rapport.services.gifts import taxonomy
from tests.core.understood import understand

HERE = Path(__file__).parent
NOTES = sorted(HERE.glob("capture_notes*.jsonl"))
KINDS = ("meeting", "call", "email", "voicemail", "text", "note")

# What a cut or pasted sentence shows.
DANGLING_END = re.compile(
    r"\b(?:and|or|but|the|a|an|to|of|for|with|by|from|at|in|on|about|your|my|as|that)[.!?]$",
    re.IGNORECASE,
)
PASTED = re.compile(
    r"[:@()+&#=/…→?]|(?<!['’])\b(?:lvm|vm|tmrw|txt|fyi|eod|eow|asap|pls|mtg|b4|re|attendees)\b",
    re.IGNORECASE,
)
BROKEN = re.compile(r"\b(\w+) \1\b|\b(?:are|is) got\b|\bhow (?:loved|wants|needs|is)\b", re.I)
NARRATOR = re.compile(r"\b(?:me|I|I'll|I'm|I've|we|us|our)\b")


def _labelled() -> list[dict[str, str]]:
    out = []
    for path in NOTES:
        out += [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return out


def _draft(note: dict[str, str], u: dict[str, Any], number: int) -> core.NoteDraft:
    today = date.fromisoformat(note["today"])
    found = u["client"] or {}
    client = Client(
        id=number, name=found.get("name") or "Pat Doe", company=found.get("company") or ""
    )
    when = datetime.combine(today, datetime.min.time())
    talk = Interaction(
        id=1,
        client_id=client.id,
        kind=u["kind"] if u["kind"] in KINDS else "note",
        happened_at=when,
        title=note_title(note["text"]),
        raw_text=note["text"],
        key_points=list(u["key_points"]),
        extracted=u,
    )
    people = [
        Person(id=k + 1, client_id=client.id, name=p["name"], relation=p["relation"], age=p["age"])
        for k, p in enumerate(u["people"])
    ]
    ids = {p.name: p.id for p in people if p.name}
    facts = [
        Fact(
            id=k + 1,
            client_id=client.id,
            text=f["text"],
            category=f["category"],
            tags=f["tags"],
            person_id=ids.get(f["about"]),
            about=f["about"],
            source_interaction_id=1,
            source_at=when,
        )
        for k, f in enumerate(u["facts"])
    ]
    return core.compose(
        templates(), taxonomy(), client, "after_meeting", today,
        interaction=talk, facts=facts, people=people, signature="Sam",
    )  # fmt: skip


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


@pytest.fixture(scope="module")
def drafts() -> list[tuple[str, core.NoteDraft]]:
    notes = _labelled()
    assert len(notes) > 800
    # each note understood once, drafted twice; four client ids per note: each of the
    # after-meeting templates is used
    understood = [understand(n["text"], date.fromisoformat(n["today"])) for n in notes]
    return [
        (n["id"], _draft(n, u, k * 4 + shift))
        for k, (n, u) in enumerate(zip(notes, understood, strict=True))
        for shift in (1, 2)
    ]


def test_no_sentence_of_a_card_is_cut_pasted_or_broken(
    drafts: list[tuple[str, core.NoteDraft]],
) -> None:
    bad = []
    for note_id, draft in drafts:
        for sentence in _sentences(draft.body):
            if not sentence[:1].isupper() or sentence[-1] not in ".!?":
                bad.append((note_id, "not a sentence", sentence))
            elif DANGLING_END.search(sentence):
                bad.append((note_id, "cut", sentence))
            elif BROKEN.search(sentence):
                bad.append((note_id, "broken", sentence))
        for point in draft.points:
            if PASTED.search(point):
                bad.append((note_id, "pasted", point))
            elif NARRATOR.search(point):
                bad.append((note_id, "the note's narrator", point))
    assert bad == [], "\n".join(map(str, bad))


def test_a_stock_phrase_is_not_in_every_card(drafts: list[tuple[str, core.NoteDraft]]) -> None:
    counts = Counter(s for _, d in drafts for s in set(_sentences(d.body)) if len(s.split()) > 3)
    phrase = Counter("more than I can say" for _, d in drafts if "more than I can say" in d.body)[
        "more than I can say"
    ]
    assert phrase < len(drafts) / 2
    most, times = counts.most_common(1)[0]
    assert times < len(drafts) / 2, most
