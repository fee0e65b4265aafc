"""core/control_chars.py: the one rule for control characters in text entering the book."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rapport.core.control_chars import clean, clean_list, clean_value, has_controls

CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]
CONTROLS.remove("\r")  # made a line break, not removed


def test_line_breaks_become_one_line_feed_and_tabs_stay() -> None:
    assert clean("a\r\nb\rc\nd\te") == "a\nb\nc\nd\te"


def test_escape_sequences_and_c1_controls_are_removed() -> None:
    assert clean("\x1b[31mred\x1b[0m \x07bell\x08 \x85next \x9bcsi \x7fdel") == (
        "[31mred[0m bell next csi del"
    )
    assert all(clean(f"a{char}b") == "ab" for char in CONTROLS)


def test_clean_text_is_returned_as_it_is() -> None:
    text = "Réunion avec Carmen\tVidal\n日本語 🎉"
    assert clean(text) is text
    assert not has_controls(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF)))
def test_cleaned_text_has_no_controls_and_cleaning_it_again_changes_nothing(text: str) -> None:
    once = clean(text)
    assert not any(char in once for char in [*CONTROLS, "\r"])
    assert clean(once) == once
    assert has_controls(text) == (once != text)
    # Only controls go: the printable characters stay, in order.
    printable = [c for c in text.replace("\r\n", "\n").replace("\r", "\n") if c not in CONTROLS]
    assert once == "".join(printable)


def test_lists_and_json_values_are_cleaned_throughout_other_values_kept() -> None:
    assert clean_list(["a\x00b", 3, None]) == ["ab", 3, None]
    value = {"na\x1bme": ["x\x07", {"k": "v\r\n"}], "n": 1.5, "ok": True, "none": None}
    assert clean_value(value) == {"name": ["x", {"k": "v\n"}], "n": 1.5, "ok": True, "none": None}
