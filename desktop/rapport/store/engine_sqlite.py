"""A book in an SQLite file: the engine every local book uses (``store/engine.py``).

Opening: checks first, then pragmas, then migrations. The order matters. A file that is
not a database, or one written by a newer Rapport, is refused before anything writes to
it (switching to WAL would already change its header), so the user's data stays
byte-identical. New files are created 0600 so that SQLite's -wal and -shm files inherit
private permissions.

An engine for another kind of file (an encrypted book) subclasses ``SqliteEngine`` and
changes what differs: ``connect`` (the driver, a key pragma) and ``check_header``.

peewee and the store's other modules are imported by the methods that use them, never at
the top: ``check_header`` runs before the window's first paint, and loading the database
layer there would cost the paint its time (services/book.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapport.store.errors import NotADatabaseError, raise_named
from rapport.store.files import partial_beside, remove_stale_partials, sync
from rapport.store.readonly import checked_version, known_clients, text_setting

if TYPE_CHECKING:
    import peewee

    from rapport.store.engine import SearchIndex

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -64000,
    "synchronous": "normal",
}
# The SQL name of core.names.fold on SQLite connections (see ``folded``).
FOLD_FUNCTION = "rapport_fold"
# Seconds a writer waits for another process (the window and the CLI share the file).
BUSY_TIMEOUT: float = 15


class SqliteEngine:
    """The book is the SQLite file at ``path`` (WAL, FTS5 search, online backups)."""

    name = "sqlite"
    full_text = True
    own_rows = ""  # one user's file
    reads_in_one_trip = False  # no round trip: each statement is the cost
    file_backups = True
    stages_imports = True

    def __init__(self, path: Path) -> None:
        self.path: Path | None = path

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.path})"

    @property
    def file(self) -> Path:
        assert self.path is not None
        return self.path

    # -- opening ------------------------------------------------------------------------
    def check_header(self) -> int | None:
        return checked_version(self.file)

    def clients_before_opening(self) -> list[tuple[int, str, str, str | None]] | None:
        return known_clients(self.file)

    def setting_before_opening(self, key: str) -> str | None:
        return text_setting(self.file, key)

    def connect(self, path: Path) -> peewee.SqliteDatabase:
        """The database at ``path`` with its pragmas and functions, bound to the models
        (not yet connected)."""
        import peewee

        from rapport.core.names import fold
        from rapport.store.models import db

        database = peewee.SqliteDatabase(
            str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT, lock_type="IMMEDIATE"
        )
        # Every connection (each thread has its own) gets the name folding of core/names.py.
        database.register_function(fold, FOLD_FUNCTION, 1, True)
        db.initialize(database)
        return database

    def open(self, backup_dir: Path | None) -> peewee.Database:
        import peewee

        from rapport.paths import ensure_private_dir, private_umask
        from rapport.store import migrations

        path = self.file
        ensure_private_dir(path.parent)
        version = self.check_header()  # a newer or damaged file is refused before any write
        for folder in (path.parent, backup_dir):
            if folder is not None:
                remove_stale_partials(folder)
        if version == 0:
            self._create_book(path)
            version = migrations.SCHEMA_VERSION
        database = self.connect(path)
        try:
            with private_umask():
                database.connect(reuse_if_open=True)
                if version and version < migrations.SCHEMA_VERSION and backup_dir is not None:
                    from rapport.store.backup import backup_before_migration

                    backup_before_migration(database, backup_dir, version)
                migrations.migrate(database, version or 0)
        except peewee.DatabaseError as exc:
            database.close()
            raise_named(exc, path)
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

    def _create_book(self, path: Path) -> None:
        """A new book at ``path``, whole: its schema is made in a partial file, then linked.

        So a book file exists only complete: a first start that is killed or runs out of
        space leaves no empty ``rapport.db`` (which would read as a damaged book). When
        another program created the book meanwhile, theirs is kept and this one dropped.
        """
        import peewee

        from rapport.paths import private_umask
        from rapport.store import migrations

        with partial_beside(path) as partial:
            database = self.connect(partial)
            try:
                with private_umask():
                    database.connect()
                    migrations.migrate(database, 0)
            except peewee.DatabaseError as exc:
                raise_named(exc, path)
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

    # -- backups and checks -------------------------------------------------------------
    def backup_to(self, target: Path) -> Path:
        from rapport.store.backup import backup_to
        from rapport.store.models import db

        return backup_to(db.obj, target)

    def restore_from(self, source: Path, progress: Callable[[int, int], None] | None) -> None:
        from rapport.store.backup import restore_into
        from rapport.store.models import db

        restore_into(source, db.obj, progress)

    def check_backup(self, path: Path) -> int:
        from rapport.store import migrations
        from rapport.store.backup import SEARCH_TABLE, check_file
        from rapport.store.models import MODELS

        tables = {model._meta.table_name for model in MODELS} | {SEARCH_TABLE}
        return check_file(path, migrations.SCHEMA_VERSION, tables)

    def restore_to_file(self, source: Path, before_swap: Callable[[], None]) -> None:
        from rapport.store.backup import restore_to_file

        restore_to_file(source, self.file, before_swap)

    def highest_ids(self, models: Sequence[type[peewee.Model]]) -> list[int]:
        from rapport.store import sql  # the database layer: loaded once a book is open

        return sql.highest_ids(models)

    def read_together(self, reads: Sequence[tuple[str, list[Any]]]) -> list[list[tuple[Any, ...]]]:
        from rapport.store import sql

        return sql.read_one_by_one(reads)  # nothing to gain from sending them together

    def reserve_ids(self, tables: Sequence[tuple[str, int]]) -> tuple[str, list[Any]] | None:
        return None  # an INSERT's id comes back without a round trip of its own

    def quick_check(self) -> list[str]:
        from rapport.store.backup import quick_check
        from rapport.store.models import db

        return quick_check(db)

    def integrity_problems(self, limit: int) -> list[str]:
        from rapport.store import sql
        from rapport.store.backup import undecodable_text
        from rapport.store.models import db

        rows = sql.integrity_check(db, limit)
        if rows != ["ok"]:
            return rows
        return undecodable_text(db.connection())

    def schema_problems(self) -> list[str]:
        from rapport.store import schema
        from rapport.store.models import db

        return schema.differences(schema.read_shape(db.connection()))

    def foreign_key_problems(self) -> list[str]:
        from rapport.store import sql
        from rapport.store.models import db

        return [
            f"{table} {rowid} points at a missing {parent}"
            for table, rowid, parent in sql.foreign_key_check(db)
        ]

    def change_counter(self) -> int:
        from rapport.store import sql
        from rapport.store.models import db

        return sql.data_version(db)

    def snapshot(self) -> AbstractContextManager[Any]:
        from rapport.store.models import db

        # DEFERRED: a reader takes no write lock, so writers go on meanwhile.
        return db.atomic("DEFERRED")

    # -- SQL that differs ---------------------------------------------------------------
    def search_index(self) -> SearchIndex | None:
        """FTS5 (``store/search.py``); None for an engine without it (``full_text``)."""
        if not self.full_text:
            return None
        from rapport.store.search import FTS5  # with the database layer

        return FTS5

    def folded(self, column: peewee.Node) -> Any:
        """On SQLite, ASCII text is only lower-cased (which is what ``fold`` does to it)
        and the Python function registered on every connection folds the rest, so
        sorting 5,000 names costs a few calls into Python rather than 5,000."""
        import peewee

        return peewee.Case(
            None,
            [(_non_ascii(column), peewee.fn.rapport_fold(column))],
            peewee.fn.LOWER(column),
        )

    def folded_contains(self, column: peewee.Node, word: str) -> Any:
        """SQLite's LIKE already ignores the case of ASCII letters, so only text with
        other characters goes through the fold function."""
        import peewee

        from rapport.store.sql import like

        return like(column, word) | (
            _non_ascii(column) & like(peewee.fn.rapport_fold(column), word)
        )

    def month_day(self, column: peewee.Node) -> Any | None:
        import peewee

        return peewee.fn.SUBSTR(column, 6, 5)  # dates are 'YYYY-MM-DD' text

    def date_parsers(
        self,
    ) -> tuple[Callable[[Any], date | None], Callable[[Any], datetime | None]]:
        # ISO text, which the C-level ``fromisoformat`` parses directly (3x faster than a
        # generic converter on thousands of rows).
        return date.fromisoformat, datetime.fromisoformat


def _non_ascii(column: peewee.Node) -> Any:
    """True where ``column`` has a character beyond ASCII (more bytes than characters)."""
    import peewee

    return peewee.fn.length(column) != peewee.fn.length(peewee.Cast(column, "BLOB"))


def _tighten_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists() and sidecar.stat().st_mode & 0o077:
            sidecar.chmod(0o600)
