"""A form dialog that saves through a service and stays open on a refusal.

Each form subclass lays out its fields and returns their values; ``ask()`` runs it
with a ``save`` callback (a service call). When the service refuses (an empty name,
2026-02-30) the message shows inside the dialog, the field keeps its text and the user
fixes it; nothing is written until the service accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from rapport.ui.messages import show_error, user_message

R = TypeVar("R")


class FormDialog(QDialog):
    title = "Edit"

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
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try_save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(420)

    # Subclasses fill these two.
    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def add_row(self, label: str, widget: QWidget, accessible: str | None = None) -> QWidget:
        widget.setAccessibleName(accessible or label.replace("&", "").rstrip(":"))
        self.form.addRow(label, widget)
        return widget

    @property
    def save_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message[:1].upper() + message[1:])
        self.error_label.show()

    def _try_save(self) -> None:
        if self._save is None:
            self.accept()
            return
        try:
            self.result_value = self._save(self.values())
        except Exception as exc:
            message = user_message(exc)
            if message is None:
                show_error(self, exc, "save")
                return
            self.show_error(message)
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        save: Callable[[dict[str, Any]], R],
        **kwargs: Any,
    ) -> R | None:
        """Run the form; return what ``save`` returned, or None when cancelled."""
        dialog = cls(parent, **kwargs)
        dialog._save = save
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        result = dialog.result_value if accepted else None
        dialog.deleteLater()
        return result
