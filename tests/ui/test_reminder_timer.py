"""Reminder scheduling with a fake clock: at start, every few minutes, at midnight."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from rapport import clock
from rapport.services import clients, tasks
from rapport.ui.reminder_timer import EVERY_MS, MIDNIGHT_SLACK_MS, ReminderTimer
from rapport.ui.window_prefs import last_seen, set_last_seen


class FakeClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kw: float) -> None:
        self.moment += timedelta(**kw)


@pytest.fixture
def ini(qapp: Any, tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def due_book(book: Path) -> None:
    bob = clients.create_client("Bob Smith")
    tasks.add_task("Send the proposal", bob.id, "2026-11-18", "promise")
    tasks.add_task("Book the lunch", bob.id, "2026-11-19")


def _notices(timer: ReminderTimer) -> list[Any]:
    seen: list[Any] = []
    timer.due.connect(seen.append)
    return seen


def test_first_start_ever_announces_nothing_but_remembers(ini: QSettings, due_book: None) -> None:
    fake = FakeClock(datetime(2026, 11, 18, 9, 0))
    timer = ReminderTimer(ini, now=fake)
    seen = _notices(timer)
    timer.start()
    assert seen == []
    assert last_seen(ini) == fake.moment
    assert timer.counts.due_today == 1
    timer.stop()


def test_summary_at_start_then_midnight_then_quiet(ini: QSettings, due_book: None) -> None:
    set_last_seen(ini, datetime(2026, 11, 17, 18, 30))  # the app was closed last evening
    fake = FakeClock(datetime(2026, 11, 18, 9, 0))
    timer = ReminderTimer(ini, now=fake)
    seen = _notices(timer)
    timer.start()
    assert [(n.title, n.body) for n in seen] == [
        ("While Rapport was closed, 1 task came due", "• Send the proposal (Bob Smith)")
    ]
    assert timer.every.isActive() and timer.every.interval() == EVERY_MS
    assert timer.midnight.isActive()
    assert timer.msecs_to_midnight() == 15 * 3600 * 1000 + MIDNIGHT_SLACK_MS

    fake.advance(minutes=5)
    timer.look()  # the every-few-minutes look: nothing new
    assert len(seen) == 1

    fake.moment = datetime(2026, 11, 19, 0, 0, 2)
    timer.midnight.timeout.emit()
    assert [n.body for n in seen[1:]] == ["• Book the lunch (Bob Smith)"]
    assert seen[1].title == "A task is due"
    assert timer.midnight.isActive()  # the next midnight is scheduled
    assert timer.counts.overdue == 1 and timer.counts.due_today == 1
    timer.stop()
    assert not timer.every.isActive() and not timer.midnight.isActive()


def test_a_task_added_for_tomorrow_is_announced_at_midnight(ini: QSettings, book: Path) -> None:
    fake = FakeClock(datetime(2026, 11, 18, 16, 0))
    set_last_seen(ini, fake.moment)
    timer = ReminderTimer(ini, now=fake)
    seen = _notices(timer)
    bob = clients.create_client("Bob Smith")
    fake.advance(minutes=5)
    timer.look()
    tasks.add_task("Pricing by Thursday", bob.id, "2026-11-19", "promise")
    fake.moment = datetime(2026, 11, 19, 0, 0, 2)
    timer.look()
    assert [n.title for n in seen] == ["A promise is due"]


def test_notifications_off_still_moves_the_last_look(ini: QSettings, due_book: None) -> None:
    set_last_seen(ini, datetime(2026, 11, 17, 18, 30))
    fake = FakeClock(datetime(2026, 11, 18, 9, 0))
    timer = ReminderTimer(ini, now=fake)
    timer.enabled = False
    seen = _notices(timer)
    due = timer.look()
    assert [r.title for r in due] == ["Send the proposal"]
    assert seen == []
    assert last_seen(ini) == fake.moment


def test_a_clock_set_back_starts_afresh(ini: QSettings, due_book: None) -> None:
    set_last_seen(ini, datetime(2026, 11, 20, 9, 0))  # from a clock that ran ahead
    timer = ReminderTimer(ini, now=FakeClock(datetime(2026, 11, 18, 9, 0)))
    seen = _notices(timer)
    timer.look()
    assert seen == []
    assert last_seen(ini) == datetime(2026, 11, 18, 9, 0)


def test_the_default_clock_honours_rapport_today(ini: QSettings, book: Path) -> None:
    timer = ReminderTimer(ini)
    assert timer.now().date() == clock.today() == datetime(2026, 11, 18).date()
