"""Stage 9, introductions in pasted mail and chat, and the same said aloud (i16cl3).

Each family on made-up text in no labelled set, several phrasings a family: an e-mail
introduction said as it is done, someone brought into a message, a handing over said aloud
with the name after a relation, and the writer's own referral.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import client as _client
from tests.core.capture_probe import intros as _intros


def _leads(text: str) -> list[str]:
    return [name for name, _ in _intros(text)]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        (
            "Hi Anton,\n\nIntroducing you to Wilma Strand, who manages the Eastgate clinics and"
            " needs new sterilisers. Wilma, Anton is the rep I trust.\n\nBest,\nGus Ferro",
            "Wilma Strand",
        ),
        (
            "Hello both - I wanted to introduce you to Keiko Marsh, our new practice manager."
            " Keiko, Lars handles our imaging service.\nCheers, Dot",
            "Keiko Marsh",
        ),
        (
            "Hey Lars,\nI'd like you to meet Bruno Ketteridge, he's fitting out three gyms this"
            " year.\n- Tam",
            "Bruno Ketteridge",
        ),
        (
            "Hi Pia - Lars Brandvold, Lars - Pia Castellan. Pia's the one with the ten food"
            " trucks. Over to you!\nMo",
            "Pia Castellan",
        ),
    ],
)
def test_an_email_introduction_is_about_its_lead(text: str, lead: str) -> None:
    assert _leads(text) == [lead]
    assert _client(text) == lead


@pytest.mark.parametrize(
    "text",
    [
        "Me: I'll intro you to Dara Quinn from our network, she does payroll",
        "Hi Ola, happy I could help. I can introduce you to Dara Quinn next week.\nBest, Sam",
        "Hi Ola,\nLovely to finally meet Dara Quinn at the launch. Quote to follow Friday.\nSam",
    ],
)
def test_an_introduction_the_user_promises_or_a_meeting_is_no_lead(text: str) -> None:
    assert _leads(text) == []


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        (
            "Hi Sam,\nLooping in Petra Novak, our site lead, who can give you the dock"
            " times.\nThanks,\nRoss Egan",
            "Petra Novak",
        ),
        (
            "Morning! cc'ing Hamid Rostami from finance, he'll approve the PO.\n- Tess Moyo",
            "Hamid Rostami",
        ),
        (
            "Hi Sam, adding Lorna Beale from our legal team to this thread for the NDA.\nDee Pratt",
            "Lorna Beale",
        ),
        (
            "Ida Kovac: thanks for the samples. I've cc'd Mateus Rocha, he signs off on"
            " spend.\nIda Kovac: send him the price sheet too",
            "Mateus Rocha",
        ),
    ],
)
def test_someone_brought_into_a_message_is_a_lead(text: str, lead: str) -> None:
    assert _leads(text) == [lead]


@pytest.mark.parametrize(
    "text",
    [
        "Hi Ross,\nCC'ing my colleague Jen Alvarez who will handle billing.\nBest, Sam",
        "Hi Ross,\nLooping in our designer Jen Alvarez for the mockups.\nSam",
    ],
)
def test_the_users_own_side_brought_in_is_no_lead(text: str) -> None:
    assert _leads(text) == []


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        (
            "lunch with rita fenwick, she's putting me in touch with her cousin who runs two"
            " dental offices, name's colin, colin fenwick, wants new chairs",
            "Colin Fenwick",
        ),
        (
            "saw Ned Varga at the yard, he said call his guy at the port authority, a fella"
            " named Silas Oduya, about the crane lights",
            "Silas Oduya",
        ),
        (
            "Met Ned Varga. He's gonna connect me with his old boss at the water board, Ines"
            " Marlowe, they need new meters",
            "Ines Marlowe",
        ),
        (
            "met Vikram Rao at the temple, he will link me up with his cousin brother who has a"
            " dye works, name is Anil Rao",
            "Anil Rao",
        ),
        (
            "Saw Niamh Doyle at the match, she said I must phone her brother-in-law at the"
            " council, Ciaran Flood, about the bins contract",
            "Ciaran Flood",
        ),
    ],
)
def test_a_handing_over_said_aloud_names_the_lead_after_a_relation(text: str, lead: str) -> None:
    assert _leads(text) == [lead]


@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "Hello, Marta Lindqvist suggested I reach out. We run a small cidery and need a"
            " bookkeeper.\nThanks,\nElin Sorensen",
            "Elin Sorensen",
        ),
        (
            "Hi! Bo Kaplan at Ridgeline Dental mentioned you handle practice refits. Could we"
            " talk Tuesday?\nRae Nakamura",
            "Rae Nakamura",
        ),
        (
            "Hi, Dr. Ana Reis said you're the person to ask about fleet insurance.\n"
            "Best,\nTobias Grint",
            "Tobias Grint",
        ),
        (
            "Hi,\nMirela Stan thought we should connect. We run a kayak shop in Bend.\n"
            "Regards,\nAbel Quist",
            "Abel Quist",
        ),
    ],
)
def test_the_writers_own_referral_makes_the_writer_the_lead(text: str, client: str) -> None:
    assert _client(text) == client
    assert _leads(text) == [client]


def test_someone_who_asked_to_be_put_in_touch_is_the_lead() -> None:
    text = (
        "Hi - thanks for the tour. Also my colleague Omar Haddad (class of '09) asked me to put"
        " you in touch, he'd like to fund a lab.\nHarriet Vance"
    )
    assert _leads(text) == ["Omar Haddad"]
