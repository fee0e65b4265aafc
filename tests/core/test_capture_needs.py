"""A pattern's ``needs`` words are in every text it matches: skipping a text without them
(to spare compiling the pattern) never loses a match."""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

from rapport.core.understand import (  # noqa: F401  (the modules whose patterns are guarded)
    client_choice,
    facts,
    inbound,
    mentions,
    people,
)
from rapport.core.understand.tasks import precision, requests, words  # noqa: F401
from rapport.core.understand.text import LazyRegex

NOTES = sorted(Path(__file__).parent.glob("capture_notes*.jsonl"))
# At least one match for each guarded pattern, besides whatever the labelled notes hold.
EXAMPLES = [
    "Their son Eric just had ",
    "her daughter's expecting a new baby ",
    "Marissa Gold called back",
    "tom k TEXTED",
    "No reply needed",
    "fyi only",
    "quote request via e-mail",
    "inquiry came in by VOICEMAIL",
    "wants a call back",
    "Asked for a return call",
    "Follow-up: send the deck",
    "TODO: call Ana",
    "have a gift over to Dana",
    "Ana (passed) ",
    ", who passed away",
    "Harbor Point apartments",
    " jobsite",
    "her mom is in the hospital",
    "be gentle, he is GRIEVING",
    "ſick",  # re's IGNORECASE takes ſ for s
    "Iİness",
    # tasks/precision.py (brief i16tp2)
    "Book a meeting: calendly.com/pshah",
    "ring her godfather? no - leave it",
    "send the flyer, scratch that",
    "Comment (Kai Berg): will order the roller",
    "Jonas Weber commented: will reset the keys",
    "Met with Dr. Ana Ruiz and her husband to ",
    "## Agenda",
]


def _guarded() -> list[LazyRegex]:
    return [obj for obj in gc.get_objects() if isinstance(obj, LazyRegex) and obj.needs]


def _texts() -> list[str]:
    texts = list(EXAMPLES)
    for path in NOTES:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                note = json.loads(line)["text"]
                texts.append(note)
                texts += re.split(r"[.;:\n!?,()]|\s-\s|\band\b", note)
    return texts


def test_every_match_holds_one_of_the_needed_words() -> None:
    guarded = _guarded()
    assert len(guarded) >= 10
    texts = _texts()
    for pattern in guarded:
        matched = 0
        for text in texts:
            for m in pattern.compiled.finditer(text):
                assert pattern.can_match(m.group()), (pattern.pattern, m.group())
                assert pattern.can_match(text)
                matched += 1
        assert matched, pattern.pattern  # the check above was not vacuous


def test_a_text_without_them_is_no_match_without_compiling() -> None:
    pattern = LazyRegex(r"\b(?:hospital|sick)\b", re.IGNORECASE, needs="hospital sick")
    assert pattern.search("Lunch with Bob") is None and pattern._compiled is None
    assert list(pattern.finditer("Lunch")) == [] and pattern.sub("x", "Lunch") == "Lunch"
    assert pattern.search("Bob is SICK") is not None and pattern._compiled is not None
    assert LazyRegex("s", re.IGNORECASE, needs="s").search("ſ") is not None
