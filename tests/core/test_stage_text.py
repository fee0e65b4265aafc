"""Stage 1, normalise: fillers, shouting, the writer's own name; offsets kept.

The rules' cases, each on made-up text in no labelled set (several phrasings where a
rule is about a kind of phrase), so a case says what the rule is, not what one note needed.
"""

from __future__ import annotations

import pytest

from rapport.core.understand.author import author_alias
from rapport.core.understand.text import lower_shouting, quiet_fillers


def test_shouted_stretches_are_lowered_but_lone_acronyms_stay() -> None:
    text = "MTG W/ DONNA KESSLER. reply w/ ETA asap, PM visit Tues"
    low = lower_shouting(text)
    assert low == "mtg w/ donna kessler. reply w/ ETA asap, PM visit Tues"
    assert len(low) == len(text)


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("Dana met w/ Olu Bassey at the expo. Dana to send the brochure Fri.", "Dana"),
        ("Call notes (Reza): Tim Ng wants a demo. Reza to book it next week.", "Reza"),
        ("Rep: Carla. Visited Ann Poole. Carla will mail samples Monday.", "Carla"),
        # a note in the first person has its own author: Karen's item is hers
        ("Per Karen: Ann Poole called. Karen to send the catalog; I'll call Ann.", None),
        # a name with no to-do of its own is only the one who met
        ("Dana met w/ Olu Bassey at the expo. Olu loves golf.", None),
    ],
)
def test_author_alias(text: str, alias: str | None) -> None:
    assert author_alias(text) == alias


def test_fillers_are_blanked_keeping_offsets() -> None:
    text = "um so I'll uh send the deck you know by friday"
    quiet = quiet_fillers(text)
    assert len(quiet) == len(text)
    assert "um" not in quiet.split() and "uh" not in quiet.split()
    assert "you know" not in quiet
    assert quiet.index("send") == text.index("send")


def test_let_you_know_is_not_a_filler() -> None:
    assert "let you know" in quiet_fillers("I'll let you know by monday")
