"""Opening the book through its engine, and the transactions every write runs in.

What differs between databases (opening, pragmas, backups, checks) is the engine's
(``store/engine.py``); this module is the same for all of them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import peewee

from rapport.store import engine, engines, long_write
from rapport.store.errors import (
    DatabaseBusyError,
    ServerAwayError,
    StoreError,
    database_errors,
    raise_named,
    translate,
)
from rapport.store.models import Client, db
from rapport.store.sql import insert, like


def open_database(path: Path, *, backup_dir: Path | None = None) -> peewee.Database:
    """Open (creating if needed) and migrate the book at ``path``; bind the models.

    The engine (``store/engine.py``) is chosen for the book (``RAPPORT_DATABASE_URL``
    names a server instead) and becomes the current one services ask. A book this
    thread had open is closed first: its connection is not left for the garbage
    collector (psycopg warns of a connection dropped open; a server counts it as used).
    """
    close_database()
    book = engines.choose(path)
    database = book.open(backup_dir)
    engine.set_current(book)
    return database


def wait_for_server(path: Path, away: ServerAwayError) -> None:
    """The team book named, whose server is away (``open_database`` raised
    ``ServerAwayError``): its models bound unopened and its engine current, so that what
    is tried meanwhile says the server is away (a capture goes to the outbox) rather than
    that no book is open. ``open_database`` opens it once the server is back."""
    from rapport.store.engine_team import TeamEngine
    from rapport.store.postgres import bind_unopened

    close_database()
    book = engines.choose(path)
    if not isinstance(book, TeamEngine):
        raise StoreError("only a team book waits for its server")
    bind_unopened(book.url, away)
    engine.set_current(book)


@contextmanager
def book_beside(path: Path, key: bytes | None) -> Iterator[peewee.Database]:
    """The book in the file at ``path`` (encrypted with ``key``, else plain), read beside
    the book that is open: not bound to the models (a query names it, as in
    ``query.iterator(database)``), in one read transaction (one consistent view), and
    only at this Rapport's schema (opening it would migrate an older one: nothing here
    writes to it)."""
    from rapport.core.names import fold
    from rapport.store import migrations
    from rapport.store.engine_sqlite import BUSY_TIMEOUT, FOLD_FUNCTION, SqliteEngine

    database: peewee.SqliteDatabase
    if key is None:
        version = SqliteEngine(path).check_header()
        database = peewee.SqliteDatabase(str(path), timeout=BUSY_TIMEOUT)
    else:
        from rapport.store.cipher import CipherDatabase
        from rapport.store.engine_cipher import CipherEngine

        version = CipherEngine(path, key).check_header()
        database = CipherDatabase(str(path), key, timeout=BUSY_TIMEOUT)
    if version != migrations.SCHEMA_VERSION:
        raise StoreError(
            f"the book at {path.parent} was last opened by another Rapport (schema "
            f"{version}, this one reads {migrations.SCHEMA_VERSION}): open it once with "
            "this Rapport (rapport --data-dir FOLDER check), then copy it"
        )
    database.register_function(fold, FOLD_FUNCTION, 1, True)
    try:
        database.connect()
        with database.atomic():
            yield database
    except peewee.DatabaseError as exc:
        raise_named(exc, path)
    finally:
        database.close()


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


# Called (on the writing thread) after each outermost ``transaction()`` commits: the
# window's phone publishing waits for a quiet moment after saves (ui/phone_publisher.py).
_commit_listeners: list[Callable[[], None]] = []


def on_commit(listener: Callable[[], None]) -> None:
    if listener not in _commit_listeners:
        _commit_listeners.append(listener)


def off_commit(listener: Callable[[], None]) -> None:
    if listener in _commit_listeners:
        _commit_listeners.remove(listener)


def _committed() -> None:
    if db.in_transaction():
        return  # a nested transaction: the outer one commits
    for listener in list(_commit_listeners):
        listener()


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
        _committed()
    except StoreError:
        raise
    except database_errors() as exc:
        raise_named(exc, _book_path())


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
    current = engine.current_or_none()
    return current.path if current is not None else None


def make_private() -> None:
    """The rows written from here to the end of the transaction are their author's only.

    On a team book the server hides them from the other members (``store/postgres.py``);
    a book in a file is its owner's alone already.
    """
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        from rapport.store.postgres import make_private as on_the_server  # a team book's

        on_the_server()


def authors(model: type[peewee.Model], ids: list[int]) -> dict[int, str]:
    """{row id: its author} on a team book; {} for a book in a file (one author)."""
    if not isinstance(db.obj, peewee.PostgresqlDatabase):
        return {}
    from rapport.store.postgres import authors as on_the_server  # a team book's

    return on_the_server(model._meta.table_name, ids)


def has_authors() -> bool:
    """Rows record their author (a team book); a book in a file has one author."""
    return isinstance(db.obj, peewee.PostgresqlDatabase)


def authors_query(model: type[peewee.Model], ids: Any) -> Any:
    """On a team book (``has_authors``), the (id, author) rows of ``model`` whose id the
    subquery ``ids`` selects: ``authors`` as a query to read together with others."""
    key: Any = model._meta.primary_key
    author = peewee.SQL('"author"')  # the server's column, not the model's
    return model.select(key, author).where(key.in_(ids)).tuples()


def row_version(model: type[peewee.Model], row_id: int) -> tuple[int, str] | None:
    """On a team book, (version, the role that made it) of a client or task, the row
    held against other members' saves until the transaction ends (None when not seen).
    None for a book in a file: it has one writer, who always saves over what they read."""
    if not isinstance(db.obj, peewee.PostgresqlDatabase):
        return None
    from rapport.store.postgres import row_version as on_the_server  # a team book's

    return on_the_server(model._meta.table_name, row_id)


def is_unique_name(exc: BaseException) -> bool:
    """``exc`` is a team book refusing a second shared client of the same (folded) name."""
    if not isinstance(exc, peewee.IntegrityError) or not isinstance(
        db.obj, peewee.PostgresqlDatabase
    ):
        return False
    from rapport.store.postgres import SHARED_NAME_INDEX  # a team book's only

    return SHARED_NAME_INDEX in str(exc)


def insert_client(values: dict[str, Any]) -> dict[str, Any] | None:
    """A new client row (``sql.insert``'s data); None when a team book has a shared client
    of that folded name already, another member's saved a moment ago included (they wait
    for each other on the unique key): the caller takes that one instead. In a file the
    row is simply inserted, as it always was."""
    if not isinstance(db.obj, peewee.PostgresqlDatabase):
        return insert(Client, values)
    try:
        with db.atomic():  # a savepoint: the refusal leaves the save's transaction usable
            return insert(Client, values)
    except peewee.IntegrityError as exc:
        if not is_unique_name(exc):
            raise
        return None


def folded(column: peewee.Node) -> Any:
    """``column`` case- and accent-folded like ``core.names.fold``, for sorting (as far
    as the engine can: a server's ``lower()`` leaves accents in place)."""
    return engine.current().folded(column)


def contains(column: peewee.Node, word: str, *, fold_column: bool = False) -> Any:
    """``column`` contains ``word`` (a folded word), LIKE's wildcards taken literally.

    With ``fold_column`` the column is compared folded, as ``core.names.fold`` would
    write it.
    """
    if not fold_column:
        return like(column, word)
    return engine.current().folded_contains(column, word)


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
