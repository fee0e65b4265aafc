"""The hand-entry forms as a user meets them: Escape, long fields, the day they start on."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from rapport import clock
from rapport.services import clients, interactions, people
from rapport.ui import messages
from rapport.ui.away_dialog import AwayDialog
from rapport.ui.dialogs import ClientDialog, FactDialog, InteractionDialog, PersonDialog, TaskDialog
from rapport.ui.export_dialog import ExportDialog
from rapport.ui.followup_dialogs import InboundDialog, IntroductionDialog
from rapport.ui.settings_dialog import SettingsDialog
from rapport.ui.snooze_dialog import SnoozeDialog
from tests.ui.form_helpers import click_save


def test_escape_on_a_conversation_with_notes_asks_before_discarding(
    window: Any, qtbot: Any, answer_modal: Any, monkeypatch: Any
) -> None:
    bob = clients.resolve("Bob Smith")
    window.open_client(bob.id)
    before = len(interactions.history(bob.id))
    answers = [False, True]
    questions: list[str] = []

    def confirm(_parent: Any, title: str, text: str, action: str = "") -> bool:
        questions.append(f"{title}|{action}")
        return answers.pop(0)

    monkeypatch.setattr(messages, "confirm", confirm)
    seen: list[bool] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, InteractionDialog)
        qtbot.keyClicks(dialog.title_edit, "Call about renewal")
        dialog.raw_text.setFocus()
        qtbot.keyClicks(dialog.raw_text, "He wants the 3-year price")
        qtbot.keyClick(dialog.raw_text, Qt.Key.Key_Escape)
        seen.append(dialog.isVisible())  # "keep editing": still open, text intact
        assert dialog.raw_text.toPlainText() == "He wants the 3-year price"
        qtbot.keyClick(dialog.raw_text, Qt.Key.Key_Escape)

    answer_modal(fill)
    window.log_action.trigger()
    assert seen == [True]
    assert questions == ["Discard changes?|Discard", "Discard changes?|Discard"]
    assert len(interactions.history(bob.id)) == before


def test_escape_on_a_form_with_a_word_in_it_just_closes(
    window: Any, qtbot: Any, answer_modal: Any, monkeypatch: Any
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda *a: asked.append(a[1]) or False)
    window.open_client(clients.resolve("Bob Smith").id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, InteractionDialog)
        qtbot.keyClicks(dialog.title_edit, "Call")
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)

    answer_modal(fill)
    window.log_action.trigger()
    assert asked == []


def test_a_long_field_opens_at_its_start_for_editing(qtbot: Any, sample_book: Path) -> None:
    met = "Met at the Charlotte logistics expo; he was running the freight panel."
    bob = clients.update_client(clients.resolve("Bob Smith").id, how_we_met=met)
    dialog = ClientDialog(None, bob)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.how_we_met.text() == met
    assert dialog.how_we_met.cursorPosition() == 0
    assert dialog.focusWidget() is dialog.name


def test_a_new_conversation_starts_on_the_books_today(qtbot: Any, sample_book: Path) -> None:
    dialog = InteractionDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.when.dateTime().toPython().date() == clock.today()


def _mnemonics(dialog: QWidget) -> dict[str, list[str]]:
    letters: dict[str, list[str]] = {}
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    for text in texts:
        for found in re.finditer(r"&([^&])", text.replace("&&", "")):
            letters.setdefault(found.group(1).lower(), []).append(text)
    return letters


def test_no_two_controls_share_an_alt_key_in_a_dialog(qtbot: Any, sample_book: Path) -> None:
    bob = clients.resolve("Bob Smith")
    for dialog in (
        ClientDialog(None, bob),
        PersonDialog(None),
        FactDialog(None),
        InteractionDialog(None),
        TaskDialog(None),
        InboundDialog(None, client="Bob Smith"),
        IntroductionDialog(None, lead="Bob Smith"),
        SnoozeDialog(None, what="Send the proposal"),
        AwayDialog(None),
        SettingsDialog(None),
        ExportDialog(None),
    ):
        qtbot.addWidget(dialog)
        clashes = {k: v for k, v in _mnemonics(dialog).items() if len(v) > 1}
        assert clashes == {}, type(dialog).__name__


def _bad_task(window: Any, qtbot: Any, answer_modal: Any, then: Any) -> None:
    """Add a task for Bob Smith due "blursday"; ``then(dialog)`` saves and looks."""
    window.open_client(clients.resolve("Bob Smith").id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, TaskDialog)
        qtbot.keyClicks(dialog.title_edit, "Send the proposal")
        qtbot.keyClicks(dialog.due, "blursday")
        then(dialog)

    answer_modal(fill)
    window.add_task_action.trigger()


def test_a_wrapped_error_is_shown_below_the_fields_not_over_them(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    seen: dict[str, Any] = {}

    def fill(dialog: TaskDialog) -> None:
        qtbot.keyClick(dialog.due, Qt.Key.Key_Return)  # Enter saves; the service refuses
        qtbot.waitUntil(dialog.error_label.isVisible)
        seen["error"] = dialog.error_label.text()
        seen["open"] = dialog.isVisible()
        seen["gap"] = dialog.error_label.geometry().top() - dialog.notes.geometry().bottom()
        seen["fits"] = dialog.error_label.height() >= dialog.error_label.heightForWidth(
            dialog.error_label.width()
        )
        dialog.reject()

    _bad_task(window, qtbot, answer_modal, fill)
    assert "blursday" in seen["error"] and seen["open"]
    assert seen["gap"] > 0, "the error is drawn over the notes field"
    assert seen["fits"], "the error is cut off"


def test_a_refusal_puts_the_cursor_in_the_field_it_names(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    seen: dict[str, Any] = {}

    def fill(dialog: TaskDialog) -> None:
        dialog.notes.setFocus()
        click_save(qtbot, dialog)
        qtbot.waitUntil(dialog.error_label.isVisible)
        seen["due focused"] = dialog.focusWidget() is dialog.due
        seen["due selected"] = dialog.due.selectedText()
        # Fixing the date and emptying the title moves the cursor to the title.
        qtbot.keyClicks(dialog.due, "friday")  # types over the selection
        dialog.title_edit.clear()
        click_save(qtbot, dialog)
        qtbot.waitUntil(lambda: "title" in dialog.error_label.text())
        seen["title focused"] = dialog.focusWidget() is dialog.title_edit
        seen["due now"] = dialog.due.text()
        dialog.reject()

    _bad_task(window, qtbot, answer_modal, fill)
    assert seen["due focused"] and seen["due selected"] == "blursday"
    assert seen["title focused"] and seen["due now"] == "friday"


def test_an_error_naming_no_field_leaves_the_focus_alone(qtbot: Any, sample_book: Path) -> None:
    dialog = ClientDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.field_named_in("The book is locked by another program") is None
    assert dialog.field_named_in("A client's name cannot be empty") is dialog.name
    assert dialog.field_named_in("how we met is too long; name it shorter") is dialog.how_we_met


def test_a_birthday_typed_in_words_is_saved(
    qtbot: Any, sample_book: Path, answer_modal: Any
) -> None:
    bob = clients.resolve("Bob Smith").id

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        qtbot.keyClicks(dialog.name, "Mia")
        qtbot.keyClicks(dialog.birthday, "March 3")
        click_save(qtbot, dialog)
        refused = dialog.error_label.text(), dialog.birthday.selectedText()
        # The refusal selected the birthday: typing replaces it.
        qtbot.keyClicks(dialog.birthday, "March 3, 2014")
        click_save(qtbot, dialog)
        if dialog.isVisible():  # still refused: close, so that the test fails, not hangs
            dialog.reject()
        assert "needs its year" in refused[0] and refused[1] == "March 3"

    answer_modal(fill)
    person = PersonDialog.ask(None, save=lambda values: people.add_person(bob, **values))
    assert person is not None and person.birthday == date(2014, 3, 3)


def test_the_profile_forms_say_whose_record_they_change(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    """Issue 15: Log conversation (Ctrl+L) said nothing of whom it was with."""
    bob = clients.resolve("Bob Smith")
    window.open_client(bob.id)
    seen: dict[str, str] = {}

    def look(dialog: QWidget) -> None:
        said = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
        seen[type(dialog).__name__] = " ".join(re.sub(r"<[^>]+>", "", t) for t in said)
        seen[type(dialog).__name__ + ".title"] = dialog.windowTitle()
        dialog.reject()

    profile = window.profile
    for act in (profile.add_interaction, profile.add_person, profile.add_fact, profile.add_task):
        answer_modal(look)
        act()
    assert "With Bob Smith" in seen["InteractionDialog"]
    assert seen["InteractionDialog.title"] == "Log a conversation"
    assert "Someone in the life of Bob Smith" in seen["PersonDialog"]
    assert "About Bob Smith" in seen["FactDialog"]
    assert "For Bob Smith" in seen["TaskDialog"]


def test_the_snooze_title_is_short_and_the_task_is_said_whole(
    qtbot: Any, sample_book: Path
) -> None:
    what = "Send the revised proposal with the new delivery schedule and the volume discount"
    dialog = SnoozeDialog(None, what=what)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Snooze a task"
    assert what in dialog.what.text()
    assert dialog.what.wordWrap() and dialog.what.width() <= dialog.width()
