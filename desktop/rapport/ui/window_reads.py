"""The window's reads after a change, done off its thread (issue 17).

After a save (quick capture, Today's keys, Ctrl+Z) and when another program wrote to the
book (ui/book_watch.py), the window reads again what it shows: Today, the client list's
first rows and the counts in the status line. On a book of 10,000 clients that is tens of
milliseconds of queries, so they run on the window's worker (queued after the save that
asked for them, so they see it) and the GUI thread only applies the finished, typed
results (``WindowRead``).

Only the newest read of each thing is applied: every read, here or in place on the GUI
thread (a filter typed, a dialog's save), takes a ticket from the ``Latest`` of what it
reads, and a result whose ticket is no longer the newest is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the window imports this before the database layer is loaded)
    from rapport.core.brief import Brief
    from rapport.core.records import Profile
    from rapport.services.client_list import Listing
    from rapport.services.today import Today


class Latest:
    """Tickets for the reads of one thing: only the newest ticket's result is applied."""

    def __init__(self) -> None:
        self.number = 0

    def take(self) -> int:
        """A ticket for a read starting now (older reads under way become stale)."""
        self.number += 1
        return self.number

    def newest(self, ticket: int) -> bool:
        return ticket == self.number


@dataclass(frozen=True, slots=True)
class TodayRead:
    """What the Today page shows: its lists, and whether the book is empty."""

    data: Today
    empty: bool


@dataclass(frozen=True, slots=True)
class ListRead:
    """The client list's first rows with their cells as shown (prepared on the worker, so
    that the view measures and paints them without formatting a date per cell)."""

    listing: Listing
    texts: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class ProfileRead:
    """The open client's profile, and the brief its overview shows (composed with it)."""

    profile: Profile
    brief: Brief


@dataclass(frozen=True, slots=True)
class WindowRead:
    """One read of what the window shows; None for what was not asked (or, for the
    profile, a client deleted meanwhile: the list moves on from it)."""

    today: TodayRead | None
    clients: ListRead | None
    profile: ProfileRead | None
    totals: tuple[int, int]


def read_today() -> TodayRead:
    from rapport.services import book
    from rapport.services import today as today_service

    return TodayRead(today_service.today(), book.is_empty())


def read_profile(client_id: int) -> ProfileRead | None:
    """The client's profile and its brief, read on the worker (right after a save there);
    None when the client is gone (deleted meanwhile)."""
    from rapport.services import clients
    from rapport.services.brief import compose_profile
    from rapport.services.errors import NotFoundError

    try:
        profile = clients.profile(client_id)
    except NotFoundError:
        return None
    return ProfileRead(profile, compose_profile(profile))
