"""``rapport phone``: publish the book to the phone through a CalDAV/CardDAV server.

``setup`` finds the account's address book and calendar homes and makes a "Rapport"
address book and calendar there; ``publish`` sends what changed (``--dry-run`` lists it
without connecting); ``status`` says how the last publish went; ``off`` stops publishing.
One way: what is changed on the phone is replaced on the next publish.
"""

from __future__ import annotations

import argparse
import sys

from rapport.cli.common import open_book, print_json, say, warn


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    phone = sub.add_parser(
        "phone",
        help="publish clients, birthdays and promises to your phone (CalDAV/CardDAV)",
        description="Publish the book, one way, to the address book and calendar of a "
        "CalDAV/CardDAV server your phone syncs with (Nextcloud, Fastmail, iCloud, Radicale). "
        "Changes made on the phone are replaced on the next publish.",
    )
    actions = phone.add_subparsers(dest="phone_command", metavar="ACTION", required=True)

    setup = actions.add_parser(
        "setup",
        help="connect to a server and make the Rapport address book and calendar",
        description="Find the account's address books and calendars at URL (a bare server "
        "address is looked up at its /.well-known/ addresses) and make a 'Rapport' address "
        "book and calendar; no other collection is touched. The password is kept in the "
        "system keychain; where there is none, it is asked for when publishing.",
    )
    setup.add_argument("url", metavar="URL", help="the server, e.g. https://cloud.example.com")
    setup.add_argument("--user", required=True, help="the account's user name")
    setup.add_argument(
        "--password-file",
        metavar="FILE",
        help="read the password from the first line of FILE (else it is asked for)",
    )
    setup.set_defaults(run=run_setup)

    publish = actions.add_parser(
        "publish",
        help="send what changed since the last publish",
        description="Bring the server's Rapport address book and calendar in line with the "
        "book: create, update and delete only what changed.",
    )
    publish.add_argument(
        "--dry-run",
        action="store_true",
        help="list what would be created, updated and deleted, without connecting",
    )
    publish.add_argument(
        "--password-file", metavar="FILE", help="the password, where there is no keychain"
    )
    publish.add_argument("--json", action="store_true", help="print JSON")
    publish.set_defaults(run=run_publish)

    status = actions.add_parser("status", help="the server and how the last publish went")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(run=run_status)

    off = actions.add_parser(
        "off",
        help="stop publishing (what the server holds stays there)",
        description="Forget the server, its password and what was sent. The server's Rapport "
        "address book and calendar stay; delete them there if you wish.",
    )
    off.set_defaults(run=run_off)


def _password(path: str | None, prompt: str) -> str:
    from rapport.services.errors import ValidationError
    from rapport.services.phone import read_password_file

    if path:
        return read_password_file(path)
    if not sys.stdin.isatty():
        raise ValidationError(
            "no password: give --password-file FILE (there is no terminal to ask)"
        )
    import getpass

    return getpass.getpass(prompt)


def run_setup(args: argparse.Namespace) -> int:
    from rapport.services import phone

    open_book(args)
    url = phone.check_url(args.url)
    password = _password(args.password_file, f"Password for {args.user} at {url}: ")
    result = phone.setup(url, args.user, password)
    say(f"Address book: {result.config.addressbook}")
    say(f"Calendar:     {result.config.calendar}")
    if result.in_keychain:
        say("The password is kept in the system keychain.")
    else:
        say("No system keychain here: the password is asked for when publishing.")
    say("Set up. `rapport phone publish` sends the book (one way: changes on the phone")
    say("are replaced on the next publish).")
    return 0


def run_publish(args: argparse.Namespace) -> int:
    from rapport.services import phone

    open_book(args)
    prepared = phone.prepare()
    password = None
    if not args.dry_run:
        password = phone.password_for(prepared.config)
        if password is None:
            password = _password(
                args.password_file,
                f"Password for {prepared.config.user} at {prepared.config.url}: ",
            )
    result = phone.publish(prepared, dry_run=args.dry_run, password=password)
    if args.json:
        print_json(
            {
                "dry_run": result.dry_run,
                "created": result.count("create"),
                "updated": result.count("update"),
                "deleted": result.count("delete"),
                "unchanged": result.unchanged,
                "changes": [
                    {"action": c.action, "kind": c.kind, "label": c.label, "uid": c.uid}
                    for c in result.changes
                ],
            }
        )
        return 0
    for line in phone.describe(result.changes) if args.dry_run else ():
        say(line)
    say(f"Phone: {result.summary}.")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from rapport.services import phone

    open_book(args)
    config = phone.load_config()
    last = phone.last_publish()
    if args.json:
        print_json(
            {
                "set_up": config is not None,
                "url": config.url if config else None,
                "user": config.user if config else None,
                "addressbook": config.addressbook if config else None,
                "calendar": config.calendar if config else None,
                "last": {"at": last.at, "ok": last.ok, "text": last.text} if last else None,
            }
        )
        return 0
    if config is None:
        say("Phone publishing is not set up (rapport phone setup URL --user NAME).")
        return 0
    say(f"Publishing to {config.user} at {config.url}")
    if last is None:
        say("Not published yet.")
    else:
        say(f"Last publish {last.at:%Y-%m-%d %H:%M}: {'ok, ' if last.ok else ''}{last.text}")
    return 0


def run_off(args: argparse.Namespace) -> int:
    from rapport.services import phone

    open_book(args)
    if not phone.is_set_up():
        warn("phone publishing was not set up")
        return 0
    phone.forget()
    say("Phone publishing is off. The server's Rapport address book and calendar stay there.")
    return 0
