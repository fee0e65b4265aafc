"""What the window's first paint waits for (issue 22): only what that frame shows.

PySide makes every enum of Qt's ``Qt`` namespace (some 90 Python enum classes) the first
time anything reads ``PySide6.QtCore.Qt``: 20 to 40 ms of a start under load, which a
bare window never pays. Nothing before the first paint reads it (ui/startup.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rapport.services.book import close_book

# Runs the window's --startup-check as `rapport` does and says, with the "shown in" line,
# whether Qt's namespace had been made by then.
PROBE = """
import sys
import rapport.app as app

report_when_painted = app._report_when_painted

def watched(window, report):
    def said(ms):
        made = "Qt" in vars(sys.modules["PySide6.QtCore"])
        print(f"Qt namespace made before the paint: {made}", flush=True)
        report(ms)
    report_when_painted(window, said)

app._report_when_painted = watched
from rapport.launch import main
sys.exit(main(["--data-dir", sys.argv[1], "--startup-check"]))
"""


def _probe(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("RAPPORT_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_nothing_before_the_first_paint_makes_qts_namespace_enums(sample_book: Path) -> None:
    close_book()
    out = _probe(sample_book)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Qt namespace made before the paint: False"
    assert lines[1].startswith("shown in ")
