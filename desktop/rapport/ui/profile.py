"""The client profile: who they are, their people, facts, history and tasks, editable."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rapport import clock
from rapport.core import records as r
from rapport.core.ages import age_on
from rapport.core.brief import Brief, is_stale
from rapport.core.formats import day_label, day_month, full_date, kind_text
from rapport.core.postal import one_line
from rapport.services import clients, editing, facts, interactions, people, steps, tasks
from rapport.services.brief import compose_profile
from rapport.services.undo import Snapshot
from rapport.ui import messages, theme
from rapport.ui.brief_view import BriefView
from rapport.ui.dialogs import (
    ClientDialog,
    FactDialog,
    InteractionDialog,
    PersonDialog,
    TaskDialog,
    home_country,
)
from rapport.ui.done_note_panel import offer_done_note
from rapport.ui.gifts_tab import GiftsTab
from rapport.ui.history_view import HistoryView
from rapport.ui.profile_followup import score_line
from rapport.ui.record_section import RecordSection
from rapport.ui.snooze_dialog import SnoozeDialog
from rapport.ui.table_model import Column
from rapport.ui.window_reads import Latest, ProfileRead, read_profile
from rapport.ui.window_saves import save_on_worker


def _due_text(task: r.Task) -> str:
    return day_label(task.due, clock.today()) if task.due else "—"


def _task_order(task: r.Task) -> str:
    """Open tasks first, soonest due first, undated last; then the done ones."""
    due = task.due.isoformat() if task.due else "9999-12-31"
    return f"{int(task.status == 'done')} {due} {task.title.casefold()}"


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
    Column(
        "Relation",
        lambda p: p.relation,
        sort=lambda p: f"{p.relation.casefold()}\x00{(p.name or '').casefold()}",
    ),
    Column("Age", _person_age, sort=lambda p: age_on(p, clock.today()) or -1, align_right=True),
    Column("Birthday", lambda p: day_month(p.birthday) if p.birthday else ""),
    Column("Notes", lambda p: p.notes),
]


def _fact_source(fact: r.Fact) -> str:
    if fact.source_at is None:
        return "added by hand"
    what = fact.source_title or (fact.source_kind or "").capitalize()
    return f"{what}, {day_label(fact.source_at, clock.today())}"


def _confirmed(fact: r.Fact) -> str:
    stamp = fact.confirmed_at or fact.created_at
    text = day_label(stamp, clock.today()) if stamp else ""
    return f"{text} (possibly stale)" if is_stale(fact, clock.today()) else text


def _stale_color(fact: r.Fact) -> Any:
    return theme.caution_color() if is_stale(fact, clock.today()) else None


FACT_COLUMNS: list[Column[r.Fact]] = [
    Column("Fact", lambda f: f.text, color=_stale_color),
    Column("About", lambda f: f.about or "client"),
    Column("Category", lambda f: f.category),
    Column("Tags", lambda f: ", ".join(f.tags)),
    Column("From", _fact_source, sort=lambda f: f.source_at or f.created_at),
    Column(
        "Confirmed",
        _confirmed,
        sort=lambda f: f.confirmed_at or f.created_at,
        color=_stale_color,
        tooltip=lambda f: (
            "Not confirmed for over a year: Ctrl+Y if it is still true"
            if is_stale(f, clock.today())
            else None
        ),
    ),
]
TASK_COLUMNS: list[Column[r.Task]] = [
    Column("Task", lambda t: t.title, color=_task_color),
    Column("Due", _due_text, sort=_task_order, color=_task_color),
    Column("Kind", lambda t: kind_text(t.kind)),
    Column("Status", lambda t: t.status_on(clock.today()), color=_task_color),
]

# The order each list opens in: people by relation (then name), facts newest first (by
# where they came from, or when they were added), tasks by due date.
PEOPLE_SORT, FACT_SORT, TASK_SORT = 1, 4, 1
PEOPLE_NOTES = 4


class ProfilePane(QWidget):
    """Shows one client; every edit goes through a form and a service, then refreshes."""

    changed = Signal()  # something about the client changed (the list refreshes counts)
    deleted = Signal(object)  # a Snapshot, for undo
    undoable = Signal(object)  # a services.steps.Step (done, reopen, snooze), for undo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: int | None = None
        self.reads = Latest()  # the window's reads of this pane on its worker
        self.current: r.Profile | None = None
        self.saving = False  # a Done, Reopen, delete or "still true" on its way to the book

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setAccessibleName("Client summary")
        theme.follow_palette(self, self._recolour)
        self.edit_client_button = QPushButton("Edit client…")
        self.edit_client_button.clicked.connect(self.edit_client)
        self.log_button = QPushButton("Log conversation…")
        self.log_button.clicked.connect(self.add_interaction)
        self.envelope_button = QPushButton("Envelope…")  # the window connects it
        self.envelope_button.setToolTip("Print the client's envelope (Ctrl+Shift+V)")
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.edit_client_button)
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.envelope_button)
        buttons.addStretch(1)
        top.addLayout(buttons)

        self.overview = BriefView()
        self.overview.confirmRequested.connect(self.confirm_fact)
        self.overview.revealRequested.connect(self.reveal)
        self.people = RecordSection(
            "person",
            PEOPLE_COLUMNS,
            "No family or pets recorded yet.\nAdd a person to remember names, ages and birthdays.",
            stretch_column=PEOPLE_NOTES,  # names fit their content; the notes take the rest
            sort_column=PEOPLE_SORT,
        )
        self.facts = RecordSection(
            "fact",
            FACT_COLUMNS,
            "No facts yet.\nAdd what they like, eat, play or care about.",
            sort_column=FACT_SORT,
            sort_order=Qt.SortOrder.DescendingOrder,
        )
        self.history = HistoryView()
        self.tasks = RecordSection(
            "task",
            TASK_COLUMNS,
            "No tasks.\nAdd what you promised, with a due date.",
            sort_column=TASK_SORT,
        )
        self.done_button = QPushButton("Mark done")
        self.done_button.setAccessibleName("Mark task done")
        self.done_button.clicked.connect(self.toggle_done)
        self.tasks.layout().itemAt(0).layout().insertWidget(1, self.done_button)  # type: ignore[union-attr]
        self.snooze_button = QPushButton("Snooze…")
        self.snooze_button.setAccessibleName("Snooze task")
        self.snooze_button.clicked.connect(self.snooze_task)
        self.tasks.layout().itemAt(0).layout().insertWidget(2, self.snooze_button)  # type: ignore[union-attr]
        self.tasks.table.selectionModel().currentRowChanged.connect(self._update_task_buttons)
        self.tasks.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tasks.table.customContextMenuRequested.connect(self._show_task_menu)
        self._update_task_buttons()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.overview, "&Brief")
        self.tabs.addTab(self.people, "&People")
        # Letters the menu bar does not use (Alt+F, H and T open File, Help and Tools).
        self.tabs.addTab(self.facts, "F&acts")
        self.tabs.addTab(self.history, "H&istory")
        self.tabs.addTab(self.tasks, "Ta&sks")
        # Gifts: ideas and the gift log (ui/gifts_tab.py holds the substance).
        self.gifts = GiftsTab()
        self.tabs.addTab(self.gifts, "&Gifts")
        self.gifts.changed.connect(self._after_change)
        self.gifts.saves_through = self._save_soon  # on the window's worker, as the pane's
        self.gifts.deleted.connect(self.deleted)

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
            "<b>Ctrl+Shift+L</b>), search with <b>Ctrl+K</b>,<br>or add one with "
            "<b>Ctrl+Shift+N</b>.</p>"
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
        self.reads.take()  # read here: a read on the worker under way is older
        self.client_id = client_id
        if client_id is None:
            self.current = None
            self.stack.setCurrentWidget(self.placeholder)
            return
        try:
            profile = clients.profile(client_id)
        except Exception as exc:
            self.current = None
            self.stack.setCurrentWidget(self.placeholder)
            messages.show_error(self, exc, "open this client")
            return
        self._show(profile)

    def show_read(self, read: ProfileRead, ticket: int) -> None:
        """Show the client's profile (and its brief) the window read again on its worker
        (ui/window_reads.py), unless another client was picked or read since."""
        if self.reads.newest(ticket) and self.client_id == read.profile.client.id:
            self._show(read.profile, read.brief)

    def _show(self, profile: r.Profile, brief: Brief | None = None) -> None:
        self.current = profile
        self.header.setText(header_html(profile.client) + score_line(profile))
        self.overview.show_brief(brief if brief is not None else compose_profile(profile))
        self.people.set_rows(profile.people)
        self.facts.set_rows(profile.facts)
        self.history.set_rows(profile.interactions)
        self.tasks.set_rows(profile.tasks)
        self._update_task_buttons()
        self.gifts.set_profile(profile)
        self.stack.setCurrentIndex(1)

    def refresh(self) -> None:
        self.show_client(self.client_id)

    def _recolour(self) -> None:
        """The palette changed: the header's colours are in its HTML (the brief follows by
        itself, the tables paint with the new colours)."""
        if self.current is not None:
            self.header.setText(header_html(self.current.client) + score_line(self.current))

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()

    def reveal(self, kind: str, ref_id: int) -> None:
        """Show the tab and row of one record (a search result, a link in the brief)."""
        section = {
            "person": self.people,
            "fact": self.facts,
            "interaction": self.history,
            "task": self.tasks,
        }.get(kind)
        if section is None:  # the client, a gift, a message: the brief shows them
            self.tabs.setCurrentWidget(self.overview)
            self.overview.setFocus()
            return
        self.tabs.setCurrentWidget(section)
        section.select(ref_id)
        section.table.setFocus()

    def confirm_fact(self, fact_id: int) -> None:
        """The user says a fact is still true: it is no longer possibly stale."""
        self._save_soon(
            "confirm the fact",
            lambda: facts.confirm_fact(fact_id),
            lambda _fact: self._status("Marked as still true."),
        )

    def confirm_selected_fact(self) -> None:
        fact = self.facts.current() if self.tabs.currentWidget() is self.facts else None
        if fact is None:
            self._status(
                "Select a fact in the Facts tab (Alt+F) first, or follow “Still true” in the brief."
            )
            return
        self.confirm_fact(fact.id)

    def _status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 6000)

    # -- actions ---------------------------------------------------------------------------
    def _save_soon(self, doing: str, fn: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Write (``fn``) on the window's worker and read the client again in the same job,
        then show it and ``then(result)`` here: a busy book never freezes the window, and
        the pane takes no other Done or delete until it shows this one (the selected row
        has not moved on yet: a second click would do it again)."""
        if self.saving:
            self._status("Saving…")
            return
        client_id = self.client_id
        ticket = self.reads.take()  # reads under way are older than this write

        def write() -> tuple[Any, ProfileRead | Exception | None]:
            made = fn()
            try:  # the write is saved: from here on only the read is to say
                return made, read_profile(client_id) if client_id is not None else None
            except Exception as exc:
                return made, exc

        def done(result: tuple[Any, ProfileRead | Exception | None]) -> None:
            self._set_saving(False)
            made, read = result
            if isinstance(read, Exception):
                messages.show_error(self, read, "read the client")
            elif read is None:
                if self.client_id == client_id:
                    self.show_client(None)
            elif self.reads.newest(ticket) and self.client_id == read.profile.client.id:
                self._show(read.profile, read.brief)
            self.changed.emit()  # the window reads the rest again, on its worker
            then(made)

        self._set_saving(True)
        save_on_worker(self, doing, write, done, failed=lambda: self._set_saving(False))

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        if saving:
            self.done_button.setEnabled(False)
            self.snooze_button.setEnabled(False)
        else:
            self._update_task_buttons()
        self.gifts.mark_given_button.setEnabled(not saving)
        for section in (self.people, self.facts, self.history, self.tasks, self.gifts.log):
            section.delete_button.setEnabled(not saving and section.current() is not None)

    def edit_client(self, focus: str = "") -> bool:
        """The client form; ``focus="address"`` opens it on the address (a letter needs
        it). True when saved."""
        if self.current is None:
            return False
        if edit_client_form(self, self.current, focus):
            self._after_change()
            return True
        return False

    def _name(self) -> str:
        """Whose profile this is, for the forms to say so."""
        return self.current.client.name if self.current else ""

    def add_person(self) -> None:
        cid = self.client_id
        if (
            cid is not None
            and PersonDialog.ask(
                self,
                lambda v: people.add_person(cid, v.pop("name"), v.pop("relation"), **v),
                client=self._name(),
                home_country=home_country(),
            )
            is not None
        ):
            self._after_change()

    def edit_person(self, person: r.Person) -> None:
        if PersonDialog.ask(
            self,
            lambda v: people.update_person(person.id, **v),
            person=person,
            client=self._name(),
            home_country=home_country(),
        ):
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
            client=self._name(),
        ):
            self._after_change()
            self.tabs.setCurrentWidget(self.facts)

    def edit_fact(self, fact: r.Fact) -> None:
        if self.current and FactDialog.ask(
            self,
            lambda v: facts.update_fact(fact.id, **v),
            fact=fact,
            people=self.current.people,
            client=self._name(),
        ):
            self._after_change()

    def delete_fact(self, fact: r.Fact) -> None:
        self._delete(f"Delete the fact “{fact.text}”?", lambda: facts.delete_fact(fact.id))

    def add_interaction(self) -> None:
        cid = self.client_id
        if (
            cid is not None
            and InteractionDialog.ask(
                self, lambda v: interactions.add_interaction(cid, **v), client=self._name()
            )
            is not None
        ):
            self._after_change()
            self.tabs.setCurrentWidget(self.history)

    def edit_interaction(self, interaction: r.Interaction) -> None:
        if InteractionDialog.ask(
            self,
            lambda v: interactions.update_interaction(interaction.id, **v),
            interaction=interaction,
            client=self._name(),
        ):
            self._after_change()

    def delete_interaction(self, interaction: r.Interaction) -> None:
        self._delete(
            f"Delete the {interaction.kind} of {full_date(interaction.happened_at)}?",
            lambda: interactions.delete_interaction(interaction.id),
        )

    def add_task(self) -> None:
        cid = self.client_id
        if (
            cid is not None
            and TaskDialog.ask(
                self, lambda v: tasks.add_task(client_id=cid, **v), client=self._name()
            )
            is not None
        ):
            self._after_change()
            self.tabs.setCurrentWidget(self.tasks)

    def edit_task(self, task: r.Task) -> None:
        try:
            opened = tasks.editing_task(task)
        except Exception as exc:
            messages.show_error(self, exc, "open the task")
            return
        save = editing.Save(tasks.update_task, opened)
        if TaskDialog.ask(self, save, task=opened.record, client=self._name()):
            self._after_change()

    def delete_task(self, task: r.Task) -> None:
        self._delete(f"Delete the task “{task.title}”?", lambda: tasks.delete_task(task.id))

    def _update_task_buttons(self, *_args: Any) -> None:
        """The done button says what it does to the selected task: Mark done or Reopen."""
        task = self.tasks.current()
        done = task is not None and task.status == "done"
        self.done_button.setText("Reopen" if done else "Mark done")
        self.done_button.setAccessibleName("Reopen task" if done else "Mark task done")
        self.done_button.setEnabled(task is not None and not self.saving)
        self.snooze_button.setEnabled(task is not None and not done and not self.saving)

    def task_menu(self, pos: QPoint) -> QMenu | None:
        """The right-click menu of the task under ``pos`` (which becomes the selected one)."""
        index = self.tasks.table.indexAt(pos)
        if not index.isValid():
            return None
        self.tasks.table.setCurrentIndex(index)
        task = self.tasks.current()
        menu = QMenu(self)
        menu.setObjectName("taskMenu")
        done = task is not None and task.status == "done"
        menu.addAction("Reopen" if done else "Mark done", self.toggle_done)
        if not done:
            menu.addAction("Snooze…", self.snooze_task)
        menu.addSeparator()
        menu.addAction("Edit…", lambda: self._emit_task(self.edit_task))
        menu.addAction("Delete", lambda: self._emit_task(self.delete_task))
        return menu

    def _emit_task(self, slot: Callable[[r.Task], None]) -> None:
        task = self.tasks.current()
        if task is not None:
            slot(task)

    def _show_task_menu(self, pos: QPoint) -> None:
        menu = self.task_menu(pos)
        if menu is not None:
            menu.exec(self.tasks.table.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def toggle_done(self) -> None:
        """Done, or Reopen for a done task: an undoable step either way (Ctrl+Z)."""
        task = self.tasks.current()
        if task is None:
            return
        reopen = task.status == "done"

        def then(step: Any) -> None:
            self.undoable.emit(step)
            self._status(f"{'Reopened' if reopen else 'Done'}: {task.title}.")
            if not reopen:
                offer_done_note(self, task.id, self._after_change)

        if reopen:
            self._save_soon("reopen the task", lambda: steps.reopen_task(task.id), then)
        else:
            self._save_soon("complete the task", lambda: steps.complete_task(task.id), then)

    def snooze_task(self) -> None:
        task = self.tasks.current()
        if task is None or task.status == "done":
            return
        made: list[Any] = []

        def save(values: dict[str, Any]) -> Any:
            made.append(steps.snooze_task(task.id, values["when"]))
            return made[-1].result

        if SnoozeDialog.ask(self, save, what=task.title) is not None and made:
            self._after_change()
            self.undoable.emit(made[-1])

    def _delete(self, question: str, fn: Callable[[], Snapshot]) -> None:
        if self.saving:
            self._status("Saving…")
            return
        if not messages.confirm(self, "Delete", question + "\n\nYou can undo this with Ctrl+Z."):
            return
        self._save_soon("delete", fn, self.deleted.emit)


def edit_client_form(parent: QWidget | None, profile: r.Profile, focus: str = "") -> bool:
    """The client form over ``profile``, saved through the service; True when saved. The
    profile pane's Edit client, and the envelope's "add Dana's address first" (focus
    "address") from wherever a letter is printed."""
    client_id = profile.client.id
    birthday = next(
        (d for d in profile.dates if d.label == "birthday" and d.person_id is None), None
    )
    try:
        opened = clients.editing_client(profile.client)  # a colleague's save meanwhile is told
        others = clients.all_names(except_id=client_id)
    except Exception as exc:  # the team server gone since the last look: said, no form
        if not messages.tell_server_away(parent, exc, "open the client form"):
            raise
        return False
    saved = ClientDialog.ask(
        parent,
        editing.Save(clients.update_client, opened),
        client=opened.record,
        other_clients=others,
        birthday=birthday,
        home_country=home_country(),
        focus=focus,
    )
    return bool(saved)


def header_html(client: r.Client) -> str:
    e = html.escape
    title = e(client.name)
    if client.archived:
        title += " <small>(archived)</small>"
    work = " · ".join(e(x) for x in (client.role, client.company) if x)
    contact = " · ".join(e(x) for x in [*client.emails[:2], *client.phones[:2]])
    address = e(one_line(client.address))
    meta = []
    if client.how_we_met:
        from rapport.core.formats import met_text

        meta.append(e(met_text(client.how_we_met)))
    if client.referred_by:
        meta.append(f"Referred by {e(client.referred_by)}")
    if client.last_contact_at:
        meta.append(f"Last contact {full_date(client.last_contact_at)}")
    if client.cadence_days:
        meta.append(f"Keep in touch every {client.cadence_days} days")
    lines = [f"<span style='font-size:16pt; font-weight:600'>{title}</span>"]
    lines += [line for line in (work, contact, address, " · ".join(meta)) if line]
    return "<br>".join(lines)
