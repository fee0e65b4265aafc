"""``rapport done ID --note``: finishing a promise prints the message that tells the client."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rapport.cli import main


@pytest.fixture
def book(data_dir: Path) -> tuple[Path, int, int]:
    from rapport.services import clients, tasks
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    dana = clients.create_client("Dana Whitfield", emails=["dana@example.com"])
    promise = tasks.add_task(
        "Send the revised pricing for the Q1 rollout", dana.id, None, "promise"
    )
    chore = tasks.add_task("Book the venue", dana.id, None, "todo")
    close_book()
    return data_dir, promise.id, chore.id


def test_done_note_prints_the_message(capsys: pytest.CaptureFixture[str], book: Any) -> None:
    folder, promise, chore = book
    assert main(["--data-dir", str(folder), "done", str(promise), "--note"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Done: Send the revised pricing for the Q1 rollout\n")
    body = out.strip().splitlines()[-1]
    assert body.startswith(("Dana, ", "Hi Dana, "))
    assert "the revised pricing for the Q1 rollout is" in body and "in your inbox" in body
    assert main(["--data-dir", str(folder), "done", str(chore), "--note", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "done" and data["note"] is None  # a chore: nobody to tell


def test_done_note_json(capsys: pytest.CaptureFixture[str], book: Any) -> None:
    folder, promise, _ = book
    assert main(["--data-dir", str(folder), "done", str(promise), "--note", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["note"]["to"] == "dana@example.com"
    assert data["note"]["subject"] == "Revised pricing for the Q1 rollout"
    assert "in your inbox" in data["note"]["body"]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["done", "abc"], "'abc' is not a task id (a number)"),
        (["done", "0"], "'0' is not a task id (a positive number)"),
        (["snooze", "-3", "tomorrow"], "'-3' is not a task id (a positive number)"),
        (["answered", "x1"], "'x1' is not a message id (a number)"),
    ],
)
def test_an_id_that_is_not_a_positive_number_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str], said: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(data_dir), *argv])
    assert exited.value.code == 2
    assert said in capsys.readouterr().err
