"""The captures the team book refused, set aside in the outbox: edit and save again, or discard.

When the outbox is sent (services/outbox.py) a capture the server refuses (it names no
client the book knows, a conflict) is set aside with why, and the rest go on. The status
bar's "Review…" (ui/outbox_status.py) opens this dialog: each capture set aside, when it
was typed, its whole text and what the server said. "Edit in Quick capture" puts its text
in the capture window, to fix and save again (once saved, or kept again while the server
is away, it leaves the outbox); "Discard…" asks first, then forgets it. Nothing typed is
lost without the user saying so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from rapport.ui import messages

if TYPE_CHECKING:
    from rapport.services.outbox import KeptCapture

# How many characters of a note name it in the list.
LISTED_CHARS = 60


def listed(item: KeptCapture) -> str:
    words = " ".join(item.text.split())
    if len(words) > LISTED_CHARS:
        words = words[: LISTED_CHARS - 1].rstrip() + "…"
    return f"{item.typed_at.day} {item.typed_at:%b %H:%M} · {words}"


class OutboxReview(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main_window = window
        self.setWindowTitle("Captures the team book refused")
        self.setObjectName("outboxReview")
        self.resize(620, 420)
        intro = QLabel(
            "These notes were kept on this computer while the team server was away, and "
            "the team book refused them when they were sent. Edit one in Quick capture to "
            "save it again, or discard it."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Captures refused")
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.why = QLabel()
        self.why.setObjectName("outboxRefusal")
        self.why.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("The note as typed")
        self.edit_button = QPushButton("&Edit in Quick capture")
        self.edit_button.clicked.connect(lambda _checked=False: self.edit())
        self.discard_button = QPushButton("&Discard…")
        self.discard_button.clicked.connect(lambda _checked=False: self.discard())
        self.said = QLabel()
        self.said.setObjectName("outboxReviewSaid")
        self.said.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.why)
        layout.addWidget(self.text, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.said)
        layout.addWidget(close)
        self.items: list[KeptCapture] = []
        self.reload()

    def reload(self) -> None:
        """Read the captures set aside again (a local file: no server asked)."""
        from rapport.services import outbox

        try:
            self.items = outbox.refused()
        except Exception as exc:
            if messages.user_message(exc) is None:
                raise
            self.items = []
            self.said.setText(f"The outbox could not be read: {messages.user_message(exc)}")
        self.list.clear()
        for item in self.items:
            QListWidgetItem(listed(item), self.list)
        if self.items:
            self.list.setCurrentRow(0)
        self._show_current()

    def current(self) -> KeptCapture | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_current(self) -> None:
        item = self.current()
        self.edit_button.setEnabled(item is not None)
        self.discard_button.setEnabled(item is not None)
        if item is None:
            self.why.setText("Nothing is waiting for review.")
            self.text.setPlainText("")
            return
        self.why.setText(f"The team book said: {item.refused}.")
        self.text.setPlainText(item.text)

    def edit(self) -> None:
        """Its text in the capture window, to fix and save again (this dialog closes)."""
        item = self.current()
        if item is None:
            return
        if not self.main_window.capture.edit_refused(item):
            self.said.setText(
                "Quick capture has another note in it: save it or clear it first, then "
                "edit this one."
            )
            return
        self.accept()

    def discard(self) -> None:
        """Forget it, once the user confirmed (its text is shown in the question)."""
        from rapport.services import outbox

        item = self.current()
        if item is None:
            return
        words = " ".join(item.text.split())
        if not messages.confirm(
            self,
            "Discard the capture",
            f"Discard this note for good? It was never saved to the team book.\n\n{words}",
            action="Discard",
        ):
            return
        try:
            outbox.forget(item.key)
        except Exception as exc:
            if messages.user_message(exc) is None:
                raise
            self.said.setText(f"Not discarded: {messages.user_message(exc)}")
            return
        self.said.setText("Discarded.")
        self.reload()
