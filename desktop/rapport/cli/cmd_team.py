"""``rapport team setup`` and ``rapport team add ROLE``: a team book on PostgreSQL."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rapport.cli.common import print_json, say

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
