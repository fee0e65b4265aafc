"""Envelopes: their sizes, the envelope that fits each card, and where the text goes.

Sizes are in PostScript points (1/72 in), landscape as an envelope is addressed: an A2
envelope is 414×315 pt (5.75×4.375 in), and its PDF page is exactly that.

The layout follows the postal conventions the US, Canada, the UK and Europe share:
the return address in the top-left corner, small; the recipient's block a little right
of the centre and a little below the middle, left-aligned, clear of the bottom 5/8 in
(where sorting machines print their barcode) and of the stamp's corner. Text is never
clipped: a block that does not fit at its usual size is set smaller, uniformly (a long
name shrinks the whole block, so the lines stay aligned and read as one address), down
to a floor below which the envelope is refused with a message rather than printed
unreadable.

Measuring text needs a font, which is Qt's business: the layout takes a ``measure``
function (text, point size) -> width in points, so it stays free of Qt and testable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapport.core.cards import POINTS_PER_INCH, POINTS_PER_MM

Measure = Callable[[str, float], float]  # (text, point size) -> width in points


@dataclass(frozen=True, slots=True)
class EnvelopeSize:
    key: str
    label: str
    width: float  # points, landscape: the long side
    height: float


def _inches(key: str, label: str, w: float, h: float) -> EnvelopeSize:
    return EnvelopeSize(key, label, w * POINTS_PER_INCH, h * POINTS_PER_INCH)


def _mm(key: str, label: str, w: float, h: float) -> EnvelopeSize:
    return EnvelopeSize(key, label, w * POINTS_PER_MM, h * POINTS_PER_MM)


ENVELOPE_SIZES: dict[str, EnvelopeSize] = {
    size.key: size
    for size in (
        _inches("a2", "A2 envelope, 5.75×4.375 in", 5.75, 4.375),
        _inches("a6", "A6 envelope, 6.5×4.75 in", 6.5, 4.75),
        _inches("a7", "A7 envelope, 7.25×5.25 in", 7.25, 5.25),
        _inches("10", "#10 envelope, 9.5×4.125 in", 9.5, 4.125),
        _mm("c6", "C6 envelope, 162×114 mm", 162, 114),
        _mm("dl", "DL envelope, 220×110 mm", 220, 110),
    )
}
# The envelope each card size goes in (core/cards.py's keys): an A2 card in an A2
# envelope, an A6 card (105×148 mm) in C6, a 4×6 postcard in A6, a 5×7 card in A7, a
# letter folded in three in a #10. A folded card is the size of one panel, so the same.
CARD_ENVELOPES = {"a2": "a2", "a6": "c6", "4x6": "a6", "5x7": "a7", "letter": "10"}
DEFAULT_SIZE = "a2"


class EnvelopeSizeError(ValueError):
    """An envelope size that does not exist."""


class EnvelopeFitError(ValueError):
    """An address that cannot be printed readably on the envelope, even set small."""


def envelope_size(key: str) -> EnvelopeSize:
    """The size for a key: a2, a6, a7, 10 (or #10), c6, dl, in any case."""
    wanted = (key or "").strip().lower().removeprefix("#").removeprefix("no")
    size = ENVELOPE_SIZES.get(wanted.strip())
    if size is None:
        raise EnvelopeSizeError(f"unknown envelope size {key!r} (sizes: {size_list()})")
    return size


def size_list() -> str:
    """'a2 (A2 envelope, 5.75×4.375 in), a6 (...)': for messages that list the choices."""
    return ", ".join(f"{s.key} ({s.label})" for s in ENVELOPE_SIZES.values())


def envelope_for_card(card_key: str) -> str:
    """The envelope a card goes in; the default envelope for an unknown card."""
    return CARD_ENVELOPES.get((card_key or "").strip().lower(), DEFAULT_SIZE)


@dataclass(frozen=True, slots=True)
class Envelope:
    """What goes on one envelope: the lines as printed, top to bottom."""

    recipient: tuple[str, ...]
    sender: tuple[str, ...] = ()  # the return address; empty prints none


def recipient_lines(name: str, block: Sequence[str]) -> tuple[str, ...]:
    """The name line (or the household's) over the address block, blank lines dropped."""
    lines = [name.strip(), *(line.strip() for line in block)]
    return tuple(line for line in lines if line)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Lines set at one size, from (x, y) = the top-left of the first line, in points."""

    lines: tuple[str, ...]
    x: float
    y: float
    width: float  # of the widest line at this size
    font_pt: float
    line_height: float
    shrunk: bool  # set smaller than the block's usual size to fit

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)


@dataclass(frozen=True, slots=True)
class EnvelopeLayout:
    size: EnvelopeSize
    recipient: TextBlock
    sender: TextBlock | None


LINE_SPACING = 1.25  # line height as a multiple of the point size
RECIPIENT_PT = (12.0, 5.0)  # usual size, the floor
SENDER_PT = (8.5, 4.5)
BARCODE_CLEAR = 0.625 * POINTS_PER_INCH  # the bottom strip kept free for the postal barcode


def edge_margin(size: EnvelopeSize) -> float:
    """The margin from the edges: 6% of the short side, between 1/4 in and 1/2 in."""
    return max(18.0, min(36.0, round(size.height * 0.06, 1)))


def _fit(
    lines: Sequence[str], measure: Measure, width: float, height: float, usual: float, floor: float
) -> tuple[float, float]:
    """(point size, widest line at it): the largest size up to ``usual`` at which every line
    fits ``width`` and all of them ``height``; (0, 0) when not even ``floor`` fits."""
    at_ten = max((measure(line, 10.0) for line in lines), default=0.0)
    by_width = width / at_ten * 10.0 if at_ten > 0 else usual
    by_height = height / (LINE_SPACING * max(1, len(lines)))
    size = min(usual, by_width, by_height)
    size = int(size * 4) / 4  # quarter points, rounded down: still fits
    # Text width is not exactly linear in the size (hinting): step down until it fits.
    while size >= floor and max((measure(line, size) for line in lines), default=0.0) > width:
        size -= 0.25
    if size < floor:
        return 0.0, 0.0
    return size, max((measure(line, size) for line in lines), default=0.0)


def layout(size: EnvelopeSize, envelope: Envelope, measure: Measure) -> EnvelopeLayout:
    """Where the return address and the recipient go (raises EnvelopeFitError)."""
    recipient = tuple(line for line in envelope.recipient if line.strip())
    if not recipient:
        raise EnvelopeFitError("the envelope has no one to send it to")
    width, height = size.width, size.height
    margin = edge_margin(size)

    sender_block = None
    sender = tuple(line for line in envelope.sender if line.strip())
    if sender:
        # The top-left corner: up to 45% of the width and a third of the height.
        box_w, box_h = width * 0.45 - margin, height * 0.36 - margin
        pt, widest = _fit(sender, measure, box_w, box_h, *SENDER_PT)
        if pt == 0:
            raise EnvelopeFitError(
                "the return address is too long for this envelope: shorten it in Preferences"
            )
        sender_block = TextBlock(
            sender, margin, margin, widest, pt, pt * LINE_SPACING, pt < SENDER_PT[0]
        )

    # The recipient's area: below the return address, clear of the barcode strip and the
    # right edge; it may reach left to 30% of the width for a long line.
    top = height * 0.38
    if sender_block is not None:
        top = max(top, sender_block.y + sender_block.height + margin * 0.5)
    bottom = height - max(BARCODE_CLEAR, margin)
    left, right = width * 0.30, width - margin * 1.5
    pt, widest = _fit(recipient, measure, right - left, bottom - top, *RECIPIENT_PT)
    if pt == 0:
        longest = max(recipient, key=len)
        raise EnvelopeFitError(
            f"the address does not fit on this envelope ({len(recipient)} lines, the longest "
            f"{longest[:40]!r}): pick a larger envelope or shorten it"
        )
    block_h = pt * LINE_SPACING * len(recipient)
    # Its centre a little right of the middle and a little below it, kept inside the area.
    x = min(max(width * 0.56 - widest / 2, left), right - widest)
    y = min(max(height * 0.60 - block_h / 2, top), bottom - block_h)
    block = TextBlock(recipient, x, y, widest, pt, pt * LINE_SPACING, pt < RECIPIENT_PT[0])
    return EnvelopeLayout(size, block, sender_block)
