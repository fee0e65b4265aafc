"""Which thread wrote: the book's commits recorded by thread (``book.on_commit`` calls its
listeners on the thread that committed), for tests that the window never writes on the
GUI thread."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from rapport.services import book


class Commits:
    """The book's commits by thread: where each on the GUI thread was made, and how many
    were made off it (on the window's worker)."""

    def __init__(self) -> None:
        self.on_gui: list[str] = []
        self.off_gui = 0

    def __call__(self) -> None:
        if threading.current_thread() is threading.main_thread():
            self.on_gui.append("".join(f"{frame}\n" for frame in _where()))
        else:
            self.off_gui += 1


def _where() -> list[str]:
    return [line.strip() for line in traceback.format_stack(limit=12)]


@contextmanager
def recorded_commits() -> Iterator[Commits]:
    """The commits made inside the ``with``, by thread."""
    recorded = Commits()
    book.on_commit(recorded)
    try:
        yield recorded
    finally:
        book.off_commit(recorded)
