"""What each kind of row puts in the search index. Called inside the write's transaction."""

from __future__ import annotations

from rapport.store import models as m
from rapport.store import search


def client(row: m.Client) -> None:
    body = " ".join(
        part
        for part in (
            row.company,
            row.role,
            " ".join(row.emails),
            " ".join(row.phones),
            row.how_we_met,
            row.notes,
        )
        if part
    )
    search.index("client", row.id, row.id, row.name, body)


def person(row: m.Person) -> None:
    title = row.name or row.relation
    body = " ".join(part for part in (row.relation, row.notes) if part)
    search.index("person", row.id, row.client_id, title, body)


def fact(row: m.Fact) -> None:
    search.index("fact", row.id, row.client_id, row.text, " ".join(row.tags))


def interaction(row: m.Interaction) -> None:
    title = row.title or f"{row.kind.capitalize()} {row.happened_at:%b %-d, %Y}"
    body = "\n".join([row.raw_text, *row.key_points])
    search.index("interaction", row.id, row.client_id, title, body)


def task(row: m.Task) -> None:
    search.index("task", row.id, row.client_id, row.title, row.notes)


def gift(row: m.Gift) -> None:
    body = " ".join(part for part in (row.occasion, row.reaction, row.notes) if part)
    search.index("gift", row.id, row.client_id, row.title, body)


def inbound(row: m.Inbound) -> None:
    search.index("inbound", row.id, row.client_id, f"{row.channel.capitalize()}", row.summary)


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


def rebuild() -> int:
    """Rebuild the whole index from the tables; returns the number of documents."""
    search.clear()
    count = 0
    for model, indexer in _BY_MODEL.items():
        for row in model.select().iterator():
            indexer(row)  # type: ignore[operator]
            count += 1
    return count
