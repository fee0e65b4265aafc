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

SAVING = "Saving…"
WAITING = "The book is busy"  # the window's status while a save waits (store/long_write.py)


def window_worker(widget: QWidget) -> Worker | None:
    """The worker of the window ``widget`` is in; None when it is not in one."""
    worker = getattr(widget.window(), "worker", None)
    return worker if isinstance(worker, Worker) else None


def status(widget: QWidget, text: str, msecs: int = 6000) -> None:
    """Say ``text`` in the window's status bar (nothing: clear it)."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        if text:
            window.statusBar().showMessage(text, msecs)
        else:
            window.statusBar().clearMessage()


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
        status(widget, "")
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

    def saved(result: Any) -> None:
        said = _said(widget)
        if said == SAVING or said.startswith(WAITING):
            status(widget, "")  # what follows says what was done, if anything
        done(result)

    status(widget, SAVING, 0)
    worker.submit(lambda _context: write(), name=doing, on_done=saved, on_error=refused)


def _said(widget: QWidget) -> str:
    window = widget.window()
    return window.statusBar().currentMessage() if isinstance(window, QMainWindow) else ""
