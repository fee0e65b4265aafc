"""A season's cards as one print job or PDF: N cards, optionally each followed by its
envelope.

Self-contained like ``card_print`` and ``envelope_print`` (Qt painting only, no widgets),
so the command line prints the same pages as the window. Every envelope is laid out
before the first page is painted: an address that cannot fit stops the job with its
message and nothing half printed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPainter, QPdfWriter

from rapport.core import envelopes as env
from rapport.core.cards import layout
from rapport.render import envelope_print
from rapport.render.card_print import (
    DEFAULT_FONT,
    PDF_DPI,
    PdfFolderError,
    ensure_gui_app,
    page_layout,
    paint_card,
)


@dataclass(frozen=True, slots=True)
class BatchPage:
    """One card of the batch: its text, and its envelope when envelopes are printed."""

    text: str
    envelope: env.Envelope | None = None


@dataclass(frozen=True, slots=True)
class BatchResult:
    cards: int
    envelopes: int
    overflowing: tuple[int, ...]  # the cards (by index) whose text is set at the minimum


def render_batch(
    device: QPagedPaintDevice,
    pages: Sequence[BatchPage],
    card_size: str,
    folded: bool = False,
    font: str = DEFAULT_FONT,
    envelope_size: str = "",
) -> BatchResult:
    """Paint the batch on a PDF writer or a printer: each card, then its envelope."""
    if not pages:
        raise ValueError("no cards to print")
    card = layout(card_size, folded)
    size = env.envelope_size(envelope_size or env.envelope_for_card(card_size))
    envelope_page = envelope_print.page_layout(size)
    device.setPageLayout(envelope_page)  # measure addresses on the page they print on
    laid = [
        envelope_print.layout_on(device, page.envelope, size) if page.envelope else None
        for page in pages
    ]
    card_page = page_layout(card)
    device.setPageLayout(card_page)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer could not start the first page")
    overflowing: list[int] = []
    try:
        for index, page in enumerate(pages):
            if index:
                envelope_print.start_page(device, card_page, first=False)
            if paint_card(painter, page.text, card, font).overflow:
                overflowing.append(index)
            envelope = laid[index]
            if envelope is not None:
                envelope_print.start_page(device, envelope_page, first=False)
                envelope_print.paint_envelope(painter, envelope)
    finally:
        painter.end()
    return BatchResult(len(pages), sum(1 for x in laid if x), tuple(overflowing))


def export_pdf(
    path: str | os.PathLike[str],
    pages: Sequence[BatchPage],
    card_size: str,
    folded: bool = False,
    font: str = DEFAULT_FONT,
    envelope_size: str = "",
    title: str = "Cards",
) -> BatchResult:
    target = Path(path)
    if not target.parent.is_dir():
        raise PdfFolderError(f"the folder {target.parent} does not exist")
    ensure_gui_app()
    writer = QPdfWriter(str(target))
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator("Rapport")
    return render_batch(writer, pages, card_size, folded, font, envelope_size)
