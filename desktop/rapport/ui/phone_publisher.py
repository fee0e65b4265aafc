"""When the running window publishes to the phone: after saves, at start, at midnight.

Only once the user set it up (services/phone.py); until then this object connects
nowhere and shows nothing. Then:

- a save (any transaction committed by the window, ui/worker jobs included) or a write
  by another program (the book watch) starts a quiet period; ``DEBOUNCE_MS`` after the
  last one, a publish runs. At start, and just after midnight (the brief's "Mon" and
  what is late change with the day), one runs as well;
- a publish runs on a lane of its own (a second one-thread ``Worker``), not on the
  window's serial worker: reading a big book for it takes seconds (10 s for 5,000
  clients) and the server may be slow, and saves must never queue behind either. Its
  read is one snapshot, which in WAL mode holds up no writer;
- a fault (unreachable, timeout, 401, 507) is said once in the status bar, stays in the
  status line's "Phone:" label, and the publish is tried again with backoff (30 s,
  doubling up to 15 min). A refused password is not retried until the user fixes it
  in Preferences › Phone. The book is never changed by a publish: the server holds a copy.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from rapport import clock
from rapport.core import reminders as rules
from rapport.services import phone
from rapport.services.book import off_commit, on_commit
from rapport.ui.messages import user_message
from rapport.ui.worker import JobContext, Worker

DEBOUNCE_MS = 5000
FIRST_RETRY_MS = 30_000
MAX_RETRY_MS = 15 * 60_000
MIDNIGHT_SLACK_MS = 2000
NO_RETRY = ("auth", "password", "setup")


class PhonePublisher(QObject):
    # Emitted from whichever thread saved; queued to the window's thread.
    saved = Signal()
    published = Signal(object)  # PublishResult
    faulted = Signal(str)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.lane = Worker(self)  # the network part: one publish at a time, off the worker
        self.label = QLabel()
        self.label.setObjectName("phoneStatus")
        self.label.setAccessibleName("Phone publishing")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.enabled = False
        self.running = False
        self.pending = False
        self.retry_ms = FIRST_RETRY_MS
        self.fault_said = False
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.timeout.connect(self.publish_now)
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.timeout.connect(self.publish_now)
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self._at_midnight)
        self.saved.connect(self.schedule)

    # -- starting ------------------------------------------------------------------------
    def start(self) -> None:
        """The book is open: publish now if set up, then after saves and at midnight."""
        try:
            config = phone.load_config()
        except Exception:  # unreadable settings: said when the user opens Preferences
            config = None
        self.enabled = config is not None
        if self.enabled:
            on_commit(self._committed)
            last = phone.last_publish()
            if last is not None:
                self._show(last.ok, last.text, last.at)
            self.publish_now()
            self._schedule_midnight()

    def set_up_done(self) -> None:
        """Preferences › Phone connected: publish at once from now on."""
        self.enabled = True
        on_commit(self._committed)
        self.retry_ms = FIRST_RETRY_MS
        self.fault_said = False
        self.retry.stop()
        self.publish_now()
        self._schedule_midnight()

    def turned_off(self) -> None:
        self.enabled = False
        off_commit(self._committed)
        for timer in (self.debounce, self.retry, self.midnight):
            timer.stop()
        self.label.hide()

    def stop(self) -> None:
        self.enabled = False
        off_commit(self._committed)
        for timer in (self.debounce, self.retry, self.midnight):
            timer.stop()
        self.lane.wait(cancel=True)

    # -- when ----------------------------------------------------------------------------
    def _committed(self) -> None:
        """A save committed, on the thread that saved: queued to the window's thread."""
        with contextlib.suppress(RuntimeError):  # the window is gone (closing)
            self.saved.emit()

    def schedule(self) -> None:
        if self.enabled:
            self.debounce.start(DEBOUNCE_MS)

    def _schedule_midnight(self) -> None:
        moment = clock.now()
        delta = rules.next_midnight(moment) - moment
        self.midnight.start(int(delta.total_seconds() * 1000) + MIDNIGHT_SLACK_MS)

    def _at_midnight(self) -> None:
        self._schedule_midnight()
        self.publish_now()

    # -- publishing ------------------------------------------------------------------------
    def publish_now(self) -> None:
        if not self.enabled:
            return
        if self.running:
            self.pending = True
            return
        self.running = True
        self.retry.stop()
        if not self.label.isVisible() or not self.label.text():
            self.label.setText("Phone: publishing…")
            self.label.show()

        def work(_ctx: JobContext) -> phone.PublishResult:
            return phone.publish(phone.prepare())

        self.lane.submit(work, name="phone: publish", on_done=self._done, on_error=self._failed)

    def _done(self, result: phone.PublishResult) -> None:
        self.running = False
        self.retry_ms = FIRST_RETRY_MS
        if self.fault_said:
            self.window.statusBar().showMessage(f"Phone: published again ({result.summary}).", 8000)
        self.fault_said = False
        self._show(True, result.summary, result.at)
        self.published.emit(result)
        self._again_if_pending()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        text = user_message(exc) or f"phone publishing failed: {exc}"
        kind = getattr(exc, "kind", "")
        if kind == "setup" and not phone.is_set_up():
            self.turned_off()
            return
        retrying = kind not in NO_RETRY
        if retrying:
            self.retry.start(self.retry_ms)
            minutes = max(1, round(self.retry_ms / 60_000))
            shown = f"{text} (trying again in {minutes} min)"
            self.retry_ms = min(self.retry_ms * 2, MAX_RETRY_MS)
        else:
            shown = f"{text} (Preferences › Phone)"
        self._show(False, shown, clock.now())
        if not self.fault_said:  # said once per streak of faults, not at every retry
            self.fault_said = True
            self.window.statusBar().showMessage(shown[:1].upper() + shown[1:], 15000)
        self.faulted.emit(shown)
        self._again_if_pending()

    def _again_if_pending(self) -> None:
        if self.pending:
            self.pending = False
            self.schedule()

    def _show(self, ok: bool, text: str, at: datetime) -> None:
        when = f"{at:%H:%M}" if at.date() == clock.today() else f"{at:%b} {at.day} {at:%H:%M}"
        if ok:
            self.label.setText(f"Phone: published {when}")
            self.label.setToolTip(f"Last publish to the phone at {when}: {text}")
        else:
            self.label.setText(f"Phone: not published ({when})")
            self.label.setToolTip(text)
        self.label.show()

    # -- set-up from Preferences ----------------------------------------------------------
    def run_setup(
        self,
        url: str,
        user: str,
        password: str,
        on_done: Callable[[phone.SetupResult], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Connect and make the collections on the lane (a slow server never freezes the
        window), then publish."""

        def work(_ctx: JobContext) -> phone.SetupResult:
            return phone.setup(url, user, password)

        def done(result: phone.SetupResult) -> None:
            on_done(result)
            self.set_up_done()

        self.lane.submit(work, name="phone: set up", on_done=done, on_error=on_error)
