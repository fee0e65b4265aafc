"""Opening and closing the book (the user's database) for a session of work."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rapport import paths
from rapport.store.db import close_database, open_database
from rapport.store.errors import NotADatabaseError
from rapport.store.models import Client


@dataclass(frozen=True, slots=True)
class Book:
    data_dir: Path
    database_path: Path

    @property
    def backups_dir(self) -> Path:
        return paths.backups_dir(self.data_dir)


_current: Book | None = None


def open_book(data_dir: str | os.PathLike[str] | None = None) -> Book:
    """Open the database in ``data_dir`` (or the default one), creating it if needed.

    Raises ``paths.DataDirError`` or ``store.errors.StoreError`` with a message for the user.
    """
    global _current
    directory = paths.ensure_private_dir(paths.data_dir(data_dir))
    path = paths.database_path(directory)
    try:
        open_database(path, backup_dir=paths.backups_dir(directory))
    except NotADatabaseError as exc:
        # Say which backup would bring the book back (services/backup.py).
        from rapport.services.backup import damaged_book_error

        raise damaged_book_error(directory, path, exc) from exc
    _current = Book(directory, path)
    return _current


def current_book() -> Book | None:
    return _current


def close_book() -> None:
    global _current
    close_database()
    _current = None


def is_empty() -> bool:
    return not Client.select(Client.id).limit(1).exists()


def release_thread() -> None:
    """Close this thread's database connection (peewee keeps one per thread).

    Background jobs call it when they finish, so a worker thread never holds a
    connection (and its locks and file handles) after its work is done.
    """
    close_database()
