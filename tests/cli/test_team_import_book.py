"""Moving in and out of a team book: ``rapport team import-book DIR`` copies a personal
book (plain or encrypted) into it, and the team book's JSON export imports into a
personal book. Against a real PostgreSQL (tests/pgserver.py)."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from rapport.cli import main
from rapport.services import clients, tasks
from rapport.services.book import close_book, open_book
from rapport.store import unlocked
from tests.encrypted import (
    PASSPHRASE,
    encryption_setup,  # noqa: F401 (autouse)
    passphrase_file,
)
from tests.pgserver import PgServer, TeamBook, make_team

CAPTURES = (
    "Lunch with Dana Reyes of Acme. Her son Jake plays baseball. Send her the Q3 deck by Friday.",
    "Call with Ed Park. He is moving to Denver in March. Follow up next week.",
)


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Any:
    # --database-url notes the URL in the environment: undone after each test.
    monkeypatch.setenv("RAPPORT_DATABASE_URL", "")
    yield
    close_book()


def rapport(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    close_book()  # each command as its own process would, without the last one's URL
    unlocked.forget()
    os.environ["RAPPORT_DATABASE_URL"] = ""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = rapport(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def personal_book(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """Two clients from captures (people, facts, tasks, conversations) and a task of no
    client, in a personal book."""
    for note in CAPTURES:
        code, _out, err = rapport(capsys, "--data-dir", str(folder), "capture", note)
        assert code == 0, err
    close_book()
    open_book(folder)
    tasks.add_task("Renew the trade-show booth", due="2026-12-01")
    close_book()


def counts(capsys: pytest.CaptureFixture[str], *where: str) -> dict[str, int]:
    """What a member sees: clients, conversations, facts, people, open tasks."""
    listed = as_json(capsys, *where, "clients", "--json")
    names = sorted(c["name"] for c in listed)
    seen = {"clients": len(names), "interactions": 0, "facts": 0, "people": 0}
    for name in names:
        brief = as_json(capsys, *where, "brief", name, "--json")
        seen["interactions"] += len(brief["interactions"])
        seen["facts"] += len(brief["facts"])
        seen["people"] += len(brief["people"])
    seen["tasks"] = len(as_json(capsys, *where, "tasks", "--json"))
    return seen


def test_import_book_copies_a_personal_book_by_the_member_and_again_adds_nothing(
    pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    personal_book(capsys, mine)
    before = counts(capsys, "--data-dir", str(mine))
    team = make_team(pg_server)
    alice = ("--data-dir", str(tmp_path / "a"), "--database-url", team.url("alice"))
    bob = ("--data-dir", str(tmp_path / "b"), "--database-url", team.url("bob"))
    # Bob has Ed Park already, with no company: Alice's copy fills it and adds nothing else.
    code, _out, err = rapport(capsys, *bob, "capture", "Met Ed Park at the fair.")
    assert code == 0, err
    code, out, err = rapport(capsys, *alice, "team", "import-book", str(mine))
    assert code == 0, err
    assert "Copied into the team book: 1 new clients, 1 known" in out
    assert "  Ed Park: the team book has Ed Park already" in out  # one line per conflict
    assert "stay in your book" in out
    seen = counts(capsys, *bob)
    assert seen["clients"] == 2
    titles = [t["title"] for t in as_json(capsys, *bob, "tasks", "--json")]
    assert titles.count("Renew the trade-show booth") == 1  # the task of no client too
    assert any("Q3 deck" in title for title in titles)
    # Everything copied is by Alice, for Bob too.
    brief = as_json(capsys, *bob, "brief", "Dana Reyes", "--json")
    bys = {line["by"] for line in brief["facts"]} | {t["by"] for t in brief["interactions"]}
    assert bys == {"alice"}
    found = as_json(capsys, *bob, "search", "--json", "baseball")["results"]
    assert any(hit["client"] == "Dana Reyes" for hit in found)
    # Running it again adds nothing: every client is known now, the loose task is there.
    again = as_json(capsys, *alice, "team", "import-book", str(mine), "--json")
    assert (again["added"], again["known"], again["skipped"]) == (0, 2, 0)
    assert sum(again["rows"].values()) == 0
    assert counts(capsys, *bob) == seen
    # The personal book is as it was.
    assert counts(capsys, "--data-dir", str(mine)) == before


def test_an_encrypted_personal_book_is_unlocked_as_usual_and_can_stay_private(
    pg_server: PgServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine = tmp_path / "mine"
    personal_book(capsys, mine)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code, _out, err = rapport(capsys, "--data-dir", str(mine), "encrypt")
    assert code == 0, err
    team = make_team(pg_server)
    alice = ("--data-dir", str(tmp_path / "a"), "--database-url", team.url("alice"))
    bob = ("--data-dir", str(tmp_path / "b"), "--database-url", team.url("bob"))
    # No passphrase anywhere: one line saying how to unlock, nothing copied.
    code, _out, err = rapport(capsys, *alice, "team", "import-book", str(mine))
    assert code == 1 and "the book is encrypted" in err and err.count("\n") == 1
    monkeypatch.setenv("RAPPORT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    done = as_json(capsys, *alice, "team", "import-book", str(mine), "--private", "--json")
    assert done["added"] == 2 and done["rows"]["interaction"] == 2
    assert {c["name"] for c in as_json(capsys, *alice, "clients", "--json")} == {
        "Dana Reyes",
        "Ed Park",
    }
    assert as_json(capsys, *bob, "clients", "--json") == []  # kept to Alice


def test_a_folder_without_a_book_is_refused_and_not_made(
    team_book: TeamBook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo"
    code, _out, err = rapport(
        capsys, "--database-url", team_book.url("alice"), "team", "import-book", str(missing)
    )
    assert code == 1 and "there is no Rapport book in" in err
    assert not missing.exists()


def test_two_clients_of_one_name_in_the_personal_book_one_is_left_out_saying_so(
    pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    open_book(mine)
    clients.create_client("Sam Lee", company="Acme")
    clients.create_client("Sam Lee", company="Globex")
    close_book()
    team = make_team(pg_server)
    alice = ("--data-dir", str(tmp_path / "a"), "--database-url", team.url("alice"))
    code, out, err = rapport(capsys, *alice, "team", "import-book", str(mine))
    assert code == 0, err
    assert "  Sam Lee: a second client of your book (id 2) with the same name as Sam Lee" in out
    assert [c["name"] for c in as_json(capsys, *alice, "clients", "--json")] == ["Sam Lee"]


def test_a_team_books_json_export_imports_into_a_personal_book(
    pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = make_team(pg_server)
    alice = ("--data-dir", str(tmp_path / "a"), "--database-url", team.url("alice"))
    bob = ("--data-dir", str(tmp_path / "b"), "--database-url", team.url("bob"))
    for who, note in ((alice, CAPTURES[0]), (bob, CAPTURES[1])):
        code, _out, err = rapport(capsys, *who, "capture", note)
        assert code == 0, err
    exported = tmp_path / "team.json"
    code, _out, err = rapport(capsys, *alice, "export", str(exported))
    assert code == 0, err
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert "by" not in json.dumps(document["tables"]["fact"])  # documented: `by` is dropped
    mine = tmp_path / "mine"
    code, _out, err = rapport(capsys, "--data-dir", str(mine), "import", str(exported))
    assert code == 0, err
    assert counts(capsys, "--data-dir", str(mine)) == counts(capsys, *alice)
    for name in ("Dana Reyes", "Ed Park"):
        theirs = as_json(capsys, *alice, "brief", name, "--json")
        ours = as_json(capsys, "--data-dir", str(mine), "brief", name, "--json")
        assert [f["text"] for f in ours["facts"]] == [f["text"] for f in theirs["facts"]]
        assert [(t["title"], t["date"]) for t in ours["interactions"]] == [
            (t["title"], t["date"]) for t in theirs["interactions"]
        ]
        assert [p["name"] for p in ours["people"]] == [p["name"] for p in theirs["people"]]
        assert [t["title"] for t in ours["open_tasks"]] == [
            t["title"] for t in theirs["open_tasks"]
        ]
