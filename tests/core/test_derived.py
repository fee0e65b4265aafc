"""What the understanding builds from its data, kept between runs, is what it builds."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rapport.core.understand import derived, interests, wordlists

NOTES = sorted(Path(__file__).parent.glob("capture_notes*.jsonl"))


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that has built and taken nothing yet."""
    monkeypatch.setattr(derived, "_loaded", {})
    monkeypatch.setattr(derived, "_built", {})
    interests.catalogue.cache_clear()
    wordlists.word_lists.cache_clear()
    yield
    interests.catalogue.cache_clear()
    wordlists.word_lists.cache_clear()


def _again_from(data: bytes) -> None:
    """As the next process: the kept bytes loaded, nothing built."""
    derived._loaded.clear()
    derived._built.clear()
    interests.catalogue.cache_clear()
    wordlists.word_lists.cache_clear()
    assert derived.load_kept(data)


def _state(catalogue: interests.Catalogue) -> dict[str, object]:
    return {
        name: value for name, value in vars(catalogue).items() if name not in interests._PATTERNS
    }


def test_a_kept_catalogue_finds_what_the_built_one_finds(fresh: None) -> None:
    built = interests.catalogue()
    lines = [line for path in NOTES for line in path.read_text("utf-8").splitlines()]
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    assert len(texts) > 500
    before = [interests.find_interests(text) for text in texts]
    data = derived.kept_data()
    assert data is not None and derived.kept_data() is None  # kept once
    built_state = _state(built)

    _again_from(data)
    kept_state = derived._loaded["interests.catalogue"][1]
    kept_later = dict(kept_state["_later"])
    taken = interests.catalogue()
    assert derived._built == {}, "built again"
    assert taken is not built
    fresh_state = _state(taken)
    # the built one's lexicon joined its index as notes used it; the phrases are the same
    for word in list(built_state["_later"]) + list(fresh_state["_later"]):  # type: ignore[call-overload]
        assert taken.phrases(word) == built.phrases(word)
    assert _state(taken) == _state(built)
    assert [interests.find_interests(text) for text in texts] == before
    assert kept_state["_later"] == kept_later  # what may be kept again is as it was read


def test_kept_word_lists_are_the_lists_parsed(fresh: None) -> None:
    parsed = wordlists.word_lists()
    assert parsed == wordlists.parse(wordlists.read_resource(wordlists.FILE))
    data = derived.kept_data()
    assert data is not None
    _again_from(data)
    assert wordlists.word_lists() == parsed and derived._built == {}


def test_bytes_from_elsewhere_damaged_or_stale_change_nothing(fresh: None) -> None:
    built = interests.catalogue()
    data = derived.kept_data()
    assert data is not None
    header, entries = marshal.loads(data)
    derived._loaded.clear()
    assert not derived.load_kept(b"")
    assert not derived.load_kept(data[: len(data) // 2])
    assert not derived.load_kept(
        marshal.dumps(("rapport derived resources 1; other 3.99", entries))
    )
    assert derived._loaded == {}

    # Kept from other files or other code: built again, as if nothing were kept.
    key, state = entries["interests.catalogue"]
    stale = {"interests.catalogue": ((("{}", "{}"), key[1]), state)}
    _again_from(marshal.dumps((header, stale)))
    again = interests.catalogue()
    assert "interests.catalogue" in derived._built and _state(again) == _state(built)

    # A damaged entry under the right key (here: a state it cannot be made from): built.
    damaged = {"interests.catalogue": (key, {"interests": {"golf": ("sports",)}})}
    _again_from(marshal.dumps((header, damaged)))
    assert _state(interests.catalogue()) == _state(built)
    assert "interests.catalogue" in derived._built


def test_a_change_to_the_code_that_builds_it_is_a_new_key() -> None:
    def build(words: list[str]) -> frozenset[str]:
        return frozenset(w for w in words if w not in {"a", "an"})

    def changed(words: list[str]) -> frozenset[str]:
        return frozenset(w for w in words if w not in {"a", "the"})

    assert derived.code_key(build) == derived.code_key(build)
    assert derived.code_key(build) != derived.code_key(changed)
    assert derived.code_key(interests.Catalogue) != derived.code_key(interests.Interest)


def test_the_keys_are_the_same_in_every_process() -> None:
    """A key that followed the hash seed (a set of words among a function's constants) or an
    address would never be found again: the cache would be rebuilt at every start."""
    code = (
        "import hashlib, marshal\n"
        "from rapport.core.understand import derived, interests\n"
        "interests.catalogue()\n"
        "print(hashlib.sha256(repr(sorted((n, k) for n, (k, _) in derived._built.items()))"
        ".encode()).hexdigest())\n"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=60,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(seen) == 1
