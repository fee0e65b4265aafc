"""``rapport brief CLIENT [--json] [--pdf FILE]``: the pre-call brief of one client."""

from __future__ import annotations

import argparse
from typing import Any

from rapport.cli.common import (
    client_arg,
    iso,
    open_book,
    print_json,
    say,
    task_json,
)
from rapport.core.brief import by_line
from rapport.core.postal import one_line


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "brief",
        help="the pre-call brief of one client",
        description="What to remember before a call: people, what they care about, the last "
        "conversations, promises, what they wait on, gifts, dates and what to ask about.",
    )
    parser.add_argument("client", metavar="CLIENT", help="id, name, prefix or close spelling")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--pdf", metavar="FILE", help="write the brief as a one-page PDF")
    parser.add_argument(
        "--paper",
        choices=("letter", "a4"),
        help="paper size for --pdf (default: from your locale)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rapport.services.brief import brief

    open_book(args)
    result = brief(client_arg(args.client).id)
    if args.pdf:
        written = _write_pdf(result, args.pdf, args.paper)
        if not args.json:
            say(f"Wrote the brief of {result.client.name} to {args.pdf} (one page, {written}).")
    if args.json:
        print_json(brief_json(result))
    elif not args.pdf:
        for line in brief_lines(result):
            say(line)
    return 0


def _write_pdf(result: Any, path: str, paper: str | None) -> str:
    import errno
    from pathlib import Path

    folder = Path(path).expanduser().resolve().parent
    if not folder.is_dir():
        raise OSError(errno.ENOENT, "no such folder", str(folder))
    # Qt only on this path: the rest of the command starts without it.
    from rapport.render.brief_print import write_pdf
    from rapport.services.export import write_private_rendered

    return write_private_rendered(
        Path(path).expanduser(), lambda scratch: write_pdf(result, scratch, paper)
    )


def brief_json(result: Any) -> dict[str, Any]:
    """The CLI.md brief object (with a few extra fields)."""
    today = result.today
    client = result.client
    score = result.score
    return {
        "date": today.isoformat(),
        "client": {
            "id": client.id,
            "name": client.name,
            "company": client.company,
            "role": client.role,
            "emails": client.emails,
            "phones": client.phones,
            "address": client.address.as_dict(),
            "how_we_met": client.how_we_met,
            "referred_by": result.introduced_by,
            # A day, as in `clients --json` and today's out_of_touch (same name, same format).
            "last_contact": iso(client.last_contact_at.date()) if client.last_contact_at else None,
            "cadence_days": client.cadence_days,
            "cares_about": result.interests,
            "notes": client.notes,
            "archived": client.archived,
            "contacts": [{"name": c.name, "role": c.role} for c in client.contacts],
        },
        "people": [
            {
                "id": line.person.id,
                "name": line.person.name,
                "relation": line.person.relation,
                "age": line.age,
                "birthday": iso(line.person.birthday),
                "address": line.person.address.as_dict(),
                "cares_about": line.cares_about,
                "notes": line.person.notes,
            }
            for line in result.people
        ],
        "facts": [
            {
                "id": line.fact.id,
                "text": line.fact.text,
                "category": line.fact.category,
                "tags": line.fact.tags,
                "about": line.fact.about,
                "source": None
                if line.fact.source_interaction_id is None
                else {
                    "interaction_id": line.fact.source_interaction_id,
                    "kind": line.fact.source_kind,
                    "title": line.fact.source_title,
                    "date": iso(line.fact.source_at),
                },
                "from": line.source,
                "added": iso(line.fact.created_at),
                "confirmed": iso(line.fact.confirmed_at),
                "stale": line.stale,
                "by": line.fact.by,
            }
            for line in result.facts
        ],
        "interactions": [
            {
                "id": talk.id,
                "kind": talk.kind,
                "date": iso(talk.happened_at),
                "title": talk.title,
                "key_points": talk.key_points,
                "by": talk.by,
            }
            for talk in result.interactions
        ],
        "open_tasks": [task_json(task, today) for task in result.open_tasks],
        "promises_kept": score.kept,
        "promises_late": score.late,
        "follow_through": {
            "kept": score.kept,
            "late": score.late,
            "open": score.open,
            "ratio": score.ratio,
            "label": score.label(),
        },
        "promises": [
            {**task_json(line.task, today), "outcome": line.outcome} for line in result.promises
        ],
        "awaiting_reply": [
            {
                "id": item.id,
                "client": client.name,
                "channel": item.channel,
                "since": iso(item.received_at),
                "age_days": (today - item.received_at.date()).days,
                "summary": item.summary,
                "task_id": item.task_id,
            }
            for item in result.awaiting_reply
        ],
        "gifts_given": [
            {
                "id": gift.id,
                "title": gift.title,
                "for": gift.for_name,
                "given_on": iso(gift.given_on),
                "occasion": gift.occasion,
                "reaction": gift.reaction,
            }
            for gift in result.gifts_given
        ],
        # The same item as ``rapport today``'s dates: ``label`` is the date's own label
        # ("birthday"), ``about`` whom it is about (the client's name for their own),
        # ``text`` the phrase the brief shows ("Emma's birthday").
        "upcoming_dates": [
            {
                "client": client.name,
                "about": item.about or client.name,
                "label": item.kind,
                "date": item.day.isoformat(),
                "in_days": item.in_days,
                "kind": item.kind,
                "turning": item.turning,
                "text": item.label,
            }
            for item in result.upcoming
        ],
        "ask_about": [question.text for question in result.ask_about],
    }


def brief_text(result: Any) -> str:
    """The brief for a terminal: the same sections as the window, as plain lines."""
    return "\n".join(brief_lines(result))


def brief_lines(result: Any) -> list[str]:
    """The brief's lines; each is one line on the terminal whatever its fields hold."""
    from rapport.core.formats import ago, met_text, short_day, soon
    from rapport.core.formats import full_date as day_text

    client = result.client
    lines = [
        client.name
        + (
            f" — {' · '.join(x for x in (client.role, client.company) if x)}"
            if client.role or client.company
            else ""
        )
    ]
    address = one_line(client.address)
    if address:
        lines.append(address)
    who = []
    if client.how_we_met:
        who.append(met_text(client.how_we_met))
    referrer = result.introduced_by
    if referrer and referrer.casefold() not in (client.how_we_met or "").casefold():
        who.append(f"Referred by {referrer}")
    if client.last_contact_at:
        days = (result.today - client.last_contact_at.date()).days
        who.append(f"Last contact {day_text(client.last_contact_at)} ({ago(days)})")
    if who:
        lines.append(" · ".join(who))

    def section(title: str, items: list[str]) -> None:
        # An item starting with "- " is a detail of the one above it.
        if items:
            lines.extend(["", title])
            lines.extend(f"      {i}" if i.startswith("- ") else f"  • {i}" for i in items)

    section("Ask about", [q.text for q in result.ask_about])
    if result.interests:  # the client's own, not the first of their people
        lines.extend(["", "Interests", f"  {', '.join(result.interests)}"])
    people = []
    for line in result.people:
        p = line.person
        details = ", ".join(x for x in (p.relation if p.name else "", _age(line.age)) if x)
        cares = f" — {', '.join(line.cares_about)}" if line.cares_about else ""
        people.append(f"{p.label}" + (f" ({details})" if details else "") + cares)
    section("Their people", people)
    section("Work contacts", result.work_contacts)
    talks = []
    for talk in result.interactions:
        talks.append(
            f"{day_text(talk.happened_at)} · {talk.title or talk.kind.capitalize()}"
            + by_line(talk.by)
        )
        talks.extend(f"- {point}" for point in talk.key_points)
    section("Last conversations", talks)
    if result.promises:
        lines += ["", "What I promised", f"  Follow-through: {result.score.label()}"]
        for line in result.promises:
            due = f" — due {short_day(line.task.due)}" if line.task.due else ""
            lines.append(f"  • {line.task.title}{due} · {line.outcome}")
    section(
        "Waiting on me",
        [
            f"{i.channel.capitalize()} {ago((result.today - i.received_at.date()).days)}"
            + (f": {i.summary}" if i.summary else "")
            for i in result.awaiting_reply
        ],
    )
    others = [t for t in result.open_tasks if not (t.promised or t.kind == "promise")]
    section(
        "Open tasks",
        [t.title + (f" — due {short_day(t.due)}" if t.due else "") for t in others],
    )
    section(
        "Introductions",
        [text for line in result.introductions for text in _intro(line, result.today)],
    )
    section(
        "Dates coming up",
        [f"{u.label} — {short_day(u.day)} ({soon(u.in_days)})" for u in result.upcoming],
    )
    section(
        "Gifts given",
        [
            g.title + (f" ({day_text(g.given_on)})" if g.given_on else "")
            for g in result.gifts_given
        ],
    )
    section(
        "Worth remembering",
        [
            f"{f.fact.text}"
            + (f" — {f.fact.about}" if f.fact.about else "")
            + f" [{f.source}]"
            + (" (possibly stale)" if f.stale else "")
            + by_line(f.fact.by)
            for f in result.facts
        ],
    )
    section("Notes", [line for line in client.notes.strip().splitlines() if line.strip()])
    if len(lines) <= 2:
        lines += ["", "Nothing recorded yet: log a conversation or add facts in the window."]
    return lines


def _intro(line: Any, today: Any) -> list[str]:
    """An introduction and where its chain stands, as the window's brief says it."""
    from rapport.core.formats import short_day

    intro = line.intro
    when = f" · {short_day(intro.introduced_on)}" if intro.introduced_on else ""
    out = [f"{intro.referrer or 'Someone'} introduced {intro.lead}{when}"]
    for step in line.steps:
        day = short_day(step.day) if step.day else ""
        if step.state == "done":
            out.append(f"- ✓ {step.title}" + (f" · {day}" if day else ""))
        elif step.state == "due":
            late = step.day is not None and step.day < today
            out.append(f"- {step.title} · " + (f"due since {day}" if late else "due today"))
        else:
            out.append(f"- {step.title}" + (f" · from {day}" if day else ""))
    if line.in_tasks:
        out.append("- the next step is under Open tasks")
    return out


def _age(age: int | None) -> str:
    return "" if age is None else str(age)
