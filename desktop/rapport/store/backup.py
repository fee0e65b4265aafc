"""Backups through SQLite's online backup API, never a copy of the live file.

A file copy of a WAL database can miss committed pages still in the -wal file; the
backup API reads a consistent snapshot while other connections keep working.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import peewee

from rapport.paths import create_private_file, ensure_private_dir, private_umask


def backup_to(database: peewee.SqliteDatabase, target: Path) -> Path:
    """Write a consistent copy of ``database`` to ``target`` (created 0600)."""
    ensure_private_dir(target.parent)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    with private_umask():
        dest = sqlite3.connect(str(partial))
        try:
            database.connection().backup(dest)
            # A backup is one self-contained file: no -wal beside it.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    partial.replace(target)
    return target


def backup_name(reason: str, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"rapport-{stamp}-{reason}.db"


def backup_before_migration(
    database: peewee.SqliteDatabase, backup_dir: Path, version: int
) -> Path:
    return backup_to(database, backup_dir / backup_name(f"before-migration-v{version}"))
