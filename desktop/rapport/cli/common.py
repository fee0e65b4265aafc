"""What the commands share: opening the book, finding a client, printing, errors."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rapport.cli.terminal import BIDI_CONTROLS, lines_of, one_line, write_control

if TYPE_CHECKING:
    from rapport.core.records import Task


def open_book(args: argparse.Namespace) -> None:
    from rapport.services.book import BookLockedError, on_busy_wait
    from rapport.services.book import open_book as open_

    try:
        open_(args.data_dir)
    except BookLockedError as locked:  # an encrypted book: unlock it, then open it
        from rapport.cli.passphrases import unlock

        unlock(locked.data_dir)
        open_(args.data_dir)
    on_busy_wait("cli", warn)  # a write held up by another program's import says it waits


def client_option(text: str) -> str:
    """argparse type for ``--client``: an empty value is bad usage, never "every client"
    (``--client "$NAME"`` with NAME unset must not act on the whole book)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a client's id or name")
    return text


def positive_id(what: str) -> Callable[[str], int]:
    """An argparse type for the id of a ``what`` (task, message, conversation): a positive
    number, or one line saying what was typed instead."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {what} id (a number)") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {what} id (a positive number)")
        return value

    return parse


def client_arg(text: str) -> Any:
    """The client CLIENT names (id, name, prefix or close spelling); raises for none/several."""
    from rapport.services.clients import resolve

    return resolve(text)


# What JSON leaves as it is (it escapes only C0) but a terminal would obey or a line
# reader split on: DEL, C1 controls, bidi controls, the Unicode line separators. Inside a
# JSON string \uXXXX means the same character, so the data is unchanged.
_JSON_ESCAPES = {
    code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *BIDI_CONTROLS, 0x2028, 0x2029)
}


def print_json(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_default)
    text = text.translate(_JSON_ESCAPES)
    sys.stdout.flush()  # text printed before (a CSV's columns) comes first
    sys.stdout.buffer.write(text.encode("utf-8", "backslashreplace") + b"\n")
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


def say(line: str = "") -> None:
    """Print one line: what it holds from the book (a name with a newline, an escape
    code) cannot break it into several or reach the terminal as a control."""
    sys.stdout.write(one_line(line) + "\n")


def say_text(text: str) -> None:
    """Print a block of several lines (a draft note, an auto-reply) with its line breaks."""
    sys.stdout.write(lines_of(text) + "\n")


def say_marked(line: str, start: str, end: str) -> None:
    """Print one line whose parts between ``start`` and ``end`` are bold on a terminal
    (search matches); elsewhere the marks are dropped."""
    bold = sys.stdout.isatty()
    for number, part in enumerate(line.replace(end, start).split(start)):
        if bold and number:
            write_control(sys.stdout, "\033[1m" if number % 2 else "\033[0m")
        sys.stdout.write(one_line(part))
    if bold and line.count(start) > line.count(end):
        write_control(sys.stdout, "\033[0m")
    sys.stdout.write("\n")


def warn(message: str) -> None:
    """``rapport: message`` on stderr, as one line."""
    sys.stderr.write(f"rapport: {one_line(message)}\n")


def progress_line(text: str, done: bool = False) -> None:
    """Rewrite the progress line on stderr (only for a terminal: callers check)."""
    write_control(sys.stderr, "\r")
    sys.stderr.write(one_line(text) + ("\n" if done else ""))
    sys.stderr.flush()


def report_error(exc: BaseException) -> int | None:
    """Print a one-line message for an error the user can act on; None for a bug."""
    from rapport.clock import ClockError
    from rapport.paths import DataDirError
    from rapport.services.errors import AmbiguousError, ServiceError
    from rapport.store.errors import StoreError, translate

    if isinstance(exc, AmbiguousError):
        warn(f"{exc}; say which one:")
        for cid, name in exc.candidates:
            sys.stderr.write(f"  {cid:>6}  {one_line(name)}\n")
        return exc.exit_code
    if isinstance(exc, ServiceError):
        warn(str(exc))
        return exc.exit_code
    if isinstance(exc, DataDirError | StoreError | ClockError):
        warn(_with_restore_advice(exc))
        return 1
    translated = translate(exc)
    if translated is not None:
        warn(_with_restore_advice(translated))
        return 1
    if isinstance(exc, OSError) and exc.filename:
        warn(f"{exc.strerror}: {exc.filename}")
        return 1
    if isinstance(exc, UnicodeEncodeError) and _not_utf8(exc):
        # An argument with bytes that are not UTF-8 (Python keeps them as surrogates)
        # reached a place that needs text: say which, not a traceback.
        # (warn shows each such byte as \xff.)
        text = exc.object if len(exc.object) <= 60 else exc.object[:57] + "..."
        warn(f'"{text}" is not valid UTF-8 text; give it as UTF-8')
        return 1
    from rapport.services.backup import damage_behind

    damaged = damage_behind(exc)  # damaged rows failing far from the database
    if damaged is not None:
        sys.stderr.write(f"rapport: {_with_restore_advice(damaged)}\n")
        return 1
    return None


def _not_utf8_at(text: str) -> int | None:
    """Where the first byte that is not UTF-8 is, as Python keeps an argument's bytes
    (surrogateescape: U+DC80 to U+DCFF), else None. Plain text is told at C speed (ASCII,
    or text that encodes); a regex would be compiled at every start for the rare error."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return next((i for i, char in enumerate(text) if "\udc80" <= char <= "\udcff"), None)
    return None


def _not_utf8(exc: UnicodeEncodeError) -> bool:
    return isinstance(exc.object, str) and _not_utf8_at(exc.object[exc.start : exc.end]) is not None


def check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse a text argument (not a file name) holding bytes that are not UTF-8."""
    for dest, label in getattr(args, "text_arguments", {}).items():
        value = getattr(args, dest, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                checked_text(item, label)


def checked_text(text: str, what: str) -> str:
    """``text`` from the command line, refused when it holds bytes that are not UTF-8
    (Python passes them on as surrogates, which no later step can store)."""
    found = _not_utf8_at(text)
    if found is None:
        return text
    from rapport.services.errors import ValidationError

    byte = ord(text[found]) - 0xDC00
    position = len(text[:found].encode("utf-8", "surrogatepass"))
    raise ValidationError(
        f"{what} is not valid UTF-8 (byte 0x{byte:02x} at position {position}); give it as UTF-8"
    )


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
