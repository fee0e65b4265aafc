"""A team book on PostgreSQL: setting up, members, authorship and private notes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pgserver import PgServer, TeamBook


@pytest.fixture
def team(pg_server: PgServer, pg_database: str, tmp_path: Path) -> Iterator[str]:
    """A team book set up by its owner, with alice and bob as members; its database."""
    from rapport.store import postgres

    database = postgres.connect(pg_server.url("owner", pg_database))
    try:
        postgres.setup(database)
        postgres.add_member(database, "alice")
        postgres.add_member(database, "bob")
    finally:
        database.close()
    yield pg_database


def test_setup_makes_the_schema(pg_server: PgServer, team: str) -> None:
    with pg_server.connect("alice", team) as conn:
        assert conn.execute("SELECT value FROM rapport_meta").fetchone() is not None


def _open_as(
    pg_server: PgServer, team: str, role: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services.book import close_book, open_book

    close_book()
    monkeypatch.setenv("RAPPORT_DATABASE_URL", pg_server.url(role, team))
    open_book(data_dir)


def test_a_private_note_is_invisible_to_another_member(
    pg_server: PgServer, team: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services import capture, search
    from rapport.services.book import close_book

    _open_as(pg_server, team, "alice", tmp_path / "a", monkeypatch)
    try:
        text = (
            "Lunch with Bob Smith. His son Jake, 12, plays travel baseball. "
            "Send the proposal by Friday."
        )
        capture.save_capture(text, capture.understand_note(text))
        secret = "Met Carol Jones. She is leaving her husband Tom; keep it quiet. Call her Monday."
        capture.save_capture(secret, capture.understand_note(secret), private=True)
        assert [r.client for r in search.search("carol")]
    finally:
        close_book()
    _open_as(pg_server, team, "bob", tmp_path / "b", monkeypatch)
    try:
        assert [r.client for r in search.search("bob smith")]
        assert not search.search("carol")
        assert not search.search("leaving")
    finally:
        close_book()


def _rows_with(conn: object, words: tuple[str, ...]) -> dict[str, int]:
    """{table: how many of its rows mention any of ``words``}, over every table."""
    tables = [
        name
        for (name,) in conn.execute(  # type: ignore[attr-defined]
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )
    ]
    assert {"client", "interaction", "fact", "person", "task", "search_doc"} <= set(tables)
    found = {}
    for table in tables:
        condition = " OR ".join(f"t::text ILIKE '%{word}%'" for word in words)
        (count,) = conn.execute(f'SELECT count(*) FROM "{table}" t WHERE {condition}').fetchone()  # type: ignore[attr-defined]
        found[table] = count
    return found


def test_a_raw_query_over_every_table_shows_bob_none_of_alices_private_rows(
    pg_server: PgServer, team: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services import capture
    from rapport.services.book import close_book

    _open_as(pg_server, team, "alice", tmp_path / "a", monkeypatch)
    try:
        secret = "Met Carol Jones. She is leaving her husband Tom; keep it quiet. Call her Monday."
        capture.save_capture(secret, capture.understand_note(secret), private=True)
    finally:
        close_book()
    words = ("carol", "leaving", "tom")
    with pg_server.connect("alice", team) as conn:
        seen_by_alice = _rows_with(conn, words)
    assert all(seen_by_alice[t] for t in ("client", "interaction", "person", "task", "search_doc"))
    with pg_server.connect("bob", team) as conn:
        assert sum(_rows_with(conn, words).values()) == 0
        # Nor can bob make a row his by writing alice's name on it.
        with pytest.raises(Exception, match="row-level security"):
            conn.execute("INSERT INTO client (name, name_key, author) VALUES ('X', 'x', 'alice')")


def test_two_owners_setting_up_at_once_migrate_once(pg_server: PgServer, pg_database: str) -> None:
    """Two windows starting at once on a new book: the advisory lock lets one climb the
    ladder; the other waits and finds the book done."""
    import threading

    from rapport.store import migrations, postgres

    errors: list[BaseException] = []
    start = threading.Barrier(3)
    # One database object, a connection per thread (peewee's), as the window's threads.
    database = postgres.connect(pg_server.url("owner", pg_database))
    database.close()

    def set_up() -> None:
        try:
            database.connect()
            start.wait()
            postgres.setup(database)
        except BaseException as exc:
            errors.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=set_up) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with pg_server.connect("owner", pg_database) as conn:
        assert conn.execute("SELECT value FROM rapport_meta").fetchall() == [
            (str(migrations.SCHEMA_VERSION),)
        ]


_CAPTURE_LOOP = """
import sys
from rapport.services import capture
from rapport.services.book import open_book
open_book(sys.argv[1])
for i in range(int(sys.argv[3])):
    text = f"Call number {i} with {sys.argv[2]} about the renewal."
    capture.save_capture(text, capture.understand_note(text))
print("done")
"""


@pytest.mark.slow
def test_concurrent_captures_from_two_processes_keep_every_row(
    pg_server: PgServer, team: str, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    rounds = 15
    processes = []
    for role, client in (("alice", "Ann Lee"), ("bob", "Bo Chan")):
        env = {**os.environ, "RAPPORT_DATABASE_URL": pg_server.url(role, team)}
        processes.append(
            subprocess.Popen(
                [sys.executable, "-c", _CAPTURE_LOOP, str(tmp_path / role), client, str(rounds)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert out.strip() == "done"
    with pg_server.connect("alice", team) as conn:
        rows = conn.execute(
            "SELECT author, count(*) FROM interaction GROUP BY author ORDER BY author"
        ).fetchall()
        assert rows == [("alice", rounds), ("bob", rounds)]
        assert conn.execute("SELECT count(*) FROM search_doc WHERE rowid >> 40 = 9").fetchone() == (
            2 * rounds,
        )


def test_sample_data_numbered_by_rapport_then_a_capture_does_not_collide(
    pg_server: PgServer, team: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sample data (and imports) write rows with their ids; the server's id sequences
    move past them, so the next save gets a free id."""
    from rapport.sample.demo import load_demo
    from rapport.services import capture
    from rapport.services.book import close_book

    _open_as(pg_server, team, "alice", tmp_path / "a", monkeypatch)
    try:
        load_demo(clients=20, notes=60, seed=1)
        text = "Lunch with Bob Smith. He is moving to Denver."
        saved = capture.save_capture(text, capture.understand_note(text))
        assert saved.interaction_id > 60
    finally:
        close_book()


def test_a_role_outside_the_team_can_read_nothing(pg_server: PgServer, team: str) -> None:
    from psycopg import errors

    with pg_server.connect("postgres") as conn:
        conn.execute("DROP ROLE IF EXISTS mallory")
        conn.execute("CREATE ROLE mallory LOGIN")
    with pg_server.connect("mallory", team) as conn:
        for statement in (
            "SELECT * FROM client",
            "SELECT * FROM search_doc",
            "SELECT * FROM rapport_similar('anything', 5)",
            "SELECT * FROM rapport_find(to_tsquery('simple', 'a'), 5)",
            "SELECT rapport_enough(to_tsquery('simple', 'a'))",
            "SELECT * FROM rapport_spread(ARRAY[to_tsquery('simple', 'a')], 5)",
            "SELECT * FROM search_word",
            "SELECT rapport_known(ARRAY['a'])",
            "SELECT * FROM rapport_find(to_tsquery('simple', 'a'), 5, 'a', true)",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)


def test_an_import_by_alice_does_not_collide_with_bobs_private_rows(
    pg_server: PgServer, team: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Imports number their rows after the highest id: on a team book that counts the
    rows alice cannot see (bob's private ones) too."""
    from rapport.services import capture, exchange
    from rapport.services.book import close_book

    _open_as(pg_server, team, "bob", tmp_path / "b", monkeypatch)
    try:
        for name in ("Carol Jones", "Dan Wu"):
            text = f"Met {name}, who is thinking of leaving her firm."
            capture.save_capture(text, capture.understand_note(text), private=True)
    finally:
        close_book()
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("Name,Company\nEd Park,Park Ltd\nFay Lin,Lin Co\n", encoding="utf-8")
    _open_as(pg_server, team, "alice", tmp_path / "a", monkeypatch)
    try:
        result = exchange.apply_import(exchange.preview_import(contacts))
        assert result.added == 2
        text = "Lunch with Ed Park about the renewal."
        capture.save_capture(text, capture.understand_note(text))
    finally:
        close_book()
    with pg_server.connect("owner", team) as conn:
        assert conn.execute("SELECT count(*) FROM client").fetchone() == (4,)


def test_a_colleagues_row_saved_during_a_capture_is_not_taken_back_with_it(
    pg_server: PgServer, team: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The undo of a capture takes back the rows the capture made. Ids above its marks are not
    enough on a server: a colleague's row numbered and committed while the save runs is above
    them too, and undoing the capture must not delete it."""
    from rapport.services import capture_undo, clients
    from rapport.services.book import close_book
    from rapport.store import models as m
    from rapport.store.db import transaction

    _open_as(pg_server, team, "alice", tmp_path / "a", monkeypatch)
    try:
        # bob's client as the app writes it (every column's default), sent on his connection
        insert, params = m.Client.insert(name="Cora Vance", name_key="cora vance").sql()
        with transaction():
            recorder = capture_undo.Recorder(None, ["Zed Quill"])
            with pg_server.connect("bob", team) as conn:  # bob saves meanwhile, and commits
                conn.execute(insert, params)
                conn.commit()
            clients.create_client("Zed Quill")
            record = recorder.finish("the note about Zed Quill", "Met Zed Quill.")
        made = [
            row["name"] for rows in record.created.rows.values() for row in rows if "name" in row
        ]
        assert made == ["Zed Quill"]
        capture_undo.undo_capture(record)
        assert [c.name for c in clients.list_clients()] == ["Cora Vance"]
    finally:
        close_book()


def test_a_book_set_up_before_save_marks_asks_its_owner_who_opens_it_set_up(
    team_book: TeamBook, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A team book set up before the rows knew the transaction that saved them: a member is
    asked for its owner (an undo could not tell its rows apart), the owner's window adds
    the column, rows already there keep none, and a capture's undo works again."""
    from rapport.services import capture, clients
    from rapport.services.book import close_book, open_book
    from rapport.store import models as m
    from rapport.store.postgres import TeamSetupError

    clients.create_client("Old Client")
    close_book()
    with team_book.server.connect("owner", team_book.database) as conn:
        for model in m.BOOK_MODELS:  # as an earlier Rapport set it up
            conn.execute(f"ALTER TABLE {model._meta.table_name} DROP COLUMN saved_in")
    with pytest.raises(TeamSetupError, match="its owner runs `rapport team setup`"):
        open_book(data_dir)
    close_book()
    monkeypatch.setenv("RAPPORT_DATABASE_URL", team_book.url("owner"))
    open_book(data_dir)  # the owner's window sets it up
    close_book()
    monkeypatch.setenv("RAPPORT_DATABASE_URL", team_book.url("alice"))
    open_book(data_dir)
    text = "Met Zed Quill about the renewal."
    saved = capture.save_capture(text, capture.understand_note(text))
    assert saved.undo is not None
    saved.undo.undo()
    assert [c.name for c in clients.list_clients()] == ["Old Client"]
