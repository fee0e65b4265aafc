"""Issue 16 item 6 on the command line: --date-order and RAPPORT_DATE_ORDER for one run, the
book's setting otherwise, in the dry run (read without the database layer) and with the book."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.services import settings
from rapport.services.book import close_book, open_book
from tests.cli.conftest import book_with_one_client, run_json
from tests.pgserver import DRY_RUN, NO_BOOK_YET

NOTE = "Lunch with Bob Smith. I'll send the deck by 3/4."


def _dues(capsys: pytest.CaptureFixture[str], *args: str, client: str = "") -> list[str]:
    more = ("--client", client) if client else ()
    out = run_json(capsys, *args, "capture", "--dry-run", "--json", *more, NOTE)
    assert isinstance(out, dict)
    return [task["due"] for task in out["tasks"]]


@pytest.fixture
def no_run_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the tests' pinned order (a run's --date-order sets it: undone after)."""
    monkeypatch.delenv("RAPPORT_DATE_ORDER", raising=False)
    for name in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.mark.usefixtures("no_run_choice")
@pytest.mark.sqlite_only(reason=NO_BOOK_YET)
def test_the_option_and_the_variable_choose_the_order_for_one_run(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = ("--data-dir", str(data_dir))  # no book: nothing is created by a dry run
    assert _dues(capsys, *where) == ["2027-03-04"]
    assert _dues(capsys, *where, "--date-order", "dmy") == ["2027-04-03"]
    monkeypatch.setenv("RAPPORT_DATE_ORDER", "dmy")
    assert _dues(capsys, *where) == ["2027-04-03"]
    assert _dues(capsys, *where, "--date-order", "mdy") == ["2027-03-04"]
    assert not data_dir.exists()


@pytest.mark.usefixtures("no_run_choice")
@pytest.mark.sqlite_only(reason=DRY_RUN)
def test_the_books_setting_reaches_the_dry_run(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    book_with_one_client(data_dir, "Bob Smith")
    where = ("--data-dir", str(data_dir))
    assert _dues(capsys, *where) == ["2027-03-04"]
    open_book(data_dir)
    try:
        settings.update({"date_order": "dmy"})
    finally:
        close_book()
    assert _dues(capsys, *where) == ["2027-04-03"]  # read through sqlite3 alone
    assert _dues(capsys, *where, client="Bob Smith") == ["2027-04-03"]  # the book opened
    assert _dues(capsys, *where, "--date-order", "mdy") == ["2027-03-04"]
