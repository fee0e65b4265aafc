"""``rapport --startup-check``, watched a little longer: when Today is filled, when settled.

Run as ``python window_probe.py DATA_DIR``. It starts Rapport exactly as the
``rapport --startup-check`` command does (same entry point, same book), but instead of
quitting at the first paint it prints three lines and then quits:

- ``shown in N ms``: the first paint (what ``--startup-check`` prints);
- ``ready in N ms``: Today's rows are on screen (they are read right after the paint);
- ``settled in N ms``: the Clients page and the capture window, built at idle after the
  paint, exist too; the process's peak memory is read by the parent at this point.

Times are from the ``rapport`` package's first line, as ``--startup-check`` measures.
"""

import sys
import time

from rapport import STARTED, app, cli


def _ms() -> int:
    return round((time.perf_counter() - STARTED) * 1000)


def _watch(window: object, report: object) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    marks: dict[str, int] = {}

    def poll() -> None:
        if "ready" not in marks and window.today_view.data is not None:  # type: ignore[attr-defined]
            marks["ready"] = _ms()
            print(f"ready in {marks['ready']} ms", flush=True)
        built = window.built_profile() is not None  # type: ignore[attr-defined]
        captured = window.capture.capture_window is not None  # type: ignore[attr-defined]
        if "ready" in marks and built and captured:
            print(f"settled in {_ms()} ms", flush=True)
            QApplication.quit()
            return
        QTimer.singleShot(2, poll)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "shown" not in marks:
                marks["shown"] = _ms()
                print(f"shown in {marks['shown']} ms", flush=True)
                QTimer.singleShot(0, poll)
            return False

    watcher = FirstPaint(window)  # type: ignore[arg-type]
    window.installEventFilter(watcher)  # type: ignore[attr-defined]


app._report_when_painted = _watch  # type: ignore[assignment]
sys.exit(cli.main(["--data-dir", sys.argv[1], "--startup-check"]))
