"""rapport import / export / backup / restore / check as scripts use them."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import run
from tests.pgserver import BOOK_FILE, FILE_BACKUP, NO_SERVER
from tests.safety import book_content, vcard


def test_import_dry_run_then_import(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "c.vcf"
    path.write_text(vcard("Bob Smith", "bob@acme.com") + vcard("Ann Lee") + vcard(""))
    d = str(data_dir)
    code, out, _ = run(capsys, "--data-dir", d, "import", str(path), "--dry-run")
    assert code == 0
    assert "c.vcf: vCard 3.0 (UTF-8): 2 new, 0 already known, 1 skipped" in out
    assert "skipped card 3 (line 10): (no name): no name" in out
    assert "Nothing was written (--dry-run)." in out
    code, out, _ = run(capsys, "--data-dir", d, "clients", "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "--data-dir", d, "import", str(path), "--json")
    result = json.loads(out)
    assert (result["new"], result["known"], result["added"]) == (2, 0, 2)
    assert result["skipped"] == [{"where": "card 3 (line 10)", "name": "", "reason": "no name"}]
    code, out, _ = run(capsys, "--data-dir", d, "import", str(path))
    assert "0 new, 2 already known" in out


def test_import_generic_csv_with_a_column_mapping(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Who,Mail,Org\nDana White,dana@coastal.com,Coastal Freight\n")
    d = str(data_dir)
    code, _, err = run(capsys, "--data-dir", d, "import", str(path))
    assert code == 1
    assert err.startswith("rapport: no column holds a name") and '--map "Who=name"' in err
    code, out, _ = run(capsys, "--data-dir", d, "import", str(path), "--map", "Who=name")
    assert code == 0 and "1 new" in out
    _, out, _ = run(capsys, "--data-dir", d, "clients", "--json")
    assert [(c["name"], c["company"]) for c in json.loads(out)] == [
        ("Dana White", "Coastal Freight")
    ]
    code, _, err = run(capsys, "--data-dir", d, "import", str(path), "--map", "Nope=name")
    assert code == 1 and "no column named 'Nope'" in err


def test_a_csv_column_can_hold_the_cadence_and_the_help_names_every_field(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    from rapport.exchange.csv_io import FIELDS

    path = tmp_path / "people.csv"
    path.write_text("Who,Every\nDana White,45\n")
    d = str(data_dir)
    maps = ("--map", "Who=name", "--map", "Every=cadence_days")
    code, out, _ = run(capsys, "--data-dir", d, "import", str(path), *maps)
    assert code == 0 and "1 new" in out
    _, out, _ = run(capsys, "--data-dir", d, "brief", "Dana White", "--json")
    assert json.loads(out)["client"]["cadence_days"] == 45
    with pytest.raises(SystemExit):
        run(capsys, "import", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert all(field in help_text for field in FIELDS)


def test_import_needs_an_encoding_for_windows_files(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "outlook.csv"
    path.write_bytes("Name,Company\nZoë Müller,Café\n".encode("cp1252"))
    d = str(data_dir)
    code, _, err = run(capsys, "--data-dir", d, "import", str(path))
    assert code == 1
    assert err.count("\n") == 1 and "--encoding cp1252" in err
    code, out, _ = run(capsys, "--data-dir", d, "import", str(path), "--encoding", "cp1252")
    assert code == 0 and "Windows-1252" in out
    _, out, _ = run(capsys, "--data-dir", d, "clients", "--json")
    assert json.loads(out)[0]["name"] == "Zoë Müller"


def test_export_every_format(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "in.vcf"
    source.write_text(vcard("Bob Smith", "bob@acme.com"))
    d = str(data_dir)
    run(capsys, "--data-dir", d, "import", str(source))
    for name in ("all.json", "contacts.vcf", "cal.ics"):
        code, out, _ = run(capsys, "--data-dir", d, "export", str(tmp_path / name))
        assert code == 0 and out.strip() == f"Wrote {tmp_path / name}"
    code, out, _ = run(capsys, "--data-dir", d, "export", str(tmp_path / "t.csv"), "--json")
    assert json.loads(out)["files"] == [
        str(tmp_path / "t-clients.csv"),
        str(tmp_path / "t-tasks.csv"),
    ]
    code, _, err = run(capsys, "--data-dir", d, "export", str(tmp_path / "x.bin"))
    assert code == 1 and "add --format" in err
    code, _, err = run(capsys, "--data-dir", d, "export", str(tmp_path / "no" / "x.json"))
    assert code == 1 and "does not exist" in err


@pytest.mark.sqlite_only(reason=FILE_BACKUP)
def test_backup_restore_and_check(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    d = str(data_dir)
    source = tmp_path / "in.vcf"
    source.write_text(vcard("Before Restore"))
    run(capsys, "--data-dir", d, "import", str(source))
    code, out, _ = run(capsys, "--data-dir", d, "backup", "--json")
    saved = Path(json.loads(out)["path"])
    assert code == 0 and saved.exists()
    code, out, _ = run(capsys, "--data-dir", d, "backup", str(tmp_path / "mine.db"))
    assert out.strip() == f"Backed up to {tmp_path / 'mine.db'}"
    source.write_text(vcard("After Backup"))
    run(capsys, "--data-dir", d, "import", str(source))
    code, out, _ = run(capsys, "--data-dir", d, "restore", str(saved))
    assert code == 0 and "kept in" in out
    _, out, _ = run(capsys, "--data-dir", d, "clients", "--json")
    assert [c["name"] for c in json.loads(out)] == ["Before Restore"]
    code, out, _ = run(capsys, "--data-dir", d, "backup", "--list")
    assert "before-restore" in out and "manual" in out
    code, out, _ = run(capsys, "--data-dir", d, "check")
    assert code == 0 and out.splitlines() == [
        "database file: ok",
        "schema: ok",
        "links between records: ok",
        "search index: ok",
    ]
    code, _, err = run(capsys, "--data-dir", d, "restore", str(source))
    assert code == 1 and err == "rapport: in.vcf is not a database file, so not a Rapport backup\n"


def test_check_repair_rebuilds_the_index(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    from rapport.services.book import close_book, open_book
    from rapport.store import search
    from rapport.store.db import transaction

    d = str(data_dir)
    source = tmp_path / "in.vcf"
    source.write_text(vcard("Bob Smith") + vcard("Ann Lee"))
    run(capsys, "--data-dir", d, "import", str(source))
    open_book(data_dir)  # behind the services' back: every search document goes
    with transaction():
        search.clear()
    close_book()
    code, out, _ = run(capsys, "--data-dir", d, "check", "--json")
    report = json.loads(out)
    assert code == 1 and report["index"]["missing"] == 2 and not report["ok"]
    code, out, _ = run(capsys, "--data-dir", d, "check", "--repair")
    assert code == 0 and "Rebuilt the search index (2 entries)." in out


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_a_damaged_book_gives_one_line_naming_the_backup_then_restore_works(
    data_dir: Path, tmp_path: Path
) -> None:
    """Real processes: the user sees no traceback, and restore works on a damaged book."""

    def rapport(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "rapport", "--data-dir", str(data_dir), *args],
            capture_output=True,
            text=True,
            timeout=60,
        )

    source = tmp_path / "in.vcf"
    source.write_text(vcard("Bob Smith"))
    assert rapport("import", str(source)).returncode == 0
    saved = Path(rapport("backup", "--json").stdout.split('"')[3])
    (data_dir / "rapport.db").write_bytes(b"\x00" * 5000)
    for sidecar in ("rapport.db-wal", "rapport.db-shm"):
        (data_dir / sidecar).unlink(missing_ok=True)
    failed = rapport("clients")
    assert failed.returncode == 1
    assert failed.stderr.count("\n") == 1 and "Traceback" not in failed.stderr
    assert f"rapport restore {saved}" in failed.stderr
    restored = rapport("restore", str(saved))
    assert restored.returncode == 0, restored.stderr
    assert "The damaged book was moved to" in restored.stdout
    assert "Bob Smith" in rapport("clients").stdout
    damaged = list((data_dir / "backups").glob("*-damaged.db"))
    assert len(damaged) == 1 and damaged[0].read_bytes() == b"\x00" * 5000


@pytest.mark.sqlite_only(reason=BOOK_FILE)
def test_a_newer_database_is_refused_by_every_command(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    import sqlite3

    from rapport.store import migrations

    data_dir.mkdir(mode=0o700)
    conn = sqlite3.connect(data_dir / "rapport.db")
    conn.execute("CREATE TABLE client (x)")
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = (data_dir / "rapport.db").read_bytes()
    for args in (["clients"], ["backup"], ["check"], ["export", str(data_dir / "x.json")]):
        code, _, err = run(capsys, "--data-dir", str(data_dir), *args)
        assert code == 1 and "newer version of Rapport" in err
    assert (data_dir / "rapport.db").read_bytes() == before


@pytest.mark.sqlite_only(reason=NO_SERVER)
def test_no_network_connection_during_a_full_session(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attempts: list[Any] = []

    def refuse(*args: Any, **_kwargs: Any) -> None:
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    cards = tmp_path / "c.vcf"
    cards.write_text(
        vcard(
            "Bob Smith",
            "bob@acme.com",
            "URL:https://example.com/bob\nPHOTO;VALUE=uri:http://example.com/p.jpg",
        )
        + vcard("Ann Lee", "", "URL:file:///etc/passwd")
    )
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("Name,Website\nDana White,http://dana.example\n")
    d = str(data_dir)
    commands = [
        ["import", str(cards)],
        ["import", str(csv_file), "--map", "Website=notes"],
        ["clients"],
        ["tasks"],
        ["export", str(tmp_path / "a.json")],
        ["export", str(tmp_path / "a.csv")],
        ["export", str(tmp_path / "a.vcf")],
        ["export", str(tmp_path / "a.ics")],
        ["backup"],
        ["backup", "--list"],
        ["check", "--repair"],
        ["import", str(tmp_path / "a.json"), "--dry-run"],
        ["phone", "status"],
    ]
    for args in commands:
        code, _, err = run(capsys, "--data-dir", d, *args)
        assert code == 0, (args, err)
    _, out, _ = run(capsys, "--data-dir", d, "backup", "--json")
    code, _, err = run(capsys, "--data-dir", d, "restore", json.loads(out)["path"])
    assert code == 0, err
    # Phone publishing connects only once the user set it up (issue 21).
    code, _, err = run(capsys, "--data-dir", d, "phone", "publish")
    assert code == 1 and "phone publishing is not set up" in err
    assert attempts == []
    assert book_content(data_dir)


@pytest.mark.slow
def test_import_lists_what_it_left_out_and_vobject_prints_nothing(
    data_dir: Path, tmp_path: Path
) -> None:
    """A real `rapport import`: vobject's own "ERROR Skipped line" log line never reaches
    stderr, and the unreadable line and birthday are listed with the card (issue 15)."""
    cards = tmp_path / "c.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nBDAY:1990-13-45\r\ngarbage here\r\n"
        "END:VCARD\r\n",
        newline="",
    )
    done = subprocess.run(
        [sys.executable, "-m", "rapport", "--data-dir", str(data_dir), "import", str(cards)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "c.vcf: vCard 3.0 (UTF-8): 1 new, 0 already known, 2 skipped",
        "  skipped card 1 (line 1): Ann Lee: a line could not be read: 'garbage here' "
        "(left out; the rest is imported)",
        "  skipped card 1 (line 1): Ann Lee: birthday '1990-13-45' is not a date "
        "(left out; the rest is imported)",
        "Imported: 1 clients added, 0 updated.",
    ]
