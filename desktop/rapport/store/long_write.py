"""Long writes that other programs wait out instead of failing on.

SQLite lets one program write at a time; the others wait
``engine_sqlite.BUSY_TIMEOUT`` seconds and then fail with "the database is busy". A
short write never comes near that. A large import's one transaction can (it is all or
nothing by design, and on a loaded machine 200,000 contacts took up to 13 s). So a long
write announces itself: for the whole of its
transaction it holds an exclusive lock on a small file beside the book
(``rapport.db.long-write``). A writer whose BEGIN timed out looks at that file: while a
long write holds it, the writer says it is waiting ("the book is busy: waiting for the
import to finish"), waits for the lock to be released, and begins again. Nothing else
is changed: a writer held up by anything but a long write still fails after the timeout.

The lock is an advisory ``flock`` (POSIX). Where there is none (Windows), a long write
announces nothing and writers keep the plain busy timeout.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; writers keep the plain busy timeout
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".long-write"
# How long a writer waits behind a long write before giving up (the import's transaction
# is seconds; this only bounds a wait on a program that hangs while holding the lock).
PATIENCE = 600.0
# A long write that ended this recently may be what the writer's BEGIN timed out on.
JUST_ENDED = 2.0
_POLL = 0.05

# Who is told that a write waits, by role ("cli", "window"): one listener each, the newest.
_listeners: dict[str, Callable[[str], None]] = {}


def on_wait(role: str, listener: Callable[[str], None]) -> None:
    """Call ``listener(message)`` when a writer starts waiting for a long write."""
    _listeners[role] = listener


def lock_file(book: Path) -> Path:
    return book.with_name(book.name + SUFFIX)


@contextmanager
def announced(book: Path | None, what: str) -> Iterator[None]:
    """Hold the long-write lock of ``book`` around a write that may outlast the timeout.

    ``what`` names the work in the waiting writers' message ("the import").
    """
    if book is None or fcntl is None:
        yield
        return
    path = lock_file(book)
    old = os.umask(0o077)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    finally:
        os.umask(old)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a second long write queues behind the first
        os.ftruncate(fd, 0)
        os.write(fd, what.encode("utf-8", "replace")[:200])
        try:
            yield
        finally:
            os.utime(fd)  # "just ended", for a writer that looks a moment too late
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def wait_for(book: Path | None) -> bool:
    """After a BEGIN timed out: wait for a long write to end; True when worth beginning again.

    False when no long write holds the book (the busy error stands) or when it outlasts
    ``PATIENCE``.
    """
    if book is None or fcntl is None:
        return False
    path = lock_file(book)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False  # no long write has ever run on this book
    try:
        if _try_shared(fd):
            # Free now: worth beginning again only if a long write ended a moment ago.
            return time.time() - os.fstat(fd).st_mtime <= JUST_ENDED
        what = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "a long write"
        for listener in list(_listeners.values()):
            # A window closed meanwhile: telling is not worth failing the write on.
            with suppress(Exception):
                listener(f"the book is busy: waiting for {what} to finish")
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            time.sleep(_POLL)
            if _try_shared(fd):
                return True
        return False
    finally:
        os.close(fd)  # also releases the shared lock


def _try_shared(fd: int) -> bool:
    assert fcntl is not None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return True
