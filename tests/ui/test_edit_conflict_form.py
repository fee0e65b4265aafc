"""The client and task forms on a team book when a colleague saved the same row meanwhile."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from rapport.services import clients, tasks
from rapport.ui.dialogs import ClientDialog, TaskDialog
from tests.pgserver import TeamBook
from tests.ui.form_helpers import click_save


def _as_bob(team: TeamBook, statement: str, *params: object) -> None:
    with team.server.connect("bob", team.database) as conn:
        conn.execute(statement, params)


def test_the_client_form_says_what_a_colleague_changed_and_saving_again_replaces_it(
    team_book: TeamBook, qtbot: Any, answer_modal: Any
) -> None:
    from rapport.ui.profile import edit_client_form

    ann = clients.create_client("Ann Lee", notes="likes golf")
    refusals: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        qtbot.keyClicks(dialog.role, "Owner")
        _as_bob(team_book, "UPDATE client SET notes = 'moved to Denver' WHERE id = %s", ann.id)
        click_save(qtbot, dialog)
        assert dialog.isVisible()  # refused: what was typed is still there
        assert dialog.role.text() == "Owner"
        refusals.append(dialog.error_label.text())
        click_save(qtbot, dialog)  # the user's choice: theirs replaced by mine

    answer_modal(fill)
    assert edit_client_form(None, clients.profile(ann.id))
    assert refusals == [
        "Bob changed the notes of Ann Lee since you opened it: save again to replace theirs "
        "with yours, or cancel to keep theirs"
    ]
    saved = clients.get_client(ann.id)
    assert (saved.role, saved.notes) == ("Owner", "likes golf")


def test_the_task_form_cancelled_after_a_conflict_keeps_the_colleagues_task(
    team_book: TeamBook, qtbot: Any, answer_modal: Any
) -> None:
    from rapport.services import editing

    task = tasks.add_task("Send the proposal")
    opened = tasks.editing_task(task)
    refusals: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, TaskDialog)
        _as_bob(team_book, "UPDATE task SET due = current_date + 3 WHERE id = %s", task.id)
        qtbot.keyClicks(dialog.title_edit, " today")
        click_save(qtbot, dialog)
        refusals.append(dialog.error_label.text())
        dialog.reject()

    answer_modal(fill)
    assert not TaskDialog.ask(None, editing.Save(tasks.update_task, opened), task=opened.record)
    assert refusals[0].startswith("Bob changed the due date of “Send the proposal”")
    kept = tasks.get_task(task.id)
    assert kept.title == "Send the proposal" and kept.due is not None


def test_reload_theirs_reopens_the_client_form_on_the_colleagues_save(
    team_book: TeamBook, qtbot: Any, answer_modal: Any
) -> None:
    from rapport.ui.profile import edit_client_form

    ann = clients.create_client("Ann Lee", notes="likes golf")
    seen: list[str] = []

    def first(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        assert not dialog.reload_button.isVisible()
        qtbot.keyClicks(dialog.role, "Owner")
        _as_bob(team_book, "UPDATE client SET notes = 'moved to Denver' WHERE id = %s", ann.id)
        click_save(qtbot, dialog)
        assert dialog.reload_button.isVisible()
        answer_modal(second)  # the form again, on bob's save
        dialog.reload_button.click()

    def second(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        seen.append(dialog.notes.toPlainText())
        assert dialog.role.text() == ""  # what was typed went with "Reload theirs"
        qtbot.keyClicks(dialog.role, "Founder")
        click_save(qtbot, dialog)

    answer_modal(first)
    assert edit_client_form(None, clients.profile(ann.id))
    assert seen == ["moved to Denver"]
    saved = clients.get_client(ann.id)
    assert (saved.role, saved.notes) == ("Founder", "moved to Denver")
