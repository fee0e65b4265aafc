"""The encrypted book in the window: unlocking it, and Preferences › Privacy.

- ``ask_to_unlock``: at start (after the first paint) an encrypted book asks for its
  passphrase, with "Remember on this computer" (the OS keychain, when there is one) and
  "Forgot it? Use the recovery key" (the recovery key and a new passphrase). A wrong
  passphrase says so and asks again; after three wrong ones the Unlock button waits a
  few seconds.
- ``encrypt_book``: the passphrase twice, whether to encrypt the plain backups too, the
  conversion with a progress dialog (on the worker: the window keeps painting), then the
  recovery key, shown once.
- ``change_passphrase`` and ``remove_encryption``.

The work is done by ``services/encryption.py``; nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rapport.core import bookkey
from rapport.services import encryption, keychain
from rapport.ui import messages

# Wrong passphrases in a row before the Unlock button waits, and for how long.
TRIES_BEFORE_WAIT = 3
WAIT_MS = 5000


def _secret_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setMinimumWidth(320)
    return field


def _error_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(highlight);")
    label.hide()
    return label


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class UnlockDialog(QDialog):
    """Asks the encrypted book's passphrase (or its recovery key) until it opens."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.failures = 0
        self.setObjectName("unlockDialog")
        self.setWindowTitle("Unlock your book")
        layout = QVBoxLayout(self)
        self.intro = QLabel("Your book is encrypted. Enter its passphrase to open it.")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.passphrase = _secret_field()
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase_label = QLabel("&Passphrase:")
        self.passphrase_label.setBuddy(self.passphrase)
        form.addRow(self.passphrase_label, self.passphrase)
        self.recovery = QLineEdit()
        self.recovery.setPlaceholderText("ABCD-EFGH-…")
        self.recovery.setAccessibleName("Recovery key")
        self.new_passphrase = _secret_field("at least 8 characters")
        self.new_passphrase.setAccessibleName("New passphrase")
        self.again = _secret_field()
        self.again.setAccessibleName("New passphrase again")
        self.recovery_rows = [
            (QLabel("&Recovery key:"), self.recovery),
            (QLabel("&New passphrase:"), self.new_passphrase),
            (QLabel("The same a&gain:"), self.again),
        ]
        for label, field in self.recovery_rows:
            label.setBuddy(field)
            form.addRow(label, field)
            label.hide()
            field.hide()
        layout.addLayout(form)
        self.remember = QCheckBox("&Remember on this computer")
        if not keychain.available():
            self.remember.setEnabled(False)
            self.remember.setToolTip("This computer has no keychain Rapport can use.")
        layout.addWidget(self.remember)
        self.forgot = QPushButton("Forgot it? Use the recovery key")
        self.forgot.setFlat(True)
        self.forgot.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot.clicked.connect(self.use_recovery_key)
        layout.addWidget(self.forgot, alignment=Qt.AlignmentFlag.AlignLeft)
        self.message = _error_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(
            "&Unlock", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()

    @property
    def recovering(self) -> bool:
        return not self.recovery.isHidden()

    def use_recovery_key(self) -> None:
        """Ask the recovery key and a new passphrase instead of the passphrase."""
        self.intro.setText(
            "Enter the recovery key you wrote down when you encrypted the book, and choose "
            "a new passphrase."
        )
        self.passphrase.hide()
        self.passphrase_label.hide()
        for row_label, field in self.recovery_rows:
            row_label.show()
            field.show()
        self.forgot.hide()
        _show(self.message, "")
        self.recovery.setFocus()

    def try_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        try:
            if self.recovering:
                if self.new_passphrase.text() != self.again.text():
                    _show(self.message, "The two new passphrases differ.")
                    self.again.setFocus()
                    return
                encryption.unlock_with_recovery(
                    self.data_dir, self.recovery.text(), new_passphrase=self.new_passphrase.text()
                )
            else:
                encryption.unlock(
                    self.data_dir, self.passphrase.text(), remember=self.remember.isChecked()
                )
        except encryption.WrongPassphraseError as exc:
            self._wrong(str(exc))
            return
        except Exception as exc:
            text = messages.user_message(exc)
            if text is None:
                raise
            _show(self.message, text[:1].upper() + text[1:] + ".")
            return
        self.accept()

    def _wrong(self, text: str) -> None:
        self.failures += 1
        field = self.recovery if self.recovering else self.passphrase
        field.selectAll()
        field.setFocus()
        sentence = text[:1].upper() + text[1:] + ". Try again."
        if self.failures % TRIES_BEFORE_WAIT:
            _show(self.message, sentence)
            return
        _show(
            self.message,
            f"{sentence[:-11]}. {TRIES_BEFORE_WAIT} wrong tries: wait "
            f"{WAIT_MS // 1000} seconds, then try again.",
        )
        self.unlock_button.setEnabled(False)
        QTimer.singleShot(WAIT_MS, self, self._wait_over)

    def _wait_over(self) -> None:
        self.unlock_button.setEnabled(True)
        _show(self.message, "Try again.")


def ask_to_unlock(parent: QWidget | None, data_dir: Path) -> bool:
    """Unlock the encrypted book in ``data_dir`` (keychain first, then asking)."""
    if encryption.unlock_from_keychain(data_dir):
        return True
    return UnlockDialog(data_dir, parent).exec() == QDialog.DialogCode.Accepted


class NewPassphraseDialog(QDialog):
    """A new passphrase, typed twice (and, to encrypt, whether to keep plain backups)."""

    def __init__(
        self, parent: QWidget | None, title: str, intro: str, plain_backups: int = -1
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newPassphraseDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.first = _secret_field("at least 8 characters")
        self.first.setAccessibleName("Passphrase")
        self.second = _secret_field()
        self.second.setAccessibleName("Passphrase again")
        form.addRow("&Passphrase:", self.first)
        form.addRow("The same a&gain:", self.second)
        layout.addLayout(form)
        self.encrypt_backups = QCheckBox()
        if plain_backups > 0:
            plural = "s" if plain_backups != 1 else ""
            self.encrypt_backups.setText(
                f"Also encrypt the {plain_backups} backup{plural} made before (recommended: "
                "kept plain, anyone with the files can read them)"
            )
            self.encrypt_backups.setChecked(True)
            layout.addWidget(self.encrypt_backups)
        self.message = _error_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Encrypt" if plain_backups >= 0 else "&Change")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.first.setFocus()

    def _check(self) -> None:
        refused = bookkey.weak_passphrase(self.first.text())
        if refused is None and self.first.text() != self.second.text():
            refused = "the two passphrases differ"
        if refused:
            _show(self.message, refused[:1].upper() + refused[1:] + ".")
            return
        self.accept()


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once, in groups for writing down."""

    def __init__(self, parent: QWidget | None, recovery_key: str, note: str) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle("Your recovery key")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "<b>Write this down</b> and keep it apart from this computer: without it or "
            "the passphrase your book cannot be opened. It is shown only this once."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        groups = recovery_key.split("-")
        half = len(groups) // 2
        self.key = QLabel("-".join(groups[:half]) + "\n" + "-".join(groups[half:]))
        self.key.setObjectName("recoveryKey")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.6 if font.pointSizeF() > 0 else 16)
        self.key.setFont(font)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.key)
        if note:
            extra = QLabel(note)
            extra.setWordWrap(True)
            layout.addWidget(extra)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("I have written it &down")
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def _progress(window: Any, text: str) -> QProgressDialog:
    # Modal until the book is back: what the user typed meanwhile would go into the
    # book being replaced. No Cancel: the copy takes the book's place in one step.
    progress = QProgressDialog(window)
    progress.setLabelText(text)
    progress.setCancelButton(None)
    progress.setRange(0, 0)
    progress.setWindowTitle("Privacy")
    progress.setMinimumWidth(420)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    return progress


def _pause_readers(window: Any) -> Callable[[], None]:
    """Stop the window's own timed reads of the book while a conversion runs; returns
    what starts them again.

    The copy is made by SQLCipher's library beside the standard library's: a connection
    the main thread opened meanwhile (the book watch every 3 s, the reminders' look) would
    hold the book open under the conversion, which then refuses (nothing changed, but
    for no reason the user sees). What the user could do is held by the modal progress.
    """
    resume: list[Callable[[], None]] = []
    watch = getattr(window, "book_watch", None)
    if watch is not None and watch.timer.isActive():
        watch.stop()
        resume.append(watch.start)
    desktop = getattr(window, "desktop", None)
    first_look = getattr(desktop, "first_look", None)
    if first_look is not None and first_look.isActive():
        first_look.stop()
        resume.append(lambda: first_look.start(0))
    tray = getattr(desktop, "_tray", None)  # built only once reminders are looked at
    if tray is not None and tray.timer.every.isActive():
        tray.stop()
        resume.append(tray.start)
    idle = getattr(window, "idle_lock", None)
    if idle is not None and idle.timer.isActive():
        idle.timer.stop()
        resume.append(idle.timer.start)

    def start_again() -> None:
        for step in resume:
            step()

    return start_again


def encrypt_book(window: Any) -> None:
    """Preferences › Privacy › Encrypt my book."""
    from rapport.services import book

    data_dir = window.book.data_dir
    try:
        plain = len(encryption.plain_backups(data_dir))
    except Exception as exc:
        messages.show_error(window, exc, "list the backups")
        return
    dialog = NewPassphraseDialog(
        window,
        "Encrypt my book",
        "Choose a passphrase. Rapport asks for it when it starts; your notes are unreadable "
        "without it. Exports you make stay plain files.",
        plain,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    passphrase = dialog.first.text()
    keep_plain = plain > 0 and not dialog.encrypt_backups.isChecked()
    progress = _progress(window, "Encrypting your book…")
    resume = _pause_readers(window)
    book.release_thread()  # the worker converts a book nobody else holds open

    def converted(done: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(done)

    def finished(result: encryption.Encrypted) -> None:
        progress.close()
        resume()
        notes = []
        if result.backups_encrypted:
            notes.append(f"The {result.backups_encrypted} earlier backups are encrypted too.")
        if result.backups_kept_plain:
            notes.append(f"{result.backups_kept_plain} earlier backups were kept plain.")
        RecoveryKeyDialog(window, result.recovery_key, " ".join(notes)).exec()
        window.statusBar().showMessage("Your book is encrypted.", 8000)

    def failed(exc: BaseException) -> None:
        progress.close()
        resume()
        messages.show_error(window, exc, "encrypt the book")

    window.worker.submit(
        lambda ctx: encryption.encrypt(
            data_dir, passphrase, keep_plain_backups=keep_plain, progress=ctx.progress
        ),
        name="encrypt",
        on_done=finished,
        on_error=failed,
        on_progress=converted,
    )


def change_passphrase(window: Any) -> None:
    """Preferences › Privacy › Change passphrase (instant: the book is not rewritten)."""
    dialog = NewPassphraseDialog(
        window,
        "Change passphrase",
        "Choose the new passphrase. Your recovery key keeps working.",
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        encryption.change_passphrase(window.book.data_dir, dialog.first.text())
    except Exception as exc:
        messages.show_error(window, exc, "change the passphrase")
        return
    window.statusBar().showMessage("The passphrase is changed.", 8000)


def remove_encryption(window: Any) -> None:
    """Preferences › Privacy › Remove encryption (the book and its backups become plain)."""
    from rapport.services import book

    if not messages.confirm(
        window,
        "Remove encryption",
        "Make your book and its backups plain files again? Anyone with this computer or "
        "a copy of the files could then read your notes.",
        "Remove encryption",
    ):
        return
    data_dir = window.book.data_dir
    progress = _progress(window, "Removing the encryption…")
    resume = _pause_readers(window)
    book.release_thread()

    def converted(done: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(done)

    def finished(_result: encryption.Decrypted) -> None:
        progress.close()
        resume()
        window.statusBar().showMessage("Your book is no longer encrypted.", 8000)

    def failed(exc: BaseException) -> None:
        progress.close()
        resume()
        messages.show_error(window, exc, "remove the encryption")

    window.worker.submit(
        lambda ctx: encryption.decrypt(data_dir, progress=ctx.progress),
        name="decrypt",
        on_done=finished,
        on_error=failed,
        on_progress=converted,
    )


def privacy_row(dialog: QWidget, window: Any) -> QWidget:
    """Preferences' Privacy row: what can be done with the book's encryption now."""
    from PySide6.QtWidgets import QHBoxLayout

    row = QWidget(dialog)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    encrypted = encryption.status(window.book.data_dir).encrypted
    state = QLabel("Encrypted." if encrypted else "Not encrypted.")
    state.setObjectName("encryptionState")
    layout.addWidget(state)

    def later(action: Any) -> Any:
        # Preferences closes first (its values are not saved): the action's dialogs and
        # the conversion then run over the main window.
        def run() -> None:
            cancel = getattr(dialog, "cancel", None)  # asks before losing typed work
            if cancel is not None and not cancel():
                return
            QTimer.singleShot(0, window, lambda: action(window))

        return run

    if encrypted:
        change = QPushButton("C&hange passphrase…")
        change.setObjectName("changePassphraseButton")
        change.clicked.connect(later(change_passphrase))
        remove = QPushButton("Remove encr&yption…")
        remove.setObjectName("removeEncryptionButton")
        remove.clicked.connect(later(remove_encryption))
        layout.addWidget(change)
        layout.addWidget(remove)
    else:
        encrypt = QPushButton("Encr&ypt my book…")
        encrypt.setObjectName("encryptButton")
        encrypt.clicked.connect(later(encrypt_book))
        layout.addWidget(encrypt)
    layout.addStretch(1)
    return row
