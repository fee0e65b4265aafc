"""No query per row: what a screen reads is a fixed handful of statements, whatever the
size of the book (counted with SQLite's trace callback, never timed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.sample import demo
from rapport.services import (
    brief,
    client_list,
    clients,
    facts,
    gifts,
    inbound,
    interactions,
    people,
    search,
    tasks,
    today,
)
from rapport.services.book import is_team_book
from rapport.store.db import rolled_back
from tests.querycount import counted


@pytest.fixture
def book_of_120(book: Path) -> Path:
    demo.load_demo(clients=120, notes=1500, seed=5)
    return book


def _grow(client_id: int, times: int) -> None:
    """Give a client ``times`` more of everything a profile and a brief show."""
    for n in range(times):
        day = f"2026-{1 + n % 10:02d}-{1 + n % 27:02d}"
        interactions.add_interaction(client_id, "call", f"{day} 10:00", f"Call {n}", "Notes")
        facts.add_fact(client_id, f"Likes thing {n}", "interest", ["golf"])
        due = f"2027-{1 + n % 10:02d}-{1 + n % 27:02d}"
        tasks.add_task(f"Follow up {n}", client_id, due, "promise" if n % 2 else "todo")
        people.add_person(client_id, f"Kid {n}", "son", age=5 + n % 10)
        gifts.add_gift(client_id, f"Gift {n}", given_on=day)
        inbound.record_inbound(client_id, "email", f"{day} 09:00", f"Question {n}")


def _reads(client_id: int) -> tuple[int, int]:
    with counted() as profile_sql:
        clients.profile(client_id)
    with counted() as brief_sql:
        brief.brief(client_id)
    return len(profile_sql), len(brief_sql)


def test_profile_and_brief_do_not_read_per_row(book_of_120: Path) -> None:
    client_id = clients.create_client("Bob Smith", company="Acme").id
    _grow(client_id, 2)
    before = _reads(client_id)
    _grow(client_id, 25)
    profile = clients.profile(client_id)
    assert len(profile.interactions) >= 27 and len(profile.people) >= 27
    assert _reads(client_id) == before
    profile_n, brief_n = before
    # A team book reads the authors of facts and conversations too ("by Alice"): two more.
    assert profile_n <= 12 and brief_n <= 10 + (2 if is_team_book() else 0)


def _today_statements() -> int:
    with rolled_back(), counted() as statements:
        today.today()
    return len(statements)


def test_today_reads_a_fixed_handful_however_much_is_due(data_dir: Path) -> None:
    from rapport.services.book import close_book, open_book

    counts = []
    for size, seed in ((15, 2), (240, 3)):
        open_book(data_dir / str(size))
        try:
            demo.load_demo(clients=size, notes=size * 12, seed=seed)
            due = today.today()
            listed = sum(due.counts.values())
            counts.append((listed, _today_statements()))
        finally:
            close_book()
    (small_rows, small_sql), (big_rows, big_sql) = counts
    assert big_rows > 4 * small_rows  # the big book really shows more
    assert big_sql == small_sql <= 20


def test_client_list_pages_and_search_do_not_grow_with_the_book(book_of_120: Path) -> None:
    query = client_list.ClientQuery()
    with counted() as first:
        client_list.page(query, 0, 10)
    with counted() as more:
        client_list.page(query, 0, 100)
    assert len(first) == len(more) == 2
    with counted() as few:
        search.search("zzzz qqqq")
    with counted() as many:
        search.search("call")
    assert len(search.search("call")) > 20
    # A query that finds nothing tries prefixes and spelling: still a bounded handful.
    assert len(many) <= 6 and len(few) <= 12
