"""A client's work contacts ("her assistant Kim"): saved by capture on the client, merged
by name, undone with the save, in the brief and through the JSON export and import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rapport.core import records as r
from rapport.services import brief, capture, clients, exchange, export
from rapport.services.capture_undo import undo_capture
from rapport.services.dump import dump_tables
from rapport.services.exchange import ImportFailed

VOICEMAIL = (
    "Tried to reach Margaret Oyelaran at the law firm about the access control upgrade, left "
    "a voicemail for her assistant Kim. Try Margaret again on Thursday."
)
LATER = "Call with Margaret Oyelaran. Her CFO Dana Wu wants the pricing; Kim set up the call."


def _save(text: str) -> capture.SavedCapture:
    return capture.save_capture(text, capture.understand_note(text))


def test_capture_saves_work_contacts_on_the_client_and_merges_them(book: Path) -> None:
    understood = capture.understand_note(VOICEMAIL)
    assert understood["contacts"][0] | {"span": None} == {
        "name": "Kim", "role": "assistant", "span": None,
    }  # fmt: skip
    assert understood["people"] == [], "an assistant is not family"
    saved = _save(VOICEMAIL)
    margaret = clients.get_client(saved.client_id)
    assert margaret.contacts == [r.WorkContact("Kim", "assistant")]
    _save(LATER)
    assert clients.get_client(saved.client_id).contacts == [
        r.WorkContact("Kim", "assistant"),
        r.WorkContact("Dana Wu", "cfo"),
    ]


def test_the_undo_takes_the_contacts_back(book: Path) -> None:
    first = _save(VOICEMAIL)
    before = dump_tables()
    second = _save(LATER)
    assert second.undo is not None
    undo_capture(second.undo)
    assert dump_tables() == before
    assert clients.get_client(first.client_id).contacts == [r.WorkContact("Kim", "assistant")]


def test_the_brief_names_them_with_the_clients_pronoun(book: Path) -> None:
    saved = _save(VOICEMAIL)
    _save(LATER)
    assert brief.brief(saved.client_id).work_contacts == ["her assistant Kim", "her CFO Dana Wu"]


def test_they_go_out_and_back_in_with_the_json_export(book: Path, tmp_path: Path) -> None:
    saved = _save(VOICEMAIL)
    path = tmp_path / "book.json"
    export.export_json(path)
    rows = json.loads(path.read_text("utf-8"))["tables"]["client"]
    assert rows[0]["contacts"] == [{"name": "Kim", "role": "assistant"}]
    m_client = clients.get_client(saved.client_id)
    clients.delete_client(m_client.id)
    exchange.apply_import(exchange.preview_import(path))
    again = clients.resolve("Margaret Oyelaran")
    assert again.contacts == [r.WorkContact("Kim", "assistant")]


@pytest.mark.parametrize(
    "value",
    [[{"name": 3}], "Kim", [{"name": "Kim", "role": "assistant", "x": {"deep": 1}}]],
)
def test_an_import_with_malformed_contacts_is_refused_in_a_sentence(
    book: Path, tmp_path: Path, value: object
) -> None:
    _save(VOICEMAIL)
    path = tmp_path / "book.json"
    export.export_json(path)
    document = json.loads(path.read_text("utf-8"))
    document["tables"]["client"][0]["contacts"] = value
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(ImportFailed, match="contacts"):
        exchange.preview_import(path)
