"""iCalendar out (with icalendar): open tasks as to-dos, birthdays and anniversaries as
yearly events, each with a reminder, so the user's calendar reminds them while Rapport is
closed.

- A task is a ``VTODO`` with ``DUE;VALUE=DATE`` and a ``VALARM`` at 09:00 on the due day
  (``TRIGGER;RELATED=END:PT9H``: nine hours after the start of the due date).
- A yearly date is an all-day ``VEVENT`` with ``RRULE:FREQ=YEARLY`` (29 February recurs on
  the last day of February, ``BYMONTH=2;BYMONTHDAY=-1``, so it is never skipped) and a
  ``VALARM`` at 09:00 the day before (``TRIGGER:-PT15H``), time to buy a card.
- Every item has a ``UID`` that depends only on the book and the row (for example
  ``task-12@<book id>.rapport``), so importing a newer export updates the calendar's
  entries instead of adding duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from rapport.core.yearly import occurrence


@dataclass(frozen=True, slots=True)
class TodoOut:
    uid: str
    title: str
    due: date | None
    description: str = ""
    category: str = ""
    last_modified: datetime | None = None


@dataclass(frozen=True, slots=True)
class YearlyOut:
    uid: str
    summary: str
    month: int
    day: int
    year: int | None = None
    description: str = ""
    category: str = ""


@dataclass(frozen=True, slots=True)
class DayOut:
    """A one-day, all-day event (a promise on its due day, for a phone's calendar)."""

    uid: str
    summary: str
    day: date
    description: str = ""
    category: str = ""


def write(
    todos: Iterable[TodoOut],
    yearly: Iterable[YearlyOut],
    stamp: datetime,
    days: Iterable[DayOut] = (),
) -> bytes:
    """The calendar file's bytes. ``stamp`` is the export time (DTSTAMP, in UTC)."""
    from icalendar import Alarm, Calendar, Event, Todo

    utc_stamp = _utc(stamp)
    calendar = Calendar()
    calendar.add("prodid", "-//Rapport//Rapport//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Rapport")
    for item in todos:
        todo = Todo()
        todo.add("uid", item.uid)
        todo.add("dtstamp", utc_stamp)
        todo.add("summary", item.title)
        todo.add("status", "NEEDS-ACTION")
        if item.description:
            todo.add("description", item.description)
        if item.category:
            todo.add("categories", [item.category])
        if item.last_modified is not None:
            todo.add("last-modified", _utc(item.last_modified))
        if item.due is not None:
            todo.add("due", item.due)
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", item.title)
            alarm.add("trigger", timedelta(hours=9), parameters={"RELATED": "END"})
            todo.add_component(alarm)
        calendar.add_component(todo)
    for day in yearly:
        event = Event()
        event.add("uid", day.uid)
        event.add("dtstamp", utc_stamp)
        event.add("summary", day.summary)
        # The first year is the year of birth when it is a real one (29 Feb of 1981:
        # the 28th); a year no calendar can hold (0001, 9999 from an old import) is not.
        first = day.year if day.year and 1800 <= day.year <= 2200 else 2000
        start = occurrence(day.month, day.day, first)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(days=1))
        if (day.month, day.day) == (2, 29):
            event.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
        else:
            event.add("rrule", {"freq": "yearly"})
        event.add("transp", "TRANSPARENT")
        if day.description:
            event.add("description", day.description)
        if day.category:
            event.add("categories", [day.category])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", day.summary)
        alarm.add("trigger", timedelta(hours=-15))
        event.add_component(alarm)
        calendar.add_component(event)
    for on_day in days:
        event = Event()
        event.add("uid", on_day.uid)
        event.add("dtstamp", utc_stamp)
        event.add("summary", on_day.summary)
        event.add("dtstart", on_day.day)
        event.add("dtend", on_day.day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        if on_day.description:
            event.add("description", on_day.description)
        if on_day.category:
            event.add("categories", [on_day.category])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", on_day.summary)
        alarm.add("trigger", timedelta(hours=9))
        event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _utc(moment: datetime) -> datetime:
    """Naive times in Rapport are local; calendars want UTC stamps."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).replace(microsecond=0)
