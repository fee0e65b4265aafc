"""The brief as the window and the page show it (issue 15, item 17).

The client is not listed among their own people; Introductions is a section like the
others, with plain lines (nothing that looks like a checkbox) and without repeating an
open task in other words; the printed page keeps Introductions, indents lists by about a
bullet's width and puts its footer at the page's bottom however short the brief is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from rapport.render.brief_html import render
from rapport.render.brief_print import MARGIN_MM, write_pdf
from rapport.services import clients, facts, introductions, people
from rapport.services.book import close_book, open_book
from rapport.services.brief import brief

MM = 72 / 25.4  # PDF points in a millimetre


@pytest.fixture
def dana(data_dir: Path) -> Iterator[dict[str, int]]:
    open_book(data_dir)
    try:
        dana = clients.create_client("Dana Whitfield", company="Harbor Logistics").id
        facts.add_fact(dana, "Runs marathons", "personal", ["running"])
        people.add_person(dana, "Jake", "son", age=12)
        linda = clients.create_client("Linda Park", company="Cascade Foods").id
        introductions.create_introduction(linda, dana)
        yield {"dana": dana, "linda": linda}
    finally:
        close_book()


def _section(page: str, title: str) -> str:
    """The HTML of one section, from its heading to the next."""
    found = re.search(rf"<h3[^>]*>{title}</h3>(.*?)(?=<h3|</td>|</body>)", page, re.S)
    assert found, title
    return found.group(1)


def test_the_client_is_not_listed_among_their_people(dana: dict[str, int]) -> None:
    page = render(brief(dana["dana"]), links=False)
    assert "Dana" not in _section(page, "Their people")
    assert "Jake" in _section(page, "Their people")
    assert "running" in _section(page, "Interests")


def test_introductions_read_like_the_other_sections_and_say_a_task_once(
    dana: dict[str, int],
) -> None:
    for who in ("dana", "linda"):
        page = render(brief(dana[who]), links=False)
        headings = re.findall(r"<(h\d)[^>]*>([^<]*)</h\d>", page)
        assert ("h3", "Introductions") in headings
        assert {level for level, _title in headings} == {"h3"}
        assert "☐" not in page and "&#9744;" not in page
    # Dana's open task is to thank her; her brief says it under Open tasks, once.
    page = render(brief(dana["dana"]), links=False)
    thanks = "Thank Dana for introducing Linda Park"
    assert thanks in _section(page, "Open tasks")
    assert page.count(thanks) == 1
    assert "under Open tasks" in _section(page, "Introductions")
    # Linda's brief has the email to her under Open tasks; the thanks (Dana's task) is a
    # step of the introduction there.
    page = render(brief(dana["linda"]), links=False)
    assert page.count("Email Linda Park") == 1
    assert thanks in _section(page, "Introductions")


def _placed(path: Path) -> list[tuple[str, float, float]]:
    """Each piece of text on the page with its x and y in points (y from the bottom)."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        words = " ".join(text.replace("\ufb01", "fi").split())
        if words:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((words, x, y))

    PdfReader(str(path)).pages[0].extract_text(visitor_text=visit)
    return found


def _at(placed: list[tuple[str, float, float]], words: str) -> tuple[float, float]:
    for text, x, y in placed:
        if text.startswith(words):
            return x, y
    raise AssertionError(f"{words!r} not on the page: {[t for t, _x, _y in placed]}")


def test_the_pdf_keeps_introductions_narrow_indents_and_a_footer_at_the_bottom(
    dana: dict[str, int], tmp_path: Path, qapp: object
) -> None:
    target = tmp_path / "dana.pdf"
    write_pdf(brief(dana["dana"]), target, paper="a4")
    placed = _placed(target)
    _x, intro_y = _at(placed, "Introductions")
    assert _at(placed, "introduced")[1] < intro_y
    heading_x, heading_y = _at(placed, "Their people")
    item_x, item_y = _at(placed, "Jake")
    assert item_y < heading_y
    # A bullet's width, not Qt's 40 screen pixels scaled to 300 dpi (12 mm).
    assert 0 < item_x - heading_x < 6 * MM
    _x, footer_y = _at(placed, "Brief of Dana Whitfield")
    # The brief is short, the footer still sits on the bottom margin.
    assert footer_y < MARGIN_MM * MM + 12
    assert all(y > footer_y for text, _x, y in placed if not text.startswith("Brief of"))


def test_how_they_met_and_the_referrer_are_not_said_twice(dana: dict[str, int]) -> None:
    clients.update_client(dana["linda"], how_we_met="Introduced by Dana Whitfield.")
    page = render(brief(dana["linda"]), links=False, header=True)
    assert page.count("Dana Whitfield") == 2  # how they met, and the introduction itself
    assert "Referred by" not in page
    clients.update_client(dana["linda"], how_we_met="Met at the trade show")
    page = render(brief(dana["linda"]), links=False, header=True)
    assert "Referred by Dana Whitfield" in page


def test_the_terminal_brief_has_the_same_sections(dana: dict[str, int]) -> None:
    from rapport.cli.cmd_brief import brief_text

    text = brief_text(brief(dana["dana"]))
    people = text.split("Their people\n", 1)[1].split("\n\n", 1)[0]
    assert "Dana" not in people and "Jake" in people
    assert "Interests\n  running" in text
    intros = text.split("Introductions\n", 1)[1].split("\n\n", 1)[0]
    assert "Dana Whitfield introduced Linda Park" in intros
    assert text.count("Thank Dana for introducing Linda Park") == 1
    assert "☐" not in text
