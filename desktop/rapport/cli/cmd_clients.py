"""``rapport clients``: the client list."""

from __future__ import annotations

import argparse

from rapport.cli.common import open_book, print_json, say
from rapport.cli.terminal import one_line


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("clients", help="list clients")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--all", action="store_true", help="include archived clients")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rapport.services.clients import list_clients

    open_book(args)
    rows = list_clients(include_archived=args.all)
    if args.json:
        print_json(
            [
                {
                    "id": row.id,
                    "name": row.name,
                    "company": row.company,
                    "last_contact": row.last_contact_at.date().isoformat()
                    if row.last_contact_at
                    else None,
                    "open_tasks": row.open_tasks,
                    "archived": row.archived,
                }
                for row in rows
            ]
        )
        return 0
    if not rows:
        say("No clients yet. Add one in the window, or try `rapport demo` for a sample book.")
        return 0
    # Names as shown (a control character is four characters wide as an escape), so the
    # columns stay aligned.
    names = [one_line(row.name) for row in rows]
    width = max(len(name) for name in names)
    for row, name in zip(rows, names, strict=True):
        last = row.last_contact_at.date().isoformat() if row.last_contact_at else "never"
        company = f"  {row.company}" if row.company else ""
        say(f"{row.id:>6}  {name:<{width}}  last contact {last:<10}{company}")
    return 0
