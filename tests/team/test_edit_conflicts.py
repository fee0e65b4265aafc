"""Two people on one team book: no lost update, and one client for one name.

Members are real roles on the session's server: alice through the app (``team_book``),
bob through his own connection or his own ``rapport`` process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rapport.services.errors import EditConflictError, ValidationError
from tests.pgserver import TeamBook


def _bob_captures(team: TeamBook, *args: str) -> None:
    """bob saves a note from his own ``rapport`` (another program, another role)."""
    result = subprocess.run(
        [sys.executable, "-m", "rapport", "--database-url", team.url("bob"), "capture", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def _as_bob(team: TeamBook, statement: str, *params: object) -> None:
    with team.server.connect("bob", team.database) as conn:
        conn.execute(statement, params)


def test_a_save_over_a_client_a_colleague_changed_is_refused_naming_what_and_who(
    team_book: TeamBook,
) -> None:
    from rapport.services import clients, editing

    ann = clients.create_client("Ann Lee", notes="likes golf")
    opened = clients.editing_client(ann)
    assert opened.version is not None
    _as_bob(team_book, "UPDATE client SET notes = 'moved to Denver', role = 'CFO' WHERE id = %s",
            ann.id)  # fmt: skip
    save = editing.Save(clients.update_client, opened)
    with pytest.raises(EditConflictError) as refused:
        save({"notes": "likes golf and tennis", "role": ""})
    assert refused.value.by == "bob"
    assert refused.value.changed == ["the role", "the notes"]
    assert str(refused.value).startswith("bob changed the role and the notes of Ann Lee")
    assert clients.get_client(ann.id).notes == "moved to Denver"  # theirs kept
    # Saving again is the user's choice to replace theirs with theirs own.
    assert save({"notes": "likes golf and tennis", "role": ""}).notes == "likes golf and tennis"


def test_a_colleagues_change_the_form_does_not_show_is_no_conflict(team_book: TeamBook) -> None:
    from rapport.services import clients

    ann = clients.create_client("Ann Lee")
    opened = clients.editing_client(ann)
    # bob's note about Ann moves her last contact: not a field of the form.
    _as_bob(team_book, "UPDATE client SET last_contact_at = now() WHERE id = %s", ann.id)
    saved = clients.update_client(ann.id, since=opened, company="Lee & Co")
    assert saved.company == "Lee & Co" and saved.last_contact_at is not None


def test_a_save_over_a_task_a_colleague_changed_is_refused(team_book: TeamBook) -> None:
    from rapport.services import clients, editing, tasks

    ann = clients.create_client("Ann Lee")
    task = tasks.add_task("Send the proposal", client_id=ann.id)
    opened = tasks.editing_task(task)
    _as_bob(team_book, "UPDATE task SET title = 'Send the revised proposal' WHERE id = %s", task.id)
    save = editing.Save(tasks.update_task, opened)
    with pytest.raises(EditConflictError, match="bob changed the title of “Send the revised"):
        save({"title": "Send the proposal and the brochure"})
    assert tasks.get_task(task.id).title == "Send the revised proposal"
    assert save({"title": "Send the proposal and the brochure"}).title.endswith("brochure")


def test_two_members_saving_the_same_client_at_once_one_is_refused(team_book: TeamBook) -> None:
    """bob's transaction holds the row: alice's save waits for it, then sees his version."""
    import threading

    from rapport.services import clients
    from rapport.store.models import db

    ann = clients.create_client("Ann Lee")
    opened = clients.editing_client(ann)
    outcome: list[BaseException | None] = []
    with team_book.server.connect("bob", team_book.database) as bob:
        bob.autocommit = False
        bob.execute("SELECT 1 FROM client WHERE id = %s FOR UPDATE", (ann.id,))
        bob.execute("UPDATE client SET phones = '[\"555-0100\"]' WHERE id = %s", (ann.id,))

        def alice_saves() -> None:
            try:
                clients.update_client(ann.id, since=opened, phones=["555-0199"])
                outcome.append(None)
            except BaseException as exc:
                outcome.append(exc)
            finally:
                db.close()  # this thread's own connection

        saving = threading.Thread(target=alice_saves)
        saving.start()
        saving.join(0.5)
        assert saving.is_alive()  # waiting on bob's row
        bob.commit()
        saving.join(30)
    assert isinstance(outcome[0], EditConflictError)
    assert outcome[0].changed == ["the phones"]
    assert clients.get_client(ann.id).phones == ["555-0100"]


def test_in_a_file_saving_what_was_opened_behaves_as_before(book: Path) -> None:
    """One writer: nothing is read to open a form, nothing checked to save it."""
    from rapport.services import clients

    ann = clients.create_client("Ann Lee", notes="a")
    opened = clients.editing_client(ann)
    assert (opened.version, opened.record) == (None, ann)
    clients.update_client(ann.id, notes="b")  # the same user, elsewhere in the window
    assert clients.update_client(ann.id, since=opened, notes="c").notes == "c"


# -- one client for one name ---------------------------------------------------------------
def test_a_capture_about_a_client_a_colleague_just_made_attaches_to_it(
    team_book: TeamBook,
) -> None:
    from rapport.services import capture, clients
    from rapport.services.drafts import SavedNote
    from rapport.ui.capture_entry import saved_text

    note = "Met Dana Reyes at the expo. Send her the catalogue by Friday."
    understood = capture.understand_note(note)
    assert understood["client"].get("id") is None  # a new client, as alice's window saw it
    _bob_captures(team_book, "Dana Reyes called about the spring order.")
    saved = capture.save_capture(note, understood)
    assert not saved.created_client and saved.joined_client
    assert [c.name for c in clients.list_clients()] == ["Dana Reyes"]
    assert saved_text(SavedNote(saved, "Dana Reyes", [])) == (
        "Saved the note about Dana Reyes (a colleague had just added them: saved to their client)."
    )
    again = "Called Dana Reyes about the catalogue."  # she is known now: no news
    assert not capture.save_capture(again, capture.understand_note(again)).joined_client


def test_creating_a_client_the_team_has_already_is_refused_in_one_line(
    team_book: TeamBook,
) -> None:
    from rapport.services import clients

    _bob_captures(team_book, "Dana Reyes called about the spring order.")
    with pytest.raises(ValidationError, match="has a client named Dána Reyes already"):
        clients.create_client("Dána Reyes")


def test_a_private_client_of_the_same_name_is_no_conflict(team_book: TeamBook) -> None:
    from rapport.services import capture

    _bob_captures(team_book, "--private", "Dana Reyes called about the spring order.")
    note = "Met Dana Reyes at the expo."
    saved = capture.save_capture(note, capture.understand_note(note))
    assert saved.created_client


def test_two_processes_capturing_the_same_new_client_at_once_make_one(
    team_book: TeamBook,
) -> None:
    notes = {
        "alice": "Met Dana Reyes at the expo. Send her the catalogue by Friday.",
        "bob": "Dana Reyes called about the spring order. Call her back Monday.",
    }
    running = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rapport",
                "--database-url",
                team_book.url(role),
                "capture",
                note,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role, note in notes.items()
    ]
    for process in running:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    with team_book.server.connect("owner", team_book.database) as conn:
        clients = conn.execute("SELECT id FROM client WHERE name_key = 'dana reyes'").fetchall()
        assert len(clients) == 1
        (talks,) = conn.execute(
            "SELECT count(*) FROM interaction WHERE client_id = %s", (clients[0][0],)
        ).fetchone()
        assert talks == 2


def test_setup_names_the_clients_a_book_has_twice_and_the_owners_window_still_opens(
    team_book: TeamBook,
) -> None:
    from rapport.services import clients
    from rapport.services.book import close_book
    from rapport.store import postgres
    from rapport.store.models import db

    with team_book.server.connect("owner", team_book.database) as conn:
        conn.execute(f"DROP INDEX {postgres.SHARED_NAME_INDEX}")  # a book set up before it
    clients.create_client("Ed Park")
    clients.create_client("ed park")
    close_book()
    owner = postgres.connect(team_book.url("owner"))
    try:
        with pytest.raises(postgres.TeamSetupError, match="several clients named Ed Park: merge"):
            postgres.setup(owner)
        postgres.setup(owner, strict=False)  # the owner's window opens it, to merge them
    finally:
        owner.close()
        db.initialize(None)


def test_a_book_set_up_before_versions_asks_its_owner_who_opens_it_set_up(
    team_book: TeamBook, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services.book import close_book, open_book
    from rapport.store.postgres import TeamSetupError

    close_book()
    with team_book.server.connect("owner", team_book.database) as conn:
        for table in ("client", "task"):  # as an earlier Rapport set it up
            conn.execute(f"DROP TRIGGER next_version ON {table}")
            conn.execute(f"ALTER TABLE {table} DROP COLUMN version, DROP COLUMN changed_by")
    with pytest.raises(TeamSetupError, match="its owner runs `rapport team setup`"):
        open_book(data_dir)
    close_book()
    monkeypatch.setenv("RAPPORT_DATABASE_URL", team_book.url("owner"))
    open_book(data_dir)  # the owner's window sets it up
    close_book()
    monkeypatch.setenv("RAPPORT_DATABASE_URL", team_book.url("alice"))
    open_book(data_dir)

    from rapport.services import clients

    assert clients.editing_client(clients.create_client("Ann Lee")).version == 1
