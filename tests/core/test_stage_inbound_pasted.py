"""Stage 7, inbound: a message pasted from the phone that waits for the user's answer.

i16in3. Made-up messages in no labelled set, a table per family:
- the client's own chat lines ("Name: ...", a time or an emoji between the name and the colon),
  the last of them asking the user something, no reply of the user's after it: a text;
- a message that opens by saying who writes ("hey!! it's Jo Park", "this is Al Roy") and asks
  the user something: a text;
- a forwarded text quoted ('fwd from Bea Lund: "can u resend..."'): a text;
- a voicemail pasted under the phone's heading line ("Visual voicemail transcript", "Voicemail
  (visual) · Name · Mar 4 · 0:47"): a voicemail, even with a "From:" line under it.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import inbound as _inbound


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        (
            "Ola Berg (Tue 9:02am): floor plan attached. can u confirm the tile count by friday?\n"
            "Me (Tue 9:30am): will do\n"
            "Ola Berg (Wed 8:11am): any word?? also my husband wants heated floors, can u price it",
            "text",
        ),
        (
            "Kim Soto 🌸: omg the samples are PERFECT\n"
            "Kim Soto 🌸: can we book the install for the 2nd??\n"
            "Kim Soto 🌸: lmk what works 🙏",
            "text",
        ),
        (
            "Hey!! 🐶 it's Jo Park, we're away 12/18-12/28 ✈️ can you do 2 walks a day for Rex? "
            "lmk rate!!",
            "text",
        ),
        (
            "🚨 this is Al Roy!! the ring came back great BUT the stone's loose?? can I bring it "
            "Thurs?",
            "text",
        ),
        ('fwd from Bea Lund: "can u resend the Dec schedule, lost it" - do it tonight', "text"),
        (
            'Visual voicemail transcript\nFrom: Unknown (555) 019-4411\n"Hi, my name is Ade Obi, '
            'I need a unit from March first. Could you hold one for me?"',
            "voicemail",
        ),
        (
            "Voicemail (visual) · Meg Orr · Mar 4 · 0:47\n\"Hi dear, it's Meg. The chairs look "
            'lovely. Could you drop off the leftover fabric?"',
            "voicemail",
        ),
    ],
)
def test_a_pasted_message_that_asks_awaits_an_answer(text: str, channel: str) -> None:
    found = _inbound(text)
    assert found is not None and found[0] == channel


@pytest.mark.parametrize(
    "text",
    [
        # the user answered last, nothing asked, or the user's own note
        "Ola Berg: can u confirm the tile count?\nMe: yes, 240\nOla Berg: great thanks",
        "Ola Berg: can u confirm the tile count?\nMe: sure, 240 - sending the quote Fri",
        "Kim Soto 🌸: the samples are PERFECT\nKim Soto 🌸: see you on the 2nd!",
        "[10:02] Ola Berg: can we do it sat?\n[10:04] me: will confirm by tomorrow\n"
        "[10:05] Ola Berg: ok",
        "Discovery call - Dr. Ola Berg\nQ: timeline? A: before April\nQ: budget? A: can you guess",
        "Lunch w/ Jo Park. it's Jo's birthday Fri. can you believe it? send a card",
    ],
)
def test_a_pasted_message_answered_or_asking_nothing_awaits_nothing(text: str) -> None:
    assert _inbound(text) is None
