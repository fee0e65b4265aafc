from __future__ import annotations

from datetime import date, datetime

from rapport.core.promises import score
from rapport.core.records import Task

TODAY = date(2026, 11, 18)


def _task(due: str | None, done: str | None = None, promised: bool = True) -> Task:
    return Task(
        id=1,
        title="t",
        kind="promise" if promised else "todo",
        due=date.fromisoformat(due) if due else None,
        status="done" if done else "open",
        promised=promised,
        done_at=datetime.fromisoformat(done) if done else None,
    )


def test_kept_late_and_open() -> None:
    result = score(
        [
            _task("2026-11-10", "2026-11-09 10:00"),  # kept
            _task("2026-11-10", "2026-11-12 10:00"),  # kept late
            _task("2026-11-15"),  # open past due: late
            _task("2026-11-25"),  # not due yet
            _task(None),  # no date: not judged
            _task("2026-11-10", "2026-11-11 10:00", promised=False),  # not a promise
        ],
        TODAY,
    )
    assert (result.kept, result.late, result.open) == (1, 2, 1)
    assert result.ratio == 1 / 3
    assert result.label() == "33% kept on time (1 of 3)"


def test_old_promises_fall_out_of_the_window() -> None:
    assert score([_task("2026-01-10", "2026-01-09 10:00"), _task("2026-02-01")], TODAY).judged == 0


def test_nothing_due_has_no_ratio() -> None:
    result = score([], TODAY)
    assert result.ratio is None
    assert result.label() == "no promises due yet"
