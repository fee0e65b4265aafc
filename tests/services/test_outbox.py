"""The outbox of a team book (services/outbox.py), against a real server stopped and started.

While the server is away a capture is kept on this computer; when it is back the outbox
is sent in order, each capture once, even when a send was killed between the server's
commit and the outbox's delete.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.services import capture, outbox
from rapport.services.book import close_book, open_book
from rapport.services.errors import ServerAwayError
from rapport.store import models as m
from tests.pgserver import PgServer, TeamBook, make_team


@pytest.fixture
def team(
    pg_outage: PgServer, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TeamBook]:
    book = make_team(pg_outage)
    monkeypatch.setenv("RAPPORT_DATABASE_URL", book.url("alice"))
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(data_dir))
    yield book
    close_book()


def _notes() -> list[tuple[str, str, str | None]]:
    """(client, text, capture key) of every conversation, in the order saved."""
    rows = m.Interaction.select(m.Interaction, m.Client).join(m.Client).order_by(m.Interaction.id)
    return [(row.client.name, row.raw_text, row.capture_key) for row in rows]


def test_captures_kept_while_the_server_is_away_are_saved_in_order_when_it_is_back(
    team: TeamBook, pg_outage: PgServer, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_book(data_dir)
    bob = capture.save_capture("Met Bob Smith.", capture.understand_note("Met Bob Smith."))
    understood = capture.understand_note("Lunch with Bob Smith. Send the proposal by Friday.")
    pg_outage.stop()
    # The window's save: what it understood and ticked; the book tells the server is away.
    with pytest.raises(ServerAwayError, match="cannot reach the team book at"):
        capture.save_capture("Lunch with Bob Smith.", understood)
    first = outbox.keep(
        "Lunch with Bob Smith. Send the proposal by Friday.", understood, [0], private=True
    )
    assert first.waiting == 1 and first.server.endswith(f":{pg_outage.port}")
    # The command line's, understood when sent ("bob" is Bob Smith then).
    close_book()
    assert (
        main(["capture", "--client", "bob", "Call with him: his daughter Amy starts college."]) == 3
    )
    assert "(2 captures waiting)" in capsys.readouterr().err
    assert outbox.send().away  # still away: nothing sent, nothing lost
    assert [kept.text[:4] for kept in outbox.waiting()] == ["Lunc", "Call"]

    pg_outage.start()
    open_book(data_dir)
    sent = outbox.send()
    assert (sent.saved, sent.waiting, sent.away, sent.failed) == (2, 0, False, "")
    assert outbox.waiting() == []
    notes = _notes()
    assert [(client, text[:4]) for client, text, _ in notes] == [
        ("Bob Smith", "Met "),
        ("Bob Smith", "Lunc"),
        ("Bob Smith", "Call"),
    ]
    assert notes[1][2] == first.key and notes[2][2] is not None
    # What the window understood and ticked, and the "Only me" it chose, went with it.
    lunch = m.Interaction.get(m.Interaction.capture_key == first.key)
    assert lunch.client_id == bob.client_id
    assert m.Task.select().where(m.Task.interaction == lunch.id).count() >= 1
    from rapport.store import postgres

    assert postgres.private_ids("interaction", [lunch.id]) == {lunch.id}
    assert outbox.send() == outbox.Sent(0, 0, False, first.server)  # nothing left: a look


def test_the_window_carries_on_by_itself_after_the_server_comes_back(
    team: TeamBook, pg_outage: PgServer, data_dir: Path
) -> None:
    """The connection the server cut is replaced at the next statement after it."""
    from rapport.services import clients

    open_book(data_dir)
    clients.create_client("Ann Lee")
    pg_outage.stop()
    with pytest.raises(ServerAwayError):
        clients.create_client("Dana Reyes")
    pg_outage.start()
    clients.create_client("Dana Reyes")
    assert sorted(c.name for c in m.Client.select()) == ["Ann Lee", "Dana Reyes"]


def test_after_a_restart_unseen_the_first_read_and_the_first_save_work(
    team: TeamBook, pg_outage: PgServer, data_dir: Path
) -> None:
    """The server restarted while the window was idle: its connection is dead, which it
    learns at the next statement; a read or a transaction's BEGIN is sent again on a new
    one (nothing was done on the dead one), so the user sees no error."""
    from rapport.services import clients

    open_book(data_dir)
    clients.create_client("Ann Lee")
    pg_outage.stop()
    pg_outage.start()
    assert [c.name for c in m.Client.select()] == ["Ann Lee"]
    pg_outage.stop()
    pg_outage.start()
    clients.create_client("Dana Reyes")
    assert m.Client.select().count() == 2


_SEND_THEN_DIE = """
import os, sys
from rapport.services import outbox
from rapport.services.book import open_book
from rapport.store.outbox import Outbox

def die(self, key):  # killed after the server's commit, before the outbox forgets it
    os._exit(9)

Outbox.remove = die
open_book(sys.argv[1])
outbox.send()
"""


def test_a_send_killed_after_the_commit_does_not_save_the_capture_twice(
    team: TeamBook, pg_outage: PgServer, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_book(data_dir)
    capture.save_capture("Met Bob Smith.", capture.understand_note("Met Bob Smith."))
    close_book()
    pg_outage.stop()
    for text in ("Bob Smith called about the renewal.", "Bob Smith sent the signed order."):
        assert main(["capture", text]) == 3
    capsys.readouterr()
    pg_outage.start()
    child = subprocess.run(
        [sys.executable, "-c", _SEND_THEN_DIE, str(data_dir)],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 9, child.stderr
    assert len(outbox.waiting()) == 2  # the first is on the server and still kept here
    # The next capture sends what waits first: the first once, then the second.
    assert main(["capture", "Bob Smith: renewal signed, send a thank-you."]) == 0
    assert "2 captures kept while the server was away saved" in capsys.readouterr().err
    close_book()
    open_book(data_dir)
    assert [text[:12] for _, text, _ in _notes()] == [
        "Met Bob Smit",
        "Bob Smith ca",
        "Bob Smith se",
        "Bob Smith: r",
    ]
    assert outbox.waiting() == []


def test_a_capture_the_server_refuses_is_set_aside_and_the_rest_are_sent_in_order(
    team: TeamBook, pg_outage: PgServer, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first capture names no client the book knows: it is set aside with why (not
    sent again by itself), and the one typed after it is saved; nothing is lost."""
    pg_outage.stop()
    assert main(["capture", "--client", "Zed", "Lunch with him about the renewal."]) == 3
    assert main(["capture", "Lunch with Bob Smith."]) == 3
    capsys.readouterr()
    pg_outage.start()
    open_book(data_dir)
    sent = outbox.send()
    assert (sent.saved, sent.waiting, sent.away, sent.refused) == (1, 0, False, 1)
    assert sent.failed.startswith("the capture typed ")
    assert '("Lunch with him about the renewal.") was not saved: no client matches' in sent.failed
    assert [text for _, text, _ in _notes()] == ["Lunch with Bob Smith."]
    aside = outbox.refused()
    assert [(item.text, item.refused) for item in aside] == [
        ("Lunch with him about the renewal.", "no client matches 'Zed'")
    ]
    again = outbox.send()  # set aside: not tried again by itself
    assert (again.saved, again.waiting, again.refused, again.failed) == (0, 0, 1, "")
    outbox.forget(aside[0].key)  # the user discarded it
    assert outbox.waiting() == []


def test_an_outbox_written_before_refusals_were_kept_is_read_and_written(
    team: TeamBook, data_dir: Path
) -> None:
    """An outbox file from before (no ``refused`` column): read as it is; the first write
    adds the column, and what waited is sent."""
    import sqlite3

    open_book(data_dir)
    path = outbox.outbox_file()
    assert path is not None
    old_schema = (  # as the outbox was written before (schema of stop 25)
        "CREATE TABLE capture (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL "
        "UNIQUE, book TEXT NOT NULL, author TEXT NOT NULL, typed_at TEXT NOT NULL, text TEXT "
        "NOT NULL, private INTEGER NOT NULL, understanding TEXT, accepted TEXT, client TEXT, "
        "accept TEXT NOT NULL DEFAULT '')"
    )
    with sqlite3.connect(path) as conn:
        conn.execute(old_schema)
        conn.execute(
            "INSERT INTO capture (key, book, author, typed_at, text, private) "
            "VALUES ('k1', 'b', 'alice', '2026-12-07T10:00:00', 'Lunch with Bob Smith.', 0)"
        )
    assert [(item.text, item.refused) for item in outbox.waiting()] == [
        ("Lunch with Bob Smith.", "")
    ]
    outbox.keep("Call Dana Reyes.", None, None, client="Nobody")
    assert [item.text for item in outbox.waiting()] == ["Lunch with Bob Smith.", "Call Dana Reyes."]
    sent = outbox.send()
    assert (sent.saved, sent.refused) == (1, 1)
    assert [text for _, text, _ in _notes()] == ["Lunch with Bob Smith."]


def test_keeping_survives_a_kill_right_after(team: TeamBook, pg_outage: PgServer) -> None:
    """A capture the user was told is kept is on disk when the process dies just after."""
    pg_outage.stop()
    script = (
        "import os; from rapport.cli import main; "
        "code = main(['capture', 'Lunch with Bob Smith.']); os._exit(code)"
    )
    child = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    pg_outage.start()  # before the teardown of the test's own book on the server
    assert child.returncode == 3, child.stderr
    assert [kept.text for kept in outbox.waiting()] == ["Lunch with Bob Smith."]


def test_the_capture_key_is_unique_on_both_engines(any_book: Path) -> None:
    """The key a kept capture carries is checked by the database itself (schema 8)."""
    import peewee

    understood = capture.understand_note("Met Bob Smith.")
    capture.save_capture("Met Bob Smith.", understood, key="k1")
    with pytest.raises(peewee.IntegrityError):
        capture.save_capture("Met Bob Smith again.", understood, key="k1")
    capture.save_capture("Met Bob Smith twice.", understood)
    capture.save_capture("Met Bob Smith thrice.", understood)  # no key: no limit
    assert m.Interaction.select().count() == 3


def test_a_team_book_of_schema_7_climbs_to_the_capture_key(
    pg_server: PgServer, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The owner's setup adds the column and its unique index to an older team book."""
    from rapport.services import team as team_admin
    from rapport.store import migrations

    book = make_team(pg_server)
    with pg_server.connect("owner", book.database) as conn:
        conn.execute("ALTER TABLE interaction DROP COLUMN capture_key")
        conn.execute("UPDATE rapport_meta SET value = '7' WHERE key = 'schema_version'")
    monkeypatch.setenv("RAPPORT_DATABASE_URL", book.url("owner"))
    assert team_admin.setup().schema_version == migrations.SCHEMA_VERSION
    close_book()
    with pg_server.connect("owner", book.database) as conn:
        (unique,) = conn.execute(
            "SELECT bool_or(indisunique) FROM pg_index i JOIN pg_attribute a "
            "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indrelid = 'interaction'::regclass AND a.attname = 'capture_key'"
        ).fetchone()
    assert unique is True


def test_a_server_that_never_answers_is_away_after_the_timeout_and_the_note_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A host that takes the connection and says nothing (a hung server, a half-open
    network): libpq would wait forever; the capture is kept once the timeout passes."""
    import socket

    from rapport.store import postgres

    monkeypatch.setattr(postgres, "CONNECT_TIMEOUT", 1)
    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    monkeypatch.setenv("RAPPORT_DATABASE_URL", "")  # --database-url sets it: undone after
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        url = f"postgresql://alice@127.0.0.1:{port}/team"
        try:
            assert main(["--database-url", url, "capture", "Lunch with Bob Smith."]) == 3
        finally:
            close_book()
    err = capsys.readouterr().err
    assert f"the team book at postgresql://127.0.0.1:{port}/team is away" in err
    assert [kept.text for kept in outbox.waiting()] == ["Lunch with Bob Smith."]


def test_the_draft_of_a_kept_note_goes_when_it_is_sent_a_newer_one_stays(
    team: TeamBook, pg_outage: PgServer, data_dir: Path
) -> None:
    """The window kept its draft in the book while typing; the note then went to the
    outbox. Sending it forgets that draft (it would come back as a note to save again),
    not one typed after it was kept."""
    from rapport.services import drafts

    open_book(data_dir)
    understood = capture.understand_note("Met Bob Smith.")
    capture.save_capture("Met Bob Smith.", understood)
    drafts.save_draft("Lunch with Bob Sm")
    pg_outage.stop()
    outbox.keep("Lunch with Bob Smith.", understood, [])
    pg_outage.start()
    assert outbox.send().saved == 1
    assert drafts.load_draft() is None

    pg_outage.stop()
    outbox.keep("Called Bob Smith.", understood, [])
    pg_outage.start()
    drafts.save_draft("Next note, typed once the server was back")
    assert outbox.send().saved == 1
    draft = drafts.load_draft()
    assert draft is not None and draft.text.startswith("Next note")


@pytest.mark.parametrize("role, database", [("nobody", "team"), ("alice", "no_such_book")])
def test_a_server_that_refuses_the_connection_is_not_away_and_keeps_nothing(
    role: str,
    database: str,
    pg_server: PgServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An unknown role or database is the user's to fix, not an outage: exit 1 naming the
    server, and no note kept to be sent to a book that will never take it."""
    monkeypatch.setenv("RAPPORT_DATABASE_URL", "")  # --database-url sets it: undone after
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    try:
        code = main(["--database-url", pg_server.url(role, database), "capture", "Met Bob Smith."])
    finally:
        close_book()
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.startswith("rapport: cannot reach the team book at ") and "does not exist" in err
    assert outbox.waiting() == []


def test_a_save_cut_off_at_the_commit_is_kept_and_saved_once(
    team: TeamBook,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The server committed the capture, then the connection died before it said so: the
    save failed as far as the user knows, so the note is kept; it carried its key from
    the first attempt, and sending it finds it saved (the test fails without the key)."""
    from rapport.store import postgres

    open_book(data_dir)
    capture.save_capture("Met Bob Smith.", capture.understand_note("Met Bob Smith."))
    close_book()
    committed = postgres.TeamDatabase.commit

    def commit_then_lost(self: postgres.TeamDatabase) -> None:
        committed(self)
        raise postgres.cannot_reach(self.database, None)

    monkeypatch.setattr(postgres.TeamDatabase, "commit", commit_then_lost)
    assert main(["capture", "Lunch with Bob Smith about the renewal."]) == 3
    close_book()
    monkeypatch.setattr(postgres.TeamDatabase, "commit", committed)
    assert len(outbox.waiting()) == 1
    assert main(["capture", "Bob Smith signed."]) == 0
    close_book()
    assert "1 capture kept while the server was away saved" in capsys.readouterr().err
    open_book(data_dir)
    assert [text for _, text, _ in _notes()] == [
        "Met Bob Smith.",
        "Lunch with Bob Smith about the renewal.",
        "Bob Smith signed.",
    ]
    assert outbox.waiting() == []


def test_the_capture_key_stays_in_its_book_not_in_the_export(book: Path) -> None:
    """The same notes exported and imported twice do not collide on their keys."""
    from rapport.services import dump

    understood = capture.understand_note("Met Bob Smith.")
    capture.save_capture("Met Bob Smith.", understood, key="k1")
    [row] = dump.dump_tables()["interaction"]
    assert "capture_key" not in row and "capture_key" not in dump.schema()["interaction"]
