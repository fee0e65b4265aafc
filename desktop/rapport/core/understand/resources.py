"""The data files of capture's rules (word lists, the interest catalogue, the task model),
read from ``resources/``: a plain file next to the resources package in the common case
(installed, editable or frozen), importlib.resources for a zipped install."""

from __future__ import annotations

import os
from types import ModuleType

__all__ = ["read_resource", "read_resource_bytes"]


def _plain_file(name: str) -> tuple[ModuleType, str]:
    # A plain file avoids importing importlib.resources, which costs more than the whole load.
    import rapport.resources as package

    return package, os.path.join(os.path.dirname(package.__file__ or ""), name)


def read_resource(name: str) -> str:
    package, path = _plain_file(name)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    from importlib import resources  # a zipped install

    return resources.files(package).joinpath(name).read_text("utf-8")


def read_resource_bytes(name: str) -> bytes:
    package, path = _plain_file(name)
    if os.path.isfile(path):
        with open(path, "rb") as fh:
            return fh.read()
    from importlib import resources  # a zipped install

    return resources.files(package).joinpath(name).read_bytes()
