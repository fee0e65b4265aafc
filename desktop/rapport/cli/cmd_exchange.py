"""``rapport import`` and ``rapport export``: contacts in, everything out.

``rapport import FILE`` shows what it found (new, already known, skipped with reasons)
and writes it in one transaction; ``--dry-run`` stops after showing. A CSV that is not a
Google or Outlook export is mapped column by column: the proposed mapping is printed, and
``--map "Column=field"`` (repeatable) changes it.

``rapport export FILE`` picks the format from the file name (.json, .csv, .vcf, .ics) or
``--format``. CSV is two files: ``out.csv`` gives ``out-clients.csv`` and
``out-tasks.csv``; an existing folder gets ``clients.csv`` and ``tasks.csv``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rapport.cli.common import open_book, print_json, progress_line, say, warn


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser(
        "import",
        help="import contacts (vCard, CSV) or a full JSON export",
        description="Read FILE completely, show what it holds (new clients, clients already "
        "in the book, rows skipped and why), then write it in one transaction: a file that "
        "fails part-way changes nothing. Clients already in the book (same email, or same "
        "name) are not added twice. A CSV that is not a Google or Outlook export is mapped "
        "column by column: the proposed mapping is printed, and --map changes it.",
        epilog="examples: rapport import contacts.vcf --dry-run · rapport import people.csv "
        '--map "Full name=name" --map "Employer=company" · rapport import old.csv '
        "--encoding cp1252",
    )
    imp.add_argument("file", metavar="FILE", help="a .vcf, .csv or Rapport .json export")
    imp.add_argument(
        "--format",
        choices=("vcard", "csv", "json"),
        help="the file's format (default: from its name and content)",
    )
    imp.add_argument(
        "--encoding",
        metavar="E",
        help="the file's text encoding when it is not UTF-8 (for example cp1252 or latin-1)",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="for a generic CSV: which field a column holds (fields: "
        "name, first_name, middle_name, last_name, company, role, email, phone, address, "
        "street, city, region, postcode, country, birthday, how_we_met, notes, referred_by, "
        "cadence_days, archived, ignore)",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    imp.add_argument("--json", action="store_true", help="print the outcome as JSON")
    imp.set_defaults(run=run_import)

    exp = sub.add_parser(
        "export",
        help="export everything (json, csv, vcard, ics)",
        description="Write the whole book to FILE. json: everything (rapport import reads "
        "it back); csv: two files, FILE-clients.csv and FILE-tasks.csv (or clients.csv and "
        "tasks.csv inside an existing folder); vcard: one card per client; ics: open tasks "
        "as to-dos and yearly dates (birthdays, anniversaries). The folder must exist.",
    )
    exp.add_argument("file", metavar="FILE", help="where to write (.json, .csv, .vcf, .ics)")
    exp.add_argument(
        "--format",
        choices=("json", "csv", "vcard", "ics"),
        help="the format (default: from FILE's extension)",
    )
    exp.add_argument("--json", action="store_true", help="print the files written as JSON")
    exp.set_defaults(run=run_export)


def _mapping(pairs: list[str]) -> dict[str, str] | None:
    from rapport.services.errors import ValidationError

    if not pairs:
        return None
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        if not sep or not column.strip():
            raise ValidationError(f"--map {pair!r}: write it as COLUMN=FIELD")
        mapping[column.strip()] = target.strip()
    return mapping


def run_import(args: argparse.Namespace) -> int:
    from rapport.services import exchange
    from rapport.services.errors import ValidationError

    open_book(args)
    mapping = _mapping(args.map)
    plan = exchange.preview_import(args.file, args.format, None, args.encoding)
    if mapping is not None:
        if not plan.needs_mapping:
            raise ValidationError(f"--map is for a plain CSV; this file is {plan.flavour}")
        # Columns not named on the command line keep the proposed mapping.
        plan = exchange.preview_import(
            args.file, args.format, {**(plan.mapping or {}), **mapping}, args.encoding
        )
    if plan.problem:
        columns = ", ".join(repr(c) for c in plan.columns[:12])
        raise ValidationError(
            f'{plan.problem}; for example --map "{plan.columns[0]}=name" '
            f"(the columns are {columns})"
        )
    if plan.needs_mapping and mapping is None and plan.mapping and not args.json:
        say('Columns (change with --map "COLUMN=FIELD"):')
        for column, target in plan.mapping.items():
            say(f"  {column!r} -> {target}")
    result = None
    if not args.dry_run and plan.writes_anything:
        from rapport.services.backup import auto_backup_if_due

        auto_backup_if_due()
        result = exchange.apply_import(plan, progress=_progress())
    if args.json:
        print_json(_plan_json(plan, result, args.dry_run))
        return 0
    say(f"{plan.path.name}: {plan.description}: {plan.summary()}")
    for item in plan.items:
        if item.action == "skipped":
            say(f"  skipped {item.where}: {item.name or '(no name)'}: {item.detail}")
        elif item.action == "known":
            say(f"  known   {item.name}: {item.detail}")
    if args.dry_run:
        say("Nothing was written (--dry-run).")
    elif result is None:
        say("Nothing to import.")
    else:
        say(f"Imported: {result.added} clients added, {result.updated} updated.")
    return 0


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        progress_line(f"Importing… {100 * done // max(total, 1)}%", done=done >= total)

    return show


def _plan_json(plan: Any, result: Any, dry_run: bool) -> dict[str, Any]:
    return {
        "file": str(plan.path),
        "format": plan.format,
        "flavour": plan.flavour,
        "encoding": plan.encoding,
        "new": plan.count("new"),
        "known": plan.count("known"),
        "skipped": [
            {"where": i.where, "name": i.name, "reason": i.detail}
            for i in plan.items
            if i.action == "skipped"
        ],
        "mapping": plan.mapping,
        "dry_run": dry_run,
        "added": result.added if result else 0,
        "updated": result.updated if result else 0,
        "rows": result.rows if result else {},
    }


def run_export(args: argparse.Namespace) -> int:
    from rapport.services import exchange
    from rapport.services.book import current_book, is_encrypted

    open_book(args)
    written = exchange.export(args.file, args.format)
    if args.json:
        print_json({"files": [str(path) for path in written]})
    else:
        for path in written:
            say(f"Wrote {path}")
    book = current_book()
    if book is not None and is_encrypted(book.data_dir):
        warn("the book is encrypted, but the exported file is not: keep it safe")
    return 0
