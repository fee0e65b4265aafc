"""Follow-through rules: business days, task states, at risk, reply ages, cadence, intros."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rapport.core import followup as fu
from rapport.core.records import Introduction, Task

WED = date(2026, 11, 18)
THU, FRI, SAT, SUN, MON = (date(2026, 11, d) for d in (19, 20, 21, 22, 23))


def promise(due: date | None, created: date = date(2026, 11, 1), **kw: object) -> Task:
    return Task(
        id=1,
        title="Send pricing",
        kind="promise",
        promised=True,
        due=due,
        created_at=datetime.combine(created, datetime.min.time()),
        **kw,  # type: ignore[arg-type]
    )


# -- business days ------------------------------------------------------------------------
def test_business_days_skip_the_weekend() -> None:
    assert fu.next_business_day(THU) == FRI
    assert fu.next_business_day(FRI) == MON
    assert fu.next_business_day(SAT) == MON
    assert fu.add_business_days(WED, 0) == WED
    assert fu.add_business_days(WED, 3) == MON
    assert fu.business_days_between(FRI, MON) == 1
    assert fu.business_days_between(WED, date(2026, 12, 2)) == 10
    assert fu.business_days_between(MON, WED) == 0


@pytest.mark.parametrize("days", range(0, 30))
def test_business_days_between_agrees_with_stepping(days: int) -> None:
    start = SAT
    end = date.fromordinal(start.toordinal() + days)
    stepped = sum(
        fu.is_business_day(date.fromordinal(start.toordinal() + i)) for i in range(1, days + 1)
    )
    assert fu.business_days_between(start, end) == stepped


# -- task states --------------------------------------------------------------------------
def test_overdue_due_today_and_upcoming() -> None:
    assert fu.task_state(promise(date(2026, 11, 17)), WED) == fu.OVERDUE
    assert fu.standing(promise(date(2026, 11, 16)), WED).days_late == 2
    assert fu.task_state(promise(WED), WED) == fu.DUE_TODAY
    assert fu.task_state(promise(None), WED) == fu.UNDATED
    todo = Task(id=2, title="Order cards", kind="todo", due=date(2026, 12, 30))
    assert fu.task_state(todo, WED) == fu.UPCOMING
    assert fu.task_state(Task(id=3, title="x", status="done", due=WED), WED) == fu.DONE


def test_at_risk_when_due_within_one_working_day() -> None:
    # Friday's promise is at risk on Thursday; Monday's is at risk on Friday (weekend skipped).
    assert fu.task_state(promise(FRI, created=THU), THU) == fu.AT_RISK
    assert fu.task_state(promise(MON, created=FRI), FRI) == fu.AT_RISK
    assert fu.task_state(promise(date(2026, 11, 24), created=FRI), FRI) == fu.UPCOMING
    # Only promises are "at risk"; an ordinary task due tomorrow is just upcoming.
    todo = Task(id=2, title="Order cards", kind="todo", due=THU)
    assert fu.task_state(todo, WED) == fu.UPCOMING


def test_at_risk_past_most_of_the_window_without_progress() -> None:
    # Made Nov 1, due Dec 1: a 30-day window; three quarters (22.5 days) gone on Nov 24.
    made, due = date(2026, 11, 1), date(2026, 12, 1)
    assert fu.task_state(promise(due, made), date(2026, 11, 23)) == fu.UPCOMING
    assert fu.task_state(promise(due, made), date(2026, 11, 24)) == fu.AT_RISK
    assert fu.window_used(promise(due, made), date(2026, 11, 16)) == pytest.approx(0.5)


def test_progress_inside_the_window_keeps_it_off_at_risk() -> None:
    made, due = date(2026, 11, 1), date(2026, 12, 1)
    worked = promise(due, made, progress_at=datetime(2026, 11, 20, 9, 0))
    assert fu.made_progress(worked)
    assert fu.task_state(worked, date(2026, 11, 25)) == fu.UPCOMING
    # ...but not from the last working day before the deadline.
    assert fu.task_state(worked, date(2026, 11, 30)) == fu.AT_RISK


def test_a_late_notice_restarts_the_window() -> None:
    told = promise(
        date(2026, 11, 27), date(2026, 11, 1), late_notice_at=datetime(2026, 11, 19, 10, 0)
    )
    assert fu.window_start(told) == date(2026, 11, 19)
    assert fu.task_state(told, date(2026, 11, 20)) == fu.UPCOMING  # 1 of 8 days gone
    # Progress recorded before the client was told does not count for the new window.
    old = promise(
        date(2026, 11, 27),
        date(2026, 11, 1),
        late_notice_at=datetime(2026, 11, 19, 10, 0),
        progress_at=datetime(2026, 11, 10, 10, 0),
    )
    assert not fu.made_progress(old)


def test_snooze_hides_and_then_a_deferred_task_is_due_the_day_it_wakes() -> None:
    todo = Task(
        id=2, title="Call about the invoice", kind="todo", due=date(2026, 11, 10), snoozed_until=FRI
    )
    assert fu.task_state(todo, WED) == fu.SNOOZED
    assert fu.task_state(todo, FRI) == fu.DUE_TODAY
    assert fu.standing(todo, MON).days_late == 3
    # A promise keeps its date: the client is still waiting while it sleeps.
    kept = promise(date(2026, 11, 10), snoozed_until=FRI)
    assert fu.task_state(kept, FRI) == fu.OVERDUE


def test_away_holds_everything_and_moves_due_dates_to_the_return() -> None:
    away = fu.Away(start=THU, until=date(2026, 11, 27))
    assert away.return_day == date(2026, 11, 30)
    late = promise(date(2026, 11, 10))
    assert fu.task_state(late, FRI, away) == fu.HELD
    assert fu.task_state(promise(date(2026, 12, 20)), FRI, away) == fu.UPCOMING
    during = promise(date(2026, 11, 24))
    assert fu.effective_due(during, away) == date(2026, 11, 30)
    assert fu.task_state(during, date(2026, 11, 30), away) == fu.DUE_TODAY
    assert fu.task_state(during, date(2026, 12, 1), away) == fu.OVERDUE
    assert fu.task_state(late, date(2026, 11, 30), away) == fu.OVERDUE


def test_new_date_offered_by_a_late_note() -> None:
    assert fu.proposed_new_date(promise(date(2026, 11, 16)), WED) == FRI
    assert fu.proposed_new_date(promise(FRI), WED) == date(2026, 11, 24)


# -- replies ----------------------------------------------------------------------------------
def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


def test_reply_warning_past_one_business_day() -> None:
    received = at(date(2026, 11, 16))  # Monday 9:00
    assert fu.reply_age(received, at(date(2026, 11, 16), 14)).level == fu.OK
    assert fu.reply_age(received, at(date(2026, 11, 16), 14)).label == "5 h"
    tuesday = fu.reply_age(received, at(date(2026, 11, 17), 8))
    assert (tuesday.level, tuesday.label) == (fu.CAUTION, "23 h")
    thursday = fu.reply_age(received, at(THU))
    assert (thursday.level, thursday.days, thursday.label) == (fu.WARNING, 3, "3 days")


def test_a_friday_voicemail_is_owed_on_monday_not_saturday() -> None:
    age = fu.reply_age(at(FRI, 17), at(SUN))
    assert (age.reply_by, age.level) == (MON, fu.OK)
    assert fu.reply_age(at(FRI, 17), at(date(2026, 11, 24))).level == fu.WARNING


def test_replies_wait_quietly_while_away_and_are_owed_on_return() -> None:
    away = fu.Away(start=THU, until=date(2026, 11, 27))
    received = at(FRI)
    assert fu.reply_age(received, at(date(2026, 11, 25)), away).level == fu.AWAY
    assert fu.reply_by(received.date(), away) == date(2026, 11, 30)
    assert fu.reply_age(received, at(date(2026, 11, 30)), away).level == fu.CAUTION
    assert fu.reply_age(received, at(date(2026, 12, 1)), away).level == fu.WARNING
    # Received the day before leaving: owed the first day back, not while away.
    assert fu.reply_by(WED, away) == date(2026, 11, 30)


# -- cadence ----------------------------------------------------------------------------------
def test_out_of_touch_is_ordered_by_how_overdue() -> None:
    def client(cid: int, name: str, last: date | None, cadence: int | None) -> fu.Contactable:
        return fu.Contactable(cid, name, last, date(2025, 1, 1), cadence)

    found = fu.out_of_touch(
        [
            client(1, "Recent", date(2026, 11, 1), None),
            client(2, "Ninety past", date(2026, 6, 1), None),  # 170 days, cadence 60: 110
            client(3, "Weekly", date(2026, 10, 1), 14),  # 48 days, cadence 14: 34
            client(4, "Never", None, None),  # added 2025-01-01: 686 days
            client(5, "Exactly", date(2026, 9, 19), None),  # 60 days: not past
        ],
        WED,
        60,
    )
    assert [c.client for c in found] == ["Never", "Ninety past", "Weekly"]
    assert found[1].overdue_by == 110 and found[1].cadence_days == 60
    assert found[0].last_contact is None


# -- introductions ----------------------------------------------------------------------------
def intro(**kw: object) -> Introduction:
    return Introduction(
        id=1,
        lead_id=2,
        lead="Tom Lee",
        referrer_id=3,
        referrer="Maria Gonzalez",
        introduced_on=date(2026, 11, 16),
        **kw,  # type: ignore[arg-type]
    )


def test_intro_call_is_due_n_days_after_the_email_while_the_lead_is_silent() -> None:
    assert not fu.call_needed(intro(), THU, 3)  # never emailed: no call yet
    emailed = intro(contacted_at=at(date(2026, 11, 16)))
    assert fu.call_due_on(emailed, 3) == THU
    assert not fu.call_needed(emailed, WED, 3)
    assert fu.call_needed(emailed, THU, 3)
    assert not fu.call_needed(intro(contacted_at=at(date(2026, 11, 16)), called_at=at(THU)), FRI, 3)
    answered = intro(contacted_at=at(date(2026, 11, 16)), lead_answered_at=at(WED))
    assert not fu.call_needed(answered, FRI, 3)
    assert [s.key for s in fu.intro_steps(answered, FRI, 3)] == ["thank_referrer", "email_lead"]


def test_intro_titles_and_open_state() -> None:
    chain = intro()
    assert fu.thank_referrer_title(chain) == "Thank Maria for introducing Tom Lee"
    assert fu.email_lead_title(chain) == "Email Tom Lee (Maria's introduction)"
    assert fu.intro_open(chain)
    done = intro(thanked_at=at(WED), contacted_at=at(WED), lead_answered_at=at(THU))
    assert not fu.intro_open(done)
