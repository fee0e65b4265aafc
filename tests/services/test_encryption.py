"""The encrypted book's use cases: the keychain, a book in use, the idle lock."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from rapport.services import book, capture, encryption, keychain
from rapport.services.book import BookLockedError, close_book, open_book
from rapport.store import unlocked
from tests.encrypted import (
    CANARY,
    PASSPHRASE,
    FakeKeychain,
    encryption_setup,  # noqa: F401 (autouse)
    every_file,
    holding,
)
from tests.pgserver import ENCRYPTED_FILE

pytestmark = pytest.mark.sqlite_only(reason=ENCRYPTED_FILE)

_HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM client").fetchone()
print("open", flush=True)
sys.stdin.read()
conn.close()
"""


def _note(text: str) -> None:
    capture.save_capture(text, capture.understand_note(text))


def _encrypted(data_dir: Path) -> encryption.Encrypted:
    open_book(data_dir)
    _note(f"Met Dana Whitfield: {CANARY}")
    done = encryption.encrypt(data_dir, PASSPHRASE)
    close_book()
    unlocked.forget()
    return done


def test_a_remembered_key_unlocks_and_a_failing_keychain_means_asking(data_dir: Path) -> None:
    fake = FakeKeychain()
    keyring.set_keyring(fake)
    _encrypted(data_dir)
    assert not encryption.unlock_from_keychain(data_dir)  # nothing remembered yet
    encryption.unlock(data_dir, PASSPHRASE, remember=True)
    unlocked.forget()
    assert encryption.status(data_dir).remembered
    assert encryption.unlock_from_keychain(data_dir)
    open_book(data_dir)  # opens with the remembered key
    close_book()
    unlocked.forget()
    keyring.set_keyring(FakeKeychain(fails=True))  # locked, or D-Bus gone
    assert not encryption.unlock_from_keychain(data_dir)
    assert not keychain.save(data_dir / "rapport.db", b"\0" * 32)
    with pytest.raises(BookLockedError):
        open_book(data_dir)


def test_no_keychain_or_a_file_based_one_is_never_used(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    assert not keychain.available()
    assert not keychain.save(data_dir / "rapport.db", b"\1" * 32)

    class PlaintextKeyring(FakeKeychain):  # what keyrings.alt would write to a file
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    keyring.set_keyring(PlaintextKeyring())
    assert not keychain.available()
    assert not keychain.save(data_dir / "rapport.db", b"\1" * 32)


def test_a_book_open_in_another_program_is_not_converted(data_dir: Path) -> None:
    open_book(data_dir)
    _note(f"Met Dana Whitfield: {CANARY}")
    close_book()
    # Another program (a window) keeps the book open. (Another process: two SQLite
    # libraries in one process do not see each other's locks.)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(data_dir / "rapport.db")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(encryption.ServiceError, match="open in another Rapport"):
            encryption.encrypt(data_dir, PASSPHRASE)
    finally:
        holder.communicate("")
    assert not book.is_encrypted(data_dir)
    assert not (data_dir / "rapport.key").exists()
    assert [p.name for p in every_file(data_dir)] == ["rapport.db"]
    assert holding(data_dir, CANARY)


def test_a_wrong_passphrase_changes_nothing(data_dir: Path) -> None:
    _encrypted(data_dir)
    before = {p: hashlib.sha256(p.read_bytes()).digest() for p in every_file(data_dir)}
    with pytest.raises(encryption.WrongPassphraseError, match="wrong passphrase"):
        encryption.unlock(data_dir, "not the passphrase")
    with pytest.raises(encryption.WrongPassphraseError, match="wrong recovery key"):
        encryption.unlock_with_recovery(
            data_dir, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", new_passphrase="whatever12"
        )
    assert {p: hashlib.sha256(p.read_bytes()).digest() for p in every_file(data_dir)} == before
    assert encryption.unlocked_key(data_dir) is None


def test_the_idle_lock_closes_the_book_and_forgets_the_key(data_dir: Path) -> None:
    _encrypted(data_dir)
    encryption.unlock(data_dir, PASSPHRASE)
    open_book(data_dir)
    encryption.lock(data_dir)
    assert book.current_book() is None
    with pytest.raises(BookLockedError):
        open_book(data_dir)


def test_the_window_is_told_an_encrypted_book_is_locked_before_its_first_paint(
    data_dir: Path,
) -> None:
    _encrypted(data_dir)
    checked = book.check_book(data_dir)
    assert checked.locked and book.current_book() is None


def test_an_unlocked_encrypted_book_opens_through_the_cipher_engine(data_dir: Path) -> None:
    from rapport.services import search
    from rapport.store import engine

    _encrypted(data_dir)
    encryption.unlock(data_dir, PASSPHRASE)
    open_book(data_dir)
    current = engine.current()
    assert current.name == "sqlcipher" and current.full_text and current.file_backups
    assert current.quick_check() == [] and current.integrity_problems(20) == []
    assert current.schema_problems() == [] and current.foreign_key_problems() == []
    from rapport.store.models import db

    assert db.execute_sql("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY: no temp files
    assert [r.title for r in search.search("CANARY")][:1]
    close_book()
    encryption.decrypt(data_dir)
    open_book(data_dir)
    assert engine.current().name == "sqlite"


def test_a_connection_of_this_process_does_not_stop_the_conversion(data_dir: Path) -> None:
    """The window's main thread may read the book (its book watch) while the worker
    converts: only another process holding the book open refuses the conversion."""
    import sqlite3

    open_book(data_dir)
    _note(f"Met Dana Whitfield: {CANARY}")
    close_book()
    ours = sqlite3.connect(str(data_dir / "rapport.db"))  # as the main thread would
    ours.execute("SELECT count(*) FROM client").fetchone()
    try:
        encryption.encrypt(data_dir, PASSPHRASE)
    finally:
        ours.close()
    assert book.is_encrypted(data_dir)
    close_book()
    unlocked.forget()
    encryption.unlock(data_dir, PASSPHRASE)
    open_book(data_dir)
    from rapport.services import clients

    assert [c.name for c in clients.list_clients()] == ["Dana Whitfield"]
