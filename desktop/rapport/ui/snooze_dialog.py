"""The snooze chooser: tomorrow, next week, a date from a calendar, or a typed phrase.

One key press for the common cases (Alt+T, Alt+N), typing for the rest ("in 3 days",
"friday", "Dec 1"); the line under the field says which day the phrase means before
anything is saved, and a refusal (a past day, a done task) shows inside the dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from rapport import clock
from rapport.services.errors import ServiceError
from rapport.services.when import EXAMPLES, parse_day
from rapport.ui.form import FormDialog


class SnoozeDialog(FormDialog):
    title = "Snooze"
    ask_before_discarding = False  # a phrase or a date: nothing worth a question

    def __init__(self, parent: QWidget | None = None, what: str = "") -> None:
        super().__init__(parent)
        # The title stays short (a title bar cuts a long one); the task is said in the body.
        self.setWindowTitle("Snooze a task")
        if what:
            self.what = QLabel(f"Hide “{what}” from Today until:")
            self.what.setWordWrap(True)
            self.what.setAccessibleName(f"Snooze {what}")
            self.form.addRow(self.what)
        today = clock.today()
        quick = QWidget()
        row = QHBoxLayout(quick)
        row.setContentsMargins(0, 0, 0, 0)
        self.tomorrow_button = QPushButton("&Tomorrow")
        self.next_week_button = QPushButton("&Next week")
        for button, phrase in (
            (self.tomorrow_button, "tomorrow"),
            (self.next_week_button, "next week"),
        ):
            day = parse_day(phrase, today=today)
            button.setToolTip(f"{day:%A %b %-d}" if day else "")
        for button in (self.tomorrow_button, self.next_week_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.add_row("Quick:", quick, "Quick choices")
        self.phrase = self.add_row("&Until:", QLineEdit(), "Until")
        self.phrase.setPlaceholderText(EXAMPLES)
        self.picker = self.add_row("Or &pick:", QDateEdit(), "Pick a date")
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("ddd yyyy-MM-dd")
        self.picker.setMinimumDate(QDate(today.year, today.month, today.day).addDays(1))
        self.picker.setDate(self.picker.minimumDate())
        self.preview = QLabel()
        self.preview.setAccessibleName("Snooze until")
        self.form.addRow("", self.preview)
        self.tomorrow_button.clicked.connect(lambda: self._choose("tomorrow"))
        self.next_week_button.clicked.connect(lambda: self._choose("next week"))
        self.phrase.textChanged.connect(self._update_preview)
        self.picker.dateChanged.connect(self._update_preview)
        self._update_preview()
        self.phrase.setFocus()

    def _choose(self, phrase: str) -> None:
        self.phrase.setText(phrase)
        self._try_save()

    def when(self) -> Any:
        """The typed phrase when there is one, else the picked date."""
        text = self.phrase.text().strip()
        return text or self.picker.date().toPython()

    def _update_preview(self, *_args: Any) -> None:
        try:
            day = parse_day(self.when(), "snooze date")
        except ServiceError as exc:
            self.preview.setText(str(exc))
            return
        if day is None:
            self.preview.setText("")
            return
        self.preview.setText(f"Back on {day:%A, %B} {day.day}")

    def values(self) -> dict[str, Any]:
        return {"when": self.when()}
