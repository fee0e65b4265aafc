"""The command line's dry run reads the clients with sqlite3 alone, with the same result."""

from __future__ import annotations

import gc
import json
import marshal
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rapport.core.understand import derived, programs
from rapport.core.understand.text import LazyRegex
from rapport.sample import demo
from rapport.services import capture, clients
from rapport.services.book import close_book, open_book
from rapport.services.capture_dry import (
    derived_path,
    keep_programs,
    programs_path,
    read_moment,
    understand_dry_run,
)
from rapport.store import migrations, readonly
from tests.pgserver import DRY_RUN

pytestmark = pytest.mark.sqlite_only(reason=DRY_RUN)

NOTES = [
    "Lunch w/ Bob Smith (Acme). Son Jake, 12, plays travel baseball. Promised pricing by Fri.",
    "Call with Dana: wants the renewal quote next Tuesday. Her daughter starts college.",
    "Voicemail from Maria Gonzalez asking about the contract, call back tomorrow.",
    "Coffee with someone new from Initech, loves fly fishing. Send the deck this week.",
]


@pytest.fixture
def sample(data_dir: Path) -> Path:
    open_book(data_dir)
    try:
        demo.load_demo(clients=30, notes=200, seed=4)
        clients.create_client("Bob Smith", company="Acme Supply")
        clients.create_client("Maria Gonzalez", company="Peachtree Partners")
        archived = clients.create_client("Dana Whitmore")
        clients.set_archived(archived.id, True)
    finally:
        close_book()
    return data_dir


def test_same_clients_and_same_understanding_as_opening_the_book(sample: Path) -> None:
    open_book(sample)
    try:
        expected_rows = [(k.id, k.name, k.company, k.last_contact) for k in capture.known_clients()]
        assert len(expected_rows) > 30
        rows = readonly.known_clients(sample / "rapport.db")
        assert rows is not None
        assert [(i, n, c or "", read_moment(t)) for i, n, c, t in rows] == expected_rows
        for note in NOTES:
            assert understand_dry_run(note, str(sample)) == capture.understand_note(note)
    finally:
        close_book()


def test_anything_unusual_goes_the_usual_way(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert understand_dry_run(NOTES[0], str(tmp_path / "no-book")) is None
    monkeypatch.setenv("RAPPORT_DATABASE_URL", "postgresql://nowhere/book")
    assert understand_dry_run(NOTES[0], str(sample)) is None
    monkeypatch.delenv("RAPPORT_DATABASE_URL")
    conn = sqlite3.connect(sample / "rapport.db")
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION - 1}")  # needs a step
    conn.commit()
    conn.close()
    assert understand_dry_run(NOTES[0], str(sample)) is None
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "rapport.db").write_bytes(b"not a database at all" * 10)
    assert understand_dry_run(NOTES[0], str(junk)) is None


def test_the_hotkey_dry_run_never_loads_the_database_layer(sample: Path) -> None:
    code = (
        "import sys\n"
        "from rapport.launch import main\n"
        f"code = main(['--data-dir', {str(sample)!r}, 'capture', '--dry-run', '--json', "
        f"{NOTES[0]!r}])\n"
        "assert 'peewee' not in sys.modules, 'peewee was imported'\n"
        "sys.exit(code)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "RAPPORT_DATABASE_URL"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["client"]["name"] == "Bob Smith" and result["client"]["id"] is not None


def test_a_dry_run_compiles_no_pattern_of_rapports_code_through_re(sample: Path) -> None:
    """Once the programs are kept, a dry run hands ``re`` no pattern written in Rapport's
    code, in any layer: ``re`` compiles in Python at every start (a few tenths of a
    millisecond each), so a pattern is taken from the kept programs (the grammar) or
    compiled when first needed (what the dry run never needs). Only a pattern built from
    the note may go to ``re``: this note names no one."""
    note = "Coffee at the club, loves fly fishing. Send the deck this week."
    code = (
        "import os, re, sys\n"
        "import rapport\n"
        "home = os.path.dirname(rapport.__file__)\n"
        "seen = []\n"
        "compile_ = re._compile\n"
        "def watched(pattern, flags):\n"
        "    caller = sys._getframe(2).f_code.co_filename\n"
        "    known = (type(pattern), pattern, flags) in re._cache\n"
        "    made = compile_(pattern, flags)\n"
        "    if not known and caller.startswith(home):\n"
        "        seen.append((os.path.relpath(caller, home), str(pattern)))\n"
        "    return made\n"
        "re._compile = watched\n"
        "from rapport.launch import main\n"
        f"code = main(['--data-dir', {str(sample)!r}, 'capture', '--dry-run', '--json', "
        f"{note!r}])\n"
        "sys.stderr.write(repr(seen))\n"
        "sys.exit(code)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "RAPPORT_DATABASE_URL"}
    for _ in range(2):  # the first keeps the programs
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
        )
        assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["facts"][0]["tags"] == ["fly fishing", "fishing"]
    assert out.stderr == "[]"


def _dry_run_process(data_dir: Path, check: str) -> dict:  # type: ignore[type-arg]
    code = (
        "import sys\n"
        "from rapport.launch import main\n"
        "from rapport.core.understand import programs\n"
        f"code = main(['--data-dir', {str(data_dir)!r}, 'capture', '--dry-run', '--json', "
        f"{NOTES[0]!r}])\n"
        f"{check}\n"
        "sys.exit(code)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "RAPPORT_DATABASE_URL"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_the_grammar_compiled_once_is_kept_privately_without_a_name(sample: Path) -> None:
    kept = programs_path(sample)
    assert not kept.exists()
    first = _dry_run_process(sample, "assert programs.known_programs() is not None")
    assert kept.stat().st_mode & 0o777 == 0o600
    # The next run compiles none of the patterns it needs: all come from the file.
    again = _dry_run_process(sample, "assert programs.known_programs() is None, 'compiled'")
    assert again == first and first["client"]["name"] == "Bob Smith"
    data = kept.read_bytes()
    open_book(sample)
    try:
        names = [k.name for k in capture.known_clients()] + ["Acme Supply", "Dana Whitmore"]
    finally:
        close_book()
    assert [name for name in names if name.encode() in data] == []
    assert b"travel baseball" not in data and b"Promised pricing" not in data
    assert [p.name for p in sample.iterdir() if p.name.endswith(".tmp")] == []


def test_what_the_understanding_built_is_kept_privately_and_taken_next_time(
    sample: Path,
) -> None:
    """The interest catalogue's index and the word lists, built by the first dry run, are
    kept beside the book (0600, no name, no note) and taken by the next, which builds
    nothing and so leaves the file as it was; a damaged file is built again and replaced."""
    kept = derived_path(sample)
    assert not kept.exists()
    first = _dry_run_process(sample, "")
    assert kept.stat().st_mode & 0o777 == 0o600
    written = kept.stat()
    again = _dry_run_process(sample, "")
    assert again == first and first["client"]["name"] == "Bob Smith"
    assert (kept.stat().st_ino, kept.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    data = kept.read_bytes()
    header, entries = marshal.loads(data)
    assert header == derived.FORMAT and {"interests.catalogue", "wordlists"} <= set(entries)
    open_book(sample)
    try:
        names = [k.name for k in capture.known_clients()] + ["Acme Supply", "Dana Whitmore"]
    finally:
        close_book()
    assert [name for name in names if name.encode() in data] == []
    assert b"travel baseball" not in data and b"Promised pricing" not in data

    kept.write_bytes(data[: len(data) // 3])
    assert _dry_run_process(sample, "") == first
    assert marshal.loads(kept.read_bytes())[0] == derived.FORMAT
    assert [p.name for p in sample.iterdir() if p.name.endswith(".tmp")] == []


def test_a_programs_file_that_cannot_be_written_changes_nothing(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(programs, "_known", {})  # as in a fresh process
    monkeypatch.setattr(programs, "_added", set())
    for regex in gc.get_objects():
        if isinstance(regex, LazyRegex):
            monkeypatch.setattr(regex, "_compiled", None)
    programs_path(sample).mkdir()  # in the way: it can be neither read nor replaced
    result = understand_dry_run(NOTES[0], str(sample))
    assert result is not None and result["client"]["name"] == "Bob Smith"
    assert programs.known_programs() is not None  # compiled here, to be kept
    keep_programs(str(sample))
    assert programs_path(sample).is_dir()
    assert sorted(p.name for p in sample.iterdir() if p.name.endswith(".tmp")) == []


_WARM = (
    "import sys\n"
    "from rapport.core.understand import programs, text\n"
    "from rapport.services.capture_dry import warm_grammar\n"
    "compiled = warm_grammar(sys.argv[1])\n"
    "left = [p.pattern for p in text._MADE if p._compiled is None]\n"
    "print(compiled, len(text._MADE), len(left), programs.known_programs() is None)\n"
)


def test_the_window_compiles_the_whole_grammar_at_idle_from_the_kept_programs(
    sample: Path,
) -> None:
    """The window's idle warm-up (ui/capture_entry.py) compiles every grammar pattern, so
    the first notes a user types do not pay for them; the next start takes them all from
    the file beside the book, compiling none."""

    def warm() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", _WARM, str(sample)],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return done.stdout.split()

    compiled, made, left, nothing_new = warm()
    assert int(compiled) > 50 and int(made) >= int(compiled) and left == "0"
    assert programs_path(sample).stat().st_mode & 0o777 == 0o600
    compiled, made, left, nothing_new = warm()
    assert left == "0" and nothing_new == "True"  # every program came from the file
