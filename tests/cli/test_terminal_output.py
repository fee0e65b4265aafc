"""What the book holds is shown on the terminal, never obeyed by it (issue 15, item 9).

A vCard name with ``ESC ]0;PWNED BEL ESC [2J`` set the terminal's title and cleared the
screen when ``rapport clients`` printed it. Here every kind of record holds terminal
controls (C0, DEL, C1, a bidi override, CR and LF), written straight into the database
as an old book or another program could have, and every text command is run through the
real entry point: nothing it prints to stdout or stderr is a control but the newlines
that end its own lines, and a name with a newline stays on its row.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.cli.terminal import one_line, printable
from tests.pgserver import URL_VARIABLE

# Sets the window title, clears the screen, a C1 CSI, reverses what follows, writes over
# the line, breaks it, rings the bell.
HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202eEvil\rOver\nNext\x7f\x00"
SHOWN = "\\x1b]0;PWNED\\x07\\x1b[2J\\x9b31m\\u202eEvil\\rOver\\nNext\\x7f\\x00"
TOKEN = "Zqx"  # stands for HOSTILE until the rows are rewritten in SQL


def stored(text: str) -> str:
    """``text`` as the book keeps it: a team book's PostgreSQL holds no NUL."""
    return text.replace("\x00", "").replace("\\x00", "") if os.environ.get(URL_VARIABLE) else text


# Everything a terminal acts on: C0 but LF, DEL, C1, bidi embeddings/overrides/isolates.
CONTROLS = {
    *map(chr, range(0x0A)),
    *map(chr, range(0x0B, 0x20)),
    "\x7f",
    *map(chr, range(0x80, 0xA0)),
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
}


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def controls_in(text: str) -> list[str]:
    return sorted({repr(char) for char in text if char in CONTROLS})


@pytest.fixture
def hostile_book(data_dir: Path) -> Path:
    """A book whose every text field that commands print holds HOSTILE."""
    from rapport.services import clients, facts, gifts, inbound, interactions, people, tasks
    from rapport.services.book import close_book, open_book
    from rapport.services.search import rebuild_index
    from rapport.store import models as m
    from rapport.store.db import transaction

    open_book(data_dir)
    evil = clients.create_client(
        f"Eve {TOKEN}", company=f"Acme {TOKEN}", role=f"CEO {TOKEN}", cadence_days=30
    )
    clients.create_client("Eve Plain")  # so "eve" is ambiguous: the candidates are listed
    interactions.add_interaction(
        evil.id,
        "meeting",
        "2026-11-10T10:00",
        f"Lunch {TOKEN}",
        f"We met. {TOKEN}",
        key_points=[f"Point {TOKEN}"],
    )
    kid = people.add_person(evil.id, f"Mia {TOKEN}", "daughter", age=9)
    people.add_date(evil.id, "birthday", 11, 25, person_id=kid.id)
    facts.add_fact(evil.id, f"loves sailing {TOKEN}", tags=["sailing"])
    tasks.add_task(f"Send proposal {TOKEN}", evil.id, "2026-11-12", "promise", allow_past=True)
    tasks.add_task(f"Call back {TOKEN}", evil.id, "2026-11-18", "follow_up")
    tasks.complete_task(tasks.add_task(f"Sent the deck {TOKEN}", evil.id).id)
    inbound.record_inbound(evil.id, "voicemail", "2026-11-16T09:00", f"About {TOKEN}")
    gifts.add_gift(evil.id, f"Book {TOKEN}", given_on="2026-06-01")
    # Behind the services' backs, which clean what they store; PostgreSQL's text holds no
    # NUL, so a team book gets every other control.
    hostile = stored(HOSTILE)
    with transaction():
        for table, columns in {
            "client": ("name", "company", "role"),
            "interaction": ("title", "raw_text", "key_points"),
            "person": ("name",),
            "fact": ("text",),
            "task": ("title",),
            "inbound": ("summary",),
            "gift": ("title",),
        }.items():
            for column in columns:
                value = json.dumps(hostile)[1:-1] if column == "key_points" else hostile
                m.db.execute_sql(
                    f"update {table} set {column} = replace({column}, ?, ?)", (TOKEN, value)
                )
    rebuild_index()
    close_book()
    # A vCard writes a newline in a value as \n; a NUL would make it a binary file. The
    # second card is the same person, listed as such with its name.
    fn = HOSTILE.rstrip("\x00").replace("\r", "").replace("\n", "\\n")
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve {fn}\r\nEMAIL:eve@example.com\r\nEND:VCARD\r\n"
    (data_dir / "hostile.vcf").write_text(
        card * 2,
        encoding="utf-8",
        newline="",
    )
    return data_dir


def test_printable_shows_every_control_and_keeps_the_rest() -> None:
    assert printable(HOSTILE) == SHOWN.replace("\\n", "\n")
    assert one_line(HOSTILE) == SHOWN
    assert one_line("a\tb") == "a b"
    # Words in every script, emoji and right-to-left text are not controls.
    plain = "Amélie Dubois 王先生 🎉 שלום مرحبا"
    assert printable(plain) == plain == one_line(plain)
    # A byte that was not UTF-8 (surrogate-escaped by Python) shows as that byte.
    assert printable(b"caf\xe9 \x9b".decode("utf-8", "surrogateescape")) == "caf\\xe9 \\x9b"


COMMANDS = [
    ("clients",),
    ("clients", "--all"),
    ("tasks",),
    ("tasks", "--all"),
    ("today",),
    ("search", "pwned"),
    ("search", "sailing"),
    ("brief", "1"),
    ("note", "1", "--interaction", "1"),
    ("gifts", "1"),
    ("answered",),
    ("late", "1"),
    ("snooze", "2", "next", "week"),
    ("reopen", "3"),
    ("done", "2"),
    ("inbound", "1", "email", "--about", HOSTILE),
    ("intro", "2", "--by", HOSTILE),
    ("away", "--until", "2026-11-30", "--backup", HOSTILE),
    ("capture", "--dry-run", f"Met {HOSTILE}, she loves sailing. Send the deck by Friday."),
    ("capture", "--client", "1", f"Call with Eve: {HOSTILE}. Promised the deck by Friday."),
    ("import", "{dir}/hostile.vcf", "--dry-run"),
    ("brief", "eve"),  # ambiguous: the candidates are listed on stderr
    ("brief", HOSTILE),  # not found: the message quotes it
    ("answered", "--client", "1"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args)[:30])
def test_no_text_command_sends_a_control_to_the_terminal(
    capsys: pytest.CaptureFixture[str], hostile_book: Path, args: tuple[str, ...]
) -> None:
    words = [word.replace("{dir}", str(hostile_book)) for word in args]
    code, out, err = run(capsys, hostile_book, *words)
    assert controls_in(out) == [], out
    assert controls_in(err) == [], err
    assert code in (0, 2), err
    # The text is there, shown (its end, NEXT DEL NUL, is in every field that has it);
    # a team book's dry run opens the book, whose capture cleans the note's controls.
    if not (words[:2] == ["capture", "--dry-run"] and os.environ.get(URL_VARIABLE)):
        assert "\\x1b]0;PWNED" in out + err or "\\x7f" in out + err, out + err


def test_a_name_with_a_newline_stays_on_its_row(
    capsys: pytest.CaptureFixture[str], hostile_book: Path
) -> None:
    _, out, _ = run(capsys, hostile_book, "clients")
    rows = out.splitlines()
    assert len(rows) == 2  # two clients, two lines
    evil = next(row for row in rows if "PWNED" in row)
    assert f"Eve {stored(SHOWN)}  " in evil
    # The columns after the name line up: "last contact" starts at the same place.
    assert len({row.index("last contact") for row in rows}) == 1
    _, out, _ = run(capsys, hostile_book, "tasks")
    _, listed, _ = run(capsys, hostile_book, "tasks", "--json")
    assert len(out.splitlines()) == len(json.loads(listed)) == 3
    _, out, _ = run(capsys, hostile_book, "brief", "1")
    shown = stored(SHOWN)
    assert f"Eve {shown} — CEO {shown} · Acme {shown}" in out.splitlines()[0]


def test_json_keeps_the_text_exact_with_every_control_escaped(
    capsys: pytest.CaptureFixture[str], hostile_book: Path
) -> None:
    _, out, _ = run(capsys, hostile_book, "clients", "--json")
    assert controls_in(out) == []
    names = [row["name"] for row in json.loads(out)]
    assert f"Eve {stored(HOSTILE)}" in names  # lossless: \u009b and \u202e mean the same characters


def test_the_real_process_writes_no_control_byte(hostile_book: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for args in (["clients"], ["brief", "1"], ["brief", "eve"], ["today"]):
        done = subprocess.run(
            [sys.executable, "-m", "rapport", "--data-dir", str(hostile_book), *args],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert done.returncode in (0, 2), done.stderr
        for stream in (done.stdout, done.stderr):
            text = stream.decode("utf-8")
            assert controls_in(text) == [], text
        assert b"\\x1b]0;PWNED" in done.stdout + done.stderr


def test_search_matches_are_bold_on_a_terminal_and_the_text_still_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], hostile_book: Path
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = run(capsys, hostile_book, "search", "sailing")
    # Only the CLI's own bold on/off reach the terminal.
    assert "\x1b[1m" in out
    assert out.replace("\x1b[1m", "").replace("\x1b[0m", "").count("\x1b") == 0
    assert "\\x1b]0;PWNED" in out
