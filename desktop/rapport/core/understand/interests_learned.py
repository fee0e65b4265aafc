"""A learned second opinion on the interest rules: "is this mention a pastime of the client's
(or of the client's family) that the note means?"

The rules (``interests.py``, ``resources/pastimes.json``) were tuned on the labelled sets and
read a trade word, someone else's pastime, a past or disliked one, a venue's name or a word in
another sense as an interest. This model is a logistic regression over features of each
mention the rules found (shared with the task model in ``linear.py``): the phrase's words and
the words around it in its clause, the catalogue tag and its parent, who the clause is about
(a pronoun, a family member said before it, the client or another person named), negation,
past, dislike and business cues, a possessive before it, capitals (a name?), the note's form,
how many times the tag is said. A mention it scores below ``veto_below`` is vetoed: it is no
interest (a precision gate; the model never adds one). Trained and judged leave-one-set-out by
``tools/train_interest_model.py``; the weights are ``resources/interest_model.bin`` under
``resources/interest_model.json``, read on the first note, not on import.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapport.core.understand.interests import InterestMatch
from rapport.core.understand.linear import feature_hash, note_form, read_model, score
from rapport.core.understand.text import LazyRegex, Span

__all__ = [
    "InterestModel",
    "Kin",
    "interest_features",
    "load_model",
    "use_model",
    "weigh_interests",
]

MODEL_NAME = "interest_model"
DIMS = 1 << 14

_WORD = LazyRegex(r"[A-Za-z0-9][A-Za-z0-9'’]*")
_PRONOUNS = frozenset(
    ("i", "we", "he", "she", "they", "you", "my", "our", "his", "her", "their", "your", "me")
)
_CUES = (
    (
        "neg",
        LazyRegex(r"\b(?:not|no|never|don'?t|doesn'?t|didn'?t|isn'?t|won'?t|can'?t|nor)\b", re.I),
    ),
    (
        "past",
        LazyRegex(
            r"\b(?:used\s+to|former(?:ly)?|ex-|gave\s+up|quit|stopped|retired|back\s+in|was|were|"
            r"had|once|years\s+ago|anymore|no\s+longer)\b",
            re.I,
        ),
    ),
    (
        "dislike",
        LazyRegex(
            r"\b(?:hates?|dislikes?|can'?t\s+stand|not\s+(?:a\s+)?(?:fan|into)|allergic)\b", re.I
        ),
    ),
    (
        "like",
        LazyRegex(
            r"\b(?:loves?|likes?|enjoys?|into|fan|big|avid|passion|obsessed|hobby|crazy\s+about)\b",
            re.I,
        ),
    ),
    (
        "future",
        LazyRegex(
            r"\b(?:wants?\s+to|plans?|planning|thinking\s+about|hopes?|learn(?:ing)?|trying)\b",
            re.I,
        ),
    ),
    (
        "business",
        LazyRegex(
            r"\b(?:shop|store|company|co|inc|llc|ltd|studio|supply|supplies|dealer|sells?|selling|"
            r"sold|order(?:ed|s)?|product|line|brand|inventory|stock|client|customer|account|"
            r"contract|invoice|quote|pricing|vendor|rep|business|firm|office|clinic|practice)\b",
            re.I,
        ),
    ),
    (
        "kin_word",
        LazyRegex(
            r"\b(?:son|daughter|kids?|child(?:ren)?|boy|girl|wife|husband|hubby|spouse|partner|"
            r"grand\w+|mom|dad|mother|father|brother|sister|nephew|niece|twins?)\b",
            re.I,
        ),
    ),
    (
        "work_word",
        LazyRegex(
            r"\b(?:colleague|coworker|co-worker|boss|assistant|manager|team|cfo|ceo|partner|"
            r"associate|vp|director)\b",
            re.I,
        ),
    ),
    (
        "event",
        LazyRegex(
            r"\b(?:game|meet|match|tournament|recital|show|race|season|league|trip|tickets?)\b",
            re.I,
        ),
    ),
    ("question", LazyRegex(r"\?")),
)


@dataclass(frozen=True, slots=True)
class Kin:
    """A family member the note names, where: the features ask whether a clause is theirs."""

    relation: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class InterestModel:
    """Hashed weights: ``weights[h % dims]`` for each feature hash ``h``."""

    dims: int
    bias: float
    weights: Sequence[float]  # float32
    veto_below: float  # a mention scored below this is no interest

    def score(self, features: Sequence[int]) -> float:
        return score(self.bias, self.weights, features)


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3+"


def interest_features(
    body: str, match: InterestMatch, clause: Span, form: Sequence[str], kin: Sequence[Kin],
    client_first: str | None, others: Collection[str], count: int, dims: int,
) -> list[int]:  # fmt: skip
    """The hashed features of one mention the rules found."""
    before = body[clause.start : match.start]
    after = body[match.end : clause.end]
    left = _WORD.findall(before)
    right = _WORD.findall(after)
    low_left = [w.lower() for w in left]
    low_right = [w.lower() for w in right]
    phrase = [w.lower() for w in _WORD.findall(match.text)]
    names: list[str] = [f"t:{match.tag}", f"c:{match.category}"]
    names.append(f"p:{match.tags[1] if len(match.tags) > 1 else '-'}")
    names += [f"w:{w}" for w in phrase]
    names.append("phrase:" + "_".join(phrase))
    names += [f"l:{w}" for w in low_left[-4:]]
    names += [f"r:{w}" for w in low_right[:3]]
    names.append(f"l1:{low_left[-1] if low_left else '^'}")
    names.append(f"r1:{low_right[0] if low_right else '$'}")
    names += [f"lb:{a}_{b}" for a, b in pairwise(low_left[-3:])]
    if low_left and low_left[-1] in _PRONOUNS:
        names.append("poss:" + low_left[-1])
    if left and (left[-1].endswith("'s") or left[-1].endswith("’s")):
        names.append("poss:name")
    subject = next((w for w in reversed(low_left) if w in _PRONOUNS), None)
    names.append(f"subj:{subject}")
    first = low_left[0] if low_left else phrase[0] if phrase else ""
    names.append(f"first:{first}")
    # whose clause: a family member said before the mention, the client, another person named
    kin_before = [k for k in kin if clause.start <= k.start < match.start]
    if kin_before:
        names += ["kin:before", f"kin:{kin_before[-1].relation}"]
    elif any(clause.start <= k.start < clause.end for k in kin):
        names.append("kin:after")
    said = [w.lower().removesuffix("'s").removesuffix("’s") for w in left]
    if client_first and client_first.lower() in said:
        names.append("client:before")
    elif any(w in others for w in said):
        names.append("name:before")
    elif any(w[:1].isupper() and w.lower() not in _PRONOUNS for w in left[1:]):
        names.append("cap:before")
    # capitals: a name, a venue, a business
    if match.text[:1].isupper() and match.start != clause.start:
        names.append("cap")
    if right and right[0][:1].isupper():
        names.append("cap:next")
    if left and left[-1][:1].isupper() and len(left) > 1:
        names.append("cap:prev")
    for cue, pattern in _CUES:
        if pattern.search(before):
            names.append(f"cue:{cue}")
        elif pattern.search(after):
            names.append(f"cue_after:{cue}")
    names.append(f"n:{_bucket(count)}")
    n = len(left) + len(right)
    names.append("len:" + ("short" if n <= 4 else "mid" if n <= 12 else "long"))
    names += list(form)
    if match.trade:
        names.append("trade")
    return [feature_hash(name, dims) for name in names]


@dataclass(frozen=True, slots=True)
class Weighed:
    """One mention as the model saw it (for the training tool)."""

    match: InterestMatch
    clause: Span
    features: tuple[int, ...]
    may_veto: bool


def weigh(
    interests: Sequence[InterestMatch], body: str, spans: Sequence[Span], kin: Sequence[Kin],
    client_first: str | None, others: Collection[str], dims: int,
) -> list[Weighed]:  # fmt: skip
    form = note_form(body)
    starts = [s.start for s in spans]
    counts: dict[str, int] = {}
    for m in interests:
        counts[m.tag] = counts.get(m.tag, 0) + 1
    out = []
    for m in interests:
        k = bisect_right(starts, m.start) - 1
        clause = spans[k] if k >= 0 and m.start < spans[k].end else Span(m.start, m.end, m.text)
        features = interest_features(
            body, m, clause, form, kin, client_first, others, counts[m.tag], dims
        )
        out.append(Weighed(m, clause, tuple(features), _may_veto(m, clause, kin)))
    return out


# What the rules decide whatever the model scores. Family: a pastime of the client's family
# ("her son plays hockey", "coaches his daughter's team") is the family's interest, which the
# card keeps. Family: a liking said outright ("loves", "big into", "huge ... fan") is the client's,
# and so is a pastime held as a membership ("a member of the yacht club", "belongs to", "joined").
# Family: a dietary need (vegan, an allergy) makes the fact a dietary one, which the card shows
# whatever its tag.
_KIN_WORD = dict(_CUES)["kin_word"]
_LIKING = LazyRegex(
    r"\b(?:loves?|likes?|enjoys?|into|fan|big|huge|avid|passion(?:ate)?|obsessed|hobby|"
    r"crazy\s+about|guy|nut|buff|member|membership|belongs?\s+to|joined)\b",
    re.I,
)


def _may_veto(match: InterestMatch, clause: Span, kin: Sequence[Kin]) -> bool:
    if match.category == "dietary" or any(clause.start <= k.start < clause.end for k in kin):
        return False
    return _KIN_WORD.search(clause.text) is None and _LIKING.search(clause.text) is None


_state: dict[str, InterestModel | None] = {}
# the training tool's listeners: each note's weighed mentions
recorders: list[Callable[[list[Weighed]], None]] = []


def use_model(model: InterestModel | None) -> None:
    """The model ``weigh_interests`` uses from now on (None: the rules alone); for the training
    tool, which judges a model trained without the set it scores."""
    _state["model"] = model


def load_model() -> InterestModel | None:
    """The shipped model, read once; None when it is not shipped."""
    if "model" not in _state:
        _state["model"] = _read_shipped()
    return _state["model"]


def _read_shipped() -> InterestModel | None:
    shipped = read_model(MODEL_NAME)
    if shipped is None:
        return None
    header, weights = shipped
    return InterestModel(
        int(header["dims"]),  # type: ignore[call-overload]
        float(header["bias"]),  # type: ignore[arg-type]
        weights,
        float(header["veto_below"]),  # type: ignore[arg-type]
    )


def weigh_interests(
    interests: list[InterestMatch], body: str, spans: Sequence[Span], kin: Sequence[Kin],
    client_first: str | None, others: Collection[str],
) -> list[InterestMatch]:  # fmt: skip
    """The rules' interests less those the model vetoes (all of them when none is shipped)."""
    model = load_model()
    if recorders:
        seen = weigh(interests, body, spans, kin, client_first, others, DIMS)
        for record in recorders:
            record(seen)
    if model is None or not interests:
        return interests
    weighed = weigh(interests, body, spans, kin, client_first, others, model.dims)
    return [
        w.match for w in weighed if not w.may_veto or model.score(w.features) >= model.veto_below
    ]
