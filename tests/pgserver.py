"""A throwaway PostgreSQL server for the team book's tests (a pytest plugin).

``pg_server`` (once per session) runs ``initdb`` into a temporary folder and starts the
server on a Unix socket in that folder only (no TCP port), as an unprivileged user: when
the tests run as root, as the ``postgres`` system user that Debian's package creates
(initdb refuses root). It makes the roles a team has (``owner``, who owns the team's
databases, and the members ``alice`` and ``bob``), and is stopped and removed at the end.

Local connections are trusted: the socket sits in a folder only its user (and root) can
enter, and the cluster lives as long as the test session.

Without PostgreSQL's programs the tests that need it are skipped, saying why; with
``RAPPORT_POSTGRES=required`` (``.ci/run`` sets it) they fail instead.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

MEMBERS = ("alice", "bob")
OWNER = "owner"
ADMIN = "postgres"  # the cluster's superuser, for making databases and roles only
_databases = itertools.count(1)


def bindir() -> Path | None:
    """The folder of PostgreSQL's server programs (initdb, pg_ctl), or None."""
    candidates: list[str] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if result.returncode == 0:
            candidates.append(result.stdout.strip())
    candidates.extend(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True))
    for folder in candidates:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("RAPPORT_POSTGRES") == "required":
        pytest.fail(f"PostgreSQL is required here (RAPPORT_POSTGRES=required): {reason}")
    pytest.skip(reason)


@dataclass(frozen=True)
class PgServer:
    bin: Path
    socket_dir: Path
    port: int

    def url(self, role: str, database: str) -> str:
        """A libpq URL for ``role`` on ``database`` through the server's socket."""
        return f"postgresql://{role}@/{database}?host={self.socket_dir}&port={self.port}"

    def connect(self, role: str, database: str = "postgres") -> Any:
        import psycopg

        return psycopg.connect(
            host=str(self.socket_dir), port=self.port, user=role, dbname=database, autocommit=True
        )

    def create_database(self) -> str:
        """A new, empty database owned by ``owner``; its name."""
        name = f"book{next(_databases)}"
        with self.connect(ADMIN) as conn:
            conn.execute(f"CREATE DATABASE {name} OWNER {OWNER}")
            # No member may create objects in the public schema (PostgreSQL 15 already
            # says so; older servers do not).
        with self.connect(ADMIN, name) as conn:
            conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            conn.execute(f"ALTER SCHEMA public OWNER TO {OWNER}")
        return name

    def stop(self) -> None:
        """Stop the server (fast: sessions are cut off), as an outage would."""
        _pg_ctl(self, "-m", "fast", "-w", "stop")

    def start(self) -> None:
        """Start it again after ``stop`` (the same data, socket and port)."""
        options = f"-k {self.socket_dir} -c listen_addresses='' -p {self.port} -c fsync=off"
        _pg_ctl(self, "-l", str(self.socket_dir / "server.log"), "-o", options, "-w", "start")


def _pg_ctl(server: PgServer, *args: str) -> None:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    env.pop("PGDATA", None)
    _run([str(server.bin / "pg_ctl"), "-D", str(server.socket_dir / "data"), *args],
         env=env, cwd=server.socket_dir, **_as_user())  # fmt: skip


def _as_user() -> dict[str, Any]:
    """``subprocess`` arguments that run a program as an unprivileged user."""
    if os.geteuid() != 0:
        return {}
    try:
        entry = pwd.getpwnam("postgres")
    except KeyError:
        _unavailable("running as root and there is no 'postgres' user to run the server as")
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _run(args: list[str], **kwargs: Any) -> None:
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A running PostgreSQL of our own, for the whole session."""
    folder = bindir()
    if folder is None:
        _unavailable("PostgreSQL's programs (initdb, pg_ctl) are not installed")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[team]')")
    assert folder is not None
    user = _as_user()
    root = Path(tempfile.mkdtemp(prefix="rapport-pg-"))
    if user:
        os.chown(root, user["user"], user["group"])
    data = root / "data"
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    env.pop("PGDATA", None)
    server = PgServer(folder, root, 5432)
    try:
        _run(
            [str(folder / "initdb"), "-D", str(data), "-U", ADMIN, "--auth=trust",
             "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            env=env, cwd=root, **user,
        )  # fmt: skip
        server.start()
        try:
            with server.connect(ADMIN) as conn:
                conn.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE")
                for member in MEMBERS:
                    conn.execute(f"CREATE ROLE {member} LOGIN")
            yield server
        finally:
            server.stop()
    finally:
        _remove_later(root)


def _remove_later(root: Path) -> None:
    """Remove the stopped cluster's folder in a process of its own: a session's databases
    take a gigabyte or more, and deleting them on a loaded disk took longer than the last
    test's timeout, which this teardown counts against."""
    try:  # the shell returns at once, leaving rm to run on its own
        subprocess.run(
            ["sh", "-c", 'rm -rf -- "$1" >/dev/null 2>&1 &', "sh", str(root)],
            check=True, start_new_session=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_outage(pg_server: PgServer) -> Iterator[PgServer]:
    """The session's server, which the test may ``stop`` (an outage) and ``start``; it is
    running again after the test whatever happened."""
    try:
        yield pg_server
    finally:
        try:
            with pg_server.connect(ADMIN):
                pass
        except Exception:
            pg_server.start()


@pytest.fixture
def pg_database(pg_server: PgServer) -> str:
    """The name of a new, empty database owned by ``owner`` on the session's server."""
    return pg_server.create_database()


@dataclass(frozen=True)
class TeamBook:
    server: PgServer
    database: str

    def url(self, role: str) -> str:
        return self.server.url(role, self.database)


TEMPLATE = "team_template"


def make_team(server: PgServer) -> TeamBook:
    """A new team book set up by its owner, with alice and bob as members.

    The first is set up by ``rapport team setup``'s code and kept as a template; the
    others are copies of it: PostgreSQL copies a small database's files (``FILE_COPY``,
    about 35 ms) faster than it sets one up (about 500 ms) or empties one (``TRUNCATE`` of
    every table, about 80 ms), and a copy cannot keep anything of an earlier test.
    """
    from rapport.store import postgres
    from rapport.store.models import db

    if TEMPLATE not in _made:
        with server.connect(ADMIN) as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE} OWNER {OWNER}")
        with server.connect(ADMIN, TEMPLATE) as conn:
            conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            conn.execute(f"ALTER SCHEMA public OWNER TO {OWNER}")
        database = postgres.connect(server.url(OWNER, TEMPLATE))
        try:
            postgres.setup(database)
            for member in MEMBERS:
                postgres.add_member(database, member)
        finally:
            database.close()
            db.initialize(None)
        _made.add(TEMPLATE)
    name = f"team{next(_databases)}"
    with server.connect(ADMIN) as conn:
        conn.execute(f"CREATE DATABASE {name} OWNER {OWNER} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
    return TeamBook(server, name)


def drop_team(team: TeamBook) -> None:
    """Remove a team book made by ``make_team`` (connections still open to it are ended:
    a test's listener, a process it left behind)."""
    with team.server.connect(ADMIN) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {team.database} WITH (FORCE)")


_made: set[str] = set()


@pytest.fixture
def team_book(
    pg_server: PgServer, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TeamBook]:
    """A team book opened by the app as alice (``book``'s twin on PostgreSQL)."""
    from rapport.services.book import close_book, open_book

    team = make_team(pg_server)
    monkeypatch.setenv(URL_VARIABLE, team.url("alice"))
    open_book(data_dir)
    try:
        yield team
    finally:
        close_book()
        drop_team(team)


# -- every store, services and command-line test on both engines -----------------------------
ENGINES = ("sqlite", "postgresql")
URL_VARIABLE = "RAPPORT_DATABASE_URL"
# The folders of tests/ whose tests run on both engines when they use a book (``engine``,
# which ``data_dir`` and so ``book`` use); elsewhere a test asks with ``both_engines``.
BOTH_ENGINES_FOLDERS = ("store", "services", "cli")
_TESTS = Path(__file__).resolve().parent


@pytest.fixture
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Where this test's book lives: "sqlite" (a file in ``data_dir``, the default) or
    "postgresql" (a fresh team book of its own on the session's server, opened as alice:
    ``RAPPORT_DATABASE_URL`` names it for the services, the CLI and the processes a test
    starts). ``data_dir`` asks for it, so a test's fixtures open the same book."""
    name = getattr(request, "param", "sqlite")
    if name == "sqlite":
        yield name
        return
    from rapport.services.book import close_book

    team = make_team(request.getfixturevalue("pg_server"))
    monkeypatch.setenv(URL_VARIABLE, team.url("alice"))
    try:
        yield name
    finally:
        close_book()  # the test's connection, before its database goes
        drop_team(team)


def on_both_engines(definition: pytest.Function | pytest.Item) -> bool:
    """The test runs on both engines: it is in one of ``BOTH_ENGINES_FOLDERS`` or marked
    ``both_engines``, and not marked ``sqlite_only`` (which must say why)."""
    only = definition.get_closest_marker("sqlite_only")
    if only is not None:
        if not str(only.kwargs.get("reason", "")).strip():
            raise pytest.UsageError(
                f"{definition.nodeid}: sqlite_only needs a reason (sqlite_only(reason=...))"
            )
        return False
    if definition.get_closest_marker("both_engines"):
        return True
    try:
        folder = Path(definition.path).resolve().relative_to(_TESTS).parts[0]
    except (ValueError, IndexError):
        return False
    return folder in BOTH_ENGINES_FOLDERS


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that uses a book (``engine``, through ``data_dir`` or ``book``) in the store,
    services or CLI tests runs on a file, then on a team book.

    ``postgresql_gap(reason=...)`` marks what a team book does not do yet: the test is
    skipped there, saying so in every run's summary (work left, not a file's test).
    """
    if "engine" not in metafunc.fixturenames or not on_both_engines(metafunc.definition):
        return
    gap = metafunc.definition.get_closest_marker("postgresql_gap")
    marks = (
        [pytest.mark.skip(reason=f"not yet on a team book: {gap.kwargs['reason']}")] if gap else []
    )
    metafunc.parametrize(
        "engine", ["sqlite", pytest.param("postgresql", marks=marks)], indirect=True
    )


@pytest.fixture
def books(
    engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Callable[[str], Path]]:
    """Several books in one test (an export from one imported into another): calling it
    with a name closes the open book and opens the one of that name, new the first time,
    on the test's ``engine``: a data folder of its own on a file, a team book of its own
    (a copy of the template, opened as alice) on PostgreSQL. Returns its data folder."""
    from rapport.services.book import close_book, open_book

    teams: dict[str, TeamBook] = {}

    def open_named(name: str) -> Path:
        close_book()
        if engine == "postgresql":
            if name not in teams:
                teams[name] = make_team(request.getfixturevalue("pg_server"))
            monkeypatch.setenv(URL_VARIABLE, teams[name].url("alice"))
        folder = tmp_path / name
        open_book(folder)
        return folder

    try:
        yield open_named
    finally:
        close_book()
        for team in teams.values():
            drop_team(team)


@pytest.fixture
def any_book(book: Path) -> Path:
    """``book`` (on each engine in turn where the test runs on both: ``engine``)."""
    return book


# Why a store, services or CLI test runs on SQLite only (``sqlite_only(reason=...)``): it
# is about the book's file, which a team book does not have.
BOOK_FILE = (
    "about the book's file (its bytes, header, permissions or pragmas): a team book has none"
)
FILE_BACKUP = (
    "copies or restores the book's file: a team book's backups are the server's (pg_dump); "
    "`rapport backup` there writes a JSON export (tests/team)"
)
FILE_LOCK = (
    "SQLite's one-writer lock on the file: PostgreSQL's writers do not queue for the whole "
    "book (concurrent captures from two processes: tests/team)"
)
OLD_FILE = (
    "opens a book file written by an older Rapport (its user_version, the backup before "
    "migrating); a team book climbs the same ladder in `rapport team setup` (tests/team)"
)
SQLITE_PLAN = "reads SQLite's query plan (EXPLAIN QUERY PLAN): PostgreSQL plans its own way"
ENCRYPTED_FILE = "an encrypted book is a SQLCipher file with a key file beside it"
NOT_UTF8 = (
    "SQLite keeps bytes that are not UTF-8 in a text column (damage that check finds); "
    "PostgreSQL refuses them at the write"
)
DRY_RUN = (
    "the hotkey's dry run reads the book's file with sqlite3 alone; with a team book it "
    "opens the book the usual way (test_capture_dry::test_anything_unusual_goes_the_usual_way)"
)
READ_ONLY_FILE = "a book file that cannot be written (PRAGMA query_only, a read-only folder)"
NO_FTS5 = "the LIKE search of a SQLite built without FTS5 (a team book searches with tsvector)"
LINKS_ALWAYS_CHECKED = (
    "a row pointing at a missing one, written with SQLite's foreign keys off: PostgreSQL "
    "always checks them, so a team book cannot hold one"
)
KILLED_FILE = "kill -9 of a process writing SQLite's file (its journal brings the book back)"

# What a team book does not do yet (``postgresql_gap(reason=...)``): work left, said in
# every run's summary.

NO_BOOK_YET = (
    "a data folder with no book file yet: a team book exists on its server once its owner "
    "has set it up"
)
NO_SERVER = (
    "a book on this computer makes no network connection in a whole session (backup and "
    "restore of its file included); a team book's connection is to its server"
)
