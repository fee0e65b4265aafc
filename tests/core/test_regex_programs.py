"""The grammar's compiled regexes kept between runs give the very patterns re.compile gives."""

from __future__ import annotations

import ast
import gc
import importlib
import json
import marshal
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rapport.core import understand
from rapport.core.understand import contacts, programs
from rapport.core.understand.text import LazyRegex

NOTES = sorted(Path(__file__).parent.glob("capture_notes*.jsonl"))


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that knows no program yet."""
    monkeypatch.setattr(programs, "_known", {})
    monkeypatch.setattr(programs, "_added", set())
    monkeypatch.setattr(programs, "_used", set())


def _grammar() -> list[tuple[str, int]]:
    """Every pattern of the capture grammar: the LazyRegex constants and the contacts'."""
    for module in pkgutil.walk_packages(understand.__path__, "rapport.core.understand."):
        importlib.import_module(module.name)
    found = [obj for obj in gc.get_objects() if isinstance(obj, LazyRegex)]
    assert len(found) > 150
    sources = [
        (regex.pattern if isinstance(regex.pattern, str) else regex.pattern(), regex._flags)
        for regex in found
    ]
    contacts._patterns.cache_clear()
    sources += [(p.pattern, p.flags) for p in contacts._patterns()]
    return sources


def test_a_kept_program_is_the_pattern_re_compile_makes(fresh: None) -> None:
    grammar = _grammar()
    made = [programs.compile_regex(source, flags) for source, flags in grammar]
    kept = programs.known_programs()
    assert kept is not None
    programs._known.clear()
    assert programs.load_programs(kept)
    assert programs.known_programs() is None  # everything came from the bytes
    texts = [
        json.loads(line)["text"]
        for path in NOTES
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    assert len(texts) > 600
    for (source, flags), first in zip(grammar, made, strict=True):
        again = programs.compile_regex(source, flags)
        expected = re.compile(source, flags)
        # CPython compares patterns by source, flags and compiled code, word for word.
        assert first == expected and again == expected, source[:80]
        assert again.groupindex == expected.groupindex and again.groups == expected.groups
    assert programs.known_programs() is None  # nothing had to be compiled again
    # And they find the same things in the labelled notes (the understanding's own test).
    for source, flags in grammar[:40]:
        mine, theirs = programs.compile_regex(source, flags), re.compile(source, flags)
        for text in texts:
            assert [m.span() for m in mine.finditer(text)] == [
                m.span() for m in theirs.finditer(text)
            ]


def test_bytes_from_elsewhere_or_damaged_change_nothing(fresh: None) -> None:
    pattern = r"\b(?P<day>mon|tue)(?:day)?\b"
    assert not programs.load_programs(b"not marshal at all \x00\xff")
    assert not programs.load_programs(marshal.dumps(("another Python", [])))
    assert not programs.load_programs(marshal.dumps((programs.FORMAT, [("a", "b")])))
    assert programs._known == {}
    # Well formed but the code is garbage: _sre refuses it and re.compile makes the pattern.
    garbage = ((pattern, 0), (32, b"\xff\xff\xff\x7f" * 8, 1, {"day": 1}, (None, "day")))
    assert programs.load_programs(marshal.dumps((programs.FORMAT, [garbage])))
    made = programs.compile_regex(pattern)
    assert made == re.compile(pattern)
    assert made.search("see you monday").group("day") == "mon"
    assert (pattern, 0) not in programs._known


def test_a_wrong_pattern_raises_as_re_compile_does(fresh: None) -> None:
    with pytest.raises(re.error):
        programs.compile_regex(r"(unclosed")
    assert programs.known_programs() is None


def test_the_grammar_is_the_same_text_in_every_process() -> None:
    """Word sets iterate in the hash seed's order: an alternation built from one must not
    follow it, or each process would compile (and keep) a pattern of its own."""
    code = (
        "import hashlib\n"
        "from tests.core.test_regex_programs import _grammar\n"
        "print(hashlib.sha256(repr(sorted(_grammar())).encode()).hexdigest())\n"
    )
    root = Path(__file__).parents[2]
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=60,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(seen) == 1


def test_past_the_limit_only_the_programs_used_are_kept(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = [programs.compile_regex(rf"\bold{i}\b") for i in range(5)]
    kept = programs.known_programs()
    assert kept is not None and len(old) == 5
    monkeypatch.setattr(programs, "_known", {})
    monkeypatch.setattr(programs, "_used", set())
    monkeypatch.setattr(programs, "MAX_KEPT", 6)
    assert programs.load_programs(kept)
    for i in range(3):
        programs.compile_regex(rf"\bnew{i}\b")
    programs.compile_regex(r"\bold0\b")
    kept_now = programs.known_programs()
    assert kept_now is not None
    programs._known.clear()
    programs._used.clear()
    assert programs.load_programs(kept_now)
    assert sorted(source for source, _ in programs._known) == [
        r"\bnew0\b",
        r"\bnew1\b",
        r"\bnew2\b",
        r"\bold0\b",
    ]


_RE_CALLS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
}


def _patterns_given_to_re(path: str) -> list[str]:
    """``re.search(r"...", ...)``, ``re.compile(_WORDS)``...: the calls in a module that
    hand ``re`` a pattern written in the code (a literal, or a module's string constant),
    which ``re`` compiles again in every process instead of taking the kept program."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    constants = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in _RE_CALLS
            and node.args
        ):
            continue
        first = node.args[0]
        written = isinstance(first, ast.Constant) and isinstance(first.value, str)
        if written or (isinstance(first, ast.Name) and first.id in constants):
            found.append(f"{Path(path).name}:{node.lineno} re.{node.func.attr}")
    return found


def test_a_dry_runs_grammar_compiles_through_the_kept_programs() -> None:
    """Every grammar pattern a dry run's modules write goes through ``rx``/``LazyRegex``
    (``programs.compile_regex``), so the next run takes its program from the file instead
    of compiling it in Python (a few tenths of a millisecond each, at every start); only a
    pattern built from the note (a name in it) goes to ``re``. The modules are those a dry
    run of the labelled notes loads, in a process of its own."""
    code = (
        "import json, sys\n"
        "from datetime import date\n"
        "from rapport.core.understand.pipeline import understand\n"
        "for line in open(sys.argv[1], encoding='utf-8'):\n"
        "    note = json.loads(line)\n"
        "    understand(note['text'], date.fromisoformat(note['today']))\n"
        "print(json.dumps(sorted(\n"
        "    m.__file__ for n, m in sys.modules.items() if n.startswith('rapport.core')\n"
        ")))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code, str(NOTES[0])],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    files = json.loads(ran.stdout)
    assert len(files) > 30
    assert [call for path in files for call in _patterns_given_to_re(path)] == []
