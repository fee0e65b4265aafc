"""Stage 3, the client in household notes and headings (brief i16hh).

Each table is one family of phrasings, on made-up text in no labelled set.
"""

from __future__ import annotations

import pytest

from rapport.core.understand.clients import KnownClient
from tests.core.capture_probe import WED
from tests.core.capture_probe import client as _client
from tests.core.capture_probe import people as _people
from tests.core.understood import understand

# A heading's venue or event, then whom the user met there: the person is the client.
VENUE_THEN_PERSON = [
    ("Riverside Marina - lunch with Oona Blythe on the dock, then the boat tour.", "Oona Blythe"),
    ("Harvest Fair Saturday - long coffee with Teodor Vasko, then the stalls", "Teodor Vasko"),
    ("Crescent Hall: dinner w/ Imelda Rusk and her board chair", "Imelda Rusk"),
]
# An office said as a title, a family word opening a sentence, a caller with no name: no
# part of the client's name.
TITLES_AND_WORDS = [
    ("Town clock - met Selectman Ephraim Tuttle in the tower, then lunch.", "Ephraim Tuttle"),
    ("Chapel roof: walked it with Vicar Anne Pryce. She wants slate.", "Anne Pryce"),
    ("Meeting with Pani Zofia Krawiec, fleet manager at Odra Care.", "Zofia Krawiec"),
    ("Quoted Elroy Batts for the fence rebuild - he wants it by June.", "Elroy Batts"),
    (
        'Voicemail transcript\nFrom: Unknown (555) 010-2233\n"Hi, my name is Adaeze Nwosu, '
        'I need a quote for a unit from May first."',
        "Adaeze Nwosu",
    ),
]
# A couple: the first spouse named, whatever the first-name list knows; the household's home
# said before the couple's names.
COUPLES = [
    ("Dinner with Sverre and Ingrid Dahl at the hotel. Sverre wants new bins.", "Sverre Dahl"),
    ("Coffee at the Ngs' place (Walter + Helen) - the observatory quote", "Walter Ng"),
]


@pytest.mark.parametrize(("text", "want"), VENUE_THEN_PERSON + TITLES_AND_WORDS + COUPLES)
def test_the_client_of_a_heading_a_title_or_a_couple(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Dinner with Sverre and Ingrid Dahl at the hotel. Sverre wants new bins.", "wife"),
        ("Coffee at the Ngs' place (Walter + Helen) - the observatory quote", "wife"),
        ("Showroom visit: the Kapoors (Meera + Dev) want a rug for the library", "husband"),
    ],
)
def test_the_other_half_of_a_couple(text: str, want: str) -> None:
    assert [relation for relation, _ in _people(text)] == [want]


def test_a_person_the_first_name_list_lacks_after_another_name_is_no_couple() -> None:
    # "Jones and Kristin Haugen": a surname before "and" is someone else's name, not a spouse's
    assert _client("Met Tom Jones and Kristin Haugen at the show") == "Tom Jones"


# Against a book of look-alikes: a nickname two clients share goes to the one whose surname or
# company the note says; a hyphenated first name is one first name.
BOOK = [
    KnownClient(1, "Ignatius Ferraro", "Ferraro Strings"),
    KnownClient(2, "Nathan Greenberg", "Greenberg Bagels"),
    KnownClient(3, "Mei-Ling Zhou", "Zhou Dumpling House"),
    KnownClient(4, "Jean-Luc Barre", ""),
    KnownClient(5, "Nathaniel Osei", "Osei Print"),
    KnownClient(6, "Robert Quist", "Quist Capital"),
]
LOOK_ALIKES = [
    ("Drop-in @ Greenberg's - Nate & Shira. Shira wants the loyalty cards.", "Nathan Greenberg"),
    ("Nate from Osei Print called, the banner order is late", "Nathaniel Osei"),
    ("Mei-Ling (dumpling house) - her cousin Jason Wu wants a quote too", "Mei-Ling Zhou"),
    ("Jean-Luc stopped by about the deposit, said Amos Kerr sent him", "Jean-Luc Barre"),
    # a colleague named first by a first name the book lacks, the client's household later
    ("Dolly spoke with the Quists re: the dinner. Rob wants a steak.", "Robert Quist"),
]


@pytest.mark.parametrize(("text", "want"), LOOK_ALIKES)
def test_the_client_among_a_books_look_alikes(text: str, want: str) -> None:
    assert (understand(text, WED, BOOK)["client"] or {}).get("name") == want
