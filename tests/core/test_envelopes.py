"""Envelope sizes, the card→envelope match and the layout (no Qt: a fixed-pitch measure)."""

from __future__ import annotations

import pytest

from rapport.core import cards
from rapport.core import envelopes as e


def pitch(text: str, size: float) -> float:
    """A monospaced face: every character 0.6 em wide."""
    return len(text) * size * 0.6


SENDER = ("Sam Seller", "12 Oak St", "Springfield, IL 62701")
DANA = ("Dana Whitfield", "400 Market Street", "Suite 1200", "San Francisco, CA 94105")


@pytest.mark.parametrize(
    ("key", "width", "height"),
    [
        ("a2", 414.0, 315.0),  # 5.75×4.375 in
        ("a6", 468.0, 342.0),  # 6.5×4.75 in
        ("a7", 522.0, 378.0),  # 7.25×5.25 in
        ("10", 684.0, 297.0),  # 9.5×4.125 in
        ("c6", 459.21, 323.15),  # 162×114 mm
        ("dl", 623.62, 311.81),  # 220×110 mm
    ],
)
def test_envelope_sizes_in_points_landscape(key: str, width: float, height: float) -> None:
    size = e.envelope_size(key)
    assert size.width == pytest.approx(width, abs=0.01)
    assert size.height == pytest.approx(height, abs=0.01)


def test_size_keys_are_forgiving_and_an_unknown_one_lists_the_choices() -> None:
    assert e.envelope_size("#10").key == "10"
    assert e.envelope_size(" DL ").key == "dl"
    with pytest.raises(e.EnvelopeSizeError) as raised:
        e.envelope_size("b5")
    message = str(raised.value)
    assert "'b5'" in message
    assert all(key in message for key in e.ENVELOPE_SIZES)


def test_every_card_has_an_envelope_it_fits_in() -> None:
    for key, card in cards.CARD_SIZES.items():
        envelope = e.envelope_size(e.envelope_for_card(key))
        if key == "letter":  # folded in three
            assert envelope.key == "10"
            continue
        assert card.short_side < envelope.height
        assert max(card.width, card.height) < envelope.width
    assert e.envelope_for_card("a2") == "a2"
    assert e.envelope_for_card("a6") == "c6"
    assert e.envelope_for_card("5x7") == "a7"
    assert e.envelope_for_card("nonsense") == e.DEFAULT_SIZE


@pytest.mark.parametrize("key", list(e.ENVELOPE_SIZES))
def test_return_address_top_left_and_recipient_right_of_centre_below_middle(key: str) -> None:
    size = e.envelope_size(key)
    laid = e.layout(size, e.Envelope(DANA, SENDER), pitch)
    sender, block = laid.sender, laid.recipient
    assert sender is not None
    assert sender.x < size.width * 0.1 and sender.y < size.height * 0.1
    assert sender.y + sender.height < block.y, "the two blocks never overlap"
    centre_x = block.x + block.width / 2
    centre_y = block.y + block.height / 2
    assert size.width * 0.5 < centre_x < size.width * 0.65
    assert size.height * 0.5 < centre_y < size.height * 0.7
    assert block.y + block.height <= size.height - e.BARCODE_CLEAR, "barcode strip kept clear"
    assert block.x + block.width <= size.width - e.edge_margin(size)
    assert not block.shrunk and block.font_pt == e.RECIPIENT_PT[0]


def test_a_six_line_address_keeps_every_line_inside_the_envelope() -> None:
    lines = (
        "Dana Whitfield",
        "Whitfield Logistics Ltd",
        "Unit 4, Riverside Business Park",
        "27 Long Road",
        "Little Snoring, Fakenham",
        "Norfolk NR21 0AA",
        "UNITED KINGDOM",
    )
    for size in e.ENVELOPE_SIZES.values():
        block = e.layout(size, e.Envelope(lines, SENDER), pitch).recipient
        assert block.lines == lines
        assert block.y + block.height <= size.height - e.BARCODE_CLEAR
        assert max(pitch(line, block.font_pt) for line in lines) <= block.width + 1e-6


def test_a_very_long_name_shrinks_the_block_and_is_never_cut() -> None:
    name = "Dr. Maximiliane Alexandra Konstantinopoulou-Featherstonehaugh-Worthington III"
    size = e.envelope_size("a2")
    laid = e.layout(size, e.Envelope((name, *DANA[1:]), SENDER), pitch)
    block = laid.recipient
    assert block.lines[0] == name, "the name is printed whole"
    assert block.shrunk and block.font_pt < e.RECIPIENT_PT[0]
    assert pitch(name, block.font_pt) <= block.width + 1e-6
    assert block.x + block.width <= size.width, "and inside the page"
    assert block.x >= size.width * 0.3 - 1e-6


def test_an_address_that_cannot_be_printed_readably_is_refused() -> None:
    size = e.envelope_size("a2")
    with pytest.raises(e.EnvelopeFitError, match="does not fit"):
        e.layout(size, e.Envelope(("x" * 400, "Main St"), SENDER), pitch)
    with pytest.raises(e.EnvelopeFitError, match="no one"):
        e.layout(size, e.Envelope(("", "  "), SENDER), pitch)
    with pytest.raises(e.EnvelopeFitError, match="return address"):
        e.layout(size, e.Envelope(DANA, ("y" * 300,)), pitch)


def test_no_return_address_prints_none() -> None:
    laid = e.layout(e.envelope_size("10"), e.Envelope(DANA), pitch)
    assert laid.sender is None


def test_recipient_lines_put_the_name_first_and_drop_blanks() -> None:
    assert e.recipient_lines(" Bob & Alice Smith ", ("1 Elm St", "", "Austin, TX 78701")) == (
        "Bob & Alice Smith",
        "1 Elm St",
        "Austin, TX 78701",
    )
