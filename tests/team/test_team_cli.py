"""``rapport --database-url URL``, ``rapport team setup|add`` and ``capture --private``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.services.book import close_book
from tests.pgserver import PgServer


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # --database-url notes the URL in the environment: undone after each test.
    monkeypatch.setenv("RAPPORT_DATABASE_URL", "")
    yield
    close_book()


def rapport(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    close_book()  # each command as its own process would
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_setup_add_and_a_private_capture_through_the_command_line(
    pg_server: PgServer, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = pg_server.url("owner", pg_database)
    code, out, err = rapport(capsys, "--database-url", owner, "team", "setup", "--json")
    assert code == 0, err
    assert json.loads(out)["group"] == f"{pg_database}_team"
    assert "@" not in json.loads(out)["where"].split("?")[0].split("//")[1]  # no role, no password
    for member in ("alice", "bob"):
        code, out, err = rapport(capsys, "--database-url", owner, "team", "add", member)
        assert (code, err) == (0, ""), err
        assert f"{member} is in the team" in out
    alice = pg_server.url("alice", pg_database)
    bob = pg_server.url("bob", pg_database)
    note = "Coffee with Dana Reyes, she is interviewing at a competitor. Call her Friday."
    code, out, err = rapport(capsys, "--database-url", alice, "capture", note, "--private")
    assert code == 0, err
    code, out, err = rapport(capsys, "--database-url", alice, "capture", "Lunch with Ed Park.")
    assert code == 0, err
    code, out, err = rapport(capsys, "--database-url", bob, "search", "--json", "interviewing")
    assert (code, json.loads(out)["results"]) == (0, [])
    code, out, err = rapport(capsys, "--database-url", bob, "clients", "--json")
    assert code == 0, err
    assert "Dana Reyes" not in out and "Ed Park" in out
    code, out, err = rapport(capsys, "--database-url", alice, "clients", "--json")
    assert "Dana Reyes" in out and "Ed Park" in out


def test_a_member_cannot_set_up_and_a_book_not_set_up_asks_its_owner(
    pg_server: PgServer, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    alice = pg_server.url("alice", pg_database)
    code, _out, err = rapport(capsys, "--database-url", alice, "clients")
    assert code == 1
    assert "its owner runs `rapport team setup`" in err and err.count("\n") == 1
    code, _out, err = rapport(capsys, "--database-url", alice, "team", "setup")
    assert code == 1 and "only the database's owner" in err


def test_a_login_role_nobody_let_in_is_told_who_lets_it_in(
    pg_server: PgServer, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = pg_server.url("owner", pg_database)
    assert rapport(capsys, "--database-url", owner, "team", "setup")[0] == 0
    with pg_server.connect("postgres") as conn:
        conn.execute("DROP ROLE IF EXISTS carol")
        conn.execute("CREATE ROLE carol LOGIN")
    carol = pg_server.url("carol", pg_database)
    for command in (("clients",), ("search", "anything")):
        code, _out, err = rapport(capsys, "--database-url", carol, *command)
        assert code == 1
        assert "carol is not a member of the team book" in err and err.count("\n") == 1
        assert "rapport team add carol" in err
    assert rapport(capsys, "--database-url", owner, "team", "add", "carol")[0] == 0
    code, _out, err = rapport(capsys, "--database-url", carol, "clients")
    assert (code, err) == (0, "")


def test_a_newer_team_book_is_refused(
    pg_server: PgServer, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = pg_server.url("owner", pg_database)
    assert rapport(capsys, "--database-url", owner, "team", "add", "alice")[0] == 0
    with pg_server.connect("owner", pg_database) as conn:
        conn.execute("UPDATE rapport_meta SET value = '999' WHERE key = 'schema_version'")
    code, _out, err = rapport(
        capsys, "--database-url", pg_server.url("alice", pg_database), "clients"
    )
    assert code == 1
    assert "written by a newer Rapport" in err


def test_a_server_that_is_away_is_one_line_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://alice:secret@/book?host=/nonexistent-socket-dir&port=5999"
    code, _out, err = rapport(capsys, "--database-url", url, "clients")
    assert code == 1
    assert err.startswith("rapport: cannot reach the team book at postgresql:///book")
    assert "secret" not in err and err.count("\n") == 1


def test_database_url_needs_a_value(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = rapport(capsys, "clients", "--database-url")
    assert code == 2 and "--database-url needs a URL" in err


def test_the_brief_says_who_wrote_each_fact_and_conversation(
    pg_server: PgServer, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = pg_server.url("owner", pg_database)
    for member in ("alice", "bob"):
        assert rapport(capsys, "--database-url", owner, "team", "add", member)[0] == 0
    alice = pg_server.url("alice", pg_database)
    bob = pg_server.url("bob", pg_database)
    note = "Lunch with Bob Smith. His son Jake plays travel baseball."
    assert rapport(capsys, "--database-url", alice, "capture", note)[0] == 0
    more = "Call with Bob Smith. He loves fly fishing."
    assert rapport(capsys, "--database-url", bob, "capture", more, "--client", "Bob Smith")[0] == 0
    code, out, err = rapport(capsys, "--database-url", bob, "brief", "Bob Smith", "--json")
    assert code == 0, err
    brief = json.loads(out)
    assert {(t["title"].split()[0], t["by"]) for t in brief["interactions"]} == {
        ("Lunch", "alice"),
        ("Call", "bob"),
    }
    assert {f["by"] for f in brief["facts"]} == {"alice", "bob"}
    code, out, err = rapport(capsys, "--database-url", bob, "brief", "Bob Smith")
    assert "by Alice" in out and "by Bob" in out


def test_backup_of_a_team_book_writes_a_json_export_and_says_so(
    pg_server: PgServer, pg_database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    owner = pg_server.url("owner", pg_database)
    assert rapport(capsys, "--database-url", owner, "team", "add", "alice")[0] == 0
    alice = pg_server.url("alice", pg_database)
    assert rapport(capsys, "--database-url", alice, "capture", "Lunch with Ed Park.")[0] == 0
    code, out, err = rapport(capsys, "--database-url", alice, "backup", str(tmp_path))
    assert code == 0, err
    assert "backed up by its server (pg_dump)" in out
    written = Path(out.rsplit(" to ", 1)[1].strip())
    assert written.parent == tmp_path and written.suffix == ".json"
    assert written.stat().st_mode & 0o077 == 0
    assert "Ed Park" in written.read_text(encoding="utf-8")
