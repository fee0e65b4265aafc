"""The ``rapport`` command line: the app's use cases for hotkeys, scripts and tests.

Every command lives in its own module under ``rapport.cli`` with a ``register(sub)``
that adds its parser. Modules import only argparse at the top; the services, Qt and
anything heavy are imported inside the handlers, so that ``rapport capture --dry-run``
starts about as fast as Python and peewee allow.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from rapport import __version__
from rapport.cli import (
    cmd_bench,
    cmd_brief,
    cmd_capture,
    cmd_clients,
    cmd_demo,
    cmd_followup,
    cmd_gifts,
    cmd_note,
    cmd_search,
    cmd_tasks,
    cmd_today,
)

# Commands in the order ``rapport --help`` lists them.
COMMAND_MODULES = (
    cmd_capture,
    cmd_clients,
    cmd_today,
    cmd_tasks,
    cmd_followup,
    cmd_demo,
    cmd_gifts,
    cmd_note,
    cmd_brief,
    cmd_search,
    cmd_bench,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rapport",
        description="Rapport, a personal client memory. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"rapport {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the book lives (default: RAPPORT_DATA_DIR or the per-user data folder)",
    )
    parser.add_argument(
        "--startup-check",
        action="store_true",
        help="open the window, wait until it has painted, print 'shown in N ms' and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.data_dir:
        # Child processes (a capture window started from here) see the same book.
        os.environ["RAPPORT_DATA_DIR"] = args.data_dir
    try:
        if args.command is None:
            from rapport.app import run_app

            return run_app(args.data_dir, startup_check=args.startup_check)
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # environment errors become one line; bugs keep tracebacks
        from rapport.cli.common import report_error

        code = report_error(exc)
        if code is None:
            raise
        return code


if __name__ == "__main__":
    sys.exit(main())
