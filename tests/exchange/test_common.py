"""Decoding untrusted files and the size limits, before any parser runs."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from rapport.exchange.common import (
    MAX_CONTACTS_FILE_BYTES,
    EncodingNeeded,
    ExchangeError,
    decode,
    parse_day,
    read_bytes,
    relation_word,
)


def test_utf8_with_and_without_bom() -> None:
    assert decode("Zoë".encode()) == ("Zoë", "utf-8")
    assert decode(codecs.BOM_UTF8 + "Zoë".encode()) == ("Zoë", "utf-8")


def test_utf16_with_bom_either_byte_order() -> None:
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        assert decode(bom + "Zoë, Ørsted".encode(codec)) == ("Zoë, Ørsted", "utf-16")


def test_windows_1252_only_when_asked() -> None:
    data = "Zoë Müller, Café €5".encode("cp1252")
    with pytest.raises(EncodingNeeded, match="--encoding cp1252"):
        decode(data)
    assert decode(data, "cp1252") == ("Zoë Müller, Café €5", "cp1252")
    assert decode("Zoë".encode("latin-1"), "latin-1")[0] == "Zoë"


def test_unknown_or_wrong_encoding_is_a_clear_error() -> None:
    with pytest.raises(ExchangeError, match="unknown encoding"):
        decode(b"abc", "klingon")
    with pytest.raises(ExchangeError, match="cannot be read as utf-8"):
        decode(b"\xff\xfe\xfd", "utf-8")


def test_files_over_the_limit_are_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.vcf"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB without writing them
    with pytest.raises(ExchangeError, match=r"big.vcf is 50.0 MB; the limit .* is 20.0 MB"):
        read_bytes(big)
    small = tmp_path / "ok.vcf"
    small.write_bytes(b"x" * 10)
    assert read_bytes(small) == b"x" * 10
    assert MAX_CONTACTS_FILE_BYTES == 20 * 1024 * 1024


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="does not exist"):
        read_bytes(tmp_path / "nope.csv")
    with pytest.raises(ExchangeError, match="is not a file"):
        read_bytes(tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980-05-17", (5, 17, 1980)),
        ("19800517", (5, 17, 1980)),
        ("--05-17", (5, 17, None)),
        ("--0517", (5, 17, None)),
        ("5/17/1980", (5, 17, 1980)),
        ("2000-02-29", (2, 29, 2000)),
        ("--0229", (2, 29, None)),
        ("1980-05-17T00:00:00Z", (5, 17, 1980)),
        ("0/0/00", None),
        ("2001-02-29", None),
        ("circa 1800", None),
        ("", None),
    ],
)
def test_birthdays_as_files_write_them(text: str, expected: tuple[int, int, int | None]) -> None:
    day = parse_day(text)
    assert (None if day is None else (day.month, day.day, day.year)) == expected


def test_relation_labels() -> None:
    assert relation_word("_$!<Child>!$_") == "child"
    assert relation_word("Domestic Partner") == "partner"
    assert relation_word("Godmother") == "godmother"
