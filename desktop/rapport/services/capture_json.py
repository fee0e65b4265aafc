"""The capture JSON of ``shared/docs/capture-json.md``, written from the typed understanding.

The rules return frozen dataclasses (``core/understand/result.py``); this is the one place
that knows the contract's field names, which fields are null and which are left out, and
that dates are ISO text. The command line prints it, the capture window shows and edits it,
and ``capture.save_capture`` saves it. Plain Python: the dry run loads it without the database.
"""

from __future__ import annotations

from typing import Any

from rapport.core.understand.result import (
    ClientFound,
    Contact,
    Fact,
    Inbound,
    Introduction,
    Person,
    Suggestion,
    Task,
    Understanding,
    YearlyDay,
)

__all__ = ["capture_json", "client_json", "suggestion_json"]


def capture_json(understood: Understanding) -> dict[str, Any]:
    """The understanding as the capture JSON object (with each item's span)."""
    return {
        "client": client_json(understood.client) if understood.client is not None else None,
        "people": [_person(p) for p in understood.people],
        "contacts": [_contact(c) for c in understood.contacts],
        "facts": [_fact(f) for f in understood.facts],
        "dates": [_yearly(d) for d in understood.dates],
        "tasks": [_task(t) for t in understood.tasks],
        "introductions": [_introduction(i) for i in understood.introductions],
        "inbound": _inbound(understood.inbound) if understood.inbound is not None else None,
        "key_points": list(understood.key_points),
        "suggestions": [suggestion_json(s) for s in understood.suggestions],
        "kind": understood.kind,
        "truncated": understood.truncated,
    }


def client_json(client: ClientFound) -> dict[str, Any]:
    """A client matched against a book has ``match`` and ``candidates``; one read from the
    note alone has neither."""
    out: dict[str, Any] = {"name": client.name, "company": client.company, "id": client.id}
    if client.match is None:
        out["span"] = _span(client.span)
        return out
    out["match"] = client.match
    out["candidates"] = [
        {"id": c.id, "name": c.name, "company": c.company, "score": c.score}
        for c in client.candidates
    ]
    if client.span is not None:
        out["span"] = _span(client.span)
    return out


def suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": suggestion.title,
        "due": suggestion.due.isoformat() if suggestion.due else None,
        "kind": suggestion.kind,
    }
    if suggestion.tags is not None:
        out["tags"] = list(suggestion.tags)
        out["for"] = suggestion.gift_for
    return out


def _span(span: tuple[int, int] | None) -> list[int] | None:
    return list(span) if span is not None else None


def _person(p: Person) -> dict[str, Any]:
    return {"name": p.name, "relation": p.relation, "age": p.age, "span": list(p.span)}


def _contact(c: Contact) -> dict[str, Any]:
    return {"name": c.name, "role": c.role, "span": list(c.span)}


def _fact(f: Fact) -> dict[str, Any]:
    return {
        "text": f.text,
        "category": f.category,
        "about": f.about,
        "tags": list(f.tags),
        "span": list(f.span),
    }


def _yearly(d: YearlyDay) -> dict[str, Any]:
    return {
        "label": d.label,
        "about": d.about,
        "month": d.month,
        "day": d.day,
        "span": list(d.span),
    }


def _task(t: Task) -> dict[str, Any]:
    return {
        "title": t.title,
        "due": t.due.isoformat() if t.due else None,
        "kind": t.kind,
        "promised": t.promised,
        "span": list(t.span),
    }


def _introduction(i: Introduction) -> dict[str, Any]:
    return {"name": i.name, "referrer": i.referrer, "span": list(i.span)}


def _inbound(m: Inbound) -> dict[str, Any]:
    return {"channel": m.channel, "from": m.sender, "span": list(m.span)}
