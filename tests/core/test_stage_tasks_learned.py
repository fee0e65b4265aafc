"""Stage 8's learned second opinion (core/understand/tasks/learned.py) and its training tool.

The model vetoes a rule's task it scores far below and adds a clause it scores far above; what
capture-json.md says whatever the scores (a request made of the user stays, another party's
promise or need is never added, a structured note's layout is the rules') is checked with
models that always veto or always add.
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

from rapport.core.understand.tasks import learned
from rapport.core.understand.tasks.learned import DIMS, TaskModel
from tests.core.understood import understand

ROOT = Path(__file__).parents[2]
WED = date(2026, 11, 18)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_task_model", ROOT / "tools" / "train_task_model.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_task_model"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def model_state() -> Iterator[None]:
    """The model a test sets is forgotten after it (the next note reads the shipped one)."""
    yield
    learned._state.clear()


def _model(bias: float = 0.0, words: dict[str, float] | None = None) -> TaskModel:
    weights = array("f", bytes(4 * DIMS))
    for word, weight in (words or {}).items():
        weights[learned._hash(f"w:{word}", DIMS)] = weight
    return TaskModel(DIMS, bias, weights, veto_below=0.1, add_above=0.9)


def _titles(text: str) -> list[tuple[str, str | None]]:
    return [(t["title"], t["due"]) for t in understand(text, WED)["tasks"]]


def test_the_shipped_model_is_trained_on_todays_labelled_sets() -> None:
    """Retrain (`python tools/train_task_model.py train`) when a labelled set changes."""
    tool = _tool()
    header = json.loads((ROOT / "resources" / "task_model.json").read_text("utf-8"))
    assert header["files"] == tool.files_digest(tool.training_files())
    assert header["dims"] == DIMS
    shipped = learned._read_shipped()
    assert shipped is not None and len(shipped.weights) == DIMS


def test_training_learns_a_tiny_labelled_set_the_same_way_twice(
    tmp_path: Path, model_state: None
) -> None:
    notes = []
    for k, (name, thing) in enumerate(
        [("Ann Lee", "brochure"), ("Bo Park", "invoice"), ("Cy Ward", "samples"),
         ("Di Cole", "contract"), ("Ed Moss", "quote"), ("Flo Hart", "catalog")]
    ):  # fmt: skip
        notes.append(
            {
                "id": f"t-{k}",
                "today": "2026-11-18",
                "text": f"Met {name}. Her dog is a beagle. I'll mail the {thing} to her Friday.",
                "expect": {"client": name, "tasks": [{"keywords": [thing], "due": "2026-11-20"}]},
            }
        )
    path = tmp_path / "capture_notes_tiny.jsonl"
    path.write_text("\n".join(json.dumps(n) for n in notes) + "\n", "utf-8")
    tool = _tool()
    read = tool.read_notes([path])
    labels = [[c.label for c in n.clauses] for n in read]
    assert all(1 in row and 0 in row for row in labels)
    bias, weights = tool.train(read, DIMS)
    again = tool.train(read, DIMS)
    assert (bias, weights.tobytes()) == (again[0], again[1].tobytes())
    score = tool._score_fn(bias, weights)
    for note in read:
        for clause in note.clauses:
            assert (score(clause.features) > 0.5) == (clause.label == 1)


@pytest.mark.parametrize(
    ("text", "words", "want"),
    [
        # a rule's task in a clause the model scores far below is vetoed
        ("Met Ann Lee. I'll send the zebra report by Friday.", {"zebra": -40.0}, []),
        (
            "Met Ann Lee. I'll send the zebra report by Friday.",
            {},
            [("Send the zebra report", "2026-11-20")],
        ),
        # a clause the rules left, scored far above, is a task, titled and dated by the rules' own
        # composer and deadline reader
        (
            "Met Ann Lee. The flamingo catalog for Ann by Friday.",
            {"flamingo": 40.0},
            [("The flamingo catalog for Ann", "2026-11-20")],
        ),
        ("Met Ann Lee. The flamingo catalog for Ann by Friday.", {}, []),
    ],
)
def test_the_model_vetoes_and_adds_as_its_scores_say(
    text: str, words: dict[str, float], want: list[tuple[str, str]], model_state: None
) -> None:
    learned.use_model(_model(0.0, words))
    assert _titles(text) == want


@pytest.mark.parametrize(
    ("text", "bias", "want"),
    [
        # a request made of the user is the user's, whatever the model says
        (
            "Met Ann Lee. Can you send the specs by Friday?",
            -40.0,
            [("Send the specs", "2026-11-20")],
        ),
        (
            "Met Ann Lee. She asked me to resend the invoice by Friday.",
            -40.0,
            [("Resend the invoice", "2026-11-20")],
        ),
        # a structured note's rows are read by the rules (whose side, which heading)
        (
            "Call with Ann Lee\nNext steps:\n- send the quote by Friday",
            -40.0,
            [("Send the quote", "2026-11-20")],
        ),
        # another party's promise or need is never added
        ("Met Ann Lee. She said she'd send over the drawings tonight.", 40.0, []),
        ("Met Ann Lee. You told me you'd send the floor plan.", 40.0, []),
        ("Met Ann Lee. needs delivery by March.", 40.0, []),
        ("Met Ann Lee. they need to finish the roof by friday.", 40.0, []),
        # someone asked to keep the user informed is asked for news: never added
        ("Met Ann Lee. Let me know if he calls.", 40.0, []),
        ("Met Ann Lee. keep us posted on the permit", 40.0, []),
    ],
)
def test_what_the_model_may_not_change(
    text: str, bias: float, want: list[tuple[str, str]], model_state: None
) -> None:
    learned.use_model(_model(bias))
    assert [t for t in _titles(text) if t[0] != "Met Ann Lee"] == want
