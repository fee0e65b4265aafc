"""Choosing a backup to restore, the check report, and the damaged-book question at start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rapport import clock
from rapport.core.formats import stamp_label
from rapport.services.backup import BackupFile
from rapport.ui.table_model import Column, RecordTableModel

KINDS = {
    "auto": "Automatic",
    "manual": "Made by you",
    "before-restore": "Before a restore",
    "damaged": "Damaged book (kept)",
}
COLUMNS: list[Column[BackupFile]] = [
    Column("When", lambda b: stamp_label(b.when, clock.today()), sort=lambda b: b.when),
    Column(
        "Kind",
        lambda b: (
            KINDS.get(b.reason)
            or b.reason.replace("before-migration-v", "Before an update from schema ")
        ),
    ),
    Column(
        "Size", lambda b: f"{max(1, b.size // 1024):,} KB", sort=lambda b: b.size, align_right=True
    ),
    Column("File", lambda b: b.path.name, tooltip=lambda b: str(b.path)),
]


def choose_backup_file(parent: QWidget | None, folder: Path | None = None) -> str:
    """The open dialog for a backup elsewhere (tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(
        parent, "Restore from backup", str(folder or Path.home()), "Backups (*.db);;All files (*)"
    )
    return path


class RestoreDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, backups: list[BackupFile], folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.chosen_path: Path | None = None
        self.setWindowTitle("Restore from backup")
        self.setModal(True)
        self.resize(640, 380)
        self.setMinimumSize(420, 240)  # the wrapped intro stays readable when shrunk
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Choose the backup to bring back. Your book as it is now is kept as a backup "
            "first, so a restore can itself be undone."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        usable = [b for b in backups if b.reason != "damaged"]
        self.model: RecordTableModel[BackupFile] = RecordTableModel(COLUMNS, self)
        self.model.set_rows(usable)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.empty_label = QLabel("No backups yet. Tools ▸ Back up now makes one.")
        layout.addWidget(self.table if usable else self.empty_label, 1)
        if usable:
            self.table.selectRow(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setEnabled(bool(usable))
        self.other_button = QPushButton("&Other file…")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.other_button.clicked.connect(self._other)
        layout.addWidget(self.buttons)

    def _other(self) -> None:
        path = choose_backup_file(self, self.folder)
        if path:
            self.chosen_path = Path(path)
            super().accept()

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen_path = self.model.record(rows[0].row()).path
            super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, backups: list[BackupFile], folder: Path | None = None
    ) -> Path | None:
        dialog = cls(parent, backups, folder)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        path = dialog.chosen_path if accepted else None
        dialog.deleteLater()
        return path


class DamagedBookDialog(QMessageBox):
    """At start: the book cannot be opened. Restore the newest backup, another, or quit."""

    def __init__(self, parent: QWidget | None, message: str, newest: Path | None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("Rapport: the book cannot be opened")
        self.setText("Your book cannot be opened: the file is damaged or is not a Rapport book.")
        detail = (
            f"Restore the newest backup, from {newest.name}? "
            if newest
            else "No backup was found. "
        )
        self.setInformativeText(
            detail + "The damaged file is not deleted: it is moved to the backups folder, "
            "where it can still be examined."
        )
        self.setDetailedText(message)
        self.restore_button = (
            self.addButton("&Restore newest backup", QMessageBox.ButtonRole.AcceptRole)
            if newest
            else None
        )
        self.choose_button = self.addButton("&Choose a backup…", QMessageBox.ButtonRole.ActionRole)
        self.quit_button = self.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_button or self.quit_button)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, newest: Path | None) -> str:
        """'restore', 'choose' or 'quit'."""
        box = cls(parent, message, newest)
        box.exec()
        clicked = box.clickedButton()
        answer = (
            "restore"
            if clicked is not None and clicked is box.restore_button
            else "choose"
            if clicked is box.choose_button
            else "quit"
        )
        box.deleteLater()
        return answer
