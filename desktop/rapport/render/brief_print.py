"""The brief on one printed page: Letter or A4 by locale, shrunk to fit, never two pages.

Used by the window (File > Print brief…, Export brief as PDF…) and by
``rapport brief CLIENT --pdf FILE``. Only QtGui is needed (QTextDocument, QPdfWriter),
so the command line runs it on the offscreen platform without any widget.

Fitting: the brief is laid out in two columns at 10 pt; while it is taller than the
page, the font shrinks to 8.5 pt, then the longest list is shortened ("and 40 more"),
again and again, so that a client with eighty facts loses facts before anyone loses
their people or last conversation; then 7.5 pt. Only a brief that still does not fit
(one enormous note) is cut at the page's end. Everything is drawn on a single page, so
a PDF never has a second one. The footer ("Brief of ... — date") sits at the page's bottom,
whatever the length of the brief; the text is fitted in the room above it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from rapport.core.brief import Brief
from rapport.render.brief_html import PRINT_COLORS, Limits, footer_text, render

# Where paper is Letter rather than A4 (the Americas that follow US sizes, and the
# Philippines); Qt's measurement system alone says "metric" for Canada and Mexico.
LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Venezuela,
    QLocale.Country.CostaRica,
    QLocale.Country.Guatemala,
    QLocale.Country.ElSalvador,
    QLocale.Country.Panama,
    QLocale.Country.DominicanRepublic,
    QLocale.Country.PuertoRico,
}
PAPERS = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
MARGIN_MM = 14.0
# Font sizes tried with every list whole, then the size at which lists are shortened.
SIZES = (10.0, 9.5, 9.0, 8.5)
TRIM_SIZE = 8.5
LAST_SIZE = 7.5
# Lists the fitter may shorten, with how many lines one item takes on the page.
TRIMMABLE = {
    "facts": 2.0,
    "people": 1.0,
    "conversations": 1.5,
    "key_points": 1.0,
    "promises": 1.0,
    "tasks": 1.0,
    "waiting": 1.0,
    "dates": 1.0,
    "gifts": 1.0,
    "introductions": 2.0,
}
# A list's indent (bullet and its gap), in ems of the page's font: Qt's default of 40
# pixels per level, scaled to the printer, took a fifth of a column.
LIST_INDENT_EM = 1.25
FOOTER_GAP_MM = 3.0

_app: QGuiApplication | None = None


def ensure_gui_app() -> None:
    """A QGuiApplication for fonts and PDF writing (the command line has none)."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication(["rapport"])


def paper_for_locale(locale: QLocale | None = None) -> str:
    """ "letter" or "a4" for the user's locale."""
    locale = locale or QLocale()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return "letter"
    return "letter" if locale.territory() in LETTER_TERRITORIES else "a4"


def page_layout(paper: str) -> QPageLayout:
    return QPageLayout(
        QPageSize(PAPERS[paper]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


@dataclass
class Fitted:
    document: QTextDocument
    point_size: float
    limits: Limits
    cut: bool  # True only when even the smallest step did not fit
    footer: QTextDocument | None = None  # drawn at the page's bottom


def fit(brief: Brief, device: QPagedPaintDevice) -> Fitted:
    """The brief laid out for ``device``'s page, as large as still fits on it."""
    area = device.pageLayout().paintRectPixels(device.logicalDpiX())
    footer = _footer(brief, device, area.width())
    gap = FOOTER_GAP_MM / 25.4 * device.logicalDpiY()
    room = area.height() - footer.size().height() - gap

    def attempt(size: float, limits: Limits) -> Fitted | None:
        document = _document(brief, device, size, limits, area.width())
        if document.size().height() <= room:
            return Fitted(document, size, limits, cut=False, footer=footer)
        return None

    limits = _whole(brief)
    for size in SIZES:
        if found := attempt(size, limits):
            return found
    while (shorter := _shorten(brief, limits)) is not None:
        limits = shorter
        if found := attempt(TRIM_SIZE, limits):
            return found
    if found := attempt(LAST_SIZE, limits):
        return found
    limits = replace(limits, chars=80)
    return attempt(LAST_SIZE, limits) or Fitted(
        _document(brief, device, LAST_SIZE, limits, area.width()),
        LAST_SIZE,
        limits,
        cut=True,
        footer=footer,
    )


def _lengths(brief: Brief) -> dict[str, int]:
    return {
        "facts": len(brief.facts),
        "people": len(brief.people),
        "conversations": len(brief.interactions),
        "key_points": max((len(i.key_points) for i in brief.interactions), default=0),
        "promises": len(brief.promises),
        "tasks": len(brief.open_tasks),
        "waiting": len(brief.awaiting_reply),
        "dates": len(brief.upcoming),
        "gifts": len(brief.gifts_given),
        "introductions": len(brief.introductions),
    }


def _whole(brief: Brief) -> Limits:
    """Limits that show every item of this brief."""
    lengths = _lengths(brief)
    return replace(Limits(), **{name: max(count, 1) for name, count in lengths.items()})


def _shorten(brief: Brief, limits: Limits) -> Limits | None:
    """``limits`` with the list that takes most room cut by a third; None when every list
    is down to its last item (two for facts)."""
    lengths = _lengths(brief)
    room = {}
    for name, lines in TRIMMABLE.items():
        shown = min(getattr(limits, name), lengths[name])
        floor = 2 if name == "facts" else 1
        if shown > floor:
            room[name] = shown * lines
    if not room:
        return None
    name = max(room, key=lambda n: room[n])
    shown = min(getattr(limits, name), lengths[name])
    floor = 2 if name == "facts" else 1
    return replace(limits, **{name: max(floor, shown - max(1, shown // 3))})


def _document(
    brief: Brief, device: QPagedPaintDevice, size: float, limits: Limits, width: float
) -> QTextDocument:
    document = QTextDocument()
    # Lay out in the device's own pixels, so what fits here fits on the paper.
    document.documentLayout().setPaintDevice(device)
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(size)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    # Qt scales the indent width by the device's dots per 96: it is given in screen pixels.
    document.setIndentWidth(font.pointSizeF() * 96 / 72 * LIST_INDENT_EM)
    document.setHtml(
        render(brief, links=False, header=True, columns=2, limits=limits, footer=False)
    )
    document.setTextWidth(width)
    return document


def _footer(brief: Brief, device: QPagedPaintDevice, width: float) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(LAST_SIZE)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    grey = QTextCharFormat()
    grey.setForeground(QColor(PRINT_COLORS.muted))
    QTextCursor(document).insertText(footer_text(brief), grey)
    document.setTextWidth(width)
    return document


def paint(fitted: Fitted, device: QPagedPaintDevice) -> None:
    area = device.pageLayout().paintRectPixels(device.logicalDpiX())
    painter = QPainter(device)
    try:
        footer = fitted.footer
        bottom = area.height() - (footer.size().height() if footer else 0)
        if footer is not None:
            painter.save()
            painter.translate(0, bottom)
            footer.drawContents(painter, QRectF(0, 0, area.width(), footer.size().height()))
            painter.restore()
            bottom -= FOOTER_GAP_MM / 25.4 * device.logicalDpiY()
        fitted.document.drawContents(painter, QRectF(0, 0, area.width(), bottom))
    finally:
        painter.end()


def print_to(brief: Brief, device: QPagedPaintDevice) -> Fitted:
    """Lay out and draw the brief on one page of ``device`` (a printer or a PDF)."""
    fitted = fit(brief, device)
    paint(fitted, device)
    return fitted


def write_pdf(brief: Brief, path: str | os.PathLike[str], paper: str | None = None) -> str:
    """Write the one-page brief to ``path``; returns the paper used ("letter" or "a4")."""
    ensure_gui_app()
    paper = paper or paper_for_locale()
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setPageLayout(page_layout(paper))
    writer.setResolution(300)
    writer.setTitle(f"Brief: {brief.client.name}")
    writer.setCreator("Rapport")
    print_to(brief, writer)
    del writer  # closes the file
    if not target.exists() or target.stat().st_size == 0:
        raise OSError(f"could not write {target}")
    return paper
