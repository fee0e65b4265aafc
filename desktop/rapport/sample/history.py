"""A client's generated past: conversations and what they left behind.

Every branch that draws from the random stream is decided by earlier draws only, never
by today's date or the time, so a seed gives the same book on any day (shifted to it).

Used by both sample books: the scaled one for every client, the curated one for the
older background behind its hand-written stories. Each conversation may leave a
thank-you card (meetings), an inbound message with its answer or a reply still owed
(emails, voicemails and texts from the client), or a promise with its due date and
whether it was kept on time (meetings and calls).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from rapport.sample.sources import (
    Clock,
    Sources,
    Talk,
    Who,
    compose,
    kind_picker,
    promise_title,
)
from rapport.sample.write import BookWriter
from rapport.store import models as m

# How much of the recent past is left open in a scaled book (a live book has some).
OWED_THANKS = 0.5  # of the last two days' meetings
AWAITING_REPLY = 0.35  # of the last three days' messages from clients
OVERDUE = 0.12  # of promises due in the last three weeks
LATE = 0.13  # of kept promises, delivered after their due date
PROMISE = 0.25  # of meetings and calls that end with "I'll send you..."
CARD = 0.25  # of thanked meetings with the card kept in the book


class History:
    """Writes conversations for one client at a time."""

    def __init__(
        self, writer: BookWriter, src: Sources, rng: random.Random, clock: Clock, open_work: bool
    ) -> None:
        """With ``open_work`` False everything is settled and on time (the curated book's
        background), so that only the curated stories decide what is open, owed or late."""
        self.w, self.src, self.rng, self.clock = writer, src, rng, clock
        self.open_work = open_work
        self._kinds, self._cumulative = kind_picker(src)

    def write(self, who: Who, client_id: int, days: list[int]) -> list[tuple[int, datetime]]:
        """Conversations on the given days ago; returns ``(id, happened_at)``, newest first.

        The newest is always contact (never a private note): it is what sets the client's
        last contact, and the generators choose that day on purpose.
        """
        made: list[tuple[int, datetime]] = []
        for position, days_ago in enumerate(sorted(days)):
            kind = self.rng.choices(self._kinds, cum_weights=self._cumulative)[0]
            if position == 0 and kind == "note":
                kind = "call"
            when = self.clock.business_time(self.rng, days_ago)
            talk = compose(self.src, self.rng, who, kind, when.date())
            interaction_id = self._conversation(who, client_id, talk, when, days_ago)
            made.append((interaction_id, when))
            if talk.inbound:
                self._message(who, client_id, interaction_id, talk, when, days_ago)
            elif kind in ("meeting", "call") and self.rng.random() < PROMISE:
                self._promise(who, client_id, interaction_id, when)
        return made

    def _conversation(
        self, who: Who, client_id: int, talk: Talk, when: datetime, days_ago: int
    ) -> int:
        rng, clock = self.rng, self.clock
        # Like services.interactions.add_interaction: only a meeting leaves a thank-you owed.
        thanked: datetime | None = when
        if talk.kind == "meeting":
            owed = self.open_work and days_ago <= 1 and rng.random() < OWED_THANKS
            thanked = None if owed else clock.cap(when + timedelta(hours=rng.randint(2, 26)))
        interaction_id = self.w.add(
            m.Interaction,
            client=client_id,
            kind=talk.kind,
            happened_at=when,
            title=talk.title,
            raw_text=talk.text,
            key_points=talk.points,
            thanked_at=thanked,
            created_at=when,
        )
        if talk.kind == "meeting" and thanked is not None and rng.random() < CARD:
            point = talk.points[0] if talk.points else talk.title
            self.w.add(
                m.Card,
                client=client_id,
                interaction=interaction_id,
                occasion="thank_you",
                body=f"Dear {who.first},\nThank you for your time today. On my list from "
                f"our conversation: {point}.\nBest,",
                card_size="a2",
                created_at=thanked,
                sent_at=thanked,
            )
        return interaction_id

    def _message(
        self,
        who: Who,
        client_id: int,
        interaction_id: int,
        talk: Talk,
        when: datetime,
        days_ago: int,
    ) -> None:
        rng, clock = self.rng, self.clock
        # Decided from the drawn day, not from the clock: whether the random stream takes
        # this branch must not depend on the time of day, or a seed would not fix the book.
        awaiting = self.open_work and days_ago <= 3 and rng.random() < AWAITING_REPLY
        answered = None if awaiting else clock.cap(when + timedelta(hours=rng.randint(1, 30)))
        inbound_id = self.w.add(
            m.Inbound,
            client=client_id,
            channel=talk.kind,
            received_at=when,
            summary=talk.points[0] if talk.points else talk.title,
            answered_at=answered,
            interaction=interaction_id,
        )
        if awaiting:
            self.w.add(
                m.Task,
                client=client_id,
                interaction=interaction_id,
                inbound=inbound_id,
                title=promise_title(self.src, rng, who, "reply", when.date()),
                kind="reply",
                due=when.date() + timedelta(days=1),
                created_at=when,
                updated_at=when,
            )

    def _promise(self, who: Who, client_id: int, interaction_id: int, when: datetime) -> None:
        rng, clock = self.rng, self.clock
        due = when.date() + timedelta(days=rng.randint(1, 14))
        overdue_days = (clock.today - due).days
        status, done_at, late_notice = "open", None, None
        # Promises long past due were kept; a few recent ones are still open (overdue).
        still_open = self.open_work and overdue_days <= 21 and rng.random() < OVERDUE
        if overdue_days > 0 and not still_open:
            status = "done"
            if self.open_work and rng.random() < LATE:
                # Said so the day before, delivered a few days after.
                late_notice = datetime.combine(due - timedelta(days=1), when.time())
                done_at = datetime.combine(due + timedelta(days=rng.randint(1, 6)), when.time())
            else:
                slack = min(rng.randint(0, 3), (due - when.date()).days)
                done_at = datetime.combine(due - timedelta(days=slack), when.time())
            done_at = clock.cap(max(done_at, when + timedelta(hours=1)))
            if late_notice is not None:
                late_notice = clock.cap(max(late_notice, when))
        elif overdue_days <= 0 and rng.random() < 0.1:  # done early
            status, done_at = "done", clock.cap(when + timedelta(days=1))
        self.w.add(
            m.Task,
            client=client_id,
            interaction=interaction_id,
            title=promise_title(self.src, rng, who, "promise", when.date()),
            kind="promise",
            promised=True,
            due=due,
            status=status,
            done_at=done_at,
            late_notice_at=late_notice,
            created_at=when,
            updated_at=done_at or when,
        )
