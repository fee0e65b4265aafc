"""``rapport team setup``, ``team add ROLE`` and ``team import-book DIR``: a team book on
PostgreSQL."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from rapport.cli.common import open_book, print_json, progress_line, say

if TYPE_CHECKING:
    from rapport.services.team import TeamSetup


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    team = sub.add_parser(
        "team",
        help="set up a team book on PostgreSQL and let members in",
        description="A team book lives in a PostgreSQL database named with --database-url "
        "(or RAPPORT_DATABASE_URL). Its owner runs these; members then open the book with "
        "their own role in the URL.",
    )
    actions = team.add_subparsers(dest="team_action", metavar="ACTION", required=True)
    setup = actions.add_parser(
        "setup",
        help="create or migrate the team book, its privacy rules and its group role",
    )
    setup.add_argument(
        "--json", action="store_true", help='print JSON: {"where", "schema", "group"}'
    )
    setup.set_defaults(run=run_setup)
    add = actions.add_parser("add", help="let an existing login role into the team")
    add.add_argument("role", metavar="ROLE", help="the member's PostgreSQL login role")
    add.add_argument("--json", action="store_true", help='print JSON: {"where", "schema", "group"}')
    add.set_defaults(run=run_add)
    copy = actions.add_parser(
        "import-book",
        help="copy a personal book into the team book",
        description="Copy the personal book in DIR (a data folder; an encrypted one is "
        "unlocked as usual) into the team book, as the member in the URL: the team sees "
        "every copied row by you, unless --private. Clients the team book has already "
        "(same email or name) get their empty fields filled and bring nothing else, so "
        "running it again adds nothing; each is named in a line, as is any client left "
        "out. One transaction: an interrupted copy writes nothing. The personal book is "
        "not changed.",
    )
    copy.add_argument("book_dir", metavar="DIR", help="the personal book's data folder")
    copy.add_argument(
        "--private",
        action="store_true",
        help="keep everything copied to yourself (as a capture marked Only me)",
    )
    copy.add_argument(
        "--json",
        action="store_true",
        help='print JSON: {"added", "known", "updated", "skipped", "rows", "conflicts"}',
    )
    copy.set_defaults(run=run_import_book)


def _print(args: argparse.Namespace, done: TeamSetup, line: str) -> None:
    if args.json:
        print_json({"where": done.where, "schema": done.schema_version, "group": done.group})
    else:
        say(line)


def run_setup(args: argparse.Namespace) -> int:
    from rapport.services import team

    done = team.setup()
    _print(args, done, f"Team book ready at {done.where} (schema {done.schema_version}); "
           f"members are the roles in {done.group}: rapport team add ROLE")  # fmt: skip
    return 0


def run_add(args: argparse.Namespace) -> int:
    from rapport.services import team

    done = team.add_member(args.role)
    _print(args, done, f"{args.role} is in the team ({done.group}) at {done.where}")
    return 0


def run_import_book(args: argparse.Namespace) -> int:
    from rapport.services import team_import
    from rapport.services.book import close_book

    with team_import.personal_book(args.book_dir) as folder:
        open_book(argparse.Namespace(data_dir=folder))
        try:
            document = team_import.read_book()
        finally:
            close_book()
    open_book(args)
    done = team_import.copy_in(document, private=args.private, progress=_progress())
    if args.json:
        print_json(
            {
                "added": done.added,
                "known": done.known,
                "updated": done.updated,
                "skipped": done.skipped,
                "rows": done.rows,
                "conflicts": [{"client": c.name, "detail": c.detail} for c in done.conflicts],
            }
        )
        return 0
    for conflict in done.conflicts:
        say(f"  {conflict.name}: {conflict.detail}")
    say(
        f"Copied into the team book: {done.added} new clients, {done.known} known "
        f"({done.updated} updated), {done.skipped} left out."
    )
    return 0


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        progress_line(f"Copying… {100 * done // max(total, 1)}%", done=done >= total)

    return show
