"""The rules' word lists are data (resources/capture_words.txt), each one named and used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rapport.core.understand import wordlists

PACKAGE = Path(wordlists.__file__).parent
RULES = [p for p in PACKAGE.rglob("*.py") if p.name != "wordlists.py"]


def _named_in_code() -> set[str]:
    return {
        name
        for path in RULES
        for name in re.findall(r'word_list\("([\w.]+)"\)', path.read_text("utf-8"))
    }


def test_every_list_the_rules_name_is_shipped_and_every_shipped_list_is_used() -> None:
    shipped = set(wordlists.word_lists())
    named = _named_in_code()
    assert named, "no rule reads a word list"
    assert named - shipped == set(), "lists a rule reads but the file lacks"
    assert shipped - named == set(), "lists in the file that no rule reads"
    for name in named:
        assert wordlists.word_list(name), f"{name} is empty"


def test_a_list_names_its_module() -> None:
    """``[tasks.words.VERBS]`` is read by tasks/words.py: a list is found where it is used."""
    for path in RULES:
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for name in re.findall(r'word_list\("([\w.]+)"\)', path.read_text("utf-8")):
            assert name.rsplit(".", 1)[0] == module, (path, name)


def test_the_file_format_sections_and_notes() -> None:
    lists = wordlists.parse("# a note\n[a.X]\nfoo bar\n  baz\n\n[b.Y]\n# inside\nQux\n")
    assert lists == {"a.X": frozenset({"foo", "bar", "baz"}), "b.Y": frozenset({"Qux"})}
    with pytest.raises(ValueError, match="twice"):
        wordlists.parse("[a.X]\nfoo\n[a.X]\nbar\n")
    with pytest.raises(ValueError, match="before the first"):
        wordlists.parse("stray words\n[a.X]\nfoo\n")
