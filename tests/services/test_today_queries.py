"""Today's statements written for speed give the rows of the rules they stand for.

The clients out of touch are filtered in SQL (store/sql.py) by a CASE over the cadences
in use; here they are compared, on a generated book and on several days, with
core/followup.py's rule applied to every active client read the plain way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rapport.core import followup as fu
from rapport.sample import demo
from rapport.services import clients, today_queries
from rapport.store import models as m

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines


def _every_active_client() -> list[fu.Contactable]:
    return [
        fu.Contactable(
            row.id,
            row.name,
            row.last_contact_at.date() if row.last_contact_at else None,
            row.created_at.date(),
            row.cadence_days,
        )
        for row in m.Client.select().where(m.Client.archived_at.is_null())
    ]


def test_clients_out_of_touch_are_the_rules_on_a_generated_book(book: Path) -> None:
    demo.load_demo(clients=60, notes=400, seed=6)
    # Cases the generated book may lack: never contacted, a cadence of 0 (the default
    # applies), a cadence nobody else has, an archived client long out of touch.
    never = clients.create_client("Nadia Never").id
    m.Client.update(cadence_days=0).where(m.Client.id == never).execute()
    odd = clients.create_client("Otto Odd").id
    m.Client.update(cadence_days=17, last_contact_at="2026-09-01 10:00:00").where(
        m.Client.id == odd
    ).execute()
    gone = clients.create_client("Gil Gone").id
    m.Client.update(archived_at="2026-01-02 10:00:00", last_contact_at=None).where(
        m.Client.id == gone
    ).execute()
    every = _every_active_client()
    listed = 0
    for day, default in (
        (date(2026, 11, 18), 60),
        (date(2026, 12, 24), 30),
        (date(2027, 3, 1), 90),
        (date(2027, 6, 1), 0),
    ):
        found = today_queries.out_of_touch(day, default)
        assert found == fu.out_of_touch(every, day, default), (day, default)
        assert gone not in {item.id for item in found}
        listed += len(found)
    assert listed > 60  # the days chosen really list clients


def test_clients_out_of_touch_when_no_client_has_a_cadence_of_its_own(book: Path) -> None:
    added = clients.create_client("Ada Lone").id
    m.Client.update(last_contact_at="2026-08-01 10:00:00").where(m.Client.id == added).execute()
    assert [item.id for item in today_queries.out_of_touch(date(2026, 11, 18), 60)] == [added]
