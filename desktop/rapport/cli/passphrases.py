"""Where the command line gets an encrypted book's passphrase: never from an argument.

An argument would show in ``ps`` and in the shell's history. In order:

1. the OS keychain, when the key was remembered there (``rapport passphrase --remember``
   or "Remember on this computer" in the window);
2. the file named by ``RAPPORT_PASSPHRASE_FILE`` (for scripts), refused unless it is the
   user's own and private (0600): its first line is the passphrase;
3. a prompt on the terminal (three tries), when there is one;
4. else the command stops with one line saying how to unlock (exit 1).

A new passphrase (``rapport encrypt``, ``rapport passphrase``) is asked twice on a
terminal, or read once from the first line of stdin when stdin is not a terminal.
"""

from __future__ import annotations

import getpass
import os
import stat
import sys
from pathlib import Path

from rapport.services import encryption
from rapport.services.book import BookLockedError
from rapport.services.errors import ServiceError

ENV_FILE = "RAPPORT_PASSPHRASE_FILE"
TRIES = 3


def unlock(data_dir: Path) -> None:
    """Unlock the encrypted book in ``data_dir`` (see the module's order), or raise."""
    if encryption.unlock_from_keychain(data_dir):
        return
    named = os.environ.get(ENV_FILE)
    if named:
        encryption.unlock(data_dir, passphrase_from_file(Path(named)))
        return
    if not on_terminal():
        raise BookLockedError(data_dir)
    for attempt in range(1, TRIES + 1):
        try:
            encryption.unlock(data_dir, ask("Passphrase of the book: "))
            return
        except encryption.WrongPassphraseError:
            if attempt == TRIES:
                raise
            sys.stderr.write("rapport: wrong passphrase; try again\n")


def passphrase_from_file(path: Path) -> str:
    """The first line of ``path``: only from a private file of the user's own."""
    try:
        info = path.stat()
    except OSError as exc:
        raise ServiceError(f"{ENV_FILE}: cannot read {path}: {exc.strerror}") from None
    mode = stat.S_IMODE(info.st_mode)
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise ServiceError(f"{ENV_FILE}: {path} belongs to another user; use a file of your own")
    if mode & 0o077:
        raise ServiceError(
            f"{ENV_FILE}: {path} can be read by others (mode {mode:04o}); "
            f"make it private with: chmod 600 {path}"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ServiceError(f"{ENV_FILE}: cannot read {path} ({exc})") from None
    line = text.splitlines()[0] if text else ""
    if not line:
        raise ServiceError(f"{ENV_FILE}: {path} is empty")
    return line


def new_passphrase(what: str = "New passphrase") -> str:
    """A new passphrase: asked twice on a terminal, else the first line of stdin."""
    if on_terminal():
        first = ask(f"{what} (at least 8 characters): ")
        if ask("The same again: ") != first:
            raise ServiceError("the two passphrases differ; nothing was changed")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise ServiceError("give the new passphrase on a terminal or as the first line of stdin")
    return line


def recovery_key() -> str:
    """The recovery key: asked on a terminal, else the first line of stdin."""
    if on_terminal():
        return ask("Recovery key (the groups you wrote down): ")
    line = sys.stdin.readline().strip()
    if not line:
        raise ServiceError("give the recovery key on a terminal or as the first line of stdin")
    return line


def on_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def ask(prompt: str) -> str:
    """Read a secret from the terminal without echoing it."""
    return getpass.getpass(prompt)
