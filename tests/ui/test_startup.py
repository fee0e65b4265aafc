"""The window over a book checked before its first paint and opened just after it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from rapport import app
from rapport.services import book as book_service
from rapport.services.book import check_book, close_book, current_book
from rapport.store import migrations
from rapport.store.errors import DatabaseBusyError
from rapport.ui.main_window import MainWindow
from rapport.ui.worker import Worker
from tests.safety import pin_version


@pytest.fixture
def checked(sample_book: Path) -> Any:
    """The sample book, closed and checked again, as ``run_app`` leaves it before the paint."""
    close_book()
    book = check_book(sample_book)
    assert current_book() is None
    return book


def test_the_window_opens_its_book_after_the_first_paint(qtbot: Any, checked: Any) -> None:
    win = MainWindow(checked, Worker())
    qtbot.addWidget(win)
    assert current_book() is None  # building the window reads nothing

    win.show()
    qtbot.waitUntil(lambda: win.today_view.data is not None)

    assert current_book() == checked
    assert win.counts_label.text() == "3 clients · 1 open task"


def test_a_book_that_cannot_open_after_the_paint_is_explained_and_rapport_quits(
    qtbot: Any,
    checked: Any,
    monkeypatch: pytest.MonkeyPatch,
    answer_modal: Callable[[Callable[[QWidget], None]], None],
) -> None:
    def busy(_data_dir: Path) -> None:
        raise DatabaseBusyError("the database is busy in another program; try again")

    monkeypatch.setattr(book_service, "open_book", busy)
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exits.append))
    shown: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown.append(f"{box.text()} {box.informativeText()}")
        box.accept()

    answer_modal(read_and_close)
    win = MainWindow(checked, Worker())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: exits == [1])

    assert shown == ["Could not open the book. The database is busy in another program; try again."]
    assert not win.isVisible()
    assert win.today_view.data is None  # nothing read the book that did not open


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_second_launch_before_the_first_paint_finds_the_book_open(
    qtbot: Any, checked: Any
) -> None:
    win = MainWindow(checked, Worker())
    qtbot.addWidget(win)

    # "rapport capture" run again before the window painted: the capture window opens
    # with the book's clients to match against.
    app.handle_message(win, "capture --client 'Bob Smith'")

    assert current_book() == checked
    capture = win.capture.capture_window
    assert capture is not None and capture.isVisible()
    assert capture.windowTitle() == "Quick capture — Bob Smith"  # found in the book
    capture.close()


def _startup_check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("RAPPORT_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "rapport", "--data-dir", str(data_dir), "--startup-check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_the_startup_check_opens_the_book_after_the_paint(sample_book: Path) -> None:
    close_book()
    out = _startup_check(sample_book)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("shown in ")


def test_the_startup_check_refuses_a_newer_book_before_any_window(sample_book: Path) -> None:
    close_book()
    pin_version(sample_book / "rapport.db", migrations.SCHEMA_VERSION + 1)

    out = _startup_check(sample_book)

    assert out.returncode == 1
    assert "newer version of Rapport" in out.stderr
    assert "shown in" not in out.stdout


def test_modules_loaded_before_qt_are_not_read_again_by_pysides_import_hook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feature = sys.modules["shibokensupport.feature"]
    read: list[str] = []
    monkeypatch.setattr(feature, "_mod_uses_pyside", lambda module: read.append(module.__name__))
    before, after = (
        types.ModuleType("rapport_probe_before"),
        types.ModuleType("rapport_probe_after"),
    )
    monkeypatch.setitem(sys.modules, before.__name__, before)
    try:
        app._spare_the_feature_scan()
        monkeypatch.setitem(sys.modules, after.__name__, after)
        import rapport_probe_after  # noqa: F401
        import rapport_probe_before  # noqa: F401
    finally:
        for name in (before.__name__, after.__name__):
            feature.pyside_feature_dict.pop(name, None)

    assert read == ["rapport_probe_after"]  # the hook still reads what came after


def test_rapports_own_modules_are_not_read_by_pysides_import_hook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window's modules come after Qt: the hook would read each one's source from disk
    (before the first paint), to learn what the test below checks once for all."""
    feature = sys.modules["shibokensupport.feature"]
    names = app.rapport_modules()
    assert {"rapport.ui.main_window", "rapport.store.db", "rapport.core.understand.text"} <= set(
        names
    )
    not_yet = [name for name in names if name not in feature.pyside_feature_dict]
    try:
        app._spare_the_feature_scan()
        assert [name for name in names if feature.pyside_feature_dict.get(name) is None] == []
    finally:
        for name in not_yet:
            feature.pyside_feature_dict.pop(name, None)


def test_no_module_of_rapport_selects_a_pyside_feature() -> None:
    root = Path(app.__file__).parent
    selecting = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if re.search(
            r"^\s*(from __feature__ import|import __feature__)", path.read_text("utf-8"), re.M
        )
    ]
    assert selecting == []


def test_the_daily_backup_waits_for_the_book_to_open(qtbot: Any, checked: Any) -> None:
    from rapport.services import backup

    win = MainWindow(checked, Worker())
    qtbot.addWidget(win)
    app.start_daily_backup(win)  # as run_app does, before the window shows
    assert current_book() is None

    win.show()
    qtbot.waitUntil(lambda: win.today_view.data is not None)
    win.worker.wait(5000)

    # Before the fix the job ran first, found no book open and quietly backed up nothing.
    assert [b.reason for b in backup.list_backups()] == ["auto"]


def test_the_reminders_first_look_waits_for_the_book_to_open(qtbot: Any, checked: Any) -> None:
    win = MainWindow(checked, Worker())
    qtbot.addWidget(win)

    win.desktop.first_look.timeout.emit()  # due before the book opened (a slow start)
    assert win.desktop._tray is None and win.desktop.first_look.isActive()

    assert win.ensure_book_open()
    qtbot.waitUntil(lambda: win.desktop._tray is not None, timeout=3000)
    assert win.desktop.tray.timer.every.isActive()
