"""Captures typed while the team book's server is away: kept here, sent when it is back.

When the server of a team book cannot be reached, the capture window (and ``rapport
capture``) keeps the note in the outbox on this computer (``store/outbox.py``) instead of
failing: nothing typed is lost. ``send`` saves what waits, oldest first, each capture in
its own transaction on the server, and forgets it only after that commit. A capture the
server refuses (it names no client the book knows, a conflict) is set aside, saying why,
and the rest go on in their order; the window shows the ones set aside to be edited and
saved again, or discarded (ui/outbox_review.py): nothing typed is lost.

A capture carries the key it was given when typed to its conversation
(``Interaction.capture_key``, unique): a send cut off between the server's commit and the
outbox's delete (a kill, the server going away at the commit) finds it saved the next
time and does not save it twice; two programs sending at once save it once.

What is sent is what the save would have sent: the window's understanding and ticked
suggestions as shown; the command line's note is understood when sent, against the
book's clients, as of the day it was typed (its "by Friday" is that week's Friday).

Only for a team book; psycopg is loaded by the functions that need the server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapport import clock, paths
from rapport.core import control_chars
from rapport.services import book
from rapport.services.errors import ServerAwayError, ServiceError, StoreError, ValidationError
from rapport.store import models as m
from rapport.store.db import transaction
from rapport.store.outbox import KeptCapture, Outbox, new_key, outbox_path

__all__ = [
    "Kept",
    "KeptCapture",
    "Sent",
    "forget",
    "keep",
    "new_key",
    "refused",
    "send",
    "team_url",
    "waiting",
]

# How many characters of a note name it in a message.
NAMED_CHARS = 40


@dataclass(frozen=True, slots=True)
class Kept:
    """A capture kept in the outbox: its key, and how many wait now (it included)."""

    key: str
    waiting: int
    server: str  # host:port, for the status bar
    where: str  # the server and database, without role or password


@dataclass(frozen=True, slots=True)
class Sent:
    """What one ``send`` did."""

    saved: int  # captures saved to the team book now
    waiting: int  # still in the outbox to be sent (not those set aside)
    away: bool  # the server is (still) away
    server: str  # host:port
    failed: str = ""  # the capture the server refused in this send, and why (one line)
    refused: int = 0  # captures set aside, the server refused them (this send or before)


def team_url() -> str | None:
    """The team book's URL when the book named is a team book, else None."""
    url = os.environ.get(paths.DATABASE_URL_VARIABLE, "")
    return url if url.startswith(("postgresql://", "postgres://")) else None


def _outbox(url: str) -> Outbox:
    from rapport.store import postgres

    current = book.current_book() or book.waiting_book()  # (a team server away at start)
    folder = current.data_dir if current is not None else paths.data_dir()
    paths.ensure_private_dir(folder)
    return Outbox(outbox_path(folder, postgres.where(url), postgres.role(url)))


def _required_url() -> str:
    url = team_url()
    if url is None:
        raise ValidationError("the outbox is for a team book (RAPPORT_DATABASE_URL)")
    return url


def keep(
    text: str,
    understanding: dict[str, Any] | None,
    accepted: list[int] | None,
    *,
    private: bool = False,
    client: str | None = None,
    accept: str = "",
    key: str | None = None,
) -> Kept:
    """Keep a capture the server could not take now (one local transaction).

    ``understanding`` and ``accepted``: what the window showed and the user ticked; None
    (the command line) means understood when sent, with ``client`` (``--client``) and
    ``accept`` (``--accept``). ``key``: the key the failed save carried (``new_key``),
    so that a save the server did commit before it went away is not saved again.
    """
    from rapport.store import postgres

    url = _required_url()
    box = _outbox(url)
    kept = box.add(
        book=postgres.where(url),
        author=postgres.role(url),
        typed_at=clock.now(),
        text=control_chars.clean(text),
        private=private,
        understanding=understanding,
        accepted=accepted,
        client=client,
        accept=accept,
        key=key,
    )
    return Kept(kept.key, box.count(), postgres.server_name(url), kept.book)


def waiting() -> list[KeptCapture]:
    """The captures in the outbox, oldest first, set aside or not (none for a book in a
    file)."""
    url = team_url()
    return [] if url is None else _outbox(url).waiting()


def refused() -> list[KeptCapture]:
    """The captures the server refused, set aside for the user, oldest first."""
    return [item for item in waiting() if item.refused]


def forget(key: str) -> None:
    """Take a capture out of the outbox: the user discarded it, or saved it again edited."""
    _outbox(_required_url()).remove(key)


def send() -> Sent:
    """Save the outbox's captures to the open team book, oldest first, each in its own
    transaction, each forgotten once committed; stop at the first that fails.

    With nothing waiting it only asks whether the server is there.
    """
    from rapport.store import postgres

    url = _required_url()
    server = postgres.server_name(url)
    box = _outbox(url)
    everything = box.waiting()
    kept = [item for item in everything if not item.refused]
    aside = len(everything) - len(kept)
    if not kept:
        try:
            postgres.ping()
        except ServerAwayError:
            return Sent(0, 0, True, server, refused=aside)
        return Sent(0, 0, False, server, refused=aside)
    saved = 0
    failed = ""
    for index, item in enumerate(kept):
        try:
            _send_one(item)
        except ServerAwayError:
            left = len(kept) - index
            return Sent(saved, left, True, server, failed, aside)
        except (ServiceError, StoreError) as exc:
            why = str(exc).strip().rstrip(".")
            box.refuse(item.key, why)  # set aside for the user; the rest go on in order
            failed = f"{named(item)}: {why}"
            aside += 1
            continue
        box.remove(item.key)
        saved += 1
    return Sent(saved, 0, False, server, failed, aside)


def named(item: KeptCapture) -> str:
    """'the capture typed 7 Dec 10:02 ("Lunch with Bob Smith…") was not saved'."""
    words = " ".join(item.text.split())
    if len(words) > NAMED_CHARS:
        words = words[: NAMED_CHARS - 1].rstrip() + "…"
    day = f"{item.typed_at.day} {item.typed_at:%b %H:%M}"
    return f'the capture typed {day} ("{words}") was not saved'


def _send_one(item: KeptCapture) -> None:
    """Save one kept capture in one transaction, unless an earlier send already did."""
    from rapport.services import capture

    try:
        with transaction():
            if _saved_before(item.key):
                return
            understanding = item.understanding
            if understanding is None:
                understanding = _understood(item)
            accepted = item.accepted
            if accepted is None:
                accepted = capture.accepted_kinds(understanding, item.accept)
            capture.save_capture(
                item.text,
                understanding,
                accepted_suggestions=accepted,
                happened_at=item.typed_at,
                private=item.private,
                key=item.key,
            )
            _forget_its_draft(item)
    except ServerAwayError:
        raise
    except Exception:
        # Another program sent it at the same moment (the key is unique): saved once.
        if not _saved_before(item.key):
            raise


def _forget_its_draft(item: KeptCapture) -> None:
    """The draft the window kept in the book before the server went away is this note
    (or older): it goes, as a save forgets its draft. One typed since stays (the clock
    counts seconds: a draft of the same second is this note's when it begins the note)."""
    for draft in m.Draft.select():
        stamp = draft.updated_at
        if stamp < item.typed_at or (stamp == item.typed_at and item.text.startswith(draft.text)):
            draft.delete_instance()


def _saved_before(key: str) -> bool:
    query = m.Interaction.select(m.Interaction.id).where(m.Interaction.capture_key == key)
    return bool(query.exists())


def _understood(item: KeptCapture) -> dict[str, Any]:
    """The command line's note understood now, against the book, as of the day typed."""
    from rapport.core.understand.pipeline import understand
    from rapport.services import capture
    from rapport.services.capture_json import capture_json
    from rapport.services.clients import resolve
    from rapport.services.when import day_first

    known = capture.known_clients()
    result = capture_json(understand(item.text, item.typed_at.date(), known, day_first()))
    if item.client:
        capture.set_client(result, resolve(item.client))
    if result.get("client") is None:
        raise ValidationError("the note names no client")
    return result


def outbox_file() -> Path | None:
    """The outbox file of the team book named (None for a book in a file)."""
    url = team_url()
    return None if url is None else _outbox(url).path
