"""Import and export through the services: preview, one transaction, merge rule, round trip."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from rapport.exchange import csv_io
from rapport.services import clients, exchange, facts, interactions, people, settings, tasks
from rapport.services.book import close_book
from rapport.store import models as m
from rapport.store.db import make_private, transaction
from tests.safety import book_content, vcard


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def rich_book() -> None:
    """A book with a row in every table, links between them, and awkward values."""
    ann = clients.create_client("Ann Lee", company="Lee & Co", emails=["ann@lee.com"])
    bob = clients.create_client(
        "Bob Smith", company='=HYPERLINK("http://x")', emails=["bob@acme.com"], cadence_days=30
    )
    clients.update_client(ann.id, referred_by_id=bob.id)  # a link to a later row
    jake = people.add_person(bob.id, "Jake", "son", birthday="2014-05-17", notes="travel baseball")
    people.add_date(bob.id, "anniversary", 6, 12, 2004)
    people.add_date(bob.id, "birthday", 2, 29, person_id=jake.id)
    talk = interactions.add_interaction(
        bob.id,
        "meeting",
        "2026-11-10 12:30",
        "Lunch at Rosa's",
        "Jake's tournament; née Müller",
        key_points=["pricing by Friday"],
        extracted={"people": [{"name": "Jake"}]},
    )
    facts.add_fact(bob.id, "Vegetarian", "dietary", ["vegetarian"], source_id=talk.id)
    facts.add_fact(bob.id, "Plays catcher", "interest", ["baseball"], person_id=jake.id)
    intro = m.Introduction.create(
        lead=ann.id, referrer=bob.id, note="met at expo", introduced_on=date(2026, 11, 1)
    )
    inbound = m.Inbound.create(
        client=bob.id,
        channel="voicemail",
        received_at=datetime(2026, 11, 17, 8, 0),
        summary="call back",
    )
    tasks.add_task(
        "Send the revised proposal",
        bob.id,
        "2026-11-20",
        "promise",
        interaction_id=talk.id,
        person_id=jake.id,
    )
    tasks.add_task(
        "Thank Bob for the intro",
        bob.id,
        None,
        "thank_referrer",
        introduction_id=intro.id,
        inbound_id=inbound.id,
    )
    tasks.add_task("Renew my licence", None, "2026-12-01")
    m.Gift.create(
        client=bob.id,
        person=jake.id,
        title="Baseball glove",
        given_on=date(2026, 6, 1),
        cost_cents=4999,
        tags=["baseball"],
    )
    m.Card.create(client=bob.id, interaction=talk.id, body="Dear Bob,\nthanks!", sent_at=None)
    m.Draft.create(text="half a note about Ann", client_hint="Ann")
    settings.set_many({"signature": "Best,\nMe", "backup_retention": {"daily": 3}})


def _export_json(path: Path) -> str:
    exchange.export(path)
    return "\n".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if '"exported_at"' not in line
    )


def test_json_round_trip_into_an_empty_book_is_identical(
    tmp_path: Path, books: Callable[[str], Path]
) -> None:
    books("a")
    try:
        rich_book()
        first = _export_json(tmp_path / "a.json")
    finally:
        close_book()
    books("b")
    try:
        plan = exchange.preview_import(tmp_path / "a.json")
        assert plan.format == "json"
        assert plan.count("new") == 2
        result = exchange.apply_import(plan)
        assert result.rows["task"] == 3 and result.rows["draft"] == 1
        second = _export_json(tmp_path / "b.json")
        # The search index was rebuilt from the imported rows.
        from rapport.store import search

        assert {h.title for h in search.search("tournament")} == {"Lunch at Rosa's"}
    finally:
        close_book()
    assert second == first
    tables = json.loads((tmp_path / "a.json").read_text())["tables"]
    assert set(tables) == {
        "client",
        "person",
        "interaction",
        "fact",
        "introduction",
        "inbound",
        "task",
        "gift",
        "important_date",
        "card",
        "setting",
        "draft",
    }
    assert all(tables[name] for name in tables), "every table has rows in this test"


def test_json_into_a_book_with_data_merges(tmp_path: Path, books: Callable[[str], Path]) -> None:
    books("a")
    try:
        rich_book()
        exchange.export(tmp_path / "a.json")
    finally:
        close_book()
    books("b")
    try:
        mine = clients.create_client("Zed Zebra")
        known = clients.create_client("Bob Smith", role="Buyer")  # matches by name
        plan = exchange.preview_import(tmp_path / "a.json")
        actions = {item.name: item.action for item in plan.items}
        assert actions == {"Ann Lee": "new", "Bob Smith": "known"}
        exchange.apply_import(plan)
        ann = clients.resolve("Ann Lee")
        bob = clients.get_client(known.id)
        # The known client keeps what the book had and gets only what was empty.
        assert bob.role == "Buyer"
        assert bob.emails == ["bob@acme.com"]
        assert bob.company == '=HYPERLINK("http://x")'
        # Their history in the file stays out; the new client comes with everything.
        assert clients.profile(known.id).interactions == []
        assert ann.referred_by_id == known.id, "a link to a matched client points at the book's"
        assert clients.profile(ann.id).introductions[0].referrer == "Bob Smith"
        assert clients.get_client(mine.id).name == "Zed Zebra"
        assert settings.get("signature") == "", "the book's settings win in a merge"
    finally:
        close_book()


def test_an_invalid_json_export_changes_nothing(tmp_path: Path, book: Path) -> None:
    clients.create_client("Keep Me")
    path = tmp_path / "bad.json"
    doc = {
        "format": "rapport",
        "version": 1,
        "tables": {
            "client": [{"id": 1, "name": "New"}],
            "person": [{"id": 1, "client_id": 99, "name": "Orphan", "relation": "son"}],
        },
    }
    path.write_text(json.dumps(doc))
    before = book_content(book)
    with pytest.raises(exchange.ImportFailed, match="points at client 99"):
        exchange.preview_import(path)
    assert book_content(book) == before


def test_vcard_import_plans_then_writes_new_known_and_skipped(tmp_path: Path, book: Path) -> None:
    bob = clients.create_client("Bob Smith", company="Acme", emails=["bob@acme.com"])
    people.add_person(bob.id, "Jake", "son")
    maria = clients.create_client("Maria Gonzalez")
    clients.create_client("John Smith")
    with transaction():  # a team book keeps one shared client per name: this one is ours
        make_private()
        clients.create_client("John Smith", company="Other")
    text = (
        vcard(
            "Robert Smith",
            "BOB@acme.com",
            "ORG:Wrong Co\nTITLE:Buyer\nTEL:555\n"
            "item1.X-ABRELATEDNAMES:Jake\nitem1.X-ABLabel:_$!<Child>!$_\n"
            "item2.X-ABRELATEDNAMES:Ellen\nitem2.X-ABLabel:_$!<Spouse>!$_",
        )
        + vcard("Maria Gonzales", "maria@peach.com", "BDAY:--0517\nNOTE:met at the expo")
        + vcard("Dana White", "dana@coastal.com")
        + vcard("Dana White", "", "TEL:555 0199")  # the same person twice in the file
        + vcard("Dana Whyte", "dana.whyte@example.com")  # a close name in the file: someone else
        + vcard("John Smith")  # two Johns in the book: ambiguous
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n"
    )
    path = _write(tmp_path / "contacts.vcf", text)
    before = book_content(book)
    plan = exchange.preview_import(path)
    assert book_content(book) == before, "a preview writes nothing"
    assert [(i.action, i.name) for i in plan.items] == [
        ("known", "Robert Smith"),
        ("known", "Maria Gonzales"),
        ("new", "Dana White"),
        ("known", "Dana White"),
        ("new", "Dana Whyte"),
        ("skipped", "John Smith"),
        ("skipped", ""),
    ]
    assert "same email" in plan.items[0].detail and "fills role, phones" in plan.items[0].detail
    assert "Maria Gonzalez (similar name); fills emails, notes" in plan.items[1].detail
    assert "same person as another entry of this file" in plan.items[3].detail
    assert "could be John Smith or John Smith" in plan.items[5].detail
    assert plan.items[6].detail == "no name" and plan.items[6].where == "card 7 (line 39)"
    result = exchange.apply_import(plan)
    # Dana's second entry goes into the new Dana: added, not also counted as updated.
    assert (result.added, result.updated, result.skipped) == (2, 2, 2)
    updated = clients.profile(bob.id)
    assert updated.client.company == "Acme", "filled fields only: the company was not empty"
    assert (updated.client.role, updated.client.phones) == ("Buyer", ["555"])
    assert [(p.name, p.relation) for p in updated.people] == [("Jake", "son"), ("Ellen", "spouse")]
    profile = clients.profile(maria.id)
    assert (profile.client.emails, profile.client.notes) == (["maria@peach.com"], "met at the expo")
    assert [(d.label, d.month, d.day) for d in profile.dates] == [("birthday", 5, 17)]
    dana = clients.resolve("Dana White")
    assert (dana.emails, dana.phones) == (["dana@coastal.com"], ["555 0199"])
    # Importing the same file again finds everyone and adds nothing.
    again = exchange.apply_import(exchange.preview_import(path))
    assert again.added == 0
    assert len(clients.list_clients()) == 6


def test_a_close_name_with_another_email_is_someone_else(tmp_path: Path, book: Path) -> None:
    clients.create_client("Ann Lee", emails=["ann@lee.com"])
    path = _write(tmp_path / "c.vcf", vcard("Anne Lee", "anne@other.org") + vcard("Ann Lea"))
    plan = exchange.preview_import(path)
    assert [(i.action, i.name) for i in plan.items] == [("new", "Anne Lee"), ("known", "Ann Lea")]


def test_a_failure_part_way_changes_nothing(
    tmp_path: Path, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clients.create_client("Already Here")
    son = "item1.X-ABRELATEDNAMES:Jake\nitem1.X-ABLabel:_$!<Child>!$_"
    cards = "".join(vcard(f"Person {n}", "", son) for n in range(300))
    path = _write(tmp_path / "c.vcf", cards + vcard("Already Here", "here@x.org"))
    plan = exchange.preview_import(path)
    before = book_content(book)
    from rapport.services import import_write

    def failing(client_id: int, contact: object, now: object) -> bool:
        # Every new client, person and search document is in by then.
        assert m.Client.select().count() == 301 and m.Person.select().count() == 300
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(import_write.merge, "fill", failing)
    with pytest.raises(OSError):
        exchange.apply_import(plan)
    assert book_content(book) == before


def test_cancel_rolls_everything_back(tmp_path: Path, book: Path) -> None:
    path = _write(tmp_path / "c.vcf", "".join(vcard(f"Person {n}") for n in range(400)))
    plan = exchange.preview_import(path)
    before = book_content(book)
    seen: list[int] = []
    with pytest.raises(exchange.ImportCancelled, match="nothing was written"):
        exchange.apply_import(plan, progress=lambda d, t: seen.append(d), cancel=lambda: bool(seen))
    assert seen, "progress was reported before the cancel"
    assert book_content(book) == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cut.vcf", (vcard("A") + vcard("B"))[:-15].encode(), "cut short"),
        ("binary.vcf", b"BEGIN:VCARD\r\n" + bytes(range(256)) * 64, "not a text file"),
        ("image.vcf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 500, "not a text file"),
        ("latin1.csv", "Name,Notes\nZoë Müller,café\n".encode("latin-1"), "--encoding cp1252"),
        ("empty.csv", b"", "empty"),
        ("nothing.vcf", b"hello\n", "no contacts found"),
        (
            "x.json",
            b'{"format": "rapport", "version": 1, "tables": {"client": [{"id": 1}]}}',
            "has no 'name'",
        ),
    ],
)
def test_malformed_files_are_refused_and_change_nothing(
    tmp_path: Path, book: Path, name: str, data: bytes, message: str
) -> None:
    clients.create_client("Keep Me", emails=["keep@me.com"])
    path = tmp_path / name
    path.write_bytes(data)
    before = book_content(book)
    with pytest.raises(exchange.ImportFailed, match=message):
        exchange.preview_import(path)
    assert book_content(book) == before


def test_a_50_megabyte_file_is_refused(tmp_path: Path, book: Path) -> None:
    path = tmp_path / "huge.vcf"
    chunk = vcard("Someone") * 1000
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    before = book_content(book)
    with pytest.raises(exchange.ImportFailed, match=r"huge.vcf is 50.\d MB; the limit"):
        exchange.preview_import(path)
    assert book_content(book) == before


def test_latin1_csv_after_asking_and_utf16_csv(tmp_path: Path, book: Path) -> None:
    latin = _write(tmp_path / "l.csv", "Name,Company\nZoë Müller,Café Größe\n", "cp1252")
    with pytest.raises(exchange.EncodingQuestion):
        exchange.preview_import(latin)
    plan = exchange.preview_import(latin, encoding="cp1252")
    assert plan.description.endswith("(Windows-1252)")
    exchange.apply_import(plan)
    assert clients.resolve("Zoë Müller").company == "Café Größe"
    utf16 = tmp_path / "u.csv"
    utf16.write_bytes("Name\tEmail\r\nØrsted Ålund\to@x.dk\r\n".encode("utf-16"))
    plan = exchange.preview_import(utf16)
    assert plan.encoding == "utf-16"
    exchange.apply_import(plan)
    assert clients.resolve("Ørsted Ålund").emails == ["o@x.dk"]


def test_links_and_formulas_in_imported_data_stay_text(
    tmp_path: Path, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import urllib.request
    import webbrowser

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an imported link was opened")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(webbrowser, "open", refuse)
    text = (
        "Name,Company,Notes,Website\r\n"
        '"=HYPERLINK(""http://evil.example"",""click"")",+cmd|calc,@SUM(1),file:///etc/passwd\r\n'
    )
    path = _write(tmp_path / "i.csv", text)
    mapping = {"Name": "name", "Company": "company", "Notes": "notes", "Website": "notes"}
    exchange.apply_import(exchange.preview_import(path, mapping=mapping))
    (row,) = clients.list_clients()
    client = clients.get_client(row.id)
    assert client.name == '=HYPERLINK("http://evil.example","click")'
    assert client.company == "+cmd|calc"
    assert client.notes == "@SUM(1)\nfile:///etc/passwd"
    exchange.export(tmp_path / "out.csv")
    exported = (tmp_path / "out-clients.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in exported and ",'+cmd|calc," in exported and "'@SUM(1)" in exported


@pytest.mark.slow
def test_ten_thousand_contacts_in_one_file(tmp_path: Path, book: Path) -> None:
    cards = "".join(
        vcard(
            f"Contact{n} Family{n % 97}",
            f"c{n}@example.com",
            f"ORG:Firm {n % 50}\nTEL:+1 555 {n:04d}",
        )
        for n in range(10_000)
    )
    path = _write(tmp_path / "big.vcf", cards)
    ticks: list[int] = []
    plan = exchange.preview_import(path, progress=lambda d, t: ticks.append(t))
    assert plan.count("new") == 10_000 and ticks
    result = exchange.apply_import(plan)
    assert result.added == 10_000
    assert len(clients.list_clients()) == 10_000
    assert clients.resolve("Contact9999 Family8").emails == ["c9999@example.com"]


def test_exports_are_private_and_csv_is_two_tables(tmp_path: Path, book: Path) -> None:
    rich_book()
    written = exchange.export(tmp_path / "book.csv")
    assert [p.name for p in written] == ["book-clients.csv", "book-tasks.csv"]
    folder = tmp_path / "folder"
    folder.mkdir()
    assert [p.name for p in exchange.export(folder, "csv")] == ["clients.csv", "tasks.csv"]
    for fmt in ("json", "vcard", "ics"):
        written += exchange.export(tmp_path / f"book.{fmt}", fmt)
    for path in written:
        assert path.stat().st_mode & 0o777 == 0o600, path
    tasks_csv = (tmp_path / "book-tasks.csv").read_text(encoding="utf-8-sig").splitlines()
    assert tasks_csv[0].startswith("id,title,client,client_id,kind,status,due")
    cards = (tmp_path / "book.vcard").read_text()
    assert "RELATED;TYPE=child;VALUE=text;X-RAPPORT-RELATION=son:Jake" in cards
    assert "ANNIVERSARY:20040612" in cards
    with pytest.raises(exchange.ValidationError, match="cannot tell the format"):
        exchange.export(tmp_path / "book.xyz")


def test_calendar_export_keeps_its_uids_so_calendars_update(tmp_path: Path, book: Path) -> None:
    from icalendar import Calendar

    rich_book()
    exchange.export(tmp_path / "one.ics")
    tasks.add_task("A new promise", clients.resolve("Ann Lee").id, "2026-12-24", "promise")
    exchange.export(tmp_path / "two.ics")

    def uids(name: str) -> set[str]:
        calendar = Calendar.from_ical((tmp_path / name).read_bytes())
        return {str(c["UID"]) for c in calendar.walk() if c.name in ("VTODO", "VEVENT")}

    first, second = uids("one.ics"), uids("two.ics")
    assert first < second and len(second - first) == 1
    calendar = Calendar.from_ical((tmp_path / "two.ics").read_bytes())
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert "Jake's birthday (Bob Smith's son)" in summaries
    assert "Bob Smith's anniversary" in summaries
    assert len(calendar.walk("VTODO")) == 4, "open tasks only, dated or not"


def _client_state(name: str) -> tuple[int | None, str | None, bool]:
    row = m.Client.get(m.Client.name == name)
    referrer = m.Client.get_by_id(row.referred_by_id).name if row.referred_by_id else None
    return row.cadence_days, referrer, row.archived_at is not None


def test_csv_round_trip_keeps_cadence_referrer_and_archive(
    tmp_path: Path, books: Callable[[str], Path]
) -> None:
    books("a")
    try:
        rich_book()  # Ann Lee was referred by Bob Smith, who comes after her; Bob's cadence 30
        carl = clients.create_client("Carl Old", cadence_days=90)
        clients.set_archived(carl.id, True)
        exchange.export(tmp_path / "book.csv")
    finally:
        close_book()
    books("b")
    try:
        plan = exchange.preview_import(tmp_path / "book-clients.csv")
        assert plan.flavour == "rapport" and plan.count("new") == 3
        exchange.apply_import(plan)
        assert _client_state("Ann Lee") == (None, "Bob Smith", False)
        assert _client_state("Bob Smith") == (30, None, False)
        assert _client_state("Carl Old") == (90, None, True)
    finally:
        close_book()


def test_csv_into_a_book_fills_cadence_and_referrer_but_keeps_its_clients_active(
    tmp_path: Path, book: Path
) -> None:
    clients.create_client("Ann Lee")
    clients.create_client("Bob Smith", cadence_days=14)
    header = ",".join(csv_io.RAPPORT_CLIENT_HEADER)
    _write(
        tmp_path / "clients.csv",
        f"{header}\n"
        "1,Ann Lee,,,,,,,Bob Smith,60,,,,2026-10-01 09:00\n"
        "2,Bob Smith,,,,,,,,30,,,,\n"
        "3,Dee New,,,,,,,Nobody Known,,,,,\n",
    )

    plan = exchange.preview_import(tmp_path / "clients.csv")
    details = {item.name: item.detail for item in plan.items}
    assert "fills cadence days" in details["Ann Lee"]
    assert "nothing new" in details["Bob Smith"]  # the book's cadence wins
    assert "referrer 'Nobody Known' not found, left out" in details["Dee New"]
    result = exchange.apply_import(plan)

    assert (result.added, result.updated) == (1, 1)
    assert _client_state("Ann Lee") == (60, "Bob Smith", False)  # archived in the file only
    assert _client_state("Bob Smith") == (14, None, False)
    assert _client_state("Dee New") == (None, None, False)


def _exported(tmp_path: Path) -> dict[str, object]:
    bob = clients.create_client("Bob Smith", emails=["bob@acme.com"], cadence_days=30)
    people.add_date(bob.id, "anniversary", 6, 12, 2004)
    tasks.add_task("Call Bob", bob.id, None)
    path = tmp_path / "good.json"
    exchange.export(path)
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_impossible_values_in_a_json_export_are_listed_and_nothing_is_written(
    tmp_path: Path, book: Path
) -> None:
    data = _exported(tmp_path)
    tables = data["tables"]
    assert isinstance(tables, dict)
    tables["important_date"] += [
        {**tables["important_date"][0], "id": 2, "month": 13},
        {**tables["important_date"][0], "id": 3, "month": 2, "day": 30, "year": None},
        {**tables["important_date"][0], "id": 4, "year": 99999},
    ]
    tables["task"][0]["status"] = "later"
    tables["client"][0]["cadence_days"] = -5
    tables["client"][0]["phones"] = [["555"]]
    path = _write(tmp_path / "bad.json", json.dumps(data))
    before = book_content(book)
    with pytest.raises(exchange.ImportFailed) as caught:
        exchange.preview_import(path)
    message = str(caught.value)
    for where in (
        "table 'client', row 1, column 'cadence_days': -5 is out of range (1 to 3660)",
        "table 'client', row 1, column 'phones' must be a list of texts",
        "table 'task', row 1, column 'status': 'later' is not one of open, done",
        "table 'important_date', row 2, column 'month': 13 is out of range (1 to 12)",
        "table 'important_date', row 3: 2/30 is not a real date",
        "table 'important_date', row 4, column 'year': 99999 is out of range (1800 to 2200)",
    ):
        assert where in message
    for text, why in (
        (path.read_text().replace('"schema_version": ', '"schema_version": 999'), "newer"),
        (path.read_text().replace('"id": 1,', '"id": ' + "1" * 4301 + ",", 1), "cannot be read"),
    ):
        _write(path, text)
        with pytest.raises(exchange.ImportFailed, match=why):
            exchange.preview_import(path)
    assert book_content(book) == before


def test_a_book_holding_impossible_dates_still_exports_and_briefs(
    tmp_path: Path, book: Path
) -> None:
    """Old imports let month 13, 30 February and year 99999 in: reading never fails."""
    from rapport.services import brief

    bob = clients.create_client("Bob Smith")
    jake = people.add_person(bob.id, "Jake", "son")
    people.add_date(bob.id, "birthday", 2, 29, 1980)
    with m.db.atomic():
        for month, day, year in ((13, 1, None), (2, 30, None), (3, 3, 99999), (0, 0, -5)):
            m.ImportantDate.create(
                client=bob.id, person=jake.id, label="birthday", month=month, day=day, year=year
            )
        m.ImportantDate.create(client=bob.id, label="anniversary", month=2, day=29, year=1981)
        m.Person.update(birthday=date(9999, 12, 31)).where(m.Person.id == jake.id).execute()
        m.ImportantDate.create(client=bob.id, label="wedding", month=12, day=31, year=9999)
    exchange.export(tmp_path / "book.ics")
    assert "SUMMARY:Bob Smith's anniversary" in (tmp_path / "book.ics").read_text()
    exchange.export(tmp_path / "book.vcf")
    shown = brief.brief(bob.id)
    assert {u.kind for u in shown.upcoming} <= {"birthday", "anniversary", "wedding"}
    assert {(d.month, d.day) for d in clients.profile(bob.id).dates} == {(2, 29), (12, 31)}
    # The JSON export keeps every row as it is: it is the whole book.
    exchange.export(tmp_path / "book.json")
    assert '"month": 13' in (tmp_path / "book.json").read_text()


def test_control_characters_are_removed_at_every_entry_point(tmp_path: Path, book: Path) -> None:
    from rapport.services import capture

    bob = clients.create_client("Bob\x1b]0;PWNED\x07 Smith", notes="line\r\nnext\x00\tend")
    assert (bob.name, bob.notes) == ("Bob]0;PWNED Smith", "line\nnext\tend")
    assert clients.update_client(bob.id, emails=["b\x00@x.org"]).emails == ["b@x.org"]
    assert people.add_person(bob.id, "Ja\x1bke", "son").name == "Jake"
    task = tasks.add_task("Call\x07 back", bob.id, None, notes="a\x00b")
    assert (task.title, task.notes) == ("Call back", "ab")
    assert tasks.update_task(task.id, title="Ring\x1b[2J").title == "Ring[2J"
    talk = interactions.add_interaction(bob.id, "call", None, "Ca\x00ll", "n\x1bote", ["p\x07"])
    assert (talk.title, talk.raw_text, talk.key_points) == ("Call", "note", ["p"])
    fact = facts.add_fact(bob.id, "Likes\x00 sailing", "interest", ["sail\x1b"])
    assert (fact.text, fact.tags) == ("Likes sailing", ["sail"])
    from rapport.services import gifts

    assert gifts.add_gift(bob.id, "Glo\x00ve", notes="w\x1bool").title == "Glove"
    text = "Met Bob Smith\x00 about Jake's \x1b[31mtournament"
    saved = capture.save_capture(text, capture.understand_note(text))
    note = m.Interaction.get_by_id(saved.interaction_id).raw_text
    assert note == "Met Bob Smith about Jake's [31mtournament"
    cards = vcard("Ann\x1b[2J Lee", "ann@lee.com", "NOTE:a\x07\\nb")
    plan = exchange.preview_import(_write(tmp_path / "c.vcf", cards))
    contact = plan.items[0].contact
    assert contact is not None and (contact.name, contact.notes) == ("Ann[2J Lee", "a\nb")
    rows = 'Name,Notes,Phone\r\n"Cy\x1b]0;x\x07 Ray","n\x7fo","5\x085"\r\n'
    plan = exchange.preview_import(_write(tmp_path / "c.csv", rows))
    contact = plan.items[0].contact
    assert contact is not None and (contact.name, contact.notes) == ("Cy]0;x Ray", "no")


def test_a_nul_byte_captured_survives_export_then_import_identically(
    tmp_path: Path, books: Callable[[str], Path]
) -> None:
    from rapport.services import capture

    books("a")
    try:
        text = "Lunch with Bob Smith\x00: Jake's tournament\x1b[2J on Saturday"
        capture.save_capture(text, capture.understand_note(text))
        first = _export_json(tmp_path / "a.json")
    finally:
        close_book()
    assert "\\u0000" not in first and "\\u001b" not in first
    books("b")
    try:
        exchange.apply_import(exchange.preview_import(tmp_path / "a.json"))
        second = _export_json(tmp_path / "b.json")
    finally:
        close_book()
    assert second == first


def test_a_known_client_gets_the_new_email_and_phone_added_never_replaced(
    tmp_path: Path, book: Path
) -> None:
    bob = clients.create_client("Bob Smith", emails=["bob@acme.com"], phones=["+1 555-0100"])
    ann = clients.create_client("Ann Lee", emails=["ann@lee.com"])
    _write(
        tmp_path / "c.csv",
        "Name,Email,Phone\n"
        "Bob Smith,bob@home.org,(555) 0199\n"
        "Ann Lee,ANN@lee.com,\n"
        "Robert Smith,BOB@acme.com,+1 555 0100\n",
    )
    plan = exchange.preview_import(tmp_path / "c.csv")
    details = [item.detail for item in plan.items]
    assert details[0] == "matches Bob Smith (same name); adds email bob@home.org, phone (555) 0199"
    assert details[1] == "matches Ann Lee (same email); nothing new"  # the same email, any case
    assert details[2].endswith("nothing new")  # the same phone, written another way
    result = exchange.apply_import(plan)
    assert (result.added, result.updated) == (0, 1)
    after = clients.get_client(bob.id)
    assert after.emails == ["bob@acme.com", "bob@home.org"]
    assert after.phones == ["+1 555-0100", "(555) 0199"]
    assert clients.get_client(ann.id).emails == ["ann@lee.com"]
    # Found by the new email next time.
    plan = exchange.preview_import(_write(tmp_path / "d.vcf", vcard("B. Smith", "bob@home.org")))
    assert plan.items[0].match_id == bob.id


def test_imported_notes_reach_the_brief_in_every_form(tmp_path: Path, book: Path) -> None:
    from rapport.cli.cmd_brief import brief_json, brief_text
    from rapport.render.brief_html import render
    from rapport.services import brief

    clients.create_client("Bob Smith", emails=["bob@acme.com"])
    _write(
        tmp_path / "c.csv",
        'Name,Email,Notes\nBob Smith,bob@acme.com,"Met at the Rotary gala\nLoves sailing"\n'
        "Ann Lee,ann@lee.com,Prefers email to calls\n",
    )
    exchange.apply_import(exchange.preview_import(tmp_path / "c.csv"))
    for name, notes in (
        ("Bob Smith", ["Met at the Rotary gala", "Loves sailing"]),
        ("Ann Lee", ["Prefers email to calls"]),
    ):
        shown = brief.brief(clients.resolve(name).id)
        text = brief_text(shown)
        assert all(f"  • {line}" in text.splitlines() for line in notes), text
        assert brief_json(shown)["client"]["notes"] == "\n".join(notes)
        page = render(shown)
        assert "Notes</h3>" in page and all(line in page for line in notes)


def test_a_client_written_by_another_program_during_the_import_is_merged_not_doubled(
    tmp_path: Path, book: Path
) -> None:
    from rapport.services import import_write
    from rapport.store.db import transaction

    cards = vcard("Dana White", "dana@coastal.com") + vcard("Eve Stone", "eve@stone.org", "TEL:5")
    plan = exchange.preview_import(_write(tmp_path / "c.vcf", cards))
    prepared = import_write.prepare(plan.items, lambda step: None)
    import_write.stage(prepared)
    try:
        # Quick capture, in the time between the preparation and the write.
        eve = clients.create_client("Eve Stone")
        with transaction():
            assert import_write.write(prepared) == (1, 1)
    finally:
        import_write.drop_stage()
    assert sorted(c.name for c in clients.list_clients()) == ["Dana White", "Eve Stone"]
    assert clients.get_client(eve.id).phones == ["5"]
    from rapport.store import search

    assert [h.title for h in search.search("coastal")] == ["Dana White"]
