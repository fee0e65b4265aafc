"""What the learned second opinions of capture share (tasks/learned.py, interests_learned.py):
hashed features, a logistic regression's score, the note's form, the shipped weights and their
header. Their training tools share ``linear_train.py`` (the training loop, the choice of
thresholds judged leave-one-set-out), which capture itself never loads.

A model is ``resources/NAME.bin`` (float32 weights, little-endian, one per hashed slot) under
``resources/NAME.json`` (dimensions, bias, thresholds, the training files' sha256), read on a
model's first use.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from array import array
from collections.abc import Mapping, Sequence

from rapport.core.understand.resources import read_resource, read_resource_bytes
from rapport.core.understand.text import LazyRegex

__all__ = ["BULLET", "feature_hash", "note_form", "read_model", "score"]

BULLET = LazyRegex(r"^\s*(?:[-*•·▪>]|\d+[.)]|\[[ xX]?\])\s*")
_HEADER = LazyRegex(r"^(?:from|to|subject|sent|re|fwd):", re.M)
_TURN = LazyRegex(r"^\s*[A-Za-z][\w .]{0,20}:\s")
_HEADING = LazyRegex(r"^\s*[A-Za-z][\w /&]{0,30}:\s*$")


def feature_hash(text: str, dims: int) -> int:
    """The slot of a named feature."""
    return zlib.crc32(text.encode("utf-8")) % dims


def score(bias: float, weights: Sequence[float], features: Sequence[int]) -> float:
    """The logistic regression's probability for hashed features."""
    z = bias + sum(weights[f] for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def note_form(body: str) -> tuple[str, ...]:
    """The note's form, as features: pasted (an e-mail's headers, quoted lines, a thread's
    speaker lines), a list, headings, dictated (long, lower case, little punctuation)."""
    low = body.lower()
    lines = [line for line in body.splitlines() if line.strip()]
    out = []
    if _HEADER.search(low) or "\n> " in body:
        out.append("form:pasted")
    if sum(1 for line in lines if _TURN.match(line)) >= 2:
        out.append("form:turns")
    if sum(1 for line in lines if BULLET.match(line)) >= 2:
        out.append("form:list")
    if any(_HEADING.match(line) for line in lines):
        out.append("form:heading")
    marks = sum(body.count(c) for c in ".!?;\n")
    if len(body) > 120 and marks * 60 < len(body):
        out.append("form:dictated")
    if body == low:
        out.append("form:lower")
    return tuple(out)


def read_model(name: str) -> tuple[Mapping[str, object], array[float]] | None:
    """The shipped header and weights of ``resources/NAME.{json,bin}``; None when it is not
    shipped or its weights do not fit its header."""
    try:
        header = json.loads(read_resource(name + ".json"))
        weights = array("f")
        weights.frombytes(read_resource_bytes(name + ".bin"))
    except FileNotFoundError:
        return None
    if weights.itemsize != 4 or len(weights) != header["dims"]:
        return None
    return header, weights
