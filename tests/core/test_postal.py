"""Postal addresses: free text read into parts without losing a character, and the block
printed on an envelope in the destination's convention."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapport.core.postal import (
    PostalAddress,
    address_block,
    country_code,
    from_mapping,
    parse_address,
    same_country,
    tidy,
)


def _chars(addr: PostalAddress) -> Counter[str]:
    text = "".join((*addr.lines, addr.city, addr.region, addr.postcode, addr.country))
    return Counter(ch for ch in text if not ch.isspace())


def assert_nothing_lost(text: str) -> PostalAddress:
    """Every non-space character of ``text`` is in the parts, except the commas that
    separated two parts; and nothing is invented."""
    addr = parse_address(text)
    given_chars = Counter(ch for ch in text if not ch.isspace())
    kept = _chars(addr)
    assert kept <= given_chars, (text, addr)
    missing = given_chars - kept
    assert set(missing) <= {","}, (text, addr, missing)
    return addr


ADDRESS_PIECES = st.sampled_from(
    [
        "12 Main St",
        "Apt 4B",
        "Springfield",
        "IL 62704",
        "Springfield, IL 62704",
        "Toronto ON M5V 2T6",
        "SW1A 2AA",
        "London",
        "10115 Berlin",
        "75008 Paris CEDEX 08",
        "USA",
        "Canada",
        "Deutschland",
        "United Kingdom",
        "東京都千代田区丸の内1-1",
        "Москва, ул. Тверская, 1",
        ",",
        ", ,",
        "1600 Pennsylvania Ave",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(ADDRESS_PIECES, st.text(max_size=30)), max_size=8),
    st.sampled_from(["\n", ", ", "\r\n", " ", "\n\n"]),
)
def test_parse_never_loses_a_character(pieces: list[str], joiner: str) -> None:
    assert_nothing_lost(joiner.join(pieces))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parse_never_loses_a_character_of_any_text(text: str) -> None:
    assert_nothing_lost(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "12 Main St\nApt 4\nSpringfield, IL 62704\nUSA",
            PostalAddress(("12 Main St", "Apt 4"), "Springfield", "IL", "62704", "USA"),
        ),
        (
            "12 Main St, Springfield, IL 62704-1234",
            PostalAddress(("12 Main St",), "Springfield", "IL", "62704-1234", ""),
        ),
        (
            "500 Oak Ave\nPortland\nOregon 97201",
            PostalAddress(("500 Oak Ave",), "Portland", "Oregon", "97201", ""),
        ),
        (
            "10 Downing Street\nLondon\nSW1A 2AA\nUnited Kingdom",
            PostalAddress(("10 Downing Street",), "London", "", "SW1A 2AA", "United Kingdom"),
        ),
        (
            "Rose Cottage\nMill Lane\nChipping Norton\nOxfordshire\nOX7 5AA",
            PostalAddress(
                ("Rose Cottage", "Mill Lane"), "Chipping Norton", "Oxfordshire", "OX7 5AA"
            ),
        ),
        (
            "Hauptstraße 5\n10115 Berlin\nDeutschland",
            PostalAddress(("Hauptstraße 5",), "Berlin", "", "10115", "Deutschland"),
        ),
        (
            "12 rue de la Paix\n75002 Paris\nFrance",
            PostalAddress(("12 rue de la Paix",), "Paris", "", "75002", "France"),
        ),
        (
            "100 Queen St W, Toronto ON M5H 2N2, Canada",
            PostalAddress(("100 Queen St W",), "Toronto", "ON", "M5H 2N2", "Canada"),
        ),
        (
            "1234 Rue Sainte-Catherine\nMontréal, QC H3G 1P1\nCanada",
            PostalAddress(("1234 Rue Sainte-Catherine",), "Montréal", "QC", "H3G 1P1", "Canada"),
        ),
    ],
)
def test_common_layouts_are_read_into_parts(text: str, expected: PostalAddress) -> None:
    assert assert_nothing_lost(text) == expected


def test_a_six_line_address_keeps_every_line() -> None:
    text = (
        "Dana Whitfield\nc/o Acme Supply\nAttn: Purchasing\nBuilding 4, Floor 3\n"
        "Mail Stop 12\n100 Industrial Pkwy\nSpringfield, IL 62704"
    )
    addr = assert_nothing_lost(text)
    assert addr.lines == (
        "Dana Whitfield",
        "c/o Acme Supply",
        "Attn: Purchasing",
        "Building 4, Floor 3",
        "Mail Stop 12",
        "100 Industrial Pkwy",
    )
    assert (addr.city, addr.region, addr.postcode) == ("Springfield", "IL", "62704")
    assert address_block(addr, "USA")[-1] == "Springfield, IL 62704"
    assert len(address_block(addr, "USA")) == 7


@pytest.mark.parametrize(
    "text",
    [
        "東京都千代田区丸の内1-1-1\n日本",
        "Россия, Москва, ул. Тверская, д. 1",
        "תל אביב, רחוב הרצל 1",
        "1600 Pennsylvania Ave",
        "Somewhere past the old mill, ask for Jim",
    ],
)
def test_what_is_not_understood_stays_as_written(text: str) -> None:
    addr = assert_nothing_lost(text)
    if not addr.country:
        # Nothing recognised: the text is kept line for line, commas and all.
        assert "\n".join(addr.lines) == text


def test_non_latin_country_is_recognised() -> None:
    addr = parse_address("東京都千代田区丸の内1-1-1\n日本")
    assert addr == PostalAddress(("東京都千代田区丸の内1-1-1",), country="日本")
    assert address_block(addr, "USA") == ("東京都千代田区丸の内1-1-1", "日本")


def test_a_street_number_is_not_taken_for_a_postcode() -> None:
    assert parse_address("Jane Doe\n1600 Pennsylvania Ave").city == ""
    assert parse_address("Suite 12345").lines == ("Suite 12345",)


def test_empty_text_is_an_empty_address() -> None:
    assert parse_address("  \n , ").lines == (",",)  # a lone comma is kept, as written
    assert parse_address("").is_empty()
    assert PostalAddress().is_empty()
    assert not PostalAddress(country="France").is_empty()
    assert PostalAddress(("  ",)).is_empty()


def test_us_block_and_country_line_only_abroad() -> None:
    addr = PostalAddress(("12 Main St",), "Springfield", "IL", "62704", "USA")
    assert address_block(addr, "United States") == ("12 Main St", "Springfield, IL 62704")
    assert address_block(addr, "Canada") == ("12 Main St", "Springfield, IL 62704", "USA")
    assert address_block(addr, "") == ("12 Main St", "Springfield, IL 62704", "USA")


def test_canadian_block() -> None:
    addr = PostalAddress(("100 Queen St W",), "Toronto", "ON", "M5H 2N2", "Canada")
    assert address_block(addr, "Canada") == ("100 Queen St W", "Toronto, ON M5H 2N2")
    assert address_block(addr, "USA")[-1] == "CANADA"


def test_uk_block_puts_the_postcode_on_its_own_line() -> None:
    addr = PostalAddress(("10 Downing Street",), "London", "", "SW1A 2AA", "UK")
    assert address_block(addr, "United Kingdom") == ("10 Downing Street", "London", "SW1A 2AA")
    assert address_block(addr, "USA") == (
        "10 Downing Street",
        "London",
        "SW1A 2AA",
        "UK",
    )
    # No country written: the British postcode still decides the layout.
    bare = PostalAddress(("10 Downing Street",), "London", "", "SW1A 2AA")
    assert address_block(bare, "USA") == ("10 Downing Street", "London", "SW1A 2AA")


@pytest.mark.parametrize(
    ("addr", "home", "expected"),
    [
        (
            PostalAddress(("Hauptstraße 5",), "Berlin", "", "10115", "Deutschland"),
            "Germany",
            ("Hauptstraße 5", "10115 Berlin"),
        ),
        (
            PostalAddress(("Hauptstraße 5",), "Berlin", "", "10115", "Deutschland"),
            "USA",
            ("Hauptstraße 5", "10115 Berlin", "DEUTSCHLAND"),
        ),
        (
            PostalAddress(("12 rue de la Paix",), "Paris", "", "75002", "France"),
            "USA",
            ("12 rue de la Paix", "75002 Paris", "FRANCE"),
        ),
        (
            # No country written and a German home: the European layout.
            PostalAddress(("Hauptstraße 5",), "Berlin", "", "10115"),
            "Deutschland",
            ("Hauptstraße 5", "10115 Berlin"),
        ),
    ],
)
def test_european_block_puts_the_postcode_first(
    addr: PostalAddress, home: str, expected: tuple[str, ...]
) -> None:
    assert address_block(addr, home) == expected


def test_countries_as_written() -> None:
    assert country_code("U.S.A.") == "US"
    assert country_code("Deutschland") == "DE"
    assert country_code("Österreich") == "AT"
    assert country_code("CA") == ""  # California, not Canada
    assert same_country("USA", "United States")
    assert same_country("Narnia", "narnia")
    assert not same_country("USA", "Canada")


def test_tidy_and_mapping() -> None:
    messy = PostalAddress(("12 Main\x1b St", "", " Apt 4\nrear "), " Spring\nfield ", "IL\x07")
    clean = tidy(messy)
    assert clean == PostalAddress(("12 Main St", "Apt 4", "rear"), "Spring field", "IL")
    assert from_mapping(clean.as_dict()) == clean
    assert from_mapping({"lines": "a\nb", "city": "X"}) == PostalAddress(("a", "b"), "X")
    assert from_mapping(None) == PostalAddress()
