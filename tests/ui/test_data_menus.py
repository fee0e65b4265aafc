"""File ▸ Import/Export and Tools ▸ Back up/Restore/Check, driven like a user."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from rapport.services import backup, clients
from rapport.ui import export_dialog, import_dialog, messages
from rapport.ui.backup_dialogs import DamagedBookDialog, RestoreDialog
from rapport.ui.dialogs import ClientDialog
from rapport.ui.export_dialog import ExportDialog
from rapport.ui.import_dialog import ImportDialog
from tests.safety import book_content, vcard
from tests.ui.form_helpers import click_save, wait_saved

LEFT = Qt.MouseButton.LeftButton


def _names(win: Any) -> list[str]:
    proxy = win.client_list.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def _idle(qtbot: Any, win: Any) -> None:
    qtbot.waitUntil(lambda: not win.worker.busy(), timeout=30000)


def test_menus_have_the_actions_with_shortcuts(window: Any) -> None:
    data = window.data_actions
    file_texts = [a.text() for a in window.file_menu.actions()]
    assert file_texts.index("&Import…") < file_texts.index("Load the &sample book")
    assert "E&xport…" in file_texts
    tools = [a.text() for a in window.tools_menu.actions()]
    assert tools[-3:] == ["&Back up now", "&Restore from backup…", "&Check database"]
    for action in (
        data.import_action,
        data.export_action,
        data.backup_action,
        data.restore_action,
        data.check_action,
    ):
        assert not action.shortcut().isEmpty(), action.text()


def test_import_a_csv_through_mapping_and_preview(
    window: Any,
    qtbot: Any,
    answer_modal: Any,
    monkeypatch: Any,
    tmp_path: Path,
    data_dir: Path,
    qtmodeltester: Any,
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Who,Mail,Employer\n"
        "Dana White,dana@coastal.com,Coastal Freight\n"
        "Bob Smith,bob@acme.com,Other Co\n"
        ",nobody@x.org,\n"
    )
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda _parent: str(path))
    before = book_content(data_dir)
    seen: dict[str, Any] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_MAPPING)
        seen["problem"] = dialog.mapping_error.text()
        assert dialog.mapping_combos["Mail"].currentData() == "email"
        who = dialog.mapping_combos["Who"]
        who.setCurrentIndex(who.findData("name"))
        qtbot.mouseClick(dialog.next_button, LEFT)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PREVIEW)
        seen["unchanged"] = book_content(data_dir) == before
        seen["summary"] = dialog.summary_label.text()
        seen["rows"] = [(i.action, i.name, i.detail) for i in dialog.model.records()]
        qtmodeltester.check(dialog.model)
        assert dialog.back_button.isVisible() and dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, LEFT)

    answer_modal(fill)
    window.data_actions.import_action.trigger()
    assert seen["problem"] == "No column holds a name: map one to a name field"
    assert seen["unchanged"], "nothing is written before Import"
    assert "1 new, 1 already known, 1 skipped" in seen["summary"]
    assert seen["rows"] == [
        ("new", "Dana White", "Coastal Freight · dana@coastal.com"),
        ("known", "Bob Smith", "matches Bob Smith (same name); fills emails"),
        ("skipped", "", "no name"),
    ]
    wait_saved(qtbot, window)  # the list read again on the worker
    assert "Dana White" in _names(window)
    bob = clients.resolve("Bob Smith")
    assert (bob.company, bob.emails) == ("Acme Supply", ["bob@acme.com"])
    assert "Imported 1 new client; 1 known client updated." in window.statusBar().currentMessage()


def test_a_file_that_cannot_be_imported_explains_why(
    window: Any, qtbot: Any, answer_modal: Any, tmp_path: Path, data_dir: Path
) -> None:
    path = tmp_path / "cut.vcf"
    path.write_text((vcard("A") + vcard("B"))[:-12])
    before = book_content(data_dir)
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_ERROR)
        seen.append(dialog.error_label.text())
        assert dialog.cancel_button.text() == "Close" and not dialog.import_button.isVisible()
        qtbot.mouseClick(dialog.cancel_button, LEFT)

    answer_modal(fill)
    window.data_actions.import_file(str(path))
    assert "cut short" in seen[0] and "Nothing was written" in seen[0]
    assert book_content(data_dir) == before


def test_a_windows_file_is_read_as_cp1252_after_asking(
    window: Any, qtbot: Any, answer_modal: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    path = tmp_path / "outlook.csv"
    path.write_bytes("Name,Company\nZoë Müller,Café Größe\n".encode("cp1252"))
    questions: list[str] = []
    monkeypatch.setattr(
        import_dialog, "ask_encoding", lambda _parent, text: questions.append(text) or True
    )

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_MAPPING)
        qtbot.mouseClick(dialog.next_button, LEFT)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PREVIEW)
        assert "Windows-1252" in dialog.source_label.text()
        assert dialog.model.records()[0].name == "Zoë Müller"
        qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)

    answer_modal(fill)
    window.data_actions.import_file(str(path))
    assert questions and "--encoding cp1252" in questions[0]
    assert clients.resolve("Zoë Müller").company == "Café Größe"


def test_cancel_while_importing_writes_nothing(
    window: Any, qtbot: Any, answer_modal: Any, tmp_path: Path, data_dir: Path
) -> None:
    path = tmp_path / "many.vcf"
    path.write_text("".join(vcard(f"Person{n} Family{n}", f"p{n}@x.org") for n in range(300)))
    before = book_content(data_dir)
    notes: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PREVIEW)
        gate = threading.Event()
        window.worker.submit(lambda _ctx: gate.wait(10), name="busy")  # the import queues
        qtbot.mouseClick(dialog.import_button, LEFT)
        assert dialog.pages.currentIndex() == dialog.PAGE_APPLYING
        qtbot.mouseClick(dialog.cancel_button, LEFT)
        assert dialog.isVisible(), "Cancel while importing stops the import, not the dialog"
        gate.set()
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PREVIEW)
        notes.append(dialog.note_label.text())
        qtbot.mouseClick(dialog.cancel_button, LEFT)

    answer_modal(fill)
    window.data_actions.import_file(str(path))
    assert notes == ["The import was cancelled: nothing was written."]
    assert book_content(data_dir) == before
    assert len(_names(window)) == 3


def test_export_through_the_dialog(
    window: Any, qtbot: Any, answer_modal: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    target = tmp_path / "contacts.vcf"
    monkeypatch.setattr(export_dialog, "choose_export_path", lambda _p, fmt: str(target))

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.buttons_by_format["vcard"].click()
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    answer_modal(fill)
    window.data_actions.export_action.trigger()
    _idle(qtbot, window)
    assert "FN:Bob Smith" in target.read_text()
    assert f"Exported to {target}." == window.statusBar().currentMessage()
    assert window.data_actions.last_export_format == "vcard"


def test_back_up_then_restore_from_the_menu(
    window: Any, qtbot: Any, answer_modal: Any, monkeypatch: Any, qtmodeltester: Any
) -> None:
    window.data_actions.backup_action.trigger()
    _idle(qtbot, window)
    assert window.statusBar().currentMessage().startswith("Backed up to ")
    clients.create_client("Added Later")
    window.reload()
    window.open_client(clients.resolve("Maria Gonzalez").id)
    window.delete_client_action.setEnabled(True)
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    window.delete_client_action.trigger()
    wait_saved(qtbot, window)  # deleted on the worker
    assert window.undo_action.isEnabled()
    questions: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        qtmodeltester.check(dialog.model)
        assert dialog.model.record(0).reason == "manual"
        dialog.table.selectRow(0)
        qtbot.mouseClick(dialog.restore_button, LEFT)

    answer_modal(fill)
    monkeypatch.setattr(
        messages, "confirm", lambda _p, _t, text, *_a: questions.append(text) or True
    )
    window.data_actions.restore_action.trigger()
    # The window waits for the book to come back: modal, and nothing to cancel.
    (progress,) = window.findChildren(QProgressDialog)
    assert progress.windowModality() == Qt.WindowModality.WindowModal
    assert progress.findChildren(QPushButton) == []
    _idle(qtbot, window)
    qtbot.waitUntil(lambda: "Added Later" not in _names(window))
    assert not progress.isVisible()
    assert _names(window) == ["Anna Schmidt", "Bob Smith", "Maria Gonzalez"]
    assert "kept as a backup first" in questions[0]
    assert not window.undo_action.isEnabled() and window.undo_stack == []
    assert window.undo_action.text() == "&Undo"
    assert "before-restore" in window.statusBar().currentMessage()


def test_check_database_and_repair_the_index(window: Any, qtbot: Any, monkeypatch: Any) -> None:
    shown: list[str] = []
    monkeypatch.setattr(messages, "info", lambda _p, _t, text: shown.append(text))
    window.data_actions.check_action.trigger()
    _idle(qtbot, window)
    assert shown and shown[0].startswith("Everything is in order.")
    from rapport.store import search

    search.clear()
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, text, *_a: asked.append(text) or True)
    window.data_actions.check_action.trigger()
    _idle(qtbot, window)
    _idle(qtbot, window)
    assert "missing from the search index" in asked[0]
    qtbot.waitUntil(lambda: "Search index rebuilt" in window.statusBar().currentMessage())
    assert [h.title for h in search.search("acme")] == ["Bob Smith"]


def test_check_names_a_schema_rapport_does_not_make(
    window: Any, qtbot: Any, monkeypatch: Any, data_dir: Path
) -> None:
    import sqlite3

    conn = sqlite3.connect(data_dir / "rapport.db")
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON interaction BEGIN DELETE FROM client; END")
    conn.commit()
    conn.close()
    shown: list[str] = []
    monkeypatch.setattr(messages, "info", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(messages, "confirm", lambda *_a: pytest.fail("nothing to repair"))
    window.data_actions.check_action.trigger()
    _idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(shown))
    assert "trigger 'wipe' on interaction" in shown[0]
    assert "Restoring a backup" in shown[0]


def test_daily_backup_when_the_window_starts(window: Any, qtbot: Any, data_dir: Path) -> None:
    window.data_actions.start_auto_backup()
    _idle(qtbot, window)
    autos = [b for b in backup.list_backups() if b.reason == "auto"]
    assert len(autos) == 1
    assert window.statusBar().currentMessage().startswith("Daily backup saved to")
    window.data_actions.start_auto_backup()
    _idle(qtbot, window)
    assert len([b for b in backup.list_backups() if b.reason == "auto"]) == 1


def test_disk_full_keeps_the_form_open_with_what_was_typed(
    window: Any, qtbot: Any, answer_modal: Any, monkeypatch: Any
) -> None:
    from rapport.store.models import db

    # The full disk is this connection's (max_page_count holds per connection): the form
    # saves on it, not on the worker's.
    monkeypatch.setattr(ClientDialog, "saves_on_worker", False)
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    seen: list[tuple[str, str, bool]] = []

    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.name, "Dana White")  # type: ignore[attr-defined]
        dialog.notes.setPlainText("n" * 20000)  # type: ignore[attr-defined]
        click_save(qtbot, dialog)
        seen.append(
            (dialog.error_label.text(), dialog.name.text(), dialog.isVisible())  # type: ignore[attr-defined]
        )
        dialog.reject()  # type: ignore[attr-defined]

    try:
        answer_modal(fill)
        window.new_client_action.trigger()
    finally:
        db.execute_sql("PRAGMA max_page_count = 1073741823")
    assert seen == [("The disk is full; free some space and try again", "Dana White", True)]
    assert "Dana White" not in _names(window)


def test_a_damaged_book_at_start_offers_the_newest_backup(
    qtbot: Any, answer_modal: Any, monkeypatch: Any, data_dir: Path
) -> None:
    from rapport.services.book import close_book, open_book
    from rapport.ui import recovery

    open_book(data_dir)
    clients.create_client("Bob Smith")
    good = backup.backup_now()
    close_book()
    (data_dir / "rapport.db").write_bytes(b"PK\x03\x04 a zip file, not a book" * 50)
    for sidecar in ("rapport.db-wal", "rapport.db-shm"):
        (data_dir / sidecar).unlink(missing_ok=True)
    try:
        open_book(data_dir)
    except backup.DamagedBookError as exc:
        error = exc
    clicked: list[str] = []

    def fill(box: QWidget) -> None:
        assert isinstance(box, DamagedBookDialog)
        assert good.name in box.informativeText()
        clicked.append(box.restore_button.text())  # type: ignore[union-attr]
        box.restore_button.click()  # type: ignore[union-attr]

    answer_modal(fill)
    try:
        book = recovery.recover(data_dir, error)
        assert clicked == ["&Restore newest backup"]
        assert book is not None and not isinstance(book, str)
        assert [c.name for c in clients.list_clients()] == ["Bob Smith"]
        assert list((data_dir / "backups").glob("*-damaged.db"))
    finally:
        close_book()
    monkeypatch.setattr(DamagedBookDialog, "ask", classmethod(lambda *_a: "quit"))
    assert recovery.recover(data_dir, error) == "quit"
    assert recovery.recover(data_dir, ValueError("a bug")) is None
