"""File › Copy a personal book into the team book… (``rapport team import-book DIR``).

Only on a team book. The user names the personal book's data folder (typed, or chosen);
an encrypted one asks its passphrase as when it is opened (ui/privacy.py). The copy runs
on the window's worker (services/team_import.py ``copy_book``: the personal book read
beside the team book, then written in ONE transaction), with the rows copied so far and
Cancel, which rolls the whole copy back. The result is one line; the clients that did
not come in whole are listed under it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from rapport.core.counts import counted
from rapport.ui import messages

TITLE = "Copy a personal book into the team book"


def install(window: Any) -> QAction | None:
    """The File menu's entry, once the book is open, on a team book only."""
    from rapport.services.book import is_team_book

    if not is_team_book() or getattr(window, "team_copy_action", None) is not None:
        return None
    action = QAction("Copy a personal book into the &team book…", window)
    action.setStatusTip("Copy the clients of a personal Rapport book into this team book")
    action.triggered.connect(lambda _checked=False: TeamCopyDialog(window).exec())
    window.file_menu.insertAction(window.file_menu_tools, action)
    window.team_copy_action = action
    return action


def result_line(done: Any) -> str:
    return (
        f"Copied into the team book: {counted(done.added, 'new client')}, "
        f"{done.known} known ({done.updated} updated), {done.skipped} left out."
    )


class TeamCopyDialog(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main_window = window
        self.setObjectName("teamCopyDialog")
        self.setWindowTitle(TITLE)
        self.resize(560, 340)
        self.job: Any = None
        intro = QLabel(
            "Copies a personal Rapport book (its data folder) into this team book: its "
            "clients with everything recorded about them, by you. A client the team book "
            "has already gets its empty fields filled. The personal book is not changed."
        )
        intro.setWordWrap(True)
        self.folder = QLineEdit()
        self.folder.setAccessibleName("The personal book's data folder")
        self.folder.setPlaceholderText("The personal book's data folder")
        self.folder.textChanged.connect(lambda _text: self._update())
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(lambda _checked=False: self.choose())
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        self.only_me = QCheckBox("Only me: every note copied stays mine")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.said = QLabel()
        self.said.setObjectName("teamCopySaid")
        self.said.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("What did not come in whole")
        self.details.hide()
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(lambda _checked=False: self.start())
        self.close_button = QPushButton("Close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(lambda _checked=False: self.cancel_or_close())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.only_me)
        layout.addWidget(self.progress)
        layout.addWidget(self.said)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)
        layout.addLayout(buttons)
        self._update()

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "The personal book's data folder")
        if folder:
            self.folder.setText(folder)

    def _update(self) -> None:
        running = self.job is not None
        self.copy_button.setEnabled(bool(self.folder.text().strip()) and not running)
        self.folder.setEnabled(not running)
        self.choose_button.setEnabled(not running)
        self.only_me.setEnabled(not running)
        self.close_button.setText("Cancel" if running else "Close")

    def start(self) -> None:
        """Unlock an encrypted book (asked here), then copy on the worker."""
        from rapport.services import book, encryption, team_import

        text = self.folder.text().strip()
        if not text or self.job is not None:
            return
        folder = Path(text).expanduser()
        if book.is_encrypted_file(folder) and encryption.unlocked_key(folder) is None:
            from rapport.ui.privacy import ask_to_unlock

            try:
                unlocked = ask_to_unlock(self, folder)
            except Exception as exc:
                if messages.user_message(exc) is None:
                    raise
                self.said.setText(f"Not copied: {messages.user_message(exc)}")
                return
            if not unlocked:
                self.said.setText("Not copied: the personal book stays locked.")
                return
        private = self.only_me.isChecked()
        self.details.hide()
        self.progress.setRange(0, 0)  # reading the personal book: no count yet
        self.progress.show()
        self.said.setText("Reading the personal book…")

        def copy(context: Any) -> Any:
            return team_import.copy_book(
                folder, private=private, progress=context.progress, check=context.check
            )

        self.job = self.main_window.worker.submit(
            copy,
            name="copy a personal book into the team book",
            on_done=self._done,
            on_error=self._failed,
            on_progress=self._progressed,
            on_cancel=self._cancelled,
        )
        self._update()

    def _progressed(self, done: int, total: int) -> None:
        if self.job is None:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if not self.job.cancel_event.is_set():
            self.said.setText(f"Copying… {done:,} of {total:,} rows")

    def cancel_or_close(self) -> None:
        if self.job is None:
            self.reject()
            return
        self.job.cancel()
        self.close_button.setEnabled(False)
        self.said.setText("Cancelling: nothing copied stays…")

    def _finished(self) -> None:
        self.job = None
        self.progress.hide()
        self.close_button.setEnabled(True)
        self._update()

    def _done(self, done: Any) -> None:
        self._finished()
        self.said.setText(result_line(done))
        if done.conflicts:
            self.details.setPlainText(
                "\n".join(f"{conflict.name}: {conflict.detail}" for conflict in done.conflicts)
            )
            self.details.show()
        self.main_window.refresh_from_book()

    def _cancelled(self) -> None:
        self._finished()
        self.said.setText("Cancelled: nothing was copied (the team book is as it was).")

    def _failed(self, exc: BaseException) -> None:
        self._finished()
        message = messages.user_message(exc)
        if message is None:
            messages.show_error(self, exc, "copy the book")
            return
        self.said.setText(f"Not copied: {message}")

    def reject(self) -> None:
        if self.job is not None:  # Esc while copying: cancel, the dialog stays to say so
            self.cancel_or_close()
            return
        super().reject()
