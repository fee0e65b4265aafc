"""``rapport search QUERY [--json]``: everything that matches, grouped by kind."""

from __future__ import annotations

import argparse

from rapport.cli.common import open_book, print_json, say, say_marked, warn


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
        warn("nothing to search for; give some words")
        return 2
    open_book(args)
    results = search(query, args.limit)
    if args.json:
        print_json({"query": query, "results": [r.as_dict() for r in results]})
        return 0
    if not results:
        say(f"Nothing matches {query!r}. Try fewer words, or the start of a word.")
        return 0
    from rapport.services.search import MARK_END, MARK_START

    for kind, items in group(results):
        say(KIND_LABELS[kind])
        for item in items:
            who = f"  ({item.client})" if item.client and item.kind != "client" else ""
            # Matches are bold on a terminal; the text itself is shown, never obeyed.
            say_marked(f"  {item.title_marked}{who}", MARK_START, MARK_END)
            if item.snippet and item.snippet != item.title:
                say_marked(f"      {item.snippet_marked}", MARK_START, MARK_END)
    return 0
