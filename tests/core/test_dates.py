"""The due-date grammar: relative phrases resolve against a fixed today."""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.understand.dates.find import find_dates, parse_due

WED = date(2026, 11, 18)  # a Wednesday
FRI = date(2027, 1, 8)  # a Friday
SUN = date(2026, 12, 27)  # a Sunday


@pytest.mark.parametrize(
    ("phrase", "today", "want"),
    [
        ("today", WED, "2026-11-18"),
        ("tonight", WED, "2026-11-18"),
        ("this afternoon", WED, "2026-11-18"),
        ("EOD", WED, "2026-11-18"),
        ("by end of day", WED, "2026-11-18"),
        ("ASAP", WED, "2026-11-18"),
        ("tomorrow", WED, "2026-11-19"),
        ("tmrw", WED, "2026-11-19"),
        ("first thing tomorrow", WED, "2026-11-19"),
        ("by Friday", WED, "2026-11-20"),
        ("Friday", FRI, "2027-01-15"),
        ("this Friday", FRI, "2027-01-08"),
        ("by Fri", WED, "2026-11-20"),
        ("Monday", WED, "2026-11-23"),
        ("first thing Monday", WED, "2026-11-23"),
        ("next Tuesday", WED, "2026-11-24"),
        ("next Wednesday", WED, "2026-11-25"),
        ("next Friday", WED, "2026-11-27"),
        ("next Tuesday", SUN, "2026-12-29"),
        ("end of week", WED, "2026-11-20"),
        ("this week", SUN, "2027-01-01"),
        ("next week", WED, "2026-11-23"),
        ("end of next week", FRI, "2027-01-15"),
        ("end of month", WED, "2026-11-30"),
        ("next month", WED, "2026-12-01"),
        ("in two weeks", WED, "2026-12-02"),
        ("in 3 days", WED, "2026-11-21"),
        ("in a couple of days", WED, "2026-11-20"),
        ("in a few days", WED, "2026-11-21"),
        ("within 2 business days", FRI, "2027-01-12"),
        ("by the 15th", WED, "2026-12-15"),
        ("by the 20th", WED, "2026-11-20"),
        ("by the 1st", WED, "2026-12-01"),
        ("March 3", WED, "2027-03-03"),
        ("Mar 3rd", WED, "2027-03-03"),
        ("3/15", WED, "2027-03-15"),
        ("12/1", WED, "2026-12-01"),
        ("Dec 1", WED, "2026-12-01"),
        ("Dec. 1, 2027", WED, "2027-12-01"),
        ("the 4th of July", WED, "2027-07-04"),
        ("2026-12-24", WED, "2026-12-24"),
        ("Q1", WED, "2027-03-31"),
        ("by Q4", WED, "2026-12-31"),
        ("end of March", WED, "2027-03-31"),
        ("in June", WED, "2027-06-01"),
        ("mid-December", WED, "2026-12-15"),
        ("by Christmas", WED, "2026-12-25"),
        ("before Thanksgiving", WED, "2026-11-25"),
        ("by 5pm", WED, "2026-11-18"),
    ],
)
def test_phrase_resolves(phrase: str, today: date, want: str) -> None:
    assert parse_due(phrase, today) == date.fromisoformat(want)


@pytest.mark.parametrize("phrase", ["after the holidays", "soon", "sometime", "", "24/7"])
def test_no_honest_day_is_none(phrase: str) -> None:
    assert parse_due(phrase, WED) is None


@pytest.mark.parametrize(
    "text",
    [
        "Sat down with Rosa",
        "the sun was out",
        "we wed last year",
        "Christmas cards for clients",
        "the Q1 forecast",
        "their 30th anniversary",
        "she may call",
    ],
)
def test_words_that_look_like_dates_are_not(text: str) -> None:
    assert [m for m in find_dates(text, WED) if m.value is not None] == []


def test_finder_reports_spans_with_their_preposition() -> None:
    text = "I owe him a corrected invoice by end of day and a discount proposal in two weeks."
    found = find_dates(text, WED)
    assert [(m.text, m.value) for m in found] == [
        ("by end of day", date(2026, 11, 18)),
        ("in two weeks", date(2026, 12, 2)),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_exact_days_are_marked_for_yearly_dates() -> None:
    by_text = {m.text: m for m in find_dates("next Tuesday, next week, Q1, in a few days", WED)}
    assert by_text["next Tuesday"].exact
    assert not by_text["next week"].exact
    assert not by_text["Q1"].exact
    assert not by_text["in a few days"].exact


def test_short_weekdays_need_a_preposition() -> None:
    assert parse_due("call back on wed", WED) == date(2026, 11, 25)
    assert parse_due("wed", WED) is None


@pytest.mark.parametrize(
    ("phrase", "today", "want"),
    [
        ("call him back mon", FRI, "2027-01-11"),
        ("reply Mon, then the rest", FRI, "2027-01-11"),
        ("send a good luck text Sat.", WED, "2026-11-21"),
        ("email Frank mon + thank Renee", WED, "2026-11-23"),
        ("will try again wed", FRI, "2027-01-13"),
        # the day's pattern took the sentence's full stop; the next sentence follows
        ("send LOI draft Mon. she asked for more", WED, "2026-11-23"),
        ("deposit invoice goes out Mon. His wife", WED, "2026-11-23"),
        ("deliver Sat #collector #hold", WED, "2026-11-21"),
    ],
)
def test_short_weekday_closing_a_clause_is_a_day(phrase: str, today: date, want: str) -> None:
    assert parse_due(phrase, today) == date.fromisoformat(want)


@pytest.mark.parametrize(
    "text",
    ["we sat down after", "lay in the sun, read", "they wed in May", "we sat. Then", "the sun. It"],
)
def test_short_weekday_after_a_subject_or_article_is_a_word(text: str) -> None:
    assert [m for m in find_dates(text, WED) if m.kind == "day"] == []


@pytest.mark.parametrize(
    ("phrase", "today", "want"),
    [
        ("nxt wk", WED, "2026-11-23"),
        ("prep her nxt Thurs", WED, "2026-11-26"),
        ("this wk", WED, "2026-11-20"),
        ("end of the wk", WED, "2026-11-20"),
        ("by w/e", WED, "2026-11-20"),
        ("over the wknd", WED, "2026-11-21"),
        ("call b4 fri", WED, "2026-11-20"),
        ("b4 the 30th", WED, "2026-11-30"),
        ("nxt month", WED, "2026-12-01"),
        ("nxt yr", WED, "2027-01-01"),
        ("first wk of Jan", date(2026, 12, 29), "2027-01-01"),
        ("second week of March", WED, "2027-03-08"),
        ("last week of June", WED, "2027-06-24"),
    ],
)
def test_phone_shorthand_for_dates(phrase: str, today: date, want: str) -> None:
    assert parse_due(phrase, today) == date.fromisoformat(want)


def test_close_of_business_on_todays_weekday_is_today() -> None:
    assert parse_due("COB Wed", WED) == WED
    assert parse_due("Wednesday EOD", WED) == WED
    assert parse_due("by Wed", WED) == date(2026, 11, 25)


def test_trigger_words_never_hide_a_date() -> None:
    """Skipping patterns whose trigger words are absent finds exactly what running all does."""
    import json
    from pathlib import Path

    from rapport.core.understand.dates import find as dates
    from rapport.core.understand.dates import rules as dates_rules

    here = Path(__file__).parent
    texts = [
        json.loads(line)["text"]
        for name in (
            "capture_notes.jsonl",
            "capture_notes_blind.jsonl",
            "capture_notes_holdout.jsonl",
        )
        for line in (here / name).read_text("utf-8").splitlines()
        if line.strip()
    ]
    texts += ["by 5pm", "in 3 hrs", "Q3 2027", "2026-12-24", "the 4th of July", "nxt mo", "EOY"]
    with_triggers = [dates.find_dates(t, WED) for t in texts]
    saved = dict(dates_rules.TRIGGERS)
    try:
        dates_rules.TRIGGERS.clear()
        dates._rules.cache_clear()
        assert [dates.find_dates(t, WED) for t in texts] == with_triggers
    finally:
        dates_rules.TRIGGERS.update(saved)
        dates._rules.cache_clear()


def test_end_of_day_tomorrow_is_tomorrow() -> None:
    assert parse_due("by EOD tmrw", WED) == date(2026, 11, 19)


def test_days_in_month_agrees_with_the_calendar_module() -> None:
    import calendar

    from rapport.core.understand.dates.days import days_in_month

    for year in (1900, 1999, 2000, 2023, 2024, 2026, 2100, 2400):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
    with pytest.raises(ValueError):
        days_in_month(2026, 13)


@pytest.mark.parametrize(
    ("phrase", "today", "want"),
    [
        ("quotes from three insurers by Friday 25 September", date(2026, 9, 15), "2026-09-25"),
        ("on Sat, 3rd October", date(2026, 9, 15), "2026-10-03"),
        ("sending the proposal this arvo", WED, "2026-11-18"),
    ],
)
def test_a_weekday_before_day_and_month_and_regional_words_for_today(
    phrase: str, today: date, want: str
) -> None:
    # the weekday said before "25 September" is the same day, not the coming Friday
    assert [m.value for m in find_dates(phrase, today)] == [date.fromisoformat(want)]


@pytest.mark.parametrize(
    ("phrase", "want"),
    [
        ("send the deck the week after Thanksgiving", "2026-11-30"),
        ("call her the week before Christmas", "2026-12-14"),
        ("the week after the 4th", "2026-12-07"),
        ("the wk after Dec 9", "2026-12-14"),
    ],
)
def test_the_week_after_or_before_a_day_is_that_weeks_monday(phrase: str, want: str) -> None:
    found = find_dates(phrase, WED)
    assert [(m.value, m.kind) for m in found] == [(date.fromisoformat(want), "week")]


def test_the_week_beside_a_day_without_after_or_before_is_the_day() -> None:
    assert [m.value for m in find_dates("the week Dec 7", WED)] == [date(2026, 12, 7)]


# Family (brief i16tr2): dates as second-language and continental writers put them: dotted
# day-month-year whatever the user's order, "next next" for the week after next, and a
# weekday counted from a day the phrase names ("the Monday after Thanksgiving")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("send it by 12.01.2027 pls", "2027-01-12"),
        ("Termin am 3.2.27", "2027-02-03"),
        ("deadline 30.11.2026.", "2026-11-30"),
        ("next next week", "2026-11-30"),
        ("call him next next Monday", "2026-11-30"),
        ("before he leaves the Monday after Thanksgiving", "2026-11-30"),
        ("by the Friday before Christmas", "2026-12-18"),
        ("the Tuesday after the 14th", "2026-12-15"),
        ("the Friday after Dec 4", "2026-12-11"),
        # a full date that only one order can read is read in that order
        ("follow-up 14/01/2027", "2027-01-14"),
        ("by 3/14/27", "2027-03-14"),
    ],
)
def test_second_language_and_counted_weekday_dates(text: str, want: str) -> None:
    found = [d for d in find_dates(text, WED) if d.value is not None]
    assert [d.value.isoformat() for d in found if d.value] == [want], found
    assert [d.value.isoformat() for d in find_dates(text, WED, True) if d.value] == [want]


@pytest.mark.parametrize(
    "text", ["release v2.14.3 today", "ip 10.0.0.1", "score 3.5.", "call Monday after the demo"]
)
def test_dotted_numbers_and_a_weekday_before_an_event_are_no_counted_date(text: str) -> None:
    assert all(d.text.lower().startswith(("today", "monday")) for d in find_dates(text, WED)), (
        find_dates(text, WED)
    )


def test_a_chat_exports_stamp_is_not_read_day_first_in_a_month_first_book() -> None:
    assert find_dates("[14/04/2026, 09:12] Marco: the invoice please", WED) == []


# Family (brief i16due): a day counted to the wrong week. A weekday put in the next week by the
# words after it; "week after/before" a day without its article, also round a holiday that falls
# on a Friday; "a week from Friday" in Scots ("fae", "frae")
@pytest.mark.parametrize(
    ("text", "today", "want"),
    [
        ("costing for both options by Friday of next week", WED, ("2026-11-27", "day")),
        ("Can you do the Tuesday of the following week?", WED, ("2026-11-24", "day")),
        ("pls send wed of nxt wk", WED, ("2026-11-25", "day")),
        ("Monday of next week works", SUN, ("2026-12-28", "day")),
        ("hangar bay site check wk after Thanksgiving", WED, ("2026-11-30", "week")),
        ("- visit week before the 14th", WED, ("2026-12-07", "week")),
        ("Call Saul the week after New Year's about the sale", WED, ("2027-01-04", "week")),
        ("call him week after new year", WED, ("2027-01-04", "week")),
        ("i'll get that tae her a week fae friday", WED, ("2026-11-27", "day")),
        ("we'll send it a fortnight frae Monday", WED, ("2026-12-07", "day")),
    ],
)
def test_a_weekday_or_week_counted_from_words_after_it(
    text: str, today: date, want: tuple[str, str]
) -> None:
    found = [(d.value.isoformat(), d.kind) for d in find_dates(text, today) if d.value]
    assert found == [want], found


@pytest.mark.parametrize(
    "text", ["a week after Thanksgiving", "2 wk after the 4th", "next week after the 4th"]
)
def test_a_counted_or_named_week_before_after_is_no_week_around_a_day(text: str) -> None:
    found = find_dates(text, WED)
    assert not any(d.text.lower().startswith(("week", "wk")) for d in found), found


# Family (brief i16due): a fraction of a thing is no day ("1/16 share" read as 16 January)
@pytest.mark.parametrize(
    "text",
    [
        "the 50-hour card vs 1/16 share comparison by month end",
        "she owns a 1/4 interest in the LLC, send the K-1 by month end",
        "they give 1/2 off for members, send the flyer by month end",
        "pay 3/4 of the deposit by month end",
        "trim 1/4 inch from the shelf by month end",
    ],
)
def test_a_fraction_of_a_thing_is_no_day(text: str) -> None:
    found = [(d.value.isoformat(), d.kind) for d in find_dates(text, WED) if d.value]
    assert found == [("2026-11-30", "month")], found


def test_a_day_written_with_a_slash_is_still_a_day_before_other_words() -> None:
    found = find_dates("send the 1/16 invoice, ship 3/4 the order", WED)
    assert [d.value.isoformat() for d in found if d.value] == ["2027-01-16", "2027-03-04"]


# Family (brief i16due): a run of months after "for" is the period a thing covers, no due
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("sending over the reconciled bank statements for Jan and Feb by Thursday", ["2026-11-19"]),
        ("pls send invoices for March-April by Friday", ["2026-11-20"]),
        ("the payroll reports for Oct through Dec", []),
        ("book the hall for January", ["2027-01-01"]),
    ],
)
def test_a_run_of_months_after_for_is_a_period_not_a_due(text: str, want: list[str]) -> None:
    assert [d.value.isoformat() for d in find_dates(text, WED) if d.value] == want
