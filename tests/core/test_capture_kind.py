"""What kind of conversation a captured note records (the Interaction's kind)."""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.understand.pipeline import understand

TODAY = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Lunch w/ Bob Smith (Acme). Son Jake plays baseball.", "meeting"),
        ("Met Anna Schmidt at the expo.", "meeting"),
        ("Quarterly check-in with Raj Mehta.", "meeting"),
        ("Ran into Carol Diaz at the game; she emailed later", "meeting"),
        ("Call with Maria Gonzalez. Daughter Sofia at Georgia Tech.", "call"),
        ("Zoom w/ Tom Lee re Q1 plan", "call"),
        ("Spoke to Dan Ortiz on the phone about renewals", "call"),
        ("Emailed Raj Mehta the deck", "email"),
        ("Texted w/ Anna Schmidt re: brochure", "text"),
        ("Voicemail from Jim Carter about the late delivery. Call him back today.", "voicemail"),
        ("LVM from Tom Reyes re: renewal", "voicemail"),
        ("Missed call from Sue Park", "call"),
        ("Beth Howard - likes golf, vegetarian", "note"),
    ],
)
def test_kind_from_how_the_note_opens(text: str, kind: str) -> None:
    assert understand(text, TODAY)["kind"] == kind
