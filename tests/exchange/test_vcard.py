"""vCard in (2.1, 3.0, 4.0 and the dialects of Apple, Google, Android) and out (4.0)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rapport.core.postal import PostalAddress
from rapport.exchange import vcard
from rapport.exchange.common import ContactIn, DateIn, ExchangeError, PersonIn, decode

APPLE = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:Smith;Bob;;;\r\n"
    "FN:Bob Smith\r\n"
    "ORG:Acme Supply;Purchasing\r\n"
    "TITLE:Buyer\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:bob@acme.com\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+1 555 0100\r\n"
    "item1.ADR;type=WORK;type=pref:;;12 Main St;Springfield;IL;62701;USA\r\n"
    "item2.X-ABRELATEDNAMES;type=pref:Jake\r\n"
    "item2.X-ABLabel:_$!<Child>!$_\r\n"
    "item3.X-ABDATE;type=pref:2004-06-12\r\n"
    "item3.X-ABLabel:_$!<Anniversary>!$_\r\n"
    "BDAY:1975-03-02\r\n"
    "NOTE:Huge fly fishing guy\\, vegetarian\r\n"
    "URL:file:///etc/passwd\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD" * 20000 + "\r\n"
    " RU5E\r\n"
    "END:VCARD\r\n"
)


def test_apple_card_with_family_dates_and_a_photo() -> None:
    result = vcard.parse(APPLE)
    assert result.skipped == []
    (bob,) = result.contacts
    assert bob.name == "Bob Smith"
    assert (bob.company, bob.role) == ("Acme Supply", "Buyer")
    assert bob.emails == ["bob@acme.com"]
    assert bob.phones == ["+1 555 0100"]
    assert bob.address == PostalAddress(("12 Main St",), "Springfield", "IL", "62701", "USA")
    assert [(p.name, p.relation) for p in bob.people] == [("Jake", "child")]
    labels = {(d.label, d.month, d.day, d.year) for d in bob.dates}
    assert labels == {("birthday", 3, 2, 1975), ("anniversary", 6, 12, 2004)}
    # A link is kept as text, in the notes; nothing follows it.
    assert "Huge fly fishing guy, vegetarian" in bob.notes
    assert "Website: file:///etc/passwd" in bob.notes


def test_vcard4_related_types_and_dates_without_a_year() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Maria Gonzalez\r\n"
        "RELATED;TYPE=spouse;VALUE=text:Luis\r\n"
        "RELATED;TYPE=child;VALUE=text;X-RAPPORT-RELATION=daughter:Sofia\r\n"
        "RELATED;TYPE=friend:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\r\n"
        "BDAY:--0229\r\nANNIVERSARY:20090808\r\n"
        "TEL;VALUE=uri;TYPE=cell:tel:+1-555-555-5555\r\nEND:VCARD\r\n"
    )
    (maria,) = vcard.parse(text).contacts
    # A RELATED that is a URI points at another card, not a name: left out.
    assert [(p.name, p.relation) for p in maria.people] == [
        ("Luis", "spouse"),
        ("Sofia", "daughter"),
    ]
    assert maria.phones == ["+1-555-555-5555"]
    assert {(d.label, d.month, d.day, d.year) for d in maria.dates} == {
        ("birthday", 2, 29, None),
        ("anniversary", 8, 8, 2009),
    }


def test_android_relations_and_vcard_21() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Schmidt;Anna;;;\r\nFN:Anna Schmidt\r\n"
        "TEL;CELL:+49 30 1234\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Karl;14;;;;;;;;;;;;;\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Bello;0;Dog;;;;;;;;;;;;\r\n"
        "END:VCARD\r\n"
    )
    (anna,) = vcard.parse(text).contacts
    assert anna.phones == ["+49 30 1234"]
    assert [(p.name, p.relation) for p in anna.people] == [("Karl", "spouse"), ("Bello", "dog")]


def test_written_cards_read_back_the_same() -> None:
    original = ContactIn(
        name="José Núñez",
        company="Núñez & Hijos; S.L.",
        role="CEO",
        emails=["jose@nunez.es", "j@example.com"],
        phones=["+34 600 000 000"],
        address_lines="Calle Mayor 1\nPlanta 2, puerta B; interior",
        city="Madrid",
        postcode="28013",
        country="España",
        notes="Two lines:\nsecond, with; punctuation\\ and a long tail " + "x" * 200,
        people=[PersonIn("Lucía", "wife"), PersonIn("Rex", "dog"), PersonIn("Pablo", "son")],
        dates=[DateIn("birthday", 2, 29, None), DateIn("anniversary", 6, 1, 2001)],
        uid="client-7@abc.rapport",
    )
    text = vcard.write([original])
    assert "VERSION:4.0" in text
    assert "RELATED;TYPE=spouse;VALUE=text;X-RAPPORT-RELATION=wife:Lucía" in text
    assert "RELATED;TYPE=child;VALUE=text;X-RAPPORT-RELATION=son:Pablo" in text
    assert "UID:client-7@abc.rapport" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), "lines are folded"
    (back,) = vcard.parse(text).contacts
    for name in ("name", "company", "role", "emails", "phones", "address", "notes"):
        assert getattr(back, name) == getattr(original, name), name
    assert back.people == original.people
    assert back.dates == original.dates


def test_a_broken_card_is_skipped_with_its_line_and_the_rest_read() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good Two\r\nEND:VCARD\r\n"
    )
    result = vcard.parse(text)
    assert [c.name for c in result.contacts] == ["Good One", "Good Two"]
    (skipped,) = result.skipped
    assert skipped.where == "card 2 (line 5)"
    assert skipped.reason == "no name"


UNREADABLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\n"
    "BDAY:1990-13-45\r\n"
    "ANNIVERSARY:--0230\r\n"
    "item1.X-ABDATE:2004-06-12\r\nitem1.X-ABLabel:_$!<Anniversary>!$_\r\n"
    "item2.X-ABDATE:someday\r\nitem2.X-ABLabel:graduation\r\n"
    "this line is not a property\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Smith\r\nBDAY:1975-03-02\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Young\r\nBDAY:0/0/00\r\nBDAY:\r\nEND:VCARD\r\n"
)


def test_unreadable_dates_and_lines_are_listed_and_the_rest_imported() -> None:
    result = vcard.parse(UNREADABLE)
    ann, bob, cy = result.contacts
    assert ann.emails == ["ann@example.com"]
    assert [(d.label, d.month, d.day, d.year) for d in ann.dates] == [("anniversary", 6, 12, 2004)]
    assert [(d.label, d.month, d.day) for d in bob.dates] == [("birthday", 3, 2)]
    assert cy.dates == []  # written as "no date": nothing to report
    assert [(s.where, s.name, s.reason) for s in result.skipped] == [
        (
            "card 1 (line 1)",
            "Ann Lee",
            "a line could not be read: 'this line is not a property' "
            "(left out; the rest is imported)",
        ),
        (
            "card 1 (line 1)",
            "Ann Lee",
            "birthday '1990-13-45' is not a date (left out; the rest is imported)",
        ),
        (
            "card 1 (line 1)",
            "Ann Lee",
            "anniversary '--0230' is not a date (left out; the rest is imported)",
        ),
        (
            "card 1 (line 1)",
            "Ann Lee",
            "graduation 'someday' is not a date (left out; the rest is imported)",
        ),
    ]


def test_vobject_writes_nothing_on_stderr() -> None:
    """vobject logs "ERROR Skipped line" on a handler of its own; a real process reading a
    card with such a line prints nothing on stderr."""
    code = (
        "import sys; from rapport.exchange import vcard; "
        "result = vcard.parse(sys.stdin.read()); "
        "print(len(result.contacts), len(result.skipped))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=UNREADABLE, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "3 4\n", "")


def test_a_file_cut_in_the_middle_of_a_card_is_refused() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:B"
    with pytest.raises(ExchangeError, match="cut short"):
        vcard.parse(text)


def test_no_card_at_all_is_refused() -> None:
    with pytest.raises(ExchangeError, match="no contacts found"):
        vcard.parse("just some text\nthat is not a vCard\n")


def test_binary_data_is_refused_before_parsing() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\n" + bytes(range(256)) * 10
    with pytest.raises(ExchangeError, match="not a text file"):
        decode(data)


def test_one_huge_line_is_skipped_without_reaching_vobject(monkeypatch: pytest.MonkeyPatch) -> None:
    import vobject

    seen: list[int] = []
    real = vobject.readOne

    def spy(text: str, *args: object, **kwargs: object) -> object:
        seen.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(vobject, "readOne", spy)
    huge = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nNOTE:" + "x" * (15 * 1024 * 1024)
    text = huge + "\r\nEND:VCARD\r\n" + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Small\r\nEND:VCARD\r\n"
    result = vcard.parse(text)
    assert [c.name for c in result.contacts] == ["Small"]
    assert result.skipped[0].name == "Big"
    assert "15.0 M characters" in result.skipped[0].reason
    assert max(seen) < 1000, "vobject never saw the long line"


def test_pictures_in_folded_base64_lines_are_dropped() -> None:
    photo = "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n" + "".join(
        f" {'A' * 74}\r\n" for _ in range(5000)
    )
    text = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pic\r\n{photo}NOTE:after\r\nEND:VCARD\r\n"
    (contact,) = vcard.parse(text).contacts
    assert contact.notes == "after"
