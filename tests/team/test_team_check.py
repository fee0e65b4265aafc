"""`rapport check` on a team book: its schema against what Rapport makes, privacy included.

The changes are made as the database's owner (a member cannot change the schema); the
check runs as alice, a member, through the app.
"""

from __future__ import annotations

import subprocess
import sys

import peewee
import pytest

from tests.pgserver import TeamBook


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
