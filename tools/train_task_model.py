"""Train the learned task model (core/understand/tasks/learned.py) and judge it leave-one-set-out.

    python tools/train_task_model.py loso      # the honest figure: train without set S, score S
    python tools/train_task_model.py train     # write resources/task_model.{bin,json}
    python tools/train_task_model.py check     # is the shipped model trained on today's sets?

Labels: each clause the pipeline splits a note into is positive when an expected task of the
note (its keywords, its due) is said in it, negative when none is; an optional task's clause is
left out. Training is a logistic regression by stochastic gradient descent with a fixed seed,
standard library only. Evaluation runs the pipeline once per note with the rules alone, records
each clause's features, the rules' tasks in it and the task it would add, and then replays the
veto and the additions for a grid of thresholds, scoring tasks as the shared scorer does
(tests/tools/score_capture.py).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import sys
from array import array
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rapport.core.understand import linear, linear_train
from rapport.core.understand.linear_train import sgd_logistic

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "core"
RESOURCES = ROOT / "resources"
SEED = 16
EPOCHS = 10
RATE = 0.05
L2 = 1e-5


def training_files(root: Path = ROOT) -> list[Path]:
    """Every labelled set in the repository (the shipped model's header records their hashes)."""
    return sorted((root / "tests" / "core").glob("capture_notes*.jsonl"))


def files_digest(files: list[Path]) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def _scorer():
    path = ROOT / "tests" / "tools" / "score_capture.py"
    spec = importlib.util.spec_from_file_location("score_capture", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Clause:
    features: tuple[int, ...]
    label: int | None  # 1: holds a wanted task, 0: none, None: an optional one (left out)
    rule_tasks: tuple[int, ...]  # indexes into Note.rule_tasks
    added: dict | None  # the task it would add, as JSON
    may_veto: bool


@dataclass
class Note:
    set_name: str
    text: str
    expect: dict
    rule_tasks: list[dict]  # the rules' final tasks, as JSON
    clauses: list[Clause]


def _book(path: Path):
    from rapport.core.understand.clients import KnownClient

    if not path.is_file():
        return []
    rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
    return [KnownClient(k + 1, row["name"], row["company"]) for k, row in enumerate(rows)]


def read_notes(files: list[Path]) -> list[Note]:
    """Each note run once through the pipeline with the rules alone, its clauses recorded."""
    from rapport.core.understand import pipeline
    from rapport.core.understand.tasks import learned
    from rapport.services.capture_json import capture_json

    scorer = _scorer()
    learned.use_model(None)
    seen: list = []
    learned.recorders.append(lambda tasks, weighed: seen.append((list(tasks), weighed)))
    notes: list[Note] = []
    try:
        for path in files:
            known = _book(path.with_name(path.stem + "_book.csv"))
            for line in path.read_text("utf-8").splitlines():
                if not line.strip():
                    continue
                raw = json.loads(line)
                seen.clear()
                understood = pipeline.understand(
                    raw["text"], date.fromisoformat(raw["today"]), known
                )
                out = capture_json(understood)
                notes.append(_note(path.stem.replace("capture_notes_", ""), raw, out, seen, scorer))
    finally:
        learned.recorders.clear()
    return notes


def _norm(s: object) -> str:
    return " ".join(str(s or "").lower().replace("-", " ").split())


def _note(set_name: str, raw: dict, out: dict, seen: list, scorer) -> Note:
    final = out.get("tasks") or []
    tasks, weighed = seen[-1] if seen else ([], [])
    # the rules' tasks as the JSON says them (the pipeline words a few again after the stage)
    by_span = {tuple(t["span"]): k for k, t in enumerate(final)}
    index = {k: by_span.get((t.start, t.end)) for k, t in enumerate(tasks)}
    wanted = raw["expect"].get("tasks", [])
    # which clause says each wanted task: the one whose rule task the scorer matches, else the
    # first clause holding a keyword (and the due date when it names one)
    labels: dict[int, int | None] = {}
    taken: set[int] = set()
    clause_of_task = {}
    for c, w in enumerate(weighed):
        for k in w.rule_tasks:
            if index.get(k) is not None:
                clause_of_task[index[k]] = c
    for want in wanted:
        hit = next(
            (k for k, t in enumerate(final) if k not in taken and scorer.task_ok(t, want)), None
        )
        if hit is not None:
            taken.add(hit)
            c = clause_of_task.get(hit)
        else:
            keys = [_norm(k) for k in want["keywords"]]
            places = [
                c for c, w in enumerate(weighed) if any(k in _norm(w.clause.text) for k in keys)
            ]
            dated = [
                c for c in places
                if weighed[c].added is not None and scorer.due_matches(
                    weighed[c].added.due and weighed[c].added.due.isoformat(), want.get("due"))
            ]  # fmt: skip
            c = (dated or places or [None])[0]
        if c is not None:
            labels[c] = None if want.get("optional") and labels.get(c) != 1 else 1

    clauses = []
    for c, w in enumerate(weighed):
        added = None
        if w.added is not None:
            added = {
                "title": w.added.title,
                "due": w.added.due.isoformat() if w.added.due else None,
            }
        rule = tuple(index[k] for k in w.rule_tasks if index.get(k) is not None)
        clauses.append(Clause(w.features, labels.get(c, 0), rule, added, w.may_veto))
    # a task the JSON has that no clause recorded (added after the stage) is always kept
    return Note(set_name, raw["text"], raw["expect"], final, clauses)


def train(notes: list[Note], dims: int, seed: int = SEED) -> tuple[float, array]:
    """Logistic regression by SGD over the clauses with a label; fixed seed, fixed order."""
    rows = [(c.features, c.label) for n in notes for c in n.clauses if c.label is not None]
    return sgd_logistic(rows, dims, seed, EPOCHS, RATE, L2)


def _score_fn(bias: float, weights: array):
    return lambda features: linear.score(bias, weights, features)


def replay(note: Note, scores: list[float], veto: float, add: float) -> list[dict]:
    vetoed = set()
    added = []
    for clause, p in zip(note.clauses, scores, strict=True):
        if clause.rule_tasks and clause.may_veto and p < veto:
            vetoed.update(clause.rule_tasks)
        elif clause.added is not None and p > add:
            added.append(clause.added)
    return [t for k, t in enumerate(note.rule_tasks) if k not in vetoed] + added


def tasks_f1(notes: list[Note], outs: list[list[dict]], scorer) -> float:
    tp = fp = fn = 0
    for note, got in zip(notes, outs, strict=True):
        a, b, c, _, _ = scorer.match(got, note.expect.get("tasks", []), scorer.task_ok)
        tp, fp, fn = tp + a, fp + b, fn + c
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


VETOES = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
ADDS = (1.01, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4)
# chosen leave-one-set-out (``loso``): the best mean with no set falling more than 0.02.
# Fifth sitting, on the merged rules and 32 sets: 0.4/0.4 had the best mean (tasks F1 0.823
# leave-one-set-out, rules alone 0.812); 0.6/0.4 the same mean but one set falling 0.028.
# Sixth sitting, on its merged rules and 35 sets (fc27, fc32, fc33 joined after their unseen
# score): 0.5/0.6 has the best mean (tasks F1 0.827 leave-one-set-out, rules alone 0.816) and
# its worst set falls 0.014; on the 32 sets before they joined the choice was 0.6/0.4 (0.846,
# -0.017); nested mean +0.009. The pairs differ by less than 0.002 of mean: the sets and the
# rules, not the thresholds, are what moves the model.
VETO, ADD = 0.5, 0.6


def loso(notes: list[Note], dims: int) -> dict:
    """Train without set S, score S, for every fc set; returns the table for every threshold
    pair."""
    scorer = _scorer()
    fc = sorted(
        {n.set_name for n in notes if n.set_name.startswith("fc")}, key=lambda s: int(s[2:])
    )
    table: dict[str, dict[tuple[float, float], float]] = {}
    for s in fc:
        held = [n for n in notes if n.set_name == s]
        texts = {n.text for n in held}
        rest = [n for n in notes if n.set_name != s and n.text not in texts]
        bias, weights = train(rest, dims)
        score = _score_fn(bias, weights)
        scores = [[score(c.features) for c in n.clauses] for n in held]
        row = {}
        for v in VETOES:
            for a in ADDS:
                outs = [replay(n, sc, v, a) for n, sc in zip(held, scores, strict=True)]
                row[(v, a)] = tasks_f1(held, outs, scorer)
        table[s] = row
        print(f"{s}: rules {row[(0.0, 1.01)]:.3f}", file=sys.stderr, flush=True)
    return table


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("mode", choices=("loso", "train", "check"))
    ap.add_argument("--veto", type=float, help="veto threshold to ship (default: LOSO's choice)")
    ap.add_argument("--add", type=float, help="add threshold to ship")
    ap.add_argument(
        "--without", nargs="*", default=[], help="sets left out (an experiment: the check fails)"
    )
    args = ap.parse_args()
    from rapport.core.understand.tasks.learned import DIMS, MODEL_NAME

    files = training_files()
    if args.mode == "check":
        header = json.loads((RESOURCES / f"{MODEL_NAME}.json").read_text("utf-8"))
        ok = header["files"] == files_digest(files)
        print("the shipped model is trained on today's sets" if ok else "retrain: the sets changed")
        return 0 if ok else 1
    notes = read_notes(files)
    print(f"{len(notes)} notes, {sum(len(n.clauses) for n in notes)} clauses", file=sys.stderr)
    if args.mode == "loso":
        table = loso(notes, DIMS)
        linear_train.report(
            table,
            (0.0, 1.01),
            lambda p: f"rules + model (veto < {p[0]}, add > {p[1]})",
            "thresholds",
            lambda p: f"{p[0]}/{p[1]}",
            "veto only / add only (mean over sets)",
            sorted(next(iter(table.values()))),
            lambda p: f"veto<{p[0]:.2f} add>{p[1]:.2f}",
        )
        return 0
    left_out = {n.text for n in notes if n.set_name in args.without}
    bias, weights = train([n for n in notes if n.text not in left_out], DIMS)
    veto = args.veto if args.veto is not None else VETO
    add = args.add if args.add is not None else ADD
    if sys.byteorder != "little":
        weights.byteswap()
    (RESOURCES / f"{MODEL_NAME}.bin").write_bytes(weights.tobytes())
    header = {
        "what": "logistic regression, hashed clause features (core/understand/tasks/learned.py)",
        "trained_by": "tools/train_task_model.py train",
        "dims": DIMS,
        "bias": bias,
        "veto_below": veto,
        "add_above": add,
        "seed": SEED,
        "epochs": EPOCHS,
        "files": files_digest(
            [f for f in files if f.stem.replace("capture_notes_", "") not in args.without]
        ),
    }
    (RESOURCES / f"{MODEL_NAME}.json").write_text(json.dumps(header, indent=1) + "\n", "utf-8")
    print(f"wrote resources/{MODEL_NAME}.bin and .json (veto < {veto}, add > {add})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
