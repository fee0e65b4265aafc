"""CLI.md read line by line as an external script sees it.

Each test pins a place where the command line and the document once disagreed (or could
easily drift apart): the same JSON shapes whatever the book holds, ranked lists that read
as ranked, exit codes for unknown clients and bad usage, and output that never turns into
a traceback.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.services.book import close_book
from tests.cli.conftest import run, run_json
from tests.conftest import TODAY
from tests.pgserver import ENGINES, NO_BOOK_YET, drop_team, make_team


@pytest.fixture(scope="module", params=ENGINES)
def demo_book(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, ...]]:
    """The sample book, built once on each engine (a file, a team book as alice): the tests
    below only read it. The options that name it, for each command."""
    path = tmp_path_factory.mktemp("audit") / "demo"
    book: tuple[str, ...] = ("--data-dir", str(path))
    team = None
    if request.param == "postgresql":
        team = make_team(request.getfixturevalue("pg_server"))
        book = ("--database-url", team.url("alice"), *book)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("RAPPORT_TODAY", TODAY)
            patch.setenv("RAPPORT_DATA_DIR", str(path))
            # --database-url sets it for this process: undone after (the fixture is made
            # before a test's own environment is)
            patch.setenv("RAPPORT_DATABASE_URL", "")
            assert main([*book, "demo", "--seed", "3"]) == 0
        close_book()
        yield book
    finally:
        close_book()
        if team is not None:
            drop_team(team)


# -- capture ---------------------------------------------------------------------------------
CLIENT_FIELDS = {"name", "company", "id", "match", "candidates"}


@pytest.mark.sqlite_only(reason=NO_BOOK_YET)
def test_capture_client_has_the_same_fields_with_or_without_a_book(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    note = "Call with Jane Doe. She loves golf."
    args = ("--data-dir", str(data_dir), "capture", "--dry-run", "--json", note)
    missing = run_json(capsys, *args)
    assert not data_dir.exists()
    assert run(capsys, "--data-dir", str(data_dir), "clients")[0] == 0  # an empty book
    empty = run_json(capsys, *args)
    for result in (missing, empty):
        assert isinstance(result, dict)
        client = result["client"]
        assert set(client) >= CLIENT_FIELDS
        assert (client["name"], client["id"], client["match"], client["candidates"]) == (
            "Jane Doe",
            None,
            "new",
            [],
        )


@pytest.mark.sqlite_only(reason=NO_BOOK_YET)
def test_capture_for_an_unknown_client_exits_2_whether_or_not_the_book_exists(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    args = ("--data-dir", str(data_dir), "capture", "--client", "Nobody Here", "Loves golf")
    code, out, err = run(capsys, *args[:3], "--dry-run", *args[3:])
    assert (code, out) == (2, "")
    assert err == "rapport: no client matches 'Nobody Here'\n"
    assert not data_dir.exists(), "a dry run must not create a book"
    run(capsys, "--data-dir", str(data_dir), "clients")
    for extra in (("--dry-run",), ()):
        code, out, err = run(capsys, *args[:3], *extra, *args[3:])
        assert (code, out, err) == (2, "", "rapport: no client matches 'Nobody Here'\n")
    assert run_json(capsys, "--data-dir", str(data_dir), "clients", "--json") == []


# -- gifts: a ranked list reads as ranked ---------------------------------------------------
def test_gift_ideas_come_in_score_order_and_were_never_given(
    capsys: pytest.CaptureFixture[str], demo_book: tuple[str, ...]
) -> None:
    clients = run_json(capsys, *demo_book, "clients", "--json")
    assert isinstance(clients, list) and len(clients) >= 20
    for client in clients:
        result = run_json(capsys, *demo_book, "gifts", str(client["id"]), "--json")
        assert isinstance(result, dict)
        assert result["client"] == client["name"]
        ideas = result["ideas"]
        assert ideas, client["name"]
        scores = [idea["score"] for idea in ideas]
        assert scores == sorted(scores, reverse=True), (client["name"], scores)
        for idea in ideas:
            assert idea["already_given"] is False
            assert isinstance(idea["tags"], list) and isinstance(idea["because"], str)
            assert idea["search_url"].startswith("https://")


# -- brief and today describe a date the same way -------------------------------------------
def test_brief_upcoming_dates_use_todays_label_and_about(
    capsys: pytest.CaptureFixture[str], demo_book: tuple[str, ...]
) -> None:
    today = run_json(capsys, *demo_book, "today", "--json")
    assert isinstance(today, dict) and today["dates"], "the sample book has dates this week"
    for item in today["dates"]:
        brief = run_json(capsys, *demo_book, "brief", str(item["client_id"]), "--json")
        assert isinstance(brief, dict)
        same = [
            (d["client"], d["about"], d["label"], d["date"], d["in_days"])
            for d in brief["upcoming_dates"]
        ]
        key = (item["client"], item["about"], item["label"], item["date"], item["in_days"])
        assert key in same, (key, same)
        for upcoming in brief["upcoming_dates"]:
            assert upcoming["about"], "about names the person, the client's name for their own"
            assert " " not in upcoming["label"] or upcoming["label"] == upcoming["kind"]
            assert upcoming["label"] in upcoming["text"].lower()


def test_today_json_types(capsys: pytest.CaptureFixture[str], demo_book: tuple[str, ...]) -> None:
    data = run_json(capsys, *demo_book, "today", "--json")
    assert isinstance(data, dict)
    assert data["date"] == TODAY
    tasks = data["overdue"] + data["due_today"] + data["at_risk"]
    assert tasks
    for task in tasks:
        assert isinstance(task["id"], int) and isinstance(task["client_id"], int)
        assert task["status"] in ("open", "done", "snoozed")
        assert task["due"] is None or date.fromisoformat(task["due"])
    assert [t["due"] for t in data["overdue"]] == sorted(t["due"] for t in data["overdue"])
    for item in data["awaiting_reply"]:
        datetime.fromisoformat(item["since"])
        assert isinstance(item["age_days"], int) and item["age_days"] >= 0
        assert item["task_id"] is None or isinstance(item["task_id"], int)
    for item in data["thank_yous"]:
        assert isinstance(item["interaction_id"], int)
        datetime.fromisoformat(item["since"])
    for item in data["dates"]:
        assert date.fromisoformat(item["date"]) >= date.fromisoformat(TODAY)
        assert isinstance(item["in_days"], int)
    assert [d["in_days"] for d in data["dates"]] == sorted(d["in_days"] for d in data["dates"])
    for item in data["out_of_touch"]:
        assert isinstance(item["days"], int) and isinstance(item["cadence_days"], int)
        assert item["last_contact"] is None or date.fromisoformat(item["last_contact"])


# -- empty answers are empty JSON, not nothing ----------------------------------------------
def test_every_list_is_empty_json_on_an_empty_book(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    base = ("--data-dir", str(data_dir))
    for command in (
        ["clients"],
        ["tasks"],
        ["tasks", "--all"],
        ["backup", "--list"],
        ["answered"],
    ):
        assert run_json(capsys, *base, *command, "--json") == [], command
    assert run_json(capsys, *base, "search", "jake", "--json") == {
        "query": "jake",
        "results": [],
    }
    today = run_json(capsys, *base, "today", "--json")
    assert isinstance(today, dict)
    for key in ("overdue", "due_today", "at_risk", "awaiting_reply", "thank_yous", "dates"):
        assert today[key] == [], key
    assert today["out_of_touch"] == []


# -- backups ---------------------------------------------------------------------------------
def test_backup_into_a_missing_folder_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    base = ("--data-dir", str(data_dir))
    run(capsys, *base, "clients")
    missing = tmp_path / "no-such-folder" / "book.db"
    code, out, err = run(capsys, *base, "backup", str(missing))
    assert (code, out) == (1, "")
    assert err.startswith("rapport: ") and err.count("\n") == 1 and "does not exist" in err
    assert not missing.parent.exists()
    folder = tmp_path / "backups-here"
    folder.mkdir()
    written = run_json(capsys, *base, "backup", str(folder), "--json")
    assert isinstance(written, dict)
    assert Path(written["path"]).parent == folder and Path(written["path"]).is_file()


# -- global options --------------------------------------------------------------------------
def test_an_empty_data_dir_option_is_bad_usage_not_the_real_book(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RAPPORT_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for command in (["clients"], ["demo"], ["capture", "--dry-run", "Call with Bob Smith"]):
        code, out, err = run(capsys, "--data-dir", "", *command)
        assert (code, out) == (2, ""), command
        assert err.startswith("rapport: ") and err.count("\n") == 1
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def _cli(args: list[str], data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ, RAPPORT_DATA_DIR=str(data_dir), RAPPORT_TODAY=TODAY, **env)
    return subprocess.run(
        [sys.executable, "-m", "rapport", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environ,
        timeout=60,
    )


def test_missing_data_dir_is_created_private_and_names_survive_an_ascii_terminal(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "a" / "b"
    saved = _cli(
        ["capture", "--json", "Café with Zoë Ñúñez (Ölwerk GmbH). She loves golf."], data_dir
    )
    assert saved.returncode == 0, saved.stderr
    assert json.loads(saved.stdout)["client"]["name"] == "Zoë Ñúñez"
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "rapport.db").stat().st_mode) == 0o600
    for args in (["clients"], ["brief", "zoe nunez"], ["tasks", "--client", "zoe"]):
        shown = _cli(args, data_dir, PYTHONIOENCODING="ascii")
        assert shown.returncode == 0, (args, shown.stderr)
        assert "Traceback" not in shown.stderr
    assert "Zo? ???ez" in _cli(["clients"], data_dir, PYTHONIOENCODING="ascii").stdout
    # JSON stays UTF-8 whatever the terminal.
    listed = _cli(["clients", "--json"], data_dir, PYTHONIOENCODING="ascii")
    assert json.loads(listed.stdout)[0]["name"] == "Zoë Ñúñez"


# -- help: options beyond CLI.md are explained ----------------------------------------------
@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("import", ["--encoding", "--map", "COLUMN=FIELD", "--dry-run", "one transaction"]),
        ("export", ["clients.csv", "tasks.csv", "ics", "--format"]),
        ("backup", ["--list", "backup folder", "missing folder"]),
        ("restore", ["before-restore", "refused"]),
        ("check", ["--repair", "search index", "Exit 0"]),
        ("bench", ["--runs", "--seed", "rolled back"]),
        ("demo", ["--clients", "--notes", "--seed", "--force"]),
        ("capture", ["--dry-run", "--client", "stdin"]),
        ("note", ["a2", "a6", "4x6", "5x7", "letter", "--pdf"]),
    ],
)
def test_help_explains_each_option(
    capsys: pytest.CaptureFixture[str], command: str, words: list[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for word in words:
        assert word in text, (command, word)


@pytest.mark.parametrize(
    "command",
    [
        ["tasks", "--client", ""],
        ["tasks", "--client", "  ", "--json"],
        ["answered", "--client", ""],
        ["capture", "--client", "", "--dry-run", "Call with Bob Smith"],
    ],
)
def test_an_empty_client_option_is_bad_usage_not_every_client(
    capsys: pytest.CaptureFixture[str], data_dir: Path, command: list[str]
) -> None:
    run(capsys, "--data-dir", str(data_dir), "capture", "Lunch with Bob Smith, promised a quote")
    with pytest.raises(SystemExit) as done:
        main(["--data-dir", str(data_dir), *command])
    out, err = capsys.readouterr()
    assert (done.value.code, out) == (2, "")
    assert "give a client's id or name" in err


def test_data_dir_after_the_command_picks_the_same_book(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(capsys, "--data-dir", str(data_dir), "capture", "Lunch with Bob Smith, promised a quote")
    other = tmp_path / "other"
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(other))
    listed = run_json(capsys, "clients", "--json", "--data-dir", str(data_dir))
    assert isinstance(listed, list) and [c["name"] for c in listed] == ["Bob Smith"]
    assert not other.exists(), "the option, not the environment, picks the book"
    code, _, err = run(capsys, "tasks", "--data-dir", "")
    assert code == 2 and "--data-dir" in err


def test_last_contact_is_the_same_day_in_clients_brief_and_today(
    capsys: pytest.CaptureFixture[str], demo_book: tuple[str, ...]
) -> None:
    base = demo_book
    listed = run_json(capsys, *base, "clients", "--json")
    assert isinstance(listed, list)
    days = {c["id"]: c["last_contact"] for c in listed}
    for client_id in list(days)[:8]:
        brief = run_json(capsys, *base, "brief", str(client_id), "--json")
        assert isinstance(brief, dict)
        assert brief["client"]["last_contact"] == days[client_id]
    today = run_json(capsys, *base, "today", "--json")
    assert isinstance(today, dict) and today["out_of_touch"]
    for item in today["out_of_touch"]:
        assert item["last_contact"] == days[item["client_id"]]
