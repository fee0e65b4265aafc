"""The postal address in the brief: `rapport brief` text, JSON (an ``address`` object with
the parts) and PDF, and the window's brief and profile header."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from rapport.cli import main
from rapport.core.postal import PostalAddress

HOME = PostalAddress(("12 Main St", "Apt 4"), "Springfield", "IL", "62704", "USA")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def addressed(data_dir: Path) -> Path:
    from rapport.services import clients, people
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    dana = clients.create_client("Dana Whitfield", company="Acme", address=HOME)
    people.add_person(
        dana.id, "Kim", "daughter", address=PostalAddress(("Hall B",), "Ann Arbor", "MI", "48109")
    )
    clients.create_client("No Address")
    close_book()
    return data_dir


def test_brief_json_has_the_address_parts(
    capsys: pytest.CaptureFixture[str], addressed: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(addressed), "brief", "dana", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["client"]["address"] == {
        "lines": ["12 Main St", "Apt 4"],
        "city": "Springfield",
        "region": "IL",
        "postcode": "62704",
        "country": "USA",
    }
    assert data["people"][0]["address"]["city"] == "Ann Arbor"
    code, out, _ = run(capsys, "--data-dir", str(addressed), "brief", "no address", "--json")
    assert json.loads(out)["client"]["address"] == {
        "lines": [],
        "city": "",
        "region": "",
        "postcode": "",
        "country": "",
    }


def test_brief_text_shows_the_address_on_one_line(
    capsys: pytest.CaptureFixture[str], addressed: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(addressed), "brief", "dana")
    assert code == 0
    assert out.splitlines()[:2] == [
        "Dana Whitfield — Acme",
        "12 Main St, Apt 4, Springfield, IL 62704, USA",
    ]
    code, out, _ = run(capsys, "--data-dir", str(addressed), "brief", "no address")
    assert "Springfield" not in out


def test_brief_pdf_shows_the_address(
    capsys: pytest.CaptureFixture[str], addressed: Path, tmp_path: Path, qapp: object
) -> None:
    target = tmp_path / "dana.pdf"
    code, _, _ = run(capsys, "--data-dir", str(addressed), "brief", "dana", "--pdf", str(target))
    assert code == 0
    text = " ".join(page.extract_text() for page in PdfReader(str(target)).pages)
    # NFKC: the PDF's text has the "fi" ligature as one character.
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    assert "12 Main St, Apt 4, Springfield, IL 62704, USA" in text
