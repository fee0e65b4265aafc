"""Bytes that are not UTF-8 on the command line or standard input: one line, never a
traceback (issue 15, item 11).

Python hands an argument's undecodable bytes over as surrogates; they went as far as the
database and failed there with ``UnicodeEncodeError``. Text arguments are refused with
the argument's name and the byte; file names may hold any bytes and still work. These run
the real ``rapport`` process, with the bytes in its real argv and stdin.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rapport.cli.common import _not_utf8_at
from tests.cli.conftest import rows


def rapport(
    data_dir: Path, *args: str | bytes, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "rapport", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )


@pytest.fixture
def bob(data_dir: Path) -> Path:
    from rapport.services import clients
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    clients.create_client("Bob Smith")
    close_book()
    return data_dir


def conversations(data_dir: Path) -> int:
    from rapport.store import models as m

    return rows(data_dir, m.Interaction)[0]


def one_line_error(done: subprocess.CompletedProcess[bytes]) -> str:
    err = done.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    assert done.stdout == b""
    return err


@pytest.mark.slow
def test_a_note_that_is_not_utf8_is_refused_from_argv_and_stdin(bob: Path) -> None:
    note = b"Lunch with Bob \xff\xfe caf\xe9. He loves sailing."
    for args, stdin, position in (
        ((note,), None, 15),
        (("--dry-run", note), None, 15),
        (("-",), note, 15),
        (("--dry-run", "-"), note, 15),
    ):
        done = rapport(bob, "capture", "--client", "Bob Smith", *args, stdin=stdin)
        assert done.returncode == 1
        assert one_line_error(done) == (
            f"rapport: the note is not valid UTF-8 (byte 0xff at position {position}); "
            + ("give it as UTF-8\n" if stdin is None else "save it as UTF-8 and try again\n")
        )
    assert conversations(bob) == 0
    # The same note in UTF-8 is saved, from both.
    good = "Lunch with Bob, café. He loves sailing.".encode()
    assert rapport(bob, "capture", "--client", "Bob Smith", good).returncode == 0
    assert rapport(bob, "capture", "--client", "Bob Smith", "-", stdin=good).returncode == 0
    assert conversations(bob) == 2


@pytest.mark.slow
def test_every_text_argument_is_checked_and_file_names_may_be_any_bytes(
    bob: Path, tmp_path: Path
) -> None:
    bad = b"Bob \xff"
    for args, name in (
        (("brief", bad), "CLIENT"),
        (("tasks", "--client", bad), "--client"),
        (("search", bad), "the search"),
        (("inbound", "Bob Smith", "email", "--about", bad), "--about"),
        (("away", "--until", "friday", "--backup", bad), "--backup"),
        (("intro", "Bob Smith", "--by", bad), "--by"),
        (("capture", "--client", bad, "Lunch with Bob"), "--client"),
    ):
        done = rapport(bob, *args)
        assert done.returncode == 1, done.stderr
        assert one_line_error(done) == (
            f"rapport: {name} is not valid UTF-8 (byte 0xff at position 4); give it as UTF-8\n"
        )
    # A file name is bytes on Linux: a backup to one that is not UTF-8 works.
    target = os.fsencode(tmp_path) + b"/backup-\xff.db"
    done = rapport(bob, "backup", target)
    assert done.returncode == 0, done.stderr
    assert os.path.exists(target)
    assert b"backup-\\xff.db" in done.stdout  # shown as an escape, not a raw byte


def test_such_bytes_met_deeper_down_are_one_line_too(capsys: pytest.CaptureFixture[str]) -> None:
    """The last net: text from elsewhere (an environment variable, a setting) that fails
    to encode where it is stored is named in one line, the bad byte shown as \\xff."""
    from rapport.cli.common import report_error

    text = b"Bob \xff".decode("utf-8", "surrogateescape")
    with pytest.raises(UnicodeEncodeError) as failed:
        text.encode("utf-8")
    assert report_error(failed.value) == 1
    err = capsys.readouterr().err
    assert err == 'rapport: "Bob \\xff" is not valid UTF-8 text; give it as UTF-8\n'
    # A plain bug keeps its traceback.
    assert report_error(UnicodeEncodeError("ascii", "é", 0, 1, "ordinal not in range")) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ascii",
        "café, naïve, 東京, emoji 🙂",
        "bad \udcff byte",
        "\udc80 first",
        "last \udcc3",
        "é then \udce9 then \udcff",
        "a lone \ud800 surrogate is not a byte",
        "\ud800 then \udc90",
    ],
)
def test_the_first_byte_that_is_not_utf8_is_found_where_the_pattern_found_it(text: str) -> None:
    """Told without a regex (compiled at every start for the rare error): the same place
    as ``[\\udc80-\\udcff]`` finds, or None."""
    found = re.search("[\udc80-\udcff]", text)
    assert _not_utf8_at(text) == (found.start() if found else None)
