"""store/sql.py's single-row writes store exactly the rows peewee's create and update do."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import peewee
import pytest

from rapport.services.book import close_book, open_book
from rapport.store import engines, sql
from rapport.store import models as m
from rapport.store.db import transaction
from rapport.store.engine_sqlite import SqliteEngine


def _raw(model: type[m.BaseModel], row_id: int) -> tuple[Any, ...]:
    """The row as stored (no field conversion), without its id, nor (on a team book) the
    transaction that wrote it, which differs between two writes by design."""
    table = model._meta.table_name
    cursor = m.db.execute_sql(f'SELECT * FROM "{table}" WHERE "id" = ?', (row_id,))
    names = [column[0] for column in cursor.description]
    row = cursor.fetchone()
    return tuple(value for name, value in zip(names, row, strict=True) if name not in _NOT_COMPARED)


_NOT_COMPARED = ("id", "saved_in")


def test_insert_writes_what_create_writes(book: Path) -> None:
    client = m.Client.create(name="Bob Smith", name_key="bob smith")
    stamp = datetime(2026, 11, 18, 9, 30, 15)
    task = {
        "title": "Send the deck",
        "client": client.id,
        "due": date(2026, 11, 20),
        "kind": "promise",
        "promised": True,
        "notes": "",
        "interaction": None,
        "created_at": stamp,
        "updated_at": stamp,
    }
    by_peewee = m.Task.create(**task)
    data = sql.insert(m.Task, task)
    assert data["id"] == by_peewee.id + 1
    assert _raw(m.Task, data["id"]) == _raw(m.Task, by_peewee.id)
    assert {**data, "id": None} == {**by_peewee.__data__, "id": None}
    # JSON lists and defaults (emails=[], company="") are converted as peewee does.
    # (updated_at given: its default is the clock, which may tick between the two writes)
    values = {
        "name": "Ana Müller",
        "name_key": "ana muller",
        "created_at": stamp,
        "updated_at": stamp,
    }
    inserted = _raw(m.Client, sql.insert(m.Client, values)["id"])
    # A team book keeps one shared client per name: the second write follows the first.
    m.Client.delete().where(m.Client.name_key == "ana muller").execute()
    assert inserted == _raw(m.Client, m.Client.create(**values).id)
    fact = {"client": client.id, "text": "Loves jazz", "tags": ["jazz", "música"]}
    fact_data = sql.insert(m.Fact, {**fact, "created_at": stamp, "confirmed_at": stamp})
    same = m.Fact.create(**fact, created_at=stamp, confirmed_at=stamp)
    assert _raw(m.Fact, fact_data["id"]) == _raw(m.Fact, same.id)
    assert m.Fact.get_by_id(fact_data["id"]).tags == ["jazz", "música"]


def test_update_sets_only_the_given_columns_as_peewee_does(book: Path) -> None:
    client = m.Client.create(name="Bob Smith", name_key="bob smith")
    stamp = datetime(2026, 11, 18, 9, 30, 15)  # not the clock's: it may tick between rows
    first = m.Task.create(title="Call Bob", client=client.id, created_at=stamp, updated_at=stamp)
    second = m.Task.create(title="Call Bob", client=client.id, created_at=stamp, updated_at=stamp)
    new = {"title": "Call Bob back", "due": date(2026, 11, 23)}
    sql.update(m.Task, first.id, new)
    m.Task.update(**new).where(m.Task.id == second.id).execute()
    assert _raw(m.Task, first.id) == _raw(m.Task, second.id)
    assert m.Task.get_by_id(first.id).due == date(2026, 11, 23)
    sql.update(m.Client, client.id, {"last_contact_at": None})
    assert m.Client.get_by_id(client.id).last_contact_at is None


class ReturningEngine(SqliteEngine):
    """SQLite told to answer an INSERT's id through RETURNING, as PostgreSQL does."""

    def connect(self, path: Path) -> peewee.SqliteDatabase:
        database = super().connect(path)
        database.returning_clause = True
        return database


def test_insert_takes_the_id_through_returning_where_the_database_has_it(
    data_dir: Path,
) -> None:
    def chooser(path: Path, url: str | None) -> ReturningEngine:
        return ReturningEngine(path)

    engines.register(chooser)
    try:
        open_book(data_dir)
        assert m.db.obj.returning_clause
        with transaction():  # as every write of a service
            first = m.Client.create(name="Ana", name_key="ana")
            data = sql.insert(m.Client, {"name": "Bob Smith", "name_key": "bob smith"})
            assert data["id"] == first.id + 1
            sql.update(m.Client, data["id"], {"company": "Acme"})
        assert m.Client.get_by_id(data["id"]).name == "Bob Smith"
        assert m.Client.get_by_id(data["id"]).company == "Acme"
    finally:
        engines.unregister(chooser)
        close_book()


def test_reads_sent_together_find_what_each_finds_alone(book: Path) -> None:
    """``read_together`` (psycopg's pipeline on a team book) gives each read's rows, in
    order, as running them one by one does; an empty result stays in its place."""
    bob = m.Client.create(name="Bob Smith", name_key="bob smith")
    m.Person.create(client=bob, name="Jake", relation="son")
    with transaction():
        # read_after: the rows this transaction made above bob (a team book tells them so)
        ann = m.Client.create(name="Ann Lee", name_key="ann lee")
        reads = [
            sql.read_where_in(m.Client, "id", [bob.id, ann.id]),
            sql.read_where_in(m.Person, "client_id", [ann.id]),  # none
            sql.read_where_in(m.Person, "client_id", [bob.id]),
            sql.read_after(m.Client, bob.id),
            sql.read_highest_ids([m.Client, m.Person]),
        ]
        together = sql.read_together(reads)
        alone = sql.read_one_by_one(reads)
    assert [sorted(rows) for rows in together] == [sorted(rows) for rows in alone]
    assert [len(rows) for rows in together] == [2, 0, 1, 1, 1]
    assert together[3][0][0] == ann.id


def test_a_failing_read_sent_together_fails_as_the_database_names_it(book: Path) -> None:
    reads = [sql.read_where_in(m.Client, "id", [1]), ('SELECT no_such_column FROM "client"', [])]
    with pytest.raises(peewee.DatabaseError), transaction():
        sql.read_together(reads)
    assert sql.read_together(reads[:1]) == [[]]  # the book carries on
