"""How the learned second opinions of capture are trained and judged (tools/train_task_model.py,
tools/train_interest_model.py): logistic regression by stochastic gradient descent with a fixed
seed and a fixed order, standard library only, so the same sets give the same bytes; thresholds
chosen over a table of per-set scores (the best mean with no set falling more than ``FALL``
below the rules alone), and the honest figure, the nested one, where each set is scored with
the thresholds the other sets choose. Capture never loads this module (``linear.py`` scores).
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

__all__ = ["FALL", "choose", "nested", "report", "sgd_logistic"]

K = TypeVar("K", bound=Hashable)
FALL = 0.02  # no set may fall more than this below the rules alone


def sgd_logistic(
    rows: Sequence[tuple[Sequence[int], int]], dims: int, seed: int, epochs: int = 10,
    rate: float = 0.05, l2: float = 1e-5,
) -> tuple[float, array[float]]:  # fmt: skip
    """Logistic regression by SGD over (features, label) rows; fixed seed, fixed order."""
    weights = array("f", bytes(4 * dims))
    bias = 0.0
    rng = random.Random(seed)
    order = list(range(len(rows)))
    step = 0
    for _epoch in range(epochs):
        rng.shuffle(order)
        for i in order:
            features, label = rows[i]
            z = bias + sum(weights[f] for f in features)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - label
            r = rate / (1.0 + 1e-4 * step)
            step += 1
            bias -= r * g
            for f in features:
                weights[f] -= r * (g + l2 * weights[f])
    return bias, weights


def choose(table: Mapping[str, Mapping[K, float]], base: K) -> tuple[K, float]:
    """The thresholds with the best mean over the sets whose every set falls by at most
    ``FALL`` below ``base`` (the rules alone); ``base`` when none is better."""
    best, best_mean = base, sum(r[base] for r in table.values()) / len(table)
    for pair in next(iter(table.values())):
        if all(r[pair] >= r[base] - FALL for r in table.values()):
            mean = sum(r[pair] for r in table.values()) / len(table)
            if mean > best_mean + 1e-9:
                best, best_mean = pair, mean
    return best, best_mean


def nested(table: Mapping[str, Mapping[K, float]], base: K) -> list[tuple[str, K, float]]:
    """Each set scored with the thresholds the other sets choose (no set picks its own):
    (set, thresholds, change against ``base``)."""
    out = []
    for s in table:
        pick = choose({k: v for k, v in table.items() if k != s}, base)[0]
        out.append((s, pick, table[s][pick] - table[s][base]))
    return out


def report(
    table: Mapping[str, Mapping[K, float]],
    base: K,
    column: Callable[[K], str],
    chosen: str,
    shown: Callable[[K], str],
    sweep_title: str,
    sweep: Iterable[K],
    swept: Callable[[K], str],
) -> None:
    """Print the leave-one-set-out table: each set with the rules alone and with the chosen
    thresholds (``column`` heads that column), the mean, the nested figure (``chosen`` says
    what was chosen without the set, ``shown`` writes each set's pick), then each threshold of
    ``sweep`` (``swept`` names it) over all sets."""
    pick, mean = choose(table, base)
    print(f"| set | rules | {column(pick)} | change |")
    print("|---|---|---|---|")
    for s, row in table.items():
        print(f"| {s} | {row[base]:.3f} | {row[pick]:.3f} | {row[pick] - row[base]:+.3f} |")
    m0 = sum(r[base] for r in table.values()) / len(table)
    print(f"| mean | {m0:.3f} | {mean:.3f} | {mean - m0:+.3f} |")
    changes = nested(table, base)
    print(
        f"\nnested ({chosen} chosen without the set): "
        + ", ".join(f"{s} {d:+.3f} ({shown(p)})" for s, p, d in changes)
    )
    print(
        f"nested mean change {sum(d for _, _, d in changes) / len(changes):+.3f}, "
        f"worst {min(d for _, _, d in changes):+.3f}"
    )
    print(f"\n{sweep_title}:")
    for k in sweep:
        m = sum(r[k] for r in table.values()) / len(table)
        worst = min(r[k] - r[base] for r in table.values())
        print(f"  {swept(k)}: mean {m:.3f} worst set {worst:+.3f}")
