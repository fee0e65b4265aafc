"""``rapport search QUERY [--json]``: everything that matches, grouped by kind."""

from __future__ import annotations

import argparse
import sys

from rapport.cli.common import open_book, print_json, say


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "search",
        help="search clients, people, facts, conversations, tasks and gifts",
        description="Words match by their beginning (basebal finds baseball); quotes, *, - "
        "and other search syntax are read as plain text.",
    )
    parser.add_argument("query", metavar="QUERY", nargs="+", help="words to look for")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--limit", type=_positive, default=50, metavar="N", help="at most N results (50)"
    )
    parser.set_defaults(run=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError("must be between 1 and 1000")
    return value


def run(args: argparse.Namespace) -> int:
    from rapport.services.search import KIND_LABELS, group, search

    query = " ".join(args.query)
    if not query.strip():
        sys.stderr.write("rapport: nothing to search for; give some words\n")
        return 2
    open_book(args)
    results = search(query, args.limit)
    if args.json:
        print_json({"query": query, "results": [r.as_dict() for r in results]})
        return 0
    if not results:
        say(f"Nothing matches {query!r}. Try fewer words, or the start of a word.")
        return 0
    bold = sys.stdout.isatty()
    for kind, items in group(results):
        say(KIND_LABELS[kind])
        for item in items:
            who = f"  ({item.client})" if item.client and item.kind != "client" else ""
            say(f"  {_show(item.title_marked, bold)}{who}")
            if item.snippet and item.snippet != item.title:
                say(f"      {_show(item.snippet_marked, bold)}")
    return 0


def _show(text: str, bold: bool) -> str:
    from rapport.services.search import MARK_END, MARK_START

    if bold:
        return text.replace(MARK_START, "\033[1m").replace(MARK_END, "\033[0m")
    return text.replace(MARK_START, "").replace(MARK_END, "")
