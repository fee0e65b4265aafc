"""The encrypted book's engine: SQLCipher 4 (the ``sqlcipher3`` package, with FTS5).

Every page of an encrypted book, of its -wal and of its backups is AES-256 encrypted
with the book's data key (``core/bookkey.py``), given to SQLCipher raw
(``PRAGMA key = "x'HEX'"``) so that SQLCipher's own PBKDF2 does not run again: the
passphrase was already stretched by argon2id. Temporary tables and indexes stay in
memory (``temp_store = MEMORY``), so no temporary file holds plain pages.

An encrypted file has no SQLite header: its first 16 bytes are SQLCipher's random salt.
``is_plain`` tells the two apart by those bytes alone (before the first paint, with the
standard library).

SQLCipher writes a few ERROR lines on stderr when a key does not fit a file; Rapport
never gives it a wrong key (a wrong passphrase fails earlier, in ``core/bookkey``), and
its log is switched off anyway (``_quiet``) so that nothing of the kind reaches the user.

Conversion (``convert``) copies a whole book into a new file, plain to encrypted or
back, with SQLCipher's ``sqlcipher_export`` (schema, rows, the FTS5 index, the schema
version), reporting its progress.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from rapport.paths import private_umask
from rapport.store import errors

Progress = Callable[[int, int], None]
# A plain book's first bytes (store/readonly.py's SQLITE_HEADER; not imported from there,
# which reads the schema version through the migrations).
SQLITE_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32
# Virtual machine steps between two progress reports of a conversion, and about how many
# such reports one page of the source makes (measured on the big sample book, 5,000
# clients and 100,000 notes: 2,640 reports for 33,980 pages; the estimate only drives the
# bar, which waits just short of the end until the copy is done).
_STEPS_PER_REPORT = 2_000
_REPORTS_PER_PAGE = 0.078
DatabaseError = sqlcipher.DatabaseError
errors.register_driver_errors(sqlcipher.DatabaseError)


def _quiet() -> None:
    """SQLCipher's log (on stderr by default) off, for the whole process."""
    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_quiet()


def key_literal(key: bytes) -> str:
    """The raw key as SQLCipher reads it in ``PRAGMA key``: ``x'HEX'`` (no KDF)."""
    if len(key) != KEY_BYTES:
        raise ValueError("an encryption key is 32 bytes")
    return f"x'{key.hex()}'"


def is_plain(path: Path) -> bool:
    """The file starts with SQLite's header (a plain book); False for an encrypted one."""
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


class CipherDatabase(SqlCipherDatabase):
    """peewee's SQLCipher database, with the raw key and temporary data kept in memory."""

    def __init__(self, database: str, key: bytes, **kwargs: Any) -> None:
        pragmas = dict(kwargs.pop("pragmas", {}))
        pragmas["temp_store"] = "memory"
        super().__init__(database, passphrase=key_literal(key), pragmas=pragmas, **kwargs)
        self.key = key  # its backups are encrypted with it (store/backup.py)


def connect(path: Path | str, key: bytes | None, *, read_only: bool = False) -> Any:
    """A ``sqlcipher3`` connection to ``path`` with ``key`` (None: a plain file), checked.

    The key is tried at once (a read of the schema), so a key that does not fit the file
    fails here, as NotADatabaseError, not at some later statement.
    """
    target = str(path)
    uri = False
    if read_only and target != ":memory:":
        target = f"{Path(path).resolve().as_uri()}?mode=ro"
        uri = True
    with private_umask():
        conn = sqlcipher.connect(target, uri=uri)
    try:
        if key is not None:
            conn.execute(f'PRAGMA key = "{key_literal(key)}"')
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def connected(path: Path | str, key: bytes | None, *, read_only: bool = False) -> Iterator[Any]:
    conn = connect(path, key, read_only=read_only)
    try:
        yield conn
    finally:
        conn.close()


def user_version(path: Path, key: bytes) -> int:
    """The schema version of the encrypted book at ``path`` (read-only)."""
    with private_umask(), connected(path, key, read_only=True) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def convert(
    source: Path,
    target: Path,
    *,
    source_key: bytes | None,
    target_key: bytes | None,
    progress: Progress | None = None,
    wal: bool = True,
) -> None:
    """Copy the whole book ``source`` into the new file ``target``, re-keyed.

    ``source_key``/``target_key`` None is a plain file. ``target`` must not exist or be
    empty (a partial file). The copy keeps the schema version; it is left in WAL mode
    (a book) or with no journal beside it (``wal=False``: a backup).
    """
    conn = connect(source, source_key)
    try:
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        estimate = max(1, int(pages * _REPORTS_PER_PAGE))
        done = [0]

        def step() -> int:
            done[0] += 1
            if progress is not None:
                progress(min(done[0], estimate - 1), estimate)
            return 0

        literal = key_literal(target_key) if target_key is not None else ""
        with private_umask():
            conn.execute("ATTACH DATABASE ? AS converted KEY ?", (str(target), literal))
        try:
            conn.execute("PRAGMA converted.temp_store = MEMORY")
            version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
            conn.set_progress_handler(step, _STEPS_PER_REPORT)
            try:
                conn.execute("SELECT sqlcipher_export('converted')")
            finally:
                conn.set_progress_handler(None, 0)
            conn.execute(f"PRAGMA converted.user_version = {version}")
            conn.execute(f"PRAGMA converted.journal_mode = {'wal' if wal else 'delete'}")
        finally:
            conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    if progress is not None:
        progress(estimate, estimate)


def check(path: Path, key: bytes | None) -> list[str]:
    """SQLite's integrity check of the file at ``path`` opened with ``key``: [] when sound.

    (Read-write connections here and in ``row_counts``: a read-only one cannot remove a
    WAL book's -wal when it closes, and a -wal left behind reads as another program.)
    """
    try:
        with connected(path, key) as conn:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
    except sqlcipher.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def row_counts(path: Path, key: bytes | None) -> dict[str, int]:
    """Rows of every ordinary table (FTS5's shadow tables included), by name."""
    with connected(path, key) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in names
        }


def backup(source: Any, target: Path, key: bytes) -> None:
    """SQLite's online backup of the open encrypted connection ``source`` into ``target``.

    Both sides have the same key (SQLCipher copies pages between files of one key);
    the copy has no journal beside it.
    """
    with private_umask():
        dest = connect(target, key)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()


def sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def remove_with_sidecars(path: Path) -> None:
    for part in (path, *sidecars(path)):
        with suppress(FileNotFoundError):
            os.unlink(part)


# SQLite's unix VFS: every connection to a WAL book holds a shared lock on this byte of
# the -shm file (the "DMS" slot) for as long as it is open.
_SHM_DMS_BYTE = 128


def open_elsewhere(path: Path) -> bool:
    """Another process has the WAL book at ``path`` open.

    Asked of the -shm file's DMS lock with F_GETLK, which reports other processes' locks
    only: this process's own connections (the window's, on another thread) do not count.
    Where there is no fcntl (Windows), a -wal left after our connections closed says the
    same (the last connection to close removes it).
    """
    shm = path.with_name(path.name + "-shm")
    wal = path.with_name(path.name + "-wal")
    try:
        import fcntl
    except ImportError:
        return wal.exists()
    try:
        fd = os.open(shm, os.O_RDWR)
    except FileNotFoundError:
        return False
    except OSError:
        return wal.exists()
    try:
        probe = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _SHM_DMS_BYTE, 1, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, probe)
    except OSError:
        return wal.exists()
    finally:
        os.close(fd)
    return int(struct.unpack("hhqqi4x", answer)[0]) != fcntl.F_UNLCK
