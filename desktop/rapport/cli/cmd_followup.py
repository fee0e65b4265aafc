"""Follow-through from the terminal: snooze, reopen, answered, late notes, away mode."""

from __future__ import annotations

import argparse
from typing import Any

from rapport.cli.common import (
    client_arg,
    client_option,
    open_book,
    positive_id,
    print_json,
    report_task,
    say,
    say_text,
)

WHEN_HELP = "tomorrow, next week, friday, in 3 days, 2026-12-01…"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    snooze = sub.add_parser(
        "snooze",
        help="hide a task until a day",
        description="Hide an open task until WHEN; it comes back by itself that day.",
    )
    snooze.add_argument("task_id", metavar="TASK_ID", type=positive_id("task"))
    snooze.add_argument("when", metavar="WHEN", nargs="+", help=WHEN_HELP)
    snooze.add_argument("--json", action="store_true", help="print the task as JSON")
    snooze.set_defaults(run=run_snooze)

    reopen = sub.add_parser("reopen", help="reopen a done task")
    reopen.add_argument("task_id", metavar="TASK_ID", type=positive_id("task"))
    reopen.add_argument("--json", action="store_true", help="print the task as JSON")
    reopen.set_defaults(run=run_reopen)

    answered = sub.add_parser(
        "answered",
        help="mark a message (voicemail, email, text, call) answered",
        description="Close a reply owed. Give the message id shown by `rapport today` "
        "(awaiting_reply[].id in --json), or --client to answer everything that client "
        "is waiting on. With neither, list the messages waiting for a reply.",
        epilog="examples: rapport answered 12 · rapport answered --client 'bob smi'",
    )
    answered.add_argument(
        "inbound_id", metavar="MESSAGE_ID", nargs="?", type=positive_id("message")
    )
    answered.add_argument(
        "--client", metavar="CLIENT", type=client_option, help="every message from this client"
    )
    answered.add_argument("--json", action="store_true", help="print JSON")
    answered.set_defaults(run=run_answered)

    message = sub.add_parser(
        "inbound",
        help="record a message waiting for your reply",
        description="Record a voicemail, email, text or missed call from a client. It shows "
        "under 'Replies owed' with its age until `rapport answered`.",
    )
    message.add_argument("client", metavar="CLIENT")
    message.add_argument("channel", metavar="KIND", choices=("voicemail", "email", "text", "call"))
    message.add_argument("--about", default="", metavar="TEXT", help="what they want")
    message.add_argument("--at", metavar="WHEN", help="when it came in (default now)")
    message.add_argument("--json", action="store_true", help="print JSON")
    message.set_defaults(run=run_inbound)

    intro = sub.add_parser(
        "intro",
        help="record an introduction (thank the referrer, email the lead)",
        description="Record that REFERRER introduced LEAD: adds 'thank the referrer' and "
        "'email the lead' tasks for today; if the lead has not answered the email after "
        "intro_call_after_days days, a call task appears on Today.",
    )
    intro.add_argument("lead", metavar="LEAD", help="the client who was introduced")
    intro.add_argument("--by", required=True, metavar="REFERRER", help="a client or any name")
    intro.add_argument("--note", default="", metavar="TEXT")
    intro.add_argument("--on", metavar="WHEN", help="when (default today)")
    intro.add_argument("--json", action="store_true", help="print JSON")
    intro.set_defaults(run=run_intro)

    thanked = sub.add_parser(
        "thanked",
        help="mark a meeting's thank-you note as sent",
        description="Close a 'thank-you to write' item (thank_yous[].interaction_id in "
        "`rapport today --json`).",
    )
    thanked.add_argument(
        "interaction_id", metavar="CONVERSATION_ID", type=positive_id("conversation")
    )
    thanked.set_defaults(run=run_thanked)

    late = sub.add_parser(
        "late",
        help="the 'running late' note for a promise",
        description="Print the short note telling the client a promise will be late (what, "
        "the new date, sorry). With --sent, record that it went out: the promise moves to "
        "the new date.",
    )
    late.add_argument("task_id", metavar="TASK_ID", type=positive_id("task"))
    late.add_argument("--sent", action="store_true", help="the note was sent")
    late.add_argument("--new-date", metavar="WHEN", help=f"with --sent: {WHEN_HELP}")
    late.add_argument("--json", action="store_true", help="print JSON")
    late.set_defaults(run=run_late)

    away = sub.add_parser(
        "away",
        help="away mode: dates, backup contact, the auto-reply text",
        description="Set away mode (while away nothing fires as overdue; on return Today "
        "lists what came in) and print the auto-reply for mail and voicemail. With no "
        "option, show the current setting.",
    )
    away.add_argument("--until", metavar="WHEN", help="last day away")
    away.add_argument("--from", dest="start", metavar="WHEN", help="first day (default today)")
    away.add_argument("--backup", metavar="NAME", default="", help="who covers meanwhile")
    away.add_argument("--backup-contact", metavar="EMAIL_OR_PHONE", default="")
    away.add_argument("--off", action="store_true", help="end away mode")
    away.add_argument("--json", action="store_true", help="print JSON")
    away.set_defaults(run=run_away)


def run_snooze(args: argparse.Namespace) -> int:
    from rapport.services.tasks import snooze_task

    open_book(args)
    task = snooze_task(args.task_id, " ".join(args.when))
    until = task.snoozed_until
    assert until is not None
    return report_task(args, task, f"Snoozed until {until:%A} {until.isoformat()}: {task.title}")


def run_reopen(args: argparse.Namespace) -> int:
    from rapport.services.tasks import reopen_task

    open_book(args)
    task = reopen_task(args.task_id)
    return report_task(args, task, f"Reopened: {task.title}")


def _inbound_json(item: Any) -> dict[str, Any]:
    return {
        "id": item.id,
        "client": item.client,
        "client_id": item.client_id,
        "channel": item.channel,
        "since": item.received_at.isoformat(timespec="seconds"),
        "answered_at": item.answered_at.isoformat(timespec="seconds") if item.answered_at else None,
        "summary": item.summary,
        "task_id": item.task_id,
    }


def run_answered(args: argparse.Namespace) -> int:
    from rapport.services import inbound
    from rapport.services.errors import NotFoundError, ValidationError

    open_book(args)
    if args.inbound_id is not None and args.client:
        raise ValidationError("give a message id or --client, not both")
    if args.inbound_id is not None:
        done = [inbound.mark_answered(args.inbound_id)]
    elif args.client:
        client = client_arg(args.client)
        done = inbound.answer_client(client.id)
        if not done:
            raise NotFoundError(f"{client.name} is not waiting on a reply")
    else:
        waiting = inbound.list_awaiting()
        if args.json:
            print_json([_inbound_json(item) for item in waiting])
        elif not waiting:
            say("Nobody is waiting on a reply.")
        for item in [] if args.json else waiting:
            say(f"{item.id:>6}  {item.channel} from {item.client} since {item.received_at:%b %-d}")
        return 0
    if args.json:
        print_json([_inbound_json(item) for item in done])
    else:
        for item in done:
            say(f"Answered: {item.channel} from {item.client} ({item.received_at:%b %-d})")
    return 0


def run_late(args: argparse.Namespace) -> int:
    from rapport.services import followup
    from rapport.services.errors import ValidationError

    open_book(args)
    if args.new_date and not args.sent:
        raise ValidationError("--new-date goes with --sent")
    if args.sent:
        task = followup.mark_late_notice_sent(args.task_id, args.new_date)
        due = task.due
        assert due is not None
        return report_task(
            args, task, f"Noted. {task.title} is now due {due:%A} {due.isoformat()}."
        )
    note, new_date = followup.late_draft(args.task_id)
    if args.json:
        print_json({"task_id": args.task_id, "new_due": new_date.isoformat(), "draft": note})
    else:
        say_text(note)
    return 0


def run_away(args: argparse.Namespace) -> int:
    from rapport.services import away
    from rapport.services.errors import ValidationError

    open_book(args)
    if args.off:
        away.end_away()
        say("Away mode is off.")
        return 0
    if args.until:
        period = away.set_away(args.until, args.start, args.backup, args.backup_contact)
    elif args.start or args.backup or args.backup_contact:
        raise ValidationError("say until when with --until (e.g. --until 'next friday')")
    else:
        current = away.get_away()
        if current is None:
            if args.json:
                print_json({"away": None})
            else:
                say("Away mode is off. Set it with: rapport away --until WHEN [--backup NAME]")
            return 0
        period = current
    text = away.reply_text(period)
    if args.json:
        print_json(
            {
                "away": {
                    "start": period.start.isoformat(),
                    "until": period.until.isoformat(),
                    "back_on": period.return_day.isoformat(),
                    "backup_name": period.backup_name,
                    "backup_contact": period.backup_contact,
                },
                "email": text.email,
                "voicemail": text.voicemail,
            }
        )
        return 0
    back = period.return_day
    say(f"Away {period.start:%a %b %-d} to {period.until:%a %b %-d}, back {back:%a %b %-d}.")
    say("")
    say("Email auto-reply:")
    say_text(text.email)
    say("")
    say("Voicemail greeting:")
    say_text(text.voicemail)
    return 0


def _moment(text: str | None) -> Any:
    """A moment typed by the user: ISO date-time, or a day in words (then at noon)."""
    from datetime import datetime, time

    from rapport.services.when import required_day

    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return datetime.combine(required_day(text, "when it came in"), time(12, 0))


def run_inbound(args: argparse.Namespace) -> int:
    from rapport.services import inbound

    open_book(args)
    client = client_arg(args.client)
    item = inbound.record_inbound(client.id, args.channel, _moment(args.at), args.about)
    if args.json:
        print_json(_inbound_json(item))
    else:
        say(f"Recorded: {item.channel} from {item.client} (message {item.id}, task {item.task_id})")
    return 0


def run_intro(args: argparse.Namespace) -> int:
    from rapport.core.records import to_dict
    from rapport.services import introductions

    open_book(args)
    lead = client_arg(args.lead)
    made = introductions.introduce(lead.id, args.by, args.note, args.on)
    if args.json:
        print_json(to_dict(made))
    else:
        say(f"Recorded: {made.referrer} introduced {made.lead}. Thank them, and email today.")
    return 0


def run_thanked(args: argparse.Namespace) -> int:
    from rapport.services.interactions import mark_thanked

    open_book(args)
    talk = mark_thanked(args.interaction_id)
    say(f"Thank-you noted for the {talk.kind} of {talk.happened_at:%b %-d}.")
    return 0
