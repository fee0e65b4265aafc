"""A book too damaged to open: which backup would bring it back, found without reading it.

``services/book.py`` names that backup in the error it raises (``damaged_book_error``),
and ``services/backup.py`` lists and restores backups with the same helpers; both import
this module, which imports neither.
"""

from __future__ import annotations

from pathlib import Path

from rapport import paths
from rapport.store import backup as store_backup
from rapport.store import engines
from rapport.store.errors import NotADatabaseError, StoreError

# A pointer left in the data directory when backups go elsewhere, so that a book too
# damaged to read its settings still finds them.
POINTER = "backup-folder.txt"


class DamagedBookError(NotADatabaseError):
    """The book cannot be opened; ``newest_backup`` is what restoring would bring back."""

    def __init__(self, message: str, path: Path, newest_backup: Path | None) -> None:
        super().__init__(message)
        self.path = path
        self.newest_backup = newest_backup


def folders_of(data_dir: Path) -> list[Path]:
    """Where backups of the book in ``data_dir`` may be, without reading the book."""
    folders = [paths.backups_dir(data_dir)]
    try:
        pointer = (data_dir / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        pointer = ""
    if pointer and Path(pointer) not in folders:
        folders.append(Path(pointer))
    return folders


def backups_in(folders: list[Path]) -> list[store_backup.BackupFile]:
    """The backups in these folders, newest first, each once."""
    found: dict[Path, store_backup.BackupFile] = {}
    for folder in folders:
        for item in store_backup.list_backups(folder):
            found.setdefault(item.path.resolve(), item)
    return sorted(found.values(), key=lambda b: (b.when, b.path.name), reverse=True)


def check_backup(path: str | Path, data_dir: Path | None = None) -> int:
    """The schema version of a file restorable over the book in ``data_dir`` (the default
    one when None), as the book's engine reads it; InvalidBackupError says why not."""
    book = paths.database_path(paths.data_dir(data_dir))
    return engines.choose(book).check_backup(Path(path).expanduser())


def newest_good_backup(data_dir: Path, tries: int = 5) -> Path | None:
    """The newest backup that passes the restore checks (without opening the book).

    Files kept as ``-damaged`` are candidates too: a book set aside by an older Rapport
    (after a full disk read as damage, or a restore that was stopped) may be whole, and
    the checks tell.
    """
    for item in backups_in(folders_of(data_dir))[:tries]:
        try:
            check_backup(item.path, data_dir)
        except StoreError:
            continue
        return item.path
    return None


def restore_advice(data_dir: Path) -> tuple[str, Path | None]:
    """What to tell a user whose book is damaged, and the backup it names."""
    newest = newest_good_backup(data_dir)
    if newest is not None:
        return f"restore the newest backup with: rapport restore {newest}", newest
    return f"no backup was found in {paths.backups_dir(data_dir)}", None


def damaged_book_error(data_dir: Path, path: Path, cause: Exception) -> DamagedBookError:
    advice, newest = restore_advice(data_dir)
    message = (
        f"{path} cannot be opened: it is damaged or not a Rapport database "
        f"(it was left untouched); {advice}"
    )
    return DamagedBookError(message, path, newest)
