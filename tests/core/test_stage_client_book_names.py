"""Stage 3, the client, against a book of names from many cultures (brief i16cl4).

Two surnames said without the given name ("Sra. García López", "the García López"), the first
of the two alone, a compound given name ("José Luis"), family name first ("Nguyen Van Minh"
said "Mr. Minh"), titles of address in other languages before a surname ("Herr", "Sra.",
"Eng.") or joined after it ("-san", "-ji"), a title before a first name alone ("Dona Ana"),
accented first names alone ("María called"), and the meeting's interpreter named first. The
book holds decoys (another García, another López) so a match must be the one the note says.
Each row made up, written the way second-language writers, Markdown notes and work tools do.
"""

from __future__ import annotations

import pytest

from rapport.core.understand.clients import KnownClient
from tests.core.capture_probe import WED
from tests.core.understood import understand

BOOK = [
    KnownClient(i + 1, name, company)
    for i, (name, company) in enumerate(
        [
            ("María García López", "García Imports"),
            ("José Luis Fernández Ruiz", ""),
            ("Nguyen Van Minh", "Minh Seafood"),
            ("Wang Lei", "Wang Trading"),
            ("Klaus Becker", "Becker GmbH"),
            ("Ana Souza Pereira", ""),
            ("Priya Raghunathan", "Raghu Textiles"),
            ("Kenji Watanabe", ""),
            ("Miguel García", "García Auto"),
            ("Carlos López", ""),
            ("Pieter van der Berg", "Van der Berg Bloemen"),
        ]
    )
]


def _client(text: str) -> str | None:
    found = understand(text, WED, BOOK)["client"]
    return found["name"] if found else None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Visited Sra. García López today, she want the new catalogue by Friday.",
            "María García López",
        ),
        (
            "Met with the García López about the order. She is having two daughters.",
            "María García López",
        ),
        ("call w/ Mrs. Garcia Lopez re invoice - send by fri", "María García López"),
        ("- [ ] send Fernández Ruiz the report by Mon", "José Luis Fernández Ruiz"),
        ("Met José Luis at the fair, he want catalogue", "José Luis Fernández Ruiz"),
        ("Eng. Fernández called re site visit, call back tomorrow", "José Luis Fernández Ruiz"),
    ],
)
def test_two_surnames_or_a_compound_given_name_name_the_client(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Herr Becker wants the offer by Friday. His wife Anke runs the office.", "Klaus Becker"),
        ("Visit at Frau Becker, she say the machine is broken again", "Klaus Becker"),
        ("Watanabe-san visited, wants the samples next week", "Kenji Watanabe"),
        ("Priya-ji called, she want revised quote today", "Priya Raghunathan"),
        ("Dona Ana wants the brochure. Her son-in-law Rui helps her.", "Ana Souza Pereira"),
        ("Meeting Mr. Minh at his shop. He is having one son, 12 years.", "Nguyen Van Minh"),
    ],
)
def test_a_title_of_address_before_or_after_names_the_client(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("María called, she need samples tomorrow", "María García López"),
        ("José Luis rang about the contract", "José Luis Fernández Ruiz"),
    ],
)
def test_an_accented_first_name_alone_names_the_client(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Interpreter Rosa Diaz joined. Mr. Nguyen want the quotation by Monday",
            "Nguyen Van Minh",
        ),
        ("Rosa Diaz (interpreter) came with Mr. Wang, he wants 200 units", "Wang Lei"),
        ("Attendees: Rosa Diaz (translator), Klaus Becker\n- wants offer Fri", "Klaus Becker"),
    ],
)
def test_the_meetings_interpreter_is_not_the_client(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # one García of one surname: "Sra. García" is not the first of María's two
        ("Miguel García came by the shop, wants tyres", "Miguel García"),
        # the López of one surname said in full stays himself
        ("Carlos López wants the invoice today", "Carlos López"),
        # a new person whose words are not a book name's run
        ("Met Lucía Ortega today, she wants a quote", "Lucía Ortega"),
    ],
)
def test_decoys_of_the_same_surnames_keep_their_own_names(text: str, want: str) -> None:
    assert _client(text) == want
