"""The thank-you note composer: a draft to edit freely, a live card preview, print and PDF.

Open it with ``compose_note(parent, client_id, interaction_id=None)`` (the Client menu,
Ctrl+Shift+T; the Today view's thank-you item). The draft comes from ``services.cards``;
whatever the user types wins: changing the occasion or the conversation redrafts only
while the text is untouched (Redraft asks first). The signature applies as it is typed.
Closing with edits not saved asks: save the draft (an unsent card, there next time),
discard them, or stay. "Mark as sent" closes the thank-you it answers. "Print card &
envelope" prints the card and then its envelope (ui/envelope_print.py) in one job.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rapport import clock
from rapport.core import records as r
from rapport.core.cards import CARD_SIZES, OCCASIONS, layout
from rapport.core.envelopes import EnvelopeFitError, envelope_for_card
from rapport.core.notes import UNSIGNED, NoteDraft
from rapport.render import card_print, envelope_print
from rapport.services import book, cards, clients, settings
from rapport.ui import envelope_dialog, messages, theme
from rapport.ui.worker import Worker

DETAIL_HINTS = {
    "referral_thanks": "Who they introduced you to",
    "gift_thanks": "What they gave you, e.g. the bottle of olive oil",
    "congratulations": "What to congratulate, e.g. your promotion",
}


# The draft's note about a missing signature, as it reads in this window (the field is here).
SIGN_HERE = "Type your name in Signature above to sign the card."


def ask_unsaved(parent: QWidget | None) -> str:
    """Closing with unsaved edits: "save", "discard" or "cancel" (staying in the window)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unsaved note")
    box.setText("Save your edits to this note as a draft?")
    box.setInformativeText("A saved draft opens again the next time you write to them.")
    save = box.addButton("&Save draft", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def ask_pdf_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save the PDF (tests replace this function)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Export the card as PDF", suggested, "PDF files (*.pdf)"
    )
    return path or None


def compose_note(
    parent: QWidget | None, client_id: int, interaction_id: int | None = None
) -> r.Card | None:
    """Open the composer; the card marked sent, or None."""
    dialog = NoteComposer(parent, client_id, interaction_id)
    dialog.exec()
    result = dialog.sent_card
    dialog.deleteLater()
    return result


class NoteComposer(QDialog):
    busyWaiting = Signal(str)  # from the worker's thread: the save waits for an import

    def __init__(
        self, parent: QWidget | None, client_id: int, interaction_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.client = clients.get_client(client_id)
        self.card_id: int | None = None
        self.sent_card: r.Card | None = None
        self.generated = ""  # the last draft produced, to know if the user edited it
        self.saved_text: str | None = None  # the text as last saved (or picked up) as a draft
        self.signed_as = ""  # the signature the note's text ends with, as last applied
        self.draft: NoteDraft | None = None
        self.saving = False  # a save is on its way to the book (on the window's worker)
        self.setWindowTitle(f"Note to {self.client.name}")
        self.setModal(True)

        self.occasion = QComboBox()
        for key in OCCASIONS:
            self.occasion.addItem(cards.templates().label(key), key)
        self.conversation = QComboBox()
        self.conversation.addItem("(the latest)", None)
        for talk in cards.conversations(client_id):
            title = talk.title or talk.kind.capitalize()
            self.conversation.addItem(f"{talk.happened_at:%b %-d} · {title}", talk.id)
        if interaction_id is not None:
            self.conversation.setCurrentIndex(max(self.conversation.findData(interaction_id), 0))
        self.detail = QLineEdit()
        self.size_box = QComboBox()
        for key, size in CARD_SIZES.items():
            self.size_box.addItem(size.label, key)
        self.size_box.setCurrentIndex(max(self.size_box.findData(settings.get("card_size")), 0))
        self.folded = QCheckBox("&Folded (note on the inside right)")
        self.font_box = QComboBox()
        for key, label in card_print.FONT_CHOICES.items():
            if key == "handwriting" and card_print.handwriting_family() is None:
                continue
            self.font_box.addItem(label, key)
        font = settings.get("card_font") or card_print.DEFAULT_FONT
        self.font_box.setCurrentIndex(max(self.font_box.findData(font), 0))
        self.signature_kept = cards.signature()  # as in the book (or on its way there)
        self.signature = QLineEdit(self.signature_kept)
        self.signature.setPlaceholderText("Your name, as you sign cards")

        form = QFormLayout()
        for label, widget, name in (
            ("&Occasion:", self.occasion, "Occasion"),
            ("&About:", self.conversation, "Conversation"),
            ("&Detail:", self.detail, "Detail"),
            ("Card &size:", self.size_box, "Card size"),
            ("", self.folded, "Folded"),
            ("F&ont:", self.font_box, "Font"),
            ("Si&gnature:", self.signature, "Signature"),
        ):
            widget.setAccessibleName(name)
            form.addRow(label, widget)

        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Note text")
        self.text.setTabChangesFocus(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(f"color: {theme.caution_color().name()}")
        theme.follow_palette(self, self._recolour)
        self.redraft_button = QPushButton("&Redraft")
        self.redraft_button.setToolTip("Write the draft again from what Rapport knows (Ctrl+R)")
        self.redraft_button.setShortcut(QKeySequence("Ctrl+R"))
        self.redraft_button.setAutoDefault(False)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.text, 1)
        left.addWidget(self.notes)
        left.addWidget(self.redraft_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.preview = QLabel()
        self.preview.setAccessibleName("Card preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(300, 300)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.fit_label = QLabel()
        self.fit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.fit_label)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        self.print_button = self._button("&Print…", "Ctrl+P", "Preview and print the card")
        self.both_button = self._button(
            "Print card && en&velope…",
            "Ctrl+Shift+P",
            "Preview and print the card, then its envelope, in one job",
        )
        self.pdf_button = self._button("&Export PDF…", "Ctrl+Shift+E", "Save a card-sized PDF")
        self.copy_button = self._button("&Copy", "Ctrl+Shift+C", "Copy the note's text")
        self.save_button = self._button("Sa&ve draft", "Ctrl+S", "Keep this draft for later")
        self.sent_button = self._button(
            "&Mark as sent", "Ctrl+Return", "The card went out: close the thank-you"
        )
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Close (Esc); asks first when there are unsaved edits")
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.both_button, self.pdf_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.save_button, self.sent_button, self.close_button):
            buttons.addWidget(button)
        self.status = QLabel()
        self.status.setAccessibleName("Status")

        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.status)
        outer.addLayout(buttons)
        self.resize(980, 640)

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(120)
        self._connect_signals()
        self._load()
        self.text.setFocus()  # the draft is what the user reads and edits first

    def _button(self, text: str, shortcut: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setShortcut(QKeySequence(shortcut))
        button.setToolTip(f"{tip} ({shortcut})")
        button.setAutoDefault(False)
        return button

    def _connect_signals(self) -> None:
        self.occasion.currentIndexChanged.connect(lambda _i: self._options_changed())
        self.conversation.currentIndexChanged.connect(lambda _i: self._options_changed())
        self.detail.editingFinished.connect(self._options_changed)
        self.signature.textChanged.connect(self._signature_typed)
        self.signature.editingFinished.connect(self._save_signature)
        self.size_box.currentIndexChanged.connect(lambda _i: self._card_changed())
        self.folded.toggled.connect(lambda _on: self._card_changed())
        self.font_box.currentIndexChanged.connect(lambda _i: self._card_changed())
        self.text.textChanged.connect(self.preview_timer.start)
        self.preview_timer.timeout.connect(self.update_preview)
        self.redraft_button.clicked.connect(self.redraft)
        self.print_button.clicked.connect(self.print_card)
        self.both_button.clicked.connect(self.print_card_and_envelope)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.copy_button.clicked.connect(self.copy_text)
        self.save_button.clicked.connect(lambda: self.save_draft())
        self.busyWaiting.connect(self._show_busy_wait)
        self.sent_button.clicked.connect(self.mark_sent)
        self.close_button.clicked.connect(self.reject)

    # -- the draft -------------------------------------------------------------------------
    def _load(self) -> None:
        self._redraft(force=True)
        talk = self.draft.interaction_id if self.draft else self.conversation.currentData()
        saved = cards.unsent_card(self.client.id, talk)
        if saved is not None:
            self.card_id = saved.id
            self.occasion.blockSignals(True)
            self.occasion.setCurrentIndex(max(self.occasion.findData(saved.occasion), 0))
            self.occasion.blockSignals(False)
            self.size_box.setCurrentIndex(max(self.size_box.findData(saved.card_size), 0))
            self.text.setPlainText(saved.body)
            self.saved_text = saved.body
            self.status.setText("Picked up your saved draft.")
        self._card_changed()

    def edited(self) -> bool:
        return self.text.toPlainText().strip() != self.generated.strip()

    def unsaved(self) -> bool:
        """Edits that closing would lose: the text is neither the draft nor as saved."""
        text = self.text.toPlainText().strip()
        if not text or not self.edited():
            return False
        return self.saved_text is None or text != self.saved_text.strip()

    def _options_changed(self) -> None:
        occasion = self.occasion.currentData()
        self.detail.setEnabled(occasion in DETAIL_HINTS)
        self.detail.setPlaceholderText(DETAIL_HINTS.get(occasion, "Not needed for this note"))
        if not self.edited():
            self._redraft(force=True)

    def _redraft(self, force: bool = False) -> None:
        occasion = str(self.occasion.currentData())
        detail = self.detail.text().strip() or None
        try:
            self.draft = cards.draft_note(
                self.client.id,
                occasion,
                self.conversation.currentData(),
                lead=detail if occasion == "referral_thanks" else None,
                gift=detail if occasion == "gift_thanks" else None,
                news=detail if occasion == "congratulations" else None,
                signed=self.signature.text().strip(),
            )
        except Exception as exc:
            messages.show_error(self, exc, "draft the note")
            return
        self.generated = self.draft.text
        self.signed_as = self.signature.text().strip()
        self.text.setPlainText(self.draft.text)
        notes = [SIGN_HERE if note == UNSIGNED else note for note in self.draft.notes]
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(self.draft.notes))
        self.detail.setEnabled(occasion in DETAIL_HINTS)
        self.detail.setPlaceholderText(DETAIL_HINTS.get(occasion, "Not needed for this note"))

    def redraft(self) -> None:
        if self.edited() and not messages.confirm(
            self, "Redraft", "Replace your edits with a fresh draft?", "Redraft"
        ):
            return
        self._redraft(force=True)

    def _signature_typed(self) -> None:
        """The signature applies as it is typed: the untouched draft is signed again; an
        edited text that ends with the old signature gets the new one in its place."""
        value = self.signature.text().strip()
        if value == self.signed_as:
            return
        if not self.edited():
            self._redraft(force=True)
            return
        text = self.text.toPlainText().rstrip()
        closing = self.draft.closing.strip() if self.draft else ""
        if self.signed_as and text.endswith(self.signed_as):
            text = text[: len(text) - len(self.signed_as)].rstrip("\n")
        elif self.signed_as or not (closing and text.endswith(closing)):
            return  # the user rewrote the end: their text is left as it is
        self.text.setPlainText(text + (f"\n{value}" if value else ""))
        self.signed_as = value

    def _save_signature(self) -> None:
        """Keep the signature for the next notes (on leaving the field, and on closing), on
        the window's worker: in the order typed, and said in the main window if it fails
        (this one may be closed by then)."""
        value = self.signature.text().strip()
        if value == self.signature_kept:
            return
        self.signature_kept = value
        worker = self._worker()
        if worker is None:
            try:
                settings.set_value("signature", value)
            except Exception as exc:
                messages.show_error(self, exc, "save your signature")
            return
        parent = self.parentWidget()
        worker.submit(
            lambda _context: settings.set_value("signature", value),
            name="save your signature",
            on_error=lambda exc: messages.show_error(parent, exc, "save your signature"),
        )

    # -- the card --------------------------------------------------------------------------
    def card_key(self) -> str:
        return str(self.size_box.currentData())

    def font_key(self) -> str:
        return str(self.font_box.currentData())

    def _card_changed(self) -> None:
        foldable = CARD_SIZES[self.card_key()].foldable
        self.folded.setEnabled(foldable)
        if not foldable:
            self.folded.setChecked(False)
        self.update_preview()

    def layout_now(self) -> Any:
        return layout(self.card_key(), self.folded.isChecked())

    def _recolour(self) -> None:
        """The palette changed while the composer is open: its colours follow."""
        self.notes.setStyleSheet(f"color: {theme.caution_color().name()}")
        self.update_preview()

    def update_preview(self) -> None:
        card = self.layout_now()
        size = self.preview.size()
        image = card_print.preview_image(
            self.text.toPlainText(), card, self.font_key(), size.width() - 8, size.height() - 8
        )
        self.preview.setPixmap(QPixmap.fromImage(image))
        fitted = card_print.fit_text(self.text.toPlainText(), card, self.font_key(), image)
        if fitted.overflow:
            self.fit_label.setText("Too long for this card: shorten it or pick a larger card.")
            self.fit_label.setStyleSheet(f"color: {theme.warning_color().name()}")
        else:
            fold = " folded" if card.folded else ""
            self.fit_label.setText(f"{card.size.label}{fold} · text at {fitted.point_size:g} pt")
            self.fit_label.setStyleSheet("")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.preview_timer.start()

    # -- actions ---------------------------------------------------------------------------
    def make_print_preview(self) -> Any:
        """The print preview dialog, set up for this card (not yet shown)."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        card = self.layout_now()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        card_print.prepare_printer(printer, card)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(f"Print the note to {self.client.name}")
        text, font = self.text.toPlainText(), self.font_key()
        dialog.paintRequested.connect(lambda p: card_print.print_card(p, text, card, font))
        dialog.printer_ref = printer  # type: ignore[attr-defined]  # keep it alive
        return dialog

    def print_card(self) -> None:
        dialog = self.make_print_preview()
        dialog.exec()
        dialog.deleteLater()

    def envelope_key(self) -> str:
        """The envelope the card goes in."""
        return envelope_for_card(self.card_key())

    def make_card_and_envelope_preview(self) -> Any:
        """The print preview of one job, the card then its envelope; None (and said why,
        with the client form opened on the address) when there is no envelope to print."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        envelope = envelope_dialog.mailing_envelope(self, self.client.id, self.status.setText)
        if envelope is None:
            return None
        size = self.envelope_key()
        try:
            envelope_print.check_fits(envelope, size)
        except EnvelopeFitError as exc:
            self.status.setText(f"No envelope: {exc}.")
            return None
        card = self.layout_now()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        card_print.prepare_printer(printer, card)
        printer.setDocName("Rapport note and envelope")
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(f"Print the note and envelope to {self.client.name}")
        text, font = self.text.toPlainText(), self.font_key()
        dialog.paintRequested.connect(
            lambda p: envelope_print.print_card_and_envelope(p, text, card, font, envelope, size)
        )
        dialog.printer_ref = printer  # type: ignore[attr-defined]  # keep it alive
        return dialog

    def print_card_and_envelope(self) -> None:
        dialog = self.make_card_and_envelope_preview()
        if dialog is None:
            return
        dialog.exec()
        dialog.deleteLater()
        self.status.setText("Mark as sent (Ctrl+Return) logs the card as sent today.")

    def export_pdf(self) -> None:
        suggested = f"Note to {self.client.name} {clock.today().isoformat()}.pdf"
        path = ask_pdf_path(self, suggested)
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            fitted = card_print.export_pdf(
                path,
                self.text.toPlainText(),
                self.card_key(),
                self.folded.isChecked(),
                self.font_key(),
                title=f"Note to {self.client.name}",
            )
        except Exception as exc:
            messages.show_error(self, exc, "export the PDF")
            return
        self.status.setText(f"Saved {path} (text at {fitted.point_size:g} pt).")

    def copy_text(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.text.toPlainText())
        self.status.setText("Copied the note's text.")

    def save_draft(self, then: Callable[[r.Card], None] | None = None) -> None:
        """Keep the note as an unsent card (and the card's size and font for the next),
        on the window's worker; ``then(card)`` once it is saved. A failure says why and
        the window stays, nothing lost."""
        if self.saving:
            return  # Save again while the first save is under way
        client_id, text = self.client.id, self.text.toPlainText()
        occasion = str(self.occasion.currentData())
        size, font, card_id = self.card_key(), self.font_key(), self.card_id
        talk = self.draft.interaction_id if self.draft else None

        def write() -> r.Card:
            card = cards.save_card(client_id, text, occasion, size, talk, card_id)
            settings.set_many({"card_size": size, "card_font": font})
            return card

        def saved(card: r.Card) -> None:
            self.card_id = card.id
            self.saved_text = text
            self.status.setText("Draft saved.")
            if then is not None:
                then(card)

        self._write(write, "save the draft", saved)

    def mark_sent(self) -> None:
        """Save the note, then mark it sent (closing the thank-you it answers) and close."""

        def sent(card: r.Card) -> None:
            self.sent_card = card
            self.accept()

        self.save_draft(
            lambda card: self._write(lambda: cards.mark_sent(card.id), "mark the card sent", sent)
        )

    def _write(self, write: Callable[[], Any], what: str, then: Callable[[Any], None]) -> None:
        """Run ``write`` on the window's worker, saying "Saving…" (or what a busy book makes
        it wait for) meanwhile; in place for a composer on its own."""
        worker = self._worker()
        if worker is None:
            try:
                result = write()
            except Exception as exc:
                messages.show_error(self, exc, what)
                return
            then(result)
            return

        def done(result: Any) -> None:
            self._set_saving(False)
            then(result)

        def failed(exc: BaseException) -> None:
            self._set_saving(False)
            messages.show_error(self, exc, what)

        # A save that waits behind another program's import says so here (the listener is
        # called on the worker's thread; the signal brings the message to this one).
        book.on_busy_wait("note", self.busyWaiting.emit)
        self._set_saving(True)
        worker.submit(lambda _context: write(), name=what, on_done=done, on_error=failed)

    def _worker(self) -> Worker | None:
        """The window's worker; None for a composer on its own (it saves in place)."""
        parent = self.parentWidget()
        worker = getattr(parent.window(), "worker", None) if parent is not None else None
        return worker if isinstance(worker, Worker) else None

    def _set_saving(self, saving: bool) -> None:
        """The note is on its way to the book: say so, and take no edits, saves or closing
        meanwhile."""
        self.saving = saving
        self.text.setReadOnly(saving)
        for button in (self.save_button, self.sent_button, self.close_button):
            button.setEnabled(not saving)
        self.save_button.setText("Saving…" if saving else "Sa&ve draft")
        if saving:
            self.status.setText("Saving…")

    def _show_busy_wait(self, message: str) -> None:
        if self.saving:
            self.status.setText(message[:1].upper() + message[1:] + "…")

    def done(self, result: int) -> None:
        """Closing by any means (Close, Esc, the window's X) with unsaved edits asks first:
        save them as a draft, discard them, or cancel and stay. While a save is under way
        the window stays (it closes itself once a save made for closing is done)."""
        if self.saving:
            return
        if self.sent_card is None and self.unsaved():
            answer = ask_unsaved(self)
            if answer == "cancel":
                return
            if answer == "save":  # closes once saved; a failure said why and stays
                self.save_draft(lambda _card: self._close(result))
                return
        self._close(result)

    def _close(self, result: int) -> None:
        self._save_signature()
        super().done(result)
