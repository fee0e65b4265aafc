"""A count said in words: the noun is singular for one, plural otherwise."""

from __future__ import annotations

import pytest

from rapport.core.counts import counted


@pytest.mark.parametrize(
    ("number", "noun", "said"),
    [
        (1, "client", "1 client"),
        (0, "open task", "0 open tasks"),
        (2, "capture", "2 captures"),
        (11, "day", "11 days"),
    ],
)
def test_a_count_is_singular_for_one_only(number: int, noun: str, said: str) -> None:
    assert counted(number, noun) == said
