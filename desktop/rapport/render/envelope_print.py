"""Putting an address on an envelope: the PDF, the printer, the preview, N in one job.

Self-contained like ``card_print`` (Qt's painting only, no widgets), so the command line
can print envelopes too. Geometry comes from ``core.envelopes``: the page is exactly the
envelope, landscape (an A2 envelope is 414×315 pt), with the return address top left and
the recipient's block right of the centre and below the middle, set smaller when it is
long rather than clipped.

Every envelope of a job is laid out before the first is painted, so an address that
cannot fit stops the job with its message and nothing half printed. The pieces:

- ``render_envelopes(device, envelopes, size)``: N envelopes on a PDF writer or printer,
  one page each (what ``export_pdf`` and the print preview use);
- ``start_page`` and ``paint_envelope``: for a job that mixes pages (cards interleaved
  with their envelopes), set each page's layout and paint one envelope on it;
- ``print_card_and_envelope``: the composer's one job, the card first.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
)

from rapport.core import envelopes as core
from rapport.core.cards import CardLayout
from rapport.render.card_print import (
    PDF_DPI,
    PdfFolderError,
    ensure_gui_app,
    paint_card,
    preview_canvas,
    preview_painter,
)
from rapport.render.card_print import page_layout as card_page

INK = "#1a1a1a"


def envelope_font() -> QFont:
    """A plain sans serif, as post offices ask for; ligatures off so the PDF's text is
    copyable letter for letter."""
    font = QFont("Sans Serif")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    for tag in ("liga", "clig", "calt", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _dpi(device: QPaintDevice) -> float:
    return float(device.logicalDpiX())


def measure_on(device: QPaintDevice) -> core.Measure:
    """Text widths in points as they will be drawn on ``device``."""
    font = envelope_font()
    dpi = _dpi(device)

    def measure(text: str, point_size: float) -> float:
        font.setPointSizeF(point_size)
        metrics = QFontMetricsF(font, device)
        width = max(metrics.horizontalAdvance(text), metrics.boundingRect(text).width())
        return width * 72.0 / dpi * 1.01  # a hair of slack for rounding at print time

    return measure


def layout_on(
    device: QPaintDevice, envelope: core.Envelope, size: core.EnvelopeSize
) -> core.EnvelopeLayout:
    return core.layout(size, envelope, measure_on(device))


def page_size(size: core.EnvelopeSize) -> QPageSize:
    # Given short side first and turned landscape, as printers feed envelopes.
    return QPageSize(
        QSizeF(size.height, size.width),
        QPageSize.Unit.Point,
        size.label,
        QPageSize.SizeMatchPolicy.ExactMatch,
    )


def page_layout(size: core.EnvelopeSize) -> QPageLayout:
    """The envelope's page: exactly its size, landscape, no margins."""
    return QPageLayout(
        page_size(size),
        QPageLayout.Orientation.Landscape,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Point,
    )


def start_page(device: QPagedPaintDevice, layout: QPageLayout, first: bool) -> None:
    """Make the next page of a job ``layout`` (a new page unless it is the first)."""
    device.setPageLayout(layout)
    if not first and not device.newPage():
        raise OSError("the printer could not start the next page")


def _draw_block(painter: QPainter, block: core.TextBlock, scale: float) -> None:
    font = envelope_font()
    font.setPointSizeF(block.font_pt)
    painter.setFont(font)
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignAbsolute)
    flags |= int(Qt.AlignmentFlag.AlignVCenter) | int(Qt.TextFlag.TextSingleLine)
    for row, line in enumerate(block.lines):
        top = block.y + row * block.line_height
        # The rectangle is wider than the line: measured widths have slack, never clipped.
        rect = QRectF(
            block.x * scale, top * scale, (block.width + 36) * scale, block.line_height * scale
        )
        painter.drawText(rect, flags, line)


def paint_envelope(painter: QPainter, layout: core.EnvelopeLayout, preview: bool = False) -> None:
    """Draw one laid-out envelope on the page the painter is on (origin top left)."""
    device = painter.device()
    assert device is not None
    scale = _dpi(device) / 72.0
    if preview:
        page = QRectF(0, 0, layout.size.width * scale, layout.size.height * scale)
        painter.fillRect(page, QColor("white"))
        pen = QPen(QColor("#b8b8b8"))
        pen.setWidthF(max(1.0, 0.5 * scale))
        painter.setPen(pen)
        painter.drawRect(page.adjusted(0, 0, -1, -1))
        # Where the stamp goes, dashed, so the preview reads as an envelope.
        stamp = 0.9 * 72 * scale
        margin = core.edge_margin(layout.size) * scale
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRect(QRectF(page.width() - margin - stamp, margin, stamp, stamp * 1.15))
    painter.setPen(QColor(INK))
    if layout.sender is not None:
        _draw_block(painter, layout.sender, scale)
    _draw_block(painter, layout.recipient, scale)


def render_envelopes(
    device: QPagedPaintDevice,
    envelopes: Sequence[core.Envelope],
    size_key: str,
    painter: QPainter | None = None,
    first: bool = True,
) -> list[core.EnvelopeLayout]:
    """Paint each envelope on its own page of ``device`` (a QPdfWriter or a QPrinter).

    All are laid out first: a size or an address that does not fit raises
    (EnvelopeSizeError, EnvelopeFitError) before anything is painted. With ``painter``
    (already active on ``device``) the pages are added to that job, after its current page
    unless ``first``; without, a painter is begun and ended here.
    """
    size = core.envelope_size(size_key)
    layout = page_layout(size)
    device.setPageLayout(layout)  # measure on the page the text will be drawn on
    layouts = [layout_on(device, envelope, size) for envelope in envelopes]
    own = painter is None
    if painter is None:
        painter = QPainter()
        if not painter.begin(device):
            raise OSError("cannot start the envelope's page")
    try:
        for index, laid in enumerate(layouts):
            if index or not first:
                start_page(device, layout, first=False)
            paint_envelope(painter, laid)
    finally:
        if own:
            painter.end()
    return layouts


def export_pdf(
    path: str | os.PathLike[str],
    envelopes: Sequence[core.Envelope],
    size_key: str,
    title: str = "Envelope",
) -> list[core.EnvelopeLayout]:
    """Write the envelopes as a PDF, one envelope-sized page each."""
    target = Path(path)
    if not target.parent.is_dir():
        raise PdfFolderError(f"the folder {target.parent} does not exist")
    ensure_gui_app()
    for envelope in envelopes:  # an unknown size or an address that cannot fit: no file
        check_fits(envelope, size_key)
    writer = QPdfWriter(str(target))
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator("Rapport")
    return render_envelopes(writer, envelopes, size_key)


def prepare_printer(printer: object, size_key: str) -> None:
    """Envelope-sized landscape page, no printer margins (the layout has its own)."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(core.envelope_size(size_key)))
    printer.setDocName("Rapport envelope")


def print_card_and_envelope(
    printer: QPagedPaintDevice,
    text: str,
    card: CardLayout,
    font_choice: str,
    envelope: core.Envelope,
    size_key: str,
) -> core.EnvelopeLayout:
    """One job: the card on its page first, then the envelope on its own page."""
    size = core.envelope_size(size_key)
    printer.setPageLayout(page_layout(size))
    laid = layout_on(printer, envelope, size)  # an address that cannot fit stops it here
    printer.setPageLayout(card_page(card))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not start the page")
    try:
        paint_card(painter, text, card, font_choice)
        start_page(printer, page_layout(size), first=False)
        paint_envelope(painter, laid)
    finally:
        painter.end()
    return laid


def check_fits(envelope: core.Envelope, size_key: str) -> core.EnvelopeLayout:
    """The envelope laid out as it will print (EnvelopeSizeError, EnvelopeFitError), to
    refuse a job before a print dialog opens."""
    return layout_on(_reference_device(), envelope, core.envelope_size(size_key))


def preview_image(
    envelope: core.Envelope, size_key: str, width_px: int, height_px: int
) -> tuple[QImage, core.EnvelopeLayout]:
    """The envelope drawn to fit in ``width_px``×``height_px`` (the on-screen preview)."""
    size = core.envelope_size(size_key)
    image = preview_canvas(size.width, size.height, width_px, height_px)
    # Laid out at print resolution so the preview shows the size the PDF will have.
    laid = layout_on(_reference_device(), envelope, size)
    painter = preview_painter(image)
    try:
        paint_envelope(painter, laid, preview=True)
    finally:
        painter.end()
    return image, laid


_REFERENCE: list[QImage] = []


def _reference_device() -> QImage:
    """A 1200 dpi paint device to measure text as the PDF writer will."""
    if not _REFERENCE:
        image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
        dots_per_meter = round(PDF_DPI / 0.0254)
        image.setDotsPerMeterX(dots_per_meter)
        image.setDotsPerMeterY(dots_per_meter)
        _REFERENCE.append(image)
    return _REFERENCE[0]
