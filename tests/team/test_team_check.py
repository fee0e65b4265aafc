"""`rapport check` on a team book: its schema against what Rapport makes, privacy included.

The changes are made as the database's owner (a member cannot change the schema); the
check runs as alice, a member, through the app.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import peewee
import pytest

from tests.pgserver import ADMIN, PgServer, TeamBook, drop_team, make_team


def _as_owner(team: TeamBook, *statements: str) -> None:
    with team.server.connect("owner", team.database) as conn:
        for statement in statements:
            conn.execute(statement)


def test_a_missing_index_policy_trigger_or_column_is_named(team_book: TeamBook) -> None:
    from rapport.services import clients, dbcheck

    clients.create_client("Bob Smith")
    assert dbcheck.check_database().ok
    _as_owner(
        team_book,
        "DROP INDEX task_due",
        "DROP POLICY team_sees ON fact",
        "DROP TRIGGER keep_author ON person",
        "ALTER TABLE gift DROP COLUMN reaction",
        "DROP INDEX client_shared_name",
    )
    report = dbcheck.check_database()
    assert not report.ok and not report.integrity
    assert report.schema == [
        "client lacks its index on (name_key) UNIQUE (partial)",
        "gift has no column 'reaction'",
        "task lacks its index on (due)",
        "the trigger 'keep_author' on person is missing",
        "the privacy policy 'team_sees' on fact is missing",
    ]
    assert report.lines()[1].startswith("schema: differs from what Rapport makes: client lacks")
    assert report.lines()[-1] == "search index: not checked"


def test_row_level_security_off_or_a_policy_rapport_does_not_make_is_named(
    team_book: TeamBook,
) -> None:
    """Either would show every member's private rows to every other member."""
    from rapport.services import dbcheck

    _as_owner(
        team_book,
        "ALTER TABLE interaction DISABLE ROW LEVEL SECURITY",
        "CREATE POLICY everyone ON fact USING (true)",
        "ALTER POLICY own_name ON task TO PUBLIC WITH CHECK (true)",
        "DROP POLICY team_sees ON search_doc",
        "CREATE POLICY team_sees ON search_doc FOR SELECT USING (true)",
    )
    assert dbcheck.check_database().schema == [
        "it has a policy 'everyone' on fact that Rapport does not make",
        "the privacy policy 'team_sees' on search_doc is not the one Rapport makes",
        "the privacy policy 'own_name' on task is not the one Rapport makes",
        "row-level security is off on interaction: every member sees the private rows",
    ]


def test_a_trigger_or_function_of_the_team_changed_is_named(team_book: TeamBook) -> None:
    """The functions behind the triggers and the search keep authorship and privacy (a
    search document is as private as its row; the search reads as the owner): one replaced,
    or a trigger made to run another, is named."""
    from rapport.services import dbcheck

    _as_owner(
        team_book,
        "CREATE OR REPLACE FUNCTION rapport_doc_privacy() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN NEW.private := false; RETURN NEW; END $$",
        "CREATE FUNCTION let_it_be() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RETURN NEW; END $$",
        "DROP TRIGGER keep_author ON client",
        "CREATE TRIGGER keep_author BEFORE UPDATE ON client "
        "FOR EACH ROW EXECUTE FUNCTION let_it_be()",
        "DROP FUNCTION rapport_similar(text, integer)",
    )
    assert dbcheck.check_database().schema == [
        "the trigger 'keep_author' on client runs 'let_it_be', not what Rapport makes it run",
        "the function 'rapport_doc_privacy' is not the one Rapport makes",
        "the function 'rapport_similar' is missing",
    ]


def test_a_search_index_that_keeps_a_pending_list_is_named(team_book: TeamBook) -> None:
    """Every search reads such a list whole (half a search's time on the big book)."""
    from rapport.services import dbcheck

    assert dbcheck.check_database().ok
    _as_owner(team_book, "ALTER INDEX search_doc_words SET (fastupdate = on)")
    assert dbcheck.check_database().schema == [
        "the search index search_doc_words keeps new words in a pending list that every "
        "search reads (rapport team setup writes them into the index)"
    ]


def test_rapport_check_on_a_team_book_fails_naming_the_difference(team_book: TeamBook) -> None:
    _as_owner(team_book, "ALTER TABLE client DISABLE ROW LEVEL SECURITY")
    result = subprocess.run(
        [sys.executable, "-m", "rapport", "--database-url", team_book.url("bob"), "check"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "schema: differs from what Rapport makes: row-level security is off on client"
        in result.stdout
    )


def test_a_member_without_temporary_tables_is_checked_all_the_same(team_book: TeamBook) -> None:
    """The policies' expressions are compared through a temporary table; a server that
    gives members none still has every policy checked by name and kind."""
    from rapport.services import dbcheck

    _as_owner(team_book, f"REVOKE TEMPORARY ON DATABASE {team_book.database} FROM PUBLIC")
    assert dbcheck.check_database().ok
    _as_owner(team_book, "CREATE POLICY everyone ON fact USING (true)")
    assert dbcheck.check_database().schema == [
        "it has a policy 'everyone' on fact that Rapport does not make"
    ]
    from rapport.store.models import db

    # The path without temporary tables was the one taken.
    with pytest.raises(peewee.ProgrammingError, match="permission denied"), db.atomic():
        db.execute_sql("CREATE TEMPORARY TABLE anything (a integer)")


def test_a_team_book_that_climbed_the_ladder_checks_ok(
    pg_server: PgServer, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version-1 team book (the steps' additions and the latest team column taken away
    from a new one), set up again by its owner, has the schema a new one has (gift's link
    to its conversation included: the check names its absence): the check does not refuse
    a book that was simply made by an older Rapport."""
    from rapport.services import dbcheck
    from rapport.services import team as team_admin
    from rapport.services.book import close_book, open_book

    team = make_team(pg_server)
    try:
        indexes = [
            "client_archived_at_name_key", "client_archived_at_last_contact_at",
            "client_cadence_days", "person_birthday",
            "introduction_called_at_lead_answered_at_contacted_at", "task_done_at",
            "interaction_capture_key",
        ]  # fmt: skip
        _as_owner(
            team,
            *(f"DROP INDEX {index}" for index in indexes),
            "ALTER TABLE task DROP COLUMN progress_at",
            "ALTER TABLE interaction DROP COLUMN capture_key",
            "ALTER TABLE gift DROP COLUMN interaction_id",
            *(f"ALTER TABLE {table} DROP COLUMN saved_in" for table in ("client", "card")),
            "UPDATE rapport_meta SET value = '1' WHERE key = 'schema_version'",
        )
        monkeypatch.setenv("RAPPORT_DATABASE_URL", team.url("owner"))
        team_admin.setup()  # climbs from version 1
        close_book()
        monkeypatch.setenv("RAPPORT_DATABASE_URL", team.url("alice"))
        open_book(data_dir)
        assert dbcheck.check_database().schema == []
    finally:
        close_book()
        drop_team(team)


def test_an_extensions_own_views_in_the_books_schema_are_not_the_books(
    team_book: TeamBook,
) -> None:
    """pg_stat_statements (to watch where the server's time goes) puts two views in the
    schema it is made in; they were named as views Rapport does not make. A view made by
    hand still is."""
    from rapport.services import dbcheck

    with team_book.server.connect(ADMIN, team_book.database) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA public")
    assert dbcheck.check_database().ok
    _as_owner(team_book, "CREATE VIEW every_fact AS SELECT * FROM fact")
    assert dbcheck.check_database().schema == [
        "it has a view 'every_fact' that Rapport does not make"
    ]
