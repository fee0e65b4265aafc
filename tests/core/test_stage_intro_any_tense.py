"""Stage 9, introductions: "introduce" in any tense or as a noun given, and a contact got from
someone (i16ip).

Made-up notes in no labelled set, in the styles of second-language writers, assistants writing
for the boss by initial, formal memos, texting and dictation:
- "she introduce me to her colleague Mr X" (the verb without its ending), "introduced him to"
  in an assistant's note (him: the boss), "would like to introduce A. to", "gave me an
  introduction to his neighbour, Mrs. X";
- "I got the number of X from Y", "I have the contact of X";
- the client sent "to us by" someone: that someone referred the client.
Not an introduction: the user introducing the client ("I introduced her to Dr. Lee", "we'll
introduce him to", "Graham to intro her to" in an assistant's note), or asking for one ("can you
pls introduce me to", "asked D. to introduce him to").
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import client as _client
from tests.core.capture_probe import intros as _intros


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        (
            "Meeting with Priya Nair from Lotus Tiles. Also she introduce me to her colleague "
            "Mr Arun Pillai in the projects team, I should email him this week.",
            "Arun Pillai",
        ),
        (
            "Visit to Señora Lucia Ortega. She introduces me to her cousin Pablo Ruiz, he has "
            "also a restaurant.",
            "Pablo Ruiz",
        ),
        (
            "J. had coffee with Marion Keel. Marion introduced him to her neighbour Otto Brandt, "
            "who is selling his practice; J. will call Otto.",
            "Otto Brandt",
        ),
        (
            "Notes for R. - Mrs Ashby rang. She'd like to introduce R. to her tennis partner, "
            "Hilda Crane, who needs advice on her pension.",
            "Hilda Crane",
        ),
        (
            "Called on Colonel Fenwick. He very kindly gave me an introduction to his neighbour, "
            "Mrs. Ada Lyle of Brook Farm, who wants a pony.",
            "Ada Lyle",
        ),
        (
            "talked to dev shah today he made me a warm intro to his brother in law Ravi Mehta "
            "who runs 3 clinics",
            "Ravi Mehta",
        ),
        (
            "Lunch with Tran Van Minh. I got the number of Nguyen Thi Lan from him, she wants "
            "the same machines.",
            "Nguyen Thi Lan",
        ),
        (
            "## Kofi Boateng\n- [ ] send quote\n- I have the details of his supplier, Ama Owusu "
            "(wants 2 units)",
            "Ama Owusu",
        ),
    ],
)
def test_an_introduction_said_in_any_tense_or_as_a_noun_is_a_lead(text: str, lead: str) -> None:
    assert lead in [name for name, _ in _intros(text)]


@pytest.mark.parametrize(
    ("text", "client", "referrer"),
    [
        (
            "Dr. Nadia Osei telephoned to book the suite. She was sent to us by Mrs. Ruth Pike, "
            "who stayed last spring.",
            "Nadia Osei",
            "Ruth Pike",
        ),
        (
            "New client Bruno Alves. He was sent over by Carla Dias (his neighbour). Wants a "
            "quote for the roof.",
            "Bruno Alves",
            "Carla Dias",
        ),
    ],
)
def test_the_client_sent_to_us_by_someone_was_referred_by_them(
    text: str, client: str, referrer: str
) -> None:
    assert _client(text) == client
    assert (client, referrer) in _intros(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lunch w/ Kay Dunn. I introduced her to Dr. Ben Alto - she wants to talk financing.",
        "Call with Omar Said. We'll introduce him to Lena Park from the lending team next week.",
        "Met Ida Moss. I've also introduced her to Paul Reyes, the builder we use.",
        "Ida Moss wants the number of Paul Reyes, the builder. Send it to her.",
        "Ana Ruiz - can you pls introduce me to your brother Sam Ruiz? she'll think about it",
        "Note for D.: Bill Moss asked D. to introduce him to Rick Alves re: importing wine.",
        "Call notes for G.H.\n- Graham to intro her to Leo Pratt (M&A attorney). I'll draft it",
    ],
)
def test_the_user_introducing_the_client_hands_no_one_over(text: str) -> None:
    assert _intros(text) == []
