"""The engine seam: everything that differs between the databases a book can live in.

A book is reached through peewee's models (``store/models.py``) whatever holds it. What
cannot be said the same way to every database sits behind ``Engine``: opening (the
connection, its pragmas or key, creating and migrating the book), reading the book's
version before anything is written (the window does it before its first paint), the
schema version's home, online backups and restores, the integrity checks, the change
counter the window polls, and the few SQL expressions that differ (folding names,
dates as month-day), and the book's full-text search (``search_index``: SQLite's FTS5 in
``store/search.py``, PostgreSQL's tsvector and pg_trgm in ``store/search_pg.py``).
Services ask the current engine (``current()``) what it can do (``full_text``,
``file_backups``, ``stages_imports``) and never which database it is.

Engines: ``SqliteEngine`` (a book in a file, ``store/engine_sqlite.py``) and
``ServerEngine`` (``RAPPORT_DATABASE_URL``, ``store/engine_server.py``). Another engine
(an encrypted file, a PostgreSQL team book) implements this Protocol and is chosen by a
chooser given to ``store.engines.register``; ``store.engines.choose`` asks the choosers,
newest first, then falls back to the two above. ``store/db.py`` makes the chosen engine
the current one when a book opens. Tests get the engine of their open book with
``current()`` and may put one of their own in place with ``use``.

This module imports no engine (the store's modules ask it for the current one) and,
like the engines' modules, loads no peewee: choosing an engine and ``check_header`` run
before the window's first paint and before the hotkey's dry run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rapport.store.errors import StoreError

if TYPE_CHECKING:
    import peewee

    from rapport.store.search_text import Hit

# A search document: (kind, row id, client id or None, title, body).
SearchRow = tuple[str, int, int | None, str, str]


class SearchIndex(Protocol):
    """A book's full-text search: documents kept in step with the rows they stand for
    (inside the write's transaction), and queries read by the same rules on every engine
    (``store/search.py``'s docstring): user text is never syntax, prefixes while typing,
    words spread over one client's documents, a typo replaced by the closest word."""

    def index(self, doc: SearchRow) -> None:
        """Add or replace the document of one row."""
        ...

    def index_many(self, docs: Iterable[SearchRow]) -> int:
        """Add or replace many documents at once (sample data, imports); how many."""
        ...

    def unindex(self, kind: str, ref_ids: Iterable[int]) -> None:
        """Remove the documents of these rows of one kind."""
        ...

    def clear(self) -> None:
        """Remove every document (before a rebuild)."""
        ...

    def indexed_rowids(self) -> set[int]:
        """Every document's key (kind in the high bits, row id in the low 40)."""
        ...

    def indexed_titles(self) -> dict[int, str]:
        """{key: title} of every document the user can see (``rapport check``)."""
        ...

    def search(self, text: str, limit: int, per_kind: int | None) -> list[Hit]:
        """Documents matching the user's ``text``, best first; never raises on odd input."""
        ...

    def optimize(self) -> None:
        """Tidy the index after a rebuild (where the engine has something to tidy)."""
        ...

    def words_differing(self) -> int:
        """How many of the counts of the book's words the user sees differ from the
        documents (``rapport check``), where the engine keeps such counts; else 0."""
        ...

    def warm(self) -> None:
        """Make this thread's connection ready to search, where the engine has something to
        make ready (a server's plans and caches, made at a connection's first searches)."""
        ...


class Engine(Protocol):
    """What a database must do for Rapport beyond what peewee's models do everywhere."""

    # A short name for messages and logs: "sqlite", "server", ...
    name: str
    # The book's file, or None for a book on a server (full disk vs I/O error, backups).
    path: Path | None
    # The search index is SQLite's FTS5 (store/search.py); else search reads with LIKE.
    full_text: bool
    # The book is a file: backups, restores and the quick check before a backup apply.
    file_backups: bool
    # An import may fill TEMP tables of its connection first (services/import_write.py).
    stages_imports: bool
    # SQL true of the rows the current transaction inserted, where others insert into the
    # same tables while it runs ("" where a write transaction keeps every other writer
    # out: SQLite's IMMEDIATE lock): what a save made is above its marks AND this, so a
    # row numbered and committed meanwhile (a colleague's, the same user's other window's)
    # is not the save's.
    own_rows: str
    # Reads sent together are answered in one round trip (``read_together``), which costs
    # more than the statements in it: a write's reads may go in one batch even where a
    # file would run fewer statements one by one (the undo recorder's rows after a save).
    reads_in_one_trip: bool

    def check_header(self) -> int | None:
        """The book's schema version read without writing (0: no book yet), before the
        database layer loads; None when only opening can tell. Raises NotADatabaseError
        (damaged, not a book) and NewerDatabaseError (a newer Rapport's) as opening would."""
        ...

    def clients_before_opening(self) -> list[tuple[int, str, str, str | None]] | None:
        """(id, name, company, last contact as stored) of every active client, by id, read
        without loading the database layer (the hotkey's dry run); None when the book
        cannot be read that way (then it is opened as usual)."""
        ...

    def setting_before_opening(self, key: str) -> str | None:
        """A text setting of the book read the same light way (the dry run's date order);
        None when unset or not readable so (the caller falls back as with no book)."""
        ...

    def open(self, backup_dir: Path | None) -> peewee.Database:
        """Open, create if needed and migrate the book; bind the models to it.

        A backup goes to ``backup_dir`` before a migration changes the book."""
        ...

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the open book written to ``target`` (0600), online."""
        ...

    def restore_from(self, source: Path, progress: Callable[[int, int], None] | None) -> None:
        """Replace the open book's content with the backup ``source``, online."""
        ...

    def check_backup(self, path: Path) -> int:
        """The schema version of the backup file at ``path`` if this engine can restore it;
        InvalidBackupError (store/backup.py) says why not. The book need not be open."""
        ...

    def restore_to_file(self, source: Path, before_swap: Callable[[], None]) -> None:
        """Put a copy of the backup ``source`` in place of the book, which cannot be
        opened, in one step; ``before_swap()`` runs just before the book is replaced."""
        ...

    def quick_check(self) -> list[str]:
        """The fast structural check before a backup: [] when healthy."""
        ...

    def highest_ids(self, models: Sequence[type[peewee.Model]]) -> list[int]:
        """The highest id in use in each table, in order, for rows Rapport numbers itself
        (imports). Call inside the write's transaction: the tables take no other writer's
        new rows until it ends (rows this member cannot see count too)."""
        ...

    def read_together(self, reads: Sequence[tuple[str, list[Any]]]) -> list[list[tuple[Any, ...]]]:
        """The rows of each read (a SELECT with ``?`` parameters), in order, sent so that
        the database answers them all in as few round trips as it can (``sql.read_together``)."""
        ...

    def reserve_ids(self, tables: Sequence[tuple[str, int]]) -> tuple[str, list[Any]] | None:
        """A read (one row: a list of new ids for each (table, count), in order) that takes
        ids from the database's own numbering in one statement, for rows a write will
        insert with them (``sql.keep_reserved_ids``); None where an INSERT gives its id
        back at no cost (a file: no round trip to save)."""
        ...

    def integrity_problems(self, limit: int) -> list[str]:
        """The full structural check (up to ``limit`` problems), text that does not read
        back included: [] when healthy."""
        ...

    def schema_problems(self) -> list[str]:
        """Where the book's schema differs from the one the migrations make."""
        ...

    def foreign_key_problems(self) -> list[str]:
        """Rows pointing at a row that is not there, in words."""
        ...

    def change_counter(self) -> int:
        """A number that changes when another connection commits (not this one)."""
        ...

    def snapshot(self) -> AbstractContextManager[Any]:
        """A read transaction: one consistent view, without blocking writers."""
        ...

    def search_index(self) -> SearchIndex | None:
        """The book's full-text search, or None: search then reads the tables with LIKE
        (``store/search_text.like_search``)."""
        ...

    def folded(self, column: peewee.Node) -> Any:
        """``column`` folded as ``core.names.fold`` writes it, as far as the engine can."""
        ...

    def folded_contains(self, column: peewee.Node, word: str) -> Any:
        """``column``, folded, contains the folded ``word`` (LIKE wildcards literal)."""
        ...

    def month_day(self, column: peewee.Node) -> Any | None:
        """A date column as 'MM-DD' text in SQL, or None where the engine has no cheap way."""
        ...

    def date_parsers(
        self,
    ) -> tuple[Callable[[Any], date | None], Callable[[Any], datetime | None]]:
        """(day, moment) converters for the driver's non-None date values, fastest first."""
        ...


_current: Engine | None = None


def current() -> Engine:
    """The engine of the open book."""
    if _current is None:
        raise StoreError("no book is open")
    return _current


def current_or_none() -> Engine | None:
    return _current


def set_current(engine: Engine | None) -> None:
    """Make ``engine`` the one services use (``store/db.py`` does it when a book opens)."""
    global _current
    _current = engine


@contextmanager
def use(engine: Engine) -> Iterator[Engine]:
    """``engine`` is the current one inside the block (tests), the previous one after."""
    previous = _current
    set_current(engine)
    try:
        yield engine
    finally:
        set_current(previous)
