"""The schema comparison: what the migrations make is what a new book has."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rapport.services import clients
from rapport.services.book import close_book, open_book
from rapport.store import schema
from tests.pgserver import OLD_FILE


def _differences(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return schema.differences(schema.read_shape(conn))
    finally:
        conn.close()


@pytest.mark.sqlite_only(reason=OLD_FILE)
def test_a_book_that_climbed_the_ladder_has_the_schema_of_a_new_one(data_dir: Path) -> None:
    """A version-1 book (the steps' additions taken away from a new one) migrated up to
    today matches the reference made from the models: restore and check can demand the
    whole schema without refusing a book that was simply made by an older Rapport."""
    open_book(data_dir)
    clients.create_client("Bob Smith", company="Acme")
    close_book()
    path = data_dir / "rapport.db"
    assert _differences(path) == []
    conn = sqlite3.connect(path)
    for index in (
        "client_archived_at_name_key",
        "client_archived_at_last_contact_at",
        "client_cadence_days",
        "person_birthday",
        "introduction_called_at_lead_answered_at_contacted_at",
        "task_done_at",
        "gift_interaction_id",
        "interaction_capture_key",
    ):
        conn.execute(f"DROP INDEX {index}")
    conn.execute("ALTER TABLE task DROP COLUMN progress_at")
    conn.execute("ALTER TABLE interaction DROP COLUMN capture_key")
    # gift.interaction_id has a foreign key, which SQLite cannot drop: the empty table is
    # made again as version 1 had it.
    (gift,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'gift'").fetchone()
    link = ', FOREIGN KEY ("interaction_id") REFERENCES "interaction" ("id") ON DELETE SET NULL'
    assert link in gift and '"interaction_id" INTEGER, ' in gift
    conn.execute("DROP TABLE gift")
    conn.execute(gift.replace(link, "").replace('"interaction_id" INTEGER, ', ""))
    conn.execute('CREATE INDEX "gift_client_id" ON "gift" ("client_id")')
    conn.execute('CREATE INDEX "gift_person_id" ON "gift" ("person_id")')
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    assert "gift has no column 'interaction_id'" in _differences(path)
    open_book(data_dir)  # climbs from version 1
    close_book()
    assert _differences(path) == []
