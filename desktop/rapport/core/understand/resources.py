"""The data files of capture's rules (word lists, the interest catalogue), read from
``resources/``: a plain file next to the resources package in the common case (installed,
editable or frozen), importlib.resources for a zipped install."""

from __future__ import annotations

import os

__all__ = ["read_resource"]


def read_resource(name: str) -> str:
    # A plain file avoids importing importlib.resources, which costs more than the whole load.
    import rapport.resources as package

    path = os.path.join(os.path.dirname(package.__file__ or ""), name)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    from importlib import resources  # a zipped install

    return resources.files(package).joinpath(name).read_text("utf-8")
