"""People, facts, conversations and tasks: validation and the rules they keep."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from rapport.services import clients, facts, interactions, people, tasks
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.undo import restore
from rapport.store import models as m

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def bob(book: Path) -> int:
    return clients.create_client("Bob Smith").id


def test_impossible_dates_are_refused(bob: int) -> None:
    with pytest.raises(ValidationError, match="2026-02-30"):
        tasks.add_task("Send pricing", bob, "2026-02-30")
    with pytest.raises(ValidationError, match="not a real date"):
        people.add_date(bob, "birthday", 2, 30)
    assert people.add_date(bob, "birthday", 2, 29).day == 29
    assert tasks.list_tasks() == []


def test_past_due_date_is_refused_when_creating(bob: int) -> None:
    with pytest.raises(ValidationError, match="already past"):
        tasks.add_task("Send pricing", bob, "2026-11-01")
    assert tasks.add_task("Send pricing", bob, "2026-11-18").due == date(2026, 11, 18)


def test_task_life_cycle(bob: int) -> None:
    task = tasks.add_task("Send pricing", bob, "2026-11-20", "promise")
    assert task.promised
    assert task.client == "Bob Smith"
    snoozed = tasks.snooze_task(task.id, "2026-11-25")
    assert snoozed.status_on(date(2026, 11, 18)) == "snoozed"
    assert snoozed.status_on(date(2026, 11, 25)) == "open"
    done = tasks.complete_task(task.id)
    assert done.status == "done"
    assert done.done_at is not None
    with pytest.raises(ValidationError, match="already done"):
        tasks.complete_task(task.id)
    with pytest.raises(ValidationError, match="reopen"):
        tasks.snooze_task(task.id, "2026-11-30")
    assert tasks.list_tasks() == []
    assert [t.id for t in tasks.list_tasks(include_done=True)] == [task.id]
    assert tasks.reopen_task(task.id).status == "open"


def test_unknown_ids(bob: int) -> None:
    with pytest.raises(NotFoundError):
        tasks.complete_task(999)
    with pytest.raises(NotFoundError):
        facts.add_fact(999, "x")
    with pytest.raises(NotFoundError):
        interactions.add_interaction(999, "call", title="x")


def test_tasks_sorted_by_due_with_undated_last(bob: int) -> None:
    tasks.add_task("Later", bob, "2026-12-01")
    tasks.add_task("Undated", bob)
    tasks.add_task("Soon", bob, "2026-11-19")
    assert [t.title for t in tasks.list_tasks()] == ["Soon", "Later", "Undated"]


def test_fact_about_someone_else_is_refused(bob: int) -> None:
    maria = clients.create_client("Maria Gonzalez")
    sofia = people.add_person(maria.id, "Sofia", "daughter")
    with pytest.raises(ValidationError, match="not one of this client's people"):
        facts.add_fact(bob, "Studies engineering", person_id=sofia.id)


def test_fact_tags_are_clean(bob: int) -> None:
    fact = facts.add_fact(bob, "Fly fisher", "interest", ["Fly  Fishing", "fly fishing", ""])
    assert fact.tags == ["fly fishing"]
    with pytest.raises(ValidationError, match="category"):
        facts.add_fact(bob, "x", "astrology")


def test_last_contact_follows_conversations(bob: int) -> None:
    interactions.add_interaction(bob, "note", "2026-11-17 09:00", "private note")
    assert clients.get_client(bob).last_contact_at is None
    call = interactions.add_interaction(bob, "call", "2026-11-10 09:00", "Call")
    meeting = interactions.add_interaction(bob, "meeting", "2026-11-15 12:00", "Lunch")
    assert clients.get_client(bob).last_contact_at == datetime(2026, 11, 15, 12, 0)
    assert meeting.thanked_at is None, "a meeting leaves a thank-you owed"
    assert call.thanked_at is not None
    snapshot = interactions.delete_interaction(meeting.id)
    assert clients.get_client(bob).last_contact_at == datetime(2026, 11, 10, 9, 0)
    restore(snapshot)
    assert clients.get_client(bob).last_contact_at == datetime(2026, 11, 15, 12, 0)


def test_person_age_and_birthday_rules(bob: int) -> None:
    with pytest.raises(ValidationError, match="future"):
        people.add_person(bob, "Jake", "son", birthday="2030-01-01")
    with pytest.raises(ValidationError, match="between 0 and 130"):
        people.add_person(bob, "Jake", "son", age=200)
    jake = people.add_person(bob, "Jake", "son", age=12)
    assert jake.age_as_of == date(2026, 11, 18)
    with pytest.raises(ValidationError, match="name or a relation"):
        people.add_person(bob, None, "")


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2014-03-03", date(2014, 3, 3)),
        ("March 3, 2014", date(2014, 3, 3)),
        ("3 Mar 2014", date(2014, 3, 3)),
        ("Oct 14th, 1980", date(1980, 10, 14)),
        ("3/14/2014", date(2014, 3, 14)),
        ("", None),
    ],
)
def test_a_birthday_is_typed_as_people_write_it(bob: int, typed: str, day: date | None) -> None:
    assert people.add_person(bob, "Jake", "son", birthday=typed).birthday == day


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("March 3", "needs its year"),  # a yearly date, not a birthday
        ("blursday", "not a date I understand"),
        ("May 2014", "not a date I understand"),  # no day
        ("March 3, 2014 at noon, roughly", "not a date I understand"),
        ("2014-02-30", "not a real date"),
        ("March 3, 2030", "cannot be in the future"),
    ],
)
def test_a_birthday_that_names_no_past_day_is_refused(bob: int, typed: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        people.add_person(bob, "Jake", "son", birthday=typed)
    assert m.Person.select().count() == 0
