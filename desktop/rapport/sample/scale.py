"""The scaled sample book: N generated clients sharing M conversations, for a seed.

Conversations are spread the way a real book is: a few key accounts with hundreds of
conversations, most clients with a handful (log-normal weights, key accounts boosted).
Everything is drawn from one ``random.Random(seed)`` in a fixed order, so a seed always
gives the same book (times of day "today" are capped at the current time, the only input
that is not the seed or the date).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from rapport.core.names import fold
from rapport.sample.history import History
from rapport.sample.sources import Clock, Sources, Who, promise_title, years_before
from rapport.sample.sources import slug as make_slug
from rapport.sample.write import BookWriter
from rapport.store import models as m

# Share of conversations a key account gets compared with an ordinary client.
KEY_ACCOUNT_BOOST = 30.0
CADENCES = (14, 21, 30, 45, 90, 120, 180)


def allocate(rng: random.Random, clients: int, notes: int) -> list[int]:
    """How many conversations each client gets: exactly ``notes`` in all, heavy-tailed."""
    weights = [rng.lognormvariate(0.0, 0.9) for _ in range(clients)]
    # One client in a hundred is a key account: a fixed boost (not a multiple of the
    # log-normal draw) keeps them at hundreds of conversations rather than thousands.
    for index in rng.sample(range(clients), max(1, clients // 100)):
        weights[index] = KEY_ACCOUNT_BOOST * rng.uniform(0.6, 1.4)
    total = sum(weights)
    shares = [notes * w / total for w in weights]
    counts = [int(s) for s in shares]
    # Largest remainders get the conversations left over by rounding down.
    left = notes - sum(counts)
    by_remainder = sorted(range(clients), key=lambda i: counts[i] - shares[i])
    for index in by_remainder[:left]:
        counts[index] += 1
    return counts


def _last_contact_days(rng: random.Random) -> int:
    """Days since the newest conversation: most clients recent, some drifting away."""
    roll = rng.random()
    if roll < 0.65:
        return rng.randint(0, 30)
    if roll < 0.88:
        return rng.randint(31, 90)
    return rng.randint(91, 500)


class ScaledBook:
    """Generates ``clients`` clients and ``notes`` conversations into a writer."""

    def __init__(self, writer: BookWriter, src: Sources, clock: Clock, seed: int) -> None:
        self.writer, self.src, self.clock = writer, src, clock
        self.rng = random.Random(seed)
        self.history = History(writer, src, self.rng, clock, open_work=True)
        self._names: set[str] = set()
        self._earlier: list[tuple[int, str, int]] = []  # id, name, since_days

    def run(self, clients: int, notes: int, step: Callable[[int], None]) -> None:
        """Generate the book; ``step(units)`` after each client (units = 1 + its notes)."""
        counts = allocate(self.rng, clients, notes)
        for count in counts:
            self.client(count)
            step(1 + count)

    def client(self, notes: int) -> None:
        rng, src, clock, w = self.rng, self.src, self.clock, self.writer
        female = rng.random() < 0.5
        first, name = self._name(female)
        industry = rng.choice(src.companies["industries"])
        family_business = rng.random() < 0.3
        noun = rng.choice(industry["nouns"])
        prefix = name.split()[-1] if family_business else rng.choice(src.companies["prefixes"])
        company = f"{prefix} {noun}"
        role = rng.choice(("Owner", "Founder", "President")) if family_business else None
        key_account = notes > 150
        since = rng.randint(600, 1800) if key_account else rng.randint(20, 1500)
        last = min(_last_contact_days(rng), since)
        client_id = w.new_id(m.Client)
        referrer = self._referrer(since) if rng.random() < 0.12 else None
        values = {
            "industry": industry["name"],
            "city": rng.choice(src.companies["cities"]),
            "topic": rng.choice(industry["topics"]),
        }
        values["event"] = rng.choice(src.companies["events"]).format_map(values)
        if referrer is not None:
            values["referrer"] = referrer[1]
            how = rng.choice(src.companies["referred_how"]).format_map(values)
        else:
            how = rng.choice(src.companies["how_we_met"]).format_map(values)
        domain = make_slug(company) + ".com"
        created = clock.at(since, 9, 0)
        archived = rng.random() < 0.02
        w.add(
            m.Client,
            id=client_id,
            name=name,
            name_key=fold(name),
            company=company,
            role=role or rng.choice(src.companies["roles"]),
            emails=[f"{make_slug(first)}.{make_slug(name.split()[-1])}@{domain}"],
            phones=[f"({rng.choice(src.companies['area_codes'])}) 555-01{rng.randrange(100):02d}"],
            how_we_met=how,
            referred_by=referrer[0] if referrer else None,
            cadence_days=rng.choice(CADENCES[:4] if key_account else CADENCES)
            if key_account or rng.random() < 0.2
            else None,
            created_at=created,
            updated_at=created,
            archived_at=clock.at(max(last - rng.randint(1, 30), 0)) if archived else None,
        )
        interests = rng.sample(src.interests, rng.randint(2, 4))
        who = Who(first=first, company=company, industry=industry, interests=list(interests))
        people = self._people(client_id, female, since, who)
        days = [last] + [rng.randint(last, since) for _ in range(notes - 1)] if notes else []
        made = self.history.write(who, client_id, days)
        self._facts(client_id, since, interests, people, made)
        self._extras(client_id, since, who, interests, referrer, made)
        self._earlier.append((client_id, name, since))

    def _name(self, female: bool) -> tuple[str, str]:
        rng, names = self.rng, self.src.names
        first = rng.choice(names["female" if female else "male"])
        name = f"{first} {rng.choice(names['last'])}"
        while name in self._names:  # a middle initial tells two Dana Whitfields apart
            name = f"{first} {chr(65 + rng.randrange(26))}. {rng.choice(names['last'])}"
        self._names.add(name)
        return first, name

    def _referrer(self, since: int) -> tuple[int, str, int] | None:
        """An earlier client who was already a client when this one arrived."""
        for _ in range(5):
            if not self._earlier:
                return None
            candidate = self.rng.choice(self._earlier)
            if candidate[2] > since:
                return candidate
        return None

    def _people(
        self, client_id: int, female: bool, since: int, who: Who
    ) -> list[tuple[int, str, str]]:
        rng, src, clock, w = self.rng, self.src, self.clock, self.writer
        family = src.family
        people: list[tuple[int, str, str]] = []  # id, name, relation

        def add(name: str, relation: str, notes: str, **more: Any) -> None:
            person_id = w.add(
                m.Person,
                client=client_id,
                name=name,
                relation=relation,
                notes=notes,
                created_at=clock.at(since),
                updated_at=clock.at(since),
                **more,
            )
            people.append((person_id, name, relation))
            who.people.append(name)

        if rng.random() < 0.6:
            spouse_female = not female if rng.random() < 0.9 else female
            relation = family["spouse"]["relations"]["female" if spouse_female else "male"]
            name = rng.choice(src.names["female" if spouse_female else "male"])
            add(name, relation, rng.choice(family["spouse"]["notes"]))
        for _ in range(rng.choices((0, 1, 2, 3), (30, 25, 30, 15))[0]):
            kid_female = rng.random() < 0.5
            relation = family["child"]["relations"]["female" if kid_female else "male"]
            age = rng.randint(family["child"]["min_age"], family["child"]["max_age"])
            heard = rng.randint(0, min(since, 400))
            add(
                rng.choice(src.names["female" if kid_female else "male"]),
                relation,
                rng.choice(family["child"]["notes"]),
                age=age,
                age_as_of=clock.day(-heard),
            )
        if rng.random() < 0.35:
            species = "dog" if rng.random() < 0.7 else "cat"
            pets = family["pets"][species]
            add(rng.choice(pets["names"]), species, rng.choice(pets["notes"]))
        return people

    def _facts(
        self,
        client_id: int,
        since: int,
        interests: list[dict[str, Any]],
        people: list[tuple[int, str, str]],
        made: list[tuple[int, datetime]],
    ) -> None:
        rng, src, w = self.rng, self.src, self.writer

        def add(text: str, category: str, tags: list[str], person: int | None = None) -> None:
            source, heard = None, self.clock.at(rng.randint(0, since), 12)
            if made and rng.random() < 0.3:
                source, heard = rng.choice(made)
            w.add(
                m.Fact,
                client=client_id,
                person=person,
                text=text,
                category=category,
                tags=tags,
                source=source,
                created_at=heard,
                confirmed_at=heard,
            )

        for interest in interests:
            add(rng.choice(interest["client"]), "interest", [interest["tag"]])
        for person_id, name, relation in people:
            if relation in ("son", "daughter") and rng.random() < 0.6:
                interest = rng.choice(src.kid_interests)
                add(
                    rng.choice(interest["person"]).format(name=name),
                    "interest",
                    [interest["tag"]],
                    person_id,
                )
        extras = src.extras
        if rng.random() < 0.15:
            diet = rng.choice(extras["dietary"])
            add(diet["text"], "dietary", list(diet["tags"]))
        if rng.random() < 0.4:
            add(rng.choice(extras["business"]), "business", [])
        if rng.random() < 0.2:
            add(rng.choice(extras["preferences"]), "preference", [])
        if rng.random() < 0.03:
            add(rng.choice(extras["sensitive"]), "sensitive", [])

    def _extras(
        self,
        client_id: int,
        since: int,
        who: Who,
        interests: list[dict[str, Any]],
        referrer: tuple[int, str, int] | None,
        made: list[tuple[int, datetime]],
    ) -> None:
        """Gifts, yearly dates, a follow-up, and the introduction that brought them."""
        rng, src, clock, w = self.rng, self.src, self.clock, self.writer
        extras = src.extras
        if rng.random() < 0.2:
            interest = rng.choice(interests)
            planned = rng.random() < 0.15
            w.add(
                m.Gift,
                client=client_id,
                title=rng.choice(interest["gifts"]),
                status="planned" if planned else "given",
                occasion=rng.choice(extras["occasions"]),
                given_on=None if planned else clock.day(-rng.randint(1, since)),
                cost_cents=rng.randrange(2000, 15000, 500),
                reaction="" if planned else rng.choice(extras["reactions"]),
                tags=[interest["tag"]],
                created_at=clock.at(rng.randint(0, since)),
            )
        for label, chance in (("birthday", 0.3), ("wedding anniversary", 0.15)):
            if rng.random() < chance:
                day = clock.day(rng.randint(0, 364))
                years = rng.randint(30, 65) if label == "birthday" else rng.randint(3, 35)
                first = years_before(day, years)
                w.add(
                    m.ImportantDate,
                    client=client_id,
                    label=label,
                    month=first.month,
                    day=first.day,
                    year=first.year if rng.random() < 0.6 else None,
                )
        if made and rng.random() < 0.25:
            when = made[0][1]
            due = None if rng.random() < 0.3 else clock.day(rng.randint(1, 21))
            kind = rng.choice(("follow_up", "check_in"))
            w.add(
                m.Task,
                client=client_id,
                title=promise_title(src, rng, who, kind, when.date()),
                kind=kind,
                due=due,
                created_at=when,
                updated_at=when,
            )
        if referrer is not None:
            # Long settled: the curated book shows an introduction still to act on.
            introduced = clock.at(since, 9)
            w.add(
                m.Introduction,
                lead=client_id,
                referrer=referrer[0],
                note=f"{referrer[1]} introduced {who.first}.",
                introduced_on=introduced.date(),
                thanked_at=introduced + timedelta(days=1),
                contacted_at=introduced + timedelta(days=1),
                lead_answered_at=introduced + timedelta(days=3),
                created_at=introduced,
            )
