"""Print envelope…: the envelope for a client, previewed, printed or saved as a PDF.

Open it with ``print_envelope(parent, client_id)`` (Client menu, Ctrl+Shift+V; the
profile's Envelope… button). The size follows the card by default; "To the household"
addresses it to the couple when the client has a spouse or partner in the book. A client
without an address gets no envelope: the window says "add Dana's address first" and the
client form opens on the address (``open_address_form``), the composer's "Print card and
envelope" does the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rapport import clock
from rapport.core import envelopes as core
from rapport.render import envelope_print
from rapport.services import addresses, clients, envelopes
from rapport.ui import messages, theme
from rapport.ui.profile import edit_client_form


def ask_pdf_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save the PDF (tests replace this function)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Export the envelope as PDF", suggested, "PDF files (*.pdf)"
    )
    return path or None


def open_address_form(parent: QWidget | None, client_id: int) -> bool:
    """The client form, opened on the address; True when it was saved."""
    return edit_client_form(parent, clients.profile(client_id), focus="address")


def mailing_envelope(
    parent: QWidget | None,
    client_id: int,
    said: Callable[[str], None],
    household: bool = False,
) -> core.Envelope | None:
    """The client's envelope. Without an address: ``said`` shows "Add Dana's address
    first", the client form opens on the address, and once it is saved with one the
    envelope is returned after all; None when the form is cancelled or left empty."""
    try:
        return envelopes.envelope_for(client_id, household=household)
    except addresses.NoAddressError as exc:
        said(f"{str(exc)[:1].upper()}{str(exc)[1:]}: it goes on the envelope.")
    if not open_address_form(parent, client_id):
        return None
    try:
        envelope = envelopes.envelope_for(client_id, household=household)
    except addresses.NoAddressError:
        return None  # saved without one: the message stands
    said("Address saved.")
    return envelope


def print_envelope(parent: QWidget | None, client_id: int, said: Callable[[str], None]) -> None:
    """The envelope window for a client, after the address form when they have none."""
    if mailing_envelope(parent, client_id, said) is None:
        return
    dialog = EnvelopeDialog(parent, client_id)
    dialog.exec()
    dialog.deleteLater()


class EnvelopeDialog(QDialog):
    def __init__(self, parent: QWidget | None, client_id: int) -> None:
        super().__init__(parent)
        self.client = clients.get_client(client_id)
        self.target = addresses.mailing_target(client_id)  # NoAddressError: caller checks
        self.setWindowTitle(f"Envelope to {self.client.name}")
        self.setModal(True)

        self.size_box = QComboBox()
        self.size_box.setAccessibleName("Envelope size")
        for key, size in core.ENVELOPE_SIZES.items():
            self.size_box.addItem(size.label, key)
        self.size_box.setCurrentIndex(max(self.size_box.findData(envelopes.default_size()), 0))
        household = self.target.household
        self.household = QCheckBox(
            f"To the &household ({household.replace('&', '&&')})"
            if household
            else "To the &household"
        )
        self.household.setAccessibleName("To the household")
        self.household.setEnabled(bool(household))
        self.household.setToolTip(
            "Address it to the couple"
            if household
            else "Add a spouse or partner in People to address it to the household"
        )
        form = QFormLayout()
        form.addRow("Envelope &size:", self.size_box)
        form.addRow("", self.household)

        self.preview = QLabel()
        self.preview.setAccessibleName("Envelope preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(420, 260)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.fit_label = QLabel()
        self.fit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setAccessibleName("Status")

        self.print_button = self._button("&Print…", "Ctrl+P", "Preview and print the envelope")
        self.pdf_button = self._button("&Export PDF…", "Ctrl+Shift+E", "Save an envelope-sized PDF")
        self.close_button = QPushButton("Close")
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(self.preview, 1)
        outer.addWidget(self.fit_label)
        outer.addWidget(self.status)
        outer.addLayout(buttons)
        self.resize(640, 520)

        self.size_box.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.household.toggled.connect(lambda _on: self.update_preview())
        self.print_button.clicked.connect(self.print_envelope)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.close_button.clicked.connect(self.reject)
        self.update_preview()
        self.size_box.setFocus()

    def _button(self, text: str, shortcut: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setShortcut(QKeySequence(shortcut))
        button.setToolTip(f"{tip} ({shortcut})")
        button.setAutoDefault(False)
        return button

    def size_key(self) -> str:
        return str(self.size_box.currentData())

    def envelope(self) -> core.Envelope:
        return envelopes.envelope_for(self.client.id, household=self.household.isChecked())

    def update_preview(self) -> None:
        area = self.preview.size()
        try:
            image, laid = envelope_print.preview_image(
                self.envelope(), self.size_key(), area.width() - 8, area.height() - 8
            )
        except core.EnvelopeFitError as exc:
            self.preview.clear()
            self.fit_label.setText(f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
            self.fit_label.setStyleSheet(f"color: {theme.warning_color().name()}")
            self.print_button.setEnabled(False)
            self.pdf_button.setEnabled(False)
            return
        self.preview.setPixmap(QPixmap.fromImage(image))
        note = " (set smaller to fit)" if laid.recipient.shrunk else ""
        self.fit_label.setText(
            f"{laid.size.label} · address at {laid.recipient.font_pt:g} pt{note}"
        )
        self.fit_label.setStyleSheet("")
        self.print_button.setEnabled(True)
        self.pdf_button.setEnabled(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.update_preview()

    def make_print_preview(self) -> Any:
        """The print preview dialog for this envelope (not yet shown)."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        envelope_print.prepare_printer(printer, self.size_key())
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(f"Print the envelope to {self.client.name}")
        envelope, size = self.envelope(), self.size_key()
        dialog.paintRequested.connect(
            lambda p: envelope_print.render_envelopes(p, [envelope], size)
        )
        dialog.printer_ref = printer  # type: ignore[attr-defined]  # keep it alive
        return dialog

    def print_envelope(self) -> None:
        dialog = self.make_print_preview()
        dialog.exec()
        dialog.deleteLater()

    def export_pdf(self) -> None:
        suggested = f"Envelope to {self.client.name} {clock.today().isoformat()}.pdf"
        path = ask_pdf_path(self, suggested)
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            envelope_print.export_pdf(
                path, [self.envelope()], self.size_key(), title=f"Envelope to {self.client.name}"
            )
        except Exception as exc:
            messages.show_error(self, exc, "export the PDF")
            return
        self.status.setText(f"Saved {path}.")
