"""The ``rapport`` command: it decides between a window and a command, above both.

With no command (only ``--data-dir`` and ``--startup-check``) the window opens
(``rapport.app``); ``rapport capture`` without TEXT opens the capture window; every other
command runs on the command line (``rapport.cli``), which never imports ui/ or Qt's
widgets. Deciding here keeps the arrows one way (cli and app never import each other)
and keeps Qt off the command line's path: the hotkey's ``rapport capture --dry-run``
loads no PySide6, and opening the window builds no parser.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from rapport import paths
from rapport.ending import may_end_at_once

if TYPE_CHECKING:
    import argparse


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rapport`` command (and ``python -m rapport``)."""
    words, refused = paths.take_database_url(sys.argv[1:] if argv is None else list(argv))
    if refused is not None:
        sys.stderr.write(f"rapport: {refused}\n")
        return 2
    try:
        window = window_options(words)
        if window is not None:
            # Most launches: rapport.cli is not even imported.
            data_dir, startup_check = window
            refused = paths.use_data_dir_option(data_dir)
            if refused is not None:
                sys.stderr.write(f"rapport: {refused}\n")
                return 2
            return _main_window(data_dir, startup_check)
        from rapport import cli

        args = cli.parse(words)
        code = cli.use_data_dir(args.data_dir)
        if code:
            return code
        wanted = cli.window_wanted(args)
        if wanted == "main":
            return _main_window(args.data_dir, args.startup_check)
        if wanted == "capture":
            # Through the command's checks and error reporting, like any command.
            return cli.run(args, _capture_window)
        return cli.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def command() -> NoReturn:
    """The installed ``rapport`` command (and ``python -m rapport``, the frozen app): main(),
    then the end of the process. After a command that opened nothing it has to close (the
    dry run, ``rapport.ending``) the interpreter is not torn down: the output is flushed, the
    exit handlers run, and the process ends with main()'s code."""
    code = main()
    if may_end_at_once():
        _end_at_once(code)
    raise SystemExit(code)


def _end_at_once(code: int) -> NoReturn:
    import atexit
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        # A reader gone (BrokenPipeError) or a closed stream: nothing more can be said.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    atexit._run_exitfuncs()  # what an exit runs that others can see: kept caches, logs
    os._exit(code)


def window() -> int:
    """Entry point of the ``rapport-window`` launcher (no console)."""
    from pathlib import Path

    data_dir = None
    if "--data-dir" in sys.argv:
        position = sys.argv.index("--data-dir")
        if position + 1 < len(sys.argv):
            data_dir = str(Path(sys.argv[position + 1]))
    return _main_window(data_dir, False)


def window_options(argv: Sequence[str]) -> tuple[str | None, bool] | None:
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


def _main_window(data_dir: str | None, startup_check: bool) -> int:
    from rapport.app import run_app

    return run_app(data_dir, startup_check=startup_check)


def _capture_window(args: argparse.Namespace) -> int:
    from rapport.app import run_capture_window

    return run_capture_window(args.data_dir, args.client)
