"""``rapport.launch``: the one entry point decides between a window and a command.

The windows themselves are driven in tests/ui (test_capture_entry.py runs
``app.run_capture_window``, test_startup.py runs ``python -m rapport --startup-check``);
here the decision is checked with the two window openers recorded instead of run.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from rapport import app, cli, launch

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object, object]]:
    """The windows the launcher opened: ("main", data_dir, startup_check) or
    ("capture", data_dir, client)."""
    calls: list[tuple[str, object, object]] = []

    def run_app(data_dir: str | None = None, startup_check: bool = False) -> int:
        calls.append(("main", data_dir, startup_check))
        return 0

    def run_capture_window(data_dir: str | None = None, client: str | None = None) -> int:
        calls.append(("capture", data_dir, client))
        return 0

    monkeypatch.setattr(app, "run_app", run_app)
    monkeypatch.setattr(app, "run_capture_window", run_capture_window)
    return calls


def test_no_command_opens_the_window(opened: list[tuple[str, object, object]]) -> None:
    assert launch.main(["--data-dir", "d", "--startup-check"]) == 0
    assert launch.main([]) == 0
    assert opened == [("main", "d", True), ("main", None, False)]


def test_capture_without_text_opens_the_capture_window(
    opened: list[tuple[str, object, object]], tmp_path: Path
) -> None:
    book = str(tmp_path / "book")
    assert launch.main(["--data-dir", book, "capture", "--client", "Bob Smith"]) == 0
    assert launch.main(["capture", "--data-dir", book]) == 0
    assert opened == [("capture", book, "Bob Smith"), ("capture", book, None)]


def test_the_capture_window_gets_the_command_checks_first(
    opened: list[tuple[str, object, object]], capsys: pytest.CaptureFixture[str]
) -> None:
    # A --client that is not UTF-8 is refused in a sentence, as for any command.
    assert launch.main(["capture", "--client", "B\udcffob"]) == 1
    assert "not valid UTF-8" in capsys.readouterr().err
    assert launch.main(["--data-dir", " ", "capture"]) == 2
    assert "--data-dir needs a folder" in capsys.readouterr().err
    assert opened == []


def test_a_command_runs_on_the_command_line(
    opened: list[tuple[str, object, object]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = str(tmp_path / "book")
    assert launch.main(["--data-dir", book, "capture", "--dry-run", "--json", "Lunch"]) == 0
    assert '"client"' in capsys.readouterr().out
    assert opened == []


def test_the_command_line_alone_refuses_to_open_a_window(
    opened: list[tuple[str, object, object]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([]) == 2
    assert cli.main(["capture"]) == 2
    assert "opens a window" in capsys.readouterr().err
    assert opened == []


def test_an_empty_data_dir_is_refused_before_any_window(
    opened: list[tuple[str, object, object]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert launch.main(["--data-dir", ""]) == 2
    assert launch.main(["--data-dir="]) == 2
    assert capsys.readouterr().err.count("--data-dir needs a folder") == 2
    assert opened == []


def test_the_installed_commands_start_the_launcher() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    entries = {**project["scripts"], **project["gui-scripts"]}
    assert entries == {
        "rapport": "rapport.launch:command",
        "rapport-window": "rapport.launch:window",
    }
    for target in entries.values():
        module, _, name = target.partition(":")
        assert callable(getattr(importlib.import_module(module), name))
    frozen = (ROOT / "packaging" / "rapport_main.py").read_text(encoding="utf-8")
    assert "from rapport.launch import command" in frozen


def test_python_dash_m_rapport_runs_a_command_without_qt(tmp_path: Path) -> None:
    code = (
        "import runpy, sys\n"
        "sys.argv = ['rapport', '--data-dir', sys.argv[1], 'capture', '--dry-run', 'Lunch']\n"
        "try:\n"
        "    runpy.run_module('rapport', run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "qt = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "assert not qt, qt\n"
        "assert 'rapport.app' not in sys.modules and 'rapport.ui' not in sys.modules\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "book")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
