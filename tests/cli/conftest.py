"""What the command-line tests share: running ``main`` in-process, and a small book.

Import the helpers (``from tests.cli.conftest import run``); the fixture below applies to
every test here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rapport.cli import main
from rapport.services.book import close_book, open_book


@pytest.fixture(autouse=True)
def _close_book() -> Iterator[None]:
    """main() leaves the book open, as a one-shot process may; tests must not share it."""
    yield
    close_book()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``rapport ARGS`` in this process: the exit code, stdout and stderr.

    On a team book (the test's ``engine``) the command names it with ``--database-url``.
    """
    url = os.environ.get("RAPPORT_DATABASE_URL")
    code = main(["--database-url", url, *args] if url else list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    """``rapport ARGS`` that must succeed: its stdout read as JSON."""
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def book_with_one_client(data_dir: Path, name: str = "First Client") -> None:
    """A closed book in ``data_dir`` holding one client (for tests that start processes)."""
    from rapport.services import clients

    open_book(data_dir)
    try:
        clients.create_client(name)
    finally:
        close_book()


def rows(data_dir: Path, *models: type[Any]) -> list[int]:
    """How many rows of each model the book in ``data_dir`` holds (on either engine),
    read through a connection of this process once the others have written."""
    open_book(data_dir)
    try:
        return [model.select().count() for model in models]
    finally:
        close_book()
