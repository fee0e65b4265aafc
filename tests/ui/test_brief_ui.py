"""The brief tab, History, "still true" and printing, driven through the real window."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QWidget

from rapport.render.brief_print import paper_for_locale
from rapport.services import clients, facts, interactions
from rapport.store import models as m
from rapport.ui import brief_view
from rapport.ui.history_view import ConversationDialog
from tests.ui.form_helpers import wait_saved


@pytest.fixture
def bob(window: Any) -> int:
    bob = clients.resolve("Bob Smith").id
    lunch = interactions.add_interaction(
        bob,
        "meeting",
        "2026-11-12 12:30",
        "Coffee at Delia's",
        raw_text="His father is recovering from knee surgery. Jake has a tournament Saturday.",
        key_points=["Needs delivery by March"],
        extracted={
            "people": [{"name": "Jake", "relation": "son", "age": 12}],
            "facts": [{"text": "Father recovering from knee surgery", "about": "father"}],
            "tasks": [
                {"title": "Send the revised proposal", "due": "2026-11-20", "kind": "promise"}
            ],
            "key_points": ["Needs delivery by March"],
        },
    )
    interactions.add_interaction(bob, "call", "2026-11-14 09:00", "Quick call", raw_text="ok")
    facts.add_fact(
        bob, "His father is recovering from knee surgery", "sensitive", source_id=lunch.id
    )
    old = facts.add_fact(bob, "Drives a red Miata", "personal")
    m.Fact.update(created_at=datetime(2024, 2, 1), confirmed_at=datetime(2024, 2, 1)).where(
        m.Fact.id == old.id
    ).execute()
    window.open_client(bob)
    return bob


def test_the_brief_leads_the_profile(window: Any, bob: int) -> None:
    profile = window.profile
    assert profile.tabs.currentWidget() is profile.overview
    text = profile.overview.toPlainText()
    assert text.index("Ask about") < text.index("Their people")
    assert "How is your father recovering?" in text
    assert "Jake (son, 12)" in text
    assert "from Coffee at Delia's (meeting), Nov 12, 2026" in text
    assert "possibly stale (last confirmed Feb 1, 2024)" in text
    assert "Follow-through:" in text
    assert "Send the revised proposal — due Fri Nov 20" in text


def test_still_true_link_confirms_the_fact(window: Any, qtbot: Any, bob: int) -> None:
    stale = next(f for f in window.profile.current.facts if f.text == "Drives a red Miata")
    html = window.profile.overview.toHtml()
    assert f"confirm:{stale.id}" in html
    window.profile.overview.anchorClicked.emit(QUrl(f"confirm:{stale.id}"))
    wait_saved(qtbot, window)  # confirmed on the worker
    assert "possibly stale" not in window.profile.overview.toPlainText()
    assert window.statusBar().currentMessage() == "Marked as still true."


def test_still_true_with_ctrl_y_on_the_facts_tab(window: Any, qtbot: Any, bob: int) -> None:
    profile = window.profile
    qtbot.keyClick(profile.tabs, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # F&acts
    assert profile.tabs.currentWidget() is profile.facts
    section = profile.facts
    section.select(next(f.id for f in section.model.records() if f.text == "Drives a red Miata"))
    assert "possibly stale" in section.table.currentIndex().siblingAtColumn(5).data()
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    wait_saved(qtbot, window)  # confirmed on the worker
    row = next(f for f in section.model.records() if f.text == "Drives a red Miata")
    assert row.confirmed_at.date().isoformat() == "2026-11-18"
    assert "possibly stale" not in window.profile.overview.toPlainText()


def test_ctrl_y_without_a_selected_fact_explains(window: Any, qtbot: Any, bob: int) -> None:
    window.still_true_action.trigger()
    assert "Facts tab" in window.statusBar().currentMessage()


def test_an_ask_about_line_leads_to_its_fact(window: Any, bob: int) -> None:
    profile = window.profile
    question = profile.overview.brief.ask_about[0]
    assert question.text == "How is your father recovering?"
    assert f"fact:{question.fact_id}" in profile.overview.toHtml()
    profile.overview.anchorClicked.emit(QUrl(f"fact:{question.fact_id}"))
    assert profile.tabs.currentWidget() is profile.facts
    assert profile.facts.current().text == "His father is recovering from knee surgery"


def test_brief_links_open_the_right_tab(window: Any, bob: int) -> None:
    profile = window.profile
    talk = next(i for i in profile.current.interactions if i.title == "Coffee at Delia's")
    profile.overview.anchorClicked.emit(QUrl(f"interaction:{talk.id}"))
    assert profile.tabs.currentWidget() is profile.history
    assert profile.history.current().id == talk.id


def test_history_filters_by_kind_and_shows_what_was_understood(
    window: Any, qtbot: Any, answer_modal: Any, bob: int
) -> None:
    history = window.profile.history
    window.profile.tabs.setCurrentWidget(history)
    labels = [history.kind_filter.itemText(i) for i in range(history.kind_filter.count())]
    assert labels == ["All kinds (3)", "Meetings (2)", "Calls (1)"]
    history.set_kind("call")
    assert history.proxy.rowCount() == 1
    assert history.current().title == "Quick call"
    history.set_kind("meeting")
    assert {history.proxy.index(r, 2).data() for r in range(history.proxy.rowCount())} == {
        "Coffee at Delia's",
        "Lunch at Rosa's",
    }
    history.select(next(i.id for i in history.model.records() if i.title == "Coffee at Delia's"))
    text = history.viewer.toPlainText()
    assert "His father is recovering from knee surgery" in text  # the raw text
    assert "What capture understood" in text
    assert "Jake (son, 12)" in text
    assert "Send the revised proposal (promise), due 2026-11-20" in text
    assert history.viewer.isReadOnly()
    # Selecting a conversation hidden by the filter shows all kinds again.
    history.select(next(i.id for i in history.model.records() if i.title == "Quick call"))
    assert history.kind_filter.currentData() == ""

    seen: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, ConversationDialog)
        seen.append(dialog.viewer.toPlainText())
        dialog.reject()

    answer_modal(read)
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_Space)
    assert seen and "Quick call" in seen[0]
    # The window shows what capture saved, as saved.
    history.select(next(i.id for i in history.model.records() if i.title == "Coffee at Delia's"))
    answer_modal(read)
    qtbot.mouseClick(history.open_button, Qt.MouseButton.LeftButton)
    assert '"relation": "son"' in seen[1]


def test_hand_logged_conversation_says_nothing_was_extracted(window: Any, bob: int) -> None:
    history = window.profile.history
    history.select(next(i.id for i in history.model.records() if i.title == "Quick call"))
    assert "logged by hand" in history.viewer.toPlainText()


def test_export_pdf_is_one_page(
    window: Any, qtbot: Any, bob: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief"
    asked: list[str] = []
    monkeypatch.setattr(
        brief_view,
        "ask_pdf_path",
        lambda _parent, suggested: asked.append(suggested) or str(target),
    )
    qtbot.keyClick(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert asked and asked[0].endswith("Brief - Bob Smith - 2026-11-18.pdf")
    pdf = tmp_path / "brief.pdf"  # ".pdf" added
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    assert "How is your father recovering?" in " ".join(reader.pages[0].extract_text().split())
    assert "Saved the brief of Bob Smith" in window.statusBar().currentMessage()


def test_print_goes_to_the_chosen_printer_on_one_page(
    window: Any, qtbot: Any, bob: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    target = tmp_path / "printed.pdf"

    def choose(_parent: Any, printer: QPrinter) -> bool:
        assert printer.pageLayout().pageSize().id() in (
            printer.pageLayout().pageSize().PageSizeId.Letter,
            printer.pageLayout().pageSize().PageSizeId.A4,
        )
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    monkeypatch.setattr(brief_view, "ask_printer", choose)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(PdfReader(str(target)).pages) == 1


def test_print_actions_wait_for_a_client(window: Any) -> None:
    window.profile.show_client(None)
    assert not window.print_brief_action.isEnabled()
    assert not window.export_brief_action.isEnabled()
    window.open_client(clients.resolve("Maria Gonzalez").id)
    assert window.print_brief_action.isEnabled()
    assert "Nothing recorded yet" in window.profile.overview.toPlainText()


@pytest.mark.parametrize(
    ("name", "paper"),
    [
        ("en_US", "letter"),
        ("en_CA", "letter"),
        ("es_MX", "letter"),
        ("de_DE", "a4"),
        ("en_GB", "a4"),
        ("fr_FR", "a4"),
        ("ja_JP", "a4"),
    ],
)
def test_paper_follows_the_locale(qapp: QApplication, name: str, paper: str) -> None:
    from PySide6.QtCore import QLocale

    assert paper_for_locale(QLocale(name)) == paper


def test_history_model_passes_the_model_tester(window: Any, qtmodeltester: Any, bob: int) -> None:
    qtmodeltester.check(window.profile.history.model)
    qtmodeltester.check(window.profile.history.proxy)
    qtmodeltester.check(window.profile.facts.model)


def test_still_true_is_reachable_with_tab_and_enter(window: Any, qtbot: Any, bob: int) -> None:
    view = window.profile.overview
    view.setFocus()
    for _ in range(40):  # Tab walks the brief's links, in reading order
        if view.textCursor().selectedText() == "Still true":
            break
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.textCursor().selectedText() == "Still true"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    wait_saved(qtbot, window)  # confirmed on the worker
    assert "possibly stale" not in window.profile.overview.toPlainText()
