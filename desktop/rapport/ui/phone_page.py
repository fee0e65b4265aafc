"""Preferences › Phone…: connect the book to a CalDAV/CardDAV server the phone syncs with.

A page of its own (the Preferences dialog shows the state and opens it): the server's
address, the user and the password; "Connect" finds the account's address
books and calendars and makes the "Rapport" ones (on the phone lane of
ui/phone_publisher.py: a slow server never freezes the dialog), then the window
publishes after each save. The password goes to the system keychain; where there is
none, the status line says so and it is typed here again after a restart.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from rapport.services import phone
from rapport.ui.messages import user_message

INTRO = (
    "Publish your active clients (with a short brief that shows when they call), their "
    "birthdays and anniversaries and what you owe them, to a “Rapport” address book and "
    "calendar on your own CalDAV/CardDAV server (Nextcloud, Fastmail, iCloud, Radicale). "
    "One way: what is changed on the phone is replaced on the next publish."
)


def state_text() -> str:
    """One line for the Preferences dialog: set up or not, and the last publish."""
    try:
        config = phone.load_config()
        last = phone.last_publish()
    except Exception as exc:
        return user_message(exc) or str(exc)
    if config is None:
        return "Not set up: nothing is sent anywhere."
    if last is None:
        return f"Publishing to {config.user} at {urlsplit(config.url).netloc}."
    ok = "published" if last.ok else "not published"
    return f"To {config.user} at {urlsplit(config.url).netloc}: {ok} {last.at:%b} {last.at.day}."


class PhoneDialog(QDialog):
    def __init__(self, publisher: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Phone")
        self.setObjectName("phoneDialog")
        self.setModal(True)
        self.setMinimumWidth(460)
        self.publisher = publisher
        form = QFormLayout(self)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        form.addRow(intro)
        config = phone.load_config()
        self.server = QLineEdit(config.url if config else "")
        self.server.setPlaceholderText("https://cloud.example.com")
        self.server.setAccessibleName("Phone server address")
        self.user = QLineEdit(config.user if config else "")
        self.user.setAccessibleName("Phone server user")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Phone server password")
        self.password.setPlaceholderText(
            "kept in the system keychain" if config is None else "(unchanged)"
        )
        for text, widget in (
            ("Se&rver:", self.server),
            ("Us&er:", self.user),
            ("Pass&word:", self.password),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.sensitive = QCheckBox("Also send facts marked sensitive")
        self.sensitive.setAccessibleName("Send sensitive facts to the phone")
        self.sensitive.setChecked(bool(config and config.include_sensitive))
        self.sensitive.setEnabled(config is not None)
        self.sensitive.toggled.connect(self._sensitive)
        form.addRow("", self.sensitive)
        self.connect_button = QPushButton("&Connect")
        self.connect_button.setAccessibleName("Connect to the phone server")
        self.connect_button.clicked.connect(self.connect_server)
        self.publish_button = QPushButton("Publish &now")
        self.publish_button.setAccessibleName("Publish to the phone now")
        self.publish_button.clicked.connect(self._publish)
        self.off_button = QPushButton("S&top publishing")
        self.off_button.setAccessibleName("Stop publishing to the phone")
        self.off_button.clicked.connect(self._off)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.connect_button, self.publish_button, self.off_button):
            row.addWidget(button)
        row.addStretch(1)
        form.addRow("", buttons)
        self.status = QLabel()
        self.status.setObjectName("phoneSetupStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Phone publishing status")
        form.addRow("", self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        form.addRow(close)
        self._show_state(config)

    def _show_state(self, config: phone.PhoneConfig | None) -> None:
        self.publish_button.setEnabled(config is not None)
        self.off_button.setEnabled(config is not None)
        self.sensitive.setEnabled(config is not None)
        if config is None:
            self.status.setText("Not set up: nothing is sent anywhere.")
            return
        last = phone.last_publish()
        text = f"Publishing to {config.user} at {config.url}."
        if last is not None:
            text += f" Last publish {last.at:%b} {last.at.day} {last.at:%H:%M}: {last.text}."
        self.status.setText(text)

    def connect_server(self) -> None:
        try:
            url = phone.check_url(self.server.text())
        except Exception as exc:
            self.status.setText(user_message(exc) or str(exc))
            return
        user, password = self.user.text().strip(), self.password.text()
        if not user or not password:
            self.status.setText("Give the user name and the password of the server account.")
            return
        self.connect_button.setEnabled(False)
        self.status.setText(f"Connecting to {url}…")
        self.publisher.run_setup(url, user, password, self._connected, self._not_connected)

    def _connected(self, result: phone.SetupResult) -> None:
        self.connect_button.setEnabled(True)
        self.password.clear()
        self.password.setPlaceholderText("(unchanged)")
        self._show_state(result.config)
        kept = (
            "The password is in the system keychain."
            if result.in_keychain
            else "There is no system keychain here: type the password again after a restart."
        )
        self.status.setText(
            "Connected: the “Rapport” address book and calendar are on the server, and "
            f"Rapport publishes to them after each save. {kept}"
        )

    def _not_connected(self, exc: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self.status.setText(user_message(exc) or f"Could not connect: {exc}")

    def _publish(self) -> None:
        self.publisher.publish_now()
        self.status.setText("Publishing… (the status bar says when it is done)")

    def _sensitive(self, checked: bool) -> None:
        if phone.is_set_up():
            phone.set_include_sensitive(checked)
            self.publisher.schedule()

    def _off(self) -> None:
        phone.forget()
        self.publisher.turned_off()
        self.server.clear()
        self.user.clear()
        self._show_state(None)
        self.status.setText(
            "Publishing is off. The server's “Rapport” address book and calendar stay there."
        )
