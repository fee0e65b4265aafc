"""Long work off the GUI thread, on one serial worker, results back by signal.

Imports, big demo books, backups and restore run here so that the window keeps
painting. Jobs run one at a time in the order submitted (two writers in one process
would only queue on SQLite's lock anyway). A job never touches a widget: it gets a
``JobContext`` to report progress and to ask whether the user cancelled, and its result
or error arrives on the GUI thread through ``Job.done`` / ``Job.failed``.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class Cancelled(Exception):
    """Raised inside a job by ``JobContext.check()`` when the user cancelled."""


class JobContext:
    def __init__(self, job: Job) -> None:
        self._job = job

    def progress(self, done: int, total: int) -> None:
        self._job.progressed.emit(int(done), int(total))

    def cancelled(self) -> bool:
        return self._job.cancel_event.is_set()

    def check(self) -> None:
        if self.cancelled():
            raise Cancelled


class Job(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, fn: Callable[[JobContext], Any], name: str = "") -> None:
        super().__init__()
        self.fn = fn
        self.name = name
        self.cancel_event = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        job = self.job
        try:
            result = job.fn(JobContext(job))
        except Cancelled:
            job.cancelled.emit()
        except Exception as exc:  # delivered to the GUI thread, which decides how to show it
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            job.failed.emit(exc)
        else:
            if job.cancel_event.is_set():
                job.cancelled.emit()
            else:
                job.done.emit(result)
        finally:
            from rapport.services.book import release_thread

            release_thread()
            job.finished.emit()


class Worker(QObject):
    """The app's one background worker."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: list[Job] = []

    def submit(
        self,
        fn: Callable[[JobContext], Any],
        *,
        name: str = "",
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_cancel: Callable[[], object] | None = None,
    ) -> Job:
        job = Job(fn, name)
        if on_done:
            job.done.connect(on_done)
        if on_error:
            job.failed.connect(on_error)
        if on_progress:
            job.progressed.connect(on_progress)
        if on_cancel:
            job.cancelled.connect(on_cancel)
        job.finished.connect(lambda: self._forget(job))
        self._jobs.append(job)
        if len(self._jobs) == 1:
            self.busyChanged.emit(True)
        self._pool.start(_Runnable(job))
        return job

    @Slot()
    def _forget(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if not self._jobs:
            self.busyChanged.emit(False)

    def busy(self) -> bool:
        return bool(self._jobs)

    def wait(self, msecs: int = -1, cancel: bool = False) -> bool:
        """Block until every job has finished (at quit, after cancelling; and in tests)."""
        if cancel:
            for job in list(self._jobs):
                job.cancel()
        return self._pool.waitForDone(msecs)
