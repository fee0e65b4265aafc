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
from collections.abc import Iterator
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
    others are copies of it (PostgreSQL copies a database faster than it sets one up).
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
        conn.execute(f"CREATE DATABASE {name} OWNER {OWNER} TEMPLATE {TEMPLATE}")
    return TeamBook(server, name)


_made: set[str] = set()


@pytest.fixture
def team_book(
    pg_server: PgServer, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TeamBook]:
    """A team book opened by the app as alice (``book``'s twin on PostgreSQL)."""
    from rapport.services.book import close_book, open_book

    team = make_team(pg_server)
    monkeypatch.setenv("RAPPORT_DATABASE_URL", team.url("alice"))
    open_book(data_dir)
    try:
        yield team
    finally:
        close_book()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``both_engines`` that use ``book`` run on a file, then a team book."""
    if metafunc.definition.get_closest_marker("both_engines") and "book" in metafunc.fixturenames:
        metafunc.parametrize("book", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_book(request: pytest.FixtureRequest) -> Path:
    """An open, empty book on each engine in turn: a file, then a team book as alice."""
    if request.param == "sqlite":
        return Path(request.getfixturevalue("book"))
    request.getfixturevalue("team_book")
    return Path(request.getfixturevalue("data_dir"))
