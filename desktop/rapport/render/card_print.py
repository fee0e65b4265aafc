"""Putting a note on a card: fitting the text, the PDF, the printer and the preview.

One paint function draws a card on any paint device (a PDF writer, a printer, an image
for the on-screen preview), so what the user previews is what prints. Geometry comes
from ``core.cards``: the PDF page is exactly the card (A2 = 306×396 pt); a folded card
is printed on its open sheet with the note on the inside right panel.

The text is fitted: the largest size (up to ~16 pt) at which the whole note fits in the
text area. The handwriting option is Dancing Script (SIL Open Font License, shipped in
``resources/fonts`` with its licence); "Serif" is the system's serif. Ligatures are turned
off so that the PDF's text stays searchable and copyable letter for letter.

Qt's printing needs a QGuiApplication even without a window: ``ensure_gui_app()`` makes an
offscreen one for the command line (``rapport note --pdf``).
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
)

from rapport import resources
from rapport.core.cards import CardLayout, layout

FONT_CHOICES = {
    "handwriting": "Handwriting (Dancing Script)",
    "serif": "Serif (system)",
    "sans": "Sans serif (system)",
}
DEFAULT_FONT = "handwriting"
HANDWRITING_FILE = "DancingScript-Regular.otf"
PDF_DPI = 1200
HANDWRITING_SCALE = 1.4
_FLAGS = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)


def ensure_gui_app() -> QGuiApplication:
    """The running application, or an offscreen one for printing from the command line."""
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    return app


@cache
def handwriting_family() -> str | None:
    """Load the shipped handwriting font once; None if it is missing or unreadable."""
    font_file = resources.path("fonts", HANDWRITING_FILE)
    if not font_file.is_file():
        return None
    font_id = QFontDatabase.addApplicationFontFromData(font_file.read_bytes())
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def base_font(choice: str) -> QFont:
    """The font of a choice at no particular size (falls back to serif)."""
    if choice == "handwriting":
        family = handwriting_family()
        if family:
            font = QFont(family)
            for tag in ("liga", "clig", "calt", "dlig"):
                font.setFeature(QFont.Tag(tag), 0)
            return font
    font = QFont("Sans Serif" if choice == "sans" else "Serif")
    font.setStyleHint(QFont.StyleHint.SansSerif if choice == "sans" else QFont.StyleHint.Serif)
    return font


@dataclass(frozen=True, slots=True)
class Fitted:
    font: QFont
    point_size: float
    text_rect: QRectF  # device pixels
    overflow: bool  # even the smallest size does not fit


def _px(value: float, device: QPaintDevice) -> float:
    return value * device.logicalDpiX() / 72.0


def _text_rect(card: CardLayout, device: QPaintDevice) -> QRectF:
    t = card.text
    return QRectF(_px(t.x, device), _px(t.y, device), _px(t.width, device), _px(t.height, device))


def fit_text(text: str, card: CardLayout, choice: str, device: QPaintDevice) -> Fitted:
    """The largest font size at which ``text`` fits the card's text area."""
    rect = _text_rect(card, device)
    font = base_font(choice)

    def height_at(size: float) -> float:
        font.setPointSizeF(size)
        metrics = QFontMetricsF(font, device)
        bound = metrics.boundingRect(QRectF(0, 0, rect.width(), 1e7), _FLAGS, text)
        return bound.height() if bound.width() <= rect.width() + 0.5 else float("inf")

    # Script faces are small for their point size: allow them proportionally more.
    scale = HANDWRITING_SCALE if choice == "handwriting" and handwriting_family() else 1.0
    low, high = card.min_font_pt * scale, card.max_font_pt * scale
    if height_at(high) <= rect.height():
        best = high
    else:
        best = low
        for _ in range(14):
            middle = (low + high) / 2
            if height_at(middle) <= rect.height():
                best = low = middle
            else:
                high = middle
    best = math.floor(best * 4) / 4  # quarter points, rounded down: still fits
    overflow = height_at(best) > rect.height()
    font.setPointSizeF(best)
    return Fitted(QFont(font), best, rect, overflow)


def paint_card(
    painter: QPainter,
    text: str,
    card: CardLayout,
    choice: str = DEFAULT_FONT,
    preview: bool = False,
) -> Fitted:
    """Draw the note on the page the painter is on (page origin at the top left)."""
    device = painter.device()
    assert device is not None
    if preview:
        page = QRectF(0, 0, _px(card.page_width, device), _px(card.page_height, device))
        painter.fillRect(page, QColor("white"))
        pen = QPen(QColor("#b8b8b8"))
        pen.setWidthF(max(1.0, _px(0.5, device)))
        painter.setPen(pen)
        painter.drawRect(page.adjusted(0, 0, -1, -1))
        if card.fold_x is not None:
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            x = _px(card.fold_x, device)
            painter.drawLine(int(x), 0, int(x), int(page.height()))
    fitted = fit_text(text, card, choice, device)
    painter.setFont(fitted.font)
    painter.setPen(QColor("#1a1a40"))  # a dark blue-black, like ink
    rect = fitted.text_rect
    bound = QFontMetricsF(fitted.font, device).boundingRect(
        QRectF(0, 0, rect.width(), 1e7), _FLAGS, text
    )
    top = rect.top()
    if card.size.key != "letter" and bound.height() < rect.height():
        top += (rect.height() - bound.height()) / 2  # a card reads best centred
    painter.drawText(QRectF(rect.left(), top, rect.width(), rect.height()), _FLAGS, text)
    return fitted


def page_size(card: CardLayout) -> QPageSize:
    name = f"{card.size.label}{' folded' if card.folded else ''}"
    return QPageSize(
        QSizeF(card.page_width, card.page_height),
        QPageSize.Unit.Point,
        name,
        QPageSize.SizeMatchPolicy.ExactMatch,
    )


def page_layout(card: CardLayout) -> QPageLayout:
    return QPageLayout(
        page_size(card),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Point,
    )


class PdfFolderError(OSError):
    """The PDF's folder does not exist (said in one line, not a traceback)."""


def export_pdf(
    path: str | os.PathLike[str],
    text: str,
    size: str,
    folded: bool = False,
    choice: str = DEFAULT_FONT,
    title: str = "Note",
) -> Fitted:
    """Write the card as a one-page PDF whose page is exactly the card."""
    target = Path(path)
    if not target.parent.is_dir():
        raise PdfFolderError(f"the folder {target.parent} does not exist")
    ensure_gui_app()
    card = layout(size, folded)
    writer = QPdfWriter(str(target))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(card))
    writer.setTitle(title)
    writer.setCreator("Rapport")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {target}")
    try:
        fitted = paint_card(painter, text, card, choice)
    finally:
        painter.end()
    return fitted


def preview_image(
    text: str, card: CardLayout, choice: str, width_px: int, height_px: int
) -> QImage:
    """The card drawn to fit in ``width_px``×``height_px`` (for the on-screen preview)."""
    image = preview_canvas(card.page_width, card.page_height, width_px, height_px)
    painter = preview_painter(image)
    try:
        paint_card(painter, text, card, choice, preview=True)
    finally:
        painter.end()
    return image


def preview_canvas(width_pt: float, height_pt: float, width_px: int, height_px: int) -> QImage:
    """A transparent image of a ``width_pt``×``height_pt`` page scaled to fit the pixels
    given, whose resolution says the scale (so points paint at their place)."""
    scale = max(0.2, min(width_px / width_pt, height_px / height_pt))
    image = QImage(
        max(1, int(width_pt * scale)),
        max(1, int(height_pt * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    dots_per_meter = round(72 * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(Qt.GlobalColor.transparent)
    return image


def preview_painter(image: QImage) -> QPainter:
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return painter


def print_card(printer: QPaintDevice, text: str, card: CardLayout, choice: str) -> Fitted:
    """Paint the card on a QPrinter (set up with ``prepare_printer``): print or preview."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not start the page")
    try:
        return paint_card(painter, text, card, choice)
    finally:
        painter.end()


def prepare_printer(printer: object, card: CardLayout) -> None:
    """Card-sized page, no margins: the card's own margins are in the layout."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(card))
    printer.setDocName("Rapport note")
