"""Stage 4, people and relations: the client's family, pets, couples and lists.

The rules' cases, each on made-up text in no labelled set (several phrasings where a
rule is about a kind of phrase), so a case says what the rule is, not what one note needed.
"""

from __future__ import annotations

import pytest

from rapport.core.understand.clients import KnownClient
from tests.core.capture_probe import WED
from tests.core.capture_probe import client as _client
from tests.core.capture_probe import people as _people
from tests.core.understood import understand


def _people_ages(text: str) -> list[tuple[str, str | None, int | None]]:
    return [(p["relation"], p["name"], p["age"]) for p in understand(text, WED)["people"]]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Mtg w/ Al Reyes. his oldest just got into Purdue", [("child", None)]),
        ("Mtg w/ Al Reyes. their youngest (Nico) graduates in May", [("child", "Nico")]),
        ("Mtg w/ Al Reyes. his oldest son Sam is at Navy", [("son", "Sam")]),
        ("Call w/ Bo Li. she has a new grandbaby (Mia, born 12/2)", [("grandchild", "Mia")]),
        ("Call w/ Bo Li. his new grandson Eli is 2 weeks old", [("grandson", "Eli")]),
        ("Call w/ Bo Li. her kids are Sam 8 and Ivy 5", [("child", "Sam"), ("child", "Ivy")]),
        ("Call w/ Bo Li. his bride Ingrid is from Oslo", [("wife", "Ingrid")]),
        ("Call w/ Bo Li. they have 2 rescue greyhounds", [("dog", None), ("dog", None)]),
        ("Call w/ Bo Li. breeds Corgis, Pip and Tot", [("dog", "Pip"), ("dog", "Tot")]),
        ("Call w/ Bo Li. a rescue pit mix named Tank", [("dog", "Tank")]),
        (
            "Call w/ Bo Li, her granddaughter's tuition (Cassidy, at Rice)",
            [("granddaughter", "Cassidy")],
        ),
        ("Call w/ Bo Li. single mom of 2, her son Max is 9", [("son", "Max"), ("child", None)]),
        ("Call w/ Bo Li. their boys are both in the Navy", [("son", None), ("son", None)]),
        ("Call w/ Bo Li. loves her grandkids, 3 of them", [("grandchild", None)] * 3),
        ("Call w/ Bo Li. his wife just had their 4th baby", [("wife", None), ("child", None)]),
        ("Call w/ Bo Li. * wife Hoa runs a salon", [("wife", "Hoa")]),
        (
            "Call w/ Bo Li. Bo's wife Mai had a baby boy Sat, named him Minh",
            [("wife", "Mai"), ("son", "Minh")],
        ),
    ],
)
def test_family_in_more_of_the_ways_notes_say_it(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert sorted(_people(text), key=str) == sorted(want, key=str)


@pytest.mark.parametrize(
    "text",
    [
        "Call w/ Bo Li. our TPA partner Kyle Ng will join",
        "Call w/ Bo Li. she and her husband are expecting twins in March",
        "Call w/ Bo Li. they foster rescue greyhounds",
        "Call w/ Bo Li. his oldest friend runs the bank",
        "Call w/ Bo Li. the bride wants peonies, planning a baby shower too",
        "Call w/ Bo Li. she's a new mom, back from leave",
    ],
)
def test_words_that_are_still_not_the_clients_family(text: str) -> None:
    people = _people(text)
    assert people == [] or people == [("husband", None)]


def test_a_mom_named_in_full_is_the_client_and_the_brothers_are_the_clients() -> None:
    out = understand("Tour - mom Ada Ruiz, daughter Eva turns 15 on 10/8", WED)
    assert out["client"]["name"] == "Ada Ruiz"
    assert [(p["relation"], p["name"]) for p in out["people"]] == [("daughter", "Eva")]
    assert _people("Seed order w/ the Van Wyk brothers (Piet & Jan) - 900 acres") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Call w/ Ida Roy. her late husband's IRA (Bob passed in March)", [("husband", "Bob")]),
        (
            "Call w/ Ida Roy. He have two daughter in college, Emi and Yuki.",
            [("daughter", "Emi"), ("daughter", "Yuki")],
        ),
        ("Call w/ Ida Roy. a golden named Cooper. golden anniversary in May", [("dog", "Cooper")]),
        ("Call w/ Ida Roy. going to Lagos for her moms 70th", [("mother", None)]),
        ("Call w/ Ida Roy. her cat Mr. Whiskers is 19", [("cat", "Mr. Whiskers")]),
        ("Call w/ Ida Roy. Ida is a huge Twins fan", []),
    ],
)
def test_family_after_holdout_2(text: str, want: list[tuple[str, str | None]]) -> None:
    assert sorted(_people(text), key=str) == sorted(want, key=str)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Call w/ Ana Ruiz. her new grandaughter Lily is staying all summer",
            [("granddaughter", "Lily")],
        ),
        ("Call w/ Ana Ruiz. they have a 6 month old (Jordan)", [("child", "Jordan")]),
        ("Call w/ Ana Ruiz. they have a 4-month-old and a dog", [("child", None), ("dog", None)]),
        ("Call w/ Ana Ruiz. the 6 month old lease is up in May", []),
        ("Call w/ Ana Ruiz. her toddler Max started daycare", [("child", "Max")]),
        ("Call w/ Ana Ruiz; her husband's name is Tomas, a pilot", [("husband", "Tomas")]),
        ("Text from Ana Ruiz (Leo = her son, 9)", [("son", "Leo")]),
    ],
)
def test_family_words_and_names(text: str, want: list[tuple[str, str | None]]) -> None:
    assert _people(text) == want


def test_a_headings_project_name_gives_way_to_the_person_the_note_is_about() -> None:
    text = (
        "Kickoff - Maple Commons\nAttendees: Vera Lindholm (chair), Sam Ito\n"
        "- Vera wants a roof garden\n- Vera's husband Olaf is an engineer\n- send minutes Fri"
    )
    out = understand(text, WED)
    assert out["client"]["name"] == "Vera Lindholm"
    assert [(p["relation"], p["name"]) for p in out["people"]] == [("husband", "Olaf")]
    # a name said once at the top is still the client when nobody else is talked about more
    assert (
        _client("Review - Elaine Foster\n- portfolio up 6%\n- send letters Fri") == "Elaine Foster"
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Call w/ Ana Ruiz. 3 grandkids. grandson Owen turns 16 in June",
            [("grandson", "Owen"), ("grandchild", None), ("grandchild", None)],
        ),
        (
            "Call w/ Ana Ruiz. her son Adam plays violin and she took her daughter to the show",
            [("son", "Adam"), ("daughter", None)],
        ),
        (
            "Call w/ Ana Ruiz. son Adam, two daughters",
            [("son", "Adam"), ("daughter", None), ("daughter", None)],
        ),
        ("Call w/ Ana Ruiz. 2 kids. her son Adam plays violin", [("son", "Adam"), ("child", None)]),
    ],
)
def test_a_son_is_not_a_daughter_but_a_named_grandson_is_one_of_the_grandkids(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert sorted(_people(text), key=str) == sorted(want, key=str)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Call w/ Kim Lee. single mom with a 6 yo named Jaden", [("child", "Jaden")]),
        ("Call w/ Kim Lee. she has a 3-year-old, Mia", [("child", "Mia")]),
        ("Call w/ Kim Lee. their youngest (Brody) graduates in May", [("child", "Brody")]),
        ("Call w/ Kim Lee. a 40 year old roof needs work", []),
        (
            "Call w/ Kim Lee. Kim's grandkids (3 of them) were there",
            [("grandchild", None), ("grandchild", None), ("grandchild", None)],
        ),
    ],
)
def test_children_said_by_age_and_counts_in_brackets(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert _people(text) == want


def test_a_firm_partner_named_in_full_is_not_a_life_partner() -> None:
    out = understand("Onsite @ Lee & Park CPAs. partner Nina Lee wants a quote by 12/1", WED)
    assert out["client"]["name"] == "Nina Lee"
    assert out["people"] == []
    assert _people("Call w/ Laura Wendt. her partner Jess breeds shepherds") == [
        ("partner", "Jess")
    ]


def test_a_bare_count_in_brackets_after_a_plural_family_word() -> None:
    assert _people("Call w/ Jo Whit. off to Hawaii w/ the grandkids (3)") == [
        ("grandchild", None),
        ("grandchild", None),
        ("grandchild", None),
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Met Tom Reyes. His wife June teaches piano.", ("wife", "June", None)),
        ("Call w/ Rita Fox. Her daughter April starts college.", ("daughter", "April", None)),
        ("Lunch w/ Raj Das. they just had a baby girl named ivy", ("daughter", "Ivy", None)),
        ("Met Omar Haddad. His son is named kobe.", ("son", "Kobe", None)),
    ],
)
def test_relative_named_plainly_even_with_a_month_or_unlisted_name(
    text: str, want: tuple[str, str | None, int | None]
) -> None:
    assert want in _people_ages(text)


def test_month_after_family_word_with_a_day_is_a_date_not_a_name() -> None:
    assert ("daughter", "June", None) not in _people_ages(
        "Met Ann Lee. Her daughter June 3 recital."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Met Ken Obi about the van. Kids: 3 (ages 2, 5, 9). Wants a third row.",
        "Met Ken Obi about the van. kids - 3, ages 2, 5 and 9.",
    ],
)
def test_form_like_child_count_after_the_word(text: str) -> None:
    assert _people_ages(text) == [("child", None, 2), ("child", None, 5), ("child", None, 9)]


def test_name_and_age_in_brackets_later_in_the_sentence() -> None:
    people = _people_ages("Met Omar Haddad. His son just started kindergarten (Sami, 5).")
    assert people == [("son", "Sami", 5)]
    people = _people_ages("Visit w/ Rosa Lind. a grandson is staying over the summer (Theo, 4mo).")
    assert [(r, n) for r, n, _ in people] == [("grandson", "Theo")]


def test_next_of_kin_is_not_their_own_relative_nor_are_their_siblings_the_clients() -> None:
    text = (
        "Arrangements for Otto Brand (passed 5/1). Met w/ his daughter Lisa Brand-Cole and son Tim."
    )
    assert _client(text) == "Lisa Brand-Cole"
    assert _people(text) == []


def test_a_relatives_full_name_is_family_when_the_note_is_about_someone_alive() -> None:
    text = "Lunch with Frank Doyle. His daughter Carol Greeley-Hunt is a nurse. send Frank the deck"
    assert _client(text) == "Frank Doyle"
    assert ("daughter", "Carol") in _people(text)


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "Met w/ Ed Voss's daughter Lena Voss-Reid about his estate. Lena wants to sell the "
            "house; Lena is the contact. send Lena the listing agreement friday",
            "Lena Voss-Reid",
        ),
        (
            "Estate of Hal Pike - met his son Dan Pike re: the house. Dan wants to list in "
            "spring. email Dan comps by friday",
            "Dan Pike",
        ),
        (
            "Service for Ruth Obi Sat. Her sister Grace Obi-Eze is handling it; Grace wants "
            "white lilies. call Grace today",
            "Grace Obi-Eze",
        ),
    ],
)
def test_a_relative_named_in_full_is_the_client_when_the_note_is_about_them(
    text: str, who: str
) -> None:
    assert _client(text) == who
    assert _people(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("coffee w/ Lia Moss. her husband tomás coaches soccer", ("husband", "Tomás")),
        ("coffee w/ Lia Moss. son jalen plays travel ball", ("son", "Jalen")),
        ("coffee w/ Lia Moss. her wife zoë runs marathons", ("wife", "Zoë")),
        ("coffee w/ Lia Moss. daughter renée is 14", ("daughter", "Renée")),
        ("coffee w/ Lia Moss. her son dashiell turns 9 in May", ("son", "Dashiell")),
    ],
)
def test_a_lower_case_or_accented_name_after_a_family_word(
    text: str, want: tuple[str, str]
) -> None:
    assert want in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "coffee w/ Lia Moss. her son plays soccer",
        "coffee w/ Lia Moss. her son really loves soccer",
        "coffee w/ Lia Moss. her husband just retired",
        "coffee w/ Lia Moss. kids: twin boys age 10",
    ],
)
def test_an_everyday_word_after_a_family_word_is_not_a_name(text: str) -> None:
    assert all(name is None for _, name in _people(text))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Lunch w/ Ida Strom. Ida's dad Per is paying for the trip", ("father", "Per")),
        ("Lunch w/ Ida Strom, husband Per.", ("husband", "Per")),
        ("Lunch w/ Ida Strom. her son Will is 9", ("son", "Will")),
        ("Lunch w/ Ida Strom. Ida's dad Bo turns 80 in May", ("father", "Bo")),
        ("Lunch w/ Ida Strom. her husband Al loves golf", ("husband", "Al")),
        ("Lunch w/ Ida Strom. son Ty, 8, plays hockey", ("son", "Ty")),
    ],
)
def test_short_or_word_like_first_names_after_a_family_word(
    text: str, want: tuple[str, str]
) -> None:
    assert want in _people(text)


def test_per_as_a_word_stays_a_word() -> None:
    assert all(name != "Per" for _, name in _people("Lunch w/ Ida Strom. her son, per Ida, is 9"))


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Met Tom Hale. Kids: 7, 10.", [7, 10]),
        ("Met Tom Hale. his kids 4 and 9 love lego", [4, 9]),
        ("Met Tom Hale. Kids - 12 & 14", [12, 14]),
        ("Met Tom Hale. kids: 3, 6, 11\n- golf nut", [3, 6, 11]),
    ],
)
def test_ages_with_no_count_give_one_child_each(text: str, ages: list[int]) -> None:
    out = understand(text, WED)
    assert [(p["relation"], p["age"]) for p in out["people"]] == [("child", a) for a in ages]


def test_animals_kept_as_stock_or_patients_are_not_pets() -> None:
    assert not [
        p for p in _people("Met Joe Hart at his ranch; 40 cats in the barn.") if p[0] == "cat"
    ]
    assert not [
        p for p in _people("Call with Ida Moss. Runs a kennel of beagles.") if p[0] == "dog"
    ]
    assert not [p for p in _people("Lunch with Al Ruiz. He breeds Labradors.") if p[0] == "dog"]
    assert ("dog", "Rex") in _people("Lunch with Al Ruiz. His dog Rex is 9.")
    assert [p for p in _people("Lunch with Al Ruiz. He has 2 cats.") if p[0] == "cat"]


def test_a_household_with_several_cats_keeps_them_as_pets() -> None:
    assert [p for p in _people("Lunch with Al Ruiz. He has 6 cats.") if p[0] == "cat"]


def test_a_relation_of_someone_else_is_not_the_clients_family() -> None:
    assert _people("mtg w/ jen alvarez @ pinnacle - wife of CEO. kids in soccer.") == []
    assert _people("Lunch with Bob Smith - son of our founder.") == []
    assert _people("Lunch with Bob Smith. His wife of 30 years loves roses.") == [("wife", None)]


# Family: a plural family word, then the list of its names, however the list is punctuated:
# a colon, a dash or brackets before it, an aside after the word, names joined by commas,
# "and", "&", "/" or "+", each maybe with an age ("Bo 9", "(Bo, 9)") or a bracketed aside
# ("(at Rice)"), "baby" before the last; typed or dictated in lower case.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Call w/ Ines Pardo. grandkids coming for Easter: Wren, Hugo, Dax",
            [("grandchild", "Wren"), ("grandchild", "Hugo"), ("grandchild", "Dax")],
        ),
        (
            "Call w/ Ines Pardo. 3 kids - Arlo 11, Bea 7 and baby Cruz - keep her busy",
            [("child", "Arlo"), ("child", "Bea"), ("child", "Cruz")],
        ),
        (
            "Call w/ Ines Pardo. her 2 boys (Rudy 12, Felix 9) both swim",
            [("son", "Rudy"), ("son", "Felix")],
        ),
        (
            "Call w/ Ines Pardo. twin girls (Noor & Lina, 6) start school",
            [("daughter", "Noor"), ("daughter", "Lina")],
        ),
        (
            "Call w/ Ines Pardo. Kids: Vera (at Tulane), Oscar, and Leon (in Denver).",
            [("child", "Vera"), ("child", "Oscar"), ("child", "Leon")],
        ),
        (
            "Call w/ Ines Pardo about her estate. grandchildren - Pia, Rafe and Tamsin.",
            [("grandchild", "Pia"), ("grandchild", "Rafe"), ("grandchild", "Tamsin")],
        ),
        (
            "met ines pardo at the shop her two boys rudy and felix help out on saturdays",
            [("son", "Rudy"), ("son", "Felix")],
        ),
        (
            "met ines pardo at the shop she has twins kip and dov who just turned five",
            [("child", "Kip"), ("child", "Dov")],
        ),
        (
            "met ines pardo her grandkids are over a lot, three of them, wren hugo and dax",
            [("grandchild", "Wren"), ("grandchild", "Hugo"), ("grandchild", "Dax")],
        ),
    ],
)
def test_a_list_of_names_after_a_plural_family_word(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert sorted(_people(text), key=str) == sorted(want, key=str)


# Family: whose relative it is and what is a name, in the small words around a family word:
# a relative's own spouse ("son Tad and his wife") is not the client's; animals named only as
# a kind ("a treat for cats") are no one's pets; a quote mark after a name or a placeholder in
# capitals ("TBD") is not part of one; a dictated name ends its sentence ("his wife dot.").
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Call w/ Bo Li. their son Tad and his wife may come too", [("son", "Tad")]),
        ("Call w/ Bo Li. daughter Pia may bring her husband, TBD", [("daughter", "Pia")]),
        ("Call w/ Bo Li. wants the new chew for cats and a dental kit", []),
        ("Call w/ Bo Li. she said 'my husband Rex' twice", [("husband", "Rex")]),
        ("talked to bo li and his wife dot. they want a deck", [("wife", "Dot")]),
        ("talked to bo li and his wife dot period they want a deck", [("wife", "Dot")]),
        ("Call w/ Bo Li. the chew for cats - asked for 2 kits", []),
    ],
)
def test_whose_relative_and_what_is_a_name(text: str, want: list[tuple[str, str | None]]) -> None:
    assert sorted(_people(text), key=str) == sorted(want, key=str)


def test_a_name_then_the_relation_in_brackets() -> None:
    text = "Fitting with Ed Paley. Mother of the bride is Rosalind (his wife), wants swatches."
    assert _people(text) == [("wife", "Rosalind")]


# Family: the client and a first name joined by "+" or "&" with what a couple shares after it
# (their kids, an anniversary, a trip, hosting): the other half, a wife or a husband when the
# name says which, else a partner. Two colleagues ("Fred O. + Marty C. both at the lunch")
# are not a couple.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Lunch w/ Nils Berg. Nils + Greta's 2 kids (Ole, Liv) ski",
            [("wife", "Greta"), ("child", "Ole"), ("child", "Liv")],
        ),
        ("Lunch w/ Nils Berg. Nils + Greta -> Maui for their 30th in May", [("wife", "Greta")]),
        ("Nils Berg called back. he + Robin off on a cruise in May", [("partner", "Robin")]),
        ("Nils Berg called back. he + Ayumi off on a cruise in May", [("wife", "Ayumi")]),
        ("Astrid Berg called back. she + Hamza off on a trip in May", [("husband", "Hamza")]),
        ("Nils B. + Robin C. both at the expo. Nils wants a quote", []),
        ("Call w/ Dr. Cat Moore re: the autoclave", []),
    ],
)
def test_the_client_plus_a_first_name_is_a_couple(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert sorted(_people(text), key=str) == sorted(want, key=str)


def test_a_word_after_a_plural_family_word_and_is_is_no_name() -> None:
    text = "met with bo and al pike their kids are grown. al has a boat"
    assert all(name is None for _, name in _people(text))


def test_a_wifes_name_the_list_has_beside_a_husbands_it_lacks() -> None:
    assert ("wife", "Grace") in _people("Met Emeka & Grace Obi at the expo about the tile")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "met bo li he coaches his granddaughter's team her name is wren",
            [("granddaughter", "Wren")],
        ),
        ("Call w/ Bo Li. they got a rescue dog, his name's Tank", [("dog", "Tank")]),
    ],
)
def test_the_name_said_later_in_the_sentence(text: str, want: list[tuple[str, str]]) -> None:
    assert _people(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Voicemail from Rosalind Achebe, 9:05 AM: hi it's Rosalind, the kiln is cracked "
            "again. my son Tobi can let you in Thursday. call me back.",
            [("son", "Tobi")],
        ),
        (
            "Voicemail transcription (0:48): Hey, this is Gunnar Holt about the fence. My "
            "sister Margit says the gate sticks. Talk soon.",
            [("sister", "Margit")],
        ),
        (
            "VM to text from Priya Desai: the sod is yellowing, my husband Arun thinks it's "
            "the sprinklers. ring me.",
            [("husband", "Arun")],
        ),
        (
            "Sent to Colm Farrelly, 4:40 PM: Good to see you at the yard today! I'll price "
            "the oak by Friday. Hope your daughter Aoife's exams go well.",
            [("daughter", "Aoife")],
        ),
    ],
)
def test_a_pasted_message_speaks_for_its_heading(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    """The client's own voicemail or text: "my wife" is theirs; the user's message sent to
    the client: "your son" is theirs."""
    assert _people(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Left a voicemail for Rosalind Achebe: my son Tobi has her kiln manual.",
        "Voicemail for Gunnar Holt: my sister Margit will drop off the gate latch.",
    ],
)
def test_a_voicemail_the_user_left_keeps_my_for_the_user(text: str) -> None:
    assert _people(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "To: Odalys Ferreira\nSubject: Thanks\n\nOdalys,\n\nThanks for the walk-through. "
            "I'll send the bid by Monday. Congrats to your son Rafael on graduating!\n\n"
            "Warmly,\nKit",
            [("son", "Rafael")],
        ),
        (
            "To: Bram Visser <bram@visserfarms.nl>\nSubject: Barn roof\n\nHi Bram,\n\nAs "
            "promised I'll send the steel quote. Enjoy the trip with your wife Hanneke!",
            [("wife", "Hanneke")],
        ),
    ],
)
def test_a_sent_mail_with_a_to_header_speaks_to_the_client(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert _people(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "met gus moreno today he has two labs named pepper and salt",
            [("dog", "Pepper"), ("dog", "Salt")],
        ),
        ("Call w/ Bo Li. they have a huge newfoundland named tank", [("dog", "Tank")]),
        ("Call w/ Bo Li. two huskies, Koda and Nanook", [("dog", "Koda"), ("dog", "Nanook")]),
        ("Call w/ Bo Li. his whippet Dash is 4", [("dog", "Dash")]),
        ("Call w/ Bo Li, just back from Newfoundland", []),
        ("Call w/ Bo Li. two cath labs need new carts", []),
    ],
)
def test_breeds_in_lower_case_short_plurals_and_ies(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    """ "labs", "huskies" (a consonant's y), breeds the list lacked; one that is also a place
    needs an owner or a name."""
    assert _people(text) == want


@pytest.mark.parametrize(
    ("text", "client", "want"),
    [
        (
            "met the okafor brothers emeka and chidi at the shop they want a quote",
            "Emeka Okafor",
            [],
        ),
        (
            "Met the Lund brothers, Sven and Nils, about the dock",
            "Sven Lund",
            [],
        ),
        ("Walked the lot with the Ferris sisters Jo and Em", "Jo Ferris", []),
        ("met with the dekker brothers willem and jan about the barn roof", "Willem Dekker", []),
        ("Met Tom Pike. the Reyes brothers and their crew start Monday", "Tom Pike", []),
    ],
)
def test_siblings_named_together_the_first_is_the_client_neither_is_family(
    text: str, client: str, want: list[tuple[str, str | None]]
) -> None:
    assert (_client(text), _people(text)) == (client, want)


# A lower-case name after a family word that ends like an everyday word ("-s", "-er", "-lly"),
# with what the person does right after it; adverbs and the like stay words. The rows after
# the first six were held out until the rule was written.
LOWER_NAMES_LIKE_WORDS = [
    ("met bo li. his wife els makes great cookies", ("wife", "Els")),
    ("carl's wife shelly does their books", ("wife", "Shelly")),
    ("met christine. her dog pepper is a corgi", ("dog", "Pepper")),
    ("talked to rob vance his husband tucker runs the farm", ("husband", "Tucker")),
    ("talked to rob vance his wife usually does the books", ("wife", None)),
    ("talked to rob vance her son never calls", ("son", None)),
    ("met ana ruiz her daughter holly sings in the choir", ("daughter", "Holly")),
    ("met ana ruiz their dog buster loves the beach", ("dog", "Buster")),
    ("met ana ruiz her husband thomas works nights", ("husband", "Thomas")),
    ("met ana ruiz his wife always handles billing", ("wife", None)),
    ("met ana ruiz her son really loves hockey", ("son", None)),
    ("met ana ruiz her mom mostly gardens", ("mother", None)),
]


@pytest.mark.parametrize(("text", "want"), LOWER_NAMES_LIKE_WORDS)
def test_a_lower_case_name_that_ends_like_a_word(text: str, want: tuple[str, str | None]) -> None:
    assert want in _people(text)


# Horses and other animals kept as pets, said by their kind: a pet when it has an owner or a
# name; a number of them is stock. The rows after the first three were held out until the rule
# was written.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("She's got a young grey mare, Thistle, that's been pulling shoes", ("pet", "Thistle")),
        ("his old gelding Duke is retired now", ("pet", "Duke")),
        ("her pony Biscuit won a ribbon", ("pet", "Biscuit")),
        ("their daughter's filly Rosie just foaled", ("pet", "Rosie")),
        ("his mule Jasper carries the packs", ("pet", "Jasper")),
        ("her donkey named Pedro loves carrots", ("pet", "Pedro")),
    ],
)
def test_a_horse_or_a_donkey_with_an_owner_or_a_name_is_a_pet(
    text: str, want: tuple[str, str | None]
) -> None:
    assert want in _people(f"Farm call w/ Hal Roy. {text}")


def test_a_number_of_mares_is_stock_and_colt_is_a_name() -> None:
    assert _people("Farm call w/ Hal Roy. we shod twelve mares for the ranch") == []
    assert ("son", "Colt") in _people("Farm call w/ Hal Roy. his son Colt ropes on weekends")


# A title of address between the family word and the name: the name is the word after it.
# The rows after the fourth were held out until the rule was written.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("his wife lady geneva runs the choir", ("wife", "Geneva")),
        ("her mother, Mrs. Ingrid Lindqvist, aged ninety-one, lives alone", ("mother", "Ingrid")),
        ("her husband Dr. Tom Reyes is a surgeon", ("husband", "Tom")),
        ("Her daughter Mrs. Ana Ruiz is a teacher", ("daughter", "Ana")),
        ("his father Mr. Harold Li, 88, still drives", ("father", "Harold")),
        ("her son, Dr. Kevin Li, is in Boston", ("son", "Kevin")),
        ("mom Mrs. Pat Li turns 90 in June", ("mother", "Pat")),
        ("wife Lady Anne Li hosts the gala", ("wife", "Anne")),
        ("his wife ms. carol li does the books", ("wife", "Carol")),
    ],
)
def test_a_title_between_the_family_word_and_the_name(
    text: str, want: tuple[str, str | None]
) -> None:
    assert want in _people(f"Call w/ Bo Li. {text}")


# A family word that is a firm's word ("managing partner", "partner retreat") or a form of
# address ("Hey brother,") is no one's relative without an owner or a name. The rows after
# the third were held out until the rule was written.
@pytest.mark.parametrize(
    "text",
    [
        "Attendees: Margaret Roe (managing partner), Tom Kessler (IT), me",
        "Hey brother, the new projector is flickering again",
        "Tasting for the spring partner retreat at the lake house",
        "Theo Finch (partner) and Ana Cruz (associate) joined",
        "thanks sis, see you at the expo",
        "the partner track at her firm is brutal",
        "Hi brother, can you come by before Sunday?",
    ],
)
def test_a_firms_partner_or_a_greeting_is_no_relative(text: str) -> None:
    assert _people(f"Call w/ Bo Li. {text}") == []


def test_an_owned_or_named_partner_is_still_family() -> None:
    assert _people("Call w/ Bo Li. his partner Sam is a chef") == [("partner", "Sam")]
    assert _people("Call w/ Bo Li. Bo's partner is a chef") == [("partner", None)]


# A pet's name said beside its kind (after it as "a corgi", before it in brackets) or after
# "named", whatever the word: pets are named with everyday words and titles. The rows after
# the fourth were held out until the rule was written (5 of 6 passed; the kind is now any of
# the words after "a", not the first).
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("her dog pepper a corgi barked the whole time", [("dog", "Pepper")]),
        ("she's got a cat named judge lol", [("cat", "Judge")]),
        ("Her cat is named Mr. Biscuits.", [("cat", "Mr. Biscuits")]),
        (
            "dropping off Juniper (golden) + Pepper (cat!!) 12/22",
            [("dog", "Juniper"), ("cat", "Pepper")],
        ),
        ("his dog ranger, a big old lab, rides in the truck", [("dog", "Ranger")]),
        ("a pup named major sleeps under the desk", [("dog", "Major")]),
        ("Bandit (their beagle) howled at me", [("dog", "Bandit")]),
        ("their cat is called Sir Pounce", [("cat", "Sir Pounce")]),
        ("Biscuit (her pug) needs a sitter", [("dog", "Biscuit")]),
        ("her cat mochi, a ragdoll, is 12", [("cat", "Mochi")]),
        ("his dog, a rescue, is 3", [("dog", None)]),
        ("she is great with dogs, a real animal person", []),
    ],
)
def test_a_pets_name_beside_its_kind_or_after_named(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert sorted(_people(f"Call w/ Bo Li. {text}"), key=str) == sorted(want, key=str)


# A relative said by a phrase rather than a family word; the phrases that may name a size or a
# thing ("the little one", "the other half") need an owner or a name. The rows after the
# sixth were held out until the rule was written (9 of 9 passed).
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("his better half Carol runs the books", [("partner", "Carol")]),
        ("the little one, Abena, turns 5 on the 30th", [("child", "Abena")]),
        ("the older two, Tolu and Femi, are 6 and 3", [("child", "Tolu"), ("child", "Femi")]),
        ("their middle one Sam plays violin", [("child", "Sam")]),
        ("the missus is a teacher", [("wife", None)]),
        ("she wants the little one for the kitchen", []),
        ("her other half, Dev, is a pilot", [("partner", "Dev")]),
        ("his little ones Ada and Lou were at the shop", [("child", "Ada"), ("child", "Lou")]),
        ("the younger two (Kai & Rio) do swim team", [("child", "Kai"), ("child", "Rio")]),
        ("their middle one, Greta, starts college", [("child", "Greta")]),
        ("the missus Joan does the books", [("wife", "Joan")]),
        ("his significant other Pat hates golf", [("partner", "Pat")]),
        ("the big kids, Max and Ivy, help at the stand", [("child", "Max"), ("child", "Ivy")]),
        ("we shipped the other half yesterday", []),
        ("the little ones in the display case sold out", []),
    ],
)
def test_a_relative_said_by_a_phrase(text: str, want: list[tuple[str, str | None]]) -> None:
    assert sorted(_people(f"Call w/ Bo Li. {text}"), key=str) == sorted(want, key=str)


# The client's family said after the name the book knows them by, when the note names them
# otherwise (by surname, initial or company): "Quintero ... Rafa's wife Marisol" is Rafael
# Quintero's wife. The rows after the third were held out until the rule was written.
_BOOK = [
    KnownClient(1, "Rafael Quintero", "Quintero Tile"),
    KnownClient(2, "Stanislav Novak", "Novak Brewing"),
    KnownClient(3, "Katherine Delacroix", "Delacroix Gallery"),
    KnownClient(4, "Harold Winterbottom", ""),
    KnownClient(5, "Douglas Fairbairn", ""),
]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Quintero - grout wrong on the Elm St job. Rafa's wife Marisol runs the office.",
            [("wife", "Marisol")],
        ),
        (
            "Novak stopped by, wants kegs. Stan's twin girls (Vera/Mila) are 16 now.",
            [("daughter", "Vera"), ("daughter", "Mila")],
        ),
        (
            "the gallery (Delacroix) - Kat wants frames. Kat's partner Simone is a cellist",
            [("partner", "Simone")],
        ),
        (
            "Mr. W (Winterbottom) rang, hood failed. Harold's grandkids (Olivia, Jack) at the lake",
            [("grandchild", "Olivia"), ("grandchild", "Jack")],
        ),
        (
            "Fairbairn wants a boundary survey. Doug's wife Moira sends her best",
            [("wife", "Moira")],
        ),
        ("Quintero called about the tile. Dom's wife Ana is sick", []),
    ],
)
def test_the_family_of_the_client_the_book_knows_by_another_name(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    got = [(p["relation"], p["name"]) for p in understand(text, WED, _BOOK)["people"]]
    assert sorted(got, key=str) == sorted(want, key=str)


# A name, then only its family word in brackets (an age may follow the word): the relative's
# name is the word before the bracket. The rows after the third were held out until the rule
# was written (the age after the word was allowed before they were checked; 5 of 5 passed).
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("She + Giles (hubs) off to Venice for Carnevale", [("husband", "Giles")]),
        ("Kai (son) starts school Monday", [("son", "Kai")]),
        ("Lucy (daughter, 7) made a card", [("daughter", "Lucy")]),
        ("Nora (wife) wants the blue tile", [("wife", "Nora")]),
        ("Ben (her son, 12) loves trains", [("son", "Ben")]),
        ("Tess (daughter) is at UCLA", [("daughter", "Tess")]),
        ("Mo (their dog) barked at me", [("dog", "Mo")]),
        ("Acme (parent co) wants the invoice", []),
    ],
)
def test_a_name_then_its_family_word_in_brackets(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert sorted(_people(f"Call w/ Bo Li. {text}"), key=str) == sorted(want, key=str)


def test_a_business_partner_said_in_short_is_no_relative() -> None:
    assert _people("Call w/ Bo Li. her biz partner Marcus is the day-of guy") == []


# Families of i16pi (issue 16's hidden classes), each on made-up text:
# - less common pets said by their kind, and "<name> the <kind>" ("Biscuit the beagle");
# - a step-parent is the parent;
# - lists of family with ages and birthdays several to a line, split by ";" or dashes;
# - two relatives then their names in order in brackets;
# - a name given later in the sentence ("his name is Josh", "is named Greg");
# - a full name before a bracketed family word with an aside ("Hugh Park (hubby, also DDS)").
MORE_SHAPES = [
    ("Call w/ Bo Li. she has a cockatiel named Sunny", [("pet", "Sunny")]),
    ("Call w/ Bo Li. his bearded dragon Spike is 9", [("pet", "Spike")]),
    ("Call w/ Bo Li. their guinea pig Nibbles died", [("pet", "Nibbles")]),
    ("Call w/ Bo Li. Pip (her Jack Russell) bit the mailman", [("dog", "Pip")]),
    ("Call w/ Bo Li. she brought Biscuit the beagle to the office", [("dog", "Biscuit")]),
    ("Call w/ Bo Li. a springer spaniel called Rufus", [("dog", "Rufus")]),
    ("Call w/ Bo Li. her stepdad Ray is visiting", [("father", "Ray")]),
    ("Call w/ Bo Li. his stepmother Lena", [("mother", "Lena")]),
    (
        "Call w/ Bo Li. Children: Ava, 12; Ben, 9; Cal, 4.",
        [("child", "Ava"), ("child", "Ben"), ("child", "Cal")],
    ),
    (
        "Call w/ Bo Li. Kids Ava 12 bday 3/4, Ben 9 bday 7/9, Cal 4 bday 11/2.",
        [("child", "Ava"), ("child", "Ben"), ("child", "Cal")],
    ),
    (
        "Call w/ Bo Li. Kids: Ava - 12 - Mar 4; Ben - 9 - Jul 9.",
        [("child", "Ava"), ("child", "Ben")],
    ),
    (
        "Call w/ Bo Li. Kids: Ava (12) b. March 4, Ben (9) b. July 9.",
        [("child", "Ava"), ("child", "Ben")],
    ),
    (
        "Call w/ Bo Li. her mom and dad (Linda and Frank) visited",
        [("mother", "Linda"), ("father", "Frank")],
    ),
    ("Call w/ Bo Li. her son & daughter (Eli + Rose) came", [("son", "Eli"), ("daughter", "Rose")]),
    ("Call w/ Bo Li. her son turns 16 next week; his name is Josh", [("son", "Josh")]),
    ("Call w/ Bo Li. her husband, who's a pilot, is named Greg", [("husband", "Greg")]),
    ("Roz P. + Dr. Hugh Park (hubby, also DDS) - want a 2nd quote", [("husband", "Hugh")]),
]


@pytest.mark.parametrize(("text", "want"), MORE_SHAPES)
def test_pets_parents_lists_and_late_names(text: str, want: list[tuple[str, str | None]]) -> None:
    assert _people(text) == want


# Precision of the same families: a kind word naming a trade or a product, a verb before an
# age, a bracket that closes the list, a name given to someone else.
NOT_THOSE = [
    ("Call w/ Bo Li. we talked about the goat cheese line", []),
    ("Call w/ Bo Li. ask Ann the cat lady about it", []),
    ("Call w/ Bo Li. her son turns 16 next week", [("son", None)]),
    ("Call w/ Bo Li. her son works with a guy who is named Bob", [("son", None)]),
    (
        "Call w/ Bo Li. wife Kay, 2 boys (Wade 8, Colt 5); Bo is a huge Astros fan",
        [("wife", "Kay"), ("son", "Wade"), ("son", "Colt")],
    ),
]


@pytest.mark.parametrize(("text", "want"), NOT_THOSE)
def test_the_same_shapes_that_name_no_one_more(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert _people(text) == want


# Family: family words of other Englishes (British, Scottish, Irish, Australian, New Zealand)
# need an owner's word or a name, as "the little one" does; and a name after "of N years,"
# or between dashes is the relative's.
ENGLISHES = [
    ("Call w/ Bo Li. their lad Jack is at uni", [("son", "Jack")]),
    ("Call w/ Bo Li. her eldest lass Kirsty is at uni", [("daughter", "Kirsty")]),
    ("Call w/ Bo Li. her wee one Isla started school", [("child", "Isla")]),
    (
        "Call w/ Bo Li. the bairns Callum and Isla are off school",
        [("child", "Callum"), ("child", "Isla")],
    ),
    ("Call w/ Bo Li. their littlie Mia turned 3", [("child", "Mia")]),
    ("Call w/ Bo Li. his two lads are apprentices", [("son", None), ("son", None)]),
    ("Call w/ Bo Li. the lad at the counter was rude", []),
    ("Call w/ Bo Li. her husband of 30 years, Tom, is retiring", [("husband", "Tom")]),
    ("Call w/ Bo Li. her wife of twenty-five years, Ann, retires", [("wife", "Ann")]),
    ("Call w/ Bo Li. her son - Jake - is 12", [("son", "Jake")]),
    ("Call w/ Bo Li. her son - he is 12 - plays", [("son", None)]),
]


@pytest.mark.parametrize(("text", "want"), ENGLISHES)
def test_family_words_of_other_englishes_and_names_set_apart(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert _people(text) == want


# Family (i16pe): a relative said along the way in speech or typed loosely: a lower-case name
# after the family word with its age in brackets, a month that is a name before what the
# person does, "n" or "y" for "and" in a list, "first lady" as a title, "gf" typed in lower
# case after a person's word or before a name, a grandchild in Philippine English ("apo").
SAID_ALONG_THE_WAY = [
    ("stopped at the clinic, dr imani's son tavi (9) drew on the whiteboard", [("son", "Tavi")]),
    ("met rosa delgado at the bakery her husband june... no wait", [("husband", None)]),
    ("visit w/ tom ruiz at the yard. his wife june makes the quilts", [("wife", "June")]),
    ("call w/ bea holt, her daughter april runs the front desk now", [("daughter", "April")]),
    ("call w/ bea holt, her daughter april 3 is the recital", [("daughter", None)]),
    ("call w/ bea holt, her son may come by", [("son", None)]),
    (
        "walkthrough w/ dana cole, they have two girls, maya n lucy, both in swim",
        [("daughter", "Maya"), ("daughter", "Lucy")],
    ),
    (
        "Call w/ Lupe Ortiz. Their cats: Mango y Kiwi, both indoor",
        [("cat", "Mango"), ("cat", "Kiwi")],
    ),
    (
        "talked to bishop reed, his wife is first lady denise and she runs the choir",
        [("wife", "Denise")],
    ),
    ("quote for sam park. his gf mika is opening a nail bar", [("partner", "Mika")]),
    ("Sam Park - gf Tash does the books", [("partner", "Tash")]),
    ("Sam Park - the gf pasta is a hit at the deli", []),
    ("Mr. Ramon Cruz came in. He brought his apo Lino, 6 years old", [("grandchild", "Lino")]),
    ("Mr. Ramon Cruz came in, the APO box number changed", []),
]


@pytest.mark.parametrize(("text", "want"), SAID_ALONG_THE_WAY)
def test_relatives_said_along_the_way_in_speech(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert _people(text) == want


# Family (i16pe): whose household: a possessive in a lower-case note names the owner (a first
# name of the list), so another person's relatives are not the client's; the relatives of a
# friend, neighbour or colleague are another household's; "my client's mum" is the client's.
HOUSEHOLDS = [
    (
        "toured the office w/ nadia fox + her cofounder ollie. ollie's dog biscuit comes in daily",
        [],
    ),
    ("toured the office w/ nadia fox. nadia's dog pepper is at the vet", [("dog", "Pepper")]),
    ("Call w/ Ana Ruiz. her friend's kids are 3 and 5", []),
    ("Call w/ Ana Ruiz. her neighbour's husband Tom fixed the fence", []),
    (
        "Call w/ Ana Ruiz. my client's mum, who lives with them, uses the stairlift",
        [("mother", None)],
    ),
]


@pytest.mark.parametrize(("text", "want"), HOUSEHOLDS)
def test_another_households_relatives_are_not_the_clients(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert _people(text) == want


# Family (i16pe): relatives of another household said beside the client's: a spouse's parents
# and siblings ("her husband ... his mother"), a girl or boy a child marries or dates, a partner
# named with a professional title, "mother and law" (a mis-heard in-law) in dictation.
IN_LAWS_AND_PRACTICES = [
    (
        "Met Rita Gomez. her husband hans passed and these were his mother's chairs",
        [("husband", "Hans")],
    ),
    (
        "Met Tom Ruiz. His wife, Mrs. Ana Ruiz, is away; she is visiting her sister in Lyon",
        [("wife", "Ana")],
    ),
    ("Met Tom Ruiz. his wife Ana and her father Luis came too", [("wife", "Ana")]),
    (
        "Met Rita Gomez. her husband Tom and his son Ben came too",
        [("husband", "Tom"), ("son", "Ben")],
    ),
    (
        "Met Rita Gomez. Her husband Tom retired. Rita says her mother is 90",
        [("husband", "Tom"), ("mother", None)],
    ),
    ("Met Rita Gomez. her son wyatt is engaged to a girl named kacey", [("son", "Wyatt")]),
    ("Met Rita Gomez. her son Wyatt married a lovely girl from Leeds", [("son", "Wyatt")]),
    ("Met Dr. Rita Gomez. she'll ask her partner doctor ortiz about the minimums", []),
    ("Met Rita Gomez, her partner, attorney Dana Lee, signs the checks", []),
    ("Met Rita Gomez. her partner Dana is a nurse", [("partner", "Dana")]),
    ("met rita gomez her mother and law is moving in with them", []),
]


@pytest.mark.parametrize(("text", "want"), IN_LAWS_AND_PRACTICES)
def test_in_laws_and_a_practices_partner_are_not_the_clients(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert _people(text) == want


# Family (i16pe): each name's age said as a clause in a list ("Sam is 9 and Ben is 6", "an
# who's nine and bao who's seven"): the names take their ages, and the words after the list
# ("play piano") are no names.
AGES_SAID_APART = [
    (
        "Call w/ Bo Li. she has two boys, Sam is 9 and Ben is 6",
        [("son", "Sam", 9), ("son", "Ben", 6)],
    ),
    (
        "call w bo li both kids, theo who's nine and bao who's seven, play piano",
        [("child", "Theo", 9), ("child", "Bao", 7)],
    ),
    (
        "call w bo li both kids, an who's nine and bao who's seven",
        [("child", "An", 9), ("child", "Bao", 7)],
    ),
    (
        "Call w/ Bo Li. kids: Ava who's 12 and Leo who is 8",
        [("child", "Ava", 12), ("child", "Leo", 8)],
    ),
]


@pytest.mark.parametrize(("text", "want"), AGES_SAID_APART)
def test_ages_said_as_a_clause_in_a_list(
    text: str, want: list[tuple[str, str | None, int | None]]
) -> None:
    assert _people_ages(text) == want
