"""Errors of the environment, told apart from bugs.

A locked, full, read-only, corrupt or too-new database is not a bug in Rapport: the user
gets a one-line message (a dialog in the window, stderr on the command line) and nothing
is half written. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path
from typing import NoReturn


class StoreError(Exception):
    """A database problem the user can understand and act on."""


class NewerDatabaseError(StoreError):
    """The database was written by a newer Rapport; it is refused and left untouched."""


class NotADatabaseError(StoreError):
    """The file at the database path is not a (healthy) Rapport database."""


class DatabaseBusyError(StoreError):
    """Another program held the database for longer than the busy timeout."""


class ReadOnlyError(StoreError):
    """The database or its folder cannot be written."""


class DiskFullError(StoreError):
    """The disk (or the database's size limit) is full."""


class DiskIOError(StoreError):
    """The disk reported an I/O error: the file may be fine, the disk is not."""


class ServerAwayError(StoreError):
    """The team book's server cannot be reached (down, unreachable, restarting), or the
    connection to it was lost: ``where`` names it (no role, no password). A transaction
    cut off at its commit may or may not have been kept (``services/outbox.py`` saves a
    capture so that sending it twice keeps one)."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.where = where


DISK_FULL = "the disk is full; free some space and try again"
# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26
# The database drivers' own error classes (the standard library's sqlite3; store/cipher.py
# adds sqlcipher3's when an encrypted book is opened).
_DRIVER_ERRORS: list[type[Exception]] = [sqlite3.DatabaseError]
# Below this much free space, an I/O error while writing is the disk being full.
_NEARLY_FULL = 1 << 20


_PATTERNS: tuple[tuple[str, type[StoreError], str], ...] = (
    (
        "database is locked",
        DatabaseBusyError,
        "the database is busy in another program; try again in a moment",
    ),
    (
        "database table is locked",
        DatabaseBusyError,
        "the database is busy in another program; try again in a moment",
    ),
    (
        "readonly database",
        ReadOnlyError,
        "the database is read-only; check the permissions of the data directory",
    ),
    (
        "read-only",
        ReadOnlyError,
        "the database is read-only; check the permissions of the data directory",
    ),
    ("disk is full", DiskFullError, DISK_FULL),
    ("database or disk is full", DiskFullError, DISK_FULL),
    (
        "disk i/o error",
        ReadOnlyError,
        "the disk could not be written (I/O error); check the data directory",
    ),
    (
        "malformed",
        NotADatabaseError,
        "the database file is damaged; restore a backup (rapport restore)",
    ),
    (
        # Bytes overwritten inside a row's text: what SQLite returns is not UTF-8.
        "could not decode to utf-8",
        NotADatabaseError,
        "the database file is damaged (a text in it is not valid UTF-8); "
        "restore a backup (rapport restore)",
    ),
    (
        # A virtual table (the search index) whose own pages are unreadable.
        "vtable constructor failed",
        NotADatabaseError,
        "the database file is damaged; restore a backup (rapport restore)",
    ),
    (
        "file is not a database",
        NotADatabaseError,
        "the file is not a Rapport database; restore a backup (rapport restore)",
    ),
    (
        "unable to open database",
        ReadOnlyError,
        "the database cannot be opened; check the data directory",
    ),
)


def translate(exc: BaseException, path: Path | None = None) -> StoreError | None:
    """The environment error behind a database exception, or None when it is a bug.

    With ``path`` (the database file), an I/O error is told apart from a full disk by
    the free space left beside the file.
    """
    if isinstance(exc, StoreError):
        return exc
    import peewee  # here, so that checking a book before the window paints needs no peewee

    if not isinstance(exc, (peewee.DatabaseError, *_DRIVER_ERRORS)):
        return None
    text = str(exc).lower()
    if "no transaction is active" in text and exc.__context__ is not None:
        # SQLite rolled back by itself (disk full, I/O error), so the rollback that
        # followed failed: the error that caused it is the one to report.
        return translate(exc.__context__, path)
    if path is not None and "disk i/o error" in text and disk_nearly_full(path):
        return DiskFullError(DISK_FULL)
    for needle, kind, message in _PATTERNS:
        if needle in text:
            return kind(message)
    return None


def register_driver_errors(kind: type[Exception]) -> None:
    """Errors of another driver (sqlcipher3) are told apart like sqlite3's."""
    if kind not in _DRIVER_ERRORS:
        _DRIVER_ERRORS.append(kind)


def driver_errors() -> tuple[type[Exception], ...]:
    """The drivers' DatabaseError classes, for ``except`` clauses."""
    return tuple(_DRIVER_ERRORS)


def raise_named(exc: BaseException, path: Path | None = None) -> NoReturn:
    """In an ``except`` clause: raise the environment failure behind ``exc`` (``translate``:
    full disk, busy, read-only, damaged...) from it, or ``exc`` itself when it is a bug."""
    error = translate(exc, path)
    if error is None:
        raise exc
    raise error from exc


def database_errors() -> tuple[type[Exception], ...]:
    """peewee's DatabaseError and the drivers' own, for ``except`` clauses."""
    import peewee

    return (peewee.DatabaseError, *_DRIVER_ERRORS)


def is_read_only(exc: BaseException) -> bool:
    """SQLite refused to write because the book (or its folder) is read-only."""
    # peewee raises its own exception during the handling of SQLite's.
    for cause in (exc, exc.__cause__, exc.__context__):
        code = getattr(cause, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF == _SQLITE_READONLY
    return False


def disk_nearly_full(path: Path) -> bool:
    """Less than a megabyte free on the disk that holds ``path`` (a file or a folder)."""
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


def reading_error(exc: Exception, path: Path) -> StoreError:
    """What stopped the database file ``path`` from being read, named for what it is.

    Only a file SQLite finds corrupt, or that is not a database at all, is
    NotADatabaseError (a damaged book, for which a restore is the advice); a full disk,
    a read-only or forbidden file, a busy book and a failing disk each say so, because
    restoring a backup over a healthy book would not help and could cost it.
    """
    if isinstance(exc, OSError):
        return _os_error(exc, path)
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return NotADatabaseError(f"{path} cannot be read as a database: {exc}")
    if primary == _SQLITE_FULL or (primary == _SQLITE_IOERR and disk_nearly_full(path)):
        return DiskFullError(f"{path} cannot be opened: {DISK_FULL}")
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseBusyError(f"{path} is busy in another program; try again in a moment")
    if primary == _SQLITE_IOERR:
        return DiskIOError(
            f"{path} cannot be read: the disk reported an I/O error; check the disk "
            "(the file itself may be fine)"
        )
    if primary in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN):
        return _access_error(path, str(exc))
    translated = translate(exc, path)
    if translated is not None:
        return translated
    return StoreError(f"{path} cannot be opened: {exc}")


def _access_error(path: Path, detail: str) -> StoreError:
    """SQLite could not open or lock the file: which permission is missing."""
    folder = path.parent
    if not os.access(path, os.R_OK):
        return ReadOnlyError(f"{path} cannot be read: permission denied; check its permissions")
    if not os.access(folder, os.W_OK | os.X_OK):
        return ReadOnlyError(
            f"{path} cannot be opened: its folder {folder} is read-only; check its permissions"
        )
    return ReadOnlyError(f"{path} cannot be opened ({detail}); check the data directory")


def _os_error(exc: OSError, path: Path) -> StoreError:
    name = exc.filename or path
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(f"{name}: {DISK_FULL}")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ReadOnlyError(f"{name}: permission denied; check its permissions")
    if exc.errno == errno.EROFS:
        return ReadOnlyError(f"{name} is on a read-only disk")
    if exc.errno in (errno.EBUSY, errno.EAGAIN, errno.ETXTBSY):
        return DatabaseBusyError(f"{name} is busy in another program; try again in a moment")
    if exc.errno == errno.EIO:
        return DiskIOError(
            f"{name}: the disk reported an I/O error; check the disk (the file itself may be fine)"
        )
    return StoreError(f"{name}: {exc.strerror or exc}")
