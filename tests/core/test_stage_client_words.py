"""Stage 3, the client, against words that only look like a name (brief i16cl4).

A heading's company, a vessel, an event or a title-cased sentence gives capitalised words no
one is called by; the person named in full after them is the one the note talks about again.
Each row made up, in the styles other writers use (work tools, second-language, Markdown,
speech, memos).
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import client as _client


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a work tool's heading: the account, then who attended
        (
            "Call report - Ferris Dynamics (press line)\nMet: Nadia Kovac (plant mgr), Tom "
            "Ash (buyer)\n- Nadia wants the retrofit quote\n- Nadia's son starts college",
            "Nadia Kovac",
        ),
        # Markdown: the project heading, then the person in a list
        (
            "## Harbor Renovation\n- contact: Luis Ortega\n- Luis wants tile samples by Fri",
            "Luis Ortega",
        ),
        # second-language writer: the ship's name, then the captain
        (
            "Ok today the MV Silver Lotus, Captain Arjun Pillai, he want provisions for crew. "
            "Arjun ask the quotation by tomorrow",
            "Arjun Pillai",
        ),
        # a memo: the property, then the titled client said again by surname
        (
            "Memorandum regarding 12 Kestrel Heights. Met with Dr. Ifeoma Eze about the "
            "garden plan. Dr. Eze prefers native plants.",
            "Ifeoma Eze",
        ),
        # an event's name, then the person talked about
        (
            "Spring Gala planning. Spoke with Maria Lopez, Maria wants 200 seats and a vegan menu",
            "Maria Lopez",
        ),
    ],
)
def test_capitalised_words_never_said_again_give_way_to_the_person(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the client is said once in full, a colleague after: the client stays
        ("Met Jonah Price today. Rita Vance from his office will send the forms", "Jonah Price"),
        # the company said again: it is what the note is about, not a word to skip
        (
            "Lunch with Dana Holt. Dana's brother Sam Holt runs the shop, Sam is a golfer",
            "Dana Holt",
        ),
    ],
)
def test_a_person_said_once_keeps_the_note(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a title of a trade or of honour before the whole name (Nigerian, Indian English)
        ("Barrister Chidi Eze came again with his wife, they want the SUV", "Chidi Eze"),
        ("Alhaji Musa Bello is still owing us for the rods, call him Monday", "Musa Bello"),
        ("Engineer Tunde Bakare need 600 bags by Thursday", "Tunde Bakare"),
        # an ordinal opening a spoken list of people
        (
            "Two clubs today. First Rory Dunn, he wants the pitch reseeded. Second, Isla Kerr",
            "Rory Dunn",
        ),
        # a family name said first with a title, then the whole name right after it
        ("Ok note for Mr Goh, Goh Chee Keong, he want the Submariner", "Goh Chee Keong"),
        ("Madam Ong - Ong Bee Lian - ask for the invoice again lah", "Ong Bee Lian"),
    ],
)
def test_a_title_or_an_ordinal_before_the_name_is_no_part_of_it(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Sri Mulyani called about the invoice, send it today", "Sri Mulyani"),
        ("Arch Whitman wants the deck plans by Friday", "Arch Whitman"),
        ("Don Walsh wants the quote by Friday", "Don Walsh"),
    ],
)
def test_a_given_name_that_is_a_title_elsewhere_stays_a_name(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Mama Bisi called, I mean Mrs Adebisi Lawal, she want twenty yards", "Adebisi Lawal"),
        ("Tom Reyes called, sorry, Tomas Reyes, wants the quote", "Tomas Reyes"),
        ("Kofi Mensah rang - no wait, it was Kwame Mensah - wants a callback", "Kwame Mensah"),
        # "no" that takes nothing back
        ("Ana Ruiz called - no rush on the quote, she is away", "Ana Ruiz"),
    ],
)
def test_a_name_taken_back_after_its_verb_gives_way(text: str, want: str) -> None:
    assert _client(text) == want
