"""Stage 3, the client named in a structured note's field (brief i16cl4): a CRM's contact
written surname first, a "Client:" field said after the attendees, a Markdown table or bold
field, and a colleague of the user's own team said first in a list of attendees. Each row
made up, in the shapes work tools, Markdown apps and forms give.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import client as _client


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Activity: Call\nAccount: Brightwater Vet\nContact: Oyelaran, Kemi (Practice "
            "Administrator)\nNotes: Kemi confirmed go-live. She'll send the 941s by Friday.",
            "Kemi Oyelaran",
        ),
        ("Type: Visit\nCustomer: Ruiz, Ana\nRep: Tom Hale\nNotes: wants quote by Fri", "Ana Ruiz"),
        ("- **Primary contact:** Demir, Yusuf\n- restrooms not restocked", "Yusuf Demir"),
    ],
)
def test_a_fields_person_said_surname_first(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Organizer: me\nAttendees: Gordon Pflueger (Tenfold, CFO); Lisa Amundsen (bank)\n"
            "Client: Cascade Bank / Lisa Amundsen\nNotes: Gordon to send rent roll",
            "Lisa Amundsen",
        ),
        ("With: Tom Hale (contractor)\n**Client:** Ana Ruiz\n- she wants the quote", "Ana Ruiz"),
        ("| Rep | Tom Hale |\n| Customer | Ana Ruiz |\nShe wants the quote by Friday", "Ana Ruiz"),
    ],
)
def test_a_client_field_names_the_client_though_others_come_first(text: str, want: str) -> None:
    assert _client(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Attendees: Priya Nair (our PM), Ana Ruiz, me\n- Ana wants the quote by Fri", "Ana Ruiz"),
        ("Present: Tom Hale (my colleague), Dr. Wei Chen\nWei wants the plans", "Wei Chen"),
        # the client said so in brackets stays the client
        ("Met Ana Ruiz (my client) and Tom Hale. Ana wants a quote", "Ana Ruiz"),
    ],
)
def test_the_users_own_colleague_in_brackets_is_not_the_client(text: str, want: str) -> None:
    assert _client(text) == want
