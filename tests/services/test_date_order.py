"""Issue 16 item 6: the date order (Preferences, RAPPORT_DATE_ORDER, the locale) reaches the
date fields, quick capture and a contacts file's birthdays."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rapport.services import capture, clients, exchange, settings, when
from rapport.services.errors import ValidationError


@pytest.fixture
def no_run_choice(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Without the tests' pinned RAPPORT_DATE_ORDER, and in a US-English locale."""
    monkeypatch.delenv("RAPPORT_DATE_ORDER", raising=False)
    for name in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    return monkeypatch


def test_the_setting_is_checked(book: Path) -> None:
    assert settings.get("date_order") == ""
    assert settings.update({"date_order": " DMY "})["date_order"] == "dmy"
    with pytest.raises(ValidationError, match="date order"):
        settings.update({"date_order": "ymd"})
    assert settings.get("date_order") == "dmy"


def test_date_fields_read_3_4_both_ways(book: Path, no_run_choice: pytest.MonkeyPatch) -> None:
    today = date(2026, 11, 18)
    assert when.parse_day("3/4", today=today) == date(2027, 3, 4)  # the locale: en_US
    settings.update({"date_order": "dmy"})
    assert when.parse_day("3/4", today=today) == date(2027, 4, 3)
    assert when.parse_past_day("3/4/2014") == date(2014, 4, 3)
    no_run_choice.setenv("RAPPORT_DATE_ORDER", "mdy")  # one run's choice wins
    assert when.parse_day("3/4", today=today) == date(2027, 3, 4)
    no_run_choice.delenv("RAPPORT_DATE_ORDER")
    settings.update({"date_order": ""})
    no_run_choice.setenv("LANG", "en_GB.UTF-8")
    assert when.parse_day("3/4", today=today) == date(2027, 4, 3)


def test_quick_capture_reads_the_books_order(book: Path, no_run_choice: pytest.MonkeyPatch) -> None:
    note = "Lunch with Bob Smith. I'll send the deck by 3/4."
    assert [t["due"] for t in capture.understand_note(note)["tasks"]] == ["2027-03-04"]
    settings.update({"date_order": "dmy"})
    assert [t["due"] for t in capture.understand_note(note)["tasks"]] == ["2027-04-03"]
    index = capture.client_index()
    assert [t["due"] for t in capture.understand_with(note, index)["tasks"]] == ["2027-04-03"]


OUTLOOK = "First Name,Last Name,Birthday,Children\r\nAnna,Schmidt,3/4/1970,\r\n"


@pytest.mark.parametrize(("order", "day"), [("mdy", (3, 4)), ("dmy", (4, 3))])
def test_an_imported_birthday_is_read_in_the_books_order(
    book: Path, tmp_path: Path, no_run_choice: pytest.MonkeyPatch, order: str, day: tuple[int, int]
) -> None:
    settings.update({"date_order": order})
    path = tmp_path / "contacts.csv"
    path.write_text(OUTLOOK, encoding="utf-8")
    exchange.apply_import(exchange.preview_import(path))
    profile = clients.profile(clients.resolve("Anna Schmidt").id)
    assert [(d.label, d.month, d.day) for d in profile.dates] == [("birthday", *day)]
