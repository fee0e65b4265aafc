"""`rapport gifts` and `rapport note`: the CLI.md shapes, card-sized PDFs, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest

from rapport.cli import main
from tests.cli.conftest import run

CARD_POINTS = {
    "a2": (306, 396),
    "a6": (297.64, 419.53),
    "4x6": (288, 432),
    "5x7": (360, 504),
    "letter": (612, 792),
}


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    from rapport.services import clients, facts, interactions, people, settings
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    settings.set_value("signature", "Sam Carter")
    bob = clients.create_client("Bob Smith", company="Acme Supply")
    jake = people.add_person(bob.id, "Jake", "son", age=12)
    meeting = interactions.add_interaction(
        bob.id,
        "meeting",
        "2026-11-18 12:30",
        "Lunch at Rosa's",
        "",
        ["Needs delivery by March", "Concerned about lead times", "Wants pricing for 500 units"],
    )
    facts.add_fact(
        bob.id, "Jake plays travel baseball", "interest", ["baseball"], jake.id, meeting.id
    )
    facts.add_fact(bob.id, "Doesn't drink", "dietary", ["sober"])
    facts.add_fact(bob.id, "Wine collector before he quit", "interest", ["wine"])
    clients.create_client("Maria Gonzalez")
    close_book()
    return data_dir


def test_gifts_json_follows_the_contract(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, err = run(capsys, "--data-dir", str(seeded), "gifts", "bob smi", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["client"] == "Bob Smith"
    assert data["ideas"]
    for idea in data["ideas"]:
        assert {"title", "for", "because", "tags", "search_url", "already_given"} <= set(idea)
        assert idea["already_given"] is False
        assert idea["search_url"].startswith("https://www.google.com/search?q=")
        assert "alcohol" not in idea["tags"]
    first = data["ideas"][0]
    assert first["for"] == "Jake"
    assert first["because"] == "Jake, 12, plays travel baseball"
    wine = [i for i in data["ideas"] if i["title"] == "Bottle of wine from a region they love"]
    assert wine == []


def test_gifts_for_a_client_without_facts_says_so(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, out, err = run(
        capsys, "--data-dir", str(seeded), "gifts", "Maria", "--occasion", "thank_you", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["general"] is True and data["ideas"]
    # With --json the note is in the object and stderr stays empty (it is for errors).
    assert any("general ideas" in n for n in data["notes"]) and err == ""
    code, out, err = run(capsys, "--data-dir", str(seeded), "gifts", "Maria")
    assert code == 0 and "Gift ideas for Maria Gonzalez" in out
    assert "general ideas" in err


def test_gifts_unknown_client(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(seeded), "gifts", "Nobody Here")
    assert code == 2
    assert err.count("\n") == 1 and "no client matches" in err


def test_note_json_follows_the_contract(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, err = run(capsys, "--data-dir", str(seeded), "note", "Bob Smtih", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {"client", "card", "greeting", "body", "closing", "points", "personal_touch"} <= set(
        data
    )
    assert data["client"] == "Bob Smith" and data["card"] == "a2"
    assert "Bob" in data["greeting"]
    assert data["closing"].endswith("Sam Carter")
    assert len(data["points"]) == 3
    assert "Jake" in data["personal_touch"]
    assert err == ""


def test_note_for_a_client_without_facts_is_plain_and_says_so(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, out, err = run(capsys, "--data-dir", str(seeded), "note", "maria", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["personal_touch"] is None
    assert any("plain note" in n for n in data["notes"])
    assert err == ""
    code, out, err = run(capsys, "--data-dir", str(seeded), "note", "maria")
    assert code == 0 and "Maria" in out
    assert "plain note" in err


@pytest.mark.parametrize("size", list(CARD_POINTS))
def test_note_pdf_is_exactly_the_card(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path, size: str, qapp: object
) -> None:
    # qapp: the command makes its own QGuiApplication when none exists; in the test
    # process the widgets' QApplication must be the one, so it is created first.
    pdf = tmp_path / f"{size}.pdf"
    code, out, err = run(
        capsys, "--data-dir", str(seeded), "note", "Bob", "--card", size, "--pdf", str(pdf)
    )
    assert code == 0, err
    assert "Wrote" in out
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    width, height = CARD_POINTS[size]
    # Qt writes whole points: A6 (297.64×419.53) comes out as 298×420, within half a point.
    assert float(box.width) == pytest.approx(width, abs=0.5)
    assert float(box.height) == pytest.approx(height, abs=0.5)
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Dear Bob," in text or "Hi Bob," in text or "Bob," in text
    assert "Sam Carter" in text
    assert "making sure delivery lands by March" in text.replace("Making", "making")


def test_folded_card_is_the_open_sheet(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path, qapp: object
) -> None:
    pdf = tmp_path / "folded.pdf"
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "note", "Bob", "--folded", "--pdf", str(pdf), "--json"
    )
    assert code == 0, err
    box = pypdf.PdfReader(pdf).pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 396)
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "note", "Bob", "--card", "letter", "--folded"
    )
    assert code == 1 and "flat sheet" in err


def test_note_bad_card_size(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(seeded), "note", "Bob", "--card", "b5"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "unknown card size 'b5'" in err
    for size in CARD_POINTS:
        assert size in err


def test_note_pdf_in_a_missing_folder(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "card.pdf"
    code, out, err = run(capsys, "--data-dir", str(seeded), "note", "Bob", "--pdf", str(target))
    assert code == 1
    assert err.count("\n") == 1 and "does not exist" in err
    assert not target.parent.exists()
    assert out == ""


@pytest.mark.slow
def test_note_pdf_in_a_fresh_process_makes_its_own_offscreen_app(
    seeded: Path, tmp_path: Path
) -> None:
    """The real command line: no QApplication beforehand, no display needed."""
    import os
    import subprocess
    import sys

    pdf = tmp_path / "card.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "rapport",
            "--data-dir",
            str(seeded),
            "note",
            "Bob",
            "--card",
            "4x6",
            "--pdf",
            str(pdf),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    box = pypdf.PdfReader(pdf).pages[0].mediabox
    assert (float(box.width), float(box.height)) == (288, 432)


def test_note_parser_lists_the_card_module_sizes_and_occasions() -> None:
    # cmd_note keeps its own copies so that building the parser stays cheap.
    from rapport.cli import cmd_note
    from rapport.core import cards

    assert tuple(cards.CARD_SIZES) == cmd_note.CARD_KEYS
    assert cmd_note.OCCASIONS == cards.OCCASIONS
