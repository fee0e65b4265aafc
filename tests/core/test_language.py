"""A note in another language is recognised, so that capture can say it reads English only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rapport.core.understand.language import foreign_language, only_english

HERE = Path(__file__).parent

FOREIGN = [
    (
        "Mittagessen mit Klaus Becker von Becker GmbH. Seine Tochter Anna spielt Tennis. Ich "
        "muss ihm bis Freitag das Angebot schicken.",
        "German",
    ),
    (
        "Termin mit Frau Schulz: sie will die Preise für das neue Modell, ich rufe morgen an",
        "German",
    ),
    (
        "Déjeuner avec Claire Dubois. Elle veut le devis pour la nouvelle machine avant "
        "vendredi. Son fils Lucas joue au foot.",
        "French",
    ),
    ("appel de m. girard, il est pas content, je dois le rappeler demain avec les prix", "French"),
    (
        "Reunión con Carlos Ruiz. Quiere la propuesta para el viernes. Su hija juega al fútbol.",
        "Spanish",
    ),
    ("与王先生开会，他喜欢高尔夫，周五前发报价", "another language"),
]
ENGLISH = [
    "Dinner at Le Petit Bistro with Anne Moreau, she loves the coq au vin; quote by Friday.",
    "Call w/ Hans Müller (Müller GmbH) about the die casting order, he wants pricing by Fri.",
    "Met Jose de la Cruz at the Casa del Sol expo. His son Mateo plays soccer.",
    "Termin bei Dr. Weber",  # too little to tell: treated as English
    "Bob Smith",
    "",
]


@pytest.mark.parametrize(("text", "language"), FOREIGN)
def test_a_note_in_another_language_is_named(text: str, language: str) -> None:
    assert foreign_language(text) == language
    assert language in only_english(language) and "Only English" in only_english(language)


@pytest.mark.parametrize("text", ENGLISH)
def test_english_with_foreign_names_is_english(text: str) -> None:
    assert foreign_language(text) is None


def test_no_labelled_english_note_is_taken_for_another_language() -> None:
    paths = sorted(HERE.glob("capture_notes*.jsonl"))
    texts = [
        json.loads(line)["text"]
        for path in paths
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    assert len(texts) > 800
    assert [t[:60] for t in texts if foreign_language(t)] == []
