"""Real processes: killed in the middle of writing, and writing at the same time."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rapport.store import models as m
from tests.cli.conftest import book_with_one_client, rows
from tests.pgserver import KILLED_FILE, URL_VARIABLE
from tests.safety import integrity, vcard

# A loop of writes through the real services, as quick capture does them: each line
# printed is a promise that the write was committed.
WRITER_LOOP = """
import sys
from rapport.services.book import open_book
from rapport.services import clients, interactions
open_book(sys.argv[1])
n = 0
while True:
    client = clients.create_client(f"Client {sys.argv[2]}-{n}", notes="x" * 300)
    talk = interactions.add_interaction(client.id, "call", None, f"Call {n}", "notes " * 50)
    print(client.id, talk.id, flush=True)
    n += 1
"""

WRITER_BATCH = """
import sys
from rapport.services.book import open_book
from rapport.services import clients, tasks
open_book(sys.argv[1])
for n in range(int(sys.argv[3])):
    client = clients.create_client(f"{sys.argv[2]} {n}")
    tasks.add_task(f"Call {sys.argv[2]} {n}", client.id)
print("done", flush=True)
"""


@pytest.mark.slow
@pytest.mark.sqlite_only(reason=KILLED_FILE)
def test_kill_9_in_the_middle_of_writes_loses_nothing_reported(data_dir: Path) -> None:
    book_with_one_client(data_dir)
    rng = random.Random(8)
    reported: list[tuple[int, int]] = []
    for round_number in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER_LOOP, str(data_dir), str(round_number)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        try:
            for _ in range(rng.randint(1, 15)):
                line = proc.stdout.readline()
                assert line, proc.stderr.read() if proc.stderr else "the writer died"
                reported.append(tuple(int(x) for x in line.split()))  # type: ignore[arg-type]
            time.sleep(rng.random() * 0.03)  # somewhere in the middle of the next write
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        # Lines already printed before the kill were committed too; a line cut short by
        # the kill (no newline yet) was never reported as saved.
        reported += [
            tuple(int(x) for x in line.split())  # type: ignore[misc]
            for line in proc.stdout
            if line.endswith("\n")
        ]
        proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
    path = data_dir / "rapport.db"
    assert integrity(path) == "ok"
    conn = sqlite3.connect(path)
    try:
        clients = {row[0] for row in conn.execute("SELECT id FROM client")}
        talks = {row[0] for row in conn.execute("SELECT id FROM interaction")}
    finally:
        conn.close()
    assert len(reported) >= 20
    assert all(c in clients and t in talks for c, t in reported)
    # The book opens normally afterwards (the WAL is recovered) and checks clean.
    from rapport.services import dbcheck
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    try:
        assert dbcheck.check_database().ok
    finally:
        close_book()


@pytest.mark.slow
def test_two_processes_writing_at_once_both_succeed(data_dir: Path) -> None:
    book_with_one_client(data_dir)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER_BATCH, str(data_dir), name, "150"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Window", "Script")
    ]
    outcomes = [proc.communicate(timeout=120) for proc in procs]
    for proc, (out, err) in zip(procs, outcomes, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "done" and "locked" not in err
    assert rows(data_dir, m.Client, m.Task) == [301, 300]
    if not os.environ.get(URL_VARIABLE):  # a book in a file: the file is sound too
        assert integrity(data_dir / "rapport.db") == "ok"


@pytest.mark.slow
def test_two_command_lines_importing_in_a_loop(data_dir: Path, tmp_path: Path) -> None:
    book_with_one_client(data_dir)
    for who in ("a", "b"):
        for n in range(4):
            cards = "".join(vcard(f"{who}{n} Person{k}", f"{who}{n}.{k}@x.org") for k in range(40))
            (tmp_path / f"{who}{n}.vcf").write_text(cards)
    loops = [
        subprocess.Popen(
            [
                "sh",
                "-c",
                " && ".join(
                    f'"{sys.executable}" -m rapport --data-dir "{data_dir}" import '
                    f'"{tmp_path / f"{who}{n}.vcf"}"'
                    for n in range(4)
                ),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("a", "b")
    ]
    for proc in loops:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert err == "" and out.count("Imported: 40 clients added") == 4
    assert rows(data_dir, m.Client) == [1 + 2 * 4 * 40]
