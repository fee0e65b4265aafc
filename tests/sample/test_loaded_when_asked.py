"""Sample data and benchmarks load only when asked (rapport/sample, rapport/bench).

They sit above services, so nothing below them can import them; these tests hold the two
fast paths above them to the same: the window paints, and ``rapport capture --dry-run``
answers, without either package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# The window's real first paint (``--startup-check``), with what is loaded at that moment
# printed from the hook that runs right after it, before the book is opened.
AT_FIRST_PAINT = """
import json, sys
from rapport import app

opened = app._open_quietly

def at_first_paint(data_dir):
    print(json.dumps(sorted(sys.modules)), flush=True)
    return opened(data_dir)

app._open_quietly = at_first_paint
sys.exit(app.run_app({data_dir!r}, startup_check=True))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("RAPPORT_DATABASE_URL", None)
    return env


def _ours(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[:2] in (["rapport", "sample"], ["rapport", "bench"])]


def test_the_window_paints_without_the_sample_or_the_bench(data_dir: Path) -> None:
    """A new, empty book: the window that offers "Load the sample book" paints first."""
    out = subprocess.run(
        [sys.executable, "-c", AT_FIRST_PAINT.format(data_dir=str(data_dir))],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("shown in ")  # it painted
    loaded = json.loads(lines[1])
    assert "rapport.ui.main_window" in loaded  # and it is the window that painted
    assert _ours(loaded) == []
    # Nor phone publishing's libraries (issue 21): they load once it is set up.
    assert not {m.split(".")[0] for m in loaded} & {"caldav", "niquests", "keyring", "lxml"}


def test_a_dry_run_capture_loads_neither(data_dir: Path) -> None:
    code = (
        "import json, sys; from rapport.launch import main; "
        "sys.argv = ['rapport', '--data-dir', sys.argv[1], 'capture', '--dry-run', '--json', "
        "'Lunch with Ana Ruiz tomorrow']; "
        "code = main(); print(json.dumps(sorted(sys.modules))); sys.exit(code)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert "rapport.services.capture_dry" in loaded  # the dry run ran
    assert _ours(loaded) == []
