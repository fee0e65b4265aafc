"""Stage 3, the client in pasted mail and chat (i16cl3).

Each family on made-up text in no labelled set: the name of a product, an event or a shared
office is no client; a thread filed under an account names its client in its heading; a
recap's "lovely to meet X" is no introduction; the greeting's title and surname name the
full name the note gives.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import client as _client


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Tidewell Connect sync is failing again for Orla Brennan's front desk. Call Orla.",
            "Orla Brennan",
        ),
        ("At the Lakeside Expo booth talked to Rex Ambler about a 20ft trailer.", "Rex Ambler"),
        (
            "Maple Coworking Hub - walked the space with Yara Dunn, she wants 4 desks in May.",
            "Yara Dunn",
        ),
        ("Call with Bramble Home Goods: Nia Okafor wants Q3 volumes priced.", "Nia Okafor"),
    ],
)
def test_a_product_event_or_shared_office_is_not_the_client(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "#acct-thornbury-mills\nKit Lawson  9:02 AM\n@me Thornbury signed off the artwork\n"
            "Ewan Thornbury  9:10 AM\n@me can you send the print proofs by Friday?",
            "Ewan Thornbury",
        ),
        (
            "Support > Okafor Family Dental\nDee Marsh 10:01\nOkafor's front desk says the"
            " portal is down. Chidi Okafor called me himself.\nDee Marsh 10:03\ncan you call"
            " him back before noon?",
            "Chidi Okafor",
        ),
    ],
)
def test_a_thread_filed_under_an_account_is_about_its_holder(text: str, want: str) -> None:
    assert _client(text) == want


def test_a_recap_that_met_someone_is_still_about_whom_it_greets() -> None:
    text = (
        "Hi Selma,\n\nThank you for the tour today. It was great to finally meet Piotr Nowak and"
        " hear about the new wing. I'll send the quote by Monday.\n\nWarmly,\nJo"
    )
    assert _client(text) == "Selma"


def test_a_title_and_surname_greeted_name_the_full_name_in_the_note() -> None:
    text = (
        "To: Kofi Mensah, Bursar, Hillcrest School\n\nDear Mr. Mensah,\n\nFurther to today's"
        " visit, I shall send the pitch quotation by Friday.\n\nKind regards,\nAlan Pryce"
    )
    assert _client(text) == "Kofi Mensah"
