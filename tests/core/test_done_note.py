"""The "done, as promised" message: worded by what the promise was, first name, whole."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from rapport.core.drafts import done_note, mailto_url
from rapport.core.records import Task


@pytest.mark.parametrize(
    ("title", "kind", "expected_kind", "says"),
    [
        (
            "Send the revised pricing for the Q1 rollout",
            "promise",
            "sent",
            "the revised pricing for the Q1 rollout is",
        ),
        ("Email Dana the slides", "promise", "sent", "the slides are"),
        ("Introduce Dana to Mark Chen", "promise", "set_up", "the introduction to Mark Chen"),
        ("Set up a call with the underwriter", "promise", "set_up", "a call with the underwriter"),
        (
            "Call the printer about the brochures",
            "promise",
            "did",
            "I've called the printer about the brochures",
        ),
        ("Review the contract", "promise", "did", "I've reviewed the contract"),
        ("Pricing for Q1", "promise", "done", "the pricing for Q1 is done"),
    ],
)
def test_the_note_says_what_was_done_by_kind(
    title: str, kind: str, expected_kind: str, says: str
) -> None:
    for task_id in range(6):
        note = done_note(Task(id=task_id, title=title, kind=kind), "Dana")
        assert note.kind == expected_kind
        assert says in note.body
        assert "Dana," in note.body and "Dana Whitfield" not in note.body
        assert note.body.endswith(".")
        assert "as promised" in note.body or "as I promised" in note.body
        if expected_kind == "sent":
            assert "in your inbox" in note.body
        if expected_kind == "set_up":
            assert "I've set up" in note.body


def test_the_example_from_the_issue() -> None:
    bodies = {
        done_note(Task(id=i, title="Send the revised pricing for the Q1 rollout"), "Dana").body
        for i in range(12)
    }
    assert "Dana, the revised pricing for the Q1 rollout is in your inbox, as promised." in bodies
    assert len(bodies) > 1  # the wording varies from one promise to the next


def test_nothing_named_is_still_a_whole_sentence() -> None:
    note = done_note(Task(id=1, title="Send"), "Dana")
    assert note.body == "Dana, what I promised you is in your inbox."
    nameless = done_note(Task(id=3, title="Send the deck"), "")
    assert not nameless.body.startswith(",") and "Hi Hello" not in nameless.body


def test_mailto_percent_encodes_subject_and_body() -> None:
    url = mailto_url("dana@example.com", "Pricing & terms?", "Dana, it's done.\nBest, Sam")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "dana@example.com"
    assert " " not in url and "\n" not in url and "&terms" not in url
    query = parse_qs(parts.query)
    assert query["subject"] == ["Pricing & terms?"]
    assert query["body"] == ["Dana, it's done.\r\nBest, Sam"]
    assert unquote(url.split("body=")[1]).endswith("Best, Sam")
