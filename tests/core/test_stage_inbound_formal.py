"""Stage 8, inbound: messages said the way formal memos, assistants and work tools say them, and
a pasted thread the user has already answered (i16ip).

Made-up notes in no labelled set, a table per family:
- the telephone's verbs of formal and British English ("X phoned about", "X telephoned to ask");
- a message taken for the boss ("Voicemail for A. from X"; not a "Msg for Cody from the
  front counter", a note passed on by hand), received in the passive ("An email
  was received this morning from X"), its sender with an aside ("Dr. X (Y Vets) left a
  voicemail");
- a thread pasted from Outlook or a CRM whose newest message, on top, is the user's answer to
  the mail quoted under it: nothing waits.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import inbound as _inbound


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Note. Angus Reid phoned about the shooting lodge, wants three nights in October. "
            "Ring him back Friday.",
            ("call", "Angus Reid"),
        ),
        (
            "Mrs. Elena Duarte telephoned to ask whether the suite is free in May; I am to "
            "reply by Thursday.",
            ("call", "Elena Duarte"),
        ),
        (
            "Voicemail for A. from Tomas Berg, 9:10am. He asks that A. call him back before "
            "noon about the trust.",
            ("voicemail", "Tomas Berg"),
        ),
        (
            "Michaelmas. An email was received this morning from Prof. Hartley enquiring "
            "whether the atlas is still for sale.",
            ("email", "Hartley"),
        ),
        (
            "Dr. Kwame Mensah (Hillside Vets) left a voicemail on the main line for me: he is "
            "referring a spaniel. Call him back re: the wait list.",
            ("voicemail", "Kwame Mensah"),
        ),
    ],
)
def test_a_message_said_formally_or_taken_for_the_boss_awaits_an_answer(
    text: str, want: tuple[str, str]
) -> None:
    assert _inbound(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "From: me\nTo: Ada Obi\nSubject: Re: Training\n\nHi Ada,\n\nAs promised I've set up the "
        "sandbox; I'll run the training on Thursday.\n\nBest,\nMe\n\n-----Original Message-----\n"
        "From: Ada Obi\nSent: Monday\n\nCan we get the team trained this week?\nAda",
        "RE: Recall notice\n\nKaren - confirmed: none of the lots went to your campus. I'll send "
        "the reconciliation sheet tomorrow.\n\nFrom: Karen Holm\nSent: Monday 4:15 PM\n\nCan you "
        "confirm whether any of these went to us?",
        "Will do - I'll have the loaner to you by Wednesday.\n\nOn Jan 11, 2027, at 4:15 PM, "
        "Dr. Ines Roux wrote:\n> I need a loaner for Thursday or we cancel 6 cases.",
    ],
)
def test_a_thread_the_user_answered_on_top_awaits_nothing(text: str) -> None:
    assert _inbound(text) is None


def test_a_note_passed_on_by_hand_for_the_boss_is_no_message_awaiting_an_answer() -> None:
    text = (
        "Msg for Cody from the front counter (Amber): Mr. Abe Lind dropped off a buck for a "
        "shoulder mount. Please call Abe about the pose this week."
    )
    assert _inbound(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Hi Sam, can you send the revised quote by Friday? Thanks, Ada\n\n-----Original "
        "Message-----\nFrom: Sam\nSent: Monday\n\nHi Ada, I'll get you the quote this week.",
        "From: Ada Obi\nSubject: Re: quote\n\nThanks Sam. Could you also add the install date?\n"
        "Ada\n\nOn Mon, Sam wrote:\n> I'll send the quote today.",
    ],
)
def test_a_thread_whose_top_message_asks_still_awaits_an_answer(text: str) -> None:
    assert _inbound(text) is not None
