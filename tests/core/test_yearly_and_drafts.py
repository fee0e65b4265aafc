"""Yearly dates ("Jake turns 13 on Nov 24", 29 February) and the drafted messages."""

from __future__ import annotations

from datetime import date

from rapport.core import drafts, yearly
from rapport.core.records import ImportantDate, Person, Task

TODAY = date(2026, 11, 19)


def birthday(
    month: int, day: int, year: int | None = None, person: int | None = None
) -> ImportantDate:
    return ImportantDate(1, 10, "birthday", month, day, year, person)


def test_leap_day_birthdays_fall_on_28_february_in_common_years() -> None:
    assert yearly.occurrence(2, 29, 2027) == date(2027, 2, 28)
    assert yearly.occurrence(2, 29, 2028) == date(2028, 2, 29)
    found = yearly.upcoming([birthday(2, 29, 2000)], {}, {10: "Bob Smith"}, date(2027, 2, 20))
    assert [(u.date, u.turning, u.text) for u in found] == [
        (date(2027, 2, 28), 27, "Bob Smith turns 27 on Feb 28")
    ]
    # The query helper asks the database for 29 Feb when 28 Feb is in the window.
    assert (2, 29) in yearly.month_days_within(date(2027, 2, 20))
    assert (2, 29) not in yearly.month_days_within(date(2028, 2, 1))


def test_age_from_an_age_heard_in_conversation() -> None:
    jake = Person(7, 10, "Jake", "son", age=12, age_as_of=date(2026, 11, 16))
    found = yearly.upcoming([birthday(11, 24, person=7)], {7: jake}, {10: "Bob Smith"}, TODAY)
    assert found[0].text == "Jake turns 13 on Nov 24"
    assert (found[0].in_days, found[0].when_text) == (5, "in 5 days")
    # Heard "12" the week after his birthday: he turns 13 next year, not this one.
    heard_late = Person(7, 10, "Jake", "son", age=12, age_as_of=date(2026, 11, 30))
    assert yearly.turning(birthday(11, 24, person=7), heard_late, date(2027, 11, 24)) == 13


def test_window_edges_year_wrap_and_wording() -> None:
    items = [
        birthday(11, 19),  # today
        ImportantDate(2, 10, "anniversary", 12, 3, 2006),  # in 14 days: included
        birthday(12, 4),  # in 15 days: not yet
    ]
    found = yearly.upcoming(items, {}, {10: "Bob Smith"}, TODAY)
    assert [u.text for u in found] == [
        "Bob Smith's birthday on Nov 19",
        "Bob Smith's 20th anniversary on Dec 3",
    ]
    assert found[0].when_text == "today"
    late_dec = yearly.upcoming([birthday(1, 3)], {}, {10: "Bob Smith"}, date(2026, 12, 28))
    assert late_dec[0].date == date(2027, 1, 3)
    assert yearly.ordinal(11) == "11th" and yearly.ordinal(22) == "22nd"


def test_unnamed_people_archived_clients_and_duplicates() -> None:
    son = Person(7, 10, None, "son", birthday=date(2014, 11, 25))
    items = [birthday(11, 25, person=7), *yearly.person_birthdays([son])]
    found = yearly.upcoming(items, {7: son}, {10: "Bob Smith"}, TODAY)
    assert [u.text for u in found] == ["Bob's son turns 12 on Nov 25"]
    assert yearly.upcoming(items, {7: son}, {}, TODAY) == []  # client archived


# -- drafts -------------------------------------------------------------------------------------
def late_task(task_id: int, title: str = "Send the revised proposal") -> Task:
    return Task(id=task_id, title=title, kind="promise", promised=True, due=date(2026, 11, 17))


def test_running_late_note_says_what_when_and_sorry() -> None:
    note = drafts.late_note(late_task(1), "Bob", date(2026, 11, 23), TODAY, "Sam Carter")
    assert note.startswith(("Hi Bob,", "Hello Bob,"))
    assert "the revised proposal" in note
    assert "Monday, Nov 23" in note
    assert any(word in note.lower() for word in ("sorry", "apolog"))
    assert note.endswith("Sam Carter")


def test_wording_varies_between_promises_but_never_for_one() -> None:
    notes = {drafts.late_note(late_task(i), "Bob", date(2026, 11, 23), TODAY) for i in range(1, 30)}
    assert len(notes) > 1
    first = drafts.late_note(late_task(5), "Bob", date(2026, 11, 23), TODAY)
    assert first == drafts.late_note(late_task(5), "Bob", date(2026, 11, 23), TODAY)


def test_a_note_before_the_deadline_is_a_heads_up() -> None:
    early = Task(id=3, title="Get pricing", kind="promise", due=date(2026, 11, 20))
    note = drafts.late_note(early, "Anna", date(2026, 11, 24), TODAY)
    assert "late with it" not in note and "Tuesday, Nov 24" in note
    assert "the pricing" in note


def test_what_was_promised() -> None:
    assert drafts.what_was_promised("Send the revised proposal") == "the revised proposal"
    assert drafts.what_was_promised("pricing for 2027") == "the pricing for 2027"
    assert drafts.what_was_promised("Get him the ROI model") == "the ROI model"
    assert drafts.what_was_promised("Send") == "what I promised you"
    # The person the task names is whom the note is written to, not part of what is owed.
    assert (
        drafts.what_was_promised("Send Michael the claims dashboard mock-up")
        == "the claims dashboard mock-up"
    )
    assert (
        drafts.what_was_promised("Send Dana revised pricing for the Q1 rollout")
        == "the revised pricing for the Q1 rollout"
    )
    assert drafts.what_was_promised("Send Mary Ann two references") == "the two references"
    assert drafts.what_was_promised("Send Q1 numbers") == "the Q1 numbers"
    assert drafts.what_was_promised("Get Bob the ROI model") == "the ROI model"


def test_auto_reply_has_dates_return_and_backup() -> None:
    reply = drafts.auto_reply(
        date(2026, 11, 23),
        date(2026, 11, 27),
        date(2026, 11, 30),
        "Dana Lee",
        "dana@acme.com",
        "Sam Carter",
    )
    assert "Monday, Nov 23" in reply.email and "Friday, Nov 27" in reply.email
    assert "back on Monday, Nov 30" in reply.email
    assert "Dana Lee at dana@acme.com" in reply.email and reply.email.endswith("Sam Carter")
    assert reply.voicemail.startswith("You've reached Sam Carter.")
    bare = drafts.auto_reply(date(2026, 11, 23), date(2026, 11, 27), date(2026, 11, 30), "", "", "")
    assert "contact" not in bare.email  # no backup sentence without a backup
    assert bare.voicemail.startswith("Hello.")
