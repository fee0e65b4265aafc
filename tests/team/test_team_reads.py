"""Today and the brief on a team book: their reads go to the server together
(``Engine.read_together``, psycopg's pipeline), in as few round trips as what each read
needs from another allows, and show what the same reads sent one by one show. Nothing
here is timed (the timings are ``rapport bench``'s, docs/PERFORMANCE.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from peewee import fn

from tests.pgserver import PgServer, TeamBook


@contextmanager
def _round_trips(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Each wait for the server from now on: a statement sent alone, or a pipeline of them
    (psycopg sends a pipeline's statements and then waits for all their answers)."""
    trips: list[str] = []
    execute, pipeline = psycopg.Cursor.execute, psycopg.Connection.pipeline

    def alone(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        if self.connection._pipeline is None:
            trips.append(str(query))
        return execute(self, query, *args, **kwargs)

    def together(self: Any) -> Any:
        if self._pipeline is None:
            trips.append("pipeline")
        return pipeline(self)

    with monkeypatch.context() as patched:
        patched.setattr(psycopg.Cursor, "execute", alone)
        patched.setattr(psycopg.Connection, "pipeline", together)
        yield trips


def _one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The team book's reads sent one by one, each in a round trip (as before)."""
    from rapport.store import sql
    from rapport.store.engine_team import TeamEngine

    monkeypatch.setattr(TeamEngine, "read_together", lambda self, reads: sql.read_one_by_one(reads))


@pytest.fixture
def demo_team(team_book: TeamBook) -> TeamBook:
    from rapport.sample.demo import load_demo

    load_demo(clients=60, notes=900, seed=4)
    return team_book


def test_today_asks_the_server_in_two_round_trips(
    demo_team: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings and the cadences in use (which the other reads are asked with), then
    every list at once: it was a round trip a statement, twelve."""
    from rapport.services import today

    today.today()  # the connection made, the statements prepared
    with _round_trips(monkeypatch) as trips:
        together = today.today()
    assert trips == ["pipeline", "pipeline"]
    assert sum(together.counts.values()) > 10  # a Today with something in every list
    _one_by_one(monkeypatch)
    with _round_trips(monkeypatch) as trips:
        alone = today.today()
    assert len(trips) >= 10  # a round trip a read
    assert alone == together


def test_a_brief_asks_the_server_in_one_round_trip(
    demo_team: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The brief's nine reads and the authors of its facts and conversations ("by
    alice"): it was eleven round trips."""
    from rapport.services import brief, capture
    from rapport.store import models as m

    note = "Lunch with Ann Baker. Her son Leo, 9, loves chess. Send her the deck by Friday."
    capture.save_capture(note, capture.understand_note(note))
    ann = m.Client.get(m.Client.name == "Ann Baker").id
    busiest = (
        m.Interaction.select(m.Interaction.client)
        .group_by(m.Interaction.client)
        .order_by(fn.COUNT(m.Interaction.id).desc())
        .limit(1)
        .scalar()
    )
    for client_id in (ann, busiest):
        with _round_trips(monkeypatch) as trips:
            together = brief.brief_profile(client_id)
        assert trips == ["pipeline"], client_id
        assert together.interactions and together.facts
        assert {talk.by for talk in together.interactions} == {"alice"}
    with monkeypatch.context() as patched:
        _one_by_one(patched)
        alone = [brief.brief_profile(ann), brief.brief_profile(busiest)]
    assert [brief.brief_profile(ann), brief.brief_profile(busiest)] == alone
    assert {fact.by for fact in alone[0].facts} == {"alice"}


def test_after_a_restart_unseen_today_and_the_brief_read_on_a_new_connection(
    demo_team: TeamBook, pg_outage: PgServer
) -> None:
    """The server restarted while the window was idle: reads sent together outside a
    transaction are sent again on a new connection, as a read sent alone is (nothing was
    done on the dead one), so the user sees no error."""
    from rapport.services import brief, today
    from rapport.store import models as m

    client_id = m.Client.select(m.Client.id).limit(1).scalar()
    shown, briefed = today.today(), brief.brief_profile(client_id)
    pg_outage.stop()
    pg_outage.start()
    assert today.today() == shown
    pg_outage.stop()
    pg_outage.start()
    assert brief.brief_profile(client_id) == briefed
