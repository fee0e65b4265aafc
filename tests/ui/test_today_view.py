"""The Today page driven like a user: keys on rows, the snooze chooser, away mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from rapport.services import clients, inbound, interactions, introductions, tasks
from rapport.ui.away_dialog import AwayDialog
from rapport.ui.snooze_dialog import SnoozeDialog
from tests.ui.conftest import shown_window
from tests.ui.form_helpers import click_save, wait_saved


@pytest.fixture
def busy(qtbot: Any, sample_book: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The sample book two days after a busy Monday, in a shown, active window."""
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-16")
    bob = clients.resolve("Bob Smith").id
    maria = clients.resolve("Maria Gonzalez").id
    tasks.add_task("Email the deck", bob, "2026-11-17", "promise")
    tasks.add_task("Book the venue", maria, "2026-11-18", "todo")
    tasks.add_task("Call the printer", maria, "2026-11-18", "todo")
    inbound.record_inbound(maria, "voicemail", "2026-11-16 09:00", "Renewal terms")
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18")
    tom = clients.create_client("Tom Lee").id
    introductions.create_introduction(tom, referrer_id=maria)
    yield from shown_window(qtbot, active=True)


def _section(win: Any, key: str) -> Any:
    return win.today_view.sections[key]


def _titles(win: Any, key: str) -> list[str]:
    return [item.task.title for item in _section(win, key).model.records()]


def _focus(win: Any, key: str, row: int = 0) -> Any:
    section = _section(win, key)
    section.enter()
    section.select_row(row)
    return section.table


def test_today_is_the_home_page_with_counts_in_the_title(busy: Any, qtbot: Any) -> None:
    view = busy.today_view
    assert busy.pages.currentWidget() is view
    pages = [a.text() for a in busy.toolbar.actions() if a.text() in ("Today", "Clients")]
    assert pages == ["Today", "Clients"]
    assert busy.view_menu.actions()[0].text() == "Today"
    assert busy.windowTitle() == "Rapport — 1 overdue · 4 due today · 1 to answer"
    assert _titles(busy, "overdue") == ["Email the deck"]
    assert view.sections["at_risk"].empty.isVisible()
    assert view.sections["at_risk"].empty.text() == "No promise at risk."
    qtbot.keyClick(busy, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert busy.pages.currentWidget() is busy.clients_page
    qtbot.keyClick(busy, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert busy.pages.currentWidget() is view


def test_d_marks_done_and_the_cursor_walks_down(busy: Any, qtbot: Any) -> None:
    table = _focus(busy, "due_today")
    first = _section(busy, "due_today").current()
    qtbot.keyClick(table, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: not busy.today_view.saving)  # saved on the worker
    assert tasks.get_task(first.id).status == "done"
    assert first.task.title not in _titles(busy, "due_today")
    # The cursor stays in the list, on the next row, so D again finishes that one.
    following = _section(busy, "due_today").current()
    assert following is not None
    qtbot.keyClick(table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not busy.today_view.saving)  # saved on the worker
    assert tasks.get_task(following.id).status == "done"
    assert "2 due today" in busy.windowTitle()
    # the window's counts move too (read again on the worker): seven open, two done
    qtbot.waitUntil(lambda: busy.counts_label.text() == "4 clients · 5 open tasks")


def test_s_snoozes_through_the_chooser(busy: Any, qtbot: Any, answer_modal: Any) -> None:
    table = _focus(busy, "overdue")
    task_id = _section(busy, "overdue").current().id
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SnoozeDialog)
        qtbot.keyClicks(dialog.phrase, "next week")
        seen.append(dialog.preview.text())
        click_save(qtbot, dialog)

    answer_modal(fill)
    qtbot.keyClick(table, Qt.Key.Key_S)
    assert seen == ["Back on Monday, November 23"]
    assert str(tasks.get_task(task_id).snoozed_until) == "2026-11-23"
    assert _titles(busy, "overdue") == []
    assert _section(busy, "overdue").empty.text() == "Nothing overdue. Nice."


def test_snooze_quick_button_and_refusal_inline(busy: Any, qtbot: Any, answer_modal: Any) -> None:
    table = _focus(busy, "due_today")
    task_id = _section(busy, "due_today").current().id
    errors: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SnoozeDialog)
        qtbot.keyClicks(dialog.phrase, "yesterday")
        click_save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        assert dialog.isVisible()
        qtbot.mouseClick(dialog.tomorrow_button, Qt.MouseButton.LeftButton)

    answer_modal(fill)
    qtbot.keyClick(table, Qt.Key.Key_S)
    assert errors and "after today" in errors[0]
    assert str(tasks.get_task(task_id).snoozed_until) == "2026-11-19"


def test_enter_opens_the_client(busy: Any, qtbot: Any) -> None:
    table = _focus(busy, "replies")
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert busy.pages.currentWidget() is busy.clients_page
    assert busy.profile.current.client.name == "Maria Gonzalez"
    # The voicemail shows on her profile, waiting.
    assert "Waiting on me" in busy.profile.overview.toPlainText()


def test_c_copies_the_running_late_note(busy: Any, qtbot: Any) -> None:
    table = _focus(busy, "overdue")
    qtbot.keyClick(table, Qt.Key.Key_C)
    text = QGuiApplication.clipboard().text()
    assert text.startswith(("Hi Bob", "Hello Bob")) and "the deck" in text
    assert "Copied the running-late note to Bob Smith" in busy.statusBar().currentMessage()


def test_l_records_the_late_note_and_moves_the_promise(busy: Any, qtbot: Any) -> None:
    table = _focus(busy, "overdue")
    task_id = _section(busy, "overdue").current().id
    qtbot.keyClick(table, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: not busy.today_view.saving)  # saved on the worker
    task = tasks.get_task(task_id)
    assert str(task.due) == "2026-11-20" and task.late_notice_at is not None
    assert _titles(busy, "overdue") == []


def test_a_and_t_close_replies_and_thank_yous(busy: Any, qtbot: Any) -> None:
    table = _focus(busy, "replies")
    qtbot.keyClick(table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: not busy.today_view.saving)  # saved on the worker
    assert inbound.list_awaiting() == []
    assert _section(busy, "replies").empty.isVisibleTo(busy)
    table = _focus(busy, "thank_yous")
    meeting = _section(busy, "thank_yous").current()
    qtbot.keyClick(table, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: not busy.today_view.saving)  # saved on the worker
    assert interactions.history(meeting.client_id)[0].thanked_at is not None
    assert _section(busy, "thank_yous").count() == 0


def test_arrow_keys_cross_from_one_list_to_the_next(busy: Any, qtbot: Any) -> None:
    view = busy.today_view
    table = _focus(busy, "overdue")
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert view.current()[0] == "due_today"
    assert _section(busy, "due_today").table.currentIndex().row() == 0
    assert _section(busy, "overdue").current() is None  # one cursor on the page
    qtbot.keyClick(_section(busy, "due_today").table, Qt.Key.Key_Up)
    assert view.current()[0] == "overdue"


def test_changes_elsewhere_refresh_today(busy: Any, qtbot: Any) -> None:
    busy.open_client(clients.resolve("Bob Smith").id)
    section = busy.profile.tasks
    row = next(i for i, t in enumerate(section.model.records()) if t.title == "Email the deck")
    section.table.setCurrentIndex(section.proxy.mapFromSource(section.model.index(row, 0)))
    busy.profile.toggle_done()
    wait_saved(qtbot, busy)  # done, then Today read again, on the worker
    assert _titles(busy, "overdue") == []
    assert busy.windowTitle().startswith("Rapport — 4 due today")


def test_away_mode_from_the_dialog(busy: Any, qtbot: Any, answer_modal: Any) -> None:
    previews: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AwayDialog)
        assert not dialog.off_button.isVisible()
        qtbot.keyClicks(dialog.until, "next friday")
        qtbot.keyClicks(dialog.backup_name, "Dana Lee")
        qtbot.keyClicks(dialog.backup_contact, "dana@example.com")
        previews.append(dialog.preview.toPlainText())
        click_save(qtbot, dialog)

    answer_modal(fill)
    busy.today_view.away_action.trigger()
    assert "back on Monday, Nov 30" in previews[0] and "Dana Lee" in previews[0]
    view = busy.today_view
    assert view.header.banner.isVisible() and "You are away" in view.header.banner.text()
    assert _titles(busy, "overdue") == [] and busy.windowTitle() == "Rapport — away until Nov 27"
    view.copy_action.trigger()
    assert "Dana Lee at dana@example.com" in QGuiApplication.clipboard().text()

    def turn_off(dialog: QWidget) -> None:
        assert isinstance(dialog, AwayDialog) and dialog.off_button.isVisible()
        qtbot.mouseClick(dialog.off_button, Qt.MouseButton.LeftButton)

    answer_modal(turn_off)
    view.header.away_button.click()
    assert not view.header.banner.isVisible() and _titles(busy, "overdue") == ["Email the deck"]


def test_empty_book_welcome(qtbot: Any, data_dir: Path) -> None:
    from rapport.services.book import close_book, current_book, open_book
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    open_book(data_dir)
    try:
        win = MainWindow(current_book(), Worker())
        qtbot.addWidget(win)
        win.show()
        view = win.today_view
        qtbot.waitUntil(lambda: view.data is not None)  # read after the first paint
        assert view.header.welcome.isVisible() and not view.sections["overdue"].isVisible()
        assert win.windowTitle() == "Rapport"
        clients.create_client("Dana White")
        win.reload()
        assert not view.header.welcome.isVisible()
        assert view.sections["overdue"].empty.text() == "Nothing overdue. Nice."
    finally:
        close_book()


def test_profile_shows_the_score_and_the_introduction(busy: Any) -> None:
    tasks.complete_task(next(t.id for t in tasks.list_tasks() if t.title == "Email the deck"))
    busy.open_client(clients.resolve("Bob Smith").id)
    assert "Follow-through: 0% kept on time (0 of 1)" in busy.profile.header.text()
    busy.open_client(clients.resolve("Tom Lee").id)
    overview = busy.profile.overview.toPlainText()
    assert "Maria Gonzalez introduced Tom Lee" in overview
    assert "Email Tom Lee (Maria's introduction)" in overview


def test_section_models_pass_the_model_tester(busy: Any, qtmodeltester: Any) -> None:
    for section in busy.today_view.sections.values():
        qtmodeltester.check(section.model)


def test_record_a_message_and_an_introduction_by_hand(
    busy: Any, qtbot: Any, answer_modal: Any
) -> None:
    from rapport.ui.followup_dialogs import InboundDialog, IntroductionDialog

    busy.open_client(clients.resolve("Anna Schmidt").id)

    def message(dialog: QWidget) -> None:
        assert isinstance(dialog, InboundDialog)
        dialog.channel.setCurrentText("email")
        qtbot.keyClicks(dialog.summary, "Can we move the visit?")
        click_save(qtbot, dialog)

    answer_modal(message)
    qtbot.keyClick(
        busy, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    wait_saved(qtbot, busy)  # the profile and Today read again on the worker
    assert "Can we move the visit?" in busy.profile.overview.toPlainText()
    replies = [(a.client, a.channel) for a in _section(busy, "replies").model.records()]
    assert ("Anna Schmidt", "email") in replies

    def intro(dialog: QWidget) -> None:
        assert isinstance(dialog, IntroductionDialog)
        # setText: typing would open the completer popup (offscreen cannot grab the keyboard).
        dialog.referrer.setText("Bob Smith")
        click_save(qtbot, dialog)

    answer_modal(intro)
    busy.record_intro_action.trigger()
    wait_saved(qtbot, busy)  # the profile and Today read again on the worker
    assert "Bob Smith introduced Anna Schmidt" in busy.profile.overview.toPlainText()
    assert "Thank Bob for introducing Anna Schmidt" in _titles(busy, "due_today")
