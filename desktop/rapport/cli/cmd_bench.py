"""``rapport bench``: time the app's own operations on the book in the data directory."""

from __future__ import annotations

import argparse

from rapport.cli.common import open_book, print_json, say

HELP = """\
Times, in this process, what the window and the command line do with the book in the
data directory: search as you type, opening a profile, the brief, understanding a note
(capture parse), saving a capture, the Today view and the client list. Each operation
runs once to warm up, then RUNS times (at least 50) on varied inputs drawn from the book
(names, prefixes, interests, two-word queries; random clients; notes written about real
clients). Saves and Today run inside a transaction that is rolled back, so the book is
left exactly as it was (the figures exclude only the final commit). For the scale test:

  rapport --data-dir /tmp/big demo --clients 5000 --notes 100000 --seed 1
  rapport --data-dir /tmp/big bench --json
"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "bench",
        help="time the app's operations on the current book",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see CLI.md)")
    parser.add_argument(
        "--runs", type=_runs, default=50, metavar="N", help="repetitions per operation (≥ 50)"
    )
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="which inputs to draw")
    parser.set_defaults(run=run)


def _runs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 50:
        raise argparse.ArgumentTypeError("at least 50 repetitions")
    return value


# Row label, JSON key of the median, JSON key of the p95 (None: not reported), the goal,
# and the operation's name in the CPU-time keys.
ROWS = (
    ("search", "search_p50_ms", "search_p95_ms", "p95 ≤ 5", "search"),
    ("open a profile", "profile_p50_ms", "profile_p95_ms", "", "profile"),
    ("brief", "brief_p50_ms", "brief_p95_ms", "p95 ≤ 15", "brief"),
    ("capture parse", "capture_parse_p50_ms", "capture_parse_p95_ms", "p95 ≤ 10", "capture_parse"),
    ("save a capture", "save_p50_ms", "save_p95_ms", "p95 ≤ 5", "save"),
    ("Today", "today_ms", "today_p95_ms", "≤ 25", "today"),
    ("all clients", "list_clients_ms", None, "", "list_clients"),
    ("list, 1st page", "client_list_page_ms", None, "", "client_list_page"),
)


def run(args: argparse.Namespace) -> int:
    from rapport.bench.run import run_bench

    open_book(args)
    report = run_bench(args.runs, args.seed).as_json()
    if args.json:
        print_json(report)
        return 0
    say(
        f"{report['clients']:,} clients, {report['notes']:,} conversations; "
        f"{report['runs']} runs each after a warm-up (milliseconds)"
    )
    # The CPU p95 beside the clock's: a gap between them is time spent waiting for a core.
    say(f"{'operation':<16}{'median':>9}{'p95':>9}{'CPU p95':>9}   goal")
    for label, p50, p95, goal, name in ROWS:
        p95_text = _ms(report[p95]) if p95 else f"{'':>9}"
        cpu_text = _ms(report[f"{name}_cpu_p95_ms"])
        say(f"{label:<16}{_ms(report[p50])}{p95_text}{cpu_text}   {goal}".rstrip())
    if report["profile_largest_ms"] is not None:
        say(
            f"largest client: profile {report['profile_largest_ms']:.2f}, "
            f"brief {report['brief_largest_ms']:.2f}"
        )
    # What was read from the disk, not the file cache, while timed: those figures hold
    # the disk's waits, not only the code's cost (the bench reads the book first).
    disk = [(name, report[f"{name}_disk_kb"]) for *_, name in ROWS]
    read = ", ".join(f"{name} {kb:,.0f} KB" for name, kb in disk if kb)
    if read:
        say(f"read from the disk while timed: {read}")
    warm = report["capture_parse_warm_ms"]
    if warm is not None:
        say(f"capture parse's warm-up (the grammar compiled on first use): {warm:.1f}")
    if not report["clients"]:
        say(
            "The book is empty, so there is nothing to search, open or capture about (—). "
            "Fill it first, e.g. rapport demo --clients 5000 --notes 100000 --seed 1."
        )
    return 0


def _ms(value: float | None) -> str:
    return f"{'—':>9}" if value is None else f"{value:9.2f}"
