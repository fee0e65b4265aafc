"""The background worker: results, progress, errors and cancel arrive on the GUI thread."""

from __future__ import annotations

import threading
import time
from typing import Any

from rapport.ui.worker import JobContext, Worker


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: Any) -> None:
    worker = Worker()
    gui_thread = threading.get_ident()
    seen: dict[str, Any] = {"progress": []}

    def work(ctx: JobContext) -> int:
        seen["worker_thread"] = threading.get_ident()
        for step in range(3):
            ctx.progress(step + 1, 3)
        return 42

    def done(value: int) -> None:
        seen["done_thread"] = threading.get_ident()
        seen["value"] = value

    # Wait on the callbacks, not on job.finished: a fast job may finish before a
    # waitSignal could connect, and a queued signal is not replayed for late listeners.
    worker.submit(work, on_done=done, on_progress=lambda d, t: seen["progress"].append(d))
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["worker_thread"] != gui_thread
    assert seen["done_thread"] == gui_thread
    qtbot.waitUntil(lambda: seen["progress"] == [1, 2, 3])
    qtbot.waitUntil(lambda: not worker.busy())


def test_errors_are_delivered_not_raised(qtbot: Any) -> None:
    worker = Worker()
    errors: list[BaseException] = []

    def work(_ctx: JobContext) -> None:
        raise ValueError("bad file")

    worker.submit(work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError)
    assert "bad file" in errors[0].__traceback_text__  # type: ignore[attr-defined]


def test_cancel_stops_a_job_that_checks(qtbot: Any) -> None:
    worker = Worker()
    started = threading.Event()
    cancelled: list[bool] = []

    def work(ctx: JobContext) -> str:
        started.set()
        while True:
            ctx.check()
            time.sleep(0.01)

    job = worker.submit(work, on_cancel=lambda: cancelled.append(True))
    assert started.wait(5)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.cancel()
    qtbot.waitUntil(lambda: cancelled == [True])


def test_jobs_run_one_at_a_time_in_order(qtbot: Any) -> None:
    worker = Worker()
    order: list[int] = []
    lock = threading.Lock()
    running = [0]
    most = [0]

    def make(n: int):  # type: ignore[no-untyped-def]
        def work(_ctx: JobContext) -> None:
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.01)
            order.append(n)
            with lock:
                running[0] -= 1

        return work

    for n in range(4):
        worker.submit(make(n))
    assert worker.wait(5000)
    assert order == [0, 1, 2, 3]
    assert most[0] == 1
