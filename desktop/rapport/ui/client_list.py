"""The client list: filter as you type, sortable, keyboard first, with an empty state.

Rows come a page at a time from ``ClientListModel`` (ui/client_list_model.py), which
filters and sorts in the database: the list of a 5,000-client book reads 200 rows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rapport.core.names import fold
from rapport.services.client_list import ClientRow
from rapport.ui import table_fit
from rapport.ui.client_list_model import ClientListModel
from rapport.ui.table_model import Column, IdRole
from rapport.ui.window_reads import ListRead


def _last_contact(row: ClientRow) -> str:
    from rapport import clock
    from rapport.core.formats import ago

    if row.last_contact_at is None:
        return "never"
    return ago((clock.today() - row.last_contact_at.date()).days)


COL_NAME, COL_COMPANY, COL_LAST, COL_OPEN = range(4)
COLUMNS: list[Column[ClientRow]] = [
    Column("Name", lambda c: c.name, sort=lambda c: fold(c.name)),
    Column("Company", lambda c: c.company, sort=lambda c: fold(c.company)),
    Column("Last contact", _last_contact, sort=lambda c: c.last_contact_at),
    Column("Open", lambda c: c.open_tasks or "", sort=lambda c: c.open_tasks, align_right=True),
]


class ClientTable(QTableView):
    """The list's table. A column is as wide as its widest cell, and every cell has the
    list's font, so the widest text's cell alone is measured, not each of the hundreds
    of rows loaded (the header asks on every reset; the list fits its columns after it).
    """

    def __init__(self) -> None:
        super().__init__()
        self._advances: dict[str, int] = {}  # text -> its width in the list's font

    def sizeHintForColumn(self, column: int) -> int:
        model = self.model()
        if not isinstance(model, ClientListModel) or not model.rowCount():
            return super().sizeHintForColumn(column)
        texts = model.column_texts(column)
        advances = self._advances
        if len(advances) > 20_000:  # names come and go: a bounded memory
            advances.clear()
        measure = self.fontMetrics().horizontalAdvance

        def advance(row: int) -> int:
            text = texts[row]
            width = advances.get(text)
            if width is None:
                width = advances[text] = measure(text)
            return width

        widest = max(range(len(texts)), key=advance)
        hint = self.sizeHintForIndex(model.index(widest, column)).width()
        return hint + 1 if self.showGrid() else hint

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._advances.clear()
        super().changeEvent(event)


class ClientList(QWidget):
    """Emits ``clientSelected`` as the current row changes and ``loadSampleRequested``."""

    clientSelected = Signal(int)
    loadSampleRequested = Signal()
    newClientRequested = Signal()
    importRequested = Signal()  # the same import as File › Import…
    deleteRequested = Signal()  # Delete on a row: the window asks, deletes, offers undo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClientListModel(COLUMNS, self)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter clients  (Ctrl+Shift+L)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter clients")
        self.filter.textChanged.connect(self._on_filter)
        self.filter.returnPressed.connect(self._focus_first)
        self.filter.installEventFilter(self)

        self.table = ClientTable()
        self.table.setAccessibleName("Clients")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The model sorts in SQL; the header only says by what (and asks it to).
        self.table.horizontalHeader().setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_COMPANY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_LAST, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_OPEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self._shown_width: dict[int, int] = {}
        delete = QAction("Delete client…", self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self._request_delete)
        self.table.addAction(delete)
        self.table.viewport().installEventFilter(self)
        table_fit.install(self.table)  # a name or company cut short shows in full on hover

        self.empty = self._empty_state()
        self.no_match = QLabel("No client matches this filter.\nPress Esc to clear it.")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setEnabled(False)

        # A team book whose server is away (ui/server_wait.py), until the first read.
        self.server_away = QLabel()
        self.server_away.setObjectName("clientListServerAway")
        self.server_away.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.server_away.setWordWrap(True)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.no_match)
        self.stack.addWidget(self.server_away)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.stack)

    def _empty_state(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.addStretch(1)
        text = QLabel(
            "<h3>Your book is empty</h3>"
            "<p>Add your first client with <b>Ctrl+Shift+N</b>, import your contacts with "
            "<b>Ctrl+I</b>, or look around a sample book first.</p>"
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout.addWidget(text)
        sample = QPushButton("Load the sample book")
        sample.setAccessibleName("Load the sample book")
        sample.clicked.connect(self.loadSampleRequested)
        new = QPushButton("New client…")
        new.clicked.connect(self.newClientRequested)
        self.import_button = QPushButton("Import contacts…")
        self.import_button.setAccessibleName("Import contacts")
        self.import_button.clicked.connect(self.importRequested)
        layout.addWidget(sample, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(new, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return panel

    def show_server_away(self, server: str) -> None:
        """Nothing read yet: the team book's server is away (the window tries again)."""
        self.server_away.setText(
            f"<h3>Team server away ({server})</h3><p>Your clients show here as soon as "
            "the server is back: Rapport tries again by itself.</p>"
        )
        self.stack.setCurrentWidget(self.server_away)

    # -- data ------------------------------------------------------------------------------
    @property
    def proxy(self) -> ClientListModel:
        """What the table shows (the model itself: it filters and sorts in SQL)."""
        return self.model

    def refresh(self, include_archived: bool = False, keep_id: int | None = None) -> None:
        """Read the list again (the book changed), keeping the current client selected."""
        keep = keep_id if keep_id is not None else self.current_client_id()
        row = self.table.currentIndex().row()
        self.model.set_query(include_archived=include_archived)
        self._update_state()
        self._fit_columns()
        if keep is not None and not self.select_client(keep) and row >= 0:
            # The client is gone (deleted, archived): the cursor stays at its place, on the
            # next one, so that Delete, Delete works down a list as in a file manager.
            count = self.model.rowCount()
            if count:
                self.table.setCurrentIndex(self.model.index(min(row, count - 1), 0))

    def reread(self) -> None:
        """Read the list again in place (another program wrote to the book): the filter,
        the sort, the selected client and the scroll position stay as they were."""
        table, model, root = self.table, self.model, QModelIndex()
        keep = self.current_client_id()
        row = table.currentIndex().row()
        position = table.verticalScrollBar().value()
        loaded = model.rowCount()
        model.reload()
        while model.rowCount() < loaded and model.canFetchMore(root):
            model.fetchMore(root)
        self._update_state()
        found = model.row_of(keep) if keep is not None else None
        if found is None and row >= 0 and model.rowCount():
            found = min(row, model.rowCount() - 1)  # gone: the cursor stays at its place
        if found is not None:
            table.setCurrentIndex(model.index(found, 0))
        table.verticalScrollBar().setValue(position)

    def apply(self, read: ListRead, ticket: int, in_place: bool) -> None:
        """Show the rows the window read on its worker (ui/window_reads.py), as ``reread``
        (``in_place``: another program wrote) or ``refresh`` (after a save) would have,
        without reading anything here; a stale read (a newer one was asked) changes nothing."""
        table, model = self.table, self.model
        keep = self.current_client_id()
        row = table.currentIndex().row()
        position = table.verticalScrollBar().value()
        if not model.apply(read, ticket):
            return
        self._update_state()
        if not in_place:
            self._fit_columns()
        found = model.loaded_row(keep) if keep is not None else None
        if found is None and keep is not None and not in_place:
            found = model.row_of(keep)  # scrolled down past the rows read since
        if found is None and row >= 0 and model.rowCount():
            found = min(row, model.rowCount() - 1)  # gone: the cursor stays at its place
        if found is not None:
            table.setCurrentIndex(model.index(found, 0))
        if in_place:
            table.verticalScrollBar().setValue(position)
        elif found is not None and model.record(found).id == keep:
            table.scrollTo(model.index(found, 0))

    def current_client_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select_client(self, client_id: int) -> bool:
        row = self.model.row_of(client_id)
        if row is None and self.model.query.text:
            self.filter.clear()  # the filter hides them: show everyone again
            row = self.model.row_of(client_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def visible_count(self) -> int:
        """How many clients the list shows (scrolling loads the rest)."""
        return self.model.total

    # -- slots -----------------------------------------------------------------------------
    def _on_filter(self, text: str) -> None:
        keep = self.current_client_id()
        self.model.set_query(text=text)
        self._update_state()
        row = self.model.loaded_row(keep) if keep is not None else None
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
        elif self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _request_delete(self) -> None:
        if self.table.currentIndex().isValid():
            self.deleteRequested.emit()

    def _focus_first(self) -> None:
        if self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.clientSelected.emit(current.data(IdRole))

    def _update_state(self) -> None:
        if self.model.total:
            self.stack.setCurrentWidget(self.table)
        elif self.model.query.words:
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.empty)

    def _fit_columns(self) -> None:
        """A narrow list drops columns rather than squeeze the names to "...".

        The name keeps room for a full name; the company goes first (it is on the profile
        next to the list), then the open count, then the last contact.
        """
        header = self.table.horizontalHeader()

        def content(column: int) -> int:
            # A hidden column measures narrower than it shows: remember its shown width, or
            # the list would flip it on and off as the splitter moves.
            if not self.table.isColumnHidden(column):
                self._shown_width[column] = max(
                    header.sectionSizeHint(column), self.table.sizeHintForColumn(column)
                )
            return self._shown_width.get(column, header.sectionSizeHint(column))

        metrics = self.fontMetrics()
        name_width = metrics.horizontalAdvance("Michael Brennan") + 12
        # Name and company share the room equally; below a short name each, the company goes.
        shared_width = metrics.horizontalAdvance("Michael Bre") + 12
        room = self.table.viewport().width()
        fixed = content(COL_LAST) + content(COL_OPEN)
        hide_company = room - fixed < 2 * shared_width
        hide_open = room - fixed < name_width
        hide_last = room - content(COL_LAST) < name_width
        for column, hidden in (
            (COL_COMPANY, hide_company),
            (COL_OPEN, hide_open),
            (COL_LAST, hide_open and hide_last),
        ):
            if self.table.isColumnHidden(column) != hidden:
                self.table.setColumnHidden(column, hidden)
        if not hide_company:
            # The company takes what it needs, as long as the names keep half the room
            # (or all they need): short names leave long company names whole.
            left = room - fixed
            names = min(content(COL_NAME), left // 2)
            header.resizeSection(COL_COMPANY, max(min(content(COL_COMPANY), left - names), 0))

    def preferred_width(self) -> int:
        """The width that shows every column whole (capped): the window's first split."""
        self._fit_columns()
        header = self.table.horizontalHeader()
        need = sum(
            max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c))
            for c in range(self.model.columnCount())
        )
        scroll = self.table.verticalScrollBar().sizeHint().width()
        return need + scroll + 2 * self.table.frameWidth() + 8

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            return False
        # Down from the filter walks into the list, as in a mail client's search box.
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)  # type: ignore[attr-defined]
        ):
            self._focus_first()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape and self.filter.text():
            self.filter.clear()
            self.table.setFocus()
            return
        super().keyPressEvent(event)
