"""Stage 6, the dates field: days to remember every year said without the word "birthday".

i16in3. Made-up notes in no labelled set, a table per family: a milestone age said as an
ordinal ("Tom's 70th is 5/2", "her sixtieth coming up Oct 9th"), an age said with its day ("she's
ninety on the 12th"), a couple's milestone ("their golden wedding", "twelve
years married on ...", "married 8/14").
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import WED
from tests.core.understood import understand


def _dates(text: str) -> list[tuple[str, int, int]]:
    return [(d["label"], d["month"], d["day"]) for d in understand(text, WED)["dates"]]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Lunch w/ Ana Ito. Her husband Tom's 70th is 5/2, she wants a cake.", ("birthday", 5, 2)),
        ("Call w/ Raj Mehta. his 50th, Feb 11 - party at the club", ("birthday", 2, 11)),
        ("Met Dee Lowe. wife Pam's 65th (4/9), booking a cruise", ("birthday", 4, 9)),
        ("Mtg w/ Bo Kerr. her sixtieth coming up March 30th, a surprise", ("birthday", 3, 30)),
        ("Visit w/ Lin Wu. his son Kai, his twenty-first is on the 4th of May", ("birthday", 5, 4)),
        ("Met Cy Hart. Mia's 16th on Jan 8 - wants earrings", ("birthday", 1, 8)),
        ("Note on Gus Ames: His 40th = June 17. maybe a watch?", ("birthday", 6, 17)),
        (
            "Gym notes | Ana + hubby Tom on the couples plan | #birthdays Ana 11 Sept",
            ("birthday", 9, 11),
        ),
    ],
)
def test_a_milestone_age_said_as_an_ordinal_with_a_day_is_a_birthday(
    text: str, want: tuple[str, int, int]
) -> None:
    assert want in _dates(text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Call w/ Fay Moss. her mum (90 on the 3rd!) lives with them", ("birthday", 12, 3)),
        ("met ned park. his dad is eighty five on the second of june", ("birthday", 6, 2)),
    ],
)
def test_an_age_said_with_its_day_is_a_birthday(text: str, want: tuple[str, int, int]) -> None:
    assert want in _dates(text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Lunch w/ Al Roy. Their golden wedding is 9th May, big do", ("anniversary", 5, 9)),
        ("Lunch w/ Al Roy. their 40th is aug 2!!", ("anniversary", 8, 2)),
        ("met al roy. they're twelve years married on the third of july", ("anniversary", 7, 3)),
        ("Lunch w/ Al Roy. away on their trip (30 yrs, married 8/14)", ("anniversary", 8, 14)),
    ],
)
def test_a_couples_milestone_is_their_anniversary(text: str, want: tuple[str, int, int]) -> None:
    assert want in _dates(text)


@pytest.mark.parametrize(
    "text",
    [
        # an ordinal that is a count of something else, or a day of the month alone
        "Call w/ Raj Mehta. his 3rd order on Feb 11, send the invoice",
        "Call w/ Raj Mehta. it's his 12th marathon, Oct 4 in Chicago",
        "Call w/ Raj Mehta. the 40th floor office opens Feb 11",
        "Call w/ Raj Mehta. our 10th year in business, Feb 11",
        "Call w/ Raj Mehta. send it by the 14th",
    ],
)
def test_an_ordinal_that_is_no_age_gives_no_yearly_date(text: str) -> None:
    assert _dates(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Call w/ Raj Mehta. Must remember Lea's birthday is 2 September, send a card",
            [("birthday", 9, 2)],
        ),
        (
            "Visit w/ Fay Moss. bring her the bday card for her mum (90 on the 3rd!)",
            [("birthday", 12, 3)],
        ),
        ("Call w/ Raj Mehta. get Lea a birthday card by Friday", []),
        ("Call w/ Raj Mehta. book the anniversary dinner for Sat", []),
    ],
)
def test_a_day_to_remember_said_in_a_task_is_one_only_said_right_after(
    text: str, want: list[tuple[str, int, int]]
) -> None:
    assert _dates(text) == want
