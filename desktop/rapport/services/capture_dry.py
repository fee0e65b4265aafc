"""Quick capture's dry run for the command line, without the database layer.

``understand_dry_run(text, data_dir)`` returns exactly what ``capture.understand_note``
would (the same clients to match, read in the same order, the same understanding) but
reads the clients through ``store/readonly.py``, so that ``rapport capture --dry-run``
starts about as fast as Python and the understanding itself allow. It returns None when
the book cannot be read that way; the caller then opens the book as usual.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


def read_moment(value: Any) -> datetime | None:
    """A last contact as SQLite hands it back (text), None when unreadable; shared with
    services.capture, which reads the same column through the database layer."""
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def understand_dry_run(text: str, data_dir: str | None) -> dict[str, Any] | None:
    """What the note says, matched against the book's clients; None: open the book."""
    from rapport import clock, paths
    from rapport.store import readonly

    rows = readonly.known_clients(paths.database_path(paths.data_dir(data_dir)))
    if rows is None:
        return None
    from rapport.core.understand.clients import ClientIndex
    from rapport.core.understand.pipeline import KnownClient, understand
    from rapport.services.validate import check_note

    check_note(text)

    def client(i: int) -> KnownClient:
        cid, name, company, last = rows[i]
        return KnownClient(cid, name, company or "", read_moment(last))

    # One note looks at a handful of clients: the records are made for those only.
    known = ClientIndex.lazy([row[1] for row in rows], [row[2] or "" for row in rows], client)
    return understand(text, clock.today(), known)
