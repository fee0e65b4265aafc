"""Counting the SQL statements a piece of code runs (the N+1 guard of the tests).

``with counted() as statements:`` records every statement the thread's connection runs:
on SQLite through its trace callback, leaving out the ones SQLite runs inside a
full-text search for its own bookkeeping (they start with "--"); on a team book
(PostgreSQL) every statement psycopg sends on that connection. Tests compare counts
between a small case and a big one: what a screen reads must not grow with the number
of rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def counted() -> Iterator[list[str]]:
    from rapport.store.models import db

    statements: list[str] = []
    connection = db.connection()
    if not isinstance(connection, sqlite3.Connection) and hasattr(connection, "pgconn"):
        with _psycopg_counted(connection, statements):
            yield statements
        return

    def trace(sql: str) -> None:
        if not sql.lstrip().startswith("--"):
            statements.append(sql)

    connection.set_trace_callback(trace)
    try:
        yield statements
    finally:
        connection.set_trace_callback(None)


@contextmanager
def _psycopg_counted(connection: Any, statements: list[str]) -> Iterator[None]:
    """psycopg has no trace callback: its cursors' execute is watched for ``connection``."""
    import psycopg

    watched = {
        (cls, name): getattr(cls, name)
        for cls in (psycopg.Cursor, psycopg.ServerCursor)
        for name in ("execute", "executemany")
    }

    def watching(original: Any) -> Any:
        def run(cursor: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
            if cursor.connection is connection:
                statements.append(str(query))
            return original(cursor, query, *args, **kwargs)

        return run

    for (cls, name), original in watched.items():
        setattr(cls, name, watching(original))
    try:
        yield
    finally:
        for (cls, name), original in watched.items():
            setattr(cls, name, original)
