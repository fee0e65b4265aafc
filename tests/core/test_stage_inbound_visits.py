"""Stage 8, inbound: "called" for a visit is no message awaiting an answer (i16ip).

Formal memos, British and second-language writers say "called" for coming by in person ("called
at the shop", "called on his way back", "called round"): nothing waits for the user's reply.
The telephone stays a call, with its time or day after "called at"/"called on". Made-up notes
in no labelled set.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import inbound as _inbound


@pytest.mark.parametrize(
    "text",
    [
        "Lady Ashcombe called at the shop this afternoon about her late husband's library. I "
        "undertook to visit on the 4th.",
        "Memorandum. Dr. Hale called at the workshop with a carriage clock that has stopped. I "
        "shall telephone her with an estimate.",
        "Miss Penrose, of Rose Cottage, called at the gallery in person for the first time.",
        "Prof. Amis called on his way back from the book fair to collect the atlas, paid by "
        "cheque.",
        "Mr Obi called round with the keys, very kind. his daughter Ada starts uni in sept",
        "Mrs. Lund called in person to drop off the signed forms.",
    ],
)
def test_called_for_a_visit_awaits_no_answer(text: str) -> None:
    assert _inbound(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Hale called at 9:40 asking for the estimate on the clock. Ring her back today.",
        "Mr Obi called on Monday, wants the quote for the roof. call him back",
        "Lady Ashcombe called at the weekend asking whether the catalogue is ready.",
    ],
)
def test_called_on_the_telephone_stays_a_call(text: str) -> None:
    got = _inbound(text)
    assert got is not None and got[0] == "call"
