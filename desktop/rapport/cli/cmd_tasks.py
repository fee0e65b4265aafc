"""``rapport tasks`` and ``rapport done``: open tasks and finishing them."""

from __future__ import annotations

import argparse

from rapport.cli.common import (
    client_arg,
    client_option,
    open_book,
    positive_id,
    print_json,
    report_task,
    say,
    task_json,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    tasks = sub.add_parser("tasks", help="list open tasks")
    tasks.add_argument(
        "--client", metavar="CLIENT", type=client_option, help="only this client's tasks"
    )
    tasks.add_argument("--all", action="store_true", help="include done tasks")
    tasks.add_argument("--json", action="store_true", help="print JSON")
    tasks.set_defaults(run=run_tasks)

    done = sub.add_parser("done", help="mark a task done")
    done.add_argument("task_id", metavar="TASK_ID", type=positive_id("task"))
    done.add_argument(
        "--note",
        action="store_true",
        help="also print the short message that tells the client it is done, as promised",
    )
    done.add_argument("--json", action="store_true", help="print the task as JSON")
    done.set_defaults(run=run_done)


def run_tasks(args: argparse.Namespace) -> int:
    from rapport import clock
    from rapport.services.tasks import list_tasks

    open_book(args)
    client_id = client_arg(args.client).id if args.client else None
    tasks = list_tasks(client_id=client_id, include_done=args.all)
    today = clock.today()
    if args.json:
        print_json([task_json(task, today) for task in tasks])
        return 0
    if not tasks:
        say("Nothing open. Promises you capture after a meeting show up here.")
        return 0
    for task in tasks:
        status = task.status_on(today)
        due = task.due.isoformat() if task.due else "no date"
        late = "  OVERDUE" if status == "open" and task.due and task.due < today else ""
        mark = {"done": "[x]", "snoozed": "[z]"}.get(status, "[ ]")
        who = f"  ({task.client})" if task.client else ""
        say(f"{task.id:>6} {mark} {due:<10} {task.title}{who}{late}")
    return 0


def run_done(args: argparse.Namespace) -> int:
    from rapport import clock
    from rapport.services.followup import done_message
    from rapport.services.tasks import complete_task

    open_book(args)
    task = complete_task(args.task_id)
    if not args.note:
        return report_task(args, task, f"Done: {task.title}")
    message = done_message(task.id)
    if args.json:
        data = task_json(task, clock.today())
        data["note"] = None
        if message is not None:
            data["note"] = {"to": message.email, "subject": message.subject, "body": message.body}
        print_json(data)
        return 0
    say(f"Done: {task.title}")
    if message is None:
        say("(Not a promise to a client: there is nobody to tell.)")
    else:
        say("")
        say(message.body)
    return 0
