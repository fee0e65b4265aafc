"""A form dialog that saves through a service and stays open on a refusal.

Each form subclass lays out its fields and returns their values; ``ask()`` runs it
with a ``save`` callback (a service call). When the service refuses (an empty name,
2026-02-30) the message shows inside the dialog, the field it names gets the focus with
its text selected, and the user fixes it; nothing is written until the service accepts.

Escape, Cancel and the window's close button ask before throwing away typed work that
would hurt to lose (a changed multi-line field, or a sentence's worth of typing across
fields); a quick form with a word or two in it just closes. ``reject()`` itself never
asks: code that closes a form means it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rapport.services import book
from rapport.services.editing import Editing, Save
from rapport.services.errors import EditConflictError, ServerAwayError
from rapport.ui import messages
from rapport.ui.messages import show_error, user_message
from rapport.ui.worker import Worker

# Typed characters (across single-line fields) worth a question before they are dropped.
DISCARD_ASK_CHARS = 20

R = TypeVar("R")
W = TypeVar("W", bound=QWidget)


def qt_moment(moment: datetime) -> QDateTime:
    """A naive local moment as Qt's, for a date-and-time picker."""
    return QDateTime(
        moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second
    )


def moment_of(value: QDateTime) -> datetime:
    """A picker's date and time as a naive local moment (to the second)."""
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), time.second())


class FormDialog(QDialog):
    title = "Edit"
    # Forms whose whole content is a word or a choice (snooze) set this to False.
    ask_before_discarding = True
    # In a window, the save runs on the window's worker (a busy book never freezes it); a
    # form whose save also changes the window's own state (the settings) saves in place.
    saves_on_worker = True
    busyWaiting = Signal(str)  # from the worker's thread: the save waits for an import
    # The argument that gives the form its record (``client=``, ``task=``): a save refused
    # because a colleague changed the record offers to reopen the form on theirs.
    record_argument: str | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.title)
        self.setModal(True)
        self.result_value: Any = None
        self._save: Callable[[dict[str, Any]], Any] | None = None
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "color: palette(bright-text); background: #b3261e;padding: 4px 6px; border-radius: 3px;"
        )
        self.error_label.setAccessibleName("Error")
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.saving = False
        self._save_text = ""
        self.saving_label = QLabel()  # "Saving…", or what a busy book makes it wait for
        self.saving_label.setObjectName("formSaving")
        self.saving_label.setWordWrap(True)
        self.saving_label.hide()
        outer.addWidget(self.saving_label)
        self.busyWaiting.connect(self._show_busy_wait)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try_save)
        self.buttons.rejected.connect(self.cancel)
        # Shown when a colleague's save came first (a team book): the form again, on theirs.
        self.reload_button: QPushButton | None = None
        if self.record_argument is not None:
            self.reload_button = self.buttons.addButton(
                "Reload the&irs", QDialogButtonBox.ButtonRole.ResetRole
            )
            self.reload_button.setAccessibleName("Reload what your colleague saved")
            self.reload_button.hide()
            self.reload_button.clicked.connect(self._reload)
        self.theirs: Editing | None = None  # the record "Reload theirs" reopens on
        self._conflict: Editing | None = None
        outer.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._initial_text: dict[QWidget, str] | None = None
        self._waits_for_server = False  # told when the team server is back (``_refused``)

    # Subclasses fill these two.
    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def add_row(self, label: str, widget: W, accessible: str | None = None) -> W:
        widget.setAccessibleName(accessible or label.replace("&", "").rstrip(":"))
        if isinstance(widget, QLineEdit):
            # A long "how we met" opened for editing shows its start, not its last words.
            widget.setCursorPosition(0)
        self.form.addRow(label, widget)
        return widget

    @property
    def save_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    # -- cancelling without losing work ----------------------------------------------------
    def _text_fields(self) -> dict[QWidget, str]:
        fields: dict[QWidget, str] = {}
        for edit in self.findChildren(QLineEdit):
            # A spin box's or combo box's own line edit holds a value, not typed work.
            if edit.isReadOnly() or isinstance(edit.parent(), QAbstractSpinBox | QComboBox):
                continue
            fields[edit] = edit.text()
        for text in self.findChildren(QPlainTextEdit):
            if not text.isReadOnly():
                fields[text] = text.toPlainText()
        return fields

    def showEvent(self, event: QShowEvent) -> None:
        if self._initial_text is None:  # what the form held when the user first saw it
            self._initial_text = self._text_fields()
        super().showEvent(event)

    def has_typed_work(self) -> bool:
        """Would closing now lose something the user would rather keep?"""
        if not self.ask_before_discarding or self._initial_text is None:
            return False
        typed = 0
        for widget, now in self._text_fields().items():
            before = self._initial_text.get(widget, "")
            if now == before or not now.strip():
                continue
            if isinstance(widget, QPlainTextEdit):
                return True
            typed += abs(len(now) - len(before)) or len(now)
        return typed >= DISCARD_ASK_CHARS

    def cancel(self) -> bool:
        """Close without saving, after asking when typed work would be lost."""
        if self.saving:
            return False  # the save is under way: it closes the form when it is done
        if self.has_typed_work() and not messages.confirm(
            self,
            "Discard changes?",
            f"Close “{self.windowTitle()}” without saving? What you typed will be lost.",
            "Discard",
        ):
            return False
        self.reject()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the window's own close button asks; close() from code means it.
        asks = event.spontaneous() and self.isVisible() and self.has_typed_work()
        if asks and not self.cancel():
            event.ignore()
            return
        super().closeEvent(event)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message[:1].upper() + message[1:])
        self.error_label.show()
        self._fit_height()
        field = self.field_named_in(message)
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(field, QLineEdit):
                field.selectAll()

    def field_named_in(self, message: str) -> QWidget | None:
        """The field a refusal is about: the one whose label the message names first
        ("A task's title cannot be empty" names Task; "due date ..." names Due)."""
        best: tuple[int, QWidget] | None = None
        for row in range(self.form.rowCount()):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label_widget = label.widget() if label is not None else None
            if field is None or not isinstance(label_widget, QLabel):
                continue
            words = label_widget.text().replace("&", "").strip().rstrip(":").strip()
            widget = field.widget()
            if not words or widget is None or not widget.isEnabled():
                continue
            found = re.search(rf"\b{re.escape(words)}\b", message, re.IGNORECASE)
            if found and (best is None or found.start() < best[0]):
                best = (found.start(), widget)
        return best[1] if best else None

    def _fit_height(self) -> None:
        """Grow to show a wrapped error in full: a minimum size ignores wrapped text, so
        without this the message is drawn over the notes field above it."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _try_save(self) -> None:
        if self.saving:
            return  # Save again while the first save is under way
        save = self._save
        if save is None:
            self.accept()
            return
        worker = self._worker()
        try:
            values = self.values()
            if worker is None:
                self.result_value = save(values)
        except Exception as exc:
            self._refused(exc)
            return
        if worker is None:
            self.accept()
            return
        # A save that waits behind another program's import says so here (the listener is
        # called on the worker's thread; the signal brings the message to this one).
        book.on_busy_wait("form", self.busyWaiting.emit)
        self._set_saving(True)
        worker.submit(
            lambda _context: save(values),
            name=f"save {self.windowTitle()}",
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _worker(self) -> Worker | None:
        """The window's worker; None for a form on its own (it saves in place)."""
        parent = self.parentWidget()
        if not self.saves_on_worker or parent is None:
            return None
        worker = getattr(parent.window(), "worker", None)
        return worker if isinstance(worker, Worker) else None

    def _set_saving(self, saving: bool) -> None:
        """The form is on its way to the book: say so, and take no edits or saves meanwhile."""
        self.saving = saving
        for row in range(self.form.rowCount()):
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = field.widget() if field is not None else None
            if widget is not None:
                widget.setEnabled(not saving)
        button = self.save_button
        if saving:
            self._save_text = button.text()
        button.setEnabled(not saving)
        button.setText("Saving…" if saving else self._save_text)
        self.saving_label.setText("Saving…")
        self.saving_label.setVisible(saving)
        self.error_label.hide()

    def _show_busy_wait(self, message: str) -> None:
        if self.saving:
            self.saving_label.setText(message[:1].upper() + message[1:] + "…")

    def _saved(self, result: object) -> None:
        self._set_saving(False)
        self.result_value = result
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        self._refused(exc)

    def _refused(self, exc: BaseException) -> None:
        """A refusal shows in the form, on the field it names; anything else as an error.
        The team server away: the form stays open with what was typed, says so, and says
        when the server is back (the window's look finds it: ``serverBack``)."""
        if isinstance(exc, ServerAwayError):
            self._server_away(exc)
            return
        message = user_message(exc)
        if message is None:
            show_error(self, exc, "save")
            return
        if isinstance(exc, EditConflictError) and self.reload_button is not None:
            self._conflict = exc.now  # type: ignore[assignment]  # an Editing
            self.reload_button.show()
        self.show_error(message)

    def _server_away(self, exc: ServerAwayError) -> None:
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        messages.tell_server_away(window, exc)  # the label; what failed is said here
        self.show_error(
            f"{messages.server_away(exc.where)}: what you typed stays here. Save again "
            "once it is back; Rapport says so here."
        )
        back = getattr(window, "serverBack", None)
        if back is not None and not self._waits_for_server:
            self._waits_for_server = True
            back.connect(self._server_back)

    def _server_back(self) -> None:
        if self.error_label.isVisible() and not self.saving:  # said in place, not as an error
            self.error_label.hide()
            self.saving_label.setText("The team book's server is back: Save to keep your changes.")
            self.saving_label.show()

    def _reload(self) -> None:
        """Drop what was typed for what the colleague saved (``ask`` reopens the form)."""
        self.theirs = self._conflict
        self.reject()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        save: Callable[[dict[str, Any]], R],
        **kwargs: Any,
    ) -> R | None:
        """Run the form; return what ``save`` returned, or None when cancelled.

        After "Reload theirs" the form opens again on the record a colleague saved, and a
        ``services.editing.Save`` saves over that version.
        """
        while True:
            dialog = cls(parent, **kwargs)
            dialog._save = save
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            result = dialog.result_value if accepted else None
            theirs = dialog.theirs
            dialog.deleteLater()
            if theirs is None or cls.record_argument is None:
                return result
            kwargs = {**kwargs, cls.record_argument: theirs.record}
            if isinstance(save, Save):
                save.since = theirs
