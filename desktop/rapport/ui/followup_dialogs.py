"""Recording by hand what quick capture usually records: a message, an introduction.

A voicemail or email waiting for an answer (its reply task is made with it), and an
introduction (with "thank the referrer" and "email the lead" tasks). Both work on the
client shown in the profile; their menu items are in ui/followup_actions.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDateTimeEdit, QLineEdit, QWidget

from rapport import clock
from rapport.core import records as r
from rapport.ui.form import FormDialog, moment_of, qt_moment


class InboundDialog(FormDialog):
    title = "Record a message"

    def __init__(self, parent: QWidget | None = None, client: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Message from {client}" if client else "Record a message")
        self.channel = self.add_row("&Kind:", QComboBox(), "Kind of message")
        self.channel.addItems(list(r.INBOUND_CHANNELS))
        now = clock.now().replace(second=0, microsecond=0)
        self.when = self.add_row("&Received:", QDateTimeEdit(qt_moment(now)))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.summary = self.add_row("&About:", QLineEdit())
        self.summary.setPlaceholderText("what they want, in a few words")
        self.summary.setFocus()

    def values(self) -> dict[str, Any]:
        when = moment_of(self.when.dateTime())
        return {
            "channel": self.channel.currentText(),
            "received_at": when,
            "summary": self.summary.text(),
        }


class IntroductionDialog(FormDialog):
    title = "Record an introduction"

    def __init__(
        self, parent: QWidget | None = None, lead: str = "", other_clients: Sequence[str] = ()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Who introduced {lead}?" if lead else "Record an introduction")
        self.referrer = self.add_row("&Introduced by:", QLineEdit(), "Introduced by")
        self.referrer.setPlaceholderText("a client's name, or anyone's")
        completer = QCompleter(list(other_clients), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.referrer.setCompleter(completer)
        self.on = self.add_row("&On:", QLineEdit(clock.today().isoformat()), "Introduced on")
        self.on.setPlaceholderText("today, yesterday, 2026-11-16…")
        self.note = self.add_row("&Note:", QLineEdit())
        self.note.setPlaceholderText("what the lead needs, how they know each other")
        self.referrer.setFocus()

    def values(self) -> dict[str, Any]:
        return {
            "referrer": self.referrer.text().strip(),
            "introduced_on": self.on.text().strip() or None,
            "note": self.note.text(),
        }


def record_message(parent: QWidget, client: r.Client) -> bool:
    from rapport.services import inbound

    return (
        InboundDialog.ask(
            parent,
            lambda v: inbound.record_inbound(
                client.id, v["channel"], v["received_at"], v["summary"]
            ),
            client=client.name,
        )
        is not None
    )


def record_introduction(parent: QWidget, client: r.Client) -> bool:
    from rapport.services import clients, introductions

    others = clients.all_names(except_id=client.id)
    return (
        IntroductionDialog.ask(
            parent,
            lambda v: introductions.introduce(
                client.id, v["referrer"], v["note"], v["introduced_on"]
            ),
            lead=client.name,
            other_clients=others,
        )
        is not None
    )
