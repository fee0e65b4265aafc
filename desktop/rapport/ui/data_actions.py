"""The window's data menus: File ▸ Import/Export, Tools ▸ Back up / Restore / Check.

Everything that reads or writes files runs on the window's worker; results come back to
the GUI thread, which shows them (status bar, dialog) and reloads the window. A restore
replaces the whole book, so afterwards the book is reopened on the GUI thread (which
migrates a backup made by an older Rapport) and the undo stack is cleared: its snapshots
belong to the book that was replaced.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from rapport.ui import messages

if TYPE_CHECKING:
    from rapport.ui.window_parts import DataWindow


class DataActions(QObject):
    def __init__(self, window: DataWindow) -> None:
        super().__init__(window.window())
        self.window = window
        self.parent_widget = window.window()  # dialogs' parent: the main window
        act = window._action
        self.import_action = act(
            "&Import…",
            self.import_file,
            "Ctrl+I",
            "Import contacts (vCard, Google or Outlook CSV) or a Rapport export",
        )
        self.export_action = act(
            "E&xport…",
            self.export_book,
            "Ctrl+Shift+S",
            "Export everything as JSON, CSV, vCard or iCalendar",
        )
        self.backup_action = act(
            "&Back up now", self.backup_now, "Ctrl+Shift+B", "Make a backup of the book now"
        )
        self.restore_action = act(
            "&Restore from backup…",
            self.restore,
            "Ctrl+Shift+R",
            "Replace the book with one of its backups",
        )
        self.check_action = act(
            "&Check database",
            self.check,
            "Ctrl+Shift+K",
            "Check the database file, its links and the search index",
        )
        window.file_menu.insertAction(window.file_menu_tools, self.import_action)
        window.file_menu.insertAction(window.file_menu_tools, self.export_action)
        window.tools_menu.addAction(self.backup_action)
        window.tools_menu.addAction(self.restore_action)
        window.tools_menu.addAction(self.check_action)
        self.last_export_format = "json"

    def _status(self, text: str, msecs: int = 8000) -> None:
        self.window.statusBar().showMessage(text, msecs)

    # -- import and export -----------------------------------------------------------------
    def import_file(self, path: str | None = None) -> None:
        from rapport.ui.import_dialog import ImportDialog, choose_import_file

        chosen = path or choose_import_file(self.parent_widget)
        if not chosen:
            return
        result = ImportDialog.ask(self.parent_widget, Path(chosen), self.window.worker)
        if result is None:
            return
        self.window.reload_soon(profile=True)  # read on the worker: a big import, a long list
        added = f"{result.added} new client{'s' if result.added != 1 else ''}"
        known = f"{result.updated} known client{'s' if result.updated != 1 else ''}"
        self._status(f"Imported {added}; {known} updated.")

    def export_book(self) -> None:
        from rapport.services import exchange
        from rapport.services.book import is_encrypted
        from rapport.ui.export_dialog import ExportDialog, choose_export_path

        encrypted = is_encrypted(self.window.book.data_dir)
        format = ExportDialog.ask(self.parent_widget, self.last_export_format, encrypted)
        if format is None:
            return
        path = choose_export_path(self.parent_widget, format)
        if not path:
            return
        self.last_export_format = format
        self._status("Exporting…", 0)
        self.window.worker.submit(
            lambda _ctx: exchange.export(path, format),
            name="export",
            on_done=lambda files: self._status(
                "Exported to " + ", ".join(str(f) for f in files) + "."
            ),
            on_error=lambda exc: self._failed(exc, "export the book"),
        )

    def _failed(self, exc: BaseException, doing: str) -> None:
        self.window.statusBar().clearMessage()
        messages.show_error(self.parent_widget, exc, doing)

    # -- backups ---------------------------------------------------------------------------
    def backup_now(self) -> None:
        from rapport.services import backup

        self._status("Backing up…", 0)
        self.window.worker.submit(
            lambda _ctx: backup.backup_now(),
            name="backup",
            on_done=lambda path: self._status(f"Backed up to {path}."),
            on_error=lambda exc: self._failed(exc, "back up the book"),
        )

    def start_auto_backup(self) -> None:
        """At window start: a backup when the last one is over a day old (in the background)."""
        from rapport.services import backup

        self.window.worker.submit(
            lambda _ctx: backup.auto_backup_if_due(),
            name="automatic backup",
            on_done=self._auto_done,
            on_error=lambda exc: self._failed(exc, "make the daily backup"),
        )

    def _auto_done(self, outcome: Any) -> None:
        if outcome.path is not None:
            self._status(f"Daily backup saved to {outcome.path}.", 5000)
        elif outcome.problems:
            self._offer_restore_after_damage(outcome.problems)

    def _offer_restore_after_damage(self, problems: list[str]) -> None:
        if messages.confirm(
            self.parent_widget,
            "Your book is damaged",
            "Rapport found damage in the database file, so no new backup was made "
            f"(SQLite says: {problems[0]}).\n\nRestore a backup now? The damaged book is "
            "kept as a backup first.",
            "Choose a backup…",
        ):
            self.restore()

    def restore(self) -> None:
        from rapport.services import backup
        from rapport.ui.backup_dialogs import RestoreDialog

        try:
            items = backup.list_backups()
            folder = backup.backup_folder()
        except Exception as exc:
            messages.show_error(self.parent_widget, exc, "list the backups")
            return
        path = RestoreDialog.ask(self.parent_widget, items, folder)
        if path is None:
            return
        if not messages.confirm(
            self.parent_widget,
            "Restore from backup",
            f"Replace your book with the backup {path.name}?\n\nYour book as it is now is "
            "kept as a backup first, so this can be undone by restoring that one.",
            "Restore",
        ):
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        self._status("Restoring…", 0)
        # Modal until the book is back: what the user typed meanwhile would go into the
        # book being replaced. No Cancel: the copy swaps the book in one step at its end.
        progress = QProgressDialog(f"Restoring {path.name}…", "", 0, 0, self.parent_widget)
        progress.setCancelButton(None)
        progress.setWindowTitle("Restore from backup")
        progress.setMinimumWidth(460)  # the backup's whole name, not elided
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def copied(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        def finished(restored: Any) -> None:
            progress.close()
            self._restored(restored)

        def failed(exc: BaseException) -> None:
            progress.close()
            self._failed(exc, "restore the backup")

        self.window.worker.submit(
            lambda ctx: backup.restore(path, ctx.progress),
            name="restore",
            on_done=finished,
            on_error=failed,
            on_progress=copied,
        )

    def _restored(self, restored: Any) -> None:
        from rapport.services import backup

        try:
            backup.reopen_book()
        except Exception as exc:
            messages.show_error(self.parent_widget, exc, "open the restored book")
            return
        window = self.window
        window.forget_undo()
        pane = window.built_profile()
        if pane is not None:
            pane.show_client(None)
        window.reload_soon()  # the restored book, read on the worker
        kept = f" The book as it was is kept in {restored.kept.name}." if restored.kept else ""
        self._status(f"Restored {restored.source.name}.{kept}", 15000)

    def check(self) -> None:
        from rapport.services import dbcheck

        self._status("Checking the database…", 0)
        self.window.worker.submit(
            lambda _ctx: dbcheck.check_database(),
            name="check",
            on_done=self._checked,
            on_error=lambda exc: self._failed(exc, "check the database"),
        )

    def _checked(self, report: Any) -> None:
        self.window.statusBar().clearMessage()
        text = "\n".join(report.lines())
        if report.ok:
            messages.info(
                self.parent_widget, "Check database", "Everything is in order.\n\n" + text
            )
            return
        if report.integrity:
            self._offer_restore_after_damage(report.integrity)
            return
        if report.schema:  # a trigger or a view Rapport does not make: not for repairing
            box_text = text + "\n\nRestoring a backup from before the change fixes it."
            messages.info(self.parent_widget, "Check database", box_text)
            return
        if not report.index.ok and messages.confirm(
            self.parent_widget,
            "Check database",
            text + "\n\nRebuild the search index now?",
            "Rebuild index",
        ):
            self.repair()
            return
        if report.foreign_keys:
            box_text = text + "\n\nRestoring a backup from before the problem fixes it."
            messages.info(self.parent_widget, "Check database", box_text)

    def repair(self) -> None:
        from rapport.services import dbcheck

        self.window.worker.submit(
            lambda _ctx: dbcheck.repair(),
            name="repair",
            on_done=lambda count: self._status(f"Search index rebuilt ({count} entries)."),
            on_error=lambda exc: self._failed(exc, "rebuild the search index"),
        )
