"""The search results page: a status line over the results grouped by kind, or a hint.

Built the first time the user searches (ui/search_view.py wires it into the window).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rapport.services.search import AS_YOU_TYPE_PER_KIND as PER_KIND
from rapport.services.search import Result
from rapport.ui import messages
from rapport.ui.search_model import (
    COL_CLIENT,
    COL_RESULT,
    HighlightDelegate,
    ResultRole,
    SearchResultsModel,
)

HINT = (
    "<h3>Search everything</h3><p>Clients, people, facts, conversations, tasks and gifts.<br>"
    "Words match by their beginning: <b>basebal</b> finds baseball; <b>jake tourn</b> finds "
    "the client whose son Jake has a tournament.</p><p>↑ ↓ to pick a result, Enter to open "
    "it, Esc to go back.</p>"
)


class SearchPage(QWidget):
    """The results: a status line over the grouped list, or a hint when nothing is typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SearchResultsModel(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Search status")
        self.tree = QTreeView()
        self.tree.setAccessibleName("Search results")
        self.tree.setModel(self.model)
        self.tree.setItemDelegateForColumn(COL_RESULT, HighlightDelegate(self.tree))
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_RESULT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CLIENT, QHeaderView.ResizeMode.ResizeToContents)
        self.model.modelReset.connect(self.tree.expandAll)

        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A team book whose server is away (ui/server_wait.py): searched once it is back.
        self.server_away = QLabel()
        self.server_away.setObjectName("searchServerAway")
        self.server_away.setWordWrap(True)
        self.server_away.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.server_away)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)
        self.show_hint()

    def show_hint(self) -> None:
        self.model.set_results([])
        self.status.setText("")
        self.stack.setCurrentWidget(self.hint)

    def show_results(self, query: str, results: list[Result]) -> None:
        self.model.set_results(results)
        if not results:
            self.status.setText(
                f"Nothing matches “{query}”. Try fewer words, or the start of a word."
            )
            self.stack.setCurrentWidget(self.hint)
            return
        count = len(results)
        text = f"{count} result{'s' if count != 1 else ''} for “{query}”"
        per_kind: dict[str, int] = {}
        for result in results:
            per_kind[result.kind] = per_kind.get(result.kind, 0) + 1
        if max(per_kind.values()) >= PER_KIND:
            text += f" (the best {PER_KIND} of each kind: add words to narrow)"
        if all(r.spread for r in results):
            text += " — no single note has every word; these clients have them across notes"
        self.status.setText(text)
        self.stack.setCurrentWidget(self.tree)
        self.select(0)

    def show_server_away(self, server: str, query: str) -> None:
        """The team book's server is away: where the results would be, that it is, and
        that ``query`` is searched as soon as it is back (the window tries by itself)."""
        self.model.set_results([])
        self.status.setText("")
        self.server_away.setText(
            f"<h3>{escape(messages.server_away(server), quote=False)}</h3>"
            f"<p>Rapport searches for “{escape(query)}” as soon as it is back: it tries "
            "again by itself. Keep typing; a note you capture meanwhile is kept on this "
            "computer.</p>"
        )
        self.stack.setCurrentWidget(self.server_away)

    def show_error(self, message: str) -> None:
        self.status.setText(f"Search failed: {message}")

    # -- moving through results --------------------------------------------------------------
    def current_position(self) -> int | None:
        return self.model.position_of(self.tree.currentIndex())

    def select(self, position: int) -> None:
        index = self.model.result_index(position)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def step_selection(self, step: int) -> None:
        count = self.model.result_count()
        if not count:
            return
        now = self.current_position()
        target = 0 if now is None else min(max(now + step, 0), count - 1)
        self.select(target)

    def current_result(self) -> Result | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        result = index.siblingAtColumn(COL_RESULT).data(ResultRole)
        return result if isinstance(result, Result) else None
