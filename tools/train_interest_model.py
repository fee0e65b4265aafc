"""Train the learned interest model (core/understand/interests_learned.py) and judge it
leave-one-set-out.

    python tools/train_interest_model.py loso      # the honest figure: train without set S, score S
    python tools/train_interest_model.py train     # write resources/interest_model.{bin,json}
    python tools/train_interest_model.py check     # is the shipped model trained on today's sets?

Labels: each mention the rules find is positive when one of its tags is an interest the note's
label expects (or accepts as optional), negative when none is. Only the mentions whose tags reach
the capture JSON are weighed (the others change nothing). The training loop, the hashing and
the choice of thresholds are the task model's (core/understand/linear.py, linear_train.py); the
labelled sets, their hashes and the scorer are read as tools/train_task_model.py reads them.
Evaluation runs the pipeline once per note with the rules alone and replays the veto for a grid
of thresholds: a fact keeps the tags of the mentions in it that are not vetoed; interests are
scored as the shared scorer scores them (tests/tools/score_capture.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from array import array
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType

from rapport.core.understand import linear, linear_train

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
SEED = 16
EPOCHS = 10
RATE = 0.02  # LOSO: 0.05 (the task model's) let fc10 fall 0.027 under nested thresholds
L2 = 1e-5
VETOES = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95)
BASE = 0.0  # no veto: the rules alone


def _task_tool() -> ModuleType:
    """tools/train_task_model.py: the labelled sets, their hashes, the books, the scorer."""
    name = "train_task_model"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(name + ".py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@dataclass
class Mention:
    features: tuple[int, ...]
    tags: tuple[str, ...]
    label: int
    said: str  # the clause, the mention in [brackets] (for --show)
    may_veto: bool


@dataclass
class Fact:
    tags: list[str]
    mentions: list[int]  # indexes into Note.mentions whose tags this fact holds


@dataclass
class Note:
    set_name: str
    text: str
    expect: dict
    mentions: list[Mention]
    facts: list[Fact]


def _label(tags: tuple[str, ...], wanted: list[dict], scorer) -> int:
    return int(any(scorer.tag_matches(t, w["tags"]) for t in tags for w in wanted))


def read_notes(files: list[Path]) -> list[Note]:
    """Each note run once through the pipeline with the rules alone, its mentions recorded."""
    from rapport.core.understand import interests_learned, pipeline
    from rapport.services.capture_json import capture_json

    tool = _task_tool()
    scorer = tool._scorer()
    interests_learned.use_model(None)
    seen: list = []
    interests_learned.recorders.append(seen.append)
    notes: list[Note] = []
    try:
        for path in files:
            known = tool._book(path.with_name(path.stem + "_book.csv"))
            for line in path.read_text("utf-8").splitlines():
                if not line.strip():
                    continue
                raw = json.loads(line)
                seen.clear()
                understood = pipeline.understand(
                    raw["text"], date.fromisoformat(raw["today"]), known
                )
                out = capture_json(understood)
                weighed = seen[-1] if seen else []
                notes.append(
                    _note(path.stem.replace("capture_notes_", ""), raw, out, weighed, scorer)
                )
    finally:
        interests_learned.recorders.clear()
        interests_learned._state.clear()
    return notes


def _note(set_name: str, raw: dict, out: dict, weighed: list, scorer) -> Note:
    wanted = raw["expect"].get("interests", [])
    mentions: list[Mention] = []
    facts: list[Fact] = []
    index: dict[int, int] = {}
    for fact in out.get("facts") or []:
        tags = list(fact.get("tags") or [])
        if not tags:
            continue
        start, end = fact["span"]
        inside = []
        for k, w in enumerate(weighed):
            m = w.match
            if start <= m.start < end and m.tag in tags:
                if k not in index:
                    index[k] = len(mentions)
                    said = w.clause.text.replace(m.text, f"[{m.text}]", 1)
                    label = _label(m.tags, wanted, scorer)
                    mentions.append(Mention(w.features, m.tags, label, said, w.may_veto))
                inside.append(index[k])
        facts.append(Fact(tags, inside))
    return Note(set_name, raw["text"], raw["expect"], mentions, facts)


def train(notes: list[Note], dims: int, seed: int = SEED) -> tuple[float, array]:
    rows = [(m.features, m.label) for n in notes for m in n.mentions]
    return linear_train.sgd_logistic(rows, dims, seed, EPOCHS, RATE, L2)


def replay(note: Note, scores: list[float], veto: float) -> dict:
    """The capture JSON's facts as the scorer reads them, with the mentions below ``veto`` gone
    (a tag no mention left in the fact holds is dropped)."""
    facts = []
    for fact in note.facts:
        kept = [k for k in fact.mentions if not note.mentions[k].may_veto or scores[k] >= veto]
        if not fact.mentions:  # a tag no recorded mention holds: kept as it was
            facts.append({"tags": fact.tags})
            continue
        facts.append(
            {"tags": [t for t in fact.tags if any(t in note.mentions[k].tags for k in kept)]}
        )
    return {"facts": facts}


def interests_f1(notes: list[Note], outs: list[dict], scorer) -> float:
    tp = fp = fn = 0
    for note, got in zip(notes, outs, strict=True):
        a, b, c, _, _ = scorer.score_note(got, note.expect)["interests"]
        tp, fp, fn = tp + a, fp + b, fn + c
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def loso(notes: list[Note], dims: int) -> dict[str, dict[float, float]]:
    """Train without set S, score S, for every fc set: its interests F1 per veto threshold."""
    scorer = _task_tool()._scorer()
    fc = sorted(
        {n.set_name for n in notes if n.set_name.startswith("fc")}, key=lambda s: int(s[2:])
    )
    table: dict[str, dict[float, float]] = {}
    for s in fc:
        held = [n for n in notes if n.set_name == s]
        texts = {n.text for n in held}
        bias, weights = train([n for n in notes if n.set_name != s and n.text not in texts], dims)
        scores = [[linear.score(bias, weights, m.features) for m in n.mentions] for n in held]
        table[s] = {
            v: interests_f1(
                held, [replay(n, sc, v) for n, sc in zip(held, scores, strict=True)], scorer
            )
            for v in VETOES
        }
        print(f"{s}: rules {table[s][BASE]:.3f}", file=sys.stderr, flush=True)
    return table


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("mode", choices=("loso", "train", "check"))
    ap.add_argument("--veto", type=float, help="veto threshold to ship (default: LOSO's choice)")
    args = ap.parse_args()
    from rapport.core.understand.interests_learned import DIMS, MODEL_NAME

    tool = _task_tool()
    files = tool.training_files()
    if args.mode == "check":
        header = json.loads((RESOURCES / f"{MODEL_NAME}.json").read_text("utf-8"))
        ok = header["files"] == tool.files_digest(files)
        print("the shipped model is trained on today's sets" if ok else "retrain: the sets changed")
        return 0 if ok else 1
    notes = read_notes(files)
    print(
        f"{len(notes)} notes, {sum(len(n.mentions) for n in notes)} mentions "
        f"({sum(m.label for n in notes for m in n.mentions)} wanted)",
        file=sys.stderr,
    )
    if args.mode == "loso":
        table = loso(notes, DIMS)
        linear_train.report(
            table,
            BASE,
            lambda v: f"rules + veto (< {v})",
            "threshold",
            lambda v: f"<{v}",
            "per threshold (mean over sets, worst set)",
            VETOES,
            lambda v: f"veto<{v:.2f}",
        )
        return 0
    bias, weights = train(notes, DIMS)
    if args.veto is None:
        table = loso(notes, DIMS)
        veto = linear_train.choose(table, BASE)[0]
    else:
        veto = args.veto
    if sys.byteorder != "little":
        weights.byteswap()
    (RESOURCES / f"{MODEL_NAME}.bin").write_bytes(weights.tobytes())
    header = {
        "what": "logistic regression, hashed mention features (interests_learned.py)",
        "trained_by": "tools/train_interest_model.py train",
        "dims": DIMS,
        "bias": bias,
        "veto_below": veto,
        "seed": SEED,
        "epochs": EPOCHS,
        "files": tool.files_digest(files),
    }
    (RESOURCES / f"{MODEL_NAME}.json").write_text(json.dumps(header, indent=1) + "\n", "utf-8")
    print(f"wrote resources/{MODEL_NAME}.bin and .json (veto < {veto})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
