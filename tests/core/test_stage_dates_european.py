"""Stage 6, the dates field: a yearly day written the European way (i16ip).

German, Dutch, Scandinavian and other second-language writers, and phones set to European
formats, write a birthday or anniversary day first with dots ("12.01.", "23.4.", "03.11.1961")
or with a slash when the day cannot be a month ("14/02"). Made-up notes in no labelled set; the
last table: numbers with dots that are no day (amounts, times) give none.
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
        ("Met Ravi Shah. His birthday is 12.01., he will be 50.", ("birthday", 1, 12)),
        ("Herr Jonas Weber birthday 23.4. - turns 60, maybe wine", ("birthday", 4, 23)),
        ("Lunch Ana Ruiz: her wedding anniversary is on 14/02, 25 years", ("anniversary", 2, 14)),
        ("## Piet de Vries\n- born 03.11.1961\n- [ ] send the offer", ("birthday", 11, 3)),
        ("mr chen - bday on 8.9, send card", ("birthday", 9, 8)),
        ("Visit Mrs. Nowak. Her son Tomek turns 18 on 21.7. - party", ("birthday", 7, 21)),
    ],
)
def test_a_yearly_day_written_day_first_with_dots_or_an_unambiguous_slash(
    text: str, want: tuple[str, int, int]
) -> None:
    assert want in _dates(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Chen - for his birthday the budget is 3.5 million won, ok with him",
        "Birthday lunch for the team at 12.30, Mr. Chen paying",
    ],
)
def test_a_number_with_a_dot_near_a_birthday_is_no_day(text: str) -> None:
    assert _dates(text) == []
