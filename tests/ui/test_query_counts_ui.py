"""The window's screens read a fixed handful of statements, however many rows they show:
opening a client (profile, brief, history, gifts) and reading Today (counted, not timed)."""

from __future__ import annotations

from typing import Any

from rapport.services import clients
from tests.querycount import counted
from tests.services.test_query_counts import _grow


def _open_reads(window: Any, client_id: int, other: int) -> int:
    window.open_client(other)  # so that opening ``client_id`` reads it afresh
    with counted() as statements:
        window.open_client(client_id)
    assert window.profile.current is not None
    assert window.profile.current.client.id == client_id
    return len(statements)


def test_opening_a_client_does_not_read_per_row(window: Any) -> None:
    bob = clients.resolve("Bob Smith").id
    maria = clients.resolve("Maria Gonzalez").id
    before = _open_reads(window, bob, maria)
    _grow(bob, 30)
    after = _open_reads(window, bob, maria)
    assert len(window.profile.current.interactions) > 30
    assert after == before


def test_today_does_not_read_per_row(window: Any) -> None:
    view = window.today_view
    with counted() as before:
        view.refresh()
    for name in ("Ann Lee", "Tom Park", "Eva Ruiz"):
        _grow(clients.create_client(name).id, 10)
    with counted() as after:
        view.refresh()
    assert sum(view.data.counts.values()) > 20
    assert len(after) == len(before)
