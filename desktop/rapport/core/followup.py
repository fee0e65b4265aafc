"""Follow-through rules: what is overdue, due, at risk, waiting for a reply, out of touch.

Pure functions over core records and dates; services feed them rows and Today shows the
result. Everything is computed from the data and "today", never from a scheduler, so a
reminder cannot fail to fire because a job did not run.

Decisions, written down because they shape what the user sees:

- **Business days** are Monday to Friday. Public holidays are not known to the app.
- **Overdue**: an open, not snoozed task whose (effective) due date is before today.
- **Effective due date**: the due date, except that (1) a task that is *not* a promise and
  was snoozed past its due date is due on the day it wakes up (the user deferred it on
  purpose), while a promise keeps its date (the client is still waiting); and (2) a task due
  during an away period is due on the first business day back.
- **At risk** (promises only, never the ones already overdue or due today):
  (a) due within one working day (the next business day or sooner), or
  (b) three quarters or more of its window has gone by *without progress*. The window runs
  from when the promise was made (or, after a "running late" note, from when the client
  was told) to its due date. **Progress** means the user recorded progress on the task
  (``Task.progress_at``: a progress note, or an edit of the task's notes) inside the window.
  A conversation with the client is not progress on the promise: you can talk without
  delivering.
- **Replies** are owed by the end of the next business day after the message arrived:
  on that day the reply is at "caution", after it at "warning" (past one business day). A
  message that arrived while the user was away is owed on the first business day back.
- **Away**: while away nothing fires: no overdue, no at-risk, no reply warnings.
- **Out of touch**: a client whose last contact (or, never contacted, the day they were
  added) is more than their cadence ago (the client's own, else the default), ordered by
  how many days past the cadence, most overdue first.
- **Introductions**: thank the referrer, email the lead the same day, and when the lead has
  not answered ``call_after_days`` days after the email, call. No email sent, no call due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from rapport.core.promises import is_promise
from rapport.core.records import Introduction, Task

WORKDAYS = frozenset(range(5))  # Monday..Friday
AT_RISK_SHARE = 0.75  # "most of its window"


# -- business days ------------------------------------------------------------------------
def is_business_day(day: date) -> bool:
    return day.weekday() in WORKDAYS


@lru_cache(maxsize=256)
def next_business_day(day: date) -> date:
    """The first business day strictly after ``day``."""
    day += timedelta(days=1)
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=256)
def add_business_days(day: date, count: int) -> date:
    """``count`` business days after ``day`` (``count`` >= 0; 0 gives ``day`` itself)."""
    for _ in range(max(count, 0)):
        day = next_business_day(day)
    return day


def business_days_between(start: date, end: date) -> int:
    """Business days d with start < d <= end (0 when end is not after start)."""
    if end <= start:
        return 0
    whole_weeks, extra = divmod((end - start).days, 7)
    count = whole_weeks * 5
    day = start + timedelta(days=whole_weeks * 7)
    for _ in range(extra):
        day += timedelta(days=1)
        count += is_business_day(day)
    return count


# -- away -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Away:
    """An away period: ``start`` to ``until`` inclusive, and who covers meanwhile."""

    start: date
    until: date
    backup_name: str = ""
    backup_contact: str = ""

    @property
    def return_day(self) -> date:
        """The first business day back."""
        return next_business_day(self.until)

    def is_away(self, today: date) -> bool:
        return self.start <= today <= self.until

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.until


# -- tasks ------------------------------------------------------------------------------------
OVERDUE, DUE_TODAY, AT_RISK, UPCOMING = "overdue", "due_today", "at_risk", "upcoming"
DONE, SNOOZED, UNDATED, HELD = "done", "snoozed", "undated", "held"


def effective_due(task: Task, away: Away | None = None) -> date | None:
    due = task.due
    if due is None:
        return None
    if not is_promise(task) and task.snoozed_until is not None and task.snoozed_until > due:
        due = task.snoozed_until
    if away is not None and away.covers(due):
        due = away.return_day
    return due


def window_start(task: Task) -> date | None:
    """Where the promise's window starts: when it was made, or when the client was told."""
    starts = [stamp.date() for stamp in (task.created_at, task.late_notice_at) if stamp]
    return max(starts) if starts else None


def made_progress(task: Task) -> bool:
    """Progress recorded on the task inside its current window (see the module docstring)."""
    start = window_start(task)
    if task.progress_at is None:
        return False
    return start is None or task.progress_at.date() >= start


def window_used(task: Task, today: date) -> float | None:
    """Share of the promise's window (start to due) gone by today, or None without one."""
    start = window_start(task)
    if start is None or task.due is None or task.due <= start:
        return None
    return (today - start).days / (task.due - start).days


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a task stands today: its state, effective due date and days late."""

    state: str
    due: date | None
    days_late: int


def standing(task: Task, today: date, away: Away | None = None) -> Standing:
    """done, snoozed, undated, held (away), overdue, due_today, at_risk or upcoming."""
    status = task.status_on(today)
    if status != "open":
        return Standing(status, task.due, 0)
    due = effective_due(task, away)
    if due is None:
        return Standing(UNDATED, None, 0)
    late = max((today - due).days, 0)
    if away is not None and away.is_away(today):
        # Held: what would fire now, or falls due while away; the rest stays upcoming.
        usual = standing(task, today)
        if usual.state in (OVERDUE, DUE_TODAY, AT_RISK) or away.covers(usual.due or due):
            return Standing(HELD, due, late)
        return Standing(UPCOMING, due, 0)
    if due < today:
        return Standing(OVERDUE, due, late)
    if due == today:
        return Standing(DUE_TODAY, due, 0)
    if is_promise(task) and _at_risk(task, due, today):
        return Standing(AT_RISK, due, 0)
    return Standing(UPCOMING, due, 0)


def task_state(task: Task, today: date, away: Away | None = None) -> str:
    return standing(task, today, away).state


def _at_risk(task: Task, due: date, today: date) -> bool:
    if due <= add_business_days(today, 1):
        return True
    if made_progress(task):
        return False
    used = window_used(task, today)
    return used is not None and used >= AT_RISK_SHARE


def days_late(task: Task, today: date, away: Away | None = None) -> int:
    return standing(task, today, away).days_late


def proposed_new_date(task: Task, today: date) -> date:
    """The new date a "running late" note offers: two business days past today or the due."""
    base = max(today, task.due) if task.due else today
    return add_business_days(base, 2)


# -- replies ----------------------------------------------------------------------------------
OK, CAUTION, WARNING, AWAY = "ok", "caution", "warning", "away"


@dataclass(frozen=True, slots=True)
class ReplyAge:
    hours: int
    days: int  # calendar days since the day it arrived
    reply_by: date
    level: str  # ok, caution (owed today), warning (past one business day), away

    @property
    def label(self) -> str:
        if self.days == 0 and self.hours < 1:
            return "just now"
        if self.days == 0 or self.hours < 24:
            return f"{self.hours} h"
        return "1 day" if self.days == 1 else f"{self.days} days"


def reply_by(received: date, away: Away | None = None) -> date:
    """The day a reply is owed by: the next business day (or the first day back)."""
    owed = next_business_day(received)
    if away is not None and (away.covers(received) or away.covers(owed)):
        # Arrived while away, or owed while away: the auto-reply promised "when I'm back".
        return max(owed, away.return_day)
    return owed


def reply_age(received_at: datetime, now: datetime, away: Away | None = None) -> ReplyAge:
    today = now.date()
    hours = max(int((now - received_at).total_seconds() // 3600), 0)
    days = max((today - received_at.date()).days, 0)
    owed = reply_by(received_at.date(), away)
    if away is not None and away.is_away(today):
        level = AWAY
    elif today > owed:
        level = WARNING
    elif today == owed:
        level = CAUTION
    else:
        level = OK
    return ReplyAge(hours, days, owed, level)


# -- keeping in touch -------------------------------------------------------------------------
# The longest keep-in-touch cadence a client can have (ten years), wherever it is typed.
MAX_CADENCE_DAYS = 3660


class Contactable(NamedTuple):
    """What the out-of-touch rule needs to know about a client (a tuple: thousands of them)."""

    id: int
    name: str
    last_contact: date | None
    added: date | None  # when the client was added (the clock of someone never contacted)
    cadence_days: int | None


@dataclass(frozen=True, slots=True)
class OutOfTouch:
    id: int  # the client's id
    client: str
    last_contact: date | None
    days: int  # since the last contact (or since the client was added)
    cadence_days: int

    @property
    def overdue_by(self) -> int:
        return self.days - self.cadence_days

    @property
    def client_id(self) -> int:
        return self.id


def out_of_touch(
    clients: Iterable[Contactable], today: date, default_cadence: int
) -> list[OutOfTouch]:
    """Clients past their keep-in-touch cadence, the most overdue first."""
    keyed = []
    for cid, name, last, added, own in clients:
        cadence = own or default_cadence
        reference = last or added
        if reference is None or cadence <= 0:
            continue
        days = (today - reference).days
        if days > cadence:
            keyed.append((cadence - days, name.casefold(), cid, name, last, days, cadence))
    keyed.sort()
    return [
        OutOfTouch(cid, name, last, days, cadence) for *_k, cid, name, last, days, cadence in keyed
    ]


# -- introductions ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class IntroStep:
    key: str  # thank_referrer, email_lead, call_lead
    title: str
    done_at: datetime | None
    due: date | None  # None: not due yet (or not needed)

    @property
    def done(self) -> bool:
        return self.done_at is not None


def first_name(name: str | None) -> str:
    parts = (name or "").split()
    return parts[0] if parts else ""


def thank_referrer_title(intro: Introduction) -> str:
    return f"Thank {first_name(intro.referrer) or 'the referrer'} for introducing {intro.lead}"


def email_lead_title(intro: Introduction) -> str:
    by = f" ({first_name(intro.referrer)}'s introduction)" if intro.referrer else ""
    return f"Email {intro.lead}{by}"


def call_lead_title(intro: Introduction) -> str:
    return f"Call {intro.lead}: no answer to the email yet"


def call_due_on(intro: Introduction, call_after_days: int) -> date | None:
    """The day the call becomes due: N days after the email, while the lead is silent."""
    if intro.contacted_at is None or intro.lead_answered_at is not None:
        return None
    return intro.contacted_at.date() + timedelta(days=max(call_after_days, 0))


def call_needed(intro: Introduction, today: date, call_after_days: int) -> bool:
    due = call_due_on(intro, call_after_days)
    return due is not None and intro.called_at is None and today >= due


def intro_steps(intro: Introduction, today: date, call_after_days: int) -> list[IntroStep]:
    """The chain of one introduction, with what is done and what is due."""
    start = intro.introduced_on or today
    steps = []
    if intro.referrer:
        steps.append(
            IntroStep("thank_referrer", thank_referrer_title(intro), intro.thanked_at, start)
        )
    steps.append(IntroStep("email_lead", email_lead_title(intro), intro.contacted_at, start))
    if intro.lead_answered_at is None:
        steps.append(
            IntroStep(
                "call_lead",
                call_lead_title(intro),
                intro.called_at,
                call_due_on(intro, call_after_days),
            )
        )
    return steps


def intro_open(intro: Introduction) -> bool:
    """Still something to do: the referrer unthanked, or the lead not reached."""
    if intro.referrer and intro.thanked_at is None:
        return True
    return intro.lead_answered_at is None and intro.called_at is None
