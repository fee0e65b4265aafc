"""Choosing what to export: one format at a time, each explained in a line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

# format -> (button text, explanation, file name suggested, file dialog filter)
FORMATS: dict[str, tuple[str, str, str, str]] = {
    "json": (
        "&Everything (JSON)",
        "A complete copy of your book that Rapport can import again.",
        "rapport-export.json",
        "JSON (*.json)",
    ),
    "csv": (
        "&Spreadsheet (CSV)",
        "Two tables for Excel or LibreOffice: NAME-clients.csv and NAME-tasks.csv.",
        "rapport.csv",
        "CSV (*.csv)",
    ),
    "vcard": (
        "&Contacts (vCard)",
        "Your clients with their details and family, for an address book.",
        "rapport-contacts.vcf",
        "vCard (*.vcf)",
    ),
    "ics": (
        "Ca&lendar (iCalendar)",
        "Open tasks with reminders, birthdays and anniversaries every year. Importing "
        "it again later updates the same entries.",
        "rapport-calendar.ics",
        "iCalendar (*.ics)",
    ),
}


def choose_export_path(parent: QWidget | None, format: str) -> str:
    """The save dialog (tests replace this function)."""
    _text, _about, suggested, file_filter = FORMATS[format]
    path, _ = QFileDialog.getSaveFileName(
        parent, "Export", str(Path.home() / suggested), file_filter
    )
    return path


class ExportDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, current: str = "json", encrypted: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setModal(True)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Export your book as:"))
        self.group = QButtonGroup(self)
        self.buttons_by_format: dict[str, QRadioButton] = {}
        for format, (text, about, _name, _filter) in FORMATS.items():
            button = QRadioButton(text)
            button.setChecked(format == current)
            self.group.addButton(button)
            self.buttons_by_format[format] = button
            layout.addWidget(button)
            label = QLabel(about)
            label.setWordWrap(True)
            label.setIndent(24)
            label.setEnabled(False)  # reads as secondary text in every theme
            layout.addWidget(label)
        self.not_encrypted = QLabel(
            "Your book is encrypted, but the exported file will not be: anyone who has it "
            "can read it. Keep it somewhere safe and delete it when you are done."
        )
        self.not_encrypted.setObjectName("notEncryptedNote")
        self.not_encrypted.setWordWrap(True)
        self.not_encrypted.setVisible(encrypted)
        layout.addWidget(self.not_encrypted)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Choose &file…")  # Alt+C is Contacts (vCard)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def chosen(self) -> str:
        return next(f for f, b in self.buttons_by_format.items() if b.isChecked())

    @classmethod
    def ask(
        cls, parent: QWidget | None, current: str = "json", encrypted: bool = False
    ) -> str | None:
        """The chosen format, or None when cancelled (``encrypted``: the book is, so the
        dialog says that the exported file is not)."""
        dialog = cls(parent, current, encrypted)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        format = dialog.chosen() if accepted else None
        dialog.deleteLater()
        return format
