"""Learn the client ranker's weights (core/understand/client_rank.py) from the labelled sets.

    .venv/bin/python tests/tools/train_client_ranker.py            # LOSO table, then write
    .venv/bin/python tests/tools/train_client_ranker.py --loso     # the table only

Every labelled set in tests/core (capture_notes*.jsonl, against its _book.csv when it has
one) is understood once with the rules' pick kept; each candidate name of a note is recorded
with its features and whether the client it gives is the labelled one. The weights are a
conditional logit (softmax over a note's candidates), fitted by stochastic gradient with a
fixed seed and an L2 penalty, standard library only. The table is leave-one-set-out: for each
fcNN set, weights fitted without it score it, next to the rules alone. The weights written to
resources/client_ranker.json are fitted on every set, with the sha256 of each training file
(tests/core/test_client_rank.py fails when a file changed since).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import pickle
import random
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "desktop"))

from rapport.core.understand import client_rank, pipeline  # noqa: E402
from rapport.core.understand.clients import KnownClient  # noqa: E402

SETS = ROOT / "tests" / "core"
MODEL = ROOT / "resources" / client_rank.MODEL_FILE
SEED = 16
EPOCHS = 40
RATE = 0.05
L2 = 0.002


@dataclass
class Note:
    set: str
    want: str
    rules: str | None  # the client the rules give
    rows: list[tuple[tuple[float, ...], bool]]  # a candidate's features, right or not
    reranked: bool  # whether the ranker is asked (the rules chose and there is another)


def norm(s: object) -> str:
    return " ".join(str(s or "").lower().replace("-", " ").split())


def training_files() -> list[Path]:
    return sorted(SETS.glob("capture_notes*.jsonl"))


def set_name(path: Path) -> str:
    return path.stem.removeprefix("capture_notes").lstrip("_") or "main"


def book(path: Path) -> list[KnownClient]:
    csv_path = path.with_name(path.stem + "_book.csv")
    if not csv_path.exists():
        return []
    with csv_path.open(encoding="utf-8") as fh:
        return [
            KnownClient(i + 1, row["name"], row.get("company") or "")
            for i, row in enumerate(csv.DictReader(fh))
        ]


def collect() -> list[Note]:
    notes: list[Note] = []
    seen: dict[str, object] = {}

    def record(body, names, chosen, known=()):  # type: ignore[no-untyped-def]
        pool = client_rank.candidates(body, names, chosen, known) if chosen else []
        finals = []
        for cand in pool:
            found = pipeline._client(cand.mention, body, list(names), known)
            finals.append(found.name if found else None)
        seen["pool"] = pool
        seen["finals"] = finals
        return chosen

    client_rank.rerank_client = record  # the rules' pick, with every candidate recorded
    for path in training_files():
        known = book(path)
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            want = item["expect"].get("client")
            if not want:
                continue
            seen.clear()
            understood = pipeline.understand(item["text"], date.fromisoformat(item["today"]), known)
            rules = understood.client.name if understood.client else None
            pool = seen.get("pool") or []
            finals = seen.get("finals") or []
            rows = [
                (c.features, norm(f) == norm(want))
                for c, f in zip(pool, finals, strict=True)  # type: ignore[call-overload]
            ]
            notes.append(Note(set_name(path), want, rules, rows, len(rows) >= 2))
    return notes


def fit(notes: list[Note]) -> list[float]:
    size = len(client_rank.FEATURES)
    w = [0.0] * size
    # a note teaches only when one candidate is right and another wrong
    usable = [
        n
        for n in notes
        if n.reranked and any(ok for _, ok in n.rows) and not all(ok for _, ok in n.rows)
    ]
    rng = random.Random(SEED)
    for epoch in range(EPOCHS):
        rng.shuffle(usable)
        rate = RATE / (1 + epoch * 0.1)
        for note in usable:
            scores = [sum(x * y for x, y in zip(f, w, strict=True)) for f, _ in note.rows]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            right = sum(e for e, (_, ok) in zip(exps, note.rows, strict=True) if ok)
            # d log P(right) / d w = E[f | right] - E[f]: each candidate's share of both
            shares = [
                (e / right if ok else 0.0) - e / total
                for e, (_, ok) in zip(exps, note.rows, strict=True)
            ]
            grad = [-L2 * x for x in w]
            for share, (f, _) in zip(shares, note.rows, strict=True):
                if share:
                    for k, x in enumerate(f):
                        grad[k] += share * x
            for k in range(size):
                w[k] += rate * grad[k]
    return w


def pick_ok(note: Note, w: list[float] | None) -> tuple[bool, bool]:
    """(right, gave a client) for the ranker with ``w``, or the rules alone with None."""
    if w is None or not note.reranked:
        return norm(note.rules) == norm(note.want), note.rules is not None
    scored = [(sum(x * y for x, y in zip(f, w, strict=True)), f[0], ok) for f, ok in note.rows]
    best = max(scored, key=lambda t: (t[0], t[1]))
    return best[2], True


def f1(notes: list[Note], w: list[float] | None) -> float:
    tp = fp = fn = 0
    for note in notes:
        ok, gave = pick_ok(note, w)
        tp += ok
        fn += not ok
        fp += (not ok) and gave
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def loso(notes: list[Note]) -> tuple[float, float, float]:
    fc = sorted({n.set for n in notes if re.fullmatch(r"fc\d+", n.set)}, key=lambda s: int(s[2:]))
    rules_all = ranked_all = 0.0
    worst = 0.0
    print("| set | rules | ranker (trained without it) | change |")
    print("|---|---|---|---|")
    for name in fc:
        held = [n for n in notes if n.set == name]
        w = fit([n for n in notes if n.set != name])
        before, after = f1(held, None), f1(held, w)
        rules_all += before
        ranked_all += after
        worst = min(worst, after - before)
        print(f"| {name} | {before:.3f} | {after:.3f} | {after - before:+.3f} |")
    rules_mean, ranked_mean = rules_all / len(fc), ranked_all / len(fc)
    print(f"| mean | {rules_mean:.4f} | {ranked_mean:.4f} | {ranked_mean - rules_mean:+.4f} |")
    print(f"largest fall on one set: {worst:+.3f}")
    return rules_mean, ranked_mean, worst


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loso", action="store_true", help="print the table, write nothing")
    parser.add_argument("--cache", type=Path, help="keep the recorded candidates in this file")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        notes = pickle.loads(args.cache.read_bytes())
    else:
        notes = collect()
        if args.cache:
            args.cache.write_bytes(pickle.dumps(notes))
    reachable = sum(any(ok for _, ok in n.rows) for n in notes if n.reranked)
    asked = sum(n.reranked for n in notes)
    print(f"{len(notes)} notes, {asked} with two candidates or more, {reachable} of them reachable")
    rules_mean, ranked_mean, worst = loso(notes)
    if args.loso:
        return 0
    w = fit(notes)
    model = {
        "about": "client ranker weights; made by tests/tools/train_client_ranker.py",
        "seed": SEED,
        "epochs": EPOCHS,
        "loso": {
            "rules": round(rules_mean, 4),
            "ranker": round(ranked_mean, 4),
            "largest_fall": round(worst, 4),
        },
        "weights": {name: round(x, 4) for name, x in zip(client_rank.FEATURES, w, strict=True)},
        "trained_on": {
            str(p.relative_to(ROOT)): digest(p)
            for path in training_files()
            for p in [path, path.with_name(path.stem + "_book.csv")]
            if p.exists()
        },
    }
    MODEL.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
