"""The main window: pages (clients, and what later issues add), menus, shortcuts, undo.

Built to paint fast with any size of book: at start only the frame, menus, toolbar and
the Today page exist, and the book has only been checked (services/book.py
``check_book``); the menu entries the first frame does not show come in the turn right
after the first paint (``build_menus``), or at once when reached for. Right after the
first paint the book is opened and Today reads its data; the Clients page (the list and
the profile pane, and the modules behind them) is built at idle soon after, or at once
when something needs it (``client_list``, ``profile``, ``show_page``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)
from shiboken6 import isValid

from rapport import __version__
from rapport.core.counts import counted
from rapport.services.book import Book
from rapport.ui import messages, theme
from rapport.ui.qt_names import set_by_name, set_shortcut
from rapport.ui.window_reads import Latest, ListRead, ProfileRead, WindowRead, read_today
from rapport.ui.worker import JobContext, Worker

if TYPE_CHECKING:
    from rapport.services.undo import Snapshot, Undoable
    from rapport.ui.book_watch import BookWatch
    from rapport.ui.client_list import ClientList
    from rapport.ui.idle_lock import IdleLock
    from rapport.ui.outbox_status import OutboxStatus
    from rapport.ui.profile import ProfilePane
    from rapport.ui.server_wait import ServerWait

# After the first paint, how long the window waits before building the Clients page.
CLIENTS_PAGE_IDLE_MS = 250
PHONE_START_MS = 1500
SEARCH_WARM_MS = 500  # after the first paint: a team book's search connection made ready
# The menu entries the first frame does not show (none is on the toolbar), built in the
# turn of the event loop right after the first paint (``build_menus``), or at once when
# something reaches for one before: a menu opened, a shortcut pressed, one of these read.
MENU_PARTS = frozenset(
    {
        "note_action",
        "gift_ideas_action",
        "envelope_action",
        "season_cards_action",
        "record_message_action",
        "record_intro_action",
        "data_actions",
        "print_brief_action",
        "export_brief_action",
        "still_true_action",
    }
)


class MainWindow(QMainWindow):
    clientsChanged = Signal()
    serverBack = Signal()  # the team server, lost while the book was open, is back
    painted = Signal()  # once, just after the window first painted
    # Once, in the turn right after the first paint, before the book is opened (an
    # encrypted one asks its passphrase then): the single instance starts listening.
    firstPainted = Signal()
    profileCreated = Signal()  # once, when the Clients page and its profile pane exist
    undone = Signal(object)  # an Undoable taken back (the capture toast hides its Undo)
    undoRefused = Signal(object)  # an Undoable that never will be (it left the stack)
    # A save waiting for another program's long write (an import), from any thread.
    busyWaiting = Signal(str)
    saving_client = False  # an archive or delete from the Client menu on the worker

    def __init__(self, book: Book, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._menus_built = False
        self.book = book
        self.worker = worker
        self._listening_for_busy_waits = False
        self.undo_stack: list[Undoable] = []  # deletions and saved captures, latest last
        self.undoing: Undoable | None = None  # taken back on the worker just now
        self.settings = QSettings(str(book.data_dir / "window.ini"), QSettings.Format.IniFormat)
        self.setWindowTitle("Rapport")
        self.setObjectName("MainWindow")

        # The Clients page: an empty splitter until _build_clients_page fills it.
        self._client_list: ClientList | None = None
        self._profile: ProfilePane | None = None
        # Qt's namespace enums are set by name until the first paint (ui/qt_names.py).
        self.clients_page = QSplitter()
        set_by_name(self.clients_page, "orientation", "Horizontal")
        self.clients_page.setObjectName("clientsSplitter")
        self.clients_page.setChildrenCollapsible(False)

        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        # However the Clients page comes up (its button, a search result), it is built first.
        self.pages.currentChanged.connect(self._page_changed)
        self.page_actions = QActionGroup(self)
        self.page_actions.setExclusive(True)
        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        set_by_name(self.toolbar, "toolButtonStyle", "ToolButtonTextOnly")
        self.addToolBar(self.toolbar)

        self.counts_label = QLabel()
        self._count_reads = Latest()
        self.reads_under_way = 0  # reload_soon's reads not shown yet
        self.statusBar().addPermanentWidget(self.counts_label)

        self._create_actions()
        self._create_menus()
        self._install_today()
        self.add_page("Clients", self.clients_page, "Ctrl+2")
        self._install_search()
        self._restore_geometry()
        self._update_client_actions()
        self._install_capture()
        self._install_desktop()
        self._watch_first_paint()

    # -- structure -------------------------------------------------------------------------
    def add_page(self, title: str, widget: QWidget, shortcut: str) -> QAction:
        """A page of the window, switched from the toolbar and View menu."""
        self.pages.addWidget(widget)
        action = QAction(title, self, checkable=True)
        set_shortcut(action, shortcut)
        action.setToolTip(f"{title} ({shortcut})")
        action.triggered.connect(lambda: self.show_page(widget))
        self.page_actions.addAction(action)
        self.toolbar.insertAction(self._toolbar_end, action)
        self.view_menu.insertAction(self._view_separator, action)
        if self.pages.count() == 1:
            action.setChecked(True)
        widget.setProperty("pageAction", action)
        return action

    def show_page(self, widget: QWidget) -> None:
        if widget is self.clients_page:
            self._build_clients_page()
        self.pages.setCurrentWidget(widget)
        action = widget.property("pageAction")
        if isinstance(action, QAction):
            action.setChecked(True)

    def _action(
        self, text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            set_shortcut(action, shortcut)
        if tip:
            action.setStatusTip(tip)
        # What it reads or writes may find the team server away: said, never a box.
        run = messages.guarded(self, slot, f"do “{text.replace('&', '').rstrip('…')}”")
        action.triggered.connect(lambda _checked=False: run())
        return action

    def _create_actions(self) -> None:
        self.new_client_action = self._action(
            "&New client…", self.new_client, "Ctrl+Shift+N", "Add a client by hand"
        )
        # Ctrl+N is Quick capture (_install_capture); File's New client is the same action as
        # the Client menu's, on Ctrl+Shift+N.
        self.new_action = self.new_client_action
        self.edit_client_action = self._action(
            "&Edit client…",
            lambda: self.profile.edit_client(),
            "Ctrl+E",
            "Edit the selected client",
        )
        self.archive_action = self._action("&Archive client", self.toggle_archive, "Ctrl+Shift+A")
        self.delete_client_action = self._action(
            "&Delete client…", self.delete_client, "Ctrl+Shift+Delete"
        )
        self.add_person_action = self._action(
            "Add &person…", lambda: self.profile.add_person(), "Ctrl+Shift+P"
        )
        self.add_fact_action = self._action(
            "Add &fact…", lambda: self.profile.add_fact(), "Ctrl+Shift+F"
        )
        self.log_action = self._action(
            "&Log conversation…", lambda: self.profile.add_interaction(), "Ctrl+L"
        )
        self.add_task_action = self._action("Add &task…", lambda: self.profile.add_task(), "Ctrl+T")
        self.undo_action = self._action("&Undo", self.undo, QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)
        # Ctrl+F and Ctrl+K belong to the search box (ui/search_view.py).
        self.filter_action = self._action("&Filter clients", self.focus_filter, "Ctrl+Shift+L")
        self.show_archived_action = QAction("Show &archived clients", self, checkable=True)
        set_shortcut(self.show_archived_action, "Ctrl+Shift+H")
        self.show_archived_action.toggled.connect(lambda _on: self.reload())
        self.sample_action = self._action("Load the &sample book", self.load_sample)
        self.quit_action = self._action("&Quit", self.quit_app, QKeySequence.StandardKey.Quit)
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts, "F1")
        self.about_action = self._action("&About Rapport", self.show_about)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addAction(self.new_action)
        self.file_menu.addSeparator()
        self.file_menu_tools = self.file_menu.addSeparator()
        self.file_menu.addAction(self.sample_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.filter_action)

        self.view_menu = bar.addMenu("&View")
        self._view_separator = self.view_menu.addSeparator()
        self.view_menu.addAction(self.show_archived_action)

        self.client_menu = bar.addMenu("&Client")
        for action in (
            self.new_client_action,
            self.edit_client_action,
            None,
            self.log_action,
            self.add_task_action,
            self.add_fact_action,
            self.add_person_action,
            None,
            self.archive_action,
            self.delete_client_action,
        ):
            if action is None:
                self.client_menu.addSeparator()
            else:
                self.client_menu.addAction(action)
        self.tools_menu = bar.addMenu("&Tools")
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)
        self._toolbar_end = self.toolbar.addSeparator()
        self.toolbar.addAction(self.new_client_action)
        self.toolbar.addAction(self.log_action)
        # A menu opened before the turn after the first paint lists all its entries.
        for menu in (self.file_menu, self.edit_menu, self.client_menu, self.tools_menu):
            menu.aboutToShow.connect(self.build_menus)
        self.help_menu.aboutToShow.connect(self.build_menus)

    def build_menus(self) -> None:
        """The menu entries the first frame does not show (``MENU_PARTS``), once: thank-you
        notes and gift ideas, Record a message, Import/Export and the backups, the brief's
        printing, in the order they always took in the menus."""
        if self._menus_built:
            return
        self._menus_built = True
        from rapport.ui import followup_actions
        from rapport.ui.brief_actions import install_brief_actions

        self._install_gifts_notes()
        followup_actions.install(self)  # Client > Record a message / an introduction
        self._install_data_menus()
        install_brief_actions(self)

    if not TYPE_CHECKING:  # mypy keeps checking every other attribute's name

        def __getattr__(self, name: str) -> Any:
            # Only for names not found the usual way: a menu part read before it was built.
            if name in MENU_PARTS and not self.__dict__.get("_menus_built", True):
                self.build_menus()
                return getattr(self, name)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _install_gifts_notes(self) -> None:
        """Thank-you notes and gift ideas (ui/note_composer.py, ui/gifts_tab.py)."""

        def note() -> None:
            from rapport.ui.note_composer import compose_note

            current = self.profile.current
            if current is None:
                self.statusBar().showMessage("Pick a client first, then write the note.", 5000)
                return
            talk = self.profile.history.current()
            on_history = self.profile.tabs.currentWidget() is self.profile.history
            chosen = talk.id if on_history and talk is not None and talk.kind != "card" else None
            if compose_note(self, current.client.id, chosen) is not None:
                self.statusBar().showMessage(f"Note to {current.client.name} marked sent.", 5000)
            self.profile.refresh()
            self.reload()

        def ideas() -> None:
            if self.profile.current is None:
                self.statusBar().showMessage("Pick a client first to see gift ideas.", 5000)
                return
            self.show_page(self.clients_page)
            self.profile.tabs.setCurrentWidget(self.profile.gifts)
            self.profile.gifts.ideas.table.setFocus()

        self.note_action = self._action(
            "Thank-you &note…", note, "Ctrl+Shift+T", "Draft, print or send a thank-you note"
        )
        self.gift_ideas_action = self._action(
            "&Gift ideas", ideas, "Ctrl+G", "Gift ideas for the client and their people"
        )
        self.client_menu.insertActions(self.add_task_action, [self.note_action])
        self.envelope_action = self._action(
            "Print en&velope…", self.print_envelope, "Ctrl+Shift+V", "Print the client's envelope"
        )
        self.client_menu.insertActions(self.add_task_action, [self.envelope_action])

        def many() -> None:
            from rapport.ui.season_cards_window import open_season_cards

            open_season_cards(self)

        self.season_cards_action = self._action(
            "Cards for &many…",
            many,
            "Ctrl+Shift+D",
            "A season's cards: holiday, new year, birthday, thanks",
        )
        self.client_menu.insertActions(self.add_task_action, [self.season_cards_action])
        self.client_menu.insertActions(self.add_task_action, [self.gift_ideas_action])

    def print_envelope(self) -> None:
        """Client › Print envelope… (ui/envelope_dialog.py)."""
        from rapport.ui.envelope_dialog import print_envelope

        current = self.profile.current
        if current is None:
            self.statusBar().showMessage("Pick a client first, then print the envelope.", 5000)
            return
        print_envelope(self, current.client.id, lambda text: self.statusBar().showMessage(text))
        self.profile.refresh()  # an address added on the way shows in the header

    def _install_search(self) -> None:
        from rapport.ui.search_view import install_search

        self.search_controller = install_search(self)
        self.search_action = self.search_controller.action
        self.painted.connect(lambda: QTimer.singleShot(SEARCH_WARM_MS, self, self._warm_search))

    def _warm_search(self) -> None:
        """A team book's search thread started, its connection ready to search, while the
        user reads Today (``SearchRunner.warm``); a book in a file has nothing to ready."""
        from rapport.services.book import is_team_book

        if self.isVisible() and not self._deferred_cancelled and is_team_book():
            self.search_controller.runner.warm()

    def _install_today(self) -> None:
        """The Today page (ui/today_view.py): the home page, its menu, counts in the title."""
        from rapport.ui.today_view import TodayView

        view = self.today_view = TodayView()
        view.worker = self.worker  # Today's keys write on it: the window never waits
        view.defer_first_read = True  # read right after the window first paints
        self.painted.connect(view.first_read)
        self.add_page("Today", view, "Ctrl+1").triggered.connect(view.focus_first)
        view.clientRequested.connect(self.open_client)
        # Today changed the book (and has read itself again): the rest of the window reads
        # again on the worker.
        view.changed.connect(lambda: self.reload_soon(today=False))
        view.undoable.connect(self.remember_undo)
        view.newClientRequested.connect(self.new_client)
        view.loadSampleRequested.connect(self.load_sample)
        view.importRequested.connect(lambda: self.data_actions.import_file())
        view.summaryChanged.connect(
            lambda text: self.setWindowTitle(f"Rapport — {text}" if text else "Rapport")
        )
        self.clientsChanged.connect(view.refresh_from_elsewhere)
        # Its section titles and banner carry colours built from the palette: a new palette
        # (light, dark) draws them again, from a fresh read (Today's reads are cheap).
        theme.follow_palette(view, lambda: view.refresh() if view.data is not None else None)
        self.today_menu = self.menuBar().addMenu("T&oday")
        # Next to the other menus about the book, before Client.
        self.menuBar().insertMenu(self.client_menu.menuAction(), self.today_menu)
        for action in view.menu_actions:
            if action is None:
                self.today_menu.addSeparator()
            else:
                self.today_menu.addAction(action)
        self.tools_menu.addAction(view.away_action)

    def _install_data_menus(self) -> None:
        """File ▸ Import/Export and Tools ▸ Back up / Restore / Check (ui/data_actions.py)."""
        from rapport.ui.data_actions import DataActions

        self.data_actions = DataActions(self)

    # -- the Clients page, built when first needed ------------------------------------------
    @property
    def client_list(self) -> ClientList:
        self._build_clients_page()
        assert self._client_list is not None
        return self._client_list

    @property
    def profile(self) -> ProfilePane:
        self._build_clients_page()
        assert self._profile is not None
        return self._profile

    def built_profile(self) -> ProfilePane | None:
        """The profile pane if it exists yet (asking never builds it)."""
        return self._profile

    def _page_changed(self, _index: int) -> None:
        if self.pages.currentWidget() is self.clients_page:
            self._build_clients_page()

    def _build_clients_page(self) -> None:
        """The client list and the profile pane, with the client the user last looked at."""
        if self._client_list is not None:
            return
        from rapport.ui.client_list import ClientList
        from rapport.ui.profile import ProfilePane

        self._client_list = ClientList()
        self._profile = ProfilePane()
        self.clients_page.addWidget(self._client_list)
        self.clients_page.addWidget(self._profile)
        self.clients_page.setStretchFactor(0, 2)
        self.clients_page.setStretchFactor(1, 5)
        splitter = self.settings.value("clientsSplitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.clients_page.restoreState(splitter)
        else:
            self.clients_page.setSizes([380, 820])
        self._client_list.clientSelected.connect(self._on_client_selected)
        self._client_list.loadSampleRequested.connect(self.load_sample)
        self._client_list.newClientRequested.connect(self.new_client)
        self._client_list.importRequested.connect(lambda: self.data_actions.import_file())
        self._client_list.deleteRequested.connect(self.delete_client)
        self._profile.changed.connect(self.reload_soon)  # the pane has read itself again
        self._profile.envelope_button.clicked.connect(lambda _c=False: self.print_envelope())
        self._profile.deleted.connect(self.push_undo)
        self._profile.undoable.connect(self.remember_undo)
        if self.waiting_for_server() and self.server_wait is not None:
            self._client_list.show_server_away(self.server_wait.server)  # read once back
        else:
            try:
                self._client_list.refresh(self.show_archived_action.isChecked())
            except Exception as exc:
                if messages.tell_server_away(self, exc):  # gone since: read once back
                    self._client_list.show_server_away(self.server_is_away())
                else:
                    messages.show_error(self, exc, "read the book")
        if not isinstance(splitter, QByteArray) or splitter.isEmpty():
            wide = min(max(self._client_list.preferred_width(), 380), 560)  # companies whole
            self.clients_page.setSizes([wide, 1200 - wide])
        self._restore_last_client()
        self._update_client_actions()
        self.profileCreated.emit()

    def _watch_first_paint(self) -> None:
        """Emit ``painted`` once, right after the first paint; then the work that waited."""
        window = self
        self._deferred_cancelled = False

        class FirstPaint(QObject):
            """The first paint, then what waited for it; until the menus are built, a key
            that may be a shortcut builds them first (``build_menus``)."""

            painted = False

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                kind = event.type()
                if kind == QEvent.Type.ShortcutOverride:
                    # Sent before Qt looks the key up among the shortcuts: the menus'
                    # actions are there by then.
                    window.build_menus()
                elif watched is window and kind == QEvent.Type.Paint and not self.painted:
                    self.painted = True
                    QTimer.singleShot(0, window, window._build_menus_after_paint)
                    QTimer.singleShot(0, window, window._after_first_paint)
                if self.painted and window._menus_built:
                    window.removeEventFilter(self)
                return False

        self._first_paint = FirstPaint(self)
        self.installEventFilter(self._first_paint)
        # The status line's counts are the first read of the book: after the paint, with
        # Today's rows, not before it.
        self.painted.connect(self._update_counts)
        self.painted.connect(lambda: QTimer.singleShot(CLIENTS_PAGE_IDLE_MS, self, self._idle))
        self.book_watch: BookWatch | None = None
        self._outbox_status: OutboxStatus | None = None
        self.server_wait: ServerWait | None = None  # the team server was away at the start
        # The team server went away after the book opened: its name, and what turns the
        # book's entries back on once it is back (``server_lost``).
        self.lost_server = ""
        self._release_actions: Callable[[], None] | None = None
        self.painted.connect(self._watch_book)
        self.painted.connect(self._install_team_entries)
        self.phone: Any = None  # ui/phone_publisher.PhonePublisher, once the book is open
        self._closed_for_good = False
        # Phone publishing, where set up, starts once the window has settled: it costs
        # the first paint and Today's rows nothing.
        self.painted.connect(
            lambda: QTimer.singleShot(PHONE_START_MS, self, self._start_phone_if_set_up)
        )

    def _build_menus_after_paint(self) -> None:
        if not self._deferred_cancelled:
            self.build_menus()

    def _after_first_paint(self) -> None:
        if self._deferred_cancelled:
            return
        self.firstPainted.emit()
        if self.ensure_book_open():
            self.painted.emit()

    def _show_busy_wait(self, message: str) -> None:
        self.statusBar().showMessage(message[:1].upper() + message[1:] + "…", 15000)

    def ensure_book_open(self) -> bool:
        """Open the book checked before the first paint, once; False if it cannot be.

        Opening loads the database layer, which is why it waits for the paint. When it
        fails now (the file became busy or read-only since the check), the user is told
        why and Rapport quits, as it would have before showing the window.
        """
        from rapport.services import book
        from rapport.services.errors import ServerAwayError

        if book.current_book() is None:
            if self.book.away:  # a team book whose server was away at the check
                self.wait_for_server(self.book.away)
                return False
            try:
                book.open_book(self.book.data_dir)
            except book.BookLockedError:
                # An encrypted book: its passphrase is asked now, over the painted window.
                if not self._unlock_and_open():
                    return False
            except ServerAwayError as exc:  # away since the check
                book.wait_for_server(self.book.data_dir, exc)
                self.wait_for_server(exc.where)
                return False
            except Exception as exc:
                self.cancel_deferred_work()
                messages.show_error(self, exc, "open the book")
                self._quitting = True
                self.close()
                QApplication.exit(1)
                return False
        if not self._listening_for_busy_waits:
            # Also when the book was opened before the window (a new book, a migration):
            # a write that waits behind another program's import says so in the status bar.
            self._listening_for_busy_waits = True
            self.busyWaiting.connect(self._show_busy_wait)
            book.on_busy_wait("window", self.busyWaiting.emit)
        return True

    def wait_for_server(self, server: str) -> None:
        """The team book's server is away: the window says so and opens the book once it
        is back (ui/server_wait.py); then it reads what it shows as after the first paint."""
        from rapport.ui.server_wait import ServerWait

        if self.server_wait is None:
            self.server_wait = ServerWait(self, self.book.data_dir, server)
            self.server_wait.opened.connect(self._server_back)
            self.server_wait.failed.connect(self._book_refused)
            self.server_wait.show_in(self)
            self.server_wait.start()

    def waiting_for_server(self) -> bool:
        return self.server_wait is not None and not self.server_wait.done

    def server_is_away(self) -> str:
        """The team server's name while it is away (at the start or since), else ""."""
        if self.waiting_for_server() and self.server_wait is not None:
            return self.server_wait.server
        return self.lost_server

    def server_lost(self, server: str, doing: str = "") -> None:
        """A read or write found the team book's server away after the book opened (a
        restart, the network down, the laptop asleep): the status bar says so at once, the
        entries that need the book are off with the tip they have at the start, and a
        capture goes to the outbox. The outbox's look (ui/outbox_status.py, on the worker)
        finds it back; then everything turns on again and what is shown is read again
        (``_server_found``). ``doing`` names what was refused (said, to be done again; a
        read is read again by itself and names nothing: the label says it)."""
        from rapport.ui import server_wait

        if self._gone():
            return
        if self.waiting_for_server():
            pass  # the start's wait says it already (the label, Today, the entries off)
        elif not self.lost_server:
            self.lost_server = server or "the team server"
            self._release_actions = server_wait.hold(self.book_actions(), self.lost_server)
            self.outbox_status().server_away(server)
            self.search_controller.wait_for_server(self.lost_server)
        if doing:  # what was refused; the label beside names the server, the tips say more
            self.statusBar().showMessage(f"Could not {doing}: the team server is away.", 15000)

    def _server_found(self, sent: Any) -> None:
        """The team server lost after the book opened is back (the outbox's look, a
        ``services.outbox.Sent``): the entries on again, and Today, the list, the open
        profile and a search read again (when captures were sent, that said it and read)."""
        if not self.lost_server or self._gone():
            return
        self.lost_server = ""
        release, self._release_actions = self._release_actions, None
        if release is not None:
            release()
        if not sent.saved:
            self.statusBar().showMessage("The team book's server is back.", 8000)
            self.refresh_from_book()
        self.search_controller.server_back()
        self.serverBack.emit()

    def _server_back(self) -> None:
        if self._deferred_cancelled or self._gone():
            return
        if self._client_list is not None:  # built while away: read now
            try:
                self._client_list.refresh(self.show_archived_action.isChecked())
            except Exception as exc:  # away again already: the watch says so, then reads
                if messages.user_message(exc) is None:
                    raise
        self.painted.emit()  # what waited for the book: Today, counts, the watch, outbox

    def _book_refused(self, exc: BaseException) -> None:
        """The server is back but the book cannot be used (a newer schema, not set up)."""
        self.cancel_deferred_work()
        messages.show_error(self, exc, "open the book")
        self._quitting = True
        self.close()
        QApplication.exit(1)

    def _unlock_and_open(self) -> bool:
        """Ask the encrypted book's passphrase, then open it; False (quitting) if not."""
        from rapport.services import book
        from rapport.ui.privacy import ask_to_unlock

        try:
            if ask_to_unlock(self, self.book.data_dir):
                book.open_book(self.book.data_dir)
                return True
        except Exception as exc:
            messages.show_error(self, exc, "open the book")
        self.cancel_deferred_work()
        self._quitting = True
        self.close()
        QApplication.exit(1)
        return False

    def cancel_deferred_work(self) -> None:
        """The app is quitting: skip the work that waits for the first paint."""
        self._deferred_cancelled = True

    def _idle(self) -> None:
        """Build the Clients page while the user reads Today, in two short steps (the
        modules, then the widgets), so that neither holds the window for long."""
        if not self.isVisible() or self._deferred_cancelled or self._client_list is not None:
            return
        import rapport.ui.client_list
        import rapport.ui.profile  # noqa: F401

        QTimer.singleShot(0, self, self._build_clients_page)

    # -- data ------------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        """Re-read the client list (and keep the current client selected)."""
        if self._client_list is not None:
            try:
                self._client_list.refresh(self.show_archived_action.isChecked())
            except Exception as exc:
                messages.show_error(self, exc, "read the book")
                return
            if self._client_list.current_client_id() is None and self._profile is not None:
                self._profile.show_client(None)
        self._update_counts()
        self._update_client_actions()
        self.clientsChanged.emit()

    def _watch_book(self) -> None:
        """What other programs write to the book shows here too, once it is open (the
        watch reads the book: it loads with the database layer, after the paint)."""
        from rapport.ui.book_watch import BookWatch

        if self.book_watch is None:
            self.book_watch = BookWatch(self)
            self.book_watch.changed.connect(self.refresh_from_book)
            self.book_watch.away.connect(self.server_lost)
            self.outbox_status().back.connect(self._server_found)
            self.book_watch.start()
            self.outbox_status().start()

    def _install_team_entries(self) -> None:
        """On a team book, File › Copy a personal book into the team book…"""
        from rapport.services.book import is_team_book

        if is_team_book():
            from rapport.ui import team_copy_dialog

            team_copy_dialog.install(self)

    def outbox_status(self) -> OutboxStatus:
        """The team server's absence in the status bar, and the outbox sent on its return."""
        from rapport.ui.outbox_status import OutboxStatus

        if self._outbox_status is None:
            self._outbox_status = OutboxStatus(self)
        return self._outbox_status

    def refresh_from_book(self) -> None:
        """Another program wrote to the book (ui/book_watch.py): read again what is shown,
        in place, on the worker. The client list keeps its filter, selection and scroll
        position, the open profile its tab, Today its cursor; nothing is rebuilt."""
        self.reload_soon(today=self.today_view.data is not None, profile=True, in_place=True)

    def reload_soon(
        self,
        today: bool = True,
        profile: bool = False,
        in_place: bool = False,
        then: Callable[[], None] | None = None,
    ) -> None:
        """What ``reload`` does, read on the worker and shown here once read
        (ui/window_reads.py): after a save on the worker and when another program wrote,
        so that reading Today and a long client list never holds the window.

        ``today`` reads Today too (what ``clientsChanged`` has it do), ``profile`` the
        client the profile pane shows, ``in_place`` keeps the list's loaded rows and its
        scroll position (another program's write) rather than going back to the top;
        ``then()`` runs once it is shown (or the read failed).
        """
        from rapport.ui.client_list_model import PAGE

        listed, pane = self._client_list, self._profile
        include_archived = self.show_archived_action.isChecked()
        query = keep = None
        at_least = PAGE
        list_ticket = 0
        if listed is not None:
            list_ticket = listed.model.reads.take()
            query = listed.model.query
            at_least = max(listed.model.rowCount(), PAGE) if in_place else PAGE
            keep = listed.current_client_id()
        shown = pane.client_id if profile and pane is not None else None
        if in_place and listed is not None and shown != keep:
            shown = None  # the pane shows what the list does not (a search result): as is
        profile_ticket = pane.reads.take() if shown is not None and pane is not None else 0
        today_ticket = self.today_view.reads.take() if today else 0
        counts_ticket = self._count_reads.take()
        if today and profile and self.book_watch is not None:
            # Everything the watch would read again is read below, after every write
            # committed so far (ours too): the watch looks on from here.
            self.book_watch.rebase()
        prepare = listed.model.prepare if listed is not None else None

        def read(_context: JobContext) -> WindowRead:
            from rapport.services import client_list, clients
            from rapport.services.brief import compose_profile
            from rapport.services.errors import NotFoundError

            clients_read = None
            if query is not None and prepare is not None:
                listing = client_list.listing(query, at_least, keep, PAGE)
                clients_read = ListRead(listing, prepare(listing.rows))
            opened = None
            if shown is not None:
                try:
                    profile = clients.profile(shown)
                except NotFoundError:  # deleted meanwhile: the list moves on from it
                    profile = None
                if profile is not None:
                    opened = ProfileRead(profile, compose_profile(profile))
            return WindowRead(
                read_today() if today else None,
                clients_read,
                opened,
                client_list.totals(include_archived),
            )

        def done(result: WindowRead) -> None:
            if self._gone():  # closed (or its widgets deleted) while the read ran
                return
            # Shown a part at a time, each in its own turn of the event loop, so that the
            # window paints and takes keys between them (on a loaded machine the list and
            # the profile each take tens of milliseconds).
            parts = [lambda: show_list(result), lambda: show_rest(result)]
            if result.today is not None:
                today = result.today
                parts.append(lambda: self.today_view.show_read(today, today_ticket))
            show_parts(parts)

        def show_parts(parts: list[Callable[[], None]]) -> None:
            parts.pop(0)()
            if parts:
                QTimer.singleShot(0, self, lambda: show_parts(parts))
                return
            self.reads_under_way -= 1
            if then is not None:
                then()

        def show_list(result: WindowRead) -> None:
            if result.clients is not None and self._client_list is not None:
                self._client_list.apply(result.clients, list_ticket, in_place)
                current = self._client_list.current_client_id()
                if current is None and self._profile is not None and not in_place:
                    self._profile.show_client(None)
            if self._count_reads.newest(counts_ticket):
                self._show_counts(*result.totals)

        def show_rest(result: WindowRead) -> None:
            if result.profile is not None and self._profile is not None:
                self._profile.show_read(result.profile, profile_ticket)
            self._update_client_actions()

        def failed(exc: BaseException) -> None:
            self.reads_under_way -= 1
            if self._gone():
                return
            if messages.tell_server_away(self, exc):
                pass  # the team server is away: said, and read again once it is back
            elif in_place:  # a look in the background: said in the status line
                text = messages.user_message(exc) or str(exc)
                self.statusBar().showMessage(f"Could not read the book again: {text}", 8000)
            else:
                messages.show_error(self, exc, "read the book")
            if then is not None:
                then()

        self.reads_under_way += 1
        self.worker.submit(read, name="read the book again", on_done=done, on_error=failed)

    def _update_counts(self) -> None:
        from rapport.services import client_list as client_list_service

        self._count_reads.take()
        try:
            count, open_tasks = client_list_service.totals(self.show_archived_action.isChecked())
        except Exception:  # the status line is a nicety: reading the book reports errors
            return
        self._show_counts(count, open_tasks)

    def _show_counts(self, count: int, open_tasks: int) -> None:
        clients, tasks = counted(count, "client"), counted(open_tasks, "open task")
        self.counts_label.setText(f"{clients} · {tasks}")

    def _update_client_actions(self) -> None:
        profile = self._profile
        has = profile is not None and profile.current is not None
        for action in (
            self.edit_client_action,
            self.archive_action,
            self.delete_client_action,
            self.add_person_action,
            self.add_fact_action,
            self.log_action,
            self.add_task_action,
        ):
            action.setEnabled(has)
        if has and profile is not None and profile.current is not None:
            archived = profile.current.client.archived
            self.archive_action.setText("Un&archive client" if archived else "&Archive client")

    @Slot(int)
    def _on_client_selected(self, client_id: int) -> None:
        if client_id != self.profile.client_id:
            self.profile.show_client(client_id)
        self._update_client_actions()

    def open_client(self, client_id: int) -> None:
        """Show the Clients page with this client selected (from Today, search...)."""
        self.show_page(self.clients_page)
        if not self.client_list.select_client(client_id):
            self.show_archived_action.setChecked(True)
            self.client_list.select_client(client_id)
        self.profile.show_client(client_id)
        self._update_client_actions()

    # -- actions ---------------------------------------------------------------------------
    def book_actions(self) -> list[QAction]:
        """The entries that need the book open: off while its team server is away
        (ui/server_wait.py). Quick capture is not among them (the outbox keeps a note);
        those of a client need one shown, and none is until the book opens."""
        copy = getattr(self, "team_copy_action", None)  # File › Copy a personal book…
        return [
            *([copy] if copy is not None else []),
            self.new_client_action,
            self.sample_action,
            self.data_actions.import_action,
            self.data_actions.export_action,
            self.data_actions.backup_action,
            self.data_actions.restore_action,
            self.data_actions.check_action,
            self.season_cards_action,
            self.today_view.away_action,
            self.today_view.refresh_action,
        ]

    def new_client(self) -> None:
        from rapport.ui import server_wait

        if self.server_is_away():
            # Asked for by a button the window shows (Today's, the client list's).
            self.statusBar().showMessage(server_wait.why(self.server_is_away()), 8000)
            return
        from rapport.services import clients
        from rapport.ui.dialogs import ClientDialog, home_country

        try:
            names = clients.all_names()
        except Exception as exc:  # the team server gone since the last look: said
            if not messages.tell_server_away(self, exc, "add a client"):
                raise
            return
        created = ClientDialog.ask(
            self,
            lambda v: clients.create_client(v.pop("name"), **v),
            other_clients=names,
            home_country=home_country(),
        )
        if created is not None:  # saved on the worker (the form's): read there too

            def shown() -> None:
                self.open_client(created.id)
                self.statusBar().showMessage(f"Added {created.name}.", 5000)

            self.reload_soon(then=shown)

    def toggle_archive(self) -> None:
        current = self.profile.current
        if current is None:
            return
        client = current.client
        from rapport.services import clients
        from rapport.ui.window_saves import save_on_worker

        if self._saving_client():
            return

        def done(_result: object) -> None:
            said = f"{'Unarchived' if client.archived else 'Archived'} {client.name}."
            self.reload_soon(profile=True, then=lambda: self._client_saved(said))

        self.saving_client = True
        save_on_worker(
            self,
            "archive the client",
            lambda: clients.set_archived(client.id, not client.archived),
            done,
            failed=lambda: self._client_saved(""),
        )

    def _saving_client(self) -> bool:
        """A client's archive or delete is on its way to the book: no second one meanwhile."""
        if self.saving_client:
            self.statusBar().showMessage("Saving…")
            return True
        return False

    def _client_saved(self, said: str) -> None:
        self.saving_client = False
        if said:
            self.statusBar().showMessage(said, 5000)

    def delete_client(self) -> None:
        current = self.profile.current
        if current is None or self._saving_client():
            return
        name = current.client.name
        if not messages.confirm(
            self,
            "Delete client",
            f"Delete {name} and everything recorded about them?\n\n"
            "You can undo this with Ctrl+Z until you quit.",
        ):
            return
        from rapport.services import clients
        from rapport.ui.window_saves import save_on_worker

        def done(snapshot: Snapshot) -> None:
            if self.profile.client_id == current.client.id:
                self.profile.show_client(None)
            self.reload_soon(then=lambda: self._client_saved(""))
            self.push_undo(snapshot)

        self.saving_client = True
        save_on_worker(
            self,
            "delete the client",
            lambda: clients.delete_client(current.client.id),
            done,
            failed=lambda: self._client_saved(""),
        )

    @Slot(object)
    def push_undo(self, snapshot: Snapshot) -> None:
        self.remember_undo(snapshot)
        self.statusBar().showMessage(f"Deleted {snapshot.label}. Ctrl+Z brings it back.", 10000)

    def remember_undo(self, item: Undoable) -> None:
        """Put a step on the one undo stack (deletions and saved captures, latest first)."""
        self.undo_stack.append(item)
        self._show_undo()

    def forget_undo(self) -> None:
        """Nothing to undo any more (another book was put in place: its rows are not ours)."""
        self.undo_stack.clear()
        self._show_undo()

    def _show_undo(self) -> None:
        self.undo_action.setEnabled(bool(self.undo_stack) and self.undoing is None)
        top = f" {self.undo_stack[-1].action}" if self.undo_stack else ""
        self.undo_action.setText(f"&Undo{top}")

    def undo(self, item: Undoable | None = None) -> None:
        """Undo the latest step, or ``item`` (the saved-note toast's Undo) wherever it is.

        The step is taken back on the worker, so that a busy book never freezes the window
        (the status bar says "Saving…", then what it waits for); meanwhile no other undo.
        """
        if self.undoing is not None:
            self.statusBar().showMessage("Saving…")
            return
        if not self.undo_stack:
            return
        position = next((i for i, s in enumerate(self.undo_stack) if s is item), -1)
        step = self.undo_stack[position]
        if item is not None and step is not item:
            return  # already undone, or forgotten when a backup was restored
        self.undoing = step
        self._show_undo()
        self.statusBar().showMessage("Saving…")
        self.worker.submit(
            lambda _context: step.undo(),
            name=f"undo the {step.action}",
            on_done=lambda _result: self._undo_done(step),
            on_error=lambda exc: self._undo_failed(step, exc),
        )

    def _drop_undo(self, step: Undoable) -> bool:
        """Take ``step`` itself (not an equal one) off the stack; False if it was not on it."""
        position = next((i for i, s in enumerate(self.undo_stack) if s is step), None)
        if position is None:
            return False
        del self.undo_stack[position]
        return True

    def _undo_failed(self, step: Undoable, exc: BaseException) -> None:
        from rapport.services.errors import ServiceError

        self.undoing = None
        self.statusBar().clearMessage()
        if isinstance(exc, ServiceError) and self._drop_undo(step):
            # Refused (later work built on it): it never will be, let Ctrl+Z go on.
            self.undoRefused.emit(step)
        self._show_undo()
        messages.show_error(self, exc, f"undo the {step.action}")

    def _undo_done(self, step: Undoable) -> None:
        if self._profile is not None and self._profile.client_id in step.removed_client_ids:
            self._profile.show_client(None)
        self._build_clients_page()
        # Done once the window shows it (read on the worker): until then Ctrl+Z waits.
        self.reload_soon(profile=True, then=lambda: self._undo_shown(step))

    def _undo_shown(self, step: Undoable) -> None:
        self.undoing = None
        self._drop_undo(step)
        self._show_undo()
        self.statusBar().showMessage(step.done, 8000)
        self.undone.emit(step)

    def focus_filter(self) -> None:
        self.show_page(self.clients_page)
        self.client_list.filter.setFocus()
        self.client_list.filter.selectAll()

    def load_sample(self) -> None:
        from rapport.sample import demo
        from rapport.services import book

        if not book.is_empty() and not messages.confirm(
            self,
            "Load the sample book",
            "Your book already has clients. Add the sample clients next to them?",
            "Add sample clients",
        ):
            return
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog("Loading the sample book…", "Cancel", 0, 100, self)
        progress.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def work(ctx: JobContext) -> Any:
            return demo.load_demo(progress=ctx.progress, cancel=ctx.cancelled)

        def done(summary: Any) -> None:
            progress.close()
            self.reload()
            self.statusBar().showMessage(
                f"Loaded {summary.clients} sample clients. Delete them any time.", 8000
            )

        def failed(exc: BaseException) -> None:
            progress.close()
            messages.show_error(self, exc, "load the sample book")

        job = self.worker.submit(
            work,
            name="sample book",
            on_done=done,
            on_error=failed,
            on_progress=lambda d, t: progress.setValue(100 * d // max(t, 1)),
            on_cancel=progress.close,
        )
        progress.canceled.connect(job.cancel)

    def show_shortcuts(self) -> None:
        from rapport.ui.shortcuts_dialog import ShortcutsDialog

        self.build_menus()  # it lists every menu's entries
        dialog = ShortcutsDialog(self)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        import html

        messages.info(
            self,
            "About Rapport",
            f"Rapport {html.escape(__version__)}\n\nA personal client memory. Your notes stay on "
            f"this computer, in {self.book.data_dir}.",
        )

    # -- window state ----------------------------------------------------------------------
    def _restore_last_client(self) -> None:
        """Reopen the client the user was looking at, or the first one, never a blank pane."""
        last = self.settings.value("lastClient")
        try:
            last_id = int(last) if last is not None else None
        except (TypeError, ValueError):
            last_id = None
        if last_id is not None and self.client_list.select_client(last_id):
            return
        proxy = self.client_list.proxy
        if proxy.rowCount():
            self.client_list.table.setCurrentIndex(proxy.index(0, 0))

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)

    def _gone(self) -> bool:
        """Closed for good, or its C++ side deleted: a read that finishes now shows nothing."""
        return self._closed_for_good or not isValid(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.search_controller.window_closing()
        self.settings.setValue("geometry", self.saveGeometry())
        if self._profile is not None:  # never built: what was saved last time still holds
            self.settings.setValue("clientsSplitter", self.clients_page.saveState())
            if self._profile.client_id is not None:
                self.settings.setValue("lastClient", self._profile.client_id)
        self.settings.sync()
        if self.desktop.close_hides(quitting=self._quitting):
            event.ignore()
            self.hide()
            self.statusBar().clearMessage()
            return
        self.desktop.stop()
        if self.book_watch is not None:
            self.book_watch.stop()
        self._closed_for_good = True  # phone publishing, not started yet, never starts
        if self.phone is not None:
            self.phone.stop()
        # The window closes for good: the capture window writes its draft and stops its
        # timers now, while the book it belongs to is still the one open.
        self.capture.shutdown()
        super().closeEvent(event)

    # -- phone publishing (ui/phone_publisher.py) ------------------------------------------
    def _start_phone_if_set_up(self) -> None:
        """Publishing to the phone starts with the window only where the user set it up
        (until then nothing of it is even loaded)."""
        from rapport.paths import PHONE_SETTINGS_NAME

        if (self.book.data_dir / PHONE_SETTINGS_NAME).exists():
            self.ensure_phone()

    def ensure_phone(self) -> Any:
        """The phone publisher (ui/phone_publisher.py), made when first needed: at start
        when publishing is set up, or when Preferences › Phone opens."""
        from rapport.ui.phone_publisher import PhonePublisher

        if self.phone is None and not (self._deferred_cancelled or self._closed_for_good):
            self.phone = PhonePublisher(self)
            if self.book_watch is not None:
                self.book_watch.changed.connect(self.phone.schedule)
            self.phone.start()
        return self.phone

    # -- quick capture (ui/capture_entry.py, ui/capture_window.py) ------------------------
    def _install_capture(self) -> None:
        """Quick capture: Ctrl+N, first in File and the toolbar, warmed at idle."""
        from rapport.ui.capture_entry import CaptureEntry

        self.capture = CaptureEntry(self)
        self.quick_capture_action = self.capture.action

    def on_remote_capture(self, rest: str) -> None:
        """``rapport capture [--client NAME]`` with no text, sent by a second launch."""
        self.capture.on_remote(rest)

    # -- desktop: tray, reminders, preferences, icons (ui/desktop.py) ---------------------
    def _install_desktop(self) -> None:
        from rapport.ui.desktop import DesktopIntegration

        self._quitting = False
        self.desktop = DesktopIntegration(self)
        # Off by default; from the first paint on when set (Preferences › Privacy).
        self._idle_lock: IdleLock | None = None
        self.painted.connect(self._start_idle_lock)

    @property
    def idle_lock(self) -> IdleLock:
        """The idle lock (ui/idle_lock.py), made when first needed: the first frame shows
        nothing of it, so it is made after the first paint when Preferences › Privacy sets
        it, or when Preferences opens."""
        if self._idle_lock is None:
            from rapport.ui.idle_lock import IdleLock

            self._idle_lock = IdleLock(self)
        return self._idle_lock

    def _start_idle_lock(self) -> None:
        minutes = self.desktop.prefs.idle_lock_minutes
        if minutes or self._idle_lock is not None:
            self.idle_lock.set_minutes(minutes)

    def quit_app(self) -> None:
        """Quit for real, also when closing would only hide the window in the tray."""
        from rapport.ui import tray

        self._quitting = True
        self.cancel_deferred_work()
        if self.close():
            tray.quit_application()
        else:
            self._quitting = False

    def raise_window(self) -> None:
        """Bring the window to the front (a second launch asked for it)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        QTimer.singleShot(0, lambda: QApplication.alert(self))
