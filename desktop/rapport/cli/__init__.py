"""The ``rapport`` command line: the app's use cases for hotkeys, scripts and tests.

Every command lives in its own module under ``rapport.cli`` with a ``register(sub)``
that adds its parser. Modules import only argparse at the top; the services, Qt and
anything heavy are imported inside the handlers, so that ``rapport capture --dry-run``
starts about as fast as Python and peewee allow.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from rapport import __version__

if TYPE_CHECKING:
    import argparse

# Commands in the order ``rapport --help`` lists them: each is the module
# ``rapport.cli.cmd_NAME``, imported only when a parser is built (opening the window
# builds none, and ``rapport capture`` builds one).
COMMANDS = (
    "capture",
    "clients",
    "today",
    "tasks",
    "followup",
    "demo",
    "gifts",
    "note",
    "envelope",
    "cards",
    "brief",
    "search",
    "exchange",
    "backup",
    "phone",
    "encrypt",
    "bench",
    "team",
)


def command_modules() -> Iterator[ModuleType]:
    """The command modules, imported one by one in COMMANDS order."""
    for name in COMMANDS:
        yield importlib.import_module(f"rapport.cli.cmd_{name}")


def build_parser(wanted: str | None = None) -> argparse.ArgumentParser:
    """The parser of the global options and the commands.

    With ``wanted`` (the command the arguments name), command parsers are registered in
    order until that one is: the hotkey's ``rapport capture`` builds one, not twelve.
    """
    import argparse

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
        "--date-order",
        choices=("mdy", "dmy"),
        help="read 3/4 as March 4 (mdy) or 3 April (dmy) for this run (default: the "
        "Preferences setting, else the locale; also RAPPORT_DATE_ORDER)",
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="a team book on a PostgreSQL server, postgresql://ROLE@HOST:PORT/DB "
        "(default: RAPPORT_DATABASE_URL); passwords come from ~/.pgpass",
    )
    parser.add_argument(
        "--startup-check",
        action="store_true",
        help="open the window, wait until it has painted, print 'shown in N ms' and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(sub)
        if wanted is not None and wanted in sub.choices:
            break
    for command in sub.choices.values():
        # CLI.md puts --data-dir before the command; scripts that put it after get the
        # same book rather than a usage error (not listed in each command's help).
        command.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        command.set_defaults(text_arguments=_text_arguments(command))
    return parser


# Arguments that name a file or folder: any bytes make a valid name there. Every other
# argument is text, which must be UTF-8 to be stored or matched (see common.checked_text).
PATH_METAVARS = ("FILE", "DIR")
TEXT_LABELS = {"text": "the note", "query": "the search"}


def _text_arguments(command: argparse.ArgumentParser) -> dict[str, str]:
    """{dest: how a message names it} for the command's text arguments."""
    labels = {}
    for action in command._actions:
        if action.nargs == 0 or action.metavar in PATH_METAVARS or action.dest == "data_dir":
            continue  # flags, and names of files
        name = action.option_strings[-1] if action.option_strings else action.metavar
        labels[action.dest] = TEXT_LABELS.get(action.dest) or str(name or action.dest)
    return labels


def _command_word(argv: Sequence[str]) -> str | None:
    """The command the arguments name, when they plainly do (else None: build them all)."""
    words = iter(argv)
    for word in words:
        if word in ("--data-dir", "--date-order"):
            next(words, None)
        elif word.startswith(("--data-dir=", "--date-order=")) or word == "--startup-check":
            continue
        else:
            return None if word.startswith("-") else word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command in this process, as ``rapport COMMAND`` does (scripts and tests).

    The ``rapport`` command itself starts in ``rapport.launch``, which opens the windows
    (no command, or ``capture`` without TEXT); the command line never imports them, so
    arguments that ask for a window are refused here with exit 2.
    """
    from rapport.paths import take_database_url

    words, no_url = take_database_url(sys.argv[1:] if argv is None else list(argv))
    if no_url is not None:
        sys.stderr.write(f"rapport: {no_url}\n")
        return 2
    try:
        args = parse(words)
        refused = use_data_dir(args.data_dir)
        if refused:
            return refused
        if window_wanted(args) is not None:
            sys.stderr.write("rapport: that opens a window; run it as the rapport command\n")
            return 2
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def parse(words: Sequence[str]) -> argparse.Namespace:
    """The arguments of a command line that is not only window options.

    Mistakes, ``--help`` and ``--version`` end the process (argparse's SystemExit).
    """
    args = build_parser(wanted=_command_word(words)).parse_args(words)
    if args.date_order:
        # one run's order wins over the book's setting (services/when.py date_order)
        os.environ["RAPPORT_DATE_ORDER"] = args.date_order
    return args


def window_wanted(args: argparse.Namespace) -> str | None:
    """The window the arguments ask for: "main" with no command, "capture" for
    ``rapport capture`` without TEXT; None when a command runs here."""
    if args.command is None:
        return "main"
    if args.command == "capture" and args.text is None:
        return "capture"
    return None


def use_data_dir(data_dir: str | None) -> int:
    """2 (with the reason on stderr) for an empty --data-dir; else 0, the folder noted."""
    from rapport.paths import use_data_dir_option

    refused = use_data_dir_option(data_dir)
    if refused is not None:
        sys.stderr.write(f"rapport: {refused}\n")
        return 2
    return 0


def run(
    args: argparse.Namespace, handler: Callable[[argparse.Namespace], int] | None = None
) -> int:
    """Run the command the arguments name (or ``handler`` in its place: the capture
    window that ``rapport.launch`` opens goes through the same checks and messages)."""
    from rapport.cli.common import tolerant_output
    from rapport.cli.terminal import escaped_output

    tolerant_output()
    # What the book holds (an imported name with ESC ]0;...) is shown, never obeyed by
    # the terminal: all a command prints, its error included, passes through here.
    with escaped_output():
        return _run_command(args, handler or args.run)


def _run_command(args: argparse.Namespace, handler: Callable[[argparse.Namespace], int]) -> int:
    try:
        from rapport.cli.common import check_text_arguments

        check_text_arguments(args)
        return int(handler(args) or 0)
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:  # environment errors become one line; bugs keep tracebacks
        from rapport.cli.common import report_error

        code = report_error(exc)
        if code is None:
            raise
        return code
