"""`rapport cards`: a season's cards for many clients in one PDF, logged on each client."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pypdf
import pytest

from rapport.cli import main
from rapport.cli.cmd_cards import CARD_KEYS, OCCASION_KEYS
from rapport.core import season_cards
from rapport.core.cards import CARD_SIZES
from rapport.core.postal import PostalAddress


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def book(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from rapport.services import addresses, clients, facts, interactions, settings
    from rapport.services.book import close_book, open_book

    monkeypatch.setenv("RAPPORT_TODAY", "2026-12-07")
    open_book(data_dir)
    settings.update({"signature": "Sam Carter", "home_country": "USA"})
    for i, name in enumerate(("Bob Smith", "Dana Whitfield", "Maria Gonzalez", "Tom Lee")):
        client = clients.create_client(name, company="Acme Supply" if i < 2 else "")
        addresses.set_client_address(
            client.id, PostalAddress((f"{i + 1} Market Street",), "Springfield", "IL", "62701")
        )
        facts.add_fact(client.id, "Loves sailing", "interest", ["sailing"])
        interactions.add_interaction(client.id, "meeting", "2026-10-02 12:30", "Lunch at Rosa's")
    clients.create_client("Nadia Noaddress", company="Acme Supply")
    close_book()
    return data_dir


def test_the_parser_knows_the_core_occasions_and_sizes() -> None:
    assert [k.replace("-", "_") for k in OCCASION_KEYS] == list(season_cards.SEASONS)
    assert list(CARD_KEYS) == list(CARD_SIZES)


def test_cards_for_everyone_as_json_and_pdf(
    capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "holiday.pdf"
    code, out, err = run(
        capsys, "--data-dir", str(book), "cards", "--occasion", "holiday", "--all",
        "--pdf", str(pdf), "--json",
    )  # fmt: skip
    assert code == 0, err
    cards = json.loads(out)
    assert [c["client"] for c in cards] == [
        "Bob Smith", "Dana Whitfield", "Maria Gonzalez", "Nadia Noaddress", "Tom Lee",
    ]  # fmt: skip
    for card in cards:
        first = card["client"].split()[0]
        assert card["body"].splitlines()[0].endswith(f"{first},")
        assert card["body"].endswith("Sam Carter") and card["already_sent"] is False
    openings = [season_cards.opening_sentence(c["body"]) for c in cards]
    assert all(a != b for a, b in itertools.pairwise(openings))
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) == 5
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [306, 396]  # A2
    # Logged: the histories say so, and a second run flags every card as already sent.
    from rapport.services import clients, interactions
    from rapport.services.book import close_book, open_book

    open_book(book)
    try:
        logged = interactions.history(clients.resolve("Dana Whitfield").id)[0]
    finally:
        close_book()
    assert (logged.kind, logged.title) == ("card", "Holiday card sent")
    assert logged.raw_text == cards[1]["body"]
    code, out, _ = run(
        capsys, "--data-dir", str(book), "cards", "--occasion", "holiday", "--clients", "acme",
        "--pdf", str(pdf),
    )  # fmt: skip
    assert code == 0
    assert out.count("(already sent this year)") == 3
    assert "Wrote" in out and "3 holiday cards" in out


def test_envelopes_follow_their_cards(
    capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "new-year.pdf"
    code, _out, err = run(
        capsys, "--data-dir", str(book), "cards", "--occasion", "new-year", "--all",
        "--envelopes", "--pdf", str(pdf),
    )  # fmt: skip
    assert code == 1
    assert "no postal address for Nadia Noaddress" in err and not pdf.exists()
    code, out, err = run(
        capsys, "--data-dir", str(book), "cards", "--occasion", "birthday", "--clients", "Tom",
        "--envelopes", "--pdf", str(pdf),
    )  # fmt: skip
    assert code == 0, err
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) == 2
    sizes = [[round(float(x)) for x in page.mediabox[2:]] for page in reader.pages]
    assert sizes[0] == [306, 396]  # the card, then its A2 envelope (landscape)
    assert sorted(sizes[1]) == [315, 414]
    assert "Tom Lee 4 Market Street" in " ".join(reader.pages[1].extract_text().split())
    assert "1 birthday cards and 1 envelopes" in out


def test_bad_input(capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path) -> None:
    pdf = str(tmp_path / "x.pdf")
    with pytest.raises(SystemExit) as usage:
        main(["--data-dir", str(book), "cards", "--occasion", "easter", "--pdf", pdf])
    assert usage.value.code == 2
    assert "unknown occasion 'easter'" in capsys.readouterr().err
    code, _, err = run(capsys, "--data-dir", str(book), "cards", "--occasion", "holiday",
                       "--clients", "zzz", "--pdf", pdf)  # fmt: skip
    assert code == 1 and "no client matches" in err
    code, _, err = run(capsys, "--data-dir", str(book), "cards", "--occasion", "holiday",
                       "--pdf", str(tmp_path / "nowhere" / "x.pdf"))  # fmt: skip
    assert code != 0 and "does not exist" in err
