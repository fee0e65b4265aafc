"""Where the window's start goes, phase by phase, beside a bare window (issue 22).

Run as ``python tests/bench/startup_phases.py N PYTHON=DATA_DIR [PYTHON=DATA_DIR ...]``.
Each given Python (a venv with a build of Rapport installed) starts ``rapport
--startup-check`` on its data directory, then the first one starts a bare window (a
``QMainWindow`` with a label, as ``paint_ratio.py`` makes it), alternately, N times. Each
process marks the moment it reaches each phase (``time.perf_counter`` is the system's
monotonic clock, the same in every process, so the span from exec is measured too) with
its CPU time and involuntary context switches so far; the table gives each phase's median
span from outside (wall) and in the process (CPU), their spread, the median of the
per-pair ratios to the bare window, and the resident memory at the first paint.

The phases of Rapport: the interpreter and ``site`` (exec to the first line of Python),
``rapport`` and ``rapport.launch``, the book's check module, PySide6, the QApplication,
the icon / preferences / single instance, the book's check, ``ui.main_window``,
``MainWindow()``, ``show()`` and the first paint. Nothing in it asserts a time.
The process is run as ``python startup_phases.py probe app|bare`` by the runner.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()

# Only what the marks need before the first paint: the probe's own imports are in the
# "interpreter + site" span of both sides, so they are kept few.
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _usage() -> tuple[float, int]:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime, use.ru_nivcsw


MARKS: list[tuple[str, float, float, int]] = [("python", _T0, *_usage())]


def mark(name: str) -> None:
    MARKS.append((name, time.perf_counter(), *_usage()))


def report() -> None:
    """The marks and the resident memory, on stderr, at the first paint."""
    import json

    with open("/proc/self/statm", encoding="ascii") as statm:
        rss = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    sys.stderr.write("PHASES " + json.dumps({"marks": MARKS, "rss_mb": rss}) + "\n")
    sys.stderr.flush()


def probe_bare() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    mark("PySide6")

    class Watch(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True

                def finish() -> None:
                    mark("painted")
                    report()
                    print("shown in 0 ms", flush=True)
                    app.quit()

                QTimer.singleShot(0, finish)
            return False

    app = QApplication(sys.argv[:1])
    mark("QApplication")
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.setCentralWidget(QLabel("bare"))
    window.resize(1200, 760)
    watch = Watch()
    window.installEventFilter(watch)
    mark("window")
    window.show()
    mark("show()")
    app.exec()


def _wrap(owner: Any, name: str, label: str) -> None:
    """Mark ``label`` when ``owner.name`` returns (attribute looked up at call time)."""
    original = getattr(owner, name)

    def marked(*args: Any, **kwargs: Any) -> Any:
        mark(f"{label}<")
        result = original(*args, **kwargs)
        mark(label)
        return result

    setattr(owner, name, marked)


# The module whose loading ends a phase, and what to mark in it once loaded.
WATCHED = {
    "rapport.services.book": ("check_book", "check_book"),
    "PySide6.QtWidgets": (None, None),
    "rapport.ui.platform_check": ("create_application", "QApplication"),
    "rapport.ui.main_window": (None, None),
}


class _Watch:
    """A finder that marks when each watched module starts and ends loading."""

    @classmethod
    def find_spec(cls, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in WATCHED:
            return None
        function, label = WATCHED.pop(name)
        mark(f"import {name}<")
        spec = None
        for finder in sys.meta_path:
            if finder is not cls and hasattr(finder, "find_spec"):
                spec = finder.find_spec(name, path, target)
                if spec is not None:
                    break
        if spec is None or not hasattr(spec.loader, "exec_module"):
            return spec
        run = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            run(module)
            mark(f"import {name}")
            if function is not None:
                _wrap(module, function, label)
            if name == "rapport.ui.main_window":
                _wrap(module.MainWindow, "__init__", "MainWindow()")
                _wrap(module.MainWindow, "show", "show()")

        spec.loader.exec_module = exec_module
        return spec


def probe_app() -> None:
    import builtins

    sys.meta_path.insert(0, _Watch)
    printed = builtins.print

    def watching_print(*args: Any, **kwargs: Any) -> None:
        if args and isinstance(args[0], str) and args[0].startswith("shown in"):
            mark("painted")
            report()
        printed(*args, **kwargs)

    builtins.print = watching_print
    sys.argv = ["rapport", "--startup-check"]
    from rapport.launch import command

    mark("rapport.launch")
    command()


# Spans of the table: (name, from mark, to mark), per side.
APP = [
    ("interpreter + site", "exec", "python"),
    ("rapport, launch", "python", "rapport.launch"),
    ("book's check module", "import rapport.services.book<", "import rapport.services.book"),
    ("PySide6", "import rapport.services.book", "import PySide6.QtWidgets"),
    ("QApplication", "import PySide6.QtWidgets", "QApplication"),
    ("icon, prefs, instance", "QApplication", "check_book<"),
    ("check_book", "check_book<", "check_book"),
    ("ui.main_window", "import rapport.ui.main_window<", "import rapport.ui.main_window"),
    ("MainWindow()", "MainWindow()<", "MainWindow()"),
    ("show()", "show()<", "show()"),
    ("first paint", "show()", "painted"),
    ("exec -> painted", "exec", "painted"),
]
BARE = [
    ("interpreter + site", "exec", "python"),
    ("PySide6", "python", "PySide6"),
    ("QApplication", "PySide6", "QApplication"),
    ("window", "QApplication", "window"),
    ("show()", "window", "show()"),
    ("first paint", "show()", "painted"),
    ("exec -> painted", "exec", "painted"),
]


def run_one(python: str, kind: str, data_dir: str) -> dict[str, Any]:
    import json
    import subprocess

    env = dict(os.environ, RAPPORT_DATA_DIR=data_dir)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode as a user's install has it
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    done = subprocess.run(
        [python, __file__, "probe", kind], env=env, capture_output=True, text=True, timeout=60
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("PHASES ")]
    if not lines:
        raise SystemExit(f"no phases from {python} {kind}:\n{done.stderr[-2000:]}")
    found: dict[str, Any] = json.loads(lines[-1][len("PHASES ") :])
    at = {name: (moment, cpu, switches) for name, moment, cpu, switches in found["marks"]}
    at["exec"] = (started, 0.0, 0)
    found["at"] = at
    return found


def spans(run: dict[str, Any], table: list[tuple[str, str, str]]) -> dict[str, tuple[float, ...]]:
    at = run["at"]
    return {
        name: (
            (at[end][0] - at[start][0]) * 1000,
            (at[end][1] - at[start][1]) * 1000,
            at[end][2] - at[start][2],
        )
        for name, start, end in table
    }


def summary(label: str, rows: list[dict[str, tuple[float, ...]]]) -> None:
    import statistics

    print(f"\n{label} ({len(rows)} runs): median wall ms (sd) | CPU ms (sd) | invol. switches")
    for name in rows[0]:
        wall = [row[name][0] for row in rows]
        cpu = [row[name][1] for row in rows]
        switches = [row[name][2] for row in rows]
        print(
            f"  {name:22} {statistics.median(wall):7.1f} ({statistics.pstdev(wall):5.1f})"
            f" | {statistics.median(cpu):6.1f} ({statistics.pstdev(cpu):4.1f})"
            f" | {statistics.median(switches):4.0f}"
        )


def main(argv: list[str]) -> None:
    if argv[:1] == ["probe"]:
        probe_bare() if argv[1] == "bare" else probe_app()
        return
    import statistics

    count, sides = int(argv[0]), [side.split("=", 1) for side in argv[1:]]
    results: list[list[dict[str, Any]]] = [[] for _ in sides]
    bare: list[list[dict[str, Any]]] = [[] for _ in sides]
    run_one(sides[0][0], "bare", sides[0][1])  # the file cache warmed for both
    for _ in range(count):
        for index, (python, data_dir) in enumerate(sides):
            results[index].append(run_one(python, "app", data_dir))
            bare[index].append(run_one(sides[0][0], "bare", data_dir))
    all_bare = [spans(run, BARE) for runs in bare for run in runs]
    summary("bare window", all_bare)
    for (python, data_dir), runs, bares in zip(sides, results, bare, strict=True):
        rows = [spans(run, APP) for run in runs]
        summary(f"{python} on {data_dir}", rows)
        pairs = [spans(b, BARE)["exec -> painted"] for b in bares]
        wall = [row["exec -> painted"][0] / b[0] for row, b in zip(rows, pairs, strict=True)]
        cpu = [row["exec -> painted"][1] / b[1] for row, b in zip(rows, pairs, strict=True)]
        memory = statistics.median(run["rss_mb"] for run in runs)
        memory -= statistics.median(run["rss_mb"] for run in bares)
        print(
            f"  ratio to the bare window: wall {statistics.median(wall):.2f}"
            f" ({min(wall):.2f} to {max(wall):.2f}), CPU {statistics.median(cpu):.2f};"
            f" resident memory at the first paint {memory:+.1f} MB"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
