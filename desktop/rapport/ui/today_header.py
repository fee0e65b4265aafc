"""The top of the Today page: the date, the follow-through score, away mode, first steps.

The banner says when away mode is on (nothing fires), set for later, or just over (what
came in is listed below). An empty book gets a welcome with its two ways to start.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rapport.core.counts import counted
from rapport.ui import messages, theme
from rapport.ui.qt_names import set_by_name

if TYPE_CHECKING:
    from rapport.services.today import Today


class TodayHeader(QWidget):
    awayRequested = Signal()
    newClientRequested = Signal()
    loadSampleRequested = Signal()
    importRequested = Signal()  # the same import as File › Import…
    retryRequested = Signal()  # the team server was away: try to reach it now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("todayTitle")
        set_by_name(self.title, "textFormat", "RichText")  # ui/qt_names.py
        self.score = QLabel()
        self.score.setAccessibleName("Follow-through score")
        self.away_button = QPushButton("&Away mode…")
        self.away_button.setAutoDefault(False)
        self.away_button.clicked.connect(self.awayRequested)
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.score)
        top.addLayout(heading, 1)
        # The button at the top, its own height (as AlignTop would, without Qt's enums).
        corner = QVBoxLayout()
        corner.addWidget(self.away_button)
        corner.addStretch(1)
        top.addLayout(corner)

        self.banner = QLabel()
        self.banner.setObjectName("todayBanner")
        self.banner.setWordWrap(True)
        set_by_name(self.banner, "textFormat", "RichText")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setContentsMargins(8, 6, 8, 6)
        self.banner.hide()

        # What an empty book or an away team server shows (both hidden in the first
        # frame): made when first shown (``welcome``, ``server_away``), not before the
        # window's first paint.
        self._welcome: QWidget | None = None
        self._server_away: QWidget | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        self._layout = layout

    @property
    def welcome(self) -> QWidget:
        """The empty book's welcome with its ways to start (made when first needed)."""
        if self._welcome is None:
            self._welcome = self._make_welcome()
            self._layout.addWidget(self._welcome)  # last, under the banner
            # Tab goes from the away button to these, as when they were made with it.
            QWidget.setTabOrder(self.away_button, self.new_client_button)
            QWidget.setTabOrder(self.new_client_button, self.import_button)
            QWidget.setTabOrder(self.import_button, self.sample_button)
        return self._welcome

    @property
    def server_away(self) -> QWidget:
        """The team server away, until the first read (made when first needed)."""
        if self._server_away is None:
            self._server_away = self._make_server_away()
            self._layout.insertWidget(1, self._server_away)  # above the banner
            QWidget.setTabOrder(self.away_button, self.retry_button)
        return self._server_away

    def _make_welcome(self) -> QWidget:
        welcome_box = QWidget()
        welcome = QVBoxLayout(welcome_box)
        welcome.setContentsMargins(0, 8, 0, 0)
        text = QLabel(
            "<h3>Your book is empty</h3><p>Add your first client, import your contacts "
            "(vCard, Google or Outlook CSV, a Rapport export), or load the sample book "
            "to see Today alive: promises, replies owed, birthdays coming up.</p>"
        )
        text.setWordWrap(True)
        buttons = QHBoxLayout()
        self.new_client_button = QPushButton("&New client…")
        self.sample_button = QPushButton("Load the &sample book")
        self.import_button = QPushButton("&Import…")
        self.import_button.setToolTip("Import contacts or a Rapport export (Ctrl+I)")
        self.import_button.clicked.connect(self.importRequested)
        self.new_client_button.clicked.connect(self.newClientRequested)
        self.sample_button.clicked.connect(self.loadSampleRequested)
        buttons.addWidget(self.new_client_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        welcome.addWidget(text)
        welcome.addLayout(buttons)
        welcome_box.hide()
        return welcome_box

    def _make_server_away(self) -> QWidget:
        """A team book whose server is away (ui/server_wait.py): said until the first read."""
        server_away = QWidget()
        server_away.setObjectName("todayServerAway")
        away = QVBoxLayout(server_away)
        away.setContentsMargins(0, 8, 0, 0)
        self.server_away_text = QLabel()
        self.server_away_text.setWordWrap(True)
        set_by_name(self.server_away_text, "textFormat", "RichText")
        self.retry_button = QPushButton("&Try again now")
        self.retry_button.setAutoDefault(False)
        self.retry_button.clicked.connect(self.retryRequested)
        retry = QHBoxLayout()
        retry.addWidget(self.retry_button)
        retry.addStretch(1)
        away.addWidget(self.server_away_text)
        away.addLayout(retry)
        server_away.hide()
        return server_away

    def _set_title(self, day: date) -> None:
        self.title.setText(
            f"<span style='font-size:17pt; font-weight:600'>Today</span>"
            f"&nbsp;&nbsp;<span style='font-size:12pt'>{day:%A, %B} {day.day}</span>"
        )

    def show_reading(self, day: date) -> None:
        """Before the first read: the date, and that the book is being read."""
        self._set_title(day)
        self.score.setText("Reading your book…")

    def show_server_away(self, day: date, server: str) -> None:
        """Before the first read, on a team book whose server is away: said, with when
        it is tried again (by itself) and what still works (a capture is kept)."""
        self._set_title(day)
        self.score.setText(f"Team server away ({server})")
        away = self.server_away  # made now, the first time
        self.server_away_text.setText(
            f"<h3>{escape(messages.server_away(server), quote=False)}</h3>"
            "<p>Rapport tries again by itself and fills this page in as soon as the server "
            "is back. Meanwhile a note you capture is kept on this computer and saved to "
            "the team book then.</p>"
        )
        away.show()

    def show_data(self, data: Today, empty: bool) -> None:
        self._set_title(data.date)
        score = data.score
        self.score.setText(
            f"Follow-through: {score.label()} over the last 90 days"
            if score.ratio is not None
            else "Follow-through: no promise came due in the last 90 days"
        )
        if empty or self._welcome is not None:
            self.welcome.setVisible(empty)
        if self._server_away is not None:
            self._server_away.hide()
        self._show_banner(data)

    def _show_banner(self, data: Today) -> None:
        status = data.away
        if status is None:
            self.banner.hide()
            self.away_button.setText("&Away mode…")
            return
        period = status.away
        span = f"{period.start:%a %b} {period.start.day} to {period.until:%a %b} {period.until.day}"
        backup = f" {period.backup_name} covers." if period.backup_name else ""
        back_on = f"{period.return_day:%A %b} {period.return_day.day}"
        if status.active:
            waiting = f"; {counted(status.held, 'task')} wait for you" if status.held else ""
            text = (
                f"<b>You are away</b> ({span}).{backup} Nothing fires as overdue until you are "
                f"back on {back_on}{waiting}. Press C to copy the auto-reply."
            )
            color = theme.caution_color()
        elif status.back:
            text = (
                f"<b>Welcome back.</b> While you were away ({span}), "
                f"{counted(len(status.came_in), 'message')} came in; they are listed below."
            )
            color = theme.good_color()
        else:
            text = f"<b>Away mode is set</b> for {span}.{backup} Press C to copy the auto-reply."
            color = theme.muted_color()
        self.banner.setStyleSheet(f"QLabel#todayBanner {{ border: 1px solid {color.name()}; }}")
        self.banner.setText(text)
        self.banner.show()
        self.away_button.setText("&Away mode (on)…")
