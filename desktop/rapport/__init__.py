"""Rapport: a personal client memory that turns what you heard into timely action."""

from __future__ import annotations

__version__ = "0.1.0"

import sys as _sys
import time as _time
from importlib.machinery import PathFinder as _PathFinder
from types import ModuleType as _ModuleType

TYPE_CHECKING = False  # not typing's: importing typing would cost the start ~3 ms
if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec
    from typing import Any

# When the process reached Rapport: `--startup-check` and the benchmarks measure from here.
STARTED = _time.perf_counter()

# peewee imports the PostgreSQL drivers it knows (psycopg, psycopg2) as it loads, whenever
# they are installed: with the team extra that added about 150-220 ms to every start, for
# a book that never talks to a server. While peewee loads, they are hidden; a team book's
# engine (store/postgres.py) imports psycopg itself and hands it to peewee.
_DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi")


class _PeeweeWithoutDrivers:
    """An import hook that runs peewee's module body with the drivers hidden, once."""

    @classmethod
    def find_spec(cls, name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if name != "peewee":
            return None
        hooks: list[Any] = _sys.meta_path
        if cls in hooks:
            hooks.remove(cls)
        spec = _PathFinder.find_spec(name)
        loader: Any = spec.loader if spec is not None else None
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        run = loader.exec_module

        def exec_module(module: _ModuleType) -> None:
            hidden = [driver for driver in _DRIVERS if driver not in _sys.modules]
            for driver in hidden:
                _sys.modules[driver] = None  # type: ignore[assignment]  # import raises
            try:
                run(module)
            finally:
                for driver in hidden:
                    if _sys.modules.get(driver, 0) is None:
                        del _sys.modules[driver]

        loader.exec_module = exec_module
        return spec


if "peewee" not in _sys.modules:
    _hooks: list[Any] = _sys.meta_path  # (annotations are not evaluated)
    _hooks.insert(0, _PeeweeWithoutDrivers)

# Every start defines Rapport's dataclasses; the methods dataclasses writes for them are
# compiled once and kept beside the bytecode (rapport/methods.py).
from os.path import dirname as _dirname  # noqa: E402  # after STARTED, like the hook

from rapport import methods as _methods  # noqa: E402

_methods.install(_dirname(__file__))
