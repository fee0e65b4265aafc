"""``rapport --startup-check``, watched a little longer: when Today is filled, when settled.

Run as ``python window_probe.py DATA_DIR``. It starts Rapport exactly as the
``rapport --startup-check`` command does (same entry point, same book), but instead of
quitting at the first paint it prints three lines and then quits:

- ``shown in N ms``: the first paint (what ``--startup-check`` prints);
- ``ready in N ms``: Today's rows are on screen (they are read right after the paint);
- ``settled in N ms``: the Clients page and the capture window, built at idle after the
  paint, exist too;

each followed by the process's peak resident memory so far (``peak N kB``, VmHWM from
/proc: what the process itself used, unlike wait4's figure, which on Linux counts the
memory of the parent that started it).

Times are from the ``rapport`` package's first line, as ``--startup-check`` measures.
"""

import sys
import time

from rapport import STARTED, app, launch


def _ms() -> int:
    return round((time.perf_counter() - STARTED) * 1000)


def _peak() -> None:
    kb = 0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    kb = int(line.split()[1])
    except OSError:
        pass
    print(f"peak {kb} kB", flush=True)


def _watch(window: object, report: object) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    marks: dict[str, int] = {}

    def poll() -> None:
        if "ready" not in marks and window.today_view.data is not None:  # type: ignore[attr-defined]
            marks["ready"] = _ms()
            print(f"ready in {marks['ready']} ms", flush=True)
            _peak()
        # (Windows that build their Clients page at once have no built_profile.)
        built_profile = getattr(window, "built_profile", None)
        built = built_profile is None or built_profile() is not None
        captured = window.capture.capture_window is not None  # type: ignore[attr-defined]
        if "ready" in marks and built and captured:
            print(f"settled in {_ms()} ms", flush=True)
            _peak()
            QApplication.quit()
            return
        QTimer.singleShot(2, poll)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "shown" not in marks:
                marks["shown"] = _ms()
                print(f"shown in {marks['shown']} ms", flush=True)
                _peak()
                QTimer.singleShot(0, poll)
            return False

    watcher = FirstPaint(window)  # type: ignore[arg-type]
    window.installEventFilter(watcher)  # type: ignore[attr-defined]


app._report_when_painted = _watch  # type: ignore[assignment]
sys.exit(launch.main(["--data-dir", sys.argv[1], "--startup-check"]))
