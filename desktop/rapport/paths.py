"""Where Rapport keeps its data: the one module that knows.

The default is the per-user data directory from appdirs; ``--data-dir`` or
``RAPPORT_DATA_DIR`` override it. Everything is created private (0700 folders,
0600 files) because the book is personal notes about other people.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

APP_NAME = "Rapport"
DATABASE_NAME = "rapport.db"
# Phone publishing's settings and memory (services/phone.py); only there once set up.
PHONE_SETTINGS_NAME = "phone.json"


class DataDirError(Exception):
    """The data directory cannot be used (a file, read-only, no permission)."""


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: the override, else RAPPORT_DATA_DIR, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("RAPPORT_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import appdirs  # only when no override: keeps scripted runs lean

    return Path(appdirs.user_data_dir(APP_NAME, appauthor=False))


def use_data_dir_option(value: str | None) -> str | None:
    """Why a ``--data-dir`` is refused (it is empty), else None and it is noted for the
    processes started from here (a capture window) in RAPPORT_DATA_DIR."""
    if value is not None and not value.strip():
        # An empty --data-dir "$DIR" must not fall back to the user's real book.
        return "--data-dir needs a folder (it was empty)"
    if value:
        os.environ["RAPPORT_DATA_DIR"] = value
    return None


DATABASE_URL_OPTION = "--database-url"
DATABASE_URL_VARIABLE = "RAPPORT_DATABASE_URL"


def take_database_url(argv: list[str]) -> tuple[list[str], str | None]:
    """The arguments without ``--database-url URL`` (anywhere), and why it is refused.

    The URL (a team book on a server, ``postgresql://ROLE@HOST/DB``) is noted in
    RAPPORT_DATABASE_URL for this process and those it starts, like ``--data-dir``. It is
    never written to a file: libpq finds the password (``~/.pgpass``, ``PGPASSFILE``).
    """
    words: list[str] = []
    found = iter(argv)
    for word in found:
        if word == DATABASE_URL_OPTION:
            value = next(found, None)
        elif word.startswith(DATABASE_URL_OPTION + "="):
            value = word.partition("=")[2]
        else:
            words.append(word)
            continue
        if not value or not value.strip() or value.startswith("-"):
            return words, f"{DATABASE_URL_OPTION} needs a URL (postgresql://ROLE@HOST/DB)"
        os.environ[DATABASE_URL_VARIABLE] = value
    return words, None


def team_url_refusal(url: str) -> str | None:
    """Why ``url`` cannot be kept as the window's team book (Preferences), or None.

    Empty is the book on this computer. A password is never kept: libpq reads it from
    ``~/.pgpass`` or ``PGPASSFILE``, or the server trusts the login.
    """
    url = url.strip()
    if not url:
        return None
    if not url.startswith(("postgresql://", "postgres://")):
        return "a team book's URL starts with postgresql:// (postgresql://ROLE@HOST:PORT/DB)"
    base, _, query = url.partition("?")
    credentials = base.split("//", 1)[1].partition("/")[0].rpartition("@")[0]
    asked = {part.split("=", 1)[0].lower() for part in query.split("&") if part}
    if ":" in credentials or asked & {"password", "sslpassword"}:
        return "leave the password out of the team book's URL: put it in ~/.pgpass"
    return None


def database_path(directory: Path) -> Path:
    return directory / DATABASE_NAME


def backups_dir(directory: Path) -> Path:
    return directory / "backups"


@contextmanager
def private_umask() -> Iterator[None]:
    """Files and folders created inside are readable by their owner only."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def private_process() -> None:
    """From now on, every file this process creates is its owner's alone (umask 077).

    For the window's process: besides the book (created private by the store), Qt writes
    window.ini and the single-instance lock file, and the user's exports and PDFs hold
    clients' details too; with the usual umask they would be readable by every account.
    """
    os.umask(0o077)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) 0700, or check that the existing one is usable."""
    if path.exists() and not path.is_dir():
        raise DataDirError(f"{path} is a file, not a folder; choose another data directory")
    try:
        with private_umask():
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise DataDirError(f"cannot create the data directory {path}: {exc.strerror}") from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise DataDirError(f"the data directory {path} is read-only")
    return path


def ensure_data_dir(path: Path) -> Path:
    """The data directory, created 0700, or made private if it was not.

    A folder made by an older Rapport, another program or a copy (0755, a 0644 book) is
    tightened to what a new one gets: the folder and its backups/ 0700, the book 0600
    (SQLite's -wal and -shm are tightened when the book opens). It is said once on stderr,
    since a permission changing by itself would be a surprise.
    """
    ensure_private_dir(path)
    if path.resolve() != Path.home().resolve():  # --data-dir ~ does not close the home
        tighten(path)
    backups = backups_dir(path)
    if backups.is_dir():
        tighten(backups)
    book = database_path(path)
    if book.is_file():
        tighten(book)
    return path


def tighten(path: Path) -> bool:
    """Take every permission of other accounts off ``path``; True if it had some.

    The owner's own are kept (a book made read-only stays read-only: 0444 becomes 0400).
    Only where permissions mean that (not on Windows); a file system that keeps none (a
    FAT stick) or a path owned by another account is left as it is, without a word.
    """
    if os.name != "posix":
        return False
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if not current & 0o077:
            return False
        mode = current & 0o700
        path.chmod(mode)
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            return False
    except OSError:
        return False
    sys.stderr.write(
        f"rapport: tightened permissions of {path} to {mode:04o} "
        f"(it was {current:04o}: other accounts could read it)\n"
    )
    return True


def create_private_file(path: Path) -> None:
    """Pre-create ``path`` 0600 if missing, so SQLite's -wal/-shm files inherit it."""
    with private_umask():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return
        os.close(fd)
