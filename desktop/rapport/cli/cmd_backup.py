"""``rapport backup``, ``rapport restore`` and ``rapport check``: the book's safety net.

``restore`` works even when the book itself cannot be opened any more: the damaged file
is moved into the backup folder (never deleted) and the backup takes its place. When the
book opens, it is kept as a ``before-restore`` backup first.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rapport.cli.common import open_book, print_json, say


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = sub.add_parser(
        "backup",
        help="back up the book now",
        description="Copy the book, consistently even while the window is open, to FILE or "
        "to a new dated file in the backup folder (the data folder's backups/, or the folder "
        "chosen in Preferences). FILE may be an existing folder; a missing folder is refused.",
    )
    backup.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="where (default: a new file in the backup folder)",
    )
    backup.add_argument(
        "--list",
        action="store_true",
        help="list the backups in the backup folder (newest first) instead of making one",
    )
    backup.add_argument(
        "--json",
        action="store_true",
        help='print JSON: {"path"}; with --list, [{"path", "when", "reason", "size"}]',
    )
    backup.set_defaults(run=run_backup)

    restore = sub.add_parser(
        "restore",
        help="replace the book with a backup",
        description="Replace the book with the backup FILE. The book as it was is kept as a "
        "'before-restore' backup (a damaged one is moved into the backup folder); nothing "
        "is deleted. A file that is not a Rapport backup is refused before anything changes.",
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.set_defaults(run=run_restore)

    check = sub.add_parser(
        "check",
        help="check the database and the search index",
        description="Check the database file, the links between records and the search "
        "index. Exit 0 when all is well, 1 when a problem is found.",
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="when only the search index is wrong, rebuild it (a damaged file is not touched: "
        "restore a backup)",
    )
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(run=run_check)


def run_backup(args: argparse.Namespace) -> int:
    from rapport.services import backup

    open_book(args)
    if args.list:
        items = backup.list_backups()
        if args.json:
            print_json(
                [
                    {"path": str(b.path), "when": b.when, "reason": b.reason, "size": b.size}
                    for b in items
                ]
            )
        elif not items:
            say(f"No backups yet in {backup.backup_folder()}. `rapport backup` makes one.")
        for b in [] if args.json else items:
            say(f"{b.when:%Y-%m-%d %H:%M}  {b.reason:<22} {b.size // 1024:>8} KB  {b.path}")
        return 0
    if args.file:
        _require_folder(Path(args.file).expanduser())
    from rapport.services.book import is_team_book

    if is_team_book():
        path = backup.team_export(args.file)
        if args.json:
            print_json({"path": str(path), "format": "json"})
        else:
            say(
                "A team book is backed up by its server (pg_dump); "
                f"wrote a JSON export of what you can see to {path}"
            )
        return 0
    path = backup.backup_now(args.file)
    if args.json:
        print_json({"path": str(path)})
    else:
        say(f"Backed up to {path}")
    return 0


def _require_folder(target: Path) -> None:
    """Refuse a backup into a folder that does not exist, as export and --pdf do: a typo
    in the path must not quietly create a new folder somewhere."""
    from rapport.services.errors import ValidationError

    if not target.is_dir() and not target.parent.is_dir():
        raise ValidationError(
            f"cannot back up to {target}: the folder {target.parent} does not exist"
        )


def run_restore(args: argparse.Namespace) -> int:
    from rapport import paths
    from rapport.cli.passphrases import unlock
    from rapport.services import backup, encryption
    from rapport.store.errors import NotADatabaseError

    source = Path(args.file).expanduser()
    data_dir = paths.data_dir(args.data_dir)
    if encryption.status(data_dir).encrypted:  # its backups are read with its key
        unlock(data_dir)
    # A bad file is refused before the book is touched.
    backup.check_backup(source, data_dir)
    try:
        open_book(args)
    except NotADatabaseError:
        restored = backup.recover_damaged(data_dir, source)
        say(f"Restored {source}.")
        if restored.kept:
            say(f"The damaged book was moved to {restored.kept}.")
        return 0
    restored = backup.restore(source)
    backup.reopen_book()
    say(f"Restored {source}.")
    if restored.kept:
        say(f"The book as it was is kept in {restored.kept}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from rapport.services import dbcheck

    open_book(args)
    report = dbcheck.check_database()
    repaired = None
    if args.repair and not report.index.ok and not report.integrity:
        repaired = dbcheck.repair()
        report = dbcheck.check_database()
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "integrity": report.integrity,
                "schema": report.schema,
                "read_only": report.read_only,
                "foreign_keys": report.foreign_keys,
                "index": {
                    "missing": report.index.missing,
                    "stale": report.index.stale,
                    "errors": report.index.errors,
                },
                "repaired_documents": repaired,
            }
        )
    else:
        for line in report.lines():
            say(line)
        if repaired is not None:
            say(f"Rebuilt the search index ({repaired} entries).")
        if report.integrity or report.schema:
            from rapport.services.backup import restore_advice
            from rapport.services.book import current_book

            book = current_book()
            if book is not None:
                say(restore_advice(book.data_dir)[0].capitalize() + ".")
    return 0 if report.ok else 1
