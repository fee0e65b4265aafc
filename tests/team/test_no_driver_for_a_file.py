"""A book in a file never pays for the team book's driver (psycopg, ~150-220 ms to load)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("psycopg")  # what is measured: psycopg installed, yet not loaded


def _loaded(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "RAPPORT_DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout.strip()


def test_opening_the_store_does_not_load_psycopg() -> None:
    loaded = _loaded(
        "import sys, rapport.store.db, rapport.store.search, rapport.services.search, peewee\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg', 'psycopg2')))"
    )
    assert loaded == "[]"


def test_the_dry_run_does_not_load_psycopg(tmp_path: object) -> None:
    loaded = _loaded(
        "import sys\n"
        "from rapport.cli import main\n"
        "main(['capture', '--dry-run', '--json', 'Lunch with Bob Smith'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg', 'psycopg2')))"
    )
    assert loaded.splitlines()[-1] == "[]"


def test_peewee_still_reaches_postgresql_when_asked() -> None:
    loaded = _loaded(
        "import sys, peewee\n"
        "from rapport.store.postgres import TeamDatabase\n"
        "print(type(TeamDatabase('postgresql:///x')._adapter).__name__, 'psycopg' in sys.modules)"
    )
    assert loaded == "_Psycopg True"
