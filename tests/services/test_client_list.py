"""The client list a page at a time: order, filter, paging, position and totals in SQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.core.names import fold
from rapport.services import client_list as cl
from rapport.services import clients, interactions, tasks

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines

NAMES = [
    ("Bob Smith", "Acme Supply"),
    ("Ángela Ruiz", "Société Générale"),
    ("anna schmidt", "Schmidt GmbH"),
    ("Zoë Adams", "acme holdings"),
    ("Carl Öberg", ""),
    ("Dana 100% White", "Under_score Ltd"),
]


@pytest.fixture
def listed(book: Path) -> dict[str, int]:
    ids = {name: clients.create_client(name, company=company).id for name, company in NAMES}
    tasks.add_task("Call", ids["Zoë Adams"], "2026-11-20")
    tasks.add_task("Write", ids["Zoë Adams"], None)
    tasks.add_task("Send", ids["Bob Smith"], "2026-11-19")
    interactions.add_interaction(ids["Carl Öberg"], "call", "2026-11-01 10:00", "Catch-up")
    interactions.add_interaction(ids["Bob Smith"], "call", "2026-10-01 10:00", "Intro")
    return ids


def _names(query: cl.ClientQuery) -> list[str]:
    return [row.name for row in cl.page(query, 0, 100)]


def test_sorted_by_folded_name_like_the_old_list(listed: dict[str, int]) -> None:
    expected = sorted((name for name, _c in NAMES), key=fold)
    assert _names(cl.ClientQuery()) == expected
    assert [row.name for row in clients.list_clients()] == expected
    assert _names(cl.ClientQuery(descending=True)) == expected[::-1]


def test_other_columns_sort_with_name_as_tie_break(listed: dict[str, int]) -> None:
    by_company = _names(cl.ClientQuery(sort="company"))
    assert by_company[0] == "Carl Öberg"  # no company first
    assert by_company.index("Zoë Adams") < by_company.index("Bob Smith")  # acme h < acme s
    assert by_company == sorted(
        (name for name, _c in NAMES), key=lambda n: (fold(dict(NAMES)[n]), fold(n))
    )
    by_open = _names(cl.ClientQuery(sort="open_tasks", descending=True))
    assert by_open[:2] == ["Zoë Adams", "Bob Smith"]
    by_last = _names(cl.ClientQuery(sort="last_contact", descending=True))
    assert by_last[:2] == ["Carl Öberg", "Bob Smith"]
    assert _names(cl.ClientQuery(sort="last_contact"))[-2:] == ["Bob Smith", "Carl Öberg"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("acme", ["Bob Smith", "Zoë Adams"]),
        ("ACME hold", ["Zoë Adams"]),
        ("societe", ["Ángela Ruiz"]),  # an accented company, typed without
        ("GÉNÉR", ["Ángela Ruiz"]),
        ("angela", ["Ángela Ruiz"]),
        ("oberg", ["Carl Öberg"]),
        ("100%", ["Dana 100% White"]),  # LIKE's wildcards are plain text
        ("_", ["Dana 100% White"]),
        ("smith acme", ["Bob Smith"]),  # one word in the name, one in the company
        ("zzz", []),
    ],
)
def test_filter_words_in_name_or_company(
    listed: dict[str, int], text: str, expected: list[str]
) -> None:
    query = cl.ClientQuery(text=text)
    assert _names(query) == expected
    assert cl.count(query) == len(expected)


def test_archived_only_when_asked(listed: dict[str, int]) -> None:
    clients.set_archived(listed["Bob Smith"], True)
    assert "Bob Smith" not in _names(cl.ClientQuery())
    shown = cl.page(cl.ClientQuery(include_archived=True), 0, 100)
    assert [row.archived for row in shown if row.name == "Bob Smith"] == [True]
    assert cl.totals() == (5, 2)
    assert cl.totals(include_archived=True) == (6, 3)


def test_pages_add_up_to_the_whole_list_and_positions_match(book: Path) -> None:
    for number in range(57):
        clients.create_client(f"Client {number:03d}", company=f"Co {number % 7}")
    for sort in cl.SORTS:
        for descending in (False, True):
            query = cl.ClientQuery(sort=sort, descending=descending)
            whole = cl.page(query, 0, 1000)
            paged = [row for start in range(0, 57, 10) for row in cl.page(query, start, 10)]
            assert [row.id for row in paged] == [row.id for row in whole]
            for index in (0, 13, 56):
                assert cl.position(query, whole[index].id) == index
    assert cl.position(cl.ClientQuery(text="client 001"), whole[-1].id) is None
    assert cl.count(cl.ClientQuery()) == 57
