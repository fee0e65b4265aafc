"""Stage 4, people in households: the family of long household notes (brief i16hh).

Each table is one family of phrasings, on made-up text in no labelled set.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import people as _people

# A child's sister or brother, said by the child's pronoun, is the client's daughter or son; the
# client's own sister is not (the last person named before the pronoun says whose it is).
CHILDS_SIBLINGS = [
    (
        "meeting with gordon pike for their son tobias, he is applying for law. tobias rows "
        "for his school, and his older sister wren is at nyu",
        [("son", "Tobias"), ("daughter", "Wren")],
    ),
    (
        "[3/2/26, 8:00 PM] Maribel Ocasio: hi it's Maribel (Joaquin's mom). his coach says he "
        "needs a tutor\n[3/2/26, 8:05 PM] Maribel Ocasio: also his little sister Lucia turns 6 "
        "next week",
        [("child", "Joaquin"), ("daughter", "Lucia")],
    ),
    (
        "Call with Harold Benn. His son Felix starts at Leeds; Felix and his brother Otto "
        "share a flat",
        [("son", "Felix"), ("son", "Otto")],
    ),
]
CLIENTS_OWN_SIBLINGS = [
    (
        "Call with Harold Benn about the loan. His son Felix is at Leeds. Harold said his "
        "sister Agnes lives with them now",
        [("son", "Felix"), ("sister", "Agnes")],
    ),
    (
        "Call with Nadia Rahm. Her son Felix is at Leeds. Nadia and her brother Omar co-own "
        "the shop",
        [("son", "Felix"), ("brother", "Omar")],
    ),
    # "her" cannot be the son's: the sister is the client's
    ("Call with Nadia Rahm. Son Felix is at Leeds; her sister Ines helps out", None),
]


@pytest.mark.parametrize(("text", "want"), CHILDS_SIBLINGS)
def test_a_childs_sister_or_brother_is_the_clients_child(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert sorted(_people(text), key=str) == sorted(want, key=str)


@pytest.mark.parametrize(("text", "want"), CLIENTS_OWN_SIBLINGS)
def test_the_clients_own_sister_or_brother_stays_theirs(
    text: str, want: list[tuple[str, str | None]] | None
) -> None:
    got = _people(text)
    if want is None:
        assert ("sister", "Ines") in got and ("daughter", "Ines") not in got
    else:
        assert sorted(got, key=str) == sorted(want, key=str)


# The household listed under a heading of its own: each item opening with a name is a child,
# whatever the item goes on to say; under "Family:"/"The household:" only one given an age.
HEADED_LISTS = [
    (
        "Lunch with Greta Voss. Kids: Anton is 12 and mad about chess, little Rosa (5) does "
        "gymnastics. They fly out Friday.",
        [("child", "Anton"), ("child", "Rosa")],
    ),
    (
        "Visit to the Marsh farm with Cyril Marsh.\n\nKids: Edmund (17, boards at Harrow, keen "
        "on cricket), Flora (14) and little Pip who's 7. Two spaniels, Bertie and Jess.",
        [
            ("child", "Edmund"),
            ("child", "Flora"),
            ("child", "Pip"),
            ("dog", "Bertie"),
            ("dog", "Jess"),
        ],
    ),
    (
        "Walkthrough with Ines Carvalho at the bakery.\n\nThe household:\n- Tomas (31) runs "
        "the ovens, he wants the new line\n- Beatriz (19) is at university in Porto\n- "
        "grandson Rui is 2\n\nNext: quote by Friday",
        [("child", "Tomas"), ("child", "Beatriz"), ("grandson", "Rui")],
    ),
    (
        "Call w/ Dora Finch. their son wants in on the business.\nThe household:\n- Miles (28) "
        "does the books",
        [("son", "Miles")],
    ),
]
NOT_HEADED_CHILDREN = [
    # "Family:" with no age: the item says who they are or is no one's name
    ("Mtg w/ Hal Orr.\nFamily: Boston trip in May, all of them", []),
    ("Mtg w/ Hal Orr.\nFamily: Thanksgiving at the lake, Denver for Christmas", []),
]


@pytest.mark.parametrize(("text", "want"), HEADED_LISTS)
def test_the_household_listed_under_its_heading(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert sorted(_people(text), key=str) == sorted(want, key=str)


@pytest.mark.parametrize(("text", "want"), NOT_HEADED_CHILDREN)
def test_a_heading_of_the_household_names_no_one_by_a_plain_word(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert _people(text) == want


# Not the client's relatives: the spouse's parents and siblings (in-laws), a priest or a nun
# said with their name, a holiday named for a parent.
NOT_THE_CLIENTS = [
    "Lunch with Nell Harte and her husband Rob. Rob's dad built the mill in 1961.",
    "Call with Tomasz Nowak; his wife Ewa flies to Gdansk to see Ewa's mother in May.",
    "funeral planning with aidan roche. i'll ring father doyle about the mass tomorrow",
    "Lunch w/ Carmen Ruiz. Also Father Tom asked if she could host the parish picnic",
    "Stop at Lola Diaz's shop - Mother's Day orders up 30%, she wants more buckets",
    "call with wes orr, fathers day promo needs a flyer by friday",
]


@pytest.mark.parametrize("text", NOT_THE_CLIENTS)
def test_in_laws_clergy_and_holidays_are_not_the_clients_relatives(text: str) -> None:
    got = _people(text)
    assert not [p for p in got if p[0] in ("mother", "father", "brother", "sister")], got


# One of the grandchildren just counted, said by their place among them: a grandchild.
AMONG_THE_GRANDCHILDREN = [
    (
        "saw moe tully at the dock their grandkids are visiting all week two of them twins "
        "named ivy and rose i need to send the slip contract",
        [("grandchild", "Ivy"), ("grandchild", "Rose")],
    ),
    (
        "Lunch with Abe Kohl. Three grandkids in Austin, the oldest, Noa, is 15 and wants a job.",
        [("grandchild", None), ("grandchild", None), ("grandchild", "Noa")],
    ),
    # no grandchildren said before: the oldest is a child
    ("Lunch with Abe Kohl. the oldest, Noa, is 15 and wants a job.", [("child", "Noa")]),
]


@pytest.mark.parametrize(("text", "want"), AMONG_THE_GRANDCHILDREN)
def test_one_of_the_grandchildren_said_by_their_place(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert sorted(_people(text), key=str) == sorted(want, key=str)


# The client's own words inside a note the user wrote (a quoted remark or voicemail, a "Name:"
# or "[Name]" turn with or without its time, a message under its export header): "my wife
# Ruth" there is the client's; the user's own turn ("Me:", "You:") is not.
CLIENTS_OWN_WORDS = [
    ('Call back from Wendell Orr. Wendell: "Fine. My wife Ruth says hello."', [("wife", "Ruth")]),
    (
        "Zoom transcript\n00:00:12 Ada Quist: We'd rather pay over three years.\n00:00:31 Me: "
        "That works.\n00:00:45 Ada Quist: And I'll ask my sister Greta to match it.",
        [("sister", "Greta")],
    ),
    (
        "Signal - Otto Brandt\nOtto Brandt 08:31: we need it by the 30th\nYou 08:45: Understood"
        "\nOtto Brandt 08:48: btw my wife Ilse ran the half marathon",
        [("wife", "Ilse")],
    ),
    (
        "[Pastor Abe Lutz] Perfect. Also my wife Marla wants a quote for the hall",
        [("wife", "Marla")],
    ),
    (
        "Tove Lind \u2014 Apr 6\nThanks! My daughter Linnea loved the concert\n\nMe \u2014 Apr 6\n"
        "glad to hear it",
        [("daughter", "Linnea")],
    ),
]
NOT_THEIR_WORDS = [
    # the user's own turn, and the user's own note
    "Ada Quist: can you send the pledge form?\nMe: yes, my wife Jo will drop it off\nAda Quist: ok",
    "Lunch with Ada Quist about the pledge. my wife Jo knows her from choir.",
]


@pytest.mark.parametrize(("text", "want"), CLIENTS_OWN_WORDS)
def test_the_clients_own_words_inside_the_users_note(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert sorted(_people(text), key=str) == sorted(want, key=str)


@pytest.mark.parametrize("text", NOT_THEIR_WORDS)
def test_the_users_own_words_name_the_users_family(text: str) -> None:
    assert _people(text) == []
