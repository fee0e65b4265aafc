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
COMMANDS = [
    ["capture", "Lunch with Bob Smith. Send the proposal by Friday."],
    ["capture", "--json", "--private", "Lunch with Bob Smith."],
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
