"""`rapport today`, `snooze`, `reopen`, `answered`, `late` and `away` as scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rapport.cli import main
from tests.cli.conftest import run

TASK_KEYS = {"id", "title", "due", "kind", "status", "client", "client_id"}


@pytest.fixture
def seeded(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from rapport.services import clients, inbound, interactions, introductions, people, tasks
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-16")
    bob = clients.create_client("Bob Smith")
    interactions.add_interaction(bob.id, "meeting", "2026-11-16 12:00", "Lunch")
    tasks.add_task("Send the revised proposal", bob.id, "2026-11-17", "promise")
    tasks.add_task("Send pricing", bob.id, "2026-11-19", "promise")
    jake = people.add_person(bob.id, "Jake", "son", age=12)
    people.add_date(bob.id, "birthday", 11, 24, person_id=jake.id)
    maria = clients.create_client("Maria Gonzalez")
    inbound.record_inbound(maria.id, "voicemail", "2026-11-16 09:00", "Renewal")
    tom = clients.create_client("Tom Lee")
    introductions.mark_contacted(introductions.create_introduction(tom.id, maria.id).id)
    close_book()
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18")
    return data_dir


def test_today_json_keeps_the_contract(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "today", "--json")
    assert code == 0
    data = json.loads(out)
    for key in (
        "date",
        "overdue",
        "due_today",
        "at_risk",
        "awaiting_reply",
        "thank_yous",
        "dates",
        "out_of_touch",
    ):
        assert key in data
    assert data["date"] == "2026-11-18"
    for task in data["overdue"] + data["due_today"] + data["at_risk"]:
        assert set(task) >= TASK_KEYS
    (late,) = [t for t in data["overdue"] if t["kind"] == "promise"]
    assert late["title"] == "Send the revised proposal" and "Bob" in late["draft"]
    assert [t["title"] for t in data["at_risk"]] == ["Send pricing"]
    (reply,) = data["awaiting_reply"]
    assert {"client", "channel", "since", "age_days", "task_id"} <= set(reply)
    assert (reply["client"], reply["channel"], reply["age_days"]) == (
        "Maria Gonzalez",
        "voicemail",
        2,
    )
    assert reply["level"] == "warning"
    (thanks,) = data["thank_yous"]
    assert {"client", "interaction_id", "since"} <= set(thanks)
    (birthday,) = data["dates"]
    assert {"client", "about", "label", "date", "in_days"} <= set(birthday)
    assert (birthday["about"], birthday["date"], birthday["in_days"]) == ("Jake", "2026-11-24", 6)
    assert birthday["text"] == "Jake turns 13 on Nov 24"
    assert data["counts"]["overdue"] == len(data["overdue"])
    assert data["follow_through"]["late"] == 1
    assert data["out_of_touch"] == []


def test_today_human_view(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "today")
    assert code == 0
    assert "Today, Wednesday Nov 18, 2026" in out
    assert "Overdue (2)" in out and "PAST ONE BUSINESS DAY" in out
    assert "Jake turns 13 on Nov 24 (in 6 days)" in out
    assert "Everyone heard from you recently." in out


def test_today_on_an_empty_book(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "today")
    assert code == 0
    assert "Nothing overdue. Nice." in out and "Nothing needs you today." in out
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "today", "--json")
    assert json.loads(out)["overdue"] == []


def _task_id(capsys: pytest.CaptureFixture[str], book: Path, title: str) -> int:
    _, out, _ = run(capsys, "--data-dir", str(book), "tasks", "--json")
    return next(t["id"] for t in json.loads(out) if t["title"] == title)


def test_snooze_in_words_then_reopen(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    task_id = _task_id(capsys, seeded, "Send pricing")
    code, out, _ = run(
        capsys, "--data-dir", str(seeded), "snooze", str(task_id), "next", "week", "--json"
    )
    assert code == 0
    snoozed = json.loads(out)
    assert (snoozed["status"], snoozed["snoozed_until"]) == ("snoozed", "2026-11-23")
    _, out, _ = run(capsys, "--data-dir", str(seeded), "today", "--json")
    assert task_id not in [t["id"] for t in json.loads(out)["at_risk"]]
    run(capsys, "--data-dir", str(seeded), "done", str(task_id))
    code, out, _ = run(capsys, "--data-dir", str(seeded), "reopen", str(task_id))
    assert code == 0 and out.startswith("Reopened: Send pricing")


def test_snooze_refusals_change_nothing(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    task_id = _task_id(capsys, seeded, "Send pricing")
    run(capsys, "--data-dir", str(seeded), "done", str(task_id))
    code, out, err = run(capsys, "--data-dir", str(seeded), "snooze", str(task_id), "tomorrow")
    assert (code, out) == (1, "")
    assert err == f"rapport: task {task_id} is done; reopen it before snoozing\n"
    code, _, err = run(capsys, "--data-dir", str(seeded), "snooze", "4242", "tomorrow")
    assert (code, err) == (2, "rapport: no task with id 4242\n")
    other = _task_id(capsys, seeded, "Send the revised proposal")
    code, _, err = run(capsys, "--data-dir", str(seeded), "snooze", str(other), "last", "year")
    assert code == 1 and "not a date I understand" in err and err.count("\n") == 1
    code, _, err = run(capsys, "--data-dir", str(seeded), "snooze", str(other), "2026-11-01")
    assert code == 1 and "after today" in err
    _, out, _ = run(capsys, "--data-dir", str(seeded), "tasks", "--all", "--json")
    states = {t["id"]: (t["status"], t["snoozed_until"]) for t in json.loads(out)}
    assert states[task_id] == ("done", None) and states[other] == ("open", None)
    with pytest.raises(SystemExit) as usage:
        main(["--data-dir", str(seeded), "snooze", "abc", "tomorrow"])
    assert usage.value.code == 2


def test_answered(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "answered", "--json")
    (waiting,) = json.loads(out)
    assert code == 0 and waiting["client"] == "Maria Gonzalez"
    code, out, _ = run(capsys, "--data-dir", str(seeded), "answered", str(waiting["id"]), "--json")
    assert code == 0 and json.loads(out)[0]["answered_at"].startswith("2026-11-18")
    code, _, err = run(capsys, "--data-dir", str(seeded), "answered", str(waiting["id"]))
    assert code == 1 and "already answered" in err
    code, _, err = run(capsys, "--data-dir", str(seeded), "answered", "--client", "maria")
    assert (code, err) == (2, "rapport: Maria Gonzalez is not waiting on a reply\n")
    code, _, err = run(capsys, "--data-dir", str(seeded), "answered", "999")
    assert (code, err) == (2, "rapport: no message with id 999\n")
    _, out, _ = run(capsys, "--data-dir", str(seeded), "today", "--json")
    assert json.loads(out)["awaiting_reply"] == []


def test_answered_by_client(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "answered", "--client", "Maria Gonz")
    assert code == 0 and out.startswith("Answered: voicemail from Maria Gonzalez")


def test_late_note_and_sent(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    task_id = _task_id(capsys, seeded, "Send the revised proposal")
    code, out, _ = run(capsys, "--data-dir", str(seeded), "late", str(task_id))
    assert code == 0 and "Bob" in out and "Friday, Nov 20" in out
    code, out, _ = run(capsys, "--data-dir", str(seeded), "late", str(task_id), "--sent", "--json")
    assert code == 0 and json.loads(out)["due"] == "2026-11-20"
    _, out, _ = run(capsys, "--data-dir", str(seeded), "today", "--json")
    assert task_id not in [t["id"] for t in json.loads(out)["overdue"]]


def test_away(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "away")
    assert code == 0 and "Away mode is off" in out
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(seeded),
        "away",
        "--until",
        "next friday",
        "--backup",
        "Dana Lee",
        "--backup-contact",
        "dana@example.com",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["away"]["until"] == "2026-11-27" and "Dana Lee" in data["email"]
    _, out, _ = run(capsys, "--data-dir", str(seeded), "today", "--json")
    today = json.loads(out)
    assert today["overdue"] == [] and today["away"]["active"]
    code, _, err = run(capsys, "--data-dir", str(seeded), "away", "--until", "2026-11-01")
    assert code == 1 and "before the first" in err
    code, out, _ = run(capsys, "--data-dir", str(seeded), "away", "--off")
    assert code == 0
    _, out, _ = run(capsys, "--data-dir", str(seeded), "today", "--json")
    assert json.loads(out)["overdue"]


def test_record_inbound_intro_and_thanked(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    book = str(seeded)
    code, out, _ = run(
        capsys,
        "--data-dir",
        book,
        "inbound",
        "bob smi",
        "text",
        "--about",
        "Call me",
        "--at",
        "yesterday",
        "--json",
    )
    assert code == 0
    message = json.loads(out)
    assert (message["channel"], message["since"]) == ("text", "2026-11-17T12:00:00")
    code, out, _ = run(
        capsys, "--data-dir", book, "intro", "Bob Smith", "--by", "Jo Park", "--json"
    )
    assert code == 0 and json.loads(out)["referrer"] == "Jo Park"
    _, out, _ = run(capsys, "--data-dir", book, "today", "--json")
    data = json.loads(out)
    assert "Thank Jo for introducing Bob Smith" in [t["title"] for t in data["due_today"]]
    assert ("Bob Smith", "text") in [(a["client"], a["channel"]) for a in data["awaiting_reply"]]
    (thanks,) = data["thank_yous"]
    code, out, _ = run(capsys, "--data-dir", book, "thanked", str(thanks["interaction_id"]))
    assert code == 0 and out.startswith("Thank-you noted")
    code, _, err = run(capsys, "--data-dir", book, "inbound", "Zed", "email")
    assert code == 2 and "no client matches" in err
    code, _, err = run(capsys, "--data-dir", book, "inbound", "bob smi", "email", "--at", "someday")
    assert code == 1 and "not a date I understand" in err
