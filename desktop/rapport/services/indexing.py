"""What each kind of row puts in the search index. Called inside the write's transaction.

``document(row)`` says what a row's search document is (title and body); indexing one
row, rebuilding the whole index and the LIKE search of non-SQLite databases all use it,
so the three never disagree about what is searchable.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rapport.store import models as m
from rapport.store import search

Document = tuple[str, int, int | None, str, str]  # kind, ref_id, client_id, title, body


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def client_doc(row: m.Client) -> Document:
    body = _join(
        row.company,
        row.role,
        " ".join(row.emails),
        " ".join(row.phones),
        row.how_we_met,
        row.notes,
    )
    return ("client", row.id, row.id, row.name, body)


def person_doc(row: m.Person) -> Document:
    title = row.name or row.relation
    return ("person", row.id, row.client_id, title, _join(row.relation, row.notes))


def fact_doc(row: m.Fact) -> Document:
    return ("fact", row.id, row.client_id, row.text, " ".join(row.tags))


def interaction_title(row: m.Interaction) -> str:
    when = row.happened_at
    return row.title or f"{row.kind.capitalize()} {when:%b} {when.day}, {when.year}"


def interaction_doc(row: m.Interaction) -> Document:
    body = "\n".join([row.raw_text, *row.key_points])
    return ("interaction", row.id, row.client_id, interaction_title(row), body)


def task_doc(row: m.Task) -> Document:
    return ("task", row.id, row.client_id, row.title, row.notes)


def gift_doc(row: m.Gift) -> Document:
    body = _join(row.occasion, row.reaction, row.notes, " ".join(row.tags))
    return ("gift", row.id, row.client_id, row.title, body)


def inbound_doc(row: m.Inbound) -> Document:
    return ("inbound", row.id, row.client_id, row.channel.capitalize(), row.summary)


DOCUMENTS: dict[type[m.BaseModel], Any] = {
    m.Client: client_doc,
    m.Person: person_doc,
    m.Fact: fact_doc,
    m.Interaction: interaction_doc,
    m.Task: task_doc,
    m.Gift: gift_doc,
    m.Inbound: inbound_doc,
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
MODEL_OF_KIND = {kind: model for model, kind in KIND_OF_MODEL.items()}


def document(row: m.BaseModel) -> Document:
    return DOCUMENTS[type(row)](row)  # type: ignore[no-any-return]


def _index(doc: Document) -> None:
    search.index(*doc)


def client(row: m.Client) -> None:
    _index(client_doc(row))


def person(row: m.Person) -> None:
    _index(person_doc(row))


def fact(row: m.Fact) -> None:
    _index(fact_doc(row))


def interaction(row: m.Interaction) -> None:
    _index(interaction_doc(row))


def task(row: m.Task) -> None:
    _index(task_doc(row))


def gift(row: m.Gift) -> None:
    _index(gift_doc(row))


def inbound(row: m.Inbound) -> None:
    _index(inbound_doc(row))


def any_row(row: m.BaseModel) -> None:
    """Index a row of any searchable model (used when restoring and rebuilding)."""
    if type(row) in DOCUMENTS:
        _index(document(row))


def all_documents() -> Iterator[Document]:
    """The document of every searchable row, table by table, streamed."""
    for model, build in DOCUMENTS.items():
        for row in model.select().iterator():
            yield build(row)


def rebuild() -> int:
    """Rebuild the whole index from the tables; returns the number of documents.
    Call inside a transaction."""
    search.clear()
    return search.index_many(all_documents())
