"""A team book on PostgreSQL: the connection, the team's schema and its privacy rules.

A team shares one database on a server it already has (``RAPPORT_DATABASE_URL`` or
``--database-url``: ``postgresql://ROLE@HOST:PORT/DB``). The URL goes to libpq as it is,
so passwords, TLS and service files follow libpq's conventions (``~/.pgpass``,
``PGPASSFILE``, ``PGSSLMODE``, ``PGSERVICE``); Rapport never stores a password.

The book's tables are the models' (``store/models.py``), made and climbed by the same
migration ladder as a book in a file (``store/migrations.py``). ``setup`` (``rapport team
setup``, run by the database's owner) adds what a team needs on top, idempotently:

- ``author`` and ``private`` on every table of the book. The server fills them: the
  author is the connected role (``current_user``), which no member can change later (a
  trigger keeps it), and a row is private when the transaction that wrote it asked so
  (``private_transaction``: everything a capture saves inside it).
- Row-level security: a member sees and changes the shared rows and their own private
  ones; another member's private rows do not exist for them, whatever they connect
  with (the app, psql, a spreadsheet). Drafts are only ever their author's.
- A group role (``<database>_team``) holding the members' rights; ``add_member`` lets a
  login role in. The owner administers the book and is not a member: an owner sees
  every row, so a team's people use roles of their own.
- Search documents (``search_doc``) with a ``tsvector`` under a GIN index (the
  ``simple`` configuration, so names are not stemmed, and ``english`` for the text), and
  the book's words (``search_word``: how many documents hold each, kept by the documents'
  triggers, each member's private words apart) with a ``pg_trgm`` index for typos
  (``store/search_pg.py``); a document is private when its row is, which a trigger reads
  from the row itself.

Migrations run under an advisory lock, so two windows starting at once cannot both
climb the ladder. A book written by a newer Rapport is refused as a file would be.

psycopg is imported here and nowhere else: peewee is kept from importing it for books in
a file (``rapport/__init__.py``), and this module hands it to peewee itself.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import peewee
import psycopg
from psycopg import sql
from psycopg.pq import TransactionStatus
from psycopg.types.json import Json, Jsonb

from rapport.store.errors import NewerDatabaseError, ServerAwayError, StoreError
from rapport.store.models import BOOK_MODELS, Draft, Setting, db

# pg_advisory_lock's key for "migrating this book" (any fixed 64-bit number).
MIGRATION_LOCK = 0x5261_7070_6F72_7400  # "Rapport\0"
# The transaction setting that makes the rows written in it private.
PRIVATE_SETTING = "rapport.private"
_PRIVATE_DEFAULT = (
    f"coalesce(nullif(current_setting('{PRIVATE_SETTING}', true), ''), 'off')::boolean"
)
SEARCH_TABLE = "search_doc"
WORDS_TABLE = "search_word"  # the documents' words and how many hold each (below)
# What the server says on this channel when a member commits a change to the book.
CHANGED_CHANNEL = "rapport_changed"
# The server processes of this program's own connections: their changes are not news.
_own_backends: set[int] = set()


class TeamSetupError(StoreError):
    """The team book cannot be used or set up as asked (said in one line)."""


class _Psycopg(peewee.Psycopg3Adapter):
    """peewee's psycopg 3 adapter, given the driver this module imported."""

    txn_idle = TransactionStatus.IDLE
    txn_inerror = TransactionStatus.INERROR
    txn_unknown = TransactionStatus.UNKNOWN

    def __init__(self) -> None:
        super().__init__()
        self.json_type = Json
        self.jsonb_type = Jsonb

    def check_driver(self) -> None:
        return None

    def get_binary_type(self) -> Any:
        return psycopg.Binary

    def connect(self, db: Any, **params: Any) -> Any:
        # The URL goes to libpq whole: its own rules find the password and TLS settings.
        params.setdefault("conninfo", db.database)
        params.update(_timeouts(db.database, CONNECT_TIMEOUT))
        try:
            conn = psycopg.connect(**params)
        except psycopg.OperationalError as exc:
            raise cannot_reach(db.database, exc, connecting=True) from exc
        _own_backends.add(conn.info.backend_pid)
        return conn

    def server_side_cursor(self, conn: Any) -> Any:
        in_transaction = conn.pgconn.transaction_status == TransactionStatus.INTRANS
        return conn.cursor(name=str(uuid.uuid1()), withhold=not in_transaction)


class TeamDatabase(peewee.PostgresqlDatabase):
    """A book on PostgreSQL, reached with psycopg 3.

    When the server goes away (stopped, restarted, the network down) the connection it
    held is dead: every statement then raises ``ServerAwayError`` naming the server, and
    the first statement after the transaction ended connects again, so that a window
    left open carries on by itself once the server is back.
    """

    psycopg2_adapter = _Psycopg
    psycopg3_adapter = _Psycopg

    @property
    def _thread(self) -> Any:
        """peewee's per-thread connection state (its stubs leave ``_state`` out)."""
        return self._state  # type: ignore[attr-defined]

    def _lost(self) -> bool:
        """This thread's connection was cut off by the server (psycopg closes it then)."""
        state = self._thread
        return not state.closed and state.conn is not None and bool(state.conn.closed)

    def _renew_if_lost(self) -> None:
        if self._lost():
            if self.in_transaction():
                raise cannot_reach(self.database, None)
            self._thread.later = []  # they went with the transaction
            self._forget_ids()
            self._thread.reset()  # the next statement connects again

    def connection(self) -> Any:
        self._renew_if_lost()
        return super().connection()

    def cursor(self, named_cursor: Any = None) -> Any:
        self._renew_if_lost()
        if not getattr(self._thread, "in_statement", False):
            self._thread.schema_touched = True  # statements of its own: of any kind
        later = self._take_later()
        if later:  # a cursor taken for statements of its own: the writes go first
            self._with_later(later, None)
        return super().cursor(named_cursor)

    # -- writes whose answer nobody reads ----------------------------------------------------
    def write_later(self, sql: str, params: Sequence[Any]) -> None:
        """Run a write whose answer nobody reads (a search document that a save indexes)
        in the same round trip as the transaction's next statement, in psycopg's pipeline,
        instead of in a round trip of its own; outside a transaction, at once.

        Nothing is reordered: every statement of this thread goes after the writes kept
        (``_execute_cursor``, ``cursor``, ``read_together``), COMMIT included; a ROLLBACK
        forgets them with the transaction. A write that fails fails the statement it went
        with, inside the same transaction, which is then rolled back whole.
        """
        if not self.in_transaction():
            self.execute_sql(sql, params)
            return
        later = getattr(self._thread, "later", None)
        if later is None:
            later = self._thread.later = []
        later.append(_psycopg_style(sql, params))

    # -- ids taken ahead for the transaction's INSERTs -----------------------------------------
    def keep_ids(self, ids: dict[str, list[int]]) -> None:
        """New ids of each table (``reserve_ids_read``'s), for this transaction's INSERTs
        (``reserved_id``): an INSERT given its id needs no answer, so it goes with the
        next statement (``write_later``) instead of in a round trip of its own. Forgotten
        when the transaction ends: taken after the save's undo read its marks, they are
        above them, which an id kept for a later transaction need not be."""
        if not self.in_transaction():
            return
        kept = getattr(self._thread, "ids", None)
        if kept is None:
            kept = self._thread.ids = {}
        for table, new in ids.items():
            kept.setdefault(table, []).extend(new)

    def reserved_id(self, table: str) -> int | None:
        """The next id kept for ``table`` in this transaction, or None (none left)."""
        kept = getattr(self._thread, "ids", None)
        if not kept or not kept.get(table) or not self.in_transaction():
            return None
        return int(kept[table].pop(0))

    def _forget_ids(self) -> None:
        self._thread.ids = None

    def _take_later(self) -> list[tuple[str, Any]]:
        later: list[tuple[str, Any]] = getattr(self._thread, "later", None) or []
        if later:
            self._thread.later = []
        return later

    def _with_later(self, later: list[tuple[str, Any]], then: Any) -> Any:
        """``later``'s writes, then ``then()`` (a statement of peewee's, or None), all
        sent before the first answer is awaited; what ``then`` returns."""
        return self._batch(later, lambda conn: then() if then is not None else None)

    def _batch(
        self,
        later: list[tuple[str, Any]],
        then: Callable[[Any], Any],
        *,
        again: bool = True,
        reads_only: bool = False,
    ) -> Any:
        """``later``'s statements, then ``then(connection)``, in one pipeline. When they
        open the transaction (its BEGIN waited for them, ``begin``) nothing of it has
        reached the server yet: on a connection the server cut since its last use (a
        restart) they are sent once more on a new one, as a BEGIN sent alone was (not a
        COMMIT: ``again`` False); so are reads outside a transaction (``reads_only``)."""
        opens = reads_only or (again and bool(later) and later[0][0].startswith("BEGIN"))
        for last in (not opens, True):
            conn = self.connection()
            try:
                # psycopg errors as peewee names them (its stubs leave the wrapper out)
                with peewee.__exception_wrapper__, conn.pipeline():  # type: ignore[attr-defined]
                    for text, params in later:
                        conn.cursor().execute(text, params)
                    return then(conn)
            except (peewee.OperationalError, peewee.InterfaceError) as exc:
                if not self._lost():
                    raise
                if last:
                    raise cannot_reach(self.database, exc) from exc
                self._connect_again()
        raise AssertionError("unreachable")  # the loop returns or raises

    def _connect_again(self) -> None:
        """A new connection in place of the one the server cut, keeping peewee's record
        of the transaction being opened (nothing of it was sent)."""
        state = self._thread
        kept = state.transactions, state.ctx, state.commit_callbacks
        cut = state.conn
        state.reset()
        try:
            self.connect()
        except BaseException:  # away still: the cut one stays, as if not tried again
            state.conn, state.closed = cut, False
            raise
        finally:
            state.transactions, state.ctx, state.commit_callbacks = kept

    def _execute_cursor(self, sql: str, params: Any, **options: Any) -> Any:
        """peewee's one statement, with the writes kept for it (``write_later``)."""
        self._thread.in_statement = True  # its text was seen by ``execute_sql``
        try:
            return self._execute_later_first(sql, params, **options)
        finally:
            self._thread.in_statement = False

    def _execute_later_first(self, sql: str, params: Any, **options: Any) -> Any:
        later = self._take_later()
        if not later or options.get("named_cursor"):  # a server-side cursor: not in a pipeline
            if later:
                self._with_later(later, None)
            return super()._execute_cursor(sql, params, **options)  # type: ignore[misc]
        execute = super()._execute_cursor  # type: ignore[misc]
        return self._with_later(later, lambda: execute(sql, params, **options))

    def _sent_nothing(self, later: list[tuple[str, Any]]) -> bool:
        """The transaction's BEGIN is still waiting, with savepoints only: the server has
        not heard of it."""
        return (
            bool(later)
            and later[0][0].startswith("BEGIN")
            and all(text.startswith(self._SAVEPOINT_WRITES) for text, _ in later[1:])
        )

    def rollback(self) -> None:
        self._forget_ids()
        later = self._take_later()  # undone with the transaction
        schema = self._schema_touched()
        if self._sent_nothing(later):
            return
        # else the server dropped the transaction with the connection
        if not self._lost() and (schema or not self._rollback_keeping_statements()):
            super().rollback()

    # -- statements prepared once a connection, kept across a ROLLBACK ------------------------
    # Statements that cannot change what a prepared statement names (the rest, CREATE
    # above all, make a ROLLBACK forget the connection's prepared statements, as psycopg's).
    _KEEPS_SCHEMA = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "SAVEPOINT", "RELEASE")

    def _note_statement(self, sql: str) -> None:
        """Remember that this transaction ran a statement that may change the schema."""
        if not sql.lstrip()[:9].upper().startswith(self._KEEPS_SCHEMA):
            self._thread.schema_touched = True

    def _schema_touched(self) -> bool:
        touched = bool(getattr(self._thread, "schema_touched", False))
        self._thread.schema_touched = False
        return touched

    def _rollback_keeping_statements(self) -> bool:
        """ROLLBACK, keeping the statements psycopg prepared on the connection; False when
        it could not (then psycopg's own rollback is the one to use).

        psycopg's ``rollback()`` forgets every statement it prepared (and sends DEALLOCATE
        ALL), in case the transaction created what one names: then each statement is
        parsed and planned again at every call until it has run five times more. A save
        rolled back (the bench's, a refused one) lost them all, and the next saves paid
        the server's planning again, their slowest part (issue 20). A transaction of this
        program's that ran only reads, writes and savepoints created nothing: its ROLLBACK
        is sent by libpq alone, and the prepared statements stay valid."""
        conn = self._thread.conn
        if conn is None or conn.closed or conn.pgconn.transaction_status == TransactionStatus.IDLE:
            return False
        try:
            result = conn.pgconn.exec_(b"ROLLBACK")
        except psycopg.Error:  # the connection is gone: psycopg's rollback says so
            return False
        return bool(result.status == psycopg.pq.ExecStatus.COMMAND_OK)

    def begin(self, isolation_level: Any = None) -> None:
        """BEGIN, sent with the transaction's first statement (``write_later``'s pipeline)
        instead of in a round trip of its own; a transaction that sends nothing sends no
        BEGIN. Connecting happens now, so that a server away is said where it was."""
        if isolation_level is None:  # peewee's own (its stubs leave these out)
            isolation_level = self._isolation_level  # type: ignore[attr-defined]
        statement = "BEGIN"
        if isolation_level:
            level = self._adapter.isolation_level_str(isolation_level)  # type: ignore[attr-defined]
            statement = f"BEGIN TRANSACTION ISOLATION LEVEL {level}"
        later = self._take_later()  # none outside a transaction: kept in order all the same
        self._forget_ids()
        self._schema_touched()  # a new transaction: nothing of it ran yet
        self.connection()
        self._thread.later = [(statement, None), *later]

    # Statements of peewee's savepoints whose answer nobody reads: they go with the next
    # statement too (a ROLLBACK TO, after an error, is sent at once).
    _SAVEPOINT_WRITES = ("SAVEPOINT ", "RELEASE SAVEPOINT ")

    def commit(self) -> None:
        self._forget_ids()
        self._schema_touched()
        later = self._take_later()
        if self._sent_nothing(later):
            return  # nor is there anything to commit
        try:
            if later and later[0][0].startswith("BEGIN"):
                # Nothing else of the transaction went before: its statements alone (sent
                # again on a new connection if the old one was cut), then the COMMIT, never
                # sent twice (a COMMIT cut off may have been kept).
                self._batch(later, lambda conn: None)
                super().commit()
            elif later:  # the writes kept and the COMMIT: one round trip
                self._batch(later, lambda conn: super(TeamDatabase, self).commit(), again=False)
            else:
                super().commit()
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            if self._lost():  # cut off at the commit: kept or not, the server knows
                raise cannot_reach(self.database, exc) from exc
            raise

    def execute_sql(self, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        """Run ``sql``; a statement written for SQLite's ``?`` parameters is adapted.

        The store's hand-written statements (``store/prepared.py``'s callers, the
        capture's reads) use ``?``; peewee writes ``%s`` for this database. A statement
        with ``?`` and no ``%s`` is the former: its ``%`` signs are doubled (psycopg reads
        them as placeholders) and its ``?`` become ``%s``.
        """
        sql, params = _psycopg_style(sql, params)
        self._note_statement(sql)
        if not params and sql.startswith(self._SAVEPOINT_WRITES) and self.in_transaction():
            later = getattr(self._thread, "later", None)
            if later is None:
                later = self._thread.later = []
            later.append((sql, None))
            return None  # peewee's savepoints read no answer
        # A read outside a transaction is sent again, once, on a new connection when the
        # server cut the old one since its last use (a restart); a write is not.
        again = not self.in_transaction() and sql.lstrip()[:6].upper() == "SELECT"
        while True:
            try:
                return super().execute_sql(sql, params, *args, **kwargs)
            except (peewee.OperationalError, peewee.InterfaceError) as exc:
                if not self._lost():
                    raise
                if not again:
                    raise cannot_reach(self.database, exc) from exc
                again = False
                self._thread.reset()

    def read_together(self, reads: Sequence[tuple[str, Any]]) -> list[list[tuple[Any, ...]]]:
        """The rows of each read, all sent in psycopg's pipeline before the first answer is
        awaited: one round trip to the server instead of one a read."""
        later = self._take_later()
        if len(reads) < 2 and not later:
            return [list(self.execute_sql(text, params)) for text, params in reads]

        def send(conn: Any) -> list[Any]:
            cursors = []
            for text, params in reads:
                cursor = conn.cursor()
                cursor.execute(*_psycopg_style(text, params))
                cursors.append(cursor)
            return cursors

        # the writes kept go first (write_later), the transaction's BEGIN with them; reads
        # alone outside a transaction are sent again, once, on a new connection when the
        # server cut the old one since its last use, as a read sent alone is (execute_sql)
        again = not later and not self.in_transaction()
        return [cursor.fetchall() for cursor in self._batch(later, send, reads_only=again)]


def _psycopg_style(sql: str, params: Any) -> tuple[str, Any]:
    """A statement written for SQLite's ``?`` (and no ``%s``) with psycopg's ``%s``, its
    ``%`` signs doubled; its parameters without NUL characters."""
    if params and "?" in sql and "%s" not in sql:
        sql = sql.replace("%", "%%").replace("?", "%s")
    if params:
        params = _without_nul(params)
    return sql, params


def _without_nul(params: Any) -> Any:
    """PostgreSQL's text cannot hold a NUL character (SQLite's can): a NUL pasted into a
    note or imported from a file is dropped on a team book instead of failing the save."""
    if isinstance(params, dict):
        return {key: _without_nul_one(value) for key, value in params.items()}
    return [_without_nul_one(value) for value in params]


def _without_nul_one(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "")
    return value


def is_url(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("postgresql://", "postgres://"))


# The parameters of a URL's query that say where the server is (the rest may be secret).
_WHERE_PARAMETERS = ("host", "hostaddr", "port")


def where(url: str) -> str:
    """The server and database a URL names, without its role or password (for messages):
    ``postgresql://db.example.com:5432/team``, or ``postgresql:///team?host=/run/pg``
    when the server is named in the query."""
    base, _, query = url.partition("?")
    kept = [part for part in query.split("&") if part.split("=", 1)[0] in _WHERE_PARAMETERS]
    return re.sub(r"//[^@/]*@", "//", base) + ("?" + "&".join(kept) if kept else "") or url


# How long a connection waits for a server that does not answer (libpq waits forever by
# default: a save on an unreachable host would hold the window's worker), in seconds;
# a URL's own ``connect_timeout`` or PGCONNECT_TIMEOUT wins.
CONNECT_TIMEOUT = 10
# The window's look for news connects on its own thread: briefly, and not at every look.
LISTEN_TIMEOUT = 2
LISTEN_RETRY_S = 15.0


def _timeouts(url: str, seconds: int) -> dict[str, Any]:
    from psycopg.conninfo import conninfo_to_dict

    try:
        given = "connect_timeout" in conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        given = False
    return {} if given or os.environ.get("PGCONNECT_TIMEOUT") else {"connect_timeout": seconds}


# What a server that answered a connection says when it is there but not taking
# connections now (starting up, shutting down, full): it is away for a while, not refusing.
# psycopg gives no SQLSTATE for a failed connection, so its message is read.
_AWAY_WORDS = (
    "the database system is",
    "terminating connection",
    "too many connections",
    "remaining connection slots",
)


def cannot_reach(url: str, exc: BaseException | None, *, connecting: bool = False) -> StoreError:
    """The one-line error for a server that did not answer ``url`` or cut its connection:
    ``ServerAwayError``; when ``connecting``, a server that answered and refused (a wrong
    password, an unknown role or database) is ``TeamSetupError`` instead (not away: a
    capture is not kept for it)."""
    detail = _first(exc) if exc is not None else "the connection to the server was lost"
    message = f"cannot reach the team book at {where(url)}: {detail}"
    if connecting and exc is not None and _refused(str(exc)):
        return TeamSetupError(message)
    return ServerAwayError(message, server_name(url))


def _refused(text: str) -> bool:
    return "FATAL:" in text and not any(words in text for words in _AWAY_WORDS)


def server_name(url: str) -> str:
    """``host:port`` of the server ``url`` names, for the status bar (a local socket's
    folder in place of the host)."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return where(url)
    host = str(parts.get("host") or parts.get("hostaddr") or "localhost")
    return f"{host}:{parts.get('port') or 5432}"


def role(url: str) -> str:
    """The role ``url`` connects as: its user, else libpq's default (PGUSER, the login)."""
    import getpass

    from psycopg.conninfo import conninfo_to_dict

    try:
        user = conninfo_to_dict(url).get("user")
    except psycopg.ProgrammingError:
        user = None
    return str(user or os.environ.get("PGUSER") or getpass.getuser())


def ping() -> None:
    """One round trip to the server (``ServerAwayError`` when it is still away)."""
    db.execute_sql("SELECT 1").fetchone()


def connect(url: str) -> TeamDatabase:
    """The team book at ``url``, bound to the models and connected (not yet checked)."""
    database = TeamDatabase(url)
    db.initialize(database)
    try:
        database.connect(reuse_if_open=True)
    except peewee.OperationalError as exc:
        raise cannot_reach(url, exc, connecting=True) from exc
    return database


class _AwayDatabase(TeamDatabase):
    """A team book whose server was away when it was to be opened (``bind_unopened``):
    every statement says so at once, without trying the server. The window's worker
    tries to open the book meanwhile (ui/server_wait.py), so a statement on the window's
    own thread never waits up to the connect timeout for a server that does not answer,
    and nothing is read from or written to a book not yet checked as ``open_team``
    checks it."""

    def __init__(self, url: str, away: ServerAwayError) -> None:
        super().__init__(url)
        self.away = away

    def _connect(self) -> Any:
        raise ServerAwayError(str(self.away), self.away.where)


def bind_unopened(url: str, away: ServerAwayError) -> TeamDatabase:
    """The team book at ``url`` bound to the models but not connected: its server is away
    (``away`` said so). Every statement raises ``ServerAwayError`` (a capture goes to the
    outbox, services/outbox.py) until the book is opened for real, once it is back."""
    database = _AwayDatabase(url, away)
    db.initialize(database)
    return database


def _first(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


# -- opening ---------------------------------------------------------------------------------
def open_team(url: str) -> TeamDatabase:
    """Connect to the team book and check that this Rapport can use it as it is.

    A member cannot migrate: a book not set up, or of an older schema, asks for ``rapport
    team setup`` by its owner. A newer schema is refused.
    """
    from rapport.store import migrations

    database = connect(url)
    try:
        if not _let_in(database):
            raise TeamSetupError(
                f"{role(url)} is not a member of the team book at {where(url)}: its owner "
                f"lets you in with `rapport team add {role(url)}`"
            )
        version = stored_version(database)
        if version > migrations.SCHEMA_VERSION:
            raise NewerDatabaseError(
                f"the team book at {where(url)} was written by a newer Rapport "
                f"(schema {version}; this one knows up to {migrations.SCHEMA_VERSION})"
            )
        if version < migrations.SCHEMA_VERSION or not _is_set_up(database):
            if _owns_book(database):
                setup(database, strict=False)
            else:
                raise TeamSetupError(
                    f"the team book at {where(url)} is not set up for this Rapport: "
                    "its owner runs `rapport team setup`"
                )
    except BaseException:
        database.close()
        raise
    return database


def stored_version(database: peewee.Database) -> int:
    from rapport.store.models import SchemaInfo

    if not database.table_exists(SchemaInfo._meta.table_name):
        return 0
    row = SchemaInfo.get_or_none(SchemaInfo.key == "schema_version")
    return int(row.value) if row else 0


def _is_set_up(database: peewee.Database) -> bool:
    """The team's additions are there, the latest included (the versions of clients and
    tasks, the transaction that saved each row, the search's spread on the server: a book
    set up by an earlier Rapport asks its owner to set it up again)."""
    latest = [(VERSIONED[-1], "changed_by"), (_tables()[-1], SAVED_IN)]
    row = database.execute_sql(
        "SELECT to_regclass(%s) IS NOT NULL AND (SELECT count(*) FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND (table_name, column_name) IN "
        f"({', '.join(['(%s, %s)'] * len(latest))})) = {len(latest)} "
        "AND to_regprocedure(%s) IS NOT NULL "  # the search's passes on the server
        "AND to_regprocedure(%s) IS NOT NULL",  # and the book's words
        (SEARCH_TABLE, *(n for pair in latest for n in pair), SEARCH_PASSES[-1], WORD_PASSES[-1]),
    ).fetchone()
    return bool(row and row[0])


def _let_in(database: peewee.Database) -> bool:
    """The role may read the book: it owns it, the book holds nothing yet (a book not set up
    says so next, by its own message), or it may read the book's schema record (the right every
    member has through the team's group role). A login role nobody let in would otherwise meet
    "permission denied" on the first table it reads."""
    from rapport.store.models import SchemaInfo

    table = SchemaInfo._meta.table_name
    row = database.execute_sql(
        "SELECT pg_get_userbyid(n.nspowner) = current_user OR to_regclass(%s) IS NULL "
        "OR has_table_privilege(current_user, to_regclass(%s), 'SELECT') FROM pg_namespace n "
        "WHERE n.nspname = current_schema()",
        (table, table),
    ).fetchone()
    return bool(row and row[0])


def _owns_book(database: peewee.Database) -> bool:
    row = database.execute_sql(
        "SELECT pg_get_userbyid(nspowner) = current_user FROM pg_namespace "
        "WHERE nspname = current_schema()"
    ).fetchone()
    return bool(row and row[0])


def group_role(database: peewee.Database) -> str:
    """The team's group role: one per database, as roles belong to the whole server."""
    name = database.execute_sql("SELECT current_database()").fetchone()[0]
    return f"{name}_team"


# -- setting up ------------------------------------------------------------------------------
@contextmanager
def migration_lock(database: peewee.Database) -> Iterator[None]:
    """Held while the schema changes: a second window waits, then finds it done."""
    database.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        yield
    finally:
        database.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))


def setup(database: peewee.Database, *, strict: bool = True) -> int:
    """Create or migrate the team book and its rules (idempotent); the schema version.

    Run by the database's owner, who needs the right to create roles (CREATEROLE). A book
    with two shared clients of one name cannot take the key that keeps them one: ``strict``
    (``rapport team setup``) refuses it naming them; the owner's window opens it without
    the key, so that they can be merged.
    """
    from rapport.store import migrations

    if not _owns_book(database):
        raise TeamSetupError("only the database's owner sets up a team book (connect as the owner)")
    with migration_lock(database):
        version = stored_version(database)  # read again: another window may have done it
        if version > migrations.SCHEMA_VERSION:
            raise NewerDatabaseError(
                f"the team book was written by a newer Rapport (schema {version})"
            )
        migrations.migrate(database, version)
        with database.atomic():
            _team_schema(database, strict)
    return migrations.SCHEMA_VERSION


def _tables() -> list[str]:
    return [model._meta.table_name for model in BOOK_MODELS]


def _team_schema(database: peewee.Database, strict: bool) -> None:
    def run(statement: str) -> None:
        # Without parameters psycopg sends the text as written: its % signs are SQL's.
        database.cursor().execute(statement)

    group = group_role(database)
    run(
        f"DO $$ BEGIN CREATE ROLE {_ident(group)} NOLOGIN; "
        "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    run("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    run("CREATE EXTENSION IF NOT EXISTS unaccent")  # folding names as core.names.fold
    run(_KEEP_AUTHOR)
    run(_NEXT_VERSION)
    run(_ANNOUNCE_CHANGE)
    run(_IDS_WRITTEN)
    run(_SEARCH_SCHEMA)
    run(_SEARCH_INDEXES_WRITE_THROUGH)
    run(_DOC_PRIVACY)
    run("DROP FUNCTION IF EXISTS rapport_find(tsquery, integer)")  # now with a word to count
    run(_SEARCH_FUNCTIONS)
    run(_SEARCH_PASSES)
    _search_words(database, run)
    for function in ("rapport_find(tsquery, integer, text, boolean)", "rapport_find_all(tsquery)",
                     "rapport_similar(text, integer)", *SEARCH_PASSES, *WORD_PASSES):  # fmt: skip
        # They read as the owner: for the team's members only, not every role on the server.
        run(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        run(f"GRANT EXECUTE ON FUNCTION {function} TO {_ident(group)}")
    for table in [*_tables(), Draft._meta.table_name]:
        t = _ident(table)
        run(f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS author text NOT NULL DEFAULT current_user")
        run(
            f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS private boolean NOT NULL "
            f"DEFAULT {_PRIVATE_DEFAULT}"
        )
        run(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")
        run(f"DROP TRIGGER IF EXISTS keep_author ON {t}")
        run(
            f"CREATE TRIGGER keep_author BEFORE UPDATE ON {t} "
            "FOR EACH ROW EXECUTE FUNCTION rapport_keep_author()"
        )
        sequence = _catch_up_sequence(database, table)
        run(f"DROP TRIGGER IF EXISTS ids_written ON {t}")
        run(
            f"CREATE TRIGGER ids_written AFTER INSERT ON {t} REFERENCING NEW TABLE AS inserted "
            f"FOR EACH STATEMENT EXECUTE FUNCTION rapport_ids_written({_literal(sequence)})"
        )
        if table != "draft":  # a draft being typed is nobody else's news
            run(f"DROP TRIGGER IF EXISTS announce_change ON {t}")
            run(
                f"CREATE TRIGGER announce_change AFTER INSERT OR UPDATE OR DELETE ON {t} "
                "FOR EACH STATEMENT EXECUTE FUNCTION rapport_announce_change()"
            )
        for policy in ("team_sees", "own_name"):
            run(f"DROP POLICY IF EXISTS {policy} ON {t}")
        # Who sees a row: everyone in the team, unless it is private to its author.
        seen = "author = current_user" if table == "draft" else _SEEN
        run(f"CREATE POLICY team_sees ON {t} USING ({seen}) WITH CHECK ({seen})")
        # A member writes under their own name only.
        run(
            f"CREATE POLICY own_name ON {t} AS RESTRICTIVE FOR INSERT "
            "WITH CHECK (author = current_user)"
        )
        run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {_ident(group)}")
    for table in VERSIONED:
        t = _ident(table)
        run(f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1")
        run(f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS changed_by text NOT NULL "
            "DEFAULT current_user")  # fmt: skip
        run(f"DROP TRIGGER IF EXISTS next_version ON {t}")
        run(
            f"CREATE TRIGGER next_version BEFORE UPDATE ON {t} "
            "FOR EACH ROW EXECUTE FUNCTION rapport_next_version()"
        )
    _one_shared_client_per_name(database, strict)
    _saving_transaction(run)
    s = _ident(SEARCH_TABLE)
    run(f"ALTER TABLE {s} ENABLE ROW LEVEL SECURITY")
    run(f"DROP POLICY IF EXISTS team_sees ON {s}")
    run(f"CREATE POLICY team_sees ON {s} USING ({_SEEN}) WITH CHECK (true)")
    run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s} TO {_ident(group)}")
    run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {_ident(Setting._meta.table_name)} TO "
        f"{_ident(group)}")  # fmt: skip
    run(f"GRANT SELECT ON rapport_meta TO {_ident(group)}")
    run(f"GRANT USAGE ON SCHEMA public TO {_ident(group)}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_ident(group)}")
    _planner_facts(database)


_SEEN = "NOT private OR author = current_user"

# What the server's planner cannot know by itself about a book, which Today's reads need
# (README, the team book's speed). Today lists the open tasks due by tomorrow and the
# promises due after: 130 and 110 rows of the big book's 13,906 tasks, but the planner
# multiplied the columns' separate statistics (90 % of all tasks are due before tomorrow,
# 90 % are promises: the done ones) and expected 1,353 and 962, so it hashed all 5,000
# clients to join them (3 ms each) instead of looking each up (0.5 ms). Statistics over
# the columns together (a most-common-values list of the combinations, large enough for a
# book's days) give it 162 and 110.
TASK_STATISTICS = "task_today"
_STATISTICS = f"""
CREATE STATISTICS IF NOT EXISTS {TASK_STATISTICS} (mcv) ON status, due, promised, kind FROM task;
ALTER STATISTICS {TASK_STATISTICS} SET STATISTICS 5000;
ANALYZE task;
"""
# A book fits in the server's memory (the big book is 150 MB): reading a page at random
# costs about what reading the next one does, not 4 times (PostgreSQL's default, made for
# spinning disks; its documentation suggests about 1.1 for such data). With the default
# the planner still hashed every client rather than look up 160 of them by their key.
# Set for the book's database by its owner, unless the database already has its own value.
RANDOM_PAGE_COST = "1.1"


def _planner_facts(database: peewee.Database) -> None:
    database.cursor().execute(_STATISTICS)
    own = database.execute_sql(
        "SELECT d.datname, d.datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user), "
        "EXISTS (SELECT 1 FROM pg_db_role_setting s, unnest(s.setconfig) c "
        "WHERE s.setdatabase = d.oid AND s.setrole = 0 "
        "AND split_part(c, '=', 1) = 'random_page_cost') "
        "FROM pg_database d WHERE d.datname = current_database()"
    ).fetchone()
    name, owns_database, has_value = own
    if owns_database and not has_value:
        database.cursor().execute(
            f"ALTER DATABASE {_ident(name)} SET random_page_cost = {RANDOM_PAGE_COST}"
        )


# The rows two members edit in forms (a client, a task): each change counts a version and
# names who made it, so a save over a version it did not read is refused, not lost.
VERSIONED = ("client", "task")
_NEXT_VERSION = """
CREATE OR REPLACE FUNCTION rapport_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.changed_by := current_user;
  RETURN NEW;
END $$
"""
# One shared client per name (folded) in the team: two reps capturing about the same new
# client at once make one client (the second capture finds the first's). Private clients
# are their author's and stay out of it (a unique key would tell others they exist).
SHARED_NAME_INDEX = "client_shared_name"


def _one_shared_client_per_name(database: peewee.Database, strict: bool) -> None:
    twice = database.execute_sql(
        "SELECT min(name) FROM client WHERE NOT private GROUP BY name_key "
        "HAVING count(*) > 1 ORDER BY 1 LIMIT 3"
    ).fetchall()
    if twice and not strict:
        return
    if twice:
        names = ", ".join(name for (name,) in twice)
        raise TeamSetupError(
            f"the team book has several clients named {names}: merge or rename them "
            "(Merge in the window), then run `rapport team setup` again"
        )
    database.cursor().execute(
        f"CREATE UNIQUE INDEX IF NOT EXISTS {SHARED_NAME_INDEX} ON client (name_key) "
        "WHERE NOT private"
    )


# Rows written with their ids (sample data and imports number rows themselves, as on
# SQLite) move the table's id sequence past them, so the next saved row does not collide.
# Forward only, and as the owner (a member may not move sequences). The sequence is the
# trigger's argument (``_team_schema`` names it): looking it up (``pg_get_serial_sequence``
# reads pg_depend) and reading it through a statement made from its name (planned at every
# call) cost 0.06 ms of each INSERT of a save, 3 to 4 a save; its last value read by
# ``pg_sequence_last_value`` (NULL while nothing was drawn from it) costs nothing to plan.
_IDS_WRITTEN = """
CREATE OR REPLACE FUNCTION rapport_ids_written() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  sequence regclass := coalesce(
    TG_ARGV[0], pg_get_serial_sequence(quote_ident(TG_TABLE_NAME), 'id'))::regclass;
  written bigint;
  last bigint;
BEGIN
  SELECT max(id) INTO written FROM inserted;
  last := pg_sequence_last_value(sequence);
  IF written > last OR (last IS NULL AND written IS NOT NULL) THEN
    PERFORM setval(sequence, written);
  END IF;
  RETURN NULL;
END $$
"""

# Once per statement (not per row); the server delivers it at commit, once per transaction.
_ANNOUNCE_CHANGE = f"""
CREATE OR REPLACE FUNCTION rapport_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('{CHANGED_CHANNEL}', '');
  RETURN NULL;
END $$
"""

_KEEP_AUTHOR = """
CREATE OR REPLACE FUNCTION rapport_keep_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.author := OLD.author;  -- who wrote a row is the server's to say, once
  RETURN NEW;
END $$
"""

# Documents of clients and people (kinds 15 and 14 in the rowid's high bits): their
# titles are names, which a search too common to rank still lists first.
NAMED_KINDS = 14 << 40
# The document of a row: its text folded (core.names.fold) by Rapport, the words indexed
# by the server; privacy is the row's own (see _DOC_PRIVACY).
_SEARCH_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} (
  rowid bigint PRIMARY KEY,
  client_id bigint,
  title text NOT NULL DEFAULT '',
  body text NOT NULL DEFAULT '',
  title_key text NOT NULL DEFAULT '',
  body_key text NOT NULL DEFAULT '',
  author text NOT NULL DEFAULT current_user,
  private boolean NOT NULL DEFAULT true,
  words tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', title_key), 'A')
    || to_tsvector('simple', body_key)
    || to_tsvector('english', body_key)
  ) STORED
);
CREATE INDEX IF NOT EXISTS {SEARCH_TABLE}_words ON {SEARCH_TABLE} USING gin (words)
  WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS {SEARCH_TABLE}_client ON {SEARCH_TABLE} (client_id);
CREATE INDEX IF NOT EXISTS {SEARCH_TABLE}_names ON {SEARCH_TABLE}
  USING gin (to_tsvector('simple', title_key)) WITH (fastupdate = off)
  WHERE rowid >= {NAMED_KINDS};
"""
# The GIN indexes every search reads take each document's words into the index itself
# when it is written. By default (``fastupdate``) a write appends them to a pending list,
# merged into the index only by a vacuum or once it holds 4 MB, and every search reads the
# whole list: on the big book's team copy 197 pages (7,517 entries, left by saves), 3 to
# 6 ms of each search statement ("che" 10.6 -> 5.3 ms of index scan, "golf" 3.4 -> 0.3),
# the half of a search's median. Writing through costs a save's 3 to 8 documents about
# 0.3 ms more each on the server. A book set up before is switched, and its list merged,
# by ``rapport team setup`` (the ALTER waits for searches running on the index).
SEARCHED_GIN_INDEXES = (f"{SEARCH_TABLE}_words", f"{SEARCH_TABLE}_names")
_SEARCH_INDEXES_WRITE_THROUGH = "".join(
    f"ALTER INDEX {index} SET (fastupdate = off);\n"
    f"SELECT gin_clean_pending_list('{index}'::regclass);\n"
    for index in SEARCHED_GIN_INDEXES
)

# A document is as private as its row, and by the row's author; a document whose row
# cannot be seen (there is none) is private to whoever wrote it. One SELECT written out a
# kind (8 to 15 in the rowid's high bits), not one made from the table's name at each call
# (``EXECUTE format(...)``): PL/pgSQL keeps a written statement's plan, where a made one was
# planned for every document, 0.06 to 0.09 ms of the server's each, 3 to 8 a save.
_DOC_PRIVACY = f"""
CREATE OR REPLACE FUNCTION rapport_doc_privacy() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ref bigint := NEW.rowid & 1099511627775;
  found_author text;
  found_private boolean;
BEGIN
  CASE NEW.rowid >> 40
    WHEN 15 THEN SELECT r.author, r.private INTO found_author, found_private
      FROM client r WHERE r.id = ref;
    WHEN 14 THEN SELECT r.author, r.private INTO found_author, found_private
      FROM person r WHERE r.id = ref;
    WHEN 13 THEN SELECT r.author, r.private INTO found_author, found_private
      FROM fact r WHERE r.id = ref;
    WHEN 12 THEN SELECT r.author, r.private INTO found_author, found_private
      FROM task r WHERE r.id = ref;
    WHEN 11 THEN SELECT r.author, r.private INTO found_author, found_private
      FROM gift r WHERE r.id = ref;
    WHEN 10 THEN SELECT r.author, r.private INTO found_author, found_private
      FROM inbound r WHERE r.id = ref;
    WHEN 9 THEN SELECT r.author, r.private INTO found_author, found_private
      FROM interaction r WHERE r.id = ref;
    WHEN 8 THEN SELECT r.author, r.private INTO found_author, found_private
      FROM card r WHERE r.id = ref;
    ELSE NULL;
  END CASE;
  NEW.author := coalesce(found_author, current_user);
  NEW.private := coalesce(found_private, true);
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS doc_privacy ON {SEARCH_TABLE};
CREATE TRIGGER doc_privacy BEFORE INSERT OR UPDATE ON {SEARCH_TABLE}
  FOR EACH ROW EXECUTE FUNCTION rapport_doc_privacy();
"""


# The transaction that inserted a row, as the server numbers it (``pg_current_xact_id``:
# the whole transaction's, savepoints included; 64 bits, never reused). The rows a save
# made are exactly those of its own transaction: neither a colleague's nor the same
# member's other window's, numbered and committed above the save's marks meanwhile
# (``TeamEngine.own_rows``, read by the undo of a capture).
SAVED_IN = "saved_in"


def _saving_transaction(run: Callable[[str], None]) -> None:
    for table in _tables():
        t = _ident(table)
        # Without a default first: rows already there keep NULL (no rewrite of the table).
        run(f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {SAVED_IN} xid8")
        run(f"ALTER TABLE {t} ALTER COLUMN {SAVED_IN} SET DEFAULT pg_current_xact_id()")


def _catch_up_sequence(database: peewee.Database, table: str) -> str:
    """The table's id sequence past its highest id (rows written before the trigger); the
    sequence's name."""
    sequence = database.execute_sql(
        "SELECT pg_get_serial_sequence(%s, 'id')", (_ident(table),)
    ).fetchone()[0]
    highest = database.execute_sql(f"SELECT max(id) FROM {_ident(table)}").fetchone()[0]
    last = database.execute_sql(f"SELECT last_value FROM {sequence}").fetchone()[0]
    if highest is not None and highest > last:
        database.execute_sql("SELECT setval(%s, %s)", (sequence, highest))
    return str(sequence)


# Past every word starting with a text, in the words' order (their collation is "C": by
# code point, and no character follows U+10FFFF): with ``>=`` the text, the words' index
# reads only the words it starts, where ``starts_with`` with a value known only when the
# function runs read all of them (781 pages a search on the big book).
_PAST_PREFIX = "({} || chr(1114111))"
# Above this many matches a query is not ranked (store/search.py's RANK_CAP on SQLite).
RANK_CAP = 1500
_SEEN_BY_CALLER = _SEEN.replace("current_user", "session_user")
# Reading the search documents. Row-level security keeps the server from using an index
# for an operator it cannot prove leaks nothing (``@@`` and pg_trgm's ``<%`` are such):
# a member's own query scans every document. These functions run as the book's owner,
# who is not subject to the policy, so the indexes serve, and apply the same rule
# themselves to the member who called (``session_user``, the role that logged in).
_SEARCH_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION rapport_find(
  query tsquery, take integer, word text DEFAULT NULL, prefix boolean DEFAULT false)
RETURNS TABLE (rowid bigint, client_id bigint, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
-- Reading at most the cap's worth of matches, the planner would walk the whole table in
-- order rather than the index (it expects the first matches early): the index, always.
SET enable_seqscan = off
-- Planned once a connection, not at every call: a language sql function's statement is
-- planned again each time (0.6 ms of the 1.9 a call finding nothing cost under load, the
-- same in every other). Its plan is the same for every query (the index, always).
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  -- A query of one word (``word``, read as a prefix or whole) more than the cap's worth of
  -- documents the caller sees hold is too common to rank, known from the book's words
  -- (``WORDS_TABLE``) without reading 1,501 of them to count: what is listed then, below.
  IF rapport_find.word IS NOT NULL AND EXISTS (
    SELECT 1 FROM {WORDS_TABLE} w
    WHERE w.word >= rapport_find.word AND w.word < {_PAST_PREFIX.format("rapport_find.word")}
      AND (w.word = rapport_find.word
           OR (rapport_find.prefix AND starts_with(w.word, rapport_find.word)))
      AND (w.owner = '' OR w.owner = session_user)
    GROUP BY w.word HAVING sum(w.docs) > {RANK_CAP}) THEN
    RETURN QUERY
    (SELECT d.rowid, d.client_id, -1::real FROM {SEARCH_TABLE} d
     WHERE d.rowid >= {NAMED_KINDS}
       AND to_tsvector('simple', d.title_key) @@ query AND ({_SEEN_BY_CALLER})
     ORDER BY 1 DESC LIMIT take)
    UNION ALL
    (SELECT f.rowid, f.client_id, 0::real FROM (
       SELECT d.rowid, d.client_id FROM {SEARCH_TABLE} d
       WHERE d.words @@ query AND ({_SEEN_BY_CALLER}) OFFSET 0) f
     WHERE f.rowid < {NAMED_KINDS} LIMIT take)
    LIMIT take;
    RETURN;
  END IF;
  RETURN QUERY
  -- One read of the matches, ranked, up to one more than the cap. Up to the cap, the
  -- best of them. Above it the query is too common to rank (a short prefix in notes by
  -- the thousand: ranking every match costs tens of milliseconds), as on SQLite: the
  -- clients and people whose name has the words come first, through the names' own
  -- small index, newest first; then other matches among those read, unranked.
  WITH found AS MATERIALIZED (
    SELECT d.rowid, d.client_id, (-ts_rank(d.words, query) *
      (CASE d.rowid >> 40 WHEN 15 THEN 1.6 WHEN 14 THEN 1.3 ELSE 1.0 END))::real AS score
    FROM {SEARCH_TABLE} d
    WHERE d.words @@ query AND ({_SEEN_BY_CALLER})
    LIMIT {RANK_CAP + 1}
  ), common AS (SELECT count(*) > {RANK_CAP} AS yes FROM found)
  (SELECT f.rowid, f.client_id, f.score FROM found f WHERE NOT (SELECT yes FROM common)
   ORDER BY 3, 1 DESC LIMIT take)
  UNION ALL
  (SELECT d.rowid, d.client_id, -1::real FROM {SEARCH_TABLE} d
   WHERE (SELECT yes FROM common) AND d.rowid >= {NAMED_KINDS}
     AND to_tsvector('simple', d.title_key) @@ query AND ({_SEEN_BY_CALLER})
   ORDER BY 1 DESC LIMIT take)
  UNION ALL
  (SELECT f.rowid, f.client_id, 0::real FROM found f
   WHERE (SELECT yes FROM common) AND f.rowid < {NAMED_KINDS} LIMIT take)
  LIMIT take;
END $$;
CREATE OR REPLACE FUNCTION rapport_find_all(query tsquery)
RETURNS TABLE (rowid bigint, client_id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT d.rowid, d.client_id FROM {SEARCH_TABLE} d
  WHERE d.client_id IS NOT NULL AND d.words @@ query AND ({_SEEN_BY_CALLER})
$$;
"""

# Two passes of a search, each done on the server in the statement that asks for it
# (``store/search_pg.py``), where they cost a round trip and the rows' trip to Python:
# - ``rapport_enough``: the whole words match at least ``ENOUGH`` documents the caller
#   sees, so the word being typed is not read as a prefix too (SQLite's rule,
#   ``store/search.py``'s ENOUGH): "co." read as a prefix made a bitmap of 63,500
#   documents for a word 247 of them have whole.
# - ``rapport_spread``: the clients having every word somewhere (the words longest first,
#   stopping at the first that leaves none), the first ``SPREAD_CLIENTS`` by id, and their
#   documents having any of the words, newest first: what ``_spread`` made in Python from
#   every match of every word, sent to it row by row (1,572 rows for "fatima cats").
ENOUGH = 20
SPREAD_CLIENTS = 20
SEARCH_PASSES = ("rapport_enough(tsquery)", "rapport_spread(tsquery[], integer)")
_SEARCH_PASSES = f"""
CREATE OR REPLACE FUNCTION rapport_enough(query tsquery)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
SET enable_seqscan = off AS $$
  SELECT count(*) >= {ENOUGH} FROM (
    SELECT 1 FROM {SEARCH_TABLE} d WHERE d.words @@ query AND ({_SEEN_BY_CALLER})
    LIMIT {ENOUGH}) enough
$$;
CREATE OR REPLACE FUNCTION rapport_spread(queries tsquery[], take integer)
RETURNS TABLE (rowid bigint, client_id bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
SET enable_seqscan = off AS $$
#variable_conflict use_column
DECLARE
  query tsquery;
  any_word tsquery;
  clients bigint[];
  found bigint[];
BEGIN
  FOREACH query IN ARRAY queries LOOP
    SELECT coalesce(array_agg(DISTINCT d.client_id), '{{}}') INTO found FROM {SEARCH_TABLE} d
    WHERE d.client_id IS NOT NULL AND d.words @@ query AND ({_SEEN_BY_CALLER});
    IF clients IS NULL THEN
      clients := found;
      any_word := query;
    ELSE
      clients := ARRAY(SELECT unnest(clients) INTERSECT SELECT unnest(found));
      any_word := any_word || query;
    END IF;
    IF cardinality(clients) = 0 THEN
      RETURN;
    END IF;
  END LOOP;
  clients := ARRAY(SELECT c FROM unnest(clients) c ORDER BY c LIMIT {SPREAD_CLIENTS});
  RETURN QUERY
  SELECT d.rowid, d.client_id FROM {SEARCH_TABLE} d
  WHERE d.client_id = ANY(clients) AND d.words @@ any_word AND ({_SEEN_BY_CALLER})
  ORDER BY d.rowid DESC LIMIT take;
END $$;
"""


# The book's words (issue 20): each lexeme of the documents' ``words``, with how many
# documents hold it, the documents everyone in the team sees counted under the owner ''
# and a member's private ones under that member (so that no count, nor the word itself,
# tells another member what a private note says: row-level security on the table, and
# the functions below count for ``session_user`` only). Kept by statement triggers on the
# documents (one sorted upsert of a statement's changes). Read instead of the documents:
# - whether a query of one word is too common to rank (more than ``RANK_CAP`` documents
#   hold one of its words), known without reading 1,501 documents to count them
#   (``rapport_find``'s ``word``);
# - whether a word is in any document, and the indexed words closest to a typo (a trigram
#   index over the words, 8,347 on the big book, where one over every whole document cost
#   0.35 ms of each document written and 0.4 s a typo on the big book).
# Two saves never deadlock over the counts: each counts when it commits (``WORD_CHANGES``),
# taking ``WORDS_LOCK`` first, so the rows of counts are only ever locked by one
# transaction at a time, in the order of the words, with no other lock still to take.
WORDS_LOCK = 0x5261_7070_6F72_7401  # "Rapport\1"
WORD_TRIGGERS = ("words_added", "words_changed", "words_removed")
# A transaction's changes of counts, folded into the counts when it commits (the
# ``words_counted`` trigger, deferred): then, holding every other lock it will hold, it
# takes ``WORDS_LOCK`` and counts in the order of the words. Taken at the first document
# written, the lock deadlocked an import (holding its tables, waiting for the lock) with a
# capture (holding the lock, waiting for a table the import held).
WORD_CHANGES = "search_word_change"
WORD_PASSES = ("rapport_known(text[])",)
_WORD_SEEN = "owner = '' OR owner = current_user"
_WORD_SEEN_BY_CALLER = "(w.owner = '' OR w.owner = session_user)"
_SEARCH_WORDS = f"""
CREATE TABLE IF NOT EXISTS {WORDS_TABLE} (
  word text COLLATE "C" NOT NULL,
  owner text NOT NULL DEFAULT '',
  docs integer NOT NULL,
  PRIMARY KEY (word, owner)
);
CREATE INDEX IF NOT EXISTS {WORDS_TABLE}_trigrams ON {WORDS_TABLE} USING gin (word gin_trgm_ops);
CREATE OR REPLACE FUNCTION rapport_count_words() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  added_words text[];
  added_owners text[];
  added_counts integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(c.word ORDER BY c.word, c.owner), array_agg(c.owner ORDER BY c.word, c.owner),
      array_agg(c.n ORDER BY c.word, c.owner) INTO added_words, added_owners, added_counts
    FROM (SELECT w.word, CASE WHEN d.private THEN d.author ELSE '' END AS owner, count(*)::int AS n
          FROM new_docs d, unnest(tsvector_to_array(d.words)) w(word) GROUP BY 1, 2) c;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(c.word ORDER BY c.word, c.owner), array_agg(c.owner ORDER BY c.word, c.owner),
      array_agg(c.n ORDER BY c.word, c.owner) INTO added_words, added_owners, added_counts
    FROM (SELECT w.word, CASE WHEN d.private THEN d.author ELSE '' END AS owner, -count(*)::int AS n
          FROM old_docs d, unnest(tsvector_to_array(d.words)) w(word) GROUP BY 1, 2) c;
  ELSE
    IF NOT EXISTS (SELECT 1 FROM new_docs n LEFT JOIN old_docs o ON o.rowid = n.rowid
                   WHERE o.words IS DISTINCT FROM n.words OR o.private IS DISTINCT FROM n.private
                     OR o.author IS DISTINCT FROM n.author) THEN
      RETURN NULL;  -- documents written again as they were (a save rewrites its client's)
    END IF;
    SELECT array_agg(c.word ORDER BY c.word, c.owner), array_agg(c.owner ORDER BY c.word, c.owner),
      array_agg(c.n ORDER BY c.word, c.owner) INTO added_words, added_owners, added_counts
    FROM (SELECT w.word, CASE WHEN d.private THEN d.author ELSE '' END AS owner, sum(d.n)::int AS n
          FROM (SELECT o.words, o.private, o.author, 1 AS n FROM new_docs o
                UNION ALL SELECT o.words, o.private, o.author, -1 FROM old_docs o) d,
            unnest(tsvector_to_array(d.words)) w(word)
          GROUP BY 1, 2 HAVING sum(d.n) <> 0) c;
  END IF;
  IF added_words IS NULL THEN  -- no document, or no word changed
    RETURN NULL;
  END IF;
  -- Kept aside until the transaction commits (no row of counts locked meanwhile).
  INSERT INTO {WORD_CHANGES} (word, owner, docs)
  SELECT * FROM unnest(added_words, added_owners, added_counts);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION rapport_fold_words() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  -- Once a transaction: it fires for every document written (30,000 for an import), and
  -- looking for the changes again walked the index past every change already folded
  -- (all of one transaction, deleted but not yet vacuumed): 274 s for that import.
  IF current_setting('rapport.words_folded', true) = pg_current_xact_id()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('rapport.words_folded', pg_current_xact_id()::text, true);
  PERFORM pg_advisory_xact_lock({WORDS_LOCK});
  WITH folded AS (
    DELETE FROM {WORD_CHANGES} c WHERE c.changed_in = pg_current_xact_id()
    RETURNING c.word, c.owner, c.docs)
  INSERT INTO {WORDS_TABLE} AS t (word, owner, docs)
  SELECT f.word, f.owner, sum(f.docs) FROM folded f GROUP BY 1, 2 HAVING sum(f.docs) <> 0
  ORDER BY 1, 2
  ON CONFLICT (word, owner) DO UPDATE SET docs = t.docs + EXCLUDED.docs;
  RETURN NULL;
END $$;
CREATE TABLE IF NOT EXISTS {WORD_CHANGES} (
  changed_in xid8 NOT NULL DEFAULT pg_current_xact_id(),
  word text COLLATE "C" NOT NULL,
  owner text NOT NULL,
  docs integer NOT NULL
);
CREATE INDEX IF NOT EXISTS {WORD_CHANGES}_changed_in ON {WORD_CHANGES} (changed_in);
ALTER TABLE {WORD_CHANGES} ENABLE ROW LEVEL SECURITY;
DROP TRIGGER IF EXISTS words_counted ON {SEARCH_TABLE};
CREATE CONSTRAINT TRIGGER words_counted AFTER INSERT OR UPDATE OR DELETE ON {SEARCH_TABLE}
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rapport_fold_words();
DROP TRIGGER IF EXISTS words_added ON {SEARCH_TABLE};
CREATE TRIGGER words_added AFTER INSERT ON {SEARCH_TABLE} REFERENCING NEW TABLE AS new_docs
  FOR EACH STATEMENT EXECUTE FUNCTION rapport_count_words();
DROP TRIGGER IF EXISTS words_changed ON {SEARCH_TABLE};
CREATE TRIGGER words_changed AFTER UPDATE ON {SEARCH_TABLE}
  REFERENCING OLD TABLE AS old_docs NEW TABLE AS new_docs
  FOR EACH STATEMENT EXECUTE FUNCTION rapport_count_words();
DROP TRIGGER IF EXISTS words_removed ON {SEARCH_TABLE};
CREATE TRIGGER words_removed AFTER DELETE ON {SEARCH_TABLE} REFERENCING OLD TABLE AS old_docs
  FOR EACH STATEMENT EXECUTE FUNCTION rapport_count_words();
ALTER TABLE {WORDS_TABLE} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS team_sees ON {WORDS_TABLE};
CREATE POLICY team_sees ON {WORDS_TABLE} FOR SELECT USING ({_WORD_SEEN});
"""
_WORD_PASSES = f"""
CREATE OR REPLACE FUNCTION rapport_known(words text[])
RETURNS boolean[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT array_agg(EXISTS (
    SELECT 1 FROM {WORDS_TABLE} w
    WHERE w.word >= asked.word AND w.word < {_PAST_PREFIX.format("asked.word")}
      AND starts_with(w.word, asked.word) AND w.docs > 0 AND {_WORD_SEEN_BY_CALLER})
    ORDER BY asked.n)
  FROM unnest(words) WITH ORDINALITY asked(word, n)
$$;
CREATE OR REPLACE FUNCTION rapport_similar(word text, take integer)
RETURNS TABLE (keys text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT w.word FROM {WORDS_TABLE} w
  WHERE w.word % $1 AND starts_with(w.word, left($1, 1))
    AND abs(length(w.word) - length($1)) <= 2 AND w.docs > 0 AND {_WORD_SEEN_BY_CALLER}
  GROUP BY w.word
  ORDER BY similarity(w.word, $1) DESC, w.word
  LIMIT take
$$;
"""


# The book's words counted again from the documents the caller sees, and the counts kept
# (``WORDS_TABLE``) that differ from them: what ``rapport check`` counts (as a member, the
# shared words and that member's own, as row-level security shows them) and ``rapport team
# setup`` puts right (as the owner, every word).
_WORDS_RECOUNTED = (
    "SELECT w.word COLLATE \"C\" AS word, CASE WHEN d.private THEN d.author ELSE '' END AS owner,"
    f" count(*)::int AS docs FROM {SEARCH_TABLE} d, unnest(tsvector_to_array(d.words)) w(word)"
    " GROUP BY 1, 2"
)
_WORDS_DIFFERING = (
    f"WITH counted AS ({_WORDS_RECOUNTED}), "
    f"kept AS (SELECT k.word, k.owner, k.docs FROM {WORDS_TABLE} k WHERE k.docs <> 0) "
    "SELECT count(*) FROM counted c FULL JOIN kept k ON k.word = c.word AND k.owner = c.owner "
    "WHERE c.docs IS DISTINCT FROM k.docs"
)


def words_differing() -> int:
    """How many of the book's word counts the caller sees differ from the documents the
    caller sees (0 when every count is right): ``rapport check``."""
    return int(db.execute_sql(_WORDS_DIFFERING).fetchone()[0])


def _search_words(database: peewee.Database, run: Callable[[str], None]) -> None:
    """The book's words and what reads them; counted from the documents when the table is
    new (a book set up before: the big book's 177,000 documents in about 20 s), and counted
    again when a count differs from the documents (what ``rapport check`` finds), with
    the counts' lock held (``WORDS_LOCK``: no save folds its words meanwhile)."""
    new = database.execute_sql("SELECT to_regclass(%s) IS NULL", (WORDS_TABLE,)).fetchone()[0]
    run(_SEARCH_WORDS)
    if not new:
        run(f"SELECT pg_advisory_xact_lock({WORDS_LOCK})")
        new = bool(database.execute_sql(_WORDS_DIFFERING).fetchone()[0])
        if new:
            run(f"DELETE FROM {WORDS_TABLE}")
    if new:
        run(
            f"INSERT INTO {WORDS_TABLE} (word, owner, docs) "
            "SELECT w.word, CASE WHEN d.private THEN d.author ELSE '' END, count(*) "
            f"FROM {SEARCH_TABLE} d, unnest(tsvector_to_array(d.words)) w(word) "
            "GROUP BY 1, 2 ORDER BY 1, 2"
        )
        run(f"ANALYZE {WORDS_TABLE}")
    # The trigram index over every whole document, read by the typo pass before the words'.
    run(f"DROP INDEX IF EXISTS {SEARCH_TABLE}_trigrams")
    run(_WORD_PASSES)
    run(f"GRANT SELECT ON {WORDS_TABLE} TO {_ident(group_role(database))}")


def _ident(name: str) -> str:
    return sql.Identifier(name).as_string(None)


def _literal(text: str) -> str:
    return sql.Literal(text).as_string(None)


def add_member(database: peewee.Database, role: str) -> str:
    """Let the existing login role ``role`` into the team; the group's name."""
    group = group_role(database)
    exists = database.execute_sql(
        "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (role,)
    ).fetchone()
    if exists is None:
        raise TeamSetupError(
            f"there is no role {role!r} on the server (create it first: CREATE ROLE "
            f"{_ident(role)} LOGIN)"
        )
    if not exists[0]:
        raise TeamSetupError(f"the role {role!r} cannot log in")
    try:
        database.execute_sql(f"GRANT {_ident(group)} TO {_ident(role)}")
    except peewee.ProgrammingError as exc:
        raise TeamSetupError(f"cannot add {role!r} to the team: {_first(exc)}") from exc
    return group


# -- hearing of others' changes ----------------------------------------------------------------
class ChangeListener:
    """Counts the commits other programs make to the team book (LISTEN/NOTIFY).

    A connection of its own listens; ``count`` reads what has arrived without waiting and
    without a query. Changes made through this program's own connections are not counted
    (the window already shows its own saves), as SQLite's ``data_version`` does.
    """

    def __init__(self, url: str) -> None:
        self._url = url
        self._retry_at = 0.0  # while away: when to try listening again
        self._conn: Any = None  # connected at the first count
        self._own = 0
        self.changes = 0

    def _listen(self) -> Any:
        try:
            conn = psycopg.connect(
                self._url, autocommit=True, **_timeouts(self._url, LISTEN_TIMEOUT)
            )
        except psycopg.OperationalError as exc:
            self._retry_at = time.monotonic() + LISTEN_RETRY_S
            raise cannot_reach(self._url, exc, connecting=True) from exc
        conn.execute(f"LISTEN {CHANGED_CHANNEL}")
        return conn

    def count(self) -> int:
        """The changes heard; ``ServerAwayError`` when the server went away (a later call
        listens again, and counts one change: what was missed is read again)."""
        if self._conn is None or self._conn.closed:
            if time.monotonic() < self._retry_at:  # away: asked again in a while
                raise cannot_reach(self._url, None)
            missed = self._conn is not None
            self._conn = self._listen()
            self._own = self._conn.info.backend_pid
            self.changes += missed
        try:
            for notice in self._conn.notifies(timeout=0, stop_after=None):
                if notice.pid not in _own_backends and notice.pid != self._own:
                    self.changes += 1
        except psycopg.OperationalError as exc:
            if not self._conn.closed:
                raise
            raise cannot_reach(self._url, exc) from exc
        return self.changes

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


# -- writing ---------------------------------------------------------------------------------
def make_private() -> None:
    """Rows written from now to the end of the transaction are private to their author."""
    db.execute_sql("SELECT set_config(%s, 'on', true)", (PRIVATE_SETTING,))


def authors(table: str, ids: list[int]) -> dict[int, str]:
    """{row id: author role} of the rows ``ids`` of ``table`` the user can see."""
    if not ids:
        return {}
    cursor = db.execute_sql(
        f"SELECT id, author FROM {_ident(table)} WHERE id = ANY(%s)", (list(ids),)
    )
    return {int(row_id): str(author) for row_id, author in cursor}


def private_ids(table: str, ids: list[int]) -> set[int]:
    """The rows of ``ids`` in ``table`` that are private (to the user: no other sees them)."""
    if not ids:
        return set()
    cursor = db.execute_sql(
        f"SELECT id FROM {_ident(table)} WHERE private AND id = ANY(%s)", (list(ids),)
    )
    return {int(row[0]) for row in cursor}


def highest_ids(models: Sequence[type[peewee.Model]]) -> list[int]:
    """``Engine.highest_ids`` on a team book: each table locked against others' inserts
    for the rest of the transaction, then its id sequence read (it is past every row,
    hidden ones included: ``_IDS_WRITTEN``)."""
    tables = [_ident(model._meta.table_name) for model in models]
    db.execute_sql(f"LOCK TABLE {', '.join(tables)} IN SHARE ROW EXCLUSIVE MODE")
    # One statement for every table (it was three a table, each a round trip).
    parts = ", ".join(
        "GREATEST(COALESCE(pg_sequence_last_value(pg_get_serial_sequence(%s, 'id')::regclass), 0),"
        f" COALESCE((SELECT max(id) FROM {table}), 0))"
        for table in tables
    )
    row = db.execute_sql(f"SELECT {parts}", tables).fetchone()
    return [int(value) for value in row]


def reserve_ids_read(tables: Sequence[tuple[str, int]]) -> tuple[str, list[Any]]:
    """``Engine.reserve_ids`` on a team book: one row, a list of ``n`` new ids of each
    (table, n) from its id sequence (as a row inserted without an id would take them; the
    ids a rolled-back save took are skipped, as PostgreSQL's sequences always do)."""
    parts = ", ".join(
        "ARRAY(SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?))"
        for _ in tables
    )
    params: list[Any] = []
    for table, count in tables:
        params += [_ident(table), int(count)]
    return f"SELECT {parts}", params


def read_together(reads: Sequence[tuple[str, Any]]) -> list[list[tuple[Any, ...]]]:
    """``Engine.read_together`` on a team book (``TeamDatabase.read_together``)."""
    database = db.obj
    assert isinstance(database, TeamDatabase)
    return database.read_together(reads)


def row_version(table: str, row_id: int) -> tuple[int, str] | None:
    """(version, role that made it) of a row of ``VERSIONED``, locked against other
    members' saves until the transaction ends; None when the row is gone or unseen."""
    row = db.execute_sql(
        f"SELECT version, changed_by FROM {_ident(table)} WHERE id = %s FOR UPDATE", (row_id,)
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def is_team() -> bool:
    return isinstance(db.obj, TeamDatabase)
