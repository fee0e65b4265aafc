"""Today's hidden parts are made when first shown, not before the first paint (issue 22).

The empty book's welcome (a rich-text paragraph and three buttons) and the team server's
"away" panel are hidden in the first frame of a book with clients: ``TodayHeader`` makes
each the first time it is shown. The frame is the same pixel for pixel, and each part,
once shown, sits where it sat and takes Tab in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from rapport.services.book import check_book, close_book, current_book, open_book
from rapport.ui.main_window import MainWindow
from rapport.ui.today_header import TodayHeader
from rapport.ui.worker import Worker


class FirstFrame(QObject):
    """The window as its first paint left it, and which hidden parts existed then."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.image: QImage | None = None
        self.made_at_paint: tuple[bool, bool] | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.made_at_paint is None:
            header = self.window.today_view.header
            self.made_at_paint = (header._welcome is not None, header._server_away is not None)
            QTimer.singleShot(0, self._grab)
        return False

    def _grab(self) -> None:
        self.image = self.window.grab().toImage()


def test_the_first_frame_is_the_same_without_todays_hidden_parts(
    qtbot: Any, sample_book: Path
) -> None:
    frames = []
    for made_first in (False, True):
        close_book()
        worker = Worker()
        win = MainWindow(check_book(sample_book), worker)
        qtbot.addWidget(win)
        header = win.today_view.header
        if made_first:  # both made (hidden) before the paint, as before this change
            assert not header.welcome.isVisible() and not header.server_away.isVisible()
        win.resize(1200, 760)  # the first window's close saved its geometry
        frame = FirstFrame(win)
        win.show()
        qtbot.waitUntil(lambda f=frame: f.image is not None)  # type: ignore[misc]
        qtbot.waitUntil(lambda w=win: w.today_view.data is not None)  # type: ignore[misc]
        assert frame.made_at_paint == (made_first, made_first)
        # A book with clients never makes them: nothing there to show.
        assert (header._welcome is not None) is made_first
        assert (header._server_away is not None) is made_first
        frames.append(frame.image)
        win.close()
        worker.wait(5000)
    deferred, eager = frames
    assert deferred is not None and eager is not None
    assert deferred.size() == eager.size()
    assert deferred == eager


@pytest.fixture
def empty_window(qtbot: Any, data_dir: Path) -> Iterator[MainWindow]:
    open_book(data_dir)
    worker = Worker()
    try:
        win = MainWindow(current_book(), worker)
        qtbot.addWidget(win)
        win.show()
        yield win
    finally:
        worker.wait(5000)
        close_book()


def _tab_next(widget: QWidget) -> QWidget:
    """The next widget Tab reaches after ``widget`` in its window's focus chain."""
    step = widget.nextInFocusChain()
    while step is not widget and not (
        step.focusPolicy() & Qt.FocusPolicy.TabFocus and step.isVisibleTo(widget.window())
    ):
        step = step.nextInFocusChain()
    return step


def test_an_empty_books_welcome_is_made_when_shown_and_works(
    qtbot: Any, empty_window: MainWindow
) -> None:
    win = empty_window
    header = win.today_view.header
    qtbot.waitUntil(lambda: win.today_view.data is not None)
    assert header._welcome is not None and header.welcome.isVisible()
    # Under the banner, last in the header, as it was laid out before.
    layout = header.layout()
    assert layout.indexOf(header.welcome) == layout.count() - 1
    assert layout.indexOf(header.banner) < layout.indexOf(header.welcome)
    # Tab goes from the away button to the welcome's buttons, in their order.
    assert _tab_next(header.away_button) is header.new_client_button
    assert _tab_next(header.new_client_button) is header.import_button
    assert _tab_next(header.import_button) is header.sample_button
    asked = []
    win.today_view.newClientRequested.disconnect()
    win.today_view.newClientRequested.connect(lambda: asked.append("new"))
    qtbot.mouseClick(header.new_client_button, Qt.MouseButton.LeftButton)
    assert asked == ["new"]
    assert header._server_away is None  # never needed on a plain book


def test_the_server_away_panel_is_made_above_the_banner_when_said(qtbot: Any) -> None:
    from datetime import date

    header = TodayHeader()
    qtbot.addWidget(header)
    header.show()
    assert header._server_away is None and header._welcome is None
    header.show_server_away(date(2026, 12, 8), "db.example")
    assert header.server_away.isVisible()
    assert "db.example" in header.server_away_text.text()
    layout = header.layout()
    assert layout.indexOf(header.server_away) == 1  # under the title, above the banner
    assert layout.indexOf(header.server_away) < layout.indexOf(header.banner)
    assert _tab_next(header.away_button) is header.retry_button
    retried = []
    header.retryRequested.connect(lambda: retried.append(True))
    qtbot.mouseClick(header.retry_button, Qt.MouseButton.LeftButton)
    assert retried == [True]
