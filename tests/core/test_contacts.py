"""Stage: work contacts. One table per phrasing family (core/understand/contacts.py)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.understood import understand

TODAY = date(2026, 6, 16)

# the role after a possessive, then the name (with "is", "named", a comma between)
POSSESSIVE = [
    (
        "Left a voicemail for Margaret Oyelaran's office, her assistant Kim said Thursday.",
        "Kim",
        "assistant",
    ),
    ("tried margaret oyelaran left a voicemail for her assistant kim", "Kim", "assistant"),
    (
        "Demo for Kevin Nakamura, his office manager is Deb, send her the quote.",
        "Deb",
        "office manager",
    ),
    ("I'll get the illustrations to you and your CFO Beth by Friday. -Nick", "Beth", "cfo"),
    ("Met Oona Feeney; her agent is a guy named Peter Vasquez.", "Peter Vasquez", "agent"),
    # a second role word between the role and the name (i16a)
    ("Met Oona Feeney; her boss the CFO Ray Atkins signs off.", "Ray Atkins", "boss"),
    ("met oona feeney her boss the regional vp is a lady named dana", "Dana", "boss"),
]
# the name, then the role in brackets or after a comma
BRACKETS = [
    (
        "Attendees: Erik Halvorsen (owner), Linda Pratt (office mgr), me",
        "Linda Pratt",
        "office manager",
    ),
    (
        "From: Greta Lindahl (assistant to Dr. Omar Siddiqui)\nHello, Dr. Siddiqui asked me...",
        "Greta Lindahl",
        "assistant",
    ),
    ("Call with Marcus Webb. Tina, his assistant, will book the demo.", "Tina", "assistant"),
]
# the role, then the name in brackets; a heading line
ROLE_FIRST = [
    (
        "Call notes - Dr. Raymond Achebe\n- Purchasing (Monica Reyes) needs the packet",
        "Monica Reyes",
        "purchasing",
    ),
    ("Insured: Bernard Arceneaux\nAdjuster: Kyle (Harbor Mutual)", "Kyle", "adjuster"),
]
# the client speaking: "my boss" in their own line is theirs
CLIENTS_WORDS = [
    (
        "[10:02 AM] Priya Natarajan: hey\n[10:03 AM] Me: great, profiles by Friday\n"
        "[10:04 AM] Priya Natarajan: my boss Alan wants to meet your team lead",
        "Alan",
        "boss",
    ),
]
# A role said as what the person runs, then its head noun (manager, lead, guy, partner...),
# and names with accented letters (i16pc). The rows after the third were held out until the
# rule was written.
HEAD_NOUN = [
    (
        "Vic wants the paint booth quoted. his shop mgr Rui is point meanwhile.",
        "Rui",
        "shop manager",
    ),
    ("Memo Ibarra - his web guy Rafa broke the checkout.", "Rafa", "web guy"),
    (
        "Kat Delacroix wants frames. her assistant Benoît will send dimensions.",
        "Benoît",
        "assistant",
    ),
    ("Abbott (marine supply) - his yard manager Pete will call.", "Pete", "yard manager"),
    (
        "Gwen Hollis needs samples b4 her biz partner Ravi Vane sees them.",
        "Ravi Vane",
        "business partner",
    ),
    (
        "Met Bo Li. his marketing director, Ana Ruiz, wants a deck.",
        "Ana Ruiz",
        "marketing director",
    ),
]
NOT_CONTACTS = [
    "Lunch w/ Bob Smith. Our CFO Dana will join the next call.",  # the user's own colleague
    "Met Sam Whitaker. My boss wants the forecast by Friday.",  # the user's boss, unnamed
    "Coffee with Anna Diaz and her husband Peter; her son Jake plays baseball.",  # family
    "Call with Renata Silva, her CEO wants a band not a DJ.",  # no name
    "Lunch with Karen Liu, she is the CFO at Acme.",  # the client's own role
    # the assistant who wrote the note for the user signs it (i16a)
    "Spoke w/ Mr. Omar Haddad on behalf of Dana re: the cruise. - Rina (asst.)",
    # introduced by the client, with a title: an introduction, not a contact (i16a)
    "Visited Dr. Abel Ruiz. He referred us to his colleague Dr. Ines Vera at Eastside.",
    "Met Bo Li. my project lead Sam will call her",  # the user's own colleague (i16pc)
]


@pytest.mark.parametrize(
    ("note", "name", "role"), POSSESSIVE + BRACKETS + ROLE_FIRST + CLIENTS_WORDS + HEAD_NOUN
)
def test_a_work_contact_is_named_with_the_role(note: str, name: str, role: str) -> None:
    out = understand(note, TODAY)
    assert [(c["name"], c["role"]) for c in out["contacts"]] == [(name, role)]
    start, end = out["contacts"][0]["span"]
    assert note[start:end].lower() == name.lower()
    assert name not in [p["name"] for p in out["people"]]


@pytest.mark.parametrize("note", NOT_CONTACTS)
def test_no_work_contact(note: str) -> None:
    assert understand(note, TODAY)["contacts"] == []
