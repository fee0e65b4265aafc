"""Edit → Preferences: who you are, defaults for notes and gifts, backups, the window.

Book-wide values (name, signature, cadence, gift budget, card, backups) are saved
through ``services.settings`` so the command line uses them too; the window's own
behaviour (theme, tray, notifications) goes to window.ini through ``WindowPrefs``.
A refused value (a relative backup folder...) is explained inside the dialog.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from rapport.core import postal
from rapport.core.understand.dates.order import locale_order
from rapport.paths import team_url_refusal
from rapport.services import settings as book_settings
from rapport.services.errors import ValidationError
from rapport.ui.dialogs import AddressFields, locale_country
from rapport.ui.form import FormDialog
from rapport.ui.window_prefs import WindowPrefs

CARD_SIZE_LABELS = {
    "a2": "A2 card (4.25 × 5.5 in)",
    "a6": "A6 card (105 × 148 mm)",
    "4x6": "Postcard (4 × 6 in)",
    "5x7": "5 × 7 in card",
    "letter": "Letter page (8.5 × 11 in)",
}
BUDGET_LABELS = {"low": "Low", "medium": "Medium", "high": "High"}
THEME_LABELS = {"system": "Same as the system", "light": "Light", "dark": "Dark"}
ORDER_EXAMPLES = {"mdy": "month first: 3/4 is March 4", "dmy": "day first: 3/4 is 3 April"}


def date_order_labels() -> dict[str, str]:
    """The date order choices; the default says what the system's locale gives."""
    system = locale_order(os.environ)
    return {
        "": f"Same as the system ({ORDER_EXAMPLES[system]})",
        "mdy": ORDER_EXAMPLES["mdy"].capitalize(),
        "dmy": ORDER_EXAMPLES["dmy"].capitalize(),
    }


def choose_folder(parent: QWidget, start: str) -> str | None:
    """Ask for a folder (tests replace this)."""
    chosen = QFileDialog.getExistingDirectory(parent, "Backup folder", start)
    return chosen or None


def _combo(items: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for key, label in items.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def _spin(value: int, low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class SettingsDialog(FormDialog):
    title = "Preferences"

    def __init__(
        self,
        parent: QWidget | None = None,
        values: dict[str, Any] | None = None,
        prefs: WindowPrefs | None = None,
        tray: bool = True,
        default_backup_dir: str = "",
        phone_publisher: Any = None,
        privacy: Callable[[QWidget], QWidget] | None = None,
    ) -> None:
        super().__init__(parent)
        v = dict(book_settings.DEFAULTS, **(values or {}))
        prefs = prefs or WindowPrefs()
        self.setObjectName("preferencesDialog")

        self._section("You")
        self.user_name = self.add_row("Your &name:", QLineEdit(v["user_name"]))
        self.user_name.setPlaceholderText("As your clients know you, e.g. Sam Carter")
        self.user_name.setToolTip("Your name as it appears on notes and briefs")
        self.signature = self.add_row("S&ignature:", QPlainTextEdit(v["signature"]))
        self.signature.setTabChangesFocus(True)
        self.signature.setPlaceholderText("Warmly,\nDana")
        self.signature.setFixedHeight(self.signature.fontMetrics().lineSpacing() * 3 + 12)

        self._section("Your return address (envelopes)")
        self.return_name = self.add_row(
            "N&ame on envelopes:", QLineEdit(v["return_name"]), "Name on envelopes"
        )
        self.return_name.setPlaceholderText("Your name above (or yours and your firm's)")
        # The return address's country is the home country: one field says both.
        self.return_address = AddressFields(
            self,
            postal.from_mapping(v["return_address"] or {}),
            labels=("Return add&ress:", "Cit&y, state, ZIP:", "", "", ""),
            compact=True,
        )
        self.home_country = self.add_row(
            "Your c&ountry:", QLineEdit(v["home_country"] or locale_country()), "Your country"
        )
        self.home_country.setPlaceholderText("Letters within it need no country line")

        self._section("Clients, notes and gifts")
        self.cadence = self.add_row(
            "&Keep in touch every:", _spin(v["default_cadence_days"], 1, 3650, " days")
        )
        self.intro_call_after = self.add_row(
            "Call a &silent lead after:", _spin(v["intro_call_after_days"], 1, 365, " days")
        )
        self.gift_budget = self.add_row("&Gift budget:", _combo(BUDGET_LABELS, v["gift_budget"]))
        self.card_size = self.add_row(
            "Card si&ze:", _combo(CARD_SIZE_LABELS, v["card_size"]), "Default card size"
        )
        # The same choices as the note window and `rapport note --font`: the setting is the
        # note window's starting font, not a system family (which neither would understand).
        from rapport.render import card_print

        self.card_font = self.add_row("Card &font:", QComboBox(), "Card font")
        for key, label in card_print.FONT_CHOICES.items():
            if key == "handwriting" and card_print.handwriting_family() is None:
                continue
            self.card_font.addItem(label, key)
        font = v["card_font"] or card_print.DEFAULT_FONT
        self.card_font.setCurrentIndex(max(self.card_font.findData(font), 0))
        # How "3/4" is read in notes, date fields and imported birthdays.
        self.date_order = self.add_row(
            "Dat&es like 3/4:", _combo(date_order_labels(), v["date_order"] or ""), "Date order"
        )

        self._section("Backups")
        self.backup_dir = QLineEdit(v["backup_dir"])
        self.backup_dir.setPlaceholderText(default_backup_dir or "The backups folder of the book")
        self.backup_dir.setAccessibleName("Backup folder")
        self.browse_button = QPushButton("C&hoose…")
        self.browse_button.setAccessibleName("Choose the backup folder")
        self.browse_button.clicked.connect(self._browse)
        folder_row = QWidget()
        folder_layout = QHBoxLayout(folder_row)
        folder_layout.setContentsMargins(0, 0, 0, 0)
        folder_layout.addWidget(self.backup_dir, 1)
        folder_layout.addWidget(self.browse_button)
        self.form.addRow(self._buddy("&Backup folder:", self.backup_dir), folder_row)
        retention = v["backup_retention"] or {}
        keep = book_settings.DEFAULTS["backup_retention"]
        self.keep_daily = _spin(int(retention.get("daily", keep["daily"])), 0, 1000, " daily")
        self.keep_weekly = _spin(int(retention.get("weekly", keep["weekly"])), 0, 1000, " weekly")
        self.keep_monthly = _spin(
            int(retention.get("monthly", keep["monthly"])), 0, 1000, " monthly"
        )
        keep_row = QWidget()
        keep_layout = QHBoxLayout(keep_row)
        keep_layout.setContentsMargins(0, 0, 0, 0)
        for spin, name in (
            (self.keep_daily, "Daily backups to keep"),
            (self.keep_weekly, "Weekly backups to keep"),
            (self.keep_monthly, "Monthly backups to keep"),
        ):
            spin.setAccessibleName(name)
            keep_layout.addWidget(spin)
        keep_layout.addStretch(1)
        self.form.addRow(self._buddy("Kee&p:", self.keep_daily), keep_row)

        self.idle_lock = _spin(prefs.idle_lock_minutes, 0, 24 * 60, " min")
        self.idle_lock.setSpecialValueText("Never")
        self.idle_lock.setToolTip(
            "An encrypted book is closed after this many minutes without a key press or a "
            "click, and its passphrase asked again"
        )
        if privacy is not None:
            self._section("Privacy")
            self.form.addRow("Encryption:", privacy(self))
            self.add_row("&Lock when idle for:", self.idle_lock, "Lock when idle for")

        self._section("Window")
        self.theme = self.add_row("&Theme:", _combo(THEME_LABELS, prefs.theme))
        self.notifications = self.add_row(
            "", QCheckBox("Show a notification when something comes &due"), "Notifications"
        )
        self.notifications.setChecked(prefs.notifications)
        self.close_to_tray = self.add_row(
            "", QCheckBox("Keep running in the tray when the window is c&losed"), "Close to tray"
        )
        self.close_to_tray.setChecked(prefs.close_to_tray)
        self.start_in_tray = self.add_row(
            "", QCheckBox("Start &minimised to the tray"), "Start minimised to tray"
        )
        self.start_in_tray.setChecked(prefs.start_in_tray)
        if not tray:
            for box in (self.close_to_tray, self.start_in_tray):
                box.setEnabled(False)
                box.setToolTip("This desktop has no system tray.")
            note = QLabel("This desktop has no system tray: closing the window quits Rapport.")
            note.setWordWrap(True)
            note.setEnabled(False)
            self.form.addRow("", note)
        self._section("Team book")
        self.team_url = self.add_row("Team book &URL:", QLineEdit(prefs.team_url), "Team book URL")
        self.team_url.setPlaceholderText("postgresql://ROLE@HOST:PORT/DB (empty: this computer)")
        team_note = QLabel(
            "A book shared on your team's PostgreSQL server. Connecting or disconnecting "
            "takes effect when Rapport restarts. The password is never kept here: put it "
            "in ~/.pgpass."
        )
        team_note.setWordWrap(True)
        team_note.setEnabled(False)
        self.form.addRow("", team_note)
        self.phone_publisher = phone_publisher
        if phone_publisher is not None:
            from rapport.ui.phone_page import state_text

            self._section("Phone")
            self.phone_state = QLabel(state_text())
            self.phone_state.setWordWrap(True)
            self.phone_state.setAccessibleName("Phone publishing")
            self.phone_button = QPushButton("Phon&e…")
            self.phone_button.setAccessibleName("Set up publishing to your phone")
            self.phone_button.setToolTip(
                "Your clients, birthdays and promises on your phone, through your "
                "CalDAV/CardDAV server"
            )
            self.phone_button.clicked.connect(self.open_phone)
            phone_row = QWidget()
            phone_layout = QHBoxLayout(phone_row)
            phone_layout.setContentsMargins(0, 0, 0, 0)
            phone_layout.addWidget(self.phone_state, 1)
            phone_layout.addWidget(self.phone_button)
            self.form.addRow(self._buddy("Publish to:", self.phone_button), phone_row)
        self.user_name.setFocus()

    def open_phone(self) -> None:
        """Preferences › Phone: the page that connects a server (it acts at once, not on
        Save: connecting or stopping is not undone by Cancel)."""
        from rapport.ui.phone_page import PhoneDialog, state_text

        page = PhoneDialog(self.phone_publisher, self)
        page.exec()
        # Its fields are no typed work of Preferences (ui/form.py looks at its children).
        page.setParent(None)
        page.deleteLater()
        self.phone_state.setText(state_text())

    def _section(self, title: str) -> None:
        label = QLabel(f"<b>{title}</b>")
        label.setContentsMargins(0, 8 if self.form.rowCount() else 0, 0, 2)
        self.form.addRow(label)

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _browse(self) -> None:
        start = self.backup_dir.text().strip() or self.backup_dir.placeholderText()
        chosen = choose_folder(
            self, start if Path(start).expanduser().is_dir() else str(Path.home())
        )
        if chosen:
            self.backup_dir.setText(chosen)

    def values(self) -> dict[str, Any]:
        return {
            "book": {
                "user_name": self.user_name.text(),
                "signature": self.signature.toPlainText(),
                "return_name": self.return_name.text(),
                "return_address": replace(
                    self.return_address.value(), country=self.home_country.text().strip()
                ),
                "home_country": self.home_country.text(),
                "default_cadence_days": self.cadence.value(),
                "intro_call_after_days": self.intro_call_after.value(),
                "gift_budget": self.gift_budget.currentData(),
                "card_size": self.card_size.currentData(),
                "card_font": self.card_font.currentData() or "",
                "date_order": self.date_order.currentData() or "",
                "backup_dir": self.backup_dir.text(),
                "backup_retention": {
                    "daily": self.keep_daily.value(),
                    "weekly": self.keep_weekly.value(),
                    "monthly": self.keep_monthly.value(),
                },
            },
            "window": WindowPrefs(
                theme=self.theme.currentData(),
                start_in_tray=self.start_in_tray.isChecked(),
                close_to_tray=self.close_to_tray.isChecked(),
                notifications=self.notifications.isChecked(),
                idle_lock_minutes=self.idle_lock.value(),
                team_url=self.team_url.text().strip(),
            ),
        }


def open_preferences(window: Any) -> bool:
    """Show Preferences over ``window``; save and apply what the user chose."""
    from rapport.ui import messages
    from rapport.ui.privacy import privacy_row

    try:
        current = book_settings.get_all()
    except Exception as exc:
        messages.show_error(window, exc, "read the preferences")
        return False
    desktop = window.desktop

    def save(values: dict[str, Any]) -> dict[str, Any]:
        # On the window's worker, as every form ("Saving…", a busy book never freezes the
        # window); the window's own preferences (window.ini) are written here once it saved.
        refused = team_url_refusal(values["window"].team_url)
        if refused is not None:  # before anything is saved: the form stays open
            raise ValidationError(refused)
        saved = book_settings.update(values["book"])
        return {"book": saved, "window": values["window"]}

    before = WindowPrefs.load(window.settings).team_url
    result = SettingsDialog.ask(
        window,
        save,
        values=current,
        prefs=desktop.tray.prefs,
        tray=desktop.tray.icon is not None,
        default_backup_dir=str(window.book.backups_dir),
        phone_publisher=window.ensure_phone() if hasattr(window, "ensure_phone") else None,
        privacy=lambda dialog: privacy_row(dialog, window),
    )
    if result is None:
        return False
    result["window"].save(window.settings)
    desktop.apply(result["window"])
    if result["window"].team_url != before:
        window.statusBar().showMessage(
            "Preferences saved. The team book changes when Rapport restarts.", 8000
        )
        return True
    window.statusBar().showMessage("Preferences saved.", 4000)
    return True
