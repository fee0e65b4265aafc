"""What the command line writes is private, and so is the book's folder (issue 15, item 10).

``brief --pdf`` and ``note --pdf`` wrote 0644 files (the umask's choice) while exports
and the window write 0600. A data folder left 0755 and a book left 0644 (by an older
version, a copy, another program) stayed readable by every account: they are tightened
when the book opens, and it is said once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from rapport import paths
from rapport.cli import main
from tests.pgserver import BOOK_FILE

pytestmark = pytest.mark.sqlite_only(reason=BOOK_FILE)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask most desktops run with (files 0644), whatever the tests before set."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def bob(data_dir: Path) -> Path:
    from rapport.services import clients, interactions
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    bob = clients.create_client("Bob Smith", company="Acme Supply")
    interactions.add_interaction(bob.id, "meeting", "2026-11-16T10:00", "Lunch", "We met.")
    close_book()
    return data_dir


@pytest.mark.usefixtures("usual_umask")
def test_pdfs_from_the_command_line_are_private(
    capsys: pytest.CaptureFixture[str], bob: Path, tmp_path: Path
) -> None:
    brief = tmp_path / "brief.pdf"
    card = tmp_path / "card.pdf"
    card.write_bytes(b"an older file, readable by all")
    card.chmod(0o644)
    assert main(["--data-dir", str(bob), "brief", "bob", "--pdf", str(brief)]) == 0
    assert main(["--data-dir", str(bob), "note", "bob", "--pdf", str(card)]) == 0
    for pdf in (brief, card):
        assert pdf.read_bytes().startswith(b"%PDF")
        assert mode(pdf) == 0o600, pdf
    # Written whole and renamed into place: no scratch file is left beside them.
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".pdf") == ["data"]
    capsys.readouterr()


@pytest.mark.usefixtures("usual_umask")
def test_a_loose_data_folder_and_book_are_tightened_and_it_is_said_once(
    capsys: pytest.CaptureFixture[str], bob: Path
) -> None:
    backups = paths.backups_dir(bob)
    backups.mkdir(exist_ok=True)
    book = paths.database_path(bob)
    for path, loose in ((bob, 0o755), (backups, 0o755), (book, 0o644)):
        path.chmod(loose)
    assert main(["--data-dir", str(bob), "clients"]) == 0
    out, err = capsys.readouterr()
    assert "Bob Smith" in out
    assert err.splitlines() == [
        f"rapport: tightened permissions of {bob} to 0700 (it was 0755: other accounts "
        "could read it)",
        f"rapport: tightened permissions of {backups} to 0700 (it was 0755: other accounts "
        "could read it)",
        f"rapport: tightened permissions of {book} to 0600 (it was 0644: other accounts "
        "could read it)",
    ]
    assert (mode(bob), mode(backups), mode(book)) == (0o700, 0o700, 0o600)
    for sidecar in ("-wal", "-shm"):
        extra = book.with_name(book.name + sidecar)
        assert not extra.exists() or mode(extra) == 0o600
    assert main(["--data-dir", str(bob), "clients"]) == 0
    assert capsys.readouterr().err == ""  # once


def test_the_window_s_way_in_tightens_too(bob: Path) -> None:
    from rapport.services.book import check_book

    bob.chmod(0o750)
    paths.database_path(bob).chmod(0o640)
    check_book(bob)
    assert (mode(bob), mode(paths.database_path(bob))) == (0o700, 0o600)


def test_tightening_keeps_the_owner_s_own_permissions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    read_only = tmp_path / "book.db"
    read_only.write_bytes(b"")
    read_only.chmod(0o444)
    assert paths.tighten(read_only)
    assert mode(read_only) == 0o400  # still read-only, now for its owner alone
    assert not paths.tighten(read_only)
    assert capsys.readouterr().err.count("\n") == 1
