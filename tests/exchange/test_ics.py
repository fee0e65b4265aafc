"""iCalendar out: to-dos with reminders, yearly dates that a calendar repeats by itself."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Calendar

from rapport.exchange.ics import TodoOut, YearlyOut, write


def _calendar() -> Calendar:
    data = write(
        [
            TodoOut("task-1@b.rapport", "Send the proposal", date(2026, 11, 20), "For Bob"),
            TodoOut("task-2@b.rapport", "Someday", None),
        ],
        [
            YearlyOut("date-1@b.rapport", "Jake's birthday", 5, 17, 2014, "Bob Smith"),
            YearlyOut("date-2@b.rapport", "Leap's birthday", 2, 29),
        ],
        datetime(2026, 11, 18, 9, 0),
    )
    return Calendar.from_ical(data)


def test_open_tasks_are_todos_with_a_due_date_and_an_alarm() -> None:
    todos = {str(t["UID"]): t for t in _calendar().walk("VTODO")}
    dated = todos["task-1@b.rapport"]
    assert dated["DUE"].dt == date(2026, 11, 20)
    assert str(dated["STATUS"]) == "NEEDS-ACTION"
    (alarm,) = dated.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(hours=9)
    assert alarm["TRIGGER"].params["RELATED"] == "END"
    assert "DUE" not in todos["task-2@b.rapport"]
    assert not todos["task-2@b.rapport"].walk("VALARM")


def test_dates_repeat_every_year_with_a_reminder_the_day_before() -> None:
    events = {str(e["UID"]): e for e in _calendar().walk("VEVENT")}
    jake = events["date-1@b.rapport"]
    assert jake["DTSTART"].dt == date(2014, 5, 17)
    assert jake["RRULE"]["FREQ"] == ["YEARLY"]
    assert str(jake["TRANSP"]) == "TRANSPARENT"
    assert jake.walk("VALARM")[0]["TRIGGER"].dt == timedelta(hours=-15)
    leap = events["date-2@b.rapport"]
    assert leap["DTSTART"].dt == date(2000, 2, 29)
    # Never skipped in common years: the last day of February instead.
    assert leap["RRULE"]["BYMONTH"] == [2]
    assert leap["RRULE"]["BYMONTHDAY"] == [-1]


def test_stamps_are_utc() -> None:
    for component in _calendar().walk("VTODO"):
        assert component["DTSTAMP"].dt.utcoffset() == timedelta(0)
