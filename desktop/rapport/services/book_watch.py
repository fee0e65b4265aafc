"""Whether another program wrote to the book since the window last looked.

The window stays open while the command line (``rapport capture`` bound to a hotkey, a
script, an import) writes to the same book. SQLite counts those commits for each
connection: ``PRAGMA data_version`` changes when another connection has committed since,
never for this connection's own writes, and costs microseconds (no table is read).
"""

from __future__ import annotations

from rapport.store import engine


def data_version() -> int:
    """This thread's view of the book's change counter (compare two calls: a difference
    means someone else wrote in between)."""
    return engine.current().change_counter()
