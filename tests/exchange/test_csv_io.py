"""CSV in from Google Contacts and Outlook (their real headers) and any spreadsheet; out safe."""

from __future__ import annotations

import codecs
import csv
import io
from datetime import datetime

import pytest

from rapport.core.postal import PostalAddress
from rapport.exchange import csv_io
from rapport.exchange.common import ExchangeError, decode

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,"
    "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
    "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
    "Relation 1 - Label,Relation 1 - Value,Relation 2 - Label,Relation 2 - Value,"
    "Website 1 - Label,Website 1 - Value,Event 1 - Label,Event 1 - Value,"
    "Custom Field 1 - Label,Custom Field 1 - Value"
)
GOOGLE_LEGACY_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
    "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,"
    "Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,"
    "Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,"
    "Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,"
    "Organization 1 - Location,Organization 1 - Job Description"
)
OUTLOOK_HEADER = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business Street 2,Business Street 3,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home Street 2,Home Street 3,"
    "Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other Street 2,"
    "Other Street 3,Other City,Other State,Other Postal Code,Other Country/Region,"
    "Assistant's Phone,Business Fax,Business Phone,Business Phone 2,Callback,Car Phone,"
    "Company Main Phone,Home Fax,Home Phone,Home Phone 2,ISDN,Mobile Phone,Other Fax,"
    "Other Phone,Pager,Primary Phone,Radio Phone,TTY/TDD Phone,Telex,Account,Anniversary,"
    "Assistant's Name,Billing Information,Birthday,Business Address PO Box,Categories,"
    "Children,Directory Server,E-mail Address,E-mail Type,E-mail Display Name,"
    "E-mail 2 Address,E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,"
    "E-mail 3 Display Name,Gender,Government ID Number,Hobby,Home Address PO Box,Initials,"
    "Internet Free Busy,Keywords,Language,Location,Manager's Name,Mileage,Notes,"
    "Office Location,Organizational ID Number,Other Address PO Box,Priority,Private,"
    "Profession,Referred By,Sensitivity,Spouse,User 1,User 2,User 3,User 4,Web Page"
)


def _row(header: str, **cells: str) -> str:
    columns = next(csv.reader([header]))
    unknown = set(cells) - set(columns)
    assert not unknown, unknown
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([cells.get(c, "") for c in columns])
    return buffer.getvalue()


def _cells(**named: str) -> dict[str, str]:
    return {key.replace("__", " - ").replace("_", " "): value for key, value in named.items()}


def test_google_contacts_export() -> None:
    row = _row(
        GOOGLE_HEADER,
        **{
            "First Name": "Bob",
            "Last Name": "Smith",
            "Organization Name": "Acme Supply",
            "Organization Title": "Buyer",
            "Birthday": "--03-02",
            "Notes": "Met at the expo",
            "Labels": "* myContacts ::: Clients",
            "E-mail 1 - Label": "* Work",
            "E-mail 1 - Value": "bob@acme.com ::: bob.smith@acme.com",
            "E-mail 2 - Value": "bob@home.net",
            "Phone 1 - Label": "Mobile",
            "Phone 1 - Value": "+1 555 0100",
            "Address 1 - Formatted": "12 Main St\nSpringfield, IL 62701",
            "Relation 1 - Label": "Child",
            "Relation 1 - Value": "Jake",
            "Relation 2 - Label": "Spouse",
            "Relation 2 - Value": "Ellen",
            "Website 1 - Value": "https://acme.example",
            "Event 1 - Label": "Anniversary",
            "Event 1 - Value": "2004-06-12",
            "Custom Field 1 - Label": "Golf handicap",
            "Custom Field 1 - Value": "12",
        },
    )
    result = csv_io.parse(GOOGLE_HEADER + "\r\n" + row)
    assert result.flavour == "google"
    (bob,) = result.contacts
    assert bob.name == "Bob Smith"
    assert (bob.company, bob.role) == ("Acme Supply", "Buyer")
    assert bob.emails == ["bob@acme.com", "bob.smith@acme.com", "bob@home.net"]
    assert bob.phones == ["+1 555 0100"]
    assert bob.address == PostalAddress(("12 Main St",), "Springfield", "IL", "62701")
    assert [(p.name, p.relation) for p in bob.people] == [("Jake", "child"), ("Ellen", "spouse")]
    assert {(d.label, d.month, d.day, d.year) for d in bob.dates} == {
        ("birthday", 3, 2, None),
        ("anniversary", 6, 12, 2004),
    }
    assert "Website: https://acme.example" in bob.notes
    assert "Golf handicap: 12" in bob.notes


def test_google_legacy_export() -> None:
    row = _row(
        GOOGLE_LEGACY_HEADER,
        **{
            "Name": "Maria Gonzalez",
            "Given Name": "Maria",
            "Family Name": "Gonzalez",
            "Birthday": "1980-05-17",
            "Group Membership": "* My Contacts",
            "E-mail 1 - Type": "* Work",
            "E-mail 1 - Value": "maria@peachtree.com",
            "Phone 1 - Type": "Work",
            "Phone 1 - Value": "404-555-0101",
            "Organization 1 - Name": "Peachtree Partners",
            "Organization 1 - Title": "Director",
        },
    )
    result = csv_io.parse(GOOGLE_LEGACY_HEADER + "\n" + row)
    assert result.flavour == "google-legacy"
    (maria,) = result.contacts
    assert (maria.name, maria.company, maria.role) == (
        "Maria Gonzalez",
        "Peachtree Partners",
        "Director",
    )
    assert maria.emails == ["maria@peachtree.com"]
    assert [(d.month, d.day, d.year) for d in maria.dates] == [(5, 17, 1980)]


def test_outlook_export_with_family_and_us_dates() -> None:
    row = _row(
        OUTLOOK_HEADER,
        **{
            "First Name": "Anna",
            "Last Name": "Schmidt",
            "Company": "Schmidt GmbH",
            "Job Title": "Owner",
            "Business Street": "Hauptstr. 5",
            "Business City": "Berlin",
            "Business Postal Code": "10115",
            "Business Country/Region": "Germany",
            "Mobile Phone": "+49 170 123",
            "Business Phone": "+49 30 999",
            "Anniversary": "0/0/00",
            "Birthday": "7/4/1970",
            "Children": "Lena, Max",
            "Spouse": "Karl",
            "E-mail Address": "/o=ExchangeLabs/ou=Exchange Administrative Group/cn=anna",
            "E-mail Type": "EX",
            "E-mail 2 Address": "anna@schmidt.de",
            "Notes": "Prefers mornings",
            "Referred By": "Bob Smith",
            "Web Page": "http://schmidt.example",
            "Gender": "Unspecified",
            "Priority": "Normal",
            "Sensitivity": "Normal",
            "Private": "False",
        },
    )
    result = csv_io.parse(OUTLOOK_HEADER + "\r\n" + row)
    assert result.flavour == "outlook"
    (anna,) = result.contacts
    assert anna.name == "Anna Schmidt"
    assert anna.emails == ["anna@schmidt.de"], "the X.500 path of an Exchange account is no email"
    assert anna.phones == ["+49 170 123", "+49 30 999"]
    assert anna.address == PostalAddress(("Hauptstr. 5",), "Berlin", "", "10115", "Germany")
    assert anna.how_we_met == "Referred by Bob Smith"
    assert [(d.label, d.month, d.day, d.year) for d in anna.dates] == [("birthday", 7, 4, 1970)]
    assert [(p.name, p.relation) for p in anna.people] == [
        ("Karl", "spouse"),
        ("Lena", "child"),
        ("Max", "child"),
    ]
    assert "Website: http://schmidt.example" in anna.notes


def test_outlook_unicode_export_is_utf16_and_tab_separated() -> None:
    header = "\t".join(next(csv.reader([OUTLOOK_HEADER])))
    columns = header.split("\t")
    values = {"First Name": "Zoë", "Last Name": "Ångström", "E-mail Address": "zoe@example.se"}
    line = "\t".join(values.get(c, "") for c in columns)
    data = codecs.BOM_UTF16_LE + f"{header}\r\n{line}\r\n".encode("utf-16-le")
    text, encoding = decode(data)
    assert encoding == "utf-16"
    (zoe,) = csv_io.parse(text).contacts
    assert zoe.name == "Zoë Ångström"
    assert zoe.emails == ["zoe@example.se"]


def test_generic_csv_gets_a_proposed_mapping_and_uses_the_chosen_one() -> None:
    text = "Nom complet;Courriel;Société;Portable;Remarque\nÉlise Dupont;elise@x.fr;ACME;06 12;hi\n"
    header, _rows = csv_io.read_table(text)
    assert header == ["Nom complet", "Courriel", "Société", "Portable", "Remarque"]
    guessed = csv_io.guess_mapping(header)
    assert guessed["Nom complet"] == "name"
    mapping = {
        "Nom complet": "name",
        "Courriel": "email",
        "Société": "company",
        "Portable": "phone",
        "Remarque": "notes",
    }
    result = csv_io.parse(text, mapping)
    assert result.flavour == "generic"
    (elise,) = result.contacts
    assert (elise.name, elise.emails, elise.company, elise.phones, elise.notes) == (
        "Élise Dupont",
        ["elise@x.fr"],
        "ACME",
        ["06 12"],
        "hi",
    )


def test_first_and_last_name_columns_are_joined() -> None:
    text = "Given,Surname,Mail\nAda,Lovelace,ada@example.org\n,,\n"
    result = csv_io.parse(text, {"Given": "first_name", "Surname": "last_name", "Mail": "email"})
    assert [c.name for c in result.contacts] == ["Ada Lovelace"]


def test_rows_without_a_name_are_skipped_with_the_row_number() -> None:
    text = "Name,Email\nAda,ada@example.org\n,nobody@example.org\n"
    result = csv_io.parse(text, {"Name": "name", "Email": "email"})
    assert [c.name for c in result.contacts] == ["Ada"]
    assert [(s.where, s.reason) for s in result.skipped] == [("row 3", "no name")]


def test_a_mapping_that_names_no_name_column_is_refused() -> None:
    with pytest.raises(ExchangeError, match="no column holds a name"):
        csv_io.parse("A,B\n1,2\n", {"A": "email", "B": "phone"})


def test_a_giant_cell_is_refused_with_its_line() -> None:
    text = "Name,Notes\nAda," + "x" * 200_000 + "\n"
    with pytest.raises(ExchangeError, match="line 2"):
        csv_io.read_table(text)


def test_cells_are_neutralised_against_formula_injection() -> None:
    dangerous = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "\nx"]
    text = csv_io.write_table(["value"], [[v] for v in dangerous] + [["plain"], [-5], [None]])
    assert text.startswith("\ufeff"), "a BOM so that Excel reads UTF-8"
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    cells = [row[0] for row in rows[1:]]
    assert cells[: len(dangerous)] == ["'" + v for v in dangerous]
    assert cells[len(dangerous) :] == ["plain", "'-5", ""]


def test_rapport_clients_csv_reads_back_without_the_apostrophes() -> None:
    header = list(csv_io.RAPPORT_CLIENT_HEADER)
    row = [1, "=Bob", "@Acme", "", ["a@b.c", "d@e.f"], ["+1 555"], "", "", "", "", "-x", "", "", ""]
    text = csv_io.write_table(header, [row]).lstrip("\ufeff")
    result = csv_io.parse(text)
    assert result.flavour == "rapport"
    (bob,) = result.contacts
    assert (bob.name, bob.company, bob.notes) == ("=Bob", "@Acme", "-x")
    assert bob.emails == ["a@b.c", "d@e.f"]
    assert bob.phones == ["+1 555"]


def test_rapport_clients_csv_reads_its_cadence_referrer_and_archive_date() -> None:
    header = ",".join(csv_io.RAPPORT_CLIENT_HEADER)
    text = (
        f"{header}\n"
        "1,Ann Lee,,,,,,,Bob Smith,60,,,,2026-10-01 09:00\n"
        "2,Bob Smith,,,,,,,,,,,,\n"
        "3,Cy Bad,,,,,,,,weekly,,,,\n"
        "4,Di Bad,,,,,,,,0,,,,\n"
        "5,Ed Bad,,,,,,,,,,,,last year\n"
    )
    result = csv_io.parse(text)
    ann, bob = result.contacts
    assert (ann.referred_by, ann.cadence_days, ann.archived_at) == (
        "Bob Smith",
        60,
        datetime(2026, 10, 1, 9, 0),
    )
    assert (bob.referred_by, bob.cadence_days, bob.archived_at) == ("", None, None)
    assert [(s.where, s.reason) for s in result.skipped] == [
        ("row 4", "the cadence 'weekly' is not a number of days from 1 to 3660"),
        ("row 5", "the cadence '0' is not a number of days from 1 to 3660"),
        ("row 6", "the archived date 'last year' is not a date and time"),
    ]


def test_a_row_past_the_column_limit_is_refused_with_a_message() -> None:
    wide = "c0\r\n" + ",".join(f"v{n}" for n in range(1_000_000)) + "\r\n"
    with pytest.raises(ExchangeError, match="line 2 of the CSV has 1,000,000 columns"):
        csv_io.parse(wide, {"c0": "name"})
    header = ",".join(f"c{n}" for n in range(csv_io.MAX_COLUMNS + 1))
    with pytest.raises(ExchangeError, match="up to 1,000 columns"):
        csv_io.read_table(header + "\r\n" + header + "\r\n")


def test_a_thousand_columns_all_mapped_import() -> None:
    """The widest file accepted, with every column named in the mapping (as the command
    line's --map merges its columns with the proposed ones)."""
    columns = [f"c{n}" for n in range(csv_io.MAX_COLUMNS)]
    text = ",".join(columns) + "\r\n" + ",".join(["Ann Lee", *["x"] * 999]) + "\r\n"
    mapping = {column: "ignore" for column in columns} | {"c0": "name", "c999": "notes"}
    result = csv_io.parse(text, mapping)
    assert [(c.name, c.notes) for c in result.contacts] == [("Ann Lee", "x")]
