"""What the window's first paint waits for (issue 22): only what that frame shows.

PySide makes every enum of Qt's ``Qt`` namespace (some 90 Python enum classes) the first
time anything reads ``PySide6.QtCore.Qt``: 20 to 40 ms of a start under load, which a
bare window never pays. Nothing before the first paint reads it (ui/startup.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from rapport.services.book import check_book, close_book
from rapport.ui.main_window import MainWindow
from rapport.ui.worker import Worker

# Runs the window's --startup-check as `rapport` does and says, with the "shown in" line,
# whether Qt's namespace had been made by then.
PROBE = """
import sys
import rapport.app as app

report_when_painted = app._report_when_painted

def watched(window, report):
    def said(ms):
        made = "Qt" in vars(sys.modules["PySide6.QtCore"])
        print(f"Qt namespace made before the paint: {made}", flush=True)
        report(ms)
    report_when_painted(window, said)

app._report_when_painted = watched
from rapport.launch import main
sys.exit(main(["--data-dir", sys.argv[1], "--startup-check"]))
"""


def _probe(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("RAPPORT_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_nothing_before_the_first_paint_makes_qts_namespace_enums(sample_book: Path) -> None:
    close_book()
    out = _probe(sample_book)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Qt namespace made before the paint: False"
    assert lines[1].startswith("shown in ")


def test_the_values_set_by_name_are_the_ones_qts_enums_give(qtbot: Any, sample_book: Path) -> None:
    close_book()
    win = MainWindow(check_book(sample_book), Worker())
    qtbot.addWidget(win)
    view = win.today_view

    assert win.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert win.clients_page.orientation() == Qt.Orientation.Horizontal
    assert view.page_scroll.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert view.row_label.textFormat() == Qt.TextFormat.PlainText
    assert view.header.title.textFormat() == Qt.TextFormat.RichText
    assert view.header.banner.textFormat() == Qt.TextFormat.RichText
    assert {b.toolButtonStyle() for b in view.row_buttons.values()} == {
        Qt.ToolButtonStyle.ToolButtonTextOnly
    }
    assert view.open_action.shortcuts() == [
        QKeySequence(Qt.Key.Key_Return),
        QKeySequence(Qt.Key.Key_Enter),
    ]
    assert view.open_action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    # setShortcuts([keys]) is what setShortcut(keys) does: the same single shortcut.
    assert win.undo_action.shortcuts() == [QKeySequence(QKeySequence.StandardKey.Undo)]
    assert win.show_archived_action.shortcut() == QKeySequence("Ctrl+Shift+H")
    assert win.quick_capture_action.shortcut() == QKeySequence("Ctrl+N")


def test_the_away_button_sits_at_the_top_of_todays_header_at_its_own_height(
    qtbot: Any, sample_book: Path
) -> None:
    close_book()
    win = MainWindow(check_book(sample_book), Worker())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.today_view.data is not None)
    header = win.today_view.header
    button = header.away_button

    assert header.height() > button.height()  # room to stretch into, had it not been top
    assert button.height() == button.sizeHint().height()
    assert button.geometry().top() == header.title.geometry().top()
