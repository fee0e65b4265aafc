"""Helpers for the data-safety tests: what a book holds, compared byte for byte."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def book_content(data_dir: Path) -> list[str]:
    """Every row of every table (the search index included), as SQL, read-only; on a
    team book (``RAPPORT_DATABASE_URL``, tests/pgserver.py) every row the user sees, read
    through a connection of its own."""
    url = os.environ.get("RAPPORT_DATABASE_URL")
    if url:
        return _server_content(url)
    path = data_dir / "rapport.db"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _server_content(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() ORDER BY 1"
            )
        ]
        return [
            f"{table}: {row!r}"
            for table in tables
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1')
        ]


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def vcard(name: str, email: str = "", extra: str = "") -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}"]
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET:{email}")
    if extra:
        lines.extend(extra.strip("\n").split("\n"))
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def pin_version(path: Path, version: int) -> None:
    """Mark a closed book as written at schema ``version`` (whatever steps exist today)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()
    finally:
        conn.close()
