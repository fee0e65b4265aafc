"""What the commands share: opening the book, finding a client, printing, errors."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rapport.core.records import Task


def open_book(args: argparse.Namespace) -> None:
    from rapport.services.book import open_book as open_

    open_(args.data_dir)


def client_option(text: str) -> str:
    """argparse type for ``--client``: an empty value is bad usage, never "every client"
    (``--client "$NAME"`` with NAME unset must not act on the whole book)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a client's id or name")
    return text


def client_arg(text: str) -> Any:
    """The client CLIENT names (id, name, prefix or close spelling); raises for none/several."""
    from rapport.services.clients import resolve

    return resolve(text)


def print_json(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        from rapport.core.records import to_dict

        return to_dict(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def task_json(task: Task, today: Any) -> dict[str, Any]:
    """A task as CLI.md promises it, plus a few extra fields."""
    return {
        "id": task.id,
        "title": task.title,
        "due": task.due.isoformat() if task.due else None,
        "kind": task.kind,
        "status": task.status_on(today),
        "client": task.client,
        "client_id": task.client_id,
        "promised": task.promised,
        "snoozed_until": task.snoozed_until.isoformat() if task.snoozed_until else None,
        "done_at": task.done_at.isoformat(timespec="seconds") if task.done_at else None,
    }


def report_task(args: argparse.Namespace, task: Task, line: str) -> int:
    """A command's answer about one task: its JSON with --json, else ``line``."""
    from rapport import clock

    if getattr(args, "json", False):
        print_json(task_json(task, clock.today()))
    else:
        say(line)
    return 0


def iso(value: Any) -> str | None:
    """A date or moment as ISO text for JSON (moments to the second), None as None."""
    if value is None:
        return None
    if hasattr(value, "hour"):
        return str(value.isoformat(timespec="seconds"))
    return str(value.isoformat())


def tolerant_output() -> None:
    """A terminal or pipe that cannot show a name (PYTHONIOENCODING=ascii, a Latin-1
    console) gets '?' for what it cannot encode, not a traceback. JSON is always UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
                reconfigure(errors="replace")


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def report_error(exc: BaseException) -> int | None:
    """Print a one-line message for an error the user can act on; None for a bug."""
    from rapport.clock import ClockError
    from rapport.paths import DataDirError
    from rapport.services.errors import AmbiguousError, ServiceError
    from rapport.store.errors import StoreError, translate

    if isinstance(exc, AmbiguousError):
        sys.stderr.write(f"rapport: {exc}; say which one:\n")
        for cid, name in exc.candidates:
            sys.stderr.write(f"  {cid:>6}  {name}\n")
        return exc.exit_code
    if isinstance(exc, ServiceError):
        sys.stderr.write(f"rapport: {exc}\n")
        return exc.exit_code
    if isinstance(exc, DataDirError | StoreError | ClockError):
        sys.stderr.write(f"rapport: {_with_restore_advice(exc)}\n")
        return 1
    translated = translate(exc)
    if translated is not None:
        sys.stderr.write(f"rapport: {_with_restore_advice(translated)}\n")
        return 1
    if isinstance(exc, OSError) and exc.filename:
        sys.stderr.write(f"rapport: {exc.strerror}: {exc.filename}\n")
        return 1
    from rapport.services.backup import damage_behind

    damaged = damage_behind(exc)  # damaged rows failing far from the database
    if damaged is not None:
        sys.stderr.write(f"rapport: {_with_restore_advice(damaged)}\n")
        return 1
    return None


def _with_restore_advice(exc: BaseException) -> str:
    """A damaged book found in the middle of a command: name the backup that restores it."""
    from rapport.store.errors import NotADatabaseError

    if not isinstance(exc, NotADatabaseError) or hasattr(exc, "newest_backup"):
        return str(exc)
    from rapport.services.backup import restore_advice
    from rapport.services.book import current_book

    book = current_book()
    if book is None:
        return str(exc)
    try:
        advice = restore_advice(book.data_dir)[0]
    except Exception:  # advice is a courtesy; the error itself must still be shown
        return str(exc)
    return f"{str(exc).split(';')[0]}; {advice}"
