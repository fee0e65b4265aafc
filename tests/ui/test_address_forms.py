"""The client and person forms edit the postal address in parts (and the client's own
birthday), typed into the real fields and saved through the services."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from rapport.core.postal import PostalAddress
from rapport.services import addresses, clients, settings
from rapport.store import models as m
from rapport.ui.dialogs import ClientDialog, PersonDialog
from tests.ui.form_helpers import click_save


def _client_birthdays(client_id: int) -> list[tuple[int, int, int | None]]:
    return [
        (row.month, row.day, row.year)
        for row in m.ImportantDate.select().where(
            m.ImportantDate.client == client_id,
            m.ImportantDate.person.is_null(),
            m.ImportantDate.label == "birthday",
        )
    ]


def test_the_client_form_saves_the_address_in_parts_and_the_birthday(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    bob = clients.resolve("Bob Smith")
    window.open_client(bob.id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        dialog.address.lines.setFocus()
        qtbot.keyClicks(dialog.address.lines, "c/o Acme Supply")
        qtbot.keyClick(dialog.address.lines, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.address.lines, "100 Industrial Pkwy")
        qtbot.keyClicks(dialog.address.city, "Springfield")
        qtbot.keyClicks(dialog.address.region, "IL")
        qtbot.keyClicks(dialog.address.postcode, "62704")
        qtbot.keyClicks(dialog.address.country, "USA")
        qtbot.keyClicks(dialog.birthday, "July 4")
        click_save(qtbot, dialog)
        if dialog.isVisible():  # refused: close, so that the test fails, not hangs
            dialog.reject()

    answer_modal(fill)
    assert window.profile.edit_client()
    assert addresses.client_address(bob.id) == PostalAddress(
        ("c/o Acme Supply", "100 Industrial Pkwy"), "Springfield", "IL", "62704", "USA"
    )
    assert _client_birthdays(bob.id) == [(7, 4, None)]

    # Opened again, the form shows what was saved; an untouched birthday is left alone.
    shown: dict[str, str] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        shown["lines"] = dialog.address.lines.toPlainText()
        shown["city"] = dialog.address.city.text()
        shown["birthday"] = dialog.birthday.text()
        dialog.address.city.clear()
        qtbot.keyClicks(dialog.address.city, "Peoria")
        click_save(qtbot, dialog)

    answer_modal(look)
    assert window.profile.edit_client()
    assert shown == {
        "lines": "c/o Acme Supply\n100 Industrial Pkwy",
        "city": "Springfield",
        "birthday": "July 4",
    }
    assert addresses.client_address(bob.id).city == "Peoria"
    assert _client_birthdays(bob.id) == [(7, 4, None)]


def test_a_bad_birthday_is_refused_in_the_form_and_nothing_is_written(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    bob = clients.resolve("Bob Smith")
    window.open_client(bob.id)
    before = addresses.client_address(bob.id)
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        qtbot.keyClicks(dialog.address.city, "Springfield")
        qtbot.keyClicks(dialog.birthday, "02-30")
        click_save(qtbot, dialog)
        seen.append(dialog.error_label.text())
        dialog.reject()

    answer_modal(fill)
    assert not window.profile.edit_client()
    assert seen and "not a real date" in seen[0]
    assert addresses.client_address(bob.id) == before


def test_the_client_form_can_open_on_the_address(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    window.open_client(clients.resolve("Bob Smith").id)
    focused: list[bool] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        focused.append(dialog.focusWidget() is dialog.address.lines)
        dialog.reject()

    answer_modal(look)
    window.profile.edit_client(focus="address")
    assert focused == [True]


def test_a_new_client_typed_with_an_address(window: Any, qtbot: Any, answer_modal: Any) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        qtbot.keyClicks(dialog.name, "Greta Vogel")
        dialog.address.lines.setFocus()
        qtbot.keyClicks(dialog.address.lines, "Hauptstraße 5")
        qtbot.keyClicks(dialog.address.city, "Berlin")
        qtbot.keyClicks(dialog.address.postcode, "10115")
        qtbot.keyClicks(dialog.address.country, "Deutschland")
        click_save(qtbot, dialog)

    answer_modal(fill)
    window.new_client_action.trigger()
    greta = clients.resolve("Greta Vogel")
    assert addresses.client_address(greta.id) == PostalAddress(
        ("Hauptstraße 5",), "Berlin", "", "10115", "Deutschland"
    )


def test_the_person_form_saves_their_own_home(window: Any, qtbot: Any, answer_modal: Any) -> None:
    bob = clients.resolve("Bob Smith")
    window.open_client(bob.id)
    settings.update({"home_country": "United States"})
    placeholder: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        placeholder.append(dialog.address.country.placeholderText())
        qtbot.keyClicks(dialog.name, "Kim")
        qtbot.keyClicks(dialog.relation.lineEdit(), "daughter")
        dialog.address.lines.setFocus()
        qtbot.keyClicks(dialog.address.lines, "Room 12, Hall B")
        qtbot.keyClicks(dialog.address.city, "Ann Arbor")
        qtbot.keyClicks(dialog.address.region, "MI")
        qtbot.keyClicks(dialog.address.postcode, "48109")
        click_save(qtbot, dialog)
        if dialog.isVisible():
            dialog.reject()

    answer_modal(fill)
    window.profile.add_person()
    kim = next(p for p in clients.profile(bob.id).people if p.name == "Kim")
    assert kim.address == PostalAddress(("Room 12, Hall B",), "Ann Arbor", "MI", "48109")
    assert placeholder == ["United States (leave empty for your country)"]
    assert addresses.mailing_target(bob.id, kim.id).address == kim.address
