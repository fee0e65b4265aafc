"""``rapport demo``: loads the sample book once, and leaves a book with data alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.cli import main


def test_demo_prints_the_summary(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Loaded 25 clients, ")
    assert "conversations and" in out and out.rstrip().endswith("tasks.")


def test_second_run_says_the_book_has_data(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "already has" in captured.err and "--force" in captured.err


def test_force_and_sizes(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    args = ["--data-dir", str(data_dir), "demo", "--force", "--clients", "12", "--notes", "90"]
    assert main([*args, "--seed", "3"]) == 0
    assert "Loaded 12 clients, 90 conversations" in capsys.readouterr().out
