"""``rapport bench``: how long the app's own operations take on the open book.

Every operation is timed in this process with ``time.perf_counter``: one warm-up, then
``runs`` repetitions (at least 50), each on a different input drawn from the book
(bench/inputs.py), so that a cache answering the same question twice does not
flatter the figures. What is timed is what the window and the command line call:

- search: ``search.search`` as the search box runs it (names, prefixes, interests,
  companies, two-word queries);
- profile: ``clients.profile`` of a random client, what opening a client reads;
- brief: ``brief.brief`` of a random client (``rapport brief``);
- capture parse: ``capture.understand_with`` of a varied note against the book's clients
  prepared once, as the capture window re-reads a note at each pause in typing. Its
  warm-up is one note of each template (other notes than the timed ones): the grammar's
  patterns compile on first use (``text.LazyRegex``), each the first time a note holds
  one of its words, 0.3 to 0.5 ms a pattern, once a process; timed with one warm-up
  note, the first ten timed notes compiled some 70 of them, 9 to 13 ms each, and they
  were the p95 (3.6 ms once compiled). The window compiles the whole grammar at idle
  after its first paint (``capture_dry.warm_grammar``), and so does the warm-up here;
  that cost is reported on its own (``capture_parse_warm_ms``, with the warm-up notes);
  a team book's search functions likewise, called once when the window's search thread
  starts (``search.warm``; ``search_warm_ms``);
- save: ``capture.save_capture`` of such a note with what it understood;
- today: ``today.today``, everything the Today page shows;
- list clients: ``clients.list_clients`` (``rapport clients``), and the window's list,
  which reads a count and its first page of 200 (``client_list.count`` and ``page``).

**The book's file is read once before timing** (``read_book_file``), so that every run
times the same thing: the code, with the book in the operating system's file cache. A
first run after the book was copied, restored or pushed out of the cache by other work
otherwise read its pages from the disk inside the timed operations: on the big book,
3,920 blocks (2 MB) read during the 50 saves of such a run and none in the next, save CPU
p95 5.8 against 3.6 ms, search 9.2 against 5.4 (the "first run of a sitting" that was
slower than the next two, issue 22). Reading the file costs about a tenth of a second
warm, and each operation still reports what it read from the disk while timed
(``<name>_disk_kb``, from ``getrusage``), which is 0 when the figures are the code's.

**Nothing is kept.** Saving and Today (which may create due call tasks) run inside a
transaction that is rolled back (``store.db.rolled_back``): the book is exactly as it
was, and the figures cover all of a save's work except the final COMMIT, which in WAL
mode with ``synchronous=normal`` appends the new pages to the log without an fsync.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rapport.bench.inputs import NOTES, BenchInputs, make_inputs

MIN_RUNS = 50
T = TypeVar("T")


def percentile(values: Sequence[float], q: float) -> float | None:
    """The nearest-rank percentile (``q`` in 0..100) of ``values``; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil(n * q / 100), at least 1
    return ordered[int(rank) - 1]


@dataclass(frozen=True)
class Timing:
    """Milliseconds of each repetition of one operation: on the clock (``samples``) and
    on this thread's CPU (``cpu``, ``time.thread_time``).

    The two tell the code's cost from the machine's: on shared cores a repetition's
    clock time also holds the time the thread waited for a core (or, rarely, for a page
    read from disk), and the p95 of a few milliseconds is where that shows. Search's
    outliers of 15 to 18 ms were such waits: 3 involuntary context switches per slow
    search against 1.3 in the others (``getrusage``), their CPU time that of the rest,
    and no garbage collection among them (README, Performance).
    """

    name: str
    samples: list[float]
    cpu: list[float] = field(default_factory=list)
    # Kilobytes this thread read from the disk (not the file cache) during the timed runs.
    disk_kb: float = 0.0

    # None when nothing could be timed (an empty book has no client to open).
    @property
    def p50(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def p95(self) -> float | None:
        return percentile(self.samples, 95)

    @property
    def max(self) -> float | None:
        return max(self.samples, default=None)

    @property
    def cpu_p50(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    @property
    def cpu_p95(self) -> float | None:
        return percentile(self.cpu, 95)


@dataclass
class BenchReport:
    clients: int
    notes: int
    runs: int
    timings: dict[str, Timing] = field(default_factory=dict)
    largest: dict[str, float] = field(default_factory=dict)  # profile/brief of the biggest
    once: dict[str, float] = field(default_factory=dict)  # what is paid once a process

    def as_json(self) -> dict[str, Any]:
        """The CLI.md bench object, then extras (every figure in milliseconds; null for what
        the book gave nothing to time, as an empty book gives no client to open)."""
        t = self.timings

        def ms(value: float | None) -> float | None:
            return None if value is None else round(value, 3)

        out: dict[str, Any] = {
            "clients": self.clients,
            "notes": self.notes,
            "search_p50_ms": ms(t["search"].p50),
            "search_p95_ms": ms(t["search"].p95),
            "profile_p95_ms": ms(t["profile"].p95),
            "save_p95_ms": ms(t["save"].p95),
            "capture_parse_p95_ms": ms(t["capture_parse"].p95),
            "today_ms": ms(t["today"].p50),
        }
        out.update(
            {
                "brief_p50_ms": ms(t["brief"].p50),
                "brief_p95_ms": ms(t["brief"].p95),
                "profile_p50_ms": ms(t["profile"].p50),
                "save_p50_ms": ms(t["save"].p50),
                "capture_parse_p50_ms": ms(t["capture_parse"].p50),
                "today_p95_ms": ms(t["today"].p95),
                "list_clients_ms": ms(t["list_clients"].p50),
                "client_list_page_ms": ms(t["client_list_page"].p50),
                "search_max_ms": ms(t["search"].max),
                "profile_largest_ms": ms(self.largest.get("profile")),
                "brief_largest_ms": ms(self.largest.get("brief")),
                # The grammar's patterns compiled on first use, before capture parse's runs.
                "capture_parse_warm_ms": ms(self.once.get("capture_parse_warm")),
                # A team book's search functions called once, before search's runs.
                "search_warm_ms": ms(self.once.get("search_warm")),
                "runs": self.runs,
                # The same operations' CPU time (see Timing): what the code costs, without
                # the waits for a core that shared machines add to the clock.
                **{
                    f"{name}_cpu_{which}_ms": ms(getattr(timing, f"cpu_{which}"))
                    for name, timing in t.items()
                    for which in ("p50", "p95")
                },
                # What each operation read from the disk while timed (0: all from the cache).
                **{f"{name}_disk_kb": round(timing.disk_kb, 1) for name, timing in t.items()},
                "book_read_ms": ms(self.once.get("book_read")),
                "save_mode": "rolled back transaction",
            }
        )
        return out


if sys.platform == "win32":  # no getrusage: nothing to say about the disk

    def _blocks_read() -> int:
        return 0

else:
    import resource

    # getrusage's blocks are 512 bytes; RUSAGE_THREAD is Linux's (else the process's).
    _RUSAGE_WHO = getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF)

    def _blocks_read() -> int:
        return resource.getrusage(_RUSAGE_WHO).ru_inblock


def _time(
    fn: Callable[[T], Any], inputs: Sequence[T], runs: int
) -> tuple[list[float], list[float], float]:
    """One warm-up on the first input, then ``runs`` timed calls on varied inputs: the
    milliseconds of each on the clock and on this thread's CPU, and the kilobytes read
    from the disk during the timed calls."""
    if not inputs:
        return [], [], 0.0
    fn(inputs[0])
    samples, cpu = [], []
    blocks = _blocks_read()
    for index in range(runs):
        value = inputs[(index + 1) % len(inputs)]
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn(value)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        samples.append((time.perf_counter() - start) * 1000)
    return samples, cpu, (_blocks_read() - blocks) / 2


def read_book_file(path: os.PathLike[str] | str, chunk: int = 1 << 20) -> int:
    """Read the book's database file (and its write-ahead log) once from start to end, so
    that the operating system's file cache holds it; the bytes read (0 for a book that is
    not a file, as a team book on a server)."""
    total = 0
    buffer = bytearray(chunk)  # one buffer, filled again and again: nothing allocated
    for name in (os.fspath(path), os.fspath(path) + "-wal"):
        try:
            with open(name, "rb", buffering=0) as file:
                while count := file.readinto(buffer):
                    total += count
        except FileNotFoundError:
            continue
    return total


def _once(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def run_bench(runs: int = MIN_RUNS, seed: int = 1) -> BenchReport:
    """Time every operation on the open book; see the module docstring."""
    from rapport.services import (
        book,
        brief,
        capture,
        capture_dry,
        client_list,
        clients,
        search,
        today,
    )
    from rapport.store import models as m
    from rapport.store.db import rolled_back

    runs = max(runs, MIN_RUNS)
    report = BenchReport(
        clients=m.Client.select().count(), notes=m.Interaction.select().count(), runs=runs
    )
    opened = book.current_book()
    if opened is not None:  # see the module docstring
        path = opened.database_path
        report.once["book_read"] = _once(lambda: read_book_file(path))
    inputs: BenchInputs = make_inputs(runs + 1, seed)
    timings = report.timings

    def timed(name: str, fn: Callable[[Any], Any], values: Sequence[Any]) -> None:
        timings[name] = Timing(name, *_time(fn, values, runs))

    # as the window's search thread does when it starts, after the first paint
    report.once["search_warm"] = _once(search.warm)
    timed(
        "search",
        lambda q: search.search(q, search.AS_YOU_TYPE_LIMIT, search.AS_YOU_TYPE_PER_KIND),
        inputs.queries,
    )
    timed("profile", clients.profile, inputs.client_ids)
    timed("brief", brief.brief, inputs.client_ids)
    index = capture.client_index()
    warm_notes = make_inputs(len(NOTES), seed + 1).notes  # one of each template, not timed

    def warm() -> None:
        # as the window does at idle after its first paint (ui/capture_entry.py)
        if opened is not None:
            capture_dry.warm_grammar(opened.data_dir)
        for note in warm_notes:
            capture.understand_with(note, index)

    if warm_notes:  # an empty book has no notes to understand
        report.once["capture_parse_warm"] = _once(warm)
    timed("capture_parse", lambda note: capture.understand_with(note, index), inputs.notes)
    understood = {note: capture.understand_with(note, index) for note in inputs.notes}
    for note, found in understood.items():
        if not (found.get("client") or {}).get("name"):  # as the user would pick one
            capture.set_client(found, clients.get_client(inputs.note_clients[note]))

    def save(note: str) -> None:
        with rolled_back():
            capture.save_capture(note, understood[note])

    timed("save", save, inputs.notes)

    def read_today(_: object) -> None:
        with rolled_back():
            today.today()

    timed("today", read_today, range(runs + 1))
    timed("list_clients", lambda _: clients.list_clients(), range(runs + 1))

    def first_page(_: object) -> None:
        query = client_list.ClientQuery()
        client_list.count(query)
        client_list.page(query, 0, 200)

    timed("client_list_page", first_page, range(runs + 1))
    if inputs.largest_client is not None:
        largest = inputs.largest_client
        report.largest["profile"] = _once(lambda: clients.profile(largest))
        report.largest["brief"] = _once(lambda: brief.brief(largest))
    return report
