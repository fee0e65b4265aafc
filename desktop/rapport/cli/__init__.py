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
from collections.abc import Iterator, Sequence
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
    "bench",
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


def _window_options(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(--data-dir, --startup-check) when the arguments are only those, spelled out.

    Opening the window is most launches, and building a parser for it (with gettext and
    locale for its messages) cost ~2 ms of the window's start, so these two options are
    read here. Anything else (a command, --help, --version, an abbreviation, a mistake)
    gives None and goes to the full parser, which reports mistakes with every command.
    """
    data_dir: str | None = None
    startup_check = False
    words = iter(argv)
    for word in words:
        if word == "--startup-check":
            startup_check = True
        elif word == "--data-dir":
            value = next(words, None)
            if value is None or value.startswith("-"):
                return None  # the parser says what is missing
            data_dir = value
        elif word.startswith("--data-dir="):
            data_dir = word.partition("=")[2]
        else:
            return None
    return data_dir, startup_check


def _command_word(argv: Sequence[str]) -> str | None:
    """The command the arguments name, when they plainly do (else None: build them all)."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)
        elif word.startswith("--data-dir=") or word == "--startup-check":
            continue
        else:
            return None if word.startswith("-") else word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    window = _window_options(words)
    args = None
    if window is None:
        args = build_parser(wanted=_command_word(words)).parse_args(words)
        window = (args.data_dir, args.startup_check)
        if args.command is None:
            args = None
    data_dir, startup_check = window
    if data_dir is not None and not data_dir.strip():
        # An empty --data-dir "$DIR" must not fall back to the user's real book.
        sys.stderr.write("rapport: --data-dir needs a folder (it was empty)\n")
        return 2
    if data_dir:
        # Child processes (a capture window started from here) see the same book.
        os.environ["RAPPORT_DATA_DIR"] = data_dir
    try:
        if args is None:
            from rapport.app import run_app

            return run_app(data_dir, startup_check=startup_check)
        from rapport.cli.common import tolerant_output
        from rapport.cli.terminal import escaped_output

        tolerant_output()
        # What the book holds (an imported name with ESC ]0;...) is shown, never obeyed by
        # the terminal: all a command prints, its error included, passes through here.
        with escaped_output():
            return _run_command(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _run_command(args: argparse.Namespace) -> int:
    try:
        from rapport.cli.common import check_text_arguments

        check_text_arguments(args)
        return int(args.run(args) or 0)
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:  # environment errors become one line; bugs keep tracebacks
        from rapport.cli.common import report_error

        code = report_error(exc)
        if code is None:
            raise
        return code


if __name__ == "__main__":
    sys.exit(main())
