"""The encrypted book's key: a random data key, wrapped by the passphrase and by a recovery key.

The book is encrypted (SQLCipher, ``store/cipher.py``) with a random 256-bit data key that
never changes while the book stays encrypted. What the user knows only unwraps it:

- the passphrase goes through argon2id (memory-hard: guessing costs memory as well as
  time) into a key-encryption key, which opens the data key sealed with AES-256-GCM;
- the recovery key (157 random bits, shown once in groups of four characters for
  writing down) opens a second sealed copy the same way.

So changing the passphrase seals the same data key again (instant, the book is not
rewritten), and the recovery key keeps working across passphrase changes. The sealed
copies, the salts and the KDF's parameters are the key file beside the book
(``KeyFile``, JSON): it holds nothing that opens the book without the passphrase or the
recovery key. A wrong passphrase fails the AEAD's tag (``WrongSecretError``) before
SQLCipher ever sees a key, so SQLCipher's own KDF is not run again and its errors about a
wrong key never happen.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass, replace

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

DATA_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
FORMAT = "rapport-book-key"
FORMAT_VERSION = 1
# Recovery keys use the letters and digits that cannot be misread (no 0/O, 1/I/L, U).
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
RECOVERY_GROUPS = 8
RECOVERY_GROUP_SIZE = 4
MIN_PASSPHRASE = 8


class BookKeyError(Exception):
    """Base of what unwrapping can refuse (the message is meant for the user)."""


class WrongSecretError(BookKeyError):
    """The passphrase (or recovery key) does not open this book's key."""


class BadKeyFileError(BookKeyError):
    """The key file is not one Rapport wrote (damaged, or another program's)."""


@dataclass(frozen=True, slots=True)
class KdfParams:
    """argon2id's costs: RFC 9106's second recommended setting by default (64 MiB, t=3)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True, slots=True)
class Sealed:
    """The data key sealed by one secret: its salt, the AEAD's nonce and the sealed bytes."""

    salt: bytes
    nonce: bytes
    sealed: bytes


@dataclass(frozen=True, slots=True)
class KeyFile:
    kdf: KdfParams
    by_passphrase: Sealed
    by_recovery: Sealed


@dataclass(frozen=True, slots=True)
class NewKey:
    """What setting up encryption makes: the data key, its key file, the recovery key."""

    data_key: bytes
    key_file: KeyFile
    recovery_key: str


def weak_passphrase(passphrase: str) -> str | None:
    """Why ``passphrase`` is refused (too short, blank), else None."""
    if not passphrase.strip():
        return "the passphrase is empty"
    if len(passphrase) < MIN_PASSPHRASE:
        return f"the passphrase is too short: use at least {MIN_PASSPHRASE} characters"
    return None


def new_key(passphrase: str, kdf: KdfParams | None = None) -> NewKey:
    """A new random data key sealed by ``passphrase`` and by a new recovery key."""
    kdf = kdf or DEFAULT_KDF
    data_key = secrets.token_bytes(DATA_KEY_BYTES)
    recovery = new_recovery_key()
    key_file = KeyFile(
        kdf,
        _seal(data_key, passphrase, kdf, "passphrase"),
        _seal(data_key, normal_recovery_key(recovery), kdf, "recovery"),
    )
    return NewKey(data_key, key_file, recovery)


def unlock(key_file: KeyFile, passphrase: str) -> bytes:
    """The data key, opened with the passphrase; WrongSecretError if it does not."""
    return _open(key_file.by_passphrase, passphrase, key_file.kdf, "passphrase")


def unlock_with_recovery(key_file: KeyFile, recovery_key: str) -> bytes:
    """The data key, opened with the recovery key (spaces, dashes and case ignored)."""
    return _open(key_file.by_recovery, normal_recovery_key(recovery_key), key_file.kdf, "recovery")


def rewrap(key_file: KeyFile, data_key: bytes, new_passphrase: str) -> KeyFile:
    """The key file with the data key sealed by a new passphrase (the recovery copy kept)."""
    return replace(
        key_file, by_passphrase=_seal(data_key, new_passphrase, key_file.kdf, "passphrase")
    )


def new_recovery_key() -> str:
    """Random characters of RECOVERY_ALPHABET, in groups: ``ABCD-EFGH-...``."""
    chars = [
        secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_SIZE)
    ]
    groups = [
        "".join(chars[i : i + RECOVERY_GROUP_SIZE])
        for i in range(0, len(chars), RECOVERY_GROUP_SIZE)
    ]
    return "-".join(groups)


def normal_recovery_key(text: str) -> str:
    """A recovery key as typed, without spaces and dashes, upper case."""
    return "".join(ch for ch in text.upper() if ch not in " -\t\n")


def _derive(secret: str, salt: bytes, kdf: KdfParams) -> bytes:
    """The key-encryption key of ``secret``. It is NFC-normalised first: "é" typed on one
    system as one character and on another as e + accent is the same passphrase."""
    return hash_secret_raw(
        unicodedata.normalize("NFC", secret).encode("utf-8"),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism,
        hash_len=DATA_KEY_BYTES,
        type=Type.ID,
    )


def _aad(purpose: str) -> bytes:
    return f"{FORMAT}/{FORMAT_VERSION}/{purpose}".encode()


def _seal(data_key: bytes, secret: str, kdf: KdfParams, purpose: str) -> Sealed:
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_derive(secret, salt, kdf)).encrypt(nonce, data_key, _aad(purpose))
    return Sealed(salt, nonce, sealed)


def _open(sealed: Sealed, secret: str, kdf: KdfParams, purpose: str) -> bytes:
    try:
        key = AESGCM(_derive(secret, sealed.salt, kdf)).decrypt(
            sealed.nonce, sealed.sealed, _aad(purpose)
        )
    except InvalidTag:
        what = "recovery key" if purpose == "recovery" else "passphrase"
        raise WrongSecretError(f"wrong {what}: it does not open this book") from None
    if len(key) != DATA_KEY_BYTES:
        raise BadKeyFileError("the key file holds a key of the wrong size")
    return key


def to_json(key_file: KeyFile) -> str:
    def sealed(item: Sealed) -> dict[str, str]:
        return {
            "salt": _b64(item.salt),
            "nonce": _b64(item.nonce),
            "sealed": _b64(item.sealed),
        }

    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "cipher": "AES-256-GCM",
        "kdf": {
            "name": "argon2id",
            "time_cost": key_file.kdf.time_cost,
            "memory_kib": key_file.kdf.memory_kib,
            "parallelism": key_file.kdf.parallelism,
        },
        "passphrase": sealed(key_file.by_passphrase),
        "recovery": sealed(key_file.by_recovery),
    }
    return json.dumps(document, indent=2) + "\n"


def from_json(text: str) -> KeyFile:
    """The key file's content; BadKeyFileError when it is not one Rapport wrote."""
    try:
        document = json.loads(text)
        if document.get("format") != FORMAT:
            raise BadKeyFileError("the key file is not a Rapport key file")
        if document.get("version") != FORMAT_VERSION:
            raise BadKeyFileError(
                f"the key file was written by another version of Rapport "
                f"(format {document.get('version')}); update Rapport to open this book"
            )
        kdf = document["kdf"]
        if kdf.get("name") != "argon2id":
            raise BadKeyFileError(f"the key file names an unknown KDF ({kdf.get('name')})")
        params = KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))
        return KeyFile(params, _sealed(document["passphrase"]), _sealed(document["recovery"]))
    except BadKeyFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BadKeyFileError(f"the key file is damaged ({exc.__class__.__name__})") from None


def _sealed(item: dict[str, str]) -> Sealed:
    return Sealed(_unb64(item["salt"]), _unb64(item["nonce"]), _unb64(item["sealed"]))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
