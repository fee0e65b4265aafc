"""How the ``rapport`` process ends: a command that holds nothing open may skip tearing
the interpreter down.

Python's exit after a command frees every object and module one by one: after a
``rapport capture --dry-run`` (some 170 modules, 5,000 client names) that was 18 to 20 ms
of CPU, a sixth of the process, against 13 to 16 ms for ``python -c "import peewee"``
(README's Performance, issue 22). A command that opened no book, no thread and no file it
has not closed says so (``nothing_to_close``), and ``rapport.launch.command`` then ends
the process once the output is flushed and the exit handlers (``atexit``) have run, which
is all the usual exit does that anyone can see. Every other command, and the window,
exits the usual way: a book's connection checkpoints and closes, Qt saves its settings.
"""

from __future__ import annotations

_clear = False


def nothing_to_close() -> None:
    """This process opened nothing that its exit must close (see the module docstring)."""
    global _clear
    _clear = True


def may_end_at_once() -> bool:
    return _clear
