"""Quick capture: understand a note against the book, then save what the user accepted.

``understand_note`` runs the pure understanding of core/understand/pipeline.py with the
book's clients to match against, and never writes. ``save_capture`` writes everything the (possibly
edited) understanding holds in ONE transaction: the conversation with its raw text, the
client (matched, or new), people merged by name or relation rather than duplicated, facts
sourced to the conversation, yearly dates, tasks, the message awaiting reply (with its
reply task) and introductions (with their thank-the-referrer and reach-out tasks).
Suggestions become what they say only when accepted: a ticked thank-you leaves the
conversation's thank-you owed (on Today) whatever its kind, an unticked one settles it;
the others become tasks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, overload

from rapport import clock
from rapport.core import control_chars
from rapport.core import records as r
from rapport.core.names import fold
from rapport.core.understand.clients import ClientIndex
from rapport.core.understand.pipeline import KnownClient, understand
from rapport.services import indexing
from rapport.services.capture_dry import read_moment
from rapport.services.capture_json import capture_json
from rapport.services.convert import work_contacts
from rapport.services.errors import NotFoundError, ValidationError
from rapport.services.validate import check_note
from rapport.services.when import day_first
from rapport.store import models as m
from rapport.store import sql
from rapport.store.db import insert_client, make_private, transaction

if TYPE_CHECKING:
    from rapport.services.capture_undo import CaptureUndo


def known_clients() -> list[KnownClient]:
    """Every active client, as capture matches names against them (one query).

    The rows are read raw and the last-contact times parsed with ``fromisoformat``: for
    5,000 clients peewee's own conversion tripled the cost of opening the capture window.
    """
    query = (
        m.Client.select(m.Client.id, m.Client.name, m.Client.company, m.Client.last_contact_at)
        .where(m.Client.archived_at.is_null())
        .order_by(m.Client.id)  # as store/readonly.py reads them for a dry run
    )
    return [
        KnownClient(cid, name, company or "", read_moment(last))
        for cid, name, company, last in m.db.execute(query).fetchall()
    ]


_last_index: ClientIndex | None = None


def client_index() -> ClientIndex:
    """The book's clients prepared for matching many notes: fetch once, understand often.

    The capture window takes one when it opens and understands every pause in typing
    against it with ``understand_with``; nothing is queried per keystroke. The clients are
    read again every time; when they are the same as last time, the last index (and the
    spellings it already compared) is reused.
    """
    global _last_index
    known = known_clients()
    if _last_index is None or not _last_index.same_clients(known):
        _last_index = ClientIndex(known)
    return _last_index


def understand_with(
    text: str, known: Sequence[KnownClient], chosen: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What the note says, matched against clients fetched earlier (``client_index()``).

    ``chosen`` is the client the user picked in the window (``{"id", "name", "company"}``,
    id None for a new one): it replaces the one understood, and the suggestions name them.
    Unlike ``understand_note`` an empty note is not refused: it is understood as nothing,
    which is what a window shows before the user has typed.
    """
    from rapport.core.understand.pipeline import suggest

    text = control_chars.clean(text)
    today = clock.today()
    understood = understand(text, today, known, day_first())
    if chosen is not None:
        suggestions = suggest(understood, text, today, chosen.get("name"))
        understood = replace(understood, suggestions=suggestions)
    result = capture_json(understood)
    if chosen is not None:
        found = result.get("client") or {}
        result["client"] = {
            "name": chosen.get("name"),
            "company": chosen.get("company") or "",
            "id": chosen.get("id"),
            "match": "chosen",
            "candidates": found.get("candidates") or [],
            **({"span": found["span"]} if "span" in found else {}),
        }
    return result


def understand_note(text: str, client: r.Client | None = None) -> dict[str, Any]:
    """What the note says, matched against the book; ``client`` overrides whom it is about."""
    text = control_chars.clean(text)
    check_note(text)
    result = capture_json(understand(text, clock.today(), known_clients(), day_first()))
    if client is not None:
        set_client(result, client)
    return result


def set_client(understanding: dict[str, Any], client: r.Client) -> None:
    """Point the understanding at a client the user chose."""
    understanding["client"] = {
        "name": client.name,
        "company": client.company,
        "id": client.id,
        "match": "given",
        "candidates": [],
    }


def accepted_kinds(understanding: dict[str, Any], kinds: str) -> list[int]:
    """The suggestions to accept for ``--accept KINDS`` ('all', or kinds like
    'gift,check_in'): those of the kinds named, and the thank-you after a meeting, which
    is owed unless declined."""
    wanted = {part.strip() for part in kinds.split(",") if part.strip()}
    return [
        index
        for index, suggestion in enumerate(understanding.get("suggestions") or [])
        if suggestion.get("kind") in ("thank_you", *wanted) or "all" in wanted
    ]


@dataclass
class SavedCapture:
    client_id: int
    interaction_id: int
    task_ids: list[int] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    fact_ids: list[int] = field(default_factory=list)
    date_ids: list[int] = field(default_factory=list)
    inbound_id: int | None = None
    introduction_ids: list[int] = field(default_factory=list)
    created_client: bool = False
    # On a team book: the new client the note named had just been added by a colleague
    # (one client per name), and the note went to theirs. Not part of the JSON contract.
    joined_client: bool = False
    # What ``capture_undo.undo_capture`` needs to take this save back exactly (rows it
    # created, rows it changed with their values before); not part of the JSON contract.
    undo: CaptureUndo | None = field(default=None, repr=False, compare=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "interaction_id": self.interaction_id,
            "task_ids": self.task_ids,
            "person_ids": self.person_ids,
            "fact_ids": self.fact_ids,
            "date_ids": self.date_ids,
            "inbound_id": self.inbound_id,
            "introduction_ids": self.introduction_ids,
            "created_client": self.created_client,
        }


def save_capture(
    text: str,
    understanding: dict[str, Any],
    *,
    accepted_suggestions: Iterable[int] | None = None,
    happened_at: datetime | None = None,
    private: bool = False,
    key: str | None = None,
) -> SavedCapture:
    """Write the note and what was understood from it, all or nothing.

    ``accepted_suggestions`` are indexes into ``understanding["suggestions"]``; None means
    the defaults the capture window starts with (the thank-you after a meeting, nothing else).
    Control characters are removed from ``text`` first (core/control_chars.py), as the
    understanding did. ``private`` ("Only me"): on a team book, the note and everything
    saved from it are seen by its author only (the server enforces it).
    """
    text = control_chars.clean(text)
    check_note(text)
    u = understanding
    suggestions = list(u.get("suggestions") or [])
    if accepted_suggestions is None:
        accepted = {i for i, s in enumerate(suggestions) if s.get("kind") == "thank_you"}
    else:
        accepted = {int(i) for i in accepted_suggestions}
    when = happened_at or clock.now()
    with transaction():
        if private:
            make_private()
        recorder = _recorder(u)
        client_id, created, name, name_key = _client(u.get("client"), recorder)
        saved = SavedCapture(client_id=client_id, interaction_id=0, created_client=created)
        saved.joined_client = not created and (u.get("client") or {}).get("id") is None
        interaction_id = _interaction(client_id, text, u, when, suggestions, accepted, key)
        saved.interaction_id = interaction_id
        people = _people(client_id, u.get("people") or [], saved, recorder)
        _contacts(client_id, u.get("contacts") or [])
        # The facts and dates are about the client's first name, the undo says it.
        client_first = fold(name).split()[0]
        facts = u.get("facts") or []
        _facts(client_id, interaction_id, facts, people, client_first, saved, recorder)
        _dates(client_id, u.get("dates") or [], people, client_first, saved)
        tasks = list(u.get("tasks") or [])
        tasks = _inbound(
            text, client_id, name, interaction_id, u.get("inbound"), when, tasks, saved, recorder
        )
        tasks = _introductions(
            client_id,
            name_key,
            interaction_id,
            u.get("introductions") or [],
            tasks,
            saved,
            recorder,
        )
        # The client's open tasks as the recorder read them, unless this save wrote tasks
        # since (a message's reply, an introduction's chain): then read (a round trip).
        known = None if saved.task_ids else [] if created else recorder.open_tasks(client_id)
        open_tasks = _OpenTasks(client_id, known)
        for task in tasks:
            saved.task_ids.append(_task(client_id, interaction_id, task, people, open_tasks))
        leads = [fold(str(i.get("name") or "")) for i in u.get("introductions") or ()]
        for index in sorted(accepted):
            if not 0 <= index < len(suggestions):
                continue
            suggestion = suggestions[index]
            if suggestion.get("kind") == "thank_you" or _chain_covers(suggestion, leads, saved):
                continue
            task_id = _task(client_id, interaction_id, suggestion, people, open_tasks)
            if task_id not in saved.task_ids:
                saved.task_ids.append(task_id)
        saved.undo = recorder.finish(f"the note about {name}", text)
    return saved


def _recorder(u: dict[str, Any]) -> Any:
    """Before the first write: the marks and images an exact undo of this save needs.

    The existing clients the save may change are the one it is about (when matched) and
    the clients its introductions name (leads, referrers: see ``_Named``).
    """
    from rapport.services.capture_undo import Recorder

    found = u.get("client") or {}
    client_id = int(found["id"]) if found.get("id") is not None else None
    names = [str(found.get("name") or "")]
    for item in u.get("introductions") or ():
        names += [str(item.get("name") or ""), str(item.get("referrer") or "")]
    # The rows it may insert, at most (a team book takes their ids ahead: one round trip
    # fewer an INSERT); an id taken and not used is a gap in the numbering, no more.
    people = len(u.get("people") or ())
    introductions = len(u.get("introductions") or ())
    tasks = len(u.get("tasks") or ()) + len(u.get("suggestions") or ())
    reserve = [
        (m.Interaction, 1),
        (m.Person, people),
        (m.Fact, len(u.get("facts") or ())),
        (m.ImportantDate, len(u.get("dates") or ())),
        (m.Inbound, 1 if u.get("inbound") else 0),
        (m.Introduction, introductions),
        (m.Task, tasks + (1 if u.get("inbound") else 0) + 3 * introductions),
    ]
    return Recorder(client_id, [" ".join(n.split()) for n in names], reserve)


# -- the parts, each inside save_capture's transaction ---------------------------------------
# The reads a save runs every time are written once in store/sql.py (building them with
# peewee cost more than SQLite takes to run them).


def _client(found: dict[str, Any] | None, recorder: Any) -> tuple[int, bool, str, str]:
    """The note's client (id, whether new, name, folded name), created when new; a client
    matched is as the undo's ``recorder`` has just read it."""
    found = found or {}
    if found.get("id") is not None:
        row = recorder.client_name(int(found["id"])) or sql.client_name(int(found["id"]))
        if row is None:
            raise NotFoundError(f"no client with id {found['id']}")
        return row[0], False, row[1], row[2]
    name = " ".join(str(found.get("name") or "").split())
    if not name:
        raise ValidationError("the note names no client; choose who it is about")
    stamp = clock.now()
    data = insert_client(
        {
            "name": name,
            "name_key": fold(name),
            "company": str(found.get("company") or "").strip(),
            "created_at": stamp,
            "updated_at": stamp,
        },
    )
    if data is None:  # a colleague's capture made this client first (a team book)
        row = sql.client_name(_shared_client(fold(name)))
        assert row is not None
        return row[0], False, row[1], row[2]
    indexing.data(m.Client, data)
    return data["id"], True, name, data["name_key"]


def _shared_client(name_key: str) -> int:
    found = sql.client_of_key(name_key)
    if found is None:  # only a private one of the name is visible: look among all
        raise ValidationError("the client was saved by someone else meanwhile; save again")
    return found


def _contacts(client_id: int, found: list[dict[str, Any]]) -> None:
    """Add the note's work contacts to the client's: a name already there (by first name)
    takes the note's role when it had none, a new name is added at the end."""
    if not found:
        return
    row = m.Client.select(m.Client.contacts).where(m.Client.id == client_id).first()
    stored = row.contacts if row is not None else []
    have = [{"name": c.name, "role": c.role} for c in work_contacts(stored)]
    changed = False
    for item in found:
        name = " ".join(control_chars.clean(str(item.get("name") or "")).split())
        role = " ".join(control_chars.clean(str(item.get("role") or "")).split())
        if not name:
            continue
        first = fold(name).split()[0]
        same = next((c for c in have if fold(c["name"]).split()[0] == first), None)
        if same is None:
            have.append({"name": name, "role": role})
            changed = True
        elif role and not same["role"]:
            same["role"] = role
            changed = True
    if changed:
        sql.update(m.Client, client_id, {"contacts": have, "updated_at": clock.now()})


def _interaction(
    client_id: int,
    text: str,
    u: dict[str, Any],
    when: datetime,
    suggestions: Sequence[dict[str, Any]],
    accepted: set[int],
    key: str | None = None,
) -> int:
    from rapport.services.interactions import THANK_YOU_KINDS, refresh_last_contact

    kind = u.get("kind") if u.get("kind") in r.INTERACTION_KINDS else "note"
    thank_you = [i for i, s in enumerate(suggestions) if s.get("kind") == "thank_you"]
    # The thank-you offered is owed when ticked and settled when not, whatever the
    # conversation's kind (a call too); with none offered, as a conversation logged by hand.
    owed = any(i in accepted for i in thank_you) if thank_you else kind in THANK_YOU_KINDS
    title = note_title(text)
    data = sql.insert(
        m.Interaction,
        {
            "client": client_id,
            "kind": kind,
            "happened_at": when,
            "title": title,
            "raw_text": text,
            "key_points": [str(p).strip() for p in u.get("key_points") or () if str(p).strip()],
            "extracted": _without_spans(u),
            "thanked_at": None if owed else when,
            "created_at": clock.now(),
            "capture_key": key,
        },
    )
    indexing.data(m.Interaction, data)
    refresh_last_contact(client_id)
    return int(data["id"])


def note_title(text: str, limit: int = 70) -> str:
    """The conversation's title: the note's first sentence, cut at a word if long.

    "Lunch w/ Bob Smith (Acme Supply). His son Jake..." is titled "Lunch w/ Bob Smith
    (Acme Supply)": lists of conversations and of thank-yous read by their titles.
    """
    stripped = text.strip()
    first = stripped.splitlines()[0] if stripped else ""
    first = re.split(r"(?<=[.!?;])\s+", first, maxsplit=1)[0].strip().rstrip(" .,;:!?")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–—(")
    return cut + "…"


def _without_spans(u: dict[str, Any]) -> dict[str, Any]:
    """The understanding as kept with the conversation: the contract fields, no offsets."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("span", "candidates")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return {k: strip(v) for k, v in u.items() if k not in ("span", "candidates")}


def _people(
    client_id: int, found: list[dict[str, Any]], saved: SavedCapture, recorder: Any
) -> dict[str, int]:
    """Merge the note's people into the client's: same name, or same relation when unnamed.
    The client's people as the undo's ``recorder`` has just read them (same transaction)."""
    existing = recorder.rows_of(m.Person, client_id)
    if existing is None:
        existing = sql.people_of(client_id)
    keys: dict[str, int] = {}
    for person in existing:
        if person.name:
            keys[fold(person.name)] = person.id
        keys.setdefault(person.relation, person.id)
    today = clock.today()
    for item in found:
        name = " ".join(str(item.get("name") or "").split()) or None
        relation = str(item.get("relation") or "").strip().lower()
        age = item.get("age")
        match = _match_person(existing, name, relation)
        if match is None:
            values = {
                "client": client_id,
                "name": name,
                "relation": relation,
                "age": age if isinstance(age, int) and 0 <= age <= 130 else None,
                "age_as_of": today if isinstance(age, int) else None,
            }
            row = m.Person(**sql.insert(m.Person, values))
            existing.append(row)
        else:
            row = match
            changed = False
            if isinstance(age, int) and 0 <= age <= 130 and row.birthday is None:
                row.age, row.age_as_of, changed = age, today, True
            if relation and not row.relation:
                row.relation, changed = relation, True
            if name and not row.name:
                row.name, changed = name, True
            if changed:
                row.updated_at = clock.now()
                row.save()
        indexing.person(row)
        if row.id not in saved.person_ids:
            saved.person_ids.append(row.id)
        if row.name:
            keys[fold(row.name)] = row.id
        if relation:
            keys.setdefault(relation, row.id)
    return keys


def _match_person(existing: list[m.Person], name: str | None, relation: str) -> m.Person | None:
    if name:
        key = fold(name)
        for person in existing:
            if person.name and fold(person.name) == key:
                return person
        # "Jake" named now, "son" heard before with no name: the same person.
        unnamed = [p for p in existing if not p.name and p.relation == relation]
        return unnamed[0] if len(unnamed) == 1 else None
    same = [p for p in existing if p.relation == relation]
    return same[0] if len(same) == 1 else None


def _about(about: Any, people: dict[str, int], client_first: str) -> int | None:
    if not about:
        return None
    key = fold(str(about))
    if key == client_first:
        return None
    return people.get(key) or people.get(key.split()[0] if key else key)


def _facts(
    client_id: int,
    interaction_id: int,
    found: list[dict[str, Any]],
    people: dict[str, int],
    client_first: str,
    saved: SavedCapture,
    recorder: Any,
) -> None:
    if not found:
        return
    stored = recorder.rows_of(m.Fact, client_id)  # as the undo's recorder just read them
    known = {fold(f.text): f for f in (sql.facts_of(client_id) if stored is None else stored)}
    stamp = clock.now()
    for item in found:
        text = " ".join(str(item.get("text") or "").split()).rstrip(".")
        if not text:
            continue
        category = item.get("category") if item.get("category") in r.FACT_CATEGORIES else "personal"
        tags = sorted({str(t).lower().strip() for t in item.get("tags") or () if str(t).strip()})
        person_id = _about(item.get("about"), people, client_first)
        same = known.get(fold(text))
        if same is not None:
            # Heard again: still true, and any new tags join the old ones.
            same.confirmed_at = stamp
            same.tags = sorted(set(same.tags) | set(tags))
            same.save()
            indexing.fact(same)
            saved.fact_ids.append(same.id)
            continue
        values = {
            "client": client_id,
            "person": person_id,
            "text": text,
            "category": category,
            "tags": tags,
            "source": interaction_id,
            "created_at": stamp,
            "confirmed_at": stamp,
        }
        row = m.Fact(**sql.insert(m.Fact, values))
        indexing.fact(row)
        known[fold(text)] = row
        saved.fact_ids.append(row.id)


def _dates(
    client_id: int,
    found: list[dict[str, Any]],
    people: dict[str, int],
    client_first: str,
    saved: SavedCapture,
) -> None:
    for item in found:
        try:
            month, day = int(item["month"]), int(item["day"])
            datetime(2000, month, day)
        except (KeyError, TypeError, ValueError):
            continue
        label = str(item.get("label") or "date").strip().lower()
        about = str(item.get("about") or "").strip()
        person_id = _about(about, people, client_first)
        if person_id is None and about and fold(about) != client_first:
            # Someone the book has no person for ("her parents' anniversary"): their day
            # stays theirs, beside the client's own anniversary, never over it.
            label = f"{about}' {label}" if about.endswith("s") else f"{about}'s {label}"
        existing = sql.important_date(client_id, label, person_id)
        if existing is not None:
            existing.month, existing.day = month, day
            existing.save()
            saved.date_ids.append(existing.id)
            continue
        values = {"client": client_id, "person": person_id, "label": label, "month": month}
        row = sql.insert(m.ImportantDate, {**values, "day": day})
        saved.date_ids.append(row["id"])


def _summary(text: str, found: dict[str, Any]) -> str:
    """The sentence of the note that records the message ("Voicemail from Jim about...")."""
    span = found.get("span")
    if not (isinstance(span, list | tuple) and len(span) == 2):
        return str(found.get("summary") or "")
    start, end = int(span[0]), int(span[1])
    ends = [m.end() for m in re.finditer(r"[.!?\n]\s*", text[:start])]
    start = ends[-1] if ends else 0
    stop = re.search(r"[.!?\n]", text[end:])
    end = end + stop.start() if stop else len(text)
    return " ".join(text[start:end].split())[:300]


def _inbound(
    text: str,
    client_id: int,
    client_name: str,
    interaction_id: int,
    found: dict[str, Any] | None,
    when: datetime,
    tasks: list[dict[str, Any]],
    saved: SavedCapture,
    recorder: Any,
) -> list[dict[str, Any]]:
    """Record the message awaiting reply; the note's own reply task becomes its task. The
    lead's open introductions, which the message answers, are the recorder's (read before
    the save wrote; no introduction is written before this)."""
    if not found or found.get("channel") not in r.INBOUND_CHANNELS:
        return tasks
    from rapport.services.inbound import write_inbound

    if when.date() > clock.today():  # as record_inbound refuses it
        raise ValidationError("a message cannot arrive in the future")
    replies = [t for t in tasks if t.get("kind") == "reply"]
    first = replies[0] if replies else {}
    # The note's reply task words the message's: written so at once, not rewritten after.
    message, task_id = write_inbound(
        client_id,
        client_name,
        found["channel"],
        when,
        _summary(text, found),
        interaction_id,
        reply_title=str(first.get("title") or "") or None,
        reply_due=_day(first["due"]) if first.get("due") else None,
        open_introductions=recorder.open_introductions_of_lead(client_id, when.date()),
    )
    saved.inbound_id = message["id"]
    saved.task_ids.append(task_id)
    return [t for t in tasks if t is not first] if replies else tasks


def _introductions(
    client_id: int,
    client_key: str,
    interaction_id: int,
    found: list[dict[str, Any]],
    tasks: list[dict[str, Any]],
    saved: SavedCapture,
    recorder: Any,
) -> list[dict[str, Any]]:
    """Each lead becomes a client introduced by the referrer, with the follow-up chain.

    The chain brings "thank the referrer" and "reach out to the lead"; the note's own
    tasks saying the same thing set those tasks' wording and dates instead of doubling them.
    The leads' and referrers' clients are as the undo's ``recorder`` read them (it looked
    their names up before the save wrote), with the clients this loop makes and the
    introductions it writes: no read of them again (a round trip each on a team book).
    """
    if not found:
        return tasks  # (and the follow-through services are only loaded when needed)
    from rapport.services.introductions import write_introduction

    named = _Named(recorder)
    for item in found:
        lead_name = " ".join(str(item.get("name") or "").split())
        if not lead_name or fold(lead_name) == client_key:
            continue
        referrer_text = " ".join(str(item.get("referrer") or "").split())
        lead_id = named.client(lead_name)
        referrer_id: int | None = None
        if not referrer_text or fold(referrer_text) == client_key:
            referrer_id = client_id if lead_id != client_id else None
        elif lead_id == client_id:
            # "Referred by Frank": the note's client is the lead.
            referrer_id = named.client(referrer_text, create=False)
        if referrer_id is not None and referrer_id == lead_id:  # as create_introduction
            raise ValidationError("a client cannot introduce themselves")
        intro, chain_rows = write_introduction(
            lead_id,
            referrer_id,
            referrer_text if referrer_id is None else "",
            "",
            clock.today(),
            interaction_id,
            known=named.known,
        )
        saved.introduction_ids.append(intro.id)
        lead_first = fold(lead_name).split()[0]
        referrer_first = fold(intro.referrer or "").split()[0] if intro.referrer else ""
        # The tasks the introduction brought, as just written (no reading them back).
        chain = {row["kind"]: row for row in chain_rows}
        remaining = []
        for task in tasks:
            title = fold(str(task.get("title") or ""))
            kind = task.get("kind")
            target = None
            words = title.split()
            if "thank" in title and referrer_first and referrer_first in words:
                target = chain.get("thank_referrer")
            elif lead_first in words and ("call" in words or kind == "call"):
                # "If she doesn't answer, call her": the chain adds the call when it is due.
                continue
            elif lead_first in words and kind in ("introduction", "follow_up", "todo", "promise"):
                target = chain.get("introduction")
            if target is None:
                remaining.append(task)
                continue
            target["title"] = str(task.get("title") or target["title"])
            if task.get("due"):
                target["due"] = _day(task["due"]) or target["due"]
            sql.update(m.Task, target["id"], {"title": target["title"], "due": target["due"]})
            indexing.data(m.Task, target)
            saved.task_ids.append(target["id"])
        tasks = remaining
        for row in chain.values():
            if row["id"] not in saved.task_ids:
                saved.task_ids.append(row["id"])
    return tasks


def _chain_covers(suggestion: dict[str, Any], leads: list[str], saved: SavedCapture) -> bool:
    """An introduction saved with the note already brings "thank the referrer" and "reach
    out to the lead" (services/introductions.py); accepting those suggestions adds nothing."""
    if not saved.introduction_ids:
        return False
    if suggestion.get("kind") == "thank_referrer":
        return True
    title = fold(str(suggestion.get("title") or ""))
    return suggestion.get("kind") == "follow_up" and any(lead and lead in title for lead in leads)


class _Named:
    """The clients an introduction names, by folded name: as the undo's recorder read them
    before the save wrote (``Recorder.client_of_key``; read here only for a name it did not
    look up), with the ones made since in this save. ``known`` is {id: (name, referred_by
    id)} of those clients, which ``write_introduction`` reads and keeps up to date."""

    def __init__(self, recorder: Any) -> None:
        self.recorder = recorder
        self.made: dict[str, int] = {}
        self.known: dict[int, tuple[str, int | None]] = recorder.clients_named()

    @overload
    def client(self, name: str, create: Literal[True] = True) -> int: ...
    @overload
    def client(self, name: str, create: Literal[False]) -> int | None: ...
    def client(self, name: str, create: bool = True) -> int | None:
        """The client of that exact (folded) name, or a new one."""
        key = fold(name)
        found = self.made.get(key)
        if found is None:
            asked, found = self.recorder.client_of_key(key)
            if not asked:
                found = sql.client_of_key(key)
        if found is not None or not create:
            return found
        stamp = clock.now()
        values = {"name": name, "name_key": key, "created_at": stamp, "updated_at": stamp}
        data = insert_client(values)
        if data is None:  # a colleague's save made this client first (a team book)
            return _shared_client(key)
        indexing.data(m.Client, data)
        self.made[key] = int(data["id"])
        self.known[int(data["id"])] = (name, None)
        return int(data["id"])


class _OpenTasks:
    """The client's open tasks (id, folded title, due), read once per save.

    Every task of the note is checked against them ("still owe him the proposal": the
    open task already there, not a second one). They are read when the first is checked,
    after the message and introduction tasks were written, and ``_task`` keeps them up to
    date with what it writes itself: reading them again for every task found the same.
    """

    def __init__(self, client_id: int, known: list[tuple[int, str, Any]] | None = None) -> None:
        """``known``: the open tasks as ``sql.open_task_titles`` would read them now (the
        undo's record of a save that wrote no task before), or None to read them."""
        self.client_id = client_id
        self.known = known
        self.rows: list[list[Any]] | None = None

    def find(self, key: str) -> list[Any] | None:
        if self.rows is None:
            due: Callable[[Any], date | None] = m.Task.due.python_value
            found = sql.open_task_titles(self.client_id) if self.known is None else self.known
            self.rows = [[task_id, fold(title), due(day)] for task_id, title, day in found]
        return next((row for row in self.rows if row[1] == key), None)

    def add(self, task_id: int, key: str, due: Any) -> None:
        assert self.rows is not None  # find() comes first
        self.rows.append([task_id, key, due])


def _task(
    client_id: int,
    interaction_id: int,
    item: dict[str, Any],
    people: dict[str, int],
    open_tasks: _OpenTasks,
) -> int:
    title = " ".join(str(item.get("title") or "").split())
    if not title:
        raise ValidationError("a task from the note has no title")
    kind = item.get("kind") if item.get("kind") in r.TASK_KINDS else "todo"
    due = _day(item.get("due"))
    # "Still owe him the proposal by Friday": the open task already there, not a second one.
    key = fold(title)
    same = open_tasks.find(key)
    if same is not None:
        if due is not None and same[2] != due:
            row = m.Task.get_by_id(same[0])
            row.due = due
            row.updated_at = clock.now()
            row.save()
            indexing.task(row)
            same[2] = due
        return int(same[0])
    stamp = clock.now()
    promised = bool(item.get("promised", kind == "promise"))
    values = {
        "client": client_id,
        "interaction": interaction_id,
        "person": people.get(fold(str(item.get("for") or ""))) if item.get("for") else None,
        "title": title,
        "kind": kind,
        "due": due,
        "promised": promised,
        "created_at": stamp,
        "updated_at": stamp,
    }
    data = sql.insert(m.Task, values)
    indexing.data(m.Task, data)
    open_tasks.add(data["id"], key, due)
    return int(data["id"])


def _day(value: Any) -> Any:
    from rapport.services.validate import optional_date

    return optional_date(value, "due date") if value else None
