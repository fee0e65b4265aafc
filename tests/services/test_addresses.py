"""Postal addresses in the book: the parts stored and read, the migration from the old
free-text field (never losing a character), who a letter goes to, and the sender."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from rapport.core.postal import PostalAddress
from rapport.services import addresses, clients, people, settings
from rapport.services.book import close_book, open_book
from rapport.services.errors import ValidationError
from rapport.store import migrations
from rapport.store import models as m
from tests.pgserver import OLD_FILE

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines

HOME = PostalAddress(("12 Main St", "Apt 4"), "Springfield", "IL", "62704", "USA")


def test_client_address_is_stored_in_parts(book: Path) -> None:
    dana = clients.create_client("Dana Whitfield")
    assert addresses.client_address(dana.id).is_empty()
    addresses.set_client_address(dana.id, HOME)
    assert addresses.client_address(dana.id) == HOME
    row = m.Client.get_by_id(dana.id)
    assert row.address_lines == "12 Main St\nApt 4"
    assert (row.city, row.region, row.postcode, row.country) == (
        "Springfield",
        "IL",
        "62704",
        "USA",
    )


def test_address_parts_are_cleaned_and_bounded(book: Path) -> None:
    dana = clients.create_client("Dana Whitfield")
    addresses.set_client_address(
        dana.id, PostalAddress(("12 Main\x1b St\r\nApt 4",), "Spring\x00field ")
    )
    assert addresses.client_address(dana.id) == PostalAddress(
        ("12 Main St", "Apt 4"), "Springfield"
    )
    with pytest.raises(ValidationError, match="longer than"):
        addresses.set_client_address(dana.id, PostalAddress(city="x" * 201))
    with pytest.raises(ValidationError, match="street lines"):
        addresses.set_client_address(dana.id, PostalAddress(tuple(f"line {i}" for i in range(13))))
    assert addresses.client_address(dana.id) == PostalAddress(
        ("12 Main St", "Apt 4"), "Springfield"
    )


def test_person_address_and_mailing_target(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    alice = people.add_person(bob.id, "Alice", "wife")
    jake = people.add_person(bob.id, "Jake Smith", "son")
    with pytest.raises(addresses.NoAddressError) as refused:
        addresses.mailing_target(bob.id)
    assert str(refused.value) == "add Bob's address first"
    addresses.set_client_address(bob.id, HOME)
    target = addresses.mailing_target(bob.id)
    assert target == addresses.MailingTarget(bob.id, None, "Bob Smith", "Bob & Alice Smith", HOME)
    # A person without a home of their own is written to at the client's.
    assert addresses.mailing_target(bob.id, jake.id).address == HOME
    dorm = PostalAddress(("Room 12, Hall B",), "Ann Arbor", "MI", "48109", "USA")
    addresses.set_person_address(jake.id, dorm)
    assert addresses.person_address(jake.id) == dorm
    target = addresses.mailing_target(bob.id, jake.id)
    assert (target.name, target.household, target.address) == ("Jake Smith", "", dorm)
    assert addresses.person_address(alice.id).is_empty()


def test_household_names() -> None:
    assert addresses.household_name("Bob Smith", "Alice") == "Bob & Alice Smith"
    assert addresses.household_name("Bob Smith", "Alice Smith") == "Bob & Alice Smith"
    assert addresses.household_name("Bob Smith", "Alice Jones") == "Bob Smith & Alice Jones"
    assert addresses.household_name("Cher", "Sonny") == "Cher & Sonny"


def test_return_address_from_settings(book: Path) -> None:
    assert addresses.return_address() == ("", PostalAddress())
    settings.update({"user_name": "Sam Rep"})
    assert addresses.return_address()[0] == "Sam Rep"
    settings.update(
        {
            "return_name": "Sam Rep, Acme",
            "return_address": {"lines": ["1 Office Rd"], "city": "Peoria", "region": "IL"},
            "home_country": "USA",
        }
    )
    assert addresses.return_address() == (
        "Sam Rep, Acme",
        PostalAddress(("1 Office Rd",), "Peoria", "IL"),
    )
    assert addresses.home_country() == "USA"
    with pytest.raises(ValidationError, match="return address"):
        settings.update({"return_address": {"city": "y" * 500}})


OLD_TEXTS = [
    "12 Main St, Springfield, IL 62704",
    "Hauptstraße 5\n10115 Berlin\nDeutschland",
    "somewhere past the mill; ask for Jim\n\t(blue door)",
    "東京都千代田区丸の内1-1-1\n日本",
    "c/o Acme\nAttn: Dana\nBldg 4\nFloor 3\nMS 12\n100 Industrial Pkwy\nSpringfield, IL 62704",
]


@pytest.mark.sqlite_only(reason=OLD_FILE)
def test_the_old_free_text_address_is_migrated_into_parts(data_dir: Path) -> None:
    open_book(data_dir)
    ids = [clients.create_client(f"Client {i}").id for i in range(len(OLD_TEXTS))]
    close_book()
    path = data_dir / "rapport.db"
    conn = sqlite3.connect(path)
    for client_id, text in zip(ids, OLD_TEXTS, strict=True):
        conn.execute("UPDATE client SET address = ? WHERE id = ?", (text, client_id))
    for table in ("client", "person"):
        for name in migrations.ADDRESS_PARTS:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
    conn.execute("PRAGMA user_version = 5")  # the schema just before step 6
    conn.commit()
    conn.close()
    open_book(data_dir)
    try:
        for client_id, text in zip(ids, OLD_TEXTS, strict=True):
            row = m.Client.get_by_id(client_id)
            assert row.address == ""
            addr = addresses.client_address(client_id)
            stored = "".join((*addr.lines, addr.city, addr.region, addr.postcode, addr.country))
            given = Counter(ch for ch in text if not ch.isspace())
            missing = given - Counter(ch for ch in stored if not ch.isspace())
            assert set(missing) <= {","}, (text, addr)
        assert addresses.client_address(ids[0]) == PostalAddress(
            ("12 Main St",), "Springfield", "IL", "62704"
        )
        assert addresses.client_address(ids[2]).lines == (
            "somewhere past the mill; ask for Jim",
            "(blue door)",
        )
        assert len(addresses.client_address(ids[4]).lines) == 6
        # A person added after the migration has the new columns too.
        people.add_person(ids[0], "Kim", "daughter")
    finally:
        close_book()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    conn.close()


def _birthdays(client_id: int) -> list[tuple[int, int, int | None]]:
    return [
        (row.month, row.day, row.year)
        for row in m.ImportantDate.select().where(
            m.ImportantDate.client == client_id, m.ImportantDate.person.is_null()
        )
    ]


def test_the_clients_own_birthday_is_edited_with_or_without_its_year(book: Path) -> None:
    dana = clients.create_client("Dana Whitfield", birthday="July 4, 1970")
    assert _birthdays(dana.id) == [(7, 4, 1970)]
    clients.update_client(dana.id, birthday="March 3")
    assert _birthdays(dana.id) == [(3, 3, None)]
    clients.update_client(dana.id, birthday="--02-29")
    assert _birthdays(dana.id) == [(2, 29, None)]
    clients.update_client(dana.id, birthday="1980-05-17")
    assert _birthdays(dana.id) == [(5, 17, 1980)]
    with pytest.raises(ValidationError, match="birthday"):
        clients.update_client(dana.id, birthday="someday soon")
    with pytest.raises(ValidationError, match="not a real date"):
        clients.update_client(dana.id, birthday="02-30")
    with pytest.raises(ValidationError, match="future"):
        clients.update_client(dana.id, birthday="2999-01-01")
    assert _birthdays(dana.id) == [(5, 17, 1980)]
    clients.update_client(dana.id, birthday="")
    assert _birthdays(dana.id) == []
    # Other yearly dates of the client are not touched.
    people.add_date(dana.id, "anniversary", 6, 12, 2004)
    clients.update_client(dana.id, birthday="July 4")
    assert sorted(_birthdays(dana.id)) == [(6, 12, 2004), (7, 4, None)]


def test_the_demo_book_has_addresses_to_print(book: Path) -> None:
    from rapport.sample.demo import load_demo

    load_demo()
    dana = addresses.mailing_target(clients.resolve("Dana Whitfield").id)
    assert dana.household == "Dana & Mark Whitfield"
    assert dana.address == PostalAddress(
        ("Harbor Logistics", "1200 Alaskan Way, Suite 400"), "Seattle", "WA", "98101"
    )
    olivia = addresses.client_address(clients.resolve("Olivia Grant").id)
    assert (olivia.postcode, olivia.country) == ("W1T 4JE", "United Kingdom")
    with pytest.raises(addresses.NoAddressError, match="add Priya's address first"):
        addresses.mailing_target(clients.resolve("Priya Raman").id)
