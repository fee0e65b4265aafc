"""Tasks in text pasted out of work tools: mail clients, CRMs, ticket desks, trackers.

A pasted text has zones (``core/understand/zones.py``) where no one speaks to the user as a
to-do: the user's own older message quoted under the client's reply, a disclaimer or an
automated footer, the sign-off and signature, a record's value fields. Each family on made-up
text in no labelled set, in several tools' formats.
"""

from __future__ import annotations

import pytest

from rapport.core.understand.zones import FIELD, FOOTER, HISTORY, SIGNATURE, find_zones
from tests.core.capture_probe import WED
from tests.core.capture_probe import titles as _titles
from tests.core.understood import understand


def _words(text: str) -> str:
    return " ".join(t.lower() for t, _ in _titles(understand(text, WED)))


_OUTLOOK_REPLY = """From: Irene Castro <irene@castrodental.com>
Sent: Wednesday, November 18, 2026 9:02 AM
To: Noah Brandt
Subject: RE: imaging bundle

Hi Noah,

Looks good. Could you send the signed service agreement by Friday?

Irene

-----Original Message-----
From: Noah Brandt
Sent: Tuesday, November 17, 2026 3:30 PM
To: Irene Castro
Subject: imaging bundle

Irene - the bundle quote is attached. Please review the warranty terms and sign page 4.
"""
_UNDERSCORE_REPLY = """Hi Noah - yes. Could you order the replacement sensor? Thanks!

Irene Castro
Office Manager

________________________________
From: Noah Brandt
Sent: Tuesday, November 17, 2026 3:30 PM
To: Irene Castro
Subject: sensor

Irene, please confirm the shipping address and send me the serial number.
"""
_GMAIL_REPLY = """Hi Noah,
Can you book the install crew for the 2nd?
Irene

On Tue, Nov 17, 2026 at 3:30 PM Noah Brandt <noah@brandtsupply.com> wrote:
> Irene, please approve the floor plan and pick a paint colour.
"""


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        (_OUTLOOK_REPLY, "service agreement", ("warranty", "page 4")),
        (_UNDERSCORE_REPLY, "replacement sensor", ("shipping address", "serial number")),
        (_GMAIL_REPLY, "install crew", ("floor plan", "paint")),
    ],
)
def test_what_the_users_own_quoted_message_asked_is_the_clients_to_do(
    text: str, kept: str, gone: tuple[str, ...]
) -> None:
    said = _words(text)
    assert kept in said
    assert not any(word in said for word in gone), said


def test_what_the_client_asked_in_its_quoted_message_stays_the_users_to_do() -> None:
    text = """Will do - I'll send the revised layout by Thursday.

-----Original Message-----
From: Marta Quill
Sent: Monday, November 16, 2026
Subject: tent

Hi Ray, can you also check whether the stage can be 20x20?
Marta
"""
    said = _words(text)
    assert "stage" in said and "layout" in said


@pytest.mark.parametrize(
    "footer",
    [
        "This e-mail and any attachments are confidential and intended solely for the addressee. "
        "If you are not the intended recipient, please notify the sender and delete it.",
        "CONFIDENTIALITY NOTICE: If you received this message in error, please call us and "
        "destroy all copies.",
        "This is an automated message. Please do not reply to this email.",
        "Please do not reply to this email; contact support through the portal.",
    ],
)
def test_a_disclaimer_or_an_automated_footer_is_no_task(footer: str) -> None:
    text = (
        f"Hi Noah,\n\nCould you ship the spare filters by Monday?\n\nThanks,\nIrene\n\n{footer}\n"
    )
    said = _words(text)
    assert "spare filters" in said
    assert not any(w in said for w in ("notify", "delete", "reply", "destroy", "call us")), said


@pytest.mark.parametrize(
    "text",
    [
        "Hey, can you move my cleaning to the 30th? Thx, Gary\n",
        "Hey, can you move my cleaning to the 30th?\nThx - Gary\n",
        "Hey, can you move my cleaning to the 30th?\n\nThanks,\nGary Ode\nOde Plumbing\n"
        "Cell: 555-303-1188\n",
        "Hey, can you move my cleaning to the 30th?\n\nCheers\nGary\nOde Plumbing | 555-303-1188\n",
    ],
)
def test_a_sign_off_and_a_signature_are_no_task(text: str) -> None:
    said = _words(text)
    assert "cleaning" in said
    assert "thank" not in said and "call" not in said, said


def test_a_sentence_after_a_thanks_line_is_no_signature() -> None:
    text = "Hi Noah,\nThanks!\nAlso please send the spare filters by Monday.\n"
    assert "spare filters" in _words(text)


@pytest.mark.parametrize(
    "record",
    [
        "Account: Pine Ridge Vet\nContact: Dr. Lena Fox\nStage: Proposal\nStatus: Open\n"
        "Last activity: Call - 11/12\nNext step: Send the revised boarding rates\n"
        "Next step owner: Me\n",
        "Ticket #5521\nStatus: Pending\nPriority: High\nRequester: Lena Fox\nAssignee: Me\n"
        "Next step: Send the revised boarding rates\n",
        "Opportunity: Pine Ridge expansion\nOwner: Noah Brandt\nStage: Negotiation\n"
        "Outcome: Connected\nDuration: 12 min\nNotes: Lena wants the numbers. I'll send the "
        "revised boarding rates Friday.\n",
    ],
)
def test_a_records_value_fields_are_no_task_and_its_free_text_fields_keep_theirs(
    record: str,
) -> None:
    got = _titles(understand(record, WED))
    assert len(got) == 1 and "boarding rates" in got[0][0].lower(), got


def test_a_long_field_value_is_a_sentence_that_may_hold_a_to_do() -> None:
    text = "Status: Open\nStage: Demo\nOutcome: she liked it, I'll send the trial link tomorrow\n"
    assert "trial link" in _words(text)


@pytest.mark.parametrize(
    ("table", "kept", "gone"),
    [
        (
            "Item | Owner | Status\nDraft the lease rider | Me | Not started\n"
            "Book the walkthrough | Me | Done\nCollect the COI | Tenant | In progress\n",
            "lease rider",
            ("walkthrough", "coi", "progress", "started"),
        ),
        (
            "| Task | Owner | Due | State |\n|---|---|---|---|\n| Send the W-9 | me | 11/20 | "
            "Sent |\n| Order the signage | me | 11/25 | open |\n",
            "signage",
            ("w-9",),
        ),
    ],
)
def test_a_trackers_done_row_is_no_task(table: str, kept: str, gone: tuple[str, ...]) -> None:
    said = _words(table)
    assert kept in said
    assert not any(word in said for word in gone), said


@pytest.mark.parametrize(
    "item",
    [
        "1. Brightwater IT to provision the VPN accounts - Fri",
        "- Legal to review the MSA redlines",
        "- Client to send the signed W-9 by Monday",
        "2. Their AP team to confirm the PO number",
        "- Procurement to issue the purchase order",
    ],
)
def test_a_teams_or_the_other_sides_step_is_not_the_users(item: str) -> None:
    text = f"Kickoff recap\nNext steps:\n{item}\n- Send the data mapping template by Wed\n"
    said = _words(text)
    assert "data mapping template" in said
    assert not any(w in said for w in ("vpn", "msa", "w-9", "po number", "purchase order")), said


def test_the_zones_of_a_pasted_reply() -> None:
    zones = find_zones(_OUTLOOK_REPLY)
    kinds = [z.kind for z in zones.zones]
    assert HISTORY in kinds
    history = next(z for z in zones.zones if z.kind == HISTORY)
    assert history.voice == "user"  # Noah wrote it; the reply speaks to Noah
    assert zones.silent(_OUTLOOK_REPLY.index("warranty"))
    assert not zones.silent(_OUTLOOK_REPLY.index("signed service"))
    other = find_zones(_GMAIL_REPLY.replace("Hi Noah", "Hi Sam"))
    assert not other.silent(_GMAIL_REPLY.index("approve"))  # whose it is not said: it stays
    footer = "Ok.\n\nSent from my iPhone\n"
    assert find_zones(footer).kind_at(footer.index("iPhone")) == FOOTER
    signed = "Call me.\n\nBest,\nGary Ode\nT: 555-303-1188\n"
    assert find_zones(signed).kind_at(signed.index("555")) == SIGNATURE
    record = "Status: Open\nStage: Proposal\n"
    assert find_zones(record).kind_at(record.index("Proposal")) == FIELD
    assert find_zones("Status: Open\nCall Lena back Friday\n").zones == ()


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Action items\n- Send pricing to Ines\n- Ines: sign the MSA\n", "pricing", "msa"),
        (
            "Hi Noah,\nGood call today. Action items:\n- Noah: send the SOW by 11/30\n"
            "- Ines Varga: sign the MSA\n\nBest,\nInes\n",
            "sow",
            "msa",
        ),
        (
            "Attendees: Ines (client), Noah (me)\nAction items:\n- Ines: sign the MSA\n"
            "- Noah: send the SOW by 11/30\n",
            "sow",
            "msa",
        ),
    ],
)
def test_an_item_given_to_someone_by_name_is_theirs_unless_the_name_is_the_users(
    text: str, kept: str, gone: str
) -> None:
    said = _words(text)
    assert kept in said
    assert gone not in said, said
    assert "noah" not in said.split()  # the owner's name alone is no to-do


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Hi Noah,\nWould you mind sending the updated rent roll when you get a chance?\nIrene",
            ("Send the updated rent roll", None),
        ),
        (
            "Hi Noah, would you mind pulling the 2025 K-1s by Friday? Thanks, Irene",
            ("Pull the 2025 K-1s", "2026-11-20"),
        ),
        (
            "Noah - do you mind looking over the lease before Thursday? Irene",
            ("Look over the lease", "2026-11-19"),
        ),
    ],
)
def test_a_request_put_with_a_gerund_is_the_users_task(
    text: str, want: tuple[str, str | None]
) -> None:
    assert want in _titles(understand(text, WED))


def test_would_you_mind_if_i_is_no_request_of_the_user() -> None:
    assert _titles(understand("Would you mind if I call you tomorrow? Irene", WED)) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Hi Noah,\nWould you mind sending the rent roll? We need it by the 23rd.\nIrene",
            ("Send the rent roll", "2026-11-23"),
        ),
        (
            "Hi Noah,\nCould you send the deck? Ideally before our board call - Fri noon.\nIrene",
            ("Send the deck", "2026-11-20"),
        ),
        (
            "Hi Noah,\nPlease send the W-2s.\nWe need them by the 23rd.\nIrene",
            ("Send the W-2s", "2026-11-23"),
        ),
    ],
)
def test_a_requests_due_said_in_the_next_sentence(text: str, want: tuple[str, str]) -> None:
    assert want in _titles(understand(text, WED))


def test_a_next_sentence_about_something_else_gives_no_due() -> None:
    text = "Hi Noah,\nCould you send the deck?\nOur board meets on the 23rd.\nIrene"
    assert ("Send the deck", None) in _titles(understand(text, WED))


@pytest.mark.parametrize(
    "text",
    [
        "VM from Irene Castro, call back 555-303-1188 re the filters",
        "Irene Castro called - cell 555-303-1188 - call her back about the filters",
    ],
)
def test_a_phone_number_said_in_a_sentence_keeps_its_call_back(text: str) -> None:
    assert "call irene back" in _words(text)


def test_a_long_pasted_text_with_a_cue_on_every_line_has_no_footer_or_signature() -> None:
    # each line is read whole once, however many cues it holds (timed by `rapport bench`)
    assert find_zones(("Please notify " * 900)[:12_000]).zones == ()
    assert find_zones("notify\n" * 1700).zones == ()
    # a signature is a few lines: a sign-off followed by a thousand lines is the text going on
    assert find_zones("Thanks,\n" + "Gary Ode\n" * 1300).zones == ()


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Send Status", False),
        ("Forward Owner", False),
        ("Send Ines", False),
        ("Send Ines the deck", True),
        ("Call Ines", True),
        ("Send pricing", True),
    ],
)
def test_a_title_that_is_a_fragment_is_no_task(line: str, kept: bool) -> None:
    got = [t for t, _ in _titles(understand(f"Mtg w/ Bo Li.\n{line}\n", WED))]
    assert (line in got) is kept, got
