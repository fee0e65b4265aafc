"""`rapport brief` and `rapport search` as scripts use them: JSON shapes, the PDF, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.conftest import run


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    from rapport.services import clients, facts, interactions, people, tasks
    from rapport.services.book import close_book, open_book
    from rapport.store import models as m

    open_book(data_dir)
    frank = clients.create_client("Frank O'Neill")
    bob = clients.create_client(
        "Bob Smith", company="Acme Supply", role="Buyer", how_we_met="Expo", referred_by_id=frank.id
    )
    jake = people.add_person(bob.id, "Jake", "son", age=12, age_as_of="2025-11-10")
    lunch = interactions.add_interaction(
        bob.id,
        "meeting",
        "2026-11-10 12:30",
        "Lunch at Rosa's",
        raw_text="Jake has a tournament this weekend. Needs delivery by March.",
        key_points=["Needs delivery by March"],
    )
    facts.add_fact(
        bob.id, "Jake has a tournament this weekend", "family", ["baseball"], jake.id, lunch.id
    )
    old = facts.add_fact(bob.id, "Drives a red Miata", "personal")
    m.Fact.update(confirmed_at=datetime(2024, 1, 5), created_at=datetime(2024, 1, 5)).where(
        m.Fact.id == old.id
    ).execute()
    tasks.add_task("Send the revised proposal", bob.id, "2026-11-20", "promise")
    m.Inbound.create(client=bob.id, channel="voicemail", received_at=datetime(2026, 11, 16, 9))
    m.Gift.create(client=bob.id, title="Baseball glove", given_on=datetime(2026, 6, 1).date())
    clients.create_client("Bob Jones")
    close_book()
    return data_dir


def test_brief_json_follows_the_contract(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "brief", "bob smi", "--json")
    assert code == 0
    data = json.loads(out)
    assert {
        "client",
        "people",
        "facts",
        "interactions",
        "open_tasks",
        "promises_kept",
        "promises_late",
        "awaiting_reply",
        "gifts_given",
        "upcoming_dates",
        "ask_about",
    } <= set(data)
    assert data["client"]["name"] == "Bob Smith"
    assert data["client"]["referred_by"] == "Frank O'Neill"
    assert data["people"][0]["name"] == "Jake"
    assert data["people"][0]["age"] == 13
    assert data["people"][0]["cares_about"] == ["baseball"]
    by_text = {f["text"]: f for f in data["facts"]}
    tournament = by_text["Jake has a tournament this weekend"]
    assert tournament["source"]["title"] == "Lunch at Rosa's"
    assert tournament["source"]["date"].startswith("2026-11-10")
    assert tournament["stale"] is False
    assert by_text["Drives a red Miata"]["stale"] is True
    assert by_text["Drives a red Miata"]["source"] is None
    assert data["interactions"][0]["key_points"] == ["Needs delivery by March"]
    task = data["open_tasks"][0]
    assert {"id", "title", "due", "kind", "status", "client", "client_id"} <= set(task)
    assert (data["promises_kept"], data["promises_late"]) == (0, 0)
    assert data["awaiting_reply"][0]["channel"] == "voicemail"
    assert data["awaiting_reply"][0]["age_days"] == 2
    assert data["gifts_given"][0]["title"] == "Baseball glove"
    assert data["ask_about"][0] == "How did Jake's tournament go?"


def test_brief_text(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "brief", "Bob Smtih")
    assert code == 0
    assert out.startswith("Bob Smith — Buyer · Acme Supply")
    assert "Met: Expo · Referred by Frank O'Neill" in out
    assert "Ask about\n  • How did Jake's tournament go?" in out
    assert "(possibly stale)" in out


def test_unknown_and_ambiguous_client_exit_2(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, out, err = run(capsys, "--data-dir", str(seeded), "brief", "Zed Zebra", "--json")
    assert code == 2 and out == ""
    assert err.strip() == "rapport: no client matches 'Zed Zebra'"
    code, _, err = run(capsys, "--data-dir", str(seeded), "brief", "bob")
    assert code == 2
    assert "Bob Smith" in err and "Bob Jones" in err


def _pdf_text(path: Path) -> tuple[int, str, tuple[float, float]]:
    reader = PdfReader(str(path))
    box = reader.pages[0].mediabox
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split()), (float(box.width), float(box.height))


def test_brief_pdf_is_one_page(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path, qapp: object
) -> None:
    # (qapp: in this process the window tests need a QApplication, not the plain
    # QGuiApplication that the command line makes for itself.)
    target = tmp_path / "bob.pdf"
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(seeded),
        "brief",
        "bob smith",
        "--pdf",
        str(target),
        "--paper",
        "letter",
    )
    assert code == 0
    assert "one page, letter" in out
    pages, text, (width, height) = _pdf_text(target)
    assert pages == 1
    assert (round(width), round(height)) == (612, 792)  # Letter, in points
    assert "Bob Smith" in text
    assert "How did Jake's tournament go?" in text
    assert "Brief of Bob Smith" in text  # the last line made it onto the page


def test_a_huge_brief_still_fits_one_a4_page(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path, qapp: object
) -> None:
    from rapport.services import clients, facts, interactions, people
    from rapport.services.book import close_book, open_book

    open_book(seeded)
    bob = clients.resolve("Bob Smith").id
    for i in range(80):
        facts.add_fact(bob, f"Remembered detail number {i}: likes things that are long to say")
    for i in range(15):
        people.add_person(bob, f"Cousin {i}", "child")
    for i in range(8):
        interactions.add_interaction(
            bob,
            "call",
            f"2026-11-0{i + 1} 10:00",
            f"Call {i}",
            key_points=[f"Point {k} of call {i}" for k in range(9)],
        )
    close_book()
    target = tmp_path / "big.pdf"
    code, _, _ = run(
        capsys,
        "--data-dir",
        str(seeded),
        "brief",
        "bob smith",
        "--pdf",
        str(target),
        "--paper",
        "a4",
        "--json",
    )
    assert code == 0
    pages, text, (width, height) = _pdf_text(target)
    assert pages == 1
    assert (round(width), round(height)) == (595, 842)  # A4
    assert "more" in text  # lists were shortened ("and 70 more")
    assert "Brief of Bob Smith" in text


def test_pdf_into_a_missing_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys,
        "--data-dir",
        str(seeded),
        "brief",
        "bob smith",
        "--pdf",
        str(tmp_path / "nope" / "b.pdf"),
    )
    assert code == 1
    assert err.count("\n") == 1 and "no such folder" in err


def test_search_json(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "search", "jake tourn", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "jake tourn"
    assert data["results"]
    for result in data["results"]:
        assert {"kind", "client", "client_id", "title", "snippet"} <= set(result)
        assert "\x02" not in result["snippet"] and "\x03" not in result["title"]
    assert {r["client"] for r in data["results"]} == {"Bob Smith"}


@pytest.mark.parametrize("query", ['"', "NEAR(", "-jake", "*", "(("])
def test_search_syntax_characters(
    capsys: pytest.CaptureFixture[str], seeded: Path, query: str
) -> None:
    # ("--" lets a query start with a dash, as with every command line tool)
    code, out, err = run(capsys, "--data-dir", str(seeded), "search", "--json", "--", query)
    assert code == 0, err
    assert json.loads(out)["query"] == query


def test_search_text_and_nothing_found(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "search", "basebal")
    assert code == 0
    assert "Facts\n" in out and "baseball" in out and "(Bob Smith)" in out
    code, out, _ = run(capsys, "--data-dir", str(seeded), "search", "zzzqqq")
    assert code == 0 and "Nothing matches" in out
    code, _, err = run(capsys, "--data-dir", str(seeded), "search", " ")
    assert code == 2 and "nothing to search for" in err


@pytest.mark.slow
def test_pdf_from_a_fresh_process_without_a_display(seeded: Path, tmp_path: Path) -> None:
    """The command line makes its own offscreen Qt application for the PDF."""
    env = dict(os.environ, RAPPORT_DATA_DIR=str(seeded))
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)
    target = tmp_path / "fresh.pdf"
    out = subprocess.run(
        [sys.executable, "-m", "rapport", "brief", "bob smith", "--pdf", str(target)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert _pdf_text(target)[0] == 1
