"""The menu entries the first frame does not show are built right after it (issue 22).

What only a menu shows (thank-you notes, gift ideas, Record a message, Import/Export, the
backups, the brief's printing) waits for the turn of the event loop after the first
paint (``MainWindow.build_menus``): the frame is the same pixel for pixel, and each entry
works at once if the user reaches for it before that turn: a shortcut pressed, a menu
opened, or the window's code reading one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from rapport.services.book import check_book, close_book
from rapport.ui.main_window import MainWindow
from rapport.ui.worker import Worker


class FirstFrame(QObject):
    """The window as its first paint left it, and whether the menus were built by then.

    Installed after the window's own watcher, it sees the paint first, and its grab runs
    before anything that waited for the paint."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.image: QImage | None = None
        self.menus_built_at_paint: bool | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.menus_built_at_paint is None:
            self.menus_built_at_paint = self.window._menus_built
            QTimer.singleShot(0, self._grab)
        return False

    def _grab(self) -> None:
        self.image = self.window.grab().toImage()


@pytest.fixture
def unshown(qtbot: Any, sample_book: Path) -> Iterator[MainWindow]:
    """A window over the sample book as ``run_app`` makes it: checked, not yet shown."""
    close_book()
    worker = Worker()
    win = MainWindow(check_book(sample_book), worker)
    qtbot.addWidget(win)
    yield win
    worker.wait(5000)


def _texts(menu: Any) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_the_first_frame_is_the_same_without_the_menus_entries(
    qtbot: Any, sample_book: Path
) -> None:
    frames = []
    for build_first in (False, True):
        close_book()
        worker = Worker()
        win = MainWindow(check_book(sample_book), worker)
        qtbot.addWidget(win)
        if build_first:
            win.build_menus()  # everything built before the paint, as before issue 22
        win.resize(1200, 760)  # the first window's close saved its geometry
        frame = FirstFrame(win)
        win.show()
        qtbot.waitUntil(lambda f=frame: f.image is not None)  # type: ignore[misc]
        qtbot.waitUntil(lambda w=win: w.today_view.data is not None)  # type: ignore[misc]
        assert frame.menus_built_at_paint is build_first
        assert win._menus_built  # the turn after the paint built them
        frames.append(frame.image)
        win.close()
        worker.wait(5000)
    deferred, eager = frames
    assert deferred is not None and eager is not None
    assert deferred.size() == eager.size()
    assert deferred == eager


def test_the_menus_list_every_entry_once_built_after_the_paint(
    qtbot: Any, unshown: MainWindow
) -> None:
    win = unshown
    assert "Thank-you &note…" not in _texts(win.client_menu)  # not before the paint
    win.show()
    qtbot.waitUntil(lambda: win.today_view.data is not None)
    client = _texts(win.client_menu)
    assert client.index("Thank-you &note…") < client.index("Add &task…")
    assert client[-3:] == ["Record a &message…", "Record an &introduction…", "Fact still &true"]
    assert _texts(win.file_menu)[:6] == [
        "Quick &capture…",
        "&New client…",
        "&Import…",
        "E&xport…",
        "&Print brief…",
        "&Export brief as PDF…",
    ]
    assert _texts(win.tools_menu) == [
        "&Away mode…",
        "&Back up now",
        "&Restore from backup…",
        "&Check database",
    ]


class KeyAfterPaint(QObject):
    """Presses Ctrl+G in the first turn after the window's first paint: before the turn
    that builds the menus (this filter, installed last, sees the paint first)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.state: tuple[bool, bool] | None = None  # (active, menus built) at the press
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.state is None:
            self.state = (False, False)
            QTimer.singleShot(0, self._press)
        return False

    def _press(self) -> None:
        self.state = (QApplication.activeWindow() is self.window, self.window._menus_built)
        QTest.keyClick(self.window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)


def test_a_shortcut_pressed_before_the_menus_are_built_works(
    qtbot: Any, unshown: MainWindow
) -> None:
    win = unshown
    key = KeyAfterPaint(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: key.state is not None and key.state != (False, False))
    assert key.state == (True, False)  # an active window, its menus not built yet

    # Gift ideas (Ctrl+G): the Clients page on the client's gifts.
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.clients_page)
    assert win.profile.tabs.currentWidget() is win.profile.gifts


@pytest.mark.qt_log_ignore(  # the offscreen platform, for any popup menu
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_a_menu_opened_before_the_menus_are_built_lists_every_entry(
    qtbot: Any, unshown: MainWindow
) -> None:
    win = unshown
    win.show()
    assert not win._menus_built
    bar = win.menuBar()
    where = bar.actionGeometry(win.tools_menu.menuAction()).center()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=where)
    try:
        assert win.tools_menu.isVisible()
        assert "&Back up now" in _texts(win.tools_menu)
    finally:
        win.tools_menu.hide()


def test_the_windows_code_reaching_for_a_menu_entry_gets_it_at_once(
    unshown: MainWindow,
) -> None:
    win = unshown
    assert not win._menus_built
    assert win.data_actions.import_action.shortcut().toString() == "Ctrl+I"
    assert win._menus_built
    assert "&Import…" in _texts(win.file_menu)
    with pytest.raises(AttributeError):
        win.no_such_part  # noqa: B018  # only the menu parts are built on reading
