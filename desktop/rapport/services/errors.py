"""What a use case can refuse, in words a user reads.

Services raise these for bad input; the command line prints the message on stderr
(exit 1, or 2 for usage and client look-up), the window shows it in a dialog.
Database trouble arrives as ``rapport.store.errors.StoreError``; it and ``translate`` (the
environment error behind a database exception) are named here too, so that the window
reaches them through services and ui/ never imports store/ (import-linter checks it).
"""

from __future__ import annotations

from collections.abc import Sequence

from rapport.store.errors import ServerAwayError, StoreError, translate

__all__ = [
    "AmbiguousError",
    "EditConflictError",
    "NotFoundError",
    "ServerAwayError",
    "ServiceError",
    "StoreError",
    "ValidationError",
    "translate",
]


class ServiceError(Exception):
    """Base class: the message is meant for the user."""

    exit_code = 1


class ValidationError(ServiceError):
    """Input that cannot be saved as given (an empty name, 2026-02-30...)."""


class NotFoundError(ServiceError):
    """An id or name that matches nothing."""

    exit_code = 2


class AmbiguousError(ServiceError):
    """A name that matches several clients; ``candidates`` lists them."""

    exit_code = 2

    def __init__(self, message: str, candidates: Sequence[tuple[int, str]]) -> None:
        super().__init__(message)
        self.candidates = list(candidates)


class EditConflictError(ServiceError):
    """A save over a client or task another member changed since it was read (a team
    book). ``changed`` names what they changed, ``by`` who; ``now`` is what the book holds
    (a ``services.editing.Editing``): saving with it replaces theirs with yours."""

    def __init__(self, message: str, changed: Sequence[str], by: str, now: object) -> None:
        super().__init__(message)
        self.changed = list(changed)
        self.by = by
        self.now = now
