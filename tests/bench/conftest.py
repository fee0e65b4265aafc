"""What the benchmarks share: the big book, child processes timed from outside, the report.

``tests/bench`` is not part of the default run. Run it with

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/bench -s

(or with ``DISPLAY=:N QT_QPA_PLATFORM=xcb`` to time a real X server). The big book
(5,000 clients, 100,000 conversations, seed 1) is built once per run in a temporary
folder, unless ``RAPPORT_BENCH_BOOK`` names a data directory that already holds one.
``RAPPORT_BENCH_PYTHON`` runs every measured process with another environment's Python
(another build of Rapport installed there: how the README's before/after table was made)
and ``RAPPORT_BENCH_REPORT`` names another report file.
Every comparison runs both sides in the same run, alternately, and keeps medians. The
figures go to ``bench-report.json`` at the top of the repository (git-ignored).
Nothing here asserts a time: a benchmark reports, it does not fail on a slow machine.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORT = Path(os.environ.get("RAPPORT_BENCH_REPORT") or ROOT / "bench-report.json")
HERE = Path(__file__).resolve().parent
CLIENTS, NOTES, SEED = 5000, 100_000, 1


@dataclass
class Run:
    """One child process, timed by its parent."""

    lines: list[str]
    wall_ms: float  # start to exit
    marks_ms: dict[str, float] = field(default_factory=dict)  # start to "<mark> in" lines

    def reported(self, mark: str) -> float | None:
        """The N of the child's own "<mark> in N ms" line."""
        for line in self.lines:
            if line.startswith(f"{mark} in ") and line.endswith(" ms"):
                return float(line.split()[2])
        return None

    def peak_kb(self, after: str) -> int:
        """The "peak N kB" the child printed after its "<after> in" line (0 if none)."""
        seen = False
        for line in self.lines:
            if line.startswith(f"{after} in "):
                seen = True
            elif seen and line.startswith("peak ") and line.endswith(" kB"):
                return int(line.split()[1])
        return 0


def run_child(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command``; note when each "<mark> in N ms" line arrives."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(command), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    )
    lines: list[str] = []
    marks: dict[str, float] = {}
    assert proc.stdout is not None
    with proc.stdout:
        for raw in proc.stdout:
            now = time.perf_counter()
            line = raw.decode("utf-8", "replace").strip()
            lines.append(line)
            if " in " in line and line.endswith(" ms"):
                marks.setdefault(line.split(" in ", 1)[0], (now - start) * 1000)
    proc.wait()
    wall = (time.perf_counter() - start) * 1000
    assert proc.returncode == 0, f"{command} exited {proc.returncode}: {lines}"
    return Run(lines, wall, marks)


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median and spread of a list of milliseconds (or kilobytes)."""
    ordered = sorted(values)
    quartiles = statistics.quantiles(ordered, n=4) if len(ordered) > 1 else [ordered[0]] * 3
    return {
        "median": round(statistics.median(ordered), 1),
        "min": round(ordered[0], 1),
        "max": round(ordered[-1], 1),
        "q1": round(quartiles[0], 1),
        "q3": round(quartiles[2], 1),
        "runs": len(ordered),
    }


def python() -> str:
    """The Python that runs the measured processes (this one, or RAPPORT_BENCH_PYTHON)."""
    return os.environ.get("RAPPORT_BENCH_PYTHON") or sys.executable


def rapport_command() -> list[str]:
    """The ``rapport`` console script next to that Python (what a user runs)."""
    script = Path(python()).with_name("rapport")
    return [str(script)] if script.exists() else [python(), "-m", "rapport"]


PYCACHE = Path(tempfile.gettempdir()) / "rapport-bench-pycache"


def child_env() -> dict[str, str]:
    """The environment of every measured process (Rapport's and the yardsticks').

    Compiled bytecode is kept, as in any installed Python: with PYTHONDONTWRITEBYTECODE
    (set in some sandboxes) every start would compile Rapport's sources again, which no
    user's does. It goes to a folder of its own, not next to the sources.
    """
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("RAPPORT_TODAY", None)  # the book is generated around the real date
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    from PySide6 import QtCore

    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "qt": QtCore.qVersion(),
        "pyside6": QtCore.__version__ if hasattr(QtCore, "__version__") else "",
        "qt_platform": child_env()["QT_QPA_PLATFORM"],
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


@pytest.fixture(scope="session")
def report() -> Iterator[dict[str, Any]]:
    data: dict[str, Any] = {"machine": machine()}
    yield data
    data["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    REPORT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"\nbenchmark report written to {REPORT}")


@pytest.fixture(scope="session")
def big_book(tmp_path_factory: pytest.TempPathFactory, report: dict[str, Any]) -> Path:
    """A data directory holding the 5,000-client, 100,000-conversation book."""
    given = os.environ.get("RAPPORT_BENCH_BOOK")
    if given:
        report["book"] = {"path": given, "built_s": None}
        return Path(given)
    folder = tmp_path_factory.mktemp("big-book")
    start = time.perf_counter()
    subprocess.run(
        [
            *rapport_command(),
            "--data-dir",
            str(folder),
            "demo",
            "--clients",
            str(CLIENTS),
            "--notes",
            str(NOTES),
            "--seed",
            str(SEED),
        ],
        check=True,
        env=child_env(),
        capture_output=True,
    )
    report["book"] = {"path": str(folder), "built_s": round(time.perf_counter() - start, 1)}
    print(f"\nbuilt the big book in {report['book']['built_s']} s")
    return folder
