"""The Today page, the app's home: what needs doing now, each row actionable by key.

Sections: overdue, due today, at risk, replies owed, thank-yous to write, dates this
week, out of touch (and, back from away, what came in). Keys act on the selected row:
D done (or answered / thank-you written), S snooze, Enter open the client, C copy the
running-late note (or the away auto-reply), A answered, T thank-you written, L late note
sent, E edit. The mouse has the same: a right click on a row opens a menu of what applies
to it, and the bar above the lists holds buttons for the selected row. Done, snooze,
answered, thank-you written and late note sent are steps the window's Edit ▸ Undo takes
back (services/steps.py; ``undoable`` hands each to the window's undo stack).
Everything goes through the services; the page re-reads Today after each change and
whenever the rest of the window changes something.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QPoint, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rapport import clock
from rapport.ui import messages
from rapport.ui.qt_names import set_by_name
from rapport.ui.today_header import TodayHeader
from rapport.ui.window_reads import Latest, TodayRead, read_today
from rapport.ui.worker import Worker

if TYPE_CHECKING:
    from rapport.services.today import AwaitingReply, ThankYou, Today, TodayTask
    from rapport.ui.today_sections import Section

# The services behind the page, and its dialogs, are imported when first used: the page
# paints before anything is read (the window calls ``first_read`` right after).


def _kinds() -> tuple[type[TodayTask], type[AwaitingReply], type[ThankYou]]:
    """The kinds of Today rows: (TodayTask, AwaitingReply, ThankYou)."""
    from rapport.services.today import AwaitingReply, ThankYou, TodayTask

    return TodayTask, AwaitingReply, ThankYou


class TodayView(QWidget):
    clientRequested = Signal(int)
    changed = Signal()  # this page changed the book (the window refreshes its lists)
    summaryChanged = Signal(str)  # "2 overdue · 3 due today", for the window title
    newClientRequested = Signal()
    loadSampleRequested = Signal()
    undoable = Signal(object)  # a services.steps.Step the window's Edit ▸ Undo can take back
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.data: Today | None = None
        self._active: Section | None = None
        self._own_change = False
        # The window sets this so that the first read waits until it has painted
        # (``first_read``): the frame shows at once, the rows a moment later.
        self.defer_first_read = False
        # The window's worker: Today's keys (done, answered, thanked, told late) write on
        # it, so that a busy book never freezes the page. None (the page alone): in place.
        self.worker: Worker | None = None
        self.saving = False
        self.reads = Latest()  # only the newest read of Today is shown
        self._pending: tuple[str, str, Callable[[Any], None] | None] | None = None

        self.header = TodayHeader()
        self.header.awayRequested.connect(self.edit_away)
        self.header.newClientRequested.connect(self.newClientRequested)
        self.header.loadSampleRequested.connect(self.loadSampleRequested)
        self.header.importRequested.connect(self.importRequested)

        # The lists are made with the first read (they show nothing before it).
        self.sections: dict[str, Section] = {}
        self._order: list[Section] = []
        self.header.show_reading(clock.today())

        content = QWidget()
        self._body = body = QVBoxLayout(content)
        body.setContentsMargins(14, 10, 14, 14)
        body.addWidget(self.header)
        body.addStretch(1)
        scroll = QScrollArea()
        # Arrow keys belong to the lists, never to the page's scroll bars.
        set_by_name(scroll, "focusPolicy", "NoFocus")  # Qt's enums by name: ui/qt_names.py
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.page_scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._create_actions()
        outer.addWidget(self._make_row_bar())
        outer.addWidget(scroll)
        # Reminders are computed on read: if the window stays open past midnight, re-read.
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(60_000)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()

    def _make_sections(self) -> None:
        """The lists of the page, made once, just before the first rows are shown."""
        if self.sections:
            return
        from rapport.ui.today_sections import (
            CAME_IN_COLUMNS,
            DATE_COLUMNS,
            REPLY_COLUMNS,
            TASK_COLUMNS,
            THANKS_COLUMNS,
            TOUCH_COLUMNS,
            Section,
        )

        task_hint = "D done · S snooze · C copy late note · Enter open client"
        self.sections = {
            "came_in": Section(
                "came_in",
                "Came in while you were away",
                CAME_IN_COLUMNS,
                "Nothing came in while you were away.",
                stretch=1,
            ),
            "overdue": Section(
                "overdue", "Overdue", TASK_COLUMNS, "Nothing overdue. Nice.", task_hint
            ),
            "due_today": Section(
                "due_today", "Due today", TASK_COLUMNS, "Nothing else due today.", task_hint
            ),
            "at_risk": Section(
                "at_risk", "At risk", TASK_COLUMNS, "No promise at risk.", task_hint
            ),
            "replies": Section(
                "replies",
                "Replies owed",
                REPLY_COLUMNS,
                "Nobody is waiting on you. Messages you record show here until answered.",
                "A answered · Enter open client",
                stretch=1,
            ),
            "thank_yous": Section(
                "thank_yous",
                "Thank-yous to write",
                THANKS_COLUMNS,
                "Every meeting has had its thank-you.",
                "W write the note · T written · Enter open client",
                stretch=1,
            ),
            "dates": Section(
                "dates",
                "Dates in the next two weeks",
                DATE_COLUMNS,
                "No birthdays or anniversaries in the next two weeks.",
            ),
            "out_of_touch": Section(
                "out_of_touch",
                "Out of touch",
                TOUCH_COLUMNS,
                "Everyone has heard from you within their cadence.",
                "Enter open client",
            ),
        }
        self._order = list(self.sections.values())
        for position, section in enumerate(self._order, start=1):
            section.hide()  # until _show says what is there
            self._body.insertWidget(position, section)
            section.rowActivated.connect(lambda _r: self.open_client())
            section.stepOut.connect(lambda step, s=section: self._step(s, step))
            section.focused.connect(lambda s=section: self._activate(s))
            section.table.selectionModel().currentRowChanged.connect(self._update_actions)
            section.table.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
            section.table.customContextMenuRequested.connect(
                lambda pos, s=section: self._show_row_menu(s, pos)
            )

    # -- actions ---------------------------------------------------------------------------
    def _action(self, text: str, keys: list[Any], slot: Callable[[], None], tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        set_by_name(action, "shortcutContext", "WidgetWithChildrenShortcut")
        action.setStatusTip(tip)
        # What it reads or writes may find the team server away: said, never a box.
        run = messages.guarded(self, slot, f"do “{text.replace('&', '').rstrip('…')}”")
        action.triggered.connect(lambda _checked=False: run())
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        self.done_action = self._action(
            "Mark &done",
            ["D", "Ctrl+D"],
            self.mark_done,
            "Done (a reply: answered, a meeting: thanked)",
        )
        self.snooze_action = self._action(
            "&Snooze…", ["S"], self.snooze, "Hide the task until a day you choose"
        )
        self.open_action = self._action("&Open client", ["Return", "Enter"], self.open_client, "")
        self.copy_action = self._action(
            "&Copy running-late note",
            ["C", QKeySequence.StandardKey.Copy],
            self.copy_draft,
            "Copy the note to the client (away: the auto-reply)",
        )
        self.answered_action = self._action(
            "Mark &answered", ["A"], self.mark_answered, "The message has been answered"
        )
        self.thanked_action = self._action(
            "&Thank-you written", ["T"], self.mark_thanked, "The thank-you note went out"
        )
        self.late_sent_action = self._action(
            "&Late note sent", ["L"], self.late_note_sent, "The client was told; move the date"
        )
        self.edit_action = self._action("&Edit task…", ["E"], self.edit_task, "")
        self.write_action = self._action(
            "&Write the thank-you…", ["W"], self.write_note, "Draft and print the note"
        )
        self.refresh_action = self._action("&Refresh", ["F5"], self.refresh, "Re-read Today")
        self.away_action = QAction("&Away mode…", self)
        self.away_action.triggered.connect(lambda _c=False: self.edit_away())
        # What a row offers the mouse (the bar's buttons, the right-click menu), in order.
        self.row_actions = [
            self.done_action,
            self.answered_action,
            self.thanked_action,
            self.write_action,
            self.snooze_action,
            self.copy_action,
            self.late_sent_action,
            self.open_action,
        ]
        self.menu_actions = [
            self.done_action,
            self.snooze_action,
            self.open_action,
            self.copy_action,
            self.answered_action,
            self.thanked_action,
            self.late_sent_action,
            self.write_action,
            self.edit_action,
            None,
            self.refresh_action,
        ]

    def _make_row_bar(self) -> QWidget:
        """Buttons for the selected row, the keys' actions that apply to it."""
        bar = QWidget()
        bar.setObjectName("todayRowBar")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(14, 6, 14, 0)
        self.row_label = QLabel()
        set_by_name(self.row_label, "textFormat", "PlainText")
        # A long title must not widen the window: the label gives way (whole on hover).
        self.row_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.row_label, 1)
        self.row_buttons: dict[QAction, QToolButton] = {}
        for action in self.row_actions:
            button = QToolButton()
            button.setDefaultAction(action)
            set_by_name(button, "toolButtonStyle", "ToolButtonTextOnly")
            button.setAccessibleName(action.text().replace("&", ""))
            button.setVisible(False)
            layout.addWidget(button)
            self.row_buttons[action] = button
        return bar

    def row_menu(self, section: Section, pos: QPoint) -> QMenu | None:
        """The menu of the row under ``pos`` (the row becomes the selected one)."""
        index = section.table.indexAt(pos)
        if not index.isValid():
            return None
        section.table.setFocus(QtCore.Qt.FocusReason.MouseFocusReason)
        section.select_row(index.row())
        self._activate(section)
        menu = QMenu(self)
        menu.setObjectName("todayRowMenu")
        for action in self._row_offers():
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.edit_action if self.edit_action.isEnabled() else self.refresh_action)
        return menu

    def _row_offers(self) -> list[QAction]:
        """The row actions that apply to the selected row: a reply offers Answered and a
        meeting Thank-you written, rather than a Done that means the same."""
        offers = [a for a in self.row_actions if a.isEnabled()]
        if self.answered_action.isEnabled() or self.thanked_action.isEnabled():
            offers.remove(self.done_action)
        return offers

    def _show_row_menu(self, section: Section, pos: QPoint) -> None:
        menu = self.row_menu(section, pos)
        if menu is not None:
            menu.exec(section.table.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _update_actions(self, *_args: Any) -> None:
        key, record = self.current()
        is_task = has_draft = answerable = thanks = False
        if record is not None:  # the row kinds load with the first row, not before
            TodayTask, AwaitingReply, ThankYou = _kinds()
            is_task = isinstance(record, TodayTask)
            has_draft = isinstance(record, TodayTask) and record.new_due is not None
            # What came in while away is listed, not answered from there (it is under Replies).
            answerable = isinstance(record, AwaitingReply) and key == "replies"
            thanks = isinstance(record, ThankYou)
        away_on = self.data is not None and self.data.away is not None
        self.done_action.setEnabled(is_task or thanks or answerable)
        self.snooze_action.setEnabled(is_task)
        self.edit_action.setEnabled(is_task)
        self.open_action.setEnabled(record is not None)
        self.copy_action.setEnabled(has_draft or away_on)
        self.late_sent_action.setEnabled(has_draft)
        self.answered_action.setEnabled(answerable)
        self.thanked_action.setEnabled(thanks)
        from rapport.ui.today_notes import note_target

        self.write_action.setEnabled(record is not None and note_target(record) is not None)
        self._update_row_bar(record)

    def _update_row_bar(self, record: Any) -> None:
        offers = self._row_offers() if record is not None else []
        for action, button in self.row_buttons.items():
            button.setVisible(action in offers)
        if record is None:
            self.row_label.setText("Select a row to act on it (or right-click it).")
        else:
            self.row_label.setText(_row_name(record))
        self.row_label.setToolTip(self.row_label.text())

    # -- data ------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Read Today again here (F5, a new day, a dialog's save: the page waits for it)."""
        self.reads.take()  # older reads on the worker become stale
        try:
            read = read_today()
        except Exception as exc:
            messages.show_error(self, exc, "read Today")
            return
        self._apply(read)

    def show_read(self, read: TodayRead, ticket: int) -> None:
        """Show what was read on the worker for ``ticket``, unless a newer read was asked."""
        if self.reads.newest(ticket):
            self._apply(read)

    def _apply(self, read: TodayRead) -> None:
        data, empty = read.data, read.empty
        self.data = data
        self._show(data, empty)
        self.summaryChanged.emit(data.title_text())
        self._update_actions()
        if data.created:
            # Reading Today created call tasks for silent leads: the window's counts moved.
            self._announce_change()

    def _announce_change(self) -> None:
        self._own_change = True
        try:
            self.changed.emit()
        finally:
            self._own_change = False

    @Slot()
    def refresh_from_elsewhere(self) -> None:
        """The window changed something; skipped when the change was ours (already fresh)."""
        if not self._own_change:
            self.refresh()

    def _show(self, data: Today, empty: bool) -> None:
        self._make_sections()
        self.header.show_data(data, empty)
        for section in self._order:
            section.setVisible(not empty)
        s = self.sections
        s["overdue"].set_rows(data.overdue)
        s["due_today"].set_rows(data.due_today)
        s["at_risk"].set_rows(data.at_risk)
        s["replies"].set_rows(data.awaiting_reply)
        s["thank_yous"].set_rows(data.thank_yous)
        s["dates"].set_rows(data.dates)
        s["out_of_touch"].set_rows(data.out_of_touch)
        status = data.away
        s["came_in"].set_rows(status.came_in if status and status.back else [])
        s["came_in"].setVisible(bool(status and status.back and not empty))
        self._share_columns()
        self._keep_cursor()

    def _share_columns(self) -> None:
        """Sections with the same columns (overdue, due today, at risk) give each column
        the widest any of them needs, so the columns line up down the page."""
        groups: dict[int, list[Section]] = {}
        for section in self._order:
            groups.setdefault(id(section.columns), []).append(section)
        for group in groups.values():
            if len(group) < 2:
                continue
            wants: dict[int, int] = {}
            for section in group:
                for column, width in section.content_widths().items():
                    wants[column] = max(wants.get(column, 0), width)
            for section in group:
                section.share_widths(wants)

    def _check_day(self) -> None:
        if self.data is not None and clock.today() != self.data.date:
            self.refresh()

    def first_read(self) -> None:
        """The window has painted: read Today now (once), in two steps that each keep the
        window busy briefly: the modules behind the page, then the read itself."""
        self.defer_first_read = False
        if self.data is None:
            import rapport.services.today  # noqa: F401

            QTimer.singleShot(0, self, self._first_refresh)

    def _first_refresh(self) -> None:
        if self.data is None:
            self.refresh()
            if self.isVisible() and self._active is None:
                self.focus_first()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.data is None and not self.defer_first_read:
            self.refresh()
        if self._active is None:
            self.focus_first()

    # -- cursor ----------------------------------------------------------------------------
    def _activate(self, section: Section) -> None:
        if self._active is not None and self._active is not section:
            self._active.clear_cursor()
        self._active = section
        self.page_scroll.ensureWidgetVisible(section.table, 0, 40)
        self._update_actions()

    def _listed(self) -> list[Section]:
        return [s for s in self._order if s.isVisibleTo(self) and s.count()]

    def _step(self, section: Section, step: int) -> None:
        """From the edge of one section into the next (or previous) one that has rows."""
        after = self._order.index(section)
        candidates = self._order[after + 1 :] if step > 0 else self._order[:after][::-1]
        for other in candidates:
            if other in self._listed():
                other.enter(from_below=step < 0)
                return

    def _keep_cursor(self) -> None:
        """After a refresh: the active section emptied (its last row done) -> move on."""
        active = self._active
        if active is None or active.count():
            return
        self._active = None
        for step in (1, -1):
            self._step(active, step)
            if self._active is not None:
                return

    def focus_first(self) -> None:
        """Put the cursor on the first row of the first non-empty section."""
        for section in self._order:
            if section.isVisibleTo(self) and section.enter():
                return

    def current(self) -> tuple[str | None, Any]:
        section = self._active
        if section is None:
            return None, None
        return section.key, section.current()

    # -- doing -----------------------------------------------------------------------------
    def _do(self, doing: str, fn: Callable[[], Any], done: str = "") -> bool:
        try:
            fn()
        except Exception as exc:
            messages.show_error(self, exc, doing)
            return False
        self.refresh()
        self._announce_change()
        if done:
            self._status(done)
        return True

    def _do_step(
        self,
        doing: str,
        fn: Callable[[], Any],
        done: str,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        """Do an undoable step (services/steps.py) on the worker and hand it to the window's
        undo; ``then(step)`` after it is done. While it saves, the page says so and takes no
        other step (the selected row has not moved on yet: a second D would do it again)."""
        if self.saving:
            self._status("Saving…")
            return
        if self.worker is None:
            made: list[Any] = []
            if self._do(doing, lambda: made.append(fn()), done):
                self._step_finished(made[0], then)
            return
        self._pending = (doing, done, then)
        self._set_saving(True)
        ticket = self.reads.take()

        def step_then_read(_context: Any) -> tuple[Any, TodayRead | Exception]:
            # Today is read on the worker right after the step, in the same job: the page
            # takes the next key once it shows the step done (a second D would redo it).
            made = fn()
            try:
                return made, read_today()
            except Exception as exc:  # the step is saved: only the read is to say
                return made, exc

        self.worker.submit(
            step_then_read,
            name=doing,
            on_done=lambda result: self._step_done(result[0], result[1], ticket),
            on_error=self._step_failed,
        )

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        for button in self.row_buttons.values():
            button.setEnabled(not saving)
        if saving:
            self._status("Saving…")

    def _step_done(self, step: Any, read: TodayRead | Exception, ticket: int) -> None:
        self._set_saving(False)
        pending, self._pending = self._pending, None
        assert pending is not None
        _doing, done, then = pending
        if isinstance(read, Exception):
            messages.show_error(self, read, "read Today")
        else:
            self.show_read(read, ticket)
        self._announce_change()
        if done:
            self._status(done)
        self._step_finished(step, then)

    def _step_failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        pending, self._pending = self._pending, None
        doing = pending[0] if pending is not None else "save"
        self._status("")
        messages.show_error(self, exc, doing)

    def _step_finished(self, step: Any, then: Callable[[Any], None] | None) -> None:
        self.undoable.emit(step)
        if then is not None:
            then(step)

    def _status(self, text: str) -> None:
        window = self.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 6000)

    def mark_done(self) -> None:
        from rapport.services import steps

        TodayTask, AwaitingReply, ThankYou = _kinds()
        _key, record = self.current()
        if isinstance(record, TodayTask):
            # A promise kept: then offer the message that tells the client (non-modal, the
            # keyboard stays on the list so D walks on).
            self._do_step(
                "complete the task",
                lambda: steps.complete_task(record.id),
                f"Done: {record.task.title}. Ctrl+Z takes it back.",
                lambda _step: self._offer_done_note(record.id),
            )
        elif isinstance(record, AwaitingReply):
            self.mark_answered()
        elif isinstance(record, ThankYou):
            self.mark_thanked()

    def _offer_done_note(self, task_id: int) -> None:
        from rapport.ui.done_note_panel import offer_done_note

        focus = QApplication.focusWidget()
        panel = offer_done_note(self, task_id, self._announce_change)
        if panel is None or focus is None:
            return

        def keep_keyboard() -> None:
            if QApplication.activeWindow() is panel:
                focus.window().activateWindow()
                focus.setFocus()

        # Shown after the save came back, not during the key press: where the platform
        # activates it anyway (it asks not to be), the keyboard goes back to the list so D
        # walks on. The activation arrives as an event, so this looks once it has.
        QTimer.singleShot(0, self, keep_keyboard)

    def mark_answered(self) -> None:
        from rapport.services import steps

        _task, AwaitingReply, _thanks = _kinds()
        key, record = self.current()
        if isinstance(record, AwaitingReply) and key == "replies":
            self._do_step(
                "mark the message answered",
                lambda: steps.mark_answered(record.id),
                f"Answered {record.client}'s {record.channel}.",
            )

    def mark_thanked(self) -> None:
        from rapport.services import steps

        _task, _reply, ThankYou = _kinds()
        _key, record = self.current()
        if isinstance(record, ThankYou):
            self._do_step(
                "mark the thank-you written",
                lambda: steps.mark_thanked(record.id),
                f"Thank-you to {record.client} noted.",
            )

    def snooze(self) -> None:
        from rapport.services import steps
        from rapport.ui.snooze_dialog import SnoozeDialog

        TodayTask = _kinds()[0]
        _key, record = self.current()
        if not isinstance(record, TodayTask):
            return
        made: list[Any] = []

        def save(values: dict[str, Any]) -> Any:
            made.append(steps.snooze_task(record.id, values["when"]))
            return made[-1].result

        task = SnoozeDialog.ask(self, save, what=record.task.title)
        if task is not None and task.snoozed_until is not None and made:
            until = task.snoozed_until
            self._do("snooze", lambda: None, f"Snoozed until {until:%A %b} {until.day}.")
            self.undoable.emit(made[-1])

    def edit_task(self) -> None:
        from rapport.services import editing, tasks
        from rapport.ui.dialogs import TaskDialog

        TodayTask = _kinds()[0]
        _key, record = self.current()
        if not isinstance(record, TodayTask):
            return
        try:
            opened = tasks.editing_task(tasks.get_task(record.id))
        except Exception as exc:
            messages.show_error(self, exc, "open the task")
            return
        save = editing.Save(tasks.update_task, opened)
        if TaskDialog.ask(self, save, task=opened.record):
            self._do("edit the task", lambda: None)

    def copy_draft(self) -> None:
        from rapport.services import away

        TodayTask = _kinds()[0]
        _key, record = self.current()
        text = ""
        what = ""
        if isinstance(record, TodayTask) and record.draft:
            text, what = record.draft, f"the running-late note to {record.task.client}"
        elif self.data is not None and self.data.away is not None:
            try:
                text, what = away.reply_text(self.data.away.away).email, "the away auto-reply"
            except Exception as exc:
                messages.show_error(self, exc, "write the auto-reply")
                return
        clipboard = QGuiApplication.clipboard()
        if text and clipboard is not None:
            clipboard.setText(text)
            self._status(f"Copied {what}. Paste it into your mail.")

    def late_note_sent(self) -> None:
        from rapport.services import steps

        TodayTask = _kinds()[0]
        _key, record = self.current()
        if not isinstance(record, TodayTask) or record.new_due is None:
            return
        new_due: date = record.new_due
        self._do_step(
            "record the late note",
            lambda: steps.late_note_sent(record.id, new_due),
            f"Noted: {record.task.client} was told. Now due {new_due:%A %b} {new_due.day}.",
        )

    def write_note(self) -> None:
        """W: the note this row asks for, in the note window (sent closes the row)."""
        from rapport.ui.today_notes import write_note

        _key, record = self.current()
        sent: list[Any] = []
        self._do("write the note", lambda: sent.append(write_note(self, record)))
        if sent and sent[0] is not None:
            self._status("Note marked sent: the thank-you is closed and in the history.")

    def open_client(self) -> None:
        TodayTask = _kinds()[0]
        _key, record = self.current()
        client_id = None
        if isinstance(record, TodayTask):
            client_id = record.task.client_id
        elif record is not None:
            client_id = getattr(record, "client_id", None)
        if client_id is not None:
            self.clientRequested.emit(int(client_id))

    def edit_away(self) -> None:
        from rapport.ui.away_dialog import AwayDialog

        AwayDialog.edit(self)
        self._do("change away mode", lambda: None)


def _row_name(record: Any) -> str:
    """The selected row in words, before the bar's buttons."""
    task = getattr(record, "task", None)
    if task is not None:
        return f"{task.title} — {task.client or 'no client'}"
    title = getattr(record, "title", "") or getattr(record, "summary", "") or ""
    client = getattr(record, "client", "") or ""
    return " — ".join(part for part in (str(title), str(client)) if part)
