"""The book's records (core/records.py): frozen, and built by ``quick_init`` exactly as
the ``__init__`` dataclasses writes would build them."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date, datetime
from typing import Any

import pytest

from rapport.core import records as r
from rapport.core.postal import PostalAddress

RECORDS = [
    cls
    for _name, cls in inspect.getmembers(r, inspect.isclass)
    if cls.__module__ == r.__name__ and dataclasses.is_dataclass(cls)
]


def _value(field: dataclasses.Field[Any], number: int) -> Any:
    """A value of the field's type that is not its default."""
    kind = str(field.type)
    if "list" in kind:
        return [f"{field.name} {number}"]
    if "PostalAddress" in kind:
        return PostalAddress(lines=("1 Main St",), city="Springfield")
    if "Client" in kind:
        return r.Client(number, "Bob Smith")
    if "datetime" in kind:
        return datetime(2026, 1, 2, 3, 4, number % 60)
    if "date" in kind:
        return date(2026, 1, 1 + number % 28)
    if "bool" in kind:
        return True
    if "int" in kind:
        return 1000 + number
    if "dict" in kind:
        return {"number": number}
    return f"{field.name} {number}"


def _dataclasses_built(cls: type, *args: Any, **kwargs: Any) -> Any:
    made = object.__new__(cls)
    cls._dataclass_init(made, *args, **kwargs)  # type: ignore[attr-defined]
    return made


def test_every_record_is_frozen_and_slotted() -> None:
    assert len(RECORDS) == 12
    for cls in RECORDS:
        assert cls.__dataclass_params__.frozen, cls  # type: ignore[attr-defined]
        assert "__slots__" in cls.__dict__, cls
        first = dataclasses.fields(cls)[0].name
        made = cls(*(_value(f, n) for n, f in enumerate(dataclasses.fields(cls))))
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, first, "changed")
        changed = dataclasses.replace(made, **{first: "changed"})
        assert changed != made and getattr(changed, first) == "changed"


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_quick_init_builds_what_the_dataclass_init_builds(cls: type) -> None:
    fields = dataclasses.fields(cls)
    missing = dataclasses.MISSING
    required = [f for f in fields if f.default is missing and f.default_factory is missing]
    # Only what is required: the defaults and the default factories fill the rest.
    least = [_value(f, n) for n, f in enumerate(required)]
    assert cls(*least) == _dataclasses_built(cls, *least)
    every = [_value(f, n) for n, f in enumerate(fields)]
    assert cls(*every) == _dataclasses_built(cls, *every)
    by_name = {f.name: _value(f, n) for n, f in enumerate(fields)}
    assert cls(**by_name) == _dataclasses_built(cls, **by_name)
    # A default factory makes a new value for each record, never one shared.
    made, other = cls(*least), cls(*least)
    for field in fields:
        if field.default_factory is not dataclasses.MISSING and isinstance(
            getattr(made, field.name), list
        ):
            assert getattr(made, field.name) is not getattr(other, field.name)
    assert _parameters(cls.__init__, cls) == _parameters(cls._dataclass_init, cls)


def _parameters(init: Any, cls: type) -> list[tuple[str, Any, Any]]:
    """Name, kind and default of each parameter (a default factory's default: "factory")."""
    factories = {
        f.name for f in dataclasses.fields(cls) if f.default_factory is not dataclasses.MISSING
    }
    return [
        (p.name, p.kind, "factory" if p.name in factories else p.default)
        for p in inspect.signature(init).parameters.values()
    ]


def test_quick_init_refuses_what_the_dataclass_init_refuses() -> None:
    with pytest.raises(TypeError):
        r.Task(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        r.Task(1, "title", nonsense=True)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        r.Task(1, "title", title="twice")  # type: ignore[misc]
