"""The understanding is typed between stages and written as the capture JSON only at the edge."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from rapport.core.understand.pipeline import KnownClient, understand
from rapport.core.understand.result import Understanding
from rapport.services.capture_json import capture_json

WED = date(2026, 11, 18)
NOTE = (
    "Lunch w/ Bob Smith (Acme). Son Jake, 12, plays travel baseball. Wife Susan's birthday is "
    "March 14. I'll send pricing by Friday. Referred by Dr. Paul Lin."
)


def _walk(value: object) -> list[object]:
    """Every value inside a result, the result included."""
    found = [value]
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            found += _walk(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            found += _walk(item)
    return found


@pytest.mark.parametrize("known", [(), (KnownClient(7, "Bob Smith", "Acme"),)])
def test_every_part_of_the_result_is_a_frozen_dataclass_or_a_plain_value(
    known: tuple[KnownClient, ...],
) -> None:
    result = understand(NOTE, WED, known)
    assert isinstance(result, Understanding)
    for value in _walk(result):
        assert not isinstance(value, (dict, list, set)), value
        if dataclasses.is_dataclass(value):
            assert type(value).__dataclass_params__.frozen, type(value)  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.kind = "call"  # type: ignore[misc]


def test_spans_point_at_what_was_read() -> None:
    result = understand(NOTE, WED)
    assert result.client is not None and result.client.span is not None
    assert NOTE[slice(*result.client.span)] == "Bob Smith"
    (jake,) = [p for p in result.people if p.name == "Jake"]
    assert NOTE[slice(*jake.span)] == "Son"  # the family word that says who Jake is
    (task,) = result.tasks
    assert task.due == date(2026, 11, 20) and "pricing" in NOTE[slice(*task.span)]


def test_the_json_keeps_the_contracts_fields_and_absences() -> None:
    alone = capture_json(understand(NOTE, WED))
    assert list(alone) == [
        "client", "people", "contacts", "facts", "dates", "tasks", "introductions", "inbound",
        "key_points", "suggestions", "kind", "truncated",
    ]  # fmt: skip
    assert alone["client"] == {"name": "Bob Smith", "company": "Acme", "id": None, "span": [9, 18]}
    matched = capture_json(understand(NOTE, WED, [KnownClient(7, "Bob Smith", "Acme")]))
    assert matched["client"]["id"] == 7 and matched["client"]["match"] == "exact"
    assert matched["client"]["candidates"][0]["id"] == 7
    assert alone["tasks"][0]["due"] == "2026-11-20"
    gifts = [s for s in alone["suggestions"] if s["kind"] == "gift"]
    others = [s for s in alone["suggestions"] if s["kind"] != "gift"]
    assert gifts and all(list(s) == ["title", "due", "kind", "tags", "for"] for s in gifts)
    assert others and all(list(s) == ["title", "due", "kind"] for s in others)
