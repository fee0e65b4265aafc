"""Our own exports imported again through the real import dialog, driven like a user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from rapport.services import clients, exchange
from rapport.ui.import_dialog import ImportDialog
from tests.safety import book_content


def _names(win: Any) -> list[str]:
    proxy = win.client_list.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_a_rapport_csv_export_imports_again_without_a_column_mapping(
    window: Any, qtbot: Any, answer_modal: Any, tmp_path: Path
) -> None:
    exchange.export(tmp_path / "book.csv", "csv")
    maria = clients.resolve("Maria Gonzalez")
    clients.delete_client(maria.id)
    window.reload()
    seen: dict[str, Any] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() != dialog.PAGE_READING)
        seen["page"] = dialog.pages.currentIndex()
        seen["summary"] = dialog.summary_label.text()
        assert dialog.pages.currentIndex() == dialog.PAGE_PREVIEW, "asked for a mapping"
        # Enter on the preview list imports (Import is the default button).
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    answer_modal(fill)
    window.data_actions.import_file(str(tmp_path / "book-clients.csv"))
    assert seen["page"] == ImportDialog.PAGE_PREVIEW
    assert "1 new, 2 already known, 0 skipped" in seen["summary"]
    qtbot.waitUntil(lambda: "Maria Gonzalez" in _names(window))
    assert clients.resolve("Maria Gonzalez").company == "Peachtree Partners"
    message = window.statusBar().currentMessage()
    assert message == "Imported 1 new client; 0 known clients updated."


def test_the_tasks_table_of_a_csv_export_is_refused_with_the_reason(
    window: Any, qtbot: Any, answer_modal: Any, tmp_path: Path, data_dir: Path
) -> None:
    exchange.export(tmp_path / "book.csv", "csv")
    before = book_content(data_dir)
    seen: dict[str, str] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_ERROR)
        seen["error"] = dialog.error_label.text()
        seen["source"] = dialog.source_label.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answer_modal(fill)
    window.data_actions.import_file(str(tmp_path / "book-tasks.csv"))
    assert "tasks table of a Rapport CSV export" in seen["error"]
    assert "Nothing was written" in seen["error"]
    assert "Reading" not in seen["source"] and "book-tasks.csv" in seen["source"]
    assert book_content(data_dir) == before


def test_a_french_sheet_keeps_first_and_family_name(
    window: Any, qtbot: Any, answer_modal: Any, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Nom;Prénom;Société\nMüller;Jürgen;Café Größe\n", encoding="utf-8")
    seen: dict[str, Any] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_MAPPING)
        seen["nom"] = dialog.mapping_combos["Nom"].currentData()
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PREVIEW)
        seen["names"] = [item.name for item in dialog.model.records()]
        qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)

    answer_modal(fill)
    window.data_actions.import_file(str(path))
    assert seen == {"nom": "last_name", "names": ["Jürgen Müller"]}


def test_the_encoding_question_gives_no_command_line_advice(
    window: Any, qtbot: Any, answer_modal: Any, tmp_path: Path
) -> None:
    path = tmp_path / "outlook.csv"
    path.write_bytes("Name,Company\nJürgen Müller,Café Größe\n".encode("cp1252"))
    seen: dict[str, Any] = {}

    def answer_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer_box)
            return
        seen["question"] = box.informativeText()
        qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_MAPPING)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PREVIEW)
        seen["names"] = [item.name for item in dialog.model.records()]
        qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer_box)
    answer_modal(fill)
    window.data_actions.import_file(str(path))
    assert "Windows-1252" in seen["question"] and "byte 14" in seen["question"]
    assert "--encoding" not in seen["question"]
    assert seen["names"] == ["Jürgen Müller"]
