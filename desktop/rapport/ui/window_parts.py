"""What the window's parts use of the main window, as Protocols.

The brief's printing and PDF export (brief_view.py), File > Import/Export and Tools >
Back up/Restore/Check (data_actions.py) and the search box (search_view.py) are installed by
main_window.py and act on it. They name these Protocols rather than ``MainWindow``, so that
main_window imports them and they do not import main_window (no import cycle, see
tests/test_layers.py). This module imports neither side.

Where a part needs the window as the parent of a dialog or an action it asks for
``window.window()``: Qt's top-level widget of the window, the main window itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QAction, QActionGroup
    from PySide6.QtWidgets import QMenu, QStackedWidget, QStatusBar, QToolBar, QWidget

    from rapport.core.brief import Brief
    from rapport.services.book import Book
    from rapport.ui.worker import Worker


class ShowsBrief(Protocol):
    """The profile's Brief tab: the brief it shows, if a client is open."""

    @property
    def brief(self) -> Brief | None: ...


class ProfileParts(Protocol):
    """The profile pane: its brief, and showing, refreshing or revealing a record."""

    @property
    def overview(self) -> ShowsBrief: ...

    def show_client(self, client_id: int | None) -> None: ...

    def refresh(self) -> None: ...

    def reveal(self, kind: str, ref_id: int) -> None: ...


class Window(Protocol):
    """The top-level widget: the parent of dialogs, and its status bar."""

    def window(self) -> QWidget: ...

    def statusBar(self) -> QStatusBar: ...


class BriefWindow(Window, Protocol):
    """What printing and exporting the brief use."""

    @property
    def profile(self) -> ProfileParts: ...


class DataWindow(BriefWindow, Protocol):
    """What File > Import/Export and Tools > Back up/Restore/Check use."""

    @property
    def book(self) -> Book: ...

    @property
    def worker(self) -> Worker: ...

    @property
    def file_menu(self) -> QMenu: ...

    @property
    def file_menu_tools(self) -> QAction: ...

    @property
    def tools_menu(self) -> QMenu: ...

    def _action(
        self, text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = ""
    ) -> QAction: ...

    def reload_soon(self, today: bool = True, profile: bool = False) -> None: ...

    def built_profile(self) -> ProfileParts | None: ...

    def forget_undo(self) -> None: ...


class SearchWindow(BriefWindow, Protocol):
    """What the search box and its page use."""

    @property
    def pages(self) -> QStackedWidget: ...

    @property
    def page_actions(self) -> QActionGroup: ...

    @property
    def clients_page(self) -> QWidget: ...

    @property
    def toolbar(self) -> QToolBar: ...

    @property
    def edit_menu(self) -> QMenu: ...

    @property
    def filter_action(self) -> QAction: ...

    def installEventFilter(self, watcher: QObject, /) -> None: ...

    def show_page(self, widget: QWidget) -> None: ...

    def open_client(self, client_id: int) -> None: ...
