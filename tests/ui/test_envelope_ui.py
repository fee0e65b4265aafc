"""Print envelope… and the composer's Print card & envelope, driven like a user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from rapport import clock
from rapport.core.postal import PostalAddress
from rapport.services import addresses, clients, interactions, people, settings
from rapport.ui import envelope_dialog
from rapport.ui.dialogs import ClientDialog
from rapport.ui.envelope_dialog import EnvelopeDialog
from rapport.ui.note_composer import NoteComposer


@pytest.fixture
def bob(sample_book: Path) -> int:
    client = clients.resolve("Bob Smith")
    people.add_person(client.id, "Alice Smith", "wife")
    addresses.set_client_address(
        client.id, PostalAddress(("400 Market Street",), "San Francisco", "CA", "94105", "USA")
    )
    settings.update(
        {
            "return_name": "Sam Carter",
            "return_address": {"lines": ["12 Oak St"], "city": "Springfield",
                               "region": "IL", "postcode": "62701", "country": "USA"},
            "home_country": "USA",
        }
    )  # fmt: skip
    return client.id


def _texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def test_print_envelope_from_the_client_menu_exports_the_chosen_size(
    window: Any,
    qtbot: Any,
    bob: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_modal: Any,
) -> None:
    target = tmp_path / "bob.pdf"
    asked: list[str] = []
    monkeypatch.setattr(
        envelope_dialog, "ask_pdf_path", lambda _p, name: asked.append(name) or str(target)
    )
    window.open_client(bob)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, EnvelopeDialog)
        assert dialog.size_box.currentData() == "a2", "the A2 card's envelope by default"
        assert "A2 envelope" in dialog.fit_label.text()
        assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
        assert dialog.household.text() == "To the &household (Bob && Alice Smith)"
        dialog.size_box.setFocus()
        qtbot.keyClicks(dialog.size_box, "DL")  # type to pick, as in any combo box
        assert dialog.size_key() == "dl"
        box = dialog.household
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
        assert box.isChecked()
        qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
        assert dialog.status.text() == f"Saved {target}."
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    qtbot.keyClick(
        window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert asked == [f"Envelope to Bob Smith {clock.today().isoformat()}.pdf"]
    (page,) = pypdf.PdfReader(target).pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (624, 312)
    (text,) = _texts(target)
    assert "Bob & Alice Smith 400 Market Street San Francisco, CA 94105" in text
    assert "Sam Carter 12 Oak St Springfield, IL 62701" in text
    assert "USA" not in text, "no country line for a letter at home"


def test_a_client_without_an_address_gets_the_form_not_an_envelope(
    window: Any, qtbot: Any, bob: int, answer_modal: Any
) -> None:
    maria = clients.resolve("Maria Gonzalez")
    window.open_client(maria.id)
    opened: list[str] = []

    def fill(dialog: QWidget) -> None:
        opened.append(type(dialog).__name__)
        assert isinstance(dialog, ClientDialog)
        assert dialog.focusWidget() is dialog.address.lines, "the form opens on the address"
        assert "Add Maria's address first" in window.statusBar().currentMessage()
        dialog.reject()

    answer_modal(fill)
    qtbot.mouseClick(window.profile.envelope_button, Qt.MouseButton.LeftButton)
    assert opened == ["ClientDialog"], "the form, and no envelope window"


def test_envelope_print_preview_paints_one_envelope_page(qtbot: Any, bob: int) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    dialog = EnvelopeDialog(None, bob)
    qtbot.addWidget(dialog)
    preview = dialog.make_print_preview()
    qtbot.addWidget(preview)
    preview.show()
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == 1)
    layout = preview.printer_ref.pageLayout()
    size = layout.fullRect(layout.Unit.Point)
    assert (round(size.width()), round(size.height())) == (414, 315)
    preview.close()


def test_card_and_envelope_in_one_job_then_mark_sent_logs_it_today(
    qtbot: Any, bob: int, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    interactions.add_interaction(bob, "meeting", "2026-11-18 09:00", "Coffee", "", ["Pricing"])
    dialog = NoteComposer(None, bob)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("5x7"))
    assert dialog.envelope_key() == "a7"
    preview = dialog.make_card_and_envelope_preview()
    assert isinstance(preview, QPrintPreviewDialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "job.pdf"
    printer.setOutputFileName(str(out))
    preview.paintRequested.emit(printer)  # what Print in the preview does
    pages = pypdf.PdfReader(out).pages
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    assert sizes == [(360, 504), (522, 378)], "the card first, then its envelope"
    card_text, envelope_text = _texts(out)
    assert "Bob" in card_text and "400 Market Street" not in card_text
    assert "Bob Smith 400 Market Street San Francisco, CA 94105" in envelope_text
    preview.deleteLater()
    qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)
    logged = [i for i in interactions.history(bob) if i.kind == "card"]
    assert [i.happened_at.date() for i in logged] == [clock.today()]


def test_composer_without_an_address_opens_the_form_on_it_then_prints(
    qtbot: Any, sample_book: Path, answer_modal: Any, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    maria = clients.resolve("Maria Gonzalez")
    dialog = NoteComposer(None, maria.id)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []

    def cancel(form: QWidget) -> None:
        assert isinstance(form, ClientDialog)
        seen.append(dialog.status.text())
        assert form.focusWidget() is form.address.lines, "the form opens on the address"
        form.reject()

    answer_modal(cancel)
    qtbot.mouseClick(dialog.both_button, Qt.MouseButton.LeftButton)
    assert seen == ["Add Maria's address first: it goes on the envelope."]

    def fill(form: QWidget) -> None:
        assert isinstance(form, ClientDialog)
        qtbot.keyClicks(form.address.lines, "Calle Mayor 5")
        qtbot.keyClicks(form.address.city, "Madrid")
        qtbot.keyClicks(form.address.postcode, "28013")
        assert form.address.country is not None
        qtbot.keyClicks(form.address.country, "Spain")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    preview = dialog.make_card_and_envelope_preview()  # the form, then on to the job
    assert preview is not None and dialog.status.text() == "Address saved."
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "maria.pdf"))
    preview.paintRequested.emit(printer)
    envelope_text = _texts(tmp_path / "maria.pdf")[1]
    assert "Maria Gonzalez Calle Mayor 5 28013 Madrid SPAIN" in envelope_text
    preview.deleteLater()
