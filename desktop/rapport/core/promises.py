"""Promise accounting: kept on time, kept late, still open past the deadline.

The follow-through score is the share of promises due in the last ``window_days`` that
were kept by their due date. Open promises whose date has passed count as late; those
not yet due do not count either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rapport.core.records import Task

WINDOW_DAYS = 90


@dataclass(frozen=True, slots=True)
class PromiseScore:
    kept: int  # done on or before the due date
    late: int  # done after the due date, or still open past it
    open: int  # not due yet

    @property
    def judged(self) -> int:
        return self.kept + self.late

    @property
    def ratio(self) -> float | None:
        """Kept on time over judged, or None when nothing was due."""
        return self.kept / self.judged if self.judged else None

    def label(self) -> str:
        if self.ratio is None:
            return "no promises due yet"
        return f"{round(self.ratio * 100)}% kept on time ({self.kept} of {self.judged})"


def is_promise(task: Task) -> bool:
    return task.promised or task.kind == "promise"


def outcome(task: Task, today: date) -> str | None:
    """kept (done by the due date), late (done after it, or open past it), open (not due
    yet), or None for a task that is not a dated promise."""
    if not is_promise(task) or task.due is None:
        return None
    if task.status == "done":
        finished = task.done_at.date() if task.done_at else task.due
        return "kept" if finished <= task.due else "late"
    return "late" if task.due < today else "open"


def score(tasks: Iterable[Task], today: date, window_days: int = WINDOW_DAYS) -> PromiseScore:
    since = today - timedelta(days=window_days)
    kept = late = still_open = 0
    for task in tasks:
        result = outcome(task, today)
        if result is None or task.due is None:
            continue
        if task.status == "done":
            finished = task.done_at.date() if task.done_at else task.due
            if not since <= task.due <= today and not since <= finished <= today:
                continue
        elif result == "late" and task.due < since:
            continue
        if result == "kept":
            kept += 1
        elif result == "late":
            late += 1
        else:
            still_open += 1
    return PromiseScore(kept, late, still_open)
