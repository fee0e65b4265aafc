"""Search as users type it: prefixes, typos, odd characters, ranking, and index upkeep."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rapport.services import clients, dbcheck, facts, interactions, people, search, tasks
from rapport.services.book import close_book, open_book
from rapport.store import search as fts
from rapport.store.db import transaction
from tests.pgserver import NO_FTS5, OLD_FILE
from tests.querycount import counted


@pytest.fixture
def bob(any_book: Path) -> int:
    """Bob Smith and his family, and three other clients, in a book on each engine."""
    return _bob()


@pytest.fixture
def bob_in_a_file(book: Path) -> int:
    """``bob`` in a book in a file (the tests of SQLite's own index)."""
    return _bob()


def _bob() -> int:
    bob = clients.create_client("Bob Smith", company="Acme Supply", how_we_met="Expo 2024")
    people.add_person(bob.id, "Jake", "son", age=12)
    facts.add_fact(bob.id, "Son Jake, 12, plays travel baseball", "family", ["baseball"])
    interactions.add_interaction(
        bob.id,
        "meeting",
        "2026-11-10 12:30",
        "Lunch at Rosa's",
        raw_text="Talked shop for an hour. He has a big tournament in Augusta this weekend.",
        key_points=["Needs delivery by March"],
    )
    tasks.add_task("Send the revised proposal", bob.id, "2026-11-20", "promise")
    maria = clients.create_client("Maria Gonzalez", company="Peachtree Partners")
    facts.add_fact(maria.id, "Training for the Chicago marathon", "interest", ["running"])
    clients.create_client("José Núñez", company="Núñez Hermanos")
    clients.create_client("Frank O'Brien", notes="Met him at the smith's shop")
    return bob.id


def _found(query: str) -> list[tuple[str, str | None, str]]:
    return [(r.kind, r.client, r.title) for r in search.search(query)]


def test_basebal_finds_bob_by_prefix(bob: int) -> None:
    assert ("fact", "Bob Smith", "Son Jake, 12, plays travel baseball") in _found("basebal")


def test_jake_tourn_finds_bob_across_his_documents(bob: int) -> None:
    results = search.search("jake tourn")
    assert results
    assert {r.client for r in results} == {"Bob Smith"}
    assert all(r.spread for r in results)  # Jake and the tournament are in two documents
    assert {r.kind for r in results} >= {"person", "interaction"}


def test_a_word_found_nowhere_reads_no_stored_row_of_the_others(bob_in_a_file: int) -> None:
    # The words spread over a client's documents: "tournament" is in Bob's notes, "qqqqzz"
    # nowhere. Its matching nothing is known from the index alone: the stored rows (the
    # client of each match) of "tournament" are not read for a spread that cannot be.
    with counted() as statements:
        assert search.search("tournament qqqqzz") == []
    assert statements
    assert not [s for s in statements if "search_index_content" in s]
    assert search.search("jake tourn")  # a spread whose words are all found still is


@pytest.mark.sqlite_only(reason="reads SQLite's FTS5 tables (a team book searches with tsvector)")
def test_a_spread_reads_the_same_clients_from_the_content_table(bob_in_a_file: int) -> None:
    """The client of every match of a word, read from FTS5's content table in one
    statement (issue 22: asking FTS5 for client_id read each match's whole row with a
    statement of its own), is what FTS5 itself returns for every word of the book."""
    from rapport.store import models as m
    from rapport.store import sql

    other = clients.create_client("Jake Tournier", notes="Baseball coach")
    interactions.add_interaction(other.id, "call", "2026-11-12 09:00", "Tournament call")
    words: set[str] = set()
    for title, body in m.db.execute_sql("SELECT title, body FROM search_index"):
        words.update(fts.words_of(f"{title} {body}"))
    assert len(words) > 30
    for word in sorted(words):
        for expression in (fts.term(word, False), fts.term(word, True)):
            own = m.db.execute_sql(
                "SELECT rowid, client_id FROM search_index WHERE search_index MATCH ?",
                [expression],
            ).fetchall()
            assert sorted(sql.fts_matches_with_client(expression)) == sorted(own), expression
    spread = search.search("augusta jake")  # Bob's note and his son: over two documents
    assert spread and all(r.spread for r in spread)
    assert {r.client for r in spread} == {"Bob Smith"}


def test_snippets_keep_a_records_fields_apart(any_book: Path) -> None:
    ana = clients.create_client("Ana Ruiz", company="Ruiz Farms", phones=["555-0100", "555-0101"])
    people.add_person(ana.id, "Leo", "son", notes="Plays travel baseball.")
    person = next(r for r in search.search("leo") if r.kind == "person")
    assert person.snippet == "son · Plays travel baseball."
    found = next(r for r in search.search("ruiz farms") if r.kind == "client")
    assert found.snippet == "Ruiz Farms · 555-0100, 555-0101"


def test_all_words_in_one_document_win(bob: int) -> None:
    results = search.search("delivery march")
    assert results[0].kind == "interaction"
    assert not results[0].spread
    assert "\x02delivery\x03" in results[0].snippet_marked.lower()
    assert results[0].snippet == results[0].snippet_marked.replace("\x02", "").replace("\x03", "")


def test_a_typo_is_forgiven_when_nothing_matches(bob: int) -> None:
    assert ("fact", "Bob Smith", "Son Jake, 12, plays travel baseball") in _found("basball")
    assert ("fact", "Maria Gonzalez", "Training for the Chicago marathon") in _found("maraton")


def test_names_rank_before_other_mentions(bob: int) -> None:
    results = search.search("smith")
    assert results[0].kind == "client" and results[0].title == "Bob Smith"
    assert ("client", "Frank O'Brien") in [(r.kind, r.client) for r in results]


def test_accents_do_not_matter(bob: int) -> None:
    assert _found("nunez")[0] == ("client", "José Núñez", "José Núñez")
    assert _found("NÚÑEZ")[0][1] == "José Núñez"


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "jake*",
        "*",
        "-",
        "jake -baseball",
        "NEAR(jake baseball)",
        "NEAR",
        "(((",
        "jake AND",
        "OR",
        "AND OR NOT",
        "o'brien",
        "col:jake",
        "{title}: jake",
        "^jake",
        "jake + baseball",
        "\\",
        "%_%",
        "'; DROP TABLE client; --",
        "",
        "   ",
        "j" * 300,
        "a b c d e f g h i j k l m n o p",
    ],
)
def test_fts_syntax_typed_by_users_never_raises(bob: int, query: str) -> None:
    results = search.search(query)
    assert isinstance(results, list)
    assert clients.resolve("Bob Smith")  # and nothing was dropped


def test_operators_are_plain_words(bob: int) -> None:
    assert ("client", "Frank O'Brien", "Frank O'Brien") in _found("o'brien")
    assert _found("jake*") == _found("jake")
    # NEAR( is the word "near", not the operator
    assert _found("NEAR(jake baseball)") == []
    facts.add_fact(bob, "Lives near the lake")
    assert ("fact", "Bob Smith", "Lives near the lake") in _found("NEAR(lake")
    # "-baseball" is not "without baseball": it is the word baseball
    assert ("fact", "Bob Smith", "Son Jake, 12, plays travel baseball") in _found("jake -baseball")


def test_results_follow_edits_and_deletions(bob: int) -> None:
    fact = facts.add_fact(bob, "Loves fly fishing on the Madison")
    assert _found("madison")
    facts.update_fact(fact.id, text="Loves fly fishing on the Yellowstone")
    assert not _found("madison")
    assert _found("yellowstone")
    snapshot = clients.delete_client(bob)
    assert not _found("yellowstone")
    from rapport.services.undo import restore

    restore(snapshot)
    assert _found("yellowstone")
    assert dbcheck.check_index() == []


def test_per_kind_share(bob: int) -> None:
    for i in range(12):
        facts.add_fact(bob, f"Golf outing number {i}")
    everything = fts.search("golf", limit=50)
    shared = fts.search("golf", limit=50, per_kind=5)
    assert len(everything) == 12
    assert len(shared) == 5


def test_check_finds_missing_and_orphan_entries_and_rebuild_fixes_them(bob_in_a_file: int) -> None:
    bob = bob_in_a_file
    assert dbcheck.check_index() == []
    # Simulate drift: a row written behind the index's back, an entry for a deleted row.
    fts.unindex("person", [1])
    fts.index("task", 9999, bob, "A task that does not exist")
    problems = dbcheck.check_index()
    assert "1 person missing from the search index" in problems
    assert any("1 search index entry points at rows that no longer exist" in p for p in problems)
    assert search.rebuild_index() > 0
    assert dbcheck.check_index() == []
    assert ("person", "Bob Smith", "Jake") in _found("jake")


@pytest.mark.sqlite_only(reason=NO_FTS5)
def test_like_fallback_when_there_is_no_fts(
    bob_in_a_file: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    bob = bob_in_a_file
    monkeypatch.setattr(fts, "available", lambda: False)
    results = search.search("baseball")
    assert ("fact", "Bob Smith", "Son Jake, 12, plays travel baseball") in [
        (r.kind, r.client, r.title) for r in results
    ]
    assert "\x02baseball\x03" in results[0].title_marked + results[0].snippet_marked
    assert search.search("acme")[0].title == "Bob Smith"
    assert search.search('o"brien NEAR(') == []
    # words found only in list columns (tags, emails) too
    clients.update_client(bob, emails=["bob@acme.example"])
    facts.add_fact(bob, "Likes the outdoors", "interest", ["kayaking"])
    assert ("fact", "Likes the outdoors") in [(r.kind, r.title) for r in search.search("kayak")]
    assert ("client", "Bob Smith") in [(r.kind, r.title) for r in search.search("acme.example")]
    assert dbcheck.check_index() == []


@pytest.mark.sqlite_only(reason=OLD_FILE)
def test_old_rowid_scheme_is_migrated(data_dir: Path) -> None:
    open_book(data_dir)
    bob = clients.create_client("Bob Smith")
    people.add_person(bob.id, "Jake", "son")
    close_book()
    # Rewrite the index as versions 1-2 stored it (id * 16 + kind code) and go back to v2.
    conn = sqlite3.connect(data_dir / "rapport.db")
    codes = {15: 1, 14: 2}
    rows = conn.execute("SELECT rowid, title, body, client_id FROM search_index").fetchall()
    conn.execute("DELETE FROM search_index")
    for rowid, title, body, client_id in rows:
        old = (rowid & fts.ID_MASK) * 16 + codes[rowid >> fts.ID_BITS]
        conn.execute(
            "INSERT INTO search_index(rowid, title, body, client_id) VALUES (?, ?, ?, ?)",
            (old, title, body, client_id),
        )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    open_book(data_dir)
    try:
        assert [(r.kind, r.title) for r in search.search("jake")] == [("person", "Jake")]
        assert dbcheck.check_index() == []
    finally:
        close_book()


def test_group_orders_kinds(bob: int) -> None:
    grouped = search.group(search.search("jake"))
    kinds = [kind for kind, _ in grouped]
    assert kinds == sorted(kinds, key=search.KINDS.index)
    assert kinds[0] == "person"


def test_a_word_too_common_to_rank_still_puts_the_names_first(any_book: Path) -> None:
    # Above the rank cap (1,500 matches) ranking would read every match: the client whose
    # name has the word still comes first, and the list is full.
    tim = clients.create_client("Tim Harlow", company="Harlow Mills")
    other = clients.create_client("Dana Reyes")
    notes = [
        ("interaction", 10_000 + n, other.id, f"Call {n}", "We spent time on the timeline")
        for n in range(fts.RANK_CAP + 50)
    ]
    with transaction():
        fts.index_many(notes)
    found = search.search("tim", limit=20)
    assert found[0].client_id == tim.id and found[0].kind == "client"
    assert len(found) == 20
    assert {r.kind for r in search.search("timeline", limit=20)} == {"interaction"}
    assert len(search.search("timeline", limit=20)) == 20


def test_the_words_of_an_email_or_a_web_address_are_found(book: Path) -> None:
    """SQLite's tokenizer cuts "dana@coastal.com" into words; PostgreSQL's parser kept it
    whole, so "coastal" found nothing on a team book."""
    clients.create_client("Dana White", emails=["dana@coastal.com"], notes="see acme.com/deck")
    assert [h.title for h in search.search("coastal")] == ["Dana White"]
    assert [h.title for h in search.search("deck")] == ["Dana White"]


@pytest.mark.parametrize(
    ("query", "client"),
    [
        # a name's start ending in "y" after a vowel, the stemmer's y -> i (issue 22 found it)
        ("rey", "Dana Reyes"),
        ("dana rey", "Dana Reyes"),
        ("ray", "Raymond Ortiz"),
        ("ortiz ray", "Raymond Ortiz"),
        ("may", "Kayla Mayfield"),
        ("kay", "Kayla Mayfield"),
        ("joy", "Joyce Banner"),
        # the words themselves, whole or as a start, as before
        ("kelly", "Kelly Strand"),
        ("kell", "Kelly Strand"),
        ("reyes", "Dana Reyes"),
        ("raymond", "Raymond Ortiz"),
    ],
)
def test_a_names_start_ending_in_y_finds_the_name(any_book: Path, query: str, client: str) -> None:
    for name in ("Dana Reyes", "Raymond Ortiz", "Kayla Mayfield", "Joyce Banner", "Kelly Strand"):
        clients.create_client(name)
    assert [r.title for r in search.search(query) if r.kind == "client"] == [client]


@pytest.mark.parametrize("whole", [fts.ENOUGH, fts.ENOUGH - 1])
def test_a_word_found_whole_often_enough_is_not_read_as_a_prefix_too(
    any_book: Path, whole: int
) -> None:
    """The word being typed is read as a prefix as well only when the whole words match
    fewer than ENOUGH documents, on both engines ("co." on a team book read as a prefix
    of 63,500 documents' words where 247 have "co"): with enough notes saying "co", "co"
    does not find Colby; with one fewer it does, as "col" always does."""
    colby = clients.create_client("Colby Stone")
    other = clients.create_client("Dana Reyes")
    notes = [
        ("interaction", 10_000 + n, other.id, f"Call {n}", "Spoke with Acme Co. today")
        for n in range(whole)
    ]
    with transaction():
        fts.index_many(notes)
    found = {hit.client_id for hit in search.search("co") if hit.kind == "client"}
    assert (colby.id in found) is (whole < fts.ENOUGH)
    assert colby.id in {hit.client_id for hit in search.search("col") if hit.kind == "client"}
