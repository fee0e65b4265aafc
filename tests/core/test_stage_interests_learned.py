"""The interest rules' learned second opinion (core/understand/interests_learned.py), its training
tool, and what it shares with the task model (core/understand/linear.py, linear_train.py).

The model vetoes a mention the rules found that it scores below its threshold; it never adds
one. Checked with hand-set weights on the real pipeline, and with a tiny labelled set the tool
must learn the same way twice.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from array import array
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from rapport.core.understand import interests_learned, linear, linear_train
from rapport.core.understand.interests_learned import DIMS, InterestModel
from tests.core.understood import understand

ROOT = Path(__file__).parents[2]
WED = date(2026, 11, 18)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_interest_model", ROOT / "tools" / "train_interest_model.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_interest_model"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def model_state() -> Iterator[None]:
    """The model a test sets is forgotten after it (the next note reads the shipped one)."""
    yield
    interests_learned._state.clear()


def _model(bias: float = 0.0, features: dict[str, float] | None = None) -> InterestModel:
    weights = array("f", bytes(4 * DIMS))
    for name, weight in (features or {}).items():
        weights[linear.feature_hash(name, DIMS)] = weight
    return InterestModel(DIMS, bias, weights, veto_below=0.5)


def _tags(text: str) -> list[str]:
    return [t for f in understand(text, WED)["facts"] for t in f["tags"]]


def test_the_shipped_model_is_trained_on_todays_labelled_sets() -> None:
    """Retrain (`python tools/train_interest_model.py train`) when a labelled set changes."""
    tool = _tool()
    task_tool = tool._task_tool()
    header = json.loads((ROOT / "resources" / "interest_model.json").read_text("utf-8"))
    assert header["files"] == task_tool.files_digest(task_tool.training_files())
    assert header["dims"] == DIMS
    shipped = interests_learned._read_shipped()
    assert shipped is not None and len(shipped.weights) == DIMS


@pytest.mark.parametrize(
    ("text", "features", "want"),
    [
        # a mention the model scores below its threshold is no interest
        ("Met Ann Lee. She plays golf on Sundays.", {"t:golf": -40.0}, []),
        ("Met Ann Lee. She used to golf every week.", {"cue:past": -40.0}, []),
        # scored above, the rules' interest stands
        ("Met Ann Lee. She plays golf on Sundays.", {}, ["golf"]),
        # a feature the mention does not have does not veto it
        ("Met Ann Lee. She plays golf on Sundays.", {"cue:past": -40.0}, ["golf"]),
    ],
)
def test_the_model_vetoes_what_it_scores_below(
    text: str, features: dict[str, float], want: list[str], model_state: None
) -> None:
    interests_learned.use_model(_model(1.0, features))
    assert [t for t in _tags(text) if t == "golf"] == want


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        # a pastime of the client's family is the family's interest, the rules' to decide
        ("Met Ann Lee. Her son Jake plays golf.", "golf"),
        ("Met Ann Lee. Coaches her daughter's soccer team.", "soccer"),
        # a liking said outright is the client's
        ("Met Ann Lee. She loves golf.", "golf"),
        ("Met Ann Lee. Big into fly fishing.", "fly fishing"),
        # a dietary need keeps its tag (and so its fact)
        ("Met Ann Lee. She is vegan now.", "vegan"),
    ],
)
def test_what_the_model_may_not_veto(text: str, tag: str, model_state: None) -> None:
    interests_learned.use_model(_model(-40.0))
    assert tag in _tags(text)


def test_without_a_model_the_rules_stand(model_state: None) -> None:
    interests_learned.use_model(None)
    assert "golf" in _tags("Met Ann Lee. She loves golf.")


def test_whose_clause_it_is_is_a_feature() -> None:
    """A family member said before the mention, and the client named, are told apart."""
    body = "Met Ann Lee. Her son Jake plays hockey. Ann plays golf."
    spans = [
        interests_learned.Span(0, 12, body[0:12]),
        interests_learned.Span(13, 39, body[13:39]),
        interests_learned.Span(40, len(body), body[40:]),
    ]
    from rapport.core.understand.interests import find_interests

    found = {m.tag: m for m in find_interests(body)}
    kin = [interests_learned.Kin("son", body.index("Jake"), body.index("Jake") + 4)]
    seen = {
        w.match.tag: set(w.features)
        for w in interests_learned.weigh(
            list(found.values()), body, spans, kin, "Ann", {"jake"}, DIMS
        )
    }
    assert linear.feature_hash("kin:son", DIMS) in seen["hockey"]
    assert linear.feature_hash("kin:son", DIMS) not in seen["golf"]
    assert linear.feature_hash("client:before", DIMS) in seen["golf"]


def test_training_learns_a_tiny_labelled_set_the_same_way_twice(
    tmp_path: Path, model_state: None
) -> None:
    notes = []
    for k, (name, sport) in enumerate(
        [("Ann Lee", "golf"), ("Bo Park", "tennis"), ("Cy Ward", "fishing"),
         ("Di Cole", "skiing"), ("Ed Moss", "hiking"), ("Flo Hart", "sailing")]
    ):  # fmt: skip
        notes.append(
            {
                "id": f"t-{k}",
                "today": "2026-11-18",
                "text": f"Met {name}. She plays {sport}. Natural wines up this year.",
                "expect": {"client": name, "interests": [{"tags": [sport]}]},
            }
        )
    path = tmp_path / "capture_notes_tiny.jsonl"
    path.write_text("\n".join(json.dumps(n) for n in notes) + "\n", "utf-8")
    tool = _tool()
    read = tool.read_notes([path])
    labels = [[m.label for m in n.mentions] for n in read]
    assert all(1 in row and 0 in row for row in labels), labels
    bias, weights = tool.train(read, DIMS)
    again = tool.train(read, DIMS)
    assert (bias, weights.tobytes()) == (again[0], again[1].tobytes())
    for note in read:
        for mention in note.mentions:
            assert (linear.score(bias, weights, mention.features) > 0.5) == (mention.label == 1)
    # the replay drops a vetoed mention's tags from its fact, and keeps the others
    scores = [linear.score(bias, weights, m.features) for m in read[0].mentions]
    tags = [t for f in tool.replay(read[0], scores, 0.5)["facts"] for t in f["tags"]]
    assert "golf" in tags and "wine" not in tags


@pytest.mark.parametrize(
    ("table", "want"),
    [
        # the best mean wins
        ({"a": {0: 0.5, 1: 0.6, 2: 0.7}, "b": {0: 0.5, 1: 0.6, 2: 0.5}}, 1),
        # no set may fall more than 0.02, however the mean rises
        ({"a": {0: 0.5, 1: 0.9}, "b": {0: 0.5, 1: 0.47}}, 0),
        ({"a": {0: 0.5, 1: 0.9}, "b": {0: 0.5, 1: 0.481}}, 1),
    ],
)
def test_thresholds_are_chosen_for_the_mean_with_no_set_falling(
    table: dict[str, dict[int, float]], want: int
) -> None:
    assert linear_train.choose(table, 0)[0] == want


def test_the_nested_choice_never_lets_a_set_pick_its_own() -> None:
    # only set a gains from threshold 1; chosen without a, a is scored at the base
    table = {"a": {0: 0.5, 1: 0.9}, "b": {0: 0.5, 1: 0.5}, "c": {0: 0.5, 1: 0.5}}
    assert linear_train.nested(table, 0) == [("a", 0, 0.0), ("b", 1, 0.0), ("c", 1, 0.0)]
