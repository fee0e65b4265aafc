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
import sys
from datetime import datetime
from pathlib import Path
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

    directory = paths.data_dir(data_dir)
    book = engines.choose(paths.database_path(directory))
    rows = book.clients_before_opening()
    if rows is None:
        return None
    # Before the understanding's modules: some compile their patterns as they load.
    _load_programs(directory)
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


def programs_path(directory: Path) -> Path:
    """The file of the grammar's compiled regexes (core/understand/programs.py), one per
    Python: no note or name is in it, only the grammar's patterns and their programs."""
    return directory / f"capture-patterns.{sys.implementation.cache_tag}.cache"


def derived_path(directory: Path) -> Path:
    """The file of what the understanding builds from its shipped data (the interest
    catalogue's index: core/understand/derived.py), one per Python; no note or name."""
    return directory / f"capture-derived.{sys.implementation.cache_tag}.cache"


def _load_programs(directory: Path) -> None:
    from rapport.core.understand.derived import load_kept
    from rapport.core.understand.programs import load_programs

    for path, load in (
        (programs_path(directory), load_programs),
        (derived_path(directory), load_kept),
    ):
        try:
            data = path.read_bytes()
        except OSError:  # none yet, or unreadable: compiled and built as usual
            continue
        load(data)


def warm_grammar(data_dir: str | os.PathLike[str]) -> int:
    """For the window at idle: every grammar pattern compiled now rather than by the first
    notes the user types, from the programs kept beside the book (a few milliseconds),
    and those it had to compile kept for the next start; the interest catalogue's index
    too. How many patterns were compiled."""
    from rapport import paths

    _load_programs(paths.data_dir(str(data_dir)))
    from rapport.core.understand import pipeline  # noqa: F401  # its stages' patterns
    from rapport.core.understand.interests import catalogue
    from rapport.core.understand.text import compile_all

    compiled = compile_all()
    catalogue()  # its index, taken from the file or built, kept with the programs
    keep_programs(str(data_dir))
    return compiled


def keep_programs(data_dir: str | None) -> None:
    """At the end of a dry run: the programs compiled in this run, with those known, and
    what the understanding built from its data, for the next run, next to the book (none
    when there is no book: a dry run creates nothing).

    A cache: written whole under another name and moved into place (a reader sees the
    old file or the new one), private (0600); when the folder is read-only or full it is
    simply not written, and the next run compiles and builds as this one did."""
    from rapport import paths
    from rapport.core.understand.derived import kept_data
    from rapport.core.understand.programs import known_programs

    directory = paths.data_dir(data_dir)
    if not paths.database_path(directory).is_file():
        return
    _write_whole(programs_path(directory), known_programs())
    try:
        derived = kept_data()
    except ValueError:  # something unmarshallable: not kept, built again next time
        derived = None
    _write_whole(derived_path(directory), derived)


def _write_whole(target: Path, data: bytes | None) -> None:
    if data is None:
        return
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, target)
    except OSError:
        temporary.unlink(missing_ok=True)
