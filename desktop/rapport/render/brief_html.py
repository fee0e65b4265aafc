"""The brief as rich text: one renderer for the profile's brief view and the printed page.

Qt's rich text (QTextDocument) draws it in both places. The view gets links (a fact's
"still true", a conversation that opens in History) and the palette's colours; the
printed page gets two columns, ink-friendly colours and ``Limits`` that the one-page
fitter tightens until the brief fits ("and 4 more" rather than a second page).
No Qt import here: colours arrive as hex strings.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

from rapport.core.brief import Brief, FactLine, IntroLine, PromiseLine, Upcoming
from rapport.core.formats import ago, met_text, short_day, soon
from rapport.core.formats import full_date as day_text
from rapport.core.postal import one_line
from rapport.core.records import Inbound, Interaction, Task
from rapport.core.understand.ask.about import Question


@dataclass(frozen=True)
class Limits:
    """How much of each list to show; the rest is counted ("and 3 more")."""

    people: int = 12
    facts: int = 40
    conversations: int = 3
    key_points: int = 6
    promises: int = 10
    tasks: int = 10
    waiting: int = 8
    dates: int = 8
    gifts: int = 8
    introductions: int = 6
    chars: int = 400  # longest text of one item before it is cut with "…"

    def tighter(self, factor: float) -> Limits:
        def cut(value: int, least: int = 1) -> int:
            return max(least, int(value * factor))

        return replace(
            self,
            people=cut(self.people),
            facts=cut(self.facts, 2),
            conversations=cut(self.conversations),
            key_points=cut(self.key_points),
            promises=cut(self.promises),
            tasks=cut(self.tasks),
            waiting=cut(self.waiting),
            dates=cut(self.dates),
            gifts=cut(self.gifts),
            introductions=cut(self.introductions),
            chars=cut(self.chars, 60),
        )


@dataclass(frozen=True)
class Colors:
    text: str = "#000000"
    muted: str = "#5f6368"
    warning: str = "#b3261e"
    caution: str = "#9a6700"
    good: str = "#1e7b34"
    accent_bg: str = "#eef3fb"
    link: str = "#1a56b8"


PRINT_COLORS = Colors()
# The client's notes in the brief: the start of them (a pasted letter would fill the page).
NOTES_CHARS = 600
EMPTY = (
    "Nothing recorded yet. Log a conversation (Ctrl+L), or add people (Ctrl+Shift+P) and "
    "facts (Ctrl+Shift+F); the brief fills in as you do."
)


class _Html:
    def __init__(self, brief: Brief, links: bool, colors: Colors, limits: Limits) -> None:
        self.b = brief
        self.links = links
        self.c = colors
        self.lim = limits

    # -- helpers -------------------------------------------------------------------------
    def e(self, text: str | None, cut: bool = True) -> str:
        text = text or ""
        if cut and len(text) > self.lim.chars:
            text = text[: self.lim.chars - 1].rstrip() + "…"
        return html.escape(text)

    def muted(self, text: str) -> str:
        return f"<span style='color:{self.c.muted}'>{text}</span>"

    def link(self, href: str, text: str, quiet: bool = False) -> str:
        """A link in the view (plain text on paper). A quiet link looks like the text
        around it: the item itself, there to be followed, not to draw the eye."""
        if not self.links:
            return text
        if quiet:
            return f"<a href='{href}' style='color:{self.c.text}; text-decoration:none'>{text}</a>"
        return f"<a href='{href}' style='color:{self.c.link}'>{text}</a>"

    def more(self, total: int, shown: int, noun: str = "more") -> str:
        if total <= shown:
            return ""
        return f"<li>{self.muted(f'and {total - shown} {noun}')}</li>"

    def section(self, title: str, body: str) -> str:
        return f"<h3 style='margin-top:10px; margin-bottom:3px'>{title}</h3>{body}"

    @staticmethod
    def ul(items: str) -> str:
        return f"<ul style='margin-top:0; margin-bottom:0'>{items}</ul>"

    # -- sections ------------------------------------------------------------------------
    def header(self) -> str:
        client = self.b.client
        lines = [f"<h1 style='margin:0'>{self.e(client.name)}</h1>"]
        work = " · ".join(self.e(x) for x in (client.role, client.company) if x)
        if work:
            lines.append(f"<div style='font-size:large'>{work}</div>")
        lines.append(f"<div>{self.who()}</div>")
        contact = " · ".join(self.e(x) for x in [*client.emails[:2], *client.phones[:2]])
        if contact:
            lines.append(f"<div>{self.muted(contact)}</div>")
        address = one_line(client.address)
        if address:
            lines.append(f"<div>{self.muted(self.e(address))}</div>")
        return "".join(lines)

    def who(self) -> str:
        client = self.b.client
        parts = []
        if client.how_we_met:
            parts.append(self.e(met_text(client.how_we_met)))
        referrer = self.b.introduced_by
        # "Introduced by Dana Whitfield." as how they met says it already.
        if referrer and referrer.casefold() not in (client.how_we_met or "").casefold():
            parts.append(f"Referred by {self.e(referrer)}")
        if client.last_contact_at:
            days = (self.b.today - client.last_contact_at.date()).days
            parts.append(f"Last contact {day_text(client.last_contact_at)} ({ago(days)})")
        if client.cadence_days:
            parts.append(f"keep in touch every {client.cadence_days} days")
        return " · ".join(parts) or self.muted("How you met is not recorded yet.")

    def ask_about(self) -> str:
        if not self.b.ask_about:
            return ""
        items = "".join(f"<li><b>{self.question(q)}</b></li>" for q in self.b.ask_about)
        return (
            f"<table width='100%' cellpadding='6' style='background:{self.c.accent_bg}'>"
            f"<tr><td><b>Ask about</b><ul style='margin-top:2px; margin-bottom:0'>{items}"
            "</ul></td></tr></table>"
        )

    def question(self, question: Question) -> str:
        """The question, leading (in the view) to what it came from."""
        if question.fact_id is not None:
            return self.link(f"fact:{question.fact_id}", self.e(question.text), quiet=True)
        if question.interaction_id is not None:
            href = f"interaction:{question.interaction_id}"
            return self.link(href, self.e(question.text), quiet=True)
        return self.e(question.text)

    def interests(self) -> str:
        """What the client cares about: their own line, not the first of their people."""
        if not self.b.interests:
            return ""
        cares = ", ".join(self.e(t) for t in self.b.interests)
        return self.section("Interests", f"<div>{cares}</div>")

    def people(self) -> str:
        lines = []
        shown = self.b.people[: self.lim.people]
        for line in shown:
            p = line.person
            details = [p.relation] if p.name and p.relation else []
            if line.age is not None:
                details.append(str(line.age))
            who = self.e(p.name or p.relation.capitalize())
            extra = f" ({self.e(', '.join(details))})" if details else ""
            cares = f" — {self.e(', '.join(line.cares_about))}" if line.cares_about else ""
            notes = f" {self.muted(self.e(p.notes))}" if p.notes else ""
            name = self.link(f"person:{p.id}", who, quiet=True)
            lines.append(f"<li><b>{name}</b>{extra}{cares}{notes}</li>")
        if not lines:
            return ""
        more = self.more(len(self.b.people), len(shown))
        return self.section("Their people", self.ul("".join(lines) + more))

    def work_contacts(self) -> str:
        if not self.b.work_contacts:
            return ""
        items = "".join(f"<li>{self.e(line)}</li>" for line in self.b.work_contacts)
        return self.section("Work contacts", self.ul(items))

    def conversations(self) -> str:
        talks = self.b.interactions[: self.lim.conversations]
        if not talks:
            return ""
        items = [self.conversation(t) for t in talks]
        return self.section("Last conversations", self.ul("".join(items)))

    def conversation(self, talk: Interaction) -> str:
        title = self.e(talk.title or talk.kind.capitalize())
        when = f"{day_text(talk.happened_at)}"
        kind = f" · {talk.kind}" if talk.title else ""
        head = f"<b>{when}</b>{self.muted(kind)} · {self.link(f'interaction:{talk.id}', title)}"
        points = talk.key_points[: self.lim.key_points]
        lines = [f"– {self.e(p)}" for p in points]
        if len(talk.key_points) > len(points):
            lines.append(self.muted(f"and {len(talk.key_points) - len(points)} more"))
        return f"<li>{head}" + "".join(f"<br>{line}" for line in lines) + "</li>"

    def promises(self) -> str:
        score = self.b.score
        shown = self.b.promises[: self.lim.promises]
        if not shown and score.judged == 0:
            return ""
        label = score.label()
        if score.ratio is not None:
            color = self.c.good if score.ratio >= 0.8 else self.c.caution
            if score.ratio < 0.5:
                color = self.c.warning
            label = f"<span style='color:{color}'><b>{label}</b></span>"
        items = "".join(self.promise(line) for line in shown)
        items += self.more(len(self.b.promises), len(shown))
        body = f"<div>Follow-through: {label}</div>" + (self.ul(items) if items else "")
        return self.section("What I promised", body)

    def promise(self, line: PromiseLine) -> str:
        task = line.task
        title = self.link(f"task:{task.id}", self.e(task.title), quiet=True)
        due = f" — due {short_day(task.due)}" if task.due else ""
        if line.outcome == "kept":
            state = f"<span style='color:{self.c.good}'>kept</span>"
        elif line.outcome == "late" and task.status == "done":
            state = f"<span style='color:{self.c.caution}'>kept late</span>"
        elif line.outcome == "late":
            state = f"<span style='color:{self.c.warning}'><b>late</b></span>"
        else:
            state = self.muted("open")
        return f"<li>{title}{due} · {state}</li>"

    def waiting(self) -> str:
        shown = self.b.awaiting_reply[: self.lim.waiting]
        if not shown:
            return ""
        items = "".join(self.message(i) for i in shown)
        items += self.more(len(self.b.awaiting_reply), len(shown))
        return self.section("Waiting on me", self.ul(items))

    def message(self, item: Inbound) -> str:
        days = (self.b.today - item.received_at.date()).days
        age = ago(days)
        if days >= 2:
            age = f"<span style='color:{self.c.warning}'>{age}</span>"
        summary = f": {self.e(item.summary)}" if item.summary else ""
        return f"<li>{self.e(item.channel.capitalize())} {age}{summary}</li>"

    def tasks(self) -> str:
        # Promises show above; these are the other open tasks.
        others = [t for t in self.b.open_tasks if not (t.promised or t.kind == "promise")]
        shown = others[: self.lim.tasks]
        if not shown:
            return ""
        items = "".join(self.task(t) for t in shown) + self.more(len(others), len(shown))
        return self.section("Open tasks", self.ul(items))

    def task(self, task: Task) -> str:
        title = self.link(f"task:{task.id}", self.e(task.title), quiet=True)
        if task.due is None:
            return f"<li>{title}</li>"
        due = f"due {short_day(task.due)}"
        if task.due < self.b.today:
            due = f"<span style='color:{self.c.warning}'>overdue since {short_day(task.due)}</span>"
        return f"<li>{title} — {due}</li>"

    def dates(self) -> str:
        shown = self.b.upcoming[: self.lim.dates]
        if not shown:
            return ""
        items = "".join(self.date(u) for u in shown) + self.more(len(self.b.upcoming), len(shown))
        return self.section("Dates coming up", self.ul(items))

    def date(self, item: Upcoming) -> str:
        turning = ""
        if item.turning:
            turning = (
                f", turns {item.turning}" if item.kind == "birthday" else f", {item.turning} years"
            )
        when = f"{short_day(item.day)} ({soon(item.in_days)})"
        return f"<li><b>{self.e(item.label)}</b> — {when}{turning}</li>"

    def introductions(self) -> str:
        shown = self.b.introductions[: self.lim.introductions]
        if not shown:
            return ""
        items = "".join(self.introduction(line) for line in shown)
        items += self.more(len(self.b.introductions), len(shown))
        return self.section("Introductions", self.ul(items))

    def introduction(self, line: IntroLine) -> str:
        """Who introduced whom, then where the chain stands, as plain lines (the steps
        are done from their tasks, not here; a step the open tasks show is not repeated)."""
        intro = line.intro
        who = f"<b>{self.e(intro.referrer or 'Someone')}</b> introduced <b>{self.e(intro.lead)}</b>"
        if intro.introduced_on:
            who += f" · {short_day(intro.introduced_on)}"
        lines = []
        for step in line.steps:
            title = self.e(step.title)
            if step.state == "done":
                when = f" · {short_day(step.day)}" if step.day else ""
                lines.append(self.muted(f"✓ {title}{when}"))
            elif step.state == "due":
                late = step.day is not None and step.day < self.b.today
                when = f"due since {short_day(step.day)}" if late and step.day else "due today"
                lines.append(f"– {title} · {when}")
            else:
                when = f" · from {short_day(step.day)}" if step.day else ""
                lines.append(f"– {title}{self.muted(when)}")
        if line.in_tasks:
            noun = "step is" if line.in_tasks == 1 else f"{line.in_tasks} steps are"
            lines.append(self.muted(f"– the next {noun} under Open tasks"))
        return f"<li>{who}" + "".join(f"<br>{text}" for text in lines) + "</li>"

    def gifts(self) -> str:
        shown = self.b.gifts_given[: self.lim.gifts]
        if not shown:
            return ""
        items = []
        for gift in shown:
            parts = [self.e(gift.title)]
            if gift.for_name:
                parts.append(f"for {self.e(gift.for_name)}")
            meta = [day_text(gift.given_on) if gift.given_on else "", gift.occasion, gift.reaction]
            extra = " · ".join(self.e(m) for m in meta if m)
            items.append(f"<li>{' '.join(parts)}" + (f" {self.muted(extra)}" if extra else ""))
        items.append(self.more(len(self.b.gifts_given), len(shown)))
        return self.section("Gifts given", self.ul("".join(items)))

    def facts(self) -> str:
        shown = self.b.facts[: self.lim.facts]
        if not shown:
            return ""
        items = "".join(self.fact(line) for line in shown)
        items += self.more(len(self.b.facts), len(shown))
        stale = self.b.stale_count
        note = ""
        if stale:
            word = "fact" if stale == 1 else "facts"
            note = (
                f" <span style='font-size:small; font-weight:normal; color:{self.c.muted}'>"
                f"({stale} {word} not confirmed for over a year)</span>"
            )
        return self.section(f"Worth remembering{note}", self.ul(items))

    def notes(self) -> str:
        """The client's own notes (typed in the profile, or brought by an import)."""
        text = self.b.client.notes.strip()
        if not text:
            return ""
        if len(text) > NOTES_CHARS:
            text = text[:NOTES_CHARS].rstrip() + " …"
        body = "<br>".join(self.e(line) for line in text.splitlines())
        return self.section("Notes", f"<p style='margin-top:0; margin-bottom:0'>{body}</p>")

    def fact(self, line: FactLine) -> str:
        f = line.fact
        text = self.link(f"fact:{f.id}", self.e(f.text), quiet=True)
        # "— Jake" only when the fact does not name Jake already
        named = f.about and f.about.lower() in f.text.lower()
        about = f" — {self.e(f.about)}" if f.about and not named else ""
        source = html.escape(line.source)
        if f.source_interaction_id is not None:
            source = "from " + self.link(f"interaction:{f.source_interaction_id}", source)
        out = f"<li>{text}{about}<br>{self.muted(source)}"
        if line.stale:
            confirmed = f.confirmed_at or f.created_at
            since = f"last confirmed {day_text(confirmed)}" if confirmed else "never confirmed"
            out += f" · <span style='color:{self.c.caution}'>possibly stale ({since})</span>" + (
                f" · {self.link(f'confirm:{f.id}', 'Still true')}" if self.links else ""
            )
        return out + "</li>"


def render(
    brief: Brief,
    *,
    links: bool = True,
    colors: Colors = PRINT_COLORS,
    limits: Limits | None = None,
    header: bool = False,
    columns: int = 1,
    base_pt: float | None = None,
    footer: bool = True,
) -> str:
    """The brief as HTML for QTextDocument (``footer``: with the page's "Brief of ..." line
    after the text; the printed page draws it at its bottom instead)."""
    h = _Html(brief, links, colors, limits or Limits())
    first = [
        h.interests(),
        h.people(),
        h.work_contacts(),
        h.conversations(),
        h.promises(),
        h.waiting(),
        h.tasks(),
        h.introductions(),
    ]
    second = [h.dates(), h.gifts(), h.facts(), h.notes()]
    # On screen the profile's own header above the tabs says who they are.
    top = h.header() if header else ""
    body_parts = [p for p in first + second if p]
    if not body_parts and not brief.ask_about:
        empty = h.muted(EMPTY)
        body = f"<p>{empty}</p>"
    elif columns == 2:
        left = "".join(p for p in first if p)
        right = "".join(p for p in second if p)
        body = (
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='50%' valign='top' style='padding-right:14px'>{left}</td>"
            f"<td width='50%' valign='top'>{right}</td></tr></table>"
        )
    else:
        body = "".join(body_parts)
    size = f"font-size:{base_pt}pt; " if base_pt else ""
    end = ""
    if header and footer:
        end = f"<p>{h.muted(h.e(footer_text(brief)))}</p>"
    return (
        f"<html><body style='{size}color:{colors.text}'>{top}"
        f"<div style='margin-top:{8 if header else 2}px'>{h.ask_about()}</div>"
        f"{body}{end}</body></html>"
    )


def footer_text(brief: Brief) -> str:
    return f"Brief of {brief.client.name} — {day_text(brief.today)}"
