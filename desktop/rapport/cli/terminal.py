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

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

# C0 controls but tab and newline, DEL, C1 controls (0x9b is CSI on 8-bit terminals).
_CONTROLS = [*range(0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]
# Bidi embeddings, overrides and isolates: they reorder the text that follows them.
BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]

ESCAPES: dict[int, str] = {code: f"\\x{code:02x}" for code in _CONTROLS}
ESCAPES[0x0D] = "\\r"
ESCAPES.update({code: f"\\u{code:04x}" for code in BIDI_CONTROLS})
# Lone surrogates cannot be written as UTF-8; those that stand for bytes that were not
# UTF-8 (an argument decoded with surrogateescape) show as the byte itself.
ESCAPES.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)})
ESCAPES.update({code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)})

# Within one line (a table row, a list item): line breaks show as escapes too, and a tab
# is a space, so one record stays one line and its columns stay aligned.
LINE_ESCAPES: dict[int, str] = {
    **ESCAPES,
    0x0A: "\\n",
    0x09: " ",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def printable(text: str) -> str:
    """``text`` with every terminal control shown as an escape; newlines and tabs kept."""
    return text.translate(ESCAPES)


def one_line(text: str) -> str:
    """``text`` as one line of output: controls and line breaks shown as escapes."""
    return text.translate(LINE_ESCAPES)


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
