"""The ``rapport`` command ends a dry run without tearing the interpreter down, and every
other command the usual way (rapport/ending.py, rapport.launch.command)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rapport.services import clients
from rapport.services.book import close_book, open_book

# The process as the installed command runs it, with an exit handler and an object that
# only Python's usual exit (module teardown) would delete, each leaving a file behind.
SCRIPT = r"""
import atexit, sys
marks = sys.argv[1]
atexit.register(lambda: open(marks + ".exit-handler", "w").close())

class TornDown:
    def __init__(self, path):
        self.path, self.open = path, open  # a module's names are cleared before its objects

    def __del__(self):
        self.open(self.path, "w").close()

kept_until_teardown = TornDown(marks + ".torn-down")
sys.argv = ["rapport", *sys.argv[2:]]
from rapport.launch import command
command()
"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("ending") / "data"
    open_book(data_dir)
    try:
        clients.create_client("Bob Smith", company="Acme Supply")
    finally:
        close_book()
    return data_dir


def _command(tmp_path: Path, *words: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    marks = tmp_path / "mark"
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(marks), *words],
        capture_output=True,
        text=True,
        timeout=60,
    )
    left = {path.suffix for path in tmp_path.glob("mark.*")}
    return out, left


def test_a_dry_run_ends_at_once_after_its_output_and_exit_handlers(
    sample: Path, tmp_path: Path
) -> None:
    out, left = _command(
        tmp_path, "--data-dir", str(sample), "capture", "--dry-run", "--json", "Lunch w/ Bob Smith"
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["client"]["name"] == "Bob Smith"  # all of it, flushed
    assert left == {".exit-handler"}  # the handlers ran; the teardown did not


def test_other_commands_and_a_dry_run_that_opened_the_book_exit_the_usual_way(
    sample: Path, tmp_path: Path
) -> None:
    out, left = _command(tmp_path, "--data-dir", str(sample), "clients", "--json")
    assert out.returncode == 0, out.stderr
    assert [c["name"] for c in json.loads(out.stdout)] == ["Bob Smith"]
    assert left == {".exit-handler", ".torn-down"}
    # --client opens the book through the database layer: its connection is closed as usual.
    (tmp_path / "mark.exit-handler").unlink()
    (tmp_path / "mark.torn-down").unlink()
    out, left = _command(
        tmp_path, "--data-dir", str(sample), "capture", "--dry-run", "--client", "bob", "Lunch"
    )
    assert out.returncode == 0, out.stderr
    assert left == {".exit-handler", ".torn-down"}
    # A mistake ends the usual way too, with its code.
    (tmp_path / "mark.exit-handler").unlink()
    (tmp_path / "mark.torn-down").unlink()
    out, left = _command(tmp_path, "capture", "--dry-run", "--bogus")
    assert out.returncode == 2
    assert left == {".exit-handler", ".torn-down"}
