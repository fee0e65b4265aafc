"""A write from the window, on its worker (issue 17): the window never waits for the book.

The status bar says "Saving…" (and, while a busy book makes the save wait, what it waits
for: the window listens to ``book.on_busy_wait``); an error is shown as the forms show
theirs, and ``done(result)`` runs on the GUI thread once the write is committed. Without
a worker (a widget on its own) the write runs in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMainWindow, QWidget

from rapport.ui import messages
from rapport.ui.worker import Worker


def window_worker(widget: QWidget) -> Worker | None:
    """The worker of the window ``widget`` is in; None when it is not in one."""
    worker = getattr(widget.window(), "worker", None)
    return worker if isinstance(worker, Worker) else None


def status(widget: QWidget, text: str, msecs: int = 6000) -> None:
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, msecs)


def save_on_worker(
    widget: QWidget,
    doing: str,
    write: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[], None] | None = None,
) -> None:
    """Run ``write`` on the window's worker, then ``done(result)`` here; on an error, the
    error (``doing`` names what failed) and ``failed()``."""

    def refused(exc: BaseException) -> None:
        status(widget, "", 1)
        if failed is not None:
            failed()
        messages.show_error(widget, exc, doing)

    worker = window_worker(widget)
    if worker is None:
        try:
            result = write()
        except Exception as exc:
            refused(exc)
            return
        done(result)
        return
    status(widget, "Saving…", 0)
    worker.submit(
        lambda _context: write(),
        name=doing,
        on_done=done,
        on_error=refused,
    )
