"""Opening the database: checks first, then pragmas, then migrations.

The order matters. A file that is not a database, or one written by a newer Rapport,
is refused before anything writes to it (switching to WAL would already change its
header), so the user's data stays byte-identical. New files are created 0600 so that
SQLite's -wal and -shm files inherit private permissions.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import peewee

from rapport.core.names import fold
from rapport.paths import ensure_private_dir, private_umask
from rapport.store import long_write
from rapport.store.errors import (
    DatabaseBusyError,
    NotADatabaseError,
    StoreError,
    driver_errors,
    reading_error,
    translate,
)
from rapport.store.files import partial_beside, remove_stale_partials, sync
from rapport.store.models import db
from rapport.store.readonly import checked_version

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -64000,
    "synchronous": "normal",
}
# The SQL name of core.names.fold on SQLite connections (see ``folded``).
FOLD_FUNCTION = "rapport_fold"
# Seconds a writer waits for another process (the window and the CLI share the file).
BUSY_TIMEOUT = 15


def open_database(
    path: Path, *, backup_dir: Path | None = None, key: bytes | None = None
) -> peewee.Database:
    """Open (creating if needed) and migrate the database at ``path``; bind the models.

    With ``key``, the book is an encrypted one (``store/cipher.py``) opened with it.
    """
    from rapport.store import migrations

    url = os.environ.get("RAPPORT_DATABASE_URL")
    if url:
        return _open_url(url)
    ensure_private_dir(path.parent)
    # A newer or damaged file is refused before any write.
    version = checked_version(path) if key is None else _cipher_version(path, key)
    for folder in (path.parent, backup_dir):
        if folder is not None:
            remove_stale_partials(folder)
    if version == 0:
        _create_book(path)
        version = migrations.SCHEMA_VERSION
    database = _connect(path, key)
    try:
        with private_umask():
            database.connect(reuse_if_open=True)
            if version and version < migrations.SCHEMA_VERSION and backup_dir is not None:
                from rapport.store.backup import backup_before_migration

                backup_before_migration(database, backup_dir, version)
            migrations.migrate(database, version)
    except peewee.DatabaseError as exc:
        database.close()
        error = translate(exc, path)
        if error is None:
            raise
        raise error from exc
    except UnicodeDecodeError as exc:
        # SQLite's error about the file quotes bytes of its damaged schema, and they
        # are not even text: the file is damaged, not Rapport.
        database.close()
        raise NotADatabaseError(f"{path} is damaged (its schema cannot be read)") from exc
    except BaseException:
        database.close()
        raise
    _tighten_sidecars(path)
    return database


def _cipher_version(path: Path, key: bytes) -> int:
    """``checked_version`` of an encrypted book, read with its key."""
    from rapport.store import cipher
    from rapport.store.readonly import refuse_newer

    try:
        return refuse_newer(cipher.user_version(path, key))
    except cipher.DatabaseError as exc:
        raise reading_error(exc, path) from exc


def _connect(path: Path, key: bytes | None = None) -> peewee.SqliteDatabase:
    """The book at ``path``, bound to the models (not yet connected)."""
    if key is not None:
        from rapport.store.cipher import CipherDatabase

        database: peewee.SqliteDatabase = CipherDatabase(
            str(path), key, pragmas=PRAGMAS, timeout=BUSY_TIMEOUT, lock_type="IMMEDIATE"
        )
    else:
        database = peewee.SqliteDatabase(
            str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT, lock_type="IMMEDIATE"
        )
    # Every connection (each thread has its own) gets the name folding of core/names.py.
    database.register_function(fold, FOLD_FUNCTION, 1, True)
    db.initialize(database)
    return database


def _create_book(path: Path) -> None:
    """A new book at ``path``, whole: its schema is made in a partial file, then linked.

    So a book file exists only complete: a first start that is killed or runs out of
    space leaves no empty ``rapport.db`` (which would read as a damaged book). When
    another program created the book meanwhile, theirs is kept and this one dropped.
    """
    from rapport.store import migrations

    with partial_beside(path) as partial:
        database = _connect(partial)
        try:
            with private_umask():
                database.connect()
                migrations.migrate(database, 0)
        except peewee.DatabaseError as exc:
            error = translate(exc, path)
            if error is None:
                raise
            raise error from exc
        finally:
            database.close()  # the last connection: its -wal is checkpointed and removed
        sync(partial)
        try:
            os.link(partial, path)  # never over a book another program just created
        except FileExistsError:
            return
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(partial, path)
        sync(path.parent)


def _open_url(url: str) -> peewee.Database:
    from playhouse.db_url import connect

    from rapport.store import migrations

    database = connect(url)
    db.initialize(database)
    database.connect(reuse_if_open=True)
    migrations.migrate(database, migrations.stored_version(database))
    return database


def _tighten_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists() and sidecar.stat().st_mode & 0o077:
            sidecar.chmod(0o600)


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


@contextmanager
def transaction() -> Iterator[None]:
    """One user action, one transaction; environment failures become StoreError.

    SQLite write transactions start IMMEDIATE (the database's lock_type) so that two
    processes writing at once queue on the busy timeout instead of failing.
    """
    try:
        with ExitStack() as stack:
            _begin(stack)
            yield
    except StoreError:
        raise
    except (peewee.DatabaseError, *driver_errors()) as exc:
        error = translate(exc, _book_path())
        if error is None:
            raise
        raise error from exc


def _begin(stack: ExitStack) -> None:
    """BEGIN (IMMEDIATE at the outermost level); once more after waiting out a long write.

    A writer that times out while another program's long write (an import) holds the
    book waits for it to end instead of failing (``store/long_write.py``).
    """
    try:
        stack.enter_context(db.atomic())
    except (peewee.OperationalError, sqlite3.OperationalError) as exc:
        book = _book_path()
        if not isinstance(translate(exc, book), DatabaseBusyError) or not long_write.wait_for(book):
            raise
        stack.enter_context(db.atomic())


@contextmanager
def long_transaction(what: str) -> Iterator[None]:
    """``transaction()`` for a write that may outlast the busy timeout (``what``: "the import").

    Other programs' writes wait for it, saying so, instead of failing.
    """
    with long_write.announced(_book_path(), what), transaction():
        yield


def _book_path() -> Path | None:
    """The open book's file, for telling a full disk from an I/O error."""
    if isinstance(db.obj, peewee.SqliteDatabase) and db.obj.database != ":memory:":
        return Path(db.obj.database)
    return None


def is_sqlite() -> bool:
    return isinstance(db.obj, peewee.SqliteDatabase)


def _non_ascii(column: peewee.Node) -> Any:
    """True where ``column`` has a character beyond ASCII (more bytes than characters)."""
    return peewee.fn.length(column) != peewee.fn.length(peewee.Cast(column, "BLOB"))


def folded(column: peewee.Node) -> Any:
    """``column`` case- and accent-folded like ``core.names.fold``, for sorting.

    On SQLite, ASCII text is only lower-cased (which is what ``fold`` does to it) and the
    Python function registered on every connection folds the rest, so sorting 5,000
    names costs a few calls into Python rather than 5,000. Elsewhere
    (``RAPPORT_DATABASE_URL``) it is plain ``lower()``, which leaves accents in place.
    """
    if not is_sqlite():
        return peewee.fn.LOWER(column)
    return peewee.Case(
        None, [(_non_ascii(column), peewee.fn.rapport_fold(column))], peewee.fn.LOWER(column)
    )


def _like(column: peewee.Node, word: str) -> Any:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return peewee.NodeList((column, peewee.SQL("LIKE"), f"%{escaped}%", peewee.SQL("ESCAPE '\\'")))


def contains(column: peewee.Node, word: str, *, fold_column: bool = False) -> Any:
    """``column`` contains ``word`` (a folded word), LIKE's wildcards taken literally.

    With ``fold_column`` the column is compared folded, as ``core.names.fold`` would
    write it. SQLite's LIKE already ignores the case of ASCII letters, so only text with
    other characters goes through the fold function.
    """
    if not fold_column:
        return _like(column, word)
    if not is_sqlite():
        return _like(peewee.fn.LOWER(column), word)
    return _like(column, word) | (_non_ascii(column) & _like(peewee.fn.rapport_fold(column), word))


class _RollBack(Exception):
    """Raised at the end of a ``rolled_back`` block to undo it."""


@contextmanager
def rolled_back() -> Iterator[None]:
    """A transaction that is always undone: for measuring writes without keeping them.

    Inside it, ``transaction()`` blocks become savepoints, so a service's writes run as
    they always do, and everything is rolled back at the end, error or not.
    """
    try:
        with db.atomic():
            yield
            raise _RollBack
    except _RollBack:
        pass
