"""Shared fixtures: every test gets its own data directory and a fixed "today"."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

TODAY = "2026-11-18"  # a Wednesday

# A throwaway PostgreSQL server (pg_server, pg_database) for the team book's tests.
pytest_plugins = ["tests.pgserver"]

# Before pytest-qt creates the (session-wide) QApplication: no screen is needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_RUNS_WIDGETS = pytest.StashKey[bool]()


def pytest_collection_finish(session: pytest.Session) -> None:
    session.config.stash[_RUNS_WIDGETS] = any(
        "qtbot" in item.fixturenames or "qapp" in item.fixturenames  # type: ignore[attr-defined]
        for item in session.items
    )


@pytest.fixture(scope="session", autouse=True)
def _widgets_app_first(request: pytest.FixtureRequest) -> None:
    """A run with widget tests makes pytest-qt's QApplication before any test runs: a
    command printed in-process before them (a card's or a brief's PDF) would otherwise
    make the command line's QGuiApplication, which no widget test can use."""
    if request.config.stash.get(_RUNS_WIDGETS, False):
        request.getfixturevalue("qapp")


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may touch the user's real data directory or depend on the real date, nor on
    the locale's date order (the labelled notes write 3/15 month first)."""
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path_factory.mktemp("data-default")))
    monkeypatch.setenv("RAPPORT_TODAY", TODAY)
    monkeypatch.setenv("RAPPORT_DATE_ORDER", "mdy")
    # Set, then removed, so that the test's end takes away a URL that `--database-url`
    # put in the environment meanwhile (delenv alone records nothing when it is unset).
    monkeypatch.setenv("RAPPORT_DATABASE_URL", "")
    monkeypatch.delenv("RAPPORT_DATABASE_URL")
    # Phone publishing never reaches the user's real keychain from a test (tests that
    # need one install tests/dav_server.MemoryKeyring).
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture
def data_dir(tmp_path: Path, engine: str) -> Path:
    """A fresh data directory; its book is on ``engine`` (a file, or a team book on the
    session's PostgreSQL for the tests that run on both: tests/pgserver.py)."""
    return tmp_path / "data"


@pytest.fixture
def book(data_dir: Path) -> Iterator[Path]:
    """An open, empty book in a fresh data directory (on each engine in turn where the
    test runs on both)."""
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    try:
        yield data_dir
    finally:
        close_book()


@pytest.fixture
def dav_server(tmp_path: Path) -> Iterator[object]:
    """A real Radicale CalDAV/CardDAV server on 127.0.0.1 (tests/dav_server.py)."""
    from tests.dav_server import DavServer

    server = DavServer(tmp_path / "dav")
    server.start()
    try:
        yield server
    finally:
        server.stop()
