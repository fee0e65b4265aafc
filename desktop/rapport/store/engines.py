"""Which engine a book opens with (``store/engine.py`` says what an engine is).

``choose`` asks the registered choosers, newest first, then takes the server engine when
``RAPPORT_DATABASE_URL`` is set and the SQLite engine for the book's file otherwise. An
engine for another kind of book (an encrypted file, a PostgreSQL team book) registers
its chooser with ``register``. Loads no peewee (it runs before the first paint).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from rapport.store.engine import Engine
from rapport.store.engine_server import ServerEngine
from rapport.store.engine_sqlite import SqliteEngine

# Where a book on a server is named (playhouse.db_url's form: postgresql://user@host/db).
URL_VARIABLE = "RAPPORT_DATABASE_URL"

# A chooser looks at the book's file and the server URL (or None) and returns the engine
# for them, or None to let the next one decide.
Chooser = Callable[[Path, str | None], Engine | None]

_choosers: list[Chooser] = []


def register(chooser: Chooser) -> None:
    """Let ``chooser`` pick the engine of the books it recognises (asked newest first)."""
    _choosers.insert(0, chooser)


def unregister(chooser: Chooser) -> None:
    if chooser in _choosers:
        _choosers.remove(chooser)


def choose(path: Path) -> Engine:
    """The engine for the book at ``path`` (or at ``RAPPORT_DATABASE_URL`` when set)."""
    url = os.environ.get(URL_VARIABLE) or None
    for chooser in _choosers:
        engine = chooser(path, url)
        if engine is not None:
            return engine
    if url:
        return ServerEngine(url)
    return SqliteEngine(path)
