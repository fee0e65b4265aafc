"""``rapport capture``: quick capture from a hotkey, a script or the window.

With TEXT (or ``-`` for standard input) the note is understood and, unless
``--dry-run``, saved. Without TEXT the capture window opens: in the running app when
there is one (through the single-instance socket), else on its own; ``rapport.launch``
opens it (``cli.window_wanted``), the command line never imports a window.
"""

from __future__ import annotations

import argparse
import os
import sys

from rapport.cli.common import checked_text, client_option, print_json, say, warn
from rapport.core.counts import counted
from rapport.ending import nothing_to_close

# The exit code of a note kept on this computer because the team book's server is away
# (services/outbox.py): not in the book yet, saved to it when the server is back.
KEPT = 3


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "capture",
        help="understand and save a meeting note (no TEXT: open the capture window)",
        description="Understand a free-text note (people, interests, dates, promises, "
        "messages awaiting reply, introductions) and save it.",
    )
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the note; - reads stdin")
    parser.add_argument(
        "--client",
        metavar="NAME",
        type=client_option,
        help="whom the note is about: a client's id or name (a prefix or close spelling "
        "works); exit 2 when it matches no client or several",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what it understood; save nothing"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--private",
        action="store_true",
        help="only me: on a team book, no other member sees the note or what it taught",
    )
    parser.add_argument(
        "--accept",
        metavar="KINDS",
        default="",
        help="suggestions to turn into tasks: 'all' or kinds like gift,check_in",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Without TEXT, rapport.launch opened the capture window instead (cli.window_wanted).
    # The argument was checked to be UTF-8 with the others (cli.common.check_text_arguments).
    text = _read_stdin() if args.text == "-" else args.text
    from rapport.services.validate import check_note

    check_note(text)
    from rapport.services.errors import ServerAwayError

    try:
        result = _understand(args, text)
    except ServerAwayError:
        if args.dry_run:
            raise
        return _keep(args, text, None, None, None)
    _complete_client(result)
    from rapport.core.understand.language import foreign_language, only_english

    language = foreign_language(text)
    if language:
        warn(only_english(language))
    if args.dry_run:
        from rapport.services.capture_dry import keep_programs

        keep_programs(args.data_dir)  # the grammar compiled: the next dry run starts faster
    if not args.dry_run:
        if result.get("client") is None:
            warn("the note names no client; say whom it is about with --client NAME")
            return 2
        from rapport.services import capture

        _send_kept()
        accepted = capture.accepted_kinds(result, args.accept)
        key = _key()
        try:
            saved = capture.save_capture(
                text, result, accepted_suggestions=accepted, private=args.private, key=key
            )
        except ServerAwayError:
            # Away since the note was understood (or at the commit: the key saves it once).
            return _keep(args, text, result, accepted, key)
        result["saved"] = saved.as_json()
        if saved.joined_client:
            warn(
                f"a colleague had just added {result['client'].get('name')}: "
                "the note is saved to their client"
            )
    if args.json:
        print_json(result)
    else:
        _print_human(result)
    return 0


def _read_stdin() -> str:
    """The note piped in, decoded strictly: bytes that are not text are refused in a
    sentence, not replaced by guesses nor turned into a traceback later."""
    from rapport.services.errors import ValidationError

    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # a text-only stream (an embedding program's): already text
        return checked_text(sys.stdin.read(), "the note")
    data: bytes = raw.read()
    encoding = sys.stdin.encoding or "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        raise ValidationError(
            f"the note is not valid {name} (byte 0x{data[exc.start]:02x} at position "
            f"{exc.start}); save it as {name} and try again"
        ) from None


def _understand(args: argparse.Namespace, text: str) -> dict:  # type: ignore[type-arg]
    if args.dry_run and not args.client:
        # The hotkey's path: the clients are read with sqlite3 alone when the book allows
        # it, without loading the database layer (same result as opening the book).
        from rapport.services.capture_dry import understand_dry_run

        result = understand_dry_run(text, args.data_dir)
        if result is not None:
            # Read with sqlite3 and closed: the process has nothing to close at its end.
            nothing_to_close()
            return result
    if args.dry_run and not _book_exists(args):
        # Nothing to match against, and a dry run must not create a book.
        if args.client:
            # Same answer as on an empty book: --client names a client the book has.
            from rapport.services.errors import NotFoundError

            raise NotFoundError(f"no client matches {args.client.strip()!r}")
        from rapport import clock
        from rapport.core.understand.pipeline import understand
        from rapport.services.capture_json import capture_json
        from rapport.services.when import day_first

        return capture_json(understand(text, clock.today(), (), day_first(setting="")))
    from rapport.cli.common import open_book
    from rapport.services import capture

    open_book(args)
    client = None
    if args.client:
        from rapport.cli.common import client_arg

        client = client_arg(args.client)
    return capture.understand_note(text, client)


def _complete_client(result: dict) -> None:  # type: ignore[type-arg]
    """The client object has the same fields whether or not the book has clients yet.

    Understanding against an empty (or missing) book leaves out ``match`` and
    ``candidates``; a script reading ``client["match"]`` must not depend on the book.
    """
    client = result.get("client")
    if isinstance(client, dict):
        client.setdefault("id", None)
        client.setdefault("match", "new" if client["id"] is None else "given")
        client.setdefault("candidates", [])


def _book_exists(args: argparse.Namespace) -> bool:

    from rapport import paths

    if os.environ.get(paths.DATABASE_URL_VARIABLE):
        return True  # a team book lives on its server, not in the data folder
    return paths.database_path(paths.data_dir(args.data_dir)).exists()


def _key() -> str | None:
    """A team book's capture carries a key (services/outbox.py); a file's needs none."""
    from rapport.services import book, outbox

    return outbox.new_key() if book.is_team_book() else None


def _keep(
    args: argparse.Namespace,
    text: str,
    understood: dict | None,  # type: ignore[type-arg]
    accepted: list[int] | None,
    key: str | None,
) -> int:
    """The team book's server is away: keep the note in the outbox (exit ``KEPT``), to
    be saved when it is back (``understood`` None: understood then); a note that names
    nobody is refused now."""
    from rapport.services import outbox

    if understood is None and not args.client:
        from rapport import clock
        from rapport.core.understand.pipeline import understand
        from rapport.services.capture_json import capture_json
        from rapport.services.when import day_first

        bare = capture_json(understand(text, clock.today(), (), day_first(setting="")))
        if bare.get("client") is None:
            warn("the note names no client; say whom it is about with --client NAME")
            return 2
    kept = outbox.keep(text, understood, accepted, private=args.private, client=args.client,
                       accept=args.accept, key=key)  # fmt: skip
    if args.json:
        print_json({"kept": {"key": kept.key, "waiting": kept.waiting, "book": kept.where}})
    waiting = f"{counted(kept.waiting, 'capture')} waiting"
    warn(
        f"the team book at {kept.where} is away: the note is kept on this computer "
        f"({waiting}) and saved to the team book when the server is back"
    )
    return KEPT


def _send_kept() -> None:
    """On a team book, the notes kept while its server was away go first, in order."""
    from rapport.services import book, outbox

    if not book.is_team_book() or all(item.refused for item in outbox.waiting()):
        return  # nothing to send (a capture the server refused waits for the window)
    sent = outbox.send()
    if sent.saved:
        warn(
            f"{counted(sent.saved, 'capture')} kept while the server "
            "was away saved to the team book"
        )
    if sent.failed:
        warn(
            f"{sent.failed}; it is set aside on this computer: the window's status bar "
            "offers to edit and save it again, or to discard it"
        )


def _print_human(result: dict) -> None:  # type: ignore[type-arg]
    client = result.get("client") or {}
    name = client.get("name") or "(no client named)"
    known = " (new client)" if client and client.get("id") is None else ""
    say(f"About: {name}{known}" + (f", {client['company']}" if client.get("company") else ""))
    for person in result.get("people") or []:
        age = f", {person['age']}" if person.get("age") is not None else ""
        say(f"  person: {person.get('name') or '?'} ({person['relation']}{age})")
    for fact in result.get("facts") or []:
        tags = f"  [{', '.join(fact['tags'])}]" if fact.get("tags") else ""
        say(f"  fact: {fact['text']}{tags}")
    for day in result.get("dates") or []:
        say(
            f"  date: {day['label']} {day['month']}/{day['day']}"
            + (f" ({day['about']})" if day.get("about") else "")
        )
    for task in result.get("tasks") or []:
        say(f"  task: {task['title']}" + (f" — due {task['due']}" if task.get("due") else ""))
    if result.get("inbound"):
        say(f"  awaiting reply: {result['inbound']['channel']}")
    for intro in result.get("introductions") or []:
        say(
            f"  introduction: {intro['name']}"
            + (f" (from {intro['referrer']})" if intro.get("referrer") else "")
        )
    for point in result.get("key_points") or []:
        say(f"  key point: {point}")
    for suggestion in result.get("suggestions") or []:
        say(f"  suggestion: {suggestion['title']}")
    if result.get("saved"):
        saved = result["saved"]
        count = len(saved["task_ids"])
        say(f"Saved as conversation {saved['interaction_id']} with {counted(count, 'task')}.")
