"""mypy over the whole package finds nothing: results between layers are typed.

CI runs only pytest, so this runs mypy (its settings are pyproject.toml's [tool.mypy]:
strict for core/ and store/, peewee's untyped calls allowed). The cache goes to a
temporary folder, so every run checks from scratch (about 10 s on the 2-core machine).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_error_in_the_package(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "mypy_cache"),
            "--no-error-summary",
            "--hide-error-context",
            str(ROOT / "desktop" / "rapport"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    assert not errors, f"mypy found {len(errors)} errors:\n" + "\n".join(errors[:40])
    assert run.returncode == 0, run.stdout + run.stderr
