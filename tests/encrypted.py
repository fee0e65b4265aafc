"""What the encrypted-book tests share: a cheap KDF, no key left over, a fake keychain.

Import the fixture into a test module (``from tests.encrypted import encryption_setup``);
it is autouse there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from rapport.core import bookkey
from rapport.store import unlocked

PASSPHRASE = "correct horse battery"
CANARY = "CANARY-7f3a9 her divorce"


class FakeKeychain(KeyringBackend):
    """An OS keychain in memory (``fails``: a locked one that raises on every call)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, fails: bool = False) -> None:
        super().__init__()
        self.fails = fails
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        if self.fails:
            raise keyring.errors.KeyringError("the keychain is locked")
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.fails:
            raise keyring.errors.PasswordSetError("the keychain is locked")
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.fails:
            raise keyring.errors.PasswordDeleteError("the keychain is locked")
        self.entries.pop((service, username), None)


@pytest.fixture(autouse=True)
def encryption_setup(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # argon2id at its cheapest: the tests check what is wrapped, not how slowly.
    monkeypatch.setattr(bookkey, "DEFAULT_KDF", bookkey.KdfParams(1, 1024, 1))
    monkeypatch.delenv("RAPPORT_PASSPHRASE_FILE", raising=False)
    previous = keyring.get_keyring()
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # a headless Linux: no keychain
    unlocked.forget()
    yield
    unlocked.forget()
    keyring.set_keyring(previous)


def every_file(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def holding(folder: Path, text: str) -> list[Path]:
    """The files under ``folder`` whose bytes hold ``text`` (UTF-8 or UTF-16)."""
    needles = [text.encode("utf-8"), text.encode("utf-16-le"), text.lower().encode("utf-8")]
    return [p for p in every_file(folder) if any(n in p.read_bytes() for n in needles)]


def passphrase_file(folder: Path, passphrase: str = PASSPHRASE, mode: int = 0o600) -> Path:
    path = folder / "passphrase.txt"
    path.write_text(passphrase + "\n", encoding="utf-8")
    path.chmod(mode)
    return path
