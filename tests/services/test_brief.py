"""The brief service: what it gathers, from where, and in a fixed number of queries."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from rapport.services import brief, clients, facts, interactions, people, tasks
from rapport.services.book import is_team_book
from rapport.services.errors import NotFoundError
from rapport.store import models as m
from rapport.store import rows


@pytest.fixture
def bob(book: Path) -> int:
    frank = clients.create_client("Frank O'Neill")
    bob = clients.create_client(
        "Bob Smith",
        company="Acme Supply",
        role="Buyer",
        how_we_met="Expo 2024",
        referred_by_id=frank.id,
    )
    jake = people.add_person(bob.id, "Jake", "son", age=12, age_as_of="2025-11-10")
    people.add_date(bob.id, "birthday", 12, 3, 2013, person_id=jake.id)
    lunch = interactions.add_interaction(
        bob.id,
        "meeting",
        "2026-11-10 12:30",
        "Lunch at Rosa's",
        raw_text="Jake has a tournament this weekend.",
        key_points=["Needs delivery by March"],
    )
    facts.add_fact(
        bob.id, "Jake has a tournament this weekend", "family", ["baseball"], jake.id, lunch.id
    )
    tasks.add_task("Send the revised proposal", bob.id, "2026-11-20", "promise")
    done = tasks.add_task("Send pricing", bob.id, "2026-11-10", "promise", allow_past=True)
    tasks.complete_task(done.id)  # done today, after its due date: late
    early = tasks.add_task("Send the case study", bob.id, "2026-11-25", "promise")
    tasks.complete_task(early.id)  # done before its due date: kept
    tasks.add_task("Old call", bob.id, "2026-10-01", "call", allow_past=True)
    m.Inbound.create(
        client=bob.id, channel="voicemail", received_at=datetime(2026, 11, 16, 9), summary="Call me"
    )
    m.Gift.create(client=bob.id, title="Baseball glove", given_on=date(2026, 6, 1))
    m.Gift.create(client=bob.id, title="Fly box", status="idea")
    return bob.id


def test_brief_gathers_what_matters(bob: int) -> None:
    result = brief.brief(bob)
    assert result.client.name == "Bob Smith"
    assert result.introduced_by == "Frank O'Neill"
    assert [(p.person.name, p.age) for p in result.people] == [("Jake", 13)]
    assert result.people[0].cares_about == ["baseball"]
    (fact,) = result.facts
    assert fact.source == "Lunch at Rosa's (meeting), Nov 10, 2026"
    assert not fact.stale
    assert [i.title for i in result.interactions] == ["Lunch at Rosa's"]
    assert [t.title for t in result.open_tasks] == ["Old call", "Send the revised proposal"]
    assert (result.score.kept, result.score.late) == (1, 1)
    assert [(p.task.title, p.outcome) for p in result.promises] == [
        ("Send pricing", "late"),
        ("Send the revised proposal", "open"),
        ("Send the case study", "kept"),
    ]
    assert [i.summary for i in result.awaiting_reply] == ["Call me"]
    assert [g.title for g in result.gifts_given] == ["Baseball glove"]
    assert [(u.label, u.turning) for u in result.upcoming] == [("Jake's birthday", 13)]
    assert [q.text for q in result.ask_about] == [
        "How did Jake's tournament go?",
        "Is the March delivery still on track?",
    ]


def test_window_and_service_agree(bob: int) -> None:
    from_profile = brief.compose_profile(clients.profile(bob))
    direct = brief.brief(bob)
    assert [q.text for q in from_profile.ask_about] == [q.text for q in direct.ask_about]
    assert [f.source for f in from_profile.facts] == [f.source for f in direct.facts]
    assert [t.id for t in from_profile.open_tasks] == [t.id for t in direct.open_tasks]


def test_unknown_client(book: Path) -> None:
    with pytest.raises(NotFoundError):
        brief.brief(4242)


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _queries(client_id: int) -> int:
    logger = logging.getLogger("peewee")
    counter = _Counter()
    old_level = logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        brief.brief(client_id)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(old_level)
    return counter.count


def test_query_count_does_not_grow_with_the_rows(bob: int) -> None:
    before = _queries(bob)
    for i in range(15):
        talk = interactions.add_interaction(bob, "call", f"2026-10-{i + 1:02d} 09:00", f"Call {i}")
        facts.add_fact(bob, f"Fact {i}", source_id=talk.id)
        people.add_person(bob, f"Kid {i}", "child")
        tasks.add_task(f"Task {i}", bob, "2026-12-01")
    # A team book reads the authors of facts and conversations too ("by Alice"): two more.
    assert _queries(bob) == before <= 10 + (2 if is_team_book() else 0)


def test_the_briefs_reads_are_built_once_and_read_each_clients_rows(
    bob: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # peewee builds a query's SQL at every execution: the brief's nine reads are built
    # once per count of ids (store/rows.by_ids), then only their ids change.
    monkeypatch.setattr(rows, "_SHAPES", {})
    ann = clients.create_client("Ann Other", company="Birch & Co").id
    facts.add_fact(ann, "Rows the Charles on Sundays", "interest", ["rowing"])
    tasks.add_task("Send Ann the brochure", ann, "2026-12-01", "promise")
    built: list[int] = []  # every SQL text peewee builds goes through a context of the book's
    database = type(m.db.obj)
    context = database.get_sql_context

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        built.append(1)
        return context(self, *args, **kwargs)

    monkeypatch.setattr(database, "get_sql_context", counted)
    first = brief.brief(bob)
    first_built = len(built)
    built.clear()
    second = brief.brief(ann)
    assert len(built) <= first_built - 9  # the nine reads were not built again
    assert second.client.name == "Ann Other"
    assert [f.fact.text for f in second.facts] == ["Rows the Charles on Sundays"]
    assert [t.title for t in second.open_tasks] == ["Send Ann the brochure"]
    assert not second.people and not second.gifts_given and not second.awaiting_reply
    again = brief.brief(bob)  # the first client's rows, with the text built for Ann's
    assert [t.title for t in again.open_tasks] == [t.title for t in first.open_tasks]
    assert [f.fact.text for f in again.facts] == ["Jake has a tournament this weekend"]
    assert again.introduced_by == "Frank O'Neill"
