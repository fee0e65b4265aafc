"""Stage 7, tasks a careful reader would not file (core/understand/tasks/precision.py).

Each family on made-up text in no labelled set, several phrasings a family: one piece of
work said as a chain of steps is one task; a list row another named owner has, beside the
user's own rows, is theirs.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import WED
from tests.core.capture_probe import titles as _titles
from tests.core.understood import understand


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # a report back to whom the work is for
        ("Call w/ Ines Moreau. run the figures + get back to her by Fri.", "Run the figures"),
        ("Visit w/ Ada Pruitt. price the new racks and tell her tomorrow.", "Price the new racks"),
        # the thing handed over, said again as "it" / "them"
        ("Mtg w/ Ada Pruitt. reprint the flyer by thurs and drop it off myself.", "Reprint"),
        ("Call w/ Ben Ortiz. I'll pull two references and send them to Ben by Wed.", "Pull two"),
    ],
)
def test_a_hand_over_or_report_back_step_is_the_task_before_it(text: str, first: str) -> None:
    got = _titles(understand(text, WED))
    assert len(got) == 1, got
    assert got[0][0].startswith(first)
    assert got[0][1] is not None


@pytest.mark.parametrize(
    "text",
    [
        # two days said: two steps ticked off apart
        "Call w/ Ines Moreau. lock the price tomorrow and send her the contract by Friday.",
        # a new thing handed over, not the one before
        "Mtg w/ Tom Reyes. order the shelving and get them tile samples by friday",
        # a call, a text, "let her know" is a step of its own
        "Visit w/ Ada Pruitt. move the tasting and text her back by Fri",
        "Fitting w/ Rosa Lind. I'll measure the hem and call her by Thurs.",
        # dictation with nothing between two steps: two sentences said as one
        "talked to bo chen he wants fewer visits i should offer him the monthly plan email him "
        "the rates tonight",
    ],
)
def test_a_second_thing_or_a_second_day_stays_a_second_task(text: str) -> None:
    assert len(_titles(understand(text, WED))) == 2


@pytest.mark.parametrize(
    ("text", "mine"),
    [
        (
            "Review w/ Carla Nunes (Nunes Dental)\n"
            "- [ ] Me: send the loaner agreement by Fri\n"
            "- [ ] Ravi: book the sterilizer slot\n"
            "- [ ] Dr. Nunes: sign the trial form\n",
            ["Send the loaner agreement"],
        ),
        (
            "Recap - Hollis Freight\n"
            "☐ Me: quote the Tacoma lane by Friday\n"
            "☐ Petra Hollis: complete the volume sheet\n"
            "☐ Jonas Weber: confirm the dock hours\n",
            ["Quote the Tacoma lane"],
        ),
        (
            "Action items\n"
            "- Nikos (Hollis): share the forecast - by June 3\n"
            "- Me: send the rate card by Thurs\n",
            ["Send the rate card"],
        ),
    ],
)
def test_a_row_another_named_owner_has_beside_the_users_is_theirs(
    text: str, mine: list[str]
) -> None:
    got = [t for t, _ in _titles(understand(text, WED))]
    assert len(got) == len(mine), got
    assert all(g.startswith(m) for g, m in zip(got, mine, strict=True)), got


def test_without_a_row_of_the_users_own_a_named_row_is_whom_the_task_concerns() -> None:
    text = (
        "To-dos from the voice memo:\n"
        "- Deb K: send the signed lease back - today\n"
        "- Omar (Ruiz Bakery): confirm the cake order for the party\n"
    )
    assert len(_titles(understand(text, WED))) == 2


@pytest.mark.parametrize(
    "text",
    [
        # older mail quoted under the reply: the client's "I will" is the client's
        "Re: spring order\n\nThanks, noted.\n\n> We will need 8 pallets, not 5, from May 4.\n"
        "> I will send you the pick list once the farm confirms.\n",
        # a pasted chat with the user's own lines: a colleague's "I'll" is the colleague's
        "[09:02] Rosa Lind: can you quote the annual plan?\n"
        "[09:03] Kai (support): I'll send the service log today\n"
        "[09:05] Me: sure, quote by Friday\n",
    ],
)
def test_a_promise_in_someone_elses_words_is_not_the_users(text: str) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert not any("pick list" in t or "service log" in t for t in titles), titles


def test_a_request_answered_in_the_users_line_stays_the_users() -> None:
    text = (
        "Lena Ruiz: the printer jams again\n"
        "Me: I'll have a tech come by this afternoon\n"
        "Lena Ruiz: can you also send the toner price list?\n"
        "Me: yes, tonight\n"
    )
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert any("toner" in t for t in titles), titles


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Ines Moreau: can I move my class to Thurs?\nMe: sure! Thurs 6pm has 2 spots", "spots"),
        ("Tom Reyes: when do the tiles come?\nMe: Tiles land Tues, crew starts after", "tiles"),
        ("Ada Pruitt: can we shift the shoot?\nMe: ok, the 12th at 4pm golden hour?", "golden"),
        ("Coffee w/ Capt. Ravi Shah. Me: rate sheet by Mon. Wife Asha + boys Dev 9", "wife"),
    ],
)
def test_a_statement_or_a_question_in_the_users_line_is_nothing_to_send(
    text: str, wrong: str
) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert not any(wrong in t for t in titles), titles


def test_a_thing_to_send_said_without_a_verb_stays_a_task() -> None:
    out = understand("Call w/ Liv Haas\nMe: revised floor plan by Fri (the lift is extra)", WED)
    assert [t for t, _ in _titles(out)] == ["Send revised floor plan"]


# Family (brief i16tp2): a record copied out of a work tool (CRM, ticketing, a project board,
# a job log, Logseq/Notion properties) has fields; a field's label, its type or its status is
# no task. Rows in the styles those tools export.
@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # a CRM activity log: the type and the status are cells of a table row
        (
            "ACCOUNT: Fairview Dental\n"
            "--- 03/02/2026 | Call | Owner: Tamsin R. | Status: Completed\n"
            "Talked to Dr. Iqbal about the chair lease.\n",
            ("call", "completed", "tamsin"),
        ),
        (
            "2026-11-10 | email | 4 min | Greta Lund (Lund Bakery) | asked about oven parts\n",
            ("email",),
        ),
        # a Salesforce-style activity card: "Label: value" lines
        (
            "Activity: Call - Outbound\nContact: Ruiz, Pilar\nStatus: Not started\n"
            "Notes: Pilar is moving the depot in March.\n",
            ("call", "not started", "start"),
        ),
        (
            "Type: Email\nSubject: renewal\nPriority: High\nOwner: me\n"
            "Body: Hannes asked what the renewal costs.\n",
            ("email", "high"),
        ),
        # Logseq / Notion properties
        (
            "status:: in progress\nclient:: Oona Weiss\n- talked about the fence line\n",
            ("progress",),
        ),
        # a job log's headings: the time of the entry, then what happened
        (
            "Tue 9am boiler service for Edda Holm.\n"
            "UPDATE 2pm: Edda called, moved it to Thurs.\nUPDATE 5pm: parts in.\n",
            ("update",),
        ),
        ("upd 3:15 - Kwame rang, all fine now. edit Fri: invoice paid.\n", ("upd", "edit")),
        ("Order #5512 — pick-up Sat for Lotte Brandt\n- 12 white tulips\n", ("order #",)),
    ],
)
def test_a_field_of_a_record_copied_from_a_work_tool_is_no_task(
    text: str, wrong: tuple[str, ...]
) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert not any(w in t for t in titles for w in wrong), titles


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the record's next step, said as a value in its own words, stays the user's task
        ("Activity: Meeting\nStatus: Done\nNext step: send the lease draft to Pilar by Fri\n",
         "lease draft"),
        ("| Task | Owner: me | Due: Fri | call Ines back about the quote |\n", "ines"),
        # a plain call to make, at the start of a line, is a task
        ("Visit w/ Edda Holm\n- call the supplier tomorrow about the boiler part\n", "supplier"),
        ("Mtg w/ Ravi Shah.\nupdate the price list before Fri\n", "price list"),
    ],
)  # fmt: skip
def test_a_task_said_in_a_record_stays_a_task(text: str, kept: str) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert any(kept in t for t in titles), titles


# Family (brief i16tp2): a request in a pasted message and the user's own reply promising the
# same thing are one piece of work, filed once (as the promise). Threads as tools paste them.
@pytest.mark.parametrize(
    ("text", "thing"),
    [
        # a LinkedIn / Teams thread: the name and the time on a line of their own
        (
            "Noor Haddad 9:02 AM\nCould you send your day rates and a sample report?\n\n"
            "Me 9:40 AM\nHi Noor, I'll send the day rates this afternoon.\n",
            "rates",
        ),
        # WhatsApp export
        (
            "[11/16/26, 08:10] Tomas Reyes: any chance u could quote the walnut desk by fri?\n"
            "[11/16/26, 08:31] Me: sure, I'll have the desk quote to you Thursday\n",
            "quote",
        ),
        # a reply on top of the mail it answers
        (
            "Hi Greta, yes - I will email the revised floor plan tomorrow.\n\n"
            "-----\nFrom: Greta Lund\nCan you pls send me the revised floor plan? The board "
            "meets Monday.\n",
            "floor plan",
        ),
        # a second-language writer's message, the user's short answer
        (
            "Mr Chen: please you can send me the price list for the IELTS course\n"
            "Me: ok I will send the price list tonight\n",
            "price list",
        ),
    ],
)
def test_a_request_and_the_users_promise_of_the_same_thing_are_one_task(
    text: str, thing: str
) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert sum(thing in t for t in titles) == 1, titles


def test_a_request_the_user_answers_with_another_thing_stays_a_task() -> None:
    text = (
        "Ada Pruitt: could you send the tile samples by Friday?\n"
        "Me: I'll call the supplier about the grout today\n"
    )
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert any("tile samples" in t for t in titles), titles
    assert any("supplier" in t for t in titles), titles


# Family (brief i16tp2): a row the writer marked done or cancelled, in the signs of plain
# text, Markdown, Obsidian, Todoist and bullet journals, is nothing left to do.
@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("Notes for Lena Vogel\n- DONE: send the contract\n- TODO: order linens by Fri\n",
         "contract"),
        ("Lena Vogel wedding\n- call the florist (done)\n- order linens by Fri\n", "florist"),
        ("Call w/ Ada Pruitt\nemail the floor plan - sent\nbook the van by Fri\n", "floor plan"),
        ("Call w/ Ada Pruitt\nresend invoice ✓\nbook the van by Fri\n", "invoice"),
        ("Ruth Okafor\n- [-] cancelled: the demo\n- [ ] share the SOW w/ Ruth by Mon\n", "demo"),
        ("Ruth Okafor\n- [ ] share the SOW by Mon\n- [x] email the NDA [done]\n", "nda"),
        # an Obsidian callout's type is not a verb
        ("Ruth Okafor\n- [ ] share the SOW by Mon\n> [!note] Ruth prefers calls after 3pm\n",
         "prefers"),
    ],
)  # fmt: skip
def test_a_row_marked_done_or_cancelled_is_no_task(text: str, done: str) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert titles, titles  # the row still to do is kept
    assert not any(done in t for t in titles), titles


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Call w/ Ada Pruitt\nbook the van (pending)\n", "van"),
        ("Mtg w/ Ravi Shah\n- get the roof done by Fri\n", "roof"),
        ("Mtg w/ Ravi Shah\n- [ ] send the quote - Thu\n", "quote"),
        ("Mtg w/ Ravi Shah. Done with the walkthrough: send the punch list by Fri.", "punch"),
    ],
)
def test_a_row_still_to_do_is_kept_beside_the_signs_of_done(text: str, kept: str) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert any(kept in t for t in titles), titles


# Family (brief i16tp2): words in text copied from a work tool that are no work of the user's:
# a meeting's agenda topics, a signature's link, a colleague's comment on a ticket.
@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            "Calendar invite: Quarterly review with Omar Diaz\nWhen: Thu Nov 19, 2:00 PM\n"
            "Agenda: review Q3 numbers, discuss renewal\n",
            ("q3", "renewal"),
        ),
        (
            "Teams meeting - Lakeshore Surgical, Gretchen Vogel\n## Agenda\n"
            "- go over the service contract\n- discuss trade-in value\n\n"
            "Notes: send Gretchen the tower quote by Fri\n",
            ("service contract", "trade-in"),
        ),
        (
            "From: Priya Shah\nTo: me\nSubject: proposal\n\nPlease send the revised proposal "
            "by Friday.\n\nPriya Shah | CFO\nBook a meeting: calendly.com/pshah\n",
            ("book",),
        ),
        (
            "Thanks Ines! Schedule a call with me: https://meet.example.com/ines\n"
            "I'll send the lease comps tomorrow.\n",
            ("schedule",),
        ),
        (
            "JIRA SUP-4412: printer jams at Lund Bakery\nAssignee: Kai Berg\n"
            "Comment (Kai Berg): will order the roller tomorrow.\n"
            "Comment (me): call Greta Lund Friday to confirm it works.\n",
            ("roller",),
        ),
        (
            "Ticket 8812 - Hollis Freight portal\nJonas Weber commented: will reset the SSO "
            "keys tonight\nMe: email Petra Hollis the new login steps by Thu\n",
            ("sso",),
        ),
    ],
)
def test_an_agenda_a_signature_link_or_a_colleagues_comment_is_no_task_of_the_users(
    text: str, wrong: tuple[str, ...]
) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert not any(w in t for t in titles for w in wrong), titles


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # an agenda row that asks the user, a comment of the user's own
        (
            "Teams meeting - Lakeshore Surgical\nAgenda (from Gretchen):\n"
            "- please send your updated quote on the towers before the meeting\n"
            "- service contract options\n",
            "quote",
        ),
        (
            "QBR w/ Omar Diaz\nAgenda:\n1. renewal - I'll send the draft by Fri\n2. adoption\n",
            "draft",
        ),
        (
            "JIRA SUP-4412: printer jams at Lund Bakery\n"
            "Comment (me): call Greta Lund Friday to confirm it works.\n",
            "greta",
        ),
        ("Call w/ Ada Pruitt. email her the floor plan: she's at ada@pruitt.com\n", "floor plan"),
    ],
)
def test_a_task_of_the_users_in_a_work_tools_text_stays(text: str, kept: str) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert any(kept in t for t in titles), titles


# Family (brief i16tp2): the meeting the note reports, said in the present with the day of the
# note (second-language writers, dictation), and what a meeting that took place was for.
@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Today I visit the obra of Sr. Tomás Vidal in calle Roble 14. I must to send him the "
         "budget before Friday.", "obra"),
        ("This morning we meet Mr. Lim Wei Jie at his warehouse. He want 20 pallets more. I will "
         "send the offer tomorrow.", "lim"),
        ("today i visit the garza farm with my boss. i need to send the soil report by friday",
         "garza"),
        ("Met with Dr. Ana Ruiz and her husband, Mr. Leo Ruiz, to review the revised floor plan. "
         "I will send the final drawings by Friday.", "review"),
        ("Yesterday we sat down with the Okafors to go over the lease. Send them the comps by "
         "Mon.", "lease"),
    ],
)  # fmt: skip
def test_the_meeting_the_note_reports_is_no_task(text: str, wrong: str) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert titles, titles  # the note's own task is kept
    assert not any(wrong in t for t in titles), titles


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Call w/ Rosa Lind. I'll visit her shop today to measure the windows.", "visit"),
        ("Visit Mrs. Holt today to measure the stairs.", "holt"),
        ("Call w/ Rosa Lind. need to meet Tom Reyes today about the lease.", "meet"),
        ("Met with Ines Moreau, she asked me to send the deck by Fri.", "deck"),
    ],
)
def test_a_meeting_still_to_go_to_stays_a_task(text: str, kept: str) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert any(kept in t for t in titles), titles


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # dictation and formal memos open with the call the note reports
        ("call with derek and alyssa fontaine they found a house in maple heights so we need to "
         "lock the rate tomorrow", "fontaine"),
        ("Call report regarding Ashgrove Farm, proprietor Mr. Hamish Lockhart. I will send the "
         "invoice by Friday.", "report"),
        ("Phone call w/ Dr. Lena Ito re: the autoclave. send her the service quote Fri", "ito re"),
    ],
)  # fmt: skip
def test_the_call_the_note_opens_with_is_no_task(text: str, wrong: str) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert titles, titles
    assert not any(wrong in t for t in titles), titles


# Family (brief i16tp2): a task the writer takes back on its own line, as notes, texts and
# speech take it back.
@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Visit w/ Ada Pruitt\n→ ring her godfather? no - leave it\n- send the quote by Fri\n",
         "godfather"),
        ("Mtg Ravi Shah. send the flyer, scratch that. call him Fri about the lease.", "flyer"),
        ("Call w/ Ines Moreau. email her the rates... nvm, she has them. book the van Fri",
         "rates"),
        ("Ada Pruitt visit. text her tonight? no, don't. send the quote Fri", "text"),
    ],
)  # fmt: skip
def test_a_task_taken_back_on_its_line_is_no_task(text: str, wrong: str) -> None:
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert titles, titles
    assert not any(wrong in t for t in titles), titles


def test_a_task_put_off_is_not_taken_back() -> None:
    text = "Ada Pruitt visit. text her tonight? nah, not now - Mon. send the quote Fri"
    titles = [t.lower() for t, _ in _titles(understand(text, WED))]
    assert any("text" in t for t in titles), titles
    # a call to make, at the start of a note, stays a task
    assert _titles(understand("Call Tom Reyes tomorrow about the lease.", WED))


@pytest.mark.parametrize(
    "text",
    [
        # dictation: the "to" after a meeting belongs to the promise said in the same breath
        "saw rita grant i have to mail her the signed lease by thursday",
        "met with the okafors we need to send them the comps by friday",
        "Visited Ines Moreau, she wants me to price the new racks by Fri.",
    ],
)
def test_a_promise_said_after_a_meeting_in_the_same_breath_stays(text: str) -> None:
    assert _titles(understand(text, WED))
