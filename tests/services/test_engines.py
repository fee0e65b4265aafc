"""Every store, services and command-line test that uses a book runs on both engines
(tests/pgserver.py): a file, then a team book of its own on a real PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rapport.services import clients
from rapport.services.book import is_team_book


@pytest.mark.parametrize("name", ["Bob Smith", "Ann Lee"])
def test_each_test_opens_an_empty_book_of_its_own_engine(
    book: Path, engine: str, name: str
) -> None:
    """Run twice per engine: the second run finds nothing of the first's client."""
    assert clients.list_clients() == []
    assert is_team_book() == (engine == "postgresql")
    assert bool(os.environ.get("RAPPORT_DATABASE_URL")) == (engine == "postgresql")
    clients.create_client(name)
