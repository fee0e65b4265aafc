"""The History tab: every conversation, newest first, filtered by kind, each readable.

The list is the profile's conversations (a ``RecordSection``: Add, Edit, Delete as on
the other tabs) with a kind filter ("Calls (4)"). Below it, the selected conversation
reads in full: its key points, the raw text as typed, and what quick capture understood
from it (``Interaction.extracted``). Space or Open… shows the same in its own window.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QRegularExpression, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rapport import clock
from rapport.core import records as r
from rapport.core.formats import full_date as day_text
from rapport.core.formats import kind_text, stamp_label
from rapport.ui.record_section import RecordSection
from rapport.ui.table_model import Column

KIND_COLUMN = 1
PLURALS = {
    "meeting": "Meetings",
    "call": "Calls",
    "email": "Emails",
    "voicemail": "Voicemails",
    "text": "Texts",
    "note": "Notes",
    "gift": "Gifts",
    "card": "Cards",
}
HISTORY_COLUMNS: list[Column[r.Interaction]] = [
    Column(
        "When", lambda i: stamp_label(i.happened_at, clock.today()), sort=lambda i: i.happened_at
    ),
    Column("Kind", lambda i: kind_text(i.kind)),
    Column("Title", lambda i: i.title or (i.raw_text.splitlines() or [""])[0][:80]),
    Column("Key points", lambda i: "; ".join(i.key_points)),
]
# How the parts of quick capture's understanding (capture-json.md) are named.
EXTRACTED_PARTS = (
    ("client", "Client"),
    ("people", "People"),
    ("facts", "Facts"),
    ("dates", "Dates to remember"),
    ("tasks", "Tasks and promises"),
    ("introductions", "Introductions"),
    ("inbound", "Message awaiting reply"),
    ("key_points", "Key points"),
    ("suggestions", "Suggested next steps"),
)


def conversation_html(talk: r.Interaction, raw: bool = False) -> str:
    """One conversation in full, for the viewer (read-only); ``raw`` adds what capture
    saved, as it was saved."""
    e = html.escape
    title = e(talk.title or talk.kind.capitalize())
    when = f"{day_text(talk.happened_at)}, {talk.happened_at:%H:%M}"
    parts = [f"<h3 style='margin:0'>{title}</h3><p>{e(talk.kind.capitalize())} · {when}</p>"]
    if talk.key_points:
        items = "".join(f"<li>{e(p)}</li>" for p in talk.key_points)
        parts.append(f"<h4>Key points</h4><ul>{items}</ul>")
    if talk.raw_text.strip():
        parts.append(f"<h4>As written</h4><p style='white-space:pre-wrap'>{e(talk.raw_text)}</p>")
    else:
        parts.append("<p><i>No notes were written for this conversation.</i></p>")
    parts.append("<h4>What capture understood</h4>")
    parts.append(extracted_html(talk.extracted))
    if raw and talk.extracted:
        saved = json.dumps(talk.extracted, ensure_ascii=False, indent=2)
        parts.append(f"<h4>As saved</h4><pre style='font-size:small'>{e(saved)}</pre>")
    return "".join(parts)


def extracted_html(extracted: dict[str, Any] | None) -> str:
    e = html.escape
    if not extracted:
        return "<p><i>Nothing: this conversation was logged by hand.</i></p>"
    out = []
    for key, label in EXTRACTED_PARTS:
        value = extracted.get(key)
        if not value:
            continue
        items = value if isinstance(value, list) else [value]
        lines = "".join(f"<li>{e(_describe(item))}</li>" for item in items)
        out.append(f"<p style='margin-bottom:0'><b>{label}</b></p><ul>{lines}</ul>")
    known = {key for key, _ in EXTRACTED_PARTS}
    for key, value in extracted.items():
        if key not in known and value:
            out.append(
                f"<p><b>{e(key.replace('_', ' ').capitalize())}</b>: {e(_describe(value))}</p>"
            )
    return "".join(out) or "<p><i>Nothing was recognised in the text.</i></p>"


def _describe(item: Any) -> str:
    """A readable line for one understood item: 'Jake (son, 12)', 'Send pricing, due …'."""
    if not isinstance(item, dict):
        return str(item)
    if "text" in item:
        about = f" — about {item['about']}" if item.get("about") else ""
        tags = f" [{', '.join(item['tags'])}]" if item.get("tags") else ""
        return f"{item['text']}{about}{tags}"
    if "title" in item:
        due = f", due {item['due']}" if item.get("due") else ""
        kind = f" ({item['kind']})" if item.get("kind") else ""
        return f"{item['title']}{kind}{due}"
    if "relation" in item:
        details = ", ".join(str(x) for x in (item.get("relation"), item.get("age")) if x)
        return f"{item.get('name') or item.get('relation')}" + (f" ({details})" if details else "")
    if "label" in item:
        about = f"{item['about']}'s " if item.get("about") else ""
        return f"{about}{item['label']}: {item.get('month')}/{item.get('day')}"
    if "channel" in item:
        return f"{item['channel']} from {item.get('from') or 'them'}"
    if "name" in item:
        extra = ", ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in item.items() if k != "name" and v
        )
        return str(item["name"]) + (f" ({extra})" if extra else "")
    return ", ".join(f"{k}: {v}" for k, v in item.items() if v)


class ConversationDialog(QDialog):
    """A conversation in its own window, to read (never to edit)."""

    def __init__(self, talk: r.Interaction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            talk.title or f"{talk.kind.capitalize()} of {day_text(talk.happened_at)}"
        )
        self.viewer = QTextBrowser()
        self.viewer.setAccessibleName("Conversation")
        self.viewer.setHtml(conversation_html(talk, raw=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewer)
        layout.addWidget(buttons)
        self.resize(620, 560)


class HistoryView(RecordSection):
    """The conversations of one client, filterable by kind, the selected one in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "conversation",
            HISTORY_COLUMNS,
            "No conversations yet.\nLog a meeting, call or email to start the history.",
            parent,
            stretch_column=2,
            sort_column=0,
            sort_order=Qt.SortOrder.DescendingOrder,  # a timeline: newest first
        )
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName("Show conversations of kind")
        self.open_button = QPushButton("&Open…")
        self.open_button.setAccessibleName("Open conversation")
        self.open_button.setToolTip("Read the whole conversation in its own window (Space)")
        label = QLabel("&Show:")
        label.setBuddy(self.kind_filter)
        buttons = self.layout().itemAt(0).layout()  # type: ignore[union-attr]
        buttons.insertWidget(1, self.open_button)  # type: ignore[union-attr]
        buttons.insertWidget(2, label)  # type: ignore[union-attr]
        buttons.insertWidget(3, self.kind_filter)  # type: ignore[union-attr]
        self.kind_filter.currentIndexChanged.connect(self._apply_filter)
        self.open_button.clicked.connect(self.open_current)
        self.proxy.setFilterKeyColumn(KIND_COLUMN)

        self.viewer = QTextBrowser()
        self.viewer.setAccessibleName("Selected conversation")
        self.viewer.setOpenLinks(False)
        # The table over the viewer, the splitter where the table was.
        layout = self.layout()
        layout.removeWidget(self.stack)  # type: ignore[union-attr]
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.viewer)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter)  # type: ignore[union-attr]
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(self.open_current)
        self._show_current()

    # -- data ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        super().set_rows(rows)
        self._fill_filter(rows)
        self._show_current()

    def _fill_filter(self, rows: Sequence[r.Interaction]) -> None:
        chosen = self.kind_filter.currentData()
        counts = Counter(talk.kind for talk in rows)
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem(f"All kinds ({len(rows)})", "")
        for kind in r.INTERACTION_KINDS:
            if counts[kind]:
                self.kind_filter.addItem(f"{PLURALS[kind]} ({counts[kind]})", kind)
        index = self.kind_filter.findData(chosen) if chosen else 0
        self.kind_filter.setCurrentIndex(max(index, 0))
        self.kind_filter.blockSignals(False)
        self._apply_filter()

    def set_kind(self, kind: str) -> None:
        """Show only conversations of ``kind`` ("" for all)."""
        index = self.kind_filter.findData(kind)
        self.kind_filter.setCurrentIndex(max(index, 0))

    def _apply_filter(self, _index: int = 0) -> None:
        kind = self.kind_filter.currentData() or ""
        pattern = f"^{QRegularExpression.escape(kind)}$" if kind else ""
        self.proxy.setFilterRegularExpression(QRegularExpression(pattern))
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._show_current()

    def select(self, record_id: int | None) -> None:
        row = self.model.row_of(record_id) if record_id is not None else None
        if row is not None and not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            self.set_kind("")  # the conversation is hidden by the filter: show all
        super().select(record_id)
        self._show_current()

    # -- the viewer ------------------------------------------------------------------------
    def _show_current(self, *_args: QModelIndex) -> None:
        talk = self.current()
        self.open_button.setEnabled(talk is not None)
        if talk is None:
            self.viewer.setHtml(
                "<p style='color:gray'>Select a conversation to read it in full.</p>"
            )
            return
        self.viewer.setHtml(conversation_html(talk))

    def open_current(self) -> None:
        talk = self.current()
        if talk is not None:
            ConversationDialog(talk, self).exec()
