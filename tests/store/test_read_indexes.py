"""The indexes that let a big book be read a page at a time, and Today without scans."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rapport.sample import demo
from rapport.services import client_list, clients, today
from rapport.services.book import close_book, open_book
from rapport.store.db import rolled_back
from rapport.store.models import db
from tests.pgserver import OLD_FILE, SQLITE_PLAN
from tests.querycount import counted

NEW_INDEXES = {
    ("client", ("archived_at", "name_key")),
    ("client", ("archived_at", "last_contact_at")),
    ("client", ("cadence_days",)),
    ("person", ("birthday",)),
    ("introduction", ("called_at", "lead_answered_at", "contacted_at")),
    # Version 9: Today's covering indexes.
    ("task", ("due", "promised", "kind", "status", "done_at")),
    ("task", ("done_at", "due", "promised", "kind", "status")),
    ("client", ("archived_at", "cadence_days", "last_contact_at", "created_at", "name")),
}


def _indexes(path: Path) -> set[tuple[str, tuple[str, ...]]]:
    conn = sqlite3.connect(path)
    try:
        found = set()
        for table in ("client", "person", "introduction", "task"):
            for _seq, name, *_rest in conn.execute(f"PRAGMA index_list({table})"):
                columns = tuple(row[2] for row in conn.execute(f"PRAGMA index_info({name})"))
                found.add((table, columns))
        return found
    finally:
        conn.close()


def test_a_new_book_has_them(book: Path) -> None:
    found = {
        (table, tuple(index.columns))
        for table in ("client", "person", "introduction", "task")
        for index in db.get_indexes(table)
    }
    assert found >= NEW_INDEXES


@pytest.mark.sqlite_only(reason=OLD_FILE)
def test_a_version_4_book_gains_them_and_keeps_its_clients(data_dir: Path) -> None:
    open_book(data_dir)
    clients.create_client("Bob Smith", company="Acme")
    close_book()
    path = data_dir / "rapport.db"
    conn = sqlite3.connect(path)
    for table, columns in NEW_INDEXES:
        conn.execute(f"DROP INDEX {table}_{'_'.join(columns)}")
    conn.execute("PRAGMA user_version = 4")  # the schema just before step 5
    conn.commit()
    conn.close()
    assert not NEW_INDEXES & _indexes(path)
    open_book(data_dir)
    try:
        assert [row.name for row in client_list.page(client_list.ClientQuery(), 0, 10)] == [
            "Bob Smith"
        ]
    finally:
        close_book()
    assert _indexes(path) >= NEW_INDEXES


@pytest.mark.sqlite_only(reason=SQLITE_PLAN)
def test_the_first_page_of_the_list_needs_no_sort(book: Path) -> None:
    for name in ("Bob Smith", "Ann Lee", "Zoe Park"):
        clients.create_client(name)
    query = client_list._ordered(
        client_list._filtered(client_list.ClientQuery(), client_list.m.Client.id),
        client_list.ClientQuery(),
        client_list._open_tasks(),
    ).limit(200)
    sql, params = query.sql()
    plan = " / ".join(row[3] for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
    assert "TEMP B-TREE" not in plan, plan


def _today_plans() -> dict[str, str]:
    """Today's statements (as SQLite ran them, values in place) and the plan of each."""
    with rolled_back(), counted() as statements:
        today.today()
    return {
        sql: " / ".join(row[3] for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql))
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT")
    }


@pytest.mark.sqlite_only(reason=SQLITE_PLAN)
def test_today_reads_its_lists_through_their_indexes(book: Path) -> None:
    """Without statistics SQLite picks a plan from the schema alone, so the small book's plan
    is the big book's. The thank-yous go from the (kind, thanked_at) index to their clients,
    never from the active clients through every one of their conversations (60 ms on
    100,000 notes); the follow-through score and the clients out of touch are read from
    covering indexes alone."""
    demo.load_demo(clients=30, notes=200, seed=4)
    plans = _today_plans()

    def plan_of(start: str) -> str:
        (found,) = [plan for sql, plan in plans.items() if start in sql]
        return found

    thanks = plan_of('FROM "interaction" AS "t1"')
    assert thanks.startswith("SEARCH t1 USING INDEX interaction_kind_thanked_at"), thanks
    score = plan_of("SUM(CASE")
    assert score.count("COVERING INDEX task_") == 2 and "SCAN" not in score, score
    away = plan_of('"created_at", "cadence_days" FROM "client"')
    assert "COVERING INDEX client_archived_at_cadence_days" in away, away
