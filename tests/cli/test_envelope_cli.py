"""`rapport envelope`: the envelope's text, a private PDF of its size, and bad input."""

from __future__ import annotations

import stat
from pathlib import Path

import pypdf
import pytest

from rapport.cli import main
from rapport.cli.cmd_envelope import ENVELOPE_KEYS
from rapport.core import envelopes as core
from rapport.core.postal import PostalAddress


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def book(data_dir: Path) -> Path:
    from rapport.services import addresses, clients, people, settings
    from rapport.services.book import close_book, open_book

    open_book(data_dir)
    settings.update(
        {
            "return_name": "Sam Carter",
            "return_address": {
                "lines": ["12 Oak St"],
                "city": "Springfield",
                "region": "IL",
                "postcode": "62701",
                "country": "USA",
            },
            "home_country": "USA",
        }
    )
    bob = clients.create_client("Bob Smith", company="Acme Supply")
    people.add_person(bob.id, "Alice Smith", "wife")
    addresses.set_client_address(
        bob.id, PostalAddress(("400 Market Street",), "San Francisco", "CA", "94105", "USA")
    )
    anna = clients.create_client("Anna Schmidt")
    addresses.set_client_address(
        anna.id, PostalAddress(("Hauptstraße 5",), "München", "", "80331", "Deutschland")
    )
    clients.create_client("Dana Whitfield")
    close_book()
    return data_dir


def test_envelope_text_without_a_country_line_at_home(
    capsys: pytest.CaptureFixture[str], book: Path
) -> None:
    code, out, err = run(capsys, "--data-dir", str(book), "envelope", "bob smi")
    assert (code, err) == (0, "")
    sender, recipient = out.strip().split("\n\n")
    assert sender.splitlines() == ["Sam Carter", "12 Oak St", "Springfield, IL 62701"]
    assert recipient.splitlines() == ["Bob Smith", "400 Market Street", "San Francisco, CA 94105"]


def test_household_and_a_foreign_address_with_its_country(
    capsys: pytest.CaptureFixture[str], book: Path
) -> None:
    code, out, _err = run(capsys, "--data-dir", str(book), "envelope", "Bob", "--household")
    assert code == 0 and "Bob & Alice Smith\n400 Market Street" in out
    code, out, _err = run(capsys, "--data-dir", str(book), "envelope", "anna")
    assert code == 0
    assert out.strip().split("\n\n")[1].splitlines() == [
        "Anna Schmidt",
        "Hauptstraße 5",
        "80331 München",
        "DEUTSCHLAND",  # as written, upper case (core/postal.address_block)
    ]


@pytest.mark.parametrize("key", ENVELOPE_KEYS)
def test_envelope_pdf_is_private_and_exactly_the_envelope(
    capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path, key: str
) -> None:
    pdf = tmp_path / f"{key}.pdf"
    code, out, err = run(
        capsys, "--data-dir", str(book), "envelope", "Bob", "--size", key, "--pdf", str(pdf)
    )
    assert (code, err) == (0, "")
    assert f"Wrote {pdf}" in out
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    (page,) = pypdf.PdfReader(pdf).pages
    size = core.ENVELOPE_SIZES[key]
    assert float(page.mediabox.width) == pytest.approx(size.width, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(size.height, abs=0.5)
    text = " ".join(page.extract_text().split())
    assert "Bob Smith 400 Market Street San Francisco, CA 94105" in text


def test_the_size_follows_the_card_by_default(
    capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path
) -> None:
    from rapport.services import settings
    from rapport.services.book import close_book, open_book

    open_book(book)
    settings.set_value("card_size", "5x7")
    close_book()
    pdf = tmp_path / "default.pdf"
    code, out, _err = run(capsys, "--data-dir", str(book), "envelope", "Bob", "--pdf", str(pdf))
    assert code == 0 and "A7 envelope" in out
    assert float(pypdf.PdfReader(pdf).pages[0].mediabox.width) == 522.0


def test_a_client_without_an_address_exits_1_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "dana.pdf"
    code, out, err = run(capsys, "--data-dir", str(book), "envelope", "Dana", "--pdf", str(pdf))
    assert (code, out) == (1, "")
    assert err.startswith("rapport: add Dana's address first")
    assert not pdf.exists()


def test_unknown_size_and_unknown_client_are_usage_errors(
    capsys: pytest.CaptureFixture[str], book: Path
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--data-dir", str(book), "envelope", "Bob", "--size", "b5"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "unknown envelope size 'b5'" in err and "dl (DL envelope, 220×110 mm)" in err
    code, _out, err = run(capsys, "--data-dir", str(book), "envelope", "Zebedee Nobody")
    assert code == 2 and "Zebedee" in err


def test_parser_lists_the_core_sizes() -> None:
    assert tuple(core.ENVELOPE_SIZES) == ENVELOPE_KEYS
