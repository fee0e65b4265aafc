"""The brief's own rules: stale facts, where a fact came from, dates coming up, promises."""

from __future__ import annotations

from datetime import date, datetime

from rapport.core import brief, promises
from rapport.core.records import (
    Client,
    Fact,
    Gift,
    ImportantDate,
    Inbound,
    Interaction,
    Introduction,
    Person,
    Profile,
    Task,
)

TODAY = date(2026, 11, 18)


def _fact(confirmed: str | None, created: str = "2024-01-01 10:00") -> Fact:
    return Fact(
        1,
        1,
        "Vegetarian",
        created_at=datetime.fromisoformat(created),
        confirmed_at=datetime.fromisoformat(confirmed) if confirmed else None,
    )


def test_a_fact_is_stale_after_more_than_a_year() -> None:
    assert not brief.is_stale(_fact("2026-11-01 09:00"), TODAY)
    assert not brief.is_stale(_fact("2025-11-18 09:00"), TODAY)  # exactly a year: still fresh
    assert brief.is_stale(_fact("2025-11-17 09:00"), TODAY)
    assert brief.is_stale(_fact(None, "2023-05-01 09:00"), TODAY)  # never confirmed: its age
    assert not brief.is_stale(Fact(1, 1, "x"), TODAY)  # no dates at all: nothing to say


def test_leap_day_confirmation() -> None:
    assert brief.plus_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert not brief.is_stale(_fact("2024-02-29 09:00"), date(2025, 2, 28))
    assert brief.is_stale(_fact("2024-02-29 09:00"), date(2025, 3, 1))


def test_fact_source_names_the_conversation_and_its_date() -> None:
    fact = Fact(
        1,
        1,
        "Son Jake plays travel baseball",
        source_interaction_id=7,
        source_kind="meeting",
        source_at=datetime(2026, 11, 10, 12, 30),
        source_title="Lunch at Rosa's",
        created_at=datetime(2026, 11, 10, 14, 0),
    )
    assert brief.fact_source(fact) == "Lunch at Rosa's (meeting), Nov 10, 2026"
    untitled = Fact(
        2, 1, "x", source_interaction_id=8, source_kind="call", source_at=datetime(2026, 3, 2, 9)
    )
    assert brief.fact_source(untitled) == "Call, Mar 2, 2026"
    assert brief.fact_source(Fact(3, 1, "x", created_at=datetime(2025, 7, 4))) == (
        "added Jul 4, 2025"
    )


def test_upcoming_dates_from_dates_and_birthdays_once_each() -> None:
    client = Client(1, "Bob Smith")
    jake = Person(1, 1, "Jake", "son", birthday=date(2013, 12, 3))
    susan = Person(2, 1, "Susan", "wife")
    dates = [
        ImportantDate(1, 1, "birthday", 12, 3, 2013, person_id=1, about="Jake"),
        ImportantDate(2, 1, "anniversary", 1, 10, 2001),
        ImportantDate(3, 1, "birthday", 3, 14, person_id=2, about="Susan"),  # too far off
        ImportantDate(4, 1, "birthday", 11, 18),  # the client's own, today
    ]
    found = brief.upcoming_dates(dates, [jake, susan], client, TODAY)
    assert [(u.label, u.in_days, u.turning) for u in found] == [
        ("Bob's birthday", 0, None),
        ("Jake's birthday", 15, 13),
        ("Anniversary", 53, 26),
    ]


def test_birthday_only_on_the_person() -> None:
    client = Client(1, "Bob Smith")
    maria = Person(5, 1, "Maria", "daughter", birthday=date(2000, 11, 30))
    found = brief.upcoming_dates([], [maria], client, TODAY)
    assert [(u.label, u.day, u.turning) for u in found] == [
        ("Maria's birthday", date(2026, 11, 30), 26)
    ]


def _promise(tid: int, due: str, done: str | None = None) -> Task:
    return Task(
        tid,
        f"Promise {tid}",
        kind="promise",
        promised=True,
        due=date.fromisoformat(due),
        status="done" if done else "open",
        done_at=datetime.fromisoformat(done) if done else None,
    )


def test_promise_outcomes_and_lines() -> None:
    tasks = [
        _promise(1, "2026-11-10", "2026-11-09 10:00"),  # kept
        _promise(2, "2026-11-10", "2026-11-12 10:00"),  # late
        _promise(3, "2026-11-15"),  # open past due: late
        _promise(4, "2026-11-25"),  # open
        _promise(5, "2026-01-10", "2026-01-09 10:00"),  # kept long ago: not listed
        Task(6, "Call back", kind="call"),  # not a promise
    ]
    assert [promises.outcome(t, TODAY) for t in tasks] == [
        "kept",
        "late",
        "late",
        "open",
        "kept",
        None,
    ]
    lines = brief.promise_lines(tasks, TODAY)
    assert [(p.task.id, p.outcome) for p in lines] == [
        (2, "late"),
        (3, "late"),
        (4, "open"),
        (1, "kept"),
    ]


def test_compose_puts_it_all_together() -> None:
    client = Client(1, "Bob Smith", company="Acme Supply", role="Buyer", how_we_met="Expo 2024")
    jake = Person(1, 1, "Jake", "son", age=12, age_as_of=date(2025, 11, 10))
    lunch = Interaction(
        7,
        1,
        "meeting",
        datetime(2026, 11, 10, 12, 30),
        title="Lunch at Rosa's",
        key_points=["Needs delivery by March"],
    )
    older = Interaction(6, 1, "call", datetime(2026, 9, 1, 9, 0), title="Intro call")
    baseball = Fact(
        1,
        1,
        "Son Jake, 12, plays travel baseball",
        "family",
        ["baseball"],
        person_id=1,
        about="Jake",
        source_interaction_id=7,
        source_kind="meeting",
        source_at=lunch.happened_at,
        source_title=lunch.title,
        created_at=lunch.happened_at,
        confirmed_at=lunch.happened_at,
    )
    old = Fact(
        2,
        1,
        "Drives a red Miata",
        created_at=datetime(2024, 1, 1),
        confirmed_at=datetime(2024, 1, 1),
    )
    fishing = Fact(3, 1, "Fly fisher", "interest", ["fly fishing"], created_at=datetime(2026, 1, 1))
    profile = Profile(
        client=client,
        people=[jake],
        facts=[old, baseball, fishing],
        interactions=[older, lunch],
        tasks=[_promise(1, "2026-11-20"), _promise(2, "2026-11-10", "2026-11-09 10:00")],
        inbound=[
            Inbound(1, 1, "voicemail", datetime(2026, 11, 16, 9, 0), summary="About invoices"),
            Inbound(2, 1, "email", datetime(2026, 11, 1, 9, 0), answered_at=datetime(2026, 11, 2)),
        ],
        introductions=[Introduction(1, 1, "Bob Smith", referrer="Frank O'Neill")],
        gifts=[
            Gift(1, 1, "Baseball glove", given_on=date(2026, 6, 1)),
            Gift(2, 1, "Fly box", status="idea"),
        ],
        dates=[ImportantDate(1, 1, "birthday", 12, 3, person_id=1, about="Jake")],
    )
    result = brief.compose(profile, TODAY)
    assert result.introduced_by == "Frank O'Neill"
    assert result.interests == ["fly fishing"]
    assert [(p.person.name, p.age, p.cares_about) for p in result.people] == [
        ("Jake", 13, ["baseball"])
    ]
    assert [line.fact.id for line in result.facts] == [1, 3, 2]  # newest first
    assert [line.stale for line in result.facts] == [False, False, True]
    assert result.facts[0].source == "Lunch at Rosa's (meeting), Nov 10, 2026"
    assert [i.id for i in result.interactions] == [7, 6]
    assert [t.id for t in result.open_tasks] == [1]
    assert (result.score.kept, result.score.late) == (1, 0)
    assert [i.id for i in result.awaiting_reply] == [1]
    assert [g.title for g in result.gifts_given] == ["Baseball glove"]
    assert [u.label for u in result.upcoming] == ["Jake's birthday"]
    assert [q.text for q in result.ask_about] == [
        "Is the March delivery still on track?",
        "How is Jake's baseball season going?",
    ]
    assert result.stale_count == 1


def test_a_team_members_role_reads_as_their_name() -> None:
    from rapport.core.brief import author, by_line

    assert author("alice") == "Alice"
    assert author("j_smith") == "j_smith"
    assert by_line("bob") == " · by Bob"
    assert by_line(None) == "" and by_line("") == ""
