"""Client > Record a message… and Record an introduction…, installed at start.

The forms (ui/followup_dialogs.py) are imported when one of them is first opened, so the
window paints without them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from rapport.ui.qt_names import set_shortcut


def install(window: Any) -> None:
    """Add "Record a message…" and "Record an introduction…" to the window's Client menu."""

    def run(kind: str) -> None:
        from rapport.ui import followup_dialogs

        current = window.profile.current
        if current is None:
            window.statusBar().showMessage("Select a client first (Ctrl+2).", 5000)
            return
        record = getattr(followup_dialogs, f"record_{kind}")
        if record(window, current.client):  # saved on the worker (the form's): read there
            window.reload_soon(profile=True)

    def action(text: str, keys: str, kind: str) -> QAction:
        made = QAction(text, window)
        set_shortcut(made, keys)
        made.setStatusTip("For the client shown in the profile")
        made.triggered.connect(lambda _checked=False: run(kind))
        window.client_menu.addAction(made)
        return made

    window.client_menu.addSeparator()
    window.record_message_action = action("Record a &message…", "Ctrl+Shift+M", "message")
    window.record_intro_action = action("Record an &introduction…", "Ctrl+Shift+I", "introduction")
