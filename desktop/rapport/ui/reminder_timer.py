"""When the running window looks for reminders: at start, every few minutes, at midnight.

Each look asks ``services.reminders.check`` what came due since the previous look
and remembers the moment in window.ini, so the first look after a restart announces
what came due while the app was closed. No cron, no background service: the data and
two moments decide, and a look that fails (the book is busy) is simply retried.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot

from rapport import clock
from rapport.core import reminders as rules
from rapport.services import reminders
from rapport.services.book import current_book
from rapport.ui.messages import user_message
from rapport.ui.window_prefs import last_seen, set_last_seen

EVERY_MS = 5 * 60 * 1000
# A little after midnight, so the new day has surely begun on the clock we read.
MIDNIGHT_SLACK_MS = 2000


class ReminderTimer(QObject):
    """Emits ``due`` with a Notice to show and ``countsChanged`` with today's counts."""

    due = Signal(object)  # core.reminders.Notice
    countsChanged = Signal(object)  # core.reminders.TodayCounts

    def __init__(
        self,
        settings: QSettings,
        now: Callable[[], datetime] = clock.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.now = now
        self.enabled = True  # notifications on; counts are kept either way
        self.counts = rules.TodayCounts()
        self.last_due: list[rules.Reminder] = []
        self.every = QTimer(self)
        self.every.setInterval(EVERY_MS)
        self.every.timeout.connect(self.look)
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self._at_midnight)

    def start(self) -> None:
        """The first look (the "while you were away" summary), then the timers."""
        self.look(while_away=True)
        self.every.start()
        self._schedule_midnight()

    def stop(self) -> None:
        self.every.stop()
        self.midnight.stop()

    @Slot()
    def look(self, while_away: bool = False) -> list[rules.Reminder]:
        """Check the book now; announce what came due since the last look."""
        if current_book() is None:  # closing down
            return []
        moment = self.now()
        since = last_seen(self.settings)
        if since is not None and since > moment:  # the clock went back: start afresh
            since = moment
        try:
            result = reminders.check(since, moment)
        except Exception as exc:
            if user_message(exc) is None:
                raise
            return []  # busy or unreadable for now: the next look covers this span too
        set_last_seen(self.settings, moment)
        self.last_due = result.due
        self.counts = result.counts
        self.countsChanged.emit(result.counts)
        notice = rules.notice(result.due, while_away=while_away)
        if notice is not None and self.enabled:
            self.due.emit(notice)
        return result.due

    def msecs_to_midnight(self) -> int:
        moment = self.now()
        delta = rules.next_midnight(moment) - moment
        return int(delta.total_seconds() * 1000) + MIDNIGHT_SLACK_MS

    def _schedule_midnight(self) -> None:
        self.midnight.start(self.msecs_to_midnight())

    @Slot()
    def _at_midnight(self) -> None:
        self.look()
        self._schedule_midnight()
