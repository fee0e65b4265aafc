"""Phone publishing against a real Radicale server (tests/dav_server.py) on 127.0.0.1.

What the server holds is read back over HTTP and parsed with vobject and icalendar;
what a publish sent is counted from the server's own record of requests.
"""

from __future__ import annotations

import json
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import keyring
import pytest
import requests
import vobject

from rapport.core import caller_id
from rapport.core.understand.ask import about as ask_about
from rapport.exchange.dav import DavSession
from rapport.services import brief as brief_service
from rapport.services import clients, facts, interactions, people, phone, tasks
from tests.dav_server import USERS, DavServer, MemoryKeyring

PASSWORD = USERS["rep"]


@pytest.fixture(autouse=True)
def _no_remembered_passwords() -> Iterator[None]:
    phone._session_passwords.clear()
    yield
    phone._session_passwords.clear()


@pytest.fixture
def keychain() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(before)


@pytest.fixture
def bob(book: Path) -> int:
    bob = clients.create_client(
        "Bob Smith", company="Acme Supply", role="Buyer", phones=["+1 555 0100"]
    )
    jake = people.add_person(bob.id, "Jake", "son", age=12, age_as_of="2026-01-10")
    emma = people.add_person(bob.id, "Emma", "daughter", age=9, age_as_of="2026-01-10")
    people.add_date(bob.id, "birthday", 12, 3, 2013, person_id=jake.id)
    people.add_date(bob.id, "anniversary", 6, 14, 2005)
    lunch = interactions.add_interaction(
        bob.id,
        "meeting",
        "2026-11-10 12:30",
        "Lunch at Rosa's",
        raw_text="Talked rollout.",
        key_points=["Q1 rollout, trucks by March"],
    )
    facts.add_fact(bob.id, "Jake plays baseball", "family", ["baseball"], jake.id, lunch.id)
    facts.add_fact(bob.id, "Emma plays soccer", "family", ["soccer"], emma.id, lunch.id)
    facts.add_fact(bob.id, "Emma is in chemo", "sensitive", ["oncology"], emma.id, lunch.id)
    tasks.add_task("revised pricing", bob.id, "2026-11-23", "promise")
    return bob.id


@pytest.fixture
def ann(book: Path) -> int:
    ann = clients.create_client("Ann Lee", company="Lee Bakery")
    people.add_date(ann.id, "birthday", 2, 29, 1980)
    tasks.add_task("Call back about the order", ann.id, "2026-11-19", "reply")
    return ann.id


def _set_up(server: DavServer) -> phone.PhoneConfig:
    return phone.setup(server.url, "rep", PASSWORD).config


def _get(url: str) -> str:
    response = requests.get(url, auth=("rep", PASSWORD), timeout=10)
    response.raise_for_status()
    return response.text


def _held(config: phone.PhoneConfig) -> dict[str, Any]:
    """{uid: parsed item} of what the server's two Rapport collections hold now."""
    found: dict[str, Any] = {}
    with DavSession(config.url, config.user, PASSWORD) as session:
        for collection, parse in (
            (config.addressbook, vobject.readOne),
            (config.calendar, icalendar.Calendar.from_ical),
        ):
            for path in session.list(collection):
                item = parse(_get(config.url.rstrip("/") + path))
                if isinstance(item, icalendar.Calendar):
                    (event,) = item.walk("VEVENT")
                    found[str(event["UID"])] = event
                else:
                    found[item.uid.value] = item
    return found


def test_setup_makes_two_collections_and_touches_no_other(bob: int, dav_server: DavServer) -> None:
    # The user's own calendar, there before Rapport.
    mine = dav_server.url + "rep/personal/"
    made = requests.request("MKCALENDAR", mine, auth=("rep", PASSWORD), timeout=10)
    assert made.status_code == 201
    dav_server.requests.clear()
    config = _set_up(dav_server)
    names = dav_server.collection_names("rep")
    assert "personal" in names
    made = [n for n in names if n != "personal"]
    assert sorted(made) == sorted(
        [
            config.addressbook.rstrip("/").rsplit("/", 1)[1],
            config.calendar.rstrip("/").rsplit("/", 1)[1],
        ]
    )
    assert config.addressbook.endswith("-contacts/") and config.calendar.endswith("-calendar/")
    phone.publish()
    assert not [p for m, p in dav_server.requests if "/personal/" in p and m != "PROPFIND"]
    # Setting up again finds them: nothing is made twice.
    dav_server.requests.clear()
    assert _set_up(dav_server) == config
    assert not [m for m, _ in dav_server.requests if m in ("MKCOL", "MKCALENDAR")]


def test_nothing_is_set_up_until_the_user_does(bob: int) -> None:
    assert phone.load_config() is None
    with pytest.raises(phone.PhoneError, match="not set up"):
        phone.publish()


def test_publish_puts_a_card_per_active_client_and_the_calendar(
    bob: int, ann: int, dav_server: DavServer
) -> None:
    gone = clients.create_client("Gone Client")
    clients.set_archived(gone.id, True)
    config = _set_up(dav_server)
    result = phone.publish()
    assert result.count("create") == 7 and not result.count("update")
    held = _held(config)
    cards = {uid: item for uid, item in held.items() if uid.startswith("client-")}
    assert sorted(c.fn.value for c in cards.values()) == ["Ann Lee", "Bob Smith"]
    card = next(c for c in cards.values() if c.fn.value == "Bob Smith")
    note = card.note.value
    assert note.splitlines() == [
        "Kids Jake 12 baseball, Emma 9 soccer",
        "Last: Q1 rollout, trucks by March",
        "Owe: revised pricing Mon",
    ]
    assert "oncology" not in note and "chemo" not in str(held)  # sensitive: off the phone
    assert card.tel.value == "+1 555 0100" and card.org.value == ["Acme Supply"]
    assert card.anniversary.value == "20050614"
    # The brief's words come from the brief itself (the window's and `rapport brief`'s).
    composed = brief_service.compose_profile(caller_id.for_phone(brief_service.brief_profile(bob)))
    assert note == caller_id.note(composed)
    events = {str(e["SUMMARY"]): e for uid, e in held.items() if not uid.startswith("client-")}
    assert set(events) == {
        "Jake's birthday (Bob Smith's son)",
        "Bob Smith's anniversary",
        "Owe Bob Smith: revised pricing",
        "Ann Lee's birthday",
        "Reply to Ann Lee: Call back about the order",
    }
    birthday = events["Jake's birthday (Bob Smith's son)"]
    assert str(birthday["RRULE"].to_ical(), "ascii") == "FREQ=YEARLY"
    assert birthday["DTSTART"].dt.isoformat() == "2013-12-03"  # all-day
    (alarm,) = birthday.walk("VALARM")
    assert str(alarm["TRIGGER"].to_ical(), "ascii") == "-PT15H"  # 9:00 the day before
    owed = events["Owe Bob Smith: revised pricing"]
    assert owed["DTSTART"].dt.isoformat() == "2026-11-23"
    assert "http" not in str(owed.get("DESCRIPTION"))  # link-free
    assert owed["DESCRIPTION"] == "For Bob Smith · Acme Supply"


def test_sensitive_facts_go_only_when_the_user_opts_in(bob: int, dav_server: DavServer) -> None:
    _set_up(dav_server)
    phone.set_include_sensitive(True)
    prepared = phone.prepare()
    card = next(i for i in prepared.items.values() if i.kind == "card")
    assert b"oncology" in card.body


def test_a_second_publish_sends_exactly_what_changed(
    bob: int, ann: int, dav_server: DavServer
) -> None:
    _set_up(dav_server)
    phone.publish()
    dav_server.requests.clear()
    again = phone.publish()
    assert again.changes == () and dav_server.writes() == []
    assert again.summary == "up to date (7 items)"
    # Ann's reply owed is renamed: only its event changes (a reply is not on the card's
    # "Owe" line); Bob's card and events, and Ann's card, are not sent again.
    (task,) = [t for t in tasks.list_tasks(client_id=ann)]
    tasks.update_task(task.id, title="Call back about the cake order")
    dav_server.requests.clear()
    result = phone.publish()
    assert [(c.action, c.label) for c in result.changes] == [
        ("update", "Reply to Ann Lee: Call back about the cake order")
    ]
    assert [m for m, _ in dav_server.writes()] == ["PUT"]
    # Bob's promise renamed: his card's NOTE and the promise's event, two PUTs.
    (promise,) = [t for t in tasks.list_tasks(client_id=bob)]
    tasks.update_task(promise.id, title="revised pricing sheet")
    dav_server.requests.clear()
    result = phone.publish()
    assert sorted(c.label for c in result.changes) == [
        "Bob Smith",
        "Owe Bob Smith: revised pricing sheet",
    ]
    assert len(dav_server.writes()) == 2


def test_archiving_a_client_deletes_their_card_and_events(
    bob: int, ann: int, dav_server: DavServer
) -> None:
    config = _set_up(dav_server)
    phone.publish()
    clients.set_archived(ann, True)
    dry = phone.publish(dry_run=True)
    assert sorted((c.action, c.label) for c in dry.changes) == [
        ("delete", "Ann Lee"),
        ("delete", "Ann Lee's birthday"),
        ("delete", "Reply to Ann Lee: Call back about the order"),
    ]
    dav_server.requests.clear()
    result = phone.publish()
    assert result.count("delete") == 3
    assert [m for m, _ in dav_server.writes()] == ["DELETE"] * 3
    held = _held(config)
    assert len(held) == 4 and "Ann Lee" not in str([h for h in held.values()])


def test_a_change_on_the_phone_is_overwritten(bob: int, dav_server: DavServer) -> None:
    config = _set_up(dav_server)
    phone.publish()
    with DavSession(config.url, "rep", PASSWORD) as session:
        (path,) = session.list(config.addressbook)
    card_url = config.url.rstrip("/") + path
    edited = _get(card_url).replace("Acme Supply", "Edited On The Phone")
    put = requests.put(
        card_url,
        edited.encode(),
        auth=("rep", PASSWORD),
        timeout=10,
        headers={"Content-Type": "text/vcard"},
    )
    assert put.status_code in (201, 204)
    result = phone.publish()
    assert [(c.action, c.label) for c in result.changes] == [("update", "Bob Smith")]
    assert "Acme Supply" in _get(card_url) and "Edited" not in _get(card_url)


def test_server_stopped_mid_publish_then_back_converges(
    bob: int, ann: int, dav_server: DavServer
) -> None:
    config = _set_up(dav_server)
    dav_server.stop_after_writes = 3
    with pytest.raises(phone.PhoneError) as failed:
        phone.publish()
    assert failed.value.kind == "unreachable"
    assert "cannot reach the server at 127.0.0.1" in str(failed.value)
    assert not dav_server.running
    last = phone.last_publish()
    assert last is not None and not last.ok and "cannot reach" in last.text
    dav_server.start()
    dav_server.requests.clear()
    result = phone.publish()
    # What went before the stop is not sent again; the rest is.
    assert result.count("create") == 4 and len(dav_server.writes()) == 4
    assert len(_held(config)) == 7
    assert phone.publish().changes == ()
    assert phone.last_publish().ok  # type: ignore[union-attr]


def test_a_wrong_password_is_one_clear_error(bob: int, dav_server: DavServer) -> None:
    with pytest.raises(phone.PhoneError) as failed:
        phone.setup(dav_server.url, "rep", "wrong")
    assert failed.value.kind == "auth"
    assert str(failed.value) == (
        "phone publishing: the server refused the user name or password (401); "
        "check the user name and password (rapport phone setup)"
    )
    assert phone.load_config() is None


def test_a_refusal_is_named_by_its_status_not_by_digits_in_the_address(
    bob: int, dav_server: DavServer
) -> None:
    # caldav's message holds the URL: a server on a port or path with "403" in it made a wrong
    # password read as 403 (a full run failed so now and then, on the ports it was given).
    with pytest.raises(phone.PhoneError) as failed:
        phone.setup(dav_server.url.rstrip("/") + "/rep-4030/", "rep", "wrong")
    assert failed.value.kind == "auth"
    assert "(401)" in str(failed.value)


def test_the_password_lives_in_the_keychain_never_in_a_file(
    bob: int, dav_server: DavServer, keychain: MemoryKeyring, data_dir: Path
) -> None:
    result = phone.setup(dav_server.url, "rep", PASSWORD)
    assert result.in_keychain
    assert list(keychain.saved.values()) == [PASSWORD]
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
    settings = data_dir / phone.CONFIG_NAME
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    assert json.loads(settings.read_text())["user"] == "rep"
    phone._session_passwords.clear()  # a new run: the keychain gives it
    assert phone.publish().count("create") == 4


def test_without_a_keychain_the_password_is_asked_for(bob: int, dav_server: DavServer) -> None:
    result = phone.setup(dav_server.url, "rep", PASSWORD)
    assert not result.in_keychain  # the tests' keychain backend fails, as a bare server's
    phone._session_passwords.clear()  # the next run of Rapport
    with pytest.raises(phone.PhoneError) as failed:
        phone.publish()
    assert failed.value.kind == "password"
    assert phone.publish(password=PASSWORD).count("create") == 4


def test_many_profiles_at_once_are_each_clients_own(bob: int, ann: int) -> None:
    """The phone reads profiles a few hundred clients at a time: each gets its own
    people, facts, tasks and last conversations, as ``brief_profile`` gives."""
    assert ask_about.RECENT_INTERACTIONS == 5
    for day in range(1, 8):
        interactions.add_interaction(ann, "call", f"2026-10-0{day} 09:00", f"Ann call {day}")
        interactions.add_interaction(bob, "call", f"2026-09-0{day} 09:00", f"Bob call {day}")
    together = brief_service.brief_profiles([ann, bob, 999])
    assert set(together) == {ann, bob}
    for client_id in (ann, bob):
        assert together[client_id] == brief_service.brief_profile(client_id)
    assert [i.title for i in together[ann].interactions] == [
        f"Ann call {n}" for n in range(7, 2, -1)
    ]
    assert [i.title for i in together[bob].interactions] == ["Lunch at Rosa's"] + [
        f"Bob call {n}" for n in range(7, 3, -1)
    ]
    assert {p.name for p in together[bob].people} == {"Jake", "Emma"}
    assert together[ann].people == [] and len(together[ann].tasks) == 1


def test_a_full_account_and_a_silent_server_are_named(
    bob: int, dav_server: DavServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.exchange import dav

    config = _set_up(dav_server)
    dav_server.refuse_writes_with = 507
    with pytest.raises(phone.PhoneError) as failed:
        phone.publish()
    assert failed.value.kind == "quota"
    assert str(failed.value) == (
        "phone publishing: the server is out of space for this account (507)"
    )
    # A server that takes the connection and never answers: a timeout, not a hang.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        data = json.loads((Path(phone.config_path())).read_text())
        data["url"] = f"http://127.0.0.1:{port}/"
        data["addressbook"] = f"http://127.0.0.1:{port}/rep/a/"
        data["calendar"] = f"http://127.0.0.1:{port}/rep/c/"
        phone._write_file(data)
        phone.remember_for_session(data["url"], "rep", PASSWORD)
        monkeypatch.setattr(dav, "TIMEOUT_SECONDS", 0.5)
        with pytest.raises(phone.PhoneError) as failed:
            phone.publish()
    assert failed.value.kind == "timeout"
    assert str(failed.value) == (
        f"phone publishing: the server at 127.0.0.1:{port} did not answer in time"
    )
    assert config.user == "rep"
