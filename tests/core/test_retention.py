"""Which automatic backups survive pruning."""

from __future__ import annotations

from datetime import datetime, timedelta

from rapport.core.retention import parse_retention, to_keep


def test_a_year_of_daily_backups_keeps_7_daily_4_weekly_12_monthly() -> None:
    start = datetime(2026, 11, 18, 9, 0)
    stamps = [start - timedelta(days=n) for n in range(400)]
    kept = sorted((stamps[i] for i in to_keep(stamps, 7, 4, 12)), reverse=True)
    days = [(start - s).days for s in kept]
    assert days[:7] == [0, 1, 2, 3, 4, 5, 6], "the last seven days"
    assert len(kept) <= 7 + 4 + 12
    months = {(s.year, s.month) for s in kept}
    assert len(months) == 12, "one per month for a year"
    assert (start - kept[-1]).days < 366


def test_the_newest_of_each_day_is_kept_and_several_a_day_are_pruned() -> None:
    day = datetime(2026, 11, 18)
    stamps = [day + timedelta(hours=h) for h in (8, 12, 18)]
    assert to_keep(stamps, 7, 0, 0) == {2}


def test_zero_everywhere_still_keeps_the_newest() -> None:
    stamps = [datetime(2026, 1, 1), datetime(2026, 6, 1)]
    assert to_keep(stamps, 0, 0, 0) == {1}
    assert to_keep([], 7, 4, 12) == set()


def test_retention_setting_is_read_defensively() -> None:
    assert parse_retention({"daily": 3, "weekly": 2, "monthly": 1}) == (3, 2, 1)
    assert parse_retention(None) == (7, 4, 12)
    assert parse_retention({"daily": "lots", "weekly": -1, "monthly": True}) == (7, 4, 12)
