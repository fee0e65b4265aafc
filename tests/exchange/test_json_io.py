"""The JSON export's reader: the whole document is checked before anything is written."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

from rapport.exchange.common import ExchangeError
from rapport.exchange.json_io import ColumnSpec, dump, load

SCHEMA = {
    "client": {
        "id": ColumnSpec("id", "id", required=False),
        "name": ColumnSpec("name", "text"),
        "emails": ColumnSpec("emails", "list", required=False),
        "created_at": ColumnSpec("created_at", "datetime", required=False),
        "referred_by_id": ColumnSpec(
            "referred_by_id", "fk", nullable=True, required=False, references="client"
        ),
    },
    "task": {
        "id": ColumnSpec("id", "id", required=False),
        "client_id": ColumnSpec("client_id", "fk", nullable=True, references="client"),
        "title": ColumnSpec("title", "text"),
        "due": ColumnSpec("due", "date", nullable=True, required=False),
        "promised": ColumnSpec("promised", "bool", required=False),
        "extracted": ColumnSpec("extracted", "json", nullable=True, required=False),
    },
}
HEADER = {"format": "rapport", "version": 1, "exported_at": "2026-11-18T09:00:00"}


def _doc(**tables: list[dict[str, Any]]) -> str:
    return dump(HEADER, tables)


def _good() -> dict[str, list[dict[str, Any]]]:
    return {
        "client": [
            {
                "id": 1,
                "name": "Bob",
                "emails": ["b@x"],
                "created_at": "2026-11-18T09:30:00",
                "referred_by_id": 2,
            },
            {
                "id": 2,
                "name": "Ann",
                "emails": [],
                "created_at": "2026-11-18T09:30:00.123456",
                "referred_by_id": None,
            },
        ],
        "task": [
            {
                "id": 5,
                "client_id": 1,
                "title": "Call",
                "due": "2026-11-20",
                "promised": True,
                "extracted": {"people": [{"name": "Jake"}]},
            },
        ],
    }


def test_a_valid_document_decodes_to_python_values() -> None:
    document = load(_doc(**_good()), SCHEMA)
    bob = document.tables["client"][0]
    assert bob["created_at"] == datetime(2026, 11, 18, 9, 30)
    assert document.tables["task"][0]["due"] == date(2026, 11, 20)
    assert document.tables["task"][0]["extracted"] == {"people": [{"name": "Jake"}]}
    assert document.count("client") == 2


def test_dump_is_one_row_per_line_and_valid_json() -> None:
    text = _doc(**_good())
    assert json.loads(text)["tables"]["client"][1]["name"] == "Ann"
    assert '{"id": 5, "client_id": 1, "title": "Call"' in text
    assert _doc(client=[], task=[]).count("\n") > 3


def _broken(change: Any) -> str:
    tables = _good()
    change(tables)
    return json.dumps({**HEADER, "tables": tables})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something else", "version": 1, "tables": {}}', "not a Rapport export"),
        ("[1, 2, 3]", "not a Rapport export"),
        ('{"format": "rapport", "version": 99, "tables": {}}', "newer Rapport"),
        ('{"format": "rapport", "version": "1", "tables": {}}', "no valid format version"),
        ('{"format": "rapport", "version": 1}', 'no "tables"'),
        ('{"format": "rapport", "version": 1, "tables": {"secrets": []}}', "'secrets'"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply|not a Rapport export"),
    ],
)
def test_documents_that_are_not_exports(text: str, message: str) -> None:
    with pytest.raises(ExchangeError, match=message):
        load(text, SCHEMA)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t["client"][0].update(nickname="Bobby"), "column this Rapport does not know"),
        (lambda t: t["client"][0].pop("name"), "has no 'name'"),
        (lambda t: t["client"][0].update(name=None), "cannot be empty"),
        (lambda t: t["client"][0].update(name=42), "must be text"),
        (lambda t: t["client"][0].update(id=True), "whole number"),
        (lambda t: t["client"][0].update(id=-3), "out of range"),
        (lambda t: t["client"][1].update(id=1), "appears twice"),
        (lambda t: t["client"][0].update(referred_by_id=77), "points at client 77"),
        (lambda t: t["task"][0].update(due="2026-02-30"), "not a real date"),
        (lambda t: t["task"][0].update(promised="yes"), "true or false"),
        (lambda t: t["client"][0].update(created_at="2026-11-18T09:30:00+02:00"), "time zone"),
        (lambda t: t["client"][0].update(emails="b@x"), "must be a list"),
        (lambda t: t["client"][0].update(name="x" * (1024 * 1024 + 1)), "longer than"),
        (lambda t: t["client"][0].update(emails=[["b@x"]]), "list of texts"),
        (lambda t: t["client"][0].update(emails=[{"a": 1}]), "list of texts"),
        (lambda t: t["task"][0].update(due="99999-01-01"), "not a real date"),
        (lambda t: t["task"][0].update(due="1066-10-14"), "not between 1800 and 2200"),
        (lambda t: t["client"][0].update(created_at="9999-12-31T23:59:59"), "not between"),
        (lambda t: t["client"][0].update(id=2**64), "out of range"),
        (lambda t: t.update(task="nope"), "not a list of rows"),
        (lambda t: t["task"].append("row"), "not an object"),
    ],
)
def test_every_problem_is_found_before_writing(change: Any, message: str) -> None:
    with pytest.raises(ExchangeError, match=message):
        load(_broken(change), SCHEMA)


def test_a_4301_digit_integer_is_refused_with_a_message() -> None:
    text = _doc(**_good()).replace('"id": 5', '"id": ' + "9" * 4301)
    with pytest.raises(ExchangeError, match="cannot be read"):
        load(text, SCHEMA)


def test_every_problem_is_listed_with_where_it_is() -> None:
    tables = _good()
    tables["client"][0].update(emails=[["nested"]])
    tables["task"][0].update(due="2026-13-01", promised="yes")
    with pytest.raises(ExchangeError) as caught:
        load(json.dumps({**HEADER, "tables": tables}), SCHEMA)
    message = str(caught.value)
    assert "3 problems" in message
    assert "table 'client', row 1, column 'emails'" in message
    assert "table 'task', row 1, column 'due'" in message
    assert "table 'task', row 1, column 'promised'" in message


def test_bounds_words_row_checks_and_schema_version() -> None:
    schema = {
        "task": {
            "id": ColumnSpec("id", "id", required=False),
            "status": ColumnSpec("status", "text", choices=("open", "done")),
            "cadence": ColumnSpec("cadence", "int", nullable=True, low=1, high=3660),
        }
    }

    def text(status: str, cadence: int | None, version: int = 1) -> str:
        header = {**HEADER, "schema_version": version}
        return dump(header, {"task": [{"id": 1, "status": status, "cadence": cadence}]})

    assert load(text("done", 3660), schema, 1).tables["task"][0]["cadence"] == 3660
    with pytest.raises(ExchangeError, match="'later' is not one of open, done"):
        load(text("later", None), schema, 1)
    with pytest.raises(ExchangeError, match=r"-5 is out of range \(1 to 3660\)"):
        load(text("open", -5), schema, 1)
    with pytest.raises(ExchangeError, match="database schema 9999"):
        load(text("open", None, 9999), schema, 1)

    def no_cadence(row: dict[str, Any]) -> str | None:
        return "no cadence" if row["cadence"] is None else None

    with pytest.raises(ExchangeError, match="table 'task', row 1: no cadence"):
        load(text("open", None), schema, 1, {"task": no_cadence})


def test_control_characters_in_texts_are_removed_not_refused() -> None:
    tables = _good()
    tables["client"][0].update(name="Bo\x00b\x1b[2J", emails=["b\x07@x"])
    tables["task"][0].update(extracted={"people": [{"name": "Ja\x00ke"}]})
    document = load(json.dumps({**HEADER, "tables": tables}), SCHEMA)
    assert document.tables["client"][0]["name"] == "Bob[2J"
    assert document.tables["client"][0]["emails"] == ["b@x"]
    assert document.tables["task"][0]["extracted"] == {"people": [{"name": "Jake"}]}
