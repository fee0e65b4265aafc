"""Ranked gift ideas for the client on screen, with why, "Look it up" and "Plan this".

"Look it up" hands the idea's search address to the user's browser through
QDesktopServices; the app itself never makes a network request.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rapport.core.gifts import GiftIdea, GiftSuggestions
from rapport.services import gifts, settings
from rapport.ui import messages
from rapport.ui.table_model import Column, RecordRole, RecordTableModel
from rapport.ui.window_saves import save_on_worker

OCCASION_LABELS = {
    "any": "Any occasion",
    "thank_you": "Thank you",
    "birthday": "Birthday",
    "holiday": "Holiday",
    "congratulations": "Congratulations",
    "get_well": "Get well",
}
BUDGET_LABELS = {"low": "Low budget", "medium": "Medium budget", "high": "High budget"}
PRICE_TEXT = {"low": "$", "medium": "$$", "high": "$$$"}

IDEA_COLUMNS: list[Column[GiftIdea]] = [
    Column("Idea", lambda i: i.title, tooltip=lambda i: i.title),
    Column("For", lambda i: i.for_name),
    Column("Because", lambda i: i.because, tooltip=lambda i: i.because),
    Column("Price", lambda i: PRICE_TEXT.get(i.price, i.price), sort=lambda i: i.price),
]


class GiftIdeasPanel(QWidget):
    """The ideas list. ``planRequested``/``giveRequested`` carry the chosen GiftIdea."""

    planRequested = Signal(object)
    giveRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: int | None = None
        self.result: GiftSuggestions | None = None
        # Ranking ideas reads the gift catalogue and every fact: it waits until the Gifts
        # tab is on screen, rather than costing a third of each client's opening.
        self._stale = False
        self._budget_stale = True

        self.occasion = QComboBox()
        self.occasion.setAccessibleName("Occasion")
        for key, label in OCCASION_LABELS.items():
            self.occasion.addItem(label, key)
        self.budget = QComboBox()
        self.budget.setAccessibleName("Gift budget")
        self.budget.setToolTip("Your gift budget, for every client (a setting)")
        for key, label in BUDGET_LABELS.items():
            self.budget.addItem(label, key)
        for combo in (self.occasion, self.budget):
            # Short enough that the profile still fits a narrow window.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(9)
        self.look_button = QPushButton("&Look it up")
        self.look_button.setToolTip("Search for this idea in your web browser")
        self.plan_button = QPushButton("Pla&n this")
        self.plan_button.setToolTip("Put this idea on the gift plan")
        self.give_button = QPushButton("Log as &given…")
        top = QHBoxLayout()
        top.addWidget(self.occasion)
        top.addWidget(self.budget)
        top.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.look_button, self.plan_button, self.give_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.model: RecordTableModel[GiftIdea] = RecordTableModel(IDEA_COLUMNS, self)
        self.table = QTableView()
        self.table.setAccessibleName("Gift ideas")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.doubleClicked.connect(lambda _i: self.look_up())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        self.note.setAccessibleName("About these ideas")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        layout.addLayout(actions)

        self.occasion.currentIndexChanged.connect(lambda _i: self.refresh())
        self.budget.currentIndexChanged.connect(self._budget_changed)
        self.look_button.clicked.connect(self.look_up)
        self.plan_button.clicked.connect(lambda: self._emit(self.planRequested))
        self.give_button.clicked.connect(lambda: self._emit(self.giveRequested))
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.look_button.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self._update_buttons()

    # -- data ------------------------------------------------------------------------------
    def set_client(self, client_id: int | None) -> None:
        self.client_id = client_id
        self._budget_stale = True
        self.refresh()

    def current_occasion(self) -> str:
        return str(self.occasion.currentData())

    def refresh(self) -> None:
        if not self.isVisible():
            self._stale = True  # ranked when shown (showEvent)
            return
        self._stale = False
        if self._budget_stale:
            self._budget_stale = False
            self._sync_budget()
        if self.client_id is None:
            self.model.set_rows([])
            return
        try:
            self.result = gifts.gift_ideas(self.client_id, self.current_occasion())
        except Exception as exc:
            messages.show_error(self, exc, "rank gift ideas")
            return
        self.model.set_rows(self.result.ideas)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 320))
        if self.result.ideas:
            self.stack.setCurrentWidget(self.table)
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            budget = self.result.budget
            self.empty.setText(
                f"No ideas fit within the {budget} budget.\nRaise the budget, or add facts "
                "about what they and their family enjoy."
            )
            self.stack.setCurrentWidget(self.empty)
        self.note.setText(" ".join(self.result.notes))
        self.note.setVisible(bool(self.result.notes))
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def current(self) -> GiftIdea | None:
        index = self.table.currentIndex()
        value = index.data(RecordRole) if index.isValid() else None
        return value if isinstance(value, GiftIdea) else None

    # -- actions ---------------------------------------------------------------------------
    def look_up(self) -> None:
        idea = self.current()
        if idea is not None:
            QDesktopServices.openUrl(QUrl(idea.search_url))

    def _emit(self, signal: Any) -> None:
        idea = self.current()
        if idea is not None:
            signal.emit(idea)

    def _sync_budget(self) -> None:
        budget = str(settings.get("gift_budget") or "medium")
        self.budget.blockSignals(True)
        self.budget.setCurrentIndex(max(self.budget.findData(budget), 0))
        self.budget.blockSignals(False)

    def _budget_changed(self, _index: int) -> None:
        budget = self.budget.currentData()
        save_on_worker(
            self,
            "save the gift budget",
            lambda: settings.set_value("gift_budget", budget),
            lambda _saved: self.refresh(),  # the ideas for the new budget
        )

    def _update_buttons(self) -> None:
        has = self.current() is not None
        for button in (self.look_button, self.plan_button, self.give_button):
            button.setEnabled(has)
