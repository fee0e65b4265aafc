"""Stage 3, the client, as a learned ranker over the names a note says (client_rank.py).

The weights come from tests/tools/train_client_ranker.py on every labelled set; the model
file names the sha256 of each file it was trained on, and goes stale when one changes.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from rapport.core.understand.client_rank import (
    FEATURES,
    MODEL_FILE,
    candidates,
    rerank_client,
    score,
    weights,
)
from rapport.core.understand.clients import KnownClient
from rapport.core.understand.mentions import NameMention, find_names

ROOT = Path(__file__).resolve().parents[2]
TRAINER = "tests/tools/train_client_ranker.py"


def _model() -> dict[str, object]:
    return json.loads((ROOT / "resources" / MODEL_FILE).read_text(encoding="utf-8"))


def test_the_ranker_was_trained_on_the_labelled_sets_as_they_are() -> None:
    """A set added, removed or relabelled since the weights were learned: train again."""
    trained = _model()["trained_on"]
    assert isinstance(trained, dict)
    files = [
        p
        for path in sorted((ROOT / "tests" / "core").glob("capture_notes*.jsonl"))
        for p in (path, path.with_name(path.stem + "_book.csv"))
        if p.exists()
    ]
    now = {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    stale = sorted(k for k in now.keys() | trained.keys() if now.get(k) != trained.get(k))
    assert not stale, f"run {TRAINER}: the client ranker is stale for {stale}"


def test_the_model_names_one_weight_per_feature() -> None:
    named = _model()["weights"]
    assert isinstance(named, dict)
    assert sorted(named) == sorted(FEATURES)
    assert len(weights()) == len(FEATURES)


def _features(text: str, name: str, known: tuple[KnownClient, ...] = ()) -> dict[str, float]:
    names = find_names(text, len(text))
    chosen = names[0] if names else None
    for cand in candidates(text, names, chosen, known):
        if cand.mention.name == name:
            return dict(zip(FEATURES, cand.features, strict=True))
    raise AssertionError(f"{name!r} is no candidate of {[n.name for n in names]}")


@pytest.mark.parametrize(
    ("text", "name", "feature", "value"),
    [
        # a firm's, a venue's or a place's word in the name
        (
            "Call with Kestrel Home Goods - Ines Mora wants quotes",
            "Kestrel Home Goods",
            "firm_word",
            1,
        ),
        ("Call with Kestrel Home Goods - Ines Mora wants quotes", "Ines Mora", "firm_word", 0),
        # a surname alone beside the full name, and the full name beside it
        ("Dear Mr. Adebayo, ... Ngozi Adebayo signed", "Adebayo", "part_of_other", 1),
        ("Dear Mr. Adebayo, ... Ngozi Adebayo signed", "Ngozi Adebayo", "longer_than_other", 1),
        # who speaks in a thread, who wrote an e-mail
        ("Tess Varga: can you send the W-9?\nMe: sure", "Tess Varga", "speaker", 1),
        ("On Mon, Tess Varga <tv@example.com> wrote:", "Tess Varga", "speaker", 1),
        # a relative said by a family word
        ("Met Omar Haddad and his wife Leila Haddad", "Leila Haddad", "kin_before", 1),
        ("Met Omar Haddad and his wife Leila Haddad", "Omar Haddad", "kin_before", 0),
        # said again after, by the first name
        ("Tova Lind called. Tova wants a quote; Tova's son", "Tova Lind", "said_again", 0.0),
    ],
)
def test_candidate_features(text: str, name: str, feature: str, value: float) -> None:
    got = _features(text, name)[feature]
    if feature == "said_again":
        assert got > 1.0  # log(1 + 2)
    else:
        assert got == value


@pytest.mark.parametrize(
    ("text", "name", "how"),
    [
        ("Gwen called about the raffle", "Gwen", "book_first"),
        ("Marsh called about the raffle, Ida Marsh too", "Marsh", "book_other"),
        ("Gwendolyn Marsh called about the raffle", "Gwendolyn Marsh", "book_exact"),
        ("Saw Ida Rowe about the raffle", "Ida Rowe", "book_none"),
    ],
)
def test_how_a_candidate_is_in_the_book(text: str, name: str, how: str) -> None:
    book = (KnownClient(1, "Gwendolyn Marsh", "Marsh Quilting"), KnownClient(2, "Ana Ruiz"))
    got = _features(text, name, book)
    said = {k for k in ("book_exact", "book_first", "book_other", "book_none") if got[k]}
    assert said == {how}


def _every_name_looked_up(
    body: str, names: list[NameMention], chosen: NameMention, known: list[KnownClient]
) -> NameMention:
    pool = candidates(body, names, chosen, known)
    w = weights()
    return max(pool, key=lambda c: (score(c.features, w), c.features[0])).mention


def test_looking_up_only_the_names_that_may_win_chooses_as_looking_up_all() -> None:
    """The book is asked only about the rules' pick and the names that could outscore it."""
    book_csv = ROOT / "tests" / "core" / "capture_notes_fc12_book.csv"
    with book_csv.open(encoding="utf-8") as fh:
        known = [KnownClient(i, r["name"], r["company"]) for i, r in enumerate(csv.DictReader(fh))]
    notes = (ROOT / "tests" / "core" / "capture_notes_fc12.jsonl").read_text(encoding="utf-8")
    compared = 0
    for line in notes.splitlines():
        body = json.loads(line)["text"]
        names = find_names(body, len(body))
        for chosen in names[:3]:
            if len(candidates(body, names, chosen, known, lookup=False)) < 2:
                continue
            compared += 1
            want = _every_name_looked_up(body, names, chosen, known)
            assert rerank_client(body, names, chosen, known) == want
    assert compared > 40
