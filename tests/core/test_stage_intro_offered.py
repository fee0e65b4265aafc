"""Stage 9, introductions: someone the client offers to hand over, and the client's own referrer
said with an aside.

i16in3. Made-up notes in no labelled set, a table per family:
- the client offers to hand over someone named before, the hand-over said with a pronoun or no
  object ("she'll give him my number", "he'll put us in touch", "will introduce me", "he'd send
  him my way", "she'll get me a meeting with him", "he'll tell lyle to call me");
- someone the client sent who will call the user ("her friend agnes lowe ... agnes will call us");
- someone referred to the user with a word between ("also referred her coworker X", "referred me
  to X", "introduced his friend, one X");
- the client's own referrer with an aside ("X, who owns ..., suggested I reach out", "X at Y gave
  me your number", "my friend x y recommend you", "knows us from his cousin X").
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import intros as _intros


def _leads(text: str) -> list[str]:
    return [name for name, _ in _intros(text)]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        (
            "Lunch w/ Ana Ito. Her neighbour, Carl Mudd, is redoing his kitchen - she'll give him "
            "my number.",
            "Carl Mudd",
        ),
        (
            "Call w/ Raj Mehta. His brother-in-law, Sam Okoro, runs two gyms and Raj said he'd "
            "send him my way.",
            "Sam Okoro",
        ),
        (
            "Met Dee Lowe at the club. She'll talk to her partner, Dr. Paul Ames, who also sails, "
            "and put us in touch.",
            "Paul Ames",
        ),
        (
            "Visit w/ Bo Kerr. His friend at the yacht club, Nina Hale, wants the same and he will "
            "introduce me.",
            "Nina Hale",
        ),
        (
            "Mtg w/ Lin Wu. The city's ops director, Ravi Shah, has budget next year; she'll get "
            "me a meeting with him.",
            "Ravi Shah",
        ),
        (
            "Met Cy Hart. His cousin Tom Reyes farms up north and needs a roof. Cy will text him "
            "tonight to expect my call.",
            "Tom Reyes",
        ),
        (
            "call w/ gus ames. his neighbor lyle brandt has old pumps and he'll tell lyle to "
            "call me",
            "Lyle Brandt",
        ),
        (
            "From: Ivo Dane\nHi Ana, the co-owner, Tom Reyes, has the keys; you should talk to him "
            "directly about the leases.",
            "Tom Reyes",
        ),
        (
            "[2:18 PM] Ivo Dane: I'm out next week. you should talk to Ines Albo in their assets "
            "group too",
            "Ines Albo",
        ),
        (
            "Note Dictated: Met With Fran Odell. Her Sister Maeve In Boston Has The Old Letters, "
            "Fran Will Introduce Us.",
            "Maeve",
        ),
        (
            "Sue Park texted. Her sister Carla wants to refinance, gave her my number, expect a "
            "call",
            "Carla",
        ),
    ],
)
def test_someone_the_client_offers_to_hand_over_is_a_lead(text: str, lead: str) -> None:
    assert lead in _leads(text)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        (
            "fitting for mrs ruiz. she said her friend from church agnes lowe needs a fitting, "
            "agnes will call us",
            "Agnes Lowe",
        ),
        (
            "Call w/ Dr. Ana Ito. she is referring a family, Mr. Tom Reyes will call us about the "
            "twins.",
            "Tom Reyes",
        ),
    ],
)
def test_someone_the_client_sent_who_will_call_is_a_lead(text: str, lead: str) -> None:
    assert lead in _leads(text)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        (
            "Review w/ Ida Moss. * referred me to Omar Hadi at the bank across the street",
            "Omar Hadi",
        ),
        ("Call w/ Gwen Price. Gwen also referred her coworker Tami Holl, first home", "Tami Holl"),
        (
            "met femi ade. he also introduced his friend, one ngozi eze, she runs a studio",
            "Ngozi Eze",
        ),
    ],
)
def test_someone_referred_with_a_word_between_is_a_lead(text: str, lead: str) -> None:
    assert lead in _leads(text)


@pytest.mark.parametrize(
    ("text", "referrer"),
    [
        (
            "From: Tom Reyes\nHello,\nGloria Vance, who owns your Dayton shop, suggested I reach "
            "out. Is the east territory open?",
            "Gloria Vance",
        ),
        (
            "From: Tom Reyes\nDear Ms. Lind,\nHarold Voss at Voss & Keane gave me your name. I "
            "need an appraisal.",
            "Harold Voss",
        ),
        (
            'Voicemail\n"Hi, my name is Tom Reyes, Pastor Greg Holt at Grace Chapel gave me your '
            'number. I need a unit."',
            "Greg Holt",
        ),
        ("Tom Reyes: hi, my friend lisa fong recommend you, my son needs IELTS", "Lisa Fong"),
        ("meeting with Tom Reyes, he know us from his cousin javier mora", "Javier Mora"),
        (
            "Session for Tom Reyes - Ann Pike sent him to me (same book club). Wants prints.",
            "Ann Pike",
        ),
    ],
)
def test_the_clients_referrer_said_with_an_aside_refers_the_client(
    text: str, referrer: str
) -> None:
    assert ("Tom Reyes", referrer) in _intros(text)


@pytest.mark.parametrize(
    "text",
    [
        # the user's own act, family, the client's office, the client calling back
        "Lunch w/ Ana Ito. Her colleague Carl Mudd was there too. I'll give him my number.",
        "Lunch w/ Ana Ito. her husband Carl Ito is retiring, she'll give him my number",
        "Lunch w/ Ana Ito. Her colleague Carl Mudd runs ops; I asked her to introduce me.",
        "Lunch w/ Ana Ito. Her colleague Carl Mudd runs ops but she won't give him my number.",
        "Call w/ Raj Mehta. His assistant Kim Lowe will call us to book the room.",
        "Call w/ Raj Mehta. Raj will call me Tuesday with the numbers.",
        "Mtg w/ Lin Wu and Ravi Shah. Ravi will call me Friday with the budget.",
        "Intake call - new client, referred by Dot (her neighbor). Client is Vera Holt, 87.",
        "Opportunity: Ravi Shah, SVP\nTasks:\n  [ ] Calendar holds via Anjali - by 10/16",
        "Peggy Ames brought in her grandsons Finn (9) and Dec (6) today, cleanings for both.",
        "Cc: Pam Ames\nHi Maren, I'm cc'ing Pam (my wife, she runs payroll) for the 1099s.",
    ],
)
def test_no_one_new_is_handed_over(text: str) -> None:
    assert all(
        name
        not in (
            "Carl Mudd",
            "Carl Ito",
            "Kim Lowe",
            "Ravi Shah",
            "Raj Mehta",
            "Intake",
            "Pam",
            "Pam Ames",
        )
        for name in _leads(text)
    )
