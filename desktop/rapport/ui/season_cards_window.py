"""Client › Cards for many…: a season's cards in one sitting.

Three steps in one window:

1. **Who and what for**: the occasion (holiday, new year, birthday, thank-you) and the
   clients: all active, a search, birthdays this month, met this quarter, or chosen by
   hand (tick them). Drafting runs in the window's worker with a progress bar, so two
   hundred clients do not freeze the window.
2. **Read**: the cards one by one. Enter keeps a card, E edits it (Ctrl+Enter keeps the
   edit, Esc drops it), S skips it, Backspace goes back one. A card for a client who
   already got one for this occasion this year says so above the text.
3. **Print**: the kept cards as one PDF or one print job, optionally each followed by
   its envelope (every client needs a postal address for that; the ones without are
   named). Once printed or saved, each card is logged on its client's history ("Holiday
   card sent"), once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rapport import clock
from rapport.core.cards import CARD_SIZES
from rapport.core.season_cards import SEASONS, SeasonCard
from rapport.render import batch_print, card_print
from rapport.services import envelopes, season_cards, settings
from rapport.services.addresses import NoAddressError
from rapport.services.export import write_private_rendered
from rapport.ui import messages
from rapport.ui.worker import Cancelled, JobContext, Worker

CHOOSE, READ, PRINT = 0, 1, 2


def ask_pdf_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save the PDF (tests replace this function)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Save the cards as PDF", suggested, "PDF files (*.pdf)"
    )
    return path or None


def _button(text: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)  # Enter belongs to "Keep", not to whichever has focus
    button.clicked.connect(lambda _checked=False: slot())
    return button


class SeasonCardsWindow(QDialog):
    def __init__(self, parent: QWidget | None, worker: Worker) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cards for many")
        self.worker = worker
        self.job: Any = None
        self.cards: list[SeasonCard] = []
        self.texts: list[str] = []
        self.decisions: list[str] = []  # "keep" or "skip", one per card read so far
        self.index = 0
        self.editing = False
        self.logged = False
        self.logging = False  # the cards on their way to the clients' histories (worker)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._choose_page())
        self.stack.addWidget(self._read_page())
        self.stack.addWidget(self._print_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.resize(560, 520)
        self._fill_clients()

    def done(self, result: int) -> None:
        """Closing the window stops a drafting still running (it writes nothing)."""
        self.cancel_drafting()
        super().done(result)

    # -- step 1: who and what for --------------------------------------------------------
    def _choose_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        self.occasion = QComboBox()
        for key in SEASONS:
            self.occasion.addItem(season_cards.wording().label(key), key)
        self.occasion.setAccessibleName("Occasion")
        self.pick = QComboBox()
        for key in season_cards.PICKS:
            self.pick.addItem(season_cards.PICK_LABELS[key], key)
        self.pick.setAccessibleName("Which clients")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Words of a name or a company")
        self.search.setAccessibleName("Search clients")
        form.addRow("&Occasion:", self.occasion)
        form.addRow("&Clients:", self.pick)
        form.addRow("&Search:", self.search)
        self.client_list = QListWidget()
        self.client_list.setAccessibleName("Clients to send a card to")
        self.count_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.draft_button = _button("&Draft the cards", self.draft)
        self.draft_button.setDefault(True)
        self.cancel_button = _button("Cancel", self.cancel_drafting)
        self.cancel_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.draft_button)
        box = QVBoxLayout(page)
        box.addLayout(form)
        box.addWidget(self.client_list, 1)
        box.addWidget(self.progress)
        box.addLayout(buttons)
        self.pick.currentIndexChanged.connect(lambda _i: self._fill_clients())
        self.search.textChanged.connect(lambda _t: self._fill_clients())
        self.client_list.itemChanged.connect(lambda _item: self._count())
        return page

    def _fill_clients(self) -> None:
        how = str(self.pick.currentData())
        self.search.setEnabled(how == "search")
        query = self.search.text()
        try:
            found = (
                []
                if how == "search" and not query.strip()
                else season_cards.pick_clients(how, query)
                if how != "chosen"
                else season_cards.pick_clients("all")
            )
        except Exception as exc:
            messages.show_error(self, exc, "find the clients")
            found = []
        self.client_list.blockSignals(True)
        self.client_list.clear()
        for client in found:
            label = f"{client.name} · {client.company}" if client.company else client.name
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = how != "chosen"  # by hand: tick the ones you want
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.client_list.addItem(item)
        self.client_list.blockSignals(False)
        self._count()

    def chosen_ids(self) -> list[int]:
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.client_list.item(i) for i in range(self.client_list.count()))
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def _count(self) -> None:
        count = len(self.chosen_ids())
        self.count_label.setText(f"{count} client{'s' if count != 1 else ''} chosen")
        self.draft_button.setEnabled(count > 0 and self.job is None)

    def occasion_key(self) -> str:
        return str(self.occasion.currentData())

    def draft(self) -> None:
        ids = self.chosen_ids()
        if not ids or self.job is not None:
            return
        occasion = self.occasion_key()

        def work(ctx: JobContext) -> list[SeasonCard]:
            try:
                return season_cards.draft_cards(
                    ids, occasion, progress=ctx.progress, cancelled=ctx.cancelled
                )
            except season_cards.CancelledError:
                raise Cancelled from None

        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.draft_button.setEnabled(False)
        self.job = self.worker.submit(
            work,
            name="season cards",
            on_done=self._drafted,
            on_error=self._failed,
            on_progress=self._progressed,
            on_cancel=self._stopped,
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _stopped(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._count()

    def cancel_drafting(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _failed(self, exc: BaseException) -> None:
        self._stopped()
        messages.show_error(self, exc, "draft the cards")

    def _drafted(self, cards: list[SeasonCard]) -> None:
        self._stopped()
        if not cards:
            return
        self.cards = cards
        self.texts = [card.text for card in cards]
        self.decisions = []
        self.index = 0
        self.logged = False
        self.stack.setCurrentIndex(READ)
        self._show_card()

    # -- step 2: read, keep, edit, skip ----------------------------------------------------
    def _read_page(self) -> QWidget:
        page = QWidget()
        self.position_label = QLabel()
        self.flag_label = QLabel()
        self.flag_label.setWordWrap(True)
        self.flag_label.setStyleSheet("color: #a15c00; font-weight: bold;")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("The card's text")
        self.text.setReadOnly(True)
        self.hint_label = QLabel()
        self.keep_button = _button("Keep (Enter)", self.keep)
        self.edit_button = _button("Edit (E)", self.edit)
        self.skip_button = _button("Skip (S)", self.skip)
        self.back_button = _button("Back", self.back)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for button in (self.skip_button, self.edit_button, self.keep_button):
            buttons.addWidget(button)
        box = QVBoxLayout(page)
        box.addWidget(self.position_label)
        box.addWidget(self.flag_label)
        box.addWidget(self.text, 1)
        box.addWidget(self.hint_label)
        box.addLayout(buttons)
        self.keep_action = self._key_action(
            ["Return", "Enter", "Ctrl+Return", "Ctrl+Enter"], self.keep
        )
        self.edit_action = self._key_action(["E"], self.edit)
        self.skip_action = self._key_action(["S"], self.skip)
        self.back_action = self._key_action(["Backspace"], self.back)
        self.drop_edit_action = self._key_action(["Escape"], self.drop_edit)
        return page

    def _key_action(self, keys: list[str], slot: Callable[[], None]) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _reading(self) -> bool:
        return self.stack.currentIndex() == READ and self.index < len(self.cards)

    def _update_keys(self) -> None:
        reading = self._reading()
        # While editing, letters and Enter type into the card: only Ctrl+Enter keeps it.
        self.keep_action.setShortcuts(
            [QKeySequence(k) for k in (["Ctrl+Return", "Ctrl+Enter"] if self.editing else
                                       ["Return", "Enter", "Ctrl+Return", "Ctrl+Enter"])]
        )  # fmt: skip
        self.keep_action.setEnabled(reading)
        for action in (self.edit_action, self.skip_action, self.back_action):
            action.setEnabled(reading and not self.editing)
        self.drop_edit_action.setEnabled(reading and self.editing)

    def _show_card(self) -> None:
        if self.index >= len(self.cards):
            self._to_print()
            return
        card = self.cards[self.index]
        skipped = self.decisions.count("skip")
        self.position_label.setText(
            f"Card {self.index + 1} of {len(self.cards)} · {card.client}"
            + (f" · {skipped} skipped" if skipped else "")
        )
        label = season_cards.wording().label(card.occasion).lower()
        self.flag_label.setText(
            f"Already sent: {card.client} got a {label} card this year."
            if card.already_sent
            else ""
        )
        self.flag_label.setVisible(card.already_sent)
        self.text.setPlainText(self.texts[self.index])
        self.editing = False
        self.text.setReadOnly(True)
        self.hint_label.setText("Enter keeps it, E edits it, S skips it.")
        self.back_button.setEnabled(self.index > 0)
        self.keep_button.setFocus()
        self._update_keys()

    def _decide(self, decision: str) -> None:
        if not self._reading():
            return
        if self.editing:
            self.texts[self.index] = self.text.toPlainText().strip() or self.texts[self.index]
        del self.decisions[self.index :]
        self.decisions.append(decision)
        self.index += 1
        self._show_card()

    def keep(self) -> None:
        self._decide("keep")

    def skip(self) -> None:
        if not self.editing:
            self._decide("skip")

    def edit(self) -> None:
        if not self._reading() or self.editing:
            return
        self.editing = True
        self.text.setReadOnly(False)
        self.text.setFocus()
        cursor = self.text.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.text.setTextCursor(cursor)
        self.hint_label.setText("Editing: Ctrl+Enter keeps your version, Esc drops the edit.")
        self._update_keys()

    def drop_edit(self) -> None:
        if self.editing:
            self._show_card()

    def back(self) -> None:
        if self.index > 0 and not self.editing:
            self.index -= 1
            self._show_card()

    # -- step 3: print ---------------------------------------------------------------------
    def _print_page(self) -> QWidget:
        page = QWidget()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        form = QFormLayout()
        self.card_size = QComboBox()
        for key, size in CARD_SIZES.items():
            self.card_size.addItem(size.label, key)
        saved = settings.get("card_size") or "a2"
        self.card_size.setCurrentIndex(max(self.card_size.findData(saved), 0))
        self.font_choice = QComboBox()
        for key, label in card_print.FONT_CHOICES.items():
            self.font_choice.addItem(label, key)
        font = settings.get("card_font") or card_print.DEFAULT_FONT
        self.font_choice.setCurrentIndex(max(self.font_choice.findData(font), 0))
        self.with_envelopes = QCheckBox("Each card followed by its &envelope")
        form.addRow("Card &size:", self.card_size)
        form.addRow("&Font:", self.font_choice)
        form.addRow("", self.with_envelopes)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.pdf_button = _button("Save as &PDF…", self.save_pdf)
        self.print_button = _button("&Print…", self.print_cards)
        self.reread_button = _button("Read again", self.read_again)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reread_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        box = QVBoxLayout(page)
        box.addWidget(self.summary_label)
        box.addLayout(form)
        box.addWidget(self.status, 1)
        box.addLayout(buttons)
        return page

    def kept(self) -> list[tuple[SeasonCard, str]]:
        return [
            (card, text)
            for card, text, decision in zip(self.cards, self.texts, self.decisions, strict=False)
            if decision == "keep"
        ]

    def _to_print(self) -> None:
        self.editing = False
        self.stack.setCurrentIndex(PRINT)
        kept = len(self.kept())
        skipped = self.decisions.count("skip")
        self.summary_label.setText(
            f"{kept} card{'s' if kept != 1 else ''} to print"
            + (f", {skipped} skipped." if skipped else ".")
        )
        self.pdf_button.setEnabled(kept > 0)
        self.print_button.setEnabled(kept > 0)
        self.status.setText("")
        self._update_keys()
        self.pdf_button.setFocus()

    def read_again(self) -> None:
        self.index = 0
        self.stack.setCurrentIndex(READ)
        self._show_card()

    def pages(self) -> list[batch_print.BatchPage] | None:
        """The pages of the job, or None (said why) when an envelope cannot be made."""
        kept = self.kept()
        if not self.with_envelopes.isChecked():
            return [batch_print.BatchPage(text) for _card, text in kept]
        pages, missing = [], []
        for card, text in kept:
            try:
                pages.append(batch_print.BatchPage(text, envelopes.envelope_for(card.client_id)))
            except NoAddressError:
                missing.append(card.client)
        if missing:
            self.status.setText(
                f"No postal address for {', '.join(missing)}. Add their addresses first "
                "(Client › Edit), or print without envelopes. Nothing was printed."
            )
            return None
        return pages

    def card_key(self) -> str:
        return str(self.card_size.currentData())

    def font_key(self) -> str:
        return str(self.font_choice.currentData())

    def save_pdf(self) -> None:
        pages = self.pages()
        if not pages:
            return
        label = season_cards.wording().label(self.occasion_key())
        suggested = f"{label} cards {clock.today().isoformat()}.pdf"
        path = ask_pdf_path(self, suggested)
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            card, font, title = self.card_key(), self.font_key(), f"{label} cards"
            result = write_private_rendered(
                Path(path),
                lambda scratch: batch_print.export_pdf(
                    scratch, pages, card, font=font, title=title
                ),
            )
        except Exception as exc:
            messages.show_error(self, exc, "save the cards as PDF")
            return
        envelopes_said = f" and {result.envelopes} envelopes" if result.envelopes else ""
        self._printed(f"Saved {path}: {result.cards} cards{envelopes_said}.")

    def print_cards(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        pages = self.pages()
        if not pages:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        printer.setDocName(f"{season_cards.wording().label(self.occasion_key())} cards")
        dialog = QPrintDialog(printer, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return
        try:
            result = batch_print.render_batch(printer, pages, self.card_key(), font=self.font_key())
        except Exception as exc:
            messages.show_error(self, exc, "print the cards")
            return
        self._printed(f"Sent {result.cards} cards to the printer.")

    def _printed(self, said: str) -> None:
        """The cards went out: log each on its client's history, once. On the window's
        worker (a season's cards are many rows, and a busy book must not freeze the
        window): "Saving…" meanwhile, and no second log."""
        if self.logging:
            return
        card, font, occasion = self.card_key(), self.font_key(), self.occasion_key()
        sent = None
        if not self.logged:
            sent = [season_cards.SentCard(c.client_id, text) for c, text in self.kept()]

        def write(_context: JobContext) -> bool:
            settings.set_many({"card_size": card, "card_font": font})
            if sent is not None:
                season_cards.log_sent(sent, occasion, card)
            return sent is not None

        def done(logged: bool) -> None:
            self.logging = False
            if logged:
                self.logged = True
                title = season_cards.core_title(occasion)
                self.status.setText(f"{said} Each client's history shows “{title}”.")
            else:
                self.status.setText(said)

        def failed(exc: BaseException) -> None:
            self.logging = False
            self.status.setText(said)
            messages.show_error(self, exc, "log the cards on their clients")

        self.logging = True
        self.status.setText(f"{said} Saving…")
        self.worker.submit(write, name="log the cards", on_done=done, on_error=failed)


def open_season_cards(window: Any) -> SeasonCardsWindow:
    """Client › Cards for many…: the window, modeless, over the main window."""
    dialog = SeasonCardsWindow(window, window.worker)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: window.reload_soon(profile=True))
    dialog.show()
    return dialog
