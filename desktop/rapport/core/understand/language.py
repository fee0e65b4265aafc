"""Which language a note is written in, when it is plainly not English.

Capture's rules read English only. A note in German or French gives at best a client and
nothing else; the window and the command line say so instead of staying silent. The test
is the share of a language's most common short words (articles, pronouns, "and", "is",
"not"...), which every sentence of that language is full of and names never are: a note is
foreign when its words are mostly another language's function words, with at least a few
of them, and English's own are fewer. An English note quoting a French restaurant ("dinner
at Le Petit Bistro with Anne") stays English.
"""

from __future__ import annotations

import json
import re
from functools import cache

from rapport.core.understand.programs import compile_regex
from rapport.core.understand.resources import read_resource

__all__ = ["foreign_language", "only_english"]

_WORD = compile_regex(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
MIN_HITS = 4  # a short foreign note still has this many; a name or two never do


def foreign_language(text: str) -> str | None:
    """The language's English name ("German", "French", "Spanish", or "another language"
    for a note mostly in another script) when the note is written in it rather than in
    English; None for English or too little to tell."""
    english_words, foreign = _vocabularies()
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if not words:
        return None
    letters = [c for w in words for c in w]
    if sum(1 for c in letters if c > "\u024f") * 2 > len(letters):
        return "another language"  # mostly not the Latin script: Chinese, Greek, Arabic...
    english = sum(1 for w in words if w in english_words)
    best, hits = None, 0
    for language, vocabulary in foreign.items():
        count = sum(1 for w in words if w in vocabulary)
        if count > hits:
            best, hits = language, count
    if best is None or hits < MIN_HITS or hits <= 2 * english:
        return None
    return best


@cache
def _vocabularies() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """English's function words, and each other language's less the words it shares with
    English ("in", "so", "a" count for English only); from resources/function_words.json."""
    data = json.loads(read_resource("function_words.json"))
    english = frozenset(data["english"])
    return english, {name: frozenset(words) - english for name, words in data["languages"].items()}


def only_english(language: str) -> str:
    """What the window and the command line say about a note in another language."""
    return (
        f"Only English is understood: this note seems to be in {language}, so little or nothing "
        "was found in it. The text is kept as written."
    )
