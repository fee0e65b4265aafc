"""rapport check: the file, the links between records and the search index."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from rapport.services import clients, dbcheck, tasks
from rapport.store import models as m
from rapport.store import search
from tests.pgserver import LINKS_ALWAYS_CHECKED, READ_ONLY_FILE


def test_a_healthy_book_checks_ok(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    tasks.add_task("Call Bob", bob.id, "2026-11-20")
    report = dbcheck.check_database()
    assert report.schema == []
    assert report.ok
    assert report.lines() == [
        "database file: ok",
        "schema: ok",
        "links between records: ok",
        "search index: ok",
    ]


def test_missing_and_stale_index_entries_are_found_and_repaired(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    ann = clients.create_client("Ann Lee")
    tasks.add_task("Call Bob", bob.id)
    # Behind the services' back: a row without its document, a renamed row, a ghost document.
    search.unindex("client", [ann.id])
    m.Client.update(name="Robert Smith").where(m.Client.id == bob.id).execute()
    search.index("fact", 999, bob.id, "a fact that was deleted")
    report = dbcheck.check_database()
    assert not report.ok
    assert (report.index.missing, report.index.stale) == (1, 2)
    assert "rapport check --repair" in report.lines()[-1]
    assert dbcheck.repair() == 3
    assert dbcheck.check_database().ok
    titles = [h.title for h in search.search("robert")]
    plain = [t.replace(search.MARK_START, "").replace(search.MARK_END, "") for t in titles]
    assert plain == ["Robert Smith"]


@pytest.mark.sqlite_only(reason=LINKS_ALWAYS_CHECKED)
def test_broken_links_are_reported(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    m.db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        m.Person.insert(client=bob.id + 50, name="Orphan", relation="son").execute()
    finally:
        m.db.execute_sql("PRAGMA foreign_keys = ON")
    report = dbcheck.check_database()
    assert not report.ok
    assert report.foreign_keys == ["person 1 points at a missing client"]


def _change_schema(engine: str) -> Callable[[str], None]:
    """Runs SQL that changes the open book's schema, as one who may: the book's own
    connection on a file, the database's owner on a team book (members cannot)."""
    if engine == "sqlite":
        return lambda statement: m.db.execute_sql(statement)
    import psycopg

    url = os.environ["RAPPORT_DATABASE_URL"].replace("//alice@", "//owner@")

    def run(statement: str) -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(statement)

    return run


WIPE = {
    "sqlite": ["CREATE TRIGGER wipe AFTER INSERT ON interaction BEGIN DELETE FROM client; END"],
    "postgresql": [
        "CREATE FUNCTION wipe() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN DELETE FROM client; RETURN NULL; END $$",
        "CREATE TRIGGER wipe AFTER INSERT ON interaction EXECUTE FUNCTION wipe()",
    ],
}
TASK_AS_VIEW = {
    "sqlite": ["PRAGMA foreign_keys = OFF", "DROP TABLE task"],
    "postgresql": ["DROP TABLE task CASCADE"],
}


def test_a_schema_rapport_does_not_make_is_reported(book: Path, engine: str) -> None:
    """A trigger (that would delete every client at the next capture) or a view in a
    table's place passes SQLite's integrity check; check compares the whole schema, on
    both engines."""
    change = _change_schema(engine)
    clients.create_client("Bob Smith")
    for statement in WIPE[engine]:
        change(statement)
    report = dbcheck.check_database()
    assert not report.ok and not report.integrity
    assert report.schema == ["it has a trigger 'wipe' on interaction that Rapport does not make"]
    assert "schema: differs from what Rapport makes: it has a trigger 'wipe'" in report.lines()[1]
    change("DROP TRIGGER wipe" + (" ON interaction" if engine == "postgresql" else ""))
    for statement in TASK_AS_VIEW[engine]:
        change(statement)
    change("CREATE VIEW task AS SELECT * FROM client")
    report = dbcheck.check_database()  # no traceback: the index is not read through a view
    assert report.schema == ["'task' is a view, not a table"]
    assert report.lines()[-1] == "search index: not checked"


@pytest.mark.sqlite_only(reason=READ_ONLY_FILE)
def test_a_read_only_book_is_checked_and_said_to_be_read_only(book: Path) -> None:
    """FTS5's index check is a write: on a book that cannot be written it ran into
    'attempt to write a readonly database' and reported a damaged index."""
    clients.create_client("Bob Smith")
    m.db.execute_sql("PRAGMA query_only = 1")
    try:
        report = dbcheck.check_database()
    finally:
        m.db.execute_sql("PRAGMA query_only = 0")
    assert report.ok and report.read_only
    assert report.lines()[0] == "database file: ok (read-only: Rapport can read it, not change it)"
    assert report.lines()[-1] == "search index: ok"
