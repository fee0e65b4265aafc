"""What each kind of row puts in the search index. Called inside the write's transaction.

The ``*_doc`` functions are the one place that decides a document's title and body. They
read a mapping of field name to value (a row's ``__data__`` or a dict about to be bulk
inserted), so the row-at-a-time indexers below and ``index_rows`` (bulk loads such as the
sample book) cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rapport.core.formats import full_date
from rapport.store import models as m
from rapport.store import search

Doc = tuple[str, str]
Data = Mapping[str, Any]


def _join(sep: str, parts: Iterable[str | None]) -> str:
    return sep.join(part for part in parts if part)


def client_doc(data: Data) -> Doc:
    body = _join(
        " ",
        (
            data.get("company"),
            data.get("role"),
            " ".join(data.get("emails") or ()),
            " ".join(data.get("phones") or ()),
            data.get("how_we_met"),
            data.get("notes"),
        ),
    )
    return data["name"], body


def person_doc(data: Data) -> Doc:
    title = data.get("name") or data.get("relation") or ""
    return title, _join(" ", (data.get("relation"), data.get("notes")))


def fact_doc(data: Data) -> Doc:
    return data["text"], " ".join(data.get("tags") or ())


def interaction_doc(data: Data) -> Doc:
    title = data.get("title") or f"{data['kind'].capitalize()} {full_date(data['happened_at'])}"
    return title, "\n".join([data.get("raw_text") or "", *(data.get("key_points") or ())])


def task_doc(data: Data) -> Doc:
    return data["title"], data.get("notes") or ""


def gift_doc(data: Data) -> Doc:
    body = _join(" ", (data.get("occasion"), data.get("reaction"), data.get("notes")))
    return data["title"], body


def inbound_doc(data: Data) -> Doc:
    return data["channel"].capitalize(), data.get("summary") or ""


def client(row: m.Client) -> None:
    search.index("client", row.id, row.id, *client_doc(row.__data__))


def person(row: m.Person) -> None:
    search.index("person", row.id, row.client_id, *person_doc(row.__data__))


def fact(row: m.Fact) -> None:
    search.index("fact", row.id, row.client_id, *fact_doc(row.__data__))


def interaction(row: m.Interaction) -> None:
    search.index("interaction", row.id, row.client_id, *interaction_doc(row.__data__))


def task(row: m.Task) -> None:
    search.index("task", row.id, row.client_id, *task_doc(row.__data__))


def gift(row: m.Gift) -> None:
    search.index("gift", row.id, row.client_id, *gift_doc(row.__data__))


def inbound(row: m.Inbound) -> None:
    search.index("inbound", row.id, row.client_id, *inbound_doc(row.__data__))


def any_row(row: m.BaseModel) -> None:
    """Index a row of any searchable model (used when restoring and rebuilding)."""
    indexer = _BY_MODEL.get(type(row))
    if indexer is not None:
        indexer(row)  # type: ignore[operator]


_BY_MODEL = {
    m.Client: client,
    m.Person: person,
    m.Fact: fact,
    m.Interaction: interaction,
    m.Task: task,
    m.Gift: gift,
    m.Inbound: inbound,
}

KIND_OF_MODEL = {
    m.Client: "client",
    m.Person: "person",
    m.Fact: "fact",
    m.Interaction: "interaction",
    m.Task: "task",
    m.Gift: "gift",
    m.Inbound: "inbound",
}

DOC_OF_MODEL: dict[type[m.BaseModel], Callable[[Data], Doc]] = {
    m.Client: client_doc,
    m.Person: person_doc,
    m.Fact: fact_doc,
    m.Interaction: interaction_doc,
    m.Task: task_doc,
    m.Gift: gift_doc,
    m.Inbound: inbound_doc,
}


def index_rows(model: type[m.BaseModel], rows: Iterable[Data]) -> int:
    """Index many new rows of one model at once (dicts with ``id`` and field names).

    For bulk loads: the documents are the same as the row-at-a-time indexers write,
    inserted in batches. Returns how many documents were written.
    """
    kind = KIND_OF_MODEL.get(model)
    if kind is None:
        return 0
    make = DOC_OF_MODEL[model]
    client_key = "id" if model is m.Client else "client"
    return search.index_many((kind, row["id"], row.get(client_key), *make(row)) for row in rows)


def rebuild() -> int:
    """Rebuild the whole index from the tables; returns the number of documents."""
    search.clear()
    count = 0
    for model in DOC_OF_MODEL:
        rows = (dict(row.__data__) for row in model.select().iterator())
        count += index_rows(model, rows)
    return count
