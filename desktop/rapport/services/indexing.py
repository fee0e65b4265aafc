"""What each kind of row puts in the search index. Called inside the write's transaction.

The ``*_doc`` functions are the one place that decides a document's title and body. They
read a mapping of field name to value (a row's ``__data__``, or a dict about to be bulk
inserted), so indexing one row, bulk loads (``index_rows``), rebuilding the whole index
and the LIKE search of non-SQLite databases (``document``) never disagree about what is
searchable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from rapport.core.formats import full_date
from rapport.store import models as m
from rapport.store import search

Data = Mapping[str, Any]
Doc = tuple[str, str]  # title, body
Document = tuple[str, int, int | None, str, str]  # kind, ref_id, client_id, title, body


def _join(sep: str, parts: Iterable[str | None]) -> str:
    """The parts that are there; a body's separate fields are joined with " · " so that a
    snippet reads "son · Plays travel baseball", not "son Plays travel baseball"."""
    return sep.join(part for part in parts if part)


def client_doc(data: Data) -> Doc:
    body = _join(
        " · ",
        (
            data.get("company"),
            data.get("role"),
            ", ".join(data.get("emails") or ()),
            ", ".join(data.get("phones") or ()),
            data.get("how_we_met"),
            data.get("notes"),
        ),
    )
    return data["name"], body


def person_doc(data: Data) -> Doc:
    title = data.get("name") or data.get("relation") or ""
    return title, _join(" · ", (data.get("relation"), data.get("notes")))


def fact_doc(data: Data) -> Doc:
    return data["text"], " ".join(data.get("tags") or ())


def interaction_doc(data: Data) -> Doc:
    title = data.get("title") or f"{data['kind'].capitalize()} {full_date(data['happened_at'])}"
    return title, "\n".join([data.get("raw_text") or "", *(data.get("key_points") or ())])


def task_doc(data: Data) -> Doc:
    return data["title"], data.get("notes") or ""


def gift_doc(data: Data) -> Doc:
    body = _join(" · ", (data.get("occasion"), data.get("reaction"), data.get("notes")))
    return data["title"], body


def inbound_doc(data: Data) -> Doc:
    return data["channel"].capitalize(), data.get("summary") or ""


KIND_OF_MODEL: dict[type[m.RecordModel], str] = {
    m.Client: "client",
    m.Person: "person",
    m.Fact: "fact",
    m.Interaction: "interaction",
    m.Task: "task",
    m.Gift: "gift",
    m.Inbound: "inbound",
}
MODEL_OF_KIND = {kind: model for model, kind in KIND_OF_MODEL.items()}
DOC_OF_MODEL: dict[type[m.RecordModel], Callable[[Data], Doc]] = {
    m.Client: client_doc,
    m.Person: person_doc,
    m.Fact: fact_doc,
    m.Interaction: interaction_doc,
    m.Task: task_doc,
    m.Gift: gift_doc,
    m.Inbound: inbound_doc,
}


def _document(model: type[m.RecordModel], data: Data) -> Document:
    client_id = data["id"] if model is m.Client else data.get("client")
    return (KIND_OF_MODEL[model], data["id"], client_id, *DOC_OF_MODEL[model](data))


def document(row: m.RecordModel) -> Document:
    """The search document of one row: (kind, ref_id, client_id, title, body)."""
    return _document(type(row), row.__data__)


def any_row(row: m.RecordModel) -> None:
    """Index a row of any searchable model (restoring an undo, for one)."""
    if type(row) in DOC_OF_MODEL:
        search.index(*document(row))


def data(model: type[m.RecordModel], values: Data) -> None:
    """Index a row given as its data (field names, with id), as ``store.sql.insert`` returns it."""
    search.index(*_document(model, values))


def client(row: m.Client) -> None:
    any_row(row)


def person(row: m.Person) -> None:
    any_row(row)


def fact(row: m.Fact) -> None:
    any_row(row)


def interaction(row: m.Interaction) -> None:
    any_row(row)


def task(row: m.Task) -> None:
    any_row(row)


def gift(row: m.Gift) -> None:
    any_row(row)


def inbound(row: m.Inbound) -> None:
    any_row(row)


def index_rows(model: type[m.RecordModel], rows: Iterable[Data]) -> int:
    """Index many new rows of one model at once (dicts with ``id`` and field names).

    For bulk loads: the documents are the same as the row-at-a-time indexers write,
    inserted in batches. Returns how many documents were written.
    """
    if model not in DOC_OF_MODEL:
        return 0
    return search.index_many(_document(model, row) for row in rows)


def all_documents() -> Iterator[Document]:
    """The document of every searchable row, table by table, streamed."""
    for model in DOC_OF_MODEL:
        for row in model.select().iterator():
            yield _document(model, row.__data__)


def rebuild() -> int:
    """Rebuild the whole index from the tables (inside a transaction); returns the count."""
    search.clear()
    return search.index_many(all_documents())
