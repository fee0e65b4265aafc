"""The data key of the encrypted book this process has unlocked (none: a plain book).

Set when the book is unlocked (``services/encryption.py``) and read when it is opened,
backed up or restored (``store/db.py``, ``store/backup.py``). Only in memory: the key is
never written to a file (the keychain, when the user asks, is the OS's own store).
"""

from __future__ import annotations

from pathlib import Path

_keys: dict[Path, bytes] = {}


def _name(book: Path) -> Path:
    return book.expanduser().resolve()


def set_key(book: Path, key: bytes) -> None:
    _keys[_name(book)] = key


def key_for(book: Path) -> bytes | None:
    return _keys.get(_name(book))


def forget(book: Path | None = None) -> None:
    """Drop the key of ``book`` (all keys with None): the idle lock, a decrypted book."""
    if book is None:
        _keys.clear()
    else:
        _keys.pop(_name(book), None)
