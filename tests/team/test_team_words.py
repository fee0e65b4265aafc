"""The book's words on a team book (``postgres.WORDS_TABLE``): every lexeme of the search
documents with how many documents hold it, kept by the documents' triggers, read by the
search instead of the documents (a query too common to rank, a word in no document, the
words closest to a typo). A member's private words are counted apart and read by that
member only; two saves at once neither deadlock over the counts nor lose one."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.pgserver import ADMIN, TeamBook

INTERACTION = 9 << 40  # the rowid of a conversation's document (store/search_text.py)

_RECOUNT = """
SELECT w.word, CASE WHEN d.private THEN d.author ELSE '' END, count(*)::int
FROM search_doc d, unnest(tsvector_to_array(d.words)) w(word) GROUP BY 1, 2
"""


def _counts(team_book: TeamBook) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
    """(the words table, the words counted again from every document), as the owner."""
    with team_book.server.connect("owner", team_book.database) as conn:
        kept = conn.execute("SELECT word, owner, docs FROM search_word WHERE docs <> 0").fetchall()
        counted = conn.execute(_RECOUNT).fetchall()
    return (
        {(word, owner): docs for word, owner, docs in kept},
        {(word, owner): docs for word, owner, docs in counted},
    )


# Whether ``rapport_find`` lists a word's documents as too common to rank (names first with
# -1, then the rest unranked, 0): the word given to count it by, read whole or as a prefix.
_TOO_COMMON = (
    "SELECT coalesce(bool_and(score IN (0, -1)), false) FROM rapport_find("
    "to_tsquery('simple', quote_literal(%(word)s) || CASE WHEN %(prefix)s THEN ':*' ELSE '' END), "
    "240, %(word)s, %(prefix)s)"
)


def _too_common(cursor: Any, word: str, prefix: bool) -> bool:
    return bool(cursor.execute(_TOO_COMMON, {"word": word, "prefix": prefix}).fetchone()[0])


def _insert_docs(conn: Any, texts: list[tuple[int, str]]) -> None:
    for ref, text in texts:
        conn.execute(
            "INSERT INTO search_doc (rowid, client_id, title, body, title_key, body_key) "
            "VALUES (%s, NULL, 'Note', %s, 'note', %s)",
            (INTERACTION | ref, text, text.lower()),
        )


def test_the_words_counts_follow_every_write_of_the_documents(team_book: TeamBook) -> None:
    """Saves, an edit, a deletion, a private capture and a document written again with the
    same words: the table says what counting every document again says."""
    from rapport.services import capture, clients, interactions

    for text in (
        "Lunch with Bob Smith, loves baseball and jazz.",
        "Call with Dana Reyes about the spring order; her son plays baseball.",
        "Met Bob Smith at the expo, talked about the renewal.",
    ):
        capture.save_capture(text, capture.understand_note(text))
    private = "Only me: Dana Reyes is unhappy with the pricing."
    capture.save_capture(private, capture.understand_note(private), private=True)
    (bob,) = [c for c in clients.list_clients() if c.name == "Bob Smith"]
    clients.update_client(bob.id, name="Robert Smith")
    talks = interactions.history(bob.id)
    interactions.delete_interaction(talks[0].id)
    kept, counted = _counts(team_book)
    assert kept == counted
    assert ("baseball", "") in kept and ("robert", "") in kept
    assert ("unhappy", "alice") in kept and ("unhappy", "") not in kept


def test_a_colleagues_private_words_are_neither_counted_nor_shown(team_book: TeamBook) -> None:
    """bob's private notes say "zanzibar" 1,600 times: to alice the word is in no document
    (no typo is corrected to it, no search of hers is told it is too common), and the words
    table shows her none of bob's rows; to bob it is a word too common to rank."""
    with team_book.server.connect("bob", team_book.database) as conn:
        _insert_docs(conn, [(900_000 + n, "zanzibar trip planning") for n in range(1600)])
    known = "SELECT rapport_known(ARRAY['zanzib', 'trip'])"
    similar = "SELECT keys FROM rapport_similar('zanzibat', 20)"
    with team_book.server.connect("alice", team_book.database) as conn:
        assert conn.execute(known).fetchone() == ([False, False],)
        assert conn.execute(similar).fetchall() == []
        assert conn.execute("SELECT count(*) FROM search_word").fetchone() == (0,)
        _insert_docs(conn, [(800_000, "zanzibar mentioned once")])  # her own, private to her
        assert conn.execute(known).fetchone() == ([True, False],)
        assert not _too_common(conn, "zanzibar", False)  # her one note, ranked
        assert conn.execute("SELECT DISTINCT owner FROM search_word").fetchall() == [("alice",)]
    with team_book.server.connect("bob", team_book.database) as conn:
        assert conn.execute(known).fetchone() == ([True, True],)
        assert _too_common(conn, "zanzibar", False)
        assert ("zanzibar",) in conn.execute(similar).fetchall()
    assert _counts(team_book)[0] == _counts(team_book)[1]


def test_a_word_too_common_to_rank_is_known_from_its_count_and_lists_what_counting_listed(
    team_book: TeamBook,
) -> None:
    """1,600 notes say "golf": a search for it, whole or typed, lists the client named Golf
    first, then notes in the order read, as when its documents were counted (no word given
    to count by); "chess" in 30 notes is ranked. The decision is the words table's: a count
    made to say "chess" is in 2,000 documents lists chess as too common."""
    from rapport.services import clients
    from rapport.store import search_pg

    golfer = clients.create_client("Gus Golf")
    with team_book.server.connect("alice", team_book.database) as conn:
        _insert_docs(conn, [(700_000 + n, f"golf day {n}") for n in range(1600)])
        _insert_docs(conn, [(600_000 + n, f"chess club {n}") for n in range(30)])
    for word, typing in (("golf", False), ("golf", True), ("gol", True), ("chess", False)):
        counted = search_pg._found([word], typing, False, 240, (60, 8))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(search_pg, "_counted", lambda *_: ("NULL, false", []))
            assert search_pg._found([word], typing, False, 240, (60, 8)) == counted
        if word != "chess":
            assert counted[0][1] == golfer.id and {f[2] for f in counted} == {-1.0, 0.0}
    with team_book.server.connect("alice", team_book.database) as conn:
        assert _too_common(conn, "golf", False) and _too_common(conn, "gol", True)
        assert not _too_common(conn, "gol", False)  # no note says "gol" whole
        assert not _too_common(conn, "chess", False)
    with team_book.server.connect("owner", team_book.database) as conn:
        conn.execute("UPDATE search_word SET docs = 2000 WHERE word = 'chess'")
    with team_book.server.connect("alice", team_book.database) as conn:
        assert _too_common(conn, "chess", False)


def test_two_transactions_counting_the_same_words_in_opposite_orders_do_not_deadlock(
    team_book: TeamBook,
) -> None:
    """Two windows of alice's: one writes a document saying "alpha", then one saying
    "beta"; the other "beta", then "alpha", at the same time, each in one transaction:
    without a lock taken before the first count, each held one word's row the other waited
    for, and the server ended one with a deadlock."""
    errors: list[BaseException] = []
    both = threading.Barrier(2)

    def write(role: str, first: str, second: str, ref: int) -> None:
        try:
            with team_book.server.connect(role, team_book.database) as conn:
                conn.execute("SET lock_timeout = '20s'")
                with conn.transaction():
                    _insert_docs(conn, [(ref, first)])
                    # The other has counted its first word too, or it waits for this
                    # one's lock (the way they cannot deadlock).
                    with contextlib.suppress(threading.BrokenBarrierError):
                        both.wait(timeout=2)
                    _insert_docs(conn, [(ref + 1, second)])
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=("alice", "alpha", "beta", 500_000)),
        threading.Thread(target=write, args=("alice", "beta", "alpha", 510_000)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    kept, counted = _counts(team_book)
    assert kept == counted
    assert kept[("alpha", "alice")] == kept[("beta", "alice")] == 2


_SAVE_LOOP = """
import sys
from rapport.services import capture
from rapport.services.book import open_book
open_book(sys.argv[1])
words = sys.argv[2].split()
for i in range(int(sys.argv[3])):
    text = f"Call {i} with Ann Lee about " + " and ".join(words[i % 3:] + words[:i % 3]) + "."
    capture.save_capture(text, capture.understand_note(text))
print("done")
"""


@pytest.mark.slow
def test_two_processes_saving_at_once_keep_every_count(team_book: TeamBook, tmp_path: Path) -> None:
    """alice and bob save notes about the same words, in turned orders, from two programs
    at once: every save is kept, and the counts are those of the documents."""
    rounds = 8
    running = []
    for role, words in (("alice", "pricing renewal baseball"), ("bob", "baseball renewal pricing")):
        env = {**os.environ, "RAPPORT_DATABASE_URL": team_book.url(role)}
        running.append(
            subprocess.Popen(
                [sys.executable, "-c", _SAVE_LOOP, str(tmp_path / role), words, str(rounds)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for process in running:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        assert out.strip() == "done"
    kept, counted = _counts(team_book)
    assert kept == counted
    assert kept[("renewal", "")] >= 2 * rounds


def test_a_book_set_up_before_the_words_table_is_counted_by_its_owners_window(
    team_book: TeamBook, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A book set up by the Rapport before (the trigram index over whole documents, no
    words table) asks its owner to set it up; the owner's window counts every document's
    words and retires the documents' trigram index; ``rapport check`` is clean."""
    from rapport.services import capture, dbcheck, search
    from rapport.services.book import close_book, open_book
    from rapport.store.postgres import TeamSetupError

    text = "Lunch with Bob Smith, loves baseball and jazz."
    capture.save_capture(text, capture.understand_note(text))
    close_book()
    with team_book.server.connect("owner", team_book.database) as conn:
        conn.execute("DROP TABLE search_word")
        for name in ("words_added", "words_changed", "words_removed"):
            conn.execute(f"DROP TRIGGER {name} ON search_doc")
        conn.execute("DROP FUNCTION rapport_find(tsquery, integer, text, boolean)")
        conn.execute("DROP FUNCTION rapport_known(text[])")
        conn.execute(
            "CREATE INDEX search_doc_trigrams ON search_doc "
            "USING gin ((title_key || ' ' || body_key) gin_trgm_ops)"
        )
    with pytest.raises(TeamSetupError, match="its owner runs `rapport team setup`"):
        open_book(data_dir)
    close_book()
    monkeypatch.setenv("RAPPORT_DATABASE_URL", team_book.url("owner"))
    open_book(data_dir)  # the owner's window sets it up
    assert dbcheck.check_database().schema == []
    close_book()
    with team_book.server.connect(ADMIN) as conn:  # the group of this copy of the template
        conn.execute(f"GRANT {team_book.database}_team TO alice")
    monkeypatch.setenv("RAPPORT_DATABASE_URL", team_book.url("alice"))
    open_book(data_dir)
    kept, counted = _counts(team_book)
    assert kept == counted and ("baseball", "") in kept
    with team_book.server.connect("owner", team_book.database) as conn:
        assert conn.execute("SELECT to_regclass('search_doc_trigrams')").fetchone() == (None,)
    hits = search.search("basebll")  # a typo, corrected from the book's words
    assert hits and "baseball" in (hits[0].title + hits[0].snippet).lower()


def test_rapport_check_names_counts_that_differ_and_team_setup_counts_them_again(
    team_book: TeamBook,
) -> None:
    """Counts gone wrong (one too high, one missing) are named by `rapport check` as a
    member sees them, a colleague's private word's count out of it (that it is wrong would
    tell her the word); `rapport team setup`, as the owner, counts every word again."""
    from rapport.services import capture, dbcheck

    text = "Lunch with Bob Smith, loves baseball and jazz."
    capture.save_capture(text, capture.understand_note(text))
    with team_book.server.connect("bob", team_book.database) as conn:
        _insert_docs(conn, [(900_000, "zanzibar trip planning")])  # bob's own: private
    assert dbcheck.check_database().ok
    with team_book.server.connect("owner", team_book.database) as conn:
        conn.execute("UPDATE search_word SET docs = docs + 3 WHERE word = 'baseball'")
        conn.execute("DELETE FROM search_word WHERE word = 'jazz'")
        conn.execute("UPDATE search_word SET docs = 7 WHERE word = 'zanzibar'")
    report = dbcheck.check_database()
    assert report.index.words_off == 2 and not report.ok
    assert report.lines()[-1] == (
        "search index: 2 of the book's word counts differ from its documents (the book's "
        "owner counts them again with rapport team setup)"
    )
    owner = team_book.url("owner")
    setup = subprocess.run(
        [sys.executable, "-m", "rapport", "--database-url", owner, "team", "setup"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert setup.returncode == 0, setup.stdout + setup.stderr
    kept, counted = _counts(team_book)
    assert kept == counted and kept[("zanzibar", "bob")] == 1
    assert dbcheck.check_database().ok
