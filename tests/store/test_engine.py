"""The engine seam (store/engine.py): services reach the book's engine, never its type.

An engine registered through ``register`` is the one a book opens with and the one the
services ask; the server engine (``RAPPORT_DATABASE_URL``) runs the same services
without the SQLite-only parts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rapport.services import backup, book_watch, clients, dbcheck, exchange, search
from rapport.services.book import check_book, close_book, open_book
from rapport.services.errors import ServiceError
from rapport.store import engine, engines
from rapport.store.engine_server import ServerEngine
from rapport.store.engine_sqlite import SqliteEngine
from tests.pgserver import BOOK_FILE

VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Zapata\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n"


class CountingEngine(SqliteEngine):
    """SQLite without full-text search, counting what the services ask of it."""

    name = "counting"
    full_text = False
    file_backups = False

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.asked: list[str] = []

    def check_header(self) -> int | None:
        self.asked.append("check_header")
        return super().check_header()

    def change_counter(self) -> int:
        self.asked.append("change_counter")
        return 41

    def integrity_problems(self, limit: int) -> list[str]:
        self.asked.append(f"integrity_problems({limit})")
        return super().integrity_problems(limit)


@pytest.fixture
def counting(data_dir: Path) -> Iterator[list[CountingEngine]]:
    made: list[CountingEngine] = []

    def chooser(path: Path, url: str | None) -> CountingEngine:
        made.append(CountingEngine(path))
        return made[-1]

    engines.register(chooser)
    try:
        yield made
    finally:
        engines.unregister(chooser)
        close_book()


def test_a_registered_engine_is_the_one_services_use(
    data_dir: Path, counting: list[CountingEngine]
) -> None:
    open_book(data_dir)
    used = engine.current()
    assert isinstance(used, CountingEngine) and used is counting[-1]
    clients.create_client("Bob Smith", company="Acme")
    assert book_watch.data_version() == 41
    # Without the engine's full-text search, search reads the documents with LIKE.
    assert [hit.title for hit in search.search("acme")] == ["Bob Smith"]
    with pytest.raises(ServiceError, match="back up a server database"):
        backup.backup_now()
    assert backup.auto_backup_if_due().why_not == "not a local book"
    report = dbcheck.check_database()
    assert report.integrity == [] and report.foreign_keys == []
    assert used.asked.count("change_counter") == 1
    assert "integrity_problems(50)" in used.asked
    # The window's check before its first paint asks the engine too.
    close_book()
    check_book(data_dir)
    assert counting[-1].asked == ["check_header"]


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_a_book_in_a_file_gets_the_sqlite_engine(book: Path) -> None:
    used = engine.current()
    assert type(used) is SqliteEngine and used.path == book / "rapport.db"
    assert used.full_text and used.file_backups and used.stages_imports
    client = clients.create_client("Bob Smith", company="Acme")
    assert search.search("acme")[0].client_id == client.id
    assert backup.backup_now().is_file()
    card = book / "ana.vcf"
    card.write_text(VCARD, encoding="utf-8")
    assert exchange.apply_import(exchange.preview_import(card)).added == 1
    assert [hit.title for hit in search.search("Zapata")] == ["Ana Zapata"]


def test_the_server_engine_runs_the_services_without_sqlite_s_parts(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # playhouse.db_url reaches any database; an SQLite URL stands in for a server here.
    monkeypatch.setenv(engines.URL_VARIABLE, f"sqlite:///{data_dir / 'server.db'}")
    data_dir.mkdir()
    open_book(data_dir)
    try:
        used = engine.current()
        assert isinstance(used, ServerEngine) and used.path is None
        clients.create_client("José Núñez", company="Acme")
        assert [hit.title for hit in search.search("acme")] == ["José Núñez"]
        assert [c.name for c in clients.list_clients()] == ["José Núñez"]
        with pytest.raises(ServiceError, match="back up a server database"):
            backup.backup_now()
        assert dbcheck.check_database().integrity == []
        # An import writes its rows without TEMP tables (stages_imports is False).
        card = data_dir / "ana.vcf"
        card.write_text(VCARD, encoding="utf-8")
        assert exchange.apply_import(exchange.preview_import(card)).added == 1
        assert [hit.title for hit in search.search("Zapata")] == ["Ana Zapata"]
    finally:
        close_book()


def test_use_puts_an_engine_in_place_for_a_block_only(book: Path) -> None:
    before = engine.current()
    fake = CountingEngine(book / "rapport.db")
    with engine.use(fake):
        assert engine.current() is fake
        assert book_watch.data_version() == 41
    assert engine.current() is before


class RecordingIndex:
    """An engine's own search index: FTS5 underneath, noting what it is asked."""

    def __init__(self) -> None:
        from rapport.store.search import FTS5

        self.inner = FTS5
        self.asked: list[str] = []

    def __getattr__(self, name: str) -> Any:
        self.asked.append(name)
        return getattr(self.inner, name)


class OwnIndexEngine(CountingEngine):
    """An engine whose search is its own (as a team book's is the server's)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.index = RecordingIndex()

    def search_index(self) -> RecordingIndex:  # type: ignore[override]
        return self.index


def test_search_and_its_documents_go_through_the_engine_s_index(data_dir: Path) -> None:
    # store/search.py asks the engine for its index: no branch on the database's type.
    made: list[OwnIndexEngine] = []

    def chooser(path: Path, url: str | None) -> OwnIndexEngine:
        made.append(OwnIndexEngine(path))
        return made[-1]

    engines.register(chooser)
    try:
        open_book(data_dir)
        asked = made[-1].index.asked
        bob = clients.create_client("Bob Smith", company="Acme")
        assert "index" in asked
        assert [hit.title for hit in search.search("acme")] == ["Bob Smith"]
        assert "search" in asked
        clients.delete_client(bob.id)
        assert "unindex" in asked and search.search("acme") == []
        search.rebuild_index()
        assert {"clear", "index_many", "optimize"} <= set(asked)
    finally:
        engines.unregister(chooser)
        close_book()
