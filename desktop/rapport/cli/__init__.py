"""The ``rapport`` command line: the app's use cases for hotkeys, scripts and tests.

Every command lives in its own module under ``rapport.cli`` with a ``register(sub)``
that adds its parser. Modules import only argparse at the top; the services, Qt and
anything heavy are imported inside the handlers, so that ``rapport capture --dry-run``
starts about as fast as Python and peewee allow.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import NoReturn

from rapport import __version__

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


def build_parser(
    commands: bool = True,
    parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser,
    wanted: str | None = None,
) -> argparse.ArgumentParser:
    """The parser; without ``commands``, only the global options (the window's start).

    With ``wanted`` (the command the arguments name), command parsers are registered in
    order until that one is: the hotkey's ``rapport capture`` builds one, not twelve.
    """
    parser = parser_class(
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
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(sub)
        if wanted is not None and wanted in sub.choices:
            break
    for command in sub.choices.values():
        # CLI.md puts --data-dir before the command; scripts that put it after get the
        # same book rather than a usage error (not listed in each command's help).
        command.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def _names_a_command(argv: Sequence[str]) -> bool:
    """Whether the arguments may name a command (or ask for help): anything but the global
    options. Opening the window needs no command parsers, which take ~10 ms to build."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)
        elif not word.startswith("--") or word in ("--help", "--"):
            return True
    return False


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


class _WindowParser(argparse.ArgumentParser):
    """The global options alone; on a mistake, the full parser says it (with COMMAND)."""

    words: Sequence[str] = ()

    def error(self, message: str) -> NoReturn:
        build_parser().parse_args(self.words)
        super().error(message)  # (the full parser has exited already)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if _names_a_command(words):
        args = build_parser(wanted=_command_word(words)).parse_args(words)
    else:
        parser = build_parser(commands=False, parser_class=_WindowParser)
        parser.words = words  # type: ignore[attr-defined]
        args = parser.parse_args(words)
    if args.data_dir is not None and not args.data_dir.strip():
        # An empty --data-dir "$DIR" must not fall back to the user's real book.
        sys.stderr.write("rapport: --data-dir needs a folder (it was empty)\n")
        return 2
    if args.data_dir:
        # Child processes (a capture window started from here) see the same book.
        os.environ["RAPPORT_DATA_DIR"] = args.data_dir
    try:
        if args.command is None:
            from rapport.app import run_app

            return run_app(args.data_dir, startup_check=args.startup_check)
        from rapport.cli.common import tolerant_output

        tolerant_output()
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
