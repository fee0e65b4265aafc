"""What a day of use turned up: a narrow client list, the "how we met" line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from rapport.services import clients
from rapport.ui import brief_view
from rapport.ui.dialogs import ClientDialog
from tests.ui.form_helpers import wait_saved

COL_NAME, COL_COMPANY = 0, 1


def test_a_narrow_client_list_keeps_the_names_readable(window: Any, qtbot: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    window.resize(1200, 760)
    splitter = window.clients_page
    table = window.client_list.table
    splitter.setSizes([360, 840])  # the usual split: every column shows
    qtbot.waitUntil(lambda: table.viewport().width() > 300)
    assert not any(table.isColumnHidden(column) for column in range(4))
    splitter.setSizes([230, 970])
    qtbot.waitUntil(lambda: table.isColumnHidden(COL_COMPANY))
    names = table.fontMetrics().horizontalAdvance("Maria Gonzalez")
    assert table.columnWidth(COL_NAME) >= names
    assert not table.isColumnHidden(2), "the last contact stays while it fits"
    # Widened again, the company comes back.
    splitter.setSizes([700, 500])
    qtbot.waitUntil(lambda: not table.isColumnHidden(COL_COMPANY))
    assert not any(table.isColumnHidden(column) for column in range(4))
    assert table.columnWidth(COL_NAME) >= names


def test_how_we_met_typed_as_a_sentence_is_not_said_twice(
    window: Any,
    qtbot: Any,
    answer_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bob = clients.resolve("Bob Smith").id
    window.open_client(bob)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        dialog.how_we_met.clear()
        qtbot.keyClicks(dialog.how_we_met, "Met at the Denver expo")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    window.edit_client_action.trigger()
    header = window.profile.header.text()
    assert "Met at the Denver expo" in header and "Met: Met" not in header
    # The printed brief says it once too.
    monkeypatch.setattr(brief_view, "ask_pdf_path", lambda _p, _s: str(tmp_path / "b.pdf"))
    window.export_brief_action.trigger()  # File > Export brief as PDF…
    qtbot.waitUntil(lambda: "Saved the brief" in window.statusBar().currentMessage())
    printed = " ".join(PdfReader(str(tmp_path / "b.pdf")).pages[0].extract_text().split())
    assert "Met at the Denver expo" in printed and "Met: Met" not in printed

    def short(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        dialog.how_we_met.clear()
        qtbot.keyClicks(dialog.how_we_met, "the Denver expo")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    answer_modal(short)
    window.edit_client_action.trigger()
    assert "Met: the Denver expo" in window.profile.header.text()


def test_preferences_card_font_is_the_note_windows_font(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    from rapport.services import settings
    from rapport.ui.note_composer import NoteComposer
    from rapport.ui.settings_dialog import SettingsDialog

    offered: list[list[str]] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        combo = dialog.card_font
        offered.append([combo.itemData(i) for i in range(combo.count())])
        assert combo.currentData() == "handwriting"  # what the note window starts with
        assert "(not installed)" not in combo.currentText()
        combo.setFocus()
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # Handwriting -> Serif
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    window.preferences_action.trigger()
    assert offered == [["handwriting", "serif", "sans"]]
    assert settings.get("card_font") == "serif"
    composer = NoteComposer(window, clients.resolve("Bob Smith").id)
    qtbot.addWidget(composer)
    assert composer.font_key() == "serif"


def test_a_sent_card_does_not_push_conversations_out_of_the_brief(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    from rapport.services import interactions
    from rapport.ui.note_composer import NoteComposer

    bob = clients.resolve("Bob Smith").id
    interactions.add_interaction(bob, "call", "2026-11-16 10:00", "Call about the renewal")
    interactions.add_interaction(bob, "meeting", "2026-11-17 15:00", "Site visit at the plant")
    talks = [i.title for i in interactions.history(bob) if i.kind != "card"]
    assert len(talks) >= 3
    window.open_client(bob)
    before = window.profile.overview.toPlainText()
    last_three = [t for t in talks[:3] if t]
    assert all(title in before for title in last_three)

    def send(dialog: QWidget) -> None:
        assert isinstance(dialog, NoteComposer)
        qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)

    answer_modal(send)
    window.note_action.trigger()
    assert any(i.kind == "card" for i in interactions.history(bob))
    after = window.profile.overview.toPlainText()
    section = after[after.index("Last conversations") : after.index("What I promised")]
    assert "Card sent" not in section
    assert all(title in section for title in last_three)


def test_delete_key_in_the_client_list_deletes_and_moves_to_the_next(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.ui import messages

    questions: list[str] = []
    monkeypatch.setattr(
        messages, "confirm", lambda _p, _t, text, *_a: questions.append(text) or True
    )
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    listing = window.client_list
    names = [listing.model.index(row, 0).data() for row in range(listing.model.rowCount())]
    assert len(names) >= 2
    listing.select_client(clients.resolve(names[0]).id)
    listing.table.setFocus()
    qtbot.keyClick(listing.table, Qt.Key.Key_Delete)
    wait_saved(qtbot, window)  # deleted on the worker, the list read again there
    assert questions and names[0] in questions[0]
    assert listing.model.index(0, 0).data() == names[1]
    # The cursor is on the next client, and the profile shows them.
    assert listing.current_client_id() == clients.resolve(names[1]).id
    assert window.profile.current.client.name == names[1]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undoing is None)  # undone on the worker
    assert listing.model.index(0, 0).data() == names[0]
