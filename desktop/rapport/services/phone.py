"""Publishing the book to the user's phone, one way, through their CalDAV/CardDAV server.

Set up once (``setup``): Rapport finds the user's address-book and calendar homes on the
server and makes a dedicated "Rapport" address book and calendar there (their path is
``rapport-<book id>``); no other collection is read or changed. Then ``publish`` puts:

- a vCard per active client, whose NOTE is the caller-ID brief (core/caller_id.py, made
  from the same brief as the window's and ``rapport brief``);
- in the calendar: the birthdays and anniversaries of active clients and their people
  (yearly, all-day, a reminder at 9:00 the day before), and the promises and replies
  owed with a due date (all-day events on that day).

Every item has a stable UID (``client-12@<book id>.rapport``...), so a publish updates
in place. What was sent is remembered per UID (where, its ETag, a hash of its content):
the next publish sends only what changed in the book, what changed on the server (an
edit on the phone is overwritten: one way) and deletes what left the book (an archived
client's card and dates).

The settings and that memory live in ``phone.json`` in the data folder (0600, next to
``window.ini``), not in the book: they describe this computer's link to a server, a
restored backup must not bring back a stale one, and publishing never writes the book.
The password is kept in the system keychain (``keyring``); where there is none, it is
asked for when publishing and held in memory only. Nothing here connects anywhere until
the user has set it up.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from rapport import clock, paths
from rapport.core import caller_id
from rapport.core import records as r
from rapport.exchange import ics, vcard
from rapport.exchange.common import ContactIn, DateIn, PersonIn
from rapport.services import brief as brief_service
from rapport.services import export
from rapport.services.errors import ServiceError, ValidationError
from rapport.store import models as m

CONFIG_NAME = paths.PHONE_SETTINGS_NAME
KEYRING_SERVICE = "Rapport phone publishing"
VCARD_TYPE = "text/vcard; charset=utf-8"
ICS_TYPE = "text/calendar; charset=utf-8"
# The publish memory is written to disk every this many writes (and at the end), so a
# publish cut short remembers what it sent without rewriting the file for each item.
SAVE_EVERY = 50
# Part of every item's digest: change it when the way cards or events are written
# changes, so that the next publish sends them all again in the new form.
WRITER = "rapport-phone-1"


class PhoneError(ServiceError):
    """Publishing failed; ``kind`` is the server fault (unreachable, timeout, auth, quota,
    server) or ``setup`` / ``password`` for what the user must do first."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class PhoneConfig:
    url: str
    user: str
    addressbook: str
    calendar: str
    include_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class Item:
    """One thing on the server: a client's card or a calendar event.

    Its text is written only when it is sent (``body``); whether it changed is told by
    ``digest``, a hash of what it is made from (and of WRITER, for a new way of writing).
    """

    uid: str
    kind: str  # card, event
    label: str  # what the dry run lists: "Bob Smith", "Jake's birthday"
    make: Callable[[datetime], bytes] = field(repr=False, compare=False)
    digest: str

    @property
    def body(self) -> bytes:
        return self.make(clock.now())

    def href(self, config: PhoneConfig) -> str:
        collection = config.addressbook if self.kind == "card" else config.calendar
        suffix = ".vcf" if self.kind == "card" else ".ics"
        return urljoin(collection, self.uid.split("@", 1)[0] + suffix)

    @property
    def content_type(self) -> str:
        return VCARD_TYPE if self.kind == "card" else ICS_TYPE


@dataclass(frozen=True, slots=True)
class Change:
    action: str  # create, update, delete
    kind: str  # card, event
    label: str
    uid: str


@dataclass(frozen=True, slots=True)
class PublishResult:
    changes: tuple[Change, ...]
    unchanged: int
    dry_run: bool
    at: datetime

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    @property
    def summary(self) -> str:
        created, updated, deleted = (self.count(a) for a in ("create", "update", "delete"))
        if not self.changes:
            return f"up to date ({self.unchanged} items)"
        verbs = (
            ("would create", "would update", "would delete")
            if self.dry_run
            else ("created", "updated", "deleted")
        )
        return ", ".join(
            f"{verb} {n}" for verb, n in zip(verbs, (created, updated, deleted), strict=True) if n
        )


@dataclass(frozen=True, slots=True)
class LastPublish:
    at: datetime
    ok: bool
    text: str


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the book says the server should hold (read on the worker, pushed elsewhere)."""

    config: PhoneConfig
    items: dict[str, Item] = field(default_factory=dict)


# -- the settings file -------------------------------------------------------------------------
def config_path() -> Path:
    from rapport.services.book import current_book

    book = current_book()
    if book is None:
        raise PhoneError("setup", "the book is not open")
    return book.data_dir / CONFIG_NAME


def _read_file() -> dict[str, Any]:
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise PhoneError("setup", f"cannot read the phone settings {path}: {exc}") from None
    return data if isinstance(data, dict) else {}


def _write_file(data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    export.write_private(config_path(), text.encode("utf-8"))


def load_config() -> PhoneConfig | None:
    """The phone set-up, or None when publishing is not set up (then nothing connects)."""
    data = _read_file()
    try:
        return PhoneConfig(
            url=str(data["url"]),
            user=str(data["user"]),
            addressbook=str(data["addressbook"]),
            calendar=str(data["calendar"]),
            include_sensitive=bool(data.get("include_sensitive", False)),
        )
    except KeyError:
        return None


def is_set_up() -> bool:
    return load_config() is not None


def last_publish() -> LastPublish | None:
    last = _read_file().get("last")
    if not isinstance(last, dict):
        return None
    try:
        return LastPublish(datetime.fromisoformat(last["at"]), bool(last["ok"]), str(last["text"]))
    except (KeyError, ValueError, TypeError):
        return None


def _note_last(ok: bool, text: str) -> None:
    data = _read_file()
    if not data:
        return
    data["last"] = {"at": clock.now().isoformat(timespec="seconds"), "ok": ok, "text": text}
    _write_file(data)


def set_include_sensitive(value: bool) -> None:
    data = _read_file()
    if not data:
        raise PhoneError("setup", "phone publishing is not set up")
    data["include_sensitive"] = bool(value)
    _write_file(data)


def forget() -> None:
    """Stop publishing: the settings, the memory and the kept password go; what the
    server holds stays (the user deletes the "Rapport" collections there if they wish)."""
    config = load_config()
    path = config_path()
    path.unlink(missing_ok=True)
    if config is not None:
        _forget_password(config.url, config.user)


# -- the password ---------------------------------------------------------------------------
_session_passwords: dict[str, str] = {}


def _account(url: str, user: str) -> str:
    return f"{user}@{url}"


def remember_for_session(url: str, user: str, password: str) -> None:
    """A password asked for (no keychain): kept in memory for this run only."""
    _session_passwords[_account(url, user)] = password


def store_password(url: str, user: str, password: str) -> bool:
    """Keep the password in the system keychain; False when there is no working one."""
    remember_for_session(url, user, password)
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _account(url, user), password)
    except Exception:  # no keychain, a locked or broken one: asked for instead
        return False
    return True


def password_for(config: PhoneConfig) -> str | None:
    """The password from this run's memory or the keychain; None: it must be asked for."""
    account = _account(config.url, config.user)
    if account in _session_passwords:
        return _session_passwords[account]
    try:
        import keyring

        found = keyring.get_password(KEYRING_SERVICE, account)
    except Exception:
        return None
    if found:
        _session_passwords[account] = found
    return found


def _forget_password(url: str, user: str) -> None:
    _session_passwords.pop(_account(url, user), None)
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, _account(url, user))
    except Exception:  # nothing kept, or no keychain: nothing to forget
        pass


# -- set-up ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SetupResult:
    config: PhoneConfig
    in_keychain: bool


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(
            f"the server address must start with https:// (or http://), not {url!r}"
        )
    return url if url.endswith("/") else url + "/"


def setup(url: str, user: str, password: str) -> SetupResult:
    """Find the user's homes on the server, make the "Rapport" address book and calendar
    there, and keep the settings (and the password, in the keychain when there is one)."""
    from rapport.exchange.dav import DavError, DavSession

    url = check_url(url)
    user = user.strip()
    if not user:
        raise ValidationError("give the user name of the server account")
    if not password:
        raise ValidationError("give the password of the server account")
    slug = f"rapport-{export.book_id()}"
    try:
        with DavSession(url, user, password) as session:
            homes = session.discover()
            collections = session.ensure_collections(homes, slug)
    except DavError as exc:
        raise PhoneError(exc.kind, _fault_text(exc)) from None
    old = _read_file()
    config = PhoneConfig(
        url,
        user,
        collections.addressbook,
        collections.calendar,
        bool(old.get("include_sensitive", False)),
    )
    same = (old.get("addressbook"), old.get("calendar")) == (config.addressbook, config.calendar)
    data = {
        "url": config.url,
        "user": config.user,
        "addressbook": config.addressbook,
        "calendar": config.calendar,
        "include_sensitive": config.include_sensitive,
        "published": old.get("published", {}) if same else {},
    }
    _write_file(data)
    in_keychain = store_password(url, user, password)
    return SetupResult(config, in_keychain)


def _fault_text(exc: Exception) -> str:
    from rapport.exchange.dav import DavError

    if isinstance(exc, DavError) and exc.kind == "auth":
        return f"phone publishing: {exc}; check the user name and password (rapport phone setup)"
    return f"phone publishing: {exc}"


# -- what the server should hold -----------------------------------------------------------------
def _digest(source: object) -> str:
    """A hash of what an item is made from (a record's repr is all its fields)."""
    return hashlib.sha256(f"{WRITER}|{source!r}".encode()).hexdigest()[:32]


def _who(client: r.Client) -> str:
    return f"{client.name} · {client.company}" if client.company else client.name


def _card(client: r.Client, profile: r.Profile, note: str, book: str) -> Item:
    contact = ContactIn(
        name=client.name,
        company=client.company,
        role=client.role,
        emails=list(client.emails),
        phones=list(client.phones),
        notes=note,
        people=[PersonIn(p.name, p.relation) for p in profile.people if p.name],
        dates=[
            DateIn(d.label, d.month, d.day, d.year) for d in profile.dates if d.person_id is None
        ],
        uid=f"client-{client.id}@{book}.rapport",
    )
    contact.set_address(client.address)
    return Item(
        contact.uid,
        "card",
        client.name,
        lambda _stamp: vcard.write([contact]).encode("utf-8"),
        _digest(contact),
    )


def _event(out: ics.YearlyOut | ics.DayOut) -> Item:
    # DTSTAMP (the time of writing) is not in the digest: only what the event says.
    if isinstance(out, ics.DayOut):
        return Item(
            out.uid, "event", out.summary, lambda s: ics.write([], [], s, [out]), _digest(out)
        )
    return Item(out.uid, "event", out.summary, lambda s: ics.write([], [out], s), _digest(out))


def _yearly(profile: r.Profile, book: str) -> list[Item]:
    client = profile.client
    people = {p.id: p for p in profile.people}
    items = []
    covered: set[int] = set()
    for d in profile.dates:
        person = people.get(d.person_id) if d.person_id else None
        if person is not None and d.label == "birthday":
            covered.add(person.id)
        summary = _yearly_summary(d.label, client, person)
        out = ics.YearlyOut(
            f"date-{d.id}@{book}.rapport",
            summary,
            d.month,
            d.day,
            d.year,
            _who(client),
            d.label.capitalize(),
        )
        items.append(_event(out))
    for person in profile.people:
        if person.birthday is None or person.id in covered:
            continue
        summary = _yearly_summary("birthday", client, person)
        b = person.birthday
        out = ics.YearlyOut(
            f"person-birthday-{person.id}@{book}.rapport",
            summary,
            b.month,
            b.day,
            b.year,
            _who(client),
            "Birthday",
        )
        items.append(_event(out))
    return items


def _yearly_summary(label: str, client: r.Client, person: r.Person | None) -> str:
    if person is None:
        return f"{client.name}'s {label}"
    if person.name:
        relation = f" ({client.name}'s {person.relation})" if person.relation else ""
        return f"{person.name}'s {label}{relation}"
    return f"{client.name}'s {person.relation}'s {label}"


OWED_KINDS = ("promise", "reply")


def _owed(profile: r.Profile, book: str) -> list[Item]:
    client = profile.client
    items = []
    for task in profile.tasks:
        if task.status == "done" or task.due is None:
            continue
        if not (task.promised or task.kind in OWED_KINDS):
            continue
        verb = "Reply to" if task.kind == "reply" else "Owe"
        summary = f"{verb} {client.name}: {task.title}"
        description = "\n\n".join(x for x in (f"For {_who(client)}", task.notes.strip()) if x)
        out = ics.DayOut(
            f"task-{task.id}@{book}.rapport",
            summary,
            task.due,
            description,
            "Reply" if task.kind == "reply" else "Promise",
        )
        items.append(_event(out))
    return items


def _profiles(ids: list[int]) -> Iterator[tuple[int, r.Profile | None]]:
    """The brief's profile of each client, in the order of ``ids``, read a few hundred
    clients at a time (services/brief.brief_profiles)."""
    step = brief_service.PROFILES_AT_ONCE
    for start in range(0, len(ids), step):
        chunk = ids[start : start + step]
        found = brief_service.brief_profiles(chunk)
        for client_id in chunk:
            yield client_id, found.get(client_id)


def prepare(progress: Callable[[int, int], None] | None = None) -> Prepared:
    """What the server should hold, read from the book in one consistent snapshot."""
    config = load_config()
    if config is None:
        raise PhoneError(
            "setup", "phone publishing is not set up (Preferences › Phone, or rapport phone setup)"
        )
    book = export.book_id()
    items: dict[str, Item] = {}
    with export.snapshot():
        ids = [
            c.id
            for c in m.Client.select(m.Client.id)
            .where(m.Client.archived_at.is_null())
            .order_by(m.Client.name_key, m.Client.id)
        ]
        today = clock.today()
        for number, (_client_id, profile) in enumerate(_profiles(ids), start=1):
            if profile is None:
                continue
            profile = caller_id.for_phone(profile, config.include_sensitive)
            note = caller_id.note(caller_id.phone_brief(profile, today))
            for item in (
                _card(profile.client, profile, note, book),
                *_yearly(profile, book),
                *_owed(profile, book),
            ):
                items[item.uid] = item
            if progress is not None and number % 100 == 0:
                progress(number, len(ids))
    return Prepared(config, items)


# -- publishing -----------------------------------------------------------------------------------
def plan(prepared: Prepared) -> list[Change]:
    """What a publish would do, from what was sent last time (no connection): the dry run."""
    sent = _read_file().get("published", {})
    changes = []
    for uid, item in prepared.items.items():
        before = sent.get(uid)
        if before is None:
            changes.append(Change("create", item.kind, item.label, uid))
        elif before.get("hash") != item.digest:
            changes.append(Change("update", item.kind, item.label, uid))
    for uid, before in sent.items():
        if uid not in prepared.items:
            changes.append(Change("delete", before.get("kind", ""), before.get("label", ""), uid))
    return changes


def publish(
    prepared: Prepared | None = None,
    *,
    dry_run: bool = False,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PublishResult:
    """Bring the server in line with the book; with ``dry_run``, only say what would change."""
    prepared = prepared or prepare()
    if dry_run:
        changes = plan(prepared)
        touched = sum(1 for c in changes if c.action != "delete")
        return PublishResult(tuple(changes), len(prepared.items) - touched, True, clock.now())
    config = prepared.config
    password = password or password_for(config)
    if not password:
        raise PhoneError(
            "password",
            "phone publishing needs the server password again (there is no system keychain "
            "to keep it)",
        )
    try:
        result = _push(prepared, password, progress)
    except PhoneError as exc:
        _note_last(False, str(exc))
        raise
    _note_last(True, result.summary)
    return result


def _push(
    prepared: Prepared, password: str, progress: Callable[[int, int], None] | None
) -> PublishResult:
    from rapport.exchange.dav import DavError, DavSession

    config = prepared.config
    data = _read_file()
    sent: dict[str, dict[str, str]] = data.setdefault("published", {})
    changes: list[Change] = []
    unchanged = 0
    writes = 0

    def keep() -> None:
        _write_file(data)

    try:
        with DavSession(config.url, config.user, password) as session:
            on_server = {**session.list(config.addressbook), **session.list(config.calendar)}
            total = len(prepared.items) + len(sent)
            for done, (uid, item) in enumerate(prepared.items.items(), start=1):
                if progress is not None and done % 50 == 0:
                    progress(done, total)
                url = item.href(config)
                path = unquote(urlsplit(url).path)
                before = sent.get(uid)
                there = on_server.get(path)
                if (
                    before is not None
                    and there is not None
                    and before.get("hash") == item.digest
                    and (not before.get("etag") or before.get("etag") == there)
                ):
                    unchanged += 1
                    continue
                # One way: the book wins. A known version is replaced only while it is the
                # one on the server; otherwise (an edit on the phone) it is overwritten.
                if_match = before.get("etag") if before and there == before.get("etag") else None
                status, etag = session.put(
                    url, item.body, item.content_type, if_match, there is None
                )
                if status == 412:
                    status, etag = session.put(url, item.body, item.content_type, None, False)
                action = "update" if before is not None else "create"
                sent[uid] = {
                    "href": url,
                    "etag": etag,
                    "hash": item.digest,
                    "kind": item.kind,
                    "label": item.label,
                }
                changes.append(Change(action, item.kind, item.label, uid))
                writes += 1
                if writes % SAVE_EVERY == 0:
                    keep()
            for uid in [u for u in sent if u not in prepared.items]:
                before = sent[uid]
                href = before.get("href", "")
                if href and unquote(urlsplit(href).path) in on_server:
                    status = session.delete(href, before.get("etag") or None)
                    if status == 412:
                        session.delete(href, None)
                changes.append(
                    Change("delete", before.get("kind", ""), before.get("label", ""), uid)
                )
                del sent[uid]
                writes += 1
                if writes % SAVE_EVERY == 0:
                    keep()
    except DavError as exc:
        raise PhoneError(exc.kind, _fault_text(exc)) from None
    finally:
        if writes:
            keep()
    return PublishResult(tuple(changes), unchanged, False, clock.now())


def describe(changes: Iterable[Change]) -> list[str]:
    """The dry run's lines: 'create  card   Bob Smith'."""
    return [f"{c.action:<7} {c.kind:<6} {c.label}" for c in changes]


def read_password_file(path: str) -> str:
    """The password in ``path`` (its first line); the file should be the user's alone."""
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"cannot read the password file {path}: {exc.strerror}") from None
    line = text.splitlines()[0] if text.strip() else ""
    if not line:
        raise ValidationError(f"the password file {path} is empty")
    return line
