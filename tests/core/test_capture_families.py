"""Quick capture, one table per family of phrasings (issue 16): each row is a made-up note in
the family, never a note of a labelled set, so that the sets keep measuring first contact."""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.capture import understand
from rapport.core.capture_names import first_names
from rapport.core.capture_text import is_lower_note, pronoun_i, sentences, split_dictation
from rapport.core.dates import find_dates

TUE = date(2026, 10, 6)


def _titles(text: str, today: date = TUE) -> list[tuple[str, str | None]]:
    return [(t["title"], t["due"]) for t in understand(text, today)["tasks"]]


# ---- normalise: the pronoun "i" of a dictated note ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("i need to send it", "I need to send it"),
        (
            "i'll call him and i'd say i've got it, i'm sure",
            "I'll call him and I'd say I've got it, I'm sure",
        ),
        ("see i.e. the memo", "see i.e. the memo"),
        ("wifi is down", "wifi is down"),
        ("plan (i) and (ii)", "plan (I) and (ii)"),
    ],
)
def test_pronoun_i_is_capitalised_same_length(text: str, want: str) -> None:
    assert pronoun_i(text) == want
    assert len(pronoun_i(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "lower"),
    [
        ("talked to gus I need to call him", True),
        ("I'll send it, i'd say", True),
        ("Talked to Gus", False),
        ("called ACME", False),
    ],
)
def test_a_note_saying_I_is_still_a_lower_case_note(text: str, lower: bool) -> None:
    assert is_lower_note(text) is lower


@pytest.mark.parametrize(
    ("note", "keyword", "due"),
    [
        (
            "talked to gus moreno i should send him the warranty forms by wednesday",
            "warranty",
            "2026-10-07",
        ),
        ("met with nadia lopez i'll email her the price list tomorrow", "price list", "2026-10-07"),
        (
            "coffee w sam o'hara i gotta get him the renewal numbers by friday",
            "renewal",
            "2026-10-09",
        ),
        ("saw rita grant i have to mail her the signed lease by thursday", "lease", "2026-10-08"),
    ],
)
def test_dictated_first_person_promises_are_tasks(note: str, keyword: str, due: str) -> None:
    found = _titles(note)
    assert any(keyword in title.lower() and d == due for title, d in found), found


# ---- normalise: run-on dictation split into clauses ------------------------------------------
def _clauses(text: str) -> list[str]:
    split = split_dictation(pronoun_i(text), first_names())
    assert len(split) == len(text)
    return [s.text for s in sentences(split)]


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (
            "visited the shop with nora she wants the large display "
            "i need to send the quote by monday",
            [
                "visited the shop with nora",
                "she wants the large display",
                "I need to send the quote by monday",
            ],
        ),
        (
            "lunch with omar his wife dina runs a bakery omar plays squash every week",
            ["lunch with omar", "his wife dina runs a bakery", "omar plays squash every week"],
        ),
        (
            "met walt on site he said he'll check with the board so i'm waiting on that",
            ["met walt on site", "he said he'll check with the board", "so I'm waiting on that"],
        ),
        (
            "it's due the nineteenth coach rick is a big hunter",
            ["it's due the nineteenth", "coach rick is a big hunter"],
        ),
        (
            "she told me that she loves the one i picked",
            ["she told me that she loves the one I picked"],
        ),
    ],
)
def test_run_on_dictation_is_split_where_a_subject_starts_a_clause(
    text: str, clauses: list[str]
) -> None:
    assert _clauses(text) == clauses


def test_a_typed_note_with_capitals_is_not_split() -> None:
    text = "Met Nora she wants the display I need to send the quote"
    assert split_dictation(text, first_names()) == text


@pytest.mark.parametrize(
    ("note", "keyword", "interest"),
    [
        (
            "dropped by to see lena ross she wants the bigger unit lena's a big sailor "
            "i need to send the specs by friday",
            "specs",
            "sailing",
        ),
        (
            "call with tom baker i owe him the renewal quote by monday "
            "tom is really into fly fishing",
            "renewal",
            "fly fishing",
        ),
    ],
)
def test_dictated_task_stops_where_the_next_clause_starts(
    note: str, keyword: str, interest: str
) -> None:
    out = understand(note, TUE)
    titles = [t["title"].lower() for t in out["tasks"]]
    assert any(keyword in t for t in titles), titles
    assert not any(interest.split()[0] in t for t in titles), titles
    tags = [tag for f in out["facts"] for tag in f["tags"]]
    assert interest in tags, tags


# ---- dates: days of the month said in words ----------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "want"),
    [
        ("ship it by october fifteenth", date(2026, 10, 15)),
        ("get it to him by the twenty seventh", date(2026, 10, 27)),
        ("by wednesday the fourteenth", date(2026, 10, 14)),
        ("call on the thirtieth", date(2026, 10, 30)),
        ("by december first", date(2026, 12, 1)),
        ("due june ninth", date(2027, 6, 9)),
        ("the layout by christmas eve", date(2026, 12, 24)),
        ("the quote before the fourth of july", date(2027, 7, 3)),
        ("on new year's eve", date(2026, 12, 31)),
    ],
)
def test_spelled_out_days_are_dates(phrase: str, want: date) -> None:
    found = [d for d in find_dates(phrase, TUE) if d.value is not None]
    assert found and found[-1].value == want, found
    assert phrase.endswith(found[-1].text.split()[-1])  # the date ends with its words


@pytest.mark.parametrize(
    "phrase",
    ["the first thing i do", "take a second look", "on the third floor", "the first of many"],
)
def test_ordinal_words_that_are_not_days(phrase: str) -> None:
    assert not [d for d in find_dates(phrase, TUE) if d.kind == "day" and d.value is not None]


@pytest.mark.parametrize(
    ("note", "label", "month", "day"),
    [
        ("met ann cole her birthday is march twenty second", "birthday", 3, 22),
        ("saw joe park his anniversary is june ninth", "anniversary", 6, 9),
    ],
)
def test_spelled_out_yearly_dates(note: str, label: str, month: int, day: int) -> None:
    dates = understand(note, TUE)["dates"]
    assert any(d["label"] == label and d["month"] == month and d["day"] == day for d in dates), (
        dates
    )
