"""A connection made ready to search (``search.warm``): on a team book each of the search's
passes is called once (a new connection's server compiles and plans them at their first
call, tens of milliseconds the first searches paid); on a book in a file nothing is sent.
Either way no result changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest

# Every function a search can call on a team book (store/postgres.py).
PASSES = (
    "rapport_find(",
    "rapport_enough(",
    "rapport_spread(",
    "rapport_known(",
    "rapport_similar(",
)
QUERIES = ("bob", "bas", "baseball jazz", "bob renewal", "dana baseb", "basebal", "jazz bob ")


def _sent(engine: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The statements this process sends from now on, on either engine."""
    sent: list[str] = []
    if engine == "sqlite":
        from rapport.store.models import db

        db.connection().set_trace_callback(sent.append)
        return sent
    execute = psycopg.Cursor.execute

    def recording(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(str(query))
        return execute(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", recording)
    return sent


def test_warming_for_search_calls_every_pass_once_on_a_server_and_changes_no_result(
    book: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services import capture, search

    for text in (
        "Lunch with Bob Smith, loves baseball and jazz.",
        "Call with Dana Reyes about the spring order; her son plays baseball.",
        "Met Bob Smith at the expo, talked about the renewal.",
        "Coffee with Dana Reyes, she asked about the renewal of the jazz tickets.",
    ):
        capture.save_capture(text, capture.understand_note(text))
    before = [search.search(query, 60, 8) for query in QUERIES]
    sent = _sent(engine, monkeypatch)
    search.warm()
    if engine == "sqlite":
        assert sent == []
    else:
        for name in PASSES:
            assert sum(name in statement for statement in sent) >= 1, name
        monkeypatch.undo()
    assert [search.search(query, 60, 8) for query in QUERIES] == before
