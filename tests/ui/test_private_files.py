"""The window's own files (window.ini, the lock, backups) are the user's alone, like the book."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from rapport.app import run_app

app = QApplication(sys.argv[:1])
# Quit once the window has run a moment: closing writes window.ini.
QTimer.singleShot(1500, app.quit)
sys.exit(run_app(sys.argv[1]))
"""


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_files_the_window_writes_are_private(tmp_path: Path) -> None:
    book = tmp_path / "book"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("RAPPORT_DATA_DIR", None)
    old = os.umask(0o022)  # the usual umask, which the child inherits
    try:
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(book)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    written = [p for p in book.rglob("*") if p.is_file()]
    assert book / "window.ini" in written
    loose = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in written}
    assert all(mode == "0o600" for mode in loose.values()), loose
