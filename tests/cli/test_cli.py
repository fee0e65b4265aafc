"""The command line as scripts use it: exit codes, one-line errors, JSON shapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rapport import __version__
from rapport.cli import main
from tests.cli.conftest import run


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    from rapport.services import clients, tasks
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    bob = clients.create_client("Bob Smith", company="Acme Supply")
    clients.create_client("Bob Jones")
    clients.create_client("Maria Gonzalez")
    tasks.add_task("Send the revised proposal", bob.id, "2026-11-20", "promise")
    tasks.add_task("Call about the invoice", bob.id, "2026-11-01", "follow_up", allow_past=True)
    close_book()
    return data_dir


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"rapport {__version__}"


def test_clients_json(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "clients", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [row["name"] for row in rows] == ["Bob Jones", "Bob Smith", "Maria Gonzalez"]
    bob = rows[1]
    assert bob["company"] == "Acme Supply"
    assert bob["open_tasks"] == 2


def test_clients_human_empty(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "clients")
    assert code == 0
    assert "rapport demo" in out


def test_tasks_json_follows_the_contract(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "tasks", "--client", "bob smi", "--json")
    assert code == 0
    tasks = json.loads(out)
    assert [t["title"] for t in tasks] == ["Call about the invoice", "Send the revised proposal"]
    for task in tasks:
        assert {"id", "title", "due", "kind", "status", "client", "client_id"} <= set(task)
        assert task["status"] == "open"
        assert task["client"] == "Bob Smith"
    assert tasks[0]["due"] == "2026-11-01"


def test_done_then_tasks_all(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    _, out, _ = run(capsys, "--data-dir", str(seeded), "tasks", "--json")
    first = json.loads(out)[0]["id"]
    code, out, _ = run(capsys, "--data-dir", str(seeded), "done", str(first))
    assert code == 0
    assert "Done:" in out
    _, out, _ = run(capsys, "--data-dir", str(seeded), "tasks", "--json")
    assert first not in [t["id"] for t in json.loads(out)]
    _, out, _ = run(capsys, "--data-dir", str(seeded), "tasks", "--all", "--json")
    statuses = {t["id"]: t["status"] for t in json.loads(out)}
    assert statuses[first] == "done"
    code, _, err = run(capsys, "--data-dir", str(seeded), "done", str(first))
    assert code == 1
    assert err.startswith("rapport: ") and "already done" in err


def test_unknown_task_and_client_exit_2(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(seeded), "done", "4242")
    assert code == 2
    assert err.strip() == "rapport: no task with id 4242"
    code, _, err = run(capsys, "--data-dir", str(seeded), "tasks", "--client", "Zed Zebra")
    assert code == 2
    assert "no client matches" in err


def test_ambiguous_client_lists_them(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(seeded), "tasks", "--client", "bob")
    assert code == 2
    assert "Bob Smith" in err and "Bob Jones" in err


def test_bad_task_id_is_usage_error(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(seeded), "done", "abc"])
    assert exit_info.value.code == 2


def test_data_dir_that_is_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    code, _, err = run(capsys, "--data-dir", str(target), "clients")
    assert code == 1
    assert err.count("\n") == 1 and "is a file" in err


def test_environment_variable_picks_the_book(
    capsys: pytest.CaptureFixture[str], seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(seeded))
    code, out, _ = run(capsys, "clients", "--json")
    assert code == 0
    assert len(json.loads(out)) == 3


def test_bad_rapport_today_is_one_line(
    capsys: pytest.CaptureFixture[str], seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_TODAY", "2026-02-30")
    code, _, err = run(capsys, "--data-dir", str(seeded), "tasks")
    assert code == 1
    assert "RAPPORT_TODAY" in err and "Traceback" not in err


def test_module_entry_point_and_no_traceback(tmp_path: Path) -> None:
    """`python -m rapport` works, and an environment error prints one line."""
    env = dict(os.environ, RAPPORT_DATA_DIR=str(tmp_path / "book"))
    out = subprocess.run(
        [sys.executable, "-m", "rapport", "clients", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []
    (tmp_path / "book" / "rapport.db").write_bytes(b"not a database at all" * 100)
    out = subprocess.run(
        [sys.executable, "-m", "rapport", "clients"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith("rapport: ")


def test_parsers_are_built_for_what_the_arguments_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Starting fast: the window builds no parser, a command builds up to its own; help,
    # abbreviations and mistakes still see every command.
    from rapport.cli import _command_word, build_parser
    from rapport.launch import window_options

    assert window_options(["--data-dir", "d", "--startup-check"]) == ("d", True)
    assert window_options(["--data-dir=d"]) == ("d", False)
    assert window_options([]) == (None, False)
    for words in (["--data-dir", "d", "capture", "x"], ["-h"], ["--data-dir"], ["--startup"]):
        assert window_options(words) is None, words
    assert _command_word(["--data-dir=d", "capture", "--dry-run", "x"]) == "capture"
    assert _command_word(["--help"]) is None
    sub = next(a for a in build_parser(wanted="capture")._actions if a.dest == "command")
    assert list(sub.choices) == ["capture"]
    everything = next(a for a in build_parser()._actions if a.dest == "command")
    assert {"capture", "today", "bench", "search"} <= set(everything.choices)
    with pytest.raises(SystemExit) as exit_info:
        main(["nonsense"])
    assert exit_info.value.code == 2
    assert "choose from" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--bogus"])
    assert "COMMAND" in capsys.readouterr().err  # the full usage, as before
