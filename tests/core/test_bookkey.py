"""The key file: a random data key sealed by the passphrase and by the recovery key."""

from __future__ import annotations

import json

import pytest

from rapport.core import bookkey
from tests.encrypted import encryption_setup  # noqa: F401 (autouse)


def test_the_passphrase_and_the_recovery_key_open_the_same_random_key() -> None:
    made = bookkey.new_key("correct horse battery")
    assert len(made.data_key) == 32
    assert bookkey.unlock(made.key_file, "correct horse battery") == made.data_key
    typed = made.recovery_key.lower().replace("-", " ")  # as written down, retyped
    assert bookkey.unlock_with_recovery(made.key_file, typed) == made.data_key
    assert bookkey.new_key("correct horse battery").data_key != made.data_key


def test_the_recovery_key_is_shown_in_groups_of_unambiguous_characters() -> None:
    key = bookkey.new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert not set("".join(groups)) - set(bookkey.RECOVERY_ALPHABET)
    assert not set("01OILU") & set(bookkey.RECOVERY_ALPHABET)


def test_a_wrong_passphrase_or_recovery_key_is_refused_by_name() -> None:
    made = bookkey.new_key("correct horse battery")
    with pytest.raises(bookkey.WrongSecretError, match="wrong passphrase"):
        bookkey.unlock(made.key_file, "correct horse batterY")
    with pytest.raises(bookkey.WrongSecretError, match="wrong recovery key"):
        bookkey.unlock_with_recovery(made.key_file, bookkey.new_recovery_key())
    # The passphrase does not open the recovery copy (each is bound to its purpose).
    with pytest.raises(bookkey.WrongSecretError):
        bookkey.unlock_with_recovery(made.key_file, "correct horse battery")


def test_rewrapping_changes_the_passphrase_and_keeps_the_key_and_the_recovery_key() -> None:
    made = bookkey.new_key("correct horse battery")
    changed = bookkey.rewrap(made.key_file, made.data_key, "a new long passphrase")
    assert bookkey.unlock(changed, "a new long passphrase") == made.data_key
    assert bookkey.unlock_with_recovery(changed, made.recovery_key) == made.data_key
    with pytest.raises(bookkey.WrongSecretError):
        bookkey.unlock(changed, "correct horse battery")


def test_the_key_file_round_trips_and_holds_no_key_in_the_clear() -> None:
    made = bookkey.new_key("correct horse battery")
    text = bookkey.to_json(made.key_file)
    assert bookkey.from_json(text) == made.key_file
    assert made.data_key.hex() not in text and "correct horse" not in text
    document = json.loads(text)
    assert document["kdf"]["name"] == "argon2id" and document["cipher"] == "AES-256-GCM"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("not json", "damaged"),
        ('{"format": "other"}', "not a Rapport key file"),
        ('{"format": "rapport-book-key", "version": 9}', "another version"),
        ('{"format": "rapport-book-key", "version": 1, "kdf": {"name": "argon2id"}}', "damaged"),
    ],
)
def test_a_damaged_or_foreign_key_file_is_refused_with_the_reason(text: str, why: str) -> None:
    with pytest.raises(bookkey.BadKeyFileError, match=why):
        bookkey.from_json(text)


def test_a_short_or_blank_passphrase_is_refused() -> None:
    assert bookkey.weak_passphrase("   ") == "the passphrase is empty"
    assert "too short" in (bookkey.weak_passphrase("1234567") or "")
    assert bookkey.weak_passphrase("12345678") is None


def test_the_default_kdf_is_memory_hard() -> None:
    assert bookkey.KdfParams().memory_kib >= 64 * 1024 and bookkey.KdfParams().time_cost >= 3


def test_a_passphrase_typed_composed_or_decomposed_is_the_same() -> None:
    made = bookkey.new_key("caf\u00e9 cr\u00e8me br\u00fbl\u00e9e")  # NFC: one character each
    decomposed = "cafe\u0301 cre\u0300me bru\u0302le\u0301e"  # NFD: letter + accent
    assert bookkey.unlock(made.key_file, decomposed) == made.data_key
