"""General rules added in capture round 6, for weaknesses the fifth fresh set found.

Each rule is checked on made-up text that is in no labelled set (several phrasings where the
rule is about a kind of phrase), so a test says what the rule is, not what one note needed.
"""

from __future__ import annotations

import pytest

from rapport.core.understand.pipeline import understand
from tests.core.capture_probe import WED
from tests.core.capture_probe import client as _client
from tests.core.capture_probe import intros as _intros
from tests.core.capture_probe import people as _people
from tests.core.capture_probe import titles as _titles

# ---- whom the note is about -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "Service planning for Ida Marsh (passed 3/2). Spoke w/ her son Paul Marsh-Lee. "
            "Paul wants a closed casket. send Paul the quote tomorrow",
            "Paul Marsh-Lee",
        ),
        (
            "Obituary for Lenore Pratt drafted. Her nephew Sam Ortiz is handling it, "
            "Sam prefers email. email Sam the proof friday",
            "Sam Ortiz",
        ),
        (
            "Ben Adler, who passed away Sunday. Met his wife Joan Adler today; "
            "Joan wants cremation. call Joan monday",
            "Joan Adler",
        ),
    ],
)
def test_next_of_kin_is_the_client_when_the_first_name_said_died(text: str, who: str) -> None:
    assert _client(text) == who


def test_a_client_who_died_stays_the_client_when_no_one_else_is_named_in_full() -> None:
    assert _client("Ray Olson passed away last week. send a card to his wife Edna") == "Ray Olson"


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


def test_the_first_person_stays_the_client_when_the_note_comes_back_to_them() -> None:
    text = "Ed Voss's daughter Lena Voss-Reid is a nurse. Ed loves golf. send Ed the proposal"
    assert _client(text) == "Ed Voss"


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "Placed candidate Nora Vance at Bell Dental as office manager. Hiring mgr Ed Crane "
            "is thrilled; Ed coaches hockey. send Ed the invoice friday",
            "Ed Crane",
        ),
        (
            "submitted Kurt Moss to Tally Freight, hiring manager Ana Pruitt. Ana wants "
            "two more resumes; check w/ Kurt next week",
            "Ana Pruitt",
        ),
        (
            "Placed Dana Kim at Ortho Partners, hiring mgr Rick Salas. Dana's husband Omar "
            "just had surgery. Dana starts Monday, check in with Dana in 2 weeks",
            "Dana Kim",
        ),
    ],
)
def test_a_placement_note_is_about_whom_it_goes_on_about(text: str, who: str) -> None:
    assert _client(text) == who


# ---- family names the first-name list lacks ---------------------------------------------------


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


# ---- children counted by their ages -----------------------------------------------------------


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


# ---- introductions with a comma between the role and the name ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Met Sara Vick. She put me in touch with her CFO, Victor Osei.",
        "Met Sara Vick; she connected me with her accountant, Victor Osei",
        "lunch w/ Sara Vick - put me in touch w/ their GC, Victor Osei",
        "Sara Vick introduced me to her old boss, Victor Osei",
    ],
)
def test_role_comma_name_is_the_one_introduced(text: str) -> None:
    assert _intros(text) == [("Victor Osei", "Sara Vick")]


def test_a_couple_after_a_comma_are_both_introduced() -> None:
    text = "Agent Lou Park brought in a new couple, Ned Ames and Rae Bloom, for a tour"
    assert {name for name, _ in _intros(text)} == {"Ned Ames", "Rae Bloom"}


# ---- task titles: a kind of thing before a deliverable, headings, topics to raise -------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Met Rui Costa. Trade appraisal to Rui by 12/2.",
            ("Send Trade appraisal to Rui", "2026-12-02"),
        ),
        ("Met Rui Costa. Order forms to Rui by Friday", ("Send Order forms to Rui", "2026-11-20")),
        (
            "Met Rui Costa. Change order to Rui by Friday",
            ("Send Change order to Rui", "2026-11-20"),
        ),
        (
            "Met Rui Costa. Lease options from Ally Auto Finance by Friday",
            ("Get Lease options from Ally Auto Finance", "2026-11-20"),
        ),
    ],
)
def test_a_noun_before_a_deliverable_is_not_the_verb(text: str, want: tuple[str, str]) -> None:
    assert _titles(understand(text, WED)) == [want]


def test_a_verb_before_a_deliverable_stays_the_verb() -> None:
    assert _titles(understand("Met Rui Costa. Ship samples by Friday", WED)) == [
        ("Ship samples", "2026-11-20")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Phone order - Nell Avery for her dad's party. 2 trays of ziti.",
        "Web inquiry: Nell Avery wants 2 trays of ziti",
        "Catering order\nNell Avery, 2 trays of ziti",
        "Walk-in request (Nell Avery) - 2 trays of ziti",
    ],
)
def test_a_heading_that_says_how_the_business_came_in_is_not_a_task(text: str) -> None:
    assert _titles(understand(text, WED)) == []


def test_a_heading_does_not_hide_the_tasks_after_it() -> None:
    out = understand("Phone order - Nell Avery. Charge the card on file today.", WED)
    assert _titles(out) == [("Charge the card on file", "2026-11-18")]


@pytest.mark.parametrize(
    "text",
    [
        "Met Ken Ueda. Ken's a Packers fan, bring up the game.",
        "Met Ken Ueda. bring up the merger next time",
        "Met Ken Ueda. Bring up his daughter's wedding.",
    ],
)
def test_a_topic_to_bring_up_is_not_a_task(text: str) -> None:
    assert _titles(understand(text, WED)) == []


def test_bringing_something_up_on_a_day_is_still_a_task() -> None:
    titles = _titles(understand("Met Ken Ueda. bring up the samples friday", WED))
    assert titles == [("Bring up the samples", "2026-11-20")]


def test_the_clients_company_ends_at_the_end_of_its_line() -> None:
    found = understand(
        "Call notes:\nMarco Diaz at Diaz Autos\nTrade appraisal to Marco by 12/2", WED
    )
    assert found["client"]["company"] == "Diaz Autos"
