"""A team book's search passes done on the server: the spread of a search's words over a
client's documents (``rapport_spread``) and whether the whole words are found often enough
not to read the word being typed as a prefix (``rapport_enough``). Each keeps another
member's private documents out, as every other way of searching does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.pgserver import ADMIN, TeamBook

INTERACTION = 9 << 40  # the rowid of a conversation's document (store/search_text.py)


def _sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    sent: list[str] = []
    execute = psycopg.Cursor.execute

    def recording(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(str(query))
        return execute(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", recording)
    return sent


def _bobs_private_documents(team_book: TeamBook, texts: list[tuple[int, int, str]]) -> None:
    """Documents only bob sees (a document whose row nobody sees is its writer's)."""
    with team_book.server.connect("bob", team_book.database) as conn:
        for ref, client_id, text in texts:
            conn.execute(
                "INSERT INTO search_doc (rowid, client_id, title, body, title_key, body_key) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                (INTERACTION | ref, client_id, "Note", text, "note", text.lower()),
            )


def _reference_spread(words: list[str], take: int) -> list[tuple[int, int]]:
    """The spread as Python made it before (every word's matches read with their client)."""
    from rapport.store import search_pg
    from rapport.store.models import db

    clients: set[int] | None = None
    matches: dict[int, int] = {}
    for word in sorted(words, key=len, reverse=True):
        query, params = search_pg._query([word], True, True)
        found = set()
        for rowid, client_id in db.execute_sql(
            f"SELECT rowid, client_id FROM rapport_find_all({query})", params
        ):
            matches[int(rowid)] = int(client_id)
            found.add(int(client_id))
        clients = found if clients is None else clients & found
        if not clients:
            return []
    assert clients is not None
    chosen = set(sorted(clients)[:20])
    rowids = sorted((r for r, c in matches.items() if c in chosen), reverse=True)
    return [(rowid, matches[rowid]) for rowid in rowids[:take]]


def test_the_spread_is_one_statement_and_finds_what_every_match_read_in_python_found(
    team_book: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """30 clients have a kid Jake and a tournament in separate documents (more than the 20
    clients a spread shows), some with one of the two only; bob's private notes say
    "tournament" of clients alice also sees. The spread made on the server lists the
    documents the Python one listed, in order, and none of bob's."""
    from rapport.services import clients, interactions, people
    from rapport.store import search_pg

    made = []
    for n in range(34):
        client = clients.create_client(f"Client {n:02d} Lane")
        made.append(client.id)
        if n % 17 != 5:
            people.add_person(client.id, "Jake", "son", age=10)
        if n % 11 != 3:
            interactions.add_interaction(
                client.id, "meeting", "2026-11-10 12:30", "Lunch", raw_text="A tournament soon."
            )
    _bobs_private_documents(
        team_book, [(900_000 + n, cid, "The tournament of jake") for n, cid in enumerate(made)]
    )
    for words, take in ((["jake", "tourn"], 240), (["tourn", "jake"], 7), (["jak", "lunc"], 240)):
        expected = _reference_spread(words, take)
        assert expected
        sent = _sent(monkeypatch)
        found = search_pg._spread(words, take)
        assert [(rowid, client_id) for rowid, client_id, *_ in found] == expected
        assert len(sent) == 1 and "rapport_spread" in sent[0]
        assert not any(rowid & ((1 << 40) - 1) >= 900_000 for rowid, *_ in found)
        monkeypatch.undo()
    assert search_pg._spread(["jake", "zzzqx"], 240) == []
    hits = search_pg.search("jake tourn", 200)
    assert hits and all(hit.spread for hit in hits)
    assert len({hit.client_id for hit in hits}) == 20  # of the 27 clients with both


def test_a_word_found_whole_in_a_colleagues_private_notes_is_still_read_as_a_prefix(
    team_book: TeamBook,
) -> None:
    """Whether "co" is found whole often enough counts only the documents the member sees:
    bob's 30 private notes saying "co" do not keep alice from finding Colby by the start of
    his name (nor tell her that someone's notes say it)."""
    from rapport.services import clients, search

    colby = clients.create_client("Colby Stone")
    _bobs_private_documents(
        team_book, [(800_000 + n, colby.id, "Acme Co. call") for n in range(30)]
    )
    assert colby.id in {hit.client_id for hit in search.search("co") if hit.kind == "client"}


def test_a_book_set_up_before_the_search_passes_asks_its_owner_who_sets_it_up(
    team_book: TeamBook, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.services import clients, search
    from rapport.services.book import close_book, open_book
    from rapport.store.postgres import TeamSetupError

    close_book()
    with team_book.server.connect("owner", team_book.database) as conn:
        conn.execute("DROP FUNCTION rapport_spread(tsquery[], integer)")
        conn.execute("DROP FUNCTION rapport_enough(tsquery)")
    with pytest.raises(TeamSetupError, match="its owner runs `rapport team setup`"):
        open_book(data_dir)
    close_book()
    monkeypatch.setenv("RAPPORT_DATABASE_URL", team_book.url("owner"))
    open_book(data_dir)  # the owner's window sets it up
    close_book()
    with team_book.server.connect(ADMIN) as conn:  # the group of this copy of the template
        conn.execute(f"GRANT {team_book.database}_team TO alice")
    monkeypatch.setenv("RAPPORT_DATABASE_URL", team_book.url("alice"))
    open_book(data_dir)
    clients.create_client("Bob Smith")
    assert [hit.title for hit in search.search("smi")] == ["Bob Smith"]
    assert search.search("bob zzzq") == []  # the spread runs, finds no client with both


def test_the_server_passes_follow_sqlites_numbers() -> None:
    from rapport.store import postgres, search

    assert (postgres.ENOUGH, postgres.SPREAD_CLIENTS) == (search.ENOUGH, search.SPREAD_CLIENTS)


_COUNTS = "SELECT word, owner, docs FROM search_word ORDER BY 1, 2"


def test_warming_a_connection_reaches_the_common_words_listing_and_never_a_private_word(
    team_book: TeamBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``search.warm`` makes a new connection's first call of every search pass, the
    listing of a word too common to rank included (1,600 notes say "golf"), on words the
    team sees: bob's private "zanzibar", in 1,700 of his notes, is never the word sent
    (nor are its counts read: the words are chosen on the server, among the shared ones).
    It reads and writes nothing the book keeps: the counts are what they were."""
    from rapport.services import clients, search
    from rapport.store.models import db

    golfer = clients.create_client("Gus Golfer")
    with team_book.server.connect("alice", team_book.database) as conn:  # shared notes
        for word, many in (("golf", 1600), ("chess", 10)):
            conn.execute(
                "WITH made AS (INSERT INTO interaction (client_id, kind, happened_at, title, "
                "raw_text, key_points, created_at) SELECT %(client)s, 'meeting', now(), 'Note', "
                "%(word)s || ' day ' || n, '[]', now() FROM generate_series(1, %(many)s) n "
                "RETURNING id, raw_text) "
                "INSERT INTO search_doc (rowid, client_id, title, body, title_key, body_key) "
                "SELECT %(kind)s | id, %(client)s, 'Note', raw_text, 'note', raw_text FROM made",
                {"client": golfer.id, "word": word, "many": many, "kind": INTERACTION},
            )
    with team_book.server.connect("bob", team_book.database) as conn:  # his own: private
        conn.execute(
            "INSERT INTO search_doc (rowid, client_id, title, body, title_key, body_key) "
            "SELECT %s + n, NULL, 'Note', 'zanzibar', 'note', 'zanzibar' "
            "FROM generate_series(1, 1700) n",
            (INTERACTION | 900_000,),
        )
    with team_book.server.connect("owner", team_book.database) as conn:
        counts = conn.execute(_COUNTS).fetchall()
    db.close()  # a new connection, as the window's search thread has
    sent: list[tuple[str, Any]] = []
    execute = psycopg.Cursor.execute

    def recording(self: Any, query: Any, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        sent.append((str(query), params))
        return execute(self, query, params, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", recording)
    search.warm()
    monkeypatch.undo()
    texts = " ".join(text for text, _ in sent)
    assert all(name in texts for name in ("rapport_find(", "rapport_enough(", "rapport_spread("))
    too_common = [p for text, p in sent if "rapport_find(" in text and "rapport_enough" not in text]
    assert any("golf" in (p or ()) for p in too_common)  # the listing of a common word
    assert not any("zanzibar" in str(p) for _, p in sent)
    with team_book.server.connect("owner", team_book.database) as conn:
        assert conn.execute(_COUNTS).fetchall() == counts
