"""The sample book: the curated default makes every screen alive; the scaled one is
deterministic, complete, all-or-nothing and cancellable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from rapport import clock
from rapport.sample import demo
from rapport.sample.demo import DemoSummary, load_demo
from rapport.sample.sources import read_json
from rapport.services import indexing, settings
from rapport.services.book import close_book, open_book
from rapport.services.interactions import CONTACT_KINDS
from rapport.services.undo import INSERT_ORDER
from rapport.store import models as m
from rapport.store import search

TODAY = date(2026, 11, 18)


@pytest.fixture
def curated(book: Path) -> DemoSummary:
    return load_demo()


def _counts() -> dict[str, int]:
    counts = {model.__name__: model.select().count() for model in INSERT_ORDER}
    counts["SearchDoc"] = search.SearchDoc.select().count()
    return counts


def _next_occurrence(month: int, day: int, today: date) -> date:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February in a common year
            candidate = date(year, 3, 1)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable")


# --- the curated default book -------------------------------------------------------


def test_default_book_is_about_25_clients_and_fills_every_table(curated: DemoSummary) -> None:
    assert 20 <= curated.clients <= 30
    assert curated.clients == m.Client.select().count()
    assert curated.interactions == m.Interaction.select().count()
    assert curated.tasks == m.Task.select().count()
    assert not curated.cancelled
    empty = [name for name, count in _counts().items() if count == 0]
    assert empty == []


def test_default_book_has_open_promises_overdue_today_and_tomorrow(curated: DemoSummary) -> None:
    open_promises = m.Task.select().where(m.Task.status == "open", m.Task.promised == True)  # noqa: E712
    dues = [t.due for t in open_promises]
    assert any(d is not None and d < TODAY for d in dues)
    assert any(d is None for d in dues)
    assert any(
        d is not None and TODAY + timedelta(days=5) <= d <= TODAY + timedelta(days=9) for d in dues
    )
    open_dues = [t.due for t in m.Task.select().where(m.Task.status == "open")]
    assert TODAY in open_dues
    assert TODAY + timedelta(days=1) in open_dues
    kinds = {t.kind for t in m.Task.select()}
    assert {"promise", "follow_up", "reply", "thank_referrer", "introduction"} <= kinds


def test_done_promises_are_mostly_on_time_with_one_late(curated: DemoSummary) -> None:
    done = list(m.Task.select().where(m.Task.status == "done", m.Task.promised == True))  # noqa: E712
    late = [t for t in done if t.done_at.date() > t.due]
    assert len(done) >= 4
    assert len(late) == 1
    assert late[0].late_notice_at is not None


def test_a_voicemail_waits_two_days_and_an_email_was_answered(curated: DemoSummary) -> None:
    now = clock.now()
    waiting = [
        i
        for i in m.Inbound.select().where(m.Inbound.answered_at.is_null())
        if i.channel == "voicemail" and now - i.received_at >= timedelta(days=2)
    ]
    assert waiting
    assert m.Task.select().where(m.Task.inbound == waiting[0].id, m.Task.kind == "reply").exists()
    answered = m.Inbound.select().where(
        m.Inbound.channel == "email", m.Inbound.answered_at.is_null(False)
    )
    assert all(i.answered_at >= i.received_at for i in answered)
    assert answered.exists()


def test_an_introduction_awaits_thanks_with_its_tasks(curated: DemoSummary) -> None:
    intro = (
        m.Introduction.select()
        .where(m.Introduction.thanked_at.is_null(), m.Introduction.referrer.is_null(False))
        .get()
    )
    lead = m.Client.get_by_id(intro.lead_id)
    assert lead.referred_by_id == intro.referrer_id
    kinds = {t.kind: t for t in m.Task.select().where(m.Task.introduction == intro.id)}
    assert kinds["thank_referrer"].client_id == intro.referrer_id
    assert kinds["introduction"].client_id == intro.lead_id
    assert all(t.status == "open" for t in kinds.values())


def test_dates_gifts_and_people(curated: DemoSummary) -> None:
    upcoming = [
        d
        for d in m.ImportantDate.select()
        if (_next_occurrence(d.month, d.day, TODAY) - TODAY).days <= 14
    ]
    assert any(d.label == "birthday" for d in upcoming)
    assert any(d.label == "wedding anniversary" for d in upcoming)
    assert any(
        (_next_occurrence(d.month, d.day, TODAY) - TODAY).days > 60
        for d in m.ImportantDate.select()
    )
    given = list(m.Gift.select().where(m.Gift.status == "given"))
    assert given and all(g.occasion and g.given_on < TODAY for g in given)
    assert any(g.reaction for g in given)
    assert m.Gift.select().where(m.Gift.status == "planned").exists()
    people = list(m.Person.select())
    assert any(p.age is not None and p.age_as_of is not None for p in people)
    assert any(p.birthday is not None and p.birthday <= TODAY for p in people)
    assert {"dog", "cat"} <= {p.relation for p in people}


def test_facts_cover_interests_diet_and_one_sensitive_note(curated: DemoSummary) -> None:
    tags = {tag for fact in m.Fact.select() for tag in fact.tags}
    assert {"baseball", "golf", "fly fishing", "wine", "marathon", "jazz"} <= tags
    assert {"vegetarian", "gluten-free", "no alcohol"} <= tags
    assert all(tag == tag.lower() for tag in tags)
    sensitive = [f.text for f in m.Fact.select().where(m.Fact.category == "sensitive")]
    assert sensitive == ["Father in the hospital after a fall — be gentle."]


def test_thank_yous_owed_only_for_recent_meetings(curated: DemoSummary) -> None:
    owed = list(
        m.Interaction.select().where(
            m.Interaction.kind == "meeting", m.Interaction.thanked_at.is_null()
        )
    )
    assert 1 <= len(owed) <= 2
    assert all((TODAY - i.happened_at.date()).days <= 1 for i in owed)
    meetings = m.Interaction.select().where(m.Interaction.kind == "meeting").count()
    assert meetings >= 10


def test_some_clients_are_out_of_touch_and_one_is_archived(curated: DemoSummary) -> None:
    default_cadence = settings.get("default_cadence_days")
    active = m.Client.select().where(m.Client.archived_at.is_null())
    late = [
        c
        for c in active
        if c.last_contact_at is not None
        and (TODAY - c.last_contact_at.date()).days > (c.cadence_days or default_cadence)
    ]
    assert 2 <= len(late) <= 5
    assert m.Client.select().where(m.Client.archived_at.is_null(False)).count() == 1
    assert m.Client.select().where(m.Client.referred_by.is_null(False)).count() >= 2
    assert m.Client.select().where(m.Client.cadence_days.is_null(False)).count() >= 3


def test_history_spans_the_year_with_every_kind(curated: DemoSummary) -> None:
    kinds = {i.kind for i in m.Interaction.select()}
    assert {"meeting", "call", "email", "voicemail", "note", "text"} <= kinds
    oldest = m.Interaction.select().order_by(m.Interaction.happened_at).first()
    assert (TODAY - oldest.happened_at.date()).days > 180
    with_points = m.Interaction.select().where(m.Interaction.key_points != "[]").count()
    assert with_points > 0.8 * m.Interaction.select().count()


def test_search_finds_a_client_by_an_interest_word(curated: DemoSummary) -> None:
    hits = search.search("fly fishing")
    assert hits
    names = {m.Client.get_by_id(h.client_id).name for h in hits}
    assert "Tom Okafor" in names
    assert any(h.kind == "client" for h in search.search("Whitfield"))


# --- invariants that hold for both books ---------------------------------------------


def _check_invariants() -> None:
    now = clock.now()
    for client in m.Client.select():
        contacts = [
            i.happened_at
            for i in m.Interaction.select().where(m.Interaction.client == client.id)
            if i.kind in CONTACT_KINDS
        ]
        assert client.last_contact_at == (max(contacts) if contacts else None), client.name
    assert not m.Interaction.select().where(m.Interaction.happened_at > now).exists()
    for task in m.Task.select():
        if task.due is not None:
            assert task.created_at.date() <= task.due, task.title
        assert task.created_at <= now
        if task.status == "done":
            assert task.done_at is not None and task.created_at <= task.done_at <= now
        else:
            assert task.status == "open" and task.done_at is None
    # One document per searchable row, with exactly the indexers' text.
    docs = {d.rowid: d for d in search.SearchDoc.select()}
    expected = 0
    for model, kind in indexing.KIND_OF_MODEL.items():
        make = indexing.DOC_OF_MODEL[model]
        for row in model.select():
            expected += 1
            doc = docs[search.doc_rowid(kind, row.id)]
            assert (doc.title, doc.body) == make(row.__data__)
    assert len(docs) == expected


def test_default_book_invariants(curated: DemoSummary) -> None:
    _check_invariants()


def test_scaled_book_invariants(book: Path) -> None:
    load_demo(clients=60, notes=900, seed=3)
    _check_invariants()


def test_loading_twice_adds_a_second_book_without_id_clashes(book: Path) -> None:
    first = load_demo()
    second = load_demo(clients=30, notes=120, seed=2)
    assert m.Client.select().count() == first.clients + second.clients
    _check_invariants()


# --- the scaled book -----------------------------------------------------------------


def _snapshot(data_dir: Path) -> tuple[list[str], dict[str, int], list[tuple[object, ...]]]:
    open_book(data_dir)
    try:
        load_demo(clients=200, notes=3000, seed=7)
        names = [c.name for c in m.Client.select().order_by(m.Client.id)]
        talks = list(
            m.Interaction.select(
                m.Interaction.client,
                m.Interaction.kind,
                m.Interaction.happened_at,
                m.Interaction.title,
                m.Interaction.raw_text,
            )
            .order_by(m.Interaction.id)
            .tuples()
        )
        return names, _counts(), talks
    finally:
        close_book()


def test_same_seed_same_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A fixed time of day too, so that even "today at 10:30" capped to now is identical.
    monkeypatch.setenv("RAPPORT_TODAY", "2026-11-18T15:00:00")
    one = _snapshot(tmp_path / "one")
    two = _snapshot(tmp_path / "two")
    assert one == two
    names, counts, _ = one
    assert len(names) == len(set(names)) == 200
    assert counts["Client"] == 200
    assert counts["Interaction"] == 3000


def test_other_seed_other_book(book: Path) -> None:
    load_demo(clients=20, notes=100, seed=1)
    first = [c.name for c in m.Client.select()]
    load_demo(clients=20, notes=100, seed=2)
    second = [c.name for c in m.Client.select()][20:]
    assert first != second


def test_scaled_counts_and_heavy_tail(book: Path) -> None:
    summary = load_demo(clients=200, notes=3000, seed=7)
    assert (summary.clients, summary.interactions) == (200, 3000)
    per_client = sorted((c.interactions.count() for c in m.Client.select()), reverse=True)
    assert per_client[0] >= 100  # a key account
    assert per_client[len(per_client) // 2] <= 20  # most have a handful


def test_clients_without_notes_get_eight_each(book: Path) -> None:
    summary = load_demo(clients=10)
    assert (summary.clients, summary.interactions) == (10, 80)


def test_progress_is_reported_up_to_the_total(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "FLUSH_ROWS", 500)
    calls: list[tuple[int, int]] = []
    load_demo(clients=200, notes=3000, seed=7, progress=lambda d, t: calls.append((d, t)))
    assert len(calls) > 3
    assert calls[-1] == (3200, 3200)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


@pytest.fixture
def small_flushes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Several writes before the end, so that a cancel really has rows to roll back.
    monkeypatch.setattr(demo, "FLUSH_ROWS", 500)
    yield


def test_cancel_after_first_progress_leaves_the_book_empty(book: Path, small_flushes: None) -> None:
    calls: list[int] = []
    summary = load_demo(
        clients=200,
        notes=3000,
        seed=7,
        progress=lambda d, t: calls.append(d),
        cancel=lambda: bool(calls),
    )
    assert summary == DemoSummary(0, 0, 0, cancelled=True)
    assert len(calls) == 1 and calls[0] < 3200
    assert set(_counts().values()) == {0}


def test_cancel_leaves_an_existing_book_as_it_was(book: Path, small_flushes: None) -> None:
    load_demo()
    before = _counts()
    summary = load_demo(clients=200, notes=3000, seed=7, cancel=lambda: True)
    assert summary.cancelled
    assert _counts() == before


def test_a_failure_part_way_writes_nothing(
    book: Path, small_flushes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = indexing.index_rows
    calls = []

    def failing(model: type[m.BaseModel], rows: object) -> int:
        calls.append(model)
        if len(calls) > 12:
            raise RuntimeError("disk on fire")
        return real(model, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(indexing, "index_rows", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        load_demo(clients=200, notes=3000, seed=7)
    assert set(_counts().values()) == {0}


def test_sources_ship_as_package_data() -> None:
    for name in ("book", "names", "companies", "interests", "family", "conversations", "promises"):
        assert read_json(f"{name}.json")
    book_data = read_json("book.json")
    names = [c["name"] for c in book_data["clients"]]
    assert len(names) == len(set(names))


def test_yearly_dates_are_real_dates_around_a_leap_day(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Kevin's birthday is "in 5 days" = 29 February 2028; born 47 years earlier, in 1981.
    monkeypatch.setenv("RAPPORT_TODAY", "2028-02-24")
    open_book(data_dir)
    try:
        load_demo()
        load_demo(clients=300, notes=600, seed=5)
        for row in m.ImportantDate.select():
            date(row.year or 2000, row.month, row.day)  # raises for 29 February 1981
        _check_invariants()
    finally:
        close_book()


def test_a_seed_gives_the_same_book_on_any_day_and_hour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    books = []
    for moment in ("2026-11-18T06:05:00", "2026-11-18T23:55:00", "2027-03-02T12:00:00"):
        monkeypatch.setenv("RAPPORT_TODAY", moment)
        names, counts, talks = _snapshot(tmp_path / moment.replace(":", ""))
        books.append((names, counts, [(client, kind) for client, kind, *_ in talks]))
    assert books[0] == books[1] == books[2]
