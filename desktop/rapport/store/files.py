"""Database files written whole or not at all, and what a killed writer leaves behind.

A new book, a backup and a restored book are each written to a partial file beside
their final name (``.NAME.XXXX.partial``, 0600, in the same folder so that the rename
is atomic), synced to the disk, then renamed into place. Until the rename the final
name holds what it held before (or nothing), so a program killed halfway, or a disk
that fills up, never leaves a half-written book or backup under a name Rapport reads.

The writer holds an advisory lock (``flock``) on its partial file for as long as it
writes. A partial file that nobody holds and that has not changed for ``STALE_AFTER``
seconds was left by a writer that was killed; ``remove_stale_partials`` deletes it
(with the journal SQLite may have left beside it) when a book is opened.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; a partial file is judged by its age alone
    fcntl = None  # type: ignore[assignment]

from rapport.paths import private_umask

PARTIAL_SUFFIX = ".partial"
# A partial file untouched for this long, and unlocked, belongs to a killed writer.
STALE_AFTER = 300.0


@cache
def _partial_name() -> re.Pattern[str]:
    """What a partial file and its journals are called, compiled when a folder is first
    looked through: the dry run loads this module and never looks (~0.5 ms at its start)."""
    return re.compile(r"^\..+\.partial(-journal|-wal|-shm)?$")


@contextmanager
def partial_beside(target: Path) -> Iterator[Path]:
    """A new empty private file beside ``target``, locked while the block runs.

    The block writes it and renames it over ``target`` (``replace_with``); whatever is
    not renamed away (the partial file of a block that failed, or one only used as a
    scratch copy, and any SQLite journal beside it) is removed at the end.
    """
    # Here, not at the top: the hotkey's dry run loads this module (the book's engine) and
    # never writes, and tempfile brings random and weakref (~2 ms of its start).
    import tempfile

    with private_umask():
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=target.parent
        )
    partial = Path(name)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield partial
    finally:
        os.close(fd)
        _remove_with_sidecars(partial)


def sync(path: Path) -> None:
    """Flush ``path`` (a file or a folder) to the disk; a folder that refuses is skipped."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if path.is_dir() else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if path.is_dir():
            return  # some systems (and Windows) cannot open a folder to sync it
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not path.is_dir():
            raise
    finally:
        os.close(fd)


def replace_with(partial: Path, target: Path) -> None:
    """Put the complete file ``partial`` at ``target`` in one step, synced to the disk."""
    sync(partial)
    os.replace(partial, target)
    sync(target.parent)


def remove_stale_partials(folder: Path, now: float | None = None) -> list[Path]:
    """Delete the partial files in ``folder`` that a killed writer left; returns them."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = [entry for entry in folder.iterdir() if _partial_name().match(entry.name)]
    except OSError:
        return removed
    for entry in entries:
        try:
            age = now - entry.stat().st_mtime
        except OSError:
            continue
        if age < STALE_AFTER or _being_written(entry):
            continue
        with suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


def _being_written(path: Path) -> bool:
    """Another writer holds the lock of this partial file (or of the one it belongs to)."""
    if fcntl is None:
        return False
    main = path.with_name(re.sub(r"-(journal|wal|shm)$", "", path.name))
    try:
        fd = os.open(main, os.O_RDONLY)
    except OSError:
        return False  # a journal whose partial file is gone
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases the lock if it was taken
    return False


def _remove_with_sidecars(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with suppress(OSError):
            partial.with_name(partial.name + suffix).unlink()
