"""Card stock: the sizes a note prints on, and where the text goes on each.

Sizes are in PostScript points (1/72 in), the unit a PDF page is measured in, so an
exported A2 card is exactly 306×396 pt and prints edge to edge on A2 stock.

*Flat* cards (postcards, correspondence cards, a letter) carry the note on the one side
that is printed: the page is the card.

*Folded* cards are printed on the open sheet before folding (that is how blank folded
card stock goes through a printer): the page is twice the card's width, the fold runs
down the middle, the front and the inside left panel stay blank and the note goes on
the inside right panel, away from the fold. Letter is a sheet of paper, not card stock,
so it is flat only.
"""

from __future__ import annotations

from dataclasses import dataclass

POINTS_PER_INCH = 72.0
POINTS_PER_MM = 72.0 / 25.4


@dataclass(frozen=True, slots=True)
class CardSize:
    key: str
    label: str
    width: float  # points, the card as you hold it (one panel when folded)
    height: float
    foldable: bool = True

    @property
    def short_side(self) -> float:
        return min(self.width, self.height)


def _inches(key: str, label: str, w: float, h: float, foldable: bool = True) -> CardSize:
    return CardSize(key, label, w * POINTS_PER_INCH, h * POINTS_PER_INCH, foldable)


def _mm(key: str, label: str, w: float, h: float) -> CardSize:
    return CardSize(key, label, w * POINTS_PER_MM, h * POINTS_PER_MM)


CARD_SIZES: dict[str, CardSize] = {
    size.key: size
    for size in (
        _inches("a2", "A2 card, 4.25×5.5 in", 4.25, 5.5),
        _mm("a6", "A6 card, 105×148 mm", 105, 148),
        _inches("4x6", "4×6 in postcard", 4, 6),
        _inches("5x7", "5×7 in card", 5, 7),
        _inches("letter", "Letter sheet, 8.5×11 in", 8.5, 11, foldable=False),
    )
}
DEFAULT_SIZE = "a2"
# What a note is written for (core/notes.py has a template for each); here, with the card
# sizes, so that the command line can list both without loading the note composer.
OCCASIONS = ("after_meeting", "referral_thanks", "gift_thanks", "congratulations", "belated")


class CardSizeError(ValueError):
    """A card size that does not exist, or a fold that a size cannot take."""


def card_size(key: str) -> CardSize:
    size = CARD_SIZES.get((key or "").strip().lower())
    if size is None:
        raise CardSizeError(f"unknown card size {key!r} (sizes: {size_list()})")
    return size


def size_list() -> str:
    """'a2 (A2 card, 4.25×5.5 in), a6 (...)': for messages that list the choices."""
    return ", ".join(f"{s.key} ({s.label})" for s in CARD_SIZES.values())


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class CardLayout:
    """Where everything goes on the printed page, in points from the top-left corner."""

    size: CardSize
    folded: bool
    page_width: float
    page_height: float
    text: Rect  # the area the note is fitted into
    fold_x: float | None  # the fold line on a folded sheet
    max_font_pt: float
    min_font_pt: float


def margin_for(size: CardSize) -> float:
    """Margins that suit the card: 9% of its short side, between 1/4 in and 1 in."""
    return max(18.0, min(72.0, round(size.short_side * 0.09, 1)))


def layout(key: str, folded: bool = False) -> CardLayout:
    size = card_size(key)
    if folded and not size.foldable:
        raise CardSizeError(f"{size.label} is a flat sheet; it cannot be printed folded")
    margin = margin_for(size)
    # Handwriting at more than ~16 pt looks shouted on a small card; a letter takes 14 pt.
    max_font = 14.0 if size.key == "letter" else 16.0
    if folded:
        gutter = margin * 0.5  # keep the text clear of the fold's crease
        text = Rect(
            size.width + margin + gutter,
            margin,
            size.width - 2 * margin - gutter,
            size.height - 2 * margin,
        )
        return CardLayout(size, True, size.width * 2, size.height, text, size.width, max_font, 6.0)
    text = Rect(margin, margin, size.width - 2 * margin, size.height - 2 * margin)
    return CardLayout(size, False, size.width, size.height, text, None, max_font, 6.0)
