"""Helpers for the data-safety tests: what a book holds, compared byte for byte."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def book_content(data_dir: Path) -> list[str]:
    """Every row of every table (the search index included), as SQL, read-only."""
    path = data_dir / "rapport.db"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


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
