"""Full-text search over the whole book with SQLite FTS5.

One FTS5 table holds a document per searchable row (client, person, fact, interaction,
task, gift). A document's rowid encodes the row it indexes (``id * 16 + kind code``) so
that keeping the index in sync is a keyed REPLACE or DELETE inside the same transaction
as the write. User text never reaches MATCH as syntax: every word becomes a quoted
prefix term, so quotes, ``*``, ``-``, ``NEAR`` and parentheses are just text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import SqliteDatabase
from playhouse.sqlite_ext import FTS5Model, RowIDField, SearchField

from rapport.store.models import db

KIND_CODES: dict[str, int] = {
    "client": 1,
    "person": 2,
    "fact": 3,
    "interaction": 4,
    "task": 5,
    "gift": 6,
    "inbound": 7,
    "card": 8,
}
CODE_KINDS = {code: kind for kind, code in KIND_CODES.items()}
_WORD = re.compile(r"\w+", re.UNICODE)


class SearchDoc(FTS5Model):
    rowid = RowIDField()
    title = SearchField()
    body = SearchField()
    client_id = SearchField(unindexed=True)

    class Meta:
        database = db
        table_name = "search_index"
        options = {  # noqa: RUF012 - peewee reads this Meta attribute once
            "tokenize": "porter unicode61 remove_diacritics 2",
            "prefix": "2 3",
        }


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    ref_id: int
    client_id: int | None
    title: str
    snippet: str
    rank: float


def available() -> bool:
    """FTS5 is SQLite's; other databases fall back to plain LIKE search in services."""
    return isinstance(db.obj, SqliteDatabase)


def doc_rowid(kind: str, ref_id: int) -> int:
    return ref_id * 16 + KIND_CODES[kind]


def index(kind: str, ref_id: int, client_id: int | None, title: str, body: str = "") -> None:
    """Add or replace the document of one row. Call inside the write's transaction."""
    if not available():
        return
    SearchDoc.replace(
        rowid=doc_rowid(kind, ref_id),
        title=title or "",
        body=body or "",
        client_id=client_id,
    ).execute()


def index_many(docs: Iterable[tuple[str, int, int | None, str, str]], batch: int = 5000) -> int:
    """Add or replace many documents ``(kind, ref_id, client_id, title, body)`` at once.

    The bulk twin of ``index`` (sample data, imports): one prepared REPLACE executed for
    every document, in batches. Call inside the write's transaction.
    """
    if not available():
        return 0
    table = SearchDoc._meta.table_name
    sql = f'REPLACE INTO "{table}" (rowid, title, body, client_id) VALUES (?, ?, ?, ?)'
    cursor = db.cursor()
    count = 0
    rows: list[tuple[int, str, str, int | None]] = []
    for kind, ref_id, client_id, title, body in docs:
        rows.append((doc_rowid(kind, ref_id), title or "", body or "", client_id))
        if len(rows) >= batch:
            cursor.executemany(sql, rows)
            count += len(rows)
            rows = []
    if rows:
        cursor.executemany(sql, rows)
        count += len(rows)
    return count


def unindex(kind: str, ref_ids: Iterable[int]) -> None:
    if not available():
        return
    rowids = [doc_rowid(kind, ref_id) for ref_id in ref_ids]
    for start in range(0, len(rowids), 500):
        SearchDoc.delete().where(SearchDoc.rowid.in_(rowids[start : start + 500])).execute()


def match_expression(text: str) -> str | None:
    """A safe FTS5 query: every word a quoted prefix term, all of them required."""
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words[:12])


def search(text: str, limit: int = 50) -> list[Hit]:
    expression = match_expression(text)
    if expression is None or not available():
        return []
    query = (
        SearchDoc.select(
            SearchDoc.rowid,
            SearchDoc.title,
            SearchDoc.client_id,
            SearchDoc.body.snippet("[", "]", "…", 12).alias("snip"),
            SearchDoc.bm25(4.0, 1.0).alias("score"),
        )
        .where(SearchDoc.match(expression))
        .order_by(SearchDoc.bm25(4.0, 1.0))
        .limit(limit)
    )
    hits = []
    for row in query.namedtuples():
        code = row.rowid % 16
        hits.append(
            Hit(
                kind=CODE_KINDS.get(code, "other"),
                ref_id=row.rowid // 16,
                client_id=int(row.client_id) if row.client_id is not None else None,
                title=row.title,
                snippet=row.snip or "",
                rank=row.score,
            )
        )
    return hits


def clear() -> None:
    if available():
        SearchDoc.delete().execute()
