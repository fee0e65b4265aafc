"""An encrypted book from the command line: encrypt, unlock, every feature, decrypt.

The canary is a sentence saved in a note: after encrypting, no file of the data folder
(the book, its -wal and -shm while open, the backups, the key file) holds it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from pathlib import Path

import pytest

from rapport.core import bookkey
from rapport.services.book import close_book
from rapport.store import unlocked
from rapport.store.readonly import SQLITE_HEADER
from tests.cli.conftest import run
from tests.encrypted import (
    CANARY,
    PASSPHRASE,
    encryption_setup,  # noqa: F401 (autouse)
    every_file,
    holding,
    passphrase_file,
)
from tests.pgserver import ENCRYPTED_FILE
from tests.safety import vcard

pytestmark = pytest.mark.sqlite_only(reason=ENCRYPTED_FILE)


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def _encrypted_book(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> str:
    """A book with the canary in a note and a plain backup, then encrypted: the output."""
    d = str(data_dir)
    code, _, err = run(capsys, "--data-dir", d, "capture", f"Met Dana Whitfield: {CANARY}")
    assert code == 0, err
    assert run(capsys, "--data-dir", d, "backup")[0] == 0
    assert holding(data_dir, CANARY)  # the test can see the canary when it is there
    _stdin(monkeypatch, PASSPHRASE + "\n")
    code, out, err = run(capsys, "--data-dir", d, "encrypt")
    assert code == 0, err
    close_book()
    unlocked.forget()  # the next command is another process: it unlocks again
    return out


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in every_file(folder)}


def test_encrypt_prints_the_recovery_key_and_leaves_no_plain_byte_in_the_data_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    out = _encrypted_book(capsys, monkeypatch, data_dir)
    assert "The book is encrypted." in out and "Encrypted 1 backup too." in out
    groups = [line.strip() for line in out.splitlines() if line.startswith("    ")]
    recovery = "-".join(groups)
    assert len(bookkey.normal_recovery_key(recovery)) == 32
    book = data_dir / "rapport.db"
    assert book.read_bytes()[:16] != SQLITE_HEADER
    assert not book.with_name("rapport.db-wal").exists()
    assert holding(data_dir, CANARY) == []
    for path in every_file(data_dir):
        assert path.read_bytes()[:16] != SQLITE_HEADER, path
        assert path.stat().st_mode & 0o077 == 0, path
    # Writing and reading the open encrypted book: its -wal and -shm hold no plain text.
    monkeypatch.setenv("RAPPORT_PASSPHRASE_FILE", str(passphrase_file(data_dir.parent)))
    d = str(data_dir)
    code, _, err = run(capsys, "--data-dir", d, "capture", f"Called Dana Whitfield: {CANARY}")
    assert code == 0, err
    assert book.with_name("rapport.db-wal").exists()  # still open in this process
    code, out, _ = run(capsys, "--data-dir", d, "search", "CANARY-7f3a9")
    assert code == 0 and "CANARY-7f3a9" in out
    assert run(capsys, "--data-dir", d, "backup")[0] == 0
    assert holding(data_dir, CANARY) == []


def test_without_a_keychain_file_or_terminal_a_command_stops_with_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    _encrypted_book(capsys, monkeypatch, data_dir)
    _stdin(monkeypatch, "")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "today")
    assert code == 1 and out == ""
    assert err.startswith("rapport: the book is encrypted: unlock it with")
    assert err.count("\n") == 1 and "RAPPORT_PASSPHRASE_FILE" in err


def test_the_passphrase_file_must_be_private_and_right(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    _encrypted_book(capsys, monkeypatch, data_dir)
    d = str(data_dir)
    before = _fingerprint(data_dir)
    shared = passphrase_file(tmp_path, mode=0o644)
    monkeypatch.setenv("RAPPORT_PASSPHRASE_FILE", str(shared))
    code, _, err = run(capsys, "--data-dir", d, "clients")
    assert code == 1 and "can be read by others (mode 0644)" in err and "chmod 600" in err
    monkeypatch.setenv("RAPPORT_PASSPHRASE_FILE", str(passphrase_file(tmp_path, "wrong one!")))
    code, _, err = run(capsys, "--data-dir", d, "clients")
    assert code == 1 and err == "rapport: wrong passphrase: it does not open this book\n"
    assert _fingerprint(data_dir) == before  # a wrong passphrase changes nothing
    monkeypatch.setenv("RAPPORT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    code, out, err = run(capsys, "--data-dir", d, "clients", "--json")
    assert code == 0 and [c["name"] for c in json.loads(out)] == ["Dana Whitfield"]
    assert "sqlcipher" not in err.lower() and "hmac" not in err.lower()


def test_a_wrong_passphrase_on_the_terminal_is_asked_again_three_times(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    from rapport.cli import passphrases

    _encrypted_book(capsys, monkeypatch, data_dir)
    answers = iter(["nope nope", "still wrong", PASSPHRASE])
    monkeypatch.setattr(passphrases, "on_terminal", lambda: True)
    monkeypatch.setattr(passphrases, "ask", lambda prompt: next(answers))
    code, out, err = run(capsys, "--data-dir", str(data_dir), "clients", "--json")
    assert code == 0 and json.loads(out)[0]["name"] == "Dana Whitfield"
    assert err.count("rapport: wrong passphrase; try again") == 2


def test_search_backup_restore_check_and_import_work_on_an_encrypted_book(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    _encrypted_book(capsys, monkeypatch, data_dir)
    monkeypatch.setenv("RAPPORT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    d = str(data_dir)
    source = tmp_path / "in.vcf"
    source.write_text(vcard("Before Restore"))
    code, out, err = run(capsys, "--data-dir", d, "import", str(source))
    assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", d, "backup", "--json")
    saved = Path(json.loads(out)["path"])
    assert saved.read_bytes()[:16] != SQLITE_HEADER
    source.write_text(vcard("After Backup"))
    run(capsys, "--data-dir", d, "import", str(source))
    code, out, err = run(capsys, "--data-dir", d, "restore", str(saved))
    assert code == 0 and "kept in" in out, err
    code, out, _ = run(capsys, "--data-dir", d, "clients", "--json")
    assert sorted(c["name"] for c in json.loads(out)) == ["Before Restore", "Dana Whitfield"]
    code, out, _ = run(capsys, "--data-dir", d, "search", "Whitfield", "--json")
    assert code == 0 and "Dana Whitfield" in out
    code, out, _ = run(capsys, "--data-dir", d, "check")
    assert code == 0 and out.splitlines() == [
        "database file: ok",
        "schema: ok",
        "links between records: ok",
        "search index: ok",
    ]
    code, _, err = run(capsys, "--data-dir", d, "restore", str(source))
    assert code == 1 and "neither a backup of this encrypted book nor a database file" in err
    code, out, err = run(capsys, "--data-dir", d, "export", str(tmp_path / "all.json"))
    assert code == 0 and out.startswith("Wrote")
    assert err == "rapport: the book is encrypted, but the exported file is not: keep it safe\n"
    assert holding(data_dir, "Before Restore") == []


def test_encrypt_then_decrypt_gives_the_same_export(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    d = str(data_dir)
    run(capsys, "--data-dir", d, "capture", f"Met Dana Whitfield: {CANARY}, call her Friday")
    run(capsys, "--data-dir", d, "export", str(tmp_path / "before.json"))
    close_book()
    _stdin(monkeypatch, PASSPHRASE + "\n")
    assert run(capsys, "--data-dir", d, "encrypt")[0] == 0
    close_book()
    unlocked.forget()
    monkeypatch.setenv("RAPPORT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    code, out, err = run(capsys, "--data-dir", d, "decrypt")
    assert code == 0 and "no longer encrypted" in out, err
    assert not (data_dir / "rapport.key").exists()
    assert (data_dir / "rapport.db").read_bytes()[:16] == SQLITE_HEADER
    monkeypatch.delenv("RAPPORT_PASSPHRASE_FILE")
    run(capsys, "--data-dir", d, "export", str(tmp_path / "after.json"))
    before = json.loads((tmp_path / "before.json").read_text())
    after = json.loads((tmp_path / "after.json").read_text())
    before.pop("exported_at", None)
    after.pop("exported_at", None)
    assert after == before


def test_changing_the_passphrase_and_the_recovery_key_round_trip(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    out = _encrypted_book(capsys, monkeypatch, data_dir)
    recovery = "-".join(line.strip() for line in out.splitlines() if line.startswith("    "))
    d = str(data_dir)
    monkeypatch.setenv("RAPPORT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    _stdin(monkeypatch, "a second passphrase\n")
    code, out, err = run(capsys, "--data-dir", d, "passphrase")
    assert code == 0 and "passphrase is changed" in out, err
    close_book()
    unlocked.forget()
    code, _, err = run(capsys, "--data-dir", d, "clients")
    assert code == 1 and "wrong passphrase" in err  # the old one no longer opens it
    monkeypatch.delenv("RAPPORT_PASSPHRASE_FILE")
    _stdin(monkeypatch, f"{recovery.lower()}\nthird passphrase\n")
    code, out, err = run(capsys, "--data-dir", d, "passphrase", "--recovery")
    assert code == 0 and "recovery key" in out, err
    unlocked.forget()
    monkeypatch.setenv(
        "RAPPORT_PASSPHRASE_FILE", str(passphrase_file(tmp_path, "third passphrase"))
    )
    code, out, _ = run(capsys, "--data-dir", d, "clients", "--json")
    assert code == 0 and json.loads(out)[0]["name"] == "Dana Whitfield"


def test_keep_plain_backups_leaves_them_and_says_how_many(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    d = str(data_dir)
    run(capsys, "--data-dir", d, "capture", f"Met Dana Whitfield: {CANARY}")
    run(capsys, "--data-dir", d, "backup")
    run(capsys, "--data-dir", d, "backup")
    _stdin(monkeypatch, PASSPHRASE + "\n")
    code, out, _ = run(capsys, "--data-dir", d, "encrypt", "--keep-plain-backups")
    assert code == 0 and "Kept 2 backups plain" in out
    assert [p.name for p in holding(data_dir, CANARY)] == sorted(
        p.name for p in (data_dir / "backups").iterdir()
    )


def test_a_short_passphrase_or_an_encrypted_book_is_refused_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    d = str(data_dir)
    run(capsys, "--data-dir", d, "capture", f"Met Dana Whitfield: {CANARY}")
    close_book()
    before = _fingerprint(data_dir)
    _stdin(monkeypatch, "short\n")
    code, _, err = run(capsys, "--data-dir", d, "encrypt")
    assert code == 1 and "too short" in err
    close_book()
    assert _fingerprint(data_dir) == before
    _stdin(monkeypatch, PASSPHRASE + "\n")
    assert run(capsys, "--data-dir", d, "encrypt")[0] == 0
    code, _, err = run(capsys, "--data-dir", d, "encrypt")
    assert code == 1 and "already encrypted" in err


# The kill -9 loop of tests/cli/test_processes.py, on an encrypted book: each line printed
# is a promise that the write was committed.
ENCRYPTED_WRITER = """
import sys
from pathlib import Path
from rapport.services import clients, encryption, interactions
from rapport.services.book import open_book
encryption.unlock(Path(sys.argv[1]), sys.argv[3])
open_book(sys.argv[1])
n = 0
while True:
    client = clients.create_client(f"Client {sys.argv[2]}-{n}", notes="x" * 300)
    talk = interactions.add_interaction(client.id, "call", None, f"Call {n}", "notes " * 50)
    print(client.id, talk.id, flush=True)
    n += 1
"""


@pytest.mark.slow
def test_kill_9_in_the_middle_of_writes_to_an_encrypted_book_loses_nothing_reported(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    import os
    import random
    import signal
    import subprocess
    import time

    from rapport.services import clients, dbcheck, encryption
    from rapport.services.book import open_book

    _encrypted_book(capsys, monkeypatch, data_dir)
    rng = random.Random(19)
    reported: list[tuple[int, ...]] = []
    for round_number in range(10):
        proc = subprocess.Popen(
            [sys.executable, "-c", ENCRYPTED_WRITER, str(data_dir), str(round_number), PASSPHRASE],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stderr is not None
        try:
            for _ in range(rng.randint(1, 15)):
                line = proc.stdout.readline()
                assert line, proc.stderr.read()
                reported.append(tuple(int(x) for x in line.split()))
            time.sleep(rng.random() * 0.03)  # somewhere in the middle of the next write
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        reported += [
            tuple(int(x) for x in line.split()) for line in proc.stdout if line.endswith("\n")
        ]
        proc.stdout.close()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
    assert len(reported) >= 10
    assert (data_dir / "rapport.db").read_bytes()[:16] != SQLITE_HEADER
    encryption.unlock(data_dir, PASSPHRASE)
    open_book(data_dir)  # the WAL is recovered with the key
    try:
        assert dbcheck.check_database().ok
        ids = {row.id for row in clients.list_clients()}
        assert all(client_id in ids for client_id, _talk in reported)
    finally:
        close_book()
    assert holding(data_dir, "Client 3-0") == []


def test_a_key_file_of_another_book_is_named_and_sqlcipher_prints_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    import shutil
    import subprocess

    _encrypted_book(capsys, monkeypatch, data_dir)
    other = tmp_path / "other"
    _encrypted_book(capsys, monkeypatch, other)
    shutil.copy(other / "rapport.key", data_dir / "rapport.key")  # the same passphrase
    before = _fingerprint(data_dir)
    env = dict(os.environ, RAPPORT_PASSPHRASE_FILE=str(passphrase_file(tmp_path)))
    # A real process: SQLCipher would write its log lines on the process's own stderr.
    done = subprocess.run(
        [sys.executable, "-m", "rapport", "--data-dir", str(data_dir), "clients"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "does not open" in done.stderr, done.stderr
    assert "ERROR" not in done.stderr and "hmac" not in done.stderr.lower()
    assert _fingerprint(data_dir) == before


def test_a_plain_backup_from_before_restores_into_the_encrypted_book_encrypted(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    d = str(data_dir)
    run(capsys, "--data-dir", d, "capture", f"Met Dana Whitfield: {CANARY}")
    code, out, _ = run(capsys, "--data-dir", d, "backup", "--json")
    plain = Path(json.loads(out)["path"])
    _stdin(monkeypatch, PASSPHRASE + "\n")
    assert run(capsys, "--data-dir", d, "encrypt", "--keep-plain-backups")[0] == 0
    close_book()
    unlocked.forget()
    monkeypatch.setenv("RAPPORT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    run(capsys, "--data-dir", d, "capture", "Met Ann Lee of Initech")
    code, out, err = run(capsys, "--data-dir", d, "restore", str(plain))
    assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", d, "clients", "--json")
    assert [c["name"] for c in json.loads(out)] == ["Dana Whitfield"]
    close_book()
    assert (data_dir / "rapport.db").read_bytes()[:16] != SQLITE_HEADER
    assert holding(data_dir, CANARY) == [plain]  # only the backup kept plain on purpose


def test_a_damaged_page_of_an_encrypted_book_is_reported_by_check_without_noise(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    import subprocess

    _encrypted_book(capsys, monkeypatch, data_dir)
    book = data_dir / "rapport.db"
    data = bytearray(book.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    middle = (len(data) // page // 2) * page + 100  # inside a page of the tables, not page 1
    data[middle : middle + 64] = bytes(64)
    book.write_bytes(bytes(data))
    env = dict(os.environ, RAPPORT_PASSPHRASE_FILE=str(passphrase_file(tmp_path)))
    done = subprocess.run(
        [sys.executable, "-m", "rapport", "--data-dir", str(data_dir), "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "ERROR" not in done.stderr and "hmac" not in done.stderr.lower()
    assert "database file:" in done.stdout and "database file: ok" not in done.stdout
