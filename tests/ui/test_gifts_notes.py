"""Gifts tab and note composer, driven like a user: keys, clicks, real dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QMessageBox, QWidget

from rapport.render import card_print
from rapport.services import cards, clients, facts, gifts, interactions, people
from rapport.ui import messages, note_composer
from rapport.ui.gifts_tab import GiftDialog
from rapport.ui.note_composer import NoteComposer
from tests.ui.form_helpers import click_save, wait_saved


@pytest.fixture
def bob(sample_book: Path) -> int:
    client = clients.resolve("Bob Smith")
    jake = next(p for p in clients.profile(client.id).people if p.name == "Jake")
    facts.add_fact(client.id, "Jake plays travel baseball", "interest", ["baseball"], jake.id)
    interactions.add_interaction(
        client.id,
        "meeting",
        "2026-11-18 09:00",
        "Coffee at the plant",
        "",
        ["Needs delivery by March", "Concerned about lead times"],
    )
    return client.id


def _pdf_text(path: Path) -> str:
    return " ".join(pypdf.PdfReader(path).pages[0].extract_text().split())


def test_gift_ideas_from_the_menu_look_up_and_plan(
    window: Any, qtbot: Any, bob: int, monkeypatch: pytest.MonkeyPatch, qtmodeltester: Any
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window.open_client(bob)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    tab = window.profile.gifts
    assert window.profile.tabs.currentWidget() is tab
    panel = tab.ideas
    qtmodeltester.check(panel.model)
    first = panel.current()
    assert first is not None and first.for_name == "Jake"
    assert first.because == "Jake, 12, plays travel baseball"
    qtbot.mouseClick(panel.look_button, Qt.MouseButton.LeftButton)
    assert opened == [first.search_url]
    assert opened[0].startswith("https://www.google.com/search?q=")
    qtbot.mouseClick(panel.plan_button, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)  # planned on the worker
    logged = tab.log.model.records()
    assert [(g.title, g.status, g.for_name) for g in logged] == [(first.title, "planned", "Jake")]
    assert first.title not in [i.title for i in panel.model.records()], "never proposed twice"
    qtmodeltester.check(tab.log.model)


def test_log_an_idea_as_given_through_the_form(
    window: Any, qtbot: Any, bob: int, answer_modal: Any
) -> None:
    window.open_client(bob)
    window.gift_ideas_action.trigger()
    panel = window.profile.gifts.ideas
    idea = panel.current()
    assert idea is not None

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, GiftDialog)
        assert dialog.what.text() == idea.title
        assert dialog.status.currentText() == "given"
        qtbot.keyClicks(dialog.cost, "24.50")
        qtbot.keyClicks(dialog.reaction, "He loved it")
        click_save(qtbot, dialog)

    answer_modal(fill)
    qtbot.mouseClick(panel.give_button, Qt.MouseButton.LeftButton)
    gift = window.profile.gifts.log.model.record(0)
    assert (gift.title, gift.status, gift.cost_cents, gift.reaction) == (
        idea.title,
        "given",
        2450,
        "He loved it",
    )
    kinds = [i.kind for i in window.profile.history.model.records()]
    assert "gift" in kinds, "a given gift shows in the history"


def test_plan_then_mark_given_then_delete_and_undo(
    window: Any, qtbot: Any, bob: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    gifts.add_gift(bob, "Cubs cap", status="planned", occasion="holiday")
    window.open_client(bob)
    tab = window.profile.gifts
    tab.log.table.setCurrentIndex(tab.log.proxy.index(0, 0))
    qtbot.mouseClick(tab.mark_given_button, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)  # on the worker
    assert tab.log.model.record(0).status == "given"
    tab.log.table.setCurrentIndex(tab.log.proxy.index(0, 0))
    qtbot.mouseClick(tab.log.delete_button, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)  # deleted on the worker
    assert tab.log.model.rowCount() == 0
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker
    assert [g.title for g in tab.log.model.records()] == ["Cubs cap"]


def test_composer_edit_and_export_pdf(
    qtbot: Any, bob: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_modal: Any
) -> None:
    target = tmp_path / "card.pdf"
    asked: list[str] = []
    monkeypatch.setattr(
        note_composer,
        "ask_pdf_path",
        lambda _parent, suggested: asked.append(suggested) or str(target),
    )
    dialog = NoteComposer(None, bob)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    draft = dialog.text.toPlainText()
    assert draft.startswith(("Dear Bob,", "Hi Bob,", "Bob,"))
    assert "making sure delivery lands by march" in draft.lower()
    assert dialog.focusWidget() is dialog.text  # the draft is ready to edit
    dialog.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.text, "PS: see you at the plant in March")
    assert dialog.edited()
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].startswith("Note to Bob Smith")
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (306, 396)
    text = _pdf_text(target)
    assert "PS: see you at the plant in March" in text
    assert "Bob" in text
    assert "Saved" in dialog.status.text()
    answer_modal(_click_in_box(qtbot, "Discard"))  # the edits were for the PDF only
    dialog.close()
    assert not dialog.isVisible()


def test_composer_card_options_and_preview(
    qtbot: Any, bob: int, tmp_path: Path, answer_modal: Any
) -> None:
    dialog = NoteComposer(None, bob)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("letter"))
    assert not dialog.folded.isEnabled(), "a letter is flat"
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("5x7"))
    dialog.folded.setChecked(True)
    dialog.update_preview()
    pixmap = dialog.preview.pixmap()
    assert pixmap is not None and pixmap.width() > pixmap.height(), "the open sheet is wide"
    assert "folded" in dialog.fit_label.text()
    dialog.text.setPlainText("word " * 4000)
    dialog.update_preview()
    assert "Too long" in dialog.fit_label.text()
    answer_modal(_click_in_box(qtbot, "Discard"))
    dialog.close()
    assert not dialog.isVisible()


def test_print_preview_paints_the_card(qtbot: Any, bob: int, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    dialog = NoteComposer(None, bob)
    qtbot.addWidget(dialog)
    preview = dialog.make_print_preview()
    assert isinstance(preview, QPrintPreviewDialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    card_print.prepare_printer(printer, dialog.layout_now())
    preview.paintRequested.emit(printer)
    box = pypdf.PdfReader(out).pages[0].mediabox
    assert (float(box.width), float(box.height)) == (306, 396)
    assert "Bob" in _pdf_text(out)
    preview.deleteLater()


def test_mark_sent_from_the_window_closes_the_thank_you(
    window: Any, qtbot: Any, bob: int, answer_modal: Any
) -> None:
    meeting = next(i for i in interactions.history(bob) if i.title == "Coffee at the plant")
    assert meeting.thanked_at is None
    window.open_client(bob)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, NoteComposer)
        dialog.signature.setText("Sam Carter")
        dialog.signature.editingFinished.emit()
        assert dialog.text.toPlainText().rstrip().endswith("Sam Carter")
        qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    window.note_action.trigger()
    thanked = next(i for i in interactions.history(bob) if i.id == meeting.id)
    assert thanked.thanked_at is not None
    assert "marked sent" in window.statusBar().currentMessage()
    assert any(i.kind == "card" for i in window.profile.history.model.records())


def _click_in_box(qtbot: Any, label: str) -> Any:
    """Answer the question box that closing asks with the button named ``label``."""

    def fill(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert box.text() == "Save your edits to this note as a draft?"
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == label]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    return fill


def test_closing_with_edits_asks_and_save_draft_keeps_them(
    qtbot: Any, bob: int, answer_modal: Any
) -> None:
    dialog = NoteComposer(None, bob)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.setPlainText("Bob, thanks! A short one.")
    answer_modal(_click_in_box(qtbot, "Save draft"))
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = cards.unsent_card(bob, dialog.draft.interaction_id if dialog.draft else None)
    assert saved is not None and saved.body == "Bob, thanks! A short one."
    again = NoteComposer(None, bob)
    qtbot.addWidget(again)
    again.show()
    assert again.text.toPlainText() == "Bob, thanks! A short one."
    qtbot.keyClick(again, Qt.Key.Key_Escape)  # picked up as saved: nothing to ask
    assert not again.isVisible()


def test_closing_with_edits_can_discard_them_or_stay(
    qtbot: Any, bob: int, answer_modal: Any
) -> None:
    dialog = NoteComposer(None, bob)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.text, " See you soon.")
    answer_modal(_click_in_box(qtbot, "Cancel"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.text.toPlainText().endswith("See you soon.")
    answer_modal(_click_in_box(qtbot, "Discard"))
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert cards.unsent_card(bob, dialog.draft.interaction_id if dialog.draft else None) is None


def test_the_signature_applies_as_typed_and_the_hint_fits_the_window(
    qtbot: Any, bob: int, answer_modal: Any
) -> None:
    dialog = NoteComposer(None, bob)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "in the note window" not in dialog.notes.text()
    assert "Signature above" in dialog.notes.text()
    qtbot.keyClicks(dialog.signature, "Sam Carter")  # no Tab, no Enter
    assert dialog.text.toPlainText().rstrip().endswith("\nSam Carter")
    assert "Signature" not in dialog.notes.text()
    # Edited text keeps the user's words; the signature at its end follows the field.
    dialog.text.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(dialog.text, "PS first. ")
    qtbot.keyClick(dialog.signature, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.signature, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.signature, "ey")
    text = dialog.text.toPlainText()
    assert text.startswith("PS first. ") and text.rstrip().endswith("\nSam Cartey")
    assert "Sam Carter" not in text
    answer_modal(_click_in_box(qtbot, "Discard"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert cards.signature() == "Sam Cartey"  # kept for the next notes


def test_client_without_facts_gets_a_plain_note_said_so(qtbot: Any, sample_book: Path) -> None:
    maria = clients.resolve("Maria Gonzalez")
    people.add_person(maria.id, "Luis", "husband")
    dialog = NoteComposer(None, maria.id)
    qtbot.addWidget(dialog)
    assert "plain note" in dialog.notes.text()
