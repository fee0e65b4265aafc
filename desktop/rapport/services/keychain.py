"""Remembering an encrypted book's key in the operating system's keychain (``keyring``).

Only a real keychain is used: the macOS Keychain, Windows' Credential Locker, the Secret
Service (GNOME Keyring, KWallet) on Linux. ``keyring``'s stand-ins that would write the
key to a file (``keyrings.alt``'s plain-text and "encrypted" file keyrings) or that only
fail (a headless Linux has no keychain: its backend is ``fail.Keyring``) count as no
keychain; so does a keychain that raises (locked, D-Bus missing). Then nothing is
remembered and Rapport asks for the passphrase instead: it never writes the key or the
passphrase to a plain file.

The entry is the data key (hex) under the service "Rapport" and the book's full path, so
changing the passphrase keeps it valid and two books have two entries.
"""

from __future__ import annotations

from pathlib import Path

SERVICE = "Rapport"
# Modules of keyring backends that are no keychain (they fail, or write a file).
_REFUSED = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def _backend() -> object | None:
    """The usable keychain, or None (absent, failing or file-based)."""
    try:
        import keyring
        from keyring.backends import chainer

        backend = keyring.get_keyring()
        backends = backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
    except Exception:  # an import or a backend's setup failing: no keychain
        return None
    usable = [b for b in backends if not type(b).__module__.startswith(_REFUSED)]
    return backend if usable and len(usable) == len(backends) else None


def available() -> bool:
    return _backend() is not None


def _account(book: Path) -> str:
    return str(book.expanduser().resolve())


def load(book: Path) -> bytes | None:
    """The remembered key of ``book``; None when none (or no keychain, or it fails)."""
    backend = _backend()
    if backend is None:
        return None
    try:
        value = backend.get_password(SERVICE, _account(book))  # type: ignore[attr-defined]
        return bytes.fromhex(value) if value else None
    except Exception:  # a locked or failing keychain: ask instead
        return None


def save(book: Path, key: bytes) -> bool:
    """Remember ``key`` for ``book``; False (nothing written anywhere) when it cannot."""
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, _account(book), key.hex())  # type: ignore[attr-defined]
    except Exception:
        return False
    return True


def delete(book: Path) -> None:
    backend = _backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, _account(book))  # type: ignore[attr-defined]
    except Exception:  # none there, or the keychain fails: nothing to forget
        return
