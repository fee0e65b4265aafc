"""A season's cards: each drafted for its client, varied, no two neighbours alike."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime
from typing import Any

import pytest

from rapport import resources
from rapport.core import notes as n
from rapport.core import season_cards as sc
from rapport.core.gifts import Taxonomy, parse_taxonomy
from rapport.core.records import Client, Fact, Interaction, Person

TODAY = date(2026, 12, 7)
FIRSTS = [
    "Dana",
    "Ana",
    "Bob",
    "Maria",
    "Tom",
    "Priya",
    "Chen",
    "Olu",
    "Sofia",
    "Liam",
    "Noah",
    "Emma",
    "Ava",
    "Mia",
    "Zoe",
    "Ian",
    "Kai",
    "Lea",
    "Max",
    "Eva",
]
HOBBIES = ("golf", "sailing", "gardening", "tennis", "fishing", "cooking", "running", "chess")


def _json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.path(name).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def parts() -> tuple[sc.SeasonWording, n.NoteTemplates, Taxonomy]:
    return (
        sc.parse_wording(_json("season_cards.json")),
        n.parse_templates(_json("note_templates.json")),
        parse_taxonomy(_json("interests.json")),
    )


def _subjects(count: int) -> list[sc.CardSubject]:
    """``count`` clients, most with a fact or a child, some with a meeting this year."""
    out = []
    for i in range(count):
        client = Client(id=i + 1, name=f"{FIRSTS[i % len(FIRSTS)]} Client{i}")
        facts: tuple[Fact, ...] = ()
        people: tuple[Person, ...] = ()
        if i % 3:
            tag = HOBBIES[i % len(HOBBIES)]
            facts = (Fact(id=100 + i, client_id=i + 1, text=f"Loves {tag}", category="interest",
                          tags=[tag], created_at=datetime(2026, 5, 1)),)  # fmt: skip
        if i % 4 == 0:
            people = (Person(id=500 + i, client_id=i + 1, name="Jake", relation="son", age=12,
                             age_as_of=TODAY),)  # fmt: skip
            facts += (Fact(id=900 + i, client_id=i + 1, text="Jake plays in the state tournament",
                           category="family", person_id=500 + i,
                           created_at=datetime(2026, 10, 1)),)  # fmt: skip
        talk = None
        if i % 2:
            talk = Interaction(id=700 + i, client_id=i + 1, kind="meeting",
                               happened_at=datetime(2026, 3 + i % 9, 10, 12),
                               title="Lunch at Rosa's")  # fmt: skip
        out.append(sc.CardSubject(client, facts, people, talk, sent_this_year=i == 7))
    return out


def test_a_batch_of_50_varies_and_no_neighbours_open_alike(parts: Any) -> None:
    wording, templates, taxonomy = parts
    cards = sc.draft_batch(_subjects(50), "holiday", TODAY, wording, templates, taxonomy, "Sam")
    assert len(cards) == 50
    openings = [sc.opening_sentence(card.text) for card in cards]
    assert openings == [card.opening for card in cards]
    for before, after in itertools.pairwise(openings):
        assert before != after
    assert len(set(openings)) >= 6  # the wording varies across the batch
    assert len({card.text for card in cards}) == 50  # every card its own
    for card, subject in zip(cards, _subjects(50), strict=True):
        first = subject.client.first_name
        assert card.text.splitlines()[0] in (f"Dear {first},", f"Hi {first},", f"{first},")
        assert card.text.endswith("\nSam")
        assert subject.client.name.split()[1] not in card.text  # first name only
        assert "{" not in card.text and "}" not in card.text
        if subject.facts:
            assert card.touch and card.touch in card.text
        if subject.last_talk is not None:
            assert "Rosa's" in card.text
    assert [card.already_sent for card in cards].count(True) == 1 and cards[7].already_sent
    assert any("2027" in card.text for card in cards)  # a December card wishes next year well


@pytest.mark.parametrize("occasion", sc.SEASONS)
def test_every_occasion_drafts_whole_cards(parts: Any, occasion: str) -> None:
    wording, templates, taxonomy = parts
    cards = sc.draft_batch(_subjects(12), occasion, TODAY, wording, templates, taxonomy, "")
    for before, after in itertools.pairwise(cards):
        assert before.opening != after.opening
    for card in cards:
        assert card.occasion == occasion
        paragraphs = card.text.split("\n\n")
        assert len(paragraphs) >= 3
        assert all(p.strip() for p in paragraphs)
        assert paragraphs[1].rstrip()[-1] in ".!"


def test_the_same_client_gets_the_same_card_twice_a_season(parts: Any) -> None:
    wording, templates, taxonomy = parts
    subject = _subjects(3)[1]
    one = sc.draft_card(subject, "birthday", TODAY, wording, templates, taxonomy, "Sam")
    two = sc.draft_card(subject, "birthday", TODAY, wording, templates, taxonomy, "Sam")
    assert one == two


def test_an_unknown_occasion_is_named(parts: Any) -> None:
    assert sc.check_season("New Year") == "new_year"
    assert sc.check_season("thank-you") == "thank_you"
    with pytest.raises(sc.SeasonError, match=r"unknown occasion 'easter'.*holiday"):
        sc.check_season("easter")


def test_a_hobby_tag_that_is_already_a_gerund_is_not_doubled() -> None:
    assert n.gerund("sailing") == "sailing"
    assert n.gerund("running") == "running"
    assert n.gerund("sing") == "singing"
    assert n.gerund("golf") == "golfing"
