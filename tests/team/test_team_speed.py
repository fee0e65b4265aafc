"""A team book's speed, at its causes (the timings are ``rapport bench``'s, README).

What the server's planner is told about a book (``rapport team setup``), and the writes
whose answer nobody reads, which go to the server with the next statement instead of in a
round trip of their own (``TeamDatabase.write_later``). Nothing here is timed.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import peewee
import psycopg
import pytest

from tests.pgserver import ADMIN, PgServer, TeamBook

# The planner's row estimate may miss the rows found by this factor, no more.
CLOSE_ENOUGH = 3.0


def _estimate_and_count(conn: Any, where: str, params: tuple[Any, ...]) -> tuple[float, int]:
    (plan,) = conn.execute(f"EXPLAIN (FORMAT JSON) SELECT id FROM task WHERE {where}", params)
    estimate = float(plan[0][0]["Plan"]["Plan Rows"])
    (count,) = conn.execute(f"SELECT count(*) FROM task WHERE {where}", params).fetchone()
    return estimate, int(count)


def test_todays_task_reads_are_estimated_from_the_task_columns_together(
    team_book: TeamBook,
) -> None:
    """Today reads the open tasks due by tomorrow and the promises due later: few of a
    book's tasks, as tasks done are in the past and promises. Estimated from each column
    alone, the planner expected ten times the rows (and hashed every client to join them);
    the statistics ``rapport team setup`` makes over the columns together put it close."""
    from rapport import clock
    from rapport.sample.demo import load_demo

    load_demo(clients=150, notes=3000, seed=3)
    with team_book.server.connect(ADMIN, team_book.database) as conn:
        conn.execute("ANALYZE")  # as autovacuum does after a load
    tomorrow = clock.today() + timedelta(days=1)
    reads = [
        ("status = 'open' AND due <= %s", (tomorrow,)),
        ("status = 'open' AND due > %s AND (promised OR kind = 'promise')", (tomorrow,)),
    ]
    with team_book.server.connect("alice", team_book.database) as conn:
        for where, params in reads:
            estimate, count = _estimate_and_count(conn, where, params)
            assert count > 0, where
            assert count / CLOSE_ENOUGH <= estimate <= count * CLOSE_ENOUGH, (where, estimate)


def _page_cost(server: PgServer, database: str) -> str:
    with server.connect("alice", database) as conn:
        return str(conn.execute("SHOW random_page_cost").fetchone()[0])


def _set_up(server: PgServer, database: str) -> None:
    from rapport.store import postgres
    from rapport.store.models import db

    book = postgres.connect(server.url("owner", database))
    try:
        postgres.setup(book)
        postgres.add_member(book, "alice")
    finally:
        book.close()
        db.initialize(None)


def test_setup_tells_the_planner_that_a_book_is_read_from_memory(
    pg_server: PgServer, pg_database: str
) -> None:
    from rapport.store import postgres

    assert _page_cost(pg_server, pg_database) == "4"  # PostgreSQL's default, for disks
    _set_up(pg_server, pg_database)
    assert _page_cost(pg_server, pg_database) == postgres.RANDOM_PAGE_COST


def test_setup_keeps_a_page_cost_the_database_was_given(
    pg_server: PgServer, pg_database: str
) -> None:
    with pg_server.connect(ADMIN) as conn:
        conn.execute(f"ALTER DATABASE {pg_database} SET random_page_cost = 2")
    _set_up(pg_server, pg_database)
    _set_up(pg_server, pg_database)  # again, as after an upgrade
    assert _page_cost(pg_server, pg_database) == "2"


# -- the words every search reads: in the index itself, not in a list beside it --------------
def _pending_pages(server: PgServer, database: str) -> dict[str, int]:
    """The pages of each searched GIN index's pending list (which every search reads whole)."""
    from rapport.store import postgres

    with server.connect(ADMIN, database) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        return {
            index: int(conn.execute(
                "SELECT pending_pages FROM pgstatginindex(%s::regclass)", (index,)
            ).fetchone()[0])
            for index in postgres.SEARCHED_GIN_INDEXES
        }  # fmt: skip


def test_a_saves_search_words_go_into_the_index_not_a_list_every_search_reads(
    team_book: TeamBook,
) -> None:
    """By default a GIN index keeps new words in a pending list until a vacuum, and every
    search reads all of it (197 pages on the big book's team copy, half a search's time)."""
    from rapport.services import capture, search

    text = "Lunch with Bob Smith. His son Jake, 12, plays travel baseball. Send the deck Friday."
    capture.save_capture(text, capture.understand_note(text))
    assert {hit.client for hit in search.search("jake")} == {"Bob Smith"}
    assert _pending_pages(team_book.server, team_book.database) == {
        "search_doc_words": 0,
        "search_doc_names": 0,
    }


def test_setup_makes_a_book_set_up_before_write_its_search_words_through(
    pg_server: PgServer, pg_database: str
) -> None:
    from rapport.store import postgres

    _set_up(pg_server, pg_database)
    with pg_server.connect("owner", pg_database) as conn:  # as an earlier setup made them
        for index in postgres.SEARCHED_GIN_INDEXES:
            conn.execute(f"ALTER INDEX {index} SET (fastupdate = on)")
        conn.execute(
            "INSERT INTO search_doc (rowid, title, body, title_key, body_key) "
            "SELECT n + (15::bigint << 40), 'Ann Lee', 'golf', 'ann lee', 'golf' "
            "FROM generate_series(1, 50) n"
        )
    assert all(_pending_pages(pg_server, pg_database).values())
    _set_up(pg_server, pg_database)  # again, as after an upgrade
    assert _pending_pages(pg_server, pg_database) == dict.fromkeys(postgres.SEARCHED_GIN_INDEXES, 0)
    with pg_server.connect("owner", pg_database) as conn:
        options = dict(conn.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)",
            (list(postgres.SEARCHED_GIN_INDEXES),),
        ).fetchall())  # fmt: skip
    assert options == {index: ["fastupdate=off"] for index in postgres.SEARCHED_GIN_INDEXES}


# -- writes sent with the next statement -----------------------------------------------------
def _sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Every statement psycopg sends from now on, and whether it went in a pipeline."""
    sent: list[tuple[str, bool]] = []
    execute = psycopg.Cursor.execute

    def recording(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append((str(query), self.connection._pipeline is not None))
        return execute(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", recording)
    return sent


def test_a_saves_search_documents_go_to_the_server_with_its_other_statements(
    team_book: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services import capture, search

    text = "Lunch with Bob Smith. His son Jake, 12, plays travel baseball. Send the deck Friday."
    understood = capture.understand_note(text)
    sent = _sent(monkeypatch)
    capture.save_capture(text, understood)
    documents = [inserted for query, inserted in sent if query.startswith("INSERT INTO search_doc")]
    assert len(documents) >= 3  # the note, the client, Jake, the task...
    assert all(documents)  # each in a pipeline with another statement: no round trip alone
    for words in ("jake", "travel baseball", "deck"):  # every document is there
        assert {hit.client for hit in search.search(words)} == {"Bob Smith"}, words


def _documents(title: str) -> int:
    from rapport.store.models import db

    return int(db.execute_sql("SELECT count(*) FROM search_doc WHERE title = %s", (title,))
               .fetchone()[0])  # fmt: skip


def _keep(rowid: int, title: str) -> None:
    from rapport.store.models import db

    db.write_later(
        "INSERT INTO search_doc (rowid, title, body, title_key, body_key) "
        "VALUES (%s, %s, '', %s, '')",
        (rowid, title, title.lower()),
    )


def test_a_write_kept_for_later_is_seen_by_the_next_statement_and_undone_by_a_rollback(
    team_book: TeamBook,
) -> None:
    from rapport.store.db import transaction
    from rapport.store.models import db

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction():
        _keep(1, "Kept")
        assert _documents("Kept") == 1  # sent before the read, in its round trip
        _keep(2, "Rolled")
        raise Undone
    assert _documents("Rolled") == 0 and _documents("Kept") == 0
    with transaction():
        _keep(3, "Committed")
        _keep(4, "Committed")
    assert _documents("Committed") == 2
    _keep(5, "Alone")  # outside a transaction: at once
    assert _documents("Alone") == 1
    with transaction():
        _keep(6, "Cursor")
        db.cursor().execute("UPDATE search_doc SET body = 'seen' WHERE rowid = 6")
    assert db.execute_sql("SELECT body FROM search_doc WHERE rowid = 6").fetchone()[0] == "seen"


def test_a_failing_write_kept_for_later_fails_its_transaction(
    team_book: TeamBook, data_dir: Path
) -> None:
    from rapport.store.db import transaction

    with pytest.raises(peewee.IntegrityError), transaction():
        _keep(7, "Twice")
        _keep(7, "Twice")  # the same key: the second INSERT fails
        _documents("Twice")
    assert _documents("Twice") == 0  # nothing of it stayed; the book carries on


def test_a_search_whose_words_match_reads_its_results_and_their_text_in_one_statement(
    team_book: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services import capture
    from rapport.store import search_pg

    for text in ("Lunch with Bob Smith, loves baseball.", "Call with Ann Baker about baseball."):
        capture.save_capture(text, capture.understand_note(text))
    sent = _sent(monkeypatch)
    hits = search_pg.search("baseball", 60, 8)
    assert len(sent) == 1  # the matches, capped, with their title and text
    assert len({hit.client_id for hit in hits}) == 2
    assert all("baseball" in (hit.title + hit.snippet).lower() for hit in hits)


# -- a transaction's BEGIN and savepoints ride with its next statement -----------------------
def test_a_transactions_begin_and_savepoints_go_with_its_first_statement(
    team_book: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BEGIN, SAVEPOINT and RELEASE SAVEPOINT have no answer anybody reads: each went in a
    round trip of its own (three of a bench save's 19); they go in the pipeline of the
    statement after them, in order, and a transaction that sends nothing sends nothing."""
    from rapport.services import clients
    from rapport.store.db import transaction
    from rapport.store.models import db

    sent = _sent(monkeypatch)
    with transaction():
        with db.atomic():  # a savepoint inside the transaction
            clients.create_client("Ann Lee")
        db.execute_sql("SELECT count(*) FROM client").fetchone()
    opening = [query for query, _ in sent if query.startswith(("BEGIN", "SAVEPOINT", "RELEASE"))]
    words = [query.split()[0] for query in opening]
    assert words[0] == "BEGIN" and words.count("SAVEPOINT") == words.count("RELEASE") >= 1
    assert all(piped for query, piped in sent if query in opening)  # none in a round trip alone
    assert sent[0][0] == "BEGIN"  # nothing reordered
    sent.clear()
    with transaction():
        pass
    assert sent == []
    assert [c.name for c in clients.list_clients()] == ["Ann Lee"]


def test_a_transaction_whose_first_statement_fails_is_rolled_back_whole(
    team_book: TeamBook,
) -> None:
    from rapport.services import clients
    from rapport.store.db import transaction
    from rapport.store.models import db

    with pytest.raises(peewee.ProgrammingError), transaction():
        db.execute_sql("SELECT no_such_column FROM client")
    clients.create_client("Ann Lee")  # the connection carries on
    with pytest.raises(peewee.IntegrityError), transaction():
        with db.atomic():
            clients.create_client("Bob Smith")
        db.execute_sql("INSERT INTO client (id, name, name_key) VALUES (-1, NULL, '')")
    assert [c.name for c in clients.list_clients()] == ["Ann Lee"]


def test_a_saves_updates_go_to_the_server_with_its_next_statement(
    team_book: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An UPDATE of ``store.sql.update`` has no answer anybody reads (the client's last
    contact after a note): it rides with the next statement, and its change is there."""
    from rapport.services import capture, clients

    first = "Lunch with Bob Smith."
    capture.save_capture(first, capture.understand_note(first))
    text = "Call with Bob Smith about the renewal."
    understood = capture.understand_note(text)
    sent = _sent(monkeypatch)
    capture.save_capture(text, understood)
    updates = [piped for query, piped in sent if query.startswith("UPDATE")]
    assert updates and all(updates)
    (bob,) = clients.list_clients()
    assert bob.last_contact_at is not None


def test_the_typo_pass_asks_about_every_word_at_once_and_never_about_a_short_one(
    team_book: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word is corrected only from four letters up, so a shorter one is not looked up;
    whether the longer ones match anything is one statement for all of them, where it was
    a round trip a word (the first of which ran even for a word too short to correct)."""
    from rapport.services import capture
    from rapport.store import search_pg

    text = "Lunch with Bob Smith, loves baseball and jazz."
    capture.save_capture(text, capture.understand_note(text))
    sent = _sent(monkeypatch)
    assert search_pg.search("zq xw", 60, 8) == []
    assert not any("rapport_known(" in query for query, _ in sent)
    sent.clear()
    hits = search_pg.search("basebll jazzz ", 60, 8)  # two typos, both corrected
    assert hits and all("baseball" in (hit.title + hit.snippet).lower() for hit in hits)
    asked = [query for query, _ in sent if "rapport_known(" in query]
    assert len(asked) == 1


# -- a save's triggers: statements written out, planned once a connection --------------------
def test_the_save_triggers_run_no_statement_made_at_each_call(team_book: TeamBook) -> None:
    """The triggers a save fires on every row and INSERT (the search documents' privacy,
    the id sequences) read their rows through statements written in the function, whose
    plans PL/pgSQL keeps, not through ``EXECUTE format(...)``, planned again at every call
    (0.06 to 0.09 ms of the server's each, 7 to 12 calls a save); the sequence is the
    trigger's argument, not looked up in the catalog each time."""
    with team_book.server.connect(ADMIN, team_book.database) as conn:
        bodies = dict(
            conn.execute(
                "SELECT proname, prosrc FROM pg_proc WHERE proname = ANY(%s)",
                (["rapport_doc_privacy", "rapport_ids_written"],),
            ).fetchall()
        )
        arguments = conn.execute(
            "SELECT c.relname, g.tgargs FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid "
            "WHERE g.tgname = 'ids_written'"
        ).fetchall()
    assert set(bodies) == {"rapport_doc_privacy", "rapport_ids_written"}
    for name, body in bodies.items():
        assert "EXECUTE" not in body.upper(), name
    assert arguments
    for table, argument in arguments:
        assert bytes(argument).rstrip(b"\x00").decode() == f"public.{table}_id_seq", table


def test_a_first_row_written_with_its_id_moves_the_sequence_past_it(
    team_book: TeamBook,
) -> None:
    """A table's first row written with its id 1 (an import of a book with one client into
    an empty team book) moved no sequence (1 was not above the unused sequence's 1), so
    the next client saved was given id 1 again and the save failed."""
    from rapport.store import models as m

    m.Client.create(id=1, name="Ann Lee", name_key="ann lee")  # as an import writes it
    assert m.Client.create(name="Bob Smith", name_key="bob smith").id == 2


def test_a_clients_last_contact_is_set_in_place_with_the_next_statement(
    team_book: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After each conversation saved, the client's last contact is its latest conversation's
    date: read first (a round trip of every save), then written; now one UPDATE reading
    the latest in place, sent with the save's next statement. The value is the same: the
    latest contact, not the note just saved when it is older, and a private note is none."""
    from datetime import datetime

    from rapport.services import capture, clients

    def save(text: str, when: datetime, kind: str = "meeting") -> None:
        understood = capture.understand_note(text)
        understood["kind"] = kind
        capture.save_capture(text, understood, happened_at=when)

    save("Lunch with Bob Smith.", datetime(2026, 3, 5, 12, 0))
    sent = _sent(monkeypatch)
    save("Call with Bob Smith about the renewal.", datetime(2026, 2, 1, 9, 30), "call")
    save("Bob Smith seemed tired.", datetime(2026, 4, 1, 8, 0), "note")
    assert not [query for query, _ in sent if query.startswith('SELECT MAX("happened_at")')]
    (bob,) = clients.list_clients()
    assert bob.last_contact_at == datetime(2026, 3, 5, 12, 0)


def test_a_save_about_a_known_client_reads_the_client_once(
    team_book: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The undo's recorder reads the client a note is about before the save writes; the
    save took the client's name from the server again, a round trip of every save."""
    from rapport.services import capture, clients

    first = "Lunch with Bob Smith."
    capture.save_capture(first, capture.understand_note(first))
    (bob,) = clients.list_clients()
    text = "Call with Bob about the renewal."
    understood = capture.understand_note(text)
    capture.set_client(understood, clients.get_client(bob.id))
    sent = _sent(monkeypatch)
    saved = capture.save_capture(text, understood)
    assert saved.client_id == bob.id and not saved.created_client
    asked_again = [q for q, _ in sent if q.startswith('SELECT "id", "name", "name_key" FROM')]
    assert not asked_again


def test_a_saves_rows_take_ids_taken_ahead_and_go_with_its_next_statement(
    team_book: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every INSERT of a save waited for its answer (the id, which later rows and the
    search documents need): a round trip each. The save now takes its ids from the
    sequences in one read sent with the undo's first (after its marks); its INSERTs then
    need no answer and go with the next statement. The undo still finds them all."""
    from rapport.services import capture, clients
    from rapport.services.capture_undo import undo_capture
    from rapport.services.dump import dump_tables

    first = "Lunch with Bob Smith."
    capture.save_capture(first, capture.understand_note(first))
    before = dump_tables()
    text = "Call with Bob Smith. His son Jake, 12, plays travel baseball. Send the deck Friday."
    sent = _sent(monkeypatch)
    saved = capture.save_capture(text, capture.understand_note(text))
    inserts = [(q, piped) for q, piped in sent if q.startswith('INSERT INTO "')]
    tables = {q.split('"')[1] for q, _ in inserts}
    assert {"interaction", "person", "task"} <= tables, tables
    assert all(piped and "RETURNING" not in q for q, piped in inserts), inserts
    assert sum("nextval" in q for q, _ in sent) == 1
    (bob,) = clients.list_clients()
    assert saved.client_id == bob.id and saved.person_ids and saved.task_ids
    jake = m_person(saved.person_ids[0])
    assert (jake.name, jake.age) == ("Jake", 12)
    assert saved.interaction_id > 0 and saved.undo is not None
    undo_capture(saved.undo)
    assert dump_tables() == before


def m_person(person_id: int) -> Any:
    from rapport.store import models as m

    return m.Person.get_by_id(person_id)


def test_ids_taken_ahead_are_kept_for_their_transaction_only(team_book: TeamBook) -> None:
    """An id taken ahead is above the marks the save's undo read before it; kept for a
    later transaction it could be below that one's marks (a colleague's rows numbered
    meanwhile), and the undo would not see the row. So the ids go with the transaction."""
    from rapport.store import models as m
    from rapport.store import sql
    from rapport.store.db import transaction

    wanted = [(m.Fact, 2), (m.Task, 1)]
    with transaction():
        (row,) = sql.read_together([sql.read_reserved_ids(wanted)])[0]
        sql.keep_reserved_ids(wanted, row)
        fact_ids, task_ids = row
        assert len(fact_ids) == 2 and len(task_ids) == 1
        assert m.db.obj.reserved_id("fact") == fact_ids[0]
    assert m.db.obj.reserved_id("fact") is None  # the second is not kept past the commit
    with transaction():
        assert m.db.obj.reserved_id("task") is None


def _prepared_here() -> int:
    """How many statements the server holds prepared for this connection."""
    from rapport.store.models import db

    return int(db.execute_sql("SELECT count(*) FROM pg_prepared_statements").fetchone()[0])


def test_a_rollback_keeps_the_statements_prepared_on_the_connection(
    team_book: TeamBook,
) -> None:
    """psycopg's rollback forgets every statement it prepared (DEALLOCATE ALL), in case
    the transaction created what one names: after a rolled-back save (the bench's, a
    refused one) each statement was parsed and planned again at every call, five calls at
    least: the server's planning, the slowest part of the bench's saves. A transaction of
    reads, writes and savepoints keeps them; one that ran anything else still forgets."""
    from rapport.store.db import rolled_back, transaction
    from rapport.store.models import db

    class Undone(Exception):
        pass

    for _ in range(6):  # psycopg prepares a statement at its fifth call
        _documents("Prepared")
    held = _prepared_here()
    assert held >= 1
    with rolled_back():
        _keep(1, "Rolled")
        _documents("Rolled")
    with pytest.raises(Undone), transaction():
        _documents("Refused")
        raise Undone
    assert _prepared_here() == held  # still there: nothing to parse or plan again
    assert _documents("Rolled") == 0  # and the transaction was undone
    with pytest.raises(Undone), transaction():
        db.execute_sql("CREATE TEMPORARY TABLE made_here (id integer)")
        raise Undone
    assert _prepared_here() == 0  # a transaction that created something forgets them all
    for _ in range(6):
        _documents("Prepared")
    assert _prepared_here() >= 1
    with pytest.raises(Undone), transaction():
        db.cursor().execute("SELECT 1")  # a statement of its own: anything
        raise Undone
    assert _prepared_here() == 0
