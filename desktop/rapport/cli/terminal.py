"""What the command line sends to a terminal: the book's text, never the terminal's controls.

Names, notes and facts come from imported files and pasted text, so they can hold what a
terminal obeys instead of showing: ``ESC ]0;...BEL`` sets the window title, ``ESC [2J``
clears the screen, a carriage return writes over the line, a bidi override reverses what
follows. Every character of that family is shown as a visible escape (``\\x1b``,
``\\u202e``); a byte that is not UTF-8 (a surrogate-escaped argument) shows as ``\\xff``.

``rapport.cli.main`` wraps ``sys.stdout`` and ``sys.stderr`` in an ``EscapingStream`` for
every command, so whatever a command prints, however it prints it, goes through
``printable``. The CLI's own controls (bold search matches on a terminal, the ``\\r`` of a
progress line) are written with ``write_control``. JSON is escaped by its own rules
(``common.print_json``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TextIO

# Bidi embeddings, overrides and isolates: they reorder the text that follows them.
BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
# What is escaped: C0 controls but tab and newline, DEL, C1 controls (0x9b is CSI on
# 8-bit terminals), the bidi controls, and lone surrogates, which cannot be written as
# UTF-8 (those that stand for bytes that were not UTF-8, an argument decoded with
# surrogateescape, U+DC80-U+DCFF, show as the byte).
# Compiled when first printed through (about 1 ms for these ranges; the dry run's JSON,
# escaped by its own rules, never is).
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# Within one line (a table row, a list item) line breaks are shown too, and a tab is a
# space, so one record stays one line and its columns stay aligned.
_LINE_BREAKS = str.maketrans({"\n": "\\n", "\t": " ", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@cache
def _control() -> re.Pattern[str]:
    return re.compile(_CONTROL)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x0D:
        return "\\r"
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every terminal control shown as an escape; newlines and tabs kept."""
    return _control().sub(_escape, text)


def one_line(text: str) -> str:
    """``text`` as one line of output: controls and line breaks shown as escapes."""
    return printable(text).translate(_LINE_BREAKS)


def lines_of(text: str) -> str:
    """A block of text meant as several lines (a note's draft): its line breaks kept (CR LF
    and a lone CR read as a newline, so nothing writes over a line), the rest escaped."""
    return printable(text.replace("\r\n", "\n").replace("\r", "\n"))


class EscapingStream:
    """A text stream that shows terminal controls as escapes instead of sending them.

    Everything else (``buffer``, ``flush``, ``isatty``, ``encoding``…) is the wrapped
    stream's, so ``print(..., file=sys.stderr)`` and ``sys.stdout.buffer`` work as before.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def write_control(self, text: str) -> None:
        """The CLI's own control sequences (bold, ``\\r``), written as they are."""
        self._stream.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def write_control(stream: TextIO, text: str) -> None:
    """Write the CLI's own control sequence to ``stream``, wrapped or not."""
    getattr(stream, "write_control", stream.write)(text)


@contextmanager
def escaped_output() -> Iterator[None]:
    """While inside, ``sys.stdout`` and ``sys.stderr`` show controls as escapes."""
    saved = sys.stdout, sys.stderr
    sys.stdout = EscapingStream(sys.stdout)
    sys.stderr = EscapingStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
