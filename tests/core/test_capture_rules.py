"""The general rules added after scoring capture on notes its author never saw.

One test (or a few parametrised cases) per rule, each on made-up text that is not in any
labelled set, so a rule is checked for what it says rather than for one note.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rapport.core.capture import understand
from rapport.core.capture_text import sentences

WED = date(2026, 11, 18)


def _titles(out: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(t["title"], t["due"]) for t in out["tasks"]]


def test_an_aside_in_brackets_stays_inside_its_sentence() -> None:
    text = "Bring a gift (she's into tea - esp. oolong) on Friday. Call Jo."
    assert [s.text for s in sentences(text)] == [
        "Bring a gift (she's into tea - esp. oolong) on Friday.",
        "Call Jo.",
    ]
    out = understand(
        "Lunch w/ Ann Lowe. Bring her a gift (she's into tea - esp. oolong) Friday.", WED
    )
    assert ("Bring Ann a gift", "2026-11-20") in _titles(out)


def test_an_unclosed_bracket_does_not_swallow_the_note() -> None:
    assert len(sentences("Met Al (VP. Then lunch. Then golf.")) == 3
