"""Addresses through every exchange format: vCard ADR and CSV address columns (Google,
Outlook, a generic sheet, Rapport's own) read into parts and written back; the JSON export
carries the parts (and reads an older export's free text into them)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rapport.core.postal import PostalAddress
from rapport.exchange import csv_io, vcard
from rapport.exchange.common import ContactIn
from rapport.services import addresses, clients, exchange, people
from rapport.services.book import close_book

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines

HOME = PostalAddress(
    ("Building 4, Floor 3", "100 Industrial Pkwy; rear"), "Springfield", "IL", "62704", "USA"
)
BERLIN = PostalAddress(("Hauptstraße 5",), "Berlin", "", "10115", "Deutschland")
TOKYO = PostalAddress(("東京都千代田区丸の内1-1-1",), country="日本")


def _book_with_addresses() -> dict[str, int]:
    dana = clients.create_client("Dana Whitfield", address=HOME)
    anna = clients.create_client("Anna Schmidt", address=BERLIN)
    kenji = clients.create_client("Kenji Sato", address=TOKYO)
    jake = people.add_person(dana.id, "Jake", "son", address=BERLIN)
    clients.create_client("No Address")
    return {"dana": dana.id, "anna": anna.id, "kenji": kenji.id, "jake": jake.id}


def _by_name() -> dict[str, PostalAddress]:
    return {row.name: addresses.client_address(row.id) for row in clients.list_clients()}


def test_vcard_adr_round_trip_keeps_every_part(
    tmp_path: Path, books: Callable[[str], Path]
) -> None:
    books("a")
    try:
        _book_with_addresses()
        before = _by_name()
        exchange.export(tmp_path / "book.vcf")
    finally:
        close_book()
    text = (tmp_path / "book.vcf").read_text(encoding="utf-8")
    assert "ADR;TYPE=HOME:;;Hauptstraße 5;Berlin;;10115;Deutschland" in text
    books("b")
    try:
        exchange.apply_import(exchange.preview_import(tmp_path / "book.vcf"))
        assert _by_name() == before
        assert before["Dana Whitfield"] == HOME
    finally:
        close_book()


def test_csv_export_writes_the_parts_and_reads_them_back(
    tmp_path: Path, books: Callable[[str], Path]
) -> None:
    books("a")
    try:
        _book_with_addresses()
        before = _by_name()
        exchange.export(tmp_path / "book.csv")
    finally:
        close_book()
    header, rows = csv_io.read_table(
        (tmp_path / "book-clients.csv").read_text(encoding="utf-8-sig")
    )
    assert header[-5:] == ["street", "city", "region", "postcode", "country"]
    anna = dict(zip(header, next(row for row in rows if row[1] == "Anna Schmidt"), strict=True))
    assert anna["address"] == "Hauptstraße 5, 10115 Berlin, DEUTSCHLAND"
    assert (anna["city"], anna["postcode"], anna["country"]) == ("Berlin", "10115", "Deutschland")
    books("b")
    try:
        plan = exchange.preview_import(tmp_path / "book-clients.csv")
        assert plan.flavour == "rapport"
        exchange.apply_import(plan)
        assert _by_name() == before
    finally:
        close_book()


def test_google_csv_address_parts_are_read(tmp_path: Path, book: Path) -> None:
    header = (
        "First Name,Last Name,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,"
        "Address 1 - City,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
        "E-mail 1 - Value"
    )
    rows = [
        'Dana,Whitfield,Home,"100 Main St\nSpringfield, IL 62704\nUS","100 Main St",'
        "Springfield,IL,62704,US,dana@x.example",
        # Only the formatted text: read into parts.
        'Anna,Schmidt,Home,"Hauptstraße 5\n10115 Berlin\nDeutschland",,,,,,anna@x.example',
    ]
    path = tmp_path / "google.csv"
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    plan = exchange.preview_import(path)
    assert plan.flavour == "google"
    exchange.apply_import(plan)
    found = _by_name()
    assert found["Dana Whitfield"] == PostalAddress(
        ("100 Main St",), "Springfield", "IL", "62704", "US"
    )
    assert found["Anna Schmidt"] == BERLIN


def test_outlook_csv_prefers_the_home_address(tmp_path: Path, book: Path) -> None:
    header = (
        "First Name,Last Name,E-mail Address,Business Street,Business City,Business State,"
        "Business Postal Code,Business Country/Region,Home Street,Home Street 2,Home City,"
        "Home State,Home Postal Code,Home Country/Region"
    )
    row = (
        "Bob,Smith,bob@acme.example,1 Office Rd,Peoria,IL,61602,United States,"
        "12 Main St,Apt 4,Springfield,IL,62704,United States"
    )
    path = tmp_path / "outlook.csv"
    path.write_text(f"{header}\r\n{row}\r\n", encoding="utf-8")
    plan = exchange.preview_import(path)
    assert plan.flavour == "outlook"
    exchange.apply_import(plan)
    assert _by_name()["Bob Smith"] == PostalAddress(
        ("12 Main St", "Apt 4"), "Springfield", "IL", "62704", "United States"
    )


def test_generic_csv_address_columns_are_guessed() -> None:
    text = (
        "Name,Street,City,State,ZIP,Country\r\n"
        "Dana Whitfield,12 Main St,Springfield,IL,62704,USA\r\n"
    )
    header, _rows = csv_io.read_table(text)
    assert list(csv_io.guess_mapping(header).values()) == [
        "name",
        "street",
        "city",
        "region",
        "postcode",
        "country",
    ]
    (dana,) = csv_io.parse(text).contacts
    assert dana.address == PostalAddress(("12 Main St",), "Springfield", "IL", "62704", "USA")
    # One "Address" column: read into parts.
    (one,) = csv_io.parse('Name,Address\r\nAnn,"12 Main St, Springfield, IL 62704"\r\n').contacts
    assert one.address == PostalAddress(("12 Main St",), "Springfield", "IL", "62704")


def test_an_import_fills_an_empty_address_whole_and_never_mixes_two(
    tmp_path: Path, book: Path
) -> None:
    dana = clients.create_client("Dana Whitfield", emails=["dana@x.example"])
    kept = clients.create_client("Anna Schmidt", emails=["anna@x.example"], address=BERLIN)
    contacts = [ContactIn(name="Dana Whitfield", emails=["dana@x.example"])]
    contacts.append(ContactIn(name="Anna Schmidt", emails=["anna@x.example"]))
    contacts[0].set_address(HOME)
    contacts[1].set_address(PostalAddress(("Other St 1",), postcode="99999"))
    path = tmp_path / "in.vcf"
    path.write_text(vcard.write(contacts), encoding="utf-8")
    plan = exchange.preview_import(path)
    details = {item.name: item.detail for item in plan.items}
    assert details["Dana Whitfield"].endswith("; fills address")
    assert "address" not in details["Anna Schmidt"]
    exchange.apply_import(plan)
    assert addresses.client_address(dana.id) == HOME
    assert addresses.client_address(kept.id) == BERLIN


def test_json_export_carries_the_parts_and_an_older_export_is_read_into_them(
    tmp_path: Path, books: Callable[[str], Path]
) -> None:
    books("a")
    try:
        ids = _book_with_addresses()
        exchange.export(tmp_path / "book.json")
    finally:
        close_book()
    document = json.loads((tmp_path / "book.json").read_text(encoding="utf-8"))
    dana = next(row for row in document["tables"]["client"] if row["id"] == ids["dana"])
    assert dana["address_lines"] == "Building 4, Floor 3\n100 Industrial Pkwy; rear"
    assert (dana["city"], dana["region"], dana["postcode"]) == ("Springfield", "IL", "62704")
    jake = next(row for row in document["tables"]["person"] if row["id"] == ids["jake"])
    assert (jake["city"], jake["country"]) == ("Berlin", "Deutschland")
    # An export written before addresses had parts: the free text only.
    for row in document["tables"]["client"]:
        if row["id"] == ids["anna"]:
            for name in ("address_lines", "city", "region", "postcode", "country"):
                del row[name]
            row["address"] = "Hauptstraße 5\n10115 Berlin\nDeutschland"
    (tmp_path / "old.json").write_text(json.dumps(document), encoding="utf-8")
    books("b")
    try:
        exchange.apply_import(exchange.preview_import(tmp_path / "old.json"))
        assert addresses.client_address(ids["anna"]) == BERLIN
        assert addresses.client_address(ids["dana"]) == HOME
        assert addresses.person_address(ids["jake"]) == BERLIN
    finally:
        close_book()


def test_a_json_address_part_must_be_text(tmp_path: Path, books: Callable[[str], Path]) -> None:
    books("a")
    try:
        _book_with_addresses()
        exchange.export(tmp_path / "book.json")
    finally:
        close_book()
    document = json.loads((tmp_path / "book.json").read_text(encoding="utf-8"))
    document["tables"]["client"][0]["city"] = 12
    document["tables"]["client"][1]["postcode"] = "\x1b[31m10115"
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    books("b")
    try:
        with pytest.raises(exchange.ImportFailed, match="column 'city' must be text"):
            exchange.preview_import(tmp_path / "bad.json")
        assert clients.list_clients() == []
    finally:
        close_book()


def test_an_address_part_past_its_bound_is_refused_in_every_format(
    tmp_path: Path, book: Path
) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        "Name,Street,City\r\nDana Whitfield,12 Main St,"
        + "x" * 201
        + "\r\nAnn Lee,1 Elm St,Salem\r\n",
        encoding="utf-8",
    )
    plan = exchange.preview_import(path)
    assert [(item.name, item.detail) for item in plan.items if item.action == "skipped"] == [
        ("Dana Whitfield", "the city is longer than 200 characters")
    ]
    clients.create_client("Kept", address=HOME)
    exchange.export(tmp_path / "book.json")
    document = json.loads((tmp_path / "book.json").read_text(encoding="utf-8"))
    document["tables"]["client"][0]["region"] = "y" * 201
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(exchange.ImportFailed, match="the region is longer than 200 characters"):
        exchange.preview_import(tmp_path / "bad.json")
