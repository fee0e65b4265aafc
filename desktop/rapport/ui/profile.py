"""The client profile: who they are, their people, facts, history and tasks, editable."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rapport import clock
from rapport.core import records as r
from rapport.core.ages import age_on
from rapport.services import clients, facts, interactions, people, tasks
from rapport.services.undo import Snapshot
from rapport.ui import messages, theme
from rapport.ui.dialogs import (
    ClientDialog,
    FactDialog,
    InteractionDialog,
    PersonDialog,
    TaskDialog,
)
from rapport.ui.profile_followup import followup_html, score_line
from rapport.ui.record_section import RecordSection
from rapport.ui.table_model import Column


def _due_text(task: r.Task) -> str:
    return task.due.isoformat() if task.due else "—"


def _task_color(task: r.Task) -> Any:
    today = clock.today()
    if task.status == "open" and task.due is not None and task.due < today:
        return theme.warning_color()
    if task.status == "done":
        return theme.muted_color()
    return None


def _person_age(person: r.Person) -> str:
    age = age_on(person, clock.today())
    return "" if age is None else str(age)


PEOPLE_COLUMNS: list[Column[r.Person]] = [
    Column("Name", lambda p: p.name or "(name unknown)"),
    Column("Relation", lambda p: p.relation),
    Column("Age", _person_age, sort=lambda p: age_on(p, clock.today()) or -1, align_right=True),
    Column("Birthday", lambda p: p.birthday.strftime("%b %-d") if p.birthday else ""),
    Column("Notes", lambda p: p.notes),
]
FACT_COLUMNS: list[Column[r.Fact]] = [
    Column("Fact", lambda f: f.text),
    Column("About", lambda f: f.about or "client"),
    Column("Category", lambda f: f.category),
    Column("Tags", lambda f: ", ".join(f.tags)),
    Column("Since", lambda f: f.created_at.date().isoformat() if f.created_at else ""),
]
HISTORY_COLUMNS: list[Column[r.Interaction]] = [
    Column(
        "When", lambda i: i.happened_at.strftime("%Y-%m-%d %H:%M"), sort=lambda i: i.happened_at
    ),
    Column("Kind", lambda i: i.kind),
    Column("Title", lambda i: i.title or (i.raw_text.splitlines() or [""])[0][:80]),
    Column("Key points", lambda i: "; ".join(i.key_points)),
]
TASK_COLUMNS: list[Column[r.Task]] = [
    Column("Task", lambda t: t.title, color=_task_color),
    Column("Due", _due_text, sort=lambda t: t.due, color=_task_color),
    Column("Kind", lambda t: t.kind),
    Column("Status", lambda t: t.status_on(clock.today()), color=_task_color),
]


class ProfilePane(QWidget):
    """Shows one client; every edit goes through a form and a service, then refreshes."""

    changed = Signal()  # something about the client changed (the list refreshes counts)
    deleted = Signal(object)  # a Snapshot, for undo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: int | None = None
        self.current: r.Profile | None = None

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setAccessibleName("Client summary")
        self.edit_client_button = QPushButton("Edit client…")
        self.edit_client_button.clicked.connect(self.edit_client)
        self.log_button = QPushButton("Log conversation…")
        self.log_button.clicked.connect(self.add_interaction)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.edit_client_button)
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)
        top.addLayout(buttons)

        self.overview = QTextBrowser()
        self.overview.setOpenLinks(False)
        self.overview.setAccessibleName("Overview")
        self.people = RecordSection(
            "person",
            PEOPLE_COLUMNS,
            "No family or pets recorded yet.\nAdd a person to remember names, ages and birthdays.",
        )
        self.facts = RecordSection(
            "fact", FACT_COLUMNS, "No facts yet.\nAdd what they like, eat, play or care about."
        )
        self.history = RecordSection(
            "conversation",
            HISTORY_COLUMNS,
            "No conversations yet.\nLog a meeting, call or email to start the history.",
            stretch_column=2,
        )
        self.tasks = RecordSection(
            "task", TASK_COLUMNS, "No tasks.\nAdd what you promised, with a due date."
        )
        self.done_button = QPushButton("Mark done")
        self.done_button.setAccessibleName("Mark task done")
        self.done_button.clicked.connect(self.toggle_done)
        self.tasks.layout().itemAt(0).layout().insertWidget(1, self.done_button)  # type: ignore[union-attr]

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.overview, "&Overview")
        self.tabs.addTab(self.people, "&People")
        self.tabs.addTab(self.facts, "&Facts")
        self.tabs.addTab(self.history, "&History")
        self.tabs.addTab(self.tasks, "&Tasks")

        self._wire(self.people, self.add_person, self.edit_person, self.delete_person)
        self._wire(self.facts, self.add_fact, self.edit_fact, self.delete_fact)
        self._wire(
            self.history, self.add_interaction, self.edit_interaction, self.delete_interaction
        )
        self._wire(self.tasks, self.add_task, self.edit_task, self.delete_task)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.placeholder = QLabel(
            "<h3>No client selected</h3><p>Pick a client on the left (filter with "
            "<b>Ctrl+F</b>),<br>or add one with <b>Ctrl+Shift+N</b>.</p>"
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    @staticmethod
    def _wire(section: RecordSection, add: Callable[[], None], edit: Any, delete: Any) -> None:
        section.addRequested.connect(add)
        section.editRequested.connect(edit)
        section.deleteRequested.connect(delete)

    # -- showing ---------------------------------------------------------------------------
    def show_client(self, client_id: int | None) -> None:
        self.client_id = client_id
        if client_id is None:
            self.current = None
            self.stack.setCurrentWidget(self.placeholder)
            return
        try:
            self.current = clients.profile(client_id)
        except Exception as exc:
            self.current = None
            self.stack.setCurrentWidget(self.placeholder)
            messages.show_error(self, exc, "open this client")
            return
        profile = self.current
        self.header.setText(header_html(profile.client) + score_line(profile))
        self.overview.setHtml(overview_html(profile) + followup_html(profile))
        self.people.set_rows(profile.people)
        self.facts.set_rows(profile.facts)
        self.history.set_rows(profile.interactions)
        self.tasks.set_rows(profile.tasks)
        self.stack.setCurrentWidget(self.stack.widget(1))

    def refresh(self) -> None:
        self.show_client(self.client_id)

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()

    # -- actions ---------------------------------------------------------------------------
    def _save(self, doing: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except Exception as exc:
            messages.show_error(self, exc, doing)
            return None

    def edit_client(self) -> None:
        if self.current is None:
            return
        client_id = self.current.client.id
        names = [row.name for row in clients.list_clients(True) if row.id != client_id]
        if ClientDialog.ask(
            self,
            lambda v: clients.update_client(client_id, **v),
            client=self.current.client,
            other_clients=names,
        ):
            self._after_change()

    def add_person(self) -> None:
        cid = self.client_id
        if cid is not None and PersonDialog.ask(
            self, lambda v: people.add_person(cid, v.pop("name"), v.pop("relation"), **v)
        ):
            self._after_change()

    def edit_person(self, person: r.Person) -> None:
        if PersonDialog.ask(self, lambda v: people.update_person(person.id, **v), person=person):
            self._after_change()

    def delete_person(self, person: r.Person) -> None:
        self._delete(f"Delete {person.label}?", lambda: people.delete_person(person.id))

    def add_fact(self) -> None:
        cid = self.client_id
        if cid is None or self.current is None:
            return
        if FactDialog.ask(
            self,
            lambda v: facts.add_fact(
                cid, v["text"], v["category"], v["tags"], person_id=v["person_id"]
            ),
            people=self.current.people,
        ):
            self._after_change()
            self.tabs.setCurrentWidget(self.facts)

    def edit_fact(self, fact: r.Fact) -> None:
        if self.current and FactDialog.ask(
            self,
            lambda v: facts.update_fact(fact.id, **v),
            fact=fact,
            people=self.current.people,
        ):
            self._after_change()

    def delete_fact(self, fact: r.Fact) -> None:
        self._delete(f"Delete the fact “{fact.text}”?", lambda: facts.delete_fact(fact.id))

    def add_interaction(self) -> None:
        cid = self.client_id
        if cid is not None and InteractionDialog.ask(
            self, lambda v: interactions.add_interaction(cid, **v)
        ):
            self._after_change()
            self.tabs.setCurrentWidget(self.history)

    def edit_interaction(self, interaction: r.Interaction) -> None:
        if InteractionDialog.ask(
            self,
            lambda v: interactions.update_interaction(interaction.id, **v),
            interaction=interaction,
        ):
            self._after_change()

    def delete_interaction(self, interaction: r.Interaction) -> None:
        self._delete(
            f"Delete the {interaction.kind} of {interaction.happened_at:%b %-d, %Y}?",
            lambda: interactions.delete_interaction(interaction.id),
        )

    def add_task(self) -> None:
        cid = self.client_id
        if cid is not None and TaskDialog.ask(self, lambda v: tasks.add_task(client_id=cid, **v)):
            self._after_change()
            self.tabs.setCurrentWidget(self.tasks)

    def edit_task(self, task: r.Task) -> None:
        if TaskDialog.ask(self, lambda v: tasks.update_task(task.id, **v), task=task):
            self._after_change()

    def delete_task(self, task: r.Task) -> None:
        self._delete(f"Delete the task “{task.title}”?", lambda: tasks.delete_task(task.id))

    def toggle_done(self) -> None:
        task = self.tasks.current()
        if task is None:
            return
        if task.status == "done":
            done = self._save("reopen the task", lambda: tasks.reopen_task(task.id))
        else:
            done = self._save("complete the task", lambda: tasks.complete_task(task.id))
        if done is not None:
            self._after_change()

    def _delete(self, question: str, fn: Callable[[], Snapshot]) -> None:
        if not messages.confirm(self, "Delete", question + "\n\nYou can undo this with Ctrl+Z."):
            return
        snapshot = self._save("delete", fn)
        if snapshot is not None:
            self._after_change()
            self.deleted.emit(snapshot)


def header_html(client: r.Client) -> str:
    e = html.escape
    title = e(client.name)
    if client.archived:
        title += " <small>(archived)</small>"
    work = " · ".join(e(x) for x in (client.role, client.company) if x)
    contact = " · ".join(e(x) for x in [*client.emails[:2], *client.phones[:2]])
    meta = []
    if client.how_we_met:
        meta.append(f"Met: {e(client.how_we_met)}")
    if client.referred_by:
        meta.append(f"Referred by {e(client.referred_by)}")
    if client.last_contact_at:
        meta.append(f"Last contact {client.last_contact_at:%b %-d, %Y}")
    if client.cadence_days:
        meta.append(f"Keep in touch every {client.cadence_days} days")
    lines = [f"<span style='font-size:16pt; font-weight:600'>{title}</span>"]
    lines += [line for line in (work, contact, " · ".join(meta)) if line]
    return "<br>".join(lines)


def overview_html(profile: r.Profile) -> str:
    """A one-screen summary: people, what they care about, open promises, last talks."""
    e = html.escape
    today = clock.today()
    parts: list[str] = []
    if profile.people:
        items = []
        for person in profile.people:
            age = age_on(person, today)
            age_text = f", {age}" if age is not None else ""
            items.append(f"<li><b>{e(person.label)}</b> ({e(person.relation)}{age_text})</li>")
        parts.append("<h4>People</h4><ul>" + "".join(items) + "</ul>")
    if profile.facts:
        items = [
            f"<li>{e(f.text)}"
            + (f" <span style='color:gray'>[{e(', '.join(f.tags))}]</span>" if f.tags else "")
            + "</li>"
            for f in profile.facts[:12]
        ]
        parts.append("<h4>Worth remembering</h4><ul>" + "".join(items) + "</ul>")
    open_tasks = [t for t in profile.tasks if t.status == "open"]
    if open_tasks:
        items = []
        for task in open_tasks[:8]:
            due = f" — due {task.due:%b %-d}" if task.due else ""
            late = task.due is not None and task.due < today
            style = f" style='color:{theme.warning_color().name()}'" if late else ""
            items.append(f"<li{style}>{e(task.title)}{due}</li>")
        parts.append("<h4>Open tasks and promises</h4><ul>" + "".join(items) + "</ul>")
    if profile.interactions:
        items = []
        for talk in profile.interactions[:3]:
            points = "".join(f"<li>{e(p)}</li>" for p in talk.key_points)
            title = e(talk.title or talk.kind.capitalize())
            items.append(
                f"<li><b>{talk.happened_at:%b %-d, %Y}</b> · {title}"
                + (f"<ul>{points}</ul>" if points else "")
                + "</li>"
            )
        parts.append("<h4>Last conversations</h4><ul>" + "".join(items) + "</ul>")
    if not parts:
        return (
            "<p style='color:gray'>Nothing recorded yet. Log a conversation, or add people "
            "and facts from the tabs above.</p>"
        )
    return "".join(parts)
