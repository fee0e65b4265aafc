"""A learned second opinion on the task rules: "does this clause hold a task of the user's?"

The rules (``find``) were written while reading the labelled sets and fit their writers; this
model is a logistic regression over features that carry across writers (hashed words and word
pairs, the first words' shape, the subject and modal said, an imperative start, a date or a
deadline word, who is named, the note's form, the clause's place, whether a rule fired). It is
trained by ``tools/train_task_model.py`` on the labelled sets and judged leave-one-set-out by
the same tool; the weights are ``resources/task_model.bin`` (float32, little-endian) under the
header ``resources/task_model.json`` (dimensions, bias, thresholds, the training files' sha256).

``weigh_tasks`` uses it with the rules, never instead: a rule's task whose clause the model
scores far below is vetoed (a precision gate), and a clause it scores far above that the rules
left is added, worded by ``titles.task_title`` and dated by ``deadlines``. The file is read on
the first note, not on import.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapport.core.understand.linear import BULLET, feature_hash, note_form, read_model, score
from rapport.core.understand.tasks.deadlines import dates_in, due_of
from rapport.core.understand.tasks.model import TaskContext, TaskFound
from rapport.core.understand.tasks.titles import task_title
from rapport.core.understand.tasks.words import KEEP_ME_TOLD, base_verb, runon_pieces
from rapport.core.understand.text import LazyRegex, Span

__all__ = [
    "TaskModel",
    "clause_features",
    "clauses_of",
    "load_model",
    "use_model",
    "weigh_tasks",
]

MODEL_NAME = "task_model"
DIMS = 1 << 14  # hashed feature slots

_WORD = LazyRegex(r"[a-z0-9][a-z0-9'’]*")
_CAP = LazyRegex(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_BULLET = BULLET
_CUES = (
    (
        "i_will",
        LazyRegex(
            r"\b(?:i'?ll|i\s+will|i\s+shall|i'm\s+going\s+to|im\s+gonna|i\s+am\s+going\s+to|will\s+do)\b",
            re.I,
        ),
    ),
    ("we_will", LazyRegex(r"\b(?:we'?ll|we\s+will|we\s+are\s+going\s+to|let\s+me|let's)\b", re.I)),
    ("need_to", LazyRegex(r"\b(?:i|we)\s+(?:need|have|got|gotta|must|should|ought)\b", re.I)),
    (
        "need_bare",
        LazyRegex(r"\b(?:need\s+to|have\s+to|must|should|gotta|todo|to-do|to\s+do)\b", re.I),
    ),
    ("you_ask", LazyRegex(r"\b(?:can|could|would|will)\s+(?:you|u)\b", re.I)),
    ("please", LazyRegex(r"\b(?:please|pls|plz|kindly)\b", re.I)),
    ("asked_me", LazyRegex(r"\b(?:asked|wants|wanted|needs|expects|told)\s+(?:me|us)\b", re.I)),
    ("wants", LazyRegex(r"\b(?:wants|would\s+like|asked\s+for|requested|needs)\b", re.I)),
    (
        "third_will",
        LazyRegex(
            r"\b(?:he|she|they|he's|she's|they're)\s*(?:'ll|will|is\s+going|are\s+going|wants\s+to|plans?)\b|\b(?:he|she|they)'ll\b",
            re.I,
        ),
    ),
    ("negation", LazyRegex(r"\b(?:not|no|don't|dont|won't|never|no\s+need|isn't|doesn't)\b", re.I)),
    (
        "past",
        LazyRegex(r"\b(?:already|sent|did|done|finished|gave|called|emailed|was|were|had)\b", re.I),
    ),
    (
        "deadline",
        LazyRegex(
            r"\b(?:by|before|due|asap|eod|eow|cob|tomorrow|tmrw|tonight|today|next|until|deadline)\b",
            re.I,
        ),
    ),
    (
        "followup",
        LazyRegex(
            r"\b(?:follow\s*up|f/u|fu|circle\s+back|reach\s+out|touch\s+base|check\s+in)\b", re.I
        ),
    ),
    ("remind", LazyRegex(r"\b(?:remind|reminder|don't\s+forget|remember\s+to)\b", re.I)),
    ("thanks", LazyRegex(r"\b(?:thanks|thank\s+you|thx|cheers|best|regards)\b", re.I)),
    ("question", LazyRegex(r"\?\s*$")),
    ("colon", LazyRegex(r":")),
    ("arrow", LazyRegex(r"->|→|=>")),
    ("owner_dash", LazyRegex(r"\s[-–—]\s*[A-Z][a-z]+\s*$|\(\s*[A-Z][a-z]+\s*\)\s*$")),
    ("me_tag", LazyRegex(r"\b(?:me|ME|Me)\s*:|\[me\]|@me\b")),
    ("name_to", LazyRegex(r"^\W*[A-Z][a-z]+\s+(?:to|will|'ll|is\s+going)\b")),
)
_SUBJECTS = frozenset(
    ("i", "we", "he", "she", "they", "you", "u", "it", "his", "her", "their", "my", "our")
)


@dataclass(frozen=True, slots=True)
class TaskModel:
    """Hashed weights: ``weights[h % dims]`` for each feature hash ``h``."""

    dims: int
    bias: float
    weights: array[float]  # float32
    veto_below: float  # a rule's task in a clause scored below this is vetoed
    add_above: float  # a clause no rule took, scored above this, is a task

    def score(self, features: Sequence[int]) -> float:
        return score(self.bias, self.weights, features)


_hash = feature_hash


def clause_features(
    body: str, clause: Span, index: int, count: int, form: Sequence[str], dated: bool,
    rule_kind: str | None, dims: int,
) -> list[int]:  # fmt: skip
    """The hashed features of one clause of a note."""
    text = clause.text
    stripped = _BULLET.sub("", text)
    words = _WORD.findall(stripped.lower())
    names: list[str] = []
    names += [f"w:{w}" for w in words]
    names += [f"b:{a}_{b}" for a, b in pairwise(words)]
    first = words[0] if words else ""
    second = words[1] if len(words) > 1 else ""
    names += [f"f1:{first}", f"f2:{first}_{second}"]
    raw_first = stripped.split()[0] if stripped.split() else ""
    shape = (
        "empty" if not raw_first
        else "digit" if raw_first[0].isdigit()
        else "cap" if raw_first[0].isupper()
        else "low"
    )  # fmt: skip
    names.append(f"shape:{shape}")
    verb = base_verb(raw_first) if raw_first else None
    if verb is not None:
        names += ["imperative", f"verb:{verb}"]
    elif first in _SUBJECTS:
        names.append(f"subject:{first}")
        if second:
            names.append(f"subj2:{first}_{second}")
    if text != stripped:
        names.append("bullet")
    for name, pattern in _CUES:
        if pattern.search(text):
            names.append(f"cue:{name}")
    if dated:
        names.append("dated")
    if _CAP.search(stripped):
        names.append("named")
    n = len(words)
    names.append(
        "len:"
        + (
            "1"
            if n <= 1
            else "2-3"
            if n <= 3
            else "4-8"
            if n <= 8
            else "9-16"
            if n <= 16
            else "17+"
        )
    )
    names.append("pos:first" if index == 0 else "pos:last" if index == count - 1 else "pos:mid")
    names += list(form)
    # whether a rule took the clause, and in which form of note (the rules are surer in some)
    names += [f"{f}&rule:{rule_kind is not None}" for f in form]
    names.append(f"rule:{rule_kind}")
    if rule_kind is not None:
        names.append("rule:any")
    return [_hash(name, dims) for name in names]


# What capture-json.md says whatever the model scores. Family: a request made of the user
# ("can you ...", "pls ...", "asked me to ...") is the user's task, never vetoed. Family: another
# party's promise or need ("she said she'd ...", "they need to ...") is not the user's, never
# added; nor a clause beside one the rules took (they already read that passage: a request and
# the promise answering it, a to-do and its deadline said after it, are one task).
_REQUEST = LazyRegex(
    r"\b(?:(?:can|could|would|will)\s+(?:you|u)|please|pls|plz|kindly|any\s+chance|"
    r"(?:asked|asking|wants|wanted|needs|expects)\s+(?:me|us)\b|told\s+(?:me|us)\s+to\b)",
    re.I,
)
_OTHERS = LazyRegex(
    r"\b(?:he|she|they|he's|she's|they're|it)\s*(?:'ll|'d|will|would|is\s+going|are\s+going|"
    r"need|needs|has\s+to|have\s+to|must|should|said|says|plans?|promised)\b|"
    r"\b(?:he|she|they)'(?:ll|d)\b|\byou\s*(?:'ll|'d|will|would)\b|"
    r"^\W*(?:[\w.'’]+\s+){0,3}?(?:needs|wants)\s+(?!(?:me|us)\b)",
    re.I,
)
# A structured note (headings, list rows, "Label: value" fields, table rows): the rules read its
# layout (whose side a row is on, a heading above it), which the model does not see; it neither
# vetoes nor adds there.
_ROW = LazyRegex(r"^\s*(?:[-*•·▪>|]|\d+[.)]|\[[ xX]?\]|☐|[A-Za-z][\w .'/&-]{0,30}:)")


def _structured(line: str, form: Sequence[str]) -> bool:
    return "form:heading" in form or "form:list" in form or _ROW.match(line) is not None


def _may_veto(text: str, line: str, form: Sequence[str]) -> bool:
    return _REQUEST.search(text) is None and not _structured(line, form)


def _line_of(body: str, pos: int) -> str:
    start = body.rfind("\n", 0, pos) + 1
    end = body.find("\n", pos)
    return body[start : end if end >= 0 else len(body)]


def _may_add(text: str) -> bool:
    if KEEP_ME_TOLD.search(text) is not None:
        return False  # someone asked to keep the user informed: never added
    return _OTHERS.search(text) is None or _REQUEST.search(text) is not None


def clauses_of(spans: Sequence[Span]) -> list[Span]:
    """The clauses the model weighs: the note's sentences, run-on dictation cut as the rules
    cut it."""
    return [piece for sentence in spans for piece in runon_pieces(sentence)]


@dataclass(frozen=True, slots=True)
class Weighed:
    """One clause as the model saw it (for the evaluation tool): its features, the rule tasks
    in it, and the task it would add."""

    clause: Span
    features: tuple[int, ...]
    rule_tasks: tuple[int, ...]  # indexes into the rules' tasks
    added: TaskFound | None  # None also where the model may not add (``_may_add``)
    may_veto: bool


def weigh(
    tasks: list[TaskFound],
    spans: Sequence[Span],
    ctx: TaskContext,
    dims: int,
    worth: Callable[[Sequence[int]], bool] = lambda features: True,
) -> list[Weighed]:
    """Each clause's features, the rules' tasks in it, and the task it would add (worded only
    where ``worth`` says the model would add it: wording is the costly part)."""
    body = ctx.body
    clauses = clauses_of(spans)
    form = note_form(body)
    starts = [c.start for c in clauses]
    owner: dict[int, list[int]] = {}
    for k, t in enumerate(tasks):  # a task belongs to the clause it starts in (or the one before)
        owner.setdefault(max(0, bisect_right(starts, t.start) - 1), []).append(k)
    out = []
    for i, clause in enumerate(clauses):
        inside = tuple(owner.get(i, ()))
        mentions = dates_in(ctx.dates, clause.start, clause.end)
        kind = tasks[inside[0]].kind if inside else None
        features = clause_features(body, clause, i, len(clauses), form, bool(mentions), kind, dims)
        added = None
        near = bool(owner.get(i - 1) or owner.get(i + 1))
        line = _line_of(body, clause.start)
        if (
            not inside
            and not near
            and _may_add(clause.text)
            and not _structured(line, form)
            and worth(features)
        ):
            cut = _BULLET.match(clause.text)
            off = cut.end() if cut else 0
            title = task_title("", Span(clause.start + off, clause.end, clause.text[off:]), ctx)
            if title and len(title.split()) >= 2:
                added = TaskFound(
                    title[:1].upper() + title[1:], "task", due_of(mentions),
                    clause.start, clause.end, learned=True,
                )  # fmt: skip
        out.append(
            Weighed(clause, tuple(features), inside, added, _may_veto(clause.text, line, form))
        )
    return out


def decide(
    tasks: list[TaskFound], weighed: list[Weighed], score: Callable[[Sequence[int]], float],
    veto_below: float, add_above: float,
) -> list[TaskFound]:  # fmt: skip
    """The rules' tasks the model does not veto, and the clauses it adds."""
    vetoed: set[int] = set()
    added: list[TaskFound] = []
    for w in weighed:
        p = score(w.features)
        if w.rule_tasks and w.may_veto and p < veto_below:
            vetoed.update(w.rule_tasks)
        elif w.added is not None and p > add_above:
            added.append(w.added)
    kept = [t for k, t in enumerate(tasks) if k not in vetoed]
    return sorted(kept + added, key=lambda t: t.start)


_state: dict[str, TaskModel | None] = {}
# the evaluation tool's listeners: each note's rule tasks and weighed clauses
recorders: list[Callable[[list[TaskFound], list[Weighed]], None]] = []


def use_model(model: TaskModel | None) -> None:
    """The model ``weigh_tasks`` uses from now on (None: the rules alone); for the training
    and evaluation tool, which judges a model trained without the set it scores."""
    _state["model"] = model


def load_model() -> TaskModel | None:
    """The shipped model, read once; None when it is not shipped."""
    if "model" not in _state:
        _state["model"] = _read_shipped()
    return _state["model"]


def _read_shipped() -> TaskModel | None:
    shipped = read_model(MODEL_NAME)
    if shipped is None:
        return None
    header, weights = shipped
    return TaskModel(
        int(header["dims"]),  # type: ignore[call-overload]
        float(header["bias"]),  # type: ignore[arg-type]
        weights,
        float(header["veto_below"]),  # type: ignore[arg-type]
        float(header["add_above"]),  # type: ignore[arg-type]
    )


def weigh_tasks(tasks: list[TaskFound], spans: Sequence[Span], ctx: TaskContext) -> list[TaskFound]:
    """The rules' tasks, with the model's veto and additions (unchanged when none is shipped)."""
    model = load_model()
    if recorders:
        seen = weigh(tasks, spans, ctx, DIMS)
        for record in recorders:
            record(tasks, seen)
    if model is None or not spans:
        return tasks
    weighed = weigh(tasks, spans, ctx, model.dims, lambda f: model.score(f) > model.add_above)
    return decide(tasks, weighed, model.score, model.veto_below, model.add_above)
