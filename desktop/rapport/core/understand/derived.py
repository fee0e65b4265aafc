"""What the understanding builds from its shipped data, kept between runs the way Python
keeps bytecode (the regex programs' way, ``programs.py``).

The interest catalogue's phrase index is built from ``interests.json`` and
``pastimes.json`` at the first note of a process: parsing the JSON and indexing some 2,000
phrases was the largest single cost of a ``rapport capture --dry-run`` after the
grammar's regexes (about 10 ms of CPU). The index depends only on those files, the code
that builds it and the Python, so a process that built one can hand it to the next: the
command's dry run keeps it in a file beside the book (``services/capture_dry.py``: the
core reads and writes no file; the service hands the bytes in and takes them out).

``kept(name, key, build, freeze, thaw)`` is the only entry: the value kept under ``name``
when its key is ``key`` (the source texts and the builder's code, compared whole, not
through a hash), else ``build()``. What is kept is plain data (tuples, lists, dicts,
frozensets of strings: what ``marshal`` writes), never a note or a name from the book.
Bytes from another Python, damaged bytes, or an entry whose key differs are ignored, and
the value is built as if nothing were kept.
"""

from __future__ import annotations

import marshal
import sys
from collections.abc import Callable, Mapping
from types import CodeType, FunctionType
from typing import Any, TypeVar

__all__ = ["code_key", "kept", "kept_data", "load_kept"]

T = TypeVar("T")

FORMAT = f"rapport derived resources 1; {sys.implementation.name} {sys.version}"

# name -> (key, frozen value) read from the kept bytes; what this process built, to keep.
_loaded: dict[str, tuple[object, object]] = {}
_built: dict[str, tuple[object, object]] = {}


def kept(
    name: str,
    key: object,
    build: Callable[[], T],
    freeze: Callable[[T], object],
    thaw: Callable[[Any], T],
) -> T:
    """The value kept under ``name`` for ``key``, else ``build()`` (then kept for the next
    run). ``freeze`` makes plain data of a value as built, ``thaw`` the value back: the two
    give a value that behaves exactly as the one built (a test checks each)."""
    entry = _loaded.get(name)
    if entry is not None and entry[0] == key:
        try:
            return thaw(entry[1])
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            pass  # damaged: built as usual
    value = build()
    _built[name] = (key, freeze(value))
    return value


def load_kept(data: bytes) -> bool:
    """Know the values ``kept_data`` gave, when this Python wrote them (else nothing
    changes). True when they were taken."""
    try:
        header, entries = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return False
    if header != FORMAT or not isinstance(entries, dict):
        return False
    for name, entry in entries.items():
        if isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 2:
            _loaded.setdefault(name, entry)
    return True


def kept_data() -> bytes | None:
    """The values built in this process, with those loaded, as bytes for ``load_kept``;
    None when none was built (nothing new to keep)."""
    if not _built:
        return None
    data = marshal.dumps((FORMAT, {**_loaded, **_built}))
    _loaded.update(_built)
    _built.clear()
    return data


def code_key(*parts: object) -> tuple[object, ...]:
    """What a builder's result depends on besides its sources: its functions' code (the
    bytecode, names and constants, nested code included) and plain values, in a form that
    is the same in every process of this Python (no addresses, no hash order)."""
    return tuple(_plain(part) for part in parts)


def _plain(value: object) -> object:
    if isinstance(value, FunctionType):
        value = value.__code__
    if isinstance(value, CodeType):
        return (
            "code",
            value.co_code,
            value.co_names,
            value.co_varnames,
            tuple(_plain(const) for const in value.co_consts),
        )
    if isinstance(value, (frozenset, set)):
        return ("set", tuple(sorted(_plain(item) for item in value)))  # type: ignore[type-var]
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, type):
        return ("class", value.__qualname__, _members(vars(value)))
    return ("value", repr(value))


def _members(namespace: Mapping[str, object]) -> tuple[object, ...]:
    """A class's methods (static and class methods, properties too) and annotations."""
    out: list[object] = [repr(namespace.get("__annotations__"))]
    for name in sorted(namespace):
        member = namespace[name]
        if isinstance(member, (staticmethod, classmethod)):
            member = member.__func__
        elif isinstance(member, property):
            member = member.fget
        if isinstance(member, FunctionType):
            out.append((name, _plain(member)))
    return tuple(out)
