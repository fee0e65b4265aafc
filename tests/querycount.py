"""Counting the SQL statements a piece of code runs (the N+1 guard of the tests).

``with counted() as statements:`` records every statement the thread's connection runs
(SQLite's trace callback), leaving out the ones SQLite runs inside a full-text search
for its own bookkeeping (they start with "--"). Tests compare counts between a small
case and a big one: what a screen reads must not grow with the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def counted() -> Iterator[list[str]]:
    from rapport.store.models import db

    statements: list[str] = []
    connection = db.connection()

    def trace(sql: str) -> None:
        if not sql.lstrip().startswith("--"):
            statements.append(sql)

    connection.set_trace_callback(trace)
    try:
        yield statements
    finally:
        connection.set_trace_callback(None)
