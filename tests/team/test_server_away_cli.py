"""Every command on a team book whose server is away: exit 1, one line naming the server.

No server is needed: the URL names a socket folder that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.services.book import close_book

URL = "postgresql://alice:secret@/book?host=/nonexistent-socket-dir&port=5999&sslpassword=x2"
SERVER = "postgresql:///book?host=/nonexistent-socket-dir&port=5999"

# Each command that reads or writes the book, with the arguments it needs to get there.
# (``capture`` keeps the note instead: test_a_capture_while_the_server_is_away_is_kept.)
COMMANDS = [
    ["capture", "--dry-run", "Lunch with Bob Smith. Send the proposal by Friday."],
    ["capture", "--dry-run", "--client", "Bob", "Lunch with Bob Smith."],
    ["clients"],
    ["today"],
    ["tasks"],
    ["done", "1"],
    ["snooze", "1", "tomorrow"],
    ["reopen", "1"],
    ["answered", "1"],
    ["inbound", "Bob Smith", "voicemail"],
    ["intro", "Ann Lee", "--by", "Bob Smith"],
    ["thanked", "1"],
    ["late", "1"],
    ["away"],
    ["demo"],
    ["gifts", "Bob Smith"],
    ["note", "Bob Smith"],
    ["envelope", "Bob Smith"],
    ["cards", "--occasion", "holiday", "--all", "--pdf", "cards.pdf"],
    ["brief", "Bob Smith"],
    ["search", "bob"],
    ["import", "contacts.vcf"],
    ["export", "book.json"],
    ["backup"],
    ["check"],
    ["phone", "status"],
    ["phone", "publish"],
    ["bench"],
    ["team", "setup"],
    ["team", "add", "bob"],
]


@pytest.fixture(autouse=True)
def _fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("RAPPORT_DATABASE_URL", "")
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "contacts.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEND:VCARD\n")
    yield
    close_book()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_a_command_on_a_server_that_is_away_is_one_line_naming_it(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--database-url", URL, *args])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert err.startswith(f"rapport: cannot reach the team book at {SERVER}: "), err
    assert err.count("\n") == 1 and out == ""
    assert "secret" not in err and "x2" not in err and "alice" not in err


@pytest.mark.parametrize("json", [False, True])
def test_a_capture_while_the_server_is_away_is_kept(
    json: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 3, one line naming the server (no role, no password): the note is in the
    outbox, a private file (services/outbox.py; sent in tests/services/test_outbox.py)."""
    from rapport.services import outbox

    args = ["--json"] * json + ["--private", "Lunch with Bob Smith."]
    code = main(["--database-url", URL, "capture", *args])
    out, err = capsys.readouterr()
    assert code == 3, err
    assert err == (
        f"rapport: the team book at {SERVER} is away: the note is kept on this computer "
        "(1 capture waiting) and saved to the team book when the server is back\n"
    )
    assert "secret" not in err + out and "alice" not in err + out
    assert (out != "") == json
    [kept] = outbox.waiting()
    assert (kept.text, kept.private, kept.author) == ("Lunch with Bob Smith.", True, "alice")
    path = outbox.outbox_file()
    assert path is not None and path.parent == tmp_path / "data"
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_capture_that_names_nobody_is_refused_not_kept(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from rapport.services import outbox

    assert main(["--database-url", URL, "capture", "Call back tomorrow."]) == 2
    assert "names no client" in capsys.readouterr().err
    assert outbox.waiting() == []
