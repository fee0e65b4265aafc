"""A team book's schema on PostgreSQL, and how it differs from the one Rapport makes.

``rapport check`` on a team book compares what the server holds with what the migrations
and ``rapport team setup`` make (``store/postgres.py``), as ``store/schema.py`` does for a
file: the same tables with the same columns, links and indexes, the team's additions
(who wrote a row, its privacy, its version, the transaction that saved it, the search
documents and their indexes, the searched ones writing new words through), the triggers
and row-level-security policies that keep authorship and privacy, and nothing else. A
table without row-level security in force shows every member's private rows to every
other member; a trigger Rapport does not make may delete rows at the next save; a policy
Rapport does not make may open private rows.

The reference for the models' tables is ``store/schema.py``'s, made from the models in
an in-memory SQLite database (the migrations make the same tables on both engines);
columns are compared by name and NOT NULL (the two databases name their types
differently). The team's additions are listed here beside the SQL in ``postgres.py``
that makes them.

Read with the catalog only (``pg_catalog``): a member may run it, and sees the schema of
every table whatever row-level security hides of its rows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import peewee

from rapport.store import postgres
from rapport.store import schema as file_schema
from rapport.store.models import MODELS, SchemaInfo, db
from rapport.store.schema import Column, Index, Link, Shape, Table

# pg_class's kinds of relation other than a table, as said in words.
_KINDS = {"v": "view", "m": "materialized view", "f": "foreign table"}
# pg_constraint's codes for what a link does when its row is updated or deleted.
_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
_DRAFT = "draft"  # a draft is its author's only: no version, no news, no undo


def _book_tables() -> list[str]:
    return postgres._tables()


# The function each of the team's triggers runs (``postgres._team_schema``).
_TRIGGER_FUNCTIONS = {
    "keep_author": "rapport_keep_author",
    "ids_written": "rapport_ids_written",
    "announce_change": "rapport_announce_change",
    "next_version": "rapport_next_version",
    "doc_privacy": "rapport_doc_privacy",
    **dict.fromkeys(postgres.WORD_TRIGGERS, "rapport_count_words"),
    "words_counted": "rapport_fold_words",
}


def expected_triggers() -> set[tuple[str, str, str]]:
    """(table, trigger, the function it runs) of every trigger ``rapport team setup`` makes."""
    found = {(postgres.SEARCH_TABLE, "doc_privacy")}
    found |= {(postgres.SEARCH_TABLE, name) for name in (*postgres.WORD_TRIGGERS, "words_counted")}
    for table in [*_book_tables(), _DRAFT]:
        found |= {(table, "keep_author"), (table, "ids_written")}
        if table != _DRAFT:
            found.add((table, "announce_change"))
    found |= {(table, "next_version") for table in postgres.VERSIONED}
    return {(table, name, _TRIGGER_FUNCTIONS[name]) for table, name in found}


_FUNCTION = re.compile(r"CREATE OR REPLACE FUNCTION (\w+)\(.*?\bAS \$\$(.*?)\$\$", re.DOTALL)


def expected_functions() -> dict[str, str]:
    """{name: body} of every function ``rapport team setup`` makes (read from the SQL in
    ``store/postgres.py`` that makes them: the triggers', the search's as the owner)."""
    found: dict[str, str] = {}
    for value in vars(postgres).values():
        if isinstance(value, str) and "CREATE OR REPLACE FUNCTION" in value:
            found.update((m.group(1), m.group(2)) for m in _FUNCTION.finditer(value))
    return found


# A policy as compared: (table, name, command, permissive, USING, WITH CHECK), the two
# expressions as written in ``postgres._team_schema`` (None: none) or as the server shows
# them (``pg_get_expr``).
Policy = tuple[str, str, str, bool, "str | None", "str | None"]
_OWN = "author = current_user"


def expected_policies() -> set[Policy]:
    """Every row-level-security policy ``rapport team setup`` makes, its expressions as
    written there."""
    seen = postgres._SEEN
    found: set[Policy] = {
        (postgres.SEARCH_TABLE, "team_sees", "*", True, seen, "true"),
        (postgres.WORDS_TABLE, "team_sees", "r", True, postgres._WORD_SEEN, None),
    }
    for table in [*_book_tables(), _DRAFT]:
        sees = _OWN if table == _DRAFT else seen
        found.add((table, "team_sees", "*", True, sees, sees))
        found.add((table, "own_name", "a", False, None, _OWN))
    return found


def _as_the_server_shows(expressions: set[str]) -> dict[str, str] | None:
    """{expression as written: as the server shows a policy's} through policies on a
    temporary table of this connection, gone at the rollback; None when the member may
    not make temporary tables (the expressions are then not compared)."""
    database = db
    shown: dict[str, str] = {}
    try:
        with database.atomic() as transaction:
            database.execute_sql(
                "CREATE TEMPORARY TABLE rapport_policy_shape "
                "(author text, private boolean, owner text) ON COMMIT DROP"
            )
            for number, expression in enumerate(sorted(expressions)):
                database.execute_sql(
                    f"CREATE POLICY p{number} ON pg_temp.rapport_policy_shape USING ({expression})"
                )
            rows = database.execute_sql(
                "SELECT polname, pg_get_expr(polqual, polrelid) FROM pg_policy "
                "WHERE polrelid = 'pg_temp.rapport_policy_shape'::regclass"
            ).fetchall()
            transaction.rollback()
    except peewee.ProgrammingError:  # no TEMPORARY right on the database
        return None
    for number, expression in enumerate(sorted(expressions)):
        shown[expression] = dict(rows)[f"p{number}"]
    return shown


def protected_tables() -> list[str]:
    """The tables whose rows row-level security keeps private."""
    return [*_book_tables(), _DRAFT, postgres.SEARCH_TABLE, postgres.WORDS_TABLE,
            postgres.WORD_CHANGES]  # fmt: skip


def _text(name: str) -> Column:
    return Column(name, "", True, None, 0)


def _search_table() -> Table:
    """``postgres._SEARCH_SCHEMA``: the documents, their words and names."""
    columns = [
        Column("rowid", "", True, None, 1),
        Column("client_id", "", False, None, 0),
        *(_text(name) for name in ("title", "body", "title_key", "body_key", "author")),
        _text("private"),
        Column("words", "", False, None, 0),
    ]
    indexes = [
        Index(("words",), False, False),
        Index(("client_id",), False, False),
        Index((None,), False, True),  # the names' words, clients' and people's documents only
    ]
    return Table(frozenset(columns), frozenset(), frozenset(indexes), None)


def _words_table() -> Table:
    """``postgres._SEARCH_WORDS``: the book's words, the documents holding each, by owner."""
    columns = [
        Column("word", "", True, None, 1),
        Column("owner", "", True, None, 2),
        Column("docs", "", True, None, 0),
    ]
    indexes = [Index(("word",), False, False)]  # its trigrams, for typos
    return Table(frozenset(columns), frozenset(), frozenset(indexes), None)


@cache
def reference() -> Shape:
    """The schema a team book set up by this Rapport has (tables, columns, links, indexes;
    triggers and policies: ``expected_triggers``, ``expected_policies``)."""
    memory = peewee.SqliteDatabase(":memory:")
    try:
        for model in peewee.sort_models([*MODELS, SchemaInfo]):  # type: ignore[attr-defined]
            type(model._schema)(model, database=memory).create_all(safe=False)
        models = file_schema.read_shape(memory.connection())
    finally:
        memory.close()
    tables = {name: _comparable(table) for name, table in models.tables}
    for name in [*_book_tables(), _DRAFT]:
        added = {_text("author"), _text("private")}
        if name in postgres.VERSIONED:
            added |= {Column("version", "", True, None, 0), _text("changed_by")}
        if name != _DRAFT:
            added.add(Column(postgres.SAVED_IN, "", False, None, 0))
        tables[name] = replace(tables[name], columns=tables[name].columns | added)
    shared = Index(("name_key",), True, True)  # postgres.SHARED_NAME_INDEX
    tables["client"] = replace(tables["client"], indexes=tables["client"].indexes | {shared})
    tables[postgres.SEARCH_TABLE] = _search_table()
    tables[postgres.WORDS_TABLE] = _words_table()
    changes = [
        Column("changed_in", "", True, None, 0),
        Column("word", "", True, None, 0),
        Column("owner", "", True, None, 0),
        Column("docs", "", True, None, 0),
    ]
    tables[postgres.WORD_CHANGES] = Table(
        frozenset(changes), frozenset(), frozenset({Index(("changed_in",), False, False)}), None
    )
    kinds = tuple(sorted((name, "table") for name in tables))
    return Shape(kinds, tuple(sorted(tables.items())), (), ())


def _comparable(table: Table) -> Table:
    """Columns by name, NOT NULL and primary key only (types are named differently)."""
    columns = frozenset(Column(c.name, "", c.not_null, None, c.primary_key) for c in table.columns)
    return replace(table, columns=columns)


# -- what the server holds --------------------------------------------------------------------
# An extension's own tables and views are the extension's, made by a superuser's CREATE
# EXTENSION (pg_stat_statements, to watch the server's time, puts two views in the book's
# schema when it is the one first on the path): not the book's, not compared.
_RELATIONS = """
SELECT c.oid, c.relname, c.relkind, c.relrowsecurity FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype = 'e')
"""
_COLUMNS = """
SELECT a.attrelid, a.attname, a.attnotnull,
  coalesce((SELECT k.pos FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, pos)
            WHERE k.num = a.attnum), 0)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
WHERE c.relnamespace = current_schema()::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
"""
_INDEXES = """
SELECT i.indrelid, i.indisunique, i.indpred IS NOT NULL,
  ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, pos)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
        ORDER BY k.pos)
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relnamespace = current_schema()::regnamespace AND NOT i.indisprimary
"""
_LINKS = """
SELECT f.conrelid, a.attname, t.relname, b.attname, f.confupdtype, f.confdeltype
FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid
JOIN pg_class t ON t.oid = f.confrelid
JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[1]
JOIN pg_attribute b ON b.attrelid = f.confrelid AND b.attnum = f.confkey[1]
WHERE c.relnamespace = current_schema()::regnamespace AND f.contype = 'f'
"""
_TRIGGERS = """
SELECT c.relname, g.tgname, f.proname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
JOIN pg_proc f ON f.oid = g.tgfoid
WHERE c.relnamespace = current_schema()::regnamespace AND NOT g.tgisinternal
"""
_FUNCTIONS = """
SELECT p.proname, p.prosrc FROM pg_proc p
WHERE p.pronamespace = current_schema()::regnamespace AND starts_with(p.proname, 'rapport_')
"""
_POLICIES = """
SELECT c.relname, p.polname, p.polcmd, p.polpermissive, pg_get_expr(p.polqual, p.polrelid),
  pg_get_expr(p.polwithcheck, p.polrelid)
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
WHERE c.relnamespace = current_schema()::regnamespace
"""

# The storage options of the search's GIN indexes (``postgres.SEARCHED_GIN_INDEXES``).
_SEARCH_INDEX_OPTIONS = """
SELECT c.relname, coalesce(c.reloptions, '{}') FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(%s)
"""
WRITE_THROUGH = "fastupdate=off"


def problems() -> list[str]:
    """Where the team book's schema differs from the one Rapport makes, in words."""
    reads = (_RELATIONS, _COLUMNS, _INDEXES, _LINKS, _TRIGGERS, _POLICIES, _FUNCTIONS)
    rows = postgres.read_together(
        [
            *((text, []) for text in reads),
            (_SEARCH_INDEX_OPTIONS, [list(postgres.SEARCHED_GIN_INDEXES)]),
        ]
    )
    relations, columns, indexes, links, triggers, policies, functions, options = rows
    names = {oid: name for oid, name, _kind, _secure in relations}
    kinds = {name: _KINDS.get(kind, "table") for _oid, name, kind, _s in relations}
    secured = {name for _oid, name, _kind, secure in relations if secure}
    parts: dict[str, tuple[set[Column], set[Link], set[Index]]] = {
        name: (set(), set(), set()) for name in kinds
    }
    for oid, name, not_null, key in columns:
        if oid in names:
            parts[names[oid]][0].add(Column(name, "", bool(not_null), None, int(key)))
    for oid, unique, partial, keys in indexes:
        if oid in names:
            parts[names[oid]][2].add(Index(tuple(keys), bool(unique), bool(partial)))
    for oid, column, table, to, on_update, on_delete in links:
        if oid in names:
            link = Link(column, table, to, _ACTIONS[on_update], _ACTIONS[on_delete])
            parts[names[oid]][1].add(link)
    tables = tuple(
        sorted(
            (name, Table(frozenset(c), frozenset(li), frozenset(ix), None))
            for name, (c, li, ix) in parts.items()
            if kinds[name] == "table"
        )
    )
    actual = Shape(tuple(sorted(kinds.items())), tables, (), ())
    found = file_schema.differences(actual, reference())
    # What a table lacks is said of tables only (a view in a table's place is said above).
    present = {name for name, kind in kinds.items() if kind == "table"}
    found += _trigger_problems({(str(t), str(n), str(f)) for t, n, f in triggers}, present)
    bodies = {str(name): str(body) for name, body in functions}
    for name, body in sorted(expected_functions().items()):
        if name not in bodies:
            found.append(f"the function {name!r} is missing")
        elif bodies[name] != body:
            found.append(f"the function {name!r} is not the one Rapport makes")
    policies_found: set[Policy] = {
        (str(t), str(n), str(c), bool(p), q, w) for t, n, c, p, q, w in policies
    }
    found += _policy_problems(policies_found, present)
    for table in protected_tables():
        if kinds.get(table) == "table" and table not in secured:
            found.append(
                f"row-level security is off on {table}: every member sees the private rows"
            )
    found += [
        f"the search index {name} keeps new words in a pending list that every search "
        "reads (rapport team setup writes them into the index)"
        for name, settings in sorted(options)
        if WRITE_THROUGH not in settings
    ]
    return found


def _trigger_problems(actual: set[tuple[str, str, str]], present: set[str]) -> list[str]:
    expected = {trigger for trigger in expected_triggers() if trigger[0] in present}
    want = {trigger[:2] for trigger in expected}
    have = {trigger[:2] for trigger in actual}
    found = [f"the trigger {name!r} on {table} is missing" for table, name in sorted(want - have)]
    found += [
        f"it has a trigger {name!r} on {table} that Rapport does not make"
        for table, name in sorted(have - want)
    ]
    found += [
        f"the trigger {name!r} on {table} runs {function!r}, not what Rapport makes it run"
        for table, name, function in sorted(actual - expected)
        if (table, name) in want
    ]
    return found


def _as_shown(policy: Policy, shown: dict[str, str] | None) -> Policy:
    """``policy`` with its expressions as the server shows them (none: not compared)."""
    table, name, command, permissive, using, check = policy
    if shown is None:
        return (table, name, command, permissive, None, None)
    using = None if using is None else shown[using]
    return (table, name, command, permissive, using, None if check is None else shown[check])


def _policy_problems(actual: set[Policy], present: set[str]) -> list[str]:
    written = {policy for policy in expected_policies() if policy[0] in present}
    expressions = {e for policy in written for e in policy[4:] if e is not None}
    shown = _as_the_server_shows(expressions)
    if shown is None:  # compared without their expressions
        expected = {_as_shown(policy, None) for policy in written}
        actual = {_as_shown(policy, None) for policy in actual}
    else:
        expected = {_as_shown(policy, shown) for policy in written}
    want = {policy[:2] for policy in expected}
    have = {policy[:2] for policy in actual}
    found = [
        f"the privacy policy {name!r} on {table} is missing" for table, name in sorted(want - have)
    ]
    found += [
        f"it has a policy {name!r} on {table} that Rapport does not make"
        for table, name in sorted(have - want)
    ]
    found += [
        f"the privacy policy {policy[1]!r} on {policy[0]} is not the one Rapport makes"
        for policy in sorted(actual - expected, key=repr)
        if policy[:2] in want
    ]
    return found
