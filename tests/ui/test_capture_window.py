"""The capture window end to end: type a note, fix the chips, Ctrl+Enter, find it saved."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from rapport.services import clients, drafts
from rapport.store import models as m
from tests.ui.capture_helpers import (
    chip_with,
    chips,
    open_capture,
    save_with_keys,
    type_note,
    wait_understood,
)

# Bringing the capture window to the front asks the platform to raise it, and the client
# completer's popup grabs the keyboard; offscreen can do neither, and says so.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

LUNCH = (
    "Lunch w/ Bob Smith (Acme). Son Jake, 13, made the travel baseball team. "
    "Bob is a huge fly fishing guy. His wife Susan loves Napa cabs. "
    "Bob hates the new parking garage. Promised the revised proposal by Friday."
)


def test_type_fix_chips_save_and_find_it_in_the_profile(window: Any, qtbot: Any) -> None:
    bob = clients.resolve("Bob Smith")
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, LUNCH)

    assert capture.client_picker.current["id"] == bob.id
    assert capture.windowTitle() == "Quick capture — Bob Smith"
    assert capture.summary.text().startswith("A meeting · 2 people · 4 facts · 1 task")
    # A task's due date, typed the way people say it.
    task = chip_with(capture, "tasks", "revised proposal")
    assert task.due_edit.text() == "Fri Nov 20"
    task.due_edit.selectAll()
    qtbot.keyClicks(task.due_edit, "next tue")
    qtbot.keyClick(task.due_edit, Qt.Key.Key_Return)
    assert task.due_edit.text() == "Tue Nov 24"
    # A wrong fact, removed from the keyboard.
    wrong = chip_with(capture, "facts", "parking garage")
    wrong.setFocus()
    qtbot.keyClick(wrong, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not any("parking" in c.text for c in chips(capture, "facts")))
    # A relation.
    susan = chip_with(capture, "people", "Susan")
    susan.relation.setCurrentText("partner")

    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())

    profile = clients.profile(bob.id)
    facts = {f.text for f in profile.facts}
    assert "Bob is a huge fly fishing guy" in facts
    assert not any("parking" in text for text in facts)
    jakes = [p for p in profile.people if p.name == "Jake"]
    assert len(jakes) == 1 and jakes[0].age == 13  # merged, not a second Jake
    assert next(p for p in profile.people if p.name == "Susan").relation == "partner"
    talk = profile.interactions[0]
    # The promise was already open (the sample book has it): heard again, it keeps one
    # task and takes the date the user typed, rather than becoming a second task.
    proposals = [t for t in profile.tasks if t.title == "Send the revised proposal"]
    assert len([t for t in proposals if t.status == "open"]) == 1
    proposal = next(t for t in proposals if t.status == "open")
    assert proposal.due is not None and proposal.due.isoformat() == "2026-11-24"
    assert talk.raw_text == LUNCH and talk.kind == "meeting"
    fly = next(f for f in profile.facts if "fly fishing" in f.text)
    assert fly.source_interaction_id == talk.id
    # The main window shows it, and says so.
    assert window.capture.toast.isVisible()
    assert "Saved the note about Bob Smith" in window.capture.toast.label.text()
    window.capture.toast.open_button.click()
    assert window.profile.client_id == bob.id
    fact_rows = window.profile.facts.model.records()
    assert any(f.text == "Bob is a huge fly fishing guy" for f in fact_rows)
    assert drafts.load_draft() is None


def test_a_second_note_about_jake_updates_him(window: Any, qtbot: Any) -> None:
    bob = clients.resolve("Bob Smith")
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Call with Bob Smith. Son Jake, 14, now plays varsity basketball.")
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    jakes = [p for p in clients.profile(bob.id).people if p.name == "Jake"]
    assert [(p.relation, p.age) for p in jakes] == [("son", 14)]


def test_a_note_naming_no_client_asks_and_saves_once_chosen(window: Any, qtbot: Any) -> None:
    maria = clients.resolve("Maria Gonzalez")
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Quick call, she wants pricing. I will send the deck tomorrow.")
    assert capture.windowTitle() == "Quick capture — whom is it about?"
    before = m.Interaction.select().count()

    save_with_keys(capture, qtbot)
    picker = capture.client_picker
    assert capture.isVisible()
    assert "Whom is this note about?" in capture.notice_text()
    assert capture.notice.isVisible()
    assert picker.search.hasFocus() and picker.search.property("required") is True
    assert m.Interaction.select().count() == before

    qtbot.keyClicks(picker.search, "maria")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.current["id"] == maria.id
    assert capture.windowTitle() == "Quick capture — Maria Gonzalez"
    # The suggestions now name her.
    assert (
        chip_with(capture, "suggestions", "thank-you")
        .check.text()
        .startswith("Write a thank-you note to Maria")
    )
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    profile = clients.profile(maria.id)
    assert [t.title for t in profile.tasks if t.status == "open"] == ["Send the deck"]
    assert profile.interactions[0].raw_text.startswith("Quick call")


def test_a_new_client_typed_in_the_picker(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Met at the expo. Needs 40 units by March.")
    picker = capture.client_picker
    qtbot.keyClicks(picker.search, "Dana Whitfield")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # not in the book: a new client
    assert picker.new_name.text() == "Dana Whitfield" and picker.new_company.isVisible()
    qtbot.keyClicks(picker.new_company, "Harbor Logistics")
    qtbot.keyClick(picker.new_company, Qt.Key.Key_Return)
    chosen = {key: picker.current[key] for key in ("id", "name", "company")}
    assert chosen == {"id": None, "name": "Dana Whitfield", "company": "Harbor Logistics"}
    assert "new client" in picker.how.text()
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    dana = clients.resolve("Dana Whitfield")
    assert dana.company == "Harbor Logistics"
    assert "(new client)" in window.capture.toast.label.text()


def test_choose_another_of_the_close_matches(window: Any, qtbot: Any) -> None:
    bob = clients.resolve("Bob Smith")
    other = clients.create_client("Bob Jones", company="Jones Co")
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Coffee with Bob. Wants samples by Friday.")
    picker = capture.client_picker
    assert picker.current["id"] in (bob.id, other.id)
    labels = [a.text() for a in picker.menu.actions() if not a.isSeparator()]
    shown = bob if picker.current["id"] == bob.id else other
    alternative = other if shown is bob else bob
    assert any(alternative.name in label for label in labels)
    next(a for a in picker.menu.actions() if alternative.name in a.text()).trigger()
    assert picker.current["id"] == alternative.id and "chosen by you" in picker.how.text()
    # The choice holds while the user keeps typing.
    type_note(capture, qtbot, " Bob Smith says hi.")
    assert picker.current["id"] == alternative.id


def test_suggestions_ticked_become_tasks(window: Any, qtbot: Any) -> None:
    maria = clients.resolve("Maria Gonzalez")
    capture = open_capture(window, qtbot)
    type_note(
        capture,
        qtbot,
        "Coffee with Maria Gonzalez. Her dad is in the hospital - be gentle. "
        "Daughter Ella, 9, plays soccer.",
    )
    thank_you = chip_with(capture, "suggestions", "thank-you")
    check_in = chip_with(capture, "suggestions", "Check in on Maria")
    gift = chip_with(capture, "suggestions", "soccer")
    assert thank_you.check.isChecked() and not check_in.check.isChecked()
    assert not gift.check.isChecked()
    check_in.check.setFocus()
    qtbot.keyClick(check_in.check, Qt.Key.Key_Space)
    thank_you.check.setChecked(False)  # already thanked her
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    profile = clients.profile(maria.id)
    titles = {t.title: t for t in profile.tasks}
    assert "Check in on Maria" in titles and titles["Check in on Maria"].due is not None
    assert not any("soccer" in title or "thank-you" in title for title in titles)
    talk = m.Interaction.get_by_id(profile.interactions[0].id)
    assert talk.thanked_at is not None  # declined: no thank-you owed


def test_a_call_with_the_thank_you_ticked_is_owed_on_today(window: Any, qtbot: Any) -> None:
    """Issue 15: the thank-you the window offers for a call, ticked, is on Today."""
    maria = clients.resolve("Maria Gonzalez")
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Call with Maria Gonzalez. She asked for the renewal quote.")
    thank_you = chip_with(capture, "suggestions", "thank-you")
    assert thank_you.check.text() == "Write a thank-you note to Maria · today"
    assert thank_you.check.isChecked()
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    [talk] = clients.profile(maria.id).interactions
    assert talk.kind == "call" and talk.thanked_at is None
    qtbot.waitUntil(lambda: talk.id in [t.id for t in window.today_view.data.thank_yous])


def test_a_chips_words_are_edited_in_place_and_saved_as_typed(window: Any, qtbot: Any) -> None:
    """Issue 15: a task's title and a fact's text can be rewritten on their chips."""
    bob = clients.resolve("Bob Smith")
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch w/ Bob Smith. Bob loves golf. Send pricing by Friday.")
    task = chip_with(capture, "tasks", "pricing")
    qtbot.mouseDClick(task.label, Qt.MouseButton.LeftButton)
    assert task.words_edit is not None and capture.focusWidget() is task.words_edit
    task.words_edit.selectAll()
    qtbot.keyClicks(task.words_edit, "Send the volume pricing")
    qtbot.keyClick(task.words_edit, Qt.Key.Key_Return)
    assert capture.isVisible()  # Enter kept the words; it did not press a button
    qtbot.waitUntil(
        lambda: bool(chips(capture, "tasks")) and chips(capture, "tasks")[0] is not task
    )
    task = chip_with(capture, "tasks", "volume pricing")
    assert task.due_edit.text() == "Fri Nov 20"  # the date stays with the task
    fact = chip_with(capture, "facts", "golf")
    fact.setFocus()
    qtbot.keyClick(fact, Qt.Key.Key_F2)
    assert fact.words_edit is not None
    qtbot.keyClicks(fact.words_edit, "x")
    qtbot.keyClick(fact.words_edit, Qt.Key.Key_Escape)  # back to the old words
    assert capture.isVisible() and fact.words_edit is None
    assert fact.label.isVisible() and "golf" in fact.text
    qtbot.keyClick(fact, Qt.Key.Key_F2)
    fact.words_edit.selectAll()
    qtbot.keyClicks(fact.words_edit, "Bob plays golf on Saturdays")
    qtbot.keyClick(fact.words_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any("Saturdays" in c.text for c in chips(capture, "facts")))
    # Typing on keeps the rewritten words.
    capture.editor.moveCursor(capture.editor.textCursor().MoveOperation.End)
    type_note(capture, qtbot, " Great lunch.")
    assert any("Saturdays" in c.text for c in chips(capture, "facts"))
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    profile = clients.profile(bob.id)
    assert "Send the volume pricing" in [t.title for t in profile.tasks]
    assert "Send pricing" not in [t.title for t in profile.tasks]
    assert "Bob plays golf on Saturdays" in [f.text for f in profile.facts]


def test_edits_survive_typing_but_not_rewording(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch w/ Bob Smith. Bob loves golf. Send pricing by Friday.")
    task = chip_with(capture, "tasks", "pricing")
    task.due_edit.setText("2026-12-01")
    task.due_edit.commit()
    chip_with(capture, "facts", "golf").removeRequested.emit()
    qtbot.waitUntil(lambda: not chips(capture, "facts"))
    capture.editor.moveCursor(capture.editor.textCursor().MoveOperation.End)
    type_note(capture, qtbot, " Son Jake plays baseball.")
    assert chip_with(capture, "tasks", "pricing").due_edit.text() == "Tue Dec 1"
    assert not any("golf" in chip.text for chip in chips(capture, "facts"))
    assert any("baseball" in chip.text for chip in chips(capture, "facts"))
    # Rewording the removed fact makes a new fact: it comes back.
    capture.editor.setPlainText(capture.editor.toPlainText().replace("loves golf", "loves tennis"))
    wait_understood(capture, qtbot)
    assert any("tennis" in chip.text for chip in chips(capture, "facts"))


def test_esc_closes_without_saving_and_keeps_the_draft(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    before = m.Interaction.select().count()
    type_note(capture, qtbot, "Lunch w/ Bob Smith. Send pricing by Friday.")
    qtbot.keyClick(capture.editor, Qt.Key.Key_Escape)
    assert not capture.isVisible()
    window.worker.wait()  # the draft is written on the window's worker
    assert m.Interaction.select().count() == before
    draft = drafts.load_draft()
    assert draft is not None and draft.text == "Lunch w/ Bob Smith. Send pricing by Friday."
    # Opening again shows the same note, as it was left.
    again = open_capture(window, qtbot)
    assert again is capture
    assert capture.editor.toPlainText() == draft.text


def test_draft_survives_a_destroyed_window(qtbot: Any, sample_book: Any) -> None:
    from rapport.ui.capture_window import CaptureWindow

    first = CaptureWindow()
    qtbot.addWidget(first)
    first.open_capture()
    qtbot.waitExposed(first)
    qtbot.keyClicks(first.editor, "Coffee with Anna Schmidt, she wants the catalogue")
    timer = first.draft_timer
    qtbot.waitUntil(lambda: not timer.isActive() and drafts.load_draft() is not None)
    # Every draft written (typing slowed by a loaded machine pauses more than once).
    qtbot.waitUntil(lambda: not first.worker.busy())
    # Destroyed without closing, as in a crash: nothing more runs in that window.
    with qtbot.waitSignal(first.destroyed):
        first.deleteLater()

    second = CaptureWindow()
    qtbot.addWidget(second)
    second.open_capture()
    qtbot.waitExposed(second)
    assert second.editor.toPlainText() == "Coffee with Anna Schmidt, she wants the catalogue"
    assert "is back" in second.notice_text()
    qtbot.waitUntil(lambda: second.client_picker.current is not None)
    assert second.client_picker.current["name"] == "Anna Schmidt"
    second.reject()


def test_the_chosen_client_is_kept_with_the_draft(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Quick call about the renewal.")
    qtbot.keyClicks(capture.client_picker.search, "anna")
    qtbot.keyClick(capture.client_picker.search, Qt.Key.Key_Return)
    capture.reject()
    window.worker.wait()  # the draft is written on the window's worker
    draft = drafts.load_draft()
    assert draft is not None and draft.client is not None
    assert draft.client["name"] == "Anna Schmidt"


def test_save_is_disabled_for_an_empty_note(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    assert not capture.save_button.isEnabled()
    assert chips(capture, "tasks") == []
    qtbot.keyClicks(capture.editor, "x")
    assert capture.save_button.isEnabled()
    capture.editor.clear()
    wait_understood(capture, qtbot)
    assert not capture.save_button.isEnabled()
    capture.editor.setPlainText("   \n  ")
    wait_understood(capture, qtbot)
    assert not capture.save_button.isEnabled()
    save_with_keys(capture, qtbot)  # the keys too: nothing happens but a word
    assert capture.isVisible() and "nothing to save" in capture.notice_text()


def test_a_work_contact_is_a_chip_saved_on_the_client_and_removable(
    window: Any, qtbot: Any
) -> None:
    bob = clients.resolve("Bob Smith")
    capture = open_capture(window, qtbot)
    type_note(
        capture,
        qtbot,
        "Call w/ Bob Smith. Left a voicemail for his assistant Kim. His CFO Dana Wu wants pricing.",
    )
    kim = chip_with(capture, "contacts", "Kim")
    assert kim.text == "Kim \u00b7 assistant"
    assert not any("Kim" in c.text for c in chips(capture, "people")), "not family"
    dana = chip_with(capture, "contacts", "Dana Wu")
    dana.setFocus()
    qtbot.keyClick(dana, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not any("Dana" in c.text for c in chips(capture, "contacts")))
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    assert [(c.name, c.role) for c in clients.get_client(bob.id).contacts] == [("Kim", "assistant")]


def test_a_note_in_another_language_says_only_english_is_understood(
    window: Any, qtbot: Any
) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Dejeuner avec Claire Dubois. Elle veut le devis pour la machine ")
    type_note(capture, qtbot, "avant vendredi et je dois la rappeler demain.")
    assert "Only English is understood" in capture.notice_text()
    assert "French" in capture.notice_text()
    capture.editor.setPlainText("Lunch w/ Bob Smith. Send pricing by Friday.")
    wait_understood(capture, qtbot)
    assert "Only English" not in capture.notice_text()


def test_a_pasted_100kb_note_is_read_in_part_and_saved_whole(window: Any, qtbot: Any) -> None:
    bob = clients.resolve("Bob Smith")
    capture = open_capture(window, qtbot)
    text = "Lunch w/ Bob Smith. Send pricing by Friday.\n" + "Forwarded mail line. " * 5000
    assert len(text) > 100_000
    capture.editor.setPlainText(text)
    wait_understood(capture, qtbot)
    assert "first 12,000 characters" in capture.notice_text()
    assert capture.client_picker.current["id"] == bob.id
    save_with_keys(capture, qtbot)
    qtbot.waitUntil(lambda: not capture.isVisible())
    assert len(clients.profile(bob.id).interactions[0].raw_text) == len(text)


def test_save_errors_show_inline_and_keep_the_note(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.store.errors import DiskFullError

    def full(*_args: Any, **_kwargs: Any) -> Any:
        raise DiskFullError("the disk is full; free some space and try again")

    monkeypatch.setattr(drafts, "save_note", full)
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch w/ Bob Smith. Send pricing by Friday.")
    save_with_keys(capture, qtbot)
    assert capture.isVisible()
    assert "Not saved: The disk is full" in capture.notice_text()
    assert capture.editor.toPlainText() == "Lunch w/ Bob Smith. Send pricing by Friday."
    window.worker.wait()  # the draft is written on the window's worker
    draft = drafts.load_draft()
    assert draft is not None and draft.text.startswith("Lunch")


def test_a_draft_that_cannot_be_written_is_said_once(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.store.errors import ReadOnlyError

    calls: list[str] = []

    def read_only(text: str, client: Any = None) -> Any:
        calls.append(text)
        raise ReadOnlyError("the database is read-only; check the permissions")

    monkeypatch.setattr(drafts, "save_draft", read_only)
    capture = open_capture(window, qtbot)
    said: list[str] = []
    original = capture.notice.say
    monkeypatch.setattr(
        capture.notice,
        "say",
        lambda slot, level, text: (said.append(slot), original(slot, level, text)),
    )
    type_note(capture, qtbot, "Call with Bob Smith.")
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)
    type_note(capture, qtbot, " He wants pricing.")
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=3000)
    assert said.count("draft") == 1
    assert "cannot be kept on disk" in capture.notice_text()
    assert capture.editor.toPlainText() == "Call with Bob Smith. He wants pricing."


def test_a_chip_shows_where_it_came_from(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    # Non-ASCII before the words: Qt counts UTF-16 units, Python code points.
    capture.editor.setPlainText("Lunch w/ Bob Smith 🎣. Bob loves golf. Send pricing by Friday.")
    wait_understood(capture, qtbot)
    fact = chip_with(capture, "facts", "golf")
    fact.setFocus()
    selections = capture.editor.extraSelections()
    assert len(selections) == 1
    assert selections[0].cursor.selectedText() == "Bob loves golf."
    capture.save_button.setFocus()
    assert capture.editor.extraSelections() == []


def test_keyboard_reaches_every_chip_and_delete_removes_it(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch w/ Bob Smith. Bob loves golf. Send pricing by Friday.")
    capture.editor.setFocus()
    qtbot.keyClick(capture.editor, Qt.Key.Key_Tab)
    assert capture.client_picker.button.hasFocus()
    qtbot.keyClick(capture.client_picker.button, Qt.Key.Key_Tab)
    golf = chip_with(capture, "facts", "golf")
    assert golf.hasFocus()
    qtbot.keyClick(golf, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: not chips(capture, "facts"))
    # The focus moves on to the next chip rather than getting lost.
    assert chip_with(capture, "tasks", "pricing").hasFocus()


def test_alt_a_goes_to_the_client(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch w/ Bob Smith.")
    qtbot.keyClick(capture.editor, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert capture.client_picker.button.hasFocus()


def test_an_unparsable_due_date_is_marked_not_applied(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch w/ Bob Smith. Send pricing by Friday.")
    edit = chip_with(capture, "tasks", "pricing").due_edit
    edit.setText("whenever")
    edit.commit()
    assert edit.property("invalid") is True
    edit.setText("")
    edit.commit()
    assert edit.property("invalid") is False
    from rapport.core.understand.edits import apply_edits

    shown = apply_edits(capture.understanding, capture.edits)
    assert shown["tasks"][0]["due"] is None


def test_client_completer_model(window: Any, qtbot: Any, qtmodeltester: Any) -> None:
    capture = open_capture(window, qtbot)
    qtmodeltester.check(capture.client_picker.model)


def test_the_picker_stays_open_while_the_user_picks(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch w/ Bob Smith.")
    picker = capture.client_picker
    next(a for a in picker.menu.actions() if "Another client" in a.text()).trigger()
    assert picker.search.isVisible() and picker.search.hasFocus()
    capture.understand_now()  # the note understood again meanwhile: still picking
    assert picker.search.isVisible()
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)  # back to the chip, window stays
    assert capture.isVisible() and picker.button.isVisible() and picker.button.hasFocus()


def test_opening_again_keeps_what_was_typed_since_the_last_draft(window: Any, qtbot: Any) -> None:
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Lunch w/ Bob Smith.")
    capture.save_draft_now()
    qtbot.keyClicks(capture.editor, " He wants pricing.")  # not yet in the draft
    window.on_remote_capture("")  # `rapport capture` again meanwhile
    assert capture.editor.toPlainText() == "Lunch w/ Bob Smith. He wants pricing."


def test_a_client_found_by_surname_says_so(window: Any, qtbot: Any) -> None:
    # issue 16: a book client said by surname alone is offered, and the picker says how
    szabo = clients.create_client("Ilona Szabo", company="")
    capture = open_capture(window, qtbot)
    type_note(capture, qtbot, "Mrs. Szabo called about the boiler. Quote by Friday.")
    picker = capture.client_picker
    assert picker.current["id"] == szabo.id
    assert picker.how.text() == "in your book, by surname · check it"
