"""Search as you type: the toolbar's search box, its results page and the search thread.

Typing never waits for the database. Keystrokes restart a 120 ms timer; when it fires
the query goes to ``SearchRunner``, a thread with its own database connection. A newer
query replaces one still waiting, interrupts one still running (SQLite's interrupt),
and results of anything but the latest query are dropped. Results show on a page of
their own, grouped by kind, matched words in bold. Up and Down move through them from
the box, Enter opens the client at the right place (a fact on the Facts tab, a
conversation in History, a task on Tasks), Esc clears the box and goes back. The page
(ui/search_page.py) and the search modules are loaded the first time the user searches.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QKeyEvent

    from rapport.ui.search_page import SearchPage
    from rapport.ui.window_parts import SearchWindow

DEBOUNCE_MS = 120


class SearchRunner(QObject):
    """Runs one search at a time on a thread of its own; only the latest request counts."""

    finished = Signal(int, object)  # generation, list[Result] or the exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._pending: tuple[int, str] | None = None
        self._running: int | None = None
        self._interrupt: Any = None
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._warm = False

    def request(self, generation: int, query: str) -> None:
        with self._lock:
            self._pending = (generation, query)
            if self._running is not None and self._running < generation and self._interrupt:
                self._interrupt()  # the query running now is stale: stop it
        self._start()
        self._wake.set()

    def warm(self) -> None:
        """Start the thread now, its connection made ready to search (``search.warm``: a
        team book's server plans its search functions at a connection's first calls, tens
        of milliseconds the first searches typed would otherwise wait for). The window
        calls it after its first paint, on a team book only."""
        with self._lock:
            if self._thread is not None or self._stopping:  # searched already, or closing
                return
            self._warm = True
        self._start()

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="search", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        from rapport.services import search
        from rapport.services.book import release_thread

        try:
            if self._warm:  # a nicety: the first search says what went wrong, if anything
                with contextlib.suppress(Exception):
                    search.warm()
            while True:
                self._wake.wait()
                with self._lock:
                    self._wake.clear()
                    if self._stopping:
                        return
                    job, self._pending = self._pending, None
                    if job is None:
                        continue
                    self._running = job[0]
                try:
                    # Taken with the first search that reaches the book: a team book's
                    # server away then fails that search, not the thread.
                    if self._interrupt is None:
                        self._interrupt = search.interrupter()
                    outcome: Any = search.search(
                        job[1], search.AS_YOU_TYPE_LIMIT, search.AS_YOU_TYPE_PER_KIND
                    )
                except Exception as exc:  # delivered to the GUI thread, which decides
                    outcome = exc
                with self._lock:
                    self._running = None
                    stale = self._pending is not None
                if not stale:
                    self.finished.emit(job[0], outcome)
        finally:
            self._interrupt = None
            release_thread()

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            if self._running is not None and self._interrupt:
                self._interrupt()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None


class SearchBox(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Search everything  (Ctrl+K)")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search everything")
        self.setMinimumWidth(260)
        self.setMaximumWidth(360)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # The result list's keys (SearchController.key): an override, not an event filter,
        # so that Python sees only the box's key presses; a filter would wrap every event
        # the box gets before the first paint, and PySide makes each event's Python type
        # (with its enums) the first time one passes.
        self.navigate: Callable[[int], bool] | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.navigate is not None and self.navigate(event.key()):
            event.accept()
            return
        super().keyPressEvent(event)


class SearchController(QObject):
    """Wires the box, the timer, the runner and the page into the main window."""

    def __init__(self, window: SearchWindow) -> None:
        super().__init__(window.window())
        self.window = window
        self.box = SearchBox()
        # Edit > Search everything… (Ctrl+K, Ctrl+F), put in the menu by install_search.
        self.action = QAction("&Search everything…", window.window())
        self.action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+F")])
        self.action.setStatusTip("Search clients, people, facts, conversations, tasks and gifts")
        self.action.triggered.connect(lambda _checked=False: self.focus())
        self._page: SearchPage | None = None  # built when the user first searches
        self.runner = SearchRunner(self)
        self.generation = 0
        self.previous_page: QWidget | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._run)
        self.box.textChanged.connect(self._typed)
        self.box.navigate = self.key
        self.runner.finished.connect(self._finished)
        # A team book whose server is away (ui/server_wait.py): what is typed is searched
        # once it is back, and the page says so meanwhile.
        self.server_away = ""

    @property
    def page(self) -> SearchPage:
        """The results page, a page of the window (built on first use)."""
        if self._page is None:
            from rapport.ui.search_page import SearchPage

            self._page = SearchPage()
            self._page.tree.activated.connect(lambda _index: self.open_current())
            self.window.pages.addWidget(self._page)
        return self._page

    # -- typing ----------------------------------------------------------------------------
    def focus(self) -> None:
        self.box.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()
        if self.box.text().strip():
            self._show_page()

    def _typed(self, text: str) -> None:
        if not text.strip():
            self.timer.stop()
            self.generation += 1  # whatever is running now no longer matters
            if self._page is not None:
                self._page.show_hint()
            return
        self._show_page()
        if self.server_away:
            self.generation += 1  # nothing asked of the book: said, and kept for later
            self.page.show_server_away(self.server_away, text.strip())
            return
        self.timer.start()

    def _run(self) -> None:
        self.generation += 1
        self.runner.request(self.generation, self.box.text())

    def wait_for_server(self, server: str) -> None:
        """The team book's server is away: searches wait for it, the page says so."""
        self.server_away = server
        self.timer.stop()
        if self.box.text().strip():
            self._typed(self.box.text())

    def server_back(self) -> None:
        """The book is open (or its server back): what was typed meanwhile is searched now."""
        if not self.server_away:
            return  # no search waited
        self.server_away = ""
        if self.box.text().strip():
            self._run()

    def _finished(self, generation: int, outcome: Any) -> None:
        if generation != self.generation:
            return  # a newer query is on its way
        if isinstance(outcome, BaseException):
            from rapport.services.errors import ServerAwayError
            from rapport.ui.messages import tell_server_away, user_message

            if isinstance(outcome, ServerAwayError):  # gone since the book opened
                # Said where the results would be; the window says it too and, once the
                # server is back, has what is typed by then searched (``server_back``).
                tell_server_away(self.page, outcome)  # the page is in the window
                self.server_away = outcome.where or "the team server"
                self.page.show_server_away(self.server_away, self.box.text().strip())
                return
            self.page.show_error(user_message(outcome) or str(outcome))
            return
        self.page.show_results(self.box.text().strip(), outcome)

    # -- pages -----------------------------------------------------------------------------
    def _show_page(self) -> None:
        current = self.window.pages.currentWidget()
        if current is not self.page:
            self.previous_page = current
            self.window.pages.setCurrentWidget(self.page)
            # No page button stays lit over the results (show_page lights one again).
            group = self.window.page_actions
            group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
            checked = group.checkedAction()
            if checked is not None:
                checked.setChecked(False)

    def go_back(self) -> None:
        self.timer.stop()
        self.generation += 1
        self.box.blockSignals(True)
        self.box.clear()
        self.box.blockSignals(False)
        if self._page is None:
            return
        self._page.show_hint()
        target = self.previous_page or self.window.clients_page
        if self.window.pages.currentWidget() is self._page:
            self.window.show_page(target)

    def open_current(self) -> None:
        if self.server_away:
            return  # nothing to open yet: the page says why
        if self.timer.isActive():  # Enter right after typing: search now, then open
            self.timer.stop()
            self._run_now()
        result = self.page.current_result()
        if result is None:
            return
        if result.client_id is None:
            self.window.statusBar().showMessage("That task belongs to no client.", 5000)
            return
        self.window.open_client(result.client_id)
        self.window.profile.reveal(result.kind, result.ref_id)

    def _run_now(self) -> None:
        from rapport.services import search

        self.generation += 1
        try:
            results = search.search(
                self.box.text(), search.AS_YOU_TYPE_LIMIT, search.AS_YOU_TYPE_PER_KIND
            )
        except Exception as exc:
            self._finished(self.generation, exc)
            return
        self._finished(self.generation, results)

    # -- keys and closing ------------------------------------------------------------------
    def key(self, key: int) -> bool:
        """A key pressed in the box: True when it moved through or opened the results."""
        # Read here, not at import: Qt's namespace is made after the first paint
        # (ui/qt_names.py).
        keys = QtCore.Qt.Key
        if key in (keys.Key_Down, keys.Key_Up, keys.Key_PageDown, keys.Key_PageUp):
            steps = {keys.Key_Down: 1, keys.Key_Up: -1, keys.Key_PageDown: 5, keys.Key_PageUp: -5}
            step = next(n for k, n in steps.items() if k == key)
            self.page.step_selection(step)
            return True
        if key in (keys.Key_Return, keys.Key_Enter):
            self.open_current()
            return True
        if key == keys.Key_Escape:
            self.go_back()
            return True
        return False

    def window_closing(self) -> None:
        """The main window gets a Close (ui/main_window.py's closeEvent): the search
        thread stops."""
        self.runner.stop()


def install_search(window: SearchWindow) -> SearchController:
    """The search box at the toolbar's end, its page, and Ctrl+K / Ctrl+F to reach it."""
    controller = SearchController(window)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    window.toolbar.addWidget(spacer)
    window.toolbar.addWidget(controller.box)
    window.edit_menu.insertAction(window.filter_action, controller.action)
    return controller
