"""The profile's Gifts tab: ideas on top, the gift log (idea → planned → given) below."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rapport import clock
from rapport.core import records as r
from rapport.core.formats import day_label
from rapport.core.gifts import GiftIdea
from rapport.services import gifts
from rapport.services.undo import Snapshot
from rapport.ui import messages
from rapport.ui.form import FormDialog
from rapport.ui.gift_ideas import OCCASION_LABELS, GiftIdeasPanel
from rapport.ui.record_section import RecordSection
from rapport.ui.table_model import Column


def _cost(gift: r.Gift) -> str:
    return "" if gift.cost_cents is None else f"{gift.cost_cents / 100:,.2f}"


GIFT_COLUMNS: list[Column[r.Gift]] = [
    Column("Gift", lambda g: g.title, tooltip=lambda g: g.notes or None),
    Column("For", lambda g: g.for_name or "client"),
    Column("Status", lambda g: g.status),
    Column("Occasion", lambda g: OCCASION_LABELS.get(g.occasion, g.occasion)),
    Column(
        "Given",
        lambda g: day_label(g.given_on, clock.today()) if g.given_on else "",
        sort=lambda g: g.given_on,
    ),
    Column("Cost", _cost, sort=lambda g: g.cost_cents or 0, align_right=True),
    Column("Reaction", lambda g: g.reaction),
]

GIVEN_COLUMN = 4

# How the profile pane writes for the tab: (what it does, the write, what follows).
SavesThrough = Callable[[str, Callable[[], Any], Callable[[Any], None]], None]


def _nothing(_result: object) -> None:
    """Nothing follows the write but the client read again."""


class GiftDialog(FormDialog):
    title = "Gift"

    def __init__(
        self,
        parent: QWidget | None = None,
        gift: r.Gift | None = None,
        people: Sequence[r.Person] = (),
        idea: GiftIdea | None = None,
        status: str = "given",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit gift" if gift else "Log a gift")
        title = gift.title if gift else (idea.title if idea else "")
        self.what = self.add_row("&What:", QLineEdit(title), "What")
        self.what.setPlaceholderText("e.g. Baseball history book")
        self.for_whom = self.add_row("&For:", QComboBox(), "For")
        self.for_whom.addItem("the client", None)
        for person in people:
            self.for_whom.addItem(f"{person.label} ({person.relation})", person.id)
        person_id = gift.person_id if gift else (idea.person_id if idea else None)
        self.for_whom.setCurrentIndex(max(self.for_whom.findData(person_id), 0))
        self.status = self.add_row("&Status:", QComboBox(), "Status")
        self.status.addItems(list(r.GIFT_STATUSES))
        self.status.setCurrentText(gift.status if gift else status)
        self.occasion = self.add_row("&Occasion:", QComboBox(), "Occasion")
        self.occasion.addItem("", "")
        for key in gifts.GIFT_OCCASIONS:
            self.occasion.addItem(OCCASION_LABELS[key], key)
        occasion = gift.occasion if gift else (idea.occasion if idea else "")
        self.occasion.setCurrentIndex(max(self.occasion.findData(occasion), 0))
        given = gift.given_on if gift else (clock.today() if status == "given" else None)
        self.given_on = self.add_row(
            "Given &on:", QLineEdit(given.isoformat() if given else ""), "Given on"
        )
        self.given_on.setPlaceholderText("YYYY-MM-DD (today when left empty and given)")
        cost = f"{gift.cost_cents / 100:.2f}" if gift and gift.cost_cents is not None else ""
        self.cost = self.add_row("&Cost:", QLineEdit(cost), "Cost")
        self.cost.setPlaceholderText("e.g. 25 or 25.50 (optional)")
        self.reaction = self.add_row("&Reaction:", QLineEdit(gift.reaction if gift else ""))
        self.reaction.setPlaceholderText("How it landed (optional)")
        notes = gift.notes if gift else (f"Because: {idea.because}" if idea else "")
        self.notes = self.add_row("N&otes:", QPlainTextEdit(notes), "Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 12)
        self.what.setFocus()

    def values(self) -> dict[str, Any]:
        return {
            "title": self.what.text(),
            "person_id": self.for_whom.currentData(),
            "status": self.status.currentText(),
            "occasion": self.occasion.currentData() or "",
            "given_on": self.given_on.text().strip() or None,
            "cost": self.cost.text().strip(),
            "reaction": self.reaction.text(),
            "notes": self.notes.toPlainText(),
        }


class GiftsTab(QWidget):
    changed = Signal()
    deleted = Signal(object)  # a Snapshot, for undo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: int | None = None
        self.people: list[r.Person] = []
        self.saves_through: SavesThrough | None = None  # the profile pane sets it
        self.ideas = GiftIdeasPanel()
        self.mark_given_button = QPushButton("&Mark given")
        self.mark_given_button.setAccessibleName("Mark gift given")
        self.log = RecordSection(
            "gift",
            GIFT_COLUMNS,
            "No gifts logged yet.\nPlan one of the ideas above, or log a gift you gave.",
            extra_buttons=[self.mark_given_button],
            sort_column=GIVEN_COLUMN,
            sort_order=Qt.SortOrder.DescendingOrder,  # the latest gift first
        )
        ideas_box = QGroupBox("Ideas")
        QVBoxLayout(ideas_box).addWidget(self.ideas)
        log_box = QGroupBox("Gift log")
        QVBoxLayout(log_box).addWidget(self.log)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(ideas_box)
        splitter.addWidget(log_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter)

        self.ideas.planRequested.connect(self.plan)
        self.ideas.giveRequested.connect(self.give)
        self.log.addRequested.connect(self.add)
        self.log.editRequested.connect(self.edit)
        self.log.deleteRequested.connect(self.delete)
        self.mark_given_button.clicked.connect(self.mark_given)

    def set_profile(self, profile: r.Profile) -> None:
        same = self.client_id == profile.client.id
        self.client_id = profile.client.id
        self.people = list(profile.people)
        self.log.set_rows(profile.gifts)
        if same:
            self.ideas.refresh()
        else:
            self.ideas.set_client(self.client_id)

    # -- actions ---------------------------------------------------------------------------
    def _run(self, doing: str, fn: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Write through the profile pane (``saves_through``: on the window's worker, the
        client read again there), or in place on a tab of its own; ``then(result)`` after."""
        if self.saves_through is not None:
            self.saves_through(doing, fn, then)
            return
        try:
            result = fn()
        except Exception as exc:
            messages.show_error(self, exc, doing)
            return
        self.changed.emit()
        then(result)

    def plan(self, idea: GiftIdea) -> None:
        cid = self.client_id
        if cid is None:
            return
        occasion = self.ideas.current_occasion()
        self._run("plan the gift", lambda: gifts.plan_idea(cid, idea, occasion), _nothing)

    def give(self, idea: GiftIdea) -> None:
        self._ask(idea=idea, status="given")

    def add(self) -> None:
        self._ask(status="given")

    def _ask(self, idea: GiftIdea | None = None, status: str = "given") -> None:
        cid = self.client_id
        if cid is None:
            return

        def save(values: dict[str, Any]) -> r.Gift:
            return gifts.add_gift(cid, values.pop("title"), values.pop("status"), **values)

        if GiftDialog.ask(self, save, people=self.people, idea=idea, status=status):
            self.changed.emit()

    def edit(self, gift: r.Gift) -> None:
        if GiftDialog.ask(
            self, lambda v: gifts.update_gift(gift.id, **v), gift=gift, people=self.people
        ):
            self.changed.emit()

    def mark_given(self) -> None:
        gift = self.log.current()
        if gift is None or gift.status == "given":
            return
        self._run("mark the gift given", lambda: gifts.mark_given(gift.id), _nothing)

    def delete(self, gift: r.Gift) -> None:
        if not messages.confirm(
            self, "Delete", f"Delete the gift “{gift.title}”?\n\nYou can undo this with Ctrl+Z."
        ):
            return
        self._run("delete the gift", lambda: gifts.delete_gift(gift.id), self._deleted)

    def _deleted(self, snapshot: Snapshot) -> None:
        self.deleted.emit(snapshot)
