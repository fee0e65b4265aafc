"""How long understanding a note takes, in this process (the bar: p95 under 20 ms).

Moved here from tests/core/test_capture.py: the default suite asserts no time. Run with
``pytest tests/bench/test_capture_speed.py -s``; it prints the figures and adds them to
bench-report.json, and asserts nothing about them.
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rapport.core.understand.pipeline import understand

pytestmark = pytest.mark.bench
OWN_NOTES = Path(__file__).parents[1] / "core" / "capture_notes.jsonl"
WED = date(2026, 11, 18)


def _ms(seconds: list[float], q: float) -> float:
    ordered = sorted(seconds)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000, 2)


def test_typical_notes(report: dict[str, Any]) -> None:
    """Each labelled note understood once to warm up, then timed once: p50 and p95."""
    notes = [json.loads(line) for line in OWN_NOTES.read_text("utf-8").splitlines()]
    for note in notes:
        understand(note["text"], date.fromisoformat(note["today"]))
    times = []
    for note in notes:
        started = time.perf_counter()
        understand(note["text"], date.fromisoformat(note["today"]))
        times.append(time.perf_counter() - started)
    figures = {
        "notes": len(times),
        "p50_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": _ms(times, 0.95),
    }
    report["capture_understanding"] = figures
    print(f"\ncapture understanding, typical notes: {figures} (bar: p95 under 20 ms)")


def test_100_kb_of_text(report: dict[str, Any]) -> None:
    """A 100 kB paste (cut at the engine's limit): the median of five runs after a warm-up."""
    line = "Lunch w/ Bob Smith. His son Jake, 12, plays baseball. I'll send pricing by Friday.\n"
    text = line * (100_000 // len(line) + 1)
    understand(text, WED)  # warm caches
    times = []
    for _ in range(5):
        started = time.perf_counter()
        understand(text, WED)
        times.append(time.perf_counter() - started)
    median_ms = round(statistics.median(times) * 1000, 1)
    report["capture_understanding_100kb_ms"] = median_ms
    print(f"\ncapture understanding, 100 kB of text: {median_ms} ms (bar: under 1 s)")
