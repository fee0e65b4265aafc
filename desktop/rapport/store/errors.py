"""Errors of the environment, told apart from bugs.

A locked, full, read-only, corrupt or too-new database is not a bug in Rapport: the user
gets a one-line message (a dialog in the window, stderr on the command line) and nothing
is half written. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sqlite3


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
    ("disk is full", DiskFullError, "the disk is full; free some space and try again"),
    ("database or disk is full", DiskFullError, "the disk is full; free some space and try again"),
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


def translate(exc: BaseException) -> StoreError | None:
    """The environment error behind a database exception, or None when it is a bug."""
    if isinstance(exc, StoreError):
        return exc
    import peewee  # here, so that checking a book before the window paints needs no peewee

    if not isinstance(exc, peewee.DatabaseError | sqlite3.DatabaseError):
        return None
    text = str(exc).lower()
    if "no transaction is active" in text and exc.__context__ is not None:
        # SQLite rolled back by itself (disk full, I/O error), so the rollback that
        # followed failed: the error that caused it is the one to report.
        return translate(exc.__context__)
    for needle, kind, message in _PATTERNS:
        if needle in text:
            return kind(message)
    return None
