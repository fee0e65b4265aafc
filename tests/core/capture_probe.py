"""What the capture rule tests ask of one note: its tasks, client, people, tags..."""

from __future__ import annotations

from datetime import date
from typing import Any

from rapport.core.understand.pipeline import understand

WED = date(2026, 11, 18)  # the day the rule tests' notes are written


def titles(out: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(t["title"], t["due"]) for t in out["tasks"]]


def client(text: str) -> str | None:
    found = understand(text, WED)["client"]
    return found["name"] if found else None


def people(text: str) -> list[tuple[str, str | None]]:
    return [(p["relation"], p["name"]) for p in understand(text, WED)["people"]]


def intros(text: str) -> list[tuple[str, str | None]]:
    return [(i["name"], i["referrer"]) for i in understand(text, WED)["introductions"]]


def inbound(text: str) -> tuple[str, str | None] | None:
    found = understand(text, WED)["inbound"]
    return (found["channel"], found["from"]) if found else None


def fact_tags(text: str) -> set[str]:
    """The interest tags of the note's facts, as capture shows them."""
    return {tag for fact in understand(text, WED)["facts"] for tag in fact["tags"]}
