"""A long write (an import) that other programs wait out, saying so, instead of failing.

Real processes on a real book: one holds the write lock for longer than the other's busy
timeout, announced as a long write or not.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rapport.services import book as book_service
from rapport.services import clients
from rapport.store import engine_sqlite, long_write
from rapport.store.errors import DatabaseBusyError
from tests.pgserver import FILE_LOCK

# Holds the book's write lock for HOLD seconds inside a transaction, announced as a long
# write ("long") or not ("plain"); prints "holding" once the lock is taken.
HOLDER = """
import sys, time
from rapport.services.book import open_book
from rapport.services import clients
from rapport.store import db, long_write
from pathlib import Path
open_book(sys.argv[1])
kind, hold = sys.argv[2], sys.argv[3]

def wait():
    # HOLD seconds, or until the file HOLD names exists (at most a minute)
    if hold.replace(".", "", 1).isdigit():
        time.sleep(float(hold))
        return
    deadline = time.monotonic() + 60
    while not Path(hold).exists() and time.monotonic() < deadline:
        time.sleep(0.05)

if kind == "long":
    with db.long_transaction("the import"):
        clients.create_client("Held Writer")
        print("holding", flush=True)
        wait()
else:
    with db.transaction():
        clients.create_client("Held Writer")
        print("holding", flush=True)
        wait()
print("done", flush=True)
"""


def _hold(data_dir: Path, kind: str, seconds: float | Path) -> subprocess.Popen[str]:
    """A process holding the book's write lock for ``seconds``, or until that file exists."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir), kind, str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "holding\n", holder.stderr.read() if holder.stderr else ""
    return holder


@pytest.fixture(autouse=True)
def _no_listeners_left(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(long_write, "_listeners", {})


@pytest.fixture
def short_timeout_book(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(engine_sqlite, "BUSY_TIMEOUT", 0.3)
    book_service.open_book(data_dir)
    try:
        clients.create_client("First Client")
        yield data_dir
    finally:
        book_service.close_book()


@pytest.mark.sqlite_only(reason=FILE_LOCK)
def test_a_write_waits_out_another_programs_import_and_says_so(short_timeout_book: Path) -> None:
    told: list[str] = []
    book_service.on_busy_wait("test", told.append)
    holder = _hold(short_timeout_book, "long", 2.0)  # longer than the 0.3 s timeout
    try:
        created = clients.create_client("Waiting Writer")  # waits, then writes
    finally:
        holder.communicate(timeout=60)
    assert holder.returncode == 0
    assert told == ["the book is busy: waiting for the import to finish"]
    names = {c.name for c in clients.list_clients()}
    assert {"Held Writer", "Waiting Writer"} <= names
    assert created.name == "Waiting Writer"


@pytest.mark.sqlite_only(reason=FILE_LOCK)
def test_a_write_held_up_by_anything_else_still_fails_on_the_timeout(
    short_timeout_book: Path,
) -> None:
    told: list[str] = []
    book_service.on_busy_wait("test", told.append)
    holder = _hold(short_timeout_book, "plain", 2.0)
    try:
        with pytest.raises(DatabaseBusyError):
            clients.create_client("Impatient Writer")
    finally:
        holder.communicate(timeout=60)
    assert told == []
    assert "Impatient Writer" not in {c.name for c in clients.list_clients()}


@pytest.mark.sqlite_only(reason=FILE_LOCK)
def test_the_command_line_says_it_waits_for_the_import(data_dir: Path) -> None:
    book_service.open_book(data_dir)
    clients.create_client("First Client")
    book_service.close_book()
    # The import ends once the command has said it waits: however long the command takes
    # to start on a loaded machine (a fixed 2 s hold could end before it got there).
    done = data_dir.parent / "import-done"
    holder = _hold(data_dir, "long", done)
    try:
        command = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; from rapport.store import engine_sqlite; "
                "engine_sqlite.BUSY_TIMEOUT = 0.3; "
                "from rapport.cli import main; sys.exit(main(sys.argv[1:]))",
                "--data-dir",
                str(data_dir),
                "capture",
                "Call with Wanda Waits about the renewal",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert command.stderr is not None
        said = command.stderr.readline()
        done.touch()
        _, rest = command.communicate(timeout=120)
    finally:
        done.touch()
        holder.communicate(timeout=60)
    assert command.returncode == 0, said + rest
    assert said == "rapport: the book is busy: waiting for the import to finish\n", said + rest
