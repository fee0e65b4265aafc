"""``rapport phone``: set-up, publish and its dry run, as a user types them (issue 21)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import run
from tests.dav_server import USERS, DavServer


@pytest.fixture
def clients_book(data_dir: Path) -> Path:
    from rapport.services import clients, tasks
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    try:
        bob = clients.create_client("Bob Smith", company="Acme Supply")
        tasks.add_task("revised pricing", bob.id, "2026-11-23", "promise")
        clients.create_client("Ann Lee")
    finally:
        close_book()
    return data_dir


def _password_file(tmp_path: Path, word: str) -> str:
    path = tmp_path / "password.txt"
    path.write_text(word + "\n")
    path.chmod(0o600)
    return str(path)


def test_a_wrong_password_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], clients_book: Path, dav_server: DavServer, tmp_path: Path
) -> None:
    d = str(clients_book)
    words = _password_file(tmp_path, "not-the-password")
    code, out, err = run(
        capsys, "--data-dir", d, "phone", "setup", dav_server.url, "--user", "rep",
        "--password-file", words,
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err == (
        "rapport: phone publishing: the server refused the user name or password (401); "
        "check the user name and password (rapport phone setup)\n"
    )


def test_setup_publish_and_the_dry_run(
    capsys: pytest.CaptureFixture[str],
    clients_book: Path,
    dav_server: DavServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    d = str(clients_book)
    words = _password_file(tmp_path, USERS["rep"])
    code, out, err = run(
        capsys, "--data-dir", d, "phone", "setup", dav_server.url, "--user", "rep",
        "--password-file", words,
    )  # fmt: skip
    assert code == 0, err
    assert "Address book: " + dav_server.url + "rep/rapport-" in out
    assert "No system keychain here: the password is asked for when publishing." in out
    # The dry run lists what a publish would do, and connects nowhere.
    attempts: list[Any] = []

    def refuse(*args: Any, **_kwargs: Any) -> None:
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    with monkeypatch.context() as patched:
        patched.setattr(socket.socket, "connect", refuse)
        patched.setattr(socket, "create_connection", refuse)
        code, out, err = run(capsys, "--data-dir", d, "phone", "publish", "--dry-run")
    assert code == 0, err
    assert attempts == []
    assert out.splitlines() == [
        "create  card   Ann Lee",
        "create  card   Bob Smith",
        "create  event  Owe Bob Smith: revised pricing",
        "Phone: would create 3.",
    ]
    code, out, err = run(
        capsys, "--data-dir", d, "phone", "publish", "--password-file", words, "--json"
    )
    assert code == 0, err
    assert json.loads(out)["created"] == 3
    code, out, _ = run(capsys, "--data-dir", d, "phone", "status")
    assert "Last publish" in out and "ok, created 3" in out
    # Archived: the dry run says what goes.
    from rapport.services import clients
    from rapport.services.book import close_book, open_book

    open_book(clients_book)
    try:
        clients.set_archived(clients.resolve("Ann Lee").id, True)
    finally:
        close_book()
    code, out, _ = run(capsys, "--data-dir", d, "phone", "publish", "--dry-run")
    assert out.splitlines() == ["delete  card   Ann Lee", "Phone: would delete 1."]
    code, out, _ = run(capsys, "--data-dir", d, "phone", "off")
    assert code == 0 and not (clients_book / "phone.json").exists()


def test_the_capture_dry_run_and_the_cli_load_no_phone_library(data_dir: Path) -> None:
    """Phone publishing's libraries (caldav, its HTTP client, keyring) load only when a
    publish runs: a hotkey's ``rapport capture --dry-run`` pays nothing for them."""
    code = (
        "import json, sys; from rapport.launch import main; "
        "sys.argv = ['rapport', '--data-dir', sys.argv[1], 'capture', '--dry-run', '--json', "
        "'Lunch with Ana Ruiz tomorrow']; "
        "code = main(); print(json.dumps(sorted(sys.modules))); sys.exit(code)"
    )
    env = dict(os.environ)
    env.pop("RAPPORT_DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    loaded = {name.split(".")[0] for name in json.loads(out.stdout.strip().splitlines()[-1])}
    assert "rapport" in loaded
    assert not loaded & {"caldav", "niquests", "requests", "keyring", "lxml", "radicale"}
