"""Saving a captured note: one transaction, merged not duplicated, chains not doubled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rapport.services import capture, clients, inbound, tasks
from rapport.services.capture import note_title
from rapport.services.errors import ValidationError
from rapport.store import models as m
from rapport.store import search

LUNCH = (
    "Lunch w/ Bob Smith (Acme Supply). His son Jake, 12, plays travel baseball; Bob played "
    "in college. Needs delivery by March. I promised to send the revised proposal by Friday."
)


def _save(text: str, accept: tuple[int, ...] | None = None) -> capture.SavedCapture:
    understanding = capture.understand_note(text)
    return capture.save_capture(text, understanding, accepted_suggestions=accept)


def test_a_note_becomes_client_people_facts_tasks(book: Path) -> None:
    saved = _save(LUNCH)
    assert saved.created_client
    profile = clients.profile(saved.client_id)
    assert profile.client.name == "Bob Smith"
    assert profile.client.company == "Acme Supply"
    assert [(p.name, p.relation, p.age) for p in profile.people] == [("Jake", "son", 12)]
    assert any("baseball" in f.tags for f in profile.facts)
    assert all(f.source_interaction_id == saved.interaction_id for f in profile.facts)
    [talk] = profile.interactions
    assert talk.kind == "meeting"
    assert talk.raw_text == LUNCH
    assert talk.title == "Lunch w/ Bob Smith (Acme Supply)"
    assert talk.thanked_at is None, "a meeting leaves a thank-you owed"
    assert [(t.title, t.due) for t in profile.tasks] == [
        ("Send the revised proposal", date(2026, 11, 20))
    ]
    assert profile.tasks[0].promised
    assert [hit.client_id for hit in search.search("travel baseball")][:1] == [saved.client_id]


def test_a_second_note_updates_jake_instead_of_adding_another(book: Path) -> None:
    first = _save(LUNCH)
    second = _save(
        "Call with Bob Smith. His son Jake, 13, is now pitching. "
        "I'll send the revised proposal by Friday."
    )
    assert second.client_id == first.client_id
    assert not second.created_client
    profile = clients.profile(first.client_id)
    assert [(p.name, p.age) for p in profile.people] == [("Jake", 13)]
    titles = [t.title for t in profile.tasks if t.status == "open"]
    assert titles.count("Send the revised proposal") == 1, "the same promise is not doubled"


def test_a_fact_heard_again_is_confirmed_not_repeated(book: Path) -> None:
    note = "Met Anna Schmidt. Anna collects vintage vinyl."
    first = _save(note)
    _save(note)
    facts = clients.profile(first.client_id).facts
    assert len(facts) == len({f.text for f in facts})


def test_voicemail_becomes_a_reply_owed_with_the_notes_own_task(book: Path) -> None:
    saved = _save("Voicemail from Jim Carter about the late delivery. Call him back today.")
    assert saved.inbound_id is not None
    [waiting] = inbound.list_awaiting(saved.client_id)
    assert waiting.channel == "voicemail"
    assert "late delivery" in waiting.summary
    open_tasks = tasks.list_tasks(client_id=saved.client_id)
    assert len(open_tasks) == 1, "the note's call-back is the reply task, not a second one"
    assert open_tasks[0].inbound_id == waiting.id
    assert open_tasks[0].due == date(2026, 11, 18)
    [talk] = clients.profile(saved.client_id).interactions
    assert talk.kind == "voicemail"


def test_introduction_chain_takes_the_notes_wording_and_dates(book: Path) -> None:
    note = (
        "Mike Sullivan introduced me to Dana White at Coastal Freight. Thank Mike and email "
        "Dana tomorrow; if she doesn't answer in a few days, call her."
    )
    understanding = capture.understand_note(note)
    everything = tuple(range(len(understanding["suggestions"])))
    saved = capture.save_capture(note, understanding, accepted_suggestions=everything)
    [intro_id] = saved.introduction_ids
    intro = m.Introduction.get_by_id(intro_id)
    assert intro.referrer_id == saved.client_id
    assert m.Client.get_by_id(intro.lead_id).name == "Dana White"
    chain = list(m.Task.select().where(m.Task.introduction == intro_id))
    kinds = sorted(t.kind for t in chain)
    assert kinds == ["introduction", "thank_referrer"]
    email = next(t for t in chain if t.kind == "introduction")
    assert email.due == date(2026, 11, 19)
    # Accepting every suggestion must not add a second "thank Mike" or "reach out to Dana".
    all_open = m.Task.select().where(m.Task.status == "open")
    thanks = [t for t in all_open if "thank" in t.title.lower()]
    assert len(thanks) == 1


def test_a_note_naming_no_client_is_refused_and_writes_nothing(book: Path) -> None:
    text = "Great chat about the renewal, promised the deck by Friday."
    understanding = capture.understand_note(text)
    understanding["client"] = None
    with pytest.raises(ValidationError, match="names no client"):
        capture.save_capture(text, understanding)
    assert m.Interaction.select().count() == 0
    assert m.Task.select().count() == 0


def test_a_failure_half_way_leaves_nothing(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(capture, "_task", broken)
    with pytest.raises(RuntimeError):
        _save(LUNCH)
    assert m.Client.select().count() == 0
    assert m.Interaction.select().count() == 0
    assert m.Person.select().count() == 0
    assert search.search("baseball") == []


def test_declining_the_thank_you_settles_it(book: Path) -> None:
    understanding = capture.understand_note(LUNCH)
    kinds = [s["kind"] for s in understanding["suggestions"]]
    assert "thank_you" in kinds
    keep = tuple(i for i, kind in enumerate(kinds) if kind != "thank_you")
    saved = capture.save_capture(LUNCH, understanding, accepted_suggestions=keep)
    [talk] = clients.profile(saved.client_id).interactions
    assert talk.thanked_at is not None


def test_client_chosen_by_the_user_wins(book: Path) -> None:
    maria = clients.create_client("Maria Gonzalez")
    understanding = capture.understand_note("Great chat, promised the deck by Friday.", maria)
    saved = capture.save_capture("Great chat, promised the deck by Friday.", understanding)
    assert saved.client_id == maria.id


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Lunch w/ Bob Smith (Acme). Son Jake plays ball.", "Lunch w/ Bob Smith (Acme)"),
        ("call w maria\nshe wants pricing", "call w maria"),
        ("x" * 10 + " " + "word " * 40, None),
    ],
)
def test_note_title(text: str, title: str | None) -> None:
    result = note_title(text)
    if title is not None:
        assert result == title
    else:
        assert len(result) <= 71 and result.endswith("…")


def test_empty_and_huge_notes_are_refused(book: Path) -> None:
    with pytest.raises(ValidationError, match="empty"):
        capture.understand_note("   ")
    with pytest.raises(ValidationError, match="characters long"):
        capture.understand_note("a" * 300_000)


def _with_tasks(text: str, titles: list[tuple[str, str | None]]) -> dict[str, object]:
    understanding = capture.understand_note(text)
    understanding["tasks"] = [{"title": title, "due": due} for title, due in titles]
    understanding["suggestions"] = []
    return understanding


def test_the_same_task_twice_in_a_note_and_after_it_is_one_task(book: Path) -> None:
    """The open tasks are read once per save: each task still finds the ones before it."""
    first = _save(LUNCH)
    note = "Call with Bob Smith about the renewal."
    understanding = _with_tasks(
        note,
        [
            ("Send the deck", "2026-11-20"),
            ("send  the DECK", "2026-11-25"),  # same folded title: moves the due date
            ("Send the revised proposal", "2026-11-27"),  # open since the first note
            ("Book the venue", None),
        ],
    )
    saved = capture.save_capture(note, understanding)
    assert saved.client_id == first.client_id
    rows = list(m.Task.select().where(m.Task.client == first.client_id).order_by(m.Task.id))
    assert [(t.title, t.due) for t in rows] == [
        ("Send the revised proposal", date(2026, 11, 27)),
        ("Send the deck", date(2026, 11, 25)),
        ("Book the venue", None),
    ]
    assert saved.task_ids == [rows[1].id, rows[1].id, rows[0].id, rows[2].id]
    assert [hit.ref_id for hit in search.search("deck") if hit.kind == "task"] == [rows[1].id]


def test_a_save_reads_the_same_statements_however_many_tasks(book: Path) -> None:
    from tests.querycount import counted

    _save(LUNCH)
    counts = []
    for titles in (["Send the deck"], ["Send the quote", "Book the venue", "Call Jake", "Fax"]):
        note = "Call with Bob Smith about the renewal."
        understanding = _with_tasks(note, [(title, None) for title in titles])
        with counted() as statements:
            capture.save_capture(note, understanding)
        counts.append(len([s for s in statements if s.lstrip().upper().startswith("SELECT")]))
    assert counts[0] == counts[1]


def test_another_couples_anniversary_never_overwrites_the_clients_own(book: Path) -> None:
    first = _save(
        "Coffee with Linda Park. She and her husband Tom are celebrating 20 yrs on June 3."
    )
    _save("Call with Linda Park. Her parents' anniversary is Dec 12.")

    rows = m.ImportantDate.select().where(m.ImportantDate.client == first.client_id)
    assert sorted((d.label, d.person_id, d.month, d.day) for d in rows) == [
        ("anniversary", None, 6, 3),  # Linda and Tom's
        ("parents' anniversary", None, 12, 12),
    ]


def test_a_nul_character_in_a_text_does_not_fail_the_save(book: Path) -> None:
    """SQLite keeps a NUL pasted into a text; PostgreSQL's text cannot hold one, and a team
    book failed the save with the driver's error (``rapport inbound --about``). There it
    is dropped."""
    bob = clients.create_client("Bob Smith")
    saved = inbound.record_inbound(bob.id, "email", "2026-11-16 09:00", "About\x00 the renewal")
    stored = m.Inbound.get_by_id(saved.id).summary
    assert stored.replace("\x00", "") == "About the renewal"
    assert search.search("renewal")
