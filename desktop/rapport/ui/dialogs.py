"""The hand-entry forms: client, person, fact, conversation, task."""

from __future__ import annotations

import calendar
import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from rapport import clock
from rapport.core import records as r
from rapport.core.postal import PostalAddress, from_parts
from rapport.services import addresses
from rapport.ui.form import FormDialog, moment_of, qt_moment


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def for_whom(dialog: FormDialog, words: str, client: str) -> None:
    """The form's first line: whose record it changes ("With Dana Whitfield"). In the body,
    not the title: a title bar cuts a long one."""
    if not client:
        return
    label = QLabel(f"{words} <b>{html.escape(client)}</b>")
    label.setObjectName("formFor")
    label.setWordWrap(True)
    label.setAccessibleName(f"{words} {client}")
    dialog.form.addRow(label)


def _text_edit(text: str = "", lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class AddressFields:
    """The postal address in parts, as rows of a form: street lines (one per line), city,
    state or region, postcode, country (left out when ``labels`` gives it no label: the
    form has its own). ``value()`` is the PostalAddress typed."""

    LABELS = ("&Address:", "Ci&ty:", "State / re&gion:", "&ZIP / postcode:", "Co&untry:")

    def __init__(
        self,
        dialog: FormDialog,
        address: PostalAddress | None,
        home_country: str = "",
        labels: Sequence[str] = LABELS,
        compact: bool = False,
    ) -> None:
        """``compact``: city, region and postcode side by side on one row (the label of
        the city's), for a form that is tall already."""
        a = address or PostalAddress()
        lines, city, region, postcode, country = labels
        self.lines = dialog.add_row(
            lines, _text_edit("\n".join(a.lines), 3), "Address street lines"
        )
        self.lines.setPlaceholderText("Street and number, apartment (one per line)")
        self.city = QLineEdit(a.city)
        self.region = QLineEdit(a.region)
        self.postcode = QLineEdit(a.postcode)
        self.city.setAccessibleName("City")
        self.region.setAccessibleName("State or region")
        self.postcode.setAccessibleName("ZIP or postcode")
        if compact:
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            for edit, stretch, hint in (
                (self.city, 3, "City"),
                (self.region, 2, "State / region"),
                (self.postcode, 2, "ZIP / postcode"),
            ):
                edit.setPlaceholderText(hint)
                layout.addWidget(edit, stretch)
            row.setFocusProxy(self.city)
            dialog.add_row(city, row, "City, state and postcode")
        else:
            dialog.add_row(city, self.city, "City")
            dialog.add_row(region, self.region, "State or region")
            self.region.setPlaceholderText("State, province or county")
            dialog.add_row(postcode, self.postcode, "ZIP or postcode")
        self.country: QLineEdit | None = None
        if country:
            self.country = dialog.add_row(country, QLineEdit(a.country), "Country")
            if home_country:
                self.country.setPlaceholderText(f"{home_country} (leave empty for your country)")

    def value(self) -> PostalAddress:
        return from_parts(
            self.lines.toPlainText(),
            self.city.text(),
            self.region.text(),
            self.postcode.text(),
            self.country.text() if self.country is not None else "",
        )


def locale_country() -> str:
    """The system locale's country ("United States"), "" when it names none (C locale)."""
    territory = QLocale.system().territory()
    if territory == QLocale.Country.AnyTerritory:
        return ""
    return QLocale.territoryToString(territory)


def home_country() -> str:
    """The user's country: Preferences' home country, else the system locale's."""
    return addresses.home_country() or locale_country()


def birthday_text(day: r.ImportantDate | None) -> str:
    """A yearly date as the birthday field shows it: 1970-07-04, or "July 4" without a year."""
    if day is None:
        return ""
    if day.year:
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    return f"{calendar.month_name[day.month]} {day.day}"


class ClientDialog(FormDialog):
    title = "Client"
    record_argument = "client"

    def __init__(
        self,
        parent: QWidget | None = None,
        client: r.Client | None = None,
        other_clients: Sequence[str] = (),
        birthday: r.ImportantDate | None = None,
        home_country: str = "",
        focus: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit client" if client else "New client")
        c = client
        self.name = self.add_row("&Name:", QLineEdit(c.name if c else ""))
        self.name.setPlaceholderText("First and last name")
        self.company = self.add_row("&Company:", QLineEdit(c.company if c else ""))
        self.role = self.add_row("&Role:", QLineEdit(c.role if c else ""))
        self.emails = self.add_row("&Emails:", QLineEdit(", ".join(c.emails) if c else ""))
        self.emails.setPlaceholderText("name@example.com, another@example.com")
        self.phones = self.add_row("&Phones:", QLineEdit(", ".join(c.phones) if c else ""))
        self._birthday_text = birthday_text(birthday)
        self.birthday = self.add_row("Birth&day:", QLineEdit(self._birthday_text))
        self.birthday.setPlaceholderText("July 4, 1970 or July 4 (optional)")
        self.address = AddressFields(self, c.address if c else None, home_country)
        self.how_we_met = self.add_row("&How we met:", QLineEdit(c.how_we_met if c else ""))
        self.referred_by = self.add_row(
            "Referred &by:", QLineEdit(c.referred_by or "" if c else "")
        )
        self.referred_by.setPlaceholderText("Another client's name (optional)")
        completer = QCompleter(list(other_clients), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.referred_by.setCompleter(completer)
        self.cadence = self.add_row("&Keep in touch every:", QSpinBox())
        self.cadence.setRange(0, 3660)
        self.cadence.setSuffix(" days")
        self.cadence.setSpecialValueText("default")
        self.cadence.setValue(c.cadence_days or 0 if c else 0)
        self.notes = self.add_row("N&otes:", _text_edit(c.notes if c else ""))
        # "address": opened to add the address a letter needs (the envelope asks for it).
        (self.address.lines if focus == "address" else self.name).setFocus()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if self.birthday.text().strip() != self._birthday_text:
            # Sent only when changed: a date the field cannot show is never erased unseen.
            values["birthday"] = self.birthday.text().strip()
        return values | {
            "address": self.address.value(),
            "name": self.name.text(),
            "company": self.company.text(),
            "role": self.role.text(),
            "emails": _split(self.emails.text()),
            "phones": _split(self.phones.text()),
            "how_we_met": self.how_we_met.text(),
            "referred_by": self.referred_by.text().strip(),
            "cadence_days": self.cadence.value() or None,
            "notes": self.notes.toPlainText(),
        }


class PersonDialog(FormDialog):
    title = "Person"

    def __init__(
        self,
        parent: QWidget | None = None,
        person: r.Person | None = None,
        client: str = "",
        home_country: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit person" if person else "Add a person")
        for_whom(self, "Someone in the life of", client)
        p = person
        self.name = self.add_row("&Name:", QLineEdit(p.name or "" if p else ""))
        self.relation = self.add_row("&Relation:", QComboBox())
        self.relation.setEditable(True)
        self.relation.addItems(list(r.RELATIONS))
        self.relation.setCurrentText(p.relation if p else "")
        self.birthday = self.add_row(
            "&Birthday:", QLineEdit(p.birthday.isoformat() if p and p.birthday else "")
        )
        self.birthday.setPlaceholderText("March 3, 2014 or 2014-03-03 (optional)")
        self.age = self.add_row("&Age:", QSpinBox())
        self.age.setRange(-1, 130)
        self.age.setSpecialValueText("unknown")
        self.age.setValue(p.age if p and p.age is not None else -1)
        self.notes = self.add_row("N&otes:", _text_edit(p.notes if p else "", 3))
        labels = ("A&ddress:", *AddressFields.LABELS[1:])
        self.address = AddressFields(self, p.address if p else None, home_country, labels)
        self.address.lines.setPlaceholderText(
            "Their own home, for a card to them (empty: they live with the client)"
        )
        self.name.setFocus()

    def values(self) -> dict[str, Any]:
        age = self.age.value()
        return {
            "address": self.address.value(),
            "name": self.name.text(),
            "relation": self.relation.currentText(),
            "birthday": self.birthday.text().strip() or None,
            "age": None if age < 0 else age,
            "notes": self.notes.toPlainText(),
        }


class FactDialog(FormDialog):
    title = "Fact"

    def __init__(
        self,
        parent: QWidget | None = None,
        fact: r.Fact | None = None,
        people: Sequence[r.Person] = (),
        client: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit fact" if fact else "Add a fact")
        for_whom(self, "About", client)
        f = fact
        self.text = self.add_row("&Fact:", QLineEdit(f.text if f else ""))
        self.text.setPlaceholderText("e.g. Vegetarian; son Jake plays travel baseball")
        self.about = self.add_row("&About:", QComboBox())
        self.about.addItem("the client", None)
        for person in people:
            self.about.addItem(f"{person.label} ({person.relation})", person.id)
        if f and f.person_id:
            self.about.setCurrentIndex(max(self.about.findData(f.person_id), 0))
        self.category = self.add_row("&Category:", QComboBox())
        self.category.addItems(list(r.FACT_CATEGORIES))
        self.category.setCurrentText(f.category if f else "personal")
        self.tags = self.add_row("&Tags:", QLineEdit(", ".join(f.tags) if f else ""))
        self.tags.setPlaceholderText("interests, comma-separated: baseball, wine")
        self.text.setFocus()

    def values(self) -> dict[str, Any]:
        return {
            "text": self.text.text(),
            "person_id": self.about.currentData(),
            "category": self.category.currentText(),
            "tags": _split(self.tags.text().lower()),
        }


class InteractionDialog(FormDialog):
    title = "Conversation"

    def __init__(
        self,
        parent: QWidget | None = None,
        interaction: r.Interaction | None = None,
        client: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit conversation" if interaction else "Log a conversation")
        for_whom(self, "With", client)
        i = interaction
        self.kind = self.add_row("&Kind:", QComboBox())
        self.kind.addItems(list(r.INTERACTION_KINDS))
        self.kind.setCurrentText(i.kind if i else "meeting")
        # clock.now() honours RAPPORT_TODAY, like every other date the window shows.
        when = i.happened_at if i else clock.now().replace(second=0, microsecond=0)
        self.when = self.add_row("&When:", QDateTimeEdit(qt_moment(when)))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.title_edit = self.add_row("&Title:", QLineEdit(i.title if i else ""), "Title")
        self.title_edit.setPlaceholderText("Lunch at Rosa's")
        self.raw_text = self.add_row("&Notes:", _text_edit(i.raw_text if i else "", 6))
        self.key_points = self.add_row(
            "Key &points:", _text_edit("\n".join(i.key_points) if i else "", 3)
        )
        self.key_points.setPlaceholderText("One per line")
        self.title_edit.setFocus()

    def values(self) -> dict[str, Any]:
        return {
            "kind": self.kind.currentText(),
            "happened_at": moment_of(self.when.dateTime()),
            "title": self.title_edit.text(),
            "raw_text": self.raw_text.toPlainText(),
            "key_points": [
                line.strip() for line in self.key_points.toPlainText().splitlines() if line.strip()
            ],
        }


class TaskDialog(FormDialog):
    title = "Task"
    record_argument = "task"

    def __init__(
        self, parent: QWidget | None = None, task: r.Task | None = None, client: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit task" if task else "Add a task")
        for_whom(self, "For", client or (task.client or "" if task else ""))
        t = task
        self.title_edit = self.add_row("&Task:", QLineEdit(t.title if t else ""), "Task")
        self.title_edit.setPlaceholderText("Send the revised proposal")
        self.due = self.add_row("&Due:", QLineEdit(t.due.isoformat() if t and t.due else ""))
        self.due.setPlaceholderText("tomorrow, friday, in 3 days, 2026-12-01 (optional)")
        self.kind = self.add_row("&Kind:", QComboBox())
        self.kind.addItems(list(r.TASK_KINDS))
        self.kind.setCurrentText(t.kind if t else "promise")
        self.promised = self.add_row("", QCheckBox("I &promised this to the client"), "Promised")
        self.promised.setChecked(t.promised if t else True)
        self.notes = self.add_row("N&otes:", _text_edit(t.notes if t else "", 3))
        self.title_edit.setFocus()

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text(),
            "due": self.due.text().strip() or None,
            "kind": self.kind.currentText(),
            "promised": self.promised.isChecked(),
            "notes": self.notes.toPlainText(),
        }
