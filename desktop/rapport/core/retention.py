"""Which automatic backups to keep: the newest of each of the last N days, weeks, months.

The rule is the one borg and restic call "prune": going from the newest backup back in
time, keep the first backup of each of the last ``daily`` days that have one, of each of
the last ``weekly`` ISO weeks and of each of the last ``monthly`` months. A backup kept
by any rule is kept. With the defaults (7, 4, 12) a year of daily backups shrinks to
about 20 files, and yesterday's, last week's and last month's states are all there.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import datetime

DEFAULT_RETENTION = {"daily": 7, "weekly": 4, "monthly": 12}


def to_keep(
    stamps: Sequence[datetime], daily: int = 7, weekly: int = 4, monthly: int = 12
) -> set[int]:
    """Indexes into ``stamps`` of the backups to keep (``stamps`` in any order)."""
    order = sorted(range(len(stamps)), key=lambda i: stamps[i], reverse=True)
    keep: set[int] = set()
    rules: list[tuple[int, Callable[[datetime], Hashable]]] = [
        (daily, lambda s: s.date()),
        (weekly, lambda s: s.isocalendar()[:2]),
        (monthly, lambda s: (s.year, s.month)),
    ]
    for count, period in rules:
        seen: set[Hashable] = set()
        for index in order:
            if len(seen) >= max(count, 0):
                break
            key = period(stamps[index])
            if key not in seen:
                seen.add(key)
                keep.add(index)
    if order:
        keep.add(order[0])  # the newest backup is never pruned
    return keep


def parse_retention(value: object) -> tuple[int, int, int]:
    """(daily, weekly, monthly) from the ``backup_retention`` setting; defaults for junk."""
    result = []
    source = value if isinstance(value, dict) else {}
    for key in ("daily", "weekly", "monthly"):
        raw = source.get(key, DEFAULT_RETENTION[key])
        number = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
        result.append(DEFAULT_RETENTION[key] if number is None or number < 0 else min(number, 1000))
    return result[0], result[1], result[2]
