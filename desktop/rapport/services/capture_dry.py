"""Quick capture's dry run for the command line, without the database layer.

``understand_dry_run(text, data_dir)`` returns exactly what ``capture.understand_note``
would (the same clients to match, read in the same order, the same understanding) but
reads the clients the way the book's engine can without loading the database layer
(``Engine.clients_before_opening``: ``store/readonly.py`` for a book in a file), so
that ``rapport capture --dry-run`` starts about as fast as Python and the understanding
itself allow. It returns None when
the book cannot be read that way; the caller then opens the book as usual.
"""

from __future__ import annotations

import os
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
    from rapport.store import engines

    book = engines.choose(paths.database_path(paths.data_dir(data_dir)))
    rows = book.clients_before_opening()
    if rows is None:
        return None
    from rapport.core.understand.clients import ClientIndex
    from rapport.core.understand.dates.order import date_order
    from rapport.core.understand.pipeline import KnownClient, understand
    from rapport.services.capture_json import capture_json
    from rapport.services.validate import check_note

    check_note(text)

    def client(i: int) -> KnownClient:
        cid, name, company, last = rows[i]
        return KnownClient(cid, name, company or "", read_moment(last))

    # One note looks at a handful of clients: the records are made for those only.
    known = ClientIndex.lazy([row[1] for row in rows], [row[2] or "" for row in rows], client)
    # the order "3/4" is read in, as services.when.date_order gives it with the book open
    chosen = os.environ.get("RAPPORT_DATE_ORDER")
    order = date_order(chosen, book.setting_before_opening("date_order"), os.environ)
    return capture_json(understand(text, clock.today(), known, order == "dmy"))
