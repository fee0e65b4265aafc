"""Stage 9, interests: a pastime being given up, in any tense, is no interest (i16ip).

"quit golf" and "stopped running" were read as given up; "quitting", "quits" and "stopping"
(a household's log, a texting parent, a second-language writer) said the same. Made-up notes in
no labelled set.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import fact_tags


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Ana Ruiz: Will (10) quitting trumpet (sigh), trying drums instead.", "trumpet", "drums"),
        (
            "lunch w/ Bo Kerr - he quits golf after the knee op, now big into fishing",
            "golf",
            "fishing",
        ),
        (
            "Mr. Tanaka is stopping tennis this year, he prefers the swimming now",
            "tennis",
            "swimming",
        ),
    ],
)
def test_a_pastime_given_up_is_no_interest(text: str, gone: str, kept: str) -> None:
    tags = fact_tags(text)
    assert gone not in tags
    assert kept in tags
