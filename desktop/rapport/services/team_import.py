"""``rapport team import-book DIR``: a personal book copied into the team book.

Moving in is two steps, because one process has one book open at a time:

1. ``read_book`` reads the personal book that is open (plain or encrypted, unlocked the
   usual way) as its JSON export would hold it, and validates it with the same rules as
   ``rapport import`` (``exchange/json_io.py``). The caller opens it with the team book's
   URL put aside (``personal_book``), then closes it.
2. ``copy_in`` writes that document into the team book that is open now, merging
   clients as importing a JSON export into a book with data does (services/exchange.py):
   a client the team book already has (same email, same folded name, or a close
   spelling) gets its empty fields filled and brings nothing else, so running the copy
   again adds nothing; a new client comes with everything recorded about them (people,
   conversations, facts, tasks, gifts, dates, cards) under new ids. Every row is written
   by the connected role, so the team sees it "by" the one who copied it.

It is ONE transaction for the whole book, as ``rapport import`` is: a failure or an
interruption leaves the team book as it was, so running it again is the whole story
(one transaction per client would leave half a book in, with the links between its
clients, referrals and introductions, cut at the point it stopped). PostgreSQL keeps the
other members working meanwhile: they read and write as usual; only a colleague making a
client of a name the copy is adding waits for it to end (the one shared client per name).

What cannot come in whole is said, one line per client (``Conflict``): a name that
could be several of the team's clients (it stays out), a second client of the same
name in the personal book (it stays out: merge the two there first), and each client
the team already has (its history stays in the personal book). Tasks of no client come
in unless the team book has one of the same title, kind and due date. The personal
book's settings and drafts stay in it.

The window (File › Copy a personal book into the team book…) keeps its team book open:
``copy_book`` reads the personal book beside it (``read_book_beside``: the file opened
on its own, not as this process's book) and copies it in, on the window's worker, with
progress and a cancel that rolls the one transaction back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from peewee import fn

from rapport import clock, paths
from rapport.exchange import json_io
from rapport.paths import DATABASE_URL_VARIABLE
from rapport.services import convert, dump, export, indexing, merge
from rapport.services.book import BookLockedError, is_encrypted_file, is_team_book
from rapport.services.errors import ValidationError
from rapport.store import models as m
from rapport.store.db import book_beside, long_transaction, make_private
from rapport.store.migrations import SCHEMA_VERSION

Progress = Callable[[int, int], None]
# The tables whose rows are a client's history (what stays out for a known client).
_HISTORY = {
    "person": "people",
    "interaction": "conversations",
    "fact": "facts",
    "task": "tasks",
    "gift": "gifts",
    "important_date": "dates",
    "inbound": "messages",
    "card": "cards",
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """A client of the personal book that did not come in whole, and why (one line)."""

    name: str
    detail: str


@dataclass(frozen=True, slots=True)
class BookCopy:
    added: int  # clients new to the team book
    known: int  # clients the team book had already (empty fields filled)
    updated: int  # of those, how many got something
    skipped: int  # clients left out (see conflicts)
    rows: dict[str, int] = field(default_factory=dict)  # rows written per table
    conflicts: tuple[Conflict, ...] = ()


@contextmanager
def personal_book(directory: str | os.PathLike[str]) -> Iterator[Path]:
    """Inside the block, books are opened from their folder, not from the team book's URL
    (the personal book in ``directory`` is opened and unlocked as usual). A folder that
    holds no book is refused (opening it would make an empty one)."""
    folder = Path(directory).expanduser()
    if not paths.database_path(folder).is_file():
        raise ValidationError(f"there is no Rapport book in {folder}: name its data folder")
    url = os.environ.pop(DATABASE_URL_VARIABLE, None)
    try:
        yield folder
    finally:
        if url is not None:
            os.environ[DATABASE_URL_VARIABLE] = url


def read_book() -> json_io.Document:
    """The open book as its JSON export holds it, read in one snapshot and validated."""
    with export.snapshot():
        tables = dump.dump_tables()
    text = json_io.dump(export.json_header(), tables)
    return json_io.load(text, dump.schema(), SCHEMA_VERSION, dump.ROW_CHECKS)


def read_book_beside(directory: str | os.PathLike[str]) -> json_io.Document:
    """The personal book in ``directory`` as ``read_book`` reads it, while the team book
    stays the open one (the window): its file is read on its own, in one snapshot. An
    encrypted book must have been unlocked in this process (``BookLockedError``: the
    window asks its passphrase, as when it opens one)."""
    folder = Path(directory).expanduser()
    path = paths.database_path(folder)
    if not path.is_file():
        raise ValidationError(f"there is no Rapport book in {folder}: name its data folder")
    key = None
    if is_encrypted_file(folder):
        from rapport.services.encryption import unlocked_key

        key = unlocked_key(folder)
        if key is None:
            raise BookLockedError(folder)
    with book_beside(path, key) as database:
        tables = dump.dump_tables(database)
    text = json_io.dump(export.json_header(), tables)
    return json_io.load(text, dump.schema(), SCHEMA_VERSION, dump.ROW_CHECKS)


def copy_book(
    directory: str | os.PathLike[str],
    *,
    private: bool = False,
    progress: Progress | None = None,
    check: Callable[[], None] | None = None,
) -> BookCopy:
    """The personal book in ``directory`` copied into the open team book (the window's
    ``rapport team import-book DIR [--private]``): read beside it, then ``copy_in``."""
    if not is_team_book():
        raise ValidationError("a personal book is copied into a team book: this one is not")
    document = read_book_beside(directory)
    if check is not None:
        check()
    return copy_in(document, private=private, progress=progress, check=check)


def copy_in(
    document: json_io.Document,
    *,
    private: bool = False,
    progress: Progress | None = None,
    check: Callable[[], None] | None = None,
) -> BookCopy:
    """Write ``document`` (``read_book``'s) into the open team book in one transaction.

    ``private``: every row copied is the copier's only ("Only me" for the whole book).
    ``check``: called at every row; what it raises (the user cancelled) rolls the whole
    copy back.
    """
    if not is_team_book():
        raise ValidationError("import-book copies into a team book: name it with --database-url")
    total = max(1, sum(len(rows) for rows in document.tables.values()))
    done = 0

    def tick(step: int = 1) -> None:
        nonlocal done
        done += step
        if check is not None:
            check()
        if progress is not None and done % 200 == 0:
            progress(min(done, total), total)

    with long_transaction("the copy of a book"):
        if private:
            make_private()
        result = _write(document, tick)
    if progress is not None:
        progress(total, total)
    return result


def _write(document: json_io.Document, tick: Callable[[int], None]) -> BookCopy:
    owned = _history_counts(document)
    matcher = merge.book_matcher()
    matched: dict[int, int | None] = {}
    conflicts: list[Conflict] = []
    known = updated = added = 0
    now = clock.now()
    for row in document.tables.get("client", []):
        name = row["name"]
        match = matcher.match(name, row.get("emails") or [])
        if match.how == "ambiguous":
            matched[row["id"]] = None  # neither new nor merged: its rows stay out
            conflicts.append(Conflict(name, f"could be {' or '.join(match.candidates)}: left out"))
        elif match.client_id is not None and match.client_id < 0:
            matched[row["id"]] = None
            same = "email as" if match.how == "email" else "name as"
            conflicts.append(
                Conflict(
                    name,
                    f"a second client of your book (id {row['id']}) with the same {same} "
                    f"{match.name}: left out; merge the two in your book, then copy again",
                )
            )
        elif match.client_id is not None:
            matched[row["id"]] = match.client_id
            known += 1
            if merge.fill(match.client_id, merge.contact_of_row(row), now):
                updated += 1
            left = owned.get(row["id"])
            conflicts.append(
                Conflict(
                    name,
                    f"the team book has {match.name} already: empty fields filled"
                    + (f"; {left} stay in your book" if left else ""),
                )
            )
        else:
            added += 1
            matcher.add(-row["id"] - 1, name, row.get("emails") or [], fuzzy=False)
    _leave_out_known_unowned_tasks(document)
    before = {model: _max_id(model) for model in indexing.DOC_OF_MODEL}
    rows = dump.insert_document(
        document, keep_ids=False, skip_clients=matched, tick=tick, keep_unowned=True
    )
    for model in indexing.DOC_OF_MODEL:  # the copied rows' search documents
        indexing.index_rows(model, convert.dicts(model.select().where(model.id > before[model])))
    skipped = sum(1 for target in matched.values() if target is None)
    return BookCopy(added, known, updated, skipped, rows, tuple(conflicts))


def _history_counts(document: json_io.Document) -> dict[int, str]:
    """Per client of the document, its history in words ("3 conversations, 1 fact")."""
    counts: dict[int, dict[str, int]] = {}
    for table, label in _HISTORY.items():
        for row in document.tables.get(table, []):
            owner = row.get("client_id")
            if owner is not None:
                per = counts.setdefault(owner, {})
                per[label] = per.get(label, 0) + 1
    return {
        owner: ", ".join(f"{count} {label}" for label, count in per.items())
        for owner, per in counts.items()
    }


def _leave_out_known_unowned_tasks(document: json_io.Document) -> None:
    """Tasks of no client the team book has already (a copy run again) stay out."""
    tasks = document.tables.get("task", [])
    if not any(row.get("client_id") is None for row in tasks):
        return
    have = set(
        convert.tuples(
            m.Task.select(m.Task.title, m.Task.kind, m.Task.due).where(m.Task.client.is_null())
        )
    )
    document.tables["task"] = [
        row
        for row in tasks
        if row.get("client_id") is not None or (row["title"], row["kind"], row["due"]) not in have
    ]


def _max_id(model: type[m.RecordModel]) -> int:
    return int(model.select(fn.MAX(model.id)).scalar() or 0)
