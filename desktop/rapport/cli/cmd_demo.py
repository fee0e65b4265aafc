"""``rapport demo``: a believable sample book, small for a first look or huge for benchmarks."""

from __future__ import annotations

import argparse
import sys

from rapport.cli.common import open_book, progress_line, say, warn


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("demo", help="load realistic sample data")
    parser.add_argument(
        "--clients", type=_positive, default=None, metavar="N", help="how many (default 25)"
    )
    parser.add_argument(
        "--notes", type=_positive, default=None, metavar="N", help="how many conversations"
    )
    parser.add_argument("--seed", type=int, default=None, metavar="S", help="random seed")
    parser.add_argument(
        "--force", action="store_true", help="add the sample book even if the book has data"
    )
    parser.set_defaults(run=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    from rapport.sample import demo
    from rapport.services.book import is_empty
    from rapport.services.clients import count_clients

    open_book(args)
    if not is_empty() and not args.force:
        count = count_clients(include_archived=True)
        warn(
            f"the book already has {count} clients; sample data was not added "
            "(use --force to add it anyway)"
        )
        return 0
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if interactive:
            progress_line(f"Loading sample data… {100 * done // max(total, 1)}%")

    summary = demo.load_demo(
        clients=args.clients, notes=args.notes, seed=args.seed, progress=progress
    )
    if interactive:
        sys.stderr.write("\n")
    say(
        f"Loaded {summary.clients} clients, {summary.interactions} conversations and "
        f"{summary.tasks} tasks."
    )
    return 0
