"""``rapport bench`` at a small scale: it runs, reports every field, and keeps nothing.

The same command times the 5,000-client book in tests/bench; here only its correctness
is checked (every CLI.md field present, numbers, the book unchanged), never a time.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.services.book import close_book

CLI_FIELDS = (
    "clients",
    "notes",
    "search_p50_ms",
    "search_p95_ms",
    "profile_p95_ms",
    "save_p95_ms",
    "capture_parse_p95_ms",
    "today_ms",
)


@pytest.fixture
def small_book(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    args = ["--data-dir", str(data_dir), "demo", "--clients", "30", "--notes", "200"]
    assert main([*args, "--seed", "7"]) == 0
    close_book()
    capsys.readouterr()
    return data_dir


def _contents(data_dir: Path) -> dict[str, str]:
    """A digest of every table's rows (the book, not the file's pages)."""
    conn = sqlite3.connect(data_dir / "rapport.db")
    try:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            table: hashlib.sha256(
                repr(conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()).encode()
            ).hexdigest()
            for table in tables
            if not table.startswith("sqlite_")
        }
    finally:
        conn.close()


def test_bench_json_reports_every_field_and_keeps_nothing(
    small_book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _contents(small_book)
    assert main(["--data-dir", str(small_book), "bench", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    for field in CLI_FIELDS:
        assert isinstance(report[field], int | float) and report[field] >= 0, field
    assert report["clients"] == 30 and report["notes"] == 200
    assert report["runs"] >= 50
    for extra in (
        "brief_p95_ms",
        "list_clients_ms",
        "client_list_page_ms",
        "profile_largest_ms",
        "save_p50_ms",
        # The grammar's first-use compiling, paid by the warm-up notes, not in capture parse.
        "capture_parse_warm_ms",
    ):
        assert report[extra] >= 0
    assert report["save_mode"] == "rolled back transaction"
    # The book's file was read into the file cache before timing, and what each
    # operation read from the disk while timed is reported beside it (issue 22: a first
    # run after a copy read the book's pages from the disk inside the timed saves).
    assert report["book_read_ms"] >= 0
    for name in ("search", "profile", "brief", "capture_parse", "save", "today"):
        assert isinstance(report[f"{name}_disk_kb"], int | float), name
        assert report[f"{name}_disk_kb"] >= 0, name
    # Each operation's CPU time beside its clock time (what the code costs, without the
    # waits for a core): never more than the clock's, since a thread runs only while
    # the clock does.
    for name in ("search", "profile", "brief", "capture_parse", "save", "today"):
        cpu, clock = (
            report[f"{name}_cpu_p50_ms"],
            report[f"{name}_p50_ms" if name != "today" else "today_ms"],
        )
        assert 0 < cpu <= clock + 0.05, name
        assert report[f"{name}_cpu_p95_ms"] >= cpu, name
    close_book()
    assert _contents(small_book) == before  # saves and Today were rolled back


def test_bench_table_and_its_refusals(small_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(small_book), "bench"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("30 clients, 200 conversations; 50 runs each")
    assert "CPU p95" in out.splitlines()[1]
    # A small book just written is in the file cache: nothing read from the disk to say.
    assert "read from the disk" not in out
    for label in ("search", "open a profile", "brief", "capture parse", "save a capture"):
        assert label in out
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(small_book), "bench", "--runs", "10"])
    assert exit_info.value.code == 2
    assert "at least 50" in capsys.readouterr().err


def test_bench_on_an_empty_book_still_reports(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "bench", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["clients"] == 0
    assert set(CLI_FIELDS) <= set(report)
    # Nothing to search, open or save about: not measured (null), rather than a false 0.
    for field in (
        "search_p95_ms",
        "profile_p95_ms",
        "save_p95_ms",
        "capture_parse_p95_ms",
        "capture_parse_warm_ms",
    ):
        assert report[field] is None
    assert report["today_ms"] > 0
    assert main(["--data-dir", str(data_dir), "bench"]) == 0
    text = capsys.readouterr().out
    assert "The book is empty" in text and "—" in text


def test_bench_reads_the_whole_book_file_and_its_log(tmp_path: Path) -> None:
    """``read_book_file`` reads the database file and its write-ahead log to the end, so
    the timed operations find the book in the file cache; a book with no file reads 0."""
    from rapport.bench.run import read_book_file

    book = tmp_path / "rapport.db"
    book.write_bytes(b"b" * (3 << 20) + b"tail")
    assert read_book_file(book, chunk=1 << 20) == (3 << 20) + 4
    (tmp_path / "rapport.db-wal").write_bytes(b"w" * 10)
    assert read_book_file(book) == (3 << 20) + 14
    assert read_book_file(tmp_path / "absent.db") == 0
