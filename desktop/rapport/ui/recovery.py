"""When the book cannot be opened at start: offer to restore a backup instead of failing.

Nothing happens to the damaged file without the user's choice; when they choose to
restore, it is moved (never deleted) into the backups folder first.
"""

from __future__ import annotations

from pathlib import Path

from rapport.services.book import Book, current_book
from rapport.ui import messages
from rapport.ui.backup_dialogs import DamagedBookDialog, choose_backup_file


def recover(directory: Path, error: BaseException) -> Book | str | None:
    """A book restored from a backup; 'quit' when the user declined; None when it is not
    a damaged book (the caller reports the error as usual)."""
    from rapport import paths
    from rapport.services import backup
    from rapport.services.backup import DamagedBookError

    if not isinstance(error, DamagedBookError):
        return None
    newest = error.newest_backup
    while True:
        answer = DamagedBookDialog.ask(None, str(error), newest)
        if answer == "quit":
            return "quit"
        source: Path | None = newest
        if answer == "choose":
            chosen = choose_backup_file(None, paths.backups_dir(directory))
            if not chosen:
                continue
            source = Path(chosen)
        if source is None:
            continue
        try:
            backup.recover_damaged(directory, source)
        except Exception as exc:
            messages.show_error(None, exc, "restore the backup")
            continue
        return current_book()
