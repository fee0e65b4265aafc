"""Client use cases: create, edit, find by a sloppy name, archive, delete and undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.services import clients, facts, interactions, people, tasks
from rapport.services.errors import AmbiguousError, NotFoundError, ValidationError
from rapport.services.undo import restore
from rapport.store import search

# Every test here runs on a book in a file and on a team book (tests/pgserver.py).
pytestmark = pytest.mark.both_engines


def test_create_and_edit_client(book: Path) -> None:
    bob = clients.create_client(
        "  Bob Smith ", company="Acme Supply", emails=["bob@acme.example", " "]
    )
    assert bob.name == "Bob Smith"
    assert bob.emails == ["bob@acme.example"]
    edited = clients.update_client(bob.id, role="Buyer", cadence_days=30)
    assert edited.role == "Buyer"
    assert edited.cadence_days == 30
    assert [row.name for row in clients.list_clients()] == ["Bob Smith"]


@pytest.mark.parametrize("name", ["", "   ", None])
def test_empty_name_is_refused_and_nothing_written(book: Path, name: str | None) -> None:
    with pytest.raises(ValidationError, match="cannot be empty"):
        clients.create_client(name)  # type: ignore[arg-type]
    assert clients.list_clients() == []


def test_unknown_field_and_bad_cadence(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    with pytest.raises(ValidationError):
        clients.update_client(bob.id, shoe_size=11)
    with pytest.raises(ValidationError, match="cadence"):
        clients.update_client(bob.id, cadence_days=-3)


def test_referred_by_name_must_name_a_client(book: Path) -> None:
    frank = clients.create_client("Frank O'Neill")
    rachel = clients.create_client("Rachel Stern", referred_by="frank o")
    assert rachel.referred_by_id == frank.id
    assert rachel.referred_by == "Frank O'Neill"
    with pytest.raises(NotFoundError):
        clients.create_client("Dana White", referred_by="Nobody Known")
    assert len(clients.list_clients()) == 2


def test_resolve_by_id_prefix_and_misspelling(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    clients.create_client("Maria Gonzalez")
    assert clients.resolve(str(bob.id)).id == bob.id
    assert clients.resolve("bob smi").id == bob.id
    assert clients.resolve("Bob Smtih").id == bob.id
    assert clients.resolve("smith").id == bob.id
    assert clients.resolve("gonzález").name == "Maria Gonzalez"
    with pytest.raises(NotFoundError):
        clients.resolve("Zed Zebra")


def test_resolve_ambiguous_lists_candidates(book: Path) -> None:
    clients.create_client("Bob Smith")
    clients.create_client("Bob Jones")
    with pytest.raises(AmbiguousError) as info:
        clients.resolve("bob")
    assert sorted(name for _id, name in info.value.candidates) == ["Bob Jones", "Bob Smith"]


def test_archive_hides_from_list(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    clients.set_archived(bob.id, True)
    assert clients.list_clients() == []
    assert [row.archived for row in clients.list_clients(include_archived=True)] == [True]
    clients.set_archived(bob.id, False)
    assert len(clients.list_clients()) == 1


def test_delete_client_and_undo_restores_everything(book: Path) -> None:
    frank = clients.create_client("Frank O'Neill")
    bob = clients.create_client("Bob Smith", referred_by_id=frank.id)
    jake = people.add_person(bob.id, "Jake", "son", age=12)
    facts.add_fact(bob.id, "Plays travel baseball", "interest", ["baseball"], person_id=jake.id)
    talk = interactions.add_interaction(bob.id, "meeting", raw_text="Lunch at Rosa's")
    tasks.add_task("Send proposal", bob.id, "2026-11-20", "promise", interaction_id=talk.id)
    referred = clients.create_client("Dana White", referred_by_id=bob.id)
    before = clients.profile(bob.id)

    snapshot = clients.delete_client(bob.id)
    assert [row.name for row in clients.list_clients()] == ["Dana White", "Frank O'Neill"]
    assert clients.get_client(referred.id).referred_by_id is None
    assert search.search("baseball") == []

    restore(snapshot)
    after = clients.profile(bob.id)
    assert after.client == before.client
    assert after.people == before.people
    assert after.facts == before.facts
    assert after.tasks == before.tasks
    assert after.interactions == before.interactions
    assert clients.get_client(referred.id).referred_by_id == bob.id
    assert [hit.client_id for hit in search.search("baseball")] == [bob.id]


def test_profile_gathers_everything(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    people.add_person(bob.id, "Jake", "son", age=12)
    people.add_date(bob.id, "birthday", 3, 14)
    facts.add_fact(bob.id, "Vegetarian", "dietary", ["vegetarian"])
    interactions.add_interaction(bob.id, "call", "2026-11-01 10:00", "Check-in")
    tasks.add_task("Send pricing", bob.id, "2026-11-20", "promise")
    profile = clients.profile(bob.id)
    assert [p.name for p in profile.people] == ["Jake"]
    assert [d.label for d in profile.dates] == ["birthday"]
    assert [f.text for f in profile.facts] == ["Vegetarian"]
    assert [t.title for t in profile.tasks] == ["Send pricing"]
    assert profile.client.last_contact_at is not None


def test_rows_of_the_same_moment_list_newest_first_on_every_engine(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Facts and conversations saved at the same moment came back in the order the
    database chose: SQLite's index gave the newest first, PostgreSQL any order, so the
    profile and the brief of one client could disagree on a team book."""
    from rapport.services import brief

    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18T09:00")
    bob = clients.create_client("Bob Smith")
    for n in range(6):
        facts.add_fact(bob.id, f"Fact {n}")
        interactions.add_interaction(bob.id, "call", "2026-11-17 10:00", f"Call {n}")
    newest_first = [f"Fact {n}" for n in range(5, -1, -1)]
    profile = clients.profile(bob.id)
    assert [f.text for f in profile.facts] == newest_first
    assert [f.text for f in brief.brief_profiles([bob.id])[bob.id].facts] == newest_first
    assert [i.title for i in profile.interactions] == [f"Call {n}" for n in range(5, -1, -1)]
