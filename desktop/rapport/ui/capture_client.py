"""Whom the note is about: the client chip of the capture window, and its picker.

Three states in one row. The chip shows the client understood (or chosen) and how sure
the match is; its menu offers the other close matches, any other client, or a new one.
The picker is a line with completion over every client of the book (fetched once when the
window opens); a name that is not in the book leads to the third state, a new client's
name and company. When the note names nobody the picker shows at once, marked required.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from rapport.core.names import match_name
from rapport.core.understand.pipeline import KnownClient
from rapport.ui.table_model import Column, IdRole, RecordTableModel

CHIP, PICK, NEW = range(3)

HOW = {
    "exact": "in your book",
    "close": "in your book · the note spells it differently",
    "first_name": "in your book, by first name · check it",
    "company": "in your book, by company · check it",
    "surname": "in your book, by surname · check it",
    "given": "chosen by you",
    "chosen": "chosen by you",
}


def client_label(name: str, company: str = "") -> str:
    return f"{name} · {company}" if company else name


class ClientPicker(QWidget):
    chosen = Signal(object)  # {"id", "name", "company"}, or None: back to the note's client
    highlightRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientPicker")
        self.known: list[KnownClient] = []
        self.by_id: dict[int, KnownClient] = {}
        self.labels: dict[str, KnownClient] = {}
        self.current: dict[str, Any] | None = None  # what the chip shows
        self.candidates: list[dict[str, Any]] = []
        self.span: tuple[int, int] | None = None
        self.user_chose = False
        # The user (or `rapport capture --client`) opened the picker or the new-client
        # form: it stays open while the note is understood again, until a choice or Esc.
        self.picking = False

        self.caption = QLabel("&About:")
        self.caption.setObjectName("clientCaption")
        self.stack = QStackedWidget()
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.caption)
        row.addWidget(self.stack, 1)

        # The chip: the client, with a menu to change it.
        self.button = QToolButton()
        self.button.setObjectName("clientChip")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        self.button.installEventFilter(self)
        self.how = QLabel()
        self.how.setObjectName("clientHow")
        chip_page = QWidget()
        chip_row = QHBoxLayout(chip_page)
        chip_row.setContentsMargins(0, 0, 0, 0)
        chip_row.addWidget(self.button)
        chip_row.addWidget(self.how, 1)

        # The picker: any client of the book, by name.
        self.search = QLineEdit()
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText("Who is this about? Type a client's name")
        self.search.setAccessibleName("Client the note is about")
        self.search.setClearButtonEnabled(True)
        self.model: RecordTableModel[KnownClient] = RecordTableModel(
            [Column("Client", lambda c: client_label(c.name, c.company))], self
        )
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionRole(Qt.ItemDataRole.DisplayRole)  # the model has no EditRole
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(8)
        self.search.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._completed)  # type: ignore[index]
        self.search.returnPressed.connect(self._search_entered)
        self.search.installEventFilter(self)
        self.new_button = QPushButton("New client…")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(lambda: self.start_new(self.search.text()))
        pick_page = QWidget()
        pick_row = QHBoxLayout(pick_page)
        pick_row.setContentsMargins(0, 0, 0, 0)
        pick_row.addWidget(self.search, 1)
        pick_row.addWidget(self.new_button)

        # A new client: name and company.
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("New client's name")
        self.new_name.setAccessibleName("New client's name")
        self.new_company = QLineEdit()
        self.new_company.setPlaceholderText("Company (optional)")
        self.new_company.setAccessibleName("New client's company")
        self.add_button = QPushButton("Add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_new)
        for edit in (self.new_name, self.new_company):
            edit.returnPressed.connect(self._add_new)
            edit.installEventFilter(self)
        new_page = QWidget()
        new_row = QHBoxLayout(new_page)
        new_row.setContentsMargins(0, 0, 0, 0)
        new_row.addWidget(self.new_name, 2)
        new_row.addWidget(self.new_company, 2)
        new_row.addWidget(self.add_button)

        for page in (chip_page, pick_page, new_page):
            self.stack.addWidget(page)
        self.caption.setBuddy(self.button)
        # Alt+A moves to the client; a label's mnemonic would also *click* a button buddy,
        # and whether that pops the menu up differs between Qt releases.
        self.caption.installEventFilter(self)
        self.set_required(False)
        self.show_client(None, [], None, False)

    # -- filling ---------------------------------------------------------------------------
    def set_known(self, known: list[KnownClient]) -> None:
        """Every client of the book, for completion (fetched once per opening)."""
        self.known = list(known)
        self.by_id = {c.id: c for c in self.known}
        self.labels = {}
        for client in self.known:
            label = client_label(client.name, client.company)
            if label in self.labels:
                label = f"{label} (#{client.id})"
            self.labels[label] = client
        self.model.set_rows(self.known)

    def show_client(
        self,
        client: dict[str, Any] | None,
        candidates: list[dict[str, Any]],
        span: tuple[int, int] | None,
        user_chose: bool,
    ) -> None:
        """Show whom the note is about (None: nobody yet, the picker is required)."""
        self.current = client if client and (client.get("id") or client.get("name")) else None
        self.candidates = candidates
        self.span = span
        self.user_chose = user_chose
        if self.current is None:
            if self.stack.currentIndex() == CHIP:
                self.stack.setCurrentIndex(PICK)
            self.caption.setBuddy(self.search)
            return
        name = str(self.current.get("name") or "")
        company = str(self.current.get("company") or "")
        self.button.setText(client_label(name, company) + "  ▾")
        self.button.setAccessibleName(f"Client: {name}")
        is_new = self.current.get("id") is None
        self.button.setProperty("new", is_new)
        self.button.style().unpolish(self.button)
        self.button.style().polish(self.button)
        match = "chosen" if user_chose else str(self.current.get("match") or "")
        self.how.setText("new client · added when you save" if is_new else HOW.get(match, ""))
        self._fill_menu()
        if not self.picking:
            self.stack.setCurrentIndex(CHIP)
            self.caption.setBuddy(self.button)
        self.set_required(False)

    def _fill_menu(self) -> None:
        self.menu.clear()
        current_id = self.current.get("id") if self.current else None
        for candidate in self.candidates:
            if candidate.get("id") == current_id:
                continue
            label = client_label(str(candidate.get("name")), str(candidate.get("company") or ""))
            action = QAction(label, self.menu)
            action.triggered.connect(lambda _c=False, c=candidate: self._choose(c))
            self.menu.addAction(action)
        if self.menu.actions():
            self.menu.addSeparator()
        other = self.menu.addAction("&Another client…")
        other.triggered.connect(lambda: self.start_pick())
        new = self.menu.addAction("&New client…")
        new.triggered.connect(lambda: self.start_new(""))
        if self.user_chose:
            self.menu.addSeparator()
            back = self.menu.addAction("&Use the client the note names")
            back.triggered.connect(lambda: self._emit(None))

    # -- states ----------------------------------------------------------------------------
    def set_required(self, required: bool) -> None:
        self.search.setProperty("required", required)
        self.search.style().unpolish(self.search)
        self.search.style().polish(self.search)

    def require(self) -> None:
        """Nobody chosen and the user wants to save: ask, visibly, with the focus there."""
        if self.stack.currentIndex() == CHIP:
            self.stack.setCurrentIndex(PICK)
        self.set_required(True)
        target = self.new_name if self.stack.currentIndex() == NEW else self.search
        target.setFocus()

    def start_pick(self, name: str = "") -> None:
        self.picking = True
        self.stack.setCurrentIndex(PICK)
        self.caption.setBuddy(self.search)
        self.search.setText(name)
        self.search.setFocus()

    def start_new(self, name: str = "") -> None:
        self.picking = True
        self.stack.setCurrentIndex(NEW)
        self.caption.setBuddy(self.new_name)
        understood = self.current if self.current and self.current.get("id") is None else None
        self.new_name.setText(name.strip() or (str(understood["name"]) if understood else ""))
        self.new_company.setText(str(understood.get("company") or "") if understood else "")
        if name.strip():  # the name was just typed in the picker: the company comes next
            self.new_company.setFocus()
        else:
            self.new_name.setFocus()
            self.new_name.selectAll()

    def focus(self) -> None:
        """The focus on whatever the row shows now: the chip, the picker or the new name."""
        pages = {CHIP: self.button, PICK: self.search, NEW: self.new_name}
        pages[self.stack.currentIndex()].setFocus()

    # -- choosing --------------------------------------------------------------------------
    def _choose(self, client: dict[str, Any] | KnownClient) -> None:
        if isinstance(client, KnownClient):
            client = {"id": client.id, "name": client.name, "company": client.company}
        self._emit(
            {"id": client.get("id"), "name": client.get("name"), "company": client.get("company")}
        )

    def _emit(self, client: dict[str, Any] | None) -> None:
        self.picking = False
        self.chosen.emit(client)

    def _completed(self, index: QModelIndex) -> None:
        client = self.by_id.get(index.data(IdRole))
        if client is not None:
            self._choose(client)

    def _search_entered(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        if text in self.labels:
            self._choose(self.labels[text])
            return
        # The best kind of match only (exact, prefix, words, close); one: that client.
        matches = match_name(text, ((c.id, c.name) for c in self.known))
        if len(matches) == 1:
            self._choose(self.by_id[matches[0].id])
            return
        if matches:
            self.completer.setCompletionPrefix(text)
            self.completer.complete()
            return
        self.start_new(text)

    def _add_new(self) -> None:
        name = " ".join(self.new_name.text().split())
        if not name:
            self.new_name.setFocus()
            return
        self._emit({"id": None, "name": name, "company": self.new_company.text().strip()})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.caption and event.type() == QEvent.Type.Shortcut:
            buddy = self.caption.buddy()
            if buddy is not None:
                buddy.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape and watched is not self.button:
                # Esc steps back (new client -> picker -> chip); from the first step the
                # window closes as usual.
                self.picking = False
                if self.current is not None:
                    self.stack.setCurrentIndex(CHIP)
                    self.caption.setBuddy(self.button)
                    self.button.setFocus()
                    return True
                if watched is not self.search:
                    self.stack.setCurrentIndex(PICK)
                    self.caption.setBuddy(self.search)
                    self.search.setFocus()
                    return True
            if watched is self.button and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.button.showMenu()
                return True
        if watched is self.button and event.type() in (QEvent.Type.FocusIn, QEvent.Type.Enter):
            self.highlightRequested.emit(self.span)
        elif watched is self.button and event.type() in (QEvent.Type.FocusOut, QEvent.Type.Leave):
            self.highlightRequested.emit(None)
        return False
