"""The word lists the understanding's rules read, kept as data in ``resources/capture_words.txt``.

One plain-text file with a section per list (``[module.NAME]`` then the words, any spacing);
it is read once, with the first rule module's import, for about a millisecond. A rule module
says ``NAMES = word_list("mentions.NOT_NAMES")``; the comment above it says why the words are
there, the file says which. ``tests/tools/word_lists.py`` moves a list written in a module as
``words("...")`` into the file.
"""

from __future__ import annotations

import os
from functools import cache

from rapport.core.understand.derived import code_key, kept

__all__ = ["FILE", "read_resource", "word_list", "word_lists"]

FILE = "capture_words.txt"


def read_resource(name: str) -> str:
    """A data file of ``rapport.resources``, as text."""
    # A plain file next to the resources package is the common case (installed, editable or
    # frozen) and avoids importing importlib.resources, which costs more than the whole load.
    import rapport.resources as package

    path = os.path.join(os.path.dirname(package.__file__ or ""), name)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    from importlib import resources  # a zipped install

    return resources.files(package).joinpath(name).read_text("utf-8")


def parse(text: str) -> dict[str, frozenset[str]]:
    """The sections of a word-list file: ``[name]`` lines, then words; ``#`` lines are notes."""
    lists: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            if name in lists:
                raise ValueError(f"{FILE}: the list {name} is given twice")
            current = lists[name] = []
        elif line and not line.startswith("#"):
            if current is None:
                raise ValueError(f"{FILE}: words before the first [list] heading: {line[:40]!r}")
            current.extend(line.split())
    return {name: frozenset(words) for name, words in lists.items()}


@cache
def word_lists() -> dict[str, frozenset[str]]:
    """Every list of the shipped file, read once; parsed, or taken as a run before parsed
    the same file with the same code (``derived.py``)."""
    text = read_resource(FILE)
    key = (text, code_key(parse))
    return kept("wordlists", key, lambda: parse(text), dict, dict)


def word_list(name: str) -> frozenset[str]:
    """One list by its ``module.NAME`` (a missing one is a packaging fault: KeyError)."""
    return word_lists()[name]
