"""``rapport today``: what needs doing now, for a glance in the terminal or a script.

``--json`` prints the shape CLI.md promises (date, overdue, due_today, at_risk,
awaiting_reply, thank_yous, dates, out_of_touch) plus counts, the follow-through score,
the running-late drafts and away mode.
"""

from __future__ import annotations

import argparse
from typing import Any

from rapport.cli.common import iso, open_book, print_json, say, task_json
from rapport.core.formats import day_month


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "today",
        help="what is overdue, due, at risk, owed, coming up and drifting",
        description="The Today view. Reminders are computed now from the book: nothing "
        "depends on a scheduler having run.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rapport.services.today import today

    open_book(args)
    data = today()
    if args.json:
        print_json(as_json(data))
    else:
        for line in human(data):
            say(line)
    return 0


def as_json(data: Any) -> dict[str, Any]:
    def task(item: Any) -> dict[str, Any]:
        out = task_json(item.task, data.date)
        out.update(
            state=item.state,
            effective_due=item.due.isoformat(),
            days_late=item.days_late,
            late_notice_at=iso(item.task.late_notice_at),
            draft=item.draft,
            new_due=iso(item.new_due),
        )
        return out

    def reply(item: Any) -> dict[str, Any]:
        return {
            "id": item.id,
            "client": item.client,
            "client_id": item.client_id,
            "channel": item.channel,
            "since": iso(item.since),
            "age_days": item.age.days,
            "age_hours": item.age.hours,
            "reply_by": item.age.reply_by.isoformat(),
            "level": item.age.level,
            "summary": item.summary,
            "task_id": item.task_id,
        }

    score = data.score
    away = None
    if data.away is not None:
        status = data.away
        away = {
            "start": status.away.start.isoformat(),
            "until": status.away.until.isoformat(),
            "back_on": status.away.return_day.isoformat(),
            "backup_name": status.away.backup_name,
            "backup_contact": status.away.backup_contact,
            "active": status.active,
            "back": status.back,
            "held": status.held,
            "came_in": [reply(item) for item in status.came_in],
        }
    return {
        "date": data.date.isoformat(),
        "overdue": [task(item) for item in data.overdue],
        "due_today": [task(item) for item in data.due_today],
        "at_risk": [task(item) for item in data.at_risk],
        "awaiting_reply": [reply(item) for item in data.awaiting_reply],
        "thank_yous": [
            {
                "client": item.client,
                "client_id": item.client_id,
                "interaction_id": item.id,
                "title": item.title,
                "since": iso(item.since),
                "days": item.days,
            }
            for item in data.thank_yous
        ],
        "dates": [
            {
                "client": item.client,
                "client_id": item.client_id,
                "about": item.about,
                "label": item.label,
                "date": item.date.isoformat(),
                "in_days": item.in_days,
                "turning": item.turning,
                "text": item.text,
            }
            for item in data.dates
        ],
        "out_of_touch": [
            {
                "client": item.client,
                "client_id": item.id,
                "last_contact": iso(item.last_contact),
                "days": item.days,
                "cadence_days": item.cadence_days,
                "overdue_by": item.overdue_by,
            }
            for item in data.out_of_touch
        ],
        "counts": data.counts,
        "follow_through": {
            "kept": score.kept,
            "late": score.late,
            "open": score.open,
            "ratio": score.ratio,
            "label": score.label(),
        },
        "away": away,
        "created_task_ids": [task.id for task in data.created],
    }


def human(data: Any) -> list[str]:
    """The readable view: a headline of counts, then each section (or why it is empty)."""
    counts = data.counts
    lines = [f"Today, {data.date:%A} {day_month(data.date)}, {data.date.year}"]
    summary = data.title_text()
    lines.append(summary or "All clear.")
    lines.append(f"Follow-through: {data.score.label()} over the last 90 days")
    if data.away is not None:
        away = data.away.away
        span = f"{day_month(away.start)} to {day_month(away.until)}"
        if data.away.active:
            lines.append(f"Away {span}: nothing fires as overdue ({data.away.held} held).")
        elif data.away.back:
            lines.append(f"Welcome back (away {span}). {len(data.away.came_in)} came in.")
        else:
            lines.append(f"Away mode is set for {span}.")
    for note in data.created:
        lines.append(f"New: {note.title} (task {note.id})")

    def section(title: str, rows: list[str], empty: str, footer: str = "") -> None:
        lines.append("")
        lines.append(f"{title} ({len(rows)})" if rows else title)
        lines.extend(rows or [f"  {empty}"])
        if rows and footer:
            lines.append(f"  {footer}")

    def task_line(item: Any) -> str:
        who = f" ({item.task.client})" if item.task.client else ""
        if item.days_late:
            when = f"{item.days_late} day{'s' if item.days_late > 1 else ''} late"
        else:
            when = f"due {day_month(item.due)}"
        tag = "  [promise]" if item.new_due is not None else ""
        return f"  {item.id:>6}  {item.task.title}{who} — {when}{tag}"

    section("Overdue", [task_line(i) for i in data.overdue], "Nothing overdue. Nice.")
    section("Due today", [task_line(i) for i in data.due_today], "Nothing else due today.")
    section(
        "At risk",
        [task_line(i) for i in data.at_risk],
        "No promise at risk.",
        "(print the running-late note with: rapport late TASK_ID)",
    )
    section(
        "Replies owed",
        [
            f"  {i.id:>6}  {i.channel} from {i.client} — waiting {i.age.label}"
            + ("  PAST ONE BUSINESS DAY" if i.age.level == "warning" else "")
            + (f"  (task {i.task_id})" if i.task_id else "")
            for i in data.awaiting_reply
        ],
        "Nobody is waiting on you.",
    )
    section(
        "Thank-yous to write",
        [
            f"  {i.id:>6}  {i.client}: {i.title or 'meeting'} on {day_month(i.since)}"
            for i in data.thank_yous
        ],
        "Every meeting has had its thank-you.",
    )
    section(
        "Dates in the next 14 days",
        [f"  {i.text} ({i.when_text}) — {i.client}" for i in data.dates],
        "No birthdays or anniversaries coming up.",
    )
    section(
        "Out of touch",
        [
            f"  {i.client}: {i.days} days since "
            + ("last contact" if i.last_contact else "added, never contacted")
            + f" (every {i.cadence_days})"
            for i in data.out_of_touch
        ],
        "Everyone heard from you recently.",
    )
    if not any(counts.values()):
        lines.append("")
        lines.append("Nothing needs you today.")
    return lines
