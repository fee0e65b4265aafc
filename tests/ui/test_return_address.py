"""Preferences: the return address for envelopes and your country, typed into the real
dialog, saved as book settings (shared with the command line) and read back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from rapport.core.postal import PostalAddress
from rapport.services import addresses, settings
from rapport.ui.settings_dialog import SettingsDialog
from tests.ui.form_helpers import click_save


def test_the_return_address_is_saved_and_read_back(
    window: Any, qtbot: Any, answer_modal: Any
) -> None:
    errors: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        qtbot.keyClicks(dialog.return_name, "Sam Carter, Acme Advisors")
        dialog.return_address.lines.setFocus()
        qtbot.keyClicks(dialog.return_address.lines, "1 Office Rd")
        qtbot.keyClick(dialog.return_address.lines, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.return_address.lines, "Suite 200")
        qtbot.keyClicks(dialog.return_address.city, "x" * 201)
        qtbot.keyClicks(dialog.return_address.region, "IL")
        qtbot.keyClicks(dialog.return_address.postcode, "61602")
        dialog.home_country.clear()
        qtbot.keyClicks(dialog.home_country, "United States")
        click_save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        assert dialog.isVisible(), "a refused value keeps the dialog open"
        dialog.return_address.city.setText("Peoria")
        click_save(qtbot, dialog)

    answer_modal(fill)
    window.preferences_action.trigger()
    assert errors and "city is longer than 200 characters" in errors[0]
    assert addresses.return_address() == (
        "Sam Carter, Acme Advisors",
        PostalAddress(("1 Office Rd", "Suite 200"), "Peoria", "IL", "61602", "United States"),
    )
    assert addresses.home_country() == "United States"
    assert settings.get("return_address")["lines"] == ["1 Office Rd", "Suite 200"]

    seen: dict[str, str] = {}

    def read_back(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        seen["name"] = dialog.return_name.text()
        seen["lines"] = dialog.return_address.lines.toPlainText()
        seen["city"] = dialog.return_address.city.text()
        seen["country"] = dialog.home_country.text()
        dialog.reject()

    answer_modal(read_back)
    window.preferences_action.trigger()
    assert seen == {
        "name": "Sam Carter, Acme Advisors",
        "lines": "1 Office Rd\nSuite 200",
        "city": "Peoria",
        "country": "United States",
    }


def test_your_country_starts_from_the_locale(
    window: Any, qtbot: Any, answer_modal: Any, monkeypatch: Any
) -> None:
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale()))
    try:
        shown: list[str] = []

        def look(dialog: QWidget) -> None:
            assert isinstance(dialog, SettingsDialog)
            shown.append(dialog.home_country.text())
            click_save(qtbot, dialog)

        answer_modal(look)
        window.preferences_action.trigger()
    finally:
        QLocale.setDefault(before)
    assert shown == ["Germany"]
    assert addresses.home_country() == "Germany"
