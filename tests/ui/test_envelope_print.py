"""Envelope PDFs as they come out of Qt: page sizes in points, text that can be read back,
long and non-Latin addresses, a card and its envelope in one job."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest

from rapport.core import envelopes as core
from rapport.core.cards import layout as card_layout
from rapport.ui import envelope_print

SENDER = ("Sam Seller", "12 Oak St", "Springfield, IL 62701")
DANA = core.Envelope(
    ("Dana Whitfield", "400 Market Street", "Suite 1200", "San Francisco, CA 94105"), SENDER
)


def _text(page: Any) -> str:
    return " ".join(page.extract_text().split())


@pytest.mark.parametrize("key", list(core.ENVELOPE_SIZES))
def test_each_page_is_exactly_the_envelope_landscape(qapp: Any, tmp_path: Path, key: str) -> None:
    target = tmp_path / f"{key}.pdf"
    envelope_print.export_pdf(target, [DANA, DANA], key)
    size = core.ENVELOPE_SIZES[key]
    pages = pypdf.PdfReader(target).pages
    assert len(pages) == 2
    for page in pages:
        box = page.mediabox
        # Qt writes whole points: C6 and DL (in mm) are within half a point.
        assert float(box.width) == pytest.approx(size.width, abs=0.5)
        assert float(box.height) == pytest.approx(size.height, abs=0.5)
        assert float(box.width) > float(box.height)
        text = _text(page)
        assert "Dana Whitfield 400 Market Street Suite 1200 San Francisco, CA 94105" in text
        assert "Sam Seller 12 Oak St Springfield, IL 62701" in text


def test_long_name_six_lines_and_non_latin_text_come_out_whole(qapp: Any, tmp_path: Path) -> None:
    name = "Dr. Maximiliane Alexandra Konstantinopoulou-Featherstonehaugh-Worthington III"
    six = core.Envelope(
        (name, "Whitfield Logistics Ltd", "Unit 4, Riverside Park", "27 Long Road",
         "Little Snoring", "Norfolk NR21 0AA", "UNITED KINGDOM"),
        SENDER,
    )  # fmt: skip
    cyrillic = core.Envelope(("Алексей Смирнов", "ул. Тверская, д. 7, кв. 12", "125009 Москва"))
    greek = core.Envelope(("Νίκος Παπαδόπουλος", "Οδός Ερμού 15", "105 63 Αθήνα", "GREECE"))
    target = tmp_path / "mixed.pdf"
    layouts = envelope_print.export_pdf(target, [six, cyrillic, greek], "a2")
    pages = pypdf.PdfReader(target).pages
    assert " ".join(six.recipient) in _text(pages[0])
    assert layouts[0].recipient.shrunk, "the long name set smaller, not cut"
    size = core.ENVELOPE_SIZES["a2"]
    block = layouts[0].recipient
    assert block.x + block.width <= size.width and block.y + block.height <= size.height
    assert " ".join(cyrillic.recipient) in _text(pages[1])
    assert " ".join(greek.recipient) in _text(pages[2])
    assert layouts[1].sender is None and "Sam" not in _text(pages[1])


def test_an_address_that_does_not_fit_writes_no_file(qapp: Any, tmp_path: Path) -> None:
    target = tmp_path / "refused.pdf"
    too_long = core.Envelope(("W" * 300, "1 Main St"), SENDER)
    with pytest.raises(core.EnvelopeFitError):
        envelope_print.export_pdf(target, [DANA, too_long], "a2")
    assert not target.exists() or target.stat().st_size == 0
    with pytest.raises(core.EnvelopeSizeError):
        envelope_print.export_pdf(tmp_path / "b5.pdf", [DANA], "b5")
    assert not (tmp_path / "b5.pdf").exists()


def test_card_and_envelope_are_one_job_card_first(qapp: Any, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    target = tmp_path / "job.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    card = card_layout("a2")
    envelope_print.print_card_and_envelope(
        printer, "Dana,\nThank you for lunch.\nSam", card, "serif", DANA, "a2"
    )
    first, second = pypdf.PdfReader(target).pages
    assert (float(first.mediabox.width), float(first.mediabox.height)) == (306.0, 396.0)
    assert "Thank you for lunch" in _text(first)
    assert (float(second.mediabox.width), float(second.mediabox.height)) == (414.0, 315.0)
    assert "Dana Whitfield 400 Market Street" in _text(second)


def test_envelopes_interleave_with_other_pages_of_a_job(qapp: Any, tmp_path: Path) -> None:
    """Cards and their envelopes in one PDF: start_page + paint_envelope per page."""
    from PySide6.QtGui import QPainter, QPdfWriter

    from rapport.ui import card_print

    target = tmp_path / "batch.pdf"
    writer = QPdfWriter(str(target))
    writer.setResolution(card_print.PDF_DPI)
    card = card_layout("5x7")
    size = core.envelope_size(core.envelope_for_card("5x7"))
    writer.setPageLayout(card_print.page_layout(card))
    painter = QPainter(writer)
    for index, who in enumerate(("Ann Lee", "Bo Chen")):
        envelope_print.start_page(writer, card_print.page_layout(card), first=index == 0)
        card_print.paint_card(painter, f"Dear {who.split()[0]}, happy holidays.", card, "serif")
        envelope_print.render_envelopes(
            writer, [core.Envelope((who, "1 Elm St", "Austin, TX 78701"))], size.key,
            painter=painter, first=False,
        )  # fmt: skip
    painter.end()
    pages = pypdf.PdfReader(target).pages
    widths = [round(float(p.mediabox.width)) for p in pages]
    assert widths == [360, 522, 360, 522]
    assert "Dear Ann" in _text(pages[0]) and "Ann Lee 1 Elm St" in _text(pages[1])
    assert "Dear Bo" in _text(pages[2]) and "Bo Chen 1 Elm St" in _text(pages[3])
