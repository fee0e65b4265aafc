"""Undoing a saved capture: the book is exactly as before, or the undo is refused."""

from __future__ import annotations

import selectors
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rapport.services import capture, clients, facts, people, tasks
from rapport.services.capture_undo import Recorder, undo_capture
from rapport.services.dump import dump_tables
from rapport.services.errors import ValidationError
from rapport.store import engine, search, sql
from rapport.store import models as m
from rapport.store.db import transaction

LUNCH = (
    "Lunch w/ Bob Smith (Acme Supply). His son Jake, 12, plays travel baseball; Bob played "
    "in college. Needs delivery by March. I promised to send the revised proposal by Friday."
)
CALL = (
    "Call with Bob Smith. His son Jake, 13, is now pitching. Bob played in college. "
    "I'll send the revised proposal by Monday."
)


def _save(text: str, accept: tuple[int, ...] | None = None) -> capture.SavedCapture:
    return capture.save_capture(text, capture.understand_note(text), accepted_suggestions=accept)


def _undo(saved: capture.SavedCapture) -> None:
    assert saved.undo is not None
    undo_capture(saved.undo)


def _state() -> dict[str, Any]:
    """Every table, and every search document with its text."""
    table = "search_index" if search.available() else "search_doc"  # a file's FTS5, a team book's
    docs = m.db.execute_sql(f"SELECT rowid, title, body, client_id FROM {table}").fetchall()
    return {**dump_tables(), "search_index": sorted(docs)}


def test_undo_of_a_new_client_leaves_the_book_as_it_was(book: Path) -> None:
    before = _state()
    saved = _save(LUNCH)
    assert saved.created_client and saved.task_ids and saved.fact_ids and saved.person_ids
    _undo(saved)
    assert _state() == before
    assert search.search("travel baseball") == []


def test_undo_of_a_note_about_a_known_client_puts_every_change_back(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18T09:00")
    first = _save(LUNCH)
    jake = m.Person.get(m.Person.name == "Jake")
    people.update_person(jake.id, notes="Shortstop")  # a later, unrelated edit stays
    before = _state()
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18T15:30")  # later: new contact, confirmed
    second = _save(CALL)
    assert second.client_id == first.client_id and not second.created_client
    assert second.undo is not None
    changed = {model.__name__ for model in second.undo.changed}
    assert {"Client", "Person", "Task", "Fact"} <= changed, changed
    assert m.Person.get_by_id(jake.id).age == 13
    _undo(second)
    assert _state() == before
    assert m.Person.get_by_id(jake.id).age == 12


def test_undo_of_a_voicemail_from_an_introduced_lead(book: Path) -> None:
    intro = _save(
        "Mike Sullivan introduced me to Dana White at Coastal Freight. Email Dana by Friday."
    )
    assert intro.introduction_ids
    before = _state()
    voicemail = _save("Voicemail from Dana White about the rates. Call her back today.")
    assert voicemail.inbound_id is not None
    row = m.Introduction.get_by_id(intro.introduction_ids[0])
    assert row.lead_answered_at is not None, "the lead answered: the save changed the intro"
    _undo(voicemail)
    assert _state() == before


def test_undo_of_an_introduction_removes_the_new_lead_and_the_chain(book: Path) -> None:
    _save(LUNCH)
    before = _state()
    saved = _save("Bob Smith introduced me to Carol Diaz. Thank Bob and email Carol by Friday.")
    assert saved.introduction_ids
    assert clients.resolve("Carol Diaz")
    _undo(saved)
    assert _state() == before


def test_a_completed_task_blocks_the_undo_and_nothing_changes(book: Path) -> None:
    saved = _save(LUNCH)
    task = m.Task.get(m.Task.title == "Send the revised proposal")
    tasks.complete_task(task.id)
    before = _state()
    with pytest.raises(ValidationError, match="completed since"):
        _undo(saved)
    assert _state() == before


def test_something_added_to_a_created_row_blocks_the_undo(book: Path) -> None:
    saved = _save(LUNCH)
    facts.add_fact(saved.client_id, "Allergic to shellfish", "dietary")
    before = _state()
    with pytest.raises(ValidationError, match="client Bob Smith has a fact"):
        _undo(saved)
    assert _state() == before


def test_a_field_the_save_changed_and_the_user_changed_again_blocks_the_undo(book: Path) -> None:
    _save(LUNCH)
    second = _save(CALL)
    jake = m.Person.get(m.Person.name == "Jake")
    people.update_person(jake.id, age=14)
    with pytest.raises(ValidationError, match="person “Jake” was changed again"):
        _undo(second)
    assert m.Person.get_by_id(jake.id).age == 14


@pytest.mark.parametrize("later", ["2026-11-18T10:00", "2026-11-18T09:00"])
def test_a_conversation_logged_since_keeps_its_last_contact(
    book: Path, monkeypatch: pytest.MonkeyPatch, later: str
) -> None:
    """Also when it is logged in the same second as the undone save (once a flaky CI)."""
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18T08:00")
    _save(LUNCH)
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18T09:00")
    second = _save(CALL)
    monkeypatch.setenv("RAPPORT_TODAY", later)
    third = _save("Met Bob Smith for coffee, talked about his move.")
    last = m.Client.get_by_id(third.client_id).last_contact_at
    _undo(second)
    assert m.Client.get_by_id(third.client_id).last_contact_at == last
    assert m.Interaction.select().count() == 2


def test_an_undo_is_all_or_nothing(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = _save(LUNCH)
    after = _state()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr("rapport.services.indexing.any_row", broken)
    monkeypatch.setattr("rapport.store.search.unindex", broken)
    with pytest.raises(RuntimeError):
        _undo(saved)
    assert _state() == after


def test_the_record_names_the_note_for_edit_undo(book: Path) -> None:
    saved = _save(LUNCH)
    assert saved.undo is not None
    assert saved.undo.action == "save of the note about Bob Smith"
    assert "undo" not in saved.as_json(), "the CLI contract is unchanged"


def test_every_kind_of_note_about_the_sample_book_undoes_exactly(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bench's notes (promises, voicemails, emails, introductions, birthdays, kids'
    ages...) about the clients of the sample book: each save undone leaves every table and
    the search index as they were, so no change the save makes escapes the record."""
    from rapport.bench.inputs import make_inputs
    from rapport.sample import demo

    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18T08:00")
    demo.load_demo()
    inputs = make_inputs(18, seed=3)
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18T17:45")
    kinds: set[str] = set()
    for note in inputs.notes:
        understanding = capture.understand_note(note)
        if not (understanding.get("client") or {}).get("name"):
            capture.set_client(understanding, clients.get_client(inputs.note_clients[note]))
        before = _state()
        saved = capture.save_capture(note, understanding)
        assert saved.undo is not None
        kinds |= {model.__name__ for model in saved.undo.changed}
        kinds |= {model.__name__ for model in saved.undo.created.rows}
        _undo(saved)
        assert _state() == before, note
    assert {"Client", "Person", "Inbound", "Introduction", "Task", "ImportantDate"} <= kinds


def test_a_card_written_for_the_conversation_blocks_the_undo(book: Path) -> None:
    from rapport.services import cards

    saved = _save(LUNCH)
    cards.save_card(
        saved.client_id, "Dear Bob, thank you for lunch.", interaction_id=saved.interaction_id
    )
    with pytest.raises(ValidationError, match=r"conversation “Lunch w/ Bob Smith.*” has a card"):
        _undo(saved)


def test_a_thank_you_written_since_blocks_the_undo(book: Path) -> None:
    from rapport.services import interactions

    saved = _save(LUNCH)
    interactions.mark_thanked(saved.interaction_id)
    with pytest.raises(ValidationError, match="had its thank-you written since"):
        _undo(saved)


def test_the_undo_record_of_a_save_costs_four_requests_to_the_book(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a save must remember to be undone is read in four requests (its reads go
    together: on a team book each request is a round trip to the server), not one a
    table: about 22 before."""
    _save(LUNCH)
    requests = 0
    batched = False
    current = engine.current()
    together = current.read_together
    run = type(m.db.obj).execute_sql

    def read_together(reads: Any) -> Any:
        nonlocal requests, batched
        requests += 1
        batched = True
        try:
            return together(reads)
        finally:
            batched = False

    def execute_sql(self: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal requests
        requests += not batched
        return run(self, *args, **kwargs)

    monkeypatch.setattr(current, "read_together", read_together)
    monkeypatch.setattr(type(m.db.obj), "execute_sql", execute_sql)
    bob = m.Client.get(m.Client.name == "Bob Smith")
    with transaction():
        requests = 0
        recorder = Recorder(bob.id, ["Bob Smith", "Jake"])
        record = recorder.finish("the note about Bob Smith", CALL)
    # on a server the watched rows go with the marks (their clients by a subquery) and the
    # rows after are read from every table without asking first which grew: two requests
    assert requests == (2 if sql.reads_in_one_trip() else 4)
    assert record.changed == {} and record.created.rows == {}
    assert recorder.before[m.Person] and recorder.before[m.Task]  # Bob's people, open tasks


# The same user's other window (a second process, the same book and role) saving a note.
OTHER_WINDOW = """
import sys
from rapport.services import capture
from rapport.services.book import open_book
open_book(sys.argv[1])
text = "Met Cora Vance about the renewal."
understood = capture.understand_note(text)
print("ready", flush=True)
capture.save_capture(text, understood)
print("saved", flush=True)
"""


def line_within(process: subprocess.Popen[str], seconds: float) -> str:
    """The process's next line of output, or "" when none comes within ``seconds``."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        return process.stdout.readline() if selector.select(seconds) else ""


@pytest.mark.slow
def test_the_same_users_save_in_another_window_meanwhile_is_not_taken_back(book: Path) -> None:
    """Two windows of one user save at once. The undo of one takes back its own rows only:
    on a team book the other window's rows are numbered above this save's marks and are
    the same role's (author = current_user did not tell them apart: Cora was deleted); on
    a file the other window's write waits for this save to end."""
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_WINDOW, str(book)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert line_within(other, 120) == "ready\n", other.stderr
        with transaction():
            recorder = Recorder(None, ["Zed Quill"])
            # The other window saves now (a server takes it at once; a file makes it wait
            # for this save's lock, so nothing comes)
            meanwhile = line_within(other, 5)
            clients.create_client("Zed Quill")
            record = recorder.finish("the note about Zed Quill", "Met Zed Quill.")
        out, err = other.communicate(timeout=120)
    finally:
        if other.poll() is None:
            other.kill()
            other.communicate()
    assert other.returncode == 0, err
    assert "saved" in meanwhile + out
    assert [c.name for c in clients.list_clients()] == ["Cora Vance", "Zed Quill"]
    undo_capture(record)
    assert [c.name for c in clients.list_clients()] == ["Cora Vance"]
    assert m.Interaction.select().count() == 1


def test_a_save_takes_the_clients_people_and_facts_from_its_undo_record(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The undo's recorder reads the client's people and facts before the save writes; the
    save read them again (a round trip each on a team book). It now takes the recorder's
    rows (same transaction), and merges into them as before: Jake is the same person, his
    age updated, the fact heard again confirmed, not doubled."""
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18T09:00")
    _save(LUNCH)
    bob = m.Client.get(m.Client.name == "Bob Smith")
    people_before = m.Person.select().where(m.Person.client == bob.id).count()
    facts_before = m.Fact.select().where(m.Fact.client == bob.id).count()
    sent: list[str] = []
    run = type(m.db.obj).execute_sql

    def execute_sql(self: Any, statement: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(statement)
        return run(self, statement, *args, **kwargs)

    monkeypatch.setattr(type(m.db.obj), "execute_sql", execute_sql)
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18T15:30")
    saved = _save(CALL)
    assert not [s for s in sent if s.startswith(('SELECT * FROM "person"', 'SELECT * FROM "fact"'))]
    assert m.Person.select().where(m.Person.client == bob.id).count() == people_before
    assert m.Person.get(m.Person.name == "Jake").age == 13
    texts = [f.text for f in m.Fact.select().where(m.Fact.client == bob.id)]
    assert len(texts) == len(set(texts)) > facts_before  # one new ("now pitching"), none twice
    assert saved.undo is not None


def test_a_row_in_a_table_the_save_was_not_expected_to_write_is_still_recorded(
    book: Path,
) -> None:
    """On a server the recorder reads at once the new rows of the tables the save takes ids
    for, and any other table only when its highest id grew: a row written there is in the
    record all the same (a file asks which tables grew first, as before)."""
    _save(LUNCH)
    bob = m.Client.get(m.Client.name == "Bob Smith")
    with transaction():
        recorder = Recorder(bob.id, ["Bob Smith"], [(m.Task, 1)])
        zed = clients.create_client("Zed Quill")
        record = recorder.finish("the note about Bob Smith", CALL)
    assert [row["name"] for row in record.created.rows[m.Client]] == ["Zed Quill"]
    assert record.created.ids(m.Client) == [zed.id]
    undo_capture(record)
    assert not m.Client.select().where(m.Client.name == "Zed Quill").exists()


INTRODUCTION = "Bob Smith introduced me to Carol Diaz. Thank Bob and email Carol by Friday."
# What a save asked of the clients an introduction names before the recorder answered it:
# the lead by name, lead and referrer by id, the lead's whole row read and saved again.
ASKED_AGAIN = (
    'SELECT "id" FROM "client" WHERE "name_key" = ',
    'SELECT "id", "name", "referred_by_id" FROM "client"',
    'UPDATE "client" SET "name" = ',
)


def test_an_introductions_clients_come_from_the_undo_record(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lead and the referrer an introduction names were read by the undo's recorder
    before the save wrote; the save asked for them again: four round trips on a team book
    (the lead by name, both by id, the lead's whole row read and saved to set who referred
    them), which made the bench's introductions the slowest 5 % of its saves. It now takes
    the recorder's rows and sets the one column: the same rows, and the undo puts them back."""
    _save(LUNCH)
    carol = clients.create_client("Carol Diaz")
    before = _state()
    understood = capture.understand_note(INTRODUCTION)
    sent: list[str] = []
    run = type(m.db.obj).execute_sql

    def execute_sql(self: Any, statement: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(statement)
        return run(self, statement, *args, **kwargs)

    monkeypatch.setattr(type(m.db.obj), "execute_sql", execute_sql)
    saved = capture.save_capture(INTRODUCTION, understood)
    monkeypatch.undo()
    assert not [s for s in sent if s.startswith(ASKED_AGAIN) or 'FROM "client" AS' in s]
    bob = m.Client.get(m.Client.name == "Bob Smith")
    intro = m.Introduction.get_by_id(saved.introduction_ids[0])
    assert (intro.lead_id, intro.referrer_id) == (carol.id, bob.id)
    assert m.Client.get_by_id(carol.id).referred_by_id == bob.id
    kinds = sorted(t.kind for t in m.Task.select().where(m.Task.introduction == intro.id))
    assert kinds == ["introduction", "thank_referrer"]
    _undo(saved)
    assert _state() == before


def test_a_lead_named_twice_in_one_save_is_one_new_client(book: Path) -> None:
    """The recorder's look-up is from before the save wrote: a lead the save makes for its
    first introduction is found, not made again, by the second."""
    _save(LUNCH)
    before = _state()
    understood = capture.understand_note(INTRODUCTION)
    lead = {"name": "Carol Diaz", "referrer": "Bob Smith"}
    understood["introductions"] = [lead, {**lead, "referrer": "Dan Ruiz"}]
    saved = capture.save_capture(INTRODUCTION, understood)
    carol = m.Client.get(m.Client.name == "Carol Diaz")
    assert m.Client.select().where(m.Client.name_key == "carol diaz").count() == 1
    leads = [m.Introduction.get_by_id(i).lead_id for i in saved.introduction_ids]
    assert leads == [carol.id, carol.id]
    bob = m.Client.get(m.Client.name == "Bob Smith")
    assert carol.referred_by_id == bob.id  # the first referrer stays
    _undo(saved)
    assert _state() == before


def test_the_undo_record_reads_the_tasks_of_introductions_in_its_batch(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client in introductions: the tasks of those introductions, read after the save in
    a request of their own on a team book (a round trip), go with the undo's last batch."""
    _save(INTRODUCTION)
    requests = 0
    current = engine.current()
    together = current.read_together
    run = type(m.db.obj).execute_sql

    def read_together(reads: Any) -> Any:
        nonlocal requests
        requests += 1
        return together(reads)

    def execute_sql(self: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal requests
        requests += 1
        return run(self, *args, **kwargs)

    bob = m.Client.get(m.Client.name == "Bob Smith")
    with transaction():
        monkeypatch.setattr(current, "read_together", read_together)
        monkeypatch.setattr(type(m.db.obj), "execute_sql", execute_sql)
        recorder = Recorder(bob.id, ["Bob Smith", "Carol Diaz"], [(m.Task, 1)])
        tasks.add_task("Send Carol the deck", bob.id)
        requests = 0
        record = recorder.finish("the note about Bob Smith", INTRODUCTION)
        monkeypatch.undo()
    if sql.reads_in_one_trip():
        assert requests == 1  # the rows after and the watched rows, their tasks included
    column = sql.columns(m.Task).index("introduction_id")
    introduction_tasks = [t for t in recorder.before[m.Task].values() if t[column] is not None]
    assert len(introduction_tasks) == 2  # thank Bob, email Carol
    assert [t["title"] for t in record.created.rows[m.Task]] == ["Send Carol the deck"]


def test_a_save_takes_the_open_tasks_and_the_leads_introductions_from_its_undo_record(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The client's open tasks (is a task of the note one already open?) and a lead's
    introductions a message answers were read again after the recorder had read them: a
    round trip each on a team book. Now they are the recorder's when the save wrote none
    before: the open task is found (its due moved, not doubled); the lead has answered."""
    _save(LUNCH)
    _save("Mike Sullivan introduced me to Dana White at Coastal Freight. Email Dana by Friday.")
    notes = [
        "Call with Bob Smith. I promised to send the revised proposal by Monday.",
        "Voicemail from Dana White about the rates. Call her back today.",
    ]
    understood = [capture.understand_note(note) for note in notes]
    sent: list[str] = []
    run = type(m.db.obj).execute_sql

    def execute_sql(self: Any, statement: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(statement)
        return run(self, statement, *args, **kwargs)

    monkeypatch.setattr(type(m.db.obj), "execute_sql", execute_sql)
    for note, found in zip(notes, understood, strict=True):
        capture.save_capture(note, found)
    monkeypatch.undo()
    again = ('SELECT "id", "title", "due" FROM "task"', 'SELECT * FROM "introduction"')
    assert not [s for s in sent if s.startswith(again)]
    bob = m.Client.get(m.Client.name == "Bob Smith")
    proposal = m.Task.select().where(m.Task.client == bob.id, m.Task.title.contains("proposal"))
    assert [t.status for t in proposal] == ["open"]
    assert proposal[0].due.weekday() == 0  # Monday now
    intro = m.Introduction.get()
    assert intro.lead_answered_at is not None
