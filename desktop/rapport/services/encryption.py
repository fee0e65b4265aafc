"""The encrypted book: turning encryption on and off, unlocking, changing the passphrase.

How the keys work is in ``core/bookkey.py`` (a random data key sealed by the passphrase
and by a recovery key, in the key file ``rapport.key`` beside the book), the engine in
``store/cipher.py`` (SQLCipher 4). This module does the use cases:

- ``encrypt``: the whole book is copied into an encrypted file beside it; the plain book
  stays as it is until the copy passes SQLite's integrity check with as many rows in
  every table; then the key file is written, the copy takes the book's name and the
  plain book's -wal/-shm are removed. The plain backups in the backup folders are
  encrypted the same way (unless the user keeps them plain), so no plain copy of the
  book is left in the data folder.
- ``decrypt``: the same, the other way; the key file goes last.
- ``unlock`` / ``unlock_with_recovery`` / ``unlock_from_keychain``: the data key, kept in
  this process's memory only (``store/unlocked.py``).
- ``change_passphrase``: the data key sealed again (instant).

Every step that can fail leaves the book as it was: a conversion that fails, or finds
the book open in another Rapport, removes its partial file and says why.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from rapport import paths
from rapport.core import bookkey
from rapport.services import keychain
from rapport.services.backup import BackupFile, backup_folder
from rapport.services.book import (
    close_book,
    current_book,
    is_encrypted,
    key_file,
    open_book,
)
from rapport.services.damaged import backups_in, folders_of
from rapport.services.errors import ServiceError
from rapport.store import cipher, unlocked
from rapport.store.errors import StoreError, raise_named
from rapport.store.files import partial_beside, replace_with

Progress = Callable[[int, int], None]


class WrongPassphraseError(ServiceError):
    """The passphrase (or recovery key) does not open the book; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Encrypted:
    recovery_key: str  # shown once: the user writes it down
    backups_encrypted: int
    backups_kept_plain: int
    backups_failed: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class Decrypted:
    backups_decrypted: int
    backups_failed: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class Status:
    encrypted: bool
    unlocked: bool
    remembered: bool


def status(data_dir: Path) -> Status:
    book = paths.database_path(data_dir)
    encrypted = is_encrypted(data_dir)
    return Status(
        encrypted,
        encrypted and unlocked.key_for(book) is not None,
        encrypted and keychain.load(book) is not None,
    )


def unlocked_key(data_dir: Path) -> bytes | None:
    """The key of the book in ``data_dir`` when this process unlocked it (else None)."""
    return unlocked.key_for(paths.database_path(data_dir))


def plain_backups(data_dir: Path) -> list[Path]:
    """The plain backups of the book (what encrypting converts unless kept plain)."""
    return [item.path for item in _backups(data_dir) if _is_plain(item.path)]


# -- unlocking ------------------------------------------------------------------------------


def read_key_file(data_dir: Path) -> bookkey.KeyFile:
    path = key_file(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ServiceError(f"the book is not encrypted (no key file {path})") from None
    except OSError as exc:
        raise ServiceError(f"cannot read the key file {path}: {exc.strerror}") from None
    try:
        return bookkey.from_json(text)
    except bookkey.BookKeyError as exc:
        raise ServiceError(f"{path}: {exc}") from None


def unlock(data_dir: Path, passphrase: str, *, remember: bool = False) -> None:
    """Open the book's key with ``passphrase`` (WrongPassphraseError if it does not)."""
    key = _opened(lambda kf: bookkey.unlock(kf, passphrase), data_dir)
    _unlocked(data_dir, key, remember)


def unlock_with_recovery(data_dir: Path, recovery_key: str, *, new_passphrase: str) -> None:
    """Open the book's key with the recovery key and seal it with a new passphrase."""
    refused = bookkey.weak_passphrase(new_passphrase)
    if refused:
        raise ServiceError(refused)
    key = _opened(lambda kf: bookkey.unlock_with_recovery(kf, recovery_key), data_dir)
    _write_key_file(data_dir, bookkey.rewrap(read_key_file(data_dir), key, new_passphrase))
    _unlocked(data_dir, key, False)


def unlock_from_keychain(data_dir: Path) -> bool:
    """Unlock with the key remembered in the OS keychain; False when there is none
    (or the keychain is absent or fails: the caller asks for the passphrase instead)."""
    book = paths.database_path(data_dir)
    key = keychain.load(book)
    if key is None:
        return False
    if not _key_fits(book, key):
        keychain.delete(book)  # a stale entry (the book was encrypted again)
        return False
    unlocked.set_key(book, key)
    return True


def remember(data_dir: Path) -> bool:
    """Keep the unlocked book's key in the OS keychain; False when the keychain fails."""
    book = paths.database_path(data_dir)
    key = unlocked.key_for(book)
    if key is None:
        raise ServiceError("unlock the book first")
    return keychain.save(book, key)


def forget(data_dir: Path) -> None:
    """Remove the key from the keychain (the passphrase is asked at the next start)."""
    keychain.delete(paths.database_path(data_dir))


def lock(data_dir: Path) -> None:
    """Close the book and forget its key (the idle lock): the passphrase is asked again."""
    close_book()
    unlocked.forget(paths.database_path(data_dir))


def change_passphrase(data_dir: Path, new_passphrase: str) -> None:
    """Seal the unlocked book's key with ``new_passphrase``: instant, the book is unchanged.

    The recovery key keeps working; a remembered key (the keychain) too.
    """
    refused = bookkey.weak_passphrase(new_passphrase)
    if refused:
        raise ServiceError(refused)
    key = _key(data_dir)
    _write_key_file(data_dir, bookkey.rewrap(read_key_file(data_dir), key, new_passphrase))


# -- converting -----------------------------------------------------------------------------


def encrypt(
    data_dir: Path,
    passphrase: str,
    *,
    keep_plain_backups: bool = False,
    progress: Progress | None = None,
) -> Encrypted:
    """Encrypt the book in ``data_dir`` with a new key sealed by ``passphrase``.

    Returns the recovery key (to show once) and what happened to the plain backups.
    """
    if os.environ.get("RAPPORT_DATABASE_URL"):
        raise ServiceError("only a book on this computer can be encrypted")
    refused = bookkey.weak_passphrase(passphrase)
    if refused:
        raise ServiceError(refused)
    book = paths.database_path(data_dir)
    if is_encrypted(data_dir):
        raise ServiceError("the book is already encrypted")
    if not book.is_file():
        raise ServiceError(f"there is no book in {data_dir} yet")
    made = bookkey.new_key(passphrase)
    backups = [] if keep_plain_backups else plain_backups(data_dir)
    was_open = _close_if_open(data_dir)
    try:
        _convert_book(book, None, made.data_key, progress)
        _write_key_file(data_dir, made.key_file)
        _swap(book)
    except BaseException:
        if was_open:
            _reopen(data_dir)
        raise
    unlocked.set_key(book, made.data_key)
    if was_open:  # at once: the window's reads go to the new book from here on
        _reopen(data_dir)
    done, failed = _convert_backups(backups, None, made.data_key)
    kept = 0 if not keep_plain_backups else len(plain_backups(data_dir))
    return Encrypted(made.recovery_key, done, kept, tuple(failed))


def decrypt(data_dir: Path, *, progress: Progress | None = None) -> Decrypted:
    """Make the unlocked encrypted book plain again; its encrypted backups too.

    The key file goes last (so encrypted backups stay readable if this is stopped), and
    the keychain forgets the key.
    """
    book = paths.database_path(data_dir)
    if not is_encrypted(data_dir):
        raise ServiceError("the book is not encrypted")
    key = _key(data_dir)
    was_open = _close_if_open(data_dir)
    try:
        _convert_book(book, key, None, progress)
        _swap(book)
    except BaseException:
        if was_open:
            _reopen(data_dir)
        raise
    unlocked.forget(book)
    if was_open:  # at once: the window's reads go to the new book from here on
        _reopen(data_dir)
    encrypted_backups = [item.path for item in _backups(data_dir) if not _is_plain(item.path)]
    done, failed = _convert_backups(encrypted_backups, key, None)
    if not failed:
        key_file(data_dir).unlink(missing_ok=True)
    keychain.delete(book)
    return Decrypted(done, tuple(failed))


# -- the steps ------------------------------------------------------------------------------


def _convert_book(
    book: Path, source_key: bytes | None, target_key: bytes | None, progress: Progress | None
) -> None:
    """The converted copy at ``book``'s partial name, checked, then renamed over it.

    The rename happens in ``_swap`` once the key file is written; here the copy is made
    and checked, and kept as ``.rapport.db.converted`` until then.
    """
    target = _converted(book)
    with suppress(FileNotFoundError):
        target.unlink()
    try:
        with partial_beside(book) as partial:
            try:
                cipher.convert(
                    book, partial, source_key=source_key, target_key=target_key, progress=progress
                )
            except cipher.DatabaseError as exc:
                raise_named(exc, book)
            problems = cipher.check(partial, target_key)
            if problems:
                raise ServiceError(
                    f"the converted copy did not pass the check ({problems[0]}); "
                    "the book was left as it was"
                )
            if cipher.row_counts(partial, target_key) != cipher.row_counts(book, source_key):
                raise ServiceError(
                    "the converted copy does not hold every row; the book was left as it was"
                )
            _refuse_if_in_use(book)
            replace_with(partial, target)
    except BaseException:
        with suppress(FileNotFoundError):
            target.unlink()
        raise


def _converted(book: Path) -> Path:
    return book.with_name(f".{book.name}.converted")


def _swap(book: Path) -> None:
    """The checked copy takes the book's name; the old book's -wal/-shm go with it."""
    replace_with(_converted(book), book)
    for sidecar in cipher.sidecars(book):
        with suppress(FileNotFoundError):
            sidecar.unlink()


def _refuse_if_in_use(book: Path) -> None:
    """Another program (a window, a command) has the book open: refuse to convert it."""
    if cipher.open_elsewhere(book):
        raise ServiceError(
            "the book is open in another Rapport (a window or a command); close it and "
            "try again (nothing was changed)"
        )


def _convert_backups(
    items: list[Path], source_key: bytes | None, target_key: bytes | None
) -> tuple[int, list[Path]]:
    done = 0
    failed: list[Path] = []
    for path in items:
        try:
            with partial_beside(path) as partial:
                cipher.convert(
                    path, partial, source_key=source_key, target_key=target_key, wal=False
                )
                if cipher.check(partial, target_key):
                    raise ServiceError("the converted backup did not pass the check")
                os.chmod(partial, stat.S_IRUSR | stat.S_IWUSR)
                replace_with(partial, path)
            for sidecar in cipher.sidecars(path):
                with suppress(FileNotFoundError):
                    sidecar.unlink()
        except (ServiceError, StoreError, OSError, cipher.DatabaseError):
            # Reported, never raised: the book is converted by now, and the recovery key
            # must still be shown.
            failed.append(path)
            continue
        done += 1
    return done, failed


def _backups(data_dir: Path) -> list[BackupFile]:
    """Every backup of the book: the default folder, the one the pointer names, and the
    backup_dir setting's when the book is open (it is a setting inside the book)."""
    folders = folders_of(data_dir)
    if current_book() is not None:
        custom = backup_folder()
        if custom not in folders:
            folders.append(custom)
    return backups_in(folders)


def _is_plain(path: Path) -> bool:
    try:
        return cipher.is_plain(path)
    except OSError:
        return False


def _write_key_file(data_dir: Path, content: bookkey.KeyFile) -> None:
    """The key file, written whole (a partial file renamed over it), 0600."""
    path = key_file(data_dir)
    with partial_beside(path) as partial:
        partial.write_text(bookkey.to_json(content), encoding="utf-8")
        replace_with(partial, path)


def _opened(how: Callable[[bookkey.KeyFile], bytes], data_dir: Path) -> bytes:
    try:
        return how(read_key_file(data_dir))
    except bookkey.WrongSecretError as exc:
        raise WrongPassphraseError(str(exc)) from None
    except bookkey.BookKeyError as exc:
        raise ServiceError(f"{key_file(data_dir)}: {exc}") from None


def _unlocked(data_dir: Path, key: bytes, remember_it: bool) -> None:
    book = paths.database_path(data_dir)
    unlocked.set_key(book, key)
    if remember_it:
        keychain.save(book, key)


def _key(data_dir: Path) -> bytes:
    key = unlocked.key_for(paths.database_path(data_dir))
    if key is None:
        raise ServiceError("unlock the book first")
    return key


def _key_fits(book: Path, key: bytes) -> bool:
    try:
        cipher.user_version(book, key)
    except cipher.DatabaseError:
        return False
    return True


def _close_if_open(data_dir: Path) -> bool:
    current = current_book()
    if current is None or current.data_dir.resolve() != data_dir.resolve():
        return False
    close_book()
    return True


def _reopen(data_dir: Path) -> None:
    open_book(data_dir)
