"""Opening and closing the book (the user's database) for a session of work.

The window checks its book before its first paint (``check_book``: the standard library
reads the file's version, and a newer or damaged book is refused there, before any window
shows) and opens it just after (``open_book``). So the database layer (peewee, the models)
loads while the user already sees the window instead of before it. This module loads it
only when a function needs it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapport import paths

# The engines load no peewee; importing them here, before the window imports Qt, spares
# them PySide's scan of every module imported after it (app.py).
from rapport.store import engines
from rapport.store.errors import NotADatabaseError, ServerAwayError, StoreError

KEY_FILE = "rapport.key"


class BookLockedError(StoreError):
    """The book is encrypted and this process has not unlocked it yet."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            "the book is encrypted: unlock it with the passphrase (asked on a terminal), "
            "RAPPORT_PASSPHRASE_FILE (a 0600 file holding it) or the keychain "
            "(rapport passphrase --remember)"
        )
        self.data_dir = data_dir


@dataclass(frozen=True, slots=True)
class Book:
    data_dir: Path
    database_path: Path
    # An encrypted book not yet unlocked (``check_book``): the window asks, then opens it.
    locked: bool = False
    # A team book whose server was away (``check_book``: "host:port"): the window opens,
    # and opens the book once the server is back (ui/server_wait.py).
    away: str = ""

    @property
    def backups_dir(self) -> Path:
        return paths.backups_dir(self.data_dir)


_current: Book | None = None
# The team book the window waits to open while its server is away (``wait_for_server``).
_waiting: Book | None = None


def open_book(data_dir: str | os.PathLike[str] | None = None) -> Book:
    """Open the database in ``data_dir`` (or the default one), creating it if needed.

    Raises ``paths.DataDirError`` or ``store.errors.StoreError`` with a message for the user.
    """
    from rapport.store.db import open_database

    global _current
    directory = paths.ensure_data_dir(paths.data_dir(data_dir))
    path = paths.database_path(directory)
    if is_encrypted(directory):
        # With the book, not before the first paint: SQLCipher's engine, once unlocked.
        from rapport.store import engine_cipher, unlocked

        if unlocked.key_for(path) is None:
            raise BookLockedError(directory)
        engine_cipher.install()
    try:
        open_database(path, backup_dir=paths.backups_dir(directory))
    except NotADatabaseError as exc:
        if is_encrypted(directory):
            raise NotADatabaseError(
                f"the key file {key_file(directory)} does not open {path}: it belongs to "
                "another book, or the book is damaged; put back the book's own key file, "
                "or restore a backup (rapport restore)"
            ) from exc
        raise _damaged(directory, path, exc) from exc
    _current = Book(directory, path)
    _forget_waiting()
    return _current


def _forget_waiting() -> None:
    global _waiting
    _waiting = None


def check_book(data_dir: str | os.PathLike[str] | None = None) -> Book:
    """The book in ``data_dir``, refused now if ``open_book`` would refuse it, opened later.

    It raises what ``open_book`` raises for a missing folder, a damaged file or one
    written by a newer Rapport, reading only the file's header. A book that opening would
    change (a new one, an older schema to migrate) or one elsewhere than in a file
    (RAPPORT_DATABASE_URL) is opened now, so whatever opening can refuse is refused here.
    The caller opens the returned book with ``open_book(book.data_dir)`` before reading it.
    """
    from rapport.store.migrations import SCHEMA_VERSION

    directory = paths.ensure_data_dir(paths.data_dir(data_dir))
    path = paths.database_path(directory)
    if is_encrypted(directory):
        return Book(directory, path, locked=True)  # read after the passphrase is asked
    try:
        version = engines.choose(path).check_header()
    except NotADatabaseError as exc:
        raise _damaged(directory, path, exc) from exc
    if version != SCHEMA_VERSION:
        try:
            return open_book(directory)
        except ServerAwayError as exc:
            return wait_for_server(directory, exc)
    return Book(directory, path)


def wait_for_server(directory: Path, away: ServerAwayError) -> Book:
    """The team book in ``directory`` could not be opened: its server is away. It is not
    open (``current_book`` is None until ``open_book`` succeeds), but what is tried
    meanwhile says the server is away, so that a capture goes to the outbox
    (services/outbox.py). The returned book says where the server is (``away``)."""
    from rapport.store.db import wait_for_server as bind_unopened

    global _waiting
    path = paths.database_path(directory)
    bind_unopened(path, away)
    _waiting = Book(directory, path, away=away.where or "the team server")
    return _waiting


def waiting_book() -> Book | None:
    """The team book waiting for its server (``wait_for_server``), until it opens."""
    return _waiting


def key_file(directory: Path) -> Path:
    """The encrypted book's key file (``core/bookkey.py``), beside the book."""
    return directory / KEY_FILE


def is_encrypted(directory: Path) -> bool:
    """The book in ``directory`` is an encrypted one: a key file beside a file that does
    not start with SQLite's header (read with the standard library, before the window)."""
    if os.environ.get("RAPPORT_DATABASE_URL"):
        return False
    return is_encrypted_file(directory)


def is_encrypted_file(directory: Path) -> bool:
    """The book file in ``directory`` is encrypted, whatever book is named for this
    process (a team book's window reads a personal one beside it)."""
    from rapport.store.readonly import SQLITE_HEADER

    if not key_file(directory).is_file():
        return False
    try:
        with paths.database_path(directory).open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError:
        return False  # no book (or unreadable): opening says what is wrong
    return len(header) == len(SQLITE_HEADER) and header != SQLITE_HEADER


def _damaged(directory: Path, path: Path, cause: NotADatabaseError) -> NotADatabaseError:
    """The error to show for a damaged book: it says which backup would bring it back."""
    from rapport.services.damaged import damaged_book_error  # peewee's models: not at startup

    return damaged_book_error(directory, path, cause)


def current_book() -> Book | None:
    return _current


def close_book() -> None:
    global _current
    _current = None
    _forget_waiting()
    if "rapport.store.db" in sys.modules:  # else no book was ever opened in this process
        from rapport.store.db import close_database

        close_database()


def is_team_book() -> bool:
    """The open book is a team's, on PostgreSQL: notes can be kept to their author."""
    from rapport.store.engine import current_or_none

    engine = current_or_none()
    return engine is not None and engine.name == "team"


def is_empty() -> bool:
    from rapport.store.models import Client

    return not Client.select(Client.id).limit(1).exists()


def release_thread() -> None:
    """Close this thread's database connection (peewee keeps one per thread).

    Background jobs call it when they finish, so a worker thread never holds a
    connection (and its locks and file handles) after its work is done.
    """
    from rapport.store.db import close_database

    close_database()


def on_busy_wait(role: str, listener: Callable[[str], None]) -> None:
    """Tell ``listener`` (one per ``role``: "cli", "window") when a write waits for
    another program's long write (an import).

    The message says what it waits for ("the book is busy: waiting for the import to
    finish"); the write goes ahead once that ends instead of failing on the busy timeout.
    """
    from rapport.store import long_write  # with the book, not before the first paint

    long_write.on_wait(role, listener)


def on_commit(listener: Callable[[], None]) -> None:
    """Call ``listener`` after each save (an outermost transaction committed), on the
    thread that saved: the window's phone publishing follows saves this way."""
    from rapport.store.db import on_commit as store_on_commit

    store_on_commit(listener)


def off_commit(listener: Callable[[], None]) -> None:
    """No longer call ``listener`` after saves."""
    from rapport.store.db import off_commit as store_off_commit

    store_off_commit(listener)
