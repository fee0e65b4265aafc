"""``rapport encrypt``, ``rapport decrypt`` and ``rapport passphrase``: the encrypted book.

Passphrases are never arguments (they would show in ``ps``): see ``cli/passphrases.py``
for where they are read from, and ``services/encryption.py`` for what happens.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rapport.cli.common import progress_line, say, warn
from rapport.core.counts import counted

UNLOCKING = (
    "Other commands unlock an encrypted book from the keychain (when remembered), else from "
    "the file named by RAPPORT_PASSPHRASE_FILE (its first line; refused unless it is yours "
    "and 0600), else by asking on the terminal; else they stop with exit 1. A passphrase "
    "is never an argument."
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    encrypt = sub.add_parser(
        "encrypt",
        help="encrypt the book with a passphrase",
        description="Encrypt the book (SQLCipher, AES-256) with a new passphrase, asked twice "
        "on the terminal, or read once from the first line of stdin when stdin is not a "
        "terminal. Prints the recovery key: write it down, without it or the passphrase the "
        "book cannot be opened. The plain book is removed once the encrypted copy passes its "
        "check; plain backups are encrypted too (the count is printed). " + UNLOCKING,
    )
    encrypt.add_argument(
        "--keep-plain-backups",
        action="store_true",
        help="leave the existing backups plain (anyone with the files can read them)",
    )
    encrypt.add_argument(
        "--remember",
        action="store_true",
        help="remember the key in this computer's keychain (when there is one)",
    )
    encrypt.set_defaults(run=run_encrypt)

    decrypt = sub.add_parser(
        "decrypt",
        help="remove the book's encryption",
        description="Make the encrypted book (and its encrypted backups) plain files again, "
        "readable without a passphrase. " + UNLOCKING,
    )
    decrypt.set_defaults(run=run_decrypt)

    passphrase = sub.add_parser(
        "passphrase",
        help="change the encrypted book's passphrase",
        description="Change the passphrase (instant: the book is not rewritten). The current "
        "one unlocks as for any command; with --recovery the recovery key is asked instead "
        "(forgotten passphrase). The new one is asked twice on the terminal, or read from the "
        "next line of stdin. --remember and --forget only change what the keychain keeps. "
        + UNLOCKING,
    )
    how = passphrase.add_mutually_exclusive_group()
    how.add_argument(
        "--recovery", action="store_true", help="unlock with the recovery key, then set a new one"
    )
    how.add_argument(
        "--remember",
        action="store_true",
        help="only remember the key in this computer's keychain",
    )
    how.add_argument("--forget", action="store_true", help="only remove the key from the keychain")
    passphrase.set_defaults(run=run_passphrase)


def _data_dir(args: argparse.Namespace) -> Path:
    from rapport import paths

    return paths.ensure_data_dir(paths.data_dir(args.data_dir))


def _progress(what: str):  # type: ignore[no-untyped-def]
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        progress_line(f"{what}: {100 * done // max(total, 1)}%", done=done >= total)

    return show


def run_encrypt(args: argparse.Namespace) -> int:
    from rapport.cli import passphrases
    from rapport.services import encryption
    from rapport.services.book import close_book, open_book

    data_dir = _data_dir(args)
    if encryption.status(data_dir).encrypted:
        warn("the book is already encrypted (rapport passphrase changes its passphrase)")
        return 1
    open_book(data_dir)  # migrated and checked before it is copied; the backup_dir setting
    passphrase = passphrases.new_passphrase()
    done = encryption.encrypt(
        data_dir,
        passphrase,
        keep_plain_backups=args.keep_plain_backups,
        progress=_progress("Encrypting"),
    )
    close_book()
    say("The book is encrypted.")
    say("Recovery key: write it down and keep it apart from this computer; without it or")
    say("the passphrase the book cannot be opened:")
    say()
    groups = done.recovery_key.split("-")
    half = len(groups) // 2
    say("    " + "-".join(groups[:half]))
    say("    " + "-".join(groups[half:]))
    say()
    if done.backups_encrypted:
        say(f"Encrypted {_backups(done.backups_encrypted)} too.")
    if done.backups_kept_plain:
        say(
            f"Kept {_backups(done.backups_kept_plain)} plain (--keep-plain-backups): anyone "
            "with those files can read them."
        )
    for path in done.backups_failed:
        warn(f"could not encrypt the backup {path}: it is still plain; delete it or check it")
    if args.remember and not encryption.remember(data_dir):
        warn("no keychain on this computer: the passphrase will be asked each time")
    return 1 if done.backups_failed else 0


def run_decrypt(args: argparse.Namespace) -> int:
    from rapport.cli import passphrases
    from rapport.services import encryption

    data_dir = _data_dir(args)
    if not encryption.status(data_dir).encrypted:
        warn("the book is not encrypted")
        return 1
    passphrases.unlock(data_dir)
    done = encryption.decrypt(data_dir, progress=_progress("Decrypting"))
    say("The book is no longer encrypted: anyone with the file can read it.")
    if done.backups_decrypted:
        say(f"Decrypted {_backups(done.backups_decrypted)} too.")
    for path in done.backups_failed:
        warn(f"could not decrypt the backup {path}: it is still encrypted (the key file stays)")
    return 1 if done.backups_failed else 0


def run_passphrase(args: argparse.Namespace) -> int:
    from rapport.cli import passphrases
    from rapport.services import encryption

    data_dir = _data_dir(args)
    if not encryption.status(data_dir).encrypted:
        warn("the book is not encrypted (rapport encrypt encrypts it)")
        return 1
    if args.forget:
        encryption.forget(data_dir)
        say("The keychain no longer holds the book's key.")
        return 0
    if args.recovery:
        key = passphrases.recovery_key()
        new = passphrases.new_passphrase()
        encryption.unlock_with_recovery(data_dir, key, new_passphrase=new)
        say("Unlocked with the recovery key; the new passphrase is set.")
        return 0
    passphrases.unlock(data_dir)
    if args.remember:
        if not encryption.remember(data_dir):
            warn("no keychain on this computer: nothing was remembered")
            return 1
        say("The key is remembered in this computer's keychain.")
        return 0
    encryption.change_passphrase(data_dir, passphrases.new_passphrase())
    say("The passphrase is changed (the recovery key still works).")
    return 0


def _backups(count: int) -> str:
    return counted(count, "backup")
