"""Away mode: the dates, who covers, and the auto-reply to paste into mail and voicemail.

The auto-reply is previewed as the fields are typed, and can be copied from here before
saving. While away, Today fires nothing as overdue; after the return it lists what came
in. "Turn off" ends away mode (back early, or plans cancelled).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from rapport import clock
from rapport.core.drafts import AutoReply, auto_reply
from rapport.core.followup import Away
from rapport.services import away, settings
from rapport.services.errors import ServiceError
from rapport.services.when import EXAMPLES, parse_day
from rapport.ui.form import FormDialog


class AwayDialog(FormDialog):
    title = "Away mode"

    def __init__(self, parent: QWidget | None = None, current: Away | None = None) -> None:
        super().__init__(parent)
        self.turned_off = False
        today = clock.today()
        self.start = self.add_row(
            "&From:", QLineEdit(current.start.isoformat() if current else today.isoformat())
        )
        self.start.setPlaceholderText(f"first day away: {EXAMPLES}")
        self.until = self.add_row(
            "&Until:", QLineEdit(current.until.isoformat() if current else "")
        )
        self.until.setPlaceholderText(f"last day away: {EXAMPLES}")
        self.backup_name = self.add_row(
            "&Backup:", QLineEdit(current.backup_name if current else "")
        )
        self.backup_name.setPlaceholderText("who covers while you are away (optional)")
        self.backup_contact = self.add_row(
            "Backup &contact:",
            QLineEdit(current.backup_contact if current else ""),
            "Backup contact",
        )
        self.backup_contact.setPlaceholderText("their email or phone")
        self.preview = self.add_row("Auto-reply:", QPlainTextEdit(), "Auto-reply preview")
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(self.preview.fontMetrics().lineSpacing() * 9)
        copies = QWidget()
        row = QHBoxLayout(copies)
        row.setContentsMargins(0, 0, 0, 0)
        self.copy_email_button = QPushButton("Copy &email auto-reply")
        self.copy_voicemail_button = QPushButton("Copy &voicemail greeting")
        self.off_button = QPushButton("&Turn off away mode")
        for button in (self.copy_email_button, self.copy_voicemail_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.add_row("", copies, "Copy")
        self.off_button.setAutoDefault(False)
        self.buttons.addButton(self.off_button, self.buttons.ButtonRole.ResetRole)
        self.off_button.setVisible(current is not None)  # after addButton, which shows it
        self.copy_email_button.clicked.connect(lambda: self._copy("email"))
        self.copy_voicemail_button.clicked.connect(lambda: self._copy("voicemail"))
        self.off_button.clicked.connect(self._turn_off)
        for edit in (self.start, self.until, self.backup_name, self.backup_contact):
            edit.textChanged.connect(self._update_preview)
        self._sender = str(settings.get("user_name") or "")
        self._update_preview()
        (self.until if current is None else self.backup_name).setFocus()
        self.resize(560, self.sizeHint().height())

    def _text(self) -> AutoReply | None:
        try:
            start = parse_day(self.start.text(), "the first day") or clock.today()
            until = parse_day(self.until.text(), "the last day")
        except ServiceError:
            return None
        if until is None or until < start:
            return None
        period = Away(start, until, self.backup_name.text().strip(), "")
        return auto_reply(
            start,
            until,
            period.return_day,
            self.backup_name.text(),
            self.backup_contact.text(),
            self._sender,
        )

    def _update_preview(self, *_args: Any) -> None:
        text = self._text()
        ready = text is not None
        self.copy_email_button.setEnabled(ready)
        self.copy_voicemail_button.setEnabled(ready)
        if text is None:
            self.preview.setPlainText("Give the first and last day away to see the auto-reply.")
        else:
            self.preview.setPlainText(f"Email:\n{text.email}\n\nVoicemail:\n{text.voicemail}")

    def _copy(self, which: str) -> None:
        text = self._text()
        clipboard = QGuiApplication.clipboard()
        if text is not None and clipboard is not None:
            clipboard.setText(text.email if which == "email" else text.voicemail)

    def _turn_off(self) -> None:
        try:
            away.end_away()
        except Exception as exc:  # shown inline, like a refusal of Save
            self.show_error(str(exc))
            return
        self.turned_off = True
        self.result_value = None
        self.accept()

    def values(self) -> dict[str, Any]:
        return {
            "start": self.start.text().strip() or None,
            "until": self.until.text().strip(),
            "backup_name": self.backup_name.text(),
            "backup_contact": self.backup_contact.text(),
        }

    @classmethod
    def edit(cls, parent: QWidget | None) -> Away | None:
        """Open the dialog on the current setting; the saved period, or None."""
        return cls.ask(
            parent,
            lambda v: away.set_away(v["until"], v["start"], v["backup_name"], v["backup_contact"]),
            current=away.get_away(),
        )
