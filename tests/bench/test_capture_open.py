"""How fast the capture window opens from the running app (the bar: 150 ms).

Not part of the default run (``tests/bench`` is ignored by addopts); run it with
``QT_QPA_PLATFORM=offscreen pytest tests/bench/test_capture_open.py -s``. It prints:

- open: ``quick_capture_action.trigger()`` until the window is exposed (the user sees it
  and can type), after the main window has painted and the window was warmed at idle;
- cold: the same for a first opening before the idle warm-up had a chance to run;
- ready: until the clients have been read and the restored draft understood (chips);
- understand: one re-understanding of a typed note against the book's clients, as each
  pause in typing costs (the first time a name is seen, then again).

on a 25-client and a 5,000-client book. Timings go to stdout, nothing is asserted
about them (tests never assert timings).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

pytestmark = [
    pytest.mark.bench,
    pytest.mark.qt_log_ignore("This plugin does not support raise"),
    pytest.mark.timeout(600),
]
RUNS = 40
NOTE = (
    "Lunch w/ Bob Smith (Acme). Son Jake, 12, plays travel baseball; Bob played in college. "
    "Needs delivery by March. Promised revised proposal by Friday."
)


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _open_once(window: Any) -> float:
    start = time.perf_counter()
    window.quick_capture_action.trigger()
    capture = window.capture.capture_window
    while capture.windowHandle() is None or not capture.windowHandle().isExposed():
        QApplication.processEvents()
    elapsed = (time.perf_counter() - start) * 1000
    capture.reject()
    return elapsed


def _measure(window: Any, qtbot: Any, label: str) -> dict[str, float]:
    from rapport.services import drafts

    qtbot.waitUntil(lambda: window.capture.capture_window is not None, timeout=10000)
    capture = window.capture.capture_window
    drafts.save_draft(NOTE)  # each opening restores and understands a real note
    opens: list[float] = []
    readies: list[float] = []
    for _ in range(RUNS):
        capture.editor.clear()  # so the draft is loaded again, as after a restart
        capture.understood_text = ""
        start = time.perf_counter()
        window.quick_capture_action.trigger()
        handle = capture.windowHandle()
        while handle is None or not handle.isExposed():
            QApplication.processEvents()
            handle = capture.windowHandle()
        opens.append((time.perf_counter() - start) * 1000)
        while capture.understood_text != NOTE or not capture.chips:
            QApplication.processEvents()
        readies.append((time.perf_counter() - start) * 1000)
        capture.reject()
        QApplication.processEvents()

    from rapport.core.understand.pipeline import understand
    from rapport.services import capture as capture_service

    index = capture_service.client_index()
    start = time.perf_counter()
    understand(NOTE + " Also met Dana Whitmore.", __import__("datetime").date(2026, 11, 18), index)
    first = (time.perf_counter() - start) * 1000
    again = []
    for _ in range(RUNS):
        start = time.perf_counter()
        capture_service.understand_with(NOTE + " Also met Dana Whitmore.", index)
        again.append((time.perf_counter() - start) * 1000)
    print(
        f"\n{label}: {len(index)} clients\n"
        f"  open   p50 {statistics.median(opens):6.1f} ms  p95 {_p(opens, 0.95):6.1f} ms"
        f"  max {max(opens):6.1f} ms\n"
        f"  ready  p50 {statistics.median(readies):6.1f} ms  p95 {_p(readies, 0.95):6.1f} ms\n"
        f"  understand: new names {first:5.1f} ms, again p50 {statistics.median(again):5.1f} ms"
    )
    return {
        "open_p50_ms": round(statistics.median(opens), 1),
        "open_p95_ms": round(_p(opens, 0.95), 1),
        "ready_p50_ms": round(statistics.median(readies), 1),
        "understand_new_names_ms": round(first, 1),
    }


@pytest.mark.parametrize("clients", [25, 5000])
def test_open_time(qtbot: Any, data_dir: Path, clients: int, report: dict[str, Any]) -> None:
    from rapport.sample import demo
    from rapport.services.book import close_book, current_book, open_book
    from rapport.ui.main_window import MainWindow
    from rapport.ui.worker import Worker

    open_book(data_dir)
    try:
        demo.load_demo(clients=clients, notes=clients)
        win = MainWindow(current_book(), Worker())
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        cold = _open_once(win) if win.capture.capture_window is None else None
        figures = _measure(win, qtbot, f"{clients:,} clients")
        if cold is not None:
            print(f"  cold (first opening, before the idle warm-up): {cold:6.1f} ms")
            figures["cold_open_ms"] = round(cold, 1)
        report.setdefault("capture_window", {})[f"{clients}_clients"] = figures
    finally:
        close_book()
