"""General rules added in capture round 5, for weaknesses earlier rounds found and left alone.

Each rule is checked on made-up text that is in no labelled set (several phrasings where the
rule is about a kind of phrase), so a test says what the rule is, not what one note needed.
"""

from __future__ import annotations

import pytest

from rapport.core.understand.pipeline import understand
from rapport.core.understand.text import quiet_fillers
from tests.core.capture_probe import WED
from tests.core.capture_probe import client as _client
from tests.core.capture_probe import fact_tags as _tags
from tests.core.capture_probe import intros as _intros
from tests.core.capture_probe import titles as _titles

# ---- dictation: fillers and spoken turns ------------------------------------------------------


def test_fillers_are_blanked_keeping_offsets() -> None:
    text = "um so I'll uh send the deck you know by friday"
    quiet = quiet_fillers(text)
    assert len(quiet) == len(text)
    assert "um" not in quiet.split() and "uh" not in quiet.split()
    assert "you know" not in quiet
    assert quiet.index("send") == text.index("send")


def test_let_you_know_is_not_a_filler() -> None:
    assert "let you know" in quiet_fillers("I'll let you know by monday")


@pytest.mark.parametrize(
    "text",
    [
        "coffee w/ Dora Pike and um I need to email um the contract to her tomorrow",
        "coffee w/ Dora Pike. uh need to email uh the contract to her tomorrow",
    ],
)
def test_filler_never_ends_up_in_a_task_title(text: str) -> None:
    titles = _titles(understand(text, WED))
    assert titles == [("Email the contract to Dora", "2026-11-19")]


def test_spoken_turn_ends_a_thought_so_the_next_task_stands_alone() -> None:
    out = understand(
        "chat with Lena Ortiz about her roof so yeah thank Lena and call her insurer friday",
        WED,
    )
    titles = [t for t, _ in _titles(out)]
    assert any(t.lower().startswith("thank lena") for t in titles)
    assert ("Call her insurer", "2026-11-20") in _titles(out) or any("insurer" in t for t in titles)


def test_a_full_stop_does_not_stop_a_run_on_sentence_being_cut() -> None:
    out = understand(
        "he wants a price list and two case studies from retail so I'll send the price list by "
        "friday and line up the case studies next week. his dog is a husky",
        WED,
    )
    assert ("Send the price list", "2026-11-20") in _titles(out)


def test_maybe_before_an_imperative_is_still_a_task() -> None:
    out = understand("Met Tess Grant. She just got promoted. Maybe send a plant as congrats", WED)
    assert any("plant" in t for t, _ in _titles(out))


# ---- lower-case names in dictated notes -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("the lady from yesterday vesna horvat called back, she wants the packet", "Vesna Horvat"),
        ("so the guy from the lot his name is teo barros and he wants a quote", "Teo Barros"),
        ("a man named idris okeke came by the booth and wants a demo", "Idris Okeke"),
        ("that couple from the open house, anouk brandt texted about the offer", "Anouk Brandt"),
    ],
)
def test_lower_case_name_marked_by_what_the_person_did_or_is_called(text: str, want: str) -> None:
    assert _client(text) == want


def test_two_lower_case_words_before_a_contact_verb_need_to_look_like_names() -> None:
    # "the roof" / "my boss" are words, not a person, whatever follows them
    assert _client("the roofer called back about the leak") is None


# ---- family said plainly ----------------------------------------------------------------------


def _people(text: str) -> list[tuple[str, str | None, int | None]]:
    return [(p["relation"], p["name"], p["age"]) for p in understand(text, WED)["people"]]


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
    assert want in _people(text)


def test_month_after_family_word_with_a_day_is_a_date_not_a_name() -> None:
    assert ("daughter", "June", None) not in _people("Met Ann Lee. Her daughter June 3 recital.")


@pytest.mark.parametrize(
    "text",
    [
        "Met Ken Obi about the van. Kids: 3 (ages 2, 5, 9). Wants a third row.",
        "Met Ken Obi about the van. kids - 3, ages 2, 5 and 9.",
    ],
)
def test_form_like_child_count_after_the_word(text: str) -> None:
    assert _people(text) == [("child", None, 2), ("child", None, 5), ("child", None, 9)]


def test_name_and_age_in_brackets_later_in_the_sentence() -> None:
    people = _people("Met Omar Haddad. His son just started kindergarten (Sami, 5).")
    assert people == [("son", "Sami", 5)]
    people = _people("Visit w/ Rosa Lind. a grandson is staying over the summer (Theo, 4mo).")
    assert [(r, n) for r, n, _ in people] == [("grandson", "Theo")]


# ---- tasks whose verb a deliverable or an appointment implies ---------------------------------


@pytest.mark.parametrize(
    ("text", "keyword", "due"),
    [
        ("Met Lou Pratt re: the escrow. Wire by 11/30.", "wire", "2026-11-30"),
        ("Buyer consult w/ Ida Moss. Tour Sat the 28th at 10am.", "tour", "2026-11-28"),
        ("Listing appt w/ Cy Bell. photographer walk-thru Dec 2.", "walk-thru", "2026-12-02"),
        ("Bridal appt w/ Nell Ames. Fitting Fri 3pm.", "fitting", "2026-11-20"),
        ("Lunch w/ Bo Kent. Samples of the new rosés Tues.", "samples", "2026-11-24"),
    ],
)
def test_dated_deliverable_or_appointment_is_a_task(text: str, keyword: str, due: str) -> None:
    titles = _titles(understand(text, WED))
    assert any(keyword in t.lower() and d == due for t, d in titles), titles


@pytest.mark.parametrize(
    "text",
    [
        "Met Ann Kerr. Closing 12/18.",
        "Met Ann Kerr. Her wedding in June.",
        "Met Ann Kerr. Board mtg 3/4.",
        "Met Ann Kerr. Her tour of Japan Dec 2.",
    ],
)
def test_the_clients_own_dated_event_is_not_a_task(text: str) -> None:
    assert understand(text, WED)["tasks"] == []


def test_have_a_thing_to_someone_is_sending_it() -> None:
    out = understand("Met Gus Lund. told him we'd have a bid to him in a fortnight", WED)
    assert ("Send a bid to Gus", "2026-12-02") in _titles(out) or any(
        "bid" in t and d == "2026-12-02" for t, d in _titles(out)
    )


def test_a_verb_that_needs_an_object_may_name_whom_first() -> None:
    out = understand("Review w/ Al and Bea Cho. Quote Bea a 10-yr term by 11/25.", WED)
    assert ("Quote Bea a 10-yr term", "2026-11-25") in _titles(out)


# ---- who introduced whom; the sender is the client --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Email from Noor Haddad (Haddad Tile): intro'd me to Ben Osei at Ridge Homes. Thank Noor.",
        "VM from Noor Haddad - she's connecting me with Ben Osei, he needs tile.",
        "Noor Haddad emailed to intro Ben Osei, GC at Ridge Homes. Reply to set a call.",
        "text from Noor Haddad, she introduced me to her old friend Ben Osei",
    ],
)
def test_the_sender_is_the_client_and_the_person_introduced_the_lead(text: str) -> None:
    assert _client(text) == "Noor Haddad"
    assert _intros(text) == [("Ben Osei", "Noor Haddad")]


def test_lower_case_lead_in_a_dictated_note() -> None:
    text = "coffee with noor haddad and she introduced me to her old colleague ben osei at ridge"
    assert _client(text) == "Noor Haddad"
    assert _intros(text) == [("Ben Osei", "Noor Haddad")]


# ---- what a seller sells is not the buyer's interest ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Acct: Gio Russo @ Trattoria Sole. Wants 6 cs of the Chianti for the holiday menu.",
        "Stopped in at Gio Russo's bar, samples of the new mezcals Tues.",
        "Annual review w/ Gio Russo. He wants to drop the boat policy.",
        "Gio Russo is moving to an all-natural wine list.",
        "Met Gio Russo, his shop stocks the craft beer we distribute.",
    ],
)
def test_products_and_business_lines_are_not_interests(text: str) -> None:
    assert not _tags(text) & {"wine", "boating", "beer", "craft beer", "spirits", "mezcal"}


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Order a gift for Gio Russo (he's a wine guy)", "wine"),
        ("Gio Russo ordered lunch. He loves sailing on weekends.", "sailing"),
    ],
)
def test_a_trade_word_in_another_clause_does_not_block(text: str, tag: str) -> None:
    assert tag in _tags(text)


# ---- the pronoun in a task names the person of that gender ------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Met Sarah Kim and her husband Dave about the renewal. Need to loop him in by Friday.",
            "Loop Dave in",
        ),
        ("Met Tom Wu and his wife Ana. Send her the brochure Monday.", "Send Ana the brochure"),
        ("Met Tom Wu and his wife Ana. Call him Friday.", "Call Tom"),
        ("Lunch w/ Mrs. Ito and Ken Ono, he wants a quote. Email her the menu.", "Email Ito"),
    ],
)
def test_him_or_her_names_the_man_or_the_woman_of_the_note(text: str, want: str) -> None:
    titles = [t for t, _ in _titles(understand(text, WED))]
    assert any(t.startswith(want) for t in titles), titles


def test_a_pronoun_with_no_gendered_person_keeps_the_last_contact() -> None:
    titles = [t for t, _ in _titles(understand("Call w/ Jo Park. Send him the deck Monday.", WED))]
    assert titles == ["Send Jo the deck"]


# ---- dictated run-ons and promises to be present ----------------------------------------------


def test_so_i_promised_starts_the_users_clause_without_a_comma() -> None:
    text = "Lia Park is nervous so I promised I'd be there and I'll call her tonight"
    out = understand(text, WED)
    assert _titles(out) == [("Be there", None), ("Call Lia", "2026-11-18")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Met Al Roy. I'll be at the closing Friday.", "Be at the closing"),
        ("Met Al Roy. promised I'd be on site for the pour", "Be on site for the pour"),
    ],
)
def test_being_there_is_the_promise(text: str, want: str) -> None:
    assert [t for t, _ in _titles(understand(text, WED))] == [want]


def test_before_then_ends_a_run_on_clause() -> None:
    out = understand(
        "vm from gil ames wants to sell his condo so call him back thursday and pull comps "
        "before then he mentioned his wife is a nurse and they're going to peru in june",
        WED,
    )
    assert "Pull comps before then" in [t for t, _ in _titles(out)]


def test_what_a_client_sold_is_no_longer_an_interest() -> None:
    assert "boating" not in _tags("Review w/ Al Roy, wants to drop coverage (sold the boat).")


def test_deliverable_to_someones_place_and_a_lunch_and_learn() -> None:
    out = understand(
        "Rep visit: Dr. Ada Kim at Elm Peds. Samples to her office Thurs, lunch-n-learn Dec 4.",
        WED,
    )
    assert _titles(out) == [
        ("Send Samples to her office", "2026-11-19"),
        ("Lunch-n-learn", "2026-12-04"),
    ]
