"""Stage 8, tasks: the ones a careful reader files that the rules missed or mis-dated.

Families (brief i16tr): a due said relative to an event the note dates elsewhere, a
follow-up sentence that only says when, a promise checked as a question to self. Made-up
notes in no labelled set; WED is Wednesday 18 November 2026.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import WED
from tests.core.capture_probe import titles as _titles
from tests.core.understood import understand


def _due_of(text: str, word: str) -> str | None:
    found = [(t, d) for t, d in _titles(understand(text, WED)) if word.lower() in t.lower()]
    assert found, _titles(understand(text, WED))
    return found[0][1]


@pytest.mark.parametrize(
    ("text", "word", "want"),
    [
        # the event's line dates it, before or after the event's word
        (
            "Fri 27 Nov 10:00 - kickoff call w/ Ana Ruiz (Ruiz Tile). I'll send the brief before "
            "the call.",
            "brief",
            "2026-11-27",
        ),
        (
            "Ben Ode - appraisal back, closing moved to 12/4. send him a gift after the closing.",
            "gift",
            "2026-12-04",
        ),
        # a note written ahead of the meeting it is about: the meeting is the note's first day
        (
            "Agenda for Mon w/ Cy Park:\n1. renewal\nPrep: ask legal about the cap before the "
            "meeting.",
            "legal",
            "2026-11-23",
        ),
        # the night before the day said ahead of it
        (
            "Iris Vale: her daughter's recital is Dec 5. I'll have the flowers wrapped the night "
            "before.",
            "flowers",
            "2026-12-04",
        ),
    ],
)
def test_a_due_relative_to_an_event_is_the_events_day(text: str, word: str, want: str) -> None:
    assert _due_of(text, word) == want


@pytest.mark.parametrize(
    ("text", "word", "want"),
    [
        ("Met Tom Yu. Did I ever send Tom the lien waiver?? He asked twice. Send today.", "lien",
         "2026-11-18"),
        ("Met Tom Yu. Send a card to his mum who is in hospital? Yes - do it Fri.", "card",
         "2026-11-20"),
    ],
)  # fmt: skip
def test_a_follow_up_that_only_says_when_dates_the_task(text: str, word: str, want: str) -> None:
    assert _due_of(text, word) == want
    # and the follow-up is not a second task ("Send", "Do it")
    assert all(len(t.split()) > 2 for t, _ in _titles(understand(text, WED)))


def test_a_follow_up_that_says_more_than_when_is_its_own() -> None:
    text = "Met Tom Yu. Send him the lien waiver. Call the bank about the rate Fri."
    assert _due_of(text, "lien") is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Closing for the Okoyes Thu.\n- did I send the W-9 to the title co?\n- pens",
            ("Send the W-9 to the title co", None),
        ),
        (
            "Gus Ito, the deck job. did I pull the permit yet? don't think so, pull it Monday.",
            ("Pull the permit", "2026-11-23"),
        ),
        (
            "Lunch w/ Pia Roe. Did I ever send Pia the rate sheet?",
            ("Send Pia the rate sheet", None),
        ),
    ],
)
def test_a_promise_checked_as_a_question_to_self_is_the_step(
    text: str, want: tuple[str, str | None]
) -> None:
    assert want in _titles(understand(text, WED))


@pytest.mark.parametrize(
    "text",
    [
        "Lunch w/ Pia Roe. did I mention she has a new puppy?",
        "Lunch w/ Pia Roe. did I tell you her son got into Yale?",
    ],
)
def test_a_question_to_self_about_talk_is_no_task(text: str) -> None:
    assert _titles(understand(text, WED)) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "lunch w/ dr ana ruiz. dr ruiz wants the new dosing data, i said i'd drop it off "
            "next thursday.",
            ("Drop the new dosing data off", "2026-11-26"),
        ),
        (
            "Ben Ode needs a rate sheet, I promised I'd email it Fri.",
            ("Email Ben the rate sheet", "2026-11-20"),
        ),
    ],
)
def test_the_users_answer_to_a_wish_after_a_comma_is_the_users(
    text: str, want: tuple[str, str]
) -> None:
    assert [d for t, d in _titles(understand(text, WED))] == [want[1]]


@pytest.mark.parametrize(
    "text",
    [
        "Ben Ode wants a bigger room, we'd love to host them.",
        "Ben Ode needs more seats, I'd rather wait for the spring.",
    ],
)
def test_a_feeling_after_a_wish_is_no_promise(text: str) -> None:
    assert _titles(understand(text, WED)) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Ana Ruiz: send the permit packet due 12/15 by Fri.", ("Send the permit packet",
                                                                 "2026-11-20")),
        ("Ana Ruiz: send the bid forms due 12/15 no later than Mon.", ("Send the bid forms",
                                                                       "2026-11-23")),
        # one date: the thing's due is the task's
        ("Ana Ruiz: send the permit packet due 12/15.", ("Send the permit packet", "2026-12-15")),
    ],
)  # fmt: skip
def test_the_users_by_day_wins_over_the_things_due(text: str, want: tuple[str, str]) -> None:
    assert want in _titles(understand(text, WED))


@pytest.mark.parametrize(
    ("text", "word", "want"),
    [
        ("Met Ana Ruiz. send the deck before their trip. They fly to Rome on Dec 3.", "deck",
         "2026-12-03"),
        ("Met Ana Ruiz. they fly to Rome Dec 3, send the itinerary before their trip.", "itinerary",
         "2026-12-03"),
    ],
)  # fmt: skip
def test_an_event_not_named_again_is_dated_by_the_day_beside_it(
    text: str, word: str, want: str
) -> None:
    assert _due_of(text, word) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Met Ana Ruiz. send the deck Wed.\nEDIT: Thursday", "2026-11-19"),
        ("Met Ana Ruiz. send the deck Wed. UPDATE: she needs it Thursday.", "2026-11-19"),
    ],
)
def test_a_due_corrected_on_a_later_line_is_the_corrected_day(text: str, want: str) -> None:
    assert _titles(understand(text, WED)) == [("Send the deck", want)]


def test_a_correction_line_with_its_own_task_leaves_the_task_before() -> None:
    text = "Met Ana Ruiz. send the deck Wed.\nUpdate: call Bo Fri"
    assert _titles(understand(text, WED)) == [
        ("Send the deck", "2026-11-25"),
        ("Call Bo", "2026-11-20"),
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Met Ana Ruiz. She'd love a brochure - will do.", ("Send a brochure", None)),
        ("Met Ana Ruiz. she would love a copy of the floor plan - will do",
         ("Send a copy of the floor plan", None)),
    ],
)  # fmt: skip
def test_a_wish_said_as_a_liking_and_accepted_is_the_users(
    text: str, want: tuple[str, str | None]
) -> None:
    assert want in _titles(understand(text, WED))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Greg Ade - open house 5/30. D. promised Greg a budget by Thursday.",
         ("Send Greg a budget", "2026-11-19")),
        ("Greg Ade - open house 5/30. D. to send a congrats card + call him next week.",
         ("Send a congrats card", "2026-11-23")),
        ("Greg Ade - open house 5/30. D. to email Priscilla this week.",
         ("Email Priscilla", "2026-11-20")),
    ],
)  # fmt: skip
def test_an_assistants_words_for_the_boss_by_initial_are_the_users_steps(
    text: str, want: tuple[str, str]
) -> None:
    assert want in _titles(understand(text, WED))


def test_a_named_person_to_do_something_is_not_the_boss() -> None:
    text = "Greg Ade - open house 5/30. Greg to send the guest list by Thursday."
    assert not any(t.startswith("Send the guest list") for t, _ in _titles(understand(text, WED)))


# Family (brief i16tr2): a thing with its day and no verb is the user's to-do when where it is
# written says whose it is: a row under the user's own list heading (work tools, Markdown,
# memos, second-language notes), an item of an inline "Next:" line, a thing arrowed to someone
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Lunch w/ Ana Ruiz.\n\nWhat I promised:\n- condition report on the roof by Friday\n"
         "- send Bo the name of the roofer", ("Send condition report on the roof", "2026-11-20")),
        ("Call w/ Ana Ruiz\nI told her:\n1. a quote on the two pumps before her board meeting "
         "on the 24th\n2. I'd get her tickets", ("Send a quote on the two pumps", "2026-11-24")),
        ("## Ana Ruiz\n### For me\n* pedigree pages on the fillies I flagged by Monday\n"
         "* call Dr. Lee tomorrow", ("Send pedigree pages on the fillies I flagged",
                                     "2026-11-23")),
        ("Visit Ana Ruiz (Ruiz Tile)\nMy action items:\n- [ ] revised layout by 11/27\n"
         "- [ ] book the crane", ("Send revised layout", "2026-11-27")),
        ("mr. Chen shop visit. I will do:\n- price list for 2027 until friday\n- make a call to "
         "his son", ("Send price list for 2027", "2026-11-20")),
        ("Met Ana Ruiz. Next: TCO model to Ana by the 25th; circle back with Greg after Q3",
         ("Send TCO model to Ana", "2026-11-25")),
        ("Visited Ruiz Tile. Next: seal trial on line 3, target wk of 11/30; email Bo this wk.",
         ("Seal trial on line 3", "2026-11-30")),
        ("booking via Felicity: Jonah Reyes, wedding Sat Oct 10. quote -> Jonah by Mon; hold "
         "the date.", ("Quote Jonah", "2026-11-23")),
        ("Ana Ruiz call. deck -> Priya fri, rest next wk", ("Send deck to Priya", "2026-11-20")),
    ],
)  # fmt: skip
def test_a_dated_thing_in_the_users_own_rows_is_the_users_to_do(
    text: str, want: tuple[str, str]
) -> None:
    assert want in _titles(understand(text, WED))


@pytest.mark.parametrize(
    "text",
    [
        # the other side's rows, a clause, a named one's step, a fact with a day
        "Lunch w/ Ana Ruiz.\nTheir side:\n- signed PO by Friday\n- site plan by 11/27",
        "Call w/ Ana Ruiz\nI told her:\n- she'll take it to the board by Friday",
        "Met Ana Ruiz. Next: K to decide on the 2nd scanner by Friday; email Bo",
        "Visited Ruiz Tile. Next: email Bo this wk. Lena's twins turn 6 on 11/30; dinosaurs",
        "Ana Ruiz call. Next steps:\n- Jeff PO by Fri\n- [You]: revised quote by Friday",
        "Ana Ruiz: Q4 numbers -> good by Friday",
    ],
)
def test_rows_that_are_not_the_users_things_stay_out(text: str) -> None:
    assert not any(
        t.startswith(("Send signed", "Send site plan", "Send she", "Send K", "Send Lena",
                      "Send Jeff", "Send [", "Send Q4", "Send revised quote by"))
        for t, _ in _titles(understand(text, WED))
    ), _titles(understand(text, WED))  # fmt: skip


# Family (brief i16tr2): the user's promise as second-language and phone writers say it: the
# answer without its subject after the client's wish or about the one just named ("will call
# her tomorrow"), "revert" for a reply, "shall", a formal "I have arranged to"
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Met Ana Ruiz. She wants a bigger flat, will call her tomorrow.",
         ("Call Ana", "2026-11-19")),
        ("Met Ana Ruiz. Her cousin Anand Joshi is searching for a 2BHK, will call him tomorrow.",
         ("Call Anand", "2026-11-19")),
        ("Ana Ruiz visit. wants the catalogue, gonna mail Bo tmrw", ("Mail Bo", "2026-11-19")),
        ("Mrs. Ana Ruiz called. Kindly also revert on the decor vendor.",
         ("Revert on the decor vendor", None)),
        ("Ana Ruiz call - I will revert to her by Monday on the price.",
         ("Revert to Ana on the price", "2026-11-23")),
        ("Visit Mr. Chen. Shall send the offer Monday.", ("Send the offer", "2026-11-23")),
        ("Ms Lin Mei Hua of Golden Lotus travel call me, group arrive third of June. I quote "
         "her tomorrow.", ("Quote Lin", "2026-11-19")),
        ("File note regarding Mrs. Ana Ruiz. I have arranged to re-measure the window on Friday "
         "and shall telephone the glazier tomorrow.",
         ("Re-measure the window", "2026-11-20")),
    ],
)  # fmt: skip
def test_a_promise_in_second_language_english_is_the_users(
    text: str, want: tuple[str, str | None]
) -> None:
    assert want in _titles(understand(text, WED))


@pytest.mark.parametrize(
    "text",
    [
        "Met Ana Ruiz. he checks with his wife, will confirm Friday",
        "Met Ana Ruiz. She wants to move, will sell the house in spring.",
    ],
)
def test_the_clients_own_next_step_without_a_subject_stays_theirs(text: str) -> None:
    assert _titles(understand(text, WED)) == []


# Family (brief i16tr2): "it" in a task stands for the thing named earlier in its sentence,
# as spoken, phone and second-language notes put it ("for the campus tour, i have to book it")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Met Ana Ruiz. next next week they come back for the campus tour, i have to book it",
         "Book the campus tour"),
        ("Ana Ruiz called. oh and the hearse is due its MOT on the twenty ninth, book it in",
         "Book the MOT in"),
        ("Ana Ruiz - the printer jammed again, I'll fix it Monday.", "Fix the printer"),
    ],
)  # fmt: skip
def test_it_in_a_task_is_the_thing_its_sentence_named(text: str, want: str) -> None:
    assert want in [t for t, _ in _titles(understand(text, WED))]


def test_it_is_never_a_date_a_time_or_a_person() -> None:
    text = "Ana Ruiz. her clinic lost the form on the 14th of the month, I will resend it Monday"
    assert [t for t, _ in _titles(understand(text, WED))] == ["Resend the form"]


# Family (brief i16tr2): the step's date in a field of its own under it, as CRMs, forms and
# work tools lay a record out ("Next step: send proposal" / "Follow-up date: 14/01/2027")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Call w/ Ana Ruiz\nNext step: send proposal\nFollow-up date: 11/27",
         ("Send proposal", "2026-11-27")),
        ("Opportunity: Ruiz Tile\nNext step: send revised quote\nNext step date: 14/01/2027",
         ("Send revised quote", "2027-01-14")),
        ("Ana Ruiz visit\nAction: call the supplier\nAction date: Friday",
         ("Call the supplier", "2026-11-20")),
    ],
)  # fmt: skip
def test_a_steps_date_field_under_it_is_its_due(text: str, want: tuple[str, str]) -> None:
    assert _titles(understand(text, WED)) == [want]


# Family (brief i16tr2): what the client wants done by a day, said with the thing and its
# participle, is the user's step ("wants the care plan emailed by Fri")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Met Ana Ruiz. Ingrid wants the care plan emailed by Fri.",
         ("Email the care plan", "2026-11-20")),
        ("Ana Ruiz call - wants the ticketing add-on quoted by 11/27",
         ("Quote the ticketing add-on", "2026-11-27")),
        ("Ana Ruiz: she is needing the invoice sent to her accountant by Monday itself.",
         ("Send the invoice to her accountant", "2026-11-23")),
        ("Ana Ruiz texted, they need the pre approval letter updated to 460 by Thursday.",
         ("Update the pre approval letter to 460", "2026-11-19")),
    ],
)  # fmt: skip
def test_a_thing_the_client_wants_done_by_a_day_is_the_users_step(
    text: str, want: tuple[str, str]
) -> None:
    assert want in _titles(understand(text, WED))


@pytest.mark.parametrize(
    "text",
    [
        # done by them or a third party, an order with its delivery, the user's own want
        "Met Ana Ruiz. he wants the contract signed by Friday.",
        "Met Ana Ruiz. the bank wants the loan approved by Friday.",
        "Met Ana Ruiz. wants 6 student cellos by August 1.",
        "Met Ana Ruiz. she wants to close by Friday.",
    ],
)
def test_wants_that_are_not_the_users_steps_stay_out(text: str) -> None:
    assert _titles(understand(text, WED)) == []


# Family (brief i16tr2): "before then", "b4 then", "by then" point back at the last day said
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Dev Raman, new prospect. tour Thu 10am -> me. send app pkt + dues sheet b4 then.",
         ("Send app pkt and dues sheet", "2026-11-18")),
        ("Ana Ruiz: inspector coming 11/27, i have to call the plumber before then",
         ("Call the plumber", "2026-11-26")),
        ("Ana Ruiz - her party is on the 28th. I will order the flowers by then.",
         ("Order the flowers", "2026-11-28")),
    ],
)  # fmt: skip
def test_a_due_said_as_then_is_the_last_day_said(text: str, want: tuple[str, str]) -> None:
    assert want in _titles(understand(text, WED))


# Family (brief i16tr2): a Markdown task's signs are no words of its title (Obsidian Tasks and
# Todoist marks, an emptied [[date]] link, a closing #tag), a number sign is
def test_markdown_task_signs_leave_the_title() -> None:
    text = (
        "## Ana Ruiz\n- [ ] book the van 📅 2026-11-20\n- [ ] follow up w/ Ana [[2026-11-24]]\n"
        "- [ ] send deck #todo\n- [ ] chase PO #4471 ⏫"
    )
    assert _titles(understand(text, WED)) == [
        ("Book the van", "2026-11-20"),
        ("Follow up with Ana", "2026-11-24"),
        ("Send deck", None),
        ("Chase PO #4471", None),
    ]


# Family (brief i16tr2): what the user is to bring is for the meeting the note dated before it
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Invitation: Site visit - Ruiz residence @ Fri Nov 27, 2026 8am\nDescription: Ana "
         "wants to see the tiles - please bring the samples.", ("Bring the samples", "2026-11-27")),
        ("Ana Ruiz: Are we still on for the walk-through Thursday?\nMe: Yes, 9am\nAna Ruiz: Can "
         "you also bring the updated route maps?", ("Bring the updated route maps", "2026-11-19")),
        ("Delivery for Ana Ruiz is Tuesday, no wait, it's Friday. Bring the touch-up kit.",
         ("Bring the touch-up kit", "2026-11-20")),
    ],
)  # fmt: skip
def test_what_to_bring_is_due_at_the_meeting_said_before(text: str, want: tuple[str, str]) -> None:
    assert want in _titles(understand(text, WED))


# Family (brief i16due): a courtesy word before the verb ("kindly", Indian, Nigerian and
# Philippine English; "plz" texting) is no part of the task: its date is the due, not a title word
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("he loves carnatic music. kindly send the package brochure and the payment plan by this "
         "friday.", ("Send the package brochure and the payment plan", "2026-11-20")),
        ("Kindly send the brochure by Friday.", ("Send the brochure", "2026-11-20")),
        ("Ana asked about the tiles. Kindly call her by Friday.", ("Call Ana", "2026-11-20")),
        ("plz send the invoice by friday.", ("Send the invoice", "2026-11-20")),
    ],
)  # fmt: skip
def test_a_courtesy_word_before_the_verb_leaves_the_due(text: str, want: tuple[str, str]) -> None:
    assert want in _titles(understand(text, WED))
