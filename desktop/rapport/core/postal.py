"""Postal addresses: their parts, reading free text into them, and the printed block.

A ``PostalAddress`` keeps the street lines as written and the parts a post office sorts
by (city, region, postcode, country). ``parse_address`` reads the free text of older
books and of imports into those parts where it recognises a layout (US and Canadian
"City, ST 12345", British postcodes on their own line, European "12345 City", a country
named on the last line) and leaves everything else in ``lines``: it never drops a
character other than the whitespace and the commas that separated two parts.

``address_block`` gives the lines as printed on an envelope, in the destination's
convention, with the country line (upper case) only for mail abroad. Pure: no Qt, no
database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rapport.core import control_chars

# Longest a part may be (an import's broken field is refused, not printed).
MAX_PART = 200
MAX_LINES = 12


@dataclass(frozen=True)
class PostalAddress:
    lines: tuple[str, ...] = ()  # street lines as written; a 6-line address keeps all
    city: str = ""
    region: str = ""  # state, province, county
    postcode: str = ""
    country: str = ""  # as written ("USA", "Canada", "Deutschland")

    def is_empty(self) -> bool:
        return not (
            any(line.strip() for line in self.lines)
            or self.city.strip()
            or self.region.strip()
            or self.postcode.strip()
            or self.country.strip()
        )

    def as_dict(self) -> dict[str, Any]:
        """The parts as JSON-ready values (settings, exports)."""
        return {
            "lines": list(self.lines),
            "city": self.city,
            "region": self.region,
            "postcode": self.postcode,
            "country": self.country,
        }


def from_parts(
    lines: Any = (), city: Any = "", region: Any = "", postcode: Any = "", country: Any = ""
) -> PostalAddress:
    """An address from loose parts: ``lines`` as a list or newline-separated text; every
    part stripped, empty lines dropped."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    kept = tuple(str(line).strip() for line in lines or () if str(line).strip())
    return PostalAddress(
        kept,
        str(city or "").strip(),
        str(region or "").strip(),
        str(postcode or "").strip(),
        str(country or "").strip(),
    )


def from_mapping(data: Mapping[str, Any] | None) -> PostalAddress:
    """An address from ``as_dict`` output (or the settings' JSON); unknown keys ignored."""
    if not data:
        return PostalAddress()
    return from_parts(
        data.get("lines", ()),
        data.get("city", ""),
        data.get("region", ""),
        data.get("postcode", ""),
        data.get("country", ""),
    )


def tidy(addr: PostalAddress) -> PostalAddress:
    """The address with control characters removed (core/control_chars), parts stripped,
    empty lines dropped, and a line break inside a part other than the lines made a space."""
    lines: list[str] = []
    for line in addr.lines:
        lines.extend(control_chars.clean(str(line)).splitlines())

    def one(value: Any) -> str:
        return " ".join(control_chars.clean(str(value or "")).split())

    return from_parts(
        lines, one(addr.city), one(addr.region), one(addr.postcode), one(addr.country)
    )


def problem(addr: PostalAddress) -> str | None:
    """Why an address cannot be stored (a part too long, too many lines), or None."""
    if len(addr.lines) > MAX_LINES:
        return f"an address has at most {MAX_LINES} street lines"
    for name in ("city", "region", "postcode", "country"):
        if len(getattr(addr, name)) > MAX_PART:
            return f"the address {name} is longer than {MAX_PART} characters"
    for line in addr.lines:
        if len(line) > MAX_PART:
            return f"an address line is longer than {MAX_PART} characters"
    return None


# --- countries ------------------------------------------------------------------------

# Names as people write them (folded: lower case, no accents, no dots) -> ISO code.
_COUNTRIES: dict[str, str] = {}
for _code, _names in {
    "US": "us|usa|u s a|united states|united states of america|america|etats-unis"
    "|estados unidos|vereinigte staaten",
    "CA": "canada",
    "GB": "uk|u k|united kingdom|great britain|gb|england|scotland|wales|northern ireland"
    "|royaume-uni",
    "IE": "ireland|eire|irlande",
    "DE": "germany|deutschland|allemagne|alemania|bundesrepublik deutschland",
    "FR": "france|frankreich|francia",
    "AT": "austria|osterreich|autriche",
    "CH": "switzerland|schweiz|suisse|svizzera",
    "BE": "belgium|belgique|belgie|belgien",
    "NL": "netherlands|the netherlands|nederland|holland|pays-bas",
    "LU": "luxembourg|luxemburg",
    "ES": "spain|espana|espagne|spanien",
    "PT": "portugal",
    "IT": "italy|italia|italie|italien",
    "DK": "denmark|danmark|danemark|danemark",
    "SE": "sweden|sverige|suede|schweden",
    "NO": "norway|norge|norvege|norwegen",
    "FI": "finland|suomi|finlande|finnland",
    "PL": "poland|polska|pologne|polen",
    "CZ": "czech republic|czechia|cesko|ceska republika",
    "GR": "greece|ellada|grece",
    "AU": "australia",
    "NZ": "new zealand|aotearoa",
    "MX": "mexico",
    "BR": "brazil|brasil",
    "AR": "argentina",
    "IN": "india",
    "JP": "japan|nippon|日本",
    "CN": "china|中国|people's republic of china",
    "KR": "south korea|korea|republic of korea|대한민국|한국",
    "RU": "russia|russian federation|россия",
    "UA": "ukraine|україна",
    "IL": "israel|ישראל",
    "ZA": "south africa",
    "SG": "singapore",
}.items():
    for _name in _names.split("|"):
        _COUNTRIES[_name] = _code


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.casefold().replace(".", " ")
    return " ".join(stripped.split())


def country_code(name: str) -> str:
    """The ISO code of a country as written ("USA" -> "US", "Deutschland" -> "DE"), or ""
    when unknown. A two-letter ISO code is accepted as itself only for US, UK and GB
    (others, like CA or DE, are also state abbreviations)."""
    folded = _fold(name)
    if not folded:
        return ""
    return _COUNTRIES.get(folded, "")


def same_country(a: str, b: str) -> bool:
    """Whether two countries as written are the same ("USA" and "United States")."""
    code_a, code_b = country_code(a), country_code(b)
    if code_a and code_b:
        return code_a == code_b
    return _fold(a) == _fold(b)


# --- parsing --------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_US_STATES = _words(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
    "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP "
    "AA AE AP"
)
_CA_PROVINCES = _words("AB BC MB NB NL NS NT NU ON PE QC SK YT")
_US_ZIP = r"\d{5}(?:-\d{4})?"
_CA_POST = r"[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d"
_UK_POST = r"[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}"
# "City, ST 12345" / "City ST 12345" / "Toronto ON M5V 2T6" on one line.
_NORTH_AMERICA = re.compile(
    rf"^(?P<city>.*?[^\s,])\s*,?\s+(?P<region>[A-Za-z]{{2}})\.?\s+(?P<postcode>{_US_ZIP}|{_CA_POST})$"
)
# "ST 12345" (the city was on the part before, after a comma).
_REGION_POSTCODE = re.compile(
    rf"^(?P<region>[^\d,]*[^\d\s,])\s+(?P<postcode>{_US_ZIP}|{_CA_POST})$"
)
# Words of a street line: "1600 Pennsylvania Ave" is a house number, not "postcode city".
_STREET_WORDS = _words(
    "st street ave avenue rd road blvd boulevard dr drive lane ln way ct court pl place "
    "hwy highway pkwy parkway suite ste apt unit floor fl box po building bldg"
)
_UK_ALONE = re.compile(rf"^(?P<postcode>{_UK_POST})$")
# "London SW1A 1AA" on one line.
_UK_CITY = re.compile(rf"^(?P<city>[^\d,]*[^\d\s,])\s*,?\s+(?P<postcode>{_UK_POST})$")
# "10115 Berlin", "75008 Paris", "D-10115 Berlin", "1012 AB Amsterdam", "00-950 Warszawa",
# "114 55 Stockholm".
_POSTCODE_CITY = re.compile(
    r"^(?P<postcode>(?:[A-Za-z]{1,2}-)?\d{4,5}(?: [A-Z]{2}(?= ))?|\d{2}-\d{3}|\d{3} \d{2})"
    r"\s+(?P<city>\D.*)$"
)


def _segments(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line]


def parse_address(text: str) -> PostalAddress:
    """Free text to parts where it can; whatever is not understood stays in ``lines``."""
    segments = _segments(text or "")
    if not segments:
        return PostalAddress()
    if len(segments) == 1 and "," in segments[0]:
        # "12 Main St, Springfield, IL 62704, USA": the commas separate the parts.
        split = [part.strip() for part in segments[0].split(",")]
        split = [part for part in split if part]
        parsed = _parse_segments(split)
        if parsed is not None:
            return parsed
        # Not understood as parts: keep the line whole, commas and all.
        return _parse_segments(segments) or PostalAddress(tuple(segments))
    return _parse_segments(segments) or PostalAddress(tuple(segments))


def _parse_segments(segments: list[str]) -> PostalAddress | None:
    """The parts of an address written as ``segments`` (lines), or None when no layout
    is recognised at its end."""
    rest = list(segments)
    country = ""
    if len(rest) > 1 and country_code(rest[-1]):
        country = rest.pop()
    if not rest:
        return None
    last = rest[-1]
    city = region = postcode = ""
    match = _NORTH_AMERICA.match(last)
    if match and _north_american(match["region"], match["postcode"]):
        rest.pop()
        city, region, postcode = match["city"], match["region"], match["postcode"]
    elif (
        (match := _REGION_POSTCODE.match(last))
        and len(rest) > 1
        and _region_name(match["region"], match["postcode"])
    ):
        rest.pop()
        region, postcode = match["region"], match["postcode"]
        city = rest.pop()
    elif _UK_ALONE.match(last) and len(rest) > 1:
        postcode = rest.pop()
        city = rest.pop()
        if len(rest) > 1 and _looks_like_county(city, rest[-1]):
            region, city = city, rest.pop()
    elif (match := _UK_CITY.match(last)) and country_code(country) in ("", "GB", "IE"):
        rest.pop()
        city, postcode = match["city"], match["postcode"]
    elif (match := _POSTCODE_CITY.match(last)) and not _STREET_WORDS & set(
        _fold(match["city"]).split()
    ):
        rest.pop()
        postcode, city = match["postcode"], match["city"]
    elif country:
        # "Tokyo" before "Japan": the lines stay as written, the country is known.
        pass
    else:
        return None
    return PostalAddress(tuple(rest), city.strip(), region.strip(), postcode.strip(), country)


def _north_american(region: str, postcode: str) -> bool:
    code = region.upper()
    if re.fullmatch(_US_ZIP, postcode):
        return code in _US_STATES
    return code in _CA_PROVINCES


def _region_name(region: str, postcode: str) -> bool:
    """A state or province before a ZIP or postal code: a known code ("IL", "ON") or
    words that are not a street ("Illinois", "British Columbia", not "Suite")."""
    if len(region) == 2:
        return _north_american(region, postcode)
    words = _fold(region).split()
    return len(words) <= 3 and not _STREET_WORDS & set(words)


def _looks_like_county(line: str, before: str) -> bool:
    """In a British address, a county line sits between the post town and the postcode;
    the town line before it has no house number."""
    return not any(ch.isdigit() for ch in line) and not any(ch.isdigit() for ch in before)


# --- the printed block ----------------------------------------------------------------

_US_STYLE = {"US", "CA", "AU"}
_UK_STYLE = {"GB", "IE"}


def _convention(addr: PostalAddress, home_country: str) -> str:
    code = country_code(addr.country)
    postcode = addr.postcode.strip()
    if not code and not addr.country.strip():
        # No country written: a British or Canadian postcode says where; otherwise the
        # letter stays at home.
        if re.fullmatch(_UK_POST, postcode):
            return "uk"
        if re.fullmatch(_CA_POST, postcode):
            return "us"
        code = country_code(home_country)
    if code:
        if code in _US_STYLE:
            return "us"
        if code in _UK_STYLE:
            return "uk"
        return "europe"
    if re.fullmatch(_US_ZIP, postcode):
        return "us"
    return "europe" if postcode else "us"


def address_block(addr: PostalAddress, home_country: str = "") -> tuple[str, ...]:
    """The lines as printed on an envelope, per the destination's postal convention;
    the country line (upper case) only when it differs from ``home_country``."""
    lines = [line.strip() for line in addr.lines if line.strip()]
    city, region, postcode = addr.city.strip(), addr.region.strip(), addr.postcode.strip()
    style = _convention(addr, home_country)
    if style == "us":
        place = city
        tail = " ".join(part for part in (region, postcode) if part)
        if place and tail:
            place = f"{place}, {tail}"
        elif tail:
            place = tail
        if place:
            lines.append(place)
    elif style == "uk":
        lines.extend(part for part in (city, region, postcode) if part)
    else:
        place = " ".join(part for part in (postcode, city) if part)
        if place:
            lines.append(place)
        if region:
            lines.append(region)
    country = addr.country.strip()
    if country and not same_country(country, home_country):
        lines.append(country.upper())
    return tuple(lines)


def one_line(addr: PostalAddress, home_country: str = "") -> str:
    """The address on one line (the profile header): the block joined with commas."""
    return ", ".join(address_block(addr, home_country))
